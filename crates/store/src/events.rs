//! Events of organizations: create, edit, publish, cancel, and the public search.
//!
//! The search reads the event row only: the start of the first coming shift is kept on the
//! event (`next_start`), raised when a shift is added and refreshed by the scheduler once
//! a shift has begun, so a page of results never aggregates the shifts table.

use chrono::{DateTime, Utc};
use domain::opportunity::{EventMode, EventStatus};
use serde::Serialize;
use uuid::Uuid;

use crate::{Db, Error, JsonList, Result, new_id, now, on_db};

/// What an organization types about an event (validated before it is stored).
// The one copy of these fields: stored as they are (skills and languages as JSON text),
// read into `Event`, and serialised as the API shows them (the region code as `region`,
// the mode as its code, skills and languages as arrays).
#[derive(Debug, Clone, Default, PartialEq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct EventFields {
    /// Title in Kazakh.
    pub title_kk: Option<String>,
    /// Title in Russian.
    pub title_ru: Option<String>,
    /// Title in English.
    pub title_en: Option<String>,
    /// Description in Kazakh.
    pub description_kk: Option<String>,
    /// Description in Russian.
    pub description_ru: Option<String>,
    /// Description in English.
    pub description_en: Option<String>,
    /// Direction code.
    pub direction: Option<String>,
    /// Activity type code.
    pub activity_type: String,
    /// Region code.
    #[serde(rename = "region")]
    pub region_code: String,
    /// Locality.
    pub locality: Option<String>,
    /// Street address.
    pub address: Option<String>,
    /// Map point (latitude).
    pub lat: Option<f64>,
    /// Map point (longitude).
    pub lon: Option<f64>,
    /// Online rather than on site.
    pub online: bool,
    /// IANA time zone of its shifts.
    pub time_zone: String,
    /// Minimum age (0: none).
    pub min_age: i64,
    /// Hazardous (closed to minors).
    pub hazardous: bool,
    /// Required skills, lower case.
    #[sqlx(try_from = "String")]
    #[schema(value_type = Vec<String>)]
    pub skills: JsonList,
    /// Languages spoken at the event (codes).
    #[sqlx(try_from = "String")]
    #[schema(value_type = Vec<String>)]
    pub languages: JsonList,
    /// Contact person.
    pub contact_name: Option<String>,
    /// Contact phone.
    pub contact_phone: Option<String>,
    /// How its applications are decided.
    #[sqlx(try_from = "String")]
    pub mode: EventMode,
    /// Project it belongs to.
    pub project_id: Option<Uuid>,
}

/// Bit of a language in `languages_mask` (kk 1, ru 2, en 4; others none).
pub fn language_bit(code: &str) -> i64 {
    match code {
        "kk" => 1,
        "ru" => 2,
        "en" => 4,
        _ => 0,
    }
}

/// The `languages_mask` of a list of languages (what the search's "suitable" filter reads).
pub(crate) fn languages_mask(langs: &[String]) -> i64 {
    langs.iter().fold(0, |m, l| m | language_bit(l))
}

/// The `search_text` of an event: titles, locality, descriptions, each cut at 300
/// characters and lower-cased, joined with " | ".
pub(crate) fn search_text(e: &EventFields) -> String {
    [
        &e.title_kk,
        &e.title_ru,
        &e.title_en,
        &e.locality,
        &e.description_kk,
        &e.description_ru,
        &e.description_en,
    ]
    .iter()
    .filter_map(|t| t.as_deref())
    .map(|t| t.chars().take(300).collect::<String>().to_lowercase())
    .collect::<Vec<_>>()
    .join(" | ")
}

/// The columns an event's typed fields are written to (with what is derived from them:
/// `languages_mask`, `search_text`), in the order [`bind_fields!`] binds them.
macro_rules! field_columns {
    () => {
        "project_id, title_kk, title_ru, title_en, description_kk, description_ru, description_en, \
         direction, activity_type, region_code, locality, address, lat, lon, online, time_zone, min_age, \
         hazardous, skills, languages, languages_mask, contact_name, contact_phone, mode, search_text"
    };
}
pub(crate) use field_columns;

/// Binds the values of [`field_columns!`] (25 of them) of the fields `$e` with `$bind`
/// (`bind` of a query, `push_bind` of a multi-row insert).
macro_rules! bind_fields {
    ($q:expr, $bind:ident, $e:expr) => {{
        let e: &$crate::events::EventFields = $e;
        $q.$bind(e.project_id)
            .$bind(&e.title_kk)
            .$bind(&e.title_ru)
            .$bind(&e.title_en)
            .$bind(&e.description_kk)
            .$bind(&e.description_ru)
            .$bind(&e.description_en)
            .$bind(&e.direction)
            .$bind(&e.activity_type)
            .$bind(&e.region_code)
            .$bind(&e.locality)
            .$bind(&e.address)
            .$bind(e.lat)
            .$bind(e.lon)
            .$bind(e.online)
            .$bind(&e.time_zone)
            .$bind(e.min_age)
            .$bind(e.hazardous)
            .$bind(e.skills.to_json())
            .$bind(e.languages.to_json())
            .$bind($crate::events::languages_mask(&e.languages))
            .$bind(&e.contact_name)
            .$bind(&e.contact_phone)
            .$bind(e.mode.code())
            .$bind($crate::events::search_text(e))
    }};
}
pub(crate) use bind_fields;

/// Creates a draft event of `organization`.
pub async fn create(db: &Db, organization: Uuid, e: &EventFields) -> Result<Uuid> {
    create_with_status(db, organization, e, EventStatus::Draft).await
}

/// Creates an event in `status` (the generator and tests publish at once).
pub async fn create_with_status(
    db: &Db,
    organization: Uuid,
    e: &EventFields,
    status: EventStatus,
) -> Result<Uuid> {
    const SQL: &str = concat!(
        "INSERT INTO events (id, organization_id, ",
        field_columns!(),
        ", status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $29)"
    );
    let id = new_id();
    let at = now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query(SQL).bind(id).bind(organization);
        bind_fields!(q, bind, e).bind(status.code()).bind(at).execute(&mut *tx).await?;
        for s in &e.skills {
            sqlx::query("INSERT INTO event_skills (event_id, skill) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id).bind(s).execute(&mut *tx).await?;
        }
        tx.commit().await?;
    });
    Ok(id)
}

/// Replaces the typed fields of an event (not its status); the mode of an event that has
/// applications stays as it was.
pub async fn update(db: &Db, id: Uuid, e: &EventFields) -> Result<()> {
    let at = now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        // The columns of `field_columns!`, in its order.
        let q = sqlx::query(
            "UPDATE events SET project_id = $2, title_kk = $3, title_ru = $4, title_en = $5, description_kk = $6, \
             description_ru = $7, description_en = $8, direction = $9, activity_type = $10, region_code = $11, \
             locality = $12, address = $13, lat = $14, lon = $15, online = $16, time_zone = $17, min_age = $18, \
             hazardous = $19, skills = $20, languages = $21, languages_mask = $22, contact_name = $23, \
             contact_phone = $24, \
             mode = CASE WHEN EXISTS (SELECT 1 FROM applications a WHERE a.event_id = events.id) THEN mode ELSE $25 END, \
             search_text = $26, updated_at = $27 WHERE id = $1",
        )
        .bind(id);
        let n = bind_fields!(q, bind, e).bind(at).execute(&mut *tx).await?.rows_affected();
        if n == 0 {
            return Err(Error::NotFound);
        }
        sqlx::query("DELETE FROM event_skills WHERE event_id = $1").bind(id).execute(&mut *tx).await?;
        for s in &e.skills {
            sqlx::query("INSERT INTO event_skills (event_id, skill) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id).bind(s).execute(&mut *tx).await?;
        }
        tx.commit().await?;
    });
    Ok(())
}

/// An event: its key, its organization, what the organization typed, where it stands in
/// its lifecycle and why it was cancelled.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Event {
    /// Key.
    pub id: Uuid,
    /// The organization.
    pub organization_id: Uuid,
    /// What its organization typed.
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub fields: EventFields,
    /// Where it stands in its lifecycle.
    #[sqlx(try_from = "String")]
    pub status: EventStatus,
    /// Why it was cancelled.
    pub cancel_reason: Option<String>,
}

/// The typed fields are read through the event, as `event.title_kk`.
impl std::ops::Deref for Event {
    type Target = EventFields;
    fn deref(&self) -> &EventFields {
        &self.fields
    }
}

const EVENT_COLUMNS: &str = "id, organization_id, project_id, title_kk, title_ru, title_en, \
    description_kk, description_ru, description_en, direction, activity_type, region_code, \
    locality, address, lat, lon, online, time_zone, min_age, hazardous, skills, languages, \
    contact_name, contact_phone, mode, status, cancel_reason";

/// One event.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<Event>> {
    let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Event>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(pool).await?),
    )
}

/// The event of a shift.
pub async fn of_shift(db: &Db, shift: Uuid) -> Result<Option<Event>> {
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE id = (SELECT event_id FROM shifts WHERE id = $1)"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Event>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(shift).fetch_optional(pool).await?),
    )
}

/// Moves an event from `expected` to `new_status` (compare-and-set).
pub async fn set_status(
    db: &Db,
    id: Uuid,
    expected: EventStatus,
    new_status: EventStatus,
) -> Result<()> {
    let at = now();
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE events SET status = $2, updated_at = $3 WHERE id = $1 AND status = $4",
    ).bind(id).bind(new_status.code()).bind(at).bind(expected.code()).execute(pool).await?.rows_affected());
    if n == 0 {
        return Err(Error::Conflict("state_changed"));
    }
    Ok(())
}

/// Someone to tell about an event's change.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Recipient {
    /// Their application.
    pub application_id: Uuid,
    /// The volunteer.
    pub volunteer_id: Uuid,
    /// E-mail.
    pub email: String,
    /// Display name.
    pub display_name: String,
    /// Preferred language.
    pub lang: String,
    /// Categories turned off.
    pub notify_off: String,
}

/// Cancels an event with a reason: every open application is cancelled, the places freed,
/// in one transaction. Returns who had applied, to be told.
pub async fn cancel(db: &Db, id: Uuid, reason: &str) -> Result<Vec<Recipient>> {
    use crate::statuses::{from_of, list, sql, to_of};
    use domain::application::{ApplicationStatus, cancel_with_event};
    // The applications the event's cancellation cancels, and the places that stay taken.
    let told_sql = sql!(
        "SELECT a.id AS application_id, u.id AS volunteer_id, u.email, u.display_name, u.preferred_lang AS lang, u.notify_off \
         FROM applications a JOIN users u ON u.id = a.volunteer_id \
         WHERE a.event_id = $1 AND a.status IN ({}) ORDER BY a.created_at",
        from_of(cancel_with_event)
    );
    let cancel_sql = sql!(
        "UPDATE applications SET status = {}, decided_at = $2, reason = 'event_cancelled' \
         WHERE event_id = $1 AND status IN ({})",
        to_of(cancel_with_event),
        from_of(cancel_with_event)
    );
    let recount_sql = sql!(
        "UPDATE shifts SET accepted_count = (SELECT COUNT(*) FROM applications a WHERE a.shift_id = shifts.id \
         AND a.status IN ({})) WHERE event_id = $1",
        list(ApplicationStatus::holds_place)
    );
    let at = now();
    let begin = db.begin_write();
    on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        let n = sqlx::query(
            "UPDATE events SET status = 'cancelled', cancel_reason = $2, next_start = NULL, updated_at = $3 \
             WHERE id = $1 AND status IN ('draft', 'published')",
        ).bind(id).bind(reason).bind(at).execute(&mut *tx).await?.rows_affected();
        if n == 0 {
            return Err(Error::Conflict("event_not_open"));
        }
        let told: Vec<Recipient> = sqlx::query_as(told_sql).bind(id).fetch_all(&mut *tx).await?;
        sqlx::query(cancel_sql).bind(id).bind(at).execute(&mut *tx).await?;
        // Places freed by the cancelled applications only: past shifts keep their
        // completed and no-show people.
        sqlx::query(recount_sql).bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(told)
    })
}

/// Refreshes `next_start` of events whose first coming shift has begun; returns how many.
pub async fn refresh_next_start(db: &Db) -> Result<u64> {
    let at = now();
    Ok(on_db!(db, pool => sqlx::query(
        "UPDATE events SET next_start = (SELECT MIN(s.starts_at) FROM shifts s WHERE s.event_id = events.id \
         AND s.starts_at > $1) WHERE next_start IS NOT NULL AND next_start <= $1",
    ).bind(at).execute(pool).await?.rows_affected()))
}

/// Filters of the public search.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// Text in a title, description or locality, any language (lower case).
    pub q: Option<String>,
    /// Region code.
    pub region: Option<String>,
    /// Direction code.
    pub direction: Option<String>,
    /// Activity type code.
    pub activity_type: Option<String>,
    /// Has a shift starting at or after.
    pub from: Option<DateTime<Utc>>,
    /// Has a shift starting before.
    pub to: Option<DateTime<Utc>>,
    /// Online (true) or on site (false).
    pub online: Option<bool>,
    /// Suitable for a volunteer of this profile.
    pub suitable: Option<Suitability>,
    /// Near a point.
    pub near: Option<Near>,
}

/// What "suitable for me" checks.
#[derive(Debug, Clone)]
pub struct Suitability {
    /// Age in full years.
    pub age: i64,
    /// Under 18.
    pub minor: bool,
    /// Her skills, lower case.
    pub skills: Vec<String>,
    /// Her languages (codes).
    pub languages: Vec<String>,
}

/// "Near me": a point and a radius; results sorted by distance when `by_distance`.
#[derive(Debug, Clone, Copy)]
pub struct Near {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Radius in km.
    pub km: f64,
    /// Sort by distance rather than date.
    pub by_distance: bool,
}

/// A line of the search.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct EventCard {
    /// Key.
    pub id: Uuid,
    /// Titles.
    pub title_kk: Option<String>,
    /// Titles.
    pub title_ru: Option<String>,
    /// Titles.
    pub title_en: Option<String>,
    /// Activity type code.
    pub activity_type: String,
    /// Region code.
    pub region_code: String,
    /// Locality.
    pub locality: Option<String>,
    /// Online.
    pub online: bool,
    /// Map point.
    pub lat: Option<f64>,
    /// Map point.
    pub lon: Option<f64>,
    /// Start of the next shift.
    pub next_start: DateTime<Utc>,
    /// Free places over its coming shifts.
    pub free: i64,
}

/// The filter of the search, one text for the page and the count.
macro_rules! search_where {
    () => {
        "FROM events e WHERE e.status = 'published' AND e.next_start > $1 \
         AND ($2 IS NULL OR e.region_code = $2) \
         AND ($3 IS NULL OR e.activity_type = $3) \
         AND ($4 IS NULL OR e.search_text LIKE $4 ESCAPE '\\') \
         AND ($5 IS NULL OR e.direction = $5) \
         AND ($6 IS NULL OR EXISTS (SELECT 1 FROM shifts s WHERE s.event_id = e.id AND s.starts_at >= $6 \
              AND s.starts_at > $1 AND ($7 IS NULL OR s.starts_at < $7))) \
         AND ($7 IS NULL OR e.next_start < $7 OR EXISTS (SELECT 1 FROM shifts s WHERE s.event_id = e.id \
              AND s.starts_at > $1 AND s.starts_at < $7)) \
         AND ($8 IS NULL OR e.online = $8) \
         AND ($9 IS NULL OR (e.min_age <= $9 AND ($10 = 0 OR (e.hazardous = FALSE \
              AND e.activity_type NOT IN ('victims_help', 'emergencies'))) \
              AND (e.languages_mask = 0 OR (e.languages_mask & $11) <> 0) \
              AND NOT EXISTS (SELECT 1 FROM event_skills k WHERE k.event_id = e.id \
                  AND $12 NOT LIKE '%,' || k.skill || ',%'))) \
         AND ($13 IS NULL OR (e.online = FALSE AND e.lat BETWEEN $13 - $15 AND $13 + $15 \
              AND e.lon BETWEEN $14 - $16 AND $14 + $16)) "
    };
}

macro_rules! card {
    () => {
        "SELECT e.id, e.title_kk, e.title_ru, e.title_en, e.activity_type, e.region_code, e.locality, \
    e.online, e.lat, e.lon, e.next_start, \
    (SELECT CAST(COALESCE(SUM(s.capacity - s.accepted_count), 0) AS BIGINT) FROM shifts s \
     WHERE s.event_id = e.id AND s.starts_at > $1) AS free "
    };
}

/// Published events with a coming shift: soonest first, or nearest first.
pub async fn search(db: &Db, q: &EventQuery, limit: i64, offset: i64) -> Result<Vec<EventCard>> {
    const BY_DATE: &str = concat!(
        card!(),
        search_where!(),
        "ORDER BY e.next_start, e.id LIMIT $17 OFFSET $18"
    );
    const BY_DISTANCE: &str = concat!(
        card!(),
        search_where!(),
        "ORDER BY (e.lat - $13) * (e.lat - $13) + (e.lon - $14) * (e.lon - $14) * $19, e.next_start, e.id \
         LIMIT $17 OFFSET $18"
    );
    let by_distance = q.near.is_some_and(|n| n.by_distance);
    let p = Params::of(q);
    let cos2 = p.cos * p.cos;
    let keep = db.keeps_plans();
    if by_distance {
        return Ok(on_db!(db, pool => {
            let query = sqlx::query_as::<_, EventCard>(BY_DISTANCE).persistent(keep);
            bind_search!(query, p).bind(limit).bind(offset).bind(cos2).fetch_all(pool).await?
        }));
    }
    Ok(on_db!(db, pool => {
        let query = sqlx::query_as::<_, EventCard>(BY_DATE).persistent(keep);
        bind_search!(query, p).bind(limit).bind(offset).fetch_all(pool).await?
    }))
}

/// How many events match (for the page count).
pub async fn count(db: &Db, q: &EventQuery) -> Result<i64> {
    const SQL: &str = concat!("SELECT COUNT(*) ", search_where!());
    let p = Params::of(q);
    let keep = db.keeps_plans();
    Ok(on_db!(db, pool => {
        let query = sqlx::query_scalar::<_, i64>(SQL).persistent(keep);
        bind_search!(query, p).fetch_one(pool).await?
    }))
}

/// The bound values of the search filter ($1..$16).
struct Params {
    at: DateTime<Utc>,
    region: Option<String>,
    activity: Option<String>,
    text: Option<String>,
    direction: Option<String>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    online: Option<bool>,
    age: Option<i64>,
    minor: i64,
    langs: i64,
    skills: String,
    lat: Option<f64>,
    lon: Option<f64>,
    dlat: f64,
    dlon: f64,
    cos: f64,
}

impl Params {
    fn of(q: &EventQuery) -> Params {
        let (lat, lon, dlat, dlon, cos) = match q.near {
            Some(n) => {
                let cos = n.lat.to_radians().cos().max(0.01);
                let dlat = n.km / 111.2;
                (Some(n.lat), Some(n.lon), dlat, dlat / cos, cos)
            }
            None => (None, None, 0.0, 0.0, 1.0),
        };
        let s = q.suitable.as_ref();
        Params {
            at: now(),
            region: q.region.clone(),
            activity: q.activity_type.clone(),
            text: q
                .q
                .as_ref()
                .map(|t| format!("%{}%", crate::like_escape(&t.to_lowercase()))),
            direction: q.direction.clone(),
            from: q.from,
            to: q.to,
            online: q.online,
            age: s.map(|s| s.age),
            minor: s.map(|s| i64::from(s.minor)).unwrap_or(0),
            langs: s.map(|s| languages_mask(&s.languages)).unwrap_or(0),
            skills: s
                .map(|s| format!(",{},", s.skills.join(",")))
                .unwrap_or_default(),
            lat,
            lon,
            dlat,
            dlon,
            cos,
        }
    }
}

/// Binds $1..$16 of the search filter (inside `on_db!`, once per backend).
macro_rules! bind_search {
    ($q:expr, $p:expr) => {
        $q.bind($p.at)
            .bind($p.region.clone())
            .bind($p.activity.clone())
            .bind($p.text.clone())
            .bind($p.direction.clone())
            .bind($p.from)
            .bind($p.to)
            .bind($p.online)
            .bind($p.age)
            .bind($p.minor)
            .bind($p.langs)
            .bind($p.skills.clone())
            .bind($p.lat)
            .bind($p.lon)
            .bind($p.dlat)
            .bind($p.dlon)
    };
}
use bind_search;

/// A project (a programme with goals and dates) of an organization.
#[derive(Debug, Clone, Default, Serialize, sqlx::FromRow)]
pub struct Project {
    /// Key.
    pub id: Uuid,
    /// The organization.
    pub organization_id: Uuid,
    /// Titles.
    pub title_kk: Option<String>,
    /// Titles.
    pub title_ru: Option<String>,
    /// Titles.
    pub title_en: Option<String>,
    /// Goals.
    pub goals: Option<String>,
    /// First day.
    pub starts_on: Option<chrono::NaiveDate>,
    /// Last day.
    pub ends_on: Option<chrono::NaiveDate>,
}

/// Creates a project (fields validated by the caller; `id` and `organization_id` are set here).
pub async fn create_project(db: &Db, organization: Uuid, p: &Project) -> Result<Uuid> {
    let id = new_id();
    let at = now();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO projects (id, organization_id, title_kk, title_ru, title_en, goals, starts_on, ends_on, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id).bind(organization).bind(&p.title_kk).bind(&p.title_ru).bind(&p.title_en).bind(&p.goals)
    .bind(p.starts_on).bind(p.ends_on).bind(at).execute(pool).await?.rows_affected());
    Ok(id)
}

/// The projects of an organization, latest first.
pub async fn projects_of(db: &Db, organization: Uuid) -> Result<Vec<Project>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, Project>(
        "SELECT id, organization_id, title_kk, title_ru, title_en, goals, starts_on, ends_on FROM projects \
         WHERE organization_id = $1 ORDER BY created_at DESC, id LIMIT 200",
    ).bind(organization).fetch_all(pool).await?))
}

/// One project.
pub async fn project(db: &Db, id: Uuid) -> Result<Option<Project>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, Project>(
        "SELECT id, organization_id, title_kk, title_ru, title_en, goals, starts_on, ends_on FROM projects WHERE id = $1",
    ).bind(id).fetch_optional(pool).await?))
}
