//! The e-mail outbox: every message is stored before it is sent, so none is lost.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::{Db, Result, new_id, now, on_db};

/// A message in the outbox.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Message {
    /// Key.
    pub id: Uuid,
    /// Recipient.
    pub to_addr: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body_text: String,
    /// What it is (`confirm`, `reset`, ...).
    pub kind: String,
    /// Queued at.
    pub created_at: DateTime<Utc>,
    /// Handed to SMTP at.
    pub sent_at: Option<DateTime<Utc>>,
    /// `pending`, `sent`, `logged` (no SMTP configured) or `failed` (gave up retrying).
    pub delivery: String,
    /// Send attempts.
    pub attempts: i64,
    /// Last SMTP error.
    pub last_error: Option<String>,
    /// `email` or `sms`.
    pub channel: String,
}

const COLUMNS: &str = "id, to_addr, subject, body_text, kind, created_at, sent_at, delivery, \
    attempts, last_error, channel";

/// A message to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// What it is.
    pub kind: String,
}

pub(crate) const INSERT: &str = "INSERT INTO outbox (id, to_addr, subject, body_text, kind, created_at, next_attempt_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $6)";

/// Queues `$mail` (an [`Mail`]) inside the caller's transaction `$tx`: the message exists
/// exactly when the change it tells of does.
macro_rules! enqueue_in {
    ($tx:ident, $mail:expr) => {{
        let mail: &$crate::outbox::Mail = $mail;
        sqlx::query($crate::outbox::INSERT)
            .bind($crate::new_id())
            .bind(&mail.to)
            .bind(&mail.subject)
            .bind(&mail.body)
            .bind(&mail.kind)
            .bind($crate::now())
            .execute(&mut *$tx)
            .await?;
    }};
}
pub(crate) use enqueue_in;

/// Queues a message.
pub async fn enqueue(db: &Db, to: &str, subject: &str, body: &str, kind: &str) -> Result<Uuid> {
    let id = new_id();
    let at = now();
    on_db!(db, pool => sqlx::query(INSERT)
        .bind(id).bind(to).bind(subject).bind(body).bind(kind).bind(at).execute(pool).await?.rows_affected());
    Ok(id)
}

/// Messages due for delivery, oldest first.
pub async fn due(db: &Db, limit: i64) -> Result<Vec<Message>> {
    let at = now();
    let sql = format!(
        "SELECT {COLUMNS} FROM outbox WHERE delivery = 'pending' AND next_attempt_at <= $1 \
         ORDER BY created_at LIMIT $2"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Message>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(at).bind(limit).fetch_all(pool).await?),
    )
}

/// Records the outcome of a delivery: `sent` or `logged`.
pub async fn mark_delivered(db: &Db, id: Uuid, delivery: &str) -> Result<()> {
    let at = now();
    on_db!(db, pool => sqlx::query(
        "UPDATE outbox SET delivery = $2, sent_at = $3, attempts = attempts + 1, last_error = NULL WHERE id = $1",
    ).bind(id).bind(delivery).bind(at).execute(pool).await?.rows_affected());
    Ok(())
}

/// Records one outcome for many messages (`logged` for a batch written to the log).
pub async fn mark_all_delivered(db: &Db, ids: &[Uuid], delivery: &str) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let at = now();
    // $3.. are the keys (at most a batch of the worker: a few dozen).
    let list = (0..ids.len())
        .map(|i| format!("${}", i + 3))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "UPDATE outbox SET delivery = $1, sent_at = $2, attempts = attempts + 1, last_error = NULL \
         WHERE id IN ({list})"
    );
    on_db!(db, pool => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str())).bind(delivery).bind(at);
        for id in ids {
            q = q.bind(*id);
        }
        q.execute(pool).await?.rows_affected()
    });
    Ok(())
}

/// Records a failed attempt; retries with backoff, gives up (`failed`) after `max_attempts`.
pub async fn mark_failed(db: &Db, id: Uuid, error: &str, max_attempts: i64) -> Result<()> {
    let at = now();
    let attempts: i64 = on_db!(db, pool => sqlx::query_scalar(
        "UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1 RETURNING attempts",
    ).bind(id).bind(error).fetch_one(pool).await?);
    let (delivery, next) = if attempts >= max_attempts {
        ("failed", at)
    } else {
        (
            "pending",
            at + Duration::seconds(30 * (1 << attempts.min(10))),
        )
    };
    on_db!(db, pool => sqlx::query("UPDATE outbox SET delivery = $2, next_attempt_at = $3 WHERE id = $1")
        .bind(id).bind(delivery).bind(next).execute(pool).await?.rows_affected());
    Ok(())
}

/// The newest messages, optionally only those to one address.
pub async fn recent(db: &Db, to: Option<&str>, limit: i64) -> Result<Vec<Message>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM outbox WHERE ($1 IS NULL OR to_addr = $1) \
         ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Message>(sqlx::AssertSqlSafe(sql.as_str()))
        .persistent(db.keeps_plans()).bind(to).bind(limit).fetch_all(pool).await?),
    )
}
