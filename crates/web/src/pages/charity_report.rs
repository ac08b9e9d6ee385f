//! The closing report on a collection's pages: the form on its manage page (what happens
//! to the remainder), the same form again with what to fix next to each field, and the
//! report's section of the public page with the figures it was published with.

use app::OpError;
use app::auth::SignedIn;
use app::charity::report::{self, ReportForm};
use askama::Template;
use domain::charity::{RemainderUse, format_kzt, labels};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::{CsrfForm, Ctx, Id, Signed};
use crate::error::{PageResult, message_page};
use crate::pages::forms::Errors;
use crate::pages::help::Choice;
use crate::pages::{redirect_with_flash, render_status};

/// The closing report's form.
pub struct ReportFormView {
    /// Where it posts.
    pub action: String,
    /// What may happen to the remainder.
    pub uses: Vec<Choice>,
    /// The choice's error.
    pub use_error: Option<String>,
    /// The words as typed.
    pub text: String,
    /// The words' error.
    pub text_error: Option<String>,
}

impl ReportFormView {
    /// The form of `collection`'s report, as typed in `f`, with `errors` beside its fields.
    pub fn new(ctx: &Ctx, collection: Uuid, f: &ReportForm, errors: &Errors) -> ReportFormView {
        let mut uses = vec![(String::new(), "—".to_owned(), f.remainder_use.is_empty())];
        uses.extend(RemainderUse::ALL.iter().map(|u| {
            (
                u.code().to_owned(),
                ctx.t(&format!("{}{}", labels::REMAINDER_USE, u.code())),
                u.code() == f.remainder_use,
            )
        }));
        ReportFormView {
            action: format!("/collections/{collection}/report"),
            uses,
            use_error: errors.get("remainder_use").map(str::to_owned),
            text: f.remainder_text.clone(),
            text_error: errors.get("remainder_text").map(str::to_owned),
        }
    }
}

/// The closing report as the public page shows it.
pub struct ReportSection {
    /// What happens to the remainder, in words of the choice.
    pub remainder_use: String,
    /// And in the organization's words.
    pub remainder_text: String,
    /// The figures: (id, label, value).
    pub figures: Vec<(&'static str, String, String)>,
    /// Money spent by category: (label, value).
    pub spent: Vec<(String, String)>,
    /// The checkpoint the figures were computed at, in words.
    pub computed_at: Option<String>,
    /// Published on, formatted.
    pub published_on: String,
}

/// The closing report of `collection` for the public page, if published.
pub async fn section(
    state: &AppState,
    ctx: &Ctx,
    me: Option<&SignedIn>,
    collection: Uuid,
) -> Result<Option<ReportSection>, OpError> {
    let lang = ctx.lang;
    let Some(r) = report::report(state, me, lang, collection).await? else {
        return Ok(None);
    };
    let kzt = |t: i64| format_kzt(t, lang);
    Ok(Some(ReportSection {
        figures: vec![
            (
                "report-raised",
                ctx.t("collection_raised"),
                kzt(r.raised_tiyn),
            ),
            ("report-spent", ctx.t("collection_spent"), kzt(r.spent_tiyn)),
            (
                "report-remainder",
                ctx.t("collection_remainder"),
                kzt(r.remainder_tiyn),
            ),
            (
                "report-in-kind",
                ctx.t("collection_in_kind_estimate"),
                format!(
                    "{} ({})",
                    kzt(r.in_kind_estimate_tiyn),
                    ctx.t("collection_estimate")
                ),
            ),
            (
                "report-donations",
                ctx.t("collection_donors"),
                ctx.num(r.donations),
            ),
        ],
        spent: r
            .spent_by_category
            .iter()
            .map(|s| (s.label.clone(), kzt(s.amount_tiyn)))
            .collect(),
        computed_at: r.checkpoint_at.map(|at| {
            ctx.t("report_computed_at")
                .replace(
                    "{size}",
                    &ctx.num(i64::try_from(r.checkpoint_size).unwrap_or(i64::MAX)),
                )
                .replace("{at}", &domain::format_datetime(at, lang))
        }),
        published_on: domain::format_date(
            domain::format::to_kz_time(r.published_at).date_naive(),
            lang,
        ),
        remainder_use: r.remainder_use_label,
        remainder_text: r.remainder_text,
    }))
}

/// The report's form alone, with what to fix.
#[derive(Template)]
#[template(path = "collection_report_page.html")]
pub struct ReportPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The collection.
    pub collection: Uuid,
    /// Its purpose.
    pub purpose: String,
    /// The form.
    pub report_form: ReportFormView,
}

/// POST /collections/{id}/report: the organization publishes the closing report.
pub async fn publish(Signed { state, ctx, me }: Signed, Id(id): Id, f: CsrfForm) -> PageResult {
    let back = format!("/collections/{id}/manage");
    let form = ReportForm {
        remainder_use: f.get("remainder_use").to_owned(),
        remainder_text: f.get("remainder_text").to_owned(),
    };
    match report::publish(&state, &me, ctx.lang, id, &form).await {
        Ok(()) => Ok(redirect_with_flash(
            &format!("/collections/{id}"),
            "flash_saved",
        )),
        Err(OpError::Invalid(errors)) => {
            let c = app::charity::visible(&state, Some(&me), id).await?;
            let page = ReportPage {
                report_form: ReportFormView::new(&ctx, id, &form, &errors),
                purpose: app::charity::view::CollectionView::of(ctx.lang, &c).purpose,
                collection: id,
                ctx,
            };
            Ok(render_status(
                &page.ctx,
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            ))
        }
        Err(OpError::Conflict(code)) => {
            let msg = ctx.t(code);
            Ok(message_page(
                ctx,
                axum::http::StatusCode::CONFLICT,
                &msg,
                &back,
            ))
        }
        Err(e) => Err(e.into()),
    }
}
