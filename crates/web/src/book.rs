//! The electronic volunteer book: claimed hours, their confirmation by the organization
//! (or, for a disputed entry, by its region's front-office), reversals, the volunteer's
//! totals from the ledger, and the platform's signature on every chain.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use domain::ledger::{EntryKind, Head};
use domain::{Action, Lang};
use serde::{Deserialize, Serialize};
use store::ledger::{self as store_ledger, Hours, NewHours};
use uuid::Uuid;

use crate::AppState;
use crate::accounts::OpError;
use crate::auth::SignedIn;
use crate::i18n::Arg;
use crate::orgs;
use crate::pages::forms::Errors;

/// Longest activity a claim may report in one entry (minutes).
pub const MAX_CLAIM_MINUTES: i64 = 24 * 60;

/// Signs a chain's new head with the active key.
pub fn signer(state: &AppState) -> impl Fn(Uuid, i64, [u8; 32]) -> Head + Send + Sync + '_ {
    move |volunteer, seq, hash| state.keys.active().sign_head(volunteer, seq, hash)
}

/// Who may decide an entry: its organization's members while claimed; its region's
/// front-office (and the national admin) when disputed.
async fn decidable(state: &AppState, me: &SignedIn, id: Uuid) -> Result<Hours, OpError> {
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
    let o = orgs::load(state, org).await?;
    let r = orgs::resource(&o);
    let member = orgs::may(Some(me), Action::PublishEvents, &r);
    let front_office = orgs::may(Some(me), Action::VerifyOrganization, &r);
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

/// Hours of an organization waiting for its decision (its members and front-office).
/// (volunteer's name, entry).
pub async fn pending(
    state: &AppState,
    me: &SignedIn,
    org: Uuid,
) -> Result<Vec<(String, Hours)>, OpError> {
    let o = orgs::load(state, org).await?;
    let r = orgs::resource(&o);
    if !orgs::may(Some(me), Action::PublishEvents, &r)
        && !orgs::may(Some(me), Action::VerifyOrganization, &r)
    {
        return Err(OpError::Forbidden("forbidden"));
    }
    Ok(store_ledger::pending_of_organization(&state.db, org, 500).await?)
}

/// Confirms hours: they enter the volunteer's chain, signed; she is told.
pub async fn confirm(state: &AppState, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
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
    state: &AppState,
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
    state: &AppState,
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

/// The volunteer escalates her hours to the region's front-office: rejected ones at once,
/// claimed ones after `hours_escalate_after_days` without an answer.
pub async fn dispute(
    state: &AppState,
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
    let days = state.settings.opportunities.hours_escalate_after_days;
    if h.status == "claimed" && store::now() - h.created_at < chrono::Duration::days(days) {
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
    pub organization_id: String,
    /// Minutes (1–1440).
    #[serde(default)]
    pub minutes: String,
    /// Day of the activity (YYYY-MM-DD, not in the future).
    #[serde(default)]
    pub date: String,
    /// What was done.
    #[serde(default)]
    pub description: String,
}

/// Files a claim (status `claimed`) for the organization to confirm.
pub async fn claim(
    state: &AppState,
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
    let o = match orgs::load(state, org).await {
        Ok(o) => o,
        Err(OpError::NotFound) => {
            e.invalid("organization_id", &domain::Invalid::ChoiceUnknown);
            return Err(OpError::Invalid(e));
        }
        Err(other) => return Err(other),
    };
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

async fn tell(state: &AppState, id: Uuid, stem: &str) {
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

/// Totals of a book, in minutes, from the ledger (confirmed minus reversed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Totals {
    /// All confirmed minutes.
    pub minutes: i64,
    /// By year.
    pub by_year: BTreeMap<i32, i64>,
    /// By direction code ("" when none).
    pub by_direction: BTreeMap<String, i64>,
    /// By organization key ("" when none).
    pub by_organization: BTreeMap<String, i64>,
    /// By activity type code ("" when none).
    pub by_activity_type: BTreeMap<String, i64>,
}

impl Totals {
    /// Adds minutes of one day, organization, direction and activity type.
    pub fn add(
        &mut self,
        day: NaiveDate,
        organization: Option<Uuid>,
        direction: Option<&str>,
        activity_type: Option<&str>,
        minutes: i64,
    ) {
        self.minutes += minutes;
        *self.by_year.entry(day.year()).or_default() += minutes;
        *self
            .by_direction
            .entry(direction.unwrap_or_default().to_owned())
            .or_default() += minutes;
        *self
            .by_organization
            .entry(organization.map(|o| o.to_string()).unwrap_or_default())
            .or_default() += minutes;
        *self
            .by_activity_type
            .entry(activity_type.unwrap_or_default().to_owned())
            .or_default() += minutes;
    }

    /// Drops the groups that sum to nothing (a confirmation and its reversal).
    fn settle(mut self) -> Totals {
        self.by_year.retain(|_, m| *m != 0);
        self.by_direction.retain(|_, m| *m != 0);
        self.by_organization.retain(|_, m| *m != 0);
        self.by_activity_type.retain(|_, m| *m != 0);
        self
    }
}

/// Sums a chain; only ledger entries count (what is confirmed, less what was reversed).
pub fn totals(
    chain: &[domain::ledger::Stored],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Totals {
    let mut t = Totals::default();
    for s in chain {
        let e = &s.entry;
        if from.is_some_and(|f| e.work_date < f) || to.is_some_and(|x| e.work_date > x) {
            continue;
        }
        debug_assert!(EntryKind::parse(&e.kind).is_some());
        t.add(
            e.work_date,
            e.organization_id,
            e.direction.as_deref(),
            e.activity_type.as_deref(),
            e.minutes,
        );
    }
    t.settle()
}

/// The same totals from the ledger's sums (what the book page reads).
pub fn totals_of_sums(sums: &store_ledger::BookSums) -> Totals {
    let mut t = Totals::default();
    for (month, m) in &sums.by_month {
        t.minutes += m;
        *t.by_year.entry(month.year()).or_default() += m;
    }
    let key = |k: &Option<String>| k.clone().unwrap_or_default();
    for (o, m) in &sums.by_organization {
        *t.by_organization
            .entry(o.map(|o| o.to_string()).unwrap_or_default())
            .or_default() += m;
    }
    for (d, m) in &sums.by_direction {
        *t.by_direction.entry(key(d)).or_default() += m;
    }
    for (a, m) in &sums.by_activity_type {
        *t.by_activity_type.entry(key(a)).or_default() += m;
    }
    t.settle()
}

/// Entries a page of the book shows.
pub const BOOK_PAGE: i64 = 100;

/// A volunteer's book: the totals (from the ledger), her progress toward each benefit, and
/// a page of her entries (newest first, `limit` from `offset`), with how many there are.
pub async fn book(
    state: &AppState,
    volunteer: Uuid,
    limit: i64,
    offset: i64,
) -> Result<(Totals, Vec<domain::benefits::Progress>, Vec<Hours>, i64), OpError> {
    let sums = store_ledger::book_sums(&state.db, volunteer).await?;
    let entries = store_ledger::page_of_volunteer(&state.db, volunteer, limit, offset).await?;
    let count = if offset == 0 && (entries.len() as i64) < limit {
        entries.len() as i64
    } else {
        store_ledger::count_of_volunteer(&state.db, volunteer).await?
    };
    // Benefit periods begin on the first of a month (1 September) and no hours are dated
    // after today, so sums by month count as the entries would.
    let progress =
        domain::benefits::evaluate(&state.settings.benefits, &sums.by_month, crate::today());
    Ok((totals_of_sums(&sums), progress, entries, count))
}

/// Names of organizations in `lang`, looked up in one statement.
pub async fn org_names(
    state: &AppState,
    ids: impl Iterator<Item = Option<Uuid>>,
    lang: Lang,
) -> Result<std::collections::HashMap<Option<Uuid>, String>, OpError> {
    let mut wanted: Vec<Uuid> = ids.flatten().collect();
    wanted.sort();
    wanted.dedup();
    let rows = store::organizations::names(&state.db, &wanted).await?;
    let mut names: std::collections::HashMap<Option<Uuid>, String> = rows
        .into_iter()
        .map(|(id, kk, ru, en)| {
            let n = lang
                .pick_present(kk.as_deref(), ru.as_deref(), en.as_deref())
                .unwrap_or("—")
                .to_owned();
            (Some(id), n)
        })
        .collect();
    names.insert(None, String::new());
    Ok(names)
}

/// An entry of a public book: what was done and when, nothing about the person.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicEntry {
    /// Day of the activity.
    pub date: NaiveDate,
    /// Organization, when there was one.
    pub organization_id: Option<Uuid>,
    /// Minutes (negative for a reversal).
    pub minutes: i64,
    /// Direction code.
    pub direction: Option<String>,
    /// Activity type code.
    pub activity_type: Option<String>,
    /// `confirmed` or `reversal`.
    pub kind: String,
}

/// A book as anyone sees it once its holder made it public: her given name and the
/// initial of her family name, her region, the totals and the ledger's entries. No IIN,
/// phone, e-mail, address, birth date or locality; no descriptions or reasons.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicBook {
    /// Key of the holder (the address of the public book).
    pub volunteer_id: Uuid,
    /// Given name and the initial of the family name.
    pub name: String,
    /// Region code.
    pub region_code: Option<String>,
    /// Confirmed minutes, from the ledger.
    pub totals: Totals,
    /// Ledger entries, newest first.
    pub entries: Vec<PublicEntry>,
}

/// The name a public book shows: "Әсем Н." from her given and family names, else the
/// first word of her display name.
pub fn public_name(u: &store::accounts::User) -> String {
    let first = u
        .first_name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| u.display_name.split_whitespace().next().unwrap_or(""));
    match u.last_name.as_deref().and_then(|l| l.trim().chars().next()) {
        Some(c) => format!("{first} {c}."),
        None => first.to_owned(),
    }
}

/// A volunteer's public book, or None when there is no such volunteer or she keeps her
/// book private (the two answers look the same from outside).
pub async fn public_book(state: &AppState, volunteer: Uuid) -> Result<Option<PublicBook>, OpError> {
    if !store_ledger::public_book(&state.db, volunteer).await? {
        return Ok(None);
    }
    let Some(u) = store::accounts::user_by_id(&state.db, volunteer).await? else {
        return Ok(None);
    };
    let (chain, _) = store_ledger::chain(&state.db, volunteer).await?;
    Ok(Some(PublicBook {
        volunteer_id: volunteer,
        name: public_name(&u),
        region_code: u.region_code.clone(),
        totals: totals(&chain, None, None),
        entries: chain
            .iter()
            .rev()
            .map(|s| PublicEntry {
                date: s.entry.work_date,
                organization_id: s.entry.organization_id,
                minutes: s.entry.minutes,
                direction: s.entry.direction.clone(),
                activity_type: s.entry.activity_type.clone(),
                kind: s.entry.kind.clone(),
            })
            .collect(),
    }))
}

/// Shows or hides her book publicly.
pub async fn set_public(state: &AppState, me: &SignedIn, public: bool) -> Result<(), OpError> {
    store_ledger::set_public_book(&state.db, me.user.id, public).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::ledger::{Entry, GENESIS, Stored};

    fn entry(seq: i64, minutes: i64, kind: &str, date: (i32, u32, u32)) -> Stored {
        let entry = Entry {
            volunteer_id: Uuid::from_u128(1),
            seq,
            hours_id: Uuid::from_u128(seq as u128),
            kind: kind.into(),
            minutes,
            work_date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            organization_id: Some(Uuid::from_u128(7)),
            direction: Some("social".into()),
            activity_type: Some("1".into()),
            source: "attendance".into(),
            reason: None,
            actor_id: None,
            recorded_at: chrono::Utc::now(),
            prev_hash: GENESIS,
        };
        Stored {
            hash: entry.hash(),
            entry,
        }
    }

    #[test]
    fn totals_are_confirmations_less_reversals_in_every_grouping() {
        // Deterministic pseudo-random books: the totals always equal the signed sum.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200 {
            let mut chain = Vec::new();
            let mut expected = 0;
            for seq in 1..=30 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let minutes = (x % 600) as i64 + 1;
                let reverse = x.is_multiple_of(5) && !chain.is_empty();
                let m = if reverse { -minutes } else { minutes };
                expected += m;
                let year = 2024 + (x % 3) as i32;
                chain.push(entry(
                    seq,
                    m,
                    if reverse { "reverse" } else { "confirm" },
                    (year, 1 + (x % 12) as u32, 1),
                ));
            }
            let t = totals(&chain, None, None);
            // The book page sums the ledger in SQL four ways: the same totals.
            let mut sums = store_ledger::BookSums::default();
            let mut by_month: BTreeMap<NaiveDate, i64> = BTreeMap::new();
            let mut by_org: BTreeMap<Option<Uuid>, i64> = BTreeMap::new();
            for s in &chain {
                let d = s.entry.work_date;
                *by_month.entry(d.with_day(1).unwrap()).or_default() += s.entry.minutes;
                *by_org.entry(s.entry.organization_id).or_default() += s.entry.minutes;
            }
            sums.by_month = by_month.into_iter().collect();
            sums.by_organization = by_org.into_iter().collect();
            sums.by_direction = vec![(Some("social".into()), expected)];
            sums.by_activity_type = vec![(Some("1".into()), expected)];
            assert_eq!(totals_of_sums(&sums), t);
            assert_eq!(t.minutes, expected);
            assert_eq!(t.by_year.values().sum::<i64>(), expected);
            assert_eq!(t.by_direction.values().sum::<i64>(), expected);
            assert_eq!(t.by_organization.values().sum::<i64>(), expected);
            assert_eq!(t.by_activity_type.values().sum::<i64>(), expected);
        }
    }
}
