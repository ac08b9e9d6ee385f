//! CSRF protection and security headers for every response.
//!
//! CSRF: state-changing requests authenticated by cookie must come from our own origin
//! (`Sec-Fetch-Site` / `Origin`), and forms carry a token equal to the `erikti_csrf` cookie
//! (checked by [`crate::ctx::CsrfForm`]). Bearer-token requests carry no ambient authority.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::auth::{cookie, random_token, set_cookie};

pub use crate::ctx::{CSRF_COOKIE, CsrfToken};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
                   form-action 'self'; frame-ancestors 'none'";

/// The content security policy: [`CSP`], and where a payment provider is configured, its
/// hosted page's origin as a form target too (giving by card is a form whose answer sends
/// the donor on to the provider's page, which `form-action 'self'` would stop). Made once
/// per server ([`crate::Shared::csp`]).
pub fn csp(settings: &app::Settings) -> HeaderValue {
    let provider = settings
        .payments
        .checkout_url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .map(|u| u.origin().ascii_serialization())
        .filter(|o| o.starts_with("http"));
    match provider {
        Some(origin) => HeaderValue::from_str(&CSP.replace(
            "form-action 'self'",
            &format!("form-action 'self' {origin}"),
        ))
        .unwrap_or(HeaderValue::from_static(CSP)),
        None => HeaderValue::from_static(CSP),
    }
}

fn same_origin(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some(origin), Some(host)) => {
            let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or(origin);
            origin_host == host
        }
        // No Origin header: not a browser cross-site form post (browsers send Origin on POST).
        (None, _) => true,
        (Some(_), None) => false,
    }
}

/// Middleware: cross-origin check, CSRF cookie issue, security headers.
pub async fn csrf_and_headers(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // A bearer token authenticates alone (never with the session cookie), so a request that
    // carries one is no cross-site forgery. Any other `Authorization` scheme skips nothing:
    // the cookie would still sign it in.
    let bearer = crate::auth::bearer_token(req.headers()).is_some();
    if unsafe_method && !bearer && !same_origin(&req) {
        let lang = crate::ctx::request_lang(req.headers());
        return crate::error::plain_error(
            lang,
            StatusCode::FORBIDDEN,
            "csrf_failed",
            req.uri().path(),
        );
    }
    let existing = cookie(req.headers(), CSRF_COOKIE)
        .filter(|t| t.len() >= 32 && t.len() <= 64)
        .map(str::to_owned);
    let issue = existing.is_none();
    let token = existing.unwrap_or_else(random_token);
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if issue && let Ok(v) = HeaderValue::from_str(&set_cookie(&state, CSRF_COOKIE, &token, None)) {
        h.append(header::SET_COOKIE, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert_with(|| state.csp.clone());
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(self)"),
    );
    if state.settings.secure_cookies() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res.into_response()
}
