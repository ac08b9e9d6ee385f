//! A help request as typed, and its checks.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Deserialize;

use super::{HelpType, Urgency};
use crate::opportunity::{DEFAULT_TZ, local_to_utc, point};
use crate::phone::Phone;
use crate::reference::beneficiary_category;
use crate::region::RegionCode;
use crate::text::{optional_text, required_multiline_text};
use crate::{Invalid, Lang};

/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2000;
/// Longest locality, in characters.
pub const MAX_LOCALITY_CHARS: usize = 200;
/// Longest address, in characters.
pub const MAX_ADDRESS_CHARS: usize = 300;
/// Longest name of the person, in characters.
pub const MAX_REQUEST_NAME_CHARS: usize = 200;

/// A help request as typed in a form or sent as JSON: every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct RequestInput {
    /// Beneficiary category code (`elderly`, ...).
    pub category: String,
    /// [`HelpType`] code.
    pub help_type: String,
    /// What is needed.
    pub description: String,
    /// Region code (`KZ-55`).
    pub region: String,
    /// Town or village (optional).
    pub locality: String,
    /// Street address (required for home visits).
    pub address: String,
    /// Latitude (required for home visits).
    pub lat: String,
    /// Longitude (required for home visits).
    pub lon: String,
    /// Phone number.
    pub phone: String,
    /// Name of the person (optional).
    pub name: String,
    /// Preferred language (`kk`, `ru`, `en`; default `kk`).
    pub lang: String,
    /// [`Urgency`] code (default `normal`).
    pub urgency: String,
    /// Start of the preferred window, local Asia/Almaty `YYYY-MM-DDTHH:MM` (optional).
    pub preferred_from: String,
    /// End of the preferred window, local Asia/Almaty `YYYY-MM-DDTHH:MM` (optional).
    pub preferred_to: String,
}

/// A checked help request.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidRequest {
    /// Beneficiary category code.
    pub category: &'static str,
    /// The kind of help.
    pub help: HelpType,
    /// What is needed (trimmed; line breaks kept).
    pub description: String,
    /// The region.
    pub region: RegionCode,
    /// Town or village.
    pub locality: Option<String>,
    /// Street address (always present for home visits).
    pub address: Option<String>,
    /// Map point `(lat, lon)` inside Kazakhstan (always present for home visits).
    pub point: Option<(f64, f64)>,
    /// Phone number.
    pub phone: Phone,
    /// Name of the person.
    pub name: Option<String>,
    /// Preferred language.
    pub lang: Lang,
    /// Urgency.
    pub urgency: Urgency,
    /// Preferred window, as instants (start before end).
    pub preferred: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

fn local_time(s: &str) -> Result<Option<DateTime<Utc>>, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S"))
        .map(|d| Some(local_to_utc(DEFAULT_TZ, d)))
        .map_err(|_| Invalid::DateMalformed)
}

fn coordinate(s: &str) -> Result<Option<f64>, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(Invalid::OutsideKazakhstan),
    }
}

/// The value of `r`, or `None` after noting its error against `field`.
fn keep<T>(
    errs: &mut Vec<(&'static str, Invalid)>,
    field: &'static str,
    r: Result<T, Invalid>,
) -> Option<T> {
    r.map_err(|e| errs.push((field, e))).ok()
}

/// Checks a help request. Errors are `(field, reason)` with the [`RequestInput`] field
/// names; point errors (missing, unreadable or outside Kazakhstan) are reported on `lat`.
///
/// The description may span lines. Address and point are required for home visits and
/// optional (but checked) otherwise. The preferred window needs both ends or neither; its
/// end must be after its start ([`Invalid::EndBeforeStart`]) and after `now`
/// ([`Invalid::InPast`]).
pub fn validate(
    i: &RequestInput,
    now: DateTime<Utc>,
) -> Result<ValidRequest, Vec<(&'static str, Invalid)>> {
    let mut errs = Vec::new();

    let category = keep(
        &mut errs,
        "category",
        match i.category.trim() {
            "" => Err(Invalid::Required),
            t => beneficiary_category(t)
                .map(|b| b.code)
                .ok_or(Invalid::ChoiceUnknown),
        },
    );
    let help = keep(&mut errs, "help_type", HelpType::parse(&i.help_type));
    let home = help.is_none_or(|h| h.is_home_visit());
    let description = keep(
        &mut errs,
        "description",
        required_multiline_text(&i.description, MAX_DESCRIPTION_CHARS),
    );
    let region = keep(&mut errs, "region", RegionCode::parse(&i.region));
    let locality = keep(
        &mut errs,
        "locality",
        optional_text(&i.locality, MAX_LOCALITY_CHARS),
    );
    let address = keep(
        &mut errs,
        "address",
        optional_text(&i.address, MAX_ADDRESS_CHARS).and_then(|a| match a {
            None if home => Err(Invalid::Required),
            a => Ok(a),
        }),
    );
    let pt = keep(
        &mut errs,
        "lat",
        coordinate(&i.lat)
            .and_then(|lat| Ok((lat, coordinate(&i.lon)?)))
            .and_then(|c| match c {
                (Some(lat), Some(lon)) => point(lat, lon).map(Some),
                (None, None) if !home => Ok(None),
                _ => Err(Invalid::Required),
            }),
    );
    let phone = keep(&mut errs, "phone", Phone::parse(&i.phone));
    let name = keep(
        &mut errs,
        "name",
        optional_text(&i.name, MAX_REQUEST_NAME_CHARS),
    );
    let lang = keep(
        &mut errs,
        "lang",
        match i.lang.trim() {
            "" => Ok(Lang::Kk),
            t => Lang::parse(t).ok_or(Invalid::ChoiceUnknown),
        },
    );
    let urgency = keep(
        &mut errs,
        "urgency",
        match i.urgency.trim() {
            "" => Ok(Urgency::Normal),
            t => Urgency::parse(t),
        },
    );
    let from = keep(&mut errs, "preferred_from", local_time(&i.preferred_from));
    let to = keep(&mut errs, "preferred_to", local_time(&i.preferred_to));
    let preferred = match (from, to) {
        (Some(Some(a)), Some(Some(b))) => {
            if b <= a {
                keep(&mut errs, "preferred_to", Err(Invalid::EndBeforeStart))
            } else if b <= now {
                keep(&mut errs, "preferred_to", Err(Invalid::InPast))
            } else {
                Some(Some((a, b)))
            }
        }
        (Some(None), Some(None)) => Some(None),
        (Some(Some(_)), Some(None)) => keep(&mut errs, "preferred_to", Err(Invalid::Required)),
        (Some(None), Some(Some(_))) => keep(&mut errs, "preferred_from", Err(Invalid::Required)),
        _ => None,
    };

    match (
        category,
        help,
        description,
        region,
        locality,
        address,
        pt,
        phone,
        name,
        lang,
        urgency,
        preferred,
    ) {
        (
            Some(category),
            Some(help),
            Some(description),
            Some(region),
            Some(locality),
            Some(address),
            Some(point),
            Some(phone),
            Some(name),
            Some(lang),
            Some(urgency),
            Some(preferred),
        ) if errs.is_empty() => Ok(ValidRequest {
            category,
            help,
            description,
            region,
            locality,
            address,
            point,
            phone,
            name,
            lang,
            urgency,
            preferred,
        }),
        _ => Err(errs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap()
    }

    fn input() -> RequestInput {
        RequestInput {
            category: "elderly".into(),
            help_type: "delivery".into(),
            description: "Бір апта дәрі керек.\r\nЛифт жоқ.".into(),
            region: "KZ-75".into(),
            locality: "Алматы".into(),
            address: "Абай даңғылы 10, 5 пәтер".into(),
            lat: "43.2389".into(),
            lon: "76,8897".into(),
            phone: "8 (701) 234-56-78".into(),
            name: "Сәуле".into(),
            lang: "ru".into(),
            urgency: "high".into(),
            preferred_from: "2026-05-02T10:00".into(),
            preferred_to: "2026-05-02T12:30".into(),
        }
    }

    fn errors(i: &RequestInput) -> Vec<(&'static str, &'static str)> {
        match validate(i, now()) {
            Ok(_) => Vec::new(),
            Err(e) => e.into_iter().map(|(f, e)| (f, e.code())).collect(),
        }
    }

    #[test]
    fn a_full_request_is_valid() {
        let v = validate(&input(), now()).unwrap();
        assert_eq!(v.category, "elderly");
        assert_eq!(v.help, HelpType::Delivery);
        assert_eq!(v.description, "Бір апта дәрі керек.\nЛифт жоқ.");
        assert_eq!(v.region.as_str(), "KZ-75");
        assert_eq!(v.locality.as_deref(), Some("Алматы"));
        assert!(v.address.is_some());
        assert_eq!(v.point, Some((43.2389, 76.8897)));
        assert_eq!(v.phone.as_str(), "+77012345678");
        assert_eq!(v.name.as_deref(), Some("Сәуле"));
        assert_eq!(v.lang, Lang::Ru);
        assert_eq!(v.urgency, Urgency::High);
        // Almaty is UTC+5.
        assert_eq!(
            v.preferred,
            Some((
                Utc.with_ymd_and_hms(2026, 5, 2, 5, 0, 0).unwrap(),
                Utc.with_ymd_and_hms(2026, 5, 2, 7, 30, 0).unwrap()
            ))
        );
    }

    #[test]
    fn defaults_and_online_needs_no_address() {
        let i = RequestInput {
            help_type: "online_consultation".into(),
            address: String::new(),
            lat: String::new(),
            lon: String::new(),
            locality: String::new(),
            name: " ".into(),
            lang: String::new(),
            urgency: String::new(),
            preferred_from: String::new(),
            preferred_to: String::new(),
            ..input()
        };
        let v = validate(&i, now()).unwrap();
        assert_eq!(
            (v.address, v.point, v.locality, v.name),
            (None, None, None, None)
        );
        assert_eq!(
            (v.lang, v.urgency, v.preferred),
            (Lang::Kk, Urgency::Normal, None)
        );
        let json: RequestInput =
            serde_json::from_str(r#"{"category":"elderly","phone":"+77012345678"}"#).unwrap();
        assert_eq!(json.category, "elderly");
        assert_eq!(json.lat, "");
    }

    #[test]
    fn every_field_is_checked() {
        assert_eq!(
            errors(&RequestInput::default()),
            vec![
                ("category", "required"),
                ("help_type", "required"),
                ("description", "required"),
                ("region", "required"),
                ("address", "required"),
                ("lat", "required"),
                ("phone", "required"),
            ]
        );
        let bad = RequestInput {
            category: "aliens".into(),
            help_type: "taxi".into(),
            description: "x".repeat(MAX_DESCRIPTION_CHARS + 1),
            region: "KZ-00".into(),
            locality: "y".repeat(MAX_LOCALITY_CHARS + 1),
            address: "z".repeat(MAX_ADDRESS_CHARS + 1),
            lat: "55.75".into(),
            lon: "37.61".into(),
            phone: "12".into(),
            name: "n".repeat(MAX_REQUEST_NAME_CHARS + 1),
            lang: "de".into(),
            urgency: "soon".into(),
            preferred_from: "tomorrow".into(),
            preferred_to: "2026-05-02 12:00".into(),
        };
        assert_eq!(
            errors(&bad),
            vec![
                ("category", "choice_unknown"),
                ("help_type", "choice_unknown"),
                ("description", "too_long"),
                ("region", "region_unknown"),
                ("locality", "too_long"),
                ("address", "too_long"),
                ("lat", "outside_kazakhstan"),
                ("phone", "phone_malformed"),
                ("name", "too_long"),
                ("lang", "choice_unknown"),
                ("urgency", "choice_unknown"),
                ("preferred_from", "date_malformed"),
                ("preferred_to", "date_malformed"),
            ]
        );
    }

    #[test]
    fn points_and_windows() {
        let with = |f: fn(&mut RequestInput)| {
            let mut i = input();
            f(&mut i);
            errors(&i)
        };
        assert_eq!(with(|i| i.lon.clear()), vec![("lat", "required")]);
        assert_eq!(
            with(|i| i.lat = "north".into()),
            vec![("lat", "outside_kazakhstan")]
        );
        assert_eq!(
            with(|i| i.lon = "NaN".into()),
            vec![("lat", "outside_kazakhstan")]
        );
        assert_eq!(
            with(|i| i.address = "  ".into()),
            vec![("address", "required")]
        );
        // Online: a point is optional but still checked.
        assert_eq!(
            with(|i| {
                i.help_type = "online_consultation".into();
                i.lat = "10".into();
            }),
            vec![("lat", "outside_kazakhstan")]
        );
        // `other` is a home visit.
        assert_eq!(
            with(|i| {
                i.help_type = "other".into();
                i.lat.clear();
                i.lon.clear();
            }),
            vec![("lat", "required")]
        );
        assert_eq!(
            with(|i| i.preferred_to = "2026-05-02T10:00".into()),
            vec![("preferred_to", "end_before_start")]
        );
        assert_eq!(
            with(|i| {
                i.preferred_from = "2026-04-01T10:00".into();
                i.preferred_to = "2026-04-01T11:00".into();
            }),
            vec![("preferred_to", "in_past")]
        );
        assert_eq!(
            with(|i| i.preferred_to.clear()),
            vec![("preferred_to", "required")]
        );
        assert_eq!(
            with(|i| i.preferred_from.clear()),
            vec![("preferred_from", "required")]
        );
        assert_eq!(
            with(|i| i.preferred_to = "2026-05-02T12:30:00".into()),
            vec![]
        );
        assert_eq!(with(|i| i.lang = "kk-KZ".into()), vec![]);
    }
}
