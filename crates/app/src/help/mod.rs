//! Help requests: people in need ask (on the web with a phone code, or by phone through a
//! front-office operator); the region's front-office triages, ranks volunteers and offers;
//! exactly one of the volunteers it was offered to takes it; she does it and her time
//! becomes a pending hours entry the front-office confirms; the person confirms it was
//! done. Name, phone, address, point and description are seen only by the region's
//! front-office and the assignee. Also the emergency calls.
//!
//! - [`intake`]: filing a request and the person's phone codes;
//! - [`front_office`]: the region's desk, triage and corrections;
//! - [`matching`]: ranking volunteers and offering them a request;
//! - [`assignments`]: what the volunteer does with a request, and her point;
//! - [`calls`]: emergency calls and their roll-call;
//! - [`erasure`]: forgetting the personal data of old requests.
//!
//! Who may see what (the private fields) and who runs a region's help are decided here, in
//! one place, for all of them.

use chrono::{DateTime, Utc};
use domain::{Action, Lang, RegionCode, Resource};
use serde::Serialize;
use store::help::{self as store_help};

/// The read models of help that pages and the API render.
pub use store::help::{Answer, Call, HelpRequest};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::SignedIn;

pub mod assignments;
pub mod calls;
pub mod erasure;
pub mod front_office;
pub mod intake;
pub mod matching;

pub use assignments::{
    ForVolunteer, complete, decline, for_volunteer, release, set_home_point, start, take,
};
pub use calls::{
    CallInput, CallView, answer_call, close_call, emergency_call, managed_call, raise_call, roll,
    roll_call,
};
pub use erasure::erase_old;
pub use front_office::{Desk, authorize_desk, confirm_done_by_operator, decide, desk, edit, queue};
pub use intake::{check_code, confirm_done_by_code, file, file_from_form, resend_code};
pub use matching::{RankedView, ReasonView, offer, rank};

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

async fn managed(state: &App, me: &SignedIn, id: Uuid) -> Result<HelpRequest, OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if manages(me, &r.region_code) {
        Ok(r)
    } else {
        Err(OpError::NotFound)
    }
}

/// Open to volunteers: triaged or offered, nobody's yet.
pub(crate) fn is_open(r: &HelpRequest) -> bool {
    matches!(r.status.as_str(), "triaged" | "offered") && r.assignee_id.is_none()
}

/// A request for its front-office or its assignee; while it is open, for any signed-in
/// volunteer too, without the private details ([`view`]). Others: not found.
pub async fn visible(state: &App, me: Option<&SignedIn>, id: Uuid) -> Result<HelpRequest, OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if sees_private(me, &r) || (is_open(&r) && me.is_some()) {
        Ok(r)
    } else {
        Err(OpError::NotFound)
    }
}

/// A request as its page shows it to one viewer.
#[derive(Debug, Clone)]
pub struct Detail {
    /// The request (what of it the viewer sees: [`view`]).
    pub request: HelpRequest,
    /// The viewer runs its region's help desk.
    pub staff: bool,
    /// The volunteers who could take it, best first (its front-office, while it is open).
    pub ranked: Vec<RankedView>,
    /// Open, nobody has it yet, and offered to the viewer (not answered yet): she may take
    /// it or decline.
    pub can_take: bool,
    /// Open, but not offered to the viewer (nor hers to run): she cannot take it; the
    /// front-office offers it.
    pub not_offered: bool,
}

/// One request for its page: visible as [`visible`] says; its front-office also gets the
/// ranking of volunteers while it waits for one.
pub async fn detail(state: &App, lang: Lang, me: &SignedIn, id: Uuid) -> Result<Detail, OpError> {
    let request = visible(state, Some(me), id).await?;
    let staff = manages(me, &request.region_code);
    let open = is_open(&request);
    let ranked = if staff && open {
        matching::rank_request(state, lang, &request).await?
    } else {
        Vec::new()
    };
    let offered = open
        && store_help::offer_to(&state.db, id, me.user.id)
            .await?
            .is_some_and(|o| o.is_open());
    Ok(Detail {
        can_take: offered,
        not_offered: open && !offered && !staff,
        request,
        staff,
        ranked,
    })
}

pub use domain::help::box_deg;
