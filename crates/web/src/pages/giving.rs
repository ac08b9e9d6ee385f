//! The donor's own page of donations: each one she gave while signed in, as a card (the
//! collection, the amount in her language, how, when, whether refunded) with its receipt's
//! check and PDF. Linked from the profile.

use app::charity::money;
use askama::Template;
use domain::charity::format_kzt;

use crate::ctx::{Ctx, Signed};
use crate::error::PageResult;
use crate::pages::render;

/// One donation as a card.
pub struct GivenCard {
    /// The collection's id (for its link).
    pub collection_id: uuid::Uuid,
    /// The collection's purpose in the page's language.
    pub purpose: String,
    /// The amount (or, for goods, what and its estimate), formatted.
    pub amount: String,
    /// How it came, in words.
    pub channel: String,
    /// Given on, formatted.
    pub date: String,
    /// Refunded (reversed).
    pub reversed: bool,
    /// The receipt's check code.
    pub receipt: String,
}

/// GET /me/donations
#[derive(Template)]
#[template(path = "my_donations.html")]
pub struct GivingPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Her donations, newest first.
    pub cards: Vec<GivenCard>,
}

fn card(ctx: &Ctx, g: &money::Given) -> GivenCard {
    let lang = ctx.lang;
    let amount = match (&g.items, g.amount_tiyn) {
        (Some(i), Some(a)) if g.in_kind => {
            format!(
                "{i} ({} {})",
                ctx.t("collection_estimate"),
                format_kzt(a, lang)
            )
        }
        (Some(i), _) if g.in_kind => i.clone(),
        (_, Some(a)) => format_kzt(a, lang),
        (_, None) => String::new(),
    };
    GivenCard {
        collection_id: g.collection_id,
        purpose: app::i18n::in_lang(lang, &g.purpose_kk, &g.purpose_ru, &g.purpose_en),
        amount,
        channel: ctx.t(&format!(
            "{}{}",
            domain::charity::labels::CHANNEL,
            g.channel.code()
        )),
        date: domain::format_date(g.occurred_on, lang),
        reversed: g.reversed_at.is_some(),
        receipt: g.receipt_code.clone(),
    }
}

/// GET /me/donations: the signed-in donor's own donations, newest first.
pub async fn mine(Signed { state, ctx, me }: Signed) -> PageResult {
    let given = money::given(&state, &me).await?;
    let page = GivingPage {
        cards: given.iter().map(|g| card(&ctx, g)).collect(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}
