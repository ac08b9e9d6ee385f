//! Matching: the volunteers who could take a request, ranked with their reasons (the rule
//! is `domain::help::rank`), and offers to the chosen ones.

use domain::Lang;
use domain::help::{self, HelpType};
use serde::Serialize;
use store::help::{self as store_help, HelpRequest};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{MATCH_KM, TOP, box_deg, managed};
use crate::App;
use crate::OpError;
use crate::auth::SignedIn;
use crate::i18n::Arg;

/// A ranked volunteer with what the coordinator needs to decide.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RankedView {
    /// The volunteer.
    pub id: Uuid,
    /// Her public name.
    pub name: String,
    /// Distance in km (approximate when from her region's centre).
    pub distance_km: Option<f64>,
    /// Score (see `domain::help::rank`).
    pub score: f64,
    /// Why she is ranked here: stable codes with their numbers.
    pub reasons: Vec<ReasonView>,
}

/// One reason of a ranking.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReasonView {
    /// Stable code (translation key `help_reason_<code>`).
    pub code: String,
    /// Its number, if any (km in tenths, skills matched, load, no-shows).
    pub n: Option<i64>,
    /// The reason in words.
    pub text: String,
}

fn facts(r: &HelpRequest) -> Option<help::RequestFacts> {
    Some(help::RequestFacts {
        point: (r.lat?, r.lon?),
        help: HelpType::parse(&r.help_type).ok()?,
        lang: Lang::parse(&r.lang).unwrap_or_default(),
        skills: Vec::new(),
        preferred: r.preferred_from.zip(r.preferred_to),
    })
}

/// Ranks the volunteers who could take a request, best first, each with its reasons.
pub async fn rank(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
) -> Result<Vec<RankedView>, OpError> {
    let r = managed(state, me, id).await?;
    rank_request(state, lang, &r).await
}

/// The ranking of one request (no authorization: the caller checked).
pub(super) async fn rank_request(
    state: &App,
    lang: Lang,
    r: &HelpRequest,
) -> Result<Vec<RankedView>, OpError> {
    let refs = state.reference.get(&state.db).await?;
    let centre = refs
        .regions
        .iter()
        .find(|g| g.code == r.region_code)
        .map(|g| (g.lat, g.lon))
        .ok_or(OpError::NotFound)?;
    let mut f = facts(r).unwrap_or(help::RequestFacts {
        point: centre,
        help: HelpType::parse(&r.help_type).unwrap_or(HelpType::Other),
        lang: Lang::parse(&r.lang).unwrap_or_default(),
        skills: Vec::new(),
        preferred: r.preferred_from.zip(r.preferred_to),
    });
    if r.lat.is_none() {
        f.point = centre;
    }
    let today = crate::today();
    let born_by = f
        .help
        .is_home_visit()
        .then(|| today.checked_sub_months(chrono::Months::new(12 * domain::ADULT_AGE)))
        .flatten();
    // A home visit looks close by first: in a city a few kilometres hold thousands of
    // volunteers, and the ranking there is the ranking of the whole reach as soon as it
    // is settled (see `help::ranking_settled`); else the next box, up to the whole reach.
    let radii: &[f64] = if f.help.is_home_visit() {
        &[2.0, 5.0, 12.0, MATCH_KM]
    } else {
        &[MATCH_KM]
    };
    let (mut rows, mut ranked) = (Vec::new(), Vec::new());
    for &radius in radii {
        let (dlat, dlon) = box_deg(f.point.0, radius);
        rows = store_help::candidates(
            &state.db,
            (f.point.0 - dlat, f.point.0 + dlat),
            (f.point.1 - dlon, f.point.1 + dlon),
            &r.region_code,
            born_by,
            f.preferred,
            20_000,
        )
        .await?;
        let candidates: Vec<help::Candidate> = rows
            .iter()
            .map(|c| {
                let own = c.home_lat.zip(c.home_lon);
                help::Candidate {
                    id: c.id,
                    point: own.or(Some(centre)),
                    approximate: own.is_none(),
                    age: c.birth_date.map(|b| domain::age_on(b, today)),
                    languages: serde_json::from_str(&c.languages).unwrap_or_default(),
                    skills: serde_json::from_str(&c.skills).unwrap_or_default(),
                    busy: if c.busy {
                        f.preferred.into_iter().collect()
                    } else {
                        Vec::new()
                    },
                    open_assignments: u32::try_from(c.open_assignments).unwrap_or(u32::MAX),
                    no_shows: u32::try_from(c.no_shows).unwrap_or(u32::MAX),
                }
            })
            .collect();
        ranked = help::rank(&f, &candidates, MATCH_KM, TOP);
        if help::ranking_settled(&f, &ranked, TOP, radius) {
            break;
        }
    }
    let names: std::collections::HashMap<Uuid, &str> = rows
        .iter()
        .map(|c| (c.id, c.display_name.as_str()))
        .collect();
    let out = ranked
        .into_iter()
        .map(|k| RankedView {
            id: k.id,
            name: names
                .get(&k.id)
                .map(|n| (*n).to_owned())
                .unwrap_or_default(),
            distance_km: k.distance_km,
            score: k.score,
            reasons: k.reasons.iter().map(|x| reason_view(lang, x)).collect(),
        })
        .collect();
    Ok(out)
}

fn reason_view(lang: Lang, r: &help::Reason) -> ReasonView {
    let (n, text) = match r {
        help::Reason::Distance {
            km_tenths,
            approximate,
        } => {
            let km = domain::format_tenths(*km_tenths, lang);
            let _ = approximate;
            (
                Some(*km_tenths),
                crate::i18n::t_args(lang, r.code(), &[("km", Arg::Str(km))]),
            )
        }
        help::Reason::Skills { matched, wanted } => (
            Some(i64::from(*matched)),
            crate::i18n::t_args(
                lang,
                "help_reason_skills",
                &[
                    ("matched", Arg::Num(i64::from(*matched))),
                    ("wanted", Arg::Num(i64::from(*wanted))),
                ],
            ),
        ),
        help::Reason::Load(n) => (
            Some(i64::from(*n)),
            crate::i18n::t_args(lang, "help_reason_load", &[("n", Arg::Num(i64::from(*n)))]),
        ),
        help::Reason::NoShows(n) => (
            Some(i64::from(*n)),
            crate::i18n::t_args(
                lang,
                "help_reason_no_shows",
                &[("n", Arg::Num(i64::from(*n)))],
            ),
        ),
        other => (None, crate::i18n::t(lang, other.code())),
    };
    ReasonView {
        code: r
            .code()
            .strip_prefix("help_reason_")
            .unwrap_or(r.code())
            .to_owned(),
        n,
        text,
    }
}

/// Offers a request to chosen volunteers (each gets an e-mail with the kind of help and the
/// district only).
pub async fn offer(
    state: &App,
    me: &SignedIn,
    id: Uuid,
    volunteers: &[Uuid],
) -> Result<(), OpError> {
    let r = managed(state, me, id).await?;
    if volunteers.is_empty() {
        return Err(OpError::Conflict("nobody_chosen"));
    }
    let mut mails = Vec::new();
    for v in volunteers {
        let Some(u) = store::accounts::user_by_id(&state.db, *v).await? else {
            return Err(OpError::NotFound);
        };
        let l = Lang::parse(&u.preferred_lang).unwrap_or_default();
        let args = [
            ("name", Arg::Str(u.display_name.clone())),
            (
                "help",
                Arg::Str(crate::i18n::t(l, &format!("help_type_{}", r.help_type))),
            ),
            ("place", Arg::Str(r.locality.clone().unwrap_or_default())),
            (
                "link",
                Arg::Str(format!(
                    "{}/help-requests/{}",
                    state.settings.public_url.trim_end_matches('/'),
                    r.id
                )),
            ),
        ];
        mails.push(crate::mail::compose(
            u.email.clone(),
            l,
            "help_offered",
            &args,
        ));
    }
    store_help::offer(&state.db, id, me.user.id, volunteers, &mails).await?;
    state.mail_wake.notify_one();
    Ok(())
}
