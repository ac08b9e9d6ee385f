//! Errors as responses: translated HTML pages for browsers, JSON with a stable code for
//! the API. The cause is logged, never shown.

use askama::Template;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use domain::Lang;
use serde::Serialize;

use app::{OpError, i18n};

use crate::ctx::Ctx;
use crate::scope;

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// Layout context.
    pub ctx: Ctx,
    /// HTTP status.
    pub status: u16,
    /// Translated message.
    pub message: String,
    /// Where to go back to.
    pub back: Option<String>,
}

/// Renders a template, or a bare 500 if rendering itself fails (it cannot for our templates).
pub fn html<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// An error page for a request whose context is not (or not yet) known.
pub fn plain_error(lang: Lang, status: StatusCode, code: &str, path: &str) -> Response {
    error_page(Ctx::bare(lang, path), status, code)
}

/// An error page with the full layout.
pub fn error_page(ctx: Ctx, status: StatusCode, code: &str) -> Response {
    let message = ctx.t(code);
    html(
        status,
        &ErrorPage {
            ctx,
            status: status.as_u16(),
            message,
            back: None,
        },
    )
}

/// An error page with an already translated message and a link back (e.g. to the list a
/// form was on).
pub fn message_page(ctx: Ctx, status: StatusCode, message: &str, back: &str) -> Response {
    html(
        status,
        &ErrorPage {
            ctx,
            status: status.as_u16(),
            message: message.to_owned(),
            back: Some(back.to_owned()),
        },
    )
}

/// Logs a store failure and answers 503 with a translated page.
pub fn store_failure(ctx: Ctx, e: app::StoreError) -> Response {
    tracing::error!(error = %e, "store failure");
    error_page(ctx, StatusCode::SERVICE_UNAVAILABLE, "unavailable")
}

/// Why a page handler did not render its page: it renders itself (translated, in the
/// layout of the request's page) so that handlers use `?` on operations.
#[derive(Debug)]
pub enum PageError {
    /// An operation said no.
    Op(OpError),
    /// A status with a message code (e.g. 404 `not_found`).
    Status(StatusCode, &'static str),
    /// Nobody is signed in: to the log-in page, coming back here afterwards.
    SignIn,
}

/// What a page handler returns.
pub type PageResult<T = Response> = Result<T, PageError>;

impl PageError {
    /// 404.
    pub fn not_found() -> Self {
        PageError::Status(StatusCode::NOT_FOUND, "not_found")
    }
    /// 403 with `code`.
    pub fn forbidden(code: &'static str) -> Self {
        PageError::Status(StatusCode::FORBIDDEN, code)
    }
}

impl From<OpError> for PageError {
    fn from(e: OpError) -> Self {
        PageError::Op(e)
    }
}

impl From<app::StoreError> for PageError {
    fn from(e: app::StoreError) -> Self {
        PageError::Op(e.into())
    }
}

impl From<domain::Denied> for PageError {
    fn from(d: domain::Denied) -> Self {
        PageError::Op(d.into())
    }
}

pub use crate::ctx::to_login;

/// The error page for an operation that did not happen (forms with errors are re-rendered
/// by their handlers; this covers the rest).
pub fn op_error_page(ctx: Ctx, e: app::OpError) -> Response {
    match e {
        OpError::Forbidden("unauthenticated") => to_login(&ctx.path),
        OpError::Forbidden(code) => error_page(ctx, StatusCode::FORBIDDEN, code),
        OpError::NotFound => error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
        OpError::Conflict(code) => error_page(ctx, StatusCode::CONFLICT, code),
        OpError::RateLimited => error_page(ctx, StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
        OpError::BadToken => error_page(ctx, StatusCode::BAD_REQUEST, "link_invalid"),
        OpError::Store(e) => store_failure(ctx, e),
        OpError::Hashing(e) | OpError::Internal(e) => {
            tracing::error!(error = %e, "internal failure");
            error_page(ctx, StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
        OpError::Invalid(_) | OpError::BadCredentials | OpError::Unconfirmed => {
            error_page(ctx, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let ctx = scope::ctx::<Ctx>().unwrap_or_else(|| Ctx::bare(scope::lang(), &scope::path()));
        match self {
            PageError::Op(OpError::Forbidden("unauthenticated")) | PageError::SignIn => {
                to_login(&ctx.path)
            }
            PageError::Op(e) => op_error_page(ctx, e),
            PageError::Status(status, code) => error_page(ctx, status, code),
        }
    }
}

impl IntoResponse for crate::ctx::Refused {
    fn into_response(self) -> Response {
        plain_error(self.lang, self.status, self.code, &self.path)
    }
}

impl IntoResponse for crate::ctx::PathNotFound {
    fn into_response(self) -> Response {
        if self.api {
            ApiError::new(self.lang, StatusCode::NOT_FOUND, "not_found").into_response()
        } else {
            PageError::not_found().into_response()
        }
    }
}

impl Ctx {
    /// A context without a user (error pages of rejected requests).
    pub fn bare(lang: Lang, path: &str) -> Ctx {
        Ctx {
            lang,
            user: None,
            csrf: String::new(),
            path: path.to_owned(),
            flash: None,
            ip: None,
            user_agent: None,
            log_alarm: None,
        }
    }
}

/// A field-level error in an API answer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// Stable code, e.g. `iin_checksum`.
    pub code: String,
    /// Translated message.
    pub message: String,
}

/// The body of every API error.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable snake_case code, e.g. `validation_failed`, `unauthenticated`.
    pub code: String,
    /// Translated message.
    pub message: String,
    /// Per-field errors (validation only).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub fields: std::collections::BTreeMap<String, FieldError>,
}

/// The envelope: `{"error": {...}}`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApiErrorResponse {
    /// The error.
    pub error: ErrorBody,
}

/// An API error: status, code and translated message.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// The body.
    pub body: ErrorBody,
}

impl ApiError {
    /// An error with `code` translated into `lang`.
    pub fn new(lang: Lang, status: StatusCode, code: &str) -> Self {
        ApiError {
            status,
            body: ErrorBody {
                code: code.to_owned(),
                message: i18n::t(lang, code),
                fields: Default::default(),
            },
        }
    }
    /// 422 with per-field errors.
    pub fn validation(lang: Lang, fields: &app::Errors) -> Self {
        let mut e = ApiError::new(lang, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
        for (field, (code, message)) in fields.iter() {
            e.body.fields.insert(
                field.clone(),
                FieldError {
                    code: code.clone(),
                    message: message.clone(),
                },
            );
        }
        e
    }
    /// An error with `code`, in the language of the request being answered.
    pub fn status(status: StatusCode, code: &str) -> Self {
        ApiError::new(scope::lang(), status, code)
    }
    /// 404 `not_found`.
    pub fn not_found() -> Self {
        ApiError::status(StatusCode::NOT_FOUND, "not_found")
    }
    /// An operation's refusal as the API says it (status, stable code, translated message).
    pub fn op(lang: Lang, e: OpError) -> Self {
        match e {
            OpError::Invalid(errors) => ApiError::validation(lang, &errors),
            OpError::RateLimited => {
                ApiError::new(lang, StatusCode::TOO_MANY_REQUESTS, "rate_limited")
            }
            OpError::BadToken => ApiError::new(lang, StatusCode::BAD_REQUEST, "link_invalid"),
            OpError::BadCredentials => {
                ApiError::new(lang, StatusCode::UNAUTHORIZED, "login_failed")
            }
            OpError::Unconfirmed => ApiError::new(lang, StatusCode::FORBIDDEN, "login_unconfirmed"),
            OpError::Store(e) => ApiError::store(lang, e),
            OpError::Hashing(e) => {
                tracing::error!(error = %e, "password hashing failed");
                ApiError::new(lang, StatusCode::SERVICE_UNAVAILABLE, "unavailable")
            }
            OpError::Forbidden("unauthenticated") => {
                ApiError::new(lang, StatusCode::UNAUTHORIZED, "unauthenticated")
            }
            OpError::Forbidden(code) => ApiError::new(lang, StatusCode::FORBIDDEN, code),
            OpError::NotFound => ApiError::new(lang, StatusCode::NOT_FOUND, "not_found"),
            OpError::Conflict(code) => ApiError::new(lang, StatusCode::CONFLICT, code),
            OpError::Internal(e) => {
                tracing::error!(error = %e, "internal failure");
                ApiError::new(lang, StatusCode::SERVICE_UNAVAILABLE, "unavailable")
            }
        }
    }
    /// Logs a store failure and answers 503.
    pub fn store(lang: Lang, e: app::StoreError) -> Self {
        tracing::error!(error = %e, "store failure");
        ApiError::new(lang, StatusCode::SERVICE_UNAVAILABLE, "unavailable")
    }
}

impl From<OpError> for ApiError {
    fn from(e: OpError) -> Self {
        ApiError::op(scope::lang(), e)
    }
}

impl From<app::StoreError> for ApiError {
    fn from(e: app::StoreError) -> Self {
        ApiError::op(scope::lang(), e.into())
    }
}

impl From<domain::Denied> for ApiError {
    fn from(d: domain::Denied) -> Self {
        ApiError::op(scope::lang(), d.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(ApiErrorResponse { error: self.body })).into_response()
    }
}
