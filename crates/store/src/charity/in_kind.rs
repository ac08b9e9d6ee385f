//! Gifts in kind: a donation of goods recorded with its photos and its handover act in one
//! transaction, its money entry flagged in kind with the estimate (0 when not valued), so
//! that the collection's money raised never counts it.

use chrono::{DateTime, NaiveDate, Utc};
use domain::charity::{
    Channel, CollectionStatus, GoodsCondition, GoodsUnit, MoneyEntry, MoneyKind, Quantity,
    ReceiptKind,
};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewEntry;
use crate::{Db, Error, Result, dialect, new_id, now, on_db, record_audit};

/// What a file of a gift is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GiftFile {
    /// The `n`th photo (from 0).
    Photo(u32),
    /// The signed handover act.
    Act,
}

impl GiftFile {
    /// The stored kind and position.
    fn key(self) -> (&'static str, i32) {
        match self {
            GiftFile::Photo(n) => ("photo", i32::try_from(n).unwrap_or(i32::MAX)),
            GiftFile::Act => ("act", 0),
        }
    }
}

/// A gift in kind to record (checked by the domain).
#[derive(Debug, Clone)]
pub struct NewGift {
    /// To which collection.
    pub collection_id: Uuid,
    /// What was given.
    pub items: String,
    /// How many.
    pub quantity: Quantity,
    /// Of what.
    pub unit: GoodsUnit,
    /// In what condition.
    pub condition: GoodsCondition,
    /// The estimated value, tiyn (none: not valued).
    pub estimate_tiyn: Option<i64>,
    /// The day of the handover.
    pub given_on: NaiveDate,
    /// The donor's name (private).
    pub donor_name: Option<String>,
    /// The donor's e-mail (private).
    pub donor_email: Option<String>,
    /// The name shown publicly (none: anonymous).
    pub public_name: Option<String>,
    /// The photos: their kind and bytes, in order.
    pub photos: Vec<(ReceiptKind, Vec<u8>)>,
    /// The handover act: its kind and bytes.
    pub act: (ReceiptKind, Vec<u8>),
    /// The donor's language (for the receipt).
    pub lang: String,
    /// Who entered it.
    pub recorded_by: Uuid,
}

/// Records a gift in kind to an active collection with its photos and act, all or nothing:
/// the donation (channel `other`), its files, its money entry (in kind, the estimate or 0)
/// and the collection's count of donations; money raised is unchanged. Errors:
/// `Conflict("collection_not_active")`, `NotFound` for an unknown collection.
pub async fn record_gift(db: &Db, g: &NewGift, receipt_code: &str) -> Result<Uuid> {
    use sha2::Digest as _;
    let id = new_id();
    let at = now();
    let channel = Channel::Other;
    on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        let (org, status) = lock_collection!(db, tx, g.collection_id);
        if !status.accepts_donations() {
            return Err(Error::Conflict("collection_not_active"));
        }
        sqlx::query(
            "INSERT INTO donations (id, collection_id, in_kind, amount_tiyn, channel, occurred_on, \
             donor_name, donor_email, public_name, items, quantity, unit, condition, receipt_code, \
             lang, recorded_by, recorded_at) \
             VALUES ($1, $2, TRUE, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        )
        .bind(id).bind(g.collection_id).bind(g.estimate_tiyn).bind(channel.code())
        .bind(g.given_on).bind(&g.donor_name).bind(&g.donor_email).bind(&g.public_name)
        .bind(&g.items).bind(g.quantity.stored()).bind(g.unit.code()).bind(g.condition.code())
        .bind(receipt_code).bind(&g.lang).bind(g.recorded_by).bind(at)
        .execute(&mut *tx).await?;
        let act = std::iter::once((GiftFile::Act, &g.act));
        let photos = g.photos.iter().enumerate().map(|(i, p)| (GiftFile::Photo(u32::try_from(i).unwrap_or(u32::MAX)), p));
        for (file, (kind, bytes)) in act.chain(photos) {
            let (what, position) = file.key();
            sqlx::query(
                "INSERT INTO donation_files (donation_id, kind, position, content_type, content) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id).bind(what).bind(position).bind(kind.content_type()).bind(bytes.as_slice())
            .execute(&mut *tx).await?;
        }
        let entry = MoneyEntry {
            id,
            collection_id: g.collection_id,
            organization_id: org,
            kind: MoneyKind::Donation,
            amount: g.estimate_tiyn.unwrap_or(0),
            channel_or_category: channel.code().to_owned(),
            in_kind: true,
            occurred_on: g.given_on,
            reverses: None,
            recorded_at: at,
        };
        append_money!(tx, &entry);
        sqlx::query("UPDATE collections SET donations = donations + 1 WHERE id = $1")
            .bind(g.collection_id).execute(&mut *tx).await?;
        record_audit!(&mut *tx, &NewEntry {
            actor_id: Some(g.recorded_by),
            action: "donation.in_kind".into(),
            object_type: "donation".into(),
            object_id: id,
            organization_id: Some(org),
            region_code: None,
            changes: serde_json::json!({
                "unit": g.unit.code(), "quantity": g.quantity.stored(),
                "estimate_tiyn": g.estimate_tiyn, "photos": g.photos.len(),
            }),
            reason: None,
        })?;
        tx.commit().await?;
    });
    Ok(id)
}

/// A gift in kind as listed (its files apart). Unit and condition are codes for gifts
/// recorded with their photos and act; older gifts may hold words there.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Gift {
    /// The donation.
    pub id: Uuid,
    /// The collection.
    pub collection_id: Uuid,
    /// What was given.
    pub items: Option<String>,
    /// How many (stored form, see [`Quantity::stored`]).
    pub quantity: Option<String>,
    /// Of what.
    pub unit: Option<String>,
    /// In what condition.
    pub condition: Option<String>,
    /// The estimated value, tiyn.
    pub amount_tiyn: Option<i64>,
    /// Given on.
    pub occurred_on: NaiveDate,
    /// The name shown publicly (none: anonymous).
    pub public_name: Option<String>,
    /// The donor's name (private).
    pub donor_name: Option<String>,
    /// Given back (reversed).
    pub reversed_at: Option<DateTime<Utc>>,
    /// Recorded at.
    pub recorded_at: DateTime<Utc>,
    /// How many photos it has.
    pub photos: i64,
    /// Whether its handover act is kept.
    pub has_act: bool,
}

/// A collection's gifts in kind, newest first, with the number of their photos.
pub async fn gifts(db: &Db, collection: Uuid, limit: i64) -> Result<Vec<Gift>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT d.id, d.collection_id, d.items, d.quantity, d.unit, d.condition, d.amount_tiyn, \
         d.occurred_on, d.public_name, d.donor_name, d.reversed_at, d.recorded_at, \
         (SELECT COUNT(*) FROM donation_files f WHERE f.donation_id = d.id AND f.kind = 'photo') AS photos, \
         EXISTS (SELECT 1 FROM donation_files f WHERE f.donation_id = d.id AND f.kind = 'act') AS has_act \
         FROM donations d WHERE d.collection_id = $1 AND d.in_kind = TRUE \
         ORDER BY d.recorded_at DESC, d.id LIMIT $2",
    ).bind(collection).bind(limit).fetch_all(pool).await?))
}

/// One file of a gift: its bytes and media type.
pub async fn gift_file(
    db: &Db,
    donation: Uuid,
    file: GiftFile,
) -> Result<Option<(Vec<u8>, String)>> {
    let (what, position) = file.key();
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT content, content_type FROM donation_files WHERE donation_id = $1 AND kind = $2 AND position = $3",
    ).bind(donation).bind(what).bind(position).fetch_optional(pool).await?))
}
