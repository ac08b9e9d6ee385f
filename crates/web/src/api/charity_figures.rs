//! Charity in figures over JSON: an organization's annual charity report (public), a
//! region's year by month (its front-office), the country's year by region (the national
//! admin). Amounts in tiyn; each answer names the log checkpoint it was computed at.

use app::charity::figures::{self, Aggregate, AtCheckpoint, YearQuery};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use domain::charity::{ByCategory, ByChannel, Figures};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::api::{ApiQuery, Caller};
use crate::ctx::Id;
use crate::error::{ApiError, ApiErrorResponse};

/// Money received through one channel.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelFigure {
    /// The channel: `bank_transfer`, `card`, `cash_box`, `other`.
    pub channel: String,
    /// Tiyn received (before refunds).
    pub amount: i64,
    /// Donations.
    pub donations: i64,
}

/// Money spent on one category.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryFigure {
    /// The expense category code.
    pub category: String,
    /// Tiyn spent.
    pub amount: i64,
    /// Approved expenses.
    pub expenses: i64,
}

/// A period's figures (tiyn).
#[derive(Debug, Serialize, ToSchema)]
pub struct FiguresView {
    /// Money held at the start.
    pub opening: i64,
    /// Received by channel (channels with nothing left out).
    pub received: Vec<ChannelFigure>,
    /// Received, all channels.
    pub received_total: i64,
    /// Refunded to donors.
    pub reversed: i64,
    /// Spent by category (categories with nothing left out).
    pub spent: Vec<CategoryFigure>,
    /// Spent, all categories.
    pub spent_total: i64,
    /// Estimated value of gifts in kind received.
    pub in_kind_received: i64,
    /// Value of goods handed out in kind.
    pub in_kind_given: i64,
    /// Money held at the end.
    pub closing: i64,
}

impl From<&Figures> for FiguresView {
    fn from(f: &Figures) -> Self {
        let channel = |c: &ByChannel| ChannelFigure {
            channel: c.channel.code().to_owned(),
            amount: c.amount,
            donations: c.donations,
        };
        let category = |c: &ByCategory| CategoryFigure {
            category: c.category.code().to_owned(),
            amount: c.amount,
            expenses: c.expenses,
        };
        FiguresView {
            opening: f.opening,
            received: f.received.iter().map(channel).collect(),
            received_total: f.received_total(),
            reversed: f.reversed,
            spent: f.spent.iter().map(category).collect(),
            spent_total: f.spent_total(),
            in_kind_received: f.in_kind_received,
            in_kind_given: f.in_kind_given,
            closing: f.closing(),
        }
    }
}

/// An organization's annual charity report.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnnualView {
    /// The organization.
    pub organization_id: Uuid,
    /// The year.
    pub year: i32,
    /// Its figures.
    pub figures: FiguresView,
    /// The checkpoint they were computed at.
    pub checkpoint: AtCheckpoint,
}

/// A part of a year: a month of a region (`2026-03-01`), a region of the country (its code).
#[derive(Debug, Serialize, ToSchema)]
pub struct PartView {
    /// The month's first day, or the region's code.
    pub key: String,
    /// Its figures.
    pub figures: FiguresView,
}

/// A year of charity in a region or the country.
#[derive(Debug, Serialize, ToSchema)]
pub struct AggregateView {
    /// The region's code, or none for the country.
    pub region: Option<String>,
    /// The year.
    pub year: i32,
    /// The whole year.
    pub total: FiguresView,
    /// Its parts (months of a region, regions of the country).
    pub parts: Vec<PartView>,
    /// The checkpoint they were computed at.
    pub checkpoint: AtCheckpoint,
}

impl From<Aggregate> for AggregateView {
    fn from(a: Aggregate) -> Self {
        AggregateView {
            region: a.region.map(|r| r.as_str().to_owned()),
            year: a.year,
            total: (&a.total).into(),
            parts: a
                .parts
                .iter()
                .map(|(key, f)| PartView {
                    key: key.clone(),
                    figures: f.into(),
                })
                .collect(),
            checkpoint: a.at,
        }
    }
}

/// An organization's annual charity report: received by channel, in kind, spent by
/// category, the balance carried in and out.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/charity", tag = "charity", summary = "An organization's annual charity report",
    params(("id" = Uuid, Path, description = "Organization"), YearQuery),
    responses((status = 200, body = AnnualView), (status = 404, body = ApiErrorResponse)))]
pub async fn annual(
    State(state): State<AppState>,
    headers: HeaderMap,
    Id(org): Id,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> Result<Json<AnnualView>, ApiError> {
    let me = crate::auth::signed_in(&state, &headers).await?;
    let r = figures::annual(&state, me.as_ref(), org, q.year()).await?;
    Ok(Json(AnnualView {
        organization_id: r.organization.id,
        year: r.year,
        figures: (&r.figures).into(),
        checkpoint: r.at,
    }))
}

/// A region's year of charity by month (its front-office, the national admin).
#[utoipa::path(get, path = "/api/v1/front-office/{region}/charity", tag = "charity", summary = "A region's charity by month", security(("bearer" = [])),
    params(("region" = String, Path, description = "Region code"), YearQuery),
    responses((status = 200, body = AggregateView), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn regional(
    Caller { state, me, .. }: Caller,
    Path(region): Path<String>,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> Result<Json<AggregateView>, ApiError> {
    Ok(Json(
        figures::regional(&state, &me, &region, q.year())
            .await?
            .into(),
    ))
}

/// The country's year of charity by region (the national admin).
#[utoipa::path(get, path = "/api/v1/charity", tag = "charity", summary = "The country's charity by region", security(("bearer" = [])),
    params(YearQuery),
    responses((status = 200, body = AggregateView), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn national(
    Caller { state, me, .. }: Caller,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> Result<Json<AggregateView>, ApiError> {
    Ok(Json(figures::national(&state, &me, q.year()).await?.into()))
}
