//! The copy of a SQLite database into PostgreSQL, same ids, every table in foreign-key
//! order: the source is read in one read transaction (one state, while its server may
//! still write), the target written in batches, each in its own transaction, through
//! `INSERT ... SELECT * FROM UNNEST(arrays)` with each column's array typed as the
//! target's catalog says (see [`super::convert`]). Triggers stay on: the ledger's and the
//! audit log's refuse changes, not inserts.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use sqlx::Row;
use sqlx::postgres::PgPool;
use sqlx::sqlite::{SqliteConnection, SqliteRow};

use super::convert::{Column, Kind, Raw};
use super::{
    Counts, FILLED_AT_START, MIGRATIONS_TABLE, State, describe, holds_data, ident, read_state,
};
use crate::{Backend, Db, Error, Pool, Result, dialect};

/// Rows read from the source and written to the target at a time.
pub const BATCH_ROWS: i64 = 5_000;

/// What [`to_postgres`] copied.
#[derive(Debug, Clone)]
pub struct Moved {
    /// The source as it was read: rows per table and its latest checkpoint.
    pub source: State,
    /// Rows written per table (the migrations' record is the target's own and not copied).
    pub copied: Counts,
}

/// A column of the target: its name, the type's name in the catalog, and how it is sent.
struct Target {
    name: String,
    udt: String,
    kind: Kind,
}

/// A foreign key of a table to itself: its columns and the columns they refer to.
struct SelfRef {
    from: Vec<String>,
    to: Vec<String>,
}

/// Copies the SQLite database `from` into the PostgreSQL database `to`, which must hold no
/// data ([`holds_data`]): migrates it, replaces the rows any start makes, then copies every
/// table but the migrations' record in foreign-key order. `progress(table, done, total)`
/// is called after each batch. On an error the target is left partly filled.
pub async fn to_postgres(
    from: &Db,
    to: &Db,
    progress: &(dyn Fn(&str, u64, u64) + Sync),
) -> Result<Moved> {
    let (Pool::Sqlite(source), Pool::Postgres(target)) = (&from.pool, &to.pool) else {
        return Err(Error::Copy(
            "a move copies a SQLite database into a PostgreSQL one".into(),
        ));
    };
    let data = holds_data(to).await?;
    if !data.is_empty() {
        return Err(Error::Copy(format!(
            "the PostgreSQL database already holds data ({}); move into an empty one",
            describe(&data)
        )));
    }
    to.migrate().await?;
    let columns = target_columns(target).await?;
    let order = fk_order(target, &columns).await?;
    let self_refs = self_refs(target).await?;

    let mut rtx = source
        .begin_with(dialect::begin_snapshot(Backend::Sqlite))
        .await?;
    let state = read_state!(rtx, Backend::Sqlite);
    let source_tables: BTreeSet<&String> = state.counts.keys().collect();
    let target_tables: BTreeSet<&String> = columns.keys().collect();
    if source_tables != target_tables {
        let only = |a: &BTreeSet<&String>, b: &BTreeSet<&String>| {
            a.difference(b)
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(Error::Copy(format!(
            "the two databases differ in their tables (only in SQLite: [{}]; only in PostgreSQL: [{}]): \
             they must be at the same version of erikti",
            only(&source_tables, &target_tables),
            only(&target_tables, &source_tables)
        )));
    }
    clear_start_rows(target, &order).await?;

    let mut copied = Counts::new();
    for table in order.iter().filter(|t| *t != MIGRATIONS_TABLE) {
        let cols = &columns[table];
        check_source_columns(&mut rtx, table, cols).await?;
        let total = state.counts.get(table).copied().unwrap_or(0);
        let n = match self_refs.get(table) {
            Some(refs) => {
                copy_parents_first(&mut rtx, target, table, cols, refs, total, progress).await?
            }
            None => copy_by_rowid(&mut rtx, target, table, cols, total, progress).await?,
        };
        copied.insert(table.clone(), n);
    }
    rtx.rollback().await?;
    dialect::after_bulk_load(to, &[]).await?;
    Ok(Moved {
        source: state,
        copied,
    })
}

/// The target's columns of every table, in their order.
async fn target_columns(pg: &PgPool) -> Result<BTreeMap<String, Vec<Target>>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.table_name::text, c.column_name::text, c.udt_name::text \
         FROM information_schema.columns c JOIN information_schema.tables t \
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
           AND c.is_generated = 'NEVER' \
         ORDER BY c.table_name, c.ordinal_position",
    )
    .fetch_all(pg)
    .await?;
    let mut out: BTreeMap<String, Vec<Target>> = BTreeMap::new();
    for (table, name, udt) in rows {
        out.entry(table).or_default().push(Target {
            kind: Kind::of(&udt),
            name,
            udt,
        });
    }
    Ok(out)
}

/// The tables in an order where each comes after those it refers to (ties by name).
async fn fk_order(pg: &PgPool, tables: &BTreeMap<String, Vec<Target>>) -> Result<Vec<String>> {
    let edges: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.relname::text, b.relname::text FROM pg_constraint c \
         JOIN pg_class a ON a.oid = c.conrelid JOIN pg_class b ON b.oid = c.confrelid \
         JOIN pg_namespace n ON n.oid = a.relnamespace \
         WHERE c.contype = 'f' AND n.nspname = current_schema() AND c.conrelid <> c.confrelid",
    )
    .fetch_all(pg)
    .await?;
    let mut needs: BTreeMap<&str, BTreeSet<&str>> = tables
        .keys()
        .map(|t| (t.as_str(), BTreeSet::new()))
        .collect();
    for (child, parent) in &edges {
        if let Some(n) = needs.get_mut(child.as_str()) {
            n.insert(parent.as_str());
        }
    }
    let mut order: Vec<String> = Vec::with_capacity(needs.len());
    while !needs.is_empty() {
        let ready: Vec<&str> = needs
            .iter()
            .filter(|(_, parents)| parents.is_empty())
            .map(|(t, _)| *t)
            .collect();
        if ready.is_empty() {
            return Err(Error::Copy(format!(
                "the tables {} refer to each other in a cycle: no order loads them",
                needs.keys().copied().collect::<Vec<_>>().join(", ")
            )));
        }
        for t in ready {
            needs.remove(t);
            for parents in needs.values_mut() {
                parents.remove(t);
            }
            order.push(t.to_owned());
        }
    }
    Ok(order)
}

/// The foreign keys of tables to themselves (e.g. a direction's parent, a help request's
/// duplicate), by table.
async fn self_refs(pg: &PgPool) -> Result<BTreeMap<String, Vec<SelfRef>>> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT a.relname::text, c.conname::text, fa.attname::text, ra.attname::text \
         FROM pg_constraint c JOIN pg_class a ON a.oid = c.conrelid \
         JOIN pg_namespace n ON n.oid = a.relnamespace \
         CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(f, r, o) \
         JOIN pg_attribute fa ON fa.attrelid = c.conrelid AND fa.attnum = k.f \
         JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.r \
         WHERE c.contype = 'f' AND c.conrelid = c.confrelid AND n.nspname = current_schema() \
         ORDER BY 1, 2, k.o",
    )
    .fetch_all(pg)
    .await?;
    let mut by: BTreeMap<(String, String), SelfRef> = BTreeMap::new();
    for (table, constraint, from, to) in rows {
        let r = by.entry((table, constraint)).or_insert(SelfRef {
            from: Vec::new(),
            to: Vec::new(),
        });
        r.from.push(from);
        r.to.push(to);
    }
    let mut out: BTreeMap<String, Vec<SelfRef>> = BTreeMap::new();
    for ((table, _), r) in by {
        out.entry(table).or_default().push(r);
    }
    Ok(out)
}

/// Deletes what migrating and the reference data put into the target (the log's counter,
/// the reference lists): the source's rows take their place. Children first.
async fn clear_start_rows(pg: &PgPool, order: &[String]) -> Result<()> {
    let mut tx = pg.begin().await?;
    for table in order.iter().rev() {
        if table != MIGRATIONS_TABLE && FILLED_AT_START.contains(&table.as_str()) {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {}", ident(table))))
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The source must have the target's columns, and no others.
async fn check_source_columns(
    src: &mut SqliteConnection,
    table: &str,
    cols: &[Target],
) -> Result<()> {
    let have: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
        .bind(table)
        .fetch_all(&mut *src)
        .await?;
    let want: BTreeSet<&str> = cols.iter().map(|c| c.name.as_str()).collect();
    let have: BTreeSet<&str> = have.iter().map(String::as_str).collect();
    if want != have {
        return Err(Error::Copy(format!(
            "{table} has other columns in SQLite ({}) than in PostgreSQL ({}): \
             the two must be at the same version of erikti",
            have.into_iter().collect::<Vec<_>>().join(", "),
            want.into_iter().collect::<Vec<_>>().join(", ")
        )));
    }
    Ok(())
}

fn select_sql(table: &str, cols: &[Target]) -> String {
    let list: Vec<String> = cols.iter().map(|c| ident(&c.name)).collect();
    format!("SELECT rowid, {} FROM {}", list.join(", "), ident(table))
}

/// A row as read: its rowid (to name it in errors) and its values.
type RawRow = (i64, Vec<Raw>);

fn raw_row(row: &SqliteRow, n: usize) -> Result<RawRow> {
    let rowid: i64 = row.try_get(0)?;
    let values = (1..=n)
        .map(|i| Raw::read(row, i))
        .collect::<Result<Vec<_>>>()?;
    Ok((rowid, values))
}

/// Copies a table in rowid order, a batch a transaction.
async fn copy_by_rowid(
    src: &mut SqliteConnection,
    pg: &PgPool,
    table: &str,
    cols: &[Target],
    total: u64,
    progress: &(dyn Fn(&str, u64, u64) + Sync),
) -> Result<u64> {
    let sql = format!(
        "{} WHERE rowid > $1 ORDER BY rowid LIMIT $2",
        select_sql(table, cols)
    );
    let mut after = i64::MIN;
    let mut done = 0u64;
    loop {
        let rows: Vec<SqliteRow> = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(after)
            .bind(BATCH_ROWS)
            .fetch_all(&mut *src)
            .await?;
        let Some(last) = rows.last() else { break };
        after = last.try_get(0)?;
        let batch = rows
            .iter()
            .map(|r| raw_row(r, cols.len()))
            .collect::<Result<Vec<_>>>()?;
        done += insert(pg, table, cols, &batch).await?;
        progress(table, done, total);
    }
    if done == 0 {
        progress(table, 0, total);
    }
    Ok(done)
}

/// Copies a table that refers to itself: every row read, then written parents first.
async fn copy_parents_first(
    src: &mut SqliteConnection,
    pg: &PgPool,
    table: &str,
    cols: &[Target],
    refs: &[SelfRef],
    total: u64,
    progress: &(dyn Fn(&str, u64, u64) + Sync),
) -> Result<u64> {
    let sql = format!("{} ORDER BY rowid", select_sql(table, cols));
    let rows: Vec<SqliteRow> = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .fetch_all(&mut *src)
        .await?;
    let rows = rows
        .iter()
        .map(|r| raw_row(r, cols.len()))
        .collect::<Result<Vec<_>>>()?;
    let position = |name: &str| cols.iter().position(|c| c.name == name);
    let mut pairs = Vec::with_capacity(refs.len());
    for r in refs {
        let from: Option<Vec<usize>> = r.from.iter().map(|c| position(c)).collect();
        let to: Option<Vec<usize>> = r.to.iter().map(|c| position(c)).collect();
        match (from, to) {
            (Some(f), Some(t)) => pairs.push((f, t)),
            _ => {
                return Err(Error::Copy(format!(
                    "{table}: a foreign key names a column the copy does not know"
                )));
            }
        }
    }
    let ordered = parents_first(rows, &pairs).map_err(|rowids| {
        Error::Copy(format!(
            "{table}: the rows {rowids} refer to each other in a cycle"
        ))
    })?;
    let mut done = 0u64;
    let chunk = usize::try_from(BATCH_ROWS).unwrap_or(5_000);
    for batch in ordered.chunks(chunk) {
        done += insert(pg, table, cols, batch).await?;
        progress(table, done, total);
    }
    if done == 0 {
        progress(table, 0, total);
    }
    Ok(done)
}

/// The values of `idx` of a row as a key, or none when one is NULL (such a reference
/// holds whatever the table holds).
fn key(values: &[Raw], idx: &[usize]) -> Option<Vec<Vec<u8>>> {
    idx.iter()
        .map(|i| values.get(*i).and_then(Raw::key))
        .collect()
}

/// `rows` ordered so that each row comes after the row it refers to through `pairs`
/// (referring columns, referred columns). A reference to a row not in the table is left
/// for the target to refuse. Err: the rowids left in a cycle.
fn parents_first(
    rows: Vec<RawRow>,
    pairs: &[(Vec<usize>, Vec<usize>)],
) -> Result<Vec<RawRow>, String> {
    let present: HashSet<Vec<Vec<u8>>> = rows
        .iter()
        .flat_map(|(_, v)| pairs.iter().filter_map(|(_, to)| key(v, to)))
        .collect();
    let mut placed: HashSet<Vec<Vec<u8>>> = HashSet::new();
    let mut pending = rows;
    let mut out = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for row in pending {
            let ready = pairs.iter().all(|(from, to)| match key(&row.1, from) {
                None => true,
                Some(k) => {
                    placed.contains(&k) || !present.contains(&k) || key(&row.1, to) == Some(k)
                }
            });
            if ready {
                for (_, to) in pairs {
                    if let Some(k) = key(&row.1, to) {
                        placed.insert(k);
                    }
                }
                out.push(row);
            } else {
                rest.push(row);
            }
        }
        if rest.len() == before {
            return Err(rest
                .iter()
                .map(|(id, _)| id.to_string())
                .collect::<Vec<_>>()
                .join(", "));
        }
        pending = rest;
    }
    Ok(out)
}

/// Writes `rows` into `table` in one transaction; the rows written.
async fn insert(pg: &PgPool, table: &str, cols: &[Target], rows: &[RawRow]) -> Result<u64> {
    if rows.is_empty() {
        return Ok(0);
    }
    let mut columns: Vec<Column> = cols
        .iter()
        .map(|c| Column::new(c.kind, rows.len()))
        .collect();
    for (rowid, values) in rows {
        for ((col, target), raw) in columns.iter_mut().zip(cols).zip(values) {
            col.push(target.kind, raw, &|| {
                format!("{table}.{} ({}), row {rowid}", target.name, target.udt)
            })?;
        }
    }
    let names: Vec<String> = cols.iter().map(|c| ident(&c.name)).collect();
    let params: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| c.kind.unnest_param(i + 1, &c.udt))
        .collect();
    let sql = format!(
        "INSERT INTO {} ({}) SELECT * FROM UNNEST({})",
        ident(table),
        names.join(", "),
        params.join(", ")
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for c in columns {
        q = c.bind(q);
    }
    let mut tx = pg.begin().await?;
    let written = q.execute(&mut *tx).await.map_err(|e| match e {
        sqlx::Error::Database(d) => Error::Copy(format!("writing {table}: {d}")),
        e => Error::Db(e),
    })?;
    tx.commit().await?;
    Ok(written.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, code: &str, parent: Option<&str>) -> RawRow {
        (
            id,
            vec![
                Raw::Text(code.into()),
                parent.map_or(Raw::Null, |p| Raw::Text(p.into())),
            ],
        )
    }

    #[test]
    fn a_table_that_refers_to_itself_is_written_parents_first() {
        let pairs = vec![(vec![1], vec![0])];
        let rows = vec![
            row(1, "c", Some("b")),
            row(2, "b", Some("a")),
            row(3, "a", None),
            row(4, "x", Some("elsewhere")),
        ];
        let order: Vec<i64> = parents_first(rows, &pairs)
            .unwrap()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(order, vec![3, 4, 2, 1]);
        let cycle = vec![row(1, "a", Some("b")), row(2, "b", Some("a"))];
        assert_eq!(parents_first(cycle, &pairs).unwrap_err(), "1, 2");
    }
}
