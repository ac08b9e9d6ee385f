//! The provider-neutral interface of card payments: one [`Provider`] per notification
//! format, picked by the provider's name ([`by_name`]) — the name in the notification
//! address `/api/v1/payments/{provider}/notify` and in the settings.
//!
//! | Name | Format |
//! |---|---|
//! | `halyk` | Halyk Bank ePay's hosted page and `postLink` notifications ([`super::halyk`]) |
//! | any other | erikti's documented generic format, HMAC-signed ([`super::webhook`]) |
//!
//! A provider does two pure things: it lists the parameters of its hosted payment page for
//! a payment ([`Provider::checkout`]), and it checks a notification's authenticity and
//! reads it into a [`Notification`] ([`Provider::read`]). Both know the secret shared with
//! the provider; neither does I/O.
//!
//! # The donor's account
//!
//! A donor who gives while signed in is sent to pay with an account reference
//! ([`account_reference`]): her account's id and a tag only erikti can make (HMAC under the
//! shared secret, bound to the collection). The provider returns it unchanged; only a
//! reference that checks ([`account_of`]) links the donation to her account, so nobody can
//! put a donation on someone else's list by editing the address of the payment page.

use hmac::Mac;
use uuid::Uuid;

use super::Tiyn;
use super::halyk::Halyk;
use super::webhook::{self, Notification, mac};
use crate::{Invalid, Lang};

/// Hex digits of the tag of an account reference (64 bits: each guess costs a payment).
const ACCOUNT_TAG_HEX: usize = 16;

/// Why a notification is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Its authenticity could not be established (a wrong or missing signature or secret):
    /// nothing of it is read.
    Unauthentic,
    /// Authentic, but not of the provider's documented form.
    Invalid(Invalid),
}

impl From<Invalid> for Refusal {
    fn from(e: Invalid) -> Self {
        Refusal::Invalid(e)
    }
}

/// A payment to start on the provider's hosted page.
#[derive(Debug, Clone)]
pub struct Checkout<'a> {
    /// The payment's id, as [`Provider::payment_id`] made it.
    pub payment_id: &'a str,
    /// The collection.
    pub collection: Uuid,
    /// How much.
    pub amount: Tiyn,
    /// The donor's language.
    pub lang: Lang,
    /// What for (the collection's purpose), shown on the payment page.
    pub description: &'a str,
    /// Where the donor comes back after paying.
    pub return_url: &'a str,
    /// Where she goes back without paying (the collection's page).
    pub back_url: &'a str,
    /// Where the provider posts its notification.
    pub notify_url: &'a str,
    /// Her name (private, for the receipt).
    pub donor_name: Option<&'a str>,
    /// Her e-mail address (private, for the receipt).
    pub donor_email: Option<&'a str>,
    /// The name she wants shown (none: anonymous).
    pub public_name: Option<&'a str>,
    /// Her account, when she is signed in.
    pub account: Option<Uuid>,
}

/// A payment provider's format: its hosted page's parameters and its notifications.
pub trait Provider: Sync {
    /// The provider's id of a new payment, from erikti's fresh random `id`, in the form
    /// the provider accepts.
    fn payment_id(&self, id: Uuid) -> String;

    /// The query parameters of the hosted payment page for `c`, in order.
    fn checkout(&self, secret: &[u8], c: &Checkout<'_>) -> Vec<(&'static str, String)>;

    /// Checks that a notification comes from the provider (`signature`: the
    /// `X-Erikti-Signature` header, when sent) and reads it. Always
    /// [`Refusal::Unauthentic`] with an empty secret.
    fn read(
        &self,
        secret: &[u8],
        body: &[u8],
        signature: Option<&str>,
    ) -> Result<Notification, Refusal>;
}

/// erikti's documented generic format ([`super::webhook`]): HMAC-SHA-256 of the body in
/// `X-Erikti-Signature`, amounts in tiyn.
#[derive(Debug, Clone, Copy)]
pub struct Generic;

impl Provider for Generic {
    fn payment_id(&self, id: Uuid) -> String {
        id.simple().to_string()
    }

    fn checkout(&self, secret: &[u8], c: &Checkout<'_>) -> Vec<(&'static str, String)> {
        let mut q = vec![
            ("payment_id", c.payment_id.to_owned()),
            ("collection_id", c.collection.to_string()),
            ("amount", c.amount.get().to_string()),
            ("currency", "KZT".to_owned()),
            ("lang", c.lang.code().to_owned()),
            ("return_url", c.return_url.to_owned()),
        ];
        if let Some(n) = c.donor_name {
            q.push(("donor_name", n.to_owned()));
        }
        if let Some(e) = c.donor_email {
            q.push(("donor_email", e.to_owned()));
        }
        match c.public_name {
            Some(p) => q.push(("public_name", p.to_owned())),
            None => q.push(("anonymous", "true".to_owned())),
        }
        if let Some(a) = c.account {
            q.push(("account", account_reference(secret, c.collection, a)));
        }
        q
    }

    fn read(
        &self,
        secret: &[u8],
        body: &[u8],
        signature: Option<&str>,
    ) -> Result<Notification, Refusal> {
        if !signature.is_some_and(|s| webhook::verify(secret, body, s)) {
            return Err(Refusal::Unauthentic);
        }
        let (mut n, reference) = Notification::parse_with_account(body)?;
        if let (
            Notification::Paid {
                collection_id,
                donor,
                ..
            },
            Some(r),
        ) = (&mut n, reference)
        {
            donor.account = account_of(secret, *collection_id, &r);
        }
        Ok(n)
    }
}

/// The name of Halyk Bank ePay's format.
pub const HALYK: &str = "halyk";

/// The format of the provider named `name`: Halyk Bank ePay's for [`HALYK`], the generic
/// one for any other name.
pub fn by_name(name: &str) -> &'static dyn Provider {
    if name.trim().eq_ignore_ascii_case(HALYK) {
        &Halyk
    } else {
        &Generic
    }
}

fn account_tag(secret: &[u8], collection: Uuid, user: Uuid) -> String {
    let message = format!("erikti-account|{}|{}", collection.simple(), user.simple());
    let full = hex::encode(mac(secret, message.as_bytes()).finalize().into_bytes());
    full[..ACCOUNT_TAG_HEX].to_owned()
}

/// Equal strings, compared in time that does not depend on where they differ.
pub(super) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The reference of `user`'s account for a payment to `collection`: `{user}.{tag}`, her
/// id as 32 hex digits and the first 16 hex digits of the HMAC-SHA-256 under `secret` of
/// `erikti-account|{collection}|{user}` (ids as 32 hex digits).
pub fn account_reference(secret: &[u8], collection: Uuid, user: Uuid) -> String {
    format!(
        "{}.{}",
        user.simple(),
        account_tag(secret, collection, user)
    )
}

/// The account a reference names, when erikti made it for `collection` under `secret`;
/// `None` for anything else, or with an empty secret. Surrounding spaces are ignored.
pub fn account_of(secret: &[u8], collection: Uuid, reference: &str) -> Option<Uuid> {
    if secret.is_empty() {
        return None;
    }
    let (user, tag) = reference.trim().split_once('.')?;
    if user.len() != 32 || tag.len() != ACCOUNT_TAG_HEX {
        return None;
    }
    let user = Uuid::try_parse(user).ok()?;
    same(
        &tag.to_ascii_lowercase(),
        &account_tag(secret, collection, user),
    )
    .then_some(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"whsec_test_0123456789";

    fn ids() -> (Uuid, Uuid) {
        (
            Uuid::parse_str("0196a3c2-7d1e-7b6a-9c41-2f5e8d0a1b3c").unwrap(),
            Uuid::parse_str("0196a3c2-7d1e-7b6a-9c41-2f5e8d0a1b3d").unwrap(),
        )
    }

    #[test]
    fn account_references_are_erikti_s_alone() {
        let (collection, user) = ids();
        let r = account_reference(SECRET, collection, user);
        assert_eq!(r.len(), 32 + 1 + 16);
        assert!(r.starts_with(&user.simple().to_string()));
        assert_eq!(account_of(SECRET, collection, &r), Some(user));
        assert_eq!(
            account_of(SECRET, collection, &format!(" {r} ")),
            Some(user)
        );
        assert_eq!(
            account_of(SECRET, collection, &r.to_uppercase()),
            Some(user)
        );
        // Another collection, another secret, another user, a bare id: nothing.
        assert_eq!(account_of(SECRET, user, &r), None);
        assert_eq!(account_of(b"other", collection, &r), None);
        assert_eq!(account_of(b"", collection, &r), None);
        let other = Uuid::now_v7();
        let forged = format!("{}{}", other.simple(), &r[32..]);
        assert_eq!(account_of(SECRET, collection, &forged), None);
        for bad in [
            "",
            ".",
            &user.simple().to_string(),
            &user.to_string(),
            &r[..r.len() - 1],
            &format!("{r}0"),
            "é.é",
        ] {
            assert_eq!(account_of(SECRET, collection, bad), None, "{bad}");
        }
    }

    #[test]
    fn the_registry_picks_by_name() {
        let id = Uuid::now_v7();
        assert_eq!(by_name("halyk").payment_id(id).len(), 15);
        assert_eq!(by_name(" Halyk ").payment_id(id).len(), 15);
        assert_eq!(by_name("generic").payment_id(id), id.simple().to_string());
        assert_eq!(by_name("cloudpay").payment_id(id), id.simple().to_string());
    }

    fn checkout<'a>(account: Option<Uuid>, public: Option<&'a str>) -> Checkout<'a> {
        let (collection, _) = ids();
        Checkout {
            payment_id: "pay_1",
            collection,
            amount: Tiyn::from_tiyn(500_050).unwrap(),
            lang: Lang::Ru,
            description: "Лекарства",
            return_url: "https://erikti.kz/collections/x?paid=pay_1",
            back_url: "https://erikti.kz/collections/x",
            notify_url: "https://erikti.kz/api/v1/payments/generic/notify",
            donor_name: Some("Айгүл"),
            donor_email: None,
            public_name: public,
            account,
        }
    }

    #[test]
    fn the_generic_checkout() {
        let q = Generic.checkout(SECRET, &checkout(None, Some("Айгүл")));
        let keys: Vec<_> = q.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            keys,
            [
                "payment_id",
                "collection_id",
                "amount",
                "currency",
                "lang",
                "return_url",
                "donor_name",
                "public_name"
            ]
        );
        assert_eq!(q[2].1, "500050");
        let (collection, user) = ids();
        let q = Generic.checkout(SECRET, &checkout(Some(user), None));
        assert!(q.contains(&("anonymous", "true".to_owned())));
        let (_, reference) = q.iter().find(|(k, _)| *k == "account").unwrap();
        assert_eq!(account_of(SECRET, collection, reference), Some(user));
    }

    fn signed(v: &serde_json::Value) -> (Vec<u8>, String) {
        let b = v.to_string().into_bytes();
        let s = webhook::sign(SECRET, &b);
        (b, s)
    }

    #[test]
    fn generic_notifications_are_checked_then_read() {
        let (collection, user) = ids();
        let mut v = serde_json::json!({
            "id": "evt_1", "type": "payment.succeeded", "payment_id": "pay_1",
            "collection_id": collection.to_string(), "amount": 500000, "currency": "KZT",
            "occurred_at": "2026-05-01T14:05:00+05:00",
            "account": account_reference(SECRET, collection, user)
        });
        let (b, s) = signed(&v);
        let Ok(Notification::Paid { donor, .. }) = Generic.read(SECRET, &b, Some(&s)) else {
            panic!()
        };
        assert_eq!(donor.account, Some(user));
        assert_eq!(Generic.read(SECRET, &b, None), Err(Refusal::Unauthentic));
        assert_eq!(
            Generic.read(b"", &b, Some(&webhook::sign(b"", &b))),
            Err(Refusal::Unauthentic)
        );
        assert_eq!(
            Generic.read(b"other", &b, Some(&s)),
            Err(Refusal::Unauthentic)
        );
        // A bare id, or another user's id with this tag, links no account.
        v["account"] = user.to_string().into();
        let (b, s) = signed(&v);
        let Ok(Notification::Paid { donor, .. }) = Generic.read(SECRET, &b, Some(&s)) else {
            panic!()
        };
        assert_eq!(donor.account, None);
        v["account"] = 42.into();
        let (b, s) = signed(&v);
        assert!(Generic.read(SECRET, &b, Some(&s)).is_ok());
        v["currency"] = "USD".into();
        let (b, s) = signed(&v);
        assert_eq!(
            Generic.read(SECRET, &b, Some(&s)),
            Err(Refusal::Invalid(Invalid::CurrencyUnsupported))
        );
    }
}
