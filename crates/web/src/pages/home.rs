//! The home page: what erikti is, live counters.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::store_failure;
use crate::pages::render;

/// The home page.
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    /// Layout context.
    pub ctx: Ctx,
    /// Confirmed volunteers.
    pub volunteers: String,
    /// Organizations.
    pub organizations: String,
    /// Confirmed hours.
    pub hours: String,
}

/// GET /
pub async fn home(State(state): State<AppState>, ctx: Ctx) -> Response {
    let c = match state.counters.get(&state.db).await {
        Ok(c) => c,
        Err(e) => return store_failure(ctx, e),
    };
    let page = HomePage {
        volunteers: ctx.num(c.volunteers),
        organizations: ctx.num(c.organizations),
        hours: ctx.num(c.confirmed_minutes / 60),
        ctx,
    };
    render(&page.ctx, &page)
}
