//! Decisions on hours: an organization's queue of claimed hours, its bulk form, and the
//! decision on one entry (from the queue or the front-office).

use askama::Template;
use uuid::Uuid;

use crate::ctx::{CsrfForm, Ctx, Id, Signed};
use crate::error::{PageError, PageResult};
use crate::pages::{redirect_with_flash, render};
use app::book::{self, Decision};

/// A pending entry as the organization sees it.
pub struct PendingView {
    /// Key.
    pub id: Uuid,
    /// Volunteer's name.
    pub volunteer: String,
    /// Date, formatted.
    pub date: String,
    /// Hours, formatted.
    pub hours: String,
    /// Source, translated.
    pub source: String,
    /// Status, translated.
    pub status: String,
    /// What was done.
    pub note: String,
}

/// An organization's hours to confirm.
#[derive(Template)]
#[template(path = "org_hours.html")]
pub struct OrgHoursPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Organization (id, name).
    pub org: (Uuid, String),
    /// Entries waiting.
    pub items: Vec<PendingView>,
}

/// GET /organizations/{id}/hours
pub async fn org_hours(Signed { state, ctx, me }: Signed, Id(id): Id) -> PageResult {
    let lang = ctx.lang;
    let queue = book::pending(&state, &me, id).await?;
    let name = app::organizations::display_name(&queue.organization, lang).to_owned();
    let items = queue
        .items
        .into_iter()
        .map(|(volunteer, h)| PendingView {
            id: h.id,
            volunteer,
            date: domain::format_date(h.work_date, lang),
            hours: domain::format_hours(h.minutes, lang),
            source: ctx.t(&format!("hours_source_{}", h.source)),
            status: ctx.t(&format!("hours_status_{}", h.status)),
            note: h.description.unwrap_or_default(),
        })
        .collect();
    let page = OrgHoursPage {
        org: (id, name),
        items,
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /organizations/{id}/hours — confirm or reject the chosen entries (each on its own;
/// one already decided by someone else does not stop the rest).
pub async fn decide(Signed { state, ctx, me }: Signed, Id(org): Id, f: CsrfForm) -> PageResult {
    let chosen: Vec<Uuid> = f
        .all("hours")
        .iter()
        .filter_map(|s| Uuid::parse_str(s).ok())
        .collect();
    let decision = match f.get("action") {
        "reject" => Decision::Reject(f.get("reason")),
        _ => Decision::Confirm,
    };
    book::decide_each(&state, ctx.lang, &me, &chosen, decision).await?;
    Ok(redirect_with_flash(
        &format!("/organizations/{org}/hours"),
        "flash_decision_saved",
    ))
}

/// POST /hours/{id}/decision — confirm, reject (with a reason) or reverse one entry; back to
/// a local page (`back`, e.g. the front-office queue).
pub async fn decision(Signed { state, ctx, me }: Signed, Id(id): Id, f: CsrfForm) -> PageResult {
    let decision = match f.get("action") {
        "confirm" => Decision::Confirm,
        "reject" => Decision::Reject(f.get("reason")),
        "reverse" => Decision::Reverse(f.get("reason")),
        _ => return Err(PageError::not_found()),
    };
    book::decide(&state, ctx.lang, &me, id, decision).await?;
    let back = f.get("back");
    let back = if back.starts_with('/') && !back.starts_with("//") {
        back
    } else {
        "/me/book"
    };
    Ok(redirect_with_flash(back, "flash_decision_saved"))
}
