//! Server-rendered pages. They work without JavaScript; forms post with a CSRF token.

// Helpers of page handlers (defined before the modules that use them): each returns the
// page a handler answers with when the request cannot go on.

/// The key in `$s`, or the "not found" page.
macro_rules! uuid_or_404 {
    ($ctx:expr, $s:expr) => {
        match uuid::Uuid::parse_str($s) {
            Ok(id) => id,
            Err(_) => {
                return $crate::error::error_page(
                    $ctx,
                    axum::http::StatusCode::NOT_FOUND,
                    "not_found",
                );
            }
        }
    };
}

/// The signed-in user, or a redirect to the login page.
macro_rules! signed_in_or_login {
    ($ctx:expr) => {
        match $ctx.user.clone() {
            Some(me) => me,
            None => {
                return axum::response::IntoResponse::into_response(axum::response::Redirect::to(
                    "/login",
                ));
            }
        }
    };
}

/// The value of an operation, or its error page.
macro_rules! try_page {
    ($ctx:expr, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return $crate::pages::op_error_page($ctx, e.into()),
        }
    };
}

pub mod account;
pub mod admin;
pub mod book;
pub mod events;
pub mod forms;
pub mod help;
pub mod home;
pub mod imports;
pub mod manage;
pub mod orgs;
pub mod profile;
pub mod register;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::AppState;
use crate::ctx::{Ctx, FLASH_COOKIE, LANG_COOKIE};
use crate::error::{error_page, html};

/// Renders a page; clears a shown flash message.
pub fn render<T: Template>(ctx: &Ctx, page: &T) -> Response {
    render_status(ctx, StatusCode::OK, page)
}

/// Renders a page with a status (e.g. 422 for a form with errors).
pub fn render_status<T: Template>(ctx: &Ctx, status: StatusCode, page: &T) -> Response {
    let mut res = html(status, page);
    if ctx.flash.is_some() {
        res.headers_mut().append(
            header::SET_COOKIE,
            HeaderValue::from_static("erikti_flash=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"),
        );
    }
    res
}

/// Redirects with a one-time message (`flash_*` key).
pub fn redirect_with_flash(to: &str, flash: &str) -> Response {
    let mut res = Redirect::to(to).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{FLASH_COOKIE}={flash}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax"
    )) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// Only local paths are followed after a language switch or a log-in (no open redirect).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/".to_owned(),
    }
}

#[derive(serde::Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// Switches the language (a cookie for a year) and goes back.
async fn switch_lang(Path(code): Path<String>, Query(q): Query<NextQuery>) -> Response {
    let mut res = Redirect::to(&safe_next(q.next.as_deref())).into_response();
    if let Some(lang) = domain::Lang::parse(&code)
        && let Ok(v) = HeaderValue::from_str(&format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.code()
        ))
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

const APP_CSS: &str = include_str!("../../static/app.css");
const FAVICON: &str = include_str!("../../static/favicon.svg");

async fn app_css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        APP_CSS,
    )
        .into_response()
}

async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        FAVICON,
    )
        .into_response()
}

/// The error page for an operation that did not happen (forms with errors are re-rendered
/// by their handlers; this covers the rest).
pub fn op_error_page(ctx: Ctx, e: crate::accounts::OpError) -> Response {
    use crate::accounts::OpError;
    match e {
        OpError::Forbidden("unauthenticated") => Redirect::to("/login").into_response(),
        OpError::Forbidden(code) => error_page(ctx, StatusCode::FORBIDDEN, code),
        OpError::NotFound => error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
        OpError::Conflict(code) => error_page(ctx, StatusCode::CONFLICT, code),
        OpError::RateLimited => error_page(ctx, StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
        OpError::BadToken => error_page(ctx, StatusCode::BAD_REQUEST, "link_invalid"),
        OpError::Store(e) => crate::error::store_failure(ctx, e),
        OpError::Hashing(e) | OpError::Internal(e) => {
            tracing::error!(error = %e, "internal failure");
            error_page(ctx, StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
        OpError::Invalid(_) | OpError::BadCredentials | OpError::Unconfirmed => {
            error_page(ctx, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
        }
    }
}

/// 404 for everything unknown (JSON under /api).
pub async fn not_found(ctx: Ctx) -> Response {
    if ctx.path.starts_with("/api/") {
        return crate::error::ApiError::new(ctx.lang, StatusCode::NOT_FOUND, "not_found")
            .into_response();
    }
    error_page(ctx, StatusCode::NOT_FOUND, "not_found")
}

/// Routes of the pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/signup", get(account::signup_form).post(account::signup))
        .route("/confirm", get(account::confirm))
        .route("/login", get(account::login_form).post(account::login))
        .route("/logout", post(account::logout))
        .route(
            "/password/forgot",
            get(account::forgot_form).post(account::forgot),
        )
        .route(
            "/password/reset",
            get(account::reset_form).post(account::reset),
        )
        .route("/email/confirm", get(account::confirm_email_change))
        .route("/profile", get(profile::show).post(profile::save))
        .route("/profile/email", post(profile::change_email))
        .route("/profile/tokens", post(profile::create_token))
        .route("/profile/tokens/{id}/revoke", post(profile::revoke_token))
        .route("/admin/mailbox", get(admin::mailbox))
        .route("/organizations", get(orgs::directory).post(orgs::create))
        .route("/organizations/new", get(orgs::new_form))
        .route("/organizations/{id}", get(orgs::show))
        .route(
            "/organizations/{id}/edit",
            get(orgs::edit_form).post(orgs::edit),
        )
        .route(
            "/organizations/{id}/verification",
            post(orgs::request_verification),
        )
        .route(
            "/organizations/{id}/logo",
            get(orgs::logo)
                .post(orgs::upload_logo)
                .layer(axum::extract::DefaultBodyLimit::max(
                    domain::LOGO_MAX_BYTES + 256 * 1024,
                )),
        )
        .route("/organizations/{id}/invite", post(orgs::invite))
        .route(
            "/organizations/{id}/members/{user}/{what}",
            post(orgs::member),
        )
        .route("/organizations/{id}/suspension/{what}", post(orgs::suspend))
        .route(
            "/invitations/accept",
            get(orgs::invitation).post(orgs::accept),
        )
        .route("/front-office", get(orgs::front_office))
        .route("/front-office/{region}", get(orgs::queue))
        .route("/front-office/{region}/help", get(help::queue))
        .route(
            "/front-office/{region}/help/new",
            get(help::intake).post(help::intake_post),
        )
        .route(
            "/front-office/{region}/emergency",
            get(help::call_form).post(help::raise),
        )
        .route("/help", get(help::ask).post(help::file))
        .route(
            "/help/{id}/{what}",
            get(help::code_form).post(help::code_post),
        )
        .route("/help-requests/{id}", get(help::show))
        .route("/help-requests/{id}/{action}", post(help::act))
        .route("/me/help", get(help::mine))
        .route("/me/help/point", post(help::set_point))
        .route("/emergency/{id}", get(help::call))
        .route("/emergency/{id}/{action}", post(help::call_act))
        .route(
            "/front-office/imports",
            get(imports::list)
                .post(imports::upload)
                .layer(axum::extract::DefaultBodyLimit::max(
                    crate::imports::MAX_FILE_BYTES + 64 * 1024,
                )),
        )
        .route("/front-office/imports/{id}", get(imports::show))
        .route("/front-office/imports/{id}/{what}", post(imports::act))
        .route(
            "/verification/{id}",
            get(orgs::verification).post(orgs::decide),
        )
        .route("/admin/coordinators", get(orgs::coordinators))
        .route("/admin/coordinators/{what}", post(orgs::set_coordinator))
        .route("/admin/audit", get(orgs::audit))
        .route("/events", get(events::search))
        .route("/events/{id}", get(events::show))
        .route("/events/{id}/calendar.ics", get(events::event_ics))
        .route("/organizations/{id}/events/new", get(manage::new_form))
        .route("/organizations/{id}/events", post(manage::create))
        .route("/organizations/{id}/projects", post(manage::create_project))
        .route(
            "/events/{id}/edit",
            get(manage::edit_form).post(manage::edit),
        )
        .route("/events/{id}/manage", get(manage::manage))
        .route("/events/{id}/shifts", post(manage::add_series))
        .route(
            "/events/{id}/{file}",
            get(manage::participants).post(manage::status),
        )
        .route("/shifts/{id}/apply", post(events::apply))
        .route("/shifts/{id}/applications", get(manage::applications))
        .route("/shifts/{id}/decisions", post(manage::bulk))
        .route("/shifts/{id}/qr", get(manage::qr))
        .route("/applications/{id}/cancel", post(events::cancel))
        .route("/applications/{id}/{what}", post(manage::decide))
        .route(
            "/check-in",
            get(events::check_in_page).post(events::check_in),
        )
        .route("/me/applications", get(events::mine))
        .route("/me/book", get(book::mine))
        .route("/me/book/public", post(book::set_public))
        .route("/volunteers/{id}/book", get(book::public))
        .route("/me/certificates", post(book::issue))
        .route("/me/book/{file}", get(book::export_mine))
        .route("/organizations/{id}/hours/{file}", get(book::export_org))
        .route("/certificates/{file}", get(book::download))
        .route("/verify/{code}", get(book::verify))
        .route("/me/hours", post(book::claim))
        .route("/hours/{id}/dispute", post(book::dispute))
        .route("/hours/{id}/decision", post(book::decision))
        .route(
            "/organizations/{id}/hours",
            get(book::org_hours).post(book::decide),
        )
        .route("/me/notifications", post(events::notifications))
        .route("/me/calendar", post(events::calendar_settings))
        .route("/calendar/{file}", get(events::calendar_feed))
        .route("/register", get(register::public))
        .route(
            "/register/apply",
            get(register::apply_form).post(register::apply),
        )
        .route("/register/{format}", get(register::export))
        .route("/admin/register", get(register::admin))
        .route("/admin/register/{id}", post(register::decide))
        .route("/api/docs", get(admin::api_docs))
        .route("/lang/{code}", get(switch_lang))
        .route("/static/app.css", get(app_css))
        .route("/static/favicon.svg", get(favicon))
}
