//! Help requests: filed by a person in need (or by a front-office operator for a caller),
//! triaged by the region's front-office, offered to ranked volunteers, taken by exactly one,
//! done, and turned into an hours entry; personal data erased after closing. Also the
//! one-time phone codes and the emergency calls with their roll-call.
//!
//! The store returns whole rows; what each viewer may see of them is decided by the caller.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::ledger::{NewHours, insert_hours};
use crate::outbox::{Mail, enqueue_in};
use crate::{Db, Error, Result, new_id, now, on_db};

/// A help request, whole (private fields included).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct HelpRequest {
    /// Key.
    pub id: Uuid,
    /// `new`, `triaged`, `offered`, `assigned`, `in_progress`, `completed`, `cancelled`,
    /// `rejected`, `duplicate`.
    pub status: String,
    /// Beneficiary category code.
    pub category: String,
    /// Help type code.
    pub help_type: String,
    /// What is needed (private: may name people).
    pub description: Option<String>,
    /// Region.
    pub region_code: String,
    /// Town or district (public).
    pub locality: Option<String>,
    /// Exact address (private).
    pub address: Option<String>,
    /// Exact point (private).
    pub lat: Option<f64>,
    /// Exact point (private).
    pub lon: Option<f64>,
    /// Phone, E.164 (private).
    pub phone: Option<String>,
    /// The person's name (private).
    pub name: Option<String>,
    /// Preferred language.
    pub lang: String,
    /// `critical`, `high`, `normal`.
    pub urgency: String,
    /// Preferred time, from.
    pub preferred_from: Option<DateTime<Utc>>,
    /// Preferred time, to.
    pub preferred_to: Option<DateTime<Utc>>,
    /// When the phone was confirmed by a code (or the operator filed it).
    pub phone_confirmed_at: Option<DateTime<Utc>>,
    /// The operator who filed it for a caller.
    pub filed_by: Option<Uuid>,
    /// The request this one repeats.
    pub duplicate_of: Option<Uuid>,
    /// Why rejected or cancelled.
    pub reason: Option<String>,
    /// The volunteer who took it.
    pub assignee_id: Option<Uuid>,
    /// Taken at.
    pub assigned_at: Option<DateTime<Utc>>,
    /// Started at.
    pub started_at: Option<DateTime<Utc>>,
    /// Done at.
    pub completed_at: Option<DateTime<Utc>>,
    /// Minutes she spent.
    pub minutes: Option<i64>,
    /// When the person confirmed it was done.
    pub person_confirmed_at: Option<DateTime<Utc>>,
    /// The person's words.
    pub feedback: Option<String>,
    /// 1–5.
    pub rating: Option<i64>,
    /// Closed at (completed, cancelled, rejected, duplicate).
    pub closed_at: Option<DateTime<Utc>>,
    /// Personal data erased at.
    pub erased_at: Option<DateTime<Utc>>,
    /// Filed at.
    pub created_at: DateTime<Utc>,
    /// Changed at.
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, status, category, help_type, description, region_code, locality, \
    address, lat, lon, phone, name, lang, urgency, preferred_from, preferred_to, \
    phone_confirmed_at, filed_by, duplicate_of, reason, assignee_id, assigned_at, started_at, \
    completed_at, minutes, person_confirmed_at, feedback, rating, closed_at, erased_at, \
    created_at, updated_at";

/// A new request.
#[derive(Debug, Clone)]
pub struct NewRequest {
    /// Category.
    pub category: String,
    /// Help type.
    pub help_type: String,
    /// Description.
    pub description: String,
    /// Region.
    pub region_code: String,
    /// Town or district.
    pub locality: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Point.
    pub point: Option<(f64, f64)>,
    /// Phone.
    pub phone: String,
    /// Name.
    pub name: Option<String>,
    /// Language.
    pub lang: String,
    /// Urgency.
    pub urgency: String,
    /// Preferred window.
    pub preferred: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The operator filing it (the phone counts as confirmed: she spoke to the person).
    pub filed_by: Option<Uuid>,
}

/// Files a request: `new`, waiting for triage (and, filed on the web, for its phone code).
pub async fn create(db: &Db, r: &NewRequest) -> Result<Uuid> {
    let id = new_id();
    let at = now();
    let confirmed = r.filed_by.map(|_| at);
    on_db!(db, pool => sqlx::query(
        "INSERT INTO help_requests (id, status, category, help_type, description, region_code, \
         locality, address, lat, lon, phone, name, lang, urgency, preferred_from, preferred_to, \
         phone_confirmed_at, filed_by, created_at, updated_at) \
         VALUES ($1, 'new', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)",
    )
    .bind(id).bind(&r.category).bind(&r.help_type).bind(&r.description).bind(&r.region_code)
    .bind(&r.locality).bind(&r.address).bind(r.point.map(|p| p.0)).bind(r.point.map(|p| p.1))
    .bind(&r.phone).bind(&r.name).bind(&r.lang).bind(&r.urgency)
    .bind(r.preferred.map(|p| p.0)).bind(r.preferred.map(|p| p.1)).bind(confirmed).bind(r.filed_by).bind(at)
    .execute(pool).await?.rows_affected());
    Ok(id)
}

/// One request.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<HelpRequest>> {
    let sql = format!("SELECT {COLUMNS} FROM help_requests WHERE id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id).fetch_optional(pool).await?),
    )
}

/// A region's requests in the given statuses: most urgent first, then oldest.
pub async fn queue(
    db: &Db,
    region: &str,
    statuses: &[&str],
    limit: i64,
) -> Result<Vec<HelpRequest>> {
    let list = statuses
        .iter()
        .map(|s| format!("'{}'", s.replace('\'', "")))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {COLUMNS} FROM help_requests WHERE region_code = $1 AND status IN ({list}) \
         AND phone_confirmed_at IS NOT NULL ORDER BY CASE urgency WHEN 'critical' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, created_at LIMIT $2"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(region).bind(limit).fetch_all(pool).await?),
    )
}

/// Requests open to volunteers (triaged or offered, not taken) within a box around a point.
pub async fn open_near(
    db: &Db,
    lat: (f64, f64),
    lon: (f64, f64),
    limit: i64,
) -> Result<Vec<HelpRequest>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM help_requests WHERE status IN ('triaged', 'offered') \
         AND lat BETWEEN $1 AND $2 AND lon BETWEEN $3 AND $4 \
         ORDER BY CASE urgency WHEN 'critical' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, created_at LIMIT $5"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(lat.0).bind(lat.1).bind(lon.0).bind(lon.1).bind(limit).fetch_all(pool).await?),
    )
}

/// Requests a volunteer holds or was offered: (request, offered but not answered).
pub async fn of_volunteer(db: &Db, volunteer: Uuid) -> Result<Vec<(HelpRequest, bool)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        r: HelpRequest,
        offered: bool,
    }
    let cols = COLUMNS
        .split(", ")
        .map(|c| format!("h.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {cols}, (o.volunteer_id IS NOT NULL AND o.answer IS NULL AND h.status IN ('triaged', 'offered')) AS offered \
         FROM help_requests h LEFT JOIN help_offers o ON o.request_id = h.id AND o.volunteer_id = $1 \
         WHERE h.assignee_id = $1 OR o.volunteer_id = $1 ORDER BY h.created_at DESC LIMIT 200"
    );
    let rows: Vec<Row> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(volunteer).fetch_all(pool).await?);
    Ok(rows.into_iter().map(|r| (r.r, r.offered)).collect())
}

/// Moves a request from one of `from` to `to` (compare-and-set), with a reason and, for a
/// closing state, the closing time. Errors: `NotFound`, `Conflict("state_changed")`.
pub async fn transition(
    db: &Db,
    id: Uuid,
    from: &[&str],
    to: &str,
    reason: Option<&str>,
    duplicate_of: Option<Uuid>,
) -> Result<()> {
    let at = now();
    let closing = matches!(to, "completed" | "cancelled" | "rejected" | "duplicate");
    let list = from
        .iter()
        .map(|s| format!("'{}'", s.replace('\'', "")))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "UPDATE help_requests SET status = $2, reason = COALESCE($3, reason), \
         duplicate_of = COALESCE($4, duplicate_of), updated_at = $5, \
         closed_at = CASE WHEN $6 THEN $5 ELSE closed_at END, \
         assignee_id = CASE WHEN $2 = 'triaged' THEN NULL ELSE assignee_id END \
         WHERE id = $1 AND status IN ({list})"
    );
    let n = on_db!(db, pool => sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).bind(to).bind(reason).bind(duplicate_of).bind(at).bind(closing)
        .execute(pool).await?.rows_affected());
    if n == 1 {
        return Ok(());
    }
    match get(db, id).await? {
        Some(_) => Err(Error::Conflict("state_changed")),
        None => Err(Error::NotFound),
    }
}

/// What the front-office may correct in a request.
#[derive(Debug, Clone)]
pub struct Edit {
    /// Category.
    pub category: String,
    /// Help type.
    pub help_type: String,
    /// Description.
    pub description: String,
    /// Locality.
    pub locality: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Point.
    pub point: Option<(f64, f64)>,
    /// Urgency.
    pub urgency: String,
    /// Preferred window.
    pub preferred: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// Corrects an open request (not yet taken). Errors: `Conflict("state_changed")`.
pub async fn edit(db: &Db, id: Uuid, e: &Edit) -> Result<()> {
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE help_requests SET category = $2, help_type = $3, description = $4, locality = $5, \
         address = $6, lat = $7, lon = $8, urgency = $9, preferred_from = $10, preferred_to = $11, \
         updated_at = $12 WHERE id = $1 AND status IN ('new', 'triaged', 'offered')",
    )
    .bind(id).bind(&e.category).bind(&e.help_type).bind(&e.description).bind(&e.locality)
    .bind(&e.address).bind(e.point.map(|p| p.0)).bind(e.point.map(|p| p.1)).bind(&e.urgency)
    .bind(e.preferred.map(|p| p.0)).bind(e.preferred.map(|p| p.1)).bind(now())
    .execute(pool).await?.rows_affected());
    if n == 1 {
        Ok(())
    } else {
        Err(Error::Conflict("state_changed"))
    }
}

/// A volunteer as the ranking needs her.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CandidateRow {
    /// Key.
    pub id: Uuid,
    /// Public name.
    pub display_name: String,
    /// Her point, if she gave one.
    pub home_lat: Option<f64>,
    /// Her point.
    pub home_lon: Option<f64>,
    /// Her region.
    pub region_code: Option<String>,
    /// Birth date.
    pub birth_date: Option<chrono::NaiveDate>,
    /// JSON array of language codes.
    pub languages: String,
    /// JSON array of skills.
    pub skills: String,
    /// Requests she holds now.
    pub open_assignments: i64,
    /// Shifts she did not come to.
    pub no_shows: i64,
    /// She holds a shift or a request in the preferred window.
    pub busy: bool,
}

/// Volunteers who could take a request: those whose point lies in the box, and those of the
/// region who gave no point; born on or before `born_by` when given (adults only). At most
/// `limit`.
pub async fn candidates(
    db: &Db,
    lat: (f64, f64),
    lon: (f64, f64),
    region: &str,
    born_by: Option<chrono::NaiveDate>,
    window: Option<(DateTime<Utc>, DateTime<Utc>)>,
    limit: i64,
) -> Result<Vec<CandidateRow>> {
    let keep = db.keeps_plans();
    use crate::statuses::{list, one, sql};
    use domain::ApplicationStatus;
    let sql = sql!(
        "SELECT u.id, u.display_name, u.home_lat, u.home_lon, u.region_code, u.birth_date, u.languages, u.skills, \
         (SELECT COUNT(*) FROM help_requests h WHERE h.assignee_id = u.id AND h.status IN ('assigned', 'in_progress')) AS open_assignments, \
         (SELECT COUNT(*) FROM applications a WHERE a.volunteer_id = u.id AND a.status = {}) AS no_shows, \
         ($7 IS NOT NULL AND (EXISTS (SELECT 1 FROM applications a JOIN shifts s ON s.id = a.shift_id \
            WHERE a.volunteer_id = u.id AND a.status IN ({}) AND s.starts_at < $8 AND s.ends_at > $7) \
          OR EXISTS (SELECT 1 FROM help_requests h WHERE h.assignee_id = u.id AND h.status IN ('assigned', 'in_progress') \
            AND h.preferred_from < $8 AND h.preferred_to > $7))) AS busy \
         FROM users u WHERE u.email_confirmed_at IS NOT NULL \
         AND ((u.home_lat BETWEEN $1 AND $2 AND u.home_lon BETWEEN $3 AND $4) OR (u.home_lat IS NULL AND u.region_code = $5)) \
         AND ($6 IS NULL OR u.birth_date <= $6) LIMIT $9",
        one(ApplicationStatus::NoShow),
        list(ApplicationStatus::occupies_time)
    );
    Ok(on_db!(db, pool => sqlx::query_as(sql).persistent(keep)
            .bind(lat.0).bind(lat.1).bind(lon.0).bind(lon.1).bind(region).bind(born_by)
            .bind(window.map(|w| w.0)).bind(window.map(|w| w.1)).bind(limit)
            .fetch_all(pool).await?))
}

/// Offers a request to volunteers (one transaction: the request becomes `offered`, each
/// offer recorded once, each volunteer's message queued). An offer she answered before (she
/// declined it, or the request was taken and given back since) opens again; an open one
/// stays as it is. Errors: `Conflict("state_changed")` when the request is no longer open.
pub async fn offer(db: &Db, id: Uuid, by: Uuid, volunteers: &[Uuid], mails: &[Mail]) -> Result<()> {
    let at = now();
    let ok = on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        let n = sqlx::query(
            "UPDATE help_requests SET status = 'offered', updated_at = $2 WHERE id = $1 AND status IN ('triaged', 'offered')",
        ).bind(id).bind(at).execute(&mut *tx).await?.rows_affected();
        if n == 1 {
            for v in volunteers {
                sqlx::query(
                    "INSERT INTO help_offers (request_id, volunteer_id, offered_by, offered_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (request_id, volunteer_id) DO UPDATE SET offered_by = excluded.offered_by, \
                     offered_at = excluded.offered_at, answer = NULL, answered_at = NULL \
                     WHERE help_offers.answer IS NOT NULL",
                ).bind(id).bind(*v).bind(by).bind(at).execute(&mut *tx).await?;
            }
            for m in mails {
                enqueue_in!(tx, m);
            }
            tx.commit().await?;
        }
        n == 1
    });
    if ok {
        Ok(())
    } else {
        Err(Error::Conflict("state_changed"))
    }
}

/// She takes a request offered to her: the same statement that assigns it requires her
/// open offer (not answered yet), so exactly one taker however many try at once, and none
/// who was not offered it. Returns the volunteers whose offers are now void (to be told).
/// Errors: `NotFound`; `Conflict("request_taken")` when the request is no longer open;
/// `Refused("help_not_offered")` when it is open but has no open offer to her.
pub async fn take(db: &Db, id: Uuid, volunteer: Uuid) -> Result<Vec<Uuid>> {
    let at = now();
    let others = on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        let n = sqlx::query(
            "UPDATE help_requests SET status = 'assigned', assignee_id = $2, assigned_at = $3, updated_at = $3 \
             WHERE id = $1 AND status IN ('triaged', 'offered') AND assignee_id IS NULL \
             AND EXISTS (SELECT 1 FROM help_offers o WHERE o.request_id = $1 AND o.volunteer_id = $2 AND o.answer IS NULL)",
        ).bind(id).bind(volunteer).bind(at).execute(&mut *tx).await?.rows_affected();
        if n != 1 {
            None
        } else {
            sqlx::query(
                "UPDATE help_offers SET answer = CASE WHEN volunteer_id = $2 THEN 'accepted' ELSE 'taken' END, \
                 answered_at = $3 WHERE request_id = $1 AND answer IS NULL",
            ).bind(id).bind(volunteer).bind(at).execute(&mut *tx).await?;
            let others: Vec<Uuid> = sqlx::query_scalar(
                "SELECT volunteer_id FROM help_offers WHERE request_id = $1 AND answer = 'taken'",
            ).bind(id).fetch_all(&mut *tx).await?;
            tx.commit().await?;
            Some(others)
        }
    });
    match others {
        Some(o) => Ok(o),
        None => match get(db, id).await? {
            Some(r) if is_open(&r) => Err(Error::Refused(domain::help::HELP_NOT_OFFERED.code)),
            Some(_) => Err(Error::Conflict("request_taken")),
            None => Err(Error::NotFound),
        },
    }
}

/// Open to volunteers: triaged or offered, nobody's yet.
fn is_open(r: &HelpRequest) -> bool {
    matches!(r.status.as_str(), "triaged" | "offered") && r.assignee_id.is_none()
}

/// A volunteer's offer of one request.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Offer {
    /// Offered at.
    pub offered_at: DateTime<Utc>,
    /// `accepted`, `declined`, `taken` (another volunteer took it), or none: open.
    pub answer: Option<String>,
}

impl Offer {
    /// Not answered yet: she may take the request.
    pub fn is_open(&self) -> bool {
        self.answer.is_none()
    }
}

/// Her offer of a request, if she was ever offered it.
pub async fn offer_to(db: &Db, id: Uuid, volunteer: Uuid) -> Result<Option<Offer>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT offered_at, answer FROM help_offers WHERE request_id = $1 AND volunteer_id = $2",
    ).bind(id).bind(volunteer).fetch_optional(pool).await?))
}

/// She declines an offer.
pub async fn decline(db: &Db, id: Uuid, volunteer: Uuid) -> Result<()> {
    on_db!(db, pool => sqlx::query(
        "UPDATE help_offers SET answer = 'declined', answered_at = $3 WHERE request_id = $1 AND volunteer_id = $2 AND answer IS NULL",
    ).bind(id).bind(volunteer).bind(now()).execute(pool).await?.rows_affected());
    Ok(())
}

/// The assignee starts. Errors: `Conflict("state_changed")`.
pub async fn start(db: &Db, id: Uuid, volunteer: Uuid) -> Result<()> {
    let at = now();
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE help_requests SET status = 'in_progress', started_at = $3, updated_at = $3 \
         WHERE id = $1 AND assignee_id = $2 AND status = 'assigned'",
    ).bind(id).bind(volunteer).bind(at).execute(pool).await?.rows_affected());
    if n == 1 {
        Ok(())
    } else {
        Err(Error::Conflict("state_changed"))
    }
}

/// The assignee reports it done with the minutes she spent: the request is completed and
/// her time becomes a pending hours entry (source `help_request`), in one transaction.
/// Returns the hours entry. Errors: `Conflict("state_changed")`.
pub async fn complete(
    db: &Db,
    id: Uuid,
    volunteer: Uuid,
    minutes: i64,
    direction: Option<&str>,
    activity_type: Option<&str>,
) -> Result<Uuid> {
    let at = now();
    let done = on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        let region: Option<String> = sqlx::query_scalar(
            "UPDATE help_requests SET status = 'completed', completed_at = $3, minutes = $4, closed_at = $3, updated_at = $3 \
             WHERE id = $1 AND assignee_id = $2 AND status IN ('assigned', 'in_progress') RETURNING region_code",
        ).bind(id).bind(volunteer).bind(at).bind(minutes).fetch_optional(&mut *tx).await?;
        match region {
            None => None,
            Some(region) => {
                let h = NewHours {
                    volunteer_id: volunteer,
                    organization_id: None,
                    event_id: None,
                    shift_id: None,
                    application_id: None,
                    minutes,
                    work_date: (at + chrono::Duration::hours(5)).date_naive(),
                    source: "help_request",
                    description: None,
                    direction: direction.map(str::to_owned),
                    activity_type: activity_type.map(str::to_owned),
                    created_by: Some(volunteer),
                };
                let hours = insert_hours!(tx, &h);
                sqlx::query("UPDATE hours_entries SET help_request_id = $2, region_code = $3 WHERE id = $1")
                    .bind(hours).bind(id).bind(&region).execute(&mut *tx).await?;
                tx.commit().await?;
                Some(hours)
            }
        }
    });
    done.ok_or(Error::Conflict("state_changed"))
}

/// The person (by phone code, or through the operator) confirms it was done, with words
/// and a rating.
pub async fn confirm_done(
    db: &Db,
    id: Uuid,
    feedback: Option<&str>,
    rating: Option<i64>,
) -> Result<()> {
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE help_requests SET person_confirmed_at = $2, feedback = $3, rating = $4, updated_at = $2 \
         WHERE id = $1 AND status = 'completed' AND person_confirmed_at IS NULL",
    ).bind(id).bind(now()).bind(feedback).bind(rating).execute(pool).await?.rows_affected());
    if n == 1 {
        Ok(())
    } else {
        Err(Error::Conflict("state_changed"))
    }
}

/// Erases the personal data of requests closed before `before`; returns how many.
pub async fn erase_closed(db: &Db, before: DateTime<Utc>) -> Result<u64> {
    let at = now();
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE help_requests SET name = NULL, phone = NULL, address = NULL, lat = NULL, lon = NULL, \
         description = NULL, feedback = NULL, erased_at = $2 \
         WHERE closed_at IS NOT NULL AND closed_at < $1 AND erased_at IS NULL",
    ).bind(before).bind(at).execute(pool).await?.rows_affected());
    on_db!(db, pool => sqlx::query("DELETE FROM phone_codes WHERE expires_at < $1")
        .bind(before).execute(pool).await?.rows_affected());
    Ok(n)
}

/// A phone code to record.
#[derive(Debug, Clone)]
pub struct NewCode<'a> {
    /// Sent to.
    pub phone: &'a str,
    /// Asked from.
    pub ip: Option<&'a str>,
    /// Its hash.
    pub code_hash: &'a str,
    /// `request` or `done`.
    pub purpose: &'a str,
    /// The request.
    pub request: Option<Uuid>,
    /// Valid until.
    pub expires_at: DateTime<Utc>,
}

/// Records a phone code (its hash) and queues the SMS, in one transaction.
pub async fn create_code(db: &Db, c: &NewCode<'_>, sms: &Mail) -> Result<()> {
    let NewCode {
        phone,
        ip,
        code_hash,
        purpose,
        request,
        expires_at,
    } = c.clone();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO phone_codes (id, phone, ip, code_hash, purpose, request_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        ).bind(new_id()).bind(phone).bind(ip).bind(code_hash).bind(purpose).bind(request).bind(now()).bind(expires_at)
        .execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO outbox (id, to_addr, subject, body_text, kind, created_at, next_attempt_at, channel) \
             VALUES ($1, $2, $3, $4, $5, $6, $6, 'sms')",
        ).bind(new_id()).bind(&sms.to).bind(&sms.subject).bind(&sms.body).bind(&sms.kind).bind(now())
        .execute(&mut *tx).await?;
        tx.commit().await?;
    });
    Ok(())
}

/// Codes sent to a phone, or from an IP, since a moment.
pub async fn codes_since(
    db: &Db,
    phone: &str,
    ip: Option<&str>,
    since: DateTime<Utc>,
) -> Result<(i64, i64)> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM phone_codes WHERE phone = $1 AND created_at >= $3), \
                (SELECT COUNT(*) FROM phone_codes WHERE ip = $2 AND created_at >= $3)",
    ).bind(phone).bind(ip).bind(since).fetch_one(pool).await?))
}

/// The latest unused, unexpired code of a request for a purpose: (key, hash, attempts).
pub async fn current_code(
    db: &Db,
    request: Uuid,
    purpose: &str,
) -> Result<Option<(Uuid, String, i64)>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT id, code_hash, attempts FROM phone_codes WHERE request_id = $1 AND purpose = $2 \
         AND used_at IS NULL AND expires_at > $3 ORDER BY created_at DESC LIMIT 1",
    ).bind(request).bind(purpose).bind(now()).fetch_optional(pool).await?))
}

/// Counts a wrong attempt at a code.
pub async fn code_failed(db: &Db, code: Uuid) -> Result<()> {
    on_db!(db, pool => sqlx::query("UPDATE phone_codes SET attempts = attempts + 1 WHERE id = $1")
        .bind(code).execute(pool).await?.rows_affected());
    Ok(())
}

/// Uses a code once; for the request's own code, confirms its phone. False when it was
/// used meanwhile.
pub async fn use_code(db: &Db, code: Uuid, request: Uuid, purpose: &str) -> Result<bool> {
    let at = now();
    Ok(on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let n = sqlx::query("UPDATE phone_codes SET used_at = $2 WHERE id = $1 AND used_at IS NULL")
            .bind(code).bind(at).execute(&mut *tx).await?.rows_affected();
        if n == 1 && purpose == "request" {
            sqlx::query("UPDATE help_requests SET phone_confirmed_at = $2, updated_at = $2 WHERE id = $1")
                .bind(request).bind(at).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        n == 1
    }))
}

/// An emergency call.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Call {
    /// Key.
    pub id: Uuid,
    /// Region (none: national).
    pub region_code: Option<String>,
    /// Who raised it.
    pub raised_by: Uuid,
    /// What.
    pub title: String,
    /// More.
    pub description: Option<String>,
    /// Where.
    pub lat: f64,
    /// Where.
    pub lon: f64,
    /// How far volunteers are called from.
    pub radius_km: f64,
    /// JSON array of wanted skills.
    pub skills: String,
    /// When.
    pub starts_at: DateTime<Utc>,
    /// `open` or `closed`.
    pub status: String,
    /// Volunteers told.
    pub notified: i64,
    /// Raised at.
    pub created_at: DateTime<Utc>,
    /// Closed at.
    pub closed_at: Option<DateTime<Utc>>,
}

const CALL_COLUMNS: &str = "id, region_code, raised_by, title, description, lat, lon, radius_km, \
    skills, starts_at, status, notified, created_at, closed_at";

/// Raises a call and queues the messages to the volunteers called, in one transaction.
pub async fn raise_call(db: &Db, c: &Call, mails: &[Mail]) -> Result<()> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO emergency_calls (id, region_code, raised_by, title, description, lat, lon, radius_km, \
             skills, starts_at, status, notified, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, $12)",
        ).bind(c.id).bind(&c.region_code).bind(c.raised_by).bind(&c.title).bind(&c.description).bind(c.lat).bind(c.lon)
        .bind(c.radius_km).bind(&c.skills).bind(c.starts_at).bind(mails.len() as i64).bind(c.created_at)
        .execute(&mut *tx).await?;
        for m in mails {
            enqueue_in!(tx, m);
        }
        tx.commit().await?;
    });
    Ok(())
}

/// One call.
pub async fn call(db: &Db, id: Uuid) -> Result<Option<Call>> {
    let sql = format!("SELECT {CALL_COLUMNS} FROM emergency_calls WHERE id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(pool).await?),
    )
}

/// Open calls, newest first.
pub async fn open_calls(db: &Db) -> Result<Vec<Call>> {
    let sql = format!(
        "SELECT {CALL_COLUMNS} FROM emergency_calls WHERE status = 'open' ORDER BY created_at DESC LIMIT 100"
    );
    Ok(on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(pool).await?))
}

/// Closes a call. Errors: `Conflict("state_changed")`.
pub async fn close_call(db: &Db, id: Uuid) -> Result<()> {
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE emergency_calls SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'open'",
    ).bind(id).bind(now()).execute(pool).await?.rows_affected());
    if n == 1 {
        Ok(())
    } else {
        Err(Error::Conflict("state_changed"))
    }
}

/// She answers a call (once). Errors: `Conflict("state_changed")` when the call is closed.
pub async fn answer_call(db: &Db, id: Uuid, volunteer: Uuid) -> Result<()> {
    let n = on_db!(db, pool => sqlx::query(
        "INSERT INTO emergency_answers (call_id, volunteer_id, answered_at) \
         SELECT id, $2, $3 FROM emergency_calls WHERE id = $1 AND status = 'open' \
         ON CONFLICT (call_id, volunteer_id) DO NOTHING",
    ).bind(id).bind(volunteer).bind(now()).execute(pool).await?.rows_affected());
    if n == 1 {
        return Ok(());
    }
    match call(db, id).await? {
        Some(c) if c.status == "open" => Ok(()),
        Some(_) => Err(Error::Conflict("state_changed")),
        None => Err(Error::NotFound),
    }
}

/// Marks one who answered `present` or `safe`.
pub async fn roll(db: &Db, id: Uuid, volunteer: Uuid, mark: &str) -> Result<()> {
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE emergency_answers SET roll = $3, roll_at = $4 WHERE call_id = $1 AND volunteer_id = $2 \
         AND EXISTS (SELECT 1 FROM emergency_calls c WHERE c.id = $1 AND c.status = 'open')",
    ).bind(id).bind(volunteer).bind(mark).bind(now()).execute(pool).await?.rows_affected());
    if n == 1 {
        Ok(())
    } else {
        Err(Error::Conflict("state_changed"))
    }
}

/// One who answered a call.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Answer {
    /// The volunteer.
    pub volunteer_id: Uuid,
    /// Her name.
    pub display_name: String,
    /// Her phone (the front-office calls her).
    pub phone: Option<String>,
    /// Answered at.
    pub answered_at: DateTime<Utc>,
    /// `present`, `safe`, or none yet.
    pub roll: Option<String>,
}

/// Who answered a call, in order of answering.
pub async fn answers(db: &Db, id: Uuid) -> Result<Vec<Answer>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT a.volunteer_id, u.display_name, u.phone, a.answered_at, a.roll FROM emergency_answers a \
         JOIN users u ON u.id = a.volunteer_id WHERE a.call_id = $1 ORDER BY a.answered_at",
    ).bind(id).fetch_all(pool).await?))
}

/// Adult volunteers with a point within the box (the caller keeps those within the radius
/// and with the skills): (id, e-mail, name, language, lat, lon, skills JSON).
pub async fn volunteers_in_box(
    db: &Db,
    lat: (f64, f64),
    lon: (f64, f64),
    born_by: chrono::NaiveDate,
) -> Result<Vec<(Uuid, String, String, String, f64, f64, String)>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT id, email, display_name, preferred_lang, home_lat, home_lon, skills FROM users \
         WHERE email_confirmed_at IS NOT NULL AND home_lat BETWEEN $1 AND $2 AND home_lon BETWEEN $3 AND $4 \
         AND birth_date <= $5 LIMIT 50000",
    ).bind(lat.0).bind(lat.1).bind(lon.0).bind(lon.1).bind(born_by).fetch_all(pool).await?))
}

/// Sets or clears a volunteer's point (private; for help requests and calls near her).
pub async fn set_home_point(db: &Db, user: Uuid, point: Option<(f64, f64)>) -> Result<()> {
    on_db!(db, pool => sqlx::query("UPDATE users SET home_lat = $2, home_lon = $3 WHERE id = $1")
        .bind(user).bind(point.map(|p| p.0)).bind(point.map(|p| p.1)).execute(pool).await?.rows_affected());
    Ok(())
}

/// A volunteer's point, if she gave one.
pub async fn home_point(db: &Db, user: Uuid) -> Result<Option<(f64, f64)>> {
    let row: Option<(Option<f64>, Option<f64>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT home_lat, home_lon FROM users WHERE id = $1",
    ).bind(user).fetch_optional(pool).await?);
    Ok(row.and_then(|(a, b)| a.zip(b)))
}
