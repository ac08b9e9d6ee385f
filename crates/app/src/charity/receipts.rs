//! A donor's receipt: a public check by its code (what was given, to which collection,
//! when, whether it is in the public log — never who gave it beyond the name she chose),
//! the receipt as a PDF in her language with a QR code to that check, and the e-mail
//! that brings it to her.

use chrono::NaiveDate;
use domain::Lang;
use domain::charity::format_kzt;
use serde::Serialize;
use uuid::Uuid;

use crate::certificates::pdf::{A4, BOLD, REGULAR, black, qr_bottom_right, text};
use crate::i18n::{self, Arg};
use crate::{App, OpError};

/// What the public check of a receipt shows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReceiptView {
    /// The receipt's code.
    pub code: String,
    /// The collection.
    pub collection_id: Uuid,
    /// Its purpose in the reader's language.
    pub purpose: String,
    /// The organization's name.
    pub organization: String,
    /// Money (or the estimated value of goods), tiyn.
    pub amount_tiyn: Option<i64>,
    /// Goods in kind.
    pub in_kind: bool,
    /// In kind: what.
    pub items: Option<String>,
    /// Given on.
    pub occurred_on: NaiveDate,
    /// Channel code.
    pub channel: String,
    /// The name the donor chose, or none (anonymous).
    pub shown_as: Option<String>,
    /// Refunded.
    pub reversed: bool,
    /// Its leaf in the public log.
    pub leaf: Option<u64>,
}

/// The public check of a receipt. `NotFound` for an unknown code.
pub async fn check(state: &App, lang: Lang, code: &str) -> Result<ReceiptView, OpError> {
    let code = code.trim().to_ascii_uppercase();
    let d = store::charity::donation_by_receipt(&state.db, &code)
        .await?
        .ok_or(OpError::NotFound)?;
    let c = store::charity::collection(&state.db, d.collection_id)
        .await?
        .ok_or(OpError::NotFound)?;
    let org = crate::organizations::load(state, c.organization_id).await?;
    Ok(ReceiptView {
        code,
        collection_id: c.id,
        purpose: super::view::CollectionView::of(lang, &c).purpose,
        organization: i18n::in_lang(lang, &org.name_kk, &org.name_ru, &org.name_en),
        amount_tiyn: d.amount_tiyn,
        in_kind: d.in_kind,
        items: d.items.clone(),
        occurred_on: d.occurred_on,
        channel: d.channel.code().to_owned(),
        shown_as: d.public_name.clone(),
        reversed: d.reversed_at.is_some(),
        leaf: store::charity::leaf_of(&state.db, d.id).await?,
    })
}

/// The public check's address.
pub fn check_url(state: &App, code: &str) -> String {
    format!(
        "{}/receipts/{code}",
        state.settings.public_url.trim_end_matches('/')
    )
}

/// The receipt as a one-page A4 PDF in the donor's language (her name on it: the
/// document is hers), with a QR code to its public check.
pub async fn pdf(state: &App, code: &str) -> Result<Vec<u8>, OpError> {
    let code = code.trim().to_ascii_uppercase();
    let d = store::charity::donation_by_receipt(&state.db, &code)
        .await?
        .ok_or(OpError::NotFound)?;
    let lang = Lang::parse(&d.lang).unwrap_or_default();
    let v = check(state, lang, &code).await?;
    let url = check_url(state, &code);
    let donor = d.donor_name.clone().or(d.public_name.clone());
    tokio::task::spawn_blocking(move || draw(lang, &v, donor.as_deref(), &url))
        .await
        .map_err(|e| OpError::Internal(e.to_string()))?
}

fn draw(lang: Lang, v: &ReceiptView, donor: Option<&str>, url: &str) -> Result<Vec<u8>, OpError> {
    let (Some(regular), Some(bold)) = (REGULAR.clone(), BOLD.clone()) else {
        return Err(OpError::Internal("the embedded fonts do not load".into()));
    };
    let t = |k: &str| i18n::t(lang, k);
    let mut doc = krilla::Document::new();
    let settings = krilla::page::PageSettings::from_wh(A4.0, A4.1)
        .ok_or_else(|| OpError::Internal("page size".into()))?;
    let mut page = doc.start_page_with(settings);
    let mut surface = page.surface();
    surface.set_fill(Some(black()));
    let left = 60.0;
    let mut y = 90.0;
    text(&mut surface, &bold, 22.0, left, y, &t("receipt_title"));
    y += 40.0;
    let cut = |s: &str| s.chars().take(70).collect::<String>();
    let lines = [
        (t("receipt_organization"), v.organization.clone()),
        (t("receipt_collection"), cut(&v.purpose)),
        (
            t("receipt_donor"),
            donor.map_or_else(|| t("donor_anonymous"), str::to_owned),
        ),
        (
            t("receipt_amount"),
            match (&v.items, v.amount_tiyn) {
                (Some(items), Some(a)) => format!(
                    "{} ({} {})",
                    cut(items),
                    t("collection_estimate"),
                    format_kzt(a, lang)
                ),
                (Some(items), None) => cut(items),
                (None, Some(a)) => format_kzt(a, lang),
                (None, None) => String::new(),
            },
        ),
        (t("receipt_date"), domain::format_date(v.occurred_on, lang)),
        (t("field_channel"), t(&format!("channel_{}", v.channel))),
    ];
    for (label, value) in lines {
        text(&mut surface, &regular, 11.0, left, y, &label);
        y += 18.0;
        text(&mut surface, &bold, 14.0, left, y, &value);
        y += 28.0;
    }
    if v.reversed {
        text(
            &mut surface,
            &bold,
            12.0,
            left,
            y,
            &t("collection_refunded"),
        );
    }
    qr_bottom_right(&mut surface, url)?;
    let by = A4.1 - 150.0;
    text(
        &mut surface,
        &bold,
        12.0,
        left,
        by,
        &format!("{}: {}", t("cert_code"), v.code),
    );
    text(
        &mut surface,
        &regular,
        9.0,
        left,
        by + 20.0,
        &t("receipt_check_at"),
    );
    text(&mut surface, &regular, 9.0, left, by + 34.0, url);
    surface.finish();
    page.finish();
    doc.finish()
        .map_err(|e| OpError::Internal(format!("PDF: {e:?}")))
}

/// Sends the donor her receipt (a link to its check and its PDF), when she left an address.
pub async fn send(state: &App, donation: Uuid) -> Result<(), OpError> {
    let Some(d) = store::charity::donation(&state.db, donation).await? else {
        return Ok(());
    };
    let Some(to) = d.donor_email.as_deref() else {
        return Ok(());
    };
    let lang = Lang::parse(&d.lang).unwrap_or_default();
    let url = check_url(state, &d.receipt_code);
    let args = [
        ("code", Arg::Str(d.receipt_code.clone())),
        ("link", Arg::Str(url)),
    ];
    crate::mail::send_with(state, to, lang, "donation_receipt", &args).await?;
    Ok(())
}
