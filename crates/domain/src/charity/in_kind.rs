//! Gifts in kind (заттай қайырымдылық / пожертвования в натуральной форме): what was given,
//! how much of it, in what condition, its photos and the handover act, and the value someone
//! estimated it at, if anyone did.
//!
//! A gift in kind is a donation whose money entry carries the in-kind flag and the estimate
//! (0 when none): the log's encoding already tells it apart, and the totals keep its value
//! out of what was raised, spent and remains ([`MoneyTotals`](super::MoneyTotals)).
//! Photos and the act are known by their bytes, never by what the upload claims.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{RECEIPT_MAX_BYTES, ReceiptKind, Tiyn};
use crate::dates::parse_date;
use crate::format::{decimal_separator, format_number};
use crate::org::image_type;
use crate::text::required_text;
use crate::values::codes;
use crate::{Invalid, Lang};

/// Most photos of one gift.
pub const MAX_GIFT_PHOTOS: usize = 5;
/// Largest photo of a gift, in bytes (4 MiB).
pub const GIFT_PHOTO_MAX_BYTES: usize = 4 * 1024 * 1024;
/// Largest handover act, in bytes (as a receipt: 10 MiB).
pub const HANDOVER_ACT_MAX_BYTES: usize = RECEIPT_MAX_BYTES;
/// Largest upload of one gift: every photo and the act at their largest.
pub const GIFT_UPLOAD_MAX_BYTES: usize =
    MAX_GIFT_PHOTOS * GIFT_PHOTO_MAX_BYTES + HANDOVER_ACT_MAX_BYTES;
/// Longest description of the items, in characters.
pub const MAX_ITEMS_CHARS: usize = 500;
/// Largest quantity of one gift, in units.
pub const MAX_QUANTITY: i64 = 1_000_000;
/// Thousandths in one unit of a [`Quantity`].
const MILLI: i64 = 1000;

codes! {
    /// The condition goods are handed over in.
    pub enum GoodsCondition {
        /// New, unused, in its packaging.
        New = "new",
        /// Used briefly, no visible wear.
        LikeNew = "like_new",
        /// Used, in good working order.
        Good = "good",
        /// Used, with visible wear.
        Used = "used",
        /// Needs repair before use.
        NeedsRepair = "needs_repair",
    }
}

codes! {
    /// What a gift's quantity counts.
    pub enum GoodsUnit {
        /// Pieces (items).
        Piece = "piece",
        /// Pairs (shoes, gloves).
        Pair = "pair",
        /// Sets (kits, furniture sets).
        Set = "set",
        /// Packs (packages).
        Pack = "pack",
        /// Boxes.
        Box = "box",
        /// Kilograms.
        Kilogram = "kg",
        /// Litres.
        Litre = "litre",
        /// Metres.
        Metre = "metre",
    }
}

/// A quantity of goods: more than zero, at most [`MAX_QUANTITY`] units, with up to three
/// decimals (2,5 kg), kept in thousandths of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(i64);

impl Quantity {
    /// Parses a quantity as a person types it: `10`, `2,5`, `0.75`, `1 000`. Empty is
    /// [`Invalid::Required`]; zero, negative, more than three decimals, above
    /// [`MAX_QUANTITY`] or not a number [`Invalid::QuantityMalformed`].
    pub fn parse(s: &str) -> Result<Quantity, Invalid> {
        let t: String = s
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
            .collect();
        if t.is_empty() {
            return Err(Invalid::Required);
        }
        let (whole, fraction) = match t.split_once([',', '.']) {
            Some((w, f)) => (w, Some(f)),
            None => (t.as_str(), None),
        };
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || fraction.is_some_and(|f| !digits(f) || f.len() > 3) {
            return Err(Invalid::QuantityMalformed);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 7 {
            return Err(Invalid::QuantityMalformed);
        }
        let units: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| Invalid::QuantityMalformed)?
        };
        let thousandths = match fraction {
            Some(f) => {
                let padded = format!("{f:0<3}");
                padded
                    .parse::<i64>()
                    .map_err(|_| Invalid::QuantityMalformed)?
            }
            None => 0,
        };
        let q = units * MILLI + thousandths;
        if q <= 0 || q > MAX_QUANTITY * MILLI {
            return Err(Invalid::QuantityMalformed);
        }
        Ok(Quantity(q))
    }

    /// The quantity in thousandths of a unit.
    pub fn thousandths(self) -> i64 {
        self.0
    }

    /// The stored form: `2.5`, `10`, `0.125` (a dot, no trailing zeros); [`Quantity::parse`]
    /// reads it back.
    pub fn stored(self) -> String {
        self.written('.', |n| n.to_string())
    }

    /// The quantity as `lang` writes it: `1 000`, `2,5` in kk/ru; `1,000`, `2.5` in en.
    pub fn format(self, lang: Lang) -> String {
        self.written(decimal_separator(lang), |n| format_number(n, lang))
    }

    fn written(self, decimal: char, whole: impl Fn(i64) -> String) -> String {
        let units = whole(self.0 / MILLI);
        match self.0 % MILLI {
            0 => units,
            f => {
                let f = format!("{f:03}");
                format!("{units}{decimal}{}", f.trim_end_matches('0'))
            }
        }
    }
}

/// The kind of a gift's photo from its bytes: a PNG, JPEG or WebP image. Empty is
/// [`Invalid::Required`], anything else (a PDF, an SVG, a page) [`Invalid::ImageUnsupported`],
/// more than [`GIFT_PHOTO_MAX_BYTES`] [`Invalid::ImageTooLarge`].
pub fn sniff_gift_photo(bytes: &[u8]) -> Result<ReceiptKind, Invalid> {
    if bytes.is_empty() {
        return Err(Invalid::Required);
    }
    let kind = match image_type(bytes) {
        Some("image/png") => ReceiptKind::Png,
        Some("image/jpeg") => ReceiptKind::Jpeg,
        Some("image/webp") => ReceiptKind::Webp,
        _ => return Err(Invalid::ImageUnsupported),
    };
    if bytes.len() > GIFT_PHOTO_MAX_BYTES {
        return Err(Invalid::ImageTooLarge {
            max_kib: (GIFT_PHOTO_MAX_BYTES / 1024) as i64,
        });
    }
    Ok(kind)
}

/// The value of `r`, or `None` after noting its error against `field`.
fn keep<T>(
    errs: &mut Vec<(&'static str, Invalid)>,
    field: &'static str,
    r: Result<T, Invalid>,
) -> Option<T> {
    r.map_err(|e| errs.push((field, e))).ok()
}

/// A gift in kind as typed in a form or sent as JSON: every field a string (the files come
/// apart, as bytes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct InKindInput {
    /// What was given (public: no beneficiary's name).
    pub items: String,
    /// How many, as typed.
    pub quantity: String,
    /// A [`GoodsUnit`] code.
    pub unit: String,
    /// A [`GoodsCondition`] code.
    pub condition: String,
    /// The estimated value in tenge, as typed (empty: not valued).
    pub estimate: String,
    /// The day of the handover, `YYYY-MM-DD`.
    pub date: String,
}

/// A checked gift in kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidInKind {
    /// What was given (trimmed, one line).
    pub items: String,
    /// How many.
    pub quantity: Quantity,
    /// Of what.
    pub unit: GoodsUnit,
    /// In what condition.
    pub condition: GoodsCondition,
    /// The estimated value, if any.
    pub estimate: Option<Tiyn>,
    /// The day of the handover (not after today).
    pub given_on: NaiveDate,
    /// Each photo's kind, in the order given.
    pub photos: Vec<ReceiptKind>,
    /// The handover act's kind (a PDF or an image).
    pub act: ReceiptKind,
}

impl ValidInKind {
    /// The amount of the gift's money entry: the estimate in tiyn, 0 when not valued.
    pub fn entry_amount(&self) -> i64 {
        self.estimate.map_or(0, Tiyn::get)
    }
}

impl InKindInput {
    /// Checks a gift with its `photos` and its handover `act`. Errors are `(field, reason)`
    /// with the [`InKindInput`] field names and `photos`, `act`, in that order:
    ///
    /// - the items are required, one line, at most [`MAX_ITEMS_CHARS`];
    /// - the quantity by [`Quantity::parse`]; the unit and the condition from their sets;
    /// - the estimate is optional, else read by [`Tiyn::parse_kzt`];
    /// - the day is not after `today` ([`Invalid::DateInFuture`]);
    /// - one to [`MAX_GIFT_PHOTOS`] photos ([`Invalid::Required`], [`Invalid::TooManyFiles`]),
    ///   each an image by [`sniff_gift_photo`] (the first bad one is said);
    /// - the act is required, a PDF or an image by [`ReceiptKind::sniff`].
    pub fn parse(
        &self,
        today: NaiveDate,
        photos: &[&[u8]],
        act: &[u8],
    ) -> Result<ValidInKind, Vec<(&'static str, Invalid)>> {
        let mut errs = Vec::new();
        let items = keep(
            &mut errs,
            "items",
            required_text(&self.items, MAX_ITEMS_CHARS),
        );
        let quantity = keep(&mut errs, "quantity", Quantity::parse(&self.quantity));
        let unit = keep(&mut errs, "unit", GoodsUnit::parse(&self.unit));
        let condition = keep(
            &mut errs,
            "condition",
            GoodsCondition::parse(&self.condition),
        );
        let estimate = if self.estimate.trim().is_empty() {
            Some(None)
        } else {
            keep(
                &mut errs,
                "estimate",
                Tiyn::parse_kzt(&self.estimate).map(Some),
            )
        };
        let given_on = keep(
            &mut errs,
            "date",
            parse_date(&self.date).and_then(|d| {
                if d > today {
                    Err(Invalid::DateInFuture)
                } else {
                    Ok(d)
                }
            }),
        );
        let photo_kinds = keep(
            &mut errs,
            "photos",
            if photos.is_empty() {
                Err(Invalid::Required)
            } else if photos.len() > MAX_GIFT_PHOTOS {
                Err(Invalid::TooManyFiles {
                    max: MAX_GIFT_PHOTOS as i64,
                })
            } else {
                photos.iter().map(|p| sniff_gift_photo(p)).collect()
            },
        );
        let act = keep(&mut errs, "act", ReceiptKind::sniff(act));
        match (
            items,
            quantity,
            unit,
            condition,
            estimate,
            given_on,
            photo_kinds,
            act,
        ) {
            (
                Some(items),
                Some(quantity),
                Some(unit),
                Some(condition),
                Some(estimate),
                Some(given_on),
                Some(photos),
                Some(act),
            ) if errs.is_empty() => Ok(ValidInKind {
                items,
                quantity,
                unit,
                condition,
                estimate,
                given_on,
                photos,
                act,
            }),
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use uuid::Uuid;

    use super::*;
    use crate::charity::{Channel, MoneyEntry, MoneyKind, MoneyTotals};

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
    const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00";
    const PDF: &[u8] = b"%PDF-1.7\n";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn input() -> InKindInput {
        InKindInput {
            items: " Қысқы күртеше, балаларға ".into(),
            quantity: "12".into(),
            unit: "piece".into(),
            condition: "new".into(),
            estimate: "180 000".into(),
            date: "2026-05-30".into(),
        }
    }

    fn codes(i: &InKindInput, photos: &[&[u8]], act: &[u8]) -> Vec<(&'static str, &'static str)> {
        match i.parse(today(), photos, act) {
            Ok(_) => Vec::new(),
            Err(e) => e.into_iter().map(|(f, e)| (f, e.code())).collect(),
        }
    }

    #[test]
    fn quantities_as_typed() {
        for (typed, thousandths, stored, kk, en) in [
            ("12", 12_000, "12", "12", "12"),
            (" 2,5 ", 2_500, "2.5", "2,5", "2.5"),
            ("0.75", 750, "0.75", "0,75", "0.75"),
            ("0,125", 125, "0.125", "0,125", "0.125"),
            ("1 000", 1_000_000, "1000", "1\u{a0}000", "1,000"),
            (
                "1000000",
                1_000_000_000,
                "1000000",
                "1\u{a0}000\u{a0}000",
                "1,000,000",
            ),
            ("007", 7_000, "7", "7", "7"),
            ("3,0", 3_000, "3", "3", "3"),
        ] {
            let q = Quantity::parse(typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(q.thousandths(), thousandths, "{typed}");
            assert_eq!(q.stored(), stored, "{typed}");
            assert_eq!(q.format(Lang::Kk), kk, "{typed}");
            assert_eq!(q.format(Lang::En), en, "{typed}");
            assert_eq!(Quantity::parse(&q.stored()), Ok(q), "{typed}: read back");
        }
        assert_eq!(Quantity::parse("  "), Err(Invalid::Required));
        for bad in [
            "0",
            "0,0",
            "-1",
            "1,2345",
            "1.000.000",
            "abc",
            "1,",
            ",5",
            "1000001",
            "1e3",
            "99999999999999999999",
            "½",
        ] {
            assert_eq!(
                Quantity::parse(bad),
                Err(Invalid::QuantityMalformed),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_full_gift_is_valid() {
        let v = input().parse(today(), &[PNG, JPEG], PDF).unwrap();
        assert_eq!(v.items, "Қысқы күртеше, балаларға");
        assert_eq!(v.quantity.stored(), "12");
        assert_eq!(
            (v.unit, v.condition),
            (GoodsUnit::Piece, GoodsCondition::New)
        );
        assert_eq!(v.estimate.map(Tiyn::get), Some(18_000_000));
        assert_eq!(v.entry_amount(), 18_000_000);
        assert_eq!(v.photos, [ReceiptKind::Png, ReceiptKind::Jpeg]);
        assert_eq!(v.act, ReceiptKind::Pdf);
        // Not valued: the entry carries 0; a photo of the act is an act too.
        let unvalued = InKindInput {
            estimate: " ".into(),
            unit: "kg".into(),
            quantity: "2,5".into(),
            ..input()
        };
        let v = unvalued.parse(today(), &[PNG], JPEG).unwrap();
        assert_eq!((v.estimate, v.entry_amount()), (None, 0));
        assert_eq!(v.act, ReceiptKind::Jpeg);
        assert_eq!(v.quantity.format(Lang::Ru), "2,5");
    }

    #[test]
    fn every_field_and_file_is_checked() {
        assert_eq!(
            codes(&InKindInput::default(), &[], b""),
            vec![
                ("items", "required"),
                ("quantity", "required"),
                ("unit", "required"),
                ("condition", "required"),
                ("date", "required"),
                ("photos", "required"),
                ("act", "required"),
            ]
        );
        let bad = InKindInput {
            items: "x".repeat(MAX_ITEMS_CHARS + 1),
            quantity: "0".into(),
            unit: "barrel".into(),
            condition: "broken".into(),
            estimate: "-5".into(),
            date: "2026-06-02".into(),
        };
        let html: &[u8] = b"<html><script>alert(1)</script>";
        assert_eq!(
            codes(&bad, &[PNG, html], b"MZ\x90\x00"),
            vec![
                ("items", "too_long"),
                ("quantity", "quantity_malformed"),
                ("unit", "choice_unknown"),
                ("condition", "choice_unknown"),
                ("estimate", "amount_not_positive"),
                ("date", "date_in_future"),
                ("photos", "image_unsupported"),
                ("act", "receipt_not_document"),
            ]
        );
        // A PDF is not a photo; six photos are too many; a photo too large.
        assert_eq!(
            codes(&input(), &[PDF], PDF),
            vec![("photos", "image_unsupported")]
        );
        assert_eq!(
            codes(&input(), &[PNG; MAX_GIFT_PHOTOS + 1], PDF),
            vec![("photos", "too_many_files")]
        );
        assert!(codes(&input(), &[PNG; MAX_GIFT_PHOTOS], PDF).is_empty());
        let mut big = PNG.to_vec();
        big.resize(GIFT_PHOTO_MAX_BYTES, 0);
        assert_eq!(sniff_gift_photo(&big), Ok(ReceiptKind::Png));
        big.push(0);
        assert_eq!(
            sniff_gift_photo(&big),
            Err(Invalid::ImageTooLarge { max_kib: 4096 })
        );
        for bad in [
            &b"GIF89a\x01\x00"[..],
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            PDF,
            b"\xFF\xD8",
        ] {
            assert_eq!(
                sniff_gift_photo(bad),
                Err(Invalid::ImageUnsupported),
                "{bad:?}"
            );
        }
        assert_eq!(sniff_gift_photo(b""), Err(Invalid::Required));
    }

    #[test]
    fn codes_round_trip() {
        for c in GoodsCondition::ALL {
            assert_eq!(GoodsCondition::from_code(c.code()), Some(c));
        }
        for u in GoodsUnit::ALL {
            assert_eq!(GoodsUnit::from_code(u.code()), Some(u));
        }
        let json: InKindInput =
            serde_json::from_str(r#"{"items":"Одеяла","quantity":"20"}"#).unwrap();
        assert_eq!((json.items.as_str(), json.unit.as_str()), ("Одеяла", ""));
    }

    #[test]
    fn a_gift_is_not_money_raised() {
        let at = DateTime::<Utc>::from_timestamp_micros(1_780_000_000_000_000).unwrap();
        let v = input().parse(today(), &[PNG], PDF).unwrap();
        let gift = MoneyEntry {
            id: Uuid::from_u128(1),
            collection_id: Uuid::from_u128(2),
            organization_id: Uuid::from_u128(3),
            kind: MoneyKind::Donation,
            amount: v.entry_amount(),
            channel_or_category: Channel::Other.code().into(),
            in_kind: true,
            occurred_on: v.given_on,
            reverses: None,
            recorded_at: at,
        };
        let money = MoneyEntry {
            id: Uuid::from_u128(4),
            amount: 50_000,
            in_kind: false,
            channel_or_category: Channel::Card.code().into(),
            ..gift.clone()
        };
        assert!(gift.is_well_formed());
        let t = MoneyTotals::of([&gift, &money]);
        assert_eq!((t.raised, t.spent, t.remainder()), (50_000, 0, 50_000));
        assert_eq!((t.in_kind_received, t.donations), (18_000_000, 2));
        let unvalued = MoneyEntry { amount: 0, ..gift };
        assert!(unvalued.is_well_formed());
        assert_eq!(MoneyTotals::of([&unvalued]).in_kind_received, 0);
    }
}
