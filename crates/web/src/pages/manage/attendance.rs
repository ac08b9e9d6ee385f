//! The check-in QR code of a shift, shown on the organizer's phone.

use app::events;
use app::i18n::in_lang as title;
use askama::Template;
use axum::http::{StatusCode, header};
use uuid::Uuid;

use crate::ctx::{Ctx, Id, Signed};
use crate::error::{PageError, PageResult};
use crate::pages::render;

/// The check-in QR page (shown on the organizer's phone).
#[derive(Template)]
#[template(path = "shift_qr.html")]
pub struct QrPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The event (id, title).
    pub event: (Uuid, String),
    /// The link in the code.
    pub link: String,
    /// The QR code as inline SVG (generated here; no user text inside).
    pub svg: String,
    /// Valid until, formatted.
    pub until: String,
    /// Seconds before the page renews the code.
    pub refresh: i64,
}

/// GET /shifts/{id}/qr
pub async fn qr(Signed { state, ctx, me }: Signed, Id(shift): Id) -> PageResult {
    let lang = ctx.lang;
    let events::CheckInQr {
        code,
        expires,
        event: ev,
    } = events::check_in_qr(&state, &me, shift).await?;
    let link = format!(
        "{}/check-in?code={code}",
        state.settings.public_url.trim_end_matches('/')
    );
    let svg = match qrcode::QrCode::new(link.as_bytes()) {
        Ok(q) => q
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(280, 280)
            .quiet_zone(true)
            .build()
            .split_once("<svg")
            .map(|(_, rest)| format!("<svg role=\"img\" aria-label=\"QR\"{rest}"))
            .unwrap_or_default(),
        Err(e) => {
            tracing::error!(error = %e, "QR encoding failed");
            return Err(PageError::Status(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
            ));
        }
    };
    let page = QrPage {
        event: (ev.id, title(lang, &ev.title_kk, &ev.title_ru, &ev.title_en)),
        link,
        svg,
        until: domain::format_datetime(expires, lang),
        refresh: (state.settings.opportunities.qr_minutes * 60 - 30).max(30),
        ctx,
    };
    let mut res = render(&page.ctx, &page);
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}
