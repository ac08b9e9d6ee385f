//! The money trail summed for reports: an organization's year, a region's months, the
//! country's regions. Only entries inside the tree of a given size count, so the figures
//! are those of a checkpoint and can be re-derived from the log.

use chrono::NaiveDate;
use domain::charity::{MoneyKind, Sum};
use uuid::Uuid;

use crate::{Db, Result, dialect, on_db};

/// Whose money entries are summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// One organization's collections.
    Organization(Uuid),
    /// The collections of one region.
    Region(&'a str),
    /// Every collection.
    Nation,
}

/// How the period's sums are split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Not at all: the key is empty.
    Whole,
    /// By month: the key is the month's first day (`2026-03-01`); entries before the
    /// period have the empty key.
    Month,
    /// By the collection's region: the key is the region's code.
    Region,
}

/// The sums of the money entries recorded in the first `size` leaves of the log, that
/// happened before `to` (exclusive), split by `split`; those before `from` are marked
/// [`Sum::before`] (the balance carried in). Entries of an unknown kind are left out.
pub async fn sums(
    db: &Db,
    scope: Scope<'_>,
    from: NaiveDate,
    to: NaiveDate,
    size: u64,
    split: Split,
) -> Result<Vec<(String, Sum)>> {
    let backend = db.backend();
    let key = match split {
        Split::Whole => "''".to_owned(),
        Split::Month => format!(
            "CASE WHEN m.occurred_on < $3 THEN '' ELSE CAST({} AS TEXT) END",
            dialect::month_start(backend, "m.occurred_on")
        ),
        Split::Region => "c.region_code".to_owned(),
    };
    let (join, filter) = match scope {
        Scope::Organization(_) => ("", "AND m.organization_id = $4"),
        Scope::Region(_) => (
            "JOIN collections c ON c.id = m.collection_id",
            "AND c.region_code = $4",
        ),
        Scope::Nation => ("", ""),
    };
    let join = if split == Split::Region {
        "JOIN collections c ON c.id = m.collection_id"
    } else {
        join
    };
    let sql = format!(
        "SELECT {key} AS grp, m.kind, m.channel, m.in_kind, \
           CAST(CASE WHEN m.occurred_on < $3 THEN 1 ELSE 0 END AS BIGINT) AS before_period, \
           CAST(SUM(m.amount) AS BIGINT) AS amount, COUNT(*) AS entries \
         FROM money_entries m {join} \
         WHERE m.occurred_on < $1 AND m.leaf_index < $2 {filter} \
         GROUP BY 1, m.kind, m.channel, m.in_kind, 5"
    );
    let size = i64::try_from(size).unwrap_or(i64::MAX);
    type Row = (String, String, String, bool, i64, i64, i64);
    let rows: Vec<Row> = on_db!(db, pool => {
        let q = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(to)
            .bind(size)
            .bind(from);
        let q = match scope {
            Scope::Organization(id) => q.bind(id),
            Scope::Region(code) => q.bind(code.to_owned()),
            Scope::Nation => q,
        };
        q.fetch_all(pool).await?
    });
    Ok(rows
        .into_iter()
        .filter_map(|(grp, kind, code, in_kind, before, amount, entries)| {
            Some((
                grp,
                Sum {
                    kind: MoneyKind::from_code(&kind)?,
                    code,
                    in_kind,
                    before: before != 0,
                    amount,
                    entries,
                },
            ))
        })
        .collect())
}
