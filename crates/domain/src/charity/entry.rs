//! The money trail of a collection, as published in the transparency log: one entry per
//! donation, expense or reversal, with no personal data (no donor, no card, no name), and
//! the totals folded from them.
//!
//! Sign convention: a donation's and an expense's `amount` are positive (tiyn in, tiyn
//! out); a reversal takes back a whole donation (a refund or a chargeback) and its `amount`
//! is the negation of that donation's, so the two sum to zero. Only donations are reversed.
//! Goods given in kind carry their estimated value, or 0 when nobody valued them.
//!
//! The canonical encoding is versioned (`erikti-money-v1`) and uses the ledger's scheme:
//! every field in a fixed order, each a 4-byte big-endian length followed by its bytes (an
//! absent optional field is the length `0xFFFF_FFFF` alone), so no two entries encode alike.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{Channel, ExpenseCategory};
use crate::ledger::{Fields, field, i64_of, optional, text_of, uuid_of};
use crate::values::codes;

const MONEY_TAG: &[u8] = b"erikti-money-v1";

codes! {
    /// What an entry of the money trail records.
    pub enum MoneyKind {
        /// Money (or goods) given to the collection.
        Donation = "donation",
        /// Money (or goods) spent from it, approved by a second person.
        Expense = "expense",
        /// A donation taken back (refund, chargeback): its amount negated.
        Reversal = "reversal",
    }
}

/// One entry of a collection's money trail; every field is covered by its encoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoneyEntry {
    /// The entry's own id.
    pub id: Uuid,
    /// The collection.
    pub collection_id: Uuid,
    /// The organization that runs it.
    pub organization_id: Uuid,
    /// Donation, expense or reversal.
    pub kind: MoneyKind,
    /// Tiyn: positive for a donation or an expense (0 for goods in kind not valued); for a
    /// reversal the negation of the donation it reverses.
    pub amount: i64,
    /// The [`Channel`] code for a donation and its reversal, the [`ExpenseCategory`] code for
    /// an expense.
    pub channel_or_category: String,
    /// Goods rather than money (the amount is their value).
    pub in_kind: bool,
    /// The day the money moved.
    pub occurred_on: NaiveDate,
    /// For a reversal, the donation it reverses.
    pub reverses: Option<Uuid>,
    /// When it was recorded (microseconds, as stored).
    pub recorded_at: DateTime<Utc>,
}

impl MoneyEntry {
    /// The canonical encoding (what the transparency log holds).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(160);
        field(&mut out, Some(MONEY_TAG));
        field(&mut out, Some(self.id.as_bytes()));
        field(&mut out, Some(self.collection_id.as_bytes()));
        field(&mut out, Some(self.organization_id.as_bytes()));
        field(&mut out, Some(self.kind.code().as_bytes()));
        field(&mut out, Some(&self.amount.to_be_bytes()));
        field(&mut out, Some(self.channel_or_category.as_bytes()));
        field(&mut out, Some(&[u8::from(self.in_kind)]));
        field(
            &mut out,
            Some(self.occurred_on.format("%Y-%m-%d").to_string().as_bytes()),
        );
        field(
            &mut out,
            self.reverses.as_ref().map(|u| u.as_bytes().as_slice()),
        );
        field(
            &mut out,
            Some(&self.recorded_at.timestamp_micros().to_be_bytes()),
        );
        out
    }

    /// Reads an entry back from its canonical encoding; none when the bytes are not one
    /// (another tag, cut short, a byte more, a field encoded another way).
    pub fn decode(bytes: &[u8]) -> Option<MoneyEntry> {
        let mut f = Fields::new(bytes);
        if f.present()? != MONEY_TAG {
            return None;
        }
        let id = uuid_of(f.present()?)?;
        let collection_id = uuid_of(f.present()?)?;
        let organization_id = uuid_of(f.present()?)?;
        let kind = MoneyKind::from_code(&text_of(f.present()?)?)?;
        let amount = i64_of(f.present()?)?;
        let channel_or_category = text_of(f.present()?)?;
        let in_kind = match f.present()? {
            [0] => false,
            [1] => true,
            _ => return None,
        };
        let occurred_on = NaiveDate::parse_from_str(&text_of(f.present()?)?, "%Y-%m-%d").ok()?;
        let reverses = optional(f.next()?, uuid_of)?;
        let recorded_at = DateTime::from_timestamp_micros(i64_of(f.present()?)?)?;
        let entry = MoneyEntry {
            id,
            collection_id,
            organization_id,
            kind,
            amount,
            channel_or_category,
            in_kind,
            occurred_on,
            reverses,
            recorded_at,
        };
        (f.is_empty() && entry.encode() == bytes).then_some(entry)
    }

    /// SHA-256 of the canonical encoding.
    pub fn hash(&self) -> [u8; 32] {
        Sha256::digest(self.encode()).into()
    }

    /// Whether the entry keeps the sign convention and names a known code: a donation has a
    /// positive amount (or 0 for goods in kind not valued), a [`Channel`] and reverses
    /// nothing; an expense a positive amount, an [`ExpenseCategory`] and reverses nothing; a
    /// reversal a negative amount (or 0 for unvalued goods), a [`Channel`] and the donation
    /// it reverses.
    pub fn is_well_formed(&self) -> bool {
        let channel = Channel::from_code(&self.channel_or_category).is_some();
        let unvalued = self.in_kind && self.amount == 0;
        match self.kind {
            MoneyKind::Donation => {
                (self.amount > 0 || unvalued) && channel && self.reverses.is_none()
            }
            MoneyKind::Expense => {
                self.amount > 0
                    && ExpenseCategory::from_code(&self.channel_or_category).is_some()
                    && self.reverses.is_none()
            }
            MoneyKind::Reversal => {
                (self.amount < 0 || unvalued) && channel && self.reverses.is_some()
            }
        }
    }

    /// The reversal of this donation (its amount negated, the same channel and in-kind
    /// flag), recorded as `id` at `recorded_at` for money that moved back on `occurred_on`;
    /// none when this entry is not a donation.
    pub fn reversal(
        &self,
        id: Uuid,
        occurred_on: NaiveDate,
        recorded_at: DateTime<Utc>,
    ) -> Option<MoneyEntry> {
        (self.kind == MoneyKind::Donation).then(|| MoneyEntry {
            id,
            collection_id: self.collection_id,
            organization_id: self.organization_id,
            kind: MoneyKind::Reversal,
            amount: self.amount.saturating_neg(),
            channel_or_category: self.channel_or_category.clone(),
            in_kind: self.in_kind,
            occurred_on,
            reverses: Some(self.id),
            recorded_at,
        })
    }
}

/// A collection's totals, folded from its money trail. Every field is a non-negative
/// amount in tiyn (or a count); money and goods in kind are kept apart, so that the
/// [`remainder`](MoneyTotals::remainder) is money that can be spent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoneyTotals {
    /// Money donated (before reversals).
    pub raised: i64,
    /// Money of reversed donations (the magnitude of the reversals).
    pub reversed: i64,
    /// Money spent (approved expenses).
    pub spent: i64,
    /// Donations standing: donations less reversals, money and in kind.
    pub donations: i64,
    /// Value of goods donated in kind, less those reversed.
    pub in_kind_received: i64,
    /// Value of goods handed out in kind.
    pub in_kind_given: i64,
}

impl MoneyTotals {
    /// The totals of one collection's entries (in any order).
    pub fn of<'a>(entries: impl IntoIterator<Item = &'a MoneyEntry>) -> MoneyTotals {
        let mut t = MoneyTotals::default();
        for e in entries {
            t.add(e);
        }
        t
    }

    /// Adds one entry.
    pub fn add(&mut self, e: &MoneyEntry) {
        self.add_sum(e.kind, e.in_kind, e.amount, 1);
    }

    /// Adds `entries` entries of one kind, goods or money, whose amounts sum to `amount`
    /// (as the store sums them: reversals negative): the same as adding each.
    pub fn add_sum(&mut self, kind: MoneyKind, in_kind: bool, amount: i64, entries: i64) {
        let magnitude = i64::try_from(amount.unsigned_abs()).unwrap_or(i64::MAX);
        // What came in and what went out: money, or goods by value.
        let (received, given) = if in_kind {
            (&mut self.in_kind_received, &mut self.in_kind_given)
        } else {
            (&mut self.raised, &mut self.spent)
        };
        match kind {
            MoneyKind::Donation => {
                *received = received.saturating_add(magnitude);
                self.donations += entries;
            }
            MoneyKind::Expense => *given = given.saturating_add(magnitude),
            MoneyKind::Reversal => {
                // Money reversed is shown as such; goods given back simply leave.
                if in_kind {
                    *received = received.saturating_sub(magnitude);
                } else {
                    self.reversed = self.reversed.saturating_add(magnitude);
                }
                self.donations -= entries;
            }
        }
    }

    /// Money donated and not reversed.
    pub fn net_raised(&self) -> i64 {
        self.raised.saturating_sub(self.reversed)
    }

    /// Money left to spend: donated, less reversed, less spent.
    pub fn remainder(&self) -> i64 {
        self.net_raised().saturating_sub(self.spent)
    }

    /// Goods received in kind and not yet handed out (by value).
    pub fn in_kind_remainder(&self) -> i64 {
        self.in_kind_received.saturating_sub(self.in_kind_given)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(micros: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_micros(1_780_000_000_000_000 + micros).unwrap()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
    }

    fn donation(n: u128, amount: i64, channel: Channel) -> MoneyEntry {
        MoneyEntry {
            id: Uuid::from_u128(n),
            collection_id: Uuid::from_u128(100),
            organization_id: Uuid::from_u128(200),
            kind: MoneyKind::Donation,
            amount,
            channel_or_category: channel.code().into(),
            in_kind: false,
            occurred_on: day(1),
            reverses: None,
            recorded_at: at(n as i64),
        }
    }

    fn expense(n: u128, amount: i64, category: ExpenseCategory) -> MoneyEntry {
        MoneyEntry {
            kind: MoneyKind::Expense,
            channel_or_category: category.code().into(),
            ..donation(n, amount, Channel::Other)
        }
    }

    fn trail() -> Vec<MoneyEntry> {
        let d1 = donation(1, 500_000, Channel::Card);
        let d2 = donation(2, 150_050, Channel::BankTransfer);
        let goods = MoneyEntry {
            in_kind: true,
            ..donation(3, 80_000, Channel::Other)
        };
        let r1 = d1.reversal(Uuid::from_u128(4), day(3), at(4)).unwrap();
        let e1 = expense(5, 100_000, ExpenseCategory::Medical);
        let e2 = MoneyEntry {
            in_kind: true,
            ..expense(6, 30_000, ExpenseCategory::DirectAid)
        };
        vec![d1, d2, goods, r1, e1, e2]
    }

    #[test]
    fn an_entry_reads_back_from_its_encoding_and_nothing_else_does() {
        for e in trail() {
            assert!(e.is_well_formed(), "{e:?}");
            let bytes = e.encode();
            assert_eq!(MoneyEntry::decode(&bytes).as_ref(), Some(&e));
            assert_eq!(MoneyEntry::decode(&bytes[..bytes.len() - 1]), None);
            let mut longer = bytes.clone();
            longer.push(0);
            assert_eq!(MoneyEntry::decode(&longer), None);
        }
        let e = &trail()[0];
        let mut other_tag = e.encode();
        other_tag[4 + 7] = b'X';
        assert_eq!(MoneyEntry::decode(&other_tag), None, "not a money entry");
        // A ledger entry is never read as a money entry.
        assert_eq!(MoneyEntry::decode(&[]), None);
        assert!(e.encode().starts_with(b"\x00\x00\x00\x0ferikti-money-v1"));
        // The in-kind flag is one byte, 0 or 1.
        let bytes = e.encode();
        let flag = bytes.len() - (4 + 10) - 4 - (4 + 8) - 1;
        assert_eq!(bytes[flag], 0);
        let mut two = bytes.clone();
        two[flag] = 2;
        assert_eq!(MoneyEntry::decode(&two), None);
        two[flag] = 1;
        assert!(MoneyEntry::decode(&two).is_some_and(|x| x.in_kind));
    }

    /// The hashes already in the log: any change to the encoding of an existing kind (and
    /// of goods in kind, which are donations with the flag and their estimate, 0 when not
    /// valued) fails here.
    #[test]
    fn existing_kinds_encode_byte_identically() {
        let goods = |n: u128, amount: i64| MoneyEntry {
            in_kind: true,
            ..donation(n, amount, Channel::Other)
        };
        let d1 = donation(1, 500_000, Channel::Card);
        let cases = [
            (
                d1.clone(),
                "e8f02f71e4b32a548314fe5f41f5662cf775b806e9b71c6650f3bd63ee45d23b",
            ),
            (
                expense(5, 100_000, ExpenseCategory::Medical),
                "8b82b1aba82162d7991fd1a4cb481c25aacb55a1927b4474447ee6d949c4cd01",
            ),
            (
                d1.reversal(Uuid::from_u128(4), day(3), at(4)).unwrap(),
                "44578a4985e8c583a5fdffa3b012b67f200c536710aa6b8b2da98c890dfb036a",
            ),
            (
                goods(3, 80_000),
                "23557595a2256ce00ef073ae42e123522ab1106c2828e91cb8477aca86bac3b8",
            ),
            (
                goods(7, 0),
                "d3f2781cef2c3baaf969bcd454b6e701965989025e2f8cf8293e4c5581d7137d",
            ),
        ];
        for (e, want) in cases {
            let hex: String = e.hash().iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(hex, want, "{e:?}");
            assert_eq!(MoneyEntry::decode(&e.encode()), Some(e));
        }
    }

    #[test]
    fn sums_add_up_as_their_entries() {
        let entries = trail();
        let one_by_one = MoneyTotals::of(&entries);
        let mut by_sum = MoneyTotals::default();
        for kind in MoneyKind::ALL {
            for in_kind in [false, true] {
                let of: Vec<&MoneyEntry> = entries
                    .iter()
                    .filter(|e| e.kind == kind && e.in_kind == in_kind)
                    .collect();
                let amount = of.iter().map(|e| e.amount).sum();
                by_sum.add_sum(kind, in_kind, amount, of.len() as i64);
            }
        }
        assert_eq!(by_sum, one_by_one);
    }

    #[test]
    fn every_field_changes_the_encoding() {
        let base = trail()[3].clone();
        let changed = [
            MoneyEntry {
                id: Uuid::from_u128(9),
                ..base.clone()
            },
            MoneyEntry {
                collection_id: Uuid::from_u128(9),
                ..base.clone()
            },
            MoneyEntry {
                organization_id: Uuid::from_u128(9),
                ..base.clone()
            },
            MoneyEntry {
                kind: MoneyKind::Donation,
                ..base.clone()
            },
            MoneyEntry {
                amount: base.amount - 1,
                ..base.clone()
            },
            MoneyEntry {
                channel_or_category: "cash_box".into(),
                ..base.clone()
            },
            MoneyEntry {
                in_kind: true,
                ..base.clone()
            },
            MoneyEntry {
                occurred_on: day(4),
                ..base.clone()
            },
            MoneyEntry {
                reverses: None,
                ..base.clone()
            },
            MoneyEntry {
                recorded_at: at(5),
                ..base.clone()
            },
        ];
        for c in changed {
            assert_ne!(c.encode(), base.encode(), "{c:?}");
            assert_ne!(c.hash(), base.hash());
            assert_eq!(MoneyEntry::decode(&c.encode()), Some(c));
        }
    }

    #[test]
    fn a_donation_and_its_reversal_cancel() {
        let d = donation(1, 250_000, Channel::Card);
        let r = d.reversal(Uuid::from_u128(2), day(2), at(2)).unwrap();
        assert_eq!(r.amount, -250_000);
        assert_eq!(r.amount + d.amount, 0);
        assert_eq!(r.reverses, Some(d.id));
        assert_eq!(r.channel_or_category, "card");
        assert_eq!(r.kind, MoneyKind::Reversal);
        assert!(r.is_well_formed());
        let t = MoneyTotals::of([&d, &r]);
        assert_eq!(t.net_raised(), 0);
        assert_eq!(t.remainder(), 0);
        assert_eq!(t.donations, 0);
        assert_eq!((t.raised, t.reversed), (250_000, 250_000));
        // Only donations are reversed.
        let e = expense(3, 1, ExpenseCategory::Food);
        assert_eq!(e.reversal(Uuid::from_u128(4), day(2), at(4)), None);
        assert_eq!(r.reversal(Uuid::from_u128(4), day(2), at(4)), None);
    }

    #[test]
    fn totals_of_a_trail() {
        let t = MoneyTotals::of(&trail());
        assert_eq!(
            t,
            MoneyTotals {
                raised: 650_050,
                reversed: 500_000,
                spent: 100_000,
                donations: 2,
                in_kind_received: 80_000,
                in_kind_given: 30_000,
            }
        );
        assert_eq!(t.net_raised(), 150_050);
        assert_eq!(t.remainder(), 50_050);
        assert_eq!(t.in_kind_remainder(), 50_000);
        // Order does not matter.
        let mut reversed = trail();
        reversed.reverse();
        assert_eq!(MoneyTotals::of(&reversed), t);
        assert_eq!(MoneyTotals::of(&[]), MoneyTotals::default());
        // An in-kind donation reversed.
        let goods = trail()[2].clone();
        let back = goods.reversal(Uuid::from_u128(9), day(9), at(9)).unwrap();
        let t = MoneyTotals::of([&goods, &back]);
        assert_eq!((t.in_kind_received, t.donations, t.reversed), (0, 0, 0));
    }

    #[test]
    fn ill_formed_entries_are_told_apart() {
        let d = donation(1, 100, Channel::Card);
        for bad in [
            MoneyEntry {
                amount: 0,
                ..d.clone()
            },
            MoneyEntry {
                amount: -100,
                ..d.clone()
            },
            MoneyEntry {
                channel_or_category: "medical".into(),
                ..d.clone()
            },
            MoneyEntry {
                reverses: Some(Uuid::from_u128(7)),
                ..d.clone()
            },
            MoneyEntry {
                kind: MoneyKind::Expense,
                ..d.clone()
            },
            MoneyEntry {
                kind: MoneyKind::Reversal,
                ..d.clone()
            },
        ] {
            assert!(!bad.is_well_formed(), "{bad:?}");
        }
        // Goods nobody valued are 0, and so is their reversal.
        let goods = MoneyEntry {
            in_kind: true,
            amount: 0,
            ..d.clone()
        };
        assert!(goods.is_well_formed());
        let back = goods.reversal(Uuid::from_u128(8), day(2), at(8)).unwrap();
        assert_eq!(back.amount, 0);
        assert!(back.is_well_formed());
        assert_eq!(MoneyTotals::of([&goods]).donations, 1);
        assert_eq!(MoneyTotals::of([&goods, &back]), MoneyTotals::default());
        for k in MoneyKind::ALL {
            assert_eq!(MoneyKind::from_code(k.code()), Some(k));
        }
    }
}
