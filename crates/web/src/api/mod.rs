//! The JSON API at /api/v1: everything the pages can do. Errors are
//! `{"error": {"code", "message", "fields"}}` with a stable snake_case code.

pub mod account;
pub mod book;
pub mod charity;
pub mod charity_figures;
pub mod charity_gifts;
pub mod charity_report;
pub mod events;
pub mod help;
pub mod imports;
pub mod ledger;
pub mod organizations;
pub mod reference;
pub mod register;
pub mod statements;

use std::sync::LazyLock;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use domain::Lang;
use serde::de::DeserializeOwned;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::AppState;
use crate::auth::{SignedIn, signed_in};
use crate::ctx::request_lang;
use crate::error::{ApiError, ApiErrorResponse, ErrorBody, FieldError};

/// The language of an API request (Accept-Language, or the language cookie).
#[derive(Debug, Clone, Copy)]
pub struct ApiLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for ApiLang {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ApiLang(request_lang(&parts.headers)))
    }
}

/// The caller's address (as [`crate::ctx::client_ip`] sees it), for limits.
#[derive(Debug, Clone)]
pub struct ClientIp(pub Option<String>);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            crate::ctx::client_ip(state, parts).map(|ip| ip.to_string()),
        ))
    }
}

/// The authenticated caller (Bearer token or session cookie); 401 otherwise.
#[derive(Debug, Clone)]
pub struct ApiUser(pub SignedIn, pub Lang);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let lang = request_lang(&parts.headers);
        match signed_in(state, &parts.headers).await {
            Ok(Some(u)) => Ok(ApiUser(u, lang)),
            Ok(None) => Err(ApiError::new(
                lang,
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
            )),
            Err(e) => Err(ApiError::store(lang, e)),
        }
    }
}

/// What most operations start from: the state and the authenticated caller with her
/// language (401 otherwise, as [`ApiUser`]). One extractor instead of two:
///
/// ```ignore
/// pub async fn decide(Caller { state, me, lang }: Caller, Id(id): Id) -> Result<StatusCode, ApiError>
/// ```
#[derive(Clone)]
pub struct Caller {
    /// The application.
    pub state: AppState,
    /// The caller.
    pub me: SignedIn,
    /// The language of the answer.
    pub lang: Lang,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let ApiUser(me, lang) = ApiUser::from_request_parts(parts, state).await?;
        Ok(Caller {
            state: state.clone(),
            me,
            lang,
        })
    }
}

/// A JSON body whose rejections are API errors with stable codes.
///
/// Read as `axum::Json` reads it (the same content type test, size limit and parse), with one
/// allowance: a whole number written with a fraction or exponent (`4.0`, `1e1`) is an integer,
/// as JSON Schema counts it, where serde alone wants `4` for an integer field.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let lang = request_lang(req.headers());
        let reject = |status, code| ApiError::new(lang, status, code);
        if !json_content_type(req.headers()) {
            return Err(reject(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
            ));
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| reject(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"))?;
        match axum::Json::<T>::from_bytes(&bytes) {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::JsonDataError(_)) => {
                // A second reading only when a whole float was rewritten; otherwise the first
                // reading's refusal stands.
                let mut v: serde_json::Value = serde_json::from_slice(&bytes)
                    .map_err(|_| reject(StatusCode::UNPROCESSABLE_ENTITY, "invalid_json_shape"))?;
                whole_numbers_as_integers(&mut v)
                    .then(|| serde_json::from_value(v).ok())
                    .flatten()
                    .map(ApiJson)
                    .ok_or_else(|| reject(StatusCode::UNPROCESSABLE_ENTITY, "invalid_json_shape"))
            }
            Err(_) => Err(reject(StatusCode::BAD_REQUEST, "invalid_json")),
        }
    }
}

/// Whether the content type is JSON, as `axum::Json` decides it: `application/json` or
/// `application/*+json`, parameters allowed.
fn json_content_type(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<mime::Mime>().ok())
        .is_some_and(|m| {
            m.type_() == "application"
                && (m.subtype() == "json" || m.suffix().is_some_and(|s| s == "json"))
        })
}

/// Rewrites every whole number written as a float (`4.0`, `-0.0`, `1e2`) that fits 64 bits as
/// the integer it is; whether anything was rewritten.
fn whole_numbers_as_integers(v: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            if f.fract() != 0.0 {
                return false;
            }
            // Bounds exactly representable as f64: -2^63 and 2^64.
            let whole = if (-9_223_372_036_854_775_808.0..0.0).contains(&f) {
                Value::from(f as i64)
            } else if (0.0..18_446_744_073_709_551_616.0).contains(&f) {
                Value::from(f as u64)
            } else {
                return false;
            };
            *v = whole;
            true
        }
        // Every element is visited (no short cut at the first rewrite).
        Value::Array(items) => {
            items
                .iter_mut()
                .map(whole_numbers_as_integers)
                .filter(|&rewritten| rewritten)
                .count()
                > 0
        }
        Value::Object(fields) => {
            fields
                .values_mut()
                .map(whole_numbers_as_integers)
                .filter(|&rewritten| rewritten)
                .count()
                > 0
        }
        _ => false,
    }
}

/// Query parameters read like `axum::extract::Query`, but a value that does not parse (a
/// page number past 2^63, a word where a number goes) answers the API's JSON error 400
/// `invalid_query` instead of plain text.
#[derive(Debug, Clone, Default)]
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(ApiQuery(v)),
            Err(_) => Err(ApiError::new(
                request_lang(&parts.headers),
                StatusCode::BAD_REQUEST,
                "invalid_query",
            )),
        }
    }
}

/// A multipart upload; a request that is not `multipart/form-data` with a boundary answers
/// the API's JSON error 415 `unsupported_media_type` instead of plain text.
pub struct ApiMultipart(pub axum::extract::Multipart);

impl<S: Send + Sync> FromRequest<S> for ApiMultipart {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let lang = request_lang(req.headers());
        axum::extract::Multipart::from_request(req, state)
            .await
            .map(ApiMultipart)
            .map_err(|_| {
                ApiError::new(
                    lang,
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                )
            })
    }
}

/// Answers every operation can give besides its own: what the shared extractors and layers
/// answer (a bad body, query or key, no or a bad token, a refusal, a limit, an outage),
/// added to each operation of the document where its shape makes them possible.
fn document_shared_answers(doc: &mut serde_json::Value) {
    let error = serde_json::json!({"$ref": "#/components/schemas/ApiErrorResponse"});
    let answer = |description: &str| {
        serde_json::json!({
            "description": description,
            "content": {"application/json": {"schema": error.clone()}}
        })
    };
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for item in paths.values_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for op in item.values_mut() {
            let Some(op) = op.as_object_mut() else {
                continue;
            };
            let params: Vec<String> = op
                .get("parameters")
                .and_then(|p| p.as_array())
                .map(|ps| {
                    ps.iter()
                        .filter_map(|p| p.get("in").and_then(|i| i.as_str()).map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let secured = op.contains_key("security");
            let has_body = op.contains_key("requestBody");
            let mut add: Vec<(&str, &str)> = vec![(
                "503",
                "The service is unavailable for a moment (`unavailable`); try again.",
            )];
            if secured {
                add.push(("401", "No valid token or session (`unauthenticated`)."));
                add.push((
                    "403",
                    "The caller may not do this (`forbidden` or a reason).",
                ));
            }
            if params.iter().any(|i| i == "path") {
                add.push((
                    "404",
                    "No such object, or not visible to the caller (`not_found`).",
                ));
            }
            if params.iter().any(|i| i == "query") {
                add.push(("400", "A query parameter does not parse (`invalid_query`)."));
            }
            if has_body {
                add.push(("400", "The body is not JSON (`invalid_json`)."));
                add.push(("413", "The body is too large (`payload_too_large`)."));
                add.push((
                    "415",
                    "The body is not `application/json` (`unsupported_media_type`).",
                ));
                add.push((
                    "422",
                    "The body's fields are missing, of the wrong type or invalid \
                     (`invalid_json_shape`, `validation_failed` with `fields`).",
                ));
            }
            let responses = op
                .entry("responses")
                .or_insert_with(|| serde_json::json!({}));
            let Some(responses) = responses.as_object_mut() else {
                continue;
            };
            for r in responses.values_mut() {
                if let Some(r) = r.as_object_mut() {
                    r.entry("description").or_insert_with(|| "".into());
                }
            }
            for (status, description) in add {
                responses
                    .entry(status)
                    .or_insert_with(|| answer(description));
            }
        }
    }
}

struct SecurityAddon;

impl Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A personal API token (profile page or POST /api/v1/me/tokens), \
                         or the token returned by POST /api/v1/auth/login.",
                    ))
                    .build(),
            ),
        );
    }
}

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "erikti API",
        description = "The national volunteer platform of Kazakhstan. Send `Accept-Language: kk|ru|en` \
                       for translated messages. Errors: `{\"error\": {\"code\", \"message\", \"fields\"}}`.",
        license(name = "Apache-2.0")
    ),
    paths(
        reference::regions,
        reference::directions,
        reference::activity_types,
        reference::beneficiary_categories,
        reference::stats,
        account::signup,
        account::confirm,
        account::login,
        account::logout,
        account::forgot,
        account::reset,
        account::confirm_email_change,
        account::me,
        account::update_profile,
        account::change_email,
        account::list_tokens,
        account::create_token,
        account::revoke_token,
        account::outbox,
        organizations::directory,
        organizations::create,
        organizations::show,
        organizations::edit,
        organizations::request_verification,
        organizations::queue,
        organizations::decide,
        organizations::suspension,
        organizations::invite,
        organizations::accept,
        organizations::remove_member,
        organizations::transfer,
        organizations::coordinator,
        organizations::org_audit,
        organizations::audit,
        register::public,
        register::apply,
        register::queue,
        register::decide,
        events::create,
        events::update,
        events::add_shift,
        events::add_series,
        events::publish,
        events::complete,
        events::cancel_event,
        events::show,
        events::search,
        events::apply,
        events::cancel,
        events::accept,
        events::reject,
        events::bulk,
        events::move_to,
        events::consent,
        events::attendance,
        events::check_in_code,
        events::check_in,
        events::applications,
        events::mine,
        events::notifications,
        events::set_notifications,
        events::create_project,
        events::projects,
        book::mine,
        book::claim,
        book::pending,
        book::confirm,
        book::reject,
        book::reverse,
        book::dispute,
        book::keys,
        book::issue,
        book::certificates,
        book::verify,
        book::revoke,
        book::set_visibility,
        book::public,
        help::file,
        help::code,
        help::resend,
        help::get,
        help::queue,
        help::decide,
        help::edit,
        help::candidates,
        help::offer,
        help::step,
        help::complete,
        help::done,
        help::mine,
        help::home_point,
        help::raise,
        help::call,
        help::call_step,
        imports::upload,
        imports::get,
        imports::apply,
        imports::discard,
        ledger::checkpoint,
        ledger::checkpoints,
        ledger::inclusion,
        ledger::consistency,
        charity::directory,
        charity::open,
        charity::of_organization,
        charity::show,
        charity::edit,
        charity::step,
        charity::queue,
        charity::donations,
        charity::record,
        charity::reverse,
        charity::expenses,
        charity::submit_expense,
        charity::decide,
        charity::receipt,
        charity::trail,
        charity::checkout,
        charity::notify,
        charity::mine,
        charity::appoint,
        charity::dismiss,
        charity::receipt_check,
        charity_gifts::gifts,
        charity_gifts::record,
        charity_gifts::photo,
        charity_gifts::act,
        charity_report::get,
        charity_report::publish,
        statements::upload,
        statements::list,
        statements::get,
        statements::remap,
        statements::apply,
        statements::discard,
        statements::waiting,
        statements::assign,
        charity_figures::annual,
        charity_figures::regional,
        charity_figures::national,
    ),
    components(schemas(ApiErrorResponse, ErrorBody, FieldError)),
    modifiers(&SecurityAddon),
    tags(
        (name = "reference", description = "Regions and reference lists"),
        (name = "accounts", description = "Sign-up, log-in, password reset"),
        (name = "profile", description = "The caller's profile and API tokens"),
        (name = "organizations", description = "Organizations, members and the directory"),
        (name = "front-office", description = "Verification by the regional front-offices"),
        (name = "register", description = "The register of volunteer activity"),
        (name = "events", description = "Events, shifts and applications"),
        (name = "book", description = "The electronic volunteer book: hours, confirmations, signing keys"),
        (name = "help", description = "Help requests of people in need, matching volunteers, emergency calls"),
        (name = "ledger", description = "The public transparency log of the ledger: signed checkpoints and proofs"),
        (name = "charity", description = "Charitable collections, donations, expenses and their public money trail"),
        (name = "admin", description = "National admin"),
    )
)]
pub struct ApiDoc;

static OPENAPI: LazyLock<serde_json::Value> = LazyLock::new(|| {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("the OpenAPI document serialises");
    document_shared_answers(&mut doc);
    doc
});

/// The OpenAPI document as JSON (built once).
pub fn openapi_json() -> &'static serde_json::Value {
    &OPENAPI
}

async fn openapi() -> Response {
    axum::Json(openapi_json()).into_response()
}

/// Routes of the API (mounted at /api/v1).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/regions", get(reference::regions))
        .route("/directions", get(reference::directions))
        .route("/activity-types", get(reference::activity_types))
        .route(
            "/beneficiary-categories",
            get(reference::beneficiary_categories),
        )
        .route("/stats", get(reference::stats))
        .route("/auth/signup", post(account::signup))
        .route("/auth/confirm", post(account::confirm))
        .route("/auth/login", post(account::login))
        .route("/auth/logout", post(account::logout))
        .route("/auth/password/forgot", post(account::forgot))
        .route("/auth/password/reset", post(account::reset))
        .route("/auth/email/confirm", post(account::confirm_email_change))
        .route("/me", get(account::me))
        .route("/me/profile", put(account::update_profile))
        .route("/me/email", post(account::change_email))
        .route(
            "/me/tokens",
            get(account::list_tokens).post(account::create_token),
        )
        .route("/me/tokens/{id}", delete(account::revoke_token))
        .route("/admin/outbox", get(account::outbox))
        .route(
            "/organizations",
            get(organizations::directory).post(organizations::create),
        )
        .route(
            "/organizations/{id}",
            get(organizations::show).put(organizations::edit),
        )
        .route(
            "/organizations/{id}/verification",
            post(organizations::request_verification),
        )
        .route(
            "/organizations/{id}/suspension",
            post(organizations::suspension),
        )
        .route(
            "/organizations/{id}/invitations",
            post(organizations::invite),
        )
        .route(
            "/organizations/{id}/members/{user}",
            delete(organizations::remove_member),
        )
        .route("/organizations/{id}/owner", post(organizations::transfer))
        .route("/organizations/{id}/audit", get(organizations::org_audit))
        .route("/invitations/accept", post(organizations::accept))
        .route("/front-office/{region}/queue", get(organizations::queue))
        .route("/verification/{id}/decision", post(organizations::decide))
        .route("/admin/coordinators", post(organizations::coordinator))
        .route("/admin/audit", get(organizations::audit))
        .route("/organizations/{id}/events", post(events::create))
        .route(
            "/organizations/{id}/projects",
            get(events::projects).post(events::create_project),
        )
        .route("/events", get(events::search))
        .route("/events/{id}", get(events::show).put(events::update))
        .route("/events/{id}/shifts", post(events::add_shift))
        .route("/events/{id}/shifts/series", post(events::add_series))
        .route("/events/{id}/publish", post(events::publish))
        .route("/events/{id}/complete", post(events::complete))
        .route("/events/{id}/cancel", post(events::cancel_event))
        .route("/shifts/{id}/check-in-code", post(events::check_in_code))
        .route("/check-in", post(events::check_in))
        .route("/me/applications", get(events::mine))
        .route(
            "/me/notifications",
            get(events::notifications).put(events::set_notifications),
        )
        .route("/applications/decisions", post(events::bulk))
        .route("/applications/{id}/reject", post(events::reject))
        .route("/applications/{id}/move", post(events::move_to))
        .route("/applications/{id}/consent", post(events::consent))
        .route("/applications/{id}/attendance", post(events::attendance))
        .route(
            "/shifts/{id}/applications",
            get(events::applications).post(events::apply),
        )
        .route("/applications/{id}", delete(events::cancel))
        .route("/applications/{id}/accept", post(events::accept))
        .route("/me/book", get(book::mine))
        .route("/me/book/visibility", put(book::set_visibility))
        .route("/volunteers/{id}/book", get(book::public))
        .route(
            "/imports",
            post(imports::upload).layer(axum::extract::DefaultBodyLimit::max(
                app::imports::MAX_FILE_BYTES + 64 * 1024,
            )),
        )
        .route("/imports/{id}", get(imports::get))
        .route("/help-requests", post(help::file))
        .route("/help-requests/{id}", get(help::get).put(help::edit))
        .route("/help-requests/{id}/code", post(help::code))
        .route("/help-requests/{id}/code/resend", post(help::resend))
        .route("/help-requests/{id}/decision", post(help::decide))
        .route("/help-requests/{id}/candidates", get(help::candidates))
        .route("/help-requests/{id}/offers", post(help::offer))
        .route("/help-requests/{id}/complete", post(help::complete))
        .route("/help-requests/{id}/done", post(help::done))
        .route("/help-requests/{id}/{step}", post(help::step))
        .route("/regions/{code}/help-requests", get(help::queue))
        .route("/me/help-requests", get(help::mine))
        .route("/me/home-point", put(help::home_point))
        .route("/emergency-calls", post(help::raise))
        .route("/emergency-calls/{id}", get(help::call))
        .route("/emergency-calls/{id}/{step}", post(help::call_step))
        .route("/imports/{id}/apply", post(imports::apply))
        .route("/imports/{id}/discard", post(imports::discard))
        .route("/me/hours", post(book::claim))
        .route("/organizations/{id}/hours", get(book::pending))
        .route("/hours/{id}/confirm", post(book::confirm))
        .route("/hours/{id}/reject", post(book::reject))
        .route("/hours/{id}/reverse", post(book::reverse))
        .route("/hours/{id}/dispute", post(book::dispute))
        .route("/collections", get(charity::directory))
        .route(
            "/organizations/{id}/collections",
            get(charity::of_organization).post(charity::open),
        )
        .route("/collections/{id}", get(charity::show).put(charity::edit))
        .route("/collections/{id}/steps", post(charity::step))
        .route(
            "/collections/{id}/donations",
            get(charity::donations).post(charity::record),
        )
        .route(
            "/collections/{id}/expenses",
            get(charity::expenses).post(charity::submit_expense).layer(
                axum::extract::DefaultBodyLimit::max(
                    domain::charity::RECEIPT_MAX_BYTES + 64 * 1024,
                ),
            ),
        )
        .route("/collections/{id}/trail", get(charity::trail))
        .route(
            "/collections/{id}/in-kind",
            get(charity_gifts::gifts).post(charity_gifts::record).layer(
                axum::extract::DefaultBodyLimit::max(
                    domain::charity::GIFT_UPLOAD_MAX_BYTES + 64 * 1024,
                ),
            ),
        )
        .route(
            "/collections/{id}/report",
            get(charity_report::get).post(charity_report::publish),
        )
        .route("/donations/{id}/photos/{n}", get(charity_gifts::photo))
        .route("/donations/{id}/act", get(charity_gifts::act))
        .route("/collections/{id}/checkout", post(charity::checkout))
        .route("/donations/{id}/reverse", post(charity::reverse))
        .route("/expenses/{id}/receipt", get(charity::receipt))
        .route("/expenses/{id}/{decision}", post(charity::decide))
        .route("/payments/{provider}/notify", post(charity::notify))
        .route("/front-office/{region}/collections", get(charity::queue))
        .route("/me/donations", get(charity::mine))
        .route("/organizations/{id}/charity", get(charity_figures::annual))
        .route(
            "/front-office/{region}/charity",
            get(charity_figures::regional),
        )
        .route("/charity", get(charity_figures::national))
        .route("/receipts/{code}", get(charity::receipt_check))
        .route(
            "/organizations/{id}/treasurers/{user}",
            put(charity::appoint).delete(charity::dismiss),
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
            get(statements::get),
        )
        .route(
            "/organizations/{id}/statements/{statement}/mapping",
            put(statements::remap),
        )
        .route(
            "/organizations/{id}/statements/{statement}/apply",
            post(statements::apply),
        )
        .route(
            "/organizations/{id}/statements/{statement}/discard",
            post(statements::discard),
        )
        .route("/keys", get(book::keys))
        .route("/ledger/checkpoint", get(ledger::checkpoint))
        .route("/ledger/checkpoints", get(ledger::checkpoints))
        .route("/ledger/proof/inclusion", get(ledger::inclusion))
        .route("/ledger/proof/consistency", get(ledger::consistency))
        .route(
            "/me/certificates",
            get(book::certificates).post(book::issue),
        )
        .route("/certificates/{code}", get(book::verify))
        .route("/certificates/{code}/revoke", post(book::revoke))
        .route("/register", get(register::public))
        .route("/register/applications", post(register::apply))
        .route("/admin/register", get(register::queue))
        .route("/admin/register/{id}/decision", post(register::decide))
        .fallback(api_not_found)
}

async fn api_not_found(ApiLang(lang): ApiLang) -> ApiError {
    ApiError::new(lang, StatusCode::NOT_FOUND, "not_found")
}
