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
use domain::charity::{
    BeneficiaryCategory, Channel, CollectionStatus, ExpenseCategory, ExpenseStatus, MoneyEntry,
    MoneyKind,
};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewEntry;
use crate::{Db, Error, Result, dialect, new_id, now, on_db, record_audit};

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

/// A donation to record.
#[derive(Debug, Clone)]
pub struct NewDonation {
    /// To which collection.
    pub collection_id: Uuid,
    /// In kind (items) rather than money.
    pub in_kind: bool,
    /// Money: the amount; in kind: the estimated value, if any. Tiyn.
    pub amount_tiyn: Option<i64>,
    /// How it came.
    pub channel: Channel,
    /// The day it was given.
    pub occurred_on: NaiveDate,
    /// The donor's account, if signed in.
    pub donor_user_id: Option<Uuid>,
    /// The donor's name (private).
    pub donor_name: Option<String>,
    /// The donor's e-mail (private).
    pub donor_email: Option<String>,
    /// The name shown publicly (none: anonymous).
    pub public_name: Option<String>,
    /// Where it came from and its id there (`bank:…`, `card:provider:…`, `doc:…`): the
    /// same money is recorded once.
    pub external_key: Option<String>,
    /// In kind: what.
    pub items: Option<String>,
    /// In kind: how many.
    pub quantity: Option<String>,
    /// In kind: of what unit.
    pub unit: Option<String>,
    /// In kind: in what condition.
    pub condition: Option<String>,
    /// Cash: the box it came from.
    pub box_number: Option<i32>,
    /// Cash: the opening act / in kind: the handover act (its number and who signed it).
    pub act: Option<String>,
    /// The donor's language (for the receipt).
    pub lang: String,
    /// Who entered it (none: a provider's notification).
    pub recorded_by: Option<Uuid>,
}

/// What recording a donation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// Recorded now: its id.
    New(Uuid),
    /// Already recorded before (the same external key): its id.
    Duplicate(Uuid),
}

impl Recorded {
    /// The donation's id.
    pub fn id(self) -> Uuid {
        match self {
            Recorded::New(id) | Recorded::Duplicate(id) => id,
        }
    }
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

/// Records a donation to an active collection, once: a second donation with the same
/// external key gives [`Recorded::Duplicate`] and changes nothing. Errors:
/// `Conflict("collection_not_active")`, `NotFound` for an unknown collection.
pub async fn record_donation(db: &Db, d: &NewDonation, receipt_code: &str) -> Result<Recorded> {
    use sha2::Digest as _;
    let id = new_id();
    let at = now();
    let result = on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        let (org, status) = lock_collection!(db, tx, d.collection_id);
        if let Some(key) = &d.external_key {
            let had: Option<Uuid> = sqlx::query_scalar("SELECT id FROM donations WHERE external_key = $1")
                .bind(key).fetch_optional(&mut *tx).await?;
            if let Some(had) = had {
                return Ok(Recorded::Duplicate(had));
            }
        }
        if !status.accepts_donations() {
            return Err(Error::Conflict("collection_not_active"));
        }
        sqlx::query(
            "INSERT INTO donations (id, collection_id, in_kind, amount_tiyn, channel, occurred_on, \
             donor_user_id, donor_name, donor_email, public_name, external_key, items, quantity, unit, \
             condition, box_number, act, receipt_code, lang, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
        )
        .bind(id).bind(d.collection_id).bind(d.in_kind).bind(d.amount_tiyn).bind(d.channel.code())
        .bind(d.occurred_on).bind(d.donor_user_id).bind(&d.donor_name).bind(&d.donor_email)
        .bind(&d.public_name).bind(&d.external_key).bind(&d.items).bind(&d.quantity).bind(&d.unit)
        .bind(&d.condition).bind(d.box_number).bind(&d.act).bind(receipt_code).bind(&d.lang)
        .bind(d.recorded_by).bind(at)
        .execute(&mut *tx).await
        .map_err(|e| crate::conflict_on_unique(e, "donation_duplicate"))?;
        let entry = MoneyEntry {
            id,
            collection_id: d.collection_id,
            organization_id: org,
            kind: MoneyKind::Donation,
            amount: d.amount_tiyn.unwrap_or(0),
            channel_or_category: d.channel.code().to_owned(),
            in_kind: d.in_kind,
            occurred_on: d.occurred_on,
            reverses: None,
            recorded_at: at,
        };
        append_money!(tx, &entry);
        let raised = if d.in_kind { 0 } else { d.amount_tiyn.unwrap_or(0) };
        sqlx::query(
            "UPDATE collections SET raised_tiyn = raised_tiyn + $2, donations = donations + 1 WHERE id = $1",
        ).bind(d.collection_id).bind(raised).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(Recorded::New(id))
    });
    match result {
        // Two deliveries raced past the check on SQLite's deferred path: the other one won.
        Err(Error::Conflict("donation_duplicate")) => {
            let key = d.external_key.as_deref().unwrap_or_default();
            let had: Option<Uuid> = on_db!(db, pool => sqlx::query_scalar(
                "SELECT id FROM donations WHERE external_key = $1",
            ).bind(key).fetch_optional(pool).await?);
            had.map(Recorded::Duplicate)
                .ok_or(Error::Conflict("donation_duplicate"))
        }
        other => other,
    }
}

/// What a reversal repeats of its donation: collection, in kind, amount, channel, day,
/// and when it was reversed (if it was).
type DonationFacts = (
    Uuid,
    bool,
    Option<i64>,
    String,
    NaiveDate,
    Option<DateTime<Utc>>,
);

/// Reverses a recorded donation (a refund, or an entry made in error): a reversal entry of
/// the negated amount, the collection's raised sum lowered. Reversing twice is
/// `Conflict("already_reversed")`.
pub async fn reverse_donation(
    db: &Db,
    donation: Uuid,
    reason: &str,
    by: Option<Uuid>,
) -> Result<()> {
    use sha2::Digest as _;
    let at = now();
    on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        let row: Option<DonationFacts> = sqlx::query_as(
            "SELECT collection_id, in_kind, amount_tiyn, channel, occurred_on, reversed_at FROM donations WHERE id = $1",
        ).bind(donation).fetch_optional(&mut *tx).await?;
        let Some((collection, in_kind, amount, channel, occurred_on, reversed)) = row else {
            return Err(Error::NotFound);
        };
        let (org, _) = lock_collection!(db, tx, collection);
        if reversed.is_some() {
            return Err(Error::Conflict("already_reversed"));
        }
        let done = sqlx::query(
            "UPDATE donations SET reversed_at = $2, reversed_reason = $3 WHERE id = $1 AND reversed_at IS NULL",
        ).bind(donation).bind(at).bind(reason).execute(&mut *tx).await?;
        if done.rows_affected() == 0 {
            return Err(Error::Conflict("already_reversed"));
        }
        let entry = MoneyEntry {
            id: new_id(),
            collection_id: collection,
            organization_id: org,
            kind: MoneyKind::Reversal,
            amount: -amount.unwrap_or(0),
            channel_or_category: channel,
            in_kind,
            occurred_on,
            reverses: Some(donation),
            recorded_at: at,
        };
        append_money!(tx, &entry);
        let lowered = if in_kind { 0 } else { amount.unwrap_or(0) };
        sqlx::query("UPDATE collections SET raised_tiyn = raised_tiyn - $2 WHERE id = $1")
            .bind(collection).bind(lowered).execute(&mut *tx).await?;
        record_audit!(&mut *tx, &NewEntry {
            actor_id: by,
            action: "donation.reversed".into(),
            object_type: "donation".into(),
            object_id: donation,
            organization_id: Some(org),
            region_code: None,
            changes: serde_json::json!({"amount_tiyn": amount}),
            reason: Some(reason.to_owned()),
        })?;
        tx.commit().await?;
    });
    Ok(())
}

/// The donation recorded under an external key, if any.
pub async fn donation_by_key(db: &Db, key: &str) -> Result<Option<Uuid>> {
    Ok(
        on_db!(db, pool => sqlx::query_scalar("SELECT id FROM donations WHERE external_key = $1")
        .bind(key).fetch_optional(pool).await?),
    )
}

/// A donation, whole (the donor's identity included: the caller decides who sees it).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Donation {
    /// Key.
    pub id: Uuid,
    /// The collection.
    pub collection_id: Uuid,
    /// In kind.
    pub in_kind: bool,
    /// Amount or estimated value, tiyn.
    pub amount_tiyn: Option<i64>,
    /// Channel.
    #[sqlx(try_from = "String")]
    pub channel: Channel,
    /// Given on.
    pub occurred_on: NaiveDate,
    /// Donor's account (private).
    pub donor_user_id: Option<Uuid>,
    /// Donor's name (private).
    pub donor_name: Option<String>,
    /// Donor's e-mail (private).
    pub donor_email: Option<String>,
    /// Public name (none: anonymous).
    pub public_name: Option<String>,
    /// External key (private).
    pub external_key: Option<String>,
    /// In kind: items.
    pub items: Option<String>,
    /// In kind: quantity.
    pub quantity: Option<String>,
    /// In kind: unit.
    pub unit: Option<String>,
    /// In kind: condition.
    pub condition: Option<String>,
    /// Cash: box number.
    pub box_number: Option<i32>,
    /// The act.
    pub act: Option<String>,
    /// The receipt's public check code.
    pub receipt_code: String,
    /// The donor's language.
    pub lang: String,
    /// Reversed at.
    pub reversed_at: Option<DateTime<Utc>>,
    /// Recorded at.
    pub recorded_at: DateTime<Utc>,
}

const DONATION_COLUMNS: &str = "id, collection_id, in_kind, amount_tiyn, channel, occurred_on, \
    donor_user_id, donor_name, donor_email, public_name, external_key, items, quantity, unit, \
    condition, box_number, act, receipt_code, lang, reversed_at, recorded_at";

/// A collection's donations, newest first.
pub async fn donations(
    db: &Db,
    collection: Uuid,
    limit: i64,
    offset: i64,
) -> Result<Vec<Donation>> {
    let sql = format!(
        "SELECT {DONATION_COLUMNS} FROM donations WHERE collection_id = $1 \
         ORDER BY recorded_at DESC, id LIMIT $2 OFFSET $3"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(collection).bind(limit).bind(offset).fetch_all(pool).await?),
    )
}

/// One donation by id.
pub async fn donation(db: &Db, id: Uuid) -> Result<Option<Donation>> {
    let sql = format!("SELECT {DONATION_COLUMNS} FROM donations WHERE id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(pool).await?),
    )
}

/// One donation by its receipt's code.
pub async fn donation_by_receipt(db: &Db, code: &str) -> Result<Option<Donation>> {
    let sql = format!("SELECT {DONATION_COLUMNS} FROM donations WHERE receipt_code = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(code).fetch_optional(pool).await?),
    )
}

/// A donor's own donations, newest first.
pub async fn donations_of(db: &Db, user: Uuid, limit: i64) -> Result<Vec<Donation>> {
    let sql = format!(
        "SELECT {DONATION_COLUMNS} FROM donations WHERE donor_user_id = $1 ORDER BY recorded_at DESC LIMIT $2"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(user).bind(limit).fetch_all(pool).await?),
    )
}

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

/// A stored money entry with its place in the log.
#[derive(Debug, Clone)]
pub struct StoredMoney {
    /// The entry.
    pub entry: MoneyEntry,
    /// Its stored hash.
    pub hash: [u8; 32],
    /// Its leaf index.
    pub leaf_index: u64,
}

#[derive(sqlx::FromRow)]
pub(crate) struct MoneyRow {
    id: Uuid,
    collection_id: Uuid,
    organization_id: Uuid,
    kind: String,
    amount: i64,
    channel: String,
    in_kind: bool,
    occurred_on: NaiveDate,
    reverses: Option<Uuid>,
    recorded_at: DateTime<Utc>,
    hash: Vec<u8>,
    leaf_index: i64,
}

/// The columns of a money entry as [`MoneyRow`] reads them.
pub(crate) const MONEY_COLUMNS: &str = "id, collection_id, organization_id, kind, amount, \
    channel, in_kind, occurred_on, reverses, recorded_at, hash, leaf_index";

impl MoneyRow {
    /// The entry; an unknown kind is read as a reversal of nothing with a zero hash, so
    /// the log's check names it as changed.
    pub(crate) fn into_stored(self) -> StoredMoney {
        let kind = MoneyKind::try_from(self.kind.clone());
        let hash = <[u8; 32]>::try_from(self.hash.as_slice()).unwrap_or([0; 32]);
        StoredMoney {
            hash: if kind.is_ok() { hash } else { [0; 32] },
            entry: MoneyEntry {
                id: self.id,
                collection_id: self.collection_id,
                organization_id: self.organization_id,
                kind: kind.unwrap_or(MoneyKind::Reversal),
                amount: self.amount,
                channel_or_category: self.channel,
                in_kind: self.in_kind,
                occurred_on: self.occurred_on,
                reverses: self.reverses,
                recorded_at: self.recorded_at,
            },
            leaf_index: u64::try_from(self.leaf_index).unwrap_or(u64::MAX),
        }
    }
}

/// A collection's money entries in the tree of `size` leaves (all with `None`), in log order.
pub async fn trail(db: &Db, collection: Uuid, size: Option<u64>) -> Result<Vec<StoredMoney>> {
    let size = size.map_or(i64::MAX, |s| i64::try_from(s).unwrap_or(i64::MAX));
    let sql = format!(
        "SELECT {MONEY_COLUMNS} FROM money_entries WHERE collection_id = $1 AND leaf_index < $2 ORDER BY leaf_index"
    );
    let rows: Vec<MoneyRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(collection).bind(size).fetch_all(pool).await?);
    Ok(rows.into_iter().map(MoneyRow::into_stored).collect())
}

/// Collections whose counters disagree with their money entries (someone edited the
/// table behind the trail): the collection and what its row says.
pub async fn counter_mismatches(db: &Db) -> Result<Vec<(Uuid, i64, i64)>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT c.id, c.raised_tiyn, c.spent_tiyn FROM collections c LEFT JOIN ( \
           SELECT collection_id, \
             CAST(SUM(CASE WHEN kind <> 'expense' AND NOT in_kind THEN amount ELSE 0 END) AS BIGINT) AS raised, \
             CAST(SUM(CASE WHEN kind = 'expense' AND NOT in_kind THEN amount ELSE 0 END) AS BIGINT) AS spent \
           FROM money_entries GROUP BY collection_id) m ON m.collection_id = c.id \
         WHERE c.raised_tiyn <> COALESCE(m.raised, 0) OR c.spent_tiyn <> COALESCE(m.spent, 0)",
    ).fetch_all(pool).await?))
}

/// The leaf index of a money entry (a donation's, an expense's), if recorded.
pub async fn leaf_of(db: &Db, id: Uuid) -> Result<Option<u64>> {
    let leaf: Option<i64> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT leaf_index FROM money_entries WHERE id = $1",
    ).bind(id).fetch_optional(pool).await?);
    Ok(leaf.and_then(|l| u64::try_from(l).ok()))
}

/// A concern about a collection, raised by anyone, in its region's front-office queue.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Concern {
    /// Key.
    pub id: Uuid,
    /// The collection.
    pub collection_id: Uuid,
    /// What worries the person.
    pub text: String,
    /// How to reach her, if she wants an answer (private).
    pub contact: Option<String>,
    /// `open` or `closed`.
    pub status: String,
    /// Raised at.
    pub created_at: DateTime<Utc>,
}

/// Files a concern; its id.
pub async fn file_concern(
    db: &Db,
    collection: Uuid,
    text: &str,
    contact: Option<&str>,
) -> Result<Uuid> {
    let id = new_id();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO collection_concerns (id, collection_id, text, contact, status, created_at) \
         VALUES ($1, $2, $3, $4, 'open', $5)",
    ).bind(id).bind(collection).bind(text).bind(contact).bind(now()).execute(pool).await?.rows_affected());
    Ok(id)
}

/// The open concerns about collections of `region`, oldest first.
pub async fn open_concerns(db: &Db, region: &str) -> Result<Vec<Concern>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT k.id, k.collection_id, k.text, k.contact, k.status, k.created_at \
         FROM collection_concerns k JOIN collections c ON c.id = k.collection_id \
         WHERE c.region_code = $1 AND k.status = 'open' ORDER BY k.created_at, k.id",
    ).bind(region).fetch_all(pool).await?))
}

/// The region of the collection a concern is about.
pub async fn concern_region(db: &Db, id: Uuid) -> Result<Option<String>> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT c.region_code FROM collection_concerns k JOIN collections c ON c.id = k.collection_id WHERE k.id = $1",
    ).bind(id).fetch_optional(pool).await?))
}

/// Closes an open concern (handled). Errors: `Conflict("already_decided")`.
pub async fn close_concern(db: &Db, id: Uuid, by: Uuid) -> Result<()> {
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE collection_concerns SET status = 'closed', closed_by = $2, closed_at = $3 WHERE id = $1 AND status = 'open'",
    ).bind(id).bind(by).bind(now()).execute(pool).await?.rows_affected());
    if n == 0 {
        return Err(Error::Conflict("already_decided"));
    }
    Ok(())
}
