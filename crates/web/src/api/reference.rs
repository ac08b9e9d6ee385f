//! Reference data and public counters.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use app::{OpError, reference};

use crate::AppState;
use crate::api::ApiLang;
use crate::error::ApiError;

/// A region of Kazakhstan.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionDto {
    /// ISO 3166-2 code, e.g. KZ-55.
    pub code: String,
    /// KATO prefix.
    pub kato: String,
    /// `oblast` or `city`.
    pub kind: String,
    /// Name in the requested language.
    pub name: String,
    /// Names in every language.
    pub names: Names,
    /// Administrative centre, in the requested language.
    pub center: String,
    /// Latitude of the centre.
    pub lat: f64,
    /// Longitude of the centre.
    pub lon: f64,
}

/// A name in the three languages.
#[derive(Debug, Serialize, ToSchema)]
pub struct Names {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

/// An item of a reference list.
#[derive(Debug, Serialize, ToSchema)]
pub struct RefDto {
    /// Stable code.
    pub code: String,
    /// Parent (directions: the programme).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Name in the requested language.
    pub name: String,
    /// Names in every language.
    pub names: Names,
}

/// Live counters.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatsDto {
    /// Volunteers with a confirmed e-mail.
    pub volunteers: i64,
    /// Organizations and initiative groups.
    pub organizations: i64,
    /// Confirmed hours (whole hours).
    pub confirmed_hours: i64,
}

/// Answers from the JSON cache, or builds, serializes and caches the list.
async fn cached<T, F, Fut>(
    state: &AppState,
    key: &'static str,
    lang: domain::Lang,
    build: F,
) -> Result<Response, ApiError>
where
    T: Serialize,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<T, OpError>>,
{
    let body = match state.json_cache.get(key, lang) {
        Some(b) => b,
        None => {
            let value = build().await?;
            let bytes = axum::body::Bytes::from(serde_json::to_vec(&value).unwrap_or_default());
            state.json_cache.put(key, lang, bytes.clone());
            bytes
        }
    };
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The 20 regions.
#[utoipa::path(get, path = "/api/v1/regions", tag = "reference", summary = "List the 20 regions",
    responses((status = 200, body = [RegionDto]), (status = 503, body = crate::error::ApiErrorResponse)))]
pub async fn regions(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
) -> Result<Response, ApiError> {
    cached(&state, "regions", lang, || async {
        let rows = reference::regions(&state).await?;
        Ok(rows
            .into_iter()
            .map(|r| RegionDto {
                name: r.name(lang).to_owned(),
                center: lang
                    .pick(&r.center_kk, &r.center_ru, &r.center_en)
                    .to_owned(),
                names: Names {
                    kk: r.name_kk,
                    ru: r.name_ru,
                    en: r.name_en,
                },
                code: r.code,
                kato: r.kato,
                kind: r.kind,
                lat: r.lat,
                lon: r.lon,
            })
            .collect::<Vec<_>>())
    })
    .await
}

fn ref_dtos(lang: domain::Lang, rows: Vec<app::reference::RefRow>) -> Vec<RefDto> {
    rows.into_iter()
        .map(|r| RefDto {
            name: r.name(lang).to_owned(),
            names: Names {
                kk: r.name_kk,
                ru: r.name_ru,
                en: r.name_en,
            },
            code: r.code,
            parent: r.parent_code,
        })
        .collect()
}

/// Directions (programme → direction).
#[utoipa::path(get, path = "/api/v1/directions", tag = "reference", summary = "List directions",
    responses((status = 200, body = [RefDto])))]
pub async fn directions(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
) -> Result<Response, ApiError> {
    cached(&state, "directions", lang, || async {
        Ok(ref_dtos(lang, reference::directions(&state).await?))
    })
    .await
}

/// Activity types of the law.
#[utoipa::path(get, path = "/api/v1/activity-types", tag = "reference", summary = "List activity types of the law",
    responses((status = 200, body = [RefDto])))]
pub async fn activity_types(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
) -> Result<Response, ApiError> {
    cached(&state, "activity_types", lang, || async {
        Ok(ref_dtos(lang, reference::activity_types(&state).await?))
    })
    .await
}

/// Beneficiary categories.
#[utoipa::path(get, path = "/api/v1/beneficiary-categories", tag = "reference", summary = "List beneficiary categories",
    responses((status = 200, body = [RefDto])))]
pub async fn beneficiary_categories(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
) -> Result<Response, ApiError> {
    cached(&state, "beneficiary_categories", lang, || async {
        Ok(ref_dtos(
            lang,
            reference::beneficiary_categories(&state).await?,
        ))
    })
    .await
}

/// Live counters of the home page.
#[utoipa::path(get, path = "/api/v1/stats", tag = "reference", summary = "Live counters",
    responses((status = 200, body = StatsDto)))]
pub async fn stats(State(state): State<AppState>) -> Result<Json<StatsDto>, ApiError> {
    let c = reference::counters(&state).await?;
    Ok(Json(StatsDto {
        volunteers: c.volunteers,
        organizations: c.organizations,
        confirmed_hours: c.confirmed_minutes / 60,
    }))
}
