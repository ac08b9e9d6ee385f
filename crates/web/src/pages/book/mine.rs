//! The volunteer's own book (totals, benefits, entries, claims, disputes, whether it is
//! public) and a book as the public sees it.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use uuid::Uuid;

use super::{PageQuery, TotalLine, total_groups};
use crate::AppState;
use crate::auth::SignedIn;
use crate::ctx::{CsrfForm, Ctx, Id, Signed};
use crate::error::PageResult;
use crate::pages::forms::Errors;
use crate::pages::{redirect_with_flash, render, render_status};
use app::OpError;
use app::book::{self, ClaimInput};

/// An entry as the book shows it.
pub struct EntryView {
    /// Key.
    pub id: Uuid,
    /// Date, formatted.
    pub date: String,
    /// Organization name.
    pub organization: String,
    /// Hours, formatted.
    pub hours: String,
    /// Source, translated.
    pub source: String,
    /// Status code.
    pub code: String,
    /// Status, translated.
    pub status: String,
    /// What was done, or why it was rejected.
    pub note: String,
    /// She may escalate it now.
    pub can_dispute: bool,
}

/// The volunteer's book.
#[derive(Template)]
#[template(path = "book.html")]
pub struct BookPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Confirmed hours, formatted.
    pub total: String,
    /// Totals by year, direction, organization and activity type: (title key, lines).
    pub groups: Vec<(&'static str, Vec<TotalLine>)>,
    /// Hours as typed in the claim.
    pub hours_typed: String,
    /// Entries.
    pub entries: Vec<EntryView>,
    /// Organizations to claim hours with: (id, name, selected).
    pub organizations: Vec<(String, String, bool)>,
    /// Organizations of her confirmed hours, for a certificate of one: (key, name).
    pub certificate_organizations: Vec<(String, String)>,
    /// The claim as typed.
    pub claim: ClaimInput,
    /// Errors of the claim.
    pub errors: Errors,
    /// Her certificates: (code, issued, revoked).
    pub certificates: Vec<(String, String, bool)>,
    /// Benefits: (title, counted minutes, goal minutes, what it says).
    pub benefits: Vec<(String, i64, i64, String)>,
    /// She shows her book publicly.
    pub public: bool,
    /// Where her public book is.
    pub public_url: String,
    /// Entries in all.
    pub entries_total: i64,
    /// The page of entries shown, from 1.
    pub page_no: i64,
    /// Pages of entries.
    pub pages: i64,
}

/// A benefit's progress in words: counted of goal, then the tier reached or what is left.
fn benefit_line(ctx: &Ctx, p: &domain::benefits::Progress) -> (String, i64, i64, String) {
    let hours = |m: i64| domain::format_hours(m, ctx.lang);
    let counted = format!("{} / {}", hours(p.counted_minutes), hours(p.goal_minutes));
    let status = match (&p.tier, &p.next, p.achieved) {
        (_, _, true) if p.tier.is_none() => ctx.t("benefit_achieved"),
        (Some(t), _, true) => ctx.t(&format!("benefit_tier_{t}")),
        (Some(t), Some((_, left)), false) => format!(
            "{}; {}",
            ctx.t(&format!("benefit_tier_{t}")),
            ctx.ts("benefit_left", "hours", &hours(*left))
        ),
        (None, Some((_, left)), _) => ctx.ts("benefit_left", "hours", &hours(*left)),
        _ => String::new(),
    };
    (
        ctx.t(&format!("benefit_{}", p.code)),
        p.counted_minutes.min(p.goal_minutes),
        p.goal_minutes.max(1),
        format!("{counted} — {status}"),
    )
}

/// The claim form as typed, with its errors.
struct ClaimForm {
    input: ClaimInput,
    hours_typed: String,
    errors: Errors,
}

impl ClaimForm {
    fn empty(ctx: &Ctx) -> Self {
        ClaimForm {
            input: ClaimInput::default(),
            hours_typed: String::new(),
            errors: Errors::new(ctx.lang),
        }
    }
}

/// The book page with the claim form (as typed, with its errors) at `status`.
async fn book_page(
    state: &AppState,
    ctx: Ctx,
    me: &SignedIn,
    form: ClaimForm,
    status: StatusCode,
    page_no: i64,
) -> PageResult {
    let ClaimForm {
        input: claim,
        hours_typed,
        errors,
    } = form;
    let lang = ctx.lang;
    let mine = book::my_book(state, me, lang, page_no).await?;
    let b = &mine.book;
    let names = &mine.names;
    let hours = |m: i64| domain::format_hours(m, lang);
    let mut certificate_organizations: Vec<(String, String)> = b
        .totals
        .by_organization
        .keys()
        .filter_map(|k| Uuid::parse_str(k).ok())
        .map(|id| {
            let name = names.get(&Some(id)).cloned().unwrap_or_default();
            (id.to_string(), name)
        })
        .collect();
    certificate_organizations.sort_by(|a, b| a.1.cmp(&b.1));
    let page = BookPage {
        total: hours(b.totals.minutes),
        hours_typed,
        groups: total_groups(&ctx, &b.totals, names),
        entries: b
            .entries
            .iter()
            .map(|e| EntryView {
                id: e.id,
                date: domain::format_date(e.work_date, lang),
                organization: names.get(&e.organization_id).cloned().unwrap_or_default(),
                hours: hours(e.minutes),
                source: ctx.t(&format!("hours_source_{}", e.source)),
                code: e.status.clone(),
                status: ctx.t(&format!("hours_status_{}", e.status)),
                note: match e.status.as_str() {
                    "rejected" | "disputed" | "reversed" => e.reason.clone().unwrap_or_default(),
                    _ => e.description.clone().unwrap_or_default(),
                },
                can_dispute: book::can_dispute(state, e),
            })
            .collect(),
        organizations: mine
            .organizations
            .iter()
            .map(|(id, name)| {
                let id = id.to_string();
                let selected = id == claim.organization_id;
                (id, name.clone(), selected)
            })
            .collect(),
        certificate_organizations,
        claim,
        errors,
        certificates: mine
            .certificates
            .iter()
            .map(|c| {
                (
                    c.code.clone(),
                    domain::format_date(c.issued_at.date_naive(), lang),
                    c.revoked_at.is_some(),
                )
            })
            .collect(),
        benefits: b.benefits.iter().map(|p| benefit_line(&ctx, p)).collect(),
        public: mine.public,
        public_url: format!("/volunteers/{}/book", me.user.id),
        entries_total: b.entries_total,
        page_no: b.page,
        pages: ((b.entries_total + book::BOOK_PAGE - 1) / book::BOOK_PAGE).max(1),
        ctx,
    };
    Ok(render_status(&page.ctx, status, &page))
}

/// GET /me/book[?page=N] — her totals and benefits, and her entries 100 to a page.
pub async fn mine(Signed { state, ctx, me }: Signed, Query(q): Query<PageQuery>) -> PageResult {
    let form = ClaimForm::empty(&ctx);
    book_page(&state, ctx, &me, form, StatusCode::OK, q.page.unwrap_or(1)).await
}

/// "1.5" or "1,5" hours → "90" minutes; anything else is passed on to be refused.
fn hours_to_minutes(s: &str) -> String {
    s.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|h| h.is_finite())
        .map(|h| ((h * 60.0).round() as i64).to_string())
        .unwrap_or_else(|| s.to_owned())
}

/// POST /me/hours — a claim from the book page.
pub async fn claim(Signed { state, ctx, me }: Signed, f: CsrfForm) -> PageResult {
    let input = ClaimInput {
        organization_id: f.get("organization_id").to_owned(),
        minutes: hours_to_minutes(f.get("hours")),
        date: f.get("date").to_owned(),
        description: f.get("description").to_owned(),
    };
    let errors = match book::claim(&state, ctx.lang, &me, &input).await {
        Ok(_) => return Ok(redirect_with_flash("/me/book", "flash_hours_claimed")),
        Err(OpError::Invalid(errors)) => errors,
        // The form offers her organizations only: one gone since is a choice to make again.
        Err(OpError::NotFound) => {
            let mut errors = Errors::new(ctx.lang);
            errors.invalid("organization_id", &domain::Invalid::ChoiceUnknown);
            errors
        }
        Err(e) => return Err(e.into()),
    };
    let form = ClaimForm {
        input,
        hours_typed: f.get("hours").to_owned(),
        errors,
    };
    book_page(&state, ctx, &me, form, StatusCode::UNPROCESSABLE_ENTITY, 1).await
}

/// POST /me/book/public — shows (`public=on`) or hides her book.
pub async fn set_public(Signed { state, me, .. }: Signed, f: CsrfForm) -> PageResult {
    let public = f.get("public") == "on";
    book::set_public(&state, &me, public).await?;
    Ok(redirect_with_flash(
        "/me/book#public",
        if public {
            "flash_book_public"
        } else {
            "flash_book_private"
        },
    ))
}

/// POST /hours/{id}/dispute
pub async fn dispute(Signed { state, ctx, me }: Signed, Id(id): Id, f: CsrfForm) -> PageResult {
    book::dispute(&state, ctx.lang, &me, id, f.get("reason")).await?;
    Ok(redirect_with_flash("/me/book", "flash_hours_disputed"))
}

/// A book as the public sees it.
#[derive(Template)]
#[template(path = "public_book.html")]
pub struct PublicBookPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Given name and initial.
    pub name: String,
    /// Region, translated.
    pub region: String,
    /// Confirmed hours, formatted.
    pub total: String,
    /// Totals as tables.
    pub groups: Vec<(&'static str, Vec<TotalLine>)>,
    /// Entries: (date, organization, hours, direction, a reversal).
    pub entries: Vec<(String, String, String, String, bool)>,
}

/// GET /volunteers/{id}/book — a book its holder made public (404 otherwise).
pub async fn public(State(state): State<AppState>, ctx: Ctx, Id(id): Id) -> PageResult {
    let lang = ctx.lang;
    let book::PublicBookView { book: b, names } = book::public_book_named(&state, id, lang).await?;
    let page = PublicBookPage {
        name: b.name.clone(),
        region: b
            .region_code
            .as_deref()
            .and_then(|r| domain::RegionCode::parse(r).ok())
            .map(|r| r.name(lang).to_owned())
            .unwrap_or_default(),
        total: domain::format_hours(b.totals.minutes, lang),
        groups: total_groups(&ctx, &b.totals, &names),
        entries: b
            .entries
            .iter()
            .map(|e| {
                (
                    domain::format_date(e.date, lang),
                    names.get(&e.organization_id).cloned().unwrap_or_default(),
                    domain::format_hours(e.minutes, lang),
                    e.direction
                        .as_deref()
                        .and_then(domain::reference::direction)
                        .map(|d| d.name(lang).to_owned())
                        .unwrap_or_default(),
                    e.kind == "reversal",
                )
            })
            .collect(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

#[cfg(test)]
mod tests {
    use super::hours_to_minutes;

    #[test]
    fn hours_are_typed_with_a_comma_or_a_point() {
        assert_eq!(hours_to_minutes("1,5"), "90");
        assert_eq!(hours_to_minutes(" 2.25 "), "135");
        assert_eq!(hours_to_minutes("abc"), "abc");
    }
}
