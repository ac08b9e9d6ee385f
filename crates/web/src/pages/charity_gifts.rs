//! Gifts in kind on a collection's pages: the form on its manage page (multipart: the
//! photos and the handover act), the same form again with what to fix next to each field,
//! the gifts listed with their photos as thumbnails (the act only for the organization and
//! the front-office), and the photos and the act served.

use app::OpError;
use app::auth::SignedIn;
use app::charity::in_kind::{self, GiftForm};
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::charity::{
    GIFT_PHOTO_MAX_BYTES, GoodsCondition, GoodsUnit, MAX_ITEMS_CHARS, format_kzt, labels,
};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::{Ctx, Id, Signed, Uploads};
use crate::error::{PageResult, message_page};
use crate::pages::forms::Errors;
use crate::pages::help::Choice;
use crate::pages::{redirect_with_flash, render_status};

/// Media types a photo input offers.
const PHOTO_TYPES: &str = "image/png,image/jpeg,image/webp";
/// Media types the act's input offers.
const ACT_TYPES: &str = "application/pdf,image/png,image/jpeg,image/webp";

/// One input of the gift form.
pub struct GiftField {
    /// `name` (the element's id is `gift-{name}`).
    pub name: &'static str,
    /// Its label.
    pub label: String,
    /// As typed (files are never kept).
    pub value: String,
    /// `select`, `file`, or an input type.
    pub kind: &'static str,
    /// `inputmode`.
    pub mode: &'static str,
    /// `maxlength`.
    pub max: usize,
    /// Required.
    pub required: bool,
    /// Options of a select.
    pub choices: Vec<Choice>,
    /// `accept` of a file input.
    pub accept: &'static str,
    /// Several files.
    pub multiple: bool,
    /// What to fix.
    pub error: Option<String>,
}

/// The gift form: where it posts and its fields.
pub struct GiftFormView {
    /// Where it posts.
    pub action: String,
    /// The fields, in order.
    pub fields: Vec<GiftField>,
}

fn choices<T: Copy>(
    ctx: &Ctx,
    all: &[T],
    code: impl Fn(T) -> &'static str,
    prefix: &str,
    selected: &str,
) -> Vec<Choice> {
    let mut list = vec![(String::new(), "—".to_owned(), selected.is_empty())];
    list.extend(all.iter().map(|v| {
        let c = code(*v);
        (c.to_owned(), ctx.t(&format!("{prefix}{c}")), c == selected)
    }));
    list
}

impl GiftFormView {
    /// The form of a gift to `collection`, as typed in `f`, with `errors` beside its fields.
    pub fn new(ctx: &Ctx, collection: Uuid, f: &GiftForm, errors: &Errors) -> GiftFormView {
        let unit = if f.unit.is_empty() && errors.is_empty() {
            GoodsUnit::Piece.code()
        } else {
            f.unit.as_str()
        };
        let field = |name: &'static str, value: &str, kind: &'static str| GiftField {
            name,
            label: ctx.t(&format!("field_{name}")),
            value: value.to_owned(),
            kind,
            mode: "text",
            max: 200,
            required: false,
            choices: Vec::new(),
            accept: "",
            multiple: false,
            error: errors.get(name).map(str::to_owned),
        };
        let date = if f.date.is_empty() {
            app::today().to_string()
        } else {
            f.date.clone()
        };
        let photos_label = format!(
            "{} · ≤ {} KiB",
            ctx.t("field_photos"),
            ctx.num((GIFT_PHOTO_MAX_BYTES / 1024) as i64)
        );
        let fields = vec![
            GiftField {
                required: true,
                max: MAX_ITEMS_CHARS,
                ..field("items", &f.items, "text")
            },
            GiftField {
                required: true,
                mode: "decimal",
                max: 20,
                ..field("quantity", &f.quantity, "text")
            },
            GiftField {
                required: true,
                choices: choices(
                    ctx,
                    &GoodsUnit::ALL,
                    GoodsUnit::code,
                    labels::GOODS_UNIT,
                    unit,
                ),
                ..field("unit", unit, "select")
            },
            GiftField {
                required: true,
                choices: choices(
                    ctx,
                    &GoodsCondition::ALL,
                    GoodsCondition::code,
                    labels::GOODS_CONDITION,
                    &f.condition,
                ),
                ..field("condition", &f.condition, "select")
            },
            GiftField {
                mode: "decimal",
                max: 20,
                ..field("estimate", &f.estimate, "text")
            },
            GiftField {
                required: true,
                ..field("date", &date, "date")
            },
            GiftField {
                label: photos_label,
                required: true,
                accept: PHOTO_TYPES,
                multiple: true,
                ..field("photos", "", "file")
            },
            GiftField {
                label: ctx.t("field_handover_act"),
                required: true,
                accept: ACT_TYPES,
                ..field("act", "", "file")
            },
            field("donor_name", &f.donor_name, "text"),
            GiftField {
                max: 254,
                ..field("donor_email", &f.donor_email, "email")
            },
            GiftField {
                max: 100,
                ..field("public_name", &f.public_name, "text")
            },
        ];
        GiftFormView {
            action: format!("/collections/{collection}/in-kind"),
            fields,
        }
    }
}

/// A gift in kind as a page lists it.
pub struct GiftLine {
    /// The donation.
    pub id: Uuid,
    /// The name the donor chose, or "anonymous" in words.
    pub name: String,
    /// What was given.
    pub items: String,
    /// How many, with the unit.
    pub amount: String,
    /// In what condition.
    pub condition: String,
    /// The estimated value, formatted (none: not valued).
    pub estimate: Option<String>,
    /// Given on.
    pub date: String,
    /// Given back.
    pub reversed: bool,
    /// The photos' addresses.
    pub photos: Vec<String>,
    /// The act's address (organization and front-office only).
    pub act: Option<String>,
    /// The donor's name (organization and front-office only).
    pub donor: Option<String>,
}

/// The gifts in kind of `collection` as `me` may see them.
pub async fn gift_lines(
    state: &AppState,
    ctx: &Ctx,
    me: Option<&SignedIn>,
    collection: Uuid,
) -> Result<Vec<GiftLine>, OpError> {
    let lang = ctx.lang;
    let list = in_kind::gifts(state, me, collection, |id, n| {
        format!("/donations/{id}/photos/{n}")
    })
    .await?;
    Ok(list
        .into_iter()
        .map(|g| GiftLine {
            amount: g.amount(lang),
            condition: g.condition(lang),
            id: g.public.id,
            name: g
                .public
                .shown_as
                .clone()
                .unwrap_or_else(|| ctx.t("donor_anonymous")),
            items: g.public.items.clone(),
            estimate: g.public.estimate_tiyn.map(|a| format_kzt(a, lang)),
            date: domain::format_date(g.public.occurred_on, lang),
            reversed: g.public.reversed,
            act: g.act.then(|| format!("/donations/{}/act", g.public.id)),
            photos: g.public.photos,
            donor: g.donor_name,
        })
        .collect())
}

/// The gift form alone, with what to fix.
#[derive(Template)]
#[template(path = "collection_gift_page.html")]
pub struct GiftPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The collection.
    pub collection: Uuid,
    /// Its purpose.
    pub purpose: String,
    /// The form.
    pub gift: GiftFormView,
}

/// POST /collections/{id}/in-kind (multipart: the fields, `photos` and `act`).
pub async fn record(
    Signed { state, ctx, me }: Signed,
    Id(id): Id,
    axum::Extension(csrf): axum::Extension<crate::security::CsrfToken>,
    form: Multipart,
) -> PageResult {
    let back = format!("/collections/{id}/manage");
    let up = match Uploads::read(form, &["photos", "act"], Some(&csrf)).await {
        Ok(up) => up,
        Err((status, code)) => {
            let msg = ctx.t(code);
            return Ok(message_page(ctx, status, &msg, &back));
        }
    };
    let f = |name: &str| up.fields.get(name).to_owned();
    let form = GiftForm {
        items: f("items"),
        quantity: f("quantity"),
        unit: f("unit"),
        condition: f("condition"),
        estimate: f("estimate"),
        date: f("date"),
        donor_name: f("donor_name"),
        donor_email: f("donor_email"),
        public_name: f("public_name"),
    };
    let photos = up.files("photos");
    let act = up.files("act").into_iter().next().unwrap_or_default();
    match in_kind::record(&state, &me, ctx.lang, id, &form, &photos, &act).await {
        Ok(_) => Ok(redirect_with_flash(&back, "flash_saved")),
        Err(OpError::Invalid(errors)) => {
            let c = app::charity::visible(&state, Some(&me), id).await?;
            let page = GiftPage {
                gift: GiftFormView::new(&ctx, id, &form, &errors),
                purpose: app::charity::view::CollectionView::of(ctx.lang, &c).purpose,
                collection: id,
                ctx,
            };
            Ok(render_status(
                &page.ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            ))
        }
        Err(OpError::Conflict(code)) => {
            let msg = ctx.t(code);
            Ok(message_page(ctx, StatusCode::CONFLICT, &msg, &back))
        }
        Err(e) => Err(e.into()),
    }
}

fn file_response(bytes: Vec<u8>, content_type: String, private: bool) -> Response {
    let cache = if private {
        "private, no-store"
    } else {
        "public, max-age=86400"
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, "inline".to_owned()),
            (header::CACHE_CONTROL, cache.to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// GET /donations/{id}/photos/{n}: a photo of a gift, for anyone who may see its collection.
pub async fn photo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, n)): Path<(String, String)>,
) -> PageResult {
    let (Ok(id), Ok(n)) = (Uuid::parse_str(&id), n.parse::<u32>()) else {
        return Err(OpError::NotFound.into());
    };
    let (bytes, kind) = in_kind::photo(&state, ctx.user.as_ref(), id, n).await?;
    Ok(file_response(bytes, kind, false))
}

/// GET /donations/{id}/act: the handover act, for the organization and the front-office.
pub async fn act(State(state): State<AppState>, ctx: Ctx, Id(id): Id) -> PageResult {
    let (bytes, kind) = in_kind::act(&state, ctx.user.as_ref(), id).await?;
    Ok(file_response(bytes, kind, true))
}
