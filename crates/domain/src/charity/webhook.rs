//! Notifications from a payment provider: a card donation paid, or refunded.
//!
//! # Checkout
//!
//! The donor is sent to the provider's hosted page (the configured `checkout_url`) with
//! these query parameters: `payment_id` (erikti's id of the payment, 32 hex digits),
//! `collection_id`, `amount` (tiyn), `currency` (`KZT`), `lang` (`kk`, `ru`, `en`),
//! `return_url`, and when given `donor_name`, `donor_email`, `public_name` (or
//! `anonymous=true`) and `account` (the donor's account reference when she is signed in).
//! The notification returns them as the fields below.
//!
//! # Signature
//!
//! The provider sends each notification as an HTTP `POST` with a JSON body and the header
//! `X-Erikti-Signature: sha256=<hex>`, where `<hex>` is the lowercase hexadecimal
//! HMAC-SHA-256 of the exact bytes of the body under the secret shared with erikti (the
//! `sha256=` prefix is optional). A notification whose signature does not match is refused
//! and never read.
//!
//! # Body
//!
//! ```json
//! {
//!   "id": "evt_2Q7c9kX1",
//!   "type": "payment.succeeded",
//!   "payment_id": "pay_8Jd02mQz",
//!   "collection_id": "0196a3c2-7d1e-7b6a-9c41-2f5e8d0a1b3c",
//!   "amount": 500000,
//!   "currency": "KZT",
//!   "donor_name": "Айгүл Серікова",
//!   "donor_email": "aigul@example.kz",
//!   "public_name": "Айгүл",
//!   "anonymous": false,
//!   "account": "0196a3c27d1e7b6a9c412f5e8d0a1b3d.5b9e0c1d2a3f4e6b",
//!   "occurred_at": "2026-05-01T14:05:00+05:00"
//! }
//! ```
//!
//! | Field | Type | |
//! |---|---|---|
//! | `id` | string, required | The provider's event id, unique per notification: a notification whose `id` was already received is acknowledged and ignored, so the provider may resend freely. |
//! | `type` | string, required | `payment.succeeded` (a donation was paid) or `payment.refunded` (a paid donation was refunded in full). |
//! | `payment_id` | string, required | The provider's payment id; a refund names the payment it refunds. |
//! | `collection_id` | string, required | The erikti collection (UUID) the payment was made to. |
//! | `amount` | integer, required | In tiyn (1 ₸ = 100 tiyn), positive; for a refund, the amount of the payment. |
//! | `currency` | string, required | `KZT`; any other currency is refused. |
//! | `donor_name` | string, optional | The donor's name; private, seen only by the organization. |
//! | `donor_email` | string, optional | The donor's e-mail address, for a receipt; private. |
//! | `public_name` | string, optional | The name the donor wants shown publicly. |
//! | `anonymous` | boolean, optional | `true`: show no name publicly (default `false`). |
//! | `account` | string, optional | The `account` parameter of the checkout, returned unchanged: erikti's reference of the donor's account when she gave signed in (see [`account_reference`](super::provider::account_reference)). A reference erikti did not make for this collection is ignored: the donation is recorded without an account. |
//! | `occurred_at` | string, required | When the payment moved, RFC 3339 with an offset. |
//!
//! Other fields are ignored. Donor fields that cannot be read (an address that is not one, a
//! name too long) are dropped, never a reason to refuse the money. The public money trail
//! holds no donor data at all.
//!
//! Refusals (the body is answered `400`, and the provider should not resend it unchanged):
//! `notification_malformed` (not JSON of this form), `choice_unknown` (another `type`),
//! `currency_unsupported`, `amount_not_positive`, `amount_too_large`.
//!
//! This is the format of every provider name but `halyk` (see [`super::provider`], and
//! [`super::halyk`] for Halyk Bank ePay's own format).

use chrono::{DateTime, Utc};
use hmac::{KeyInit, Mac};
use serde::Deserialize;
use uuid::Uuid;

use super::Tiyn;
use crate::Invalid;
use crate::email::Email;
use crate::text::optional_text;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// The HTTP header that carries a notification's signature.
pub const SIGNATURE_HEADER: &str = "X-Erikti-Signature";
/// Longest event or payment id, in characters.
pub const MAX_PROVIDER_ID_CHARS: usize = 200;
/// Longest donor name or public name kept, in characters (longer ones are dropped).
pub const MAX_DONOR_NAME_CHARS: usize = 200;

/// HMAC-SHA-256 of `body` under `secret`, ready to finalize or verify.
pub(super) fn mac(secret: &[u8], body: &[u8]) -> HmacSha256 {
    let mut m = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
    m.update(body);
    m
}

/// The signature of `body` under `secret`: lowercase hex HMAC-SHA-256 (64 characters).
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    hex::encode(mac(secret, body).finalize().into_bytes())
}

/// Whether `header` (`sha256=<hex>` or `<hex>`, surrounding spaces ignored) is the
/// signature of `body` under `secret`, compared in constant time. Always false with an
/// empty secret (anyone could sign under it).
pub fn verify(secret: &[u8], body: &[u8], header: &str) -> bool {
    if secret.is_empty() {
        return false;
    }
    let h = header.trim();
    let h = h.strip_prefix("sha256=").unwrap_or(h);
    match hex::decode(h) {
        Ok(tag) => mac(secret, body).verify_slice(&tag).is_ok(),
        Err(_) => false,
    }
}

/// The donor, as the provider knows her: private, except the public name she chose.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Donor {
    /// Her name (private).
    pub name: Option<String>,
    /// Her e-mail address, for a receipt (private).
    pub email: Option<Email>,
    /// The name she wants shown.
    pub public_name: Option<String>,
    /// She wants no name shown.
    pub anonymous: bool,
    /// Her erikti account, when she gave signed in: only from a reference erikti made
    /// (see [`account_of`](super::provider::account_of)), never from a bare id.
    pub account: Option<Uuid>,
}

impl Donor {
    /// The name to show publicly: none when anonymous or when she gave no public name
    /// (her private name is never shown).
    pub fn shown_as(&self) -> Option<&str> {
        if self.anonymous {
            None
        } else {
            self.public_name.as_deref()
        }
    }
}

/// Personal data: the name and address are not printed by accident.
impl std::fmt::Debug for Donor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Donor")
            .field("name", &self.name.as_ref().map(|_| "…"))
            .field("email", &self.email.as_ref().map(|_| "…"))
            .field("public_name", &self.public_name)
            .field("anonymous", &self.anonymous)
            .field("account", &self.account.as_ref().map(|_| "…"))
            .finish()
    }
}

/// A checked notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notification {
    /// `payment.succeeded`: a donation was paid.
    Paid {
        /// The provider's event id (unique).
        event_id: String,
        /// The provider's payment id.
        payment_id: String,
        /// The collection.
        collection_id: Uuid,
        /// How much.
        amount: Tiyn,
        /// When.
        occurred_at: DateTime<Utc>,
        /// Who gave it.
        donor: Donor,
    },
    /// `payment.refunded`: a paid donation was refunded in full.
    Refunded {
        /// The provider's event id (unique).
        event_id: String,
        /// The refunded payment's id.
        payment_id: String,
        /// The collection.
        collection_id: Uuid,
        /// How much (the payment's amount).
        amount: Tiyn,
        /// When.
        occurred_at: DateTime<Utc>,
    },
}

/// The body as sent (unknown fields ignored).
#[derive(Deserialize)]
struct Raw {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    payment_id: String,
    collection_id: String,
    amount: i64,
    currency: String,
    #[serde(default)]
    donor_name: Option<String>,
    #[serde(default)]
    donor_email: Option<String>,
    #[serde(default)]
    public_name: Option<String>,
    #[serde(default)]
    anonymous: Option<bool>,
    /// Any JSON: an account reference that cannot be read is dropped, not refused.
    #[serde(default)]
    account: Option<serde_json::Value>,
    occurred_at: String,
}

/// A provider's id: trimmed, 1 to 200 characters, one line.
fn provider_id(s: &str) -> Result<String, Invalid> {
    optional_text(s, MAX_PROVIDER_ID_CHARS)
        .ok()
        .flatten()
        .ok_or(Invalid::NotificationMalformed)
}

impl Notification {
    /// Reads a notification's body (its signature checked first with [`verify`]).
    ///
    /// Errors: [`Invalid::NotificationMalformed`] for a body not of the documented form
    /// (not JSON, a required field missing or of the wrong type, an empty id, a collection
    /// id that is not a UUID, a time that is not RFC 3339); [`Invalid::ChoiceUnknown`] for
    /// another `type`; [`Invalid::CurrencyUnsupported`] for a currency other than `KZT`;
    /// [`Invalid::AmountNotPositive`] and [`Invalid::AmountTooLarge`] for the amount.
    pub fn parse(body: &[u8]) -> Result<Notification, Invalid> {
        Self::parse_with_account(body).map(|(n, _)| n)
    }

    /// [`Notification::parse`], and the `account` reference as sent (still to be checked
    /// with [`account_of`](super::provider::account_of)).
    pub(super) fn parse_with_account(
        body: &[u8],
    ) -> Result<(Notification, Option<String>), Invalid> {
        let raw: Raw = serde_json::from_slice(body).map_err(|_| Invalid::NotificationMalformed)?;
        let event_id = provider_id(&raw.id)?;
        let payment_id = provider_id(&raw.payment_id)?;
        let collection_id = Uuid::parse_str(raw.collection_id.trim())
            .map_err(|_| Invalid::NotificationMalformed)?;
        let occurred_at = DateTime::parse_from_rfc3339(raw.occurred_at.trim())
            .map_err(|_| Invalid::NotificationMalformed)?
            .with_timezone(&Utc);
        let paid = match raw.kind.trim() {
            "payment.succeeded" => true,
            "payment.refunded" => false,
            _ => return Err(Invalid::ChoiceUnknown),
        };
        if !raw.currency.trim().eq_ignore_ascii_case("KZT") {
            return Err(Invalid::CurrencyUnsupported);
        }
        let amount = Tiyn::from_tiyn(raw.amount)?;
        if !paid {
            return Ok((
                Notification::Refunded {
                    event_id,
                    payment_id,
                    collection_id,
                    amount,
                    occurred_at,
                },
                None,
            ));
        }
        // Donor data never refuses the money: what cannot be read is dropped.
        let name = |s: Option<String>| {
            s.and_then(|s| optional_text(&s, MAX_DONOR_NAME_CHARS).ok().flatten())
        };
        let donor = Donor {
            name: name(raw.donor_name),
            email: raw.donor_email.and_then(|e| Email::parse(&e).ok()),
            public_name: name(raw.public_name),
            anonymous: raw.anonymous.unwrap_or(false),
            account: None,
        };
        Ok((
            Notification::Paid {
                event_id,
                payment_id,
                collection_id,
                amount,
                occurred_at,
                donor,
            },
            raw.account.and_then(|v| v.as_str().map(str::to_owned)),
        ))
    }

    /// The provider's event id (unique per notification).
    pub fn event_id(&self) -> &str {
        match self {
            Notification::Paid { event_id, .. } | Notification::Refunded { event_id, .. } => {
                event_id
            }
        }
    }

    /// The provider's payment id.
    pub fn payment_id(&self) -> &str {
        match self {
            Notification::Paid { payment_id, .. } | Notification::Refunded { payment_id, .. } => {
                payment_id
            }
        }
    }

    /// The collection.
    pub fn collection_id(&self) -> Uuid {
        match self {
            Notification::Paid { collection_id, .. }
            | Notification::Refunded { collection_id, .. } => *collection_id,
        }
    }

    /// The amount.
    pub fn amount(&self) -> Tiyn {
        match self {
            Notification::Paid { amount, .. } | Notification::Refunded { amount, .. } => *amount,
        }
    }

    /// When the payment moved.
    pub fn occurred_at(&self) -> DateTime<Utc> {
        match self {
            Notification::Paid { occurred_at, .. } | Notification::Refunded { occurred_at, .. } => {
                *occurred_at
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const SECRET: &[u8] = b"whsec_test_0123456789";

    fn body() -> serde_json::Value {
        serde_json::json!({
            "id": "evt_2Q7c9kX1",
            "type": "payment.succeeded",
            "payment_id": "pay_8Jd02mQz",
            "collection_id": "0196a3c2-7d1e-7b6a-9c41-2f5e8d0a1b3c",
            "amount": 500000,
            "currency": "KZT",
            "donor_name": "Айгүл Серікова",
            "donor_email": "Aigul@Example.kz",
            "public_name": "Айгүл",
            "anonymous": false,
            "occurred_at": "2026-05-01T14:05:00+05:00",
            "livemode": true
        })
    }

    fn parse(v: &serde_json::Value) -> Result<Notification, Invalid> {
        Notification::parse(v.to_string().as_bytes())
    }

    fn with(f: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>)) -> serde_json::Value {
        let mut v = body();
        f(v.as_object_mut().unwrap());
        v
    }

    #[test]
    fn signatures() {
        // RFC 4231, test case 2.
        assert_eq!(
            sign(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let b = body().to_string();
        let sig = sign(SECRET, b.as_bytes());
        assert_eq!(sig.len(), 64);
        assert!(verify(SECRET, b.as_bytes(), &sig));
        assert!(verify(SECRET, b.as_bytes(), &format!("sha256={sig}")));
        assert!(verify(SECRET, b.as_bytes(), &format!(" sha256={sig} ")));
        assert!(verify(SECRET, b.as_bytes(), &sig.to_uppercase()));
        assert!(!verify(b"another secret", b.as_bytes(), &sig));
        assert!(!verify(SECRET, format!("{b} ").as_bytes(), &sig));
        assert!(!verify(SECRET, b.as_bytes(), &sig[..62]));
        assert!(!verify(SECRET, b.as_bytes(), &format!("{sig}00")));
        assert!(!verify(SECRET, b.as_bytes(), "sha256=zz"));
        assert!(!verify(SECRET, b.as_bytes(), ""));
        assert!(!verify(SECRET, b.as_bytes(), &format!("sha1={sig}")));
        let mut flipped = sig.into_bytes();
        flipped[10] = if flipped[10] == b'0' { b'1' } else { b'0' };
        assert!(!verify(
            SECRET,
            b.as_bytes(),
            &String::from_utf8(flipped).unwrap()
        ));
        // An empty secret verifies nothing, even its own signatures.
        assert!(!verify(b"", b"x", &sign(b"", b"x")));
    }

    #[test]
    fn a_payment() {
        let n = parse(&body()).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 5, 1, 9, 5, 0).unwrap();
        match &n {
            Notification::Paid {
                event_id,
                payment_id,
                collection_id,
                amount,
                occurred_at,
                donor,
            } => {
                assert_eq!(event_id, "evt_2Q7c9kX1");
                assert_eq!(payment_id, "pay_8Jd02mQz");
                assert_eq!(
                    collection_id.to_string(),
                    "0196a3c2-7d1e-7b6a-9c41-2f5e8d0a1b3c"
                );
                assert_eq!(amount.get(), 500_000);
                assert_eq!(*occurred_at, at);
                assert_eq!(donor.name.as_deref(), Some("Айгүл Серікова"));
                assert_eq!(
                    donor.email.as_ref().map(|e| e.as_ref().to_owned()),
                    Some("aigul@example.kz".to_owned())
                );
                assert_eq!(donor.shown_as(), Some("Айгүл"));
                let printed = format!("{donor:?}");
                assert!(!printed.contains("Серікова") && !printed.contains("aigul"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(n.event_id(), "evt_2Q7c9kX1");
        assert_eq!(n.payment_id(), "pay_8Jd02mQz");
        assert_eq!(n.amount().get(), 500_000);
        assert_eq!(n.occurred_at(), at);
        assert_eq!(
            n.collection_id(),
            Uuid::parse_str("0196a3c2-7d1e-7b6a-9c41-2f5e8d0a1b3c").unwrap()
        );
    }

    #[test]
    fn donor_fields_are_optional_and_never_refuse_the_money() {
        let n = parse(&with(|m| {
            for k in ["donor_name", "donor_email", "public_name", "anonymous"] {
                m.remove(k);
            }
        }))
        .unwrap();
        let Notification::Paid { donor, .. } = n else {
            panic!()
        };
        assert_eq!(donor, Donor::default());
        let n = parse(&with(|m| {
            m.insert("donor_email".into(), "not an address".into());
            m.insert("donor_name".into(), "x".repeat(201).into());
            m.insert("public_name".into(), serde_json::Value::Null);
            m.insert("anonymous".into(), true.into());
        }))
        .unwrap();
        let Notification::Paid { donor, .. } = n else {
            panic!()
        };
        assert_eq!(
            (donor.name, donor.email, donor.public_name),
            (None, None, None)
        );
        assert!(donor.anonymous);
        // Anonymous hides the public name too.
        let n = parse(&with(|m| {
            m.insert("anonymous".into(), true.into());
        }))
        .unwrap();
        let Notification::Paid { donor, .. } = n else {
            panic!()
        };
        assert_eq!(donor.shown_as(), None);
    }

    #[test]
    fn a_refund() {
        let n = parse(&with(|m| {
            m.insert("type".into(), "payment.refunded".into());
            m.insert("id".into(), "evt_refund_1".into());
        }))
        .unwrap();
        assert_eq!(
            n,
            Notification::Refunded {
                event_id: "evt_refund_1".into(),
                payment_id: "pay_8Jd02mQz".into(),
                collection_id: Uuid::parse_str("0196a3c2-7d1e-7b6a-9c41-2f5e8d0a1b3c").unwrap(),
                amount: Tiyn::from_tiyn(500_000).unwrap(),
                occurred_at: Utc.with_ymd_and_hms(2026, 5, 1, 9, 5, 0).unwrap(),
            }
        );
    }

    #[test]
    fn refused_notifications() {
        use serde_json::Value;
        let cases: Vec<(Value, Invalid)> = vec![
            (
                with(|m| {
                    m.insert("type".into(), "payment.pending".into());
                }),
                Invalid::ChoiceUnknown,
            ),
            (
                with(|m| {
                    m.insert("currency".into(), "USD".into());
                }),
                Invalid::CurrencyUnsupported,
            ),
            (
                with(|m| {
                    m.insert("currency".into(), "".into());
                }),
                Invalid::CurrencyUnsupported,
            ),
            (
                with(|m| {
                    m.insert("amount".into(), 0.into());
                }),
                Invalid::AmountNotPositive,
            ),
            (
                with(|m| {
                    m.insert("amount".into(), (-500).into());
                }),
                Invalid::AmountNotPositive,
            ),
            (
                with(|m| {
                    m.insert("amount".into(), i64::MAX.into());
                }),
                Invalid::AmountTooLarge,
            ),
            (
                with(|m| {
                    m.insert("amount".into(), 5000.5.into());
                }),
                Invalid::NotificationMalformed,
            ),
            (
                with(|m| {
                    m.insert("amount".into(), "5000".into());
                }),
                Invalid::NotificationMalformed,
            ),
            (
                with(|m| {
                    m.remove("amount");
                }),
                Invalid::NotificationMalformed,
            ),
            (
                with(|m| {
                    m.remove("id");
                }),
                Invalid::NotificationMalformed,
            ),
            (
                with(|m| {
                    m.insert("id".into(), "  ".into());
                }),
                Invalid::NotificationMalformed,
            ),
            (
                with(|m| {
                    m.insert("payment_id".into(), "p\nq".into());
                }),
                Invalid::NotificationMalformed,
            ),
            (
                with(|m| {
                    m.insert("collection_id".into(), "42".into());
                }),
                Invalid::NotificationMalformed,
            ),
            (
                with(|m| {
                    m.insert("occurred_at".into(), "2026-05-01 14:05".into());
                }),
                Invalid::NotificationMalformed,
            ),
            (
                with(|m| {
                    m.insert("anonymous".into(), "yes".into());
                }),
                Invalid::NotificationMalformed,
            ),
            (Value::Array(vec![]), Invalid::NotificationMalformed),
        ];
        for (v, want) in cases {
            assert_eq!(parse(&v), Err(want.clone()), "{v}");
        }
        assert_eq!(
            Notification::parse(b""),
            Err(Invalid::NotificationMalformed)
        );
        assert_eq!(
            Notification::parse(b"\xff\xfe"),
            Err(Invalid::NotificationMalformed)
        );
        assert!(
            parse(&with(|m| {
                m.insert("currency".into(), "kzt".into());
            }))
            .is_ok()
        );
    }
}
