//! Help requests: people in need ask (on the web with a phone code, or by phone through a
//! front-office operator); the region's front-office triages, ranks volunteers and offers;
//! exactly one volunteer takes it; she does it and her time becomes a pending hours entry
//! the front-office confirms; the person confirms it was done. Name, phone, address, point
//! and description are seen only by the region's front-office and the assignee. Also the
//! emergency calls.

use chrono::{DateTime, Duration, Utc};
use domain::help::{self, HelpType, RequestInput};
use domain::{Action, Lang, RegionCode, Resource};
use serde::Serialize;
use store::help::{self as store_help, HelpRequest};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::accounts::OpError;
use crate::auth::SignedIn;
use crate::i18n::Arg;
use crate::pages::forms::Errors;

/// How long a phone code is valid (minutes).
pub const CODE_TTL_MINUTES: i64 = 15;
/// Codes one phone may be sent in an hour.
pub const CODES_PER_PHONE_PER_HOUR: i64 = 3;
/// Codes one address may ask for in an hour.
pub const CODES_PER_IP_PER_HOUR: i64 = 10;
/// Wrong tries before a code is void.
pub const CODE_ATTEMPTS: i64 = 5;
/// How far from a request volunteers are looked for (km).
pub const MATCH_KM: f64 = 30.0;
/// How many ranked volunteers are shown.
pub const TOP: usize = 20;

/// What one viewer sees of a request: the private fields only for the region's
/// front-office and the volunteer who took it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequestView {
    /// Key.
    pub id: Uuid,
    /// Status code.
    pub status: String,
    /// Beneficiary category code.
    pub category: String,
    /// Help type code.
    pub help_type: String,
    /// Region.
    pub region: String,
    /// Town or district.
    pub locality: Option<String>,
    /// `critical`, `high`, `normal`.
    pub urgency: String,
    /// Preferred language.
    pub lang: String,
    /// Preferred time.
    pub preferred_from: Option<DateTime<Utc>>,
    /// Preferred time.
    pub preferred_to: Option<DateTime<Utc>>,
    /// Filed at.
    pub created_at: DateTime<Utc>,
    /// The caller took it.
    pub mine: bool,
    /// Private: the person's name.
    pub name: Option<String>,
    /// Private: phone.
    pub phone: Option<String>,
    /// Private: address.
    pub address: Option<String>,
    /// Private: point.
    pub lat: Option<f64>,
    /// Private: point.
    pub lon: Option<f64>,
    /// Private: what is needed.
    pub description: Option<String>,
    /// Why rejected or cancelled (staff).
    pub reason: Option<String>,
    /// Minutes spent (once done).
    pub minutes: Option<i64>,
    /// The person confirmed it was done.
    pub person_confirmed: bool,
    /// The person's words (staff and the assignee).
    pub feedback: Option<String>,
}

/// Whether `me` may see the private details of `r`.
pub fn sees_private(me: Option<&SignedIn>, r: &HelpRequest) -> bool {
    let Some(me) = me else { return false };
    if r.assignee_id == Some(me.user.id) && r.erased_at.is_none() {
        return true;
    }
    manages(me, &r.region_code)
}

/// Whether `me` runs help in `region` (its front-office or the national admin).
pub fn manages(me: &SignedIn, region: &str) -> bool {
    RegionCode::parse(region).is_ok_and(|r| {
        domain::authorize(&me.actor(), Action::ManageHelp, &Resource::Region(r)).is_ok()
    })
}

/// The regions `me` runs help in (all for the national admin).
pub fn my_regions(me: &SignedIn) -> Vec<RegionCode> {
    if me.is_national_admin() {
        return RegionCode::all();
    }
    crate::imports::regions_of(me)
}

/// A request as `me` may see it.
pub fn view(me: Option<&SignedIn>, r: &HelpRequest) -> RequestView {
    let private = sees_private(me, r);
    let staff = me.is_some_and(|m| manages(m, &r.region_code));
    let keep = |v: &Option<String>| if private { v.clone() } else { None };
    RequestView {
        id: r.id,
        status: r.status.clone(),
        category: r.category.clone(),
        help_type: r.help_type.clone(),
        region: r.region_code.clone(),
        locality: r.locality.clone(),
        urgency: r.urgency.clone(),
        lang: r.lang.clone(),
        preferred_from: r.preferred_from,
        preferred_to: r.preferred_to,
        created_at: r.created_at,
        mine: me.is_some_and(|m| r.assignee_id == Some(m.user.id)),
        name: keep(&r.name),
        phone: keep(&r.phone),
        address: keep(&r.address),
        lat: if private { r.lat } else { None },
        lon: if private { r.lon } else { None },
        description: keep(&r.description),
        reason: if staff { r.reason.clone() } else { None },
        minutes: r.minutes,
        person_confirmed: r.person_confirmed_at.is_some(),
        feedback: if private { r.feedback.clone() } else { None },
    }
}

fn invalid(lang: Lang, errors: Vec<(&'static str, domain::Invalid)>) -> OpError {
    let mut e = Errors::new(lang);
    for (field, why) in errors {
        e.invalid(field, &why);
    }
    OpError::Invalid(e)
}

async fn code_secret(state: &AppState) -> Result<Vec<u8>, OpError> {
    crate::events::check_in_secret(state).await
}

fn random_code() -> String {
    let b: [u8; 4] = rand::random();
    help::new_code(b)
}

/// Refuses a code beyond the limits per phone and per address (in the last hour).
async fn within_code_limits(
    state: &AppState,
    phone: &str,
    ip: Option<&str>,
) -> Result<(), OpError> {
    let (by_phone, by_ip) =
        store_help::codes_since(&state.db, phone, ip, store::now() - Duration::hours(1)).await?;
    if by_phone >= CODES_PER_PHONE_PER_HOUR || by_ip >= CODES_PER_IP_PER_HOUR {
        return Err(OpError::RateLimited);
    }
    Ok(())
}

/// Sends a fresh code to the request's phone, within the limits per phone and per address.
async fn send_code(
    state: &AppState,
    r: &HelpRequest,
    ip: Option<&str>,
    purpose: &str,
) -> Result<(), OpError> {
    let phone = r.phone.clone().ok_or(OpError::Conflict("state_changed"))?;
    within_code_limits(state, &phone, ip).await?;
    let code = random_code();
    let secret = code_secret(state).await?;
    let lang = Lang::parse(&r.lang).unwrap_or_default();
    let key = if purpose == "request" {
        "help_sms_code"
    } else {
        "help_sms_done"
    };
    let text = crate::i18n::t_args(lang, key, &[("code", Arg::Str(code.clone()))]);
    let sms = store::outbox::Mail {
        to: phone.clone(),
        subject: String::new(),
        body: text,
        kind: format!("sms_{purpose}"),
    };
    store_help::create_code(
        &state.db,
        &store_help::NewCode {
            phone: &phone,
            ip,
            code_hash: &help::code_hash(&phone, &code, &secret),
            purpose,
            request: Some(r.id),
            expires_at: store::now() + Duration::minutes(CODE_TTL_MINUTES),
        },
        &sms,
    )
    .await?;
    state.mail_wake.notify_one();
    Ok(())
}

/// Files a request. From the web (no operator): the phone gets a code and the request
/// waits for it. By a front-office operator: the phone counts as confirmed.
pub async fn file(
    state: &AppState,
    lang: Lang,
    input: &RequestInput,
    ip: Option<&str>,
    operator: Option<&SignedIn>,
) -> Result<Uuid, OpError> {
    let v = help::validate(input, store::now()).map_err(|e| invalid(lang, e))?;
    if let Some(op) = operator
        && !manages(op, v.region.as_str())
    {
        return Err(OpError::Forbidden("forbidden"));
    }
    if operator.is_none() {
        // Beyond the limits nothing is filed: no request waits for a code never sent.
        within_code_limits(state, v.phone.as_str(), ip).await?;
    }
    let id = store_help::create(
        &state.db,
        &store_help::NewRequest {
            category: v.category.to_owned(),
            help_type: v.help.code().to_owned(),
            description: v.description.clone(),
            region_code: v.region.as_str().to_owned(),
            locality: v.locality.clone(),
            address: v.address.clone(),
            point: v.point,
            phone: v.phone.as_str().to_owned(),
            name: v.name.clone(),
            lang: v.lang.code().to_owned(),
            urgency: v.urgency.code().to_owned(),
            preferred: v.preferred,
            filed_by: operator.map(|o| o.user.id),
        },
    )
    .await?;
    if operator.is_none() {
        let r = store_help::get(&state.db, id)
            .await?
            .ok_or(OpError::NotFound)?;
        send_code(state, &r, ip, "request").await?;
    }
    Ok(id)
}

/// Sends the request's phone code again (the person did not get it).
pub async fn resend_code(state: &AppState, id: Uuid, ip: Option<&str>) -> Result<(), OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if r.phone_confirmed_at.is_some() {
        return Err(OpError::Conflict("already_confirmed"));
    }
    send_code(state, &r, ip, "request").await
}

/// Checks a code typed by the person: `request` confirms the phone of a new request,
/// `done` confirms that the help was given (with optional words and a rating).
pub async fn check_code(
    state: &AppState,
    lang: Lang,
    id: Uuid,
    purpose: &str,
    typed: &str,
) -> Result<(), OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let wrong = || {
        let mut e = Errors::new(lang);
        e.code("code", "phone_code_wrong");
        OpError::Invalid(e)
    };
    let Some((code, hash, attempts)) = store_help::current_code(&state.db, id, purpose).await?
    else {
        return Err(wrong());
    };
    if attempts >= CODE_ATTEMPTS {
        return Err(wrong());
    }
    let phone = r.phone.clone().unwrap_or_default();
    let secret = code_secret(state).await?;
    if !help::code_matches(&hash, &phone, typed.trim(), &secret) {
        store_help::code_failed(&state.db, code).await?;
        return Err(wrong());
    }
    if !store_help::use_code(&state.db, code, id, purpose).await? {
        return Err(wrong());
    }
    Ok(())
}

/// The person confirms the help was given, with the code sent to her phone.
pub async fn confirm_done_by_code(
    state: &AppState,
    lang: Lang,
    id: Uuid,
    typed: &str,
    feedback: &str,
    rating: Option<i64>,
) -> Result<(), OpError> {
    check_code(state, lang, id, "done", typed).await?;
    let feedback = domain::optional_text(feedback, 2000).ok().flatten();
    store_help::confirm_done(
        &state.db,
        id,
        feedback.as_deref(),
        rating.map(|r| r.clamp(1, 5)),
    )
    .await?;
    Ok(())
}

async fn managed(state: &AppState, me: &SignedIn, id: Uuid) -> Result<HelpRequest, OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if manages(me, &r.region_code) {
        Ok(r)
    } else {
        Err(OpError::NotFound)
    }
}

/// A request for its front-office or its assignee (others: not found).
pub async fn visible(
    state: &AppState,
    me: Option<&SignedIn>,
    id: Uuid,
) -> Result<HelpRequest, OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    // Open requests are visible to volunteers (without the private details).
    let open = matches!(r.status.as_str(), "triaged" | "offered");
    if sees_private(me, &r) || (open && me.is_some()) {
        Ok(r)
    } else {
        Err(OpError::NotFound)
    }
}

/// The region's queue: new requests (phone confirmed) by urgency and age.
pub async fn queue(
    state: &AppState,
    me: &SignedIn,
    region: &str,
    statuses: &[&str],
) -> Result<Vec<HelpRequest>, OpError> {
    if !manages(me, region) {
        return Err(OpError::Forbidden("forbidden"));
    }
    Ok(store_help::queue(&state.db, region, statuses, 500).await?)
}

/// Triage decisions: `approve`, `reject` (with a reason), `duplicate` (of another request
/// of the region), `cancel` (with a reason).
pub async fn decide(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    action: &str,
    reason: &str,
    duplicate_of: Option<Uuid>,
) -> Result<(), OpError> {
    let r = managed(state, me, id).await?;
    let from = help::HelpStatus::parse(&r.status).ok_or(OpError::Conflict("state_changed"))?;
    let reason = reason.trim();
    let needs_reason = matches!(action, "reject" | "cancel");
    if needs_reason && reason.is_empty() {
        let mut e = Errors::new(lang);
        e.invalid("reason", &domain::Invalid::ReasonRequired);
        return Err(OpError::Invalid(e));
    }
    let to = match action {
        "approve" => help::approve(from)?,
        "reject" => help::reject(from)?,
        "cancel" => help::cancel(from)?,
        "duplicate" => {
            let of = duplicate_of.ok_or(OpError::NotFound)?;
            let original = managed(state, me, of).await?;
            if original.id == r.id {
                return Err(OpError::Conflict("state_changed"));
            }
            help::mark_duplicate(from)?
        }
        _ => return Err(OpError::NotFound),
    };
    store_help::transition(
        &state.db,
        id,
        &[from.code()],
        to.code(),
        needs_reason.then_some(reason),
        duplicate_of.filter(|_| action == "duplicate"),
    )
    .await?;
    Ok(())
}

/// Corrects a request before it is taken.
pub async fn edit(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    input: &RequestInput,
) -> Result<(), OpError> {
    let r = managed(state, me, id).await?;
    let mut input = input.clone();
    input.region = r.region_code.clone();
    input.phone = r.phone.clone().unwrap_or_default();
    let v = help::validate(&input, store::now()).map_err(|e| invalid(lang, e))?;
    store_help::edit(
        &state.db,
        id,
        &store_help::Edit {
            category: v.category.to_owned(),
            help_type: v.help.code().to_owned(),
            description: v.description.clone(),
            locality: v.locality.clone(),
            address: v.address.clone(),
            point: v.point,
            urgency: v.urgency.code().to_owned(),
            preferred: v.preferred,
        },
    )
    .await?;
    Ok(())
}

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
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
) -> Result<Vec<RankedView>, OpError> {
    let r = managed(state, me, id).await?;
    rank_request(state, lang, &r).await
}

/// The ranking of one request (no authorization: the caller checked).
pub async fn rank_request(
    state: &AppState,
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

pub use help::box_deg;

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
    state: &AppState,
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

/// She takes a request offered to her or open near her: exactly one volunteer gets it;
/// the others offered it are told it is taken. A minor never takes a home visit.
pub async fn take(state: &AppState, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let help_type = HelpType::parse(&r.help_type).map_err(|_| OpError::NotFound)?;
    let age = me
        .user
        .birth_date
        .map(|b| domain::age_on(b, crate::today()));
    help::may_take(age, help_type).map_err(|e| OpError::Forbidden(e.code))?;
    let others = store_help::take(&state.db, id, me.user.id).await?;
    for v in others {
        if let Some(u) = store::accounts::user_by_id(&state.db, v).await? {
            let l = Lang::parse(&u.preferred_lang).unwrap_or_default();
            let args = [(
                "help",
                Arg::Str(crate::i18n::t(l, &format!("help_type_{}", r.help_type))),
            )];
            if let Err(e) = crate::mail::send_with(state, &u.email, l, "help_taken", &args).await {
                tracing::warn!(error = %e, "queueing an e-mail failed");
            }
        }
    }
    Ok(())
}

/// She declines an offer.
pub async fn decline(state: &AppState, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    store_help::decline(&state.db, id, me.user.id).await?;
    Ok(())
}

/// The assignee starts.
pub async fn start(state: &AppState, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    store_help::start(&state.db, id, me.user.id).await?;
    Ok(())
}

/// The assignee gives the request back (it returns to the queue for another volunteer).
pub async fn release(state: &AppState, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if r.assignee_id != Some(me.user.id) {
        return Err(OpError::NotFound);
    }
    store_help::transition(
        &state.db,
        id,
        &["assigned", "in_progress"],
        "triaged",
        None,
        None,
    )
    .await?;
    Ok(())
}

/// The assignee reports it done with the time she spent: a pending hours entry for the
/// front-office, and a code to the person's phone to confirm.
pub async fn complete(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    minutes: &str,
) -> Result<Uuid, OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if r.assignee_id != Some(me.user.id) {
        return Err(OpError::NotFound);
    }
    let mut e = Errors::new(lang);
    let minutes = e.check(
        "minutes",
        match minutes.trim().parse::<i64>() {
            Ok(m) if (1..=crate::book::MAX_CLAIM_MINUTES).contains(&m) => Ok(m),
            _ => Err(domain::Invalid::NumberOutOfRange {
                min: 1,
                max: crate::book::MAX_CLAIM_MINUTES,
            }),
        },
    );
    let Some(minutes) = minutes else {
        return Err(OpError::Invalid(e));
    };
    let activity = match HelpType::parse(&r.help_type) {
        Ok(HelpType::OnlineConsultation) => "7",
        _ => "2",
    };
    let hours = store_help::complete(
        &state.db,
        id,
        me.user.id,
        minutes,
        Some("qamqor"),
        domain::reference::activity_type_by_number(activity.parse().unwrap_or(2)).map(|a| a.code),
    )
    .await?;
    if let Err(e) = send_code(state, &r, None, "done").await {
        tracing::warn!(error = ?e, "the completion code was not sent");
    }
    Ok(hours)
}

/// The operator records that the person confirmed by phone.
pub async fn confirm_done_by_operator(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    feedback: &str,
) -> Result<(), OpError> {
    managed(state, me, id).await?;
    let feedback = domain::optional_text(feedback, 2000).ok().flatten();
    store_help::confirm_done(&state.db, id, feedback.as_deref(), None).await?;
    Ok(())
}

/// Requests a volunteer holds or was offered, and those open near her point (or in her
/// region): (mine/offered, open near).
pub async fn for_volunteer(
    state: &AppState,
    me: &SignedIn,
) -> Result<(Vec<(HelpRequest, bool)>, Vec<HelpRequest>), OpError> {
    let mine = store_help::of_volunteer(&state.db, me.user.id).await?;
    let point = home_point(state, me).await?;
    let near = match point {
        Some((lat, lon)) => {
            let (dlat, dlon) = box_deg(lat, MATCH_KM);
            store_help::open_near(
                &state.db,
                (lat - dlat, lat + dlat),
                (lon - dlon, lon + dlon),
                100,
            )
            .await?
        }
        None => match &me.user.region_code {
            Some(region) => store_help::queue(&state.db, region, &["triaged", "offered"], 100)
                .await?
                .into_iter()
                .filter(|r| r.assignee_id.is_none())
                .collect(),
            None => Vec::new(),
        },
    };
    Ok((mine, near))
}

async fn home_point(state: &AppState, me: &SignedIn) -> Result<Option<(f64, f64)>, OpError> {
    Ok(store_help::home_point(&state.db, me.user.id).await?)
}

/// Sets or forgets her point (inside Kazakhstan), for requests and calls near her.
pub async fn set_home_point(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    lat: Option<f64>,
    lon: Option<f64>,
) -> Result<(), OpError> {
    let point = match (lat, lon) {
        (Some(a), Some(b)) => Some(domain::opportunity::point(a, b).map_err(|e| {
            let mut errors = Errors::new(lang);
            errors.invalid("lat", &e);
            OpError::Invalid(errors)
        })?),
        _ => None,
    };
    store_help::set_home_point(&state.db, me.user.id, point).await?;
    Ok(())
}

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
    state: &AppState,
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
        &store_help::Call {
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
pub async fn managed_call(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
) -> Result<store_help::Call, OpError> {
    let c = store_help::call(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let allowed = match &c.region_code {
        Some(r) => manages(me, r),
        None => me.is_national_admin(),
    };
    if allowed {
        Ok(c)
    } else {
        Err(OpError::Forbidden("forbidden"))
    }
}

/// She answers a call (adults only): she is on the roll-call list.
pub async fn answer_call(state: &AppState, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
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
    state: &AppState,
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
pub async fn close_call(state: &AppState, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    managed_call(state, me, id).await?;
    store_help::close_call(&state.db, id).await?;
    Ok(())
}

/// Erases the personal data of requests closed long enough ago (scheduler).
pub async fn erase_old(state: &AppState) -> Result<u64, OpError> {
    let days = state.settings.opportunities.help_erase_after_days;
    Ok(store_help::erase_closed(&state.db, store::now() - Duration::days(days)).await?)
}
