//! Accounts and profile over JSON.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use domain::Lang;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use app::OpError;
use app::accounts::{self, ProfileInput};

use crate::AppState;
use crate::api::Caller;
use crate::api::{ApiJson, ApiLang, ApiUser};
use crate::ctx::Id;
use crate::error::{ApiError, ApiErrorResponse};

/// The API answer for an operation that did not happen.
pub fn op_error(lang: Lang, e: OpError) -> ApiError {
    ApiError::op(lang, e)
}

/// Sign-up request.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SignupRequest {
    /// Public name.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"^[ .'-]*[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі][A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі .'-]*$"
    )]
    pub name: String,
    /// E-mail.
    #[schema(
        max_length = 254,
        pattern = r"^[A-Za-z0-9_+-]{1,32}(\.[A-Za-z0-9_+-]{1,16})?@([A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?\.){1,3}[A-Za-z]{2,12}$"
    )]
    pub email: String,
    /// Password (at least 10 characters, not a common one).
    #[schema(
        min_length = 10,
        max_length = 128,
        pattern = r"^(?!([\s\S]{1,4})\1+$)[\s\S]*$"
    )]
    pub password: String,
}

/// A plain acknowledgement.
#[derive(Debug, Serialize, ToSchema)]
pub struct Ack {
    /// Always true.
    pub ok: bool,
    /// Translated message.
    pub message: String,
}

fn ack(lang: Lang, key: &str) -> Json<Ack> {
    Json(Ack {
        ok: true,
        message: app::i18n::t(lang, key),
    })
}

/// Creates an account and sends a confirmation link. The answer is the same whether or not
/// the e-mail is registered.
#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "accounts", summary = "Sign up", request_body = SignupRequest,
    responses((status = 202, body = Ack), (status = 422, body = ApiErrorResponse), (status = 429, body = ApiErrorResponse)))]
pub async fn signup(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    ip: ClientIp,
    ApiJson(r): ApiJson<SignupRequest>,
) -> Result<Response, ApiError> {
    accounts::sign_up(&state, lang, ip.0, &r.name, &r.email, &r.password).await?;
    Ok((StatusCode::ACCEPTED, ack(lang, "signup_done")).into_response())
}

/// For the API a well-formed link token that is unknown, used or expired is a missing
/// resource: 404 `link_invalid` (the pages keep their 400).
fn link_missing(e: app::OpError) -> ApiError {
    match e {
        app::OpError::BadToken => ApiError::status(StatusCode::NOT_FOUND, "link_invalid"),
        e => e.into(),
    }
}

/// A one-time link token.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    /// The `token` of the link.
    #[schema(min_length = 1)]
    pub token: String,
}

/// Confirms an e-mail address with the token of the link.
#[utoipa::path(post, path = "/api/v1/auth/confirm", tag = "accounts", summary = "Confirm an e-mail", request_body = TokenRequest,
    responses((status = 200, body = Ack), (status = 404, description = "`link_invalid`: unknown, used or expired", body = ApiErrorResponse)))]
pub async fn confirm(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    ApiJson(r): ApiJson<TokenRequest>,
) -> Result<Json<Ack>, ApiError> {
    accounts::confirm(&state, &r.token)
        .await
        .map_err(link_missing)?;
    Ok(ack(lang, "confirm_done"))
}

/// Confirms a new e-mail address with the token of the link.
#[utoipa::path(post, path = "/api/v1/auth/email/confirm", tag = "accounts", summary = "Confirm a new e-mail", request_body = TokenRequest,
    responses((status = 200, body = Ack), (status = 404, description = "`link_invalid`: unknown, used or expired", body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn confirm_email_change(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    ApiJson(r): ApiJson<TokenRequest>,
) -> Result<Json<Ack>, ApiError> {
    accounts::confirm_email_change(&state, &r.token)
        .await
        .map_err(link_missing)?;
    Ok(ack(lang, "email_changed"))
}

/// Log-in request.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// E-mail.
    #[schema(
        max_length = 254,
        pattern = r"^[A-Za-z0-9_+-]{1,32}(\.[A-Za-z0-9_+-]{1,16})?@([A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?\.){1,3}[A-Za-z]{2,12}$"
    )]
    pub email: String,
    /// Password.
    #[schema(min_length = 1)]
    pub password: String,
}

/// A session token for `Authorization: Bearer`.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Bearer token.
    pub token: String,
    /// When it expires.
    pub expires_at: DateTime<Utc>,
}

/// The client IP of the request, for rate limits.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub Option<std::net::IpAddr>);

impl axum::extract::FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(crate::ctx::client_ip(state, parts)))
    }
}

/// Logs in; the answer is the same for an unknown e-mail and a wrong password.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "accounts", summary = "Log in", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = ApiErrorResponse), (status = 403, body = ApiErrorResponse), (status = 429, body = ApiErrorResponse)))]
pub async fn login(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    ip: ClientIp,
    ApiJson(r): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let session =
        accounts::sign_in(&state, lang, ip.0, &r.email, &r.password, Some("api"), None).await?;
    Ok(Json(LoginResponse {
        token: session.token,
        expires_at: session.expires_at,
    }))
}

/// Ends the session of the bearer token.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "accounts", summary = "Log out", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ApiErrorResponse)))]
pub async fn logout(
    State(state): State<AppState>,
    ApiUser(..): ApiUser,
    headers: axum::http::HeaderMap,
) -> Result<StatusCode, ApiError> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned)
        .or_else(|| crate::auth::cookie(&headers, crate::auth::SESSION_COOKIE).map(str::to_owned));
    if let Some(t) = token {
        accounts::end_session(&state, &t).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Password reset request.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ForgotRequest {
    /// E-mail of the account.
    #[schema(
        max_length = 254,
        pattern = r"^[A-Za-z0-9_+-]{1,32}(\.[A-Za-z0-9_+-]{1,16})?@([A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?\.){1,3}[A-Za-z]{2,12}$"
    )]
    pub email: String,
}

/// Sends a reset link if the address has an account (the answer is the same either way).
#[utoipa::path(post, path = "/api/v1/auth/password/forgot", tag = "accounts", summary = "Ask for a password reset link", request_body = ForgotRequest,
    responses((status = 202, body = Ack), (status = 422, body = ApiErrorResponse)))]
pub async fn forgot(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    ApiJson(r): ApiJson<ForgotRequest>,
) -> Result<Response, ApiError> {
    accounts::request_reset(&state, lang, &r.email).await?;
    Ok((StatusCode::ACCEPTED, ack(lang, "forgot_done")).into_response())
}

/// New password with the token of the reset link.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetRequest {
    /// The `token` of the link.
    #[schema(min_length = 1)]
    pub token: String,
    /// The new password.
    #[schema(
        min_length = 10,
        max_length = 128,
        pattern = r"^(?!([\s\S]{1,4})\1+$)[\s\S]*$"
    )]
    pub password: String,
}

/// Sets a new password; every session of the account ends.
#[utoipa::path(post, path = "/api/v1/auth/password/reset", tag = "accounts", summary = "Reset the password", request_body = ResetRequest,
    responses((status = 200, body = Ack), (status = 404, description = "`link_invalid`: unknown, used or expired", body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn reset(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    ApiJson(r): ApiJson<ResetRequest>,
) -> Result<Json<Ack>, ApiError> {
    accounts::reset_password(&state, lang, &r.token, &r.password)
        .await
        .map_err(link_missing)?;
    Ok(ack(lang, "flash_password_changed"))
}

/// The caller's account and profile (personal data: only the owner sees it in full).
#[derive(Debug, Serialize, ToSchema)]
pub struct MeDto {
    /// Key.
    pub id: Uuid,
    /// E-mail.
    pub email: String,
    /// Public name.
    pub display_name: String,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// Patronymic.
    pub patronymic: Option<String>,
    /// Birth date.
    pub birth_date: Option<NaiveDate>,
    /// Age in years.
    pub age: Option<u32>,
    /// Under 18.
    pub minor: bool,
    /// IIN (the owner's own).
    pub iin: Option<String>,
    /// Phone, E.164.
    pub phone: Option<String>,
    /// Region code.
    pub region: Option<String>,
    /// Locality.
    pub locality: Option<String>,
    /// Languages.
    pub languages: Vec<String>,
    /// Skills.
    pub skills: Vec<String>,
    /// Directions of interest.
    pub directions: Vec<String>,
    /// Availability.
    pub availability: Option<String>,
    /// Preferred language.
    pub preferred_lang: String,
    /// Roles with scope.
    pub roles: Vec<RoleDto>,
}

/// A role with its scope.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleDto {
    /// Role code.
    pub role: String,
    /// Organization scope.
    pub organization_id: Option<Uuid>,
    /// Region scope.
    pub region: Option<String>,
}

fn me_dto(me: &crate::auth::SignedIn) -> MeDto {
    let u = &me.user;
    let today = app::today();
    MeDto {
        id: u.id,
        email: u.email.clone(),
        display_name: u.display_name.clone(),
        first_name: u.first_name.clone(),
        last_name: u.last_name.clone(),
        patronymic: u.patronymic.clone(),
        birth_date: u.birth_date,
        age: u.birth_date.map(|b| domain::age_on(b, today)),
        minor: u.birth_date.is_some_and(|b| domain::is_minor(b, today)),
        iin: u.iin.clone(),
        phone: u.phone.clone(),
        region: u.region_code.clone(),
        locality: u.locality.clone(),
        languages: u.language_list(),
        skills: u.skill_list(),
        directions: u.direction_list(),
        availability: u.availability.clone(),
        preferred_lang: u.preferred_lang.clone(),
        roles: me
            .roles
            .iter()
            .map(|r| RoleDto {
                role: r.code().to_owned(),
                organization_id: r.org(),
                region: r.region().map(|c| c.as_str().to_owned()),
            })
            .collect(),
    }
}

/// The caller's account and profile.
#[utoipa::path(get, path = "/api/v1/me", tag = "profile", summary = "My account", security(("bearer" = [])),
    responses((status = 200, body = MeDto), (status = 401, body = ApiErrorResponse)))]
pub async fn me(ApiUser(me, _): ApiUser) -> Json<MeDto> {
    Json(me_dto(&me))
}

/// Replaces the profile; empty strings clear optional fields.
#[utoipa::path(put, path = "/api/v1/me/profile", tag = "profile", summary = "Update my profile", security(("bearer" = [])),
    request_body = ProfileInput,
    responses((status = 200, body = MeDto), (status = 401, body = ApiErrorResponse),
        (status = 422, description = "Invalid fields (`validation_failed` with `fields`), among them rules of the domain that the schema cannot carry: the IIN's check digit (`iin_checksum`), an IIN that encodes `birth_date` when both are given (`iin_birth_date_mismatch`), a birth date not in the future (`date_in_future` on `iin`).", body = ApiErrorResponse)))]
pub async fn update_profile(
    Caller { state, me, lang }: Caller,
    ApiJson(input): ApiJson<ProfileInput>,
) -> Result<Json<MeDto>, ApiError> {
    accounts::update_profile(&state, lang, &me, &input).await?;
    Ok(Json(me_dto(&accounts::current(&state, &me).await?)))
}

/// A new e-mail address.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EmailChangeRequest {
    /// The new address; a confirmation link goes there.
    #[schema(
        max_length = 254,
        pattern = r"^[A-Za-z0-9_+-]{1,32}(\.[A-Za-z0-9_+-]{1,16})?@([A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?\.){1,3}[A-Za-z]{2,12}$"
    )]
    pub email: String,
}

/// Sends a confirmation link to a new address; the change happens when it is opened.
#[utoipa::path(post, path = "/api/v1/me/email", tag = "profile", summary = "Change my e-mail", security(("bearer" = [])),
    request_body = EmailChangeRequest,
    responses((status = 202, body = Ack), (status = 401, body = ApiErrorResponse),
        (status = 422, description = "Invalid fields (`validation_failed` with `fields`), among them a rule that depends on the account: an address other than the current one (`email_unchanged`).", body = ApiErrorResponse)))]
pub async fn change_email(
    Caller { state, me, lang }: Caller,
    ApiJson(r): ApiJson<EmailChangeRequest>,
) -> Result<Response, ApiError> {
    accounts::request_email_change(&state, lang, &me.user, &r.email).await?;
    Ok((StatusCode::ACCEPTED, ack(lang, "flash_email_change_sent")).into_response())
}

/// A personal API token (without its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenDto {
    /// Key.
    pub id: Uuid,
    /// Label.
    pub name: String,
    /// First characters of the secret.
    pub prefix: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last used.
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<app::accounts::ApiToken> for TokenDto {
    fn from(t: app::accounts::ApiToken) -> Self {
        TokenDto {
            id: t.id,
            name: t.name,
            prefix: t.token_prefix,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
        }
    }
}

/// The caller's active API tokens.
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "profile", summary = "My API tokens", security(("bearer" = [])),
    responses((status = 200, body = [TokenDto]), (status = 401, body = ApiErrorResponse)))]
pub async fn list_tokens(
    Caller { state, me, .. }: Caller,
) -> Result<Json<Vec<TokenDto>>, ApiError> {
    let tokens = accounts::api_tokens(&state, &me).await?;
    Ok(Json(tokens.into_iter().map(TokenDto::from).collect()))
}

/// A token to create.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewTokenRequest {
    /// Label.
    #[schema(
        min_length = 1,
        max_length = 60,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub name: String,
}

/// A created token with its secret (shown once).
#[derive(Debug, Serialize, ToSchema)]
pub struct NewTokenResponse {
    /// The token.
    pub token: TokenDto,
    /// The secret, for `Authorization: Bearer`; it cannot be shown again.
    pub secret: String,
}

/// Creates a personal API token.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "profile", summary = "Create an API token", security(("bearer" = [])),
    request_body = NewTokenRequest,
    responses((status = 201, body = NewTokenResponse), (status = 401, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn create_token(
    Caller { state, me, lang }: Caller,
    ApiJson(r): ApiJson<NewTokenRequest>,
) -> Result<Response, ApiError> {
    let (token, secret) = accounts::create_api_token(&state, lang, &me.user, &r.name).await?;
    Ok((
        StatusCode::CREATED,
        Json(NewTokenResponse {
            token: token.into(),
            secret,
        }),
    )
        .into_response())
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "profile", summary = "Revoke an API token", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Token id")),
    responses((status = 204), (status = 401, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn revoke_token(
    Caller { state, me, .. }: Caller,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    accounts::revoke_api_token(&state, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A message of the outbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxMessage {
    /// Key.
    pub id: Uuid,
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
    /// Kind.
    pub kind: String,
    /// `pending`, `sent`, `logged`, `failed`.
    pub delivery: String,
    /// Queued at.
    pub created_at: DateTime<Utc>,
}

/// The outbox, newest first (national admin).
#[utoipa::path(get, path = "/api/v1/admin/outbox", tag = "admin", summary = "The e-mail outbox", security(("bearer" = [])),
    responses((status = 200, body = [OutboxMessage]), (status = 401, body = ApiErrorResponse), (status = 403, body = ApiErrorResponse)))]
pub async fn outbox(
    Caller { state, me, .. }: Caller,
) -> Result<Json<Vec<OutboxMessage>>, ApiError> {
    let rows = app::mail::outbox(&state, &me).await?;
    Ok(Json(
        rows.into_iter()
            .map(|m| OutboxMessage {
                id: m.id,
                to: m.to_addr,
                subject: m.subject,
                body: m.body_text,
                kind: m.kind,
                delivery: m.delivery,
                created_at: m.created_at,
            })
            .collect(),
    ))
}
