//! The organizer's exports of an event: its participants as CSV or a spreadsheet.

use app::events;
use uuid::Uuid;

use crate::ctx::{IdAnd, Signed};
use crate::error::{PageError, PageResult};
use crate::export::Download;

/// GET /events/{id}/participants.{csv|xlsx} — names, contacts, statuses; never the IIN.
pub async fn participants(Signed { state, ctx, me }: Signed, IdAnd(id, file): IdAnd) -> PageResult {
    let lang = ctx.lang;
    let Some(format) = file.strip_prefix("participants.") else {
        return Err(PageError::not_found());
    };
    let events::Participants {
        applications: rows,
        shifts,
    } = events::participants(&state, &me, id).await?;
    let when = |s: Uuid| {
        shifts
            .iter()
            .find(|x| x.id == s)
            .map(|x| domain::format_datetime(x.starts_at, lang))
            .unwrap_or_default()
    };
    let fmt = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| domain::format_datetime(t, lang))
            .unwrap_or_default()
    };
    let table = crate::export::Table {
        header: [
            "export_shift",
            "export_name",
            "field_email",
            "field_phone",
            "export_status",
            "export_applied",
            "export_checked_in",
            "export_checked_out",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
        rows: rows
            .iter()
            .map(|a| {
                vec![
                    when(a.shift_id),
                    a.display_name.clone(),
                    a.email.clone(),
                    a.phone.clone().unwrap_or_default(),
                    ctx.t(&format!("application_status_{}", a.status)),
                    domain::format_datetime(a.created_at, lang),
                    fmt(a.checked_in_at),
                    fmt(a.checked_out_at),
                ]
            })
            .collect(),
        numeric: Vec::new(),
    };
    match table.download(format, "erikti-participants") {
        Some(r) => Ok(r?),
        None => Err(PageError::not_found()),
    }
}
