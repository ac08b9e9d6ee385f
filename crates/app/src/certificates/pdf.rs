//! The certificate and the organization's tables as PDF (krilla, the fonts shipped in the
//! binary).

use crate::App;
use crate::OpError;
use crate::i18n;
use domain::Lang;
use domain::certificate::Statement;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use std::sync::LazyLock;

pub(crate) static REGULAR: LazyLock<Option<Font>> = LazyLock::new(|| {
    Font::new(
        (include_bytes!("../../fonts/DejaVuSans.ttf") as &'static [u8]).into(),
        0,
    )
});
pub(crate) static BOLD: LazyLock<Option<Font>> = LazyLock::new(|| {
    Font::new(
        (include_bytes!("../../fonts/DejaVuSans-Bold.ttf") as &'static [u8]).into(),
        0,
    )
});

pub(crate) const A4: (f32, f32) = (595.0, 842.0);

pub(crate) fn text(
    surface: &mut krilla::surface::Surface<'_>,
    font: &Font,
    size: f32,
    x: f32,
    y: f32,
    s: &str,
) {
    surface.draw_text(
        Point::from_xy(x, y),
        font.clone(),
        size,
        s,
        false,
        TextDirection::Auto,
    );
}

pub(crate) fn black() -> Fill {
    Fill {
        paint: rgb::Color::new(20, 30, 40).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// A QR code of `url`, 130 points wide, in the bottom right corner of an A4 page.
pub(crate) fn qr_bottom_right(
    surface: &mut krilla::surface::Surface<'_>,
    url: &str,
) -> Result<(), OpError> {
    let qr =
        qrcode::QrCode::new(url.as_bytes()).map_err(|e| OpError::Internal(format!("QR: {e}")))?;
    let width = qr.width();
    let module = 130.0 / width as f32;
    let (qx, qy) = (A4.0 - 60.0 - 130.0, A4.1 - 60.0 - 130.0);
    let mut pb = PathBuilder::new();
    for (i, c) in qr.to_colors().iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let (cx, cy) = ((i % width) as f32, (i / width) as f32);
            if let Some(r) = Rect::from_xywh(qx + cx * module, qy + cy * module, module, module) {
                pb.push_rect(r);
            }
        }
    }
    if let Some(path) = pb.finish() {
        surface.draw_path(&path);
    }
    Ok(())
}

/// The certificate as a one-page A4 PDF in its language.
pub fn pdf(state: &App, s: &Statement) -> Result<Vec<u8>, OpError> {
    let (Some(regular), Some(bold)) = (REGULAR.clone(), BOLD.clone()) else {
        return Err(OpError::Internal("the embedded fonts do not load".into()));
    };
    let lang = Lang::parse(&s.lang).unwrap_or_default();
    let t = |k: &str| i18n::t(lang, k);
    let hours = |m: i64| format!("{} {}", domain::format_hours(m, lang), t("cert_hours_unit"));
    let mut doc = Document::new();
    let settings =
        PageSettings::from_wh(A4.0, A4.1).ok_or_else(|| OpError::Internal("page size".into()))?;
    let mut page = doc.start_page_with(settings);
    let mut surface = page.surface();
    surface.set_fill(Some(black()));
    let mut y = 90.0;
    let left = 60.0;
    text(&mut surface, &bold, 22.0, left, y, &t("cert_title"));
    y += 26.0;
    text(&mut surface, &regular, 11.0, left, y, &t("cert_subtitle"));
    y += 44.0;
    text(&mut surface, &regular, 11.0, left, y, &t("cert_holder"));
    y += 22.0;
    text(&mut surface, &bold, 18.0, left, y, &s.holder);
    y += 36.0;
    text(&mut surface, &regular, 11.0, left, y, &t("cert_total"));
    y += 24.0;
    text(&mut surface, &bold, 20.0, left, y, &hours(s.total_minutes));
    y += 30.0;
    let period = match (s.first_day, s.last_day) {
        (Some(a), Some(b)) => format!(
            "{}: {} — {}",
            t("cert_period"),
            domain::format_date(a, lang),
            domain::format_date(b, lang)
        ),
        _ => t("cert_no_hours"),
    };
    text(&mut surface, &regular, 11.0, left, y, &period);
    if let Some(o) = &s.organization {
        y += 18.0;
        let line = format!("{}: {}", t("book_organization"), o.name);
        text(&mut surface, &regular, 11.0, left, y, &line);
    }
    for (title, lines) in [
        (t("book_by_direction"), &s.by_direction),
        (t("book_by_organization"), &s.by_organization),
    ] {
        if lines.is_empty() {
            continue;
        }
        y += 34.0;
        text(&mut surface, &bold, 12.0, left, y, &title);
        for l in lines.iter().take(12) {
            y += 18.0;
            let name: String = l.name.chars().take(60).collect();
            text(&mut surface, &regular, 11.0, left + 10.0, y, &name);
            text(&mut surface, &regular, 11.0, 420.0, y, &hours(l.minutes));
        }
    }
    // The QR code to the verify page, bottom right; the code and the address beside it.
    let url = super::verify_url(state, &s.code);
    qr_bottom_right(&mut surface, &url)?;
    let by = A4.1 - 150.0;
    let issued = format!(
        "{}: {}",
        t("cert_issued"),
        domain::format_date(s.issued_at.date_naive(), lang)
    );
    text(&mut surface, &regular, 10.0, left, by, &issued);
    let code = format!("{}: {}", t("cert_code"), s.code);
    text(&mut surface, &bold, 12.0, left, by + 20.0, &code);
    text(
        &mut surface,
        &regular,
        9.0,
        left,
        by + 40.0,
        &t("cert_verify_at"),
    );
    text(&mut surface, &regular, 9.0, left, by + 54.0, &url);
    let signed_line = format!("{} Ed25519", t("cert_signed"));
    text(&mut surface, &regular, 8.0, left, by + 74.0, &signed_line);
    surface.finish();
    page.finish();
    doc.finish()
        .map_err(|e| OpError::Internal(format!("PDF: {e:?}")))
}

/// A table as a PDF of as many A4 pages as it needs: a title, a few lines under it, then the
/// rows under their header, repeated on every page (the volunteer's book).
pub fn table_pdf(
    title: &str,
    lines: &[String],
    header: &[String],
    rows: &[Vec<String>],
    columns: &[(f32, usize)],
) -> Result<Vec<u8>, OpError> {
    let (Some(regular), Some(bold)) = (REGULAR.clone(), BOLD.clone()) else {
        return Err(OpError::Internal("the embedded fonts do not load".into()));
    };
    let settings =
        PageSettings::from_wh(A4.0, A4.1).ok_or_else(|| OpError::Internal("page size".into()))?;
    let cut = |s: &str, n: usize| -> String { s.chars().take(n).collect() };
    let mut doc = Document::new();
    let mut rest: &[Vec<String>] = rows;
    let mut first = true;
    loop {
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        surface.set_fill(Some(black()));
        let mut y = 60.0;
        if first {
            text(&mut surface, &bold, 18.0, 40.0, y + 10.0, title);
            y += 36.0;
            for l in lines {
                text(&mut surface, &regular, 11.0, 40.0, y, l);
                y += 17.0;
            }
            y += 12.0;
        }
        for (h, (x, n)) in header.iter().zip(columns) {
            text(&mut surface, &bold, 9.5, *x, y, &cut(h, *n));
        }
        y += 16.0;
        let fit = ((A4.1 - 50.0 - y) / 14.0).max(1.0) as usize;
        let (now, later) = rest.split_at(fit.min(rest.len()));
        for row in now {
            for (cell, (x, n)) in row.iter().zip(columns) {
                text(&mut surface, &regular, 9.0, *x, y, &cut(cell, *n));
            }
            y += 14.0;
        }
        surface.finish();
        page.finish();
        rest = later;
        first = false;
        if rest.is_empty() {
            break;
        }
    }
    doc.finish()
        .map_err(|e| OpError::Internal(format!("PDF: {e:?}")))
}

/// [`table_pdf`] on the blocking pool (PDF making is CPU work; requests wait, not threads).
pub async fn table_pdf_blocking(
    title: String,
    lines: Vec<String>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    columns: Vec<(f32, usize)>,
) -> Result<Vec<u8>, OpError> {
    tokio::task::spawn_blocking(move || table_pdf(&title, &lines, &header, &rows, &columns))
        .await
        .map_err(|e| OpError::Internal(e.to_string()))?
}
