//! The closing report: published once, with the figures of the money trail at the checkpoint
//! they were computed at; and the reminders that it is due, each taken once.

use chrono::{DateTime, NaiveDate, Utc};
use domain::charity::{
    CollectionStatus, ExpenseCategory, RemainderUse, ReportFigures, ReportReminder,
};
use uuid::Uuid;

use super::{COLLECTION_COLUMNS, Collection};
use crate::audit::NewEntry;
use crate::organizations::MemberContact;
use crate::{Db, Error, Result, dialect, now, on_db, record_audit};

/// A closing report to publish (checked and computed by the caller).
#[derive(Debug, Clone)]
pub struct NewReport<'a> {
    /// What happens to the remainder.
    pub remainder_use: RemainderUse,
    /// In words.
    pub remainder_text: &'a str,
    /// The figures of the collection's money entries in the checkpoint's tree.
    pub figures: &'a ReportFigures,
    /// The size of the checkpoint's tree.
    pub checkpoint_size: u64,
    /// When the checkpoint was signed (none: no checkpoint yet, and so no entry).
    pub checkpoint_at: Option<DateTime<Utc>>,
    /// Who publishes it.
    pub by: Uuid,
}

/// Publishes the closing report of a closed collection: the collection becomes reported
/// (its `report` the words), the figures are kept, audited, in one transaction. Errors:
/// `Conflict("collection_changed")` when it is no longer closed,
/// `Conflict("report_entries_pending")` when a money entry of the collection lies beyond
/// the checkpoint (it was appended after the figures were computed), `NotFound`.
pub async fn publish_report(db: &Db, collection: Uuid, r: &NewReport<'_>) -> Result<()> {
    let at = now();
    let size = i64::try_from(r.checkpoint_size).unwrap_or(i64::MAX);
    let f = r.figures;
    on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        let (org, status) = lock_collection!(db, tx, collection);
        if status != CollectionStatus::Closed {
            return Err(Error::Conflict("collection_changed"));
        }
        let beyond: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM money_entries WHERE collection_id = $1 AND leaf_index >= $2",
        ).bind(collection).bind(size).fetch_one(&mut *tx).await?;
        if beyond > 0 {
            return Err(Error::Conflict("report_entries_pending"));
        }
        let done = sqlx::query(
            "UPDATE collections SET status = $2, report = $3, reported_at = $4, updated_at = $4 \
             WHERE id = $1 AND status = $5",
        )
        .bind(collection).bind(CollectionStatus::Reported.code()).bind(r.remainder_text).bind(at)
        .bind(CollectionStatus::Closed.code())
        .execute(&mut *tx).await?;
        if done.rows_affected() == 0 {
            return Err(Error::Conflict("collection_changed"));
        }
        sqlx::query(
            "INSERT INTO collection_reports (collection_id, remainder_use, remainder_text, raised_tiyn, \
             reversed_tiyn, spent_tiyn, in_kind_tiyn, remainder_tiyn, donations, checkpoint_size, \
             checkpoint_at, published_by, published_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(collection).bind(r.remainder_use.code()).bind(r.remainder_text).bind(f.raised)
        .bind(f.reversed).bind(f.spent).bind(f.in_kind_estimate).bind(f.remainder).bind(f.donations)
        .bind(size).bind(r.checkpoint_at).bind(r.by).bind(at)
        .execute(&mut *tx).await?;
        for (category, amount) in &f.spent_by_category {
            sqlx::query(
                "INSERT INTO collection_report_spending (collection_id, category, amount_tiyn) VALUES ($1, $2, $3)",
            ).bind(collection).bind(category.code()).bind(amount).execute(&mut *tx).await?;
        }
        record_audit!(&mut *tx, &NewEntry {
            actor_id: Some(r.by),
            action: "collection.report".into(),
            object_type: "collection".into(),
            object_id: collection,
            organization_id: Some(org),
            region_code: None,
            changes: serde_json::json!({
                "status": [CollectionStatus::Closed.code(), CollectionStatus::Reported.code()],
                "remainder_use": r.remainder_use.code(),
                "remainder_tiyn": f.remainder,
                "checkpoint": r.checkpoint_size,
            }),
            reason: None,
        })?;
        tx.commit().await?;
    });
    Ok(())
}

/// A published closing report.
#[derive(Debug, Clone)]
pub struct Report {
    /// The collection.
    pub collection_id: Uuid,
    /// What happens to the remainder.
    pub remainder_use: RemainderUse,
    /// In words.
    pub remainder_text: String,
    /// The figures as published.
    pub figures: ReportFigures,
    /// The size of the checkpoint's tree they were computed in.
    pub checkpoint_size: u64,
    /// When that checkpoint was signed.
    pub checkpoint_at: Option<DateTime<Utc>>,
    /// Who published it.
    pub published_by: Uuid,
    /// When.
    pub published_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct ReportRow {
    remainder_use: String,
    remainder_text: String,
    raised_tiyn: i64,
    reversed_tiyn: i64,
    spent_tiyn: i64,
    in_kind_tiyn: i64,
    remainder_tiyn: i64,
    donations: i64,
    checkpoint_size: i64,
    checkpoint_at: Option<DateTime<Utc>>,
    published_by: Uuid,
    published_at: DateTime<Utc>,
}

fn decode_error(what: String) -> Error {
    Error::Db(sqlx::Error::Decode(what.into()))
}

/// The closing report of a collection, if published.
pub async fn report(db: &Db, collection: Uuid) -> Result<Option<Report>> {
    let row: Option<ReportRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT remainder_use, remainder_text, raised_tiyn, reversed_tiyn, spent_tiyn, in_kind_tiyn, \
         remainder_tiyn, donations, checkpoint_size, checkpoint_at, published_by, published_at \
         FROM collection_reports WHERE collection_id = $1",
    ).bind(collection).fetch_optional(pool).await?);
    let Some(row) = row else {
        return Ok(None);
    };
    let spending: Vec<(String, i64)> = on_db!(db, pool => sqlx::query_as(
        "SELECT category, amount_tiyn FROM collection_report_spending WHERE collection_id = $1",
    ).bind(collection).fetch_all(pool).await?);
    let mut spent_by_category = Vec::with_capacity(spending.len());
    for (code, amount) in spending {
        let category = ExpenseCategory::from_code(&code)
            .ok_or_else(|| decode_error(format!("expense category {code}")))?;
        spent_by_category.push((category, amount));
    }
    spent_by_category.sort_by_key(|(c, _)| ExpenseCategory::ALL.iter().position(|x| x == c));
    let remainder_use = RemainderUse::from_code(&row.remainder_use)
        .ok_or_else(|| decode_error(format!("remainder use {}", row.remainder_use)))?;
    Ok(Some(Report {
        collection_id: collection,
        remainder_use,
        remainder_text: row.remainder_text,
        figures: ReportFigures {
            raised: row.raised_tiyn,
            reversed: row.reversed_tiyn,
            spent: row.spent_tiyn,
            spent_by_category,
            in_kind_estimate: row.in_kind_tiyn,
            remainder: row.remainder_tiyn,
            donations: row.donations,
        },
        checkpoint_size: u64::try_from(row.checkpoint_size).unwrap_or(0),
        checkpoint_at: row.checkpoint_at,
        published_by: row.published_by,
        published_at: row.published_at,
    }))
}

/// Takes the reminders of `kind` due now: marks, once for each, the collections in one of
/// `statuses` that ended between `ends.0` (inclusive; none: any day before) and `ends.1`
/// (inclusive) and were not reminded of this yet, and gives those it marked. Two passes at
/// once share them out: each collection goes to one of them.
pub async fn take_report_reminders(
    db: &Db,
    kind: ReportReminder,
    statuses: &[CollectionStatus],
    ends: (Option<NaiveDate>, NaiveDate),
) -> Result<Vec<Collection>> {
    if statuses.is_empty() {
        return Ok(Vec::new());
    }
    // Codes of a closed set, never input: written into the statement.
    let listed = statuses
        .iter()
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ");
    let from = if ends.0.is_some() {
        " AND c.ends_on >= $4"
    } else {
        ""
    };
    let sql = format!(
        "INSERT INTO collection_reminders (collection_id, kind, taken_at) \
         SELECT c.id, $1, $2 FROM collections c \
         WHERE c.status IN ({listed}) AND c.ends_on <= $3{from} \
         AND NOT EXISTS (SELECT 1 FROM collection_reminders r WHERE r.collection_id = c.id AND r.kind = $1) \
         ON CONFLICT (collection_id, kind) DO NOTHING RETURNING collection_id"
    );
    let at = now();
    let taken: Vec<Uuid> = on_db!(db, pool => {
        // SQLite: the write lock at once, so that a pass never fails to upgrade its read.
        let mut tx = pool.begin_with(db.begin_write()).await?;
        let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(kind.code()).bind(at).bind(ends.1);
        if let Some(from) = ends.0 {
            q = q.bind(from);
        }
        let taken = q.fetch_all(&mut *tx).await?;
        tx.commit().await?;
        taken
    });
    if taken.is_empty() {
        return Ok(Vec::new());
    }
    on_db!(db, pool => {
        let mut q = sqlx::QueryBuilder::new(format!("SELECT {COLLECTION_COLUMNS} FROM collections WHERE id IN ("));
        let mut list = q.separated(", ");
        for id in &taken {
            list.push_bind(*id);
        }
        q.push(") ORDER BY organization_id, ends_on, id");
        Ok(q.build_query_as().fetch_all(pool).await?)
    })
}

/// The addresses of those who answer for an organization's money: its owner and treasurers.
pub async fn money_contacts(db: &Db, org: Uuid) -> Result<Vec<MemberContact>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, MemberContact>(
        "SELECT DISTINCT u.email, u.display_name, u.preferred_lang FROM role_assignments r \
         JOIN users u ON u.id = r.user_id \
         WHERE r.organization_id = $1 AND r.role IN ('org_owner', 'org_treasurer') ORDER BY u.email",
    ).bind(org).fetch_all(pool).await?))
}
