//! The money trail as stored: its entries with their places in the log, and the check of the
//! collections' counters against it.

use chrono::{DateTime, NaiveDate, Utc};
use domain::charity::{MoneyEntry, MoneyKind};
use uuid::Uuid;

use crate::{Db, Result, on_db};

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

/// A collection's money entries inside the tree of `size` leaves, summed by kind and goods
/// or money: (kind, in kind, sum of amounts, entries); and how many of its entries lie
/// beyond (recorded since). Entries of an unknown kind are left out of the sums (the log's
/// check names them).
pub async fn proven_sums(
    db: &Db,
    collection: Uuid,
    size: u64,
) -> Result<(Vec<(MoneyKind, bool, i64, i64)>, u64)> {
    let size = i64::try_from(size).unwrap_or(i64::MAX);
    let (sums, beyond): (Vec<(String, bool, i64, i64)>, i64) = on_db!(db, pool => {
        let sums = sqlx::query_as(
            "SELECT kind, in_kind, CAST(SUM(amount) AS BIGINT), COUNT(*) FROM money_entries \
             WHERE collection_id = $1 AND leaf_index < $2 GROUP BY kind, in_kind",
        ).bind(collection).bind(size).fetch_all(pool).await?;
        let beyond = sqlx::query_scalar(
            "SELECT COUNT(*) FROM money_entries WHERE collection_id = $1 AND leaf_index >= $2",
        ).bind(collection).bind(size).fetch_one(pool).await?;
        (sums, beyond)
    });
    Ok((
        sums.into_iter()
            .filter_map(|(k, in_kind, sum, n)| Some((MoneyKind::from_code(&k)?, in_kind, sum, n)))
            .collect(),
        u64::try_from(beyond).unwrap_or(0),
    ))
}
