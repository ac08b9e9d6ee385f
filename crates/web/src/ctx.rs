//! The per-request context of pages: language, signed-in user, CSRF token, flash message;
//! and the form extractor that checks the CSRF token.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::Response;
use domain::Lang;

use crate::auth::{SignedIn, same_secret, signed_in};
use crate::{AppState, BODY_LIMIT};
use app::i18n::{self, Arg};

pub use crate::scope::{LANG_COOKIE, request_lang};

/// Name of the CSRF cookie.
pub const CSRF_COOKIE: &str = "erikti_csrf";

/// The CSRF token of this request (from the cookie, or newly issued).
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// Only local paths are followed after a language switch or a log-in (no open redirect).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/".to_owned(),
    }
}

/// The log-in page, with a way back to `path`.
pub fn to_login(path: &str) -> Response {
    use axum::response::IntoResponse;
    let back = safe_next(Some(path));
    if back == "/" {
        return axum::response::Redirect::to("/login").into_response();
    }
    let back: String =
        percent_encoding::utf8_percent_encode(&back, percent_encoding::NON_ALPHANUMERIC).collect();
    axum::response::Redirect::to(&format!("/login?next={back}")).into_response()
}

/// Which page of a list (`?page=`, from 1), for pages and the API alike.
#[derive(Debug, Default, serde::Deserialize)]
pub struct PageQuery {
    /// From 1.
    pub page: Option<i64>,
}

/// A request refused before its handler ran (a bad form, a failed session lookup): answered
/// with a translated error page.
#[derive(Debug)]
pub struct Refused {
    /// The request's language.
    pub lang: Lang,
    /// The status to answer.
    pub status: StatusCode,
    /// The message code.
    pub code: &'static str,
    /// The request's path.
    pub path: String,
}

fn plain_error(lang: Lang, status: StatusCode, code: &'static str, path: &str) -> Refused {
    Refused {
        lang,
        status,
        code,
        path: path.to_owned(),
    }
}

/// A path segment that is not a key: answered 404 (JSON under `/api/`).
#[derive(Debug)]
pub struct PathNotFound {
    /// The request's language.
    pub lang: Lang,
    /// The request was to the API.
    pub api: bool,
}
/// Name of the flash cookie (a message key shown once after a redirect).
pub const FLASH_COOKIE: &str = "erikti_flash";

/// The client's IP: the socket peer, or `X-Forwarded-For` behind a trusted proxy.
pub fn client_ip(state: &AppState, parts: &Parts) -> Option<IpAddr> {
    if state.settings.trust_proxy
        && let Some(ip) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| v.trim().parse().ok())
    {
        return Some(ip);
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
}

/// Everything a page needs to render its layout.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// Language of the page.
    pub lang: Lang,
    /// The signed-in user, if any.
    pub user: Option<SignedIn>,
    /// CSRF token for forms.
    pub csrf: String,
    /// Path and query of this request (for the language switcher).
    pub path: String,
    /// One-time message key from the previous request.
    pub flash: Option<String>,
    /// Client IP.
    pub ip: Option<IpAddr>,
    /// User agent.
    pub user_agent: Option<String>,
    /// For national admins: what the watch over the public log found wrong, if anything.
    pub log_alarm: Option<String>,
}

impl Ctx {
    /// Translates `key`.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }
    /// Translates `key` with one numeric argument.
    pub fn tn(&self, key: &str, name: &str, n: i64) -> String {
        i18n::t_args(self.lang, key, &[(name, Arg::Num(n))])
    }
    /// Translates `key` with one string argument.
    pub fn ts(&self, key: &str, name: &str, s: &str) -> String {
        i18n::t_args(self.lang, key, &[(name, Arg::Str(s.to_owned()))])
    }
    /// The language code (for `<html lang>`).
    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }
    /// True when someone is signed in.
    pub fn signed_in(&self) -> bool {
        self.user.is_some()
    }
    /// True for national admins.
    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(SignedIn::is_national_admin)
    }
    /// True for regional coordinators (and national admins): they see the front-office.
    pub fn is_staff(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.is_national_admin() || u.roles.iter().any(|r| r.region().is_some()))
    }
    /// The display name of the signed-in user.
    pub fn user_name(&self) -> &str {
        self.user
            .as_ref()
            .map(|u| u.user.display_name.as_str())
            .unwrap_or("")
    }
    /// A number formatted for the page's language.
    pub fn num(&self, n: i64) -> String {
        domain::format_number(n, self.lang)
    }
    /// The link that switches this page to `lang`.
    pub fn lang_link(&self, lang: &Lang) -> String {
        format!(
            "/lang/{}?next={}",
            lang.code(),
            percent_encoding::utf8_percent_encode(&self.path, percent_encoding::NON_ALPHANUMERIC)
        )
    }
    /// All languages, for the switcher.
    pub fn langs(&self) -> [Lang; 3] {
        Lang::ALL
    }
    /// True when `lang` is the page's language.
    pub fn is_lang(&self, lang: &Lang) -> bool {
        *lang == self.lang
    }
    /// The flash message, translated.
    pub fn flash_text(&self) -> Option<String> {
        self.flash.as_deref().map(|k| self.t(k))
    }
}

/// Flash message keys that may come back from the cookie (anything else is ignored).
pub const FLASH_KEYS: &[&str] = &[
    "flash_code_sent",
    "flash_help_filed",
    "flash_call_raised",
    "flash_import_started",
    "flash_import_discarded",
    "flash_statement_started",
    "flash_statement_discarded",
    "flash_statement_assigned",
    "flash_book_public",
    "flash_book_private",
    "flash_signed_out",
    "flash_profile_saved",
    "flash_password_changed",
    "flash_token_revoked",
    "flash_email_change_sent",
    "flash_signed_in",
    "flash_org_saved",
    "flash_verification_requested",
    "flash_decision_saved",
    "flash_invitation_sent",
    "flash_invitation_accepted",
    "flash_member_removed",
    "flash_register_submitted",
    "flash_application_accepted",
    "flash_application_waitlisted",
    "flash_application_pending",
    "flash_application_cancelled",
    "flash_event_saved",
    "flash_shifts_added",
    "flash_checked_in",
    "flash_saved",
    "flash_hours_claimed",
    "flash_hours_disputed",
    "flash_certificate_issued",
];

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Refused;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Refused> {
        if let Some(ctx) = parts.extensions.get::<Ctx>() {
            return Ok(ctx.clone());
        }
        let lang = request_lang(&parts.headers);
        let user = match signed_in(state, &parts.headers).await {
            Ok(u) => u,
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                return Err(plain_error(
                    lang,
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    parts.uri.path(),
                ));
            }
        };
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let flash = crate::auth::cookie(&parts.headers, FLASH_COOKIE)
            .and_then(|k| FLASH_KEYS.iter().find(|f| **f == k))
            .map(|k| (*k).to_owned());
        let path = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".into());
        let log_alarm = user
            .as_ref()
            .filter(|u| u.is_national_admin())
            .and_then(|_| state.log_watch.alarm());
        let ctx = Ctx {
            log_alarm,
            lang,
            user,
            csrf,
            path,
            flash,
            ip: client_ip(state, parts),
            user_agent: parts
                .headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        };
        // Once per request: other extractors (and error pages) reuse it.
        parts.extensions.insert(ctx.clone());
        crate::scope::remember(&ctx);
        Ok(ctx)
    }
}

/// The signed-in person of a page; without one, the log-in page (coming back afterwards).
#[derive(Debug, Clone)]
pub struct Me(pub SignedIn);

impl FromRequestParts<AppState> for Me {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        use axum::response::IntoResponse;
        let ctx = Ctx::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match ctx.user {
            Some(me) => Ok(Me(me)),
            // Back to a page after logging in; a form's address takes no GET.
            None if parts.method == axum::http::Method::GET => Err(to_login(&ctx.path)),
            None => Err(to_login("/")),
        }
    }
}

/// What a page of a signed-in person starts from: the state, the page's context and the
/// person (without one, the log-in page, as [`Me`]). One extractor instead of three:
///
/// ```ignore
/// pub async fn dispute(Signed { state, ctx, me }: Signed, Id(id): Id, f: CsrfForm) -> PageResult
/// ```
#[derive(Clone)]
pub struct Signed {
    /// The application.
    pub state: AppState,
    /// The page's context (language, CSRF token, flash).
    pub ctx: Ctx,
    /// The person.
    pub me: SignedIn,
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Me(me) = Me::from_request_parts(parts, state).await?;
        let ctx = Ctx::from_request_parts(parts, state)
            .await
            .map_err(axum::response::IntoResponse::into_response)?;
        Ok(Signed {
            state: state.clone(),
            ctx,
            me,
        })
    }
}

/// A UUID in the path; anything else is 404 (a page, or JSON under `/api/`).
#[derive(Debug, Clone, Copy)]
pub struct Id(pub uuid::Uuid);

/// Two path segments: a UUID and a word (`/help/{id}/{action}`); a bad UUID is 404.
#[derive(Debug, Clone)]
pub struct IdAnd(pub uuid::Uuid, pub String);

fn path_not_found(parts: &Parts) -> PathNotFound {
    PathNotFound {
        lang: request_lang(&parts.headers),
        // Under `nest("/api/v1", …)` the router sees the path without its prefix.
        api: parts
            .extensions
            .get::<axum::extract::OriginalUri>()
            .map_or(parts.uri.path(), |u| u.0.path())
            .starts_with("/api/"),
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = PathNotFound;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PathNotFound> {
        let axum::extract::Path(raw) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|_| path_not_found(parts))?;
        uuid::Uuid::parse_str(&raw)
            .map(Id)
            .map_err(|_| path_not_found(parts))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IdAnd {
    type Rejection = PathNotFound;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PathNotFound> {
        let axum::extract::Path((raw, word)) =
            axum::extract::Path::<(String, String)>::from_request_parts(parts, state)
                .await
                .map_err(|_| path_not_found(parts))?;
        uuid::Uuid::parse_str(&raw)
            .map(|id| IdAnd(id, word))
            .map_err(|_| path_not_found(parts))
    }
}

/// A submitted form (`application/x-www-form-urlencoded`) whose `_csrf` field matched the
/// CSRF cookie. Fields keep every value, so checkboxes with one name work.
#[derive(Debug, Clone, Default)]
pub struct CsrfForm {
    fields: HashMap<String, Vec<String>>,
}

impl CsrfForm {
    /// Builds a form from pairs (tests and internal use).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut fields: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in pairs {
            fields.entry(k.to_owned()).or_default().push(v.to_owned());
        }
        CsrfForm { fields }
    }
    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .get(name)
            .and_then(|v| v.first())
            .map(String::as_str)
            .unwrap_or("")
    }
    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields.get(name).cloned().unwrap_or_default()
    }
}

impl FromRequest<AppState> for CsrfForm {
    type Rejection = Refused;

    async fn from_request(req: Request, _state: &AppState) -> Result<Self, Refused> {
        let lang = request_lang(req.headers());
        let path = req.uri().path().to_owned();
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(plain_error(
                lang,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                &path,
            ));
        }
        let expected = req
            .extensions()
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let had_cookie = crate::auth::cookie(req.headers(), CSRF_COOKIE).is_some();
        let body = axum::body::to_bytes(req.into_body(), BODY_LIMIT)
            .await
            .map_err(|_| {
                plain_error(
                    lang,
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    &path,
                )
            })?;
        let form = CsrfForm::from_pairs(
            form_urlencoded::parse(&body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect::<Vec<_>>()
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
        if !had_cookie || expected.is_empty() || !same_secret(form.get("_csrf"), &expected) {
            return Err(plain_error(
                lang,
                StatusCode::FORBIDDEN,
                "csrf_failed",
                &path,
            ));
        }
        Ok(form)
    }
}

/// A multipart form read whole: its text fields and one file.
#[derive(Debug, Default)]
pub struct Upload {
    /// Text fields (including `_csrf`).
    pub fields: CsrfForm,
    /// The file's name as sent.
    pub file_name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl Upload {
    /// Reads `form`, keeping the file of `file_field`, and checks the form's CSRF token
    /// against `csrf`. Errors: (status, code) for an error page or a JSON error.
    pub async fn read(
        mut form: axum::extract::Multipart,
        file_field: &str,
        csrf: Option<&CsrfToken>,
    ) -> Result<Upload, (StatusCode, &'static str)> {
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut up = Upload::default();
        loop {
            match form.next_field().await {
                Ok(Some(field)) => {
                    let name = field.name().unwrap_or("").to_owned();
                    let file_name = field.file_name().unwrap_or("").to_owned();
                    let data = field.bytes().await.map_err(|e| {
                        tracing::warn!(error = %e, "upload");
                        (e.status(), "payload_too_large")
                    })?;
                    if name == file_field {
                        up.file_name = file_name;
                        up.bytes = data.to_vec();
                    } else {
                        fields.push((name, String::from_utf8_lossy(&data).into_owned()));
                    }
                }
                Ok(None) => break,
                Err(_) => return Err((StatusCode::BAD_REQUEST, "invalid_form")),
            }
        }
        up.fields = CsrfForm::from_pairs(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        if let Some(csrf) = csrf
            && (csrf.0.is_empty() || !same_secret(up.fields.get("_csrf"), &csrf.0))
        {
            return Err((StatusCode::FORBIDDEN, "csrf_failed"));
        }
        Ok(up)
    }
}

/// A multipart form read whole: its text fields and every file of the named file fields
/// (an input with several files, or the same name sent again), in the order sent. A file
/// input left empty by the browser (no name, no bytes) is no file.
#[derive(Debug, Default)]
pub struct Uploads {
    /// Text fields (including `_csrf`).
    pub fields: CsrfForm,
    /// Files: their field's name and bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Uploads {
    /// Reads `form`, keeping the files of `file_fields`, and checks the form's CSRF token
    /// against `csrf`. Errors: (status, code) for an error page or a JSON error.
    pub async fn read(
        mut form: axum::extract::Multipart,
        file_fields: &[&str],
        csrf: Option<&CsrfToken>,
    ) -> Result<Uploads, (StatusCode, &'static str)> {
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut files = Vec::new();
        loop {
            match form.next_field().await {
                Ok(Some(field)) => {
                    let name = field.name().unwrap_or("").to_owned();
                    let named = field.file_name().is_some_and(|n| !n.is_empty());
                    let data = field.bytes().await.map_err(|e| {
                        tracing::warn!(error = %e, "upload");
                        (e.status(), "payload_too_large")
                    })?;
                    if file_fields.contains(&name.as_str()) {
                        if named || !data.is_empty() {
                            files.push((name, data.to_vec()));
                        }
                    } else {
                        fields.push((name, String::from_utf8_lossy(&data).into_owned()));
                    }
                }
                Ok(None) => break,
                Err(_) => return Err((StatusCode::BAD_REQUEST, "invalid_form")),
            }
        }
        let fields = CsrfForm::from_pairs(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        if let Some(csrf) = csrf
            && (csrf.0.is_empty() || !same_secret(fields.get("_csrf"), &csrf.0))
        {
            return Err((StatusCode::FORBIDDEN, "csrf_failed"));
        }
        Ok(Uploads { fields, files })
    }

    /// The files sent under `name`, in order.
    pub fn files(&self, name: &str) -> Vec<Vec<u8>> {
        self.files
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, b)| b.clone())
            .collect()
    }
}
