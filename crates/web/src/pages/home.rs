//! The home page: what erikti is, live counters.

use askama::Template;
use axum::extract::State;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageResult;
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
pub async fn home(State(state): State<AppState>, ctx: Ctx) -> PageResult {
    let c = app::reference::counters(&state).await?;
    let page = HomePage {
        volunteers: ctx.num(c.volunteers),
        organizations: ctx.num(c.organizations),
        hours: ctx.num(c.confirmed_minutes / 60),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}
