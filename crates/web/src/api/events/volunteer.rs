//! A volunteer's own side over JSON: her applications and which e-mail she receives.

use app::events::{self, Category};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::ApiJson;
use crate::api::Caller;
use crate::error::{ApiError, ApiErrorResponse};

/// One of the caller's applications.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyApplicationDto {
    /// Key.
    pub id: Uuid,
    /// Status.
    pub status: String,
    /// The event.
    pub event_id: Uuid,
    /// The shift.
    pub shift_id: Uuid,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Waits for a parent's consent.
    pub needs_consent: bool,
    /// Reason of a rejection.
    pub reason: Option<String>,
}

/// The caller's applications, latest shifts first.
#[utoipa::path(get, path = "/api/v1/me/applications", tag = "events", summary = "My applications", security(("bearer" = [])),
    responses((status = 200, body = [MyApplicationDto]), (status = 401, body = ApiErrorResponse)))]
pub async fn mine(
    Caller { state, me, .. }: Caller,
) -> Result<Json<Vec<MyApplicationDto>>, ApiError> {
    let rows = events::my_applications(&state, &me).await?;
    Ok(Json(
        rows.into_iter()
            .map(|a| MyApplicationDto {
                needs_consent: a.consent_required && a.consent_recorded_at.is_none(),
                id: a.id,
                status: a.status.code().to_owned(),
                event_id: a.event_id,
                shift_id: a.shift_id,
                starts_at: a.starts_at,
                ends_at: a.ends_at,
                reason: a.reason,
            })
            .collect(),
    ))
}

/// The e-mail categories a volunteer receives.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct NotificationSettings {
    /// Categories turned on, of `decisions`, `waitlist`, `cancellations`, `reminders`.
    #[schema(pattern = r"^(decisions|waitlist|cancellations|reminders)$")]
    pub on: Vec<String>,
}

impl From<Vec<Category>> for NotificationSettings {
    fn from(on: Vec<Category>) -> Self {
        NotificationSettings {
            on: on.into_iter().map(|c| c.code().to_owned()).collect(),
        }
    }
}

/// Which e-mail about applications the caller receives.
#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "events", summary = "My notification settings", security(("bearer" = [])),
    responses((status = 200, body = NotificationSettings), (status = 401, body = ApiErrorResponse)))]
pub async fn notifications(
    Caller { state, me, .. }: Caller,
) -> Result<Json<NotificationSettings>, ApiError> {
    let on = events::notifications(&state, &me).await?;
    Ok(Json(NotificationSettings::from(on)))
}

/// Chooses which e-mail about applications the caller receives (unknown codes: 422).
#[utoipa::path(put, path = "/api/v1/me/notifications", tag = "events", summary = "Set my notification settings", security(("bearer" = [])),
    request_body = NotificationSettings,
    responses((status = 200, body = NotificationSettings), (status = 422, body = ApiErrorResponse)))]
pub async fn set_notifications(
    Caller { state, me, lang }: Caller,
    ApiJson(s): ApiJson<NotificationSettings>,
) -> Result<Json<NotificationSettings>, ApiError> {
    let Some(on) =
        s.on.iter()
            .map(|c| Category::parse(c))
            .collect::<Option<Vec<Category>>>()
    else {
        let mut e = app::Errors::new(lang);
        e.invalid("on", &domain::Invalid::ChoiceUnknown);
        return Err(ApiError::validation(lang, &e));
    };
    let on = events::set_notifications(&state, &me, &on).await?;
    Ok(Json(NotificationSettings::from(on)))
}
