//! Which collection a transfer of a bank statement was meant for: the collection's account
//! when the statement names the receiving account, and the collection's transfer reference
//! ([`transfer_reference`], shown to donors) or registration number written in the
//! purpose; and the external key that makes a transfer one donation ([`external_key`]).

use uuid::Uuid;

use super::BankRow;

/// The prefix of a collection's transfer reference.
pub const REFERENCE_PREFIX: &str = "ERK-";

/// The external key of a transfer into `organization`'s account: what makes the same bank
/// transaction one donation, however often its statement is imported.
pub fn external_key(organization: Uuid, transaction_id: &str) -> String {
    format!("bank:{organization}:{transaction_id}")
}

/// Crockford's base32 digits: no I, L, O or U, which are read as 1, 1, 0 and V.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A collection's transfer reference, for donors to write in the purpose of a transfer:
/// [`REFERENCE_PREFIX`] and six base32 digits of the random end of its id
/// (`ERK-7QK2M9`).
pub fn transfer_reference(collection: Uuid) -> String {
    let mut bits = collection.as_u128();
    let mut digits = [0u8; 6];
    for d in digits.iter_mut().rev() {
        *d = CROCKFORD[(bits & 31) as usize];
        bits >>= 5;
    }
    format!(
        "{REFERENCE_PREFIX}{}",
        String::from_utf8_lossy(&digits).into_owned()
    )
}

/// Text as references are looked for in it: capitals, the Cyrillic letters that look like
/// Latin ones read as those, Crockford's look-alikes (O as 0, I and L as 1), and only
/// letters and digits kept, so `ерк 7qk-2m9` and `ERK-7QK2M9` read alike.
fn reference_text(s: &str) -> String {
    s.chars()
        .flat_map(char::to_uppercase)
        .filter_map(|c| {
            let c = match c {
                'А' => 'A',
                'В' => 'B',
                'Е' => 'E',
                'К' => 'K',
                'М' => 'M',
                'Н' => 'H',
                'О' => 'O',
                'Р' => 'P',
                'С' => 'C',
                'Т' => 'T',
                'Х' => 'X',
                'У' => 'Y',
                c => c,
            };
            let c = match c {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            c.is_ascii_alphanumeric().then_some(c)
        })
        .collect()
}

/// A collection a transfer may be for: an active collection of the organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The collection.
    pub id: Uuid,
    /// Its account.
    pub iban: String,
    /// Its registration number, if registered.
    pub registration_number: Option<String>,
}

impl Target {
    /// Whether `purpose` (as [`reference_text`] reads it) names this collection: its
    /// transfer reference (`ERK` also typed as Cyrillic `ЕРК`), or its registration number
    /// (of six letters and digits or more).
    fn named_in(&self, purpose: &str) -> bool {
        let code = &transfer_reference(self.id)[REFERENCE_PREFIX.len()..];
        let code = reference_text(code);
        let by_reference = purpose
            .match_indices(&code)
            .any(|(at, _)| at >= 3 && matches!(purpose.get(at - 3..at), Some("ERK" | "EPK")));
        let by_number = self
            .registration_number
            .as_deref()
            .map(reference_text)
            .is_some_and(|n| n.len() >= 6 && purpose.contains(&n));
        by_reference || by_number
    }
}

/// The collection a transfer was meant for, among `targets` (the organization's active
/// collections); None when it cannot be told (then the transfer waits for the treasurer).
///
/// When the statement names the receiving account, only the collections of that account
/// are candidates (none: None). A candidate named in the purpose (by its transfer
/// reference or registration number) is the one; several named is None; none named is the
/// account's only collection, if it has one, else None.
pub fn match_row(row: &BankRow, targets: &[Target]) -> Option<Uuid> {
    let candidates: Vec<&Target> = targets
        .iter()
        .filter(|t| row.account.as_ref().is_none_or(|a| a.as_str() == t.iban))
        .collect();
    let purpose = reference_text(row.purpose.as_deref().unwrap_or(""));
    let named: Vec<&&Target> = candidates.iter().filter(|t| t.named_in(&purpose)).collect();
    match (named.as_slice(), candidates.as_slice(), &row.account) {
        ([one], _, _) => Some(one.id),
        ([], [only], Some(_)) => Some(only.id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::charity::{Iban, Tiyn};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    fn row(purpose: &str, account: Option<&str>) -> BankRow {
        BankRow {
            line: 2,
            transaction_id: "T".into(),
            date: today(),
            amount: Tiyn::from_tiyn(100).unwrap(),
            payer: None,
            purpose: Some(purpose.into()),
            account: account.map(|a| Iban::parse(a).unwrap()),
        }
    }

    #[test]
    fn a_transfer_finds_its_collection() {
        let a = Uuid::from_u128(0x0196_a3c2_7d1e_7b6a_9c41_2f5e_8d0a_1b3c);
        let b = Uuid::from_u128(0x0196_a3c2_7d1e_7b6a_9c41_2f5e_8d0a_1b3d);
        let c = Uuid::from_u128(0x0196_a3c2_7d1e_7b6a_9c41_2f5e_8d0a_ffff);
        let ra = transfer_reference(a);
        assert!(ra.starts_with("ERK-") && ra.len() == 10, "{ra}");
        assert_ne!(ra, transfer_reference(b));
        let iban1 = "KZ86125KZT5004100100";
        let iban2 = "KZ244350000012344567";
        let targets = [
            Target {
                id: a,
                iban: iban1.into(),
                registration_number: Some("KZ-55/2026/017".into()),
            },
            Target {
                id: b,
                iban: iban1.into(),
                registration_number: None,
            },
            Target {
                id: c,
                iban: iban2.into(),
                registration_number: None,
            },
        ];
        // By reference, however it was typed.
        assert_eq!(
            match_row(&row(&format!("Взнос {ra}"), None), &targets),
            Some(a)
        );
        let typed = format!("взнос ерк {}", ra[4..].to_lowercase().replace('0', "o"));
        assert_eq!(match_row(&row(&typed, None), &targets), Some(a), "{typed}");
        // By registration number.
        assert_eq!(
            match_row(&row("сбор KZ-55/2026/017", Some(iban1)), &targets),
            Some(a)
        );
        // By the account alone, when it has one collection; not when it has two.
        assert_eq!(match_row(&row("помощь", Some(iban2)), &targets), Some(c));
        assert_eq!(match_row(&row("помощь", Some(iban1)), &targets), None);
        // The reference of a collection of another account is not enough.
        assert_eq!(match_row(&row(&ra, Some(iban2)), &targets), Some(c));
        let rb = transfer_reference(b);
        assert_eq!(match_row(&row(&format!("{ra} {rb}"), None), &targets), None);
        assert_eq!(match_row(&row("помощь", None), &targets), None);
        assert_eq!(
            match_row(&row(&ra[4..], None), &targets),
            None,
            "the prefix too"
        );
        assert_eq!(match_row(&row(&ra, None), &[]), None);
        assert_eq!(
            external_key(a, "PP-17"),
            "bank:0196a3c2-7d1e-7b6a-9c41-2f5e8d0a1b3c:PP-17"
        );
    }
}
