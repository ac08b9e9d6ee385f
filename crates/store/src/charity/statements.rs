//! Bank statements of an organization's account (`domain::charity::statement`).
//!
//! An upload is kept as a preview: the file as sent, its column mapping and what reading it
//! found; nothing is recorded. Recording it takes each transfer in once: one meant for a
//! collection becomes a donation through [`record_donation`] (channel bank transfer, external
//! key `bank:{organization}:{transaction}`, so into the money trail and never twice), and
//! every transfer, donation or not, is kept in `statement_rows` by its transaction id. A
//! transfer for no collection waits there until the treasurer [`assign`]s it, which records
//! its donation the same way.
//!
//! Each transfer is its own transaction (a collection's lock is held for one donation, not
//! for a whole statement); recording a statement again, or two statements with the same
//! transfers at once, records nothing twice: the external key and the transaction id are
//! unique.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use domain::charity::Channel;
use domain::charity::statement::{BankRow, Encoding, Mapping, StatementStatus, external_key};
use serde::Serialize;
use uuid::Uuid;

use super::{NewDonation, Recorded, record_donation};
use crate::audit::NewEntry;
use crate::{Db, Error, Result, new_id, now, on_db, record_audit};

/// An uploaded statement, without its file.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Statement {
    /// Key.
    pub id: Uuid,
    /// The organization whose account it is.
    pub organization_id: Uuid,
    /// The file's name as sent.
    pub file_name: String,
    /// How its text was encoded (`utf-8`, `windows-1251`; empty for a spreadsheet).
    pub encoding: String,
    /// The column mapping, JSON (a `domain::charity::statement::Mapping`).
    pub mapping: String,
    /// Where it is.
    #[sqlx(try_from = "String")]
    pub status: StatementStatus,
    /// Data rows read with the mapping.
    pub total_rows: i64,
    /// Transfers in (each transaction once).
    pub credit_rows: i64,
    /// Money out (skipped).
    pub debit_rows: i64,
    /// Rows refused.
    pub bad_rows: i64,
    /// The refusals, JSON (`domain::import::RowError`s).
    pub errors: String,
    /// Transfers recorded as new donations.
    pub recorded_rows: i64,
    /// Transfers recorded or kept before (by an earlier import), or repeated in the file.
    pub duplicate_rows: i64,
    /// Transfers kept for manual assignment.
    pub unmatched_rows: i64,
    /// Who uploaded it.
    pub created_by: Uuid,
    /// Uploaded at.
    pub created_at: DateTime<Utc>,
    /// Recorded at.
    pub applied_at: Option<DateTime<Utc>>,
}

impl Statement {
    /// Its mapping (a stored mapping that no longer reads is no mapping: line 1, no column).
    pub fn mapping(&self) -> Mapping {
        serde_json::from_str(&self.mapping).unwrap_or(Mapping {
            header_line: 1,
            ..Mapping::default()
        })
    }
}

const STATEMENT_COLUMNS: &str = "id, organization_id, file_name, encoding, mapping, status, \
    total_rows, credit_rows, debit_rows, bad_rows, errors, recorded_rows, duplicate_rows, \
    unmatched_rows, created_by, created_at, applied_at";

/// What reading a statement with a mapping found.
#[derive(Debug, Clone, Copy)]
pub struct Reading<'a> {
    /// Data rows.
    pub total_rows: i64,
    /// Transfers in.
    pub credit_rows: i64,
    /// Money out.
    pub debit_rows: i64,
    /// Rows refused.
    pub bad_rows: i64,
    /// The refusals, JSON.
    pub errors: &'a str,
}

/// A statement to keep as a preview.
#[derive(Debug, Clone, Copy)]
pub struct NewStatement<'a> {
    /// The organization.
    pub organization_id: Uuid,
    /// The file's name.
    pub file_name: &'a str,
    /// The file as sent.
    pub content: &'a [u8],
    /// Its text's encoding (None: a spreadsheet).
    pub encoding: Option<Encoding>,
    /// The mapping it was read with.
    pub mapping: &'a Mapping,
    /// What reading it found.
    pub reading: Reading<'a>,
    /// Who uploads it.
    pub created_by: Uuid,
}

fn mapping_json(m: &Mapping) -> String {
    serde_json::to_string(m).unwrap_or_else(|_| "{}".into())
}

/// Keeps an uploaded statement as a preview; its key.
pub async fn create(db: &Db, s: &NewStatement<'_>) -> Result<Uuid> {
    let id = new_id();
    let r = &s.reading;
    on_db!(db, pool => {
        sqlx::query(
            "INSERT INTO statements (id, organization_id, file_name, content, encoding, mapping, \
             status, total_rows, credit_rows, debit_rows, bad_rows, errors, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(id)
        .bind(s.organization_id)
        .bind(s.file_name)
        .bind(s.content)
        .bind(s.encoding.map_or("", Encoding::code))
        .bind(mapping_json(s.mapping))
        .bind(StatementStatus::Preview.code())
        .bind(r.total_rows)
        .bind(r.credit_rows)
        .bind(r.debit_rows)
        .bind(r.bad_rows)
        .bind(r.errors)
        .bind(s.created_by)
        .bind(now())
        .execute(pool)
        .await?;
    });
    Ok(id)
}

/// One statement (without its file).
pub async fn get(db: &Db, id: Uuid) -> Result<Option<Statement>> {
    let sql = format!("SELECT {STATEMENT_COLUMNS} FROM statements WHERE id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id).fetch_optional(pool).await?),
    )
}

/// A statement's file as it was sent.
pub async fn content(db: &Db, id: Uuid) -> Result<Option<Vec<u8>>> {
    Ok(
        on_db!(db, pool => sqlx::query_scalar("SELECT content FROM statements WHERE id = $1")
            .bind(id).fetch_optional(pool).await?),
    )
}

/// An organization's latest statements, newest first.
pub async fn of_organization(db: &Db, organization: Uuid, limit: i64) -> Result<Vec<Statement>> {
    let sql = format!(
        "SELECT {STATEMENT_COLUMNS} FROM statements WHERE organization_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(organization).bind(limit).fetch_all(pool).await?),
    )
}

/// `Conflict("statement_not_preview")` when the statement exists, else `NotFound`.
async fn not_preview(db: &Db, id: Uuid) -> Error {
    match get(db, id).await {
        Ok(Some(_)) => Error::Conflict("statement_not_preview"),
        Ok(None) => Error::NotFound,
        Err(e) => e,
    }
}

/// Reads a preview again with another mapping. Errors: `NotFound`,
/// `Conflict("statement_not_preview")`.
pub async fn remap(db: &Db, id: Uuid, mapping: &Mapping, r: &Reading<'_>) -> Result<()> {
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE statements SET mapping = $2, total_rows = $3, credit_rows = $4, debit_rows = $5, \
         bad_rows = $6, errors = $7 WHERE id = $1 AND status = $8",
    )
    .bind(id)
    .bind(mapping_json(mapping))
    .bind(r.total_rows)
    .bind(r.credit_rows)
    .bind(r.debit_rows)
    .bind(r.bad_rows)
    .bind(r.errors)
    .bind(StatementStatus::Preview.code())
    .execute(pool).await?.rows_affected());
    if n == 1 {
        Ok(())
    } else {
        Err(not_preview(db, id).await)
    }
}

/// Throws a preview away (its file with it). Errors: `NotFound`,
/// `Conflict("statement_not_preview")`.
pub async fn discard(db: &Db, id: Uuid) -> Result<()> {
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE statements SET status = $2, content = $3 WHERE id = $1 AND status = $4",
    )
    .bind(id)
    .bind(StatementStatus::Discarded.code())
    .bind(Vec::<u8>::new())
    .bind(StatementStatus::Preview.code())
    .execute(pool).await?.rows_affected());
    if n == 1 {
        Ok(())
    } else {
        Err(not_preview(db, id).await)
    }
}

/// The transaction ids of `organization`'s account already taken in, each with whether it
/// is a donation (true) or waits for assignment (false).
pub async fn known(db: &Db, organization: Uuid) -> Result<HashMap<String, bool>> {
    let ids: Vec<(String, bool)> = on_db!(db, pool => sqlx::query_as(
        "SELECT transaction_id, donation_id IS NOT NULL FROM statement_rows \
         WHERE organization_id = $1",
    ).bind(organization).fetch_all(pool).await?);
    Ok(ids.into_iter().collect())
}

/// The donation of a transfer into `organization`'s account for `collection`: a bank
/// transfer by its payer (private), shown as anonymous, known by its transaction.
fn transfer_donation(
    organization: Uuid,
    transaction_id: &str,
    amount_tiyn: i64,
    occurred_on: NaiveDate,
    payer: Option<String>,
    collection: Uuid,
    by: Uuid,
) -> NewDonation {
    NewDonation {
        collection_id: collection,
        in_kind: false,
        amount_tiyn: Some(amount_tiyn),
        channel: Channel::BankTransfer,
        occurred_on,
        donor_user_id: None,
        donor_name: payer,
        donor_email: None,
        public_name: None,
        external_key: Some(external_key(organization, transaction_id)),
        items: None,
        quantity: None,
        unit: None,
        condition: None,
        box_number: None,
        act: None,
        lang: domain::Lang::default().code().to_owned(),
        recorded_by: Some(by),
    }
}

/// Records a transfer's donation once: [`record_donation`], and when another recording of
/// the same transaction won a race past its check (to another collection, whose lock does
/// not serialise the two), the donation that one recorded.
async fn record_once(db: &Db, d: &NewDonation, receipt_code: &str) -> Result<Recorded> {
    match record_donation(db, d, receipt_code).await {
        Err(Error::Conflict("donation_duplicate")) => {
            let key = d.external_key.as_deref().unwrap_or_default();
            super::donation_by_key(db, key)
                .await?
                .map(Recorded::Duplicate)
                .ok_or(Error::Conflict("donation_duplicate"))
        }
        other => other,
    }
}

/// What taking one transfer in did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// Recorded now as a donation.
    Recorded(Uuid),
    /// Recorded before (the same transaction): nothing changed.
    Duplicate(Uuid),
    /// Kept now for manual assignment.
    Waiting,
    /// Kept before, still waiting: nothing changed.
    AlreadyWaiting,
}

/// Where a transfer comes from and who takes it in.
#[derive(Debug, Clone, Copy)]
pub struct Source {
    /// The statement.
    pub statement: Uuid,
    /// Who records it.
    pub by: Uuid,
}

/// Takes one transfer into `organization`'s books: a donation to `collection` (recorded
/// once), or, with no collection (or one that takes no donation any more), kept to be
/// assigned by hand. Either way the transfer is kept by its transaction id.
pub async fn take(
    db: &Db,
    organization: Uuid,
    row: &BankRow,
    collection: Option<Uuid>,
    from: Source,
    receipt_code: &str,
) -> Result<Taken> {
    let recorded = match collection {
        Some(c) => {
            let d = transfer_donation(
                organization,
                &row.transaction_id,
                row.amount.get(),
                row.date,
                row.payer.clone(),
                c,
                from.by,
            );
            match record_once(db, &d, receipt_code).await {
                Ok(r) => Some(r),
                // Closed or suspended since it was matched, or gone: the treasurer decides.
                Err(Error::Conflict("collection_not_active") | Error::NotFound) => None,
                Err(e) => return Err(e),
            }
        }
        None => None,
    };
    let donation = recorded.map(Recorded::id);
    let kept = on_db!(db, pool => sqlx::query(
        "INSERT INTO statement_rows (organization_id, transaction_id, amount_tiyn, occurred_on, \
         payer, details, donation_id, imported_by, imported_at, statement_id, line) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (organization_id, transaction_id) DO UPDATE \
         SET donation_id = COALESCE(statement_rows.donation_id, excluded.donation_id) \
         WHERE statement_rows.donation_id IS NULL AND excluded.donation_id IS NOT NULL",
    )
    .bind(organization)
    .bind(&row.transaction_id)
    .bind(row.amount.get())
    .bind(row.date)
    .bind(&row.payer)
    .bind(&row.purpose)
    .bind(donation)
    .bind(from.by)
    .bind(now())
    .bind(from.statement)
    .bind(row.line)
    .execute(pool).await?.rows_affected());
    Ok(match recorded {
        Some(Recorded::New(id)) => Taken::Recorded(id),
        Some(Recorded::Duplicate(id)) => Taken::Duplicate(id),
        None if kept == 1 => Taken::Waiting,
        None => Taken::AlreadyWaiting,
    })
}

/// How many transfers went where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// Recorded as new donations.
    pub recorded: i64,
    /// Taken in before (or repeated): nothing changed.
    pub duplicates: i64,
    /// Kept for manual assignment.
    pub waiting: i64,
}

/// Records a preview: `rows` are its transfers with the collection each was matched to.
/// The statement turns `applying` first, which only one caller wins
/// (`Conflict("statement_not_preview")` for the others), then `applied` with the counts;
/// `repeated` (transfers repeated in the file) count as duplicates. `progress` counts the
/// transfers done; `receipt_code` gives each new donation its receipt's code. Should a
/// transfer fail, the statement goes back to `preview` (what was taken in stays: taking it
/// again changes nothing) and the error is returned.
#[allow(clippy::too_many_arguments)]
pub async fn apply(
    db: &Db,
    id: Uuid,
    organization: Uuid,
    rows: &[(BankRow, Option<Uuid>)],
    repeated: i64,
    by: Uuid,
    receipt_code: &(dyn Fn() -> String + Sync),
    progress: &AtomicU64,
) -> Result<Applied> {
    let claimed = on_db!(db, pool => sqlx::query(
        "UPDATE statements SET status = $2 WHERE id = $1 AND status = $3 AND organization_id = $4",
    )
    .bind(id)
    .bind(StatementStatus::Applying.code())
    .bind(StatementStatus::Preview.code())
    .bind(organization)
    .execute(pool).await?.rows_affected());
    if claimed != 1 {
        return Err(not_preview(db, id).await);
    }
    let from = Source { statement: id, by };
    let mut out = Applied {
        duplicates: repeated,
        ..Applied::default()
    };
    for (row, collection) in rows {
        match take(db, organization, row, *collection, from, &receipt_code()).await {
            Ok(Taken::Recorded(_)) => out.recorded += 1,
            Ok(Taken::Duplicate(_) | Taken::AlreadyWaiting) => out.duplicates += 1,
            Ok(Taken::Waiting) => out.waiting += 1,
            Err(e) => {
                let _ = on_db!(db, pool => sqlx::query(
                    "UPDATE statements SET status = $2 WHERE id = $1 AND status = $3",
                )
                .bind(id)
                .bind(StatementStatus::Preview.code())
                .bind(StatementStatus::Applying.code())
                .execute(pool).await.map(|_| ()));
                return Err(e);
            }
        }
        progress.fetch_add(1, Ordering::Relaxed);
    }
    on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        sqlx::query(
            "UPDATE statements SET status = $2, applied_at = $3, recorded_rows = $4, \
             duplicate_rows = $5, unmatched_rows = $6 WHERE id = $1",
        )
        .bind(id)
        .bind(StatementStatus::Applied.code())
        .bind(now())
        .bind(out.recorded)
        .bind(out.duplicates)
        .bind(out.waiting)
        .execute(&mut *tx)
        .await?;
        record_audit!(&mut *tx, &NewEntry {
            actor_id: Some(by),
            action: "statement.applied".into(),
            object_type: "statement".into(),
            object_id: id,
            organization_id: Some(organization),
            region_code: None,
            changes: serde_json::json!({
                "recorded": out.recorded, "duplicates": out.duplicates, "waiting": out.waiting
            }),
            reason: None,
        })?;
        tx.commit().await?;
    });
    Ok(out)
}

/// A transfer waiting to be assigned to a collection.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Waiting {
    /// The bank's transaction id.
    pub transaction_id: String,
    /// Tiyn.
    pub amount_tiyn: i64,
    /// The day.
    pub occurred_on: NaiveDate,
    /// Who paid (private).
    pub payer: Option<String>,
    /// The purpose the payer wrote.
    pub details: Option<String>,
    /// The statement it came with.
    pub statement_id: Option<Uuid>,
    /// Its line there.
    pub line: Option<i64>,
    /// Taken in at.
    pub imported_at: DateTime<Utc>,
}

/// The transfers of `organization`'s account waiting for assignment, oldest first.
pub async fn waiting(db: &Db, organization: Uuid, limit: i64) -> Result<Vec<Waiting>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT transaction_id, amount_tiyn, occurred_on, payer, details, statement_id, line, \
         imported_at FROM statement_rows WHERE organization_id = $1 AND donation_id IS NULL \
         ORDER BY occurred_on, transaction_id LIMIT $2",
    )
    .bind(organization)
    .bind(limit)
    .fetch_all(pool)
    .await?))
}

/// Assigns a waiting transfer to `collection` (an active collection of the organization,
/// which the caller checked): its donation is recorded as an imported one is, once. Errors:
/// `NotFound` (no such transfer), `Conflict("statement_row_assigned")` (assigned before),
/// `Conflict("collection_not_active")`. Two assignments at once record one donation: the
/// second is told [`Recorded::Duplicate`].
pub async fn assign(
    db: &Db,
    organization: Uuid,
    transaction_id: &str,
    collection: Uuid,
    by: Uuid,
    receipt_code: &str,
) -> Result<Recorded> {
    type Row = (i64, NaiveDate, Option<String>, Option<Uuid>);
    let row: Option<Row> = on_db!(db, pool => sqlx::query_as(
        "SELECT amount_tiyn, occurred_on, payer, donation_id FROM statement_rows \
         WHERE organization_id = $1 AND transaction_id = $2",
    )
    .bind(organization)
    .bind(transaction_id)
    .fetch_optional(pool)
    .await?);
    let Some((amount, day, payer, donation)) = row else {
        return Err(Error::NotFound);
    };
    if donation.is_some() {
        return Err(Error::Conflict("statement_row_assigned"));
    }
    let d = transfer_donation(
        organization,
        transaction_id,
        amount,
        day,
        payer,
        collection,
        by,
    );
    let r = record_once(db, &d, receipt_code).await?;
    on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        let n = sqlx::query(
            "UPDATE statement_rows SET donation_id = $3, assigned_by = $4, assigned_at = $5 \
             WHERE organization_id = $1 AND transaction_id = $2 AND donation_id IS NULL",
        )
        .bind(organization)
        .bind(transaction_id)
        .bind(r.id())
        .bind(by)
        .bind(now())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 1 {
            record_audit!(&mut *tx, &NewEntry {
                actor_id: Some(by),
                action: "statement_row.assigned".into(),
                object_type: "donation".into(),
                object_id: r.id(),
                organization_id: Some(organization),
                region_code: None,
                changes: serde_json::json!({
                    "transaction_id": transaction_id, "collection_id": collection
                }),
                reason: None,
            })?;
        }
        tx.commit().await?;
    });
    Ok(r)
}
