//! The volunteer's own book: a page of it (the book page, `GET /me/book`), all of it (its
//! files), and whether she shows it publicly.

use std::collections::HashMap;

use domain::benefits::Progress;
use domain::{Action, Lang};
use store::ledger::{self as store_ledger, Hours};
use uuid::Uuid;

use super::totals::{Totals, totals_of_sums};
use crate::App;
use crate::OpError;
use crate::auth::SignedIn;

/// Entries a page of the book shows.
pub const BOOK_PAGE: i64 = 100;

/// Her own book, and nobody else's.
fn own(me: &SignedIn, action: Action) -> Result<(), OpError> {
    domain::authorize(
        &me.actor(),
        action,
        &domain::Resource::User {
            id: me.user.id,
            region: None,
        },
    )?;
    Ok(())
}

/// A page of a volunteer's book: the totals (from the ledger), her progress toward each
/// benefit and her entries, newest first.
#[derive(Debug, Clone)]
pub struct Book {
    /// Confirmed minutes in total and by group.
    pub totals: Totals,
    /// Progress toward each benefit rule in force.
    pub benefits: Vec<Progress>,
    /// The entries of this page.
    pub entries: Vec<Hours>,
    /// Entries in all.
    pub entries_total: i64,
    /// This page, from 1.
    pub page: i64,
}

async fn read_book(
    state: &App,
    volunteer: Uuid,
    limit: i64,
    offset: i64,
) -> Result<(Totals, Vec<Progress>, Vec<Hours>, i64), OpError> {
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

/// The caller's book: page `page` (from 1) of her entries, [`BOOK_PAGE`] to a page.
pub async fn book(state: &App, me: &SignedIn, page: i64) -> Result<Book, OpError> {
    own(me, Action::ViewOwnAccount)?;
    let page = page.max(1);
    let offset = (page - 1).saturating_mul(BOOK_PAGE);
    let (totals, benefits, entries, entries_total) =
        read_book(state, me.user.id, BOOK_PAGE, offset).await?;
    Ok(Book {
        totals,
        benefits,
        entries,
        entries_total,
        page,
    })
}

/// Names of organizations by key (None: no organization, named "").
pub type Names = HashMap<Option<Uuid>, String>;

/// Names of organizations in `lang`, looked up in one statement.
pub async fn org_names(
    state: &App,
    ids: impl Iterator<Item = Option<Uuid>>,
    lang: Lang,
) -> Result<Names, OpError> {
    let mut wanted: Vec<Uuid> = ids.flatten().collect();
    wanted.sort();
    wanted.dedup();
    let rows = store::organizations::names(&state.db, &wanted).await?;
    let mut names: Names = rows
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

/// Names of the organizations of some entries and of a book's totals, looked up once each;
/// none when the lookup fails (the book shows without them).
pub(super) async fn names_of(
    state: &App,
    ids: impl Iterator<Item = Option<Uuid>>,
    totals: &Totals,
    lang: Lang,
) -> Names {
    let keys = totals
        .by_organization
        .keys()
        .map(|k| Uuid::parse_str(k).ok());
    org_names(state, ids.chain(keys), lang)
        .await
        .unwrap_or_default()
}

/// Everything the book page shows of the caller's book.
#[derive(Debug, Clone)]
pub struct MyBook {
    /// Totals, benefits and the page of entries.
    pub book: Book,
    /// Names of the organizations of the entries and totals.
    pub names: Names,
    /// Organizations of her region to claim hours with: (key, name).
    pub organizations: Vec<(Uuid, String)>,
    /// Her certificates, newest first.
    pub certificates: Vec<store::ledger::Certificate>,
    /// She shows her book publicly.
    pub public: bool,
}

/// The caller's book as her book page shows it: page `page` (from 1) of her entries, the
/// organizations she may claim hours with, her certificates, whether the book is public.
pub async fn my_book(state: &App, me: &SignedIn, lang: Lang, page: i64) -> Result<MyBook, OpError> {
    let book = book(state, me, page).await?;
    let names = names_of(
        state,
        book.entries.iter().map(|e| e.organization_id),
        &book.totals,
        lang,
    )
    .await;
    let organizations =
        store::organizations::choices(&state.db, me.user.region_code.as_deref(), 500)
            .await?
            .into_iter()
            .map(|(id, kk, ru, en)| {
                let name = lang
                    .pick_present(kk.as_deref(), ru.as_deref(), en.as_deref())
                    .unwrap_or_default()
                    .to_owned();
                (id, name)
            })
            .collect();
    let certificates = store_ledger::certificates_of(&state.db, me.user.id).await?;
    let public = store_ledger::public_book(&state.db, me.user.id).await?;
    Ok(MyBook {
        book,
        names,
        organizations,
        certificates,
        public,
    })
}

/// The caller's whole book for a download: totals, every entry, the organizations' names.
#[derive(Debug, Clone)]
pub struct BookExport {
    /// Confirmed minutes in total and by group.
    pub totals: Totals,
    /// Every entry, newest first.
    pub entries: Vec<Hours>,
    /// Names of the entries' organizations.
    pub names: Names,
}

/// Most entries a download of the book holds.
const EXPORT_ROWS: i64 = 100_000;

/// The caller's whole book, for `book.csv`, `book.xlsx` and `book.pdf`.
pub async fn book_export(state: &App, me: &SignedIn, lang: Lang) -> Result<BookExport, OpError> {
    own(me, Action::ViewOwnAccount)?;
    let (totals, _, entries, _) = read_book(state, me.user.id, EXPORT_ROWS, 0).await?;
    // One lookup per organization, not per row.
    let names = names_of(
        state,
        entries.iter().map(|e| e.organization_id),
        &Totals::default(),
        lang,
    )
    .await;
    Ok(BookExport {
        totals,
        entries,
        names,
    })
}

/// Shows or hides her book publicly.
pub async fn set_public(state: &App, me: &SignedIn, public: bool) -> Result<(), OpError> {
    own(me, Action::EditProfile)?;
    store_ledger::set_public_book(&state.db, me.user.id, public).await?;
    Ok(())
}
