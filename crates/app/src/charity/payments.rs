//! Card donations through a payment provider: the donor is sent to the provider's hosted
//! page; the provider's notification, checked and read by its format
//! (`domain::charity::provider`: Halyk Bank ePay's for `halyk`, erikti's documented generic
//! format for any other name), records the donation exactly once, and a refund reverses it.
//! A donor who pays while signed in finds the donation, with its receipt, on her own list.
//!
//! Idempotence is the database's: the donation's external key `card:{provider}:{payment}`
//! is unique, so 50 deliveries of one notification at once record one donation; a refund
//! reverses at most once. A refund that arrives before its payment is answered
//! `payment_unknown` (409) and changes nothing, so the provider delivers it again later.

use domain::Lang;
use domain::charity::provider::{self, Checkout, Refusal};
use domain::charity::webhook::Notification;
use domain::charity::{Channel, Tiyn};
use serde::Deserialize;
use store::charity::{self as store_charity, NewDonation, Recorded};
use uuid::Uuid;

use super::{receipt_code, visible};
use crate::auth::SignedIn;
use crate::{App, Errors, OpError};

/// What a notification did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The donation was recorded now.
    Recorded,
    /// The refund was recorded now.
    Refunded,
    /// Already handled before (a delivery again): nothing changed.
    Duplicate,
}

/// The external key of a provider's payment.
fn payment_key(provider: &str, payment: &str) -> String {
    format!("card:{provider}:{payment}")
}

/// Handles a provider's notification to `/api/v1/payments/{provider}/notify`: only the
/// configured provider's, checked by its format under the configured secret (`signature`:
/// the `X-Erikti-Signature` header, for the formats that use it); `signature_invalid`
/// (401) else, and nothing is read. A paid donation is recorded once to its active
/// collection (`collection_not_active`, 409, for another), linked to the donor's account
/// when the notification carries erikti's reference of it; a refund reverses it once
/// (`payment_unknown`, 409, before its payment).
pub async fn notify(
    state: &App,
    provider: &str,
    body: &[u8],
    signature: Option<&str>,
) -> Result<Outcome, OpError> {
    let p = &state.settings.payments;
    let Some(secret) = p.secret.as_deref().filter(|s| !s.is_empty()) else {
        return Err(OpError::Conflict("payments_not_configured"));
    };
    if provider != p.provider {
        return Err(OpError::Forbidden("signature_invalid"));
    }
    let n = provider::by_name(provider)
        .read(secret.as_bytes(), body, signature)
        .map_err(|r| match r {
            Refusal::Unauthentic => OpError::Forbidden("signature_invalid"),
            Refusal::Invalid(e) => {
                let mut errors = Errors::new(Lang::En);
                errors.invalid("body", &e);
                OpError::Invalid(errors)
            }
        })?;
    let key = payment_key(provider, n.payment_id());
    match n {
        Notification::Paid {
            collection_id,
            amount,
            occurred_at,
            donor,
            ..
        } => {
            let d = NewDonation {
                collection_id,
                in_kind: false,
                amount_tiyn: Some(amount.get()),
                channel: Channel::Card,
                occurred_on: (occurred_at + chrono::Duration::hours(5)).date_naive(),
                donor_user_id: donor.account,
                public_name: donor.shown_as().map(str::to_owned),
                donor_name: donor.name,
                donor_email: donor.email.map(|e| e.as_str().to_owned()),
                external_key: Some(key),
                items: None,
                quantity: None,
                unit: None,
                condition: None,
                box_number: None,
                act: None,
                lang: Lang::default().code().to_owned(),
                recorded_by: None,
            };
            match store_charity::record_donation(&state.db, &d, &receipt_code()).await {
                Ok(Recorded::New(id)) => {
                    if let Err(e) = super::receipts::send(state, id).await {
                        tracing::warn!(error = ?e, "queueing a receipt failed");
                    }
                    Ok(Outcome::Recorded)
                }
                Ok(Recorded::Duplicate(_)) => Ok(Outcome::Duplicate),
                Err(store::Error::NotFound) => Err(OpError::Conflict("collection_unknown")),
                Err(e) => Err(e.into()),
            }
        }
        Notification::Refunded { .. } => {
            let Some(donation) = store_charity::donation_by_key(&state.db, &key).await? else {
                return Err(OpError::Conflict("payment_unknown"));
            };
            match store_charity::reverse_donation(&state.db, donation, "refund", None).await {
                Ok(()) => Ok(Outcome::Refunded),
                Err(store::Error::Conflict("already_reversed")) => Ok(Outcome::Duplicate),
                Err(e) => Err(e.into()),
            }
        }
    }
}

/// What a donor fills in to give by card.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CardForm {
    /// Amount in tenge.
    pub amount: String,
    /// Her name (private, for the receipt).
    pub donor_name: String,
    /// Her e-mail (private, for the receipt).
    pub donor_email: String,
    /// The name to show publicly (empty: anonymous).
    pub public_name: String,
}

/// Where to send the donor to pay: the provider's hosted page (the configured
/// `checkout_url`) with the payment's details as its format lists them (a new payment id,
/// the collection, the amount, her details, where to come back, where to notify, and her
/// account's reference when she is signed in). Refusals: `payments_not_configured`,
/// `collection_not_active`, invalid fields.
pub async fn checkout(
    state: &App,
    me: Option<&SignedIn>,
    lang: Lang,
    collection: Uuid,
    form: &CardForm,
) -> Result<String, OpError> {
    let p = &state.settings.payments;
    let (Some(base), Some(secret)) = (p.checkout_url.as_deref(), p.secret.as_deref()) else {
        return Err(OpError::Conflict("payments_not_configured"));
    };
    let c = visible(state, me, collection).await?;
    if !c.status.accepts_donations() {
        return Err(OpError::Conflict("collection_not_active"));
    }
    let mut errors = Errors::new(lang);
    let amount = errors.check("amount", Tiyn::parse_kzt(&form.amount));
    let name = errors
        .check("donor_name", domain::optional_text(&form.donor_name, 200))
        .flatten();
    let email = if form.donor_email.trim().is_empty() {
        None
    } else {
        errors
            .check("donor_email", domain::Email::parse(&form.donor_email))
            .map(|e| e.as_str().to_owned())
    };
    let public = errors
        .check("public_name", domain::optional_text(&form.public_name, 100))
        .flatten();
    let Some(amount) = amount.filter(|_| errors.is_empty()) else {
        return Err(OpError::Invalid(errors));
    };
    let format = provider::by_name(&p.provider);
    let payment = format.payment_id(Uuid::now_v7());
    let public_url = state.settings.public_url.trim_end_matches('/');
    let back = format!("{public_url}/collections/{}", c.id);
    let paid = format!("{back}?paid={payment}");
    let notify = format!("{public_url}/api/v1/payments/{}/notify", p.provider);
    let purpose = super::view::CollectionView::of(lang, &c).purpose;
    let description: String = purpose.chars().take(DESCRIPTION_CHARS).collect();
    let params = format.checkout(
        secret.as_bytes(),
        &Checkout {
            payment_id: &payment,
            collection: c.id,
            amount,
            lang,
            description: &description,
            return_url: &paid,
            back_url: &back,
            notify_url: &notify,
            donor_name: name.as_deref(),
            donor_email: email.as_deref(),
            public_name: public.as_deref(),
            account: me.map(|m| m.user.id),
        },
    );
    let mut url = url::Url::parse(base).map_err(|e| OpError::Internal(e.to_string()))?;
    url.query_pairs_mut()
        .extend_pairs(params.iter().map(|(k, v)| (*k, v.as_str())));
    Ok(url.into())
}

/// Longest description of a payment on the provider's page, in characters: one short line
/// (integrations of Halyk ePay keep it within 125).
const DESCRIPTION_CHARS: usize = 125;
