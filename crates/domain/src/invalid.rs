//! Why a value was rejected: one stable code per reason, shared by forms, the API and Fluent.

use std::fmt;

/// A reason why an input value is not acceptable.
///
/// [`Invalid::code`] is stable: it is the API error code and the suffix of the Fluent message id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// The value is empty but required.
    Required,
    /// The value has more than `max` characters.
    TooLong {
        /// Largest accepted number of characters.
        max: usize,
    },
    /// The value has fewer than `min` characters.
    TooShort {
        /// Smallest accepted number of characters.
        min: usize,
    },
    /// The e-mail address is not of the form `local@domain.tld`.
    EmailMalformed,
    /// The password has fewer than `min` characters.
    PasswordTooShort {
        /// Smallest accepted number of characters.
        min: usize,
    },
    /// The password has more than `max` characters.
    PasswordTooLong {
        /// Largest accepted number of characters.
        max: usize,
    },
    /// The password is on the list of common passwords or trivially guessable.
    PasswordTooCommon,
    /// The password equals the e-mail address or its local part.
    PasswordSameAsEmail,
    /// The IIN is not 12 digits encoding a birth date and century.
    IinMalformed,
    /// The IIN's check digit is wrong.
    IinChecksum,
    /// The IIN encodes a birth date other than the one given.
    IinBirthDateMismatch,
    /// The phone number is not a valid Kazakh or international number.
    PhoneMalformed,
    /// The date is not of the form YYYY-MM-DD.
    DateMalformed,
    /// The date lies in the future.
    DateInFuture,
    /// The date lies implausibly far in the past.
    DateTooOld,
    /// The text contains characters not allowed here.
    NameMalformed,
    /// The region code is not one of the 20 regions of Kazakhstan.
    RegionUnknown,
    /// The value is not one of the offered choices.
    ChoiceUnknown,
    /// The BIN is not 12 digits with a registration month, entity type and attribute.
    BinMalformed,
    /// The BIN's check digit is wrong.
    BinChecksum,
    /// The web address is not an `http(s)://` address with a domain name.
    UrlMalformed,
    /// The number is not a whole number between `min` and `max` (inclusive).
    NumberOutOfRange {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// The file is not a PNG, JPEG or WebP image.
    ImageUnsupported,
    /// The image is larger than `max_kib` KiB.
    ImageTooLarge {
        /// Largest accepted size, in KiB.
        max_kib: i64,
    },
    /// All names are empty; at least one language is required.
    AtLeastOneName,
    /// A decision that needs a reason was given none.
    ReasonRequired,
    /// An end that is not after the start.
    EndBeforeStart,
    /// A time in the past where a future one is needed.
    InPast,
    /// A shift longer than allowed (hours).
    TooLongSpan {
        /// Largest span in hours.
        max_hours: i64,
    },
    /// A time of day that is not HH:MM.
    TimeMalformed,
    /// A map point outside Kazakhstan.
    OutsideKazakhstan,
    /// More shifts than one series may create.
    TooManyShifts {
        /// Largest number of shifts.
        max: i64,
    },
    /// No day of the range matches the chosen weekdays.
    NoShiftsInRange,
    /// The amount is not a number of tenge such as `1 500` or `1 500,50`.
    AmountMalformed,
    /// The amount is zero or negative.
    AmountNotPositive,
    /// The amount has more than two decimals (a fraction of a tiyn).
    AmountFractionalTiyn,
    /// The amount is above the largest accepted (one trillion tenge).
    AmountTooLarge,
    /// The account is not a Kazakh IBAN: `KZ`, two check digits and 16 letters or digits.
    IbanMalformed,
    /// The IBAN's check digits are wrong.
    IbanChecksum,
    /// A payment card number was given where a bank account (IBAN) is needed.
    AccountIsCard,
    /// Every language's text is empty; at least one is required.
    AtLeastOneLanguage,
    /// The file is not a PDF, PNG, JPEG or WebP document.
    ReceiptNotDocument,
    /// The file is larger than `max_kib` KiB.
    FileTooLarge {
        /// Largest accepted size, in KiB.
        max_kib: i64,
    },
    /// The currency is not the tenge (`KZT`).
    CurrencyUnsupported,
    /// A payment provider's notification is not of the documented form.
    NotificationMalformed,
    /// The quantity is not a number more than zero such as `10` or `2,5`.
    QuantityMalformed,
    /// More files than accepted at once.
    TooManyFiles {
        /// Largest number of files.
        max: i64,
    },
    /// A bank statement row whose cells do not line up with the statement's header: its
    /// transaction cannot be read.
    StatementRowUnreadable,
}

impl Invalid {
    /// Stable snake_case code (API error code and Fluent message id suffix).
    pub fn code(&self) -> &'static str {
        match self {
            Invalid::Required => "required",
            Invalid::TooLong { .. } => "too_long",
            Invalid::TooShort { .. } => "too_short",
            Invalid::EmailMalformed => "email_malformed",
            Invalid::PasswordTooShort { .. } => "password_too_short",
            Invalid::PasswordTooLong { .. } => "password_too_long",
            Invalid::PasswordTooCommon => "password_too_common",
            Invalid::PasswordSameAsEmail => "password_same_as_email",
            Invalid::IinMalformed => "iin_malformed",
            Invalid::IinChecksum => "iin_checksum",
            Invalid::IinBirthDateMismatch => "iin_birth_date_mismatch",
            Invalid::PhoneMalformed => "phone_malformed",
            Invalid::DateMalformed => "date_malformed",
            Invalid::DateInFuture => "date_in_future",
            Invalid::DateTooOld => "date_too_old",
            Invalid::NameMalformed => "name_malformed",
            Invalid::RegionUnknown => "region_unknown",
            Invalid::ChoiceUnknown => "choice_unknown",
            Invalid::BinMalformed => "bin_malformed",
            Invalid::BinChecksum => "bin_checksum",
            Invalid::UrlMalformed => "url_malformed",
            Invalid::NumberOutOfRange { .. } => "number_out_of_range",
            Invalid::ImageUnsupported => "image_unsupported",
            Invalid::ImageTooLarge { .. } => "image_too_large",
            Invalid::AtLeastOneName => "at_least_one_name",
            Invalid::ReasonRequired => "reason_required",
            Invalid::EndBeforeStart => "end_before_start",
            Invalid::InPast => "in_past",
            Invalid::TooLongSpan { .. } => "too_long_span",
            Invalid::TimeMalformed => "time_malformed",
            Invalid::OutsideKazakhstan => "outside_kazakhstan",
            Invalid::TooManyShifts { .. } => "too_many_shifts",
            Invalid::NoShiftsInRange => "no_shifts_in_range",
            Invalid::AmountMalformed => "amount_malformed",
            Invalid::AmountNotPositive => "amount_not_positive",
            Invalid::AmountFractionalTiyn => "amount_fractional_tiyn",
            Invalid::AmountTooLarge => "amount_too_large",
            Invalid::IbanMalformed => "iban_malformed",
            Invalid::IbanChecksum => "iban_checksum",
            Invalid::AccountIsCard => "account_is_card",
            Invalid::AtLeastOneLanguage => "at_least_one_language",
            Invalid::ReceiptNotDocument => "receipt_not_document",
            Invalid::FileTooLarge { .. } => "file_too_large",
            Invalid::CurrencyUnsupported => "currency_unsupported",
            Invalid::NotificationMalformed => "notification_malformed",
            Invalid::QuantityMalformed => "quantity_malformed",
            Invalid::TooManyFiles { .. } => "too_many_files",
            Invalid::StatementRowUnreadable => "statement_row_unreadable",
        }
    }

    /// Named numeric arguments for the message (e.g. `("max", 254)`), empty when there are none.
    pub fn args(&self) -> Vec<(&'static str, i64)> {
        let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
        match self {
            Invalid::TooLong { max } | Invalid::PasswordTooLong { max } => vec![("max", n(*max))],
            Invalid::TooShort { min } | Invalid::PasswordTooShort { min } => {
                vec![("min", n(*min))]
            }
            Invalid::NumberOutOfRange { min, max } => vec![("min", *min), ("max", *max)],
            Invalid::ImageTooLarge { max_kib } | Invalid::FileTooLarge { max_kib } => {
                vec![("max_kib", *max_kib)]
            }
            Invalid::Required
            | Invalid::EmailMalformed
            | Invalid::PasswordTooCommon
            | Invalid::PasswordSameAsEmail
            | Invalid::IinMalformed
            | Invalid::IinChecksum
            | Invalid::IinBirthDateMismatch
            | Invalid::PhoneMalformed
            | Invalid::DateMalformed
            | Invalid::DateInFuture
            | Invalid::DateTooOld
            | Invalid::NameMalformed
            | Invalid::RegionUnknown
            | Invalid::ChoiceUnknown
            | Invalid::BinMalformed
            | Invalid::BinChecksum
            | Invalid::UrlMalformed
            | Invalid::ImageUnsupported
            | Invalid::AtLeastOneName
            | Invalid::ReasonRequired
            | Invalid::EndBeforeStart
            | Invalid::InPast
            | Invalid::TimeMalformed
            | Invalid::OutsideKazakhstan
            | Invalid::NoShiftsInRange
            | Invalid::AmountMalformed
            | Invalid::AmountNotPositive
            | Invalid::AmountFractionalTiyn
            | Invalid::AmountTooLarge
            | Invalid::IbanMalformed
            | Invalid::IbanChecksum
            | Invalid::AccountIsCard
            | Invalid::AtLeastOneLanguage
            | Invalid::ReceiptNotDocument
            | Invalid::CurrencyUnsupported
            | Invalid::NotificationMalformed
            | Invalid::QuantityMalformed
            | Invalid::StatementRowUnreadable => Vec::new(),
            Invalid::TooLongSpan { max_hours } => vec![("max_hours", *max_hours)],
            Invalid::TooManyShifts { max } | Invalid::TooManyFiles { max } => {
                vec![("max", *max)]
            }
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for Invalid {}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn all() -> Vec<Invalid> {
        vec![
            Invalid::Required,
            Invalid::TooLong { max: 5 },
            Invalid::TooShort { min: 2 },
            Invalid::EmailMalformed,
            Invalid::PasswordTooShort { min: 10 },
            Invalid::PasswordTooLong { max: 128 },
            Invalid::PasswordTooCommon,
            Invalid::PasswordSameAsEmail,
            Invalid::IinMalformed,
            Invalid::IinChecksum,
            Invalid::IinBirthDateMismatch,
            Invalid::PhoneMalformed,
            Invalid::DateMalformed,
            Invalid::DateInFuture,
            Invalid::DateTooOld,
            Invalid::NameMalformed,
            Invalid::RegionUnknown,
            Invalid::ChoiceUnknown,
            Invalid::BinMalformed,
            Invalid::BinChecksum,
            Invalid::UrlMalformed,
            Invalid::NumberOutOfRange { min: 1, max: 9 },
            Invalid::ImageUnsupported,
            Invalid::ImageTooLarge { max_kib: 512 },
            Invalid::AtLeastOneName,
            Invalid::ReasonRequired,
            Invalid::EndBeforeStart,
            Invalid::InPast,
            Invalid::TooLongSpan { max_hours: 24 },
            Invalid::TimeMalformed,
            Invalid::OutsideKazakhstan,
            Invalid::TooManyShifts { max: 100 },
            Invalid::NoShiftsInRange,
            Invalid::AmountMalformed,
            Invalid::AmountNotPositive,
            Invalid::AmountFractionalTiyn,
            Invalid::AmountTooLarge,
            Invalid::IbanMalformed,
            Invalid::IbanChecksum,
            Invalid::AccountIsCard,
            Invalid::AtLeastOneLanguage,
            Invalid::ReceiptNotDocument,
            Invalid::FileTooLarge { max_kib: 10240 },
            Invalid::CurrencyUnsupported,
            Invalid::NotificationMalformed,
            Invalid::QuantityMalformed,
            Invalid::TooManyFiles { max: 5 },
            Invalid::StatementRowUnreadable,
        ]
    }

    /// Exhaustive on purpose: a new variant fails to compile here until [`all`] lists it.
    fn position(e: &Invalid) -> usize {
        match e {
            Invalid::Required => 0,
            Invalid::TooLong { .. } => 1,
            Invalid::TooShort { .. } => 2,
            Invalid::EmailMalformed => 3,
            Invalid::PasswordTooShort { .. } => 4,
            Invalid::PasswordTooLong { .. } => 5,
            Invalid::PasswordTooCommon => 6,
            Invalid::PasswordSameAsEmail => 7,
            Invalid::IinMalformed => 8,
            Invalid::IinChecksum => 9,
            Invalid::IinBirthDateMismatch => 10,
            Invalid::PhoneMalformed => 11,
            Invalid::DateMalformed => 12,
            Invalid::DateInFuture => 13,
            Invalid::DateTooOld => 14,
            Invalid::NameMalformed => 15,
            Invalid::RegionUnknown => 16,
            Invalid::ChoiceUnknown => 17,
            Invalid::BinMalformed => 18,
            Invalid::BinChecksum => 19,
            Invalid::UrlMalformed => 20,
            Invalid::NumberOutOfRange { .. } => 21,
            Invalid::ImageUnsupported => 22,
            Invalid::ImageTooLarge { .. } => 23,
            Invalid::AtLeastOneName => 24,
            Invalid::ReasonRequired => 25,
            Invalid::EndBeforeStart => 26,
            Invalid::InPast => 27,
            Invalid::TooLongSpan { .. } => 28,
            Invalid::TimeMalformed => 29,
            Invalid::OutsideKazakhstan => 30,
            Invalid::TooManyShifts { .. } => 31,
            Invalid::NoShiftsInRange => 32,
            Invalid::AmountMalformed => 33,
            Invalid::AmountNotPositive => 34,
            Invalid::AmountFractionalTiyn => 35,
            Invalid::AmountTooLarge => 36,
            Invalid::IbanMalformed => 37,
            Invalid::IbanChecksum => 38,
            Invalid::AccountIsCard => 39,
            Invalid::AtLeastOneLanguage => 40,
            Invalid::ReceiptNotDocument => 41,
            Invalid::FileTooLarge { .. } => 42,
            Invalid::CurrencyUnsupported => 43,
            Invalid::NotificationMalformed => 44,
            Invalid::QuantityMalformed => 45,
            Invalid::TooManyFiles { .. } => 46,
            Invalid::StatementRowUnreadable => 47,
        }
    }

    /// The message keys (`key = ...` lines) of one locale's Fluent file.
    pub(crate) fn locale_keys(lang: &str) -> std::collections::BTreeSet<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../locales")
            .join(lang)
            .join("main.ftl");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        text.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
            .collect()
    }

    #[test]
    fn every_code_has_a_message_in_every_locale() {
        for lang in ["kk", "ru", "en"] {
            let keys = locale_keys(lang);
            for e in all() {
                assert!(keys.contains(e.code()), "{lang}: {}", e.code());
            }
        }
    }

    #[test]
    fn list_covers_every_variant_once() {
        for (i, e) in all().iter().enumerate() {
            assert_eq!(position(e), i, "{e:?}");
        }
    }

    #[test]
    fn codes_are_unique_snake_case() {
        let codes: Vec<&str> = all().iter().map(Invalid::code).collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
        for c in codes {
            assert!(
                c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{c}"
            );
        }
    }

    #[test]
    fn args_and_display() {
        assert_eq!(Invalid::TooLong { max: 254 }.args(), vec![("max", 254)]);
        assert_eq!(
            Invalid::PasswordTooShort { min: 10 }.args(),
            vec![("min", 10)]
        );
        assert_eq!(
            Invalid::NumberOutOfRange {
                min: 1,
                max: 1_000_000
            }
            .args(),
            vec![("min", 1), ("max", 1_000_000)]
        );
        assert_eq!(
            Invalid::ImageTooLarge { max_kib: 512 }.args(),
            vec![("max_kib", 512)]
        );
        assert!(Invalid::Required.args().is_empty());
        assert!(Invalid::BinChecksum.args().is_empty());
        let codes = [
            (Invalid::BinMalformed, "bin_malformed"),
            (Invalid::BinChecksum, "bin_checksum"),
            (Invalid::UrlMalformed, "url_malformed"),
            (
                Invalid::NumberOutOfRange { min: 1, max: 2 },
                "number_out_of_range",
            ),
            (Invalid::ImageUnsupported, "image_unsupported"),
            (Invalid::ImageTooLarge { max_kib: 1 }, "image_too_large"),
            (Invalid::AtLeastOneName, "at_least_one_name"),
            (Invalid::ReasonRequired, "reason_required"),
        ];
        for (e, code) in codes {
            assert_eq!(e.code(), code);
        }
        assert_eq!(Invalid::IinChecksum.to_string(), "iin_checksum");
        let e: Box<dyn std::error::Error> = Box::new(Invalid::Required);
        assert_eq!(e.to_string(), "required");
    }
}
