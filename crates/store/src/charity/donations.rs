//! Donations: recorded once per external key, reversed once, read back whole or by donor.

use chrono::{DateTime, NaiveDate, Utc};
use domain::charity::{Channel, CollectionStatus, MoneyEntry, MoneyKind};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewEntry;
use crate::{Db, Error, Result, dialect, new_id, now, on_db, record_audit};

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

/// Records a donation to an active collection, once: a second donation with the same
/// external key gives [`Recorded::Duplicate`] and changes nothing. Errors:
/// `Conflict("collection_not_active")`, `NotFound` for an unknown collection.
pub async fn record_donation(db: &Db, d: &NewDonation, receipt_code: &str) -> Result<Recorded> {
    use sha2::Digest as _;
    // A repeated delivery answers without taking any lock (the check is made again under
    // the locks, where it counts).
    if let Some(key) = &d.external_key
        && let Some(had) = donation_by_key(db, key).await?
    {
        return Ok(Recorded::Duplicate(had));
    }
    let id = new_id();
    let at = now();
    // In a block of its own, so that a refusal (`?`, `return`) lands in `result` and the
    // unique key's conflict below is read as the duplicate it is.
    let result: Result<Recorded> = async { on_db!(db, pool => {
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
        let raised = if d.in_kind { 0 } else { d.amount_tiyn.unwrap_or(0) };
        sqlx::query(
            "UPDATE collections SET raised_tiyn = raised_tiyn + $2, donations = donations + 1 WHERE id = $1",
        ).bind(d.collection_id).bind(raised).execute(&mut *tx).await?;
        // The log's counter last: every append of the platform waits for it until commit.
        append_money!(tx, &entry);
        tx.commit().await?;
        Ok(Recorded::New(id))
    }) }
    .await;
    match result {
        // Two deliveries raced past the check (the same key for two collections, each
        // locked alone): the other one won.
        Err(Error::Conflict("donation_duplicate")) => {
            let key = d.external_key.as_deref().unwrap_or_default();
            donation_by_key(db, key)
                .await?
                .map(Recorded::Duplicate)
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
