//! The public directory of organizations.

use app::organizations::Card;
use askama::Template;
use axum::extract::{Query, State};
use domain::Lang;
use uuid::Uuid;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::PageResult;
use crate::pages::profile::Choice;
use crate::pages::render;
use app::organizations::{self, DirectoryParams, PAGE_SIZE};

/// A directory line, ready to show.
pub struct CardView {
    /// Key.
    pub id: Uuid,
    /// Name in the page's language.
    pub name: String,
    /// Kind, translated.
    pub kind: String,
    /// Region, translated.
    pub region: String,
    /// Locality.
    pub locality: String,
    /// Carries the badge.
    pub verified: bool,
}

/// The public directory.
#[derive(Template)]
#[template(path = "directory.html")]
pub struct DirectoryPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Results.
    pub cards: Vec<CardView>,
    /// Total matches, formatted.
    pub total: String,
    /// Text searched.
    pub q: String,
    /// Region options.
    pub regions: Vec<Choice>,
    /// Direction options.
    pub directions: Vec<Choice>,
    /// Kind options.
    pub kinds: Vec<Choice>,
    /// Only verified.
    pub verified: bool,
    /// Link to the previous page.
    pub prev: Option<String>,
    /// Link to the next page.
    pub next: Option<String>,
}

/// The directory with these filters, at `page`.
fn link(p: &DirectoryParams, page: i64) -> String {
    let enc = |s: &str| {
        percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    format!(
        "/organizations?q={}&region={}&direction={}&kind={}&verified={}&page={page}",
        enc(&p.q),
        enc(&p.region),
        enc(&p.direction),
        enc(&p.kind),
        enc(&p.verified)
    )
}

/// Region, direction and kind choices for selects.
pub async fn choices(
    state: &AppState,
    lang: Lang,
    region: &str,
    direction: &str,
    kind: &str,
) -> Result<(Vec<Choice>, Vec<Choice>, Vec<Choice>), app::StoreError> {
    let refs = state.reference.get(&state.db).await?;
    let directions = &refs.directions;
    Ok((
        refs.region_choices(lang, region),
        directions
            .iter()
            .filter(|d| d.parent_code.is_some())
            .map(|d| (d.code.clone(), d.name(lang).to_owned(), d.code == direction))
            .collect(),
        domain::OrgKind::ALL
            .iter()
            .map(|k| {
                (
                    k.code().to_owned(),
                    app::i18n::t(lang, &format!("org_kind_{}", k.code())),
                    k.code() == kind,
                )
            })
            .collect(),
    ))
}

/// A card for the page's language.
pub fn card_view(lang: Lang, c: &Card, regions: &[Choice]) -> CardView {
    let name = app::i18n::in_lang(lang, &c.name_kk, &c.name_ru, &c.name_en);
    CardView {
        id: c.id,
        name,
        kind: app::i18n::t(lang, &format!("org_kind_{}", c.kind)),
        region: regions
            .iter()
            .find(|r| r.0 == c.region_code)
            .map(|r| r.1.clone())
            .unwrap_or_default(),
        locality: c.locality.clone().unwrap_or_default(),
        verified: c.status == domain::OrgStatus::Verified,
    }
}

/// GET /organizations
pub async fn directory(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<DirectoryParams>,
) -> PageResult {
    let found = organizations::directory(&state, &p).await?;
    let q = p.query();
    let (regions, directions, kinds) = choices(
        &state,
        ctx.lang,
        q.region.as_deref().unwrap_or(""),
        q.direction.as_deref().unwrap_or(""),
        q.kind.map_or("", |k| k.code()),
    )
    .await?;
    let page = found.page;
    let total = found.total;
    let page_view = DirectoryPage {
        cards: found
            .cards
            .iter()
            .map(|c| card_view(ctx.lang, c, &regions))
            .collect(),
        total: ctx.num(total),
        q: p.q.clone(),
        regions,
        directions,
        kinds,
        verified: q.verified_only,
        prev: (page > 1).then(|| link(&p, page - 1)),
        next: (page * PAGE_SIZE < total).then(|| link(&p, page + 1)),
        ctx,
    };
    Ok(render(&page_view.ctx, &page_view))
}
