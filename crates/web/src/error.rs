//! Errors as responses: translated HTML pages for browsers, JSON with a stable code for
//! the API. The cause is logged, never shown.

use askama::Template;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use domain::Lang;
use serde::Serialize;

use crate::ctx::Ctx;
use crate::i18n;

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
pub fn store_failure(ctx: Ctx, e: store::Error) -> Response {
    tracing::error!(error = %e, "store failure");
    error_page(ctx, StatusCode::SERVICE_UNAVAILABLE, "unavailable")
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
    pub fn validation(lang: Lang, fields: &crate::pages::forms::Errors) -> Self {
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
    /// Logs a store failure and answers 503.
    pub fn store(lang: Lang, e: store::Error) -> Self {
        tracing::error!(error = %e, "store failure");
        ApiError::new(lang, StatusCode::SERVICE_UNAVAILABLE, "unavailable")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(ApiErrorResponse { error: self.body })).into_response()
    }
}
