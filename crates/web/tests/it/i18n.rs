//! Every visible string is translated: the same keys in kk, ru and en, and every key the
//! code and templates use exists.

use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .parent()
        .unwrap()
}

fn keys(lang: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("locales").join(lang).join("main.ftl")).unwrap();
    text.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
        .collect()
}

/// Snake_case string literals in the web sources, and `t("...")`-like calls in templates:
/// everything that can reach a page or an error as a message key.
fn used_keys() -> BTreeSet<String> {
    // Literals that are not message keys: field and cookie names, role codes, serde helpers.
    const NOT_KEYS: &[&str] = &[
        "taza_alem",
        "emergency_call",
        "help_offered",
        "help_reason_",
        "in_progress",
        "radius_km",
        "duplicate_of",
        "help_type",
        "preferred_from",
        "preferred_to",
        "already_registered",
        "change_email",
        "birth_date",
        "display_name",
        "first_name",
        "last_name",
        "preferred_lang",
        "national_admin",
        "regional_coordinator",
        "erikti_csrf",
        "erikti_flash",
        "erikti_lang",
        "erikti_session",
        "default_smtp_port",
        "default_smtp_security",
        "ek_",
        "contact_email",
        "contact_phone",
        "description_en",
        "description_kk",
        "description_ru",
        "initiative_group",
        "max_kib",
        "max_hours",
        "ends_at",
        "first_come",
        "min_age",
        "name_",
        "starts_at",
        "title_",
        "title_kk",
        "ends_on",
        "starts_on",
        "project_id",
        "title_ru",
        "title_en",
        "check_in",
        "check_out",
        "no_show",
        "checked_in",
        "check_in_v1",
        "contact_name",
        "date_from",
        "date_to",
        "start_time",
        "end_time",
        "time_zone",
        "parent_name",
        "parent_contact",
        "consent_date",
        "application_received",
        "consent_recorded",
        "event_cancelled",
        "pending_reminder",
        "shift_reminder",
        "hours_confirmed",
        "hours_rejected",
        "hours_reversed",
        "organization_id",
        "help_request",
        "name_en",
        "name_kk",
        "name_ru",
        "object_type",
        "org_owner",
        "org_restored",
        "org_suspended",
        "request_changes",
        "activity_type",
        "organization_id",
        "under_review",
        "activity_types",
        "beneficiary_categories",
        "erikti_db_pool_connections",
        "erikti_http_request_duration_seconds",
        "erikti_http_requests_total",
        "erikti_ledger_verified_size",
        "erikti_ledger_tamper_alarm",
        "in_use",
        "with_none",
        "no_proof",
        // Charity: form and notification field names, serde's renaming.
        "bank_name",
        "box_location",
        "box_number",
        "checkout_url",
        "collection_id",
        "donor_email",
        "donor_name",
        "end_date",
        "holder_bin",
        "in_kind",
        "payee_organization",
        "payment_id",
        "public_name",
        "purpose_en",
        "purpose_kk",
        "purpose_ru",
        "return_url",
        "snake_case",
        "spent_on",
        "start_date",
        "donation_receipt",
        // Gifts in kind and the closing report: field names.
        "remainder_use",
        "remainder_text",
    ];
    let mut used = BTreeSet::new();
    let mut dirs: Vec<std::path::PathBuf> =
        ["crates/web/templates", "crates/web/src", "crates/app/src"]
            .iter()
            .map(|d| root().join(d))
            .collect();
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            for literal in text.split('"').skip(1).step_by(2) {
                let snake = literal.contains('_')
                    && !literal.starts_with('_')
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if snake && !NOT_KEYS.contains(&literal) {
                    used.insert(literal.to_owned());
                }
            }
        }
    }
    used
}

#[test]
fn every_locale_has_the_same_keys() {
    let en = keys("en");
    assert!(en.len() > 100);
    for lang in ["kk", "ru"] {
        let other = keys(lang);
        let missing: Vec<_> = en.difference(&other).collect();
        let extra: Vec<_> = other.difference(&en).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}: missing {missing:?}, extra {extra:?}"
        );
    }
}

#[test]
fn every_key_used_by_code_and_templates_exists_in_every_language() {
    let used = used_keys();
    assert!(
        used.contains("home_title") && used.contains("nav_logout"),
        "{used:?}"
    );
    let mut missing = Vec::new();
    for lang in domain::Lang::ALL {
        for key in &used {
            // `field_*` keys are built from field names; check those below.
            if !app::i18n::has(lang, key) && !key.starts_with("mail_") {
                missing.push(format!("{}:{key}", lang.code()));
            }
        }
        for kind in [
            "confirm",
            "already_registered",
            "reset",
            "change_email",
            "org_verify",
            "org_reject",
            "org_request_changes",
            "org_suspended",
            "org_restored",
            "invitation",
            "donation_receipt",
        ] {
            for part in ["subject", "body"] {
                let k = format!("mail_{kind}_{part}");
                assert!(app::i18n::has(lang, &k), "{}:{k}", lang.code());
            }
        }
        for f in [
            "name",
            "email",
            "password",
            "display_name",
            "first_name",
            "last_name",
            "patronymic",
            "iin",
            "birth_date",
            "phone",
            "region",
            "locality",
            "languages",
            "skills",
            "directions",
            "availability",
        ] {
            assert!(
                app::i18n::has(lang, &format!("field_{f}")),
                "{}:field_{f}",
                lang.code()
            );
        }
    }
    for lang in domain::Lang::ALL {
        for d in ["pending", "sent", "logged", "failed"] {
            assert!(
                app::i18n::has(lang, &format!("delivery_{d}")),
                "{}:delivery_{d}",
                lang.code()
            );
        }
    }
    assert!(missing.is_empty(), "missing translations: {missing:?}");
}

#[test]
fn every_validation_code_of_the_domain_is_translated() {
    use domain::Invalid::*;
    let all = [
        Required,
        TooLong { max: 5 },
        TooShort { min: 2 },
        EmailMalformed,
        PasswordTooShort { min: 10 },
        PasswordTooLong { max: 128 },
        PasswordTooCommon,
        PasswordSameAsEmail,
        IinMalformed,
        IinChecksum,
        IinBirthDateMismatch,
        PhoneMalformed,
        DateMalformed,
        DateInFuture,
        DateTooOld,
        NameMalformed,
        RegionUnknown,
        ChoiceUnknown,
        BinMalformed,
        BinChecksum,
        UrlMalformed,
        NumberOutOfRange { min: 1, max: 9 },
        ImageUnsupported,
        ImageTooLarge { max_kib: 512 },
        AtLeastOneName,
        ReasonRequired,
        EndBeforeStart,
        InPast,
        TooLongSpan { max_hours: 24 },
        QuantityMalformed,
        TooManyFiles { max: 5 },
    ];
    for lang in domain::Lang::ALL {
        for e in &all {
            assert!(
                app::i18n::has(lang, e.code()),
                "{}:{}",
                lang.code(),
                e.code()
            );
            let text = app::i18n::invalid(lang, e);
            for (_, n) in e.args() {
                assert!(text.contains(&n.to_string()), "{}: {text}", e.code());
            }
        }
    }
    for code in [
        "org_not_verified",
        "age_unknown",
        "below_min_age",
        "minor_activity_type",
        "minor_hazardous",
        "event_not_open",
        "overlapping_shift",
        "shift_full",
        "not_cancellable",
        "already_applied",
        "not_found",
        "forbidden",
        "unauthenticated",
        "csrf_failed",
        "rate_limited",
        "unavailable",
        "validation_failed",
        "invalid_json",
        "invalid_json_shape",
        "unsupported_media_type",
        "payload_too_large",
        "login_failed",
        "login_unconfirmed",
        "link_invalid",
        "email_taken",
        "iin_taken",
        "email_unchanged",
    ] {
        for lang in domain::Lang::ALL {
            assert!(app::i18n::has(lang, code), "{}:{code}", lang.code());
        }
    }
}

#[test]
fn plurals_and_numbers_follow_each_language() {
    use app::i18n::{Arg, t_args};
    use domain::Lang;
    assert_eq!(
        t_args(Lang::Ru, "profile_age", &[("age", Arg::Num(21))]),
        "21 год"
    );
    assert_eq!(
        t_args(Lang::Ru, "profile_age", &[("age", Arg::Num(23))]),
        "23 года"
    );
    assert_eq!(
        t_args(Lang::Ru, "profile_age", &[("age", Arg::Num(25))]),
        "25 лет"
    );
    assert_eq!(
        t_args(Lang::En, "profile_age", &[("age", Arg::Num(1))]),
        "1 year old"
    );
    assert_eq!(domain::format_number(300_000, Lang::Kk), "300\u{a0}000");
    assert_eq!(domain::format_number(300_000, Lang::En), "300,000");
}

#[test]
fn every_flash_a_handler_sets_is_shown() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    let mut seen = 0;
    for entry in walk(&dir) {
        let text = std::fs::read_to_string(&entry).unwrap();
        for part in text.split("\"flash_").skip(1) {
            let key = format!("flash_{}", part.split('"').next().unwrap());
            seen += 1;
            if !web::ctx::FLASH_KEYS.contains(&key.as_str()) {
                missing.push(format!("{}: {key}", entry.display()));
            }
        }
    }
    assert!(seen > 10);
    assert!(missing.is_empty(), "set but never shown: {missing:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}
