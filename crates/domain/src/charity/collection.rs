//! A charitable collection (благотворительный сбор / қайырымдылық жинауы): its lifecycle,
//! who may take each step, the closing report's deadline, and the collection as typed.
//!
//! Lifecycle: `draft → submitted → registered → active → closed → reported`; the
//! front-office registers (recording its registration or notification number) or rejects a
//! submitted collection, suspends an active one and resumes it; the organization withdraws a
//! submitted or rejected collection back to `draft` to edit and resubmit it.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{BeneficiaryCategory, Iban, Tiyn};
use crate::dates::parse_date;
use crate::org::{Transition, reason};
use crate::text::{optional_multiline_text, required_text};
use crate::values::{codes, text_value};
use crate::{Bin, Invalid};

codes! {
    /// The lifecycle of a charitable collection.
    pub enum CollectionStatus {
        /// Being prepared by the organization; not public.
        Draft = "draft",
        /// Sent to the front-office for registration.
        Submitted = "submitted",
        /// Registered by the front-office; public, not yet collecting.
        Registered = "registered",
        /// Collecting donations.
        Active = "active",
        /// No longer collecting; the report is to come.
        Closed = "closed",
        /// Closed, and its closing report is published.
        Reported = "reported",
        /// Refused by the front-office (the organization may edit and resubmit it).
        Rejected = "rejected",
        /// Stopped by the front-office; collects nothing until resumed.
        Suspended = "suspended",
    }
}

/// The step is not possible from the collection's current status.
pub const COLLECTION_NOT_ALLOWED: Transition = Transition::new("collection_not_allowed");
/// The step is not one this party may take (e.g. an organization registering its own
/// collection).
pub const COLLECTION_FORBIDDEN: Transition = Transition::new("collection_forbidden");

/// Days after a collection's end by which its closing report is due.
pub const REPORT_DUE_DAYS: u64 = 30;
/// Longest registration or notification number, in characters.
pub const MAX_REGISTRATION_NUMBER_CHARS: usize = 64;
/// Longest purpose, per language, in characters.
pub const MAX_PURPOSE_CHARS: usize = 2000;
/// Longest bank name, in characters.
pub const MAX_BANK_NAME_CHARS: usize = 200;

/// Who takes a step of a collection's lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Steward {
    /// The organization that runs the collection (its coordinators).
    Organization,
    /// The regional front-office that registers and oversees collections.
    FrontOffice,
}

/// The number under which the front-office registered the collection (or its notification
/// was recorded): trimmed, one line, 1 to 64 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegistrationNumber(String);

impl RegistrationNumber {
    /// Parses a number: empty is [`Invalid::Required`], longer than 64 characters
    /// [`Invalid::TooLong`].
    pub fn parse(s: &str) -> Result<RegistrationNumber, Invalid> {
        required_text(s, MAX_REGISTRATION_NUMBER_CHARS).map(RegistrationNumber)
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_value!(RegistrationNumber);

/// Why the front-office rejects or suspends a collection: trimmed, required, at most 2000
/// characters, line breaks allowed (the rules of [`crate::org::reason`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Reason(String);

impl Reason {
    /// Parses a reason: empty is [`Invalid::ReasonRequired`].
    pub fn parse(s: &str) -> Result<Reason, Invalid> {
        reason(s).map(Reason)
    }

    /// The reason as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_value!(Reason);

/// A step of a collection's lifecycle, with what it records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CollectionStep {
    /// The organization sends its draft for registration: `draft → submitted`.
    Submit,
    /// The front-office registers it: `submitted → registered`.
    Register {
        /// The registration or notification number.
        number: RegistrationNumber,
    },
    /// The front-office refuses it: `submitted → rejected`.
    Reject {
        /// Why.
        reason: Reason,
    },
    /// The organization (or the front-office) opens it for donations: `registered → active`.
    Activate,
    /// The front-office stops it: `active → suspended`.
    Suspend {
        /// Why.
        reason: Reason,
    },
    /// The front-office lets it go on: `suspended → active`.
    Resume,
    /// The organization or the front-office ends it: `active | suspended → closed`.
    Close,
    /// The organization publishes its closing report: `closed → reported`.
    Report,
    /// The organization takes it back to edit and resubmit: `submitted | rejected → draft`.
    Withdraw,
}

impl CollectionStep {
    /// `Register` with a typed number (see [`RegistrationNumber::parse`]).
    pub fn register(number: &str) -> Result<CollectionStep, Invalid> {
        RegistrationNumber::parse(number).map(|number| CollectionStep::Register { number })
    }

    /// `Reject` with a typed reason (see [`Reason::parse`]).
    pub fn reject(reason: &str) -> Result<CollectionStep, Invalid> {
        Reason::parse(reason).map(|reason| CollectionStep::Reject { reason })
    }

    /// `Suspend` with a typed reason (see [`Reason::parse`]).
    pub fn suspend(reason: &str) -> Result<CollectionStep, Invalid> {
        Reason::parse(reason).map(|reason| CollectionStep::Suspend { reason })
    }

    /// A stable snake_case name of the step (for audit records): `submit`, `register`,
    /// `reject`, `activate`, `suspend`, `resume`, `close`, `report`, `withdraw`.
    pub fn code(&self) -> &'static str {
        match self {
            CollectionStep::Submit => "submit",
            CollectionStep::Register { .. } => "register",
            CollectionStep::Reject { .. } => "reject",
            CollectionStep::Activate => "activate",
            CollectionStep::Suspend { .. } => "suspend",
            CollectionStep::Resume => "resume",
            CollectionStep::Close => "close",
            CollectionStep::Report => "report",
            CollectionStep::Withdraw => "withdraw",
        }
    }

    /// Whether `by` may take this step at all (whatever the status).
    pub fn allowed_for(&self, by: Steward) -> bool {
        use Steward::{FrontOffice, Organization};
        match self {
            CollectionStep::Submit | CollectionStep::Report | CollectionStep::Withdraw => {
                by == Organization
            }
            CollectionStep::Register { .. }
            | CollectionStep::Reject { .. }
            | CollectionStep::Suspend { .. }
            | CollectionStep::Resume => by == FrontOffice,
            CollectionStep::Activate | CollectionStep::Close => true,
        }
    }
}

impl CollectionStatus {
    /// The status after `step` taken by `by`. Refusals: [`COLLECTION_FORBIDDEN`] when `by`
    /// may not take this step (checked first), [`COLLECTION_NOT_ALLOWED`] when the step is
    /// not possible from this status.
    ///
    /// Pure: the store applies the result with a conditional update on the status read, so
    /// that two concurrent steps cannot both win.
    pub fn step(self, step: &CollectionStep, by: Steward) -> Result<CollectionStatus, Transition> {
        use CollectionStatus::*;
        if !step.allowed_for(by) {
            return Err(COLLECTION_FORBIDDEN);
        }
        let next = match (step, self) {
            (CollectionStep::Submit, Draft) => Submitted,
            (CollectionStep::Register { .. }, Submitted) => Registered,
            (CollectionStep::Reject { .. }, Submitted) => Rejected,
            (CollectionStep::Activate, Registered) => Active,
            (CollectionStep::Suspend { .. }, Active) => Suspended,
            (CollectionStep::Resume, Suspended) => Active,
            (CollectionStep::Close, Active | Suspended) => Closed,
            (CollectionStep::Report, Closed) => Reported,
            (CollectionStep::Withdraw, Submitted | Rejected) => Draft,
            _ => return Err(COLLECTION_NOT_ALLOWED),
        };
        Ok(next)
    }

    /// Whether donations are accepted (only while active).
    pub fn accepts_donations(self) -> bool {
        self == CollectionStatus::Active
    }

    /// Whether the collection is shown to the public: registered, active, suspended, closed,
    /// reported (never a draft, a submission or a rejected one).
    pub fn is_public(self) -> bool {
        matches!(
            self,
            CollectionStatus::Registered
                | CollectionStatus::Active
                | CollectionStatus::Suspended
                | CollectionStatus::Closed
                | CollectionStatus::Reported
        )
    }

    /// Whether the organization may edit the collection's details (only a draft: a
    /// submitted or rejected one is withdrawn first).
    pub fn is_editable(self) -> bool {
        self == CollectionStatus::Draft
    }

    /// Whether expenses may be recorded against the collection: while active and once
    /// closed, until reported. A suspended collection's money is frozen.
    pub fn accepts_expenses(self) -> bool {
        matches!(self, CollectionStatus::Active | CollectionStatus::Closed)
    }
}

/// The last day for the closing report of a collection that ends on `end_date`:
/// [`REPORT_DUE_DAYS`] days later.
pub fn report_due(end_date: NaiveDate) -> NaiveDate {
    end_date
        .checked_add_days(Days::new(REPORT_DUE_DAYS))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether the closing report is overdue on `today`: the collection was active (still
/// active, suspended or closed, not reported) and `today` is after [`report_due`].
pub fn report_overdue(status: CollectionStatus, end_date: NaiveDate, today: NaiveDate) -> bool {
    matches!(
        status,
        CollectionStatus::Active | CollectionStatus::Suspended | CollectionStatus::Closed
    ) && today > report_due(end_date)
}

/// A collection as typed in a form or sent as JSON: every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct CollectionInput {
    /// Purpose in Kazakh.
    pub purpose_kk: String,
    /// Purpose in Russian.
    pub purpose_ru: String,
    /// Purpose in English.
    pub purpose_en: String,
    /// [`BeneficiaryCategory`] code.
    pub beneficiary: String,
    /// Target amount in tenge, as typed (`1 500 000`, `250 000,50`).
    pub target: String,
    /// First day, `YYYY-MM-DD`.
    pub start_date: String,
    /// Last day, `YYYY-MM-DD`.
    pub end_date: String,
    /// The account (IBAN) donations go to.
    pub iban: String,
    /// The bank that keeps the account.
    pub bank_name: String,
    /// BIN of the account's holder.
    pub holder_bin: String,
}

/// A checked collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCollection {
    /// Purpose in Kazakh (trimmed, line breaks kept).
    pub purpose_kk: Option<String>,
    /// Purpose in Russian.
    pub purpose_ru: Option<String>,
    /// Purpose in English.
    pub purpose_en: Option<String>,
    /// Whom it helps.
    pub beneficiary: BeneficiaryCategory,
    /// Target amount.
    pub target: Tiyn,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day (not before the first).
    pub end_date: NaiveDate,
    /// The account.
    pub iban: Iban,
    /// The bank.
    pub bank_name: String,
    /// The account holder's BIN.
    pub holder_bin: Bin,
}

/// The value of `r`, or `None` after noting its error against `field`.
fn keep<T>(
    errs: &mut Vec<(&'static str, Invalid)>,
    field: &'static str,
    r: Result<T, Invalid>,
) -> Option<T> {
    r.map_err(|e| errs.push((field, e))).ok()
}

impl CollectionInput {
    /// Checks a collection. Errors are `(field, reason)` with the [`CollectionInput`] field
    /// names, in field order.
    ///
    /// Each purpose is optional, at most 2000 characters, line breaks allowed; when all
    /// three are empty each gets [`Invalid::AtLeastOneLanguage`]. The target is read by
    /// [`Tiyn::parse_kzt`], the account by [`Iban::parse`] (a card number is refused), the
    /// holder by [`Bin::parse`]; the bank name is required (one line, at most 200). The end
    /// may be the start's day but not before it ([`Invalid::EndBeforeStart`] on `end_date`).
    pub fn parse(&self) -> Result<ValidCollection, Vec<(&'static str, Invalid)>> {
        let mut errs = Vec::new();
        let purpose = |s: &str| optional_multiline_text(s, MAX_PURPOSE_CHARS);
        let kk = keep(&mut errs, "purpose_kk", purpose(&self.purpose_kk));
        let ru = keep(&mut errs, "purpose_ru", purpose(&self.purpose_ru));
        let en = keep(&mut errs, "purpose_en", purpose(&self.purpose_en));
        if let (Some(None), Some(None), Some(None)) = (&kk, &ru, &en) {
            for field in ["purpose_kk", "purpose_ru", "purpose_en"] {
                errs.push((field, Invalid::AtLeastOneLanguage));
            }
        }
        let beneficiary = keep(
            &mut errs,
            "beneficiary",
            BeneficiaryCategory::parse(&self.beneficiary),
        );
        let target = keep(&mut errs, "target", Tiyn::parse_kzt(&self.target));
        let start = keep(&mut errs, "start_date", parse_date(&self.start_date));
        let end = keep(&mut errs, "end_date", parse_date(&self.end_date));
        let end = match (start, end) {
            (Some(s), Some(e)) if e < s => keep(
                &mut errs,
                "end_date",
                Err::<NaiveDate, _>(Invalid::EndBeforeStart),
            ),
            (_, end) => end,
        };
        let iban = keep(&mut errs, "iban", Iban::parse(&self.iban));
        let bank_name = keep(
            &mut errs,
            "bank_name",
            required_text(&self.bank_name, MAX_BANK_NAME_CHARS),
        );
        let holder_bin = keep(&mut errs, "holder_bin", Bin::parse(&self.holder_bin));
        match (
            kk,
            ru,
            en,
            beneficiary,
            target,
            start,
            end,
            iban,
            bank_name,
            holder_bin,
        ) {
            (
                Some(purpose_kk),
                Some(purpose_ru),
                Some(purpose_en),
                Some(beneficiary),
                Some(target),
                Some(start_date),
                Some(end_date),
                Some(iban),
                Some(bank_name),
                Some(holder_bin),
            ) if errs.is_empty() => Ok(ValidCollection {
                purpose_kk,
                purpose_ru,
                purpose_en,
                beneficiary,
                target,
                start_date,
                end_date,
                iban,
                bank_name,
                holder_bin,
            }),
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CollectionStatus::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn steps() -> [CollectionStep; 9] {
        [
            CollectionStep::Submit,
            CollectionStep::register(" ЖС-2026/17 ").unwrap(),
            CollectionStep::reject("Мақсаты анық емес").unwrap(),
            CollectionStep::Activate,
            CollectionStep::suspend("Есеп жоқ").unwrap(),
            CollectionStep::Resume,
            CollectionStep::Close,
            CollectionStep::Report,
            CollectionStep::Withdraw,
        ]
    }

    #[test]
    fn every_step_from_every_status_by_each_party() {
        const N: Result<CollectionStatus, &str> = Err("collection_not_allowed");
        const F: Result<CollectionStatus, &str> = Err("collection_forbidden");
        // Per step, per status in `CollectionStatus::ALL` order: draft, submitted,
        // registered, active, closed, reported, rejected, suspended.
        let organization: [[Result<CollectionStatus, &str>; 8]; 9] = [
            // submit
            [Ok(Submitted), N, N, N, N, N, N, N],
            // register
            [F, F, F, F, F, F, F, F],
            // reject
            [F, F, F, F, F, F, F, F],
            // activate
            [N, N, Ok(Active), N, N, N, N, N],
            // suspend
            [F, F, F, F, F, F, F, F],
            // resume
            [F, F, F, F, F, F, F, F],
            // close
            [N, N, N, Ok(Closed), N, N, N, Ok(Closed)],
            // report
            [N, N, N, N, Ok(Reported), N, N, N],
            // withdraw
            [N, Ok(Draft), N, N, N, N, Ok(Draft), N],
        ];
        let front_office: [[Result<CollectionStatus, &str>; 8]; 9] = [
            // submit
            [F, F, F, F, F, F, F, F],
            // register
            [N, Ok(Registered), N, N, N, N, N, N],
            // reject
            [N, Ok(Rejected), N, N, N, N, N, N],
            // activate
            [N, N, Ok(Active), N, N, N, N, N],
            // suspend
            [N, N, N, Ok(Suspended), N, N, N, N],
            // resume
            [N, N, N, N, N, N, N, Ok(Active)],
            // close
            [N, N, N, Ok(Closed), N, N, N, Ok(Closed)],
            // report
            [F, F, F, F, F, F, F, F],
            // withdraw
            [F, F, F, F, F, F, F, F],
        ];
        for (by, table) in [
            (Steward::Organization, organization),
            (Steward::FrontOffice, front_office),
        ] {
            for (step, row) in steps().iter().zip(table) {
                for (from, want) in CollectionStatus::ALL.into_iter().zip(row) {
                    let got = from.step(step, by).map_err(|t| t.code);
                    assert_eq!(got, want, "{by:?} {} from {}", step.code(), from.code());
                }
            }
        }
    }

    #[test]
    fn step_payloads_are_checked() {
        assert_eq!(
            CollectionStep::register(" ЖС-2026/17 "),
            Ok(CollectionStep::Register {
                number: RegistrationNumber::parse("ЖС-2026/17").unwrap()
            })
        );
        assert_eq!(CollectionStep::register("  "), Err(Invalid::Required));
        assert_eq!(
            CollectionStep::register(&"7".repeat(65)),
            Err(Invalid::TooLong { max: 64 })
        );
        assert!(CollectionStep::register(&"7".repeat(64)).is_ok());
        assert_eq!(CollectionStep::reject(" "), Err(Invalid::ReasonRequired));
        assert_eq!(CollectionStep::suspend(""), Err(Invalid::ReasonRequired));
        match CollectionStep::suspend(" Есеп\r\nжоқ ").unwrap() {
            CollectionStep::Suspend { reason } => assert_eq!(reason.as_str(), "Есеп\nжоқ"),
            other => panic!("{other:?}"),
        }
        let codes: Vec<_> = steps().iter().map(CollectionStep::code).collect();
        assert_eq!(
            codes,
            [
                "submit", "register", "reject", "activate", "suspend", "resume", "close", "report",
                "withdraw"
            ]
        );
    }

    #[test]
    fn visibility_and_money() {
        let public: Vec<_> = CollectionStatus::ALL
            .into_iter()
            .filter(|s| s.is_public())
            .collect();
        assert_eq!(public, [Registered, Active, Closed, Reported, Suspended]);
        let donating: Vec<_> = CollectionStatus::ALL
            .into_iter()
            .filter(|s| s.accepts_donations())
            .collect();
        assert_eq!(donating, [Active]);
        let spending: Vec<_> = CollectionStatus::ALL
            .into_iter()
            .filter(|s| s.accepts_expenses())
            .collect();
        assert_eq!(spending, [Active, Closed]);
        let editable: Vec<_> = CollectionStatus::ALL
            .into_iter()
            .filter(|s| s.is_editable())
            .collect();
        assert_eq!(editable, [Draft]);
        for s in CollectionStatus::ALL {
            assert_eq!(CollectionStatus::from_code(s.code()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.code())
            );
        }
    }

    #[test]
    fn the_closing_report_is_due_thirty_days_after_the_end() {
        let end = d(2026, 5, 31);
        assert_eq!(report_due(end), d(2026, 6, 30));
        assert_eq!(report_due(d(2026, 12, 15)), d(2027, 1, 14));
        assert_eq!(report_due(NaiveDate::MAX), NaiveDate::MAX);
        for s in [Active, Suspended, Closed] {
            assert!(!report_overdue(s, end, d(2026, 5, 20)), "{s}");
            assert!(!report_overdue(s, end, d(2026, 6, 30)), "{s}: due day");
            assert!(report_overdue(s, end, d(2026, 7, 1)), "{s}");
        }
        for s in [Draft, Submitted, Registered, Reported, Rejected] {
            assert!(!report_overdue(s, end, d(2027, 1, 1)), "{s}");
        }
    }

    fn input() -> CollectionInput {
        CollectionInput {
            purpose_kk: "Ерланға ота жасауға.\r\nШетелде емделу.".into(),
            purpose_ru: String::new(),
            purpose_en: " Surgery for Erlan ".into(),
            beneficiary: "sick".into(),
            target: "2 500 000".into(),
            start_date: "2026-05-01".into(),
            end_date: "2026-06-30".into(),
            iban: "kz86 125k zt50 0410 0100".into(),
            bank_name: "Halyk Bank".into(),
            holder_bin: "040540001230".into(),
        }
    }

    fn errors(i: &CollectionInput) -> Vec<(&'static str, &'static str)> {
        match i.parse() {
            Ok(_) => Vec::new(),
            Err(e) => e.into_iter().map(|(f, e)| (f, e.code())).collect(),
        }
    }

    #[test]
    fn a_full_collection_is_valid() {
        let v = input().parse().unwrap();
        assert_eq!(
            v.purpose_kk.as_deref(),
            Some("Ерланға ота жасауға.\nШетелде емделу.")
        );
        assert_eq!(v.purpose_ru, None);
        assert_eq!(v.purpose_en.as_deref(), Some("Surgery for Erlan"));
        assert_eq!(v.beneficiary, BeneficiaryCategory::Sick);
        assert_eq!(v.target.get(), 250_000_000);
        assert_eq!((v.start_date, v.end_date), (d(2026, 5, 1), d(2026, 6, 30)));
        assert_eq!(v.iban.as_str(), "KZ86125KZT5004100100");
        assert_eq!(v.bank_name, "Halyk Bank");
        assert_eq!(v.holder_bin.as_str(), "040540001230");
        let json: CollectionInput =
            serde_json::from_str(r#"{"purpose_ru":"Помощь","target":"100"}"#).unwrap();
        assert_eq!(
            (json.purpose_ru.as_str(), json.iban.as_str()),
            ("Помощь", "")
        );
        // A one-day collection.
        let one_day = CollectionInput {
            end_date: "2026-05-01".into(),
            ..input()
        };
        assert_eq!(errors(&one_day), vec![]);
    }

    #[test]
    fn every_field_is_checked() {
        assert_eq!(
            errors(&CollectionInput::default()),
            vec![
                ("purpose_kk", "at_least_one_language"),
                ("purpose_ru", "at_least_one_language"),
                ("purpose_en", "at_least_one_language"),
                ("beneficiary", "required"),
                ("target", "required"),
                ("start_date", "required"),
                ("end_date", "required"),
                ("iban", "required"),
                ("bank_name", "required"),
                ("holder_bin", "required"),
            ]
        );
        let bad = CollectionInput {
            purpose_kk: "x".repeat(MAX_PURPOSE_CHARS + 1),
            purpose_ru: "a\u{7}".into(),
            purpose_en: String::new(),
            beneficiary: "pets".into(),
            target: "1500,505".into(),
            start_date: "01.05.2026".into(),
            end_date: "2026-06-31".into(),
            iban: "4400 4301 2345 6789".into(),
            bank_name: "b".repeat(MAX_BANK_NAME_CHARS + 1),
            holder_bin: "040540001231".into(),
        };
        assert_eq!(
            errors(&bad),
            vec![
                ("purpose_kk", "too_long"),
                ("purpose_ru", "name_malformed"),
                ("beneficiary", "choice_unknown"),
                ("target", "amount_fractional_tiyn"),
                ("start_date", "date_malformed"),
                ("end_date", "date_malformed"),
                ("iban", "account_is_card"),
                ("bank_name", "too_long"),
                ("holder_bin", "bin_checksum"),
            ]
        );
        let with = |f: fn(&mut CollectionInput)| {
            let mut i = input();
            f(&mut i);
            errors(&i)
        };
        assert_eq!(
            with(|i| i.end_date = "2026-04-30".into()),
            vec![("end_date", "end_before_start")]
        );
        assert_eq!(
            with(|i| i.target = "0".into()),
            vec![("target", "amount_not_positive")]
        );
        assert_eq!(
            with(|i| i.iban = "KZ87125KZT5004100100".into()),
            vec![("iban", "iban_checksum")]
        );
        assert_eq!(
            with(|i| i.iban = "DE89370400440532013000".into()),
            vec![("iban", "iban_malformed")]
        );
    }
}
