//! The electronic volunteer book: claimed hours, their confirmation by the organization
//! (or, for a disputed entry, by its region's front-office), reversals, the volunteer's
//! totals from the ledger ([`totals`]), her own book and its files ([`own`]), the book
//! she made public ([`public`]), and the platform's signature on every chain.

mod own;
mod public;
mod totals;

use chrono::NaiveDate;
use domain::ledger::Head;
use domain::{Action, Lang};
use serde::Deserialize;
use store::ledger::{self as store_ledger, NewHours};

/// One hours entry of a book.
pub use store::ledger::Hours;
use store::organizations::Organization;
use uuid::Uuid;

use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::SignedIn;
use crate::i18n::Arg;
use crate::organizations;

pub use own::{
    BOOK_PAGE, Book, BookExport, MyBook, Names, book, book_export, my_book, org_names, set_public,
};
pub use public::{
    PublicBook, PublicBookView, PublicEntry, public_book, public_book_named, public_name,
};
pub use totals::{Totals, totals, totals_of_sums};

/// Longest activity a claim may report in one entry (minutes).
pub const MAX_CLAIM_MINUTES: i64 = 24 * 60;

/// Signs a chain's new head with the active key.
pub fn signer(state: &App) -> impl Fn(Uuid, i64, [u8; 32]) -> Head + Send + Sync + '_ {
    move |volunteer, seq, hash| state.keys.active().sign_head(volunteer, seq, hash)
}

/// Who may decide an entry: its organization's members while claimed; its region's
/// front-office (and the national admin) when disputed.
async fn decidable(state: &App, me: &SignedIn, id: Uuid) -> Result<Hours, OpError> {
    let h = store_ledger::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let Some(org) = h.organization_id else {
        // Help requests and paper records have no organization: their region's
        // front-office decides (and the national admin).
        let region = h
            .region_code
            .as_deref()
            .and_then(|r| domain::RegionCode::parse(r).ok());
        let allowed = me.is_national_admin()
            || region.is_some_and(|r| {
                domain::authorize(
                    &me.actor(),
                    Action::ManageHelp,
                    &domain::Resource::Region(r),
                )
                .is_ok()
            });
        return if allowed {
            Ok(h)
        } else {
            Err(OpError::Forbidden("forbidden"))
        };
    };
    let o = organizations::load(state, org).await?;
    let r = organizations::resource(&o);
    let member = organizations::may(Some(me), Action::PublishEvents, &r);
    let front_office = organizations::may(Some(me), Action::VerifyOrganization, &r);
    let allowed = match h.status.as_str() {
        "disputed" => front_office,
        _ => member || front_office,
    };
    if allowed {
        Ok(h)
    } else {
        Err(OpError::Forbidden("forbidden"))
    }
}

/// The organization's members and its front-office (its region's coordinator, the
/// national admin) see and decide its hours; anyone else is refused.
async fn hours_keeper(state: &App, me: &SignedIn, org: Uuid) -> Result<Organization, OpError> {
    let o = organizations::load(state, org).await?;
    let r = organizations::resource(&o);
    if !organizations::may(Some(me), Action::PublishEvents, &r)
        && !organizations::may(Some(me), Action::VerifyOrganization, &r)
    {
        return Err(OpError::Forbidden("forbidden"));
    }
    Ok(o)
}

/// An organization's hours waiting for its decision.
#[derive(Debug, Clone)]
pub struct Queue {
    /// The organization.
    pub organization: Organization,
    /// (volunteer's name, entry), oldest first.
    pub items: Vec<(String, Hours)>,
}

/// Hours of an organization waiting for its decision (its members and front-office).
pub async fn pending(state: &App, me: &SignedIn, org: Uuid) -> Result<Queue, OpError> {
    let organization = hours_keeper(state, me, org).await?;
    let items = store_ledger::pending_of_organization(&state.db, org, 500).await?;
    Ok(Queue {
        organization,
        items,
    })
}

/// An organization's confirmed hours of a period, for its export (its members and
/// front-office): (volunteer's name, entry).
pub async fn confirmed_of_organization(
    state: &App,
    me: &SignedIn,
    org: Uuid,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<(String, Hours)>, OpError> {
    hours_keeper(state, me, org).await?;
    Ok(store_ledger::confirmed_of_organization(&state.db, org, from, to).await?)
}

/// Confirms hours: they enter the volunteer's chain, signed; she is told.
pub async fn confirm(state: &App, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    decidable(state, me, id).await?;
    let sign = signer(state);
    store_ledger::confirm(&state.db, id, me.user.id, &sign).await?;
    tell(state, id, "hours_confirmed").await;
    Ok(())
}

fn reason_of(lang: Lang, reason: &str) -> Result<String, OpError> {
    let r = reason.trim();
    if r.is_empty() {
        let mut e = Errors::new(lang);
        e.invalid("reason", &domain::Invalid::ReasonRequired);
        return Err(OpError::Invalid(e));
    }
    Ok(r.chars().take(1000).collect())
}

/// Rejects hours with a reason; she is told.
pub async fn reject(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    reason: &str,
) -> Result<(), OpError> {
    let reason = reason_of(lang, reason)?;
    decidable(state, me, id).await?;
    store_ledger::reject(&state.db, id, me.user.id, &reason).await?;
    tell(state, id, "hours_rejected").await;
    Ok(())
}

/// Takes back confirmed hours with a reason (a reversing entry in the ledger).
pub async fn reverse(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    reason: &str,
) -> Result<(), OpError> {
    let reason = reason_of(lang, reason)?;
    decidable(state, me, id).await?;
    let sign = signer(state);
    store_ledger::reverse(&state.db, id, me.user.id, &reason, &sign).await?;
    tell(state, id, "hours_reversed").await;
    Ok(())
}

/// A decision on one entry, as staff make it.
#[derive(Debug, Clone, Copy)]
pub enum Decision<'a> {
    /// Into the volunteer's chain.
    Confirm,
    /// Refused, with a reason.
    Reject(&'a str),
    /// Taken back after confirmation, with a reason.
    Reverse(&'a str),
}

/// Confirms, rejects or reverses one entry (see [`confirm`], [`reject`], [`reverse`]).
pub async fn decide(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    decision: Decision<'_>,
) -> Result<(), OpError> {
    match decision {
        Decision::Confirm => confirm(state, me, id).await,
        Decision::Reject(reason) => reject(state, lang, me, id, reason).await,
        Decision::Reverse(reason) => reverse(state, lang, me, id, reason).await,
    }
}

/// Decides several entries each on its own: one already decided by someone else
/// (a conflict) does not stop the rest; any other refusal does.
pub async fn decide_each(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    ids: &[Uuid],
    decision: Decision<'_>,
) -> Result<(), OpError> {
    for id in ids {
        match decide(state, lang, me, *id, decision).await {
            Ok(()) | Err(OpError::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A claim still waits for the organization: `hours_escalate_after_days` have not passed.
fn too_early_to_dispute(state: &App, h: &Hours) -> bool {
    let days = state.settings.opportunities.hours_escalate_after_days;
    h.status == "claimed" && store::now() - h.created_at < chrono::Duration::days(days)
}

/// Whether the volunteer may escalate her entry now: rejected, or claimed and unanswered
/// for `hours_escalate_after_days` (what the book page offers a dispute form for).
pub fn can_dispute(state: &App, h: &Hours) -> bool {
    h.status == "rejected" || (h.status == "claimed" && !too_early_to_dispute(state, h))
}

/// The volunteer escalates her hours to the region's front-office: rejected ones at once,
/// claimed ones after `hours_escalate_after_days` without an answer.
pub async fn dispute(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    reason: &str,
) -> Result<(), OpError> {
    let reason = reason_of(lang, reason)?;
    let h = store_ledger::get(&state.db, id)
        .await?
        .filter(|h| h.volunteer_id == me.user.id)
        .ok_or(OpError::NotFound)?;
    if too_early_to_dispute(state, &h) {
        return Err(OpError::Conflict("too_early_to_dispute"));
    }
    store_ledger::dispute(&state.db, id, me.user.id, &reason).await?;
    Ok(())
}

/// A claim for past activity with an organization.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ClaimInput {
    /// The organization (key).
    #[serde(default)]
    #[schema(
        required = true,
        pattern = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    )]
    pub organization_id: String,
    /// Minutes (1–1440).
    #[serde(default)]
    #[schema(
        required = true,
        pattern = r"^([1-9]|[1-9][0-9]|[1-9][0-9][0-9]|1[0-3][0-9][0-9]|14[0-3][0-9]|1440)$"
    )]
    pub minutes: String,
    /// Day of the activity (YYYY-MM-DD, not in the future).
    #[serde(default)]
    #[schema(
        required = true,
        pattern = r"^(19[0-9]{2}|20[01][0-9]|202[0-5])-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$"
    )]
    pub date: String,
    /// What was done.
    #[serde(default)]
    #[schema(
        required = true,
        min_length = 1,
        pattern = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
    )]
    pub description: String,
}

/// Files a claim (status `claimed`) for the organization to confirm. A well-formed key of no
/// organization is [`OpError::NotFound`], checked once the fields are valid.
pub async fn claim(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    input: &ClaimInput,
) -> Result<Uuid, OpError> {
    let mut e = Errors::new(lang);
    let org = Uuid::parse_str(input.organization_id.trim()).ok();
    if org.is_none() {
        e.invalid("organization_id", &domain::Invalid::Required);
    }
    let minutes = match input.minutes.trim().parse::<i64>() {
        Ok(m) if (1..=MAX_CLAIM_MINUTES).contains(&m) => Some(m),
        _ => {
            e.invalid(
                "minutes",
                &domain::Invalid::NumberOutOfRange {
                    min: 1,
                    max: MAX_CLAIM_MINUTES,
                },
            );
            None
        }
    };
    let date = match domain::parse_date(input.date.trim()) {
        Ok(d) if d > crate::today() => {
            e.invalid("date", &domain::Invalid::DateInFuture);
            None
        }
        Ok(d) => Some(d),
        Err(i) => {
            e.invalid("date", &i);
            None
        }
    };
    let description = input.description.trim();
    if description.is_empty() {
        e.invalid("description", &domain::Invalid::Required);
    }
    let (Some(org), Some(minutes), Some(date)) = (org, minutes, date) else {
        return Err(OpError::Invalid(e));
    };
    if !e.is_empty() {
        return Err(OpError::Invalid(e));
    }
    // A well-formed key of no organization: not found, as in a path.
    let o = organizations::load(state, org).await?;
    let h = NewHours {
        volunteer_id: me.user.id,
        organization_id: Some(o.id),
        event_id: None,
        shift_id: None,
        application_id: None,
        minutes,
        work_date: date,
        source: "claim",
        description: Some(description.chars().take(2000).collect()),
        direction: None,
        activity_type: None,
        created_by: Some(me.user.id),
    };
    Ok(store_ledger::create(&state.db, &h).await?)
}

async fn tell(state: &App, id: Uuid, stem: &str) {
    let found = match store_ledger::notice(&state.db, id).await {
        Ok(Some(n)) => n,
        Ok(None) => return,
        Err(e) => {
            tracing::warn!(error = %e, "loading an hours notice failed");
            return;
        }
    };
    if crate::events::off(&found.notify_off, crate::events::Category::Decisions) {
        return;
    }
    let lang = Lang::parse(&found.lang).unwrap_or_default();
    let link = format!(
        "{}/me/book",
        state.settings.public_url.trim_end_matches('/')
    );
    let args = [
        ("name", Arg::Str(found.display_name.clone())),
        ("hours", Arg::Str(domain::format_hours(found.minutes, lang))),
        ("date", Arg::Str(domain::format_date(found.work_date, lang))),
        ("reason", Arg::Str(found.reason.clone().unwrap_or_default())),
        ("link", Arg::Str(link)),
    ];
    if let Err(e) = crate::mail::send_with(state, &found.email, lang, stem, &args).await {
        tracing::warn!(error = %e, stem, "queueing an e-mail failed");
    }
}
