//! Sessions over HTTP: the session cookie, `Authorization: Bearer`, and who is signed in
//! (resolved by [`app::auth`]).

use axum::http::HeaderMap;

pub use app::auth::{
    API_TOKEN_PREFIX, SignedIn, hash_password, random_token, same_secret, token_hash,
    verify_password,
};

use crate::AppState;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "erikti_session";

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

/// The token of an `Authorization: Bearer …` header (the scheme in any case, RFC 7235); any
/// other scheme is no token.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Resolves the user of a request: a bearer token when the request carries one (and then
/// only it: the session cookie is not looked at), else the session cookie.
pub async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<SignedIn>, app::StoreError> {
    let credential = match (bearer_token(headers), cookie(headers, SESSION_COOKIE)) {
        (Some(token), _) => app::auth::Credential::Bearer(token),
        (None, Some(token)) => app::auth::Credential::Session(token),
        (None, None) => return Ok(None),
    };
    app::auth::signed_in(state, credential).await
}
