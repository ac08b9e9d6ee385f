//! Passwords (argon2id), random tokens (stored as SHA-256), sessions and who is signed in.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Duration;
use domain::{Actor, Role};
use store::accounts::User;
use uuid::Uuid;

use crate::{App, ArgonCost};

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

/// Starts a session for `user_id` (the token is new at every log-in: session rotation);
/// returns the secret for the session cookie.
pub async fn start_session(
    app: &App,
    user_id: Uuid,
    user_agent: Option<&str>,
) -> Result<String, store::Error> {
    let token = random_token();
    let expires = store::now() + Duration::days(app.settings.session_days);
    let ua = user_agent.map(|s| s.chars().take(200).collect::<String>());
    store::sessions::create(
        &app.db,
        &token_hash(&token),
        user_id,
        expires,
        ua.as_deref(),
    )
    .await?;
    Ok(token)
}

/// How a request says who it is.
#[derive(Debug, Clone, Copy)]
pub enum Credential<'a> {
    /// `Authorization: Bearer` (an API token, or a session secret).
    Bearer(&'a str),
    /// The session cookie.
    Session(&'a str),
}

/// Who is signed in: the account and its roles, resolved from a session or an API token.
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

/// Resolves who presents `credential` (one query for the account and its roles).
pub async fn signed_in(
    app: &App,
    credential: Credential<'_>,
) -> Result<Option<SignedIn>, store::Error> {
    let (found, via_bearer) = match credential {
        Credential::Bearer(token) => {
            let hash = token_hash(token);
            let found = if token.starts_with(API_TOKEN_PREFIX) {
                let found = store::accounts::user_and_roles_by_api_token(&app.db, &hash).await?;
                if found.is_some() {
                    app.token_touches.note(&hash);
                }
                found
            } else {
                store::sessions::user_and_roles_of(&app.db, &hash).await?
            };
            (found, true)
        }
        Credential::Session(token) => (
            store::sessions::user_and_roles_of(&app.db, &token_hash(token)).await?,
            false,
        ),
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
