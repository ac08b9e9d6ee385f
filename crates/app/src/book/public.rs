//! A book its holder made public: what anyone sees, without personal data.

use chrono::NaiveDate;
use domain::Lang;
use serde::Serialize;
use store::ledger as store_ledger;
use uuid::Uuid;

use super::own::{Names, names_of};
use super::totals::{Totals, totals};
use crate::App;
use crate::OpError;

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
pub async fn public_book(state: &App, volunteer: Uuid) -> Result<Option<PublicBook>, OpError> {
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

/// A public book with the names of its organizations, as its page shows it.
#[derive(Debug, Clone)]
pub struct PublicBookView {
    /// The book.
    pub book: PublicBook,
    /// Names of its organizations.
    pub names: Names,
}

/// A volunteer's public book with its organizations named in `lang`; `NotFound` when there
/// is no such volunteer or she keeps her book private.
pub async fn public_book_named(
    state: &App,
    volunteer: Uuid,
    lang: Lang,
) -> Result<PublicBookView, OpError> {
    let book = public_book(state, volunteer)
        .await?
        .ok_or(OpError::NotFound)?;
    let names = names_of(
        state,
        book.entries.iter().map(|e| e.organization_id),
        &book.totals,
        lang,
    )
    .await;
    Ok(PublicBookView { book, names })
}
