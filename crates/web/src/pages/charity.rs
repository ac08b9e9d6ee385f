//! Pages of charitable collections: the public directory and a collection's public page
//! (its totals proven at a checkpoint, donors by the name they chose, approved expenses
//! with their receipts, the report, a QR code for posters and boxes, giving by card); the
//! organization's form to open one; and the page where the organization and the
//! front-office act on it (steps, donations entered, expenses submitted and decided).

use app::OpError;
use app::charity::collections::{self, CollectionForm, DirectoryQuery, ProvenTotals, StepForm};
use app::charity::money::{self, DonationForm, ExpenseForm, PublicDonation};
use app::charity::payments::{self, CardForm};
use app::charity::view::CollectionView;
use app::charity::{self as ops};
use askama::Template;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::charity::{
    BeneficiaryCategory, Channel, CollectionStatus, ExpenseCategory, format_kzt,
};
use domain::{Action, Lang};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::{CsrfForm, Ctx, Id, IdAnd, Signed, Upload};
use crate::error::{PageResult, message_page};
use crate::pages::forms::Errors;
use crate::pages::help::Choice;
use crate::pages::{redirect_with_flash, render, render_status};

fn kzt(lang: Lang, tiyn: i64) -> String {
    format_kzt(tiyn, lang)
}

fn beneficiaries(ctx: &Ctx, selected: &str) -> Vec<Choice> {
    BeneficiaryCategory::ALL
        .iter()
        .map(|c| {
            (
                c.code().to_owned(),
                ctx.t(&format!("beneficiary_{}", c.code())),
                c.code() == selected,
            )
        })
        .collect()
}

/// A line of the directory.
pub struct Line {
    /// The collection.
    pub view: CollectionView,
    /// Raised, formatted.
    pub raised: String,
    /// Target, formatted.
    pub target: String,
    /// Share of the target raised, 0–100.
    pub percent: i64,
    /// Beneficiary category in words.
    pub beneficiary: String,
}

fn line(ctx: &Ctx, v: CollectionView) -> Line {
    let percent = if v.target_tiyn > 0 {
        (v.raised_tiyn.max(0).saturating_mul(100) / v.target_tiyn).min(100)
    } else {
        0
    };
    Line {
        raised: kzt(ctx.lang, v.raised_tiyn),
        target: kzt(ctx.lang, v.target_tiyn),
        percent,
        beneficiary: ctx.t(&format!("beneficiary_{}", v.beneficiary)),
        view: v,
    }
}

/// The public directory.
#[derive(Template)]
#[template(path = "collections.html")]
pub struct DirectoryPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Collections.
    pub lines: Vec<Line>,
    /// Region options.
    pub regions: Vec<Choice>,
    /// Category options.
    pub categories: Vec<Choice>,
}

/// GET /collections
pub async fn directory(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DirectoryQuery>,
) -> PageResult {
    let list = collections::directory(&state, &q).await?;
    let refs = state.reference.get(&state.db).await?;
    let page = DirectoryPage {
        lines: list
            .iter()
            .map(|c| line(&ctx, CollectionView::of(ctx.lang, c)))
            .collect(),
        regions: refs.region_choices(ctx.lang, &q.region),
        categories: beneficiaries(&ctx, &q.category),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// A donation line of the public page.
pub struct DonationLine {
    /// Public name, or "anonymous" in words.
    pub name: String,
    /// Amount (an estimate for goods), formatted.
    pub amount: String,
    /// Goods in kind: what.
    pub items: Option<String>,
    /// Given on.
    pub date: String,
    /// Reversed.
    pub reversed: bool,
}

/// An expense line of the public page.
pub struct ExpenseLine {
    /// Key.
    pub id: Uuid,
    /// Amount, formatted.
    pub amount: String,
    /// Category in words.
    pub category: String,
    /// What for.
    pub purpose: String,
    /// Spent on.
    pub date: String,
    /// `pending`, `approved`, `rejected`, in words.
    pub status: String,
    /// Still to decide.
    pub pending: bool,
}

/// A collection's public page.
#[derive(Template)]
#[template(path = "collection.html")]
pub struct CollectionPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The collection.
    pub c: Line,
    /// The organization's name and whether it is verified.
    pub org: (String, bool),
    /// Proven totals.
    pub proven: ProvenTotals,
    /// Proven figures, formatted: raised, spent, remainder.
    pub figures: [String; 3],
    /// The checkpoint, in words (none before the first).
    pub checkpoint: Option<String>,
    /// Donations.
    pub donations: Vec<DonationLine>,
    /// Expenses (approved ones for the public).
    pub expenses: Vec<ExpenseLine>,
    /// The QR code of this page (SVG).
    pub qr: String,
    /// This page's address.
    pub link: String,
    /// Card payments are offered.
    pub card: bool,
    /// The caller may act on it (organization or front-office).
    pub manage: bool,
    /// Gifts in kind.
    pub gifts: Vec<super::charity_gifts::GiftLine>,
    /// The proven estimate of gifts in kind, formatted.
    pub in_kind: String,
    /// The closing report, once published.
    pub report: Option<super::charity_report::ReportSection>,
}

fn qr_svg(link: &str) -> String {
    qrcode::QrCode::new(link.as_bytes())
        .map(|q| {
            q.render::<qrcode::render::svg::Color>()
                .min_dimensions(200, 200)
                .quiet_zone(true)
                .build()
                .split_once("<svg")
                .map(|(_, rest)| format!("<svg role=\"img\" aria-labelledby=\"qr-caption\"{rest}"))
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

fn expense_line(ctx: &Ctx, e: &money::Expense) -> ExpenseLine {
    ExpenseLine {
        id: e.id,
        amount: kzt(ctx.lang, e.amount_tiyn),
        category: ctx.t(&format!("expense_category_{}", e.category.code())),
        purpose: e.purpose.clone(),
        date: domain::format_date(e.spent_on, ctx.lang),
        status: ctx.t(&format!("expense_status_{}", e.status.code())),
        pending: e.status == domain::charity::ExpenseStatus::Pending,
    }
}

/// GET /collections/{id}
pub async fn show(State(state): State<AppState>, ctx: Ctx, Id(id): Id) -> PageResult {
    let me = ctx.user.clone();
    let c = ops::visible(&state, me.as_ref(), id).await?;
    let proven = collections::proven_totals(&state, &c).await?;
    let (donations, _) = money::donations(&state, None, id, 1).await?;
    let expenses = money::expenses(&state, None, id).await?;
    let org = app::organizations::load(&state, c.organization_id).await?;
    let lang = ctx.lang;
    let link = format!(
        "{}/collections/{id}",
        state.settings.public_url.trim_end_matches('/')
    );
    let manage = app::organizations::may(me.as_ref(), Action::ViewDonors, &ops::resource(&c));
    let gifts = super::charity_gifts::gift_lines(&state, &ctx, None, id).await?;
    let report = super::charity_report::section(&state, &ctx, me.as_ref(), id).await?;
    let page = CollectionPage {
        gifts,
        in_kind: kzt(lang, proven.in_kind_received),
        report,
        org: (
            app::i18n::in_lang(lang, &org.name_kk, &org.name_ru, &org.name_en),
            org.status == domain::OrgStatus::Verified,
        ),
        figures: [
            kzt(lang, proven.raised - proven.reversed),
            kzt(lang, proven.spent),
            kzt(lang, proven.remainder),
        ],
        checkpoint: proven.checkpoint_at.map(|at| {
            ctx.t("collection_proven_at")
                .replace("{size}", &ctx.num(proven.checkpoint as i64))
                .replace("{at}", &domain::format_datetime(at, lang))
        }),
        proven,
        donations: donations
            .iter()
            .map(|d| {
                let p = PublicDonation::from(d);
                DonationLine {
                    name: p.shown_as.unwrap_or_else(|| ctx.t("donor_anonymous")),
                    amount: p.amount_tiyn.map_or_else(String::new, |a| kzt(lang, a)),
                    items: p.items,
                    date: domain::format_date(p.occurred_on, lang),
                    reversed: p.reversed,
                }
            })
            .collect(),
        expenses: expenses.iter().map(|e| expense_line(&ctx, e)).collect(),
        qr: qr_svg(&link),
        link,
        card: state.settings.payments.secret.is_some()
            && state.settings.payments.checkout_url.is_some()
            && c.status.accepts_donations(),
        manage,
        c: line(&ctx, CollectionView::of(lang, &c)),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /collections/{id}/give: off to the provider's page to pay by card.
pub async fn give(State(state): State<AppState>, ctx: Ctx, Id(id): Id, f: CsrfForm) -> PageResult {
    let form = CardForm {
        amount: f.get("amount").to_owned(),
        donor_name: f.get("donor_name").to_owned(),
        donor_email: f.get("donor_email").to_owned(),
        public_name: f.get("public_name").to_owned(),
    };
    // A signed-in donor's gift is linked to her account (her list of donations).
    match payments::checkout(&state, ctx.user.as_ref(), ctx.lang, id, &form).await {
        Ok(url) => Ok(Redirect::to(&url).into_response()),
        Err(OpError::Invalid(e)) => Ok(invalid_message(ctx, &e, &format!("/collections/{id}"))),
        Err(e) => Err(e.into()),
    }
}

fn invalid_message(ctx: Ctx, e: &app::Errors, back: &str) -> Response {
    let msg = e
        .iter()
        .map(|(_, (_, m))| m.clone())
        .collect::<Vec<_>>()
        .join(" ");
    message_page(ctx, StatusCode::UNPROCESSABLE_ENTITY, &msg, back)
}

/// A field of the collection form.
pub struct Row {
    /// `name` and `id`.
    pub name: &'static str,
    /// Its label.
    pub label: String,
    /// As typed.
    pub value: String,
    /// `textarea`, `select`, or an input type.
    pub kind: &'static str,
    /// `inputmode`.
    pub mode: &'static str,
    /// Its error.
    pub error: Option<String>,
}

/// The form to open a collection.
#[derive(Template)]
#[template(path = "collection_form.html")]
pub struct FormPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Where it posts.
    pub action: String,
    /// The fields.
    pub rows: Vec<Row>,
    /// Categories.
    pub categories: Vec<Choice>,
}

fn form_page(
    ctx: Ctx,
    org: Uuid,
    f: CollectionForm,
    box_location: String,
    errors: Errors,
) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let fields: [(&'static str, &str, &'static str, &'static str); 11] = [
        ("purpose_kk", &f.purpose_kk, "textarea", "text"),
        ("purpose_ru", &f.purpose_ru, "textarea", "text"),
        ("purpose_en", &f.purpose_en, "textarea", "text"),
        ("beneficiary", &f.beneficiary, "select", "text"),
        ("target", &f.target, "text", "decimal"),
        ("start_date", &f.start_date, "date", "text"),
        ("end_date", &f.end_date, "date", "text"),
        ("iban", &f.iban, "text", "text"),
        ("bank_name", &f.bank_name, "text", "text"),
        ("holder_bin", &f.holder_bin, "text", "numeric"),
        ("box_location", &box_location, "text", "text"),
    ];
    let rows = fields
        .into_iter()
        .map(|(name, value, kind, mode)| Row {
            name,
            label: ctx.t(&format!("field_{name}")),
            value: value.to_owned(),
            kind,
            mode,
            error: errors.get(name).map(str::to_owned),
        })
        .collect();
    let page = FormPage {
        action: format!("/organizations/{org}/collections"),
        categories: beneficiaries(&ctx, &f.beneficiary),
        rows,
        ctx,
    };
    render_status(&page.ctx, status, &page)
}

/// GET /organizations/{id}/collections/new
pub async fn new_form(Signed { state, ctx, me }: Signed, Id(org): Id) -> PageResult {
    let o = app::organizations::load(&state, org).await?;
    app::organizations::allow(
        Some(&me),
        Action::ManageCollections,
        &app::organizations::resource(&o),
    )?;
    let errors = Errors::new(ctx.lang);
    Ok(form_page(
        ctx,
        org,
        CollectionForm::default(),
        String::new(),
        errors,
    ))
}

/// POST /organizations/{id}/collections
pub async fn create(Signed { state, ctx, me }: Signed, Id(org): Id, f: CsrfForm) -> PageResult {
    let box_location = f.get("box_location").trim().to_owned();
    let form = CollectionForm {
        purpose_kk: f.get("purpose_kk").to_owned(),
        purpose_ru: f.get("purpose_ru").to_owned(),
        purpose_en: f.get("purpose_en").to_owned(),
        beneficiary: f.get("beneficiary").to_owned(),
        target: f.get("target").to_owned(),
        start_date: f.get("start_date").to_owned(),
        end_date: f.get("end_date").to_owned(),
        iban: f.get("iban").to_owned(),
        bank_name: f.get("bank_name").to_owned(),
        holder_bin: f.get("holder_bin").to_owned(),
        boxes: if box_location.is_empty() {
            Vec::new()
        } else {
            vec![collections::BoxInput {
                number: 1,
                location: box_location.clone(),
            }]
        },
    };
    match collections::open(&state, &me, ctx.lang, org, &form).await {
        Ok(id) => Ok(redirect_with_flash(
            &format!("/collections/{id}/manage"),
            "flash_saved",
        )),
        Err(OpError::Invalid(errors)) => Ok(form_page(ctx, org, form, box_location, errors)),
        Err(e) => Err(e.into()),
    }
}

/// A step the viewer may take: (code, label, needs a number, needs a reason, needs a report).
pub type StepButton = (&'static str, String, bool, bool, bool);

/// The page where a collection is run.
#[derive(Template)]
#[template(path = "collection_manage.html")]
pub struct ManagePage {
    /// Layout context.
    pub ctx: Ctx,
    /// The collection.
    pub c: Line,
    /// Its status in words.
    pub status: String,
    /// Steps the viewer may take now.
    pub steps: Vec<StepButton>,
    /// The viewer handles its money.
    pub money: bool,
    /// Donations are taken now.
    pub takes_donations: bool,
    /// Expenses are taken now.
    pub takes_expenses: bool,
    /// Channels.
    pub channels: Vec<Choice>,
    /// Expense categories.
    pub categories: Vec<Choice>,
    /// Expenses (all).
    pub expenses: Vec<ExpenseLine>,
    /// Donations with the donor's identity: (public line, donor's name).
    pub donations: Vec<(DonationLine, String)>,
    /// Today, YYYY-MM-DD (default dates).
    pub today: String,
    /// The form of a gift in kind.
    pub gift: super::charity_gifts::GiftFormView,
    /// Gifts in kind, with their acts.
    pub gifts: Vec<super::charity_gifts::GiftLine>,
    /// The closing report's form.
    pub report_form: super::charity_report::ReportFormView,
}

/// GET /collections/{id}/manage
pub async fn manage(Signed { state, ctx, me }: Signed, Id(id): Id) -> PageResult {
    let c = ops::visible(&state, Some(&me), id).await?;
    let org_side =
        app::organizations::may(Some(&me), Action::ManageCollections, &ops::resource(&c));
    let office = app::organizations::may(
        Some(&me),
        Action::RegisterCollections,
        &ops::region_resource(&c),
    );
    let money_side = app::organizations::may(Some(&me), Action::HandleMoney, &ops::resource(&c));
    if !org_side && !office && !money_side {
        return Err(OpError::NotFound.into());
    }
    use domain::charity::{CollectionStep as S, Steward};
    let candidates: [(&'static str, S); 9] = [
        ("submit", S::Submit),
        ("register", S::register("x").expect("a number")),
        ("reject", S::reject("x").expect("a reason")),
        ("activate", S::Activate),
        ("suspend", S::suspend("x").expect("a reason")),
        ("resume", S::Resume),
        ("close", S::Close),
        ("report", S::Report),
        ("withdraw", S::Withdraw),
    ];
    let steps = candidates
        .into_iter()
        .filter(|(_, s)| {
            (org_side && c.status.step(s, Steward::Organization).is_ok())
                || (office && c.status.step(s, Steward::FrontOffice).is_ok())
        })
        .map(|(code, _)| {
            (
                code,
                ctx.t(&format!("collection_step_{code}")),
                code == "register",
                matches!(code, "reject" | "suspend"),
                code == "report",
            )
        })
        .collect();
    let lang = ctx.lang;
    let (donations, _) = money::donations(&state, Some(&me), id, 1).await?;
    let expenses = money::expenses(&state, Some(&me), id).await?;
    let gifts = super::charity_gifts::gift_lines(&state, &ctx, Some(&me), id).await?;
    let no_errors = Errors::new(lang);
    let page = ManagePage {
        gift: super::charity_gifts::GiftFormView::new(&ctx, id, &Default::default(), &no_errors),
        gifts,
        report_form: super::charity_report::ReportFormView::new(
            &ctx,
            id,
            &Default::default(),
            &no_errors,
        ),
        status: ctx.t(&format!("collection_status_{}", c.status.code())),
        steps,
        money: money_side,
        takes_donations: c.status.accepts_donations(),
        takes_expenses: c.status.accepts_expenses(),
        channels: Channel::ALL
            .iter()
            .map(|ch| {
                (
                    ch.code().to_owned(),
                    ctx.t(&format!("channel_{}", ch.code())),
                    *ch == Channel::BankTransfer,
                )
            })
            .collect(),
        categories: ExpenseCategory::ALL
            .iter()
            .map(|e| {
                (
                    e.code().to_owned(),
                    ctx.t(&format!("expense_category_{}", e.code())),
                    false,
                )
            })
            .collect(),
        expenses: expenses.iter().map(|e| expense_line(&ctx, e)).collect(),
        donations: donations
            .iter()
            .map(|d| {
                (
                    DonationLine {
                        name: d
                            .public_name
                            .clone()
                            .unwrap_or_else(|| ctx.t("donor_anonymous")),
                        amount: d.amount_tiyn.map_or_else(String::new, |a| kzt(lang, a)),
                        items: d.items.clone(),
                        date: domain::format_date(d.occurred_on, lang),
                        reversed: d.reversed_at.is_some(),
                    },
                    d.donor_name.clone().unwrap_or_default(),
                )
            })
            .collect(),
        today: app::today().to_string(),
        c: line(&ctx, CollectionView::of(lang, &c)),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /collections/{id}/{action}: `step`, `donation` (form fields), or an expense's
/// decision `approve-{expense}` / `reject-{expense}`.
pub async fn act(
    Signed { state, ctx, me }: Signed,
    IdAnd(id, action): IdAnd,
    f: CsrfForm,
) -> PageResult {
    let lang = ctx.lang;
    let back = format!("/collections/{id}/manage");
    let r = match action.as_str() {
        "step" => {
            let form = StepForm {
                step: f.get("step").to_owned(),
                number: f.get("number").to_owned(),
                reason: f.get("reason").to_owned(),
                report: f.get("report").to_owned(),
                remainder_use: f.get("remainder_use").to_owned(),
            };
            collections::step(&state, &me, lang, id, &form)
                .await
                .map(|_| ())
        }
        "donation" => {
            let form = DonationForm {
                kind: f.get("kind").to_owned(),
                amount: f.get("amount").to_owned(),
                channel: f.get("channel").to_owned(),
                date: f.get("date").to_owned(),
                document: f.get("document").to_owned(),
                donor_name: f.get("donor_name").to_owned(),
                donor_email: f.get("donor_email").to_owned(),
                public_name: f.get("public_name").to_owned(),
                box_number: f.get("box_number").trim().parse().ok(),
                act: f.get("act").to_owned(),
                items: f.get("items").to_owned(),
                quantity: f.get("quantity").to_owned(),
                unit: f.get("unit").to_owned(),
                condition: f.get("condition").to_owned(),
            };
            money::record(&state, &me, lang, id, &form)
                .await
                .map(|_| ())
        }
        "approve" | "reject" => {
            let expense = Uuid::parse_str(f.get("expense").trim()).map_err(|_| OpError::NotFound);
            match expense {
                Ok(e) if action == "approve" => money::approve_expense(&state, &me, e).await,
                Ok(e) => money::reject_expense(&state, &me, lang, e, f.get("reason")).await,
                Err(e) => Err(e),
            }
        }
        _ => Err(OpError::NotFound),
    };
    match r {
        Ok(()) => Ok(redirect_with_flash(&back, "flash_saved")),
        Err(OpError::Invalid(e)) => Ok(invalid_message(ctx, &e, &back)),
        Err(OpError::Conflict(code) | OpError::Forbidden(code))
            if code != "unauthenticated" && code != "forbidden" =>
        {
            let msg = ctx.t(code);
            Ok(message_page(ctx, StatusCode::CONFLICT, &msg, &back))
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /collections/{id}/expenses (multipart: the receipt and the fields).
pub async fn expense(
    Signed { state, ctx, me }: Signed,
    Id(id): Id,
    axum::Extension(csrf): axum::Extension<crate::security::CsrfToken>,
    form: Multipart,
) -> PageResult {
    let back = format!("/collections/{id}/manage");
    let up = match Upload::read(form, "receipt", Some(&csrf)).await {
        Ok(up) => up,
        Err((status, code)) => {
            let msg = ctx.t(code);
            return Ok(message_page(ctx, status, &msg, &back));
        }
    };
    let f = ExpenseForm {
        category: up.fields.get("category").to_owned(),
        amount: up.fields.get("amount").to_owned(),
        description: up.fields.get("description").to_owned(),
        spent_on: up.fields.get("spent_on").to_owned(),
        in_kind: up.fields.get("in_kind").to_owned(),
        payee_organization: up.fields.get("payee_organization").to_owned(),
        beneficiaries: up.fields.get("beneficiaries").trim().parse().ok(),
    };
    match money::submit_expense(&state, &me, ctx.lang, id, &f, &up.bytes).await {
        Ok(_) => Ok(redirect_with_flash(&back, "flash_saved")),
        Err(OpError::Invalid(e)) => Ok(invalid_message(ctx, &e, &back)),
        Err(e) => Err(e.into()),
    }
}

/// GET /expenses/{id}/receipt
pub async fn receipt(State(state): State<AppState>, ctx: Ctx, Id(id): Id) -> PageResult {
    let me = ctx.user.clone();
    let (bytes, kind) = money::receipt(&state, me.as_ref(), id).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, kind),
            (axum::http::header::CONTENT_DISPOSITION, "inline".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// The front-office's list of collections to register.
#[derive(Template)]
#[template(path = "collection_queue.html")]
pub struct QueuePage {
    /// Layout context.
    pub ctx: Ctx,
    /// The region's name.
    pub region: String,
    /// Submitted collections.
    pub lines: Vec<Line>,
    /// Open concerns: (key, collection, text, contact, raised on).
    pub concerns: Vec<(Uuid, Uuid, String, String, String)>,
}

/// GET /front-office/{region}/collections
pub async fn queue(
    Signed { state, ctx, me }: Signed,
    axum::extract::Path(region): axum::extract::Path<String>,
) -> PageResult {
    let list = collections::queue(&state, &me, &region).await?;
    let concerns = app::charity::concerns::open(&state, &me, &region)
        .await?
        .into_iter()
        .map(|k| {
            (
                k.id,
                k.collection_id,
                k.text,
                k.contact.unwrap_or_default(),
                domain::format_date(k.created_at.date_naive(), ctx.lang),
            )
        })
        .collect();
    let name = domain::REGIONS
        .iter()
        .find(|r| r.code == region)
        .map(|r| match ctx.lang {
            Lang::Kk => r.kk,
            Lang::Ru => r.ru,
            Lang::En => r.en,
        })
        .unwrap_or_default()
        .to_owned();
    let page = QueuePage {
        concerns,
        region: name,
        lines: list
            .iter()
            .map(|c| line(&ctx, CollectionView::of(ctx.lang, c)))
            .collect(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// The status for a step's code (unused statuses are never shown).
pub fn status_word(ctx: &Ctx, s: CollectionStatus) -> String {
    ctx.t(&format!("collection_status_{}", s.code()))
}

/// A receipt's public check.
#[derive(Template)]
#[template(path = "receipt.html")]
pub struct ReceiptPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The receipt.
    pub r: app::charity::receipts::ReceiptView,
    /// Amount (or goods), formatted.
    pub amount: String,
    /// Given on, formatted.
    pub date: String,
    /// The public name, or "anonymous" in words.
    pub shown_as: String,
}

/// GET /receipts/{code} (the check) and /receipts/{code}.pdf (the receipt).
pub async fn receipt_check(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> PageResult {
    use app::charity::receipts;
    if let Some(code) = file.strip_suffix(".pdf") {
        let bytes = receipts::pdf(&state, code).await?;
        return Ok((
            [
                (
                    axum::http::header::CONTENT_TYPE,
                    "application/pdf".to_owned(),
                ),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"receipt-{}.pdf\"", code.trim()),
                ),
            ],
            bytes,
        )
            .into_response());
    }
    let r = receipts::check(&state, ctx.lang, &file).await?;
    let lang = ctx.lang;
    let page = ReceiptPage {
        amount: match (&r.items, r.amount_tiyn) {
            (Some(i), Some(a)) => {
                format!("{i} ({} {})", ctx.t("collection_estimate"), kzt(lang, a))
            }
            (Some(i), None) => i.clone(),
            (None, Some(a)) => kzt(lang, a),
            (None, None) => String::new(),
        },
        date: domain::format_date(r.occurred_on, lang),
        shown_as: r
            .shown_as
            .clone()
            .unwrap_or_else(|| ctx.t("donor_anonymous")),
        r,
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /collections/{id}/concern: anyone tells the front-office something looks wrong.
pub async fn concern(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    f: CsrfForm,
) -> PageResult {
    let back = format!("/collections/{id}");
    let ip = ctx.ip.map(|i| i.to_string());
    match app::charity::concerns::report(
        &state,
        ctx.lang,
        id,
        f.get("text"),
        f.get("contact"),
        ip.as_deref(),
    )
    .await
    {
        Ok(_) => {
            let msg = ctx.t("concern_received");
            Ok(message_page(ctx, StatusCode::OK, &msg, &back))
        }
        Err(OpError::Invalid(e)) => Ok(invalid_message(ctx, &e, &back)),
        Err(e) => Err(e.into()),
    }
}

/// POST /concerns/{id}/close (the front-office).
pub async fn close_concern(
    Signed { state, ctx, me }: Signed,
    Id(id): Id,
    _f: CsrfForm,
) -> PageResult {
    let region = match ctx.user.as_ref().and_then(|u| {
        u.roles
            .iter()
            .find_map(|r| r.region().map(|c| c.as_str().to_owned()))
    }) {
        Some(r) => format!("/front-office/{r}/collections"),
        None => "/front-office".to_owned(),
    };
    app::charity::concerns::close(&state, &me, id).await?;
    Ok(redirect_with_flash(&region, "flash_saved"))
}
