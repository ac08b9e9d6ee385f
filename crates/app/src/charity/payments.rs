//! Card donations through a payment provider: the donor is sent to the provider's hosted
//! page; the provider's signed notification (see `domain::charity::webhook` for the
//! format) records the donation exactly once, and a refund reverses it.
//!
//! Idempotence is the database's: the donation's external key `card:{provider}:{payment}`
//! is unique, so 50 deliveries of one notification at once record one donation; a refund
//! reverses at most once. A refund that arrives before its payment is answered
//! `payment_unknown` (409) and changes nothing, so the provider delivers it again later.

use domain::Lang;
use domain::charity::webhook::{self, Notification};
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

/// Handles a provider's notification: `signature` must be the HMAC of `body` under the
/// configured secret (`signature_invalid`, 401, else: nothing is read). A paid donation is
/// recorded once to its active collection (`collection_not_active`, 409, for another);
/// a refund reverses it once (`payment_unknown`, 409, before its payment).
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
    if provider != p.provider
        || !signature.is_some_and(|s| webhook::verify(secret.as_bytes(), body, s))
    {
        return Err(OpError::Forbidden("signature_invalid"));
    }
    let n = Notification::parse(body).map_err(|e| {
        let mut errors = Errors::new(Lang::En);
        errors.invalid("body", &e);
        OpError::Invalid(errors)
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
                donor_user_id: None,
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

/// Where to send the donor to pay: the provider's hosted page with the payment's details
/// (a new payment id, the collection, the amount in tiyn, her details, where to come
/// back). Refusals: `payments_not_configured`, `collection_not_active`, invalid fields.
pub async fn checkout(
    state: &App,
    me: Option<&SignedIn>,
    lang: Lang,
    collection: Uuid,
    form: &CardForm,
) -> Result<String, OpError> {
    let p = &state.settings.payments;
    let Some(base) = p.checkout_url.as_deref().filter(|_| p.secret.is_some()) else {
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
    let payment = Uuid::now_v7().simple().to_string();
    let back = format!(
        "{}/collections/{}?paid={payment}",
        state.settings.public_url.trim_end_matches('/'),
        c.id
    );
    let mut url = url::Url::parse(base).map_err(|e| OpError::Internal(e.to_string()))?;
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("payment_id", &payment)
            .append_pair("collection_id", &c.id.to_string())
            .append_pair("amount", &amount.get().to_string())
            .append_pair("currency", "KZT")
            .append_pair("lang", lang.code())
            .append_pair("return_url", &back);
        if let Some(n) = &name {
            q.append_pair("donor_name", n);
        }
        if let Some(e) = &email {
            q.append_pair("donor_email", e);
        }
        match &public {
            Some(p) => q.append_pair("public_name", p),
            None => q.append_pair("anonymous", "true"),
        };
    }
    Ok(url.into())
}
