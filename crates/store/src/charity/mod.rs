//! Charitable activity: collections (opened by verified organizations, registered by their
//! region's front-office), donations in money and in kind, expenses approved by a second
//! member, and the money trail — every recorded donation, approved expense and reversal is
//! a money entry, a leaf of the same transparency log as the volunteer book's entries.
//!
//! The money invariants are the database's: a collection's row is locked (PostgreSQL) or
//! the write transaction taken at once (SQLite) before its money moves, so the counters,
//! the balance an expense is checked against and the log's counter never race; the same
//! bank transaction or provider payment is recorded once (`donations.external_key` is
//! unique); an expense is decided once.

use chrono::{DateTime, NaiveDate, Utc};
use domain::charity::{BeneficiaryCategory, CollectionStatus};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewEntry;
use crate::{Db, Error, Result, new_id, now, on_db, record_audit};

/// A collection, whole (its account is public: it is where people give).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Collection {
    /// Key.
    pub id: Uuid,
    /// The organization collecting.
    pub organization_id: Uuid,
    /// The organization's region (whose front-office registers the collection).
    pub region_code: String,
    /// Where it is in its lifecycle.
    #[sqlx(try_from = "String")]
    pub status: CollectionStatus,
    /// Purpose in Kazakh.
    pub purpose_kk: Option<String>,
    /// Purpose in Russian.
    pub purpose_ru: Option<String>,
    /// Purpose in English.
    pub purpose_en: Option<String>,
    /// Who it helps (a category, never a person).
    #[sqlx(try_from = "String")]
    pub beneficiary_category: BeneficiaryCategory,
    /// Target, tiyn.
    pub target_tiyn: i64,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// The account collected to (IBAN).
    pub iban: String,
    /// Its bank.
    pub bank: String,
    /// The BIN of the account's holder.
    pub holder_bin: String,
    /// The front-office's registration or notification number.
    pub registration_number: Option<String>,
    /// Why rejected or suspended.
    pub status_reason: Option<String>,
    /// Donations in money recorded, less reversals, tiyn.
    pub raised_tiyn: i64,
    /// Approved expenses, tiyn.
    pub spent_tiyn: i64,
    /// Donations recorded (money and in kind, reversed ones included).
    pub donations: i64,
    /// The closing report (what happens to the remainder, in words).
    pub report: Option<String>,
    /// When the closing report was published.
    pub reported_at: Option<DateTime<Utc>>,
    /// Who opened it.
    pub created_by: Uuid,
    /// Opened at.
    pub created_at: DateTime<Utc>,
    /// Last changed at.
    pub updated_at: DateTime<Utc>,
}

impl Collection {
    /// Raised less spent, tiyn (negative only after a refund of money already spent).
    pub fn remainder(&self) -> i64 {
        self.raised_tiyn - self.spent_tiyn
    }
}

const COLLECTION_COLUMNS: &str = "id, organization_id, region_code, status, purpose_kk, \
    purpose_ru, purpose_en, beneficiary_category, target_tiyn, starts_on, ends_on, iban, bank, \
    holder_bin, registration_number, status_reason, raised_tiyn, spent_tiyn, donations, report, \
    reported_at, created_by, created_at, updated_at";

/// What an organization writes of a collection (new, or edited in draft).
#[derive(Debug, Clone)]
pub struct CollectionFields {
    /// Purpose in Kazakh.
    pub purpose_kk: Option<String>,
    /// Purpose in Russian.
    pub purpose_ru: Option<String>,
    /// Purpose in English.
    pub purpose_en: Option<String>,
    /// Who it helps.
    pub beneficiary_category: BeneficiaryCategory,
    /// Target, tiyn.
    pub target_tiyn: i64,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// IBAN, normalised.
    pub iban: String,
    /// Bank.
    pub bank: String,
    /// Holder's BIN.
    pub holder_bin: String,
    /// Donation boxes: number and location.
    pub boxes: Vec<(i32, String)>,
}

/// Opens a collection in draft for `organization` (of `region`); its id.
pub async fn create_collection(
    db: &Db,
    organization: Uuid,
    region: &str,
    f: &CollectionFields,
    by: Uuid,
) -> Result<Uuid> {
    let id = new_id();
    let at = now();
    on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        sqlx::query(
            "INSERT INTO collections (id, organization_id, region_code, status, purpose_kk, purpose_ru, \
             purpose_en, beneficiary_category, target_tiyn, starts_on, ends_on, iban, bank, holder_bin, \
             created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)",
        )
        .bind(id).bind(organization).bind(region).bind(CollectionStatus::Draft.code())
        .bind(&f.purpose_kk).bind(&f.purpose_ru).bind(&f.purpose_en)
        .bind(f.beneficiary_category.code()).bind(f.target_tiyn).bind(f.starts_on).bind(f.ends_on)
        .bind(&f.iban).bind(&f.bank).bind(&f.holder_bin).bind(by).bind(at)
        .execute(&mut *tx).await?;
        for (number, location) in &f.boxes {
            sqlx::query("INSERT INTO collection_boxes (collection_id, number, location) VALUES ($1, $2, $3)")
                .bind(id).bind(number).bind(location).execute(&mut *tx).await
                .map_err(|e| crate::conflict_on_unique(e, "box_number_taken"))?;
        }
        record_audit!(&mut *tx, &NewEntry {
            actor_id: Some(by),
            action: "collection.created".into(),
            object_type: "collection".into(),
            object_id: id,
            organization_id: Some(organization),
            region_code: Some(region.to_owned()),
            changes: serde_json::json!({"target_tiyn": f.target_tiyn, "iban": f.iban}),
            reason: None,
        })?;
        tx.commit().await?;
    });
    Ok(id)
}

/// Rewrites a collection's fields while it is a draft (or rejected, to submit again).
/// Errors: `Conflict("collection_not_editable")` in any other status.
pub async fn update_collection(db: &Db, id: Uuid, f: &CollectionFields, by: Uuid) -> Result<()> {
    let editable = format!(
        "'{}', '{}'",
        CollectionStatus::Draft.code(),
        CollectionStatus::Rejected.code()
    );
    let sql = format!(
        "UPDATE collections SET purpose_kk = $2, purpose_ru = $3, purpose_en = $4, \
         beneficiary_category = $5, target_tiyn = $6, starts_on = $7, ends_on = $8, iban = $9, \
         bank = $10, holder_bin = $11, updated_at = $12 WHERE id = $1 AND status IN ({editable}) \
         RETURNING organization_id"
    );
    on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        let org: Option<Uuid> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id).bind(&f.purpose_kk).bind(&f.purpose_ru).bind(&f.purpose_en)
            .bind(f.beneficiary_category.code()).bind(f.target_tiyn).bind(f.starts_on).bind(f.ends_on)
            .bind(&f.iban).bind(&f.bank).bind(&f.holder_bin).bind(now())
            .fetch_optional(&mut *tx).await?;
        let Some(org) = org else {
            return Err(Error::Conflict("collection_not_editable"));
        };
        sqlx::query("DELETE FROM collection_boxes WHERE collection_id = $1").bind(id).execute(&mut *tx).await?;
        for (number, location) in &f.boxes {
            sqlx::query("INSERT INTO collection_boxes (collection_id, number, location) VALUES ($1, $2, $3)")
                .bind(id).bind(number).bind(location).execute(&mut *tx).await
                .map_err(|e| crate::conflict_on_unique(e, "box_number_taken"))?;
        }
        record_audit!(&mut *tx, &NewEntry {
            actor_id: Some(by),
            action: "collection.edited".into(),
            object_type: "collection".into(),
            object_id: id,
            organization_id: Some(org),
            region_code: None,
            changes: serde_json::json!({"target_tiyn": f.target_tiyn, "iban": f.iban}),
            reason: None,
        })?;
        tx.commit().await?;
    });
    Ok(())
}

/// One collection.
pub async fn collection(db: &Db, id: Uuid) -> Result<Option<Collection>> {
    let sql = format!("SELECT {COLLECTION_COLUMNS} FROM collections WHERE id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(pool).await?),
    )
}

/// A collection's donation boxes, by number.
pub async fn boxes(db: &Db, id: Uuid) -> Result<Vec<(i32, String)>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT number, location FROM collection_boxes WHERE collection_id = $1 ORDER BY number",
    ).bind(id).fetch_all(pool).await?))
}

/// What the directory of collections is filtered by.
#[derive(Debug, Clone, Default)]
pub struct CollectionFilter {
    /// Only these statuses (empty: any).
    pub statuses: Vec<CollectionStatus>,
    /// Region code.
    pub region: Option<String>,
    /// Beneficiary category.
    pub category: Option<BeneficiaryCategory>,
    /// Organization.
    pub organization: Option<Uuid>,
}

/// Collections matching `f`, newest first.
pub async fn collections(
    db: &Db,
    f: &CollectionFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<Collection>> {
    on_db!(db, pool => {
        let mut q = sqlx::QueryBuilder::new(format!("SELECT {COLLECTION_COLUMNS} FROM collections WHERE 1 = 1"));
        if !f.statuses.is_empty() {
            q.push(" AND status IN (");
            let mut list = q.separated(", ");
            for s in &f.statuses {
                list.push_bind(s.code());
            }
            q.push(")");
        }
        if let Some(r) = &f.region {
            q.push(" AND region_code = ").push_bind(r.clone());
        }
        if let Some(c) = f.category {
            q.push(" AND beneficiary_category = ").push_bind(c.code());
        }
        if let Some(o) = f.organization {
            q.push(" AND organization_id = ").push_bind(o);
        }
        q.push(" ORDER BY created_at DESC, id LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
        Ok(q.build_query_as().fetch_all(pool).await?)
    })
}

/// A step of a collection's lifecycle, decided by the caller with the domain's rules.
#[derive(Debug, Clone)]
pub struct Step<'a> {
    /// The status it was in when decided (the step fails if it has moved since).
    pub from: CollectionStatus,
    /// The status it goes to.
    pub to: CollectionStatus,
    /// The registration number (set when registering).
    pub number: Option<&'a str>,
    /// Why (rejections and suspensions).
    pub reason: Option<&'a str>,
    /// The closing report's text (when reporting).
    pub report: Option<&'a str>,
    /// Who.
    pub by: Uuid,
    /// Audit action name, e.g. `collection.register`.
    pub action: &'a str,
}

/// Moves a collection from `step.from` to `step.to`, audited in the same transaction.
/// Errors: `Conflict("collection_changed")` when it is no longer in `step.from`.
pub async fn step_collection(db: &Db, id: Uuid, step: &Step<'_>) -> Result<()> {
    let at = now();
    on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        let row: Option<(Uuid, String)> = sqlx::query_as(
            "UPDATE collections SET status = $3, \
             registration_number = COALESCE($4, registration_number), status_reason = $5, \
             report = COALESCE($6, report), reported_at = CASE WHEN $6 IS NULL THEN reported_at ELSE $7 END, \
             updated_at = $7 WHERE id = $1 AND status = $2 RETURNING organization_id, region_code",
        )
        .bind(id).bind(step.from.code()).bind(step.to.code()).bind(step.number)
        .bind(step.reason).bind(step.report).bind(at)
        .fetch_optional(&mut *tx).await?;
        let Some((org, region)) = row else {
            return Err(Error::Conflict("collection_changed"));
        };
        record_audit!(&mut *tx, &NewEntry {
            actor_id: Some(step.by),
            action: step.action.to_owned(),
            object_type: "collection".into(),
            object_id: id,
            organization_id: Some(org),
            region_code: Some(region),
            changes: serde_json::json!({"status": [step.from.code(), step.to.code()], "number": step.number}),
            reason: step.reason.map(str::to_owned),
        })?;
        tx.commit().await?;
    });
    Ok(())
}

/// Locks a collection for a money movement inside `$tx` and gives its (organization, status).
macro_rules! lock_collection {
    ($db:expr, $tx:ident, $id:expr) => {{
        let sql = format!(
            "SELECT organization_id, status FROM collections WHERE id = $1{}",
            dialect::for_update($db.backend())
        );
        let row: Option<(Uuid, String)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind($id)
            .fetch_optional(&mut *$tx)
            .await?;
        let Some((org, status)) = row else {
            return Err(Error::NotFound);
        };
        let status = CollectionStatus::try_from(status)
            .map_err(|e| Error::Db(sqlx::Error::Decode(Box::new(e))))?;
        (org, status)
    }};
}

/// Appends a money entry inside `$tx`: its leaf index from the log's counter (locked to
/// commit), its hash over the canonical encoding.
macro_rules! append_money {
    ($tx:ident, $entry:expr) => {{
        let leaf: i64 = sqlx::query_scalar(
            "UPDATE ledger_log SET leaves = leaves + 1 WHERE id = 1 RETURNING leaves - 1",
        )
        .fetch_one(&mut *$tx)
        .await?;
        let e: &MoneyEntry = $entry;
        let hash = ::sha2::Sha256::digest(e.encode());
        sqlx::query(
            "INSERT INTO money_entries (id, collection_id, organization_id, kind, amount, channel, \
             in_kind, occurred_on, reverses, recorded_at, hash, leaf_index) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(e.id)
        .bind(e.collection_id)
        .bind(e.organization_id)
        .bind(e.kind.code())
        .bind(e.amount)
        .bind(&e.channel_or_category)
        .bind(e.in_kind)
        .bind(e.occurred_on)
        .bind(e.reverses)
        .bind(e.recorded_at)
        .bind(hash.as_slice())
        .bind(leaf)
        .execute(&mut *$tx)
        .await
        .map_err(|e| $crate::conflict_on_unique(e, "already_reversed"))?;
    }};
}

mod concerns;
mod donations;
mod expenses;
pub mod figures;
mod in_kind;
mod report;
pub mod statements;
mod trail;

pub use concerns::{Concern, close_concern, concern_region, file_concern, open_concerns};
pub use donations::{
    Donation, NewDonation, Recorded, donation, donation_by_key, donation_by_receipt, donations,
    donations_of, record_donation, reverse_donation,
};
pub use expenses::{
    Decide, Expense, NewExpense, approve_expense, expense, expenses, receipt, reject_expense,
    submit_expense,
};
pub use in_kind::{Gift, GiftFile, NewGift, gift_file, gifts, record_gift};
pub use report::{
    NewReport, Report, money_contacts, publish_report, report, take_report_reminders,
};
pub(crate) use trail::{MONEY_COLUMNS, MoneyRow};
pub use trail::{StoredMoney, counter_mismatches, leaf_of, proven_sums, trail};
