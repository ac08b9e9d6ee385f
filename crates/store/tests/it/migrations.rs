//! Both migration folders give the same schema: tables, columns (name, nullability, type
//! family), explicit indexes, primary keys, unique and foreign keys, checks (by count) and
//! triggers (by what they cover), read back by introspection from a fresh SQLite and a fresh
//! PostgreSQL database. Not compared: PostgreSQL's `TRUNCATE` trigger on the ledger (SQLite
//! has no `TRUNCATE`; `information_schema` does not list it either).

use std::collections::{BTreeMap, BTreeSet};

use store::testing::TestDb;

/// Differences that are meant, each with its reason. A line is what [`compare`] reports.
const INTENDED: &[(&str, &str)] = &[];

/// A schema as both backends can describe it.
#[derive(Debug, Default)]
struct Schema {
    /// (table, column) → (nullable, type family).
    columns: BTreeMap<(String, String), (bool, &'static str)>,
    /// Explicit indexes: "table name (columns) unique partial".
    indexes: BTreeSet<String>,
    /// "table (columns)" of primary keys.
    primary_keys: BTreeSet<String>,
    /// "table (columns)" of unique constraints.
    uniques: BTreeSet<String>,
    /// "table (columns) -> table (columns) on delete ACTION".
    foreign_keys: BTreeSet<String>,
    /// table → number of CHECK constraints.
    checks: BTreeMap<String, i64>,
    /// "table TIMING EVENT" a trigger covers (by what it covers, not its name: a PostgreSQL
    /// trigger can cover `UPDATE OR DELETE`, SQLite needs one for each).
    triggers: BTreeSet<String>,
}

/// A SQLite foreign key: referenced table, columns, referenced columns (none: the key),
/// action on delete.
type SqliteForeignKey = (String, Vec<String>, Vec<Option<String>>, String);

/// A PostgreSQL constraint: kind, table, columns, referenced table and columns, action on
/// delete.
type PgConstraint = (
    String,
    String,
    Vec<String>,
    Option<String>,
    Vec<String>,
    String,
);

/// SQLite's declared type, as a family.
fn sqlite_family(declared: &str) -> &'static str {
    match declared.to_ascii_uppercase().as_str() {
        "INTEGER" | "BIGINT" | "INT" | "SMALLINT" => "integer",
        "BOOLEAN" | "BOOL" => "bool",
        "REAL" | "DOUBLE" | "DOUBLE PRECISION" | "FLOAT" => "real",
        "TEXT" | "VARCHAR" => "text",
        "BLOB" => "blob",
        other => panic!("sqlite type {other} has no family here"),
    }
}

/// PostgreSQL's data type, as a family.
fn postgres_family(data_type: &str) -> &'static str {
    match data_type {
        "bigint" | "integer" | "smallint" => "integer",
        "boolean" => "bool",
        "double precision" | "real" => "real",
        "text" | "character varying" => "text",
        "bytea" => "blob",
        "uuid" => "uuid",
        "timestamp with time zone" | "timestamp without time zone" => "timestamp",
        "date" => "date",
        "json" | "jsonb" => "json",
        other => panic!("postgres type {other} has no family here"),
    }
}

/// Whether SQLite's storage family can hold PostgreSQL's: SQLite keeps keys (UUIDs) as
/// blobs, and times, dates and JSON as text (ISO 8601, as sqlx writes them).
fn compatible(sqlite: &str, postgres: &str) -> bool {
    sqlite == postgres
        || matches!(
            (sqlite, postgres),
            ("blob", "uuid") | ("text", "timestamp" | "date" | "json")
        )
}

async fn sqlite_schema(db: &store::Db) -> Schema {
    let store::Pool::Sqlite(pool) = &db.pool else {
        unreachable!()
    };
    let mut s = Schema::default();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, sql) in &tables {
        let cols: Vec<(String, String, i64, i64)> = sqlx::query_as(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info($1) ORDER BY cid",
        )
        .bind(table)
        .fetch_all(pool)
        .await
        .unwrap();
        let mut pk: Vec<(i64, String)> = Vec::new();
        for (name, declared, notnull, key) in &cols {
            // A key column holds no NULL on either backend as the application writes it;
            // SQLite alone would allow one where `NOT NULL` is not spelled out.
            let nullable = *notnull == 0 && *key == 0;
            s.columns.insert(
                (table.clone(), name.clone()),
                (nullable, sqlite_family(declared)),
            );
            if *key > 0 {
                pk.push((*key, name.clone()));
            }
        }
        pk.sort();
        if !pk.is_empty() {
            let names: Vec<String> = pk.into_iter().map(|(_, n)| n).collect();
            s.primary_keys
                .insert(format!("{table} ({})", names.join(", ")));
        }
        let indexes: Vec<(String, i64, String, i64)> =
            sqlx::query_as("SELECT name, \"unique\", origin, partial FROM pragma_index_list($1)")
                .bind(table)
                .fetch_all(pool)
                .await
                .unwrap();
        for (index, unique, origin, partial) in indexes {
            let cols: Vec<(Option<String>,)> =
                sqlx::query_as("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(pool)
                    .await
                    .unwrap();
            let cols: Vec<String> = cols
                .into_iter()
                .map(|(c,)| c.unwrap_or_else(|| "<expr>".into()))
                .collect();
            let cols = cols.join(", ");
            match origin.as_str() {
                "c" => {
                    s.indexes.insert(format!(
                        "{table} {index} ({cols}){}{}",
                        if unique == 1 { " unique" } else { "" },
                        if partial == 1 { " partial" } else { "" }
                    ));
                }
                "u" => {
                    s.uniques.insert(format!("{table} ({cols})"));
                }
                _ => {}
            }
        }
        let fks: Vec<(i64, i64, String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT id, seq, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list($1) \
             ORDER BY id, seq",
        )
        .bind(table)
        .fetch_all(pool)
        .await
        .unwrap();
        let mut by_id: BTreeMap<i64, SqliteForeignKey> = BTreeMap::new();
        for (id, _, target, from, to, on_delete) in fks {
            let e = by_id
                .entry(id)
                .or_insert_with(|| (target, Vec::new(), Vec::new(), on_delete));
            e.1.push(from);
            e.2.push(to);
        }
        for (_, (target, from, to, on_delete)) in by_id {
            let to: Vec<String> = if to.iter().all(Option::is_some) {
                to.into_iter().flatten().collect()
            } else {
                // `REFERENCES t` alone: the referenced table's primary key.
                sqlx::query_scalar(
                    "SELECT name FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk",
                )
                .bind(&target)
                .fetch_all(pool)
                .await
                .unwrap()
            };
            s.foreign_keys.insert(format!(
                "{table} ({}) -> {target} ({}) on delete {}",
                from.join(", "),
                to.join(", "),
                on_delete.to_ascii_uppercase()
            ));
        }
        let checks = sql.to_ascii_uppercase().matches("CHECK").count() as i64;
        if checks > 0 {
            s.checks.insert(table.clone(), checks);
        }
    }
    let triggers: Vec<(String, String)> =
        sqlx::query_as("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
            .fetch_all(pool)
            .await
            .unwrap();
    for (table, sql) in triggers {
        let words: Vec<String> = sql
            .split_whitespace()
            .map(str::to_ascii_uppercase)
            .collect();
        let at = words
            .iter()
            .position(|w| w == "BEFORE" || w == "AFTER")
            .expect("a trigger's timing");
        s.triggers
            .insert(format!("{table} {} {}", words[at], words[at + 1]));
    }
    s
}

async fn postgres_schema(db: &store::Db) -> Schema {
    let store::Pool::Postgres(pool) = &db.pool else {
        unreachable!()
    };
    let mut s = Schema::default();
    let cols: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT c.table_name::text, c.column_name::text, c.is_nullable::text, c.data_type::text \
         FROM information_schema.columns c JOIN information_schema.tables t \
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' \
         AND c.table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, name, nullable, data_type) in cols {
        s.columns.insert(
            (table, name),
            (nullable == "YES", postgres_family(&data_type)),
        );
    }
    let indexes: Vec<(String, String, bool, bool, Vec<String>)> = sqlx::query_as(
        "SELECT t.relname::text, i.relname::text, ix.indisunique, ix.indpred IS NOT NULL, \
         ARRAY(SELECT COALESCE(a.attname::text, '<expr>') FROM unnest(ix.indkey) WITH ORDINALITY k(n, o) \
               LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o)::text[] \
         FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND t.relname <> '_sqlx_migrations' \
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, index, unique, partial, cols) in indexes {
        s.indexes.insert(format!(
            "{table} {index} ({}){}{}",
            cols.join(", "),
            if unique { " unique" } else { "" },
            if partial { " partial" } else { "" }
        ));
    }
    let constraints: Vec<PgConstraint> =
        sqlx::query_as(
            "SELECT c.contype::text, t.relname::text, \
             ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o) \
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[], \
             r.relname::text, \
             ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o) \
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)::text[], \
             CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' \
               WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' ELSE '' END \
             FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
             JOIN pg_namespace n ON n.oid = t.relnamespace LEFT JOIN pg_class r ON r.oid = c.confrelid \
             WHERE n.nspname = 'public' AND t.relname <> '_sqlx_migrations'",
        )
        .fetch_all(pool)
        .await
        .unwrap();
    for (kind, table, cols, target, target_cols, on_delete) in constraints {
        let cols = cols.join(", ");
        match kind.as_str() {
            "p" => {
                s.primary_keys.insert(format!("{table} ({cols})"));
            }
            "u" => {
                s.uniques.insert(format!("{table} ({cols})"));
            }
            "f" => {
                s.foreign_keys.insert(format!(
                    "{table} ({cols}) -> {} ({}) on delete {on_delete}",
                    target.unwrap_or_default(),
                    target_cols.join(", ")
                ));
            }
            "c" => *s.checks.entry(table).or_default() += 1,
            _ => {}
        }
    }
    let triggers: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT event_object_table::text, action_timing::text || ' ' || event_manipulation::text \
         FROM information_schema.triggers WHERE trigger_schema = 'public'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, what) in triggers {
        s.triggers.insert(format!("{table} {what}"));
    }
    s
}

/// Every difference, one line each.
fn compare(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    for (key, (nullable, family)) in &sqlite.columns {
        let (t, c) = key;
        match postgres.columns.get(key) {
            None => out.push(format!("column {t}.{c}: only on sqlite")),
            Some((pg_nullable, pg_family)) => {
                if nullable != pg_nullable {
                    out.push(format!(
                        "column {t}.{c}: nullable {nullable} on sqlite, {pg_nullable} on postgres"
                    ));
                }
                if !compatible(family, pg_family) {
                    out.push(format!(
                        "column {t}.{c}: {family} on sqlite, {pg_family} on postgres"
                    ));
                }
            }
        }
    }
    for (t, c) in postgres.columns.keys() {
        if !sqlite.columns.contains_key(&(t.clone(), c.clone())) {
            out.push(format!("column {t}.{c}: only on postgres"));
        }
    }
    let sets = [
        ("index", &sqlite.indexes, &postgres.indexes),
        ("primary key", &sqlite.primary_keys, &postgres.primary_keys),
        ("unique", &sqlite.uniques, &postgres.uniques),
        ("foreign key", &sqlite.foreign_keys, &postgres.foreign_keys),
        ("trigger", &sqlite.triggers, &postgres.triggers),
    ];
    for (what, a, b) in sets {
        for x in a.difference(b) {
            out.push(format!("{what} {x}: only on sqlite"));
        }
        for x in b.difference(a) {
            out.push(format!("{what} {x}: only on postgres"));
        }
    }
    let tables: BTreeSet<&String> = sqlite.checks.keys().chain(postgres.checks.keys()).collect();
    for t in tables {
        let (a, b) = (
            sqlite.checks.get(t).copied().unwrap_or(0),
            postgres.checks.get(t).copied().unwrap_or(0),
        );
        // SQLite's count is of the word CHECK in the table's SQL: at least PostgreSQL's.
        if a < b {
            out.push(format!("checks of {t}: {a} on sqlite, {b} on postgres"));
        }
    }
    out
}

#[tokio::test]
async fn both_migration_folders_give_the_same_schema() {
    let lite = TestDb::sqlite_migrated().await;
    let Some(pg) = TestDb::postgres_migrated().await else {
        lite.drop_db().await;
        return;
    };
    let (a, b) = (sqlite_schema(&lite.db).await, postgres_schema(&pg.db).await);
    lite.drop_db().await;
    pg.drop_db().await;
    assert!(a.columns.len() > 50, "the schema was read: {a:?}");
    let intended: BTreeSet<&str> = INTENDED.iter().map(|(line, _)| *line).collect();
    let drift: Vec<String> = compare(&a, &b)
        .into_iter()
        .filter(|line| !intended.contains(line.as_str()))
        .collect();
    assert!(
        drift.is_empty(),
        "the migration folders drifted apart:\n{}",
        drift.join("\n")
    );
}
