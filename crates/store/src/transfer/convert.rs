//! SQLite's values as PostgreSQL's columns take them. SQLite keeps a UUID as a 16-byte
//! BLOB, a timestamp or a date as TEXT, a boolean as INTEGER 0 or 1; PostgreSQL has uuid,
//! timestamptz, date, boolean, bytea, jsonb and the rest. Each column of the target is read
//! from PostgreSQL's catalog ([`Kind::of`]) and every value of the source converted to it,
//! or refused with the table, the column and the row named.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use sqlx::postgres::PgArguments;
use sqlx::query::Query;
use sqlx::sqlite::SqliteRow;
use sqlx::{Postgres, Row, TypeInfo, ValueRef};
use uuid::Uuid;

use crate::{Error, Result};

/// A value as SQLite stores it (its storage class).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Raw {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Raw {
    /// The value of column `i` of `row`, by the storage class of that value.
    pub(crate) fn read(row: &SqliteRow, i: usize) -> Result<Raw> {
        let value = row.try_get_raw(i)?;
        if value.is_null() {
            return Ok(Raw::Null);
        }
        let class = value.type_info().name().to_owned();
        Ok(match class.as_str() {
            "INTEGER" => Raw::Int(row.try_get_unchecked::<i64, _>(i)?),
            "REAL" => Raw::Real(row.try_get_unchecked::<f64, _>(i)?),
            "BLOB" => Raw::Blob(row.try_get_unchecked::<Vec<u8>, _>(i)?),
            _ => Raw::Text(row.try_get_unchecked::<String, _>(i)?),
        })
    }

    /// A key to compare values by (the row order of a table that refers to itself).
    pub(crate) fn key(&self) -> Option<Vec<u8>> {
        match self {
            Raw::Null => None,
            Raw::Int(n) => Some([b"i".as_slice(), &n.to_be_bytes()].concat()),
            Raw::Real(f) => Some([b"r".as_slice(), &f.to_bits().to_be_bytes()].concat()),
            Raw::Text(s) => Some([b"t".as_slice(), s.as_bytes()].concat()),
            Raw::Blob(b) => Some([b"b".as_slice(), b].concat()),
        }
    }

    fn shown(&self) -> String {
        match self {
            Raw::Null => "NULL".into(),
            Raw::Int(n) => n.to_string(),
            Raw::Real(f) => f.to_string(),
            Raw::Text(s) => format!("{:?}", s.chars().take(60).collect::<String>()),
            Raw::Blob(b) => format!("a BLOB of {} bytes", b.len()),
        }
    }
}

/// What a PostgreSQL column takes, by its type's name in the catalog (`udt_name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Uuid,
    Int2,
    Int4,
    Int8,
    Float4,
    Float8,
    Bool,
    Timestamptz,
    Timestamp,
    Date,
    Time,
    Bytea,
    /// json, jsonb: checked here, sent as text and cast.
    Json,
    /// text and every other type: sent as text, PostgreSQL's input function reads it.
    Text,
}

impl Kind {
    /// The kind of the catalog's type name.
    pub(crate) fn of(udt: &str) -> Kind {
        match udt {
            "uuid" => Kind::Uuid,
            "int2" => Kind::Int2,
            "int4" => Kind::Int4,
            "int8" => Kind::Int8,
            "float4" => Kind::Float4,
            "float8" => Kind::Float8,
            "bool" => Kind::Bool,
            "timestamptz" => Kind::Timestamptz,
            "timestamp" => Kind::Timestamp,
            "date" => Kind::Date,
            "time" => Kind::Time,
            "bytea" => Kind::Bytea,
            "json" | "jsonb" => Kind::Json,
            _ => Kind::Text,
        }
    }

    /// The array parameter that carries a batch of the column to `UNNEST`, cast to the
    /// column's type (`udt`) where it is sent as text.
    pub(crate) fn unnest_param(self, n: usize, udt: &str) -> String {
        let sent = match self {
            Kind::Json | Kind::Text => "text",
            _ => udt,
        };
        let quoted = crate::transfer::ident(udt);
        if sent == udt {
            format!("${n}::{quoted}[]")
        } else {
            format!("${n}::text[]::{quoted}[]")
        }
    }
}

/// A batch of one column's values, typed as PostgreSQL takes them.
#[derive(Debug)]
pub(crate) enum Column {
    Uuid(Vec<Option<Uuid>>),
    Int2(Vec<Option<i16>>),
    Int4(Vec<Option<i32>>),
    Int8(Vec<Option<i64>>),
    Float4(Vec<Option<f32>>),
    Float8(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
    Timestamptz(Vec<Option<DateTime<Utc>>>),
    Timestamp(Vec<Option<NaiveDateTime>>),
    Date(Vec<Option<NaiveDate>>),
    Time(Vec<Option<NaiveTime>>),
    Bytea(Vec<Option<Vec<u8>>>),
    Text(Vec<Option<String>>),
}

impl Column {
    /// An empty batch of `kind`.
    pub(crate) fn new(kind: Kind, capacity: usize) -> Column {
        match kind {
            Kind::Uuid => Column::Uuid(Vec::with_capacity(capacity)),
            Kind::Int2 => Column::Int2(Vec::with_capacity(capacity)),
            Kind::Int4 => Column::Int4(Vec::with_capacity(capacity)),
            Kind::Int8 => Column::Int8(Vec::with_capacity(capacity)),
            Kind::Float4 => Column::Float4(Vec::with_capacity(capacity)),
            Kind::Float8 => Column::Float8(Vec::with_capacity(capacity)),
            Kind::Bool => Column::Bool(Vec::with_capacity(capacity)),
            Kind::Timestamptz => Column::Timestamptz(Vec::with_capacity(capacity)),
            Kind::Timestamp => Column::Timestamp(Vec::with_capacity(capacity)),
            Kind::Date => Column::Date(Vec::with_capacity(capacity)),
            Kind::Time => Column::Time(Vec::with_capacity(capacity)),
            Kind::Bytea => Column::Bytea(Vec::with_capacity(capacity)),
            Kind::Json | Kind::Text => Column::Text(Vec::with_capacity(capacity)),
        }
    }

    /// Appends `raw` converted to `kind`; `at` names the place for the error
    /// (`table.column (type), row N`).
    pub(crate) fn push(&mut self, kind: Kind, raw: &Raw, at: &dyn Fn() -> String) -> Result<()> {
        let bad = |what: &str| Error::Copy(format!("{}: {} is not {what}", at(), raw.shown()));
        if *raw == Raw::Null {
            self.push_null();
            return Ok(());
        }
        match self {
            Column::Uuid(v) => v.push(Some(match raw {
                Raw::Blob(b) => Uuid::from_slice(b).map_err(|_| bad("a UUID"))?,
                Raw::Text(s) => Uuid::parse_str(s).map_err(|_| bad("a UUID"))?,
                _ => return Err(bad("a UUID")),
            })),
            Column::Int2(v) => v.push(Some(
                i16::try_from(integer(raw).ok_or_else(|| bad("an integer"))?)
                    .map_err(|_| bad("a 2-byte integer"))?,
            )),
            Column::Int4(v) => v.push(Some(
                i32::try_from(integer(raw).ok_or_else(|| bad("an integer"))?)
                    .map_err(|_| bad("a 4-byte integer"))?,
            )),
            Column::Int8(v) => v.push(Some(integer(raw).ok_or_else(|| bad("an integer"))?)),
            Column::Float4(v) => v.push(Some(real(raw).ok_or_else(|| bad("a number"))? as f32)),
            Column::Float8(v) => v.push(Some(real(raw).ok_or_else(|| bad("a number"))?)),
            Column::Bool(v) => v.push(Some(match raw {
                Raw::Int(0) => false,
                Raw::Int(1) => true,
                Raw::Text(s) => match s.to_ascii_lowercase().as_str() {
                    "0" | "f" | "false" => false,
                    "1" | "t" | "true" => true,
                    _ => return Err(bad("a boolean")),
                },
                _ => return Err(bad("a boolean (0 or 1)")),
            })),
            Column::Timestamptz(v) => v.push(Some(instant(raw).ok_or_else(|| bad("a timestamp"))?)),
            Column::Timestamp(v) => v.push(Some(
                instant(raw).ok_or_else(|| bad("a timestamp"))?.naive_utc(),
            )),
            Column::Date(v) => v.push(Some(match raw {
                Raw::Text(s) => {
                    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad("a date"))?
                }
                _ => return Err(bad("a date")),
            })),
            Column::Time(v) => v.push(Some(match raw {
                Raw::Text(s) => NaiveTime::parse_from_str(s, "%H:%M:%S%.f")
                    .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
                    .map_err(|_| bad("a time of day"))?,
                _ => return Err(bad("a time of day")),
            })),
            Column::Bytea(v) => v.push(Some(match raw {
                Raw::Blob(b) => b.clone(),
                Raw::Text(s) => s.clone().into_bytes(),
                _ => return Err(bad("bytes")),
            })),
            Column::Text(v) => {
                let text = match raw {
                    Raw::Text(s) => s.clone(),
                    Raw::Int(n) => n.to_string(),
                    Raw::Real(f) => f.to_string(),
                    Raw::Blob(b) => String::from_utf8(b.clone()).map_err(|_| bad("text"))?,
                    Raw::Null => {
                        v.push(None);
                        return Ok(());
                    }
                };
                if kind == Kind::Json && serde_json::from_str::<serde_json::Value>(&text).is_err() {
                    return Err(bad("JSON"));
                }
                v.push(Some(text))
            }
        }
        Ok(())
    }

    fn push_null(&mut self) {
        match self {
            Column::Uuid(v) => v.push(None),
            Column::Int2(v) => v.push(None),
            Column::Int4(v) => v.push(None),
            Column::Int8(v) => v.push(None),
            Column::Float4(v) => v.push(None),
            Column::Float8(v) => v.push(None),
            Column::Bool(v) => v.push(None),
            Column::Timestamptz(v) => v.push(None),
            Column::Timestamp(v) => v.push(None),
            Column::Date(v) => v.push(None),
            Column::Time(v) => v.push(None),
            Column::Bytea(v) => v.push(None),
            Column::Text(v) => v.push(None),
        }
    }

    /// Binds the batch as one array parameter.
    pub(crate) fn bind<'q>(
        self,
        q: Query<'q, Postgres, PgArguments>,
    ) -> Query<'q, Postgres, PgArguments> {
        match self {
            Column::Uuid(v) => q.bind(v),
            Column::Int2(v) => q.bind(v),
            Column::Int4(v) => q.bind(v),
            Column::Int8(v) => q.bind(v),
            Column::Float4(v) => q.bind(v),
            Column::Float8(v) => q.bind(v),
            Column::Bool(v) => q.bind(v),
            Column::Timestamptz(v) => q.bind(v),
            Column::Timestamp(v) => q.bind(v),
            Column::Date(v) => q.bind(v),
            Column::Time(v) => q.bind(v),
            Column::Bytea(v) => q.bind(v),
            Column::Text(v) => q.bind(v),
        }
    }
}

fn integer(raw: &Raw) -> Option<i64> {
    match raw {
        Raw::Int(n) => Some(*n),
        Raw::Real(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(*f as i64),
        Raw::Text(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn real(raw: &Raw) -> Option<f64> {
    match raw {
        Raw::Real(f) => Some(*f),
        Raw::Int(n) => Some(*n as f64),
        Raw::Text(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A timestamp as sqlx writes it to SQLite (RFC 3339), or SQLite's own `YYYY-MM-DD
/// HH:MM:SS` (UTC), or Unix seconds.
fn instant(raw: &Raw) -> Option<DateTime<Utc>> {
    match raw {
        Raw::Text(s) => {
            let s = s.trim();
            if let Ok(t) = DateTime::parse_from_rfc3339(s) {
                return Some(t.with_timezone(&Utc));
            }
            if let Ok(t) = DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f%:z") {
                return Some(t.with_timezone(&Utc));
            }
            [
                "%Y-%m-%d %H:%M:%S%.f",
                "%Y-%m-%dT%H:%M:%S%.f",
                "%Y-%m-%d %H:%M",
            ]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
            .map(|t| t.and_utc())
        }
        Raw::Int(n) => DateTime::from_timestamp(*n, 0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(kind: Kind, raw: Raw) -> Result<Column> {
        let mut c = Column::new(kind, 1);
        c.push(kind, &raw, &|| "t.c (x), row 1".into())?;
        Ok(c)
    }

    #[test]
    fn sqlite_storage_becomes_postgres_types() {
        let id = Uuid::now_v7();
        assert!(
            matches!(one(Kind::Uuid, Raw::Blob(id.as_bytes().to_vec())).unwrap(), Column::Uuid(v) if v == [Some(id)])
        );
        assert!(
            matches!(one(Kind::Uuid, Raw::Text(id.to_string())).unwrap(), Column::Uuid(v) if v == [Some(id)])
        );
        assert!(
            matches!(one(Kind::Bool, Raw::Int(1)).unwrap(), Column::Bool(v) if v == [Some(true)])
        );
        assert!(
            matches!(one(Kind::Bool, Raw::Int(0)).unwrap(), Column::Bool(v) if v == [Some(false)])
        );
        let t = one(
            Kind::Timestamptz,
            Raw::Text("2026-12-07T09:45:04.813244+00:00".into()),
        )
        .unwrap();
        assert!(
            matches!(t, Column::Timestamptz(v) if v[0].is_some_and(|t| t.timestamp_subsec_micros() == 813_244))
        );
        let t = one(Kind::Timestamptz, Raw::Text("2026-12-07 09:45:04".into())).unwrap();
        assert!(
            matches!(t, Column::Timestamptz(v) if v[0].is_some_and(|t| t.timestamp() == 1_796_636_704))
        );
        assert!(
            matches!(one(Kind::Date, Raw::Text("1983-03-30".into())).unwrap(), Column::Date(v) if v[0] == NaiveDate::from_ymd_opt(1983, 3, 30))
        );
        assert!(
            matches!(one(Kind::Float8, Raw::Int(46)).unwrap(), Column::Float8(v) if v == [Some(46.0)])
        );
        assert!(matches!(one(Kind::Int4, Raw::Int(7)).unwrap(), Column::Int4(v) if v == [Some(7)]));
        assert!(
            matches!(one(Kind::Bytea, Raw::Blob(vec![1, 2])).unwrap(), Column::Bytea(v) if v == [Some(vec![1, 2])])
        );
        assert!(matches!(one(Kind::Text, Raw::Null).unwrap(), Column::Text(v) if v == [None]));
        assert!(
            matches!(one(Kind::Json, Raw::Text("{\"a\":1}".into())).unwrap(), Column::Text(v) if v.len() == 1)
        );
    }

    #[test]
    fn what_does_not_convert_is_named() {
        let e = one(Kind::Uuid, Raw::Blob(vec![1, 2, 3]))
            .unwrap_err()
            .to_string();
        assert_eq!(e, "t.c (x), row 1: a BLOB of 3 bytes is not a UUID");
        assert!(one(Kind::Int2, Raw::Int(70_000)).is_err());
        assert!(one(Kind::Bool, Raw::Int(2)).is_err());
        assert!(one(Kind::Date, Raw::Text("30.03.1983".into())).is_err());
        assert!(one(Kind::Json, Raw::Text("{".into())).is_err());
    }

    #[test]
    fn arrays_are_cast_to_the_column_type() {
        assert_eq!(Kind::of("uuid").unnest_param(1, "uuid"), "$1::\"uuid\"[]");
        assert_eq!(
            Kind::of("jsonb").unnest_param(2, "jsonb"),
            "$2::text[]::\"jsonb\"[]"
        );
        assert_eq!(Kind::of("text").unnest_param(3, "text"), "$3::\"text\"[]");
        assert_eq!(
            Kind::of("numeric").unnest_param(4, "numeric"),
            "$4::text[]::\"numeric\"[]"
        );
    }
}
