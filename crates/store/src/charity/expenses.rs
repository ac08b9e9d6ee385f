//! Expenses: submitted with a receipt, approved by a second person within the balance, once.

use chrono::{DateTime, NaiveDate, Utc};
use domain::charity::{CollectionStatus, ExpenseCategory, ExpenseStatus, MoneyEntry, MoneyKind};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewEntry;
use crate::{Db, Error, Result, dialect, new_id, now, on_db, record_audit};

/// An expense to submit.
#[derive(Debug, Clone)]
pub struct NewExpense {
    /// From which collection.
    pub collection_id: Uuid,
    /// Tiyn.
    pub amount_tiyn: i64,
    /// Category.
    pub category: ExpenseCategory,
    /// Goods handed out (by value) rather than money.
    pub in_kind: bool,
    /// What for, in words (public: no personal data).
    pub purpose: String,
    /// Paid to an organization (its name).
    pub payee_organization: Option<String>,
    /// Or given to this many beneficiaries.
    pub beneficiaries: Option<i32>,
    /// Spent on.
    pub spent_on: NaiveDate,
    /// The receipt's bytes.
    pub receipt: Vec<u8>,
    /// Its media type.
    pub receipt_type: String,
    /// Who submits it.
    pub submitted_by: Uuid,
}

/// Submits an expense, pending approval by a second member; its id.
pub async fn submit_expense(db: &Db, e: &NewExpense) -> Result<Uuid> {
    let id = new_id();
    on_db!(db, pool => {
        sqlx::query(
            "INSERT INTO expenses (id, collection_id, status, amount_tiyn, category, purpose, \
             payee_organization, beneficiaries, spent_on, receipt, receipt_type, submitted_by, submitted_at, in_kind) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(id).bind(e.collection_id).bind(ExpenseStatus::Pending.code()).bind(e.amount_tiyn)
        .bind(e.category.code()).bind(&e.purpose).bind(&e.payee_organization).bind(e.beneficiaries)
        .bind(e.spent_on).bind(e.receipt.as_slice()).bind(&e.receipt_type).bind(e.submitted_by).bind(now()).bind(e.in_kind)
        .execute(pool).await?;
    });
    Ok(id)
}

/// An expense (its receipt apart).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Expense {
    /// Key.
    pub id: Uuid,
    /// The collection.
    pub collection_id: Uuid,
    /// Pending, approved, rejected.
    #[sqlx(try_from = "String")]
    pub status: ExpenseStatus,
    /// Tiyn.
    pub amount_tiyn: i64,
    /// Category.
    #[sqlx(try_from = "String")]
    pub category: ExpenseCategory,
    /// Goods handed out rather than money.
    pub in_kind: bool,
    /// What for.
    pub purpose: String,
    /// Paid to an organization.
    pub payee_organization: Option<String>,
    /// Or to this many beneficiaries.
    pub beneficiaries: Option<i32>,
    /// Spent on.
    pub spent_on: NaiveDate,
    /// Receipt's media type.
    pub receipt_type: String,
    /// Submitted by.
    pub submitted_by: Uuid,
    /// Submitted at.
    pub submitted_at: DateTime<Utc>,
    /// Approved or rejected by.
    pub decided_by: Option<Uuid>,
    /// Decided at.
    pub decided_at: Option<DateTime<Utc>>,
    /// Why rejected.
    pub reason: Option<String>,
}

const EXPENSE_COLUMNS: &str = "id, collection_id, status, amount_tiyn, category, in_kind, purpose, \
    payee_organization, beneficiaries, spent_on, receipt_type, submitted_by, submitted_at, \
    decided_by, decided_at, reason";

/// A collection's expenses, newest first (`approved_only` for the public).
pub async fn expenses(db: &Db, collection: Uuid, approved_only: bool) -> Result<Vec<Expense>> {
    let filter = if approved_only {
        format!(" AND status = '{}'", ExpenseStatus::Approved.code())
    } else {
        String::new()
    };
    let sql = format!(
        "SELECT {EXPENSE_COLUMNS} FROM expenses WHERE collection_id = $1{filter} ORDER BY submitted_at DESC, id"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(collection).fetch_all(pool).await?),
    )
}

/// One expense.
pub async fn expense(db: &Db, id: Uuid) -> Result<Option<Expense>> {
    let sql = format!("SELECT {EXPENSE_COLUMNS} FROM expenses WHERE id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(pool).await?),
    )
}

/// An expense's receipt: bytes and media type.
pub async fn receipt(db: &Db, id: Uuid) -> Result<Option<(Vec<u8>, String)>> {
    Ok(
        on_db!(db, pool => sqlx::query_as("SELECT receipt, receipt_type FROM expenses WHERE id = $1")
        .bind(id).fetch_optional(pool).await?),
    )
}

/// The decision on a pending expense, checked with the collection locked.
pub type Decide<'a> = &'a (dyn Fn(&Expense, i64) -> std::result::Result<(), &'static str> + Sync);

/// Approves a pending expense: `check` (the domain's four-eyes and balance rules) sees the
/// expense and the collection's balance with the collection locked; then the expense
/// entry is appended and the spent sum raised. Errors: `Conflict("already_decided")` when
/// it is no longer pending, `Refused(code)` when `check` refuses.
pub async fn approve_expense(db: &Db, id: Uuid, by: Uuid, check: Decide<'_>) -> Result<()> {
    use sha2::Digest as _;
    let Some(expense) = expense(db, id).await? else {
        return Err(Error::NotFound);
    };
    let at = now();
    let select = format!("SELECT {EXPENSE_COLUMNS} FROM expenses WHERE id = $1");
    on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        let (org, _) = lock_collection!(db, tx, expense.collection_id);
        let e: Expense = sqlx::query_as(sqlx::AssertSqlSafe(select.as_str()))
            .bind(id).fetch_one(&mut *tx).await?;
        if e.status != ExpenseStatus::Pending {
            return Err(Error::Conflict("already_decided"));
        }
        let (raised, spent): (i64, i64) = sqlx::query_as("SELECT raised_tiyn, spent_tiyn FROM collections WHERE id = $1")
            .bind(e.collection_id).fetch_one(&mut *tx).await?;
        check(&e, raised - spent).map_err(Error::Refused)?;
        let done = sqlx::query(
            "UPDATE expenses SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND status = $5",
        ).bind(id).bind(ExpenseStatus::Approved.code()).bind(by).bind(at)
        .bind(ExpenseStatus::Pending.code()).execute(&mut *tx).await?;
        if done.rows_affected() == 0 {
            return Err(Error::Conflict("already_decided"));
        }
        let entry = MoneyEntry {
            id,
            collection_id: e.collection_id,
            organization_id: org,
            kind: MoneyKind::Expense,
            amount: e.amount_tiyn,
            channel_or_category: e.category.code().to_owned(),
            in_kind: e.in_kind,
            occurred_on: e.spent_on,
            reverses: None,
            recorded_at: at,
        };
        append_money!(tx, &entry);
        let spent = if e.in_kind { 0 } else { e.amount_tiyn };
        sqlx::query("UPDATE collections SET spent_tiyn = spent_tiyn + $2 WHERE id = $1")
            .bind(e.collection_id).bind(spent).execute(&mut *tx).await?;
        record_audit!(&mut *tx, &NewEntry {
            actor_id: Some(by),
            action: "expense.approved".into(),
            object_type: "expense".into(),
            object_id: id,
            organization_id: Some(org),
            region_code: None,
            changes: serde_json::json!({"amount_tiyn": e.amount_tiyn}),
            reason: None,
        })?;
        tx.commit().await?;
    });
    Ok(())
}

/// Rejects a pending expense with a reason. Errors: `Conflict("already_decided")`.
pub async fn reject_expense(db: &Db, id: Uuid, by: Uuid, reason: &str) -> Result<()> {
    let done = on_db!(db, pool => sqlx::query(
        "UPDATE expenses SET status = $2, decided_by = $3, decided_at = $4, reason = $5 \
         WHERE id = $1 AND status = $6",
    ).bind(id).bind(ExpenseStatus::Rejected.code()).bind(by).bind(now()).bind(reason)
    .bind(ExpenseStatus::Pending.code()).execute(pool).await?.rows_affected());
    if done == 0 {
        return Err(Error::Conflict("already_decided"));
    }
    Ok(())
}
