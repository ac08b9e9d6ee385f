//! A shift's applications as the organizer sees them: decide one by one (accept, reject,
//! move, consent, attendance) or in bulk.

use app::OpError;
use app::events::{self, Attendance, Decision};
use app::i18n::in_lang as title;
use askama::Template;
use axum::http::StatusCode;
use uuid::Uuid;

use super::messages;
use crate::ctx::{CsrfForm, Ctx, Id, IdAnd, Signed};
use crate::error::{PageError, PageResult};
use crate::pages::{redirect_with_flash, render};

/// An application on the shift's list.
pub struct ApplicantView {
    /// Application.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// E-mail and phone.
    pub contact: String,
    /// Under 18.
    pub minor: bool,
    /// Status code.
    pub status: String,
    /// Status translated.
    pub status_text: String,
    /// Why she applies.
    pub motivation: String,
    /// Applied at.
    pub applied: String,
    /// Waits for a parent's consent.
    pub needs_consent: bool,
    /// Attendance times.
    pub attendance: String,
}

/// A shift's applications.
#[derive(Template)]
#[template(path = "shift_applications.html")]
pub struct ApplicationsPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The event (id, title).
    pub event: (Uuid, String),
    /// The shift.
    pub shift: Uuid,
    /// When.
    pub when: String,
    /// Taken / capacity.
    pub places: String,
    /// Applications.
    pub items: Vec<ApplicantView>,
    /// Other shifts to move to: (id, when).
    pub others: Vec<(Uuid, String)>,
}

/// GET /shifts/{id}/applications
pub async fn applications(Signed { state, ctx, me }: Signed, Id(shift_id): Id) -> PageResult {
    let lang = ctx.lang;
    let events::ShiftApplications {
        shift,
        event: ev,
        applications: rows,
        shifts: siblings,
    } = events::shift_applications(&state, &me, shift_id).await?;
    let today = app::today();
    let fmt = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| domain::format_datetime(t, lang))
            .unwrap_or_default()
    };
    let page = ApplicationsPage {
        event: (ev.id, title(lang, &ev.title_kk, &ev.title_ru, &ev.title_en)),
        shift: shift_id,
        when: format!(
            "{} — {}",
            domain::format_datetime(shift.starts_at, lang),
            domain::format_datetime(shift.ends_at, lang)
        ),
        places: format!(
            "{} / {}",
            ctx.num(shift.accepted_count),
            ctx.num(shift.capacity)
        ),
        items: rows
            .iter()
            .map(|a| ApplicantView {
                id: a.id,
                name: a.display_name.clone(),
                contact: [Some(a.email.clone()), a.phone.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                minor: a.birth_date.is_some_and(|b| domain::is_minor(b, today)),
                status: a.status.code().to_owned(),
                status_text: ctx.t(&format!("application_status_{}", a.status)),
                motivation: a.motivation.clone().unwrap_or_default(),
                applied: domain::format_datetime(a.created_at, lang),
                needs_consent: a.consent_required && a.consent_recorded_at.is_none(),
                attendance: match (a.checked_in_at, a.checked_out_at) {
                    (None, None) => String::new(),
                    (i, o) => format!("{} — {}", fmt(i), fmt(o)),
                },
            })
            .collect(),
        others: siblings
            .iter()
            .filter(|s| s.id != shift_id)
            .map(|s| (s.id, domain::format_datetime(s.starts_at, lang)))
            .collect(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /applications/{id}/{accept|reject|move|consent|check_in|check_out|no_show}
pub async fn decide(
    Signed { state, ctx, me }: Signed,
    IdAnd(application, what): IdAnd,
    f: CsrfForm,
) -> PageResult {
    let decision = match what.as_str() {
        "accept" => Decision::Accept,
        "reject" => Decision::Reject(f.get("reason").to_owned()),
        "move" => match Uuid::parse_str(f.get("shift")) {
            Ok(to) => Decision::Move(to),
            Err(_) => return Err(OpError::NotFound.into()),
        },
        "consent" => Decision::Consent(events::ConsentInput {
            parent_name: f.get("parent_name").to_owned(),
            parent_contact: f.get("parent_contact").to_owned(),
            consent_date: f.get("consent_date").to_owned(),
        }),
        "check_in" => Decision::Attendance(Attendance::CheckIn),
        "check_out" => Decision::Attendance(Attendance::CheckOut),
        "no_show" => Decision::Attendance(Attendance::NoShow),
        _ => return Err(PageError::not_found()),
    };
    let decided = events::decide(&state, ctx.lang, &me, application, decision).await;
    let back = match f.get("back") {
        b if b.starts_with("/front-office/") && !b.contains("//") => b.to_owned(),
        _ => match decided.shift {
            Some(shift) => format!("/shifts/{shift}/applications"),
            None => "/".to_owned(),
        },
    };
    match decided.result {
        Ok(()) => Ok(redirect_with_flash(&back, "flash_saved")),
        Err(OpError::Invalid(errors)) => Ok(crate::error::message_page(
            ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            &messages(&errors),
            &back,
        )),
        Err(e) => Err(e.into()),
    }
}

/// POST /shifts/{id}/decisions — accept or reject the ticked applications.
pub async fn bulk(Signed { state, ctx, me }: Signed, Id(shift): Id, f: CsrfForm) -> PageResult {
    let ids: Vec<Uuid> = f
        .all("applications")
        .iter()
        .filter_map(|s| Uuid::parse_str(s).ok())
        .collect();
    let back = format!("/shifts/{shift}/applications");
    let accept_them = f.get("decision") == "accept";
    match events::decide_bulk(&state, ctx.lang, &me, &ids, accept_them, f.get("reason")).await {
        Ok(out) if out.refused.is_empty() => Ok(redirect_with_flash(&back, "flash_saved")),
        Ok(out) => {
            let msg = ctx.tn("bulk_refused", "n", out.refused.len() as i64)
                + " "
                + &out
                    .refused
                    .iter()
                    .map(|(_, code)| ctx.t(code))
                    .collect::<Vec<_>>()
                    .join("; ");
            Ok(crate::error::message_page(
                ctx,
                StatusCode::CONFLICT,
                &msg,
                &back,
            ))
        }
        Err(OpError::Invalid(errors)) => Ok(crate::error::message_page(
            ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            &messages(&errors),
            &back,
        )),
        Err(e) => Err(e.into()),
    }
}
