//! Help requests over JSON: filing (public, or by an operator), the phone code, triage,
//! the ranking of volunteers, offers, taking, doing and confirming, the volunteer's list,
//! and emergency calls with their roll-call.

use app::help::{self, RankedView, RequestView};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::help::RequestInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::api::ApiQuery;
use crate::api::Caller;
use crate::api::events::Created;
use crate::api::{ApiJson, ApiLang, ClientIp};
use crate::ctx::{Id, IdAnd};
use crate::error::{ApiError, ApiErrorResponse};

/// Files a request for help. Without a token: the phone gets a one-time code (confirm it
/// with `POST /api/v1/help-requests/{id}/code`); with the token of the region's
/// front-office: filed for a caller, no code needed.
#[utoipa::path(post, path = "/api/v1/help-requests", tag = "help", summary = "Ask for help",
    request_body = RequestBody,
    responses((status = 201, body = Created), (status = 403, description = "A token that is not the region's front-office", body = ApiErrorResponse), (status = 422, body = ApiErrorResponse), (status = 429, body = ApiErrorResponse)))]
pub async fn file(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    ApiJson(input): ApiJson<RequestInput>,
) -> Result<Response, ApiError> {
    let operator = crate::auth::signed_in(&state, &headers).await?;
    let id = help::file(&state, lang, &input, ip.as_deref(), operator.as_ref()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

/// A code typed by the person.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CodeInput {
    /// The six digits received by SMS.
    #[schema(pattern = r"^[0-9]{6}$")]
    pub code: String,
}

/// Confirms the phone of a new request with its code.
#[utoipa::path(post, path = "/api/v1/help-requests/{id}/code", tag = "help", summary = "Confirm the phone",
    params(("id" = Uuid, Path, description = "Request")), request_body = CodeInput,
    responses((status = 204), (status = 422, body = ApiErrorResponse)))]
pub async fn code(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Id(id): Id,
    ApiJson(c): ApiJson<CodeInput>,
) -> Result<StatusCode, ApiError> {
    help::check_code(&state, lang, id, "request", &c.code).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sends the phone code again (limited per phone and per address).
#[utoipa::path(post, path = "/api/v1/help-requests/{id}/code/resend", tag = "help", summary = "Send the code again",
    params(("id" = Uuid, Path, description = "Request")),
    responses((status = 204), (status = 429, body = ApiErrorResponse)))]
pub async fn resend(
    State(state): State<AppState>,
    Id(id): Id,
    ClientIp(ip): ClientIp,
) -> Result<StatusCode, ApiError> {
    help::resend_code(&state, id, ip.as_deref()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A request: its private details only for the region's front-office and the volunteer
/// who took it.
#[utoipa::path(get, path = "/api/v1/help-requests/{id}", tag = "help", summary = "A help request", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Request")),
    responses((status = 200, body = RequestView), (status = 404, body = ApiErrorResponse)))]
pub async fn get(
    Caller { state, me, .. }: Caller,
    Id(id): Id,
) -> Result<Json<RequestView>, ApiError> {
    let r = help::visible(&state, Some(&me), id).await?;
    Ok(Json(help::view(Some(&me), &r)))
}

/// Which requests of a region.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// Comma-separated statuses (default `new`).
    pub status: Option<String>,
}

/// A region's requests, most urgent then oldest first (its front-office).
#[utoipa::path(get, path = "/api/v1/regions/{code}/help-requests", tag = "help", summary = "A region's help requests", security(("bearer" = [])),
    params(("code" = String, Path, description = "Region"), QueueQuery),
    responses((status = 200, body = Vec<RequestView>), (status = 403, body = ApiErrorResponse)))]
pub async fn queue(
    Caller { state, me, .. }: Caller,
    Path(region): Path<String>,
    ApiQuery(q): ApiQuery<QueueQuery>,
) -> Result<Json<Vec<RequestView>>, ApiError> {
    let statuses: Vec<String> = q
        .status
        .unwrap_or_else(|| "new".into())
        .split(',')
        .filter_map(|s| {
            domain::help::HelpStatus::parse(s)
                .ok()
                .map(|s| s.code().to_owned())
        })
        .collect();
    let statuses: Vec<&str> = statuses.iter().map(String::as_str).collect();
    let list = help::queue(&state, &me, &region, &statuses).await?;
    Ok(Json(
        list.iter().map(|r| help::view(Some(&me), r)).collect(),
    ))
}

/// A triage decision.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionInput {
    /// `approve`, `reject`, `duplicate`, `cancel`.
    #[schema(pattern = r"^(approve|reject|duplicate|cancel)$")]
    pub action: String,
    /// Why (required to reject or cancel).
    #[serde(default)]
    pub reason: String,
    /// The request this one repeats (for `duplicate`).
    #[schema(
        pattern = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    )]
    pub duplicate_of: Option<Uuid>,
}

/// Approves, rejects, marks as a duplicate or cancels a request (its front-office).
#[utoipa::path(post, path = "/api/v1/help-requests/{id}/decision", tag = "help", summary = "Triage a help request", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Request")), request_body = DecisionInput,
    responses((status = 204), (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn decide(
    Caller { state, me, lang }: Caller,
    Id(id): Id,
    ApiJson(d): ApiJson<DecisionInput>,
) -> Result<StatusCode, ApiError> {
    help::decide(&state, lang, &me, id, &d.action, &d.reason, d.duplicate_of).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Corrects a request before it is taken (its front-office; region and phone stay).
#[utoipa::path(put, path = "/api/v1/help-requests/{id}", tag = "help", summary = "Correct a help request", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Request")), request_body = RequestBody,
    responses((status = 204), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn edit(
    Caller { state, me, lang }: Caller,
    Id(id): Id,
    ApiJson(input): ApiJson<RequestInput>,
) -> Result<StatusCode, ApiError> {
    help::edit(&state, lang, &me, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The volunteers who could take a request, best first, with why (its front-office).
#[utoipa::path(get, path = "/api/v1/help-requests/{id}/candidates", tag = "help", summary = "Rank volunteers", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Request")),
    responses((status = 200, body = Vec<RankedView>), (status = 404, body = ApiErrorResponse)))]
pub async fn candidates(
    Caller { state, me, lang }: Caller,
    Id(id): Id,
) -> Result<Json<Vec<RankedView>>, ApiError> {
    Ok(Json(help::rank(&state, lang, &me, id).await?))
}

/// Volunteers to offer a request to.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OfferInput {
    /// Their keys.
    pub volunteers: Vec<Uuid>,
}

/// Offers a request to one or several volunteers; the first to accept gets it.
#[utoipa::path(post, path = "/api/v1/help-requests/{id}/offers", tag = "help", summary = "Offer a help request", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Request")), request_body = OfferInput,
    responses((status = 204), (status = 409, body = ApiErrorResponse)))]
pub async fn offer(
    Caller { state, me, .. }: Caller,
    Id(id): Id,
    ApiJson(o): ApiJson<OfferInput>,
) -> Result<StatusCode, ApiError> {
    help::offer(&state, &me, id, &o.volunteers).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A volunteer's step on a request: `take` (only a volunteer it is offered to, her offer
/// not answered yet; exactly one of them gets it), `decline`, `start`, `release` (give it
/// back; the front-office offers it again).
#[utoipa::path(post, path = "/api/v1/help-requests/{id}/{step}", tag = "help", summary = "Take, decline, start or give back", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Request"), ("step" = String, Path, description = "take, decline, start, release")),
    responses((status = 204),
        (status = 403, description = "Not offered to the caller (`help_not_offered`), or a home visit for a minor (`minor_home_visit`)", body = ApiErrorResponse),
        (status = 409, description = "Another volunteer has taken it (`request_taken`), or it moved on meanwhile (`state_changed`)", body = ApiErrorResponse)))]
pub async fn step(
    Caller { state, me, .. }: Caller,
    IdAnd(id, step): IdAnd,
) -> Result<StatusCode, ApiError> {
    match step.as_str() {
        "take" => help::take(&state, &me, id).await?,
        "decline" => help::decline(&state, &me, id).await?,
        "start" => help::start(&state, &me, id).await?,
        "release" => help::release(&state, &me, id).await?,
        _ => return Err(ApiError::not_found()),
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Time spent.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CompleteInput {
    /// Minutes (1 to 1,440).
    #[schema(pattern = r"^([1-9]|[1-9][0-9]|[1-9][0-9][0-9]|1[0-3][0-9][0-9]|14[0-3][0-9]|1440)$")]
    pub minutes: String,
}

/// The volunteer reports the request done: her time becomes a pending hours entry and the
/// person gets a code to confirm.
#[utoipa::path(post, path = "/api/v1/help-requests/{id}/complete", tag = "help", summary = "Report help given", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Request")), request_body = CompleteInput,
    responses((status = 201, body = Created), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn complete(
    Caller { state, me, lang }: Caller,
    Id(id): Id,
    ApiJson(c): ApiJson<CompleteInput>,
) -> Result<Response, ApiError> {
    let hours = help::complete(&state, lang, &me, id, &c.minutes).await?;
    Ok((StatusCode::CREATED, Json(Created { id: hours })).into_response())
}

/// The person's confirmation.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DoneInput {
    /// The code received by SMS (not needed when the front-office records it).
    #[serde(default)]
    pub code: String,
    /// Her words.
    #[serde(default)]
    pub feedback: String,
    /// 1–5.
    #[schema(minimum = 1, maximum = 5)]
    pub rating: Option<i64>,
}

/// The person confirms the help was given: with the SMS code (no account), or through the
/// front-office operator (its token, no code).
#[utoipa::path(post, path = "/api/v1/help-requests/{id}/done", tag = "help", summary = "Confirm help was given",
    params(("id" = Uuid, Path, description = "Request")), request_body = DoneInput,
    responses((status = 204), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn done(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    headers: HeaderMap,
    Id(id): Id,
    ApiJson(d): ApiJson<DoneInput>,
) -> Result<StatusCode, ApiError> {
    let operator = crate::auth::signed_in(&state, &headers).await?;
    match operator {
        Some(op) if d.code.trim().is_empty() => {
            help::confirm_done_by_operator(&state, &op, id, &d.feedback).await?
        }
        _ => help::confirm_done_by_code(&state, lang, id, &d.code, &d.feedback, d.rating).await?,
    }
    Ok(StatusCode::NO_CONTENT)
}

/// A volunteer's requests.
#[derive(Debug, Serialize, ToSchema)]
pub struct MineDto {
    /// Taken by her, or offered to her (`offered`).
    pub mine: Vec<MineItem>,
    /// Open requests near her point (or in her region), without private details; she takes
    /// one once the front-office offers it to her.
    pub near: Vec<RequestView>,
}

/// One of her requests.
#[derive(Debug, Serialize, ToSchema)]
pub struct MineItem {
    /// The request as she may see it.
    #[serde(flatten)]
    pub request: RequestView,
    /// Offered to her, not answered yet.
    pub offered: bool,
}

/// The caller's requests and those open near her.
#[utoipa::path(get, path = "/api/v1/me/help-requests", tag = "help", summary = "My help requests", security(("bearer" = [])),
    responses((status = 200, body = MineDto)))]
pub async fn mine(Caller { state, me, .. }: Caller) -> Result<Json<MineDto>, ApiError> {
    let help::ForVolunteer { mine, near, .. } = help::for_volunteer(&state, &me).await?;
    Ok(Json(MineDto {
        mine: mine
            .iter()
            .map(|(r, offered)| MineItem {
                request: help::view(Some(&me), r),
                offered: *offered,
            })
            .collect(),
        near: near.iter().map(|r| help::view(Some(&me), r)).collect(),
    }))
}

/// Her point (private), for requests and calls near her.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HomePoint {
    /// Latitude (none: forget it).
    #[schema(minimum = 40.5, maximum = 55.5)]
    pub lat: Option<f64>,
    /// Longitude.
    #[schema(minimum = 46.4, maximum = 87.4)]
    pub lon: Option<f64>,
}

/// Sets or forgets the caller's point.
#[utoipa::path(put, path = "/api/v1/me/home-point", tag = "help", summary = "My point for help near me", security(("bearer" = [])),
    request_body = HomePoint,
    responses((status = 204), (status = 422, body = ApiErrorResponse)))]
pub async fn home_point(
    Caller { state, me, lang }: Caller,
    ApiJson(p): ApiJson<HomePoint>,
) -> Result<StatusCode, ApiError> {
    help::set_home_point(&state, lang, &me, p.lat, p.lon).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A help request as sent (every field a string; see the form): a home visit needs the
/// address and the point, an online consultation does not. Either may also carry a preferred
/// window, `preferred_from` and `preferred_to` (local `YYYY-MM-DDTHH:MM`, Asia/Almaty): both
/// or neither, the end after the start and in the future.
#[derive(Debug, ToSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum RequestBody {
    /// Help at the person's place (`delivery`, `home_help`, `accompaniment`, `other`).
    Visit(VisitRequest),
    /// An online consultation.
    Online(OnlineRequest),
}

/// A request for a home visit.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct VisitRequest {
    /// `delivery`, `home_help`, `accompaniment`, `other`.
    #[schema(pattern = r"^(delivery|home_help|accompaniment|other)$")]
    help_type: String,
    /// Beneficiary category.
    #[schema(
        pattern = r"^(elderly|disabled|orphans|lonely|homeless|large_families|emergency_victims|other)$"
    )]
    category: String,
    /// What is needed (at most 2,000 characters).
    #[schema(
        min_length = 1,
        max_length = 2000,
        pattern = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
    )]
    description: String,
    /// Region code (`KZ-55`).
    #[schema(
        pattern = r"^(KZ-10|KZ-11|KZ-15|KZ-19|KZ-23|KZ-27|KZ-31|KZ-33|KZ-35|KZ-39|KZ-43|KZ-47|KZ-55|KZ-59|KZ-61|KZ-62|KZ-63|KZ-71|KZ-75|KZ-79)$"
    )]
    region: String,
    /// Town or district (public).
    #[schema(
        required = false,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*$"
    )]
    locality: String,
    /// Phone (private), e.g. `+7 701 234 56 78`.
    #[schema(pattern = r"^\+770[0-9]{8}$")]
    phone: String,
    /// The person's name (private).
    #[schema(
        required = false,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*$"
    )]
    name: String,
    /// `kk`, `ru`, `en` (default `kk`).
    #[schema(required = false, pattern = r"^(|kk|ru|en)$")]
    lang: String,
    /// `critical`, `high`, `normal` (default).
    #[schema(required = false, pattern = r"^(|critical|high|normal)$")]
    urgency: String,
    /// Address (private).
    #[schema(
        min_length = 1,
        max_length = 300,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    address: String,
    /// Latitude (private; inside Kazakhstan, 40.5–55.5).
    #[schema(pattern = r"^(4[1-9]|5[0-4])(\.[0-9]{1,6})?$")]
    lat: String,
    /// Longitude (private; inside Kazakhstan, 46.4–87.4).
    #[schema(pattern = r"^(4[7-9]|[5-7][0-9]|8[0-6])(\.[0-9]{1,6})?$")]
    lon: String,
}

/// A request for an online consultation.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct OnlineRequest {
    /// `online_consultation`.
    #[schema(pattern = r"^online_consultation$")]
    help_type: String,
    /// Beneficiary category.
    #[schema(
        pattern = r"^(elderly|disabled|orphans|lonely|homeless|large_families|emergency_victims|other)$"
    )]
    category: String,
    /// What is needed (at most 2,000 characters).
    #[schema(
        min_length = 1,
        max_length = 2000,
        pattern = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
    )]
    description: String,
    /// Region code (`KZ-55`).
    #[schema(
        pattern = r"^(KZ-10|KZ-11|KZ-15|KZ-19|KZ-23|KZ-27|KZ-31|KZ-33|KZ-35|KZ-39|KZ-43|KZ-47|KZ-55|KZ-59|KZ-61|KZ-62|KZ-63|KZ-71|KZ-75|KZ-79)$"
    )]
    region: String,
    /// Town or district (public).
    #[schema(
        required = false,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*$"
    )]
    locality: String,
    /// Phone (private), e.g. `+7 701 234 56 78`.
    #[schema(pattern = r"^\+770[0-9]{8}$")]
    phone: String,
    /// The person's name (private).
    #[schema(
        required = false,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*$"
    )]
    name: String,
    /// `kk`, `ru`, `en` (default `kk`).
    #[schema(required = false, pattern = r"^(|kk|ru|en)$")]
    lang: String,
    /// `critical`, `high`, `normal` (default).
    #[schema(required = false, pattern = r"^(|critical|high|normal)$")]
    urgency: String,
    /// Address (private, optional).
    #[schema(
        required = false,
        max_length = 300,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*$"
    )]
    address: String,
}

/// A call as its front-office sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CallDto {
    /// The call.
    #[schema(value_type = Object)]
    pub call: app::help::Call,
    /// Who answered, with the roll-call (`present`, `safe`).
    #[schema(value_type = Vec<Object>)]
    pub answers: Vec<app::help::Answer>,
}

/// Raises an emergency call (a region's front-office, or the national admin).
#[utoipa::path(post, path = "/api/v1/emergency-calls", tag = "help", summary = "Raise an emergency call", security(("bearer" = [])),
    request_body = help::CallInput,
    responses((status = 201, body = Created), (status = 403, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn raise(
    Caller { state, me, lang }: Caller,
    ApiJson(i): ApiJson<help::CallInput>,
) -> Result<Response, ApiError> {
    let (id, _) = help::raise_call(&state, lang, &me, &i).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

/// A call and its roll-call (its front-office).
#[utoipa::path(get, path = "/api/v1/emergency-calls/{id}", tag = "help", summary = "An emergency call", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Call")),
    responses((status = 200, body = CallDto), (status = 403, body = ApiErrorResponse)))]
pub async fn call(Caller { state, me, .. }: Caller, Id(id): Id) -> Result<Json<CallDto>, ApiError> {
    let v = help::roll_call(&state, &me, id).await?;
    Ok(Json(CallDto {
        call: v.call,
        answers: v.answers,
    }))
}

/// A roll-call mark.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RollInput {
    /// Who.
    pub volunteer: Uuid,
    /// `present` or `safe`.
    pub mark: String,
}

/// Answers a call (`answer`, a volunteer), marks the roll (`roll`, its front-office) or
/// closes it (`close`).
#[utoipa::path(post, path = "/api/v1/emergency-calls/{id}/{step}", tag = "help", summary = "Answer, roll-call, close", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Call"), ("step" = String, Path, description = "answer, roll, close")),
    request_body(content = Option<RollInput>, description = "For `roll`"),
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn call_step(
    Caller { state, me, .. }: Caller,
    IdAnd(id, step): IdAnd,
    body: axum::body::Bytes,
) -> Result<StatusCode, ApiError> {
    match step.as_str() {
        "answer" => help::answer_call(&state, &me, id).await?,
        "close" => help::close_call(&state, &me, id).await?,
        "roll" => {
            let r: RollInput = serde_json::from_slice(&body).map_err(|_| {
                ApiError::status(StatusCode::UNPROCESSABLE_ENTITY, "invalid_json_shape")
            })?;
            help::roll(&state, &me, id, r.volunteer, &r.mark).await?
        }
        _ => return Err(ApiError::not_found()),
    }
    Ok(StatusCode::NO_CONTENT)
}
