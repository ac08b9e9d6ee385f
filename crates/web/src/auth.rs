//! Passwords (argon2id), random tokens (stored as SHA-256), sessions and the current user.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::http::HeaderMap;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Duration;
use domain::{Actor, Role};
use store::accounts::User;
use uuid::Uuid;

use crate::{AppState, ArgonCost};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "erikti_session";
/// Prefix of personal API tokens (so that they are recognisable in leaks).
pub const API_TOKEN_PREFIX: &str = "ek_";

fn argon(cost: &ArgonCost) -> Argon2<'static> {
    let params = Params::new(cost.m_kib, cost.t, cost.p, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password to a PHC string (argon2id, random salt).
pub fn hash_password(cost: &ArgonCost, password: &str) -> Result<String, String> {
    argon(cost)
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Checks a password against a PHC string; false for malformed hashes.
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(hash) => Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok(),
        Err(_) => false,
    }
}

/// Hashes on the blocking pool (argon2 is CPU-heavy by design).
pub async fn hash_password_async(cost: ArgonCost, password: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || hash_password(&cost, &password))
        .await
        .map_err(|e| e.to_string())?
}

/// Verifies on the blocking pool.
pub async fn verify_password_async(password: String, phc: String) -> bool {
    tokio::task::spawn_blocking(move || verify_password(&password, &phc))
        .await
        .unwrap_or(false)
}

/// A new random secret: 32 bytes, base64url.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub use domain::token_hash;

/// Constant-time comparison of two secrets.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Reads one cookie from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value with our defaults (HttpOnly, SameSite=Lax, Path=/).
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age_secs: Option<i64>) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age_secs {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if state.settings.secure_cookies() {
        c.push_str("; Secure");
    }
    c
}

/// Starts a session for `user_id`; returns the `Set-Cookie` value. The token is new at
/// every log-in (session rotation).
pub async fn start_session(
    state: &AppState,
    user_id: Uuid,
    user_agent: Option<&str>,
) -> Result<(String, String), store::Error> {
    let token = random_token();
    let expires = store::now() + Duration::days(state.settings.session_days);
    let ua = user_agent.map(|s| s.chars().take(200).collect::<String>());
    store::sessions::create(
        &state.db,
        &token_hash(&token),
        user_id,
        expires,
        ua.as_deref(),
    )
    .await?;
    let cookie = set_cookie(
        state,
        SESSION_COOKIE,
        &token,
        Some(state.settings.session_days * 86_400),
    );
    Ok((token, cookie))
}

/// The signed-in user of a request: session cookie, else `Authorization: Bearer`.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The account.
    pub user: User,
    /// Its roles, as the domain sees them.
    pub roles: Vec<Role>,
    /// Authenticated by a bearer token (API clients) rather than a cookie.
    pub via_bearer: bool,
}

impl SignedIn {
    /// The actor for authorization.
    pub fn actor(&self) -> Actor {
        Actor::user(self.user.id, self.roles.clone())
    }
    /// Holds the national admin role.
    pub fn is_national_admin(&self) -> bool {
        self.roles.iter().any(|r| matches!(r, Role::NationalAdmin))
    }
}

/// Resolves the user of a request (one query for the session, one for roles).
pub async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<SignedIn>, store::Error> {
    let bearer = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let (found, via_bearer) = if let Some(token) = bearer {
        let hash = token_hash(token);
        let found = if token.starts_with(API_TOKEN_PREFIX) {
            let found = store::accounts::user_and_roles_by_api_token(&state.db, &hash).await?;
            if found.is_some() {
                state.token_touches.note(&hash);
            }
            found
        } else {
            store::sessions::user_and_roles_of(&state.db, &hash).await?
        };
        (found, true)
    } else if let Some(token) = cookie(headers, SESSION_COOKIE) {
        (
            store::sessions::user_and_roles_of(&state.db, &token_hash(token)).await?,
            false,
        )
    } else {
        (None, false)
    };
    let Some((user, roles)) = found else {
        return Ok(None);
    };
    let roles = roles
        .into_iter()
        .filter_map(|r| Role::from_parts(&r.role, r.organization_id, r.region_code.as_deref()))
        .collect();
    Ok(Some(SignedIn {
        user,
        roles,
        via_bearer,
    }))
}
