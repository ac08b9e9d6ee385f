//! A donor's own giving: the donations recorded under her account, each with the collection
//! it went to, read in one statement whatever their number.

use chrono::{DateTime, NaiveDate, Utc};
use domain::charity::Channel;
use uuid::Uuid;

use crate::{Db, Result, on_db};

/// One of her donations, with what she needs to find it again: the collection's purpose
/// and the receipt's code (never other donors' data).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Given {
    /// The donation.
    pub id: Uuid,
    /// The collection.
    pub collection_id: Uuid,
    /// The collection's purpose in Kazakh.
    pub purpose_kk: Option<String>,
    /// In Russian.
    pub purpose_ru: Option<String>,
    /// In English.
    pub purpose_en: Option<String>,
    /// Goods in kind rather than money.
    pub in_kind: bool,
    /// Money, or the estimated value of goods, tiyn.
    pub amount_tiyn: Option<i64>,
    /// In kind: what.
    pub items: Option<String>,
    /// How it came.
    #[sqlx(try_from = "String")]
    pub channel: Channel,
    /// Given on.
    pub occurred_on: NaiveDate,
    /// The receipt's public check code.
    pub receipt_code: String,
    /// Reversed (refunded) at.
    pub reversed_at: Option<DateTime<Utc>>,
    /// Recorded at.
    pub recorded_at: DateTime<Utc>,
}

/// The donations recorded under `user`'s account, newest first, at most `limit`.
pub async fn given_by(db: &Db, user: Uuid, limit: i64) -> Result<Vec<Given>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT d.id, d.collection_id, c.purpose_kk, c.purpose_ru, c.purpose_en, d.in_kind, \
         d.amount_tiyn, d.items, d.channel, d.occurred_on, d.receipt_code, d.reversed_at, \
         d.recorded_at \
         FROM donations d JOIN collections c ON c.id = d.collection_id \
         WHERE d.donor_user_id = $1 \
         ORDER BY d.recorded_at DESC, d.id LIMIT $2")
        .bind(user).bind(limit).fetch_all(pool).await?))
}
