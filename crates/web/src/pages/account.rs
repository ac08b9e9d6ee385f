//! Sign-up, e-mail confirmation, log-in, log-out and password reset pages.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use app::OpError;
use app::accounts;

use crate::AppState;
use crate::auth::{SESSION_COOKIE, cookie, set_cookie};
use crate::ctx::{CsrfForm, Ctx};
use crate::error::PageResult;
use crate::pages::forms::{Errors, Field};
use crate::pages::{redirect_with_flash, render, render_status};

/// A form page: title, fields, submit label, and links under it.
#[derive(Template)]
#[template(path = "form.html")]
pub struct FormPage {
    /// Layout context.
    pub ctx: Ctx,
    /// `id` of the form (e.g. `signup`).
    pub form_id: &'static str,
    /// Where it posts.
    pub action: String,
    /// Translated title.
    pub title: String,
    /// Translated intro.
    pub intro: Option<String>,
    /// A form-wide error (e.g. wrong credentials).
    pub form_error: Option<String>,
    /// The inputs.
    pub fields: Vec<Field>,
    /// Translated submit label.
    pub submit: String,
    /// Links under the form: (href, translated text).
    pub links: Vec<(String, String)>,
}

impl FormPage {
    /// The form `form_id` posting to `action`: its title, intro (when it has one) and submit
    /// label are the messages `{form_id}_title`, `{form_id}_intro` and `{form_id}_submit`;
    /// `links` are (href, message key).
    fn new(
        ctx: Ctx,
        form_id: &'static str,
        action: String,
        has_intro: bool,
        fields: Vec<Field>,
        links: &[(&str, &str)],
    ) -> FormPage {
        FormPage {
            form_id,
            action,
            title: ctx.t(&format!("{form_id}_title")),
            intro: has_intro.then(|| ctx.t(&format!("{form_id}_intro"))),
            form_error: None,
            fields,
            submit: ctx.t(&format!("{form_id}_submit")),
            links: links
                .iter()
                .map(|(href, key)| ((*href).to_owned(), ctx.t(key)))
                .collect(),
            ctx,
        }
    }
}

/// A page with a message (after sign-up, confirmation, ...).
#[derive(Template)]
#[template(path = "notice.html")]
pub struct NoticePage {
    /// Layout context.
    pub ctx: Ctx,
    /// Translated title.
    pub title: String,
    /// Translated message.
    pub message: String,
    /// `success` or `error`.
    pub tone: &'static str,
    /// A follow-up link: (href, text).
    pub link: Option<(String, String)>,
}

fn notice(
    ctx: Ctx,
    status: StatusCode,
    title: &str,
    message: &str,
    tone: &'static str,
    link: Option<(&str, &str)>,
) -> Response {
    let page = NoticePage {
        title: ctx.t(title),
        message: ctx.t(message),
        tone,
        link: link.map(|(href, key)| (href.to_owned(), ctx.t(key))),
        ctx,
    };
    render_status(&page.ctx, status, &page)
}

fn signup_page(ctx: Ctx, name: &str, email: &str, errors: &Errors) -> FormPage {
    let lang = ctx.lang;
    FormPage::new(
        ctx,
        "signup",
        "/signup".into(),
        true,
        vec![
            Field::new(lang, "name", "text", name)
                .autocomplete("name")
                .required()
                .max(100)
                .with_errors(errors),
            Field::email(lang, email).required().with_errors(errors),
            Field::new_password(lang).with_errors(errors),
        ],
        &[("/login", "signup_have_account")],
    )
}

/// GET /signup
pub async fn signup_form(ctx: Ctx) -> Response {
    if ctx.signed_in() {
        return Redirect::to("/profile").into_response();
    }
    let page = signup_page(ctx.clone(), "", "", &Errors::new(ctx.lang));
    render(&ctx, &page)
}

/// The answer of a form page (built by `rebuild`) whose operation did not happen: the form
/// again with what to fix, or a notice for a bad link; the rest is the error page.
fn op_failure(ctx: Ctx, e: OpError, rebuild: impl FnOnce(Ctx, &Errors) -> FormPage) -> PageResult {
    Ok(match e {
        OpError::Invalid(errors) => {
            let page = rebuild(ctx.clone(), &errors);
            render_status(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        OpError::BadToken => notice(
            ctx,
            StatusCode::BAD_REQUEST,
            "link_invalid_title",
            "link_invalid",
            "error",
            Some(("/password/forgot", "forgot_link")),
        ),
        OpError::BadCredentials | OpError::Unconfirmed => {
            let key = if matches!(e, OpError::Unconfirmed) {
                "login_unconfirmed"
            } else {
                "login_failed"
            };
            let mut page = rebuild(ctx.clone(), &Errors::new(ctx.lang));
            page.form_error = Some(ctx.t(key));
            render_status(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        other => return Err(other.into()),
    })
}

/// POST /signup
pub async fn signup(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> PageResult {
    let (name, email) = (form.get("name").to_owned(), form.get("email").to_owned());
    match accounts::sign_up(
        &state,
        ctx.lang,
        ctx.ip,
        &name,
        &email,
        form.get("password"),
    )
    .await
    {
        Ok(()) => Ok(notice(
            ctx,
            StatusCode::OK,
            "signup_done_title",
            "signup_done",
            "success",
            None,
        )),
        Err(e) => op_failure(ctx, e, |ctx, errors| {
            signup_page(ctx, &name, &email, errors)
        }),
    }
}

/// The `?token=` of a one-time link.
#[derive(serde::Deserialize)]
pub struct TokenQuery {
    /// The token.
    #[serde(default)]
    pub token: String,
}

/// GET /confirm?token=
pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> PageResult {
    match accounts::confirm(&state, &q.token).await {
        Ok(()) => Ok(notice(
            ctx,
            StatusCode::OK,
            "confirm_done_title",
            "confirm_done",
            "success",
            Some(("/login", "nav_login")),
        )),
        Err(e) => op_failure(ctx, e, |ctx, errors| signup_page(ctx, "", "", errors)),
    }
}

/// GET /email/confirm?token=
pub async fn confirm_email_change(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> PageResult {
    match accounts::confirm_email_change(&state, &q.token).await {
        Ok(()) => Ok(notice(
            ctx,
            StatusCode::OK,
            "email_changed_title",
            "email_changed",
            "success",
            Some(("/profile", "nav_profile")),
        )),
        Err(OpError::Invalid(_)) => Ok(notice(
            ctx,
            StatusCode::CONFLICT,
            "link_invalid_title",
            "email_taken",
            "error",
            None,
        )),
        Err(e) => op_failure(ctx, e, |ctx, errors| signup_page(ctx, "", "", errors)),
    }
}

/// Where to go after logging in (`?next=`, local paths only).
#[derive(Debug, Default, serde::Deserialize)]
pub struct AfterLogin {
    /// A local path.
    pub next: Option<String>,
}

impl AfterLogin {
    fn target(&self) -> Option<String> {
        self.next
            .as_deref()
            .filter(|n| !n.is_empty())
            .map(|n| crate::pages::safe_next(Some(n)))
    }
}

fn login_page(ctx: Ctx, email: &str, errors: &Errors, next: &AfterLogin) -> FormPage {
    let lang = ctx.lang;
    let action = match next.target() {
        Some(n) => {
            let mut q = form_urlencoded::Serializer::new(String::new());
            q.append_pair("next", &n);
            format!("/login?{}", q.finish())
        }
        None => "/login".into(),
    };
    FormPage::new(
        ctx,
        "login",
        action,
        false,
        vec![
            Field::email(lang, email).required().with_errors(errors),
            Field::current_password(lang).with_errors(errors),
        ],
        &[
            ("/password/forgot", "forgot_link"),
            ("/signup", "login_no_account"),
        ],
    )
}

/// GET /login
pub async fn login_form(ctx: Ctx, Query(next): Query<AfterLogin>) -> Response {
    if ctx.signed_in() {
        return Redirect::to(&next.target().unwrap_or_else(|| "/profile".into())).into_response();
    }
    let page = login_page(ctx.clone(), "", &Errors::new(ctx.lang), &next);
    render(&ctx, &page)
}

/// POST /login: a new session token every time (rotation); the old one is ended.
pub async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    Query(next): Query<AfterLogin>,
    form: CsrfForm,
) -> PageResult {
    let email = form.get("email").to_owned();
    let session = match accounts::sign_in(
        &state,
        ctx.lang,
        ctx.ip,
        &email,
        form.get("password"),
        ctx.user_agent.as_deref(),
        cookie(&headers, SESSION_COOKIE),
    )
    .await
    {
        Ok(s) => s,
        Err(e) => return op_failure(ctx, e, |ctx, errors| login_page(ctx, &email, errors, &next)),
    };
    let set = set_cookie(
        &state,
        SESSION_COOKIE,
        &session.token,
        Some(state.settings.session_days * 86_400),
    );
    let to = next.target().unwrap_or_else(|| "/profile".into());
    let mut res = redirect_with_flash(&to, "flash_signed_in");
    if let Ok(v) = HeaderValue::from_str(&set) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

/// POST /logout (the page context is extracted so that an error page keeps the layout).
pub async fn logout(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    _ctx: Ctx,
    _form: CsrfForm,
) -> PageResult {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        accounts::end_session(&state, token).await?;
    }
    let mut res = redirect_with_flash("/", "flash_signed_out");
    res.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_static("erikti_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"),
    );
    Ok(res)
}

fn forgot_page(ctx: Ctx, email: &str, errors: &Errors) -> FormPage {
    let lang = ctx.lang;
    FormPage::new(
        ctx,
        "forgot",
        "/password/forgot".into(),
        true,
        vec![Field::email(lang, email).required().with_errors(errors)],
        &[("/login", "nav_login")],
    )
}

/// GET /password/forgot
pub async fn forgot_form(ctx: Ctx) -> Response {
    let page = forgot_page(ctx.clone(), "", &Errors::new(ctx.lang));
    render(&ctx, &page)
}

/// POST /password/forgot: the same answer whether or not the address has an account.
pub async fn forgot(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> PageResult {
    let email = form.get("email").to_owned();
    match accounts::request_reset(&state, ctx.lang, &email).await {
        Ok(()) => Ok(notice(
            ctx,
            StatusCode::OK,
            "forgot_done_title",
            "forgot_done",
            "success",
            None,
        )),
        Err(e) => op_failure(ctx, e, |ctx, errors| forgot_page(ctx, &email, errors)),
    }
}

fn reset_page(ctx: Ctx, token: &str, errors: &Errors) -> FormPage {
    let lang = ctx.lang;
    let token_q: String =
        percent_encoding::utf8_percent_encode(token, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    FormPage::new(
        ctx,
        "reset",
        format!("/password/reset?token={token_q}"),
        false,
        vec![Field::new_password(lang).with_errors(errors)],
        &[],
    )
}

/// GET /password/reset?token=
pub async fn reset_form(ctx: Ctx, Query(q): Query<TokenQuery>) -> Response {
    let page = reset_page(ctx.clone(), &q.token, &Errors::new(ctx.lang));
    render(&ctx, &page)
}

/// POST /password/reset?token=
pub async fn reset(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
    form: CsrfForm,
) -> PageResult {
    match accounts::reset_password(&state, ctx.lang, &q.token, form.get("password")).await {
        Ok(()) => Ok(redirect_with_flash("/login", "flash_password_changed")),
        Err(e) => op_failure(ctx, e, |ctx, errors| reset_page(ctx, &q.token, errors)),
    }
}
