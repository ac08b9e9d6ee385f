//! Accounts: users and their profiles, roles, one-time e-mail links and API tokens.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::{Db, Error, Result, conflict_on_unique, new_id, now, on_db};

/// A user account with its profile.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    /// Key.
    pub id: Uuid,
    /// Normalised e-mail (lowercase).
    pub email: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// When the e-mail was confirmed.
    pub email_confirmed_at: Option<DateTime<Utc>>,
    /// Public name.
    pub display_name: String,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// Patronymic.
    pub patronymic: Option<String>,
    /// Birth date (from the IIN when given).
    pub birth_date: Option<NaiveDate>,
    /// IIN: personal data, never public.
    pub iin: Option<String>,
    /// Phone in E.164: personal data, never public.
    pub phone: Option<String>,
    /// Region code.
    pub region_code: Option<String>,
    /// Town or village.
    pub locality: Option<String>,
    /// JSON array of language codes.
    pub languages: String,
    /// JSON array of skills.
    pub skills: String,
    /// JSON array of direction codes.
    pub directions: String,
    /// Free text availability.
    pub availability: Option<String>,
    /// Preferred language for e-mail.
    pub preferred_lang: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

const USER_COLUMNS: &str = "id, email, password_hash, email_confirmed_at, display_name, first_name, \
    last_name, patronymic, birth_date, iin, phone, region_code, locality, languages, skills, \
    directions, availability, preferred_lang, created_at, updated_at";
/// [`USER_COLUMNS`] of the table aliased `u`.
pub(crate) const USER_COLUMNS_U: &str = "u.id, u.email, u.password_hash, u.email_confirmed_at, \
    u.display_name, u.first_name, u.last_name, u.patronymic, u.birth_date, u.iin, u.phone, \
    u.region_code, u.locality, u.languages, u.skills, u.directions, u.availability, \
    u.preferred_lang, u.created_at, u.updated_at";

fn json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

impl User {
    /// Spoken languages.
    pub fn language_list(&self) -> Vec<String> {
        json_list(&self.languages)
    }
    /// Skills.
    pub fn skill_list(&self) -> Vec<String> {
        json_list(&self.skills)
    }
    /// Directions of interest.
    pub fn direction_list(&self) -> Vec<String> {
        json_list(&self.directions)
    }
    /// Whether the e-mail is confirmed.
    pub fn is_confirmed(&self) -> bool {
        self.email_confirmed_at.is_some()
    }
}

/// A new account.
#[derive(Debug)]
pub struct NewUser<'a> {
    /// Normalised e-mail.
    pub email: &'a str,
    /// Argon2id PHC string.
    pub password_hash: &'a str,
    /// Public name.
    pub display_name: &'a str,
    /// Preferred language.
    pub preferred_lang: &'a str,
    /// Confirmed already (admin-created accounts).
    pub confirmed: bool,
}

/// Creates an account; `Conflict("email_taken")` when the e-mail exists.
pub async fn create_user(db: &Db, u: &NewUser<'_>) -> Result<Uuid> {
    let id = new_id();
    let at = now();
    let confirmed = u.confirmed.then_some(at);
    on_db!(db, pool => {
        sqlx::query(
            "INSERT INTO users (id, email, password_hash, email_confirmed_at, display_name, \
             preferred_lang, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(id).bind(u.email).bind(u.password_hash).bind(confirmed)
        .bind(u.display_name).bind(u.preferred_lang).bind(at)
        .execute(pool)
        .await
        .map_err(|e| conflict_on_unique(e, "email_taken"))?;
    });
    Ok(id)
}

/// The user with this e-mail (normalised), if any.
pub async fn user_by_email(db: &Db, email: &str) -> Result<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(email).fetch_optional(pool).await?),
    )
}

/// The user with this id, if any.
pub async fn user_by_id(db: &Db, id: Uuid) -> Result<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(pool).await?),
    )
}

/// Marks the e-mail confirmed (idempotent).
pub async fn confirm_email(db: &Db, user_id: Uuid) -> Result<()> {
    let at = now();
    on_db!(db, pool => sqlx::query(
        "UPDATE users SET email_confirmed_at = COALESCE(email_confirmed_at, $2), updated_at = $2 WHERE id = $1",
    ).bind(user_id).bind(at).execute(pool).await?.rows_affected());
    Ok(())
}

/// Replaces the password hash and ends every session of the user.
pub async fn set_password(db: &Db, user_id: Uuid, password_hash: &str) -> Result<()> {
    let at = now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1")
            .bind(user_id).bind(password_hash).bind(at).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id).execute(&mut *tx).await?;
        tx.commit().await?;
    });
    Ok(())
}

/// Changes the e-mail (already confirmed through a link); `Conflict("email_taken")` if used.
pub async fn change_email(db: &Db, user_id: Uuid, new_email: &str) -> Result<()> {
    let at = now();
    on_db!(db, pool => sqlx::query(
        "UPDATE users SET email = $2, email_confirmed_at = $3, updated_at = $3 WHERE id = $1",
    ).bind(user_id).bind(new_email).bind(at).execute(pool).await
        .map_err(|e| conflict_on_unique(e, "email_taken"))?.rows_affected());
    Ok(())
}

/// The editable profile of a user, already validated by the domain.
#[derive(Debug, Clone, Default)]
pub struct ProfileUpdate {
    /// Public name.
    pub display_name: String,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// Patronymic.
    pub patronymic: Option<String>,
    /// Birth date.
    pub birth_date: Option<NaiveDate>,
    /// IIN.
    pub iin: Option<String>,
    /// Phone (E.164).
    pub phone: Option<String>,
    /// Region code.
    pub region_code: Option<String>,
    /// Locality.
    pub locality: Option<String>,
    /// Language codes.
    pub languages: Vec<String>,
    /// Skills.
    pub skills: Vec<String>,
    /// Direction codes.
    pub directions: Vec<String>,
    /// Availability.
    pub availability: Option<String>,
    /// Preferred language.
    pub preferred_lang: String,
}

/// Saves the profile; `Conflict("iin_taken")` if another account has the IIN.
pub async fn update_profile(db: &Db, user_id: Uuid, p: &ProfileUpdate) -> Result<()> {
    let at = now();
    let languages = serde_json::to_string(&p.languages).expect("strings serialise");
    let skills = serde_json::to_string(&p.skills).expect("strings serialise");
    let directions = serde_json::to_string(&p.directions).expect("strings serialise");
    let done = on_db!(db, pool => sqlx::query(
        "UPDATE users SET display_name = $2, first_name = $3, last_name = $4, patronymic = $5, \
         birth_date = $6, iin = $7, phone = $8, region_code = $9, locality = $10, languages = $11, \
         skills = $12, directions = $13, availability = $14, preferred_lang = $15, updated_at = $16 \
         WHERE id = $1",
    )
    .bind(user_id).bind(&p.display_name).bind(&p.first_name).bind(&p.last_name)
    .bind(&p.patronymic).bind(p.birth_date).bind(&p.iin).bind(&p.phone).bind(&p.region_code)
    .bind(&p.locality).bind(&languages).bind(&skills).bind(&directions).bind(&p.availability)
    .bind(&p.preferred_lang).bind(at)
    .execute(pool).await
    .map_err(|e| conflict_on_unique(e, "iin_taken"))?
    .rows_affected());
    if done == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}

// ---------------------------------------------------------------- roles

/// A role held by a user, with its scope.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct RoleRow {
    /// Key.
    pub id: Uuid,
    /// `national_admin`, `regional_coordinator`, `org_owner`, `org_coordinator`.
    pub role: String,
    /// Scope: organization.
    pub organization_id: Option<Uuid>,
    /// Scope: region.
    pub region_code: Option<String>,
}

/// The roles of a user.
pub async fn roles_of(db: &Db, user_id: Uuid) -> Result<Vec<RoleRow>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, RoleRow>(
        "SELECT id, role, organization_id, region_code FROM role_assignments WHERE user_id = $1 ORDER BY created_at",
    ).bind(user_id).fetch_all(pool).await?))
}

/// Grants a role (idempotent).
pub async fn grant_role(
    db: &Db,
    user_id: Uuid,
    role: &str,
    organization_id: Option<Uuid>,
    region_code: Option<&str>,
    granted_by: Option<Uuid>,
) -> Result<()> {
    let at = now();
    let id = new_id();
    let r = on_db!(db, pool => sqlx::query(
        "INSERT INTO role_assignments (id, user_id, role, organization_id, region_code, granted_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    ).bind(id).bind(user_id).bind(role).bind(organization_id).bind(region_code)
        .bind(granted_by).bind(at).execute(pool).await.map(|r| r.rows_affected()));
    match r {
        Ok(_) => Ok(()),
        Err(e) => match conflict_on_unique(e, "role_held") {
            Error::Conflict(_) => Ok(()),
            other => Err(other),
        },
    }
}

/// Removes a regional role; false when the user did not hold it.
pub async fn revoke_role(db: &Db, user_id: Uuid, role: &str, region_code: &str) -> Result<bool> {
    let n = on_db!(db, pool => sqlx::query(
        "DELETE FROM role_assignments WHERE user_id = $1 AND role = $2 AND region_code = $3",
    ).bind(user_id).bind(role).bind(region_code).execute(pool).await?.rows_affected());
    Ok(n > 0)
}

/// Holders of a regional role in a region (for the coordinators page).
pub async fn coordinators(db: &Db) -> Result<Vec<(Uuid, String, String, String)>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, r.region_code FROM role_assignments r JOIN users u ON u.id = r.user_id \
         WHERE r.role = 'regional_coordinator' ORDER BY r.region_code, u.email",
    ).fetch_all(pool).await?))
}

// ---------------------------------------------------------------- one-time e-mail links

/// What a one-time link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    /// Confirm the e-mail of a new account.
    Confirm,
    /// Reset a forgotten password.
    Reset,
    /// Confirm a new e-mail address.
    ChangeEmail,
}

impl TokenPurpose {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            TokenPurpose::Confirm => "confirm",
            TokenPurpose::Reset => "reset",
            TokenPurpose::ChangeEmail => "change_email",
        }
    }
}

/// Stores a one-time link token (only its hash).
pub async fn create_email_token(
    db: &Db,
    token_hash: &str,
    user_id: Uuid,
    purpose: TokenPurpose,
    new_email: Option<&str>,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    let at = now();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO email_tokens (token_hash, user_id, purpose, new_email, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    ).bind(token_hash).bind(user_id).bind(purpose.code()).bind(new_email).bind(at)
        .bind(expires_at).execute(pool).await?.rows_affected());
    Ok(())
}

/// A consumed one-time link.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UsedToken {
    /// Whose.
    pub user_id: Uuid,
    /// For an e-mail change: the new address.
    pub new_email: Option<String>,
}

/// Consumes a valid (unused, unexpired) token of `purpose`, atomically: a token works once.
pub async fn consume_email_token(
    db: &Db,
    token_hash: &str,
    purpose: TokenPurpose,
) -> Result<Option<UsedToken>> {
    let at = now();
    Ok(on_db!(db, pool => sqlx::query_as::<_, UsedToken>(
        "UPDATE email_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 \
         AND used_at IS NULL AND expires_at > $3 RETURNING user_id, new_email",
    ).bind(token_hash).bind(purpose.code()).bind(at).fetch_optional(pool).await?))
}

// ---------------------------------------------------------------- API tokens

/// A personal API token (the secret itself is never stored).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ApiToken {
    /// Key.
    pub id: Uuid,
    /// Owner's label.
    pub name: String,
    /// First characters, to recognise it.
    pub token_prefix: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last used.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Stores a new API token.
pub async fn create_api_token(
    db: &Db,
    user_id: Uuid,
    name: &str,
    prefix: &str,
    token_hash: &str,
) -> Result<ApiToken> {
    let id = new_id();
    let at = now();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO api_tokens (id, user_id, name, token_prefix, token_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    ).bind(id).bind(user_id).bind(name).bind(prefix).bind(token_hash).bind(at)
        .execute(pool).await?.rows_affected());
    Ok(ApiToken {
        id,
        name: name.to_owned(),
        token_prefix: prefix.to_owned(),
        created_at: at,
        last_used_at: None,
    })
}

/// The active tokens of a user, newest first.
pub async fn api_tokens_of(db: &Db, user_id: Uuid) -> Result<Vec<ApiToken>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, ApiToken>(
        "SELECT id, name, token_prefix, created_at, last_used_at FROM api_tokens \
         WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC",
    ).bind(user_id).fetch_all(pool).await?))
}

/// Revokes a token of this user; false when there was none.
pub async fn revoke_api_token(db: &Db, user_id: Uuid, token_id: Uuid) -> Result<bool> {
    let at = now();
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
    ).bind(token_id).bind(user_id).bind(at).execute(pool).await?.rows_affected());
    Ok(n == 1)
}

/// The owner of an active token. Its "last used" time is written by
/// [`touch_api_tokens`], in batches: reading a token is the hot path of every API call.
pub async fn user_by_api_token(db: &Db, token_hash: &str) -> Result<Option<User>> {
    Ok(user_and_roles_by_api_token(db, token_hash)
        .await?
        .map(|(u, _)| u))
}

/// A user with one of her roles (none: the role columns are NULL).
#[derive(sqlx::FromRow)]
pub(crate) struct UserWithRole {
    #[sqlx(flatten)]
    user: User,
    role_id: Option<Uuid>,
    role: Option<String>,
    role_organization_id: Option<Uuid>,
    role_region_code: Option<String>,
}

/// The columns of [`UserWithRole`] over `users u LEFT JOIN role_assignments r`.
pub(crate) fn user_with_role_columns() -> String {
    format!(
        "{USER_COLUMNS_U}, r.id AS role_id, r.role, r.organization_id AS role_organization_id, \
         r.region_code AS role_region_code"
    )
}

/// Folds the rows of one user (one per role) into the user and her roles.
pub(crate) fn fold_roles(rows: Vec<UserWithRole>) -> Option<(User, Vec<RoleRow>)> {
    let mut roles = Vec::new();
    let mut user = None;
    for r in rows {
        if let (Some(id), Some(role)) = (r.role_id, r.role) {
            roles.push(RoleRow {
                id,
                role,
                organization_id: r.role_organization_id,
                region_code: r.role_region_code,
            });
        }
        user.get_or_insert(r.user);
    }
    user.map(|u| (u, roles))
}

/// The owner of an active token and her roles, in one statement (every API call asks).
pub async fn user_and_roles_by_api_token(
    db: &Db,
    token_hash: &str,
) -> Result<Option<(User, Vec<RoleRow>)>> {
    let sql = format!(
        "SELECT {} FROM api_tokens t JOIN users u ON u.id = t.user_id \
         LEFT JOIN role_assignments r ON r.user_id = u.id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL ORDER BY r.created_at",
        user_with_role_columns()
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, UserWithRole>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(token_hash).fetch_all(pool).await?);
    Ok(fold_roles(rows))
}

/// Marks tokens used at `at` (one statement for a batch of at most a few hundred).
pub async fn touch_api_tokens(db: &Db, token_hashes: &[String], at: DateTime<Utc>) -> Result<()> {
    for chunk in token_hashes.chunks(500) {
        let list = (0..chunk.len())
            .map(|i| format!("${}", i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash IN ({list})");
        on_db!(db, pool => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str())).bind(at);
            for h in chunk {
                q = q.bind(h);
            }
            q.execute(pool).await?.rows_affected()
        });
    }
    Ok(())
}

/// Categories of e-mail the volunteer turned off (comma-separated codes).
pub async fn set_notify_off(db: &Db, user_id: Uuid, off: &str) -> Result<()> {
    on_db!(db, pool => sqlx::query("UPDATE users SET notify_off = $2 WHERE id = $1")
        .bind(user_id).bind(off).execute(pool).await?.rows_affected());
    Ok(())
}

/// The volunteer's calendar feed secret: (categories off, calendar token).
pub async fn notify_and_calendar(db: &Db, user_id: Uuid) -> Result<(String, Option<String>)> {
    Ok(
        on_db!(db, pool => sqlx::query_as("SELECT notify_off, calendar_token FROM users WHERE id = $1")
        .bind(user_id).fetch_one(pool).await?),
    )
}

/// Sets (a new secret) or revokes (None) the calendar feed.
pub async fn set_calendar_token(db: &Db, user_id: Uuid, token: Option<&str>) -> Result<()> {
    on_db!(db, pool => sqlx::query("UPDATE users SET calendar_token = $2 WHERE id = $1")
        .bind(user_id).bind(token).execute(pool).await?.rows_affected());
    Ok(())
}

/// The owner of a calendar feed secret.
pub async fn user_by_calendar_token(db: &Db, token: &str) -> Result<Option<(Uuid, String)>> {
    Ok(
        on_db!(db, pool => sqlx::query_as("SELECT id, preferred_lang FROM users WHERE calendar_token = $1")
        .bind(token).fetch_optional(pool).await?),
    )
}
