//! Bank statements of an organization's account, imported by its treasurers (and owner):
//! a statement is uploaded and read (`domain::charity::statement`), shown with its column
//! mapping and what recording it would do (which transfers become donations of which
//! collection, which wait for the treasurer, which were taken in before), recorded in the
//! background with a progress bar (the hours import's [`crate::imports::Jobs`]), and the
//! transfers that named no collection are assigned by hand.
//!
//! Nothing is recorded twice: a transfer's donation is known by the bank's transaction id
//! (see `store::charity::statements`), whether the statement is recorded again, uploaded
//! again, or recorded twice at once.

use std::collections::HashMap;

use domain::charity::statement::{
    self as st, BankRow, Encoding, Field, Mapping, Parsed, StatementStatus, Target,
};
use domain::{Action, Lang};
use serde::Deserialize;
pub use store::charity::Recorded;
use store::charity::statements::{self as store_statements, NewStatement, Reading};
pub use store::charity::statements::{Statement, Waiting};
use store::charity::{Collection, CollectionFilter};
use uuid::Uuid;

use super::receipt_code;
use super::view::CollectionView;
use crate::auth::SignedIn;
use crate::organizations::{allow, load, resource};
use crate::{App, Errors, OpError};

/// Largest statement accepted (bytes): the hours import's limit.
pub const MAX_FILE_BYTES: usize = crate::imports::MAX_FILE_BYTES;
/// Transfers a preview lists.
pub const PREVIEW_ROWS: usize = 50;
/// Most waiting transfers listed at once.
pub const WAITING_LIMIT: i64 = 500;
/// Latest statements listed.
const RECENT: i64 = 50;

/// Checks that the caller handles the money of `org` (its owner or a treasurer).
async fn authorise(state: &App, me: &SignedIn, org: Uuid) -> Result<(), OpError> {
    let o = load(state, org).await?;
    allow(Some(me), Action::HandleMoney, &resource(&o))
}

/// A statement of `org` (after [`authorise`]); `NotFound` for another organization's.
async fn statement_of(state: &App, org: Uuid, id: Uuid) -> Result<Statement, OpError> {
    store_statements::get(&state.db, id)
        .await?
        .filter(|s| s.organization_id == org)
        .ok_or(OpError::NotFound)
}

/// A statement's file as rows of cells: a spreadsheet as the hours import reads one; any
/// other file decoded (UTF-8 or Windows-1251) and split at its separator. Errors:
/// `statement_unreadable`.
pub fn read_statement(
    file_name: &str,
    bytes: &[u8],
) -> Result<(Vec<Vec<String>>, Option<Encoding>), &'static str> {
    if crate::imports::is_xlsx(file_name, bytes) {
        return crate::imports::read_table(file_name, bytes)
            .map(|rows| (rows, None))
            .map_err(|_| "statement_unreadable");
    }
    let (text, encoding) = st::decode(bytes).ok_or("statement_unreadable")?;
    let limit = st::MAX_ROWS + st::HEADER_SEARCH_ROWS + 1;
    crate::imports::read_csv_text(&text, st::separator(&text), limit)
        .map(|rows| (rows, Some(encoding)))
        .map_err(|_| "statement_unreadable")
}

/// A statement read: its encoding, the mapping it was read with, the cells a column may be
/// chosen from, and what it holds.
struct Read {
    encoding: Option<Encoding>,
    mapping: Mapping,
    columns: Vec<String>,
    rows: usize,
    parsed: Parsed,
}

/// Reads a statement off the request's thread, with `mapping` (None: the one its headings
/// suggest). Errors: the file's refusal code.
async fn read(
    file_name: String,
    bytes: Vec<u8>,
    mapping: Option<Mapping>,
) -> Result<Result<Read, &'static str>, OpError> {
    tokio::task::spawn_blocking(move || {
        let (rows, encoding) = read_statement(&file_name, &bytes)?;
        let mapping = mapping.unwrap_or_else(|| Mapping::guess(&rows));
        // Columns to choose from: the header's cells, and a number for any cell further
        // right in the first rows.
        let header = rows
            .get(mapping.header_line.max(1) - 1)
            .cloned()
            .unwrap_or_default();
        let width = rows
            .iter()
            .take(st::HEADER_SEARCH_ROWS + PREVIEW_ROWS)
            .map(Vec::len)
            .max()
            .unwrap_or(0);
        let columns = (0..width)
            .map(|i| {
                header
                    .get(i)
                    .map(|c| c.trim().to_owned())
                    .unwrap_or_default()
            })
            .collect();
        let parsed = st::parse(&rows, &mapping, crate::today());
        Ok(Read {
            encoding,
            mapping,
            columns,
            rows: rows.len(),
            parsed,
        })
    })
    .await
    .map_err(|e| OpError::Internal(e.to_string()))
}

fn reading<'a>(p: &Parsed, errors: &'a str) -> Reading<'a> {
    let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
    Reading {
        total_rows: n(p.rows),
        credit_rows: n(p.credits.len()),
        debit_rows: n(p.debits),
        bad_rows: n(p.bad_rows()),
        errors,
    }
}

/// Reads an uploaded statement and keeps it as a preview, which it returns. Refusals of
/// the file (next to the `file` field): empty, larger than [`MAX_FILE_BYTES`],
/// `statement_unreadable`. What the rows hold (refused rows, a column missing) is kept
/// with the preview.
pub async fn upload(
    state: &App,
    me: &SignedIn,
    lang: Lang,
    org: Uuid,
    file_name: &str,
    bytes: &[u8],
) -> Result<Statement, OpError> {
    authorise(state, me, org).await?;
    let mut errors = Errors::new(lang);
    if bytes.is_empty() {
        errors.invalid("file", &domain::Invalid::Required);
    } else if bytes.len() > MAX_FILE_BYTES {
        let max_kib = i64::try_from(MAX_FILE_BYTES / 1024).unwrap_or(i64::MAX);
        errors.invalid("file", &domain::Invalid::FileTooLarge { max_kib });
    }
    if !errors.is_empty() {
        return Err(OpError::Invalid(errors));
    }
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let name = if name.trim().is_empty() {
        "statement.csv".to_owned()
    } else {
        name
    };
    let r = match read(name.clone(), bytes.to_vec(), None).await? {
        Ok(r) => r,
        Err(code) => {
            errors.code("file", code);
            return Err(OpError::Invalid(errors));
        }
    };
    let json = serde_json::to_string(&r.parsed.errors).unwrap_or_else(|_| "[]".into());
    let id = store_statements::create(
        &state.db,
        &NewStatement {
            organization_id: org,
            file_name: &name,
            content: bytes,
            encoding: r.encoding,
            mapping: &r.mapping,
            reading: reading(&r.parsed, &json),
            created_by: me.user.id,
        },
    )
    .await?;
    store_statements::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)
}

/// The latest statements of an organization and how many transfers wait for assignment.
pub async fn recent(
    state: &App,
    me: &SignedIn,
    org: Uuid,
) -> Result<(Vec<Statement>, usize), OpError> {
    authorise(state, me, org).await?;
    let list = store_statements::of_organization(&state.db, org, RECENT).await?;
    let waiting = store_statements::waiting(&state.db, org, WAITING_LIMIT).await?;
    Ok((list, waiting.len()))
}

/// What recording a transfer would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new donation to this collection.
    Donation {
        /// The collection.
        collection: Uuid,
        /// Its transfer reference.
        reference: String,
        /// Its purpose, in the reader's language.
        purpose: String,
    },
    /// Kept for the treasurer to assign (no collection found).
    Waiting,
    /// Taken in before: nothing changes.
    Known,
}

/// A transfer of a preview and what recording it would do.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The transfer.
    pub row: BankRow,
    /// What recording it would do.
    pub outcome: Outcome,
}

/// What recording a preview would do, in numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Outlook {
    /// New donations.
    pub donations: i64,
    /// Transfers kept for assignment.
    pub waiting: i64,
    /// Transfers taken in before, or repeated in the file: nothing changes.
    pub known: i64,
}

/// A statement as its page shows it.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The statement.
    pub statement: Statement,
    /// Its mapping.
    pub mapping: Mapping,
    /// The columns to choose from (the header's cells; empty once recorded).
    pub columns: Vec<String>,
    /// Lines of the file (the header may be any of its first lines).
    pub lines: usize,
    /// What recording it would do (a preview's only).
    pub outlook: Option<Outlook>,
    /// Its first [`PREVIEW_ROWS`] transfers in (a preview's only).
    pub rows: Vec<Planned>,
    /// Transfers done while it is being recorded here.
    pub progress: Option<u64>,
}

/// The active collections of `org`, for matching and assignment.
async fn active_collections(state: &App, org: Uuid) -> Result<Vec<Collection>, OpError> {
    let filter = CollectionFilter {
        statuses: vec![domain::charity::CollectionStatus::Active],
        organization: Some(org),
        ..CollectionFilter::default()
    };
    Ok(store::charity::collections(&state.db, &filter, 500, 0).await?)
}

/// The transfers of `parsed` with the collection each goes to (None: it waits), and what
/// recording them would do.
async fn plan(
    state: &App,
    lang: Lang,
    org: Uuid,
    parsed: Parsed,
) -> Result<(Vec<(BankRow, Option<Uuid>)>, Vec<Planned>, Outlook), OpError> {
    let collections = active_collections(state, org).await?;
    let targets: Vec<Target> = collections
        .iter()
        .map(|c| Target {
            id: c.id,
            iban: c.iban.clone(),
            registration_number: c.registration_number.clone(),
        })
        .collect();
    let by_id: HashMap<Uuid, &Collection> = collections.iter().map(|c| (c.id, c)).collect();
    let known = store_statements::known(&state.db, org).await?;
    let mut outlook = Outlook {
        known: i64::try_from(parsed.repeated).unwrap_or(i64::MAX),
        ..Outlook::default()
    };
    let mut shown = Vec::new();
    let mut rows = Vec::with_capacity(parsed.credits.len());
    for row in parsed.credits {
        let collection = st::match_row(&row, &targets);
        let outcome = match (known.get(&row.transaction_id), collection) {
            // Recorded before, or still waiting with no collection to go to.
            (Some(true), _) | (Some(false), None) => Outcome::Known,
            (_, Some(c)) => Outcome::Donation {
                collection: c,
                reference: st::transfer_reference(c),
                purpose: by_id
                    .get(&c)
                    .map(|c| CollectionView::of(lang, c).purpose)
                    .unwrap_or_default(),
            },
            (None, None) => Outcome::Waiting,
        };
        match outcome {
            Outcome::Donation { .. } => outlook.donations += 1,
            Outcome::Waiting => outlook.waiting += 1,
            Outcome::Known => outlook.known += 1,
        }
        if shown.len() < PREVIEW_ROWS {
            shown.push(Planned {
                row: row.clone(),
                outcome,
            });
        }
        rows.push((row, collection));
    }
    Ok((rows, shown, outlook))
}

/// A statement of the organization with its mapping, what recording it would do and its
/// first transfers (while a preview), or its progress and outcome.
pub async fn preview(
    state: &App,
    me: &SignedIn,
    lang: Lang,
    org: Uuid,
    id: Uuid,
) -> Result<Preview, OpError> {
    authorise(state, me, org).await?;
    let statement = statement_of(state, org, id).await?;
    let progress = state.import_jobs.progress(id);
    let mapping = statement.mapping();
    if statement.status != StatementStatus::Preview {
        return Ok(Preview {
            statement,
            mapping,
            columns: Vec::new(),
            lines: 0,
            outlook: None,
            rows: Vec::new(),
            progress,
        });
    }
    let bytes = store_statements::content(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let r = read(statement.file_name.clone(), bytes, Some(mapping))
        .await?
        .map_err(OpError::Conflict)?;
    let (_, rows, outlook) = plan(state, lang, org, r.parsed).await?;
    Ok(Preview {
        statement,
        mapping: r.mapping,
        columns: r.columns,
        lines: r.rows,
        outlook: Some(outlook),
        rows,
        progress,
    })
}

/// The columns of a statement as chosen: the header's line (1-based) and each field's
/// column (0-based; none: not in the file).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct MappingForm {
    /// The header's line, from 1.
    pub header_line: Option<i64>,
    /// Column of the bank's transaction id (required).
    pub transaction_id: Option<i64>,
    /// Column of the day (required).
    pub date: Option<i64>,
    /// Column of money in, or of a signed amount (required).
    pub credit: Option<i64>,
    /// Column of money out.
    pub debit: Option<i64>,
    /// Column of the payer.
    pub payer: Option<i64>,
    /// Column of the purpose.
    pub purpose: Option<i64>,
    /// Column of the receiving account (IBAN).
    pub account: Option<i64>,
}

impl MappingForm {
    /// The column chosen for `f`.
    pub fn get(&self, f: Field) -> Option<i64> {
        match f {
            Field::TransactionId => self.transaction_id,
            Field::Date => self.date,
            Field::Credit => self.credit,
            Field::Debit => self.debit,
            Field::Payer => self.payer,
            Field::Purpose => self.purpose,
            Field::Account => self.account,
        }
    }
}

/// Reads a preview again with other columns. Refusals, next to their field: `header` (not
/// a line of the file), each field by its code (`required` for a required one left out,
/// `choice_unknown` for a column the file does not have); `statement_not_preview` once
/// recorded or discarded.
pub async fn remap(
    state: &App,
    me: &SignedIn,
    lang: Lang,
    org: Uuid,
    id: Uuid,
    form: &MappingForm,
) -> Result<(), OpError> {
    authorise(state, me, org).await?;
    let statement = statement_of(state, org, id).await?;
    if statement.status != StatementStatus::Preview {
        return Err(OpError::Conflict("statement_not_preview"));
    }
    let bytes = store_statements::content(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    // The file as it is, for its size: the mapping to check comes next.
    let current = read(
        statement.file_name.clone(),
        bytes.clone(),
        Some(statement.mapping()),
    )
    .await?
    .map_err(OpError::Conflict)?;
    let mut errors = Errors::new(lang);
    let lines = i64::try_from(current.rows.clamp(1, st::HEADER_SEARCH_ROWS)).unwrap_or(1);
    let width = i64::try_from(current.columns.len()).unwrap_or(0);
    let mut mapping = Mapping::default();
    match form.header_line {
        Some(n) if (1..=lines).contains(&n) => {
            mapping.header_line = usize::try_from(n).unwrap_or(1);
        }
        Some(_) => errors.invalid(
            "header",
            &domain::Invalid::NumberOutOfRange { min: 1, max: lines },
        ),
        None => errors.invalid("header", &domain::Invalid::Required),
    }
    for f in Field::ALL {
        match form.get(f) {
            Some(c) if (0..width).contains(&c) => mapping.set(f, usize::try_from(c).ok()),
            Some(_) => errors.invalid(f.code(), &domain::Invalid::ChoiceUnknown),
            None if f.required() => errors.invalid(f.code(), &domain::Invalid::Required),
            None => {}
        }
    }
    if !errors.is_empty() {
        return Err(OpError::Invalid(errors));
    }
    let r = read(statement.file_name.clone(), bytes, Some(mapping))
        .await?
        .map_err(OpError::Conflict)?;
    let json = serde_json::to_string(&r.parsed.errors).unwrap_or_else(|_| "[]".into());
    store_statements::remap(&state.db, id, &r.mapping, &reading(&r.parsed, &json)).await?;
    Ok(())
}

/// Starts recording a preview in the background: each transfer in becomes a donation of
/// the collection it names (once), or waits for assignment; [`crate::imports::Jobs`] has
/// its progress and the statement turns `applied` when done. Refusals:
/// `statement_not_preview` (recorded, discarded, or being recorded),
/// `statement_nothing_to_record` (no transfer in).
pub async fn apply(state: &App, me: &SignedIn, org: Uuid, id: Uuid) -> Result<(), OpError> {
    authorise(state, me, org).await?;
    let statement = statement_of(state, org, id).await?;
    if statement.status != StatementStatus::Preview {
        return Err(OpError::Conflict("statement_not_preview"));
    }
    let bytes = store_statements::content(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let r = read(
        statement.file_name.clone(),
        bytes,
        Some(statement.mapping()),
    )
    .await?
    .map_err(OpError::Conflict)?;
    if r.parsed.credits.is_empty() {
        return Err(OpError::Conflict("statement_nothing_to_record"));
    }
    let repeated = i64::try_from(r.parsed.repeated).unwrap_or(i64::MAX);
    let (rows, _, _) = plan(state, Lang::default(), org, r.parsed).await?;
    let Some(progress) = state.import_jobs.start(id) else {
        return Err(OpError::Conflict("statement_not_preview"));
    };
    let state = state.clone();
    let by = me.user.id;
    tokio::spawn(async move {
        let code = receipt_code;
        match store_statements::apply(&state.db, id, org, &rows, repeated, by, &code, &progress)
            .await
        {
            Ok(a) => tracing::info!(
                statement = %id, recorded = a.recorded, duplicates = a.duplicates,
                waiting = a.waiting, "statement recorded"
            ),
            Err(e) => tracing::warn!(statement = %id, error = %e, "statement not recorded"),
        }
        state.generation.bump();
        state.import_jobs.finish(id);
    });
    Ok(())
}

/// Throws a preview away.
pub async fn discard(state: &App, me: &SignedIn, org: Uuid, id: Uuid) -> Result<(), OpError> {
    authorise(state, me, org).await?;
    statement_of(state, org, id).await?;
    Ok(store_statements::discard(&state.db, id).await?)
}

/// An organization's transfers waiting for assignment, and its active collections to
/// assign them to.
pub async fn waiting(
    state: &App,
    me: &SignedIn,
    org: Uuid,
) -> Result<(Vec<Waiting>, Vec<Collection>), OpError> {
    authorise(state, me, org).await?;
    let rows = store_statements::waiting(&state.db, org, WAITING_LIMIT).await?;
    let collections = active_collections(state, org).await?;
    Ok((rows, collections))
}

/// Assigns a waiting transfer (by its transaction id) to an active collection of the
/// organization: its donation is recorded once. Refusals: `transaction` required,
/// `collection` not an active collection of the organization (`choice_unknown`),
/// `NotFound` (no such transfer), `statement_row_assigned`, `collection_not_active`.
pub async fn assign(
    state: &App,
    me: &SignedIn,
    lang: Lang,
    org: Uuid,
    transaction_id: &str,
    collection: &str,
) -> Result<Recorded, OpError> {
    authorise(state, me, org).await?;
    let mut errors = Errors::new(lang);
    let transaction_id = transaction_id.trim();
    if transaction_id.is_empty() {
        errors.invalid("transaction", &domain::Invalid::Required);
    }
    let c = match Uuid::parse_str(collection.trim()) {
        Ok(id) => store::charity::collection(&state.db, id)
            .await?
            .filter(|c| c.organization_id == org),
        Err(_) => None,
    };
    let c = match c {
        Some(c) if c.status.accepts_donations() => Some(c),
        Some(_) => return Err(OpError::Conflict("collection_not_active")),
        None => {
            errors.invalid("collection", &domain::Invalid::ChoiceUnknown);
            None
        }
    };
    let Some(c) = c.filter(|_| errors.is_empty()) else {
        return Err(OpError::Invalid(errors));
    };
    let r = store_statements::assign(
        &state.db,
        org,
        transaction_id,
        c.id,
        me.user.id,
        &receipt_code(),
    )
    .await?;
    state.generation.bump();
    Ok(r)
}

/// A refusal of a statement's row in words: the code's message, with the limits of its
/// column.
pub fn message(lang: Lang, column: &str, code: &str) -> String {
    match code {
        "too_long" if column == Field::TransactionId.code() => crate::i18n::invalid(
            lang,
            &domain::Invalid::TooLong {
                max: st::MAX_TRANSACTION_ID_CHARS,
            },
        ),
        _ => crate::i18n::t(lang, code),
    }
}

/// The refusals of a statement.
pub fn errors_of(s: &Statement) -> Vec<domain::import::RowError> {
    #[derive(Deserialize)]
    struct E {
        line: i64,
        column: String,
        code: String,
    }
    serde_json::from_str::<Vec<E>>(&s.errors)
        .unwrap_or_default()
        .into_iter()
        .map(|e| domain::import::RowError {
            line: e.line,
            column: e.column,
            code: e.code,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ASCII and Russian letters in Windows-1251.
    fn cp1251(text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| match c {
                'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
                c => c as u8,
            })
            .collect()
    }

    #[test]
    fn a_statement_in_windows_1251_or_as_a_spreadsheet() {
        let cp1251 = cp1251(
            "Референс;Дата;Кредит;Назначение платежа\r\nR-1;03.05.2026;1 500,00;\"Помощь; детям\"\r\n",
        );
        let (rows, encoding) = read_statement("vypiska.csv", &cp1251).unwrap();
        assert_eq!(encoding, Some(Encoding::Windows1251));
        assert_eq!(
            rows[1],
            vec!["R-1", "03.05.2026", "1 500,00", "Помощь; детям"]
        );
        let m = Mapping::guess(&rows);
        assert_eq!((m.header_line, m.credit, m.purpose), (1, Some(2), Some(3)));

        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["Референс", "Дата", "Кредит"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "R-2").unwrap();
        sheet.write_string(1, 1, "2026-05-04").unwrap();
        sheet.write_number(1, 2, 2500.5).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let (rows, encoding) = read_statement("vypiska.xlsx", &bytes).unwrap();
        assert_eq!(encoding, None);
        let p = st::parse(&rows, &Mapping::guess(&rows), crate::today());
        assert_eq!(p.credits[0].amount.get(), 250_050);

        assert_eq!(
            read_statement("a.csv", b"\xff\xfeR\x00").unwrap_err(),
            "statement_unreadable"
        );
        assert_eq!(
            read_statement("a.xlsx", b"PK\x03\x04 broken").unwrap_err(),
            "statement_unreadable"
        );
    }
}
