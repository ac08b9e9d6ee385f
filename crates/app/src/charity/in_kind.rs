//! Gifts in kind, recorded by the organization's treasurers (and owner) on an active
//! collection with their photos and the signed handover act; listed publicly by the name the
//! donor chose (or as anonymous), their value marked as an estimate and never counted as
//! money; the act only for the organization and the front-office.

use chrono::NaiveDate;
use domain::charity::{GoodsCondition, GoodsUnit, InKindInput, Quantity, labels};
use domain::{Action, Lang};
use serde::{Deserialize, Serialize};
use store::charity::{self as store_charity, GiftFile, NewGift};
use uuid::Uuid;

use super::money::optional;
use super::{for_org, receipt_code, sees_donors, visible};
use crate::auth::SignedIn;
use crate::{App, Errors, OpError};

/// A gift in kind as a treasurer enters it (the photos and the act come apart, as bytes).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct GiftForm {
    /// What was given (public: no beneficiary's name).
    pub items: String,
    /// How many: `10`, `2,5`.
    pub quantity: String,
    /// `piece`, `pair`, `set`, `pack`, `box`, `kg`, `litre`, `metre`.
    pub unit: String,
    /// `new`, `like_new`, `good`, `used`, `needs_repair`.
    pub condition: String,
    /// The estimated value in tenge (empty: not valued).
    pub estimate: String,
    /// The day of the handover, YYYY-MM-DD.
    pub date: String,
    /// The donor's name (private).
    pub donor_name: String,
    /// The donor's e-mail for the receipt (private, optional).
    pub donor_email: String,
    /// The name shown publicly (empty: anonymous).
    pub public_name: String,
}

/// Records a gift in kind to an active collection of the caller's organization, with its
/// photos (images, checked by their bytes) and its handover act (a PDF or an image); the
/// donor gets her receipt when she left an address. Refusals: `collection_not_active`
/// (409), invalid fields or files (nothing is kept).
pub async fn record(
    state: &App,
    me: &SignedIn,
    lang: Lang,
    collection: Uuid,
    form: &GiftForm,
    photos: &[Vec<u8>],
    act: &[u8],
) -> Result<Uuid, OpError> {
    let c = for_org(state, me, collection, Action::HandleMoney).await?;
    if !c.status.accepts_donations() {
        return Err(OpError::Conflict("collection_not_active"));
    }
    let mut errors = Errors::new(lang);
    let input = InKindInput {
        items: form.items.clone(),
        quantity: form.quantity.clone(),
        unit: form.unit.clone(),
        condition: form.condition.clone(),
        estimate: form.estimate.clone(),
        date: form.date.clone(),
    };
    let photo_bytes: Vec<&[u8]> = photos.iter().map(Vec::as_slice).collect();
    let valid = match input.parse(crate::today(), &photo_bytes, act) {
        Ok(v) => Some(v),
        Err(list) => {
            for (field, e) in list {
                errors.invalid(field, &e);
            }
            None
        }
    };
    let donor_name = optional(&mut errors, "donor_name", &form.donor_name, 200);
    let donor_email = if form.donor_email.trim().is_empty() {
        None
    } else {
        errors
            .check("donor_email", domain::Email::parse(&form.donor_email))
            .map(|e| e.as_str().to_owned())
    };
    let public_name = optional(&mut errors, "public_name", &form.public_name, 100);
    let Some(v) = valid.filter(|_| errors.is_empty()) else {
        return Err(OpError::Invalid(errors));
    };
    let gift = NewGift {
        collection_id: c.id,
        items: v.items,
        quantity: v.quantity,
        unit: v.unit,
        condition: v.condition,
        estimate_tiyn: v.estimate.map(domain::charity::Tiyn::get),
        given_on: v.given_on,
        donor_name,
        donor_email,
        public_name,
        photos: v.photos.into_iter().zip(photos.iter().cloned()).collect(),
        act: (v.act, act.to_vec()),
        lang: lang.code().to_owned(),
        recorded_by: me.user.id,
    };
    let id = store_charity::record_gift(&state.db, &gift, &receipt_code()).await?;
    if let Err(e) = super::receipts::send(state, id).await {
        tracing::warn!(error = ?e, "queueing a receipt failed");
    }
    Ok(id)
}

/// A gift in kind as anyone sees it: the donor by the name she chose, or anonymous.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicGift {
    /// The donation.
    pub id: Uuid,
    /// The name shown, or none for "anonymous".
    pub shown_as: Option<String>,
    /// What was given.
    pub items: String,
    /// How many, as stored (`2.5`).
    pub quantity: Option<String>,
    /// The unit's code (older gifts: words).
    pub unit: Option<String>,
    /// The condition's code (older gifts: words).
    pub condition: Option<String>,
    /// The estimated value, tiyn: an estimate, never money raised.
    pub estimate_tiyn: Option<i64>,
    /// Given on.
    pub occurred_on: NaiveDate,
    /// Given back.
    pub reversed: bool,
    /// The addresses of its photos (in the API).
    pub photos: Vec<String>,
}

/// A gift in kind as listed: what anyone sees, and for those who see donors, the donor's
/// name and whether the act is kept.
#[derive(Debug, Clone)]
pub struct GiftView {
    /// What anyone sees.
    pub public: PublicGift,
    /// How many photos.
    pub photo_count: u32,
    /// The donor's name (organization and front-office only).
    pub donor_name: Option<String>,
    /// The act is kept and the caller may see it.
    pub act: bool,
}

impl GiftView {
    /// The quantity and unit in `lang`: `12 шт.`, `2,5 kg`.
    pub fn amount(&self, lang: Lang) -> String {
        let quantity = self
            .public
            .quantity
            .as_deref()
            .map(|q| Quantity::parse(q).map_or_else(|_| q.to_owned(), |q| q.format(lang)))
            .unwrap_or_default();
        let unit = self.public.unit.as_deref().map_or_else(String::new, |u| {
            GoodsUnit::from_code(u).map_or_else(
                || u.to_owned(),
                |u| crate::i18n::t(lang, &format!("{}{}", labels::GOODS_UNIT, u.code())),
            )
        });
        format!("{quantity} {unit}").trim().to_owned()
    }

    /// The condition in `lang` (older gifts: as written).
    pub fn condition(&self, lang: Lang) -> String {
        self.public
            .condition
            .as_deref()
            .map_or_else(String::new, |c| {
                GoodsCondition::from_code(c).map_or_else(
                    || c.to_owned(),
                    |c| crate::i18n::t(lang, &format!("{}{}", labels::GOODS_CONDITION, c.code())),
                )
            })
    }
}

/// Most gifts listed on a collection's page.
pub const GIFTS_LISTED: i64 = 100;

/// A collection's gifts in kind, newest first (at most [`GIFTS_LISTED`]): the donor's name
/// and the act only for those who see donors. `photo_url` makes a photo's address from the
/// gift and its number (the page and the API each serve them).
pub async fn gifts(
    state: &App,
    me: Option<&SignedIn>,
    collection: Uuid,
    photo_url: impl Fn(Uuid, u32) -> String,
) -> Result<Vec<GiftView>, OpError> {
    let c = visible(state, me, collection).await?;
    let private = sees_donors(me, &c);
    let list = store_charity::gifts(&state.db, c.id, GIFTS_LISTED).await?;
    Ok(list
        .into_iter()
        .map(|g| {
            let photo_count = u32::try_from(g.photos).unwrap_or(0);
            GiftView {
                public: PublicGift {
                    id: g.id,
                    shown_as: g.public_name,
                    items: g.items.unwrap_or_default(),
                    quantity: g.quantity,
                    unit: g.unit,
                    condition: g.condition,
                    estimate_tiyn: g.amount_tiyn,
                    occurred_on: g.occurred_on,
                    reversed: g.reversed_at.is_some(),
                    photos: (0..photo_count).map(|n| photo_url(g.id, n)).collect(),
                },
                photo_count,
                donor_name: g.donor_name.filter(|_| private),
                act: g.has_act && private,
            }
        })
        .collect())
}

/// A gift's donation, checked to be in kind and in a collection the caller may see.
async fn gift_of(
    state: &App,
    me: Option<&SignedIn>,
    donation: Uuid,
) -> Result<store::charity::Collection, OpError> {
    let d = store_charity::donation(&state.db, donation)
        .await?
        .filter(|d| d.in_kind)
        .ok_or(OpError::NotFound)?;
    visible(state, me, d.collection_id).await
}

/// A photo of a gift (`n` from 0): bytes and media type, for anyone who may see the
/// collection.
pub async fn photo(
    state: &App,
    me: Option<&SignedIn>,
    donation: Uuid,
    n: u32,
) -> Result<(Vec<u8>, String), OpError> {
    gift_of(state, me, donation).await?;
    store_charity::gift_file(&state.db, donation, GiftFile::Photo(n))
        .await?
        .ok_or(OpError::NotFound)
}

/// The handover act of a gift: bytes and media type, for the organization and the
/// front-office only (it names the donor); `NotFound` for anyone else.
pub async fn act(
    state: &App,
    me: Option<&SignedIn>,
    donation: Uuid,
) -> Result<(Vec<u8>, String), OpError> {
    let c = gift_of(state, me, donation).await?;
    if !sees_donors(me, &c) {
        return Err(OpError::NotFound);
    }
    store_charity::gift_file(&state.db, donation, GiftFile::Act)
        .await?
        .ok_or(OpError::NotFound)
}
