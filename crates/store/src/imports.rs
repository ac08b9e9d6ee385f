//! Paper records of hours imported by a regional front-office (`domain::import`).
//!
//! An upload is stored as a preview: the valid rows and the refusals, nothing in anyone's
//! book. Applying it is one transaction: each row matched to an account (by IIN, else by a
//! confirmed e-mail) becomes a confirmed hours entry with source `import`, attributed to the
//! coordinator, and enters the volunteer's ledger; a row without an account is held. When
//! someone later confirms that e-mail or gives that IIN, [`claim_held`] moves her held rows
//! into her book the same way.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use domain::import::Record;
use domain::ledger::EntryKind;
use serde::Serialize;
use uuid::Uuid;

use crate::ledger::{NewHours, Sign, append, insert_hours};
use crate::{Db, Error, Result, now, on_db};

/// An import as its coordinator sees it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Import {
    /// Key.
    pub id: Uuid,
    /// The coordinator who uploaded it.
    pub created_by: Uuid,
    /// Her region (none for the national admin).
    pub region_code: Option<String>,
    /// Name of the uploaded file.
    pub file_name: String,
    /// `preview`, `applied` or `discarded`.
    pub status: String,
    /// Data rows in the file.
    pub total_rows: i64,
    /// Valid rows.
    pub valid_rows: i64,
    /// Rows refused.
    pub bad_rows: i64,
    /// The refusals, JSON (`domain::import::RowError`s).
    pub errors: String,
    /// Rows that went into a book.
    pub imported_rows: i64,
    /// Rows held until their volunteer signs up.
    pub held_rows: i64,
    /// Uploaded at.
    pub created_at: DateTime<Utc>,
    /// Applied at.
    pub applied_at: Option<DateTime<Utc>>,
}

const IMPORT_COLUMNS: &str = "id, created_by, region_code, file_name, status, total_rows, \
    valid_rows, bad_rows, errors, imported_rows, held_rows, created_at, applied_at";

/// A row of an import and what became of it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Row {
    /// Line in the file.
    pub line: i64,
    /// IIN (personal data: staff only).
    pub iin: Option<String>,
    /// E-mail (personal data: staff only).
    pub email: Option<String>,
    /// Full name as on paper.
    pub full_name: String,
    /// Day.
    pub work_date: NaiveDate,
    /// Minutes.
    pub minutes: i64,
    /// Region.
    pub region_code: String,
    /// Direction.
    pub direction: Option<String>,
    /// Activity type.
    pub activity_type: Option<String>,
    /// What was done.
    pub description: Option<String>,
    /// `preview`, `imported` or `held`.
    pub status: String,
    /// The volunteer it went to.
    pub volunteer_id: Option<Uuid>,
}

const ROW_COLUMNS: &str = "line, iin, email, full_name, work_date, minutes, region_code, \
    direction, activity_type, description, status, volunteer_id";

/// What a new import holds.
pub struct NewImport<'a> {
    /// Who uploads it.
    pub created_by: Uuid,
    /// Her region (None: national).
    pub region_code: Option<&'a str>,
    /// File name.
    pub file_name: &'a str,
    /// Data rows.
    pub total_rows: i64,
    /// Lines refused.
    pub bad_rows: i64,
    /// Refusals, JSON.
    pub errors: &'a str,
    /// Valid records.
    pub records: &'a [Record],
}

const ROWS_PER_INSERT: usize = 100;

/// `INSERT INTO import_rows ... VALUES (...), (...)` for `n` rows of 11 parameters.
fn insert_rows_sql(n: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO import_rows (import_id, line, iin, email, full_name, work_date, minutes, \
         region_code, direction, activity_type, description, status) VALUES ",
    );
    for row in 0..n {
        let p = row * 11;
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for k in 1..=11 {
            sql.push_str(&format!("${}, ", p + k));
        }
        sql.push_str("'preview')");
    }
    sql
}

/// Stores a checked file as a preview (one transaction); returns its key.
pub async fn create(db: &Db, i: &NewImport<'_>) -> Result<Uuid> {
    let id = crate::new_id();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO imports (id, created_by, region_code, file_name, status, total_rows, \
             valid_rows, bad_rows, errors, created_at) \
             VALUES ($1, $2, $3, $4, 'preview', $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(i.created_by)
        .bind(i.region_code)
        .bind(i.file_name)
        .bind(i.total_rows)
        .bind(i.records.len() as i64)
        .bind(i.bad_rows)
        .bind(i.errors)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        // 100 rows a statement: a large file is stored in seconds, not minutes.
        for chunk in i.records.chunks(ROWS_PER_INSERT) {
            let sql = insert_rows_sql(chunk.len());
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
            for r in chunk {
                q = q
                    .bind(id)
                    .bind(r.line)
                    .bind(&r.iin)
                    .bind(&r.email)
                    .bind(&r.name)
                    .bind(r.work_date)
                    .bind(r.minutes)
                    .bind(&r.region)
                    .bind(&r.direction)
                    .bind(&r.activity_type)
                    .bind(&r.description);
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
    });
    Ok(id)
}

/// One import.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<Import>> {
    let sql = format!("SELECT {IMPORT_COLUMNS} FROM imports WHERE id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id).fetch_optional(pool).await?),
    )
}

/// The latest imports of a region (or, with None, of the whole country), newest first.
pub async fn recent(db: &Db, region: Option<&str>, limit: i64) -> Result<Vec<Import>> {
    let sql = format!(
        "SELECT {IMPORT_COLUMNS} FROM imports WHERE ($1 IS NULL OR region_code = $1) \
         ORDER BY created_at DESC LIMIT $2"
    );
    let keep = db.keeps_plans();
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).persistent(keep)
            .bind(region).bind(limit).fetch_all(pool).await?),
    )
}

/// Rows of an import in file order, at most `limit`.
pub async fn rows(db: &Db, id: Uuid, limit: i64) -> Result<Vec<Row>> {
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM import_rows WHERE import_id = $1 ORDER BY line LIMIT $2"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id).bind(limit).fetch_all(pool).await?),
    )
}

/// Throws a preview away. Errors: `NotFound`, `Conflict("import_not_preview")`.
pub async fn discard(db: &Db, id: Uuid) -> Result<()> {
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE imports SET status = 'discarded' WHERE id = $1 AND status = 'preview'",
    ).bind(id).execute(pool).await?.rows_affected());
    match (n, get(db, id).await?) {
        (1, _) => Ok(()),
        (_, Some(_)) => Err(Error::Conflict("import_not_preview")),
        (_, None) => Err(Error::NotFound),
    }
}

/// How many rows went where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Into a book.
    pub imported: i64,
    /// Held until the volunteer signs up.
    pub held: i64,
}

/// Turns one row into confirmed hours of `volunteer` inside `$tx`: an hours entry with
/// source `import`, recorded and decided by `$actor`, appended to her ledger.
macro_rules! book_row {
    ($tx:ident, $row:expr, $volunteer:expr, $actor:expr, $sign:expr) => {{
        let r: &Row = $row;
        let h = NewHours {
            volunteer_id: $volunteer,
            organization_id: None,
            event_id: None,
            shift_id: None,
            application_id: None,
            minutes: r.minutes,
            work_date: r.work_date,
            source: "import",
            description: r.description.clone(),
            direction: r.direction.clone(),
            activity_type: r.activity_type.clone(),
            created_by: Some($actor),
        };
        let hours = insert_hours!($tx, &h);
        sqlx::query(
            "UPDATE hours_entries SET status = 'confirmed', decided_by = $2, decided_at = $3, \
             region_code = $4 WHERE id = $1",
        )
        .bind(hours)
        .bind($actor)
        .bind(now())
        .bind(&r.region_code)
        .execute(&mut *$tx)
        .await?;
        append!($tx, hours, EntryKind::Confirm, None, Some($actor), $sign);
        hours
    }};
}

/// Applies a preview in one transaction: every row goes into its volunteer's book or is
/// held. `progress` counts rows done (for a progress bar). Errors: `NotFound`,
/// `Conflict("import_not_preview")` (applied or discarded already, or being applied).
pub async fn apply(
    db: &Db,
    id: Uuid,
    actor: Uuid,
    sign: Sign<'_>,
    progress: &AtomicU64,
) -> Result<Outcome> {
    let begin = db.begin_write();
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM import_rows WHERE import_id = $1 AND status = 'preview' ORDER BY line"
    );
    let outcome = on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        // The status is the lock: a second confirmation waits here, then finds it applied.
        let n = sqlx::query(
            "UPDATE imports SET status = 'applied', applied_at = $2 WHERE id = $1 AND status = 'preview'",
        )
        .bind(id)
        .bind(now())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n != 1 {
            None
        } else {
            let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
            let mut out = Outcome::default();
            for r in &rows {
                let found: Option<Uuid> = sqlx::query_scalar(
                    "SELECT id FROM users WHERE iin = $1 UNION ALL \
                     SELECT id FROM users WHERE lower(email) = $2 AND email_confirmed_at IS NOT NULL \
                     LIMIT 1",
                )
                .bind(&r.iin)
                .bind(&r.email)
                .fetch_optional(&mut *tx)
                .await?;
                let (status, hours) = match found {
                    Some(v) => {
                        let hours = book_row!(tx, r, v, actor, sign);
                        out.imported += 1;
                        ("imported", Some(hours))
                    }
                    None => {
                        out.held += 1;
                        ("held", None)
                    }
                };
                sqlx::query(
                    "UPDATE import_rows SET status = $3, volunteer_id = $4, hours_id = $5 \
                     WHERE import_id = $1 AND line = $2",
                )
                .bind(id)
                .bind(r.line)
                .bind(status)
                .bind(found)
                .bind(hours)
                .execute(&mut *tx)
                .await?;
                progress.fetch_add(1, Ordering::Relaxed);
            }
            sqlx::query("UPDATE imports SET imported_rows = $2, held_rows = $3 WHERE id = $1")
                .bind(id)
                .bind(out.imported)
                .bind(out.held)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Some(out)
        }
    });
    match outcome {
        Some(o) => Ok(o),
        None => match get(db, id).await? {
            Some(_) => Err(Error::Conflict("import_not_preview")),
            None => Err(Error::NotFound),
        },
    }
}

/// Moves the held rows that belong to `user` (her IIN, or her e-mail once confirmed) into
/// her book, in one transaction; returns how many. The imports' coordinators stay the
/// entries' authors.
pub async fn claim_held(db: &Db, user: Uuid, sign: Sign<'_>) -> Result<i64> {
    let begin = db.begin_write();
    let sql = format!(
        "SELECT r.import_id, i.created_by, {} FROM import_rows r JOIN imports i ON i.id = r.import_id \
         JOIN users u ON u.id = $1 \
         WHERE r.status = 'held' AND (r.iin = u.iin \
           OR (r.email = lower(u.email) AND u.email_confirmed_at IS NOT NULL)) \
         ORDER BY r.work_date, r.import_id, r.line",
        ROW_COLUMNS
            .split(", ")
            .map(|c| format!("r.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    #[derive(sqlx::FromRow)]
    struct Held {
        import_id: Uuid,
        created_by: Uuid,
        #[sqlx(flatten)]
        row: Row,
    }
    let n = on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        // Her row first: a second claim waits, then finds the rows taken.
        sqlx::query("UPDATE users SET updated_at = updated_at WHERE id = $1")
            .bind(user)
            .execute(&mut *tx)
            .await?;
        let held: Vec<Held> = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(user)
            .fetch_all(&mut *tx)
            .await?;
        for h in &held {
            let hours = book_row!(tx, &h.row, user, h.created_by, sign);
            sqlx::query(
                "UPDATE import_rows SET status = 'imported', volunteer_id = $3, hours_id = $4 \
                 WHERE import_id = $1 AND line = $2 AND status = 'held'",
            )
            .bind(h.import_id)
            .bind(h.row.line)
            .bind(user)
            .bind(hours)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE imports SET imported_rows = imported_rows + 1, held_rows = held_rows - 1 \
                 WHERE id = $1",
            )
            .bind(h.import_id)
            .execute(&mut *tx)
            .await?;
        }
        if !held.is_empty() {
            tx.commit().await?;
        }
        held.len() as i64
    });
    Ok(n)
}
