//! Emergency calls: a front-office raises one, adult volunteers near it are told at once,
//! they answer, the front-office keeps the roll-call and closes it.

use domain::Lang;
use domain::help;
use store::help::{self as store_help, Answer, Call};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{box_deg, manages};
use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::SignedIn;
use crate::i18n::Arg;

/// What a coordinator raises.
#[derive(Debug, Clone, Default, serde::Deserialize, ToSchema)]
#[serde(default)]
pub struct CallInput {
    /// Region (empty: national, for the national admin).
    pub region: String,
    /// What happened.
    pub title: String,
    /// More.
    pub description: String,
    /// Where: latitude.
    pub lat: f64,
    /// Where: longitude.
    pub lon: f64,
    /// How far volunteers are called from (km, 1–300).
    pub radius_km: f64,
    /// Skills wanted (any of them); empty: everyone.
    pub skills: Vec<String>,
    /// When, local `YYYY-MM-DDTHH:MM` (empty: now).
    pub starts_at: String,
}

/// Raises an emergency call: adult volunteers within the radius (with one of the skills)
/// are told by e-mail at once. Returns the call and how many were called.
pub async fn raise_call(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    i: &CallInput,
) -> Result<(Uuid, i64), OpError> {
    let region = match i.region.trim() {
        "" if me.is_national_admin() => None,
        "" => return Err(OpError::Forbidden("forbidden")),
        r if manages(me, r) => Some(r.to_owned()),
        _ => return Err(OpError::Forbidden("forbidden")),
    };
    let mut e = Errors::new(lang);
    let title = e.check("title", domain::required_text(&i.title, 200));
    let description = e.check("description", domain::optional_text(&i.description, 2000));
    let point = e.check("lat", domain::opportunity::point(i.lat, i.lon));
    let radius = e.check(
        "radius_km",
        if (1.0..=300.0).contains(&i.radius_km) {
            Ok(i.radius_km)
        } else {
            Err(domain::Invalid::NumberOutOfRange { min: 1, max: 300 })
        },
    );
    let starts = match i.starts_at.trim() {
        "" => Some(store::now()),
        s => e.check(
            "starts_at",
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
                .map(|t| domain::opportunity::local_to_utc(chrono_tz::Asia::Almaty, t))
                .map_err(|_| domain::Invalid::DateMalformed),
        ),
    };
    let (Some(title), Some(description), Some((lat, lon)), Some(radius), Some(starts)) =
        (title, description, point, radius, starts)
    else {
        return Err(OpError::Invalid(e));
    };
    let (dlat, dlon) = box_deg(lat, radius);
    let born_by = crate::today()
        .checked_sub_months(chrono::Months::new(12 * domain::ADULT_AGE))
        .unwrap_or_default();
    let people = store_help::volunteers_in_box(
        &state.db,
        (lat - dlat, lat + dlat),
        (lon - dlon, lon + dlon),
        born_by,
    )
    .await?;
    let wanted: Vec<String> = i.skills.iter().map(|s| s.trim().to_lowercase()).collect();
    let id = store::new_id();
    let link = format!(
        "{}/emergency/{id}",
        state.settings.public_url.trim_end_matches('/')
    );
    let mut mails = Vec::new();
    for (_, email, name, l, plat, plon, skills) in &people {
        if help::distance_km((lat, lon), (*plat, *plon)) > radius {
            continue;
        }
        let theirs: Vec<String> = serde_json::from_str::<Vec<String>>(skills)
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.to_lowercase())
            .collect();
        if !wanted.is_empty() && !wanted.iter().any(|w| theirs.contains(w)) {
            continue;
        }
        let l = Lang::parse(l).unwrap_or_default();
        let args = [
            ("name", Arg::Str(name.clone())),
            ("event", Arg::Str(title.clone())),
            ("link", Arg::Str(link.clone())),
        ];
        mails.push(crate::mail::compose(
            email.clone(),
            l,
            "emergency_call",
            &args,
        ));
    }
    let n = mails.len() as i64;
    store_help::raise_call(
        &state.db,
        &Call {
            id,
            region_code: region,
            raised_by: me.user.id,
            title,
            description,
            lat,
            lon,
            radius_km: radius,
            skills: serde_json::to_string(&wanted).unwrap_or_else(|_| "[]".into()),
            starts_at: starts,
            status: "open".into(),
            notified: n,
            created_at: store::now(),
            closed_at: None,
        },
        &mails,
    )
    .await?;
    state.mail_wake.notify_one();
    Ok((id, n))
}

/// A call for whoever may run it (its region's front-office, the national admin).
pub async fn managed_call(state: &App, me: &SignedIn, id: Uuid) -> Result<Call, OpError> {
    let c = store_help::call(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if runs(me, &c) {
        Ok(c)
    } else {
        Err(OpError::Forbidden("forbidden"))
    }
}

/// Whether `me` runs the call `c` (its region's front-office, the national admin for a
/// national call).
fn runs(me: &SignedIn, c: &Call) -> bool {
    match &c.region_code {
        Some(r) => manages(me, r),
        None => me.is_national_admin(),
    }
}

/// A call with what its viewer may see of the roll-call.
#[derive(Debug, Clone)]
pub struct CallView {
    /// The call.
    pub call: Call,
    /// The viewer runs it.
    pub staff: bool,
    /// Who answered, with the roll-call marks (empty unless the viewer runs it).
    pub answers: Vec<Answer>,
}

/// A call for anyone signed in (volunteers answer it from its page); whoever runs it also
/// sees who answered.
pub async fn emergency_call(state: &App, me: &SignedIn, id: Uuid) -> Result<CallView, OpError> {
    let call = store_help::call(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let staff = runs(me, &call);
    let answers = if staff {
        store_help::answers(&state.db, id).await?
    } else {
        Vec::new()
    };
    Ok(CallView {
        call,
        staff,
        answers,
    })
}

/// A call and its roll-call, for whoever runs it (others: forbidden).
pub async fn roll_call(state: &App, me: &SignedIn, id: Uuid) -> Result<CallView, OpError> {
    let call = managed_call(state, me, id).await?;
    let answers = store_help::answers(&state.db, call.id).await?;
    Ok(CallView {
        call,
        staff: true,
        answers,
    })
}

/// She answers a call (adults only): she is on the roll-call list.
pub async fn answer_call(state: &App, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    let adult = me
        .user
        .birth_date
        .is_some_and(|b| domain::age_on(b, crate::today()) >= domain::ADULT_AGE);
    if !adult {
        return Err(OpError::Forbidden("minor_emergency"));
    }
    store_help::answer_call(&state.db, id, me.user.id).await?;
    Ok(())
}

/// Roll-call: one who answered is `present` or `safe`.
pub async fn roll(
    state: &App,
    me: &SignedIn,
    id: Uuid,
    volunteer: Uuid,
    mark: &str,
) -> Result<(), OpError> {
    managed_call(state, me, id).await?;
    if !matches!(mark, "present" | "safe") {
        return Err(OpError::NotFound);
    }
    store_help::roll(&state.db, id, volunteer, mark).await?;
    Ok(())
}

/// Closes a call.
pub async fn close_call(state: &App, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    managed_call(state, me, id).await?;
    store_help::close_call(&state.db, id).await?;
    Ok(())
}
