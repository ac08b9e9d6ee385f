//! Server-rendered pages. They work without JavaScript; forms post with a CSRF token.

pub mod account;
pub mod admin;
pub mod book;
pub mod charity;
pub mod charity_figures;
pub mod charity_gifts;
pub mod charity_report;
pub mod events;
pub mod forms;
pub mod giving;
pub mod help;
pub mod home;
pub mod imports;
pub mod manage;
pub mod organizations;
pub mod profile;
pub mod register;
pub mod statements;

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

pub use crate::ctx::safe_next;
pub use crate::error::op_error_page;

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
        .route(
            "/organizations",
            get(organizations::directory).post(organizations::create),
        )
        .route("/organizations/new", get(organizations::new_form))
        .route("/organizations/{id}", get(organizations::show))
        .route(
            "/organizations/{id}/edit",
            get(organizations::edit_form).post(organizations::edit),
        )
        .route(
            "/organizations/{id}/verification",
            post(organizations::request_verification),
        )
        .route(
            "/organizations/{id}/logo",
            get(organizations::logo)
                .post(organizations::upload_logo)
                .layer(axum::extract::DefaultBodyLimit::max(
                    domain::LOGO_MAX_BYTES + 256 * 1024,
                )),
        )
        .route("/organizations/{id}/invite", post(organizations::invite))
        .route(
            "/organizations/{id}/members/{user}/{what}",
            post(organizations::member),
        )
        .route(
            "/organizations/{id}/suspension/{what}",
            post(organizations::suspend),
        )
        .route(
            "/invitations/accept",
            get(organizations::invitation).post(organizations::accept),
        )
        .route("/collections", get(charity::directory))
        .route("/collections/{id}", get(charity::show))
        .route("/collections/{id}/manage", get(charity::manage))
        .route("/collections/{id}/give", post(charity::give))
        .route(
            "/collections/{id}/expenses",
            post(charity::expense).layer(axum::extract::DefaultBodyLimit::max(
                domain::charity::RECEIPT_MAX_BYTES + 256 * 1024,
            )),
        )
        .route("/collections/{id}/concern", post(charity::concern))
        .route(
            "/collections/{id}/in-kind",
            post(charity_gifts::record).layer(axum::extract::DefaultBodyLimit::max(
                domain::charity::GIFT_UPLOAD_MAX_BYTES + 256 * 1024,
            )),
        )
        .route("/collections/{id}/report", post(charity_report::publish))
        .route("/donations/{id}/photos/{n}", get(charity_gifts::photo))
        .route("/donations/{id}/act", get(charity_gifts::act))
        .route("/collections/{id}/{action}", post(charity::act))
        .route("/concerns/{id}/close", post(charity::close_concern))
        .route("/expenses/{id}/receipt", get(charity::receipt))
        .route("/receipts/{file}", get(charity::receipt_check))
        .route(
            "/organizations/{id}/collections/new",
            get(charity::new_form),
        )
        .route("/organizations/{id}/collections", post(charity::create))
        .route("/front-office/{region}/collections", get(charity::queue))
        .route("/organizations/{id}/charity", get(charity_figures::annual))
        .route(
            "/organizations/{id}/charity/{file}",
            get(charity_figures::annual_file),
        )
        .route(
            "/front-office/{region}/charity",
            get(charity_figures::regional),
        )
        .route("/admin/charity", get(charity_figures::national))
        .route("/front-office", get(organizations::front_office))
        .route("/front-office/{region}", get(organizations::queue))
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
                    app::imports::MAX_FILE_BYTES + 64 * 1024,
                )),
        )
        .route(
            "/organizations/{id}/statements",
            get(statements::list).post(statements::upload).layer(
                axum::extract::DefaultBodyLimit::max(
                    app::charity::statements::MAX_FILE_BYTES + 64 * 1024,
                ),
            ),
        )
        .route(
            "/organizations/{id}/statements/waiting",
            get(statements::waiting).post(statements::assign),
        )
        .route(
            "/organizations/{id}/statements/{statement}",
            get(statements::show),
        )
        .route(
            "/organizations/{id}/statements/{statement}/{what}",
            post(statements::act),
        )
        .route("/front-office/imports/{id}", get(imports::show))
        .route("/front-office/imports/{id}/{what}", post(imports::act))
        .route(
            "/verification/{id}",
            get(organizations::verification).post(organizations::decide),
        )
        .route("/admin/coordinators", get(organizations::coordinators))
        .route(
            "/admin/coordinators/{what}",
            post(organizations::set_coordinator),
        )
        .route("/admin/audit", get(organizations::audit))
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
        .route("/me/donations", get(giving::mine))
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
