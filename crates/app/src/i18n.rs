//! Translations: Fluent files in `locales/{kk,ru,en}/main.ftl`, compiled into the binary.

use std::borrow::Cow;
use std::collections::HashMap;

use domain::Lang;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use unic_langid::langid;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "kk",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static KK: LanguageIdentifier = langid!("kk");
static RU: LanguageIdentifier = langid!("ru");
static EN: LanguageIdentifier = langid!("en");

fn langid(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Kk => &KK,
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// The message `key` in `lang` (the key itself when missing, which a test forbids).
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES
        .try_lookup(langid(lang), key)
        .unwrap_or_else(|| key.to_owned())
}

/// An argument of a translated message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// A number (plural rules apply).
    Num(i64),
    /// A string.
    Str(String),
}

/// The message `key` in `lang` with arguments.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Arg::Num(n) => FluentValue::from(*n),
                Arg::Str(s) => FluentValue::from(s.clone()),
            };
            (Cow::Owned((*k).to_owned()), value)
        })
        .collect();
    LOCALES
        .try_lookup_with_args(langid(lang), key, &map)
        .unwrap_or_else(|| key.to_owned())
}

/// The translated message for a validation error of the domain.
pub fn invalid(lang: Lang, e: &domain::Invalid) -> String {
    let args: Vec<(&str, Arg)> = e
        .args()
        .into_iter()
        .map(|(k, v)| (k, Arg::Num(v)))
        .collect();
    t_args(lang, e.code(), &args)
}

/// True when `key` exists in `lang` (used by the completeness test).
pub fn has(lang: Lang, key: &str) -> bool {
    // Messages with placeables only format with their arguments: give every known one.
    let args: HashMap<Cow<'static, str>, FluentValue> = [
        "code",
        "matched",
        "wanted",
        "help",
        "place",
        "max",
        "min",
        "age",
        "link",
        "email",
        "n",
        "name",
        "reason",
        "max_kib",
        "max_hours",
        "event",
        "events",
        "start",
        "status",
        "km",
        "tz",
        "time",
        "hours",
        "date",
        "size",
    ]
    .into_iter()
    .map(|k| (Cow::Borrowed(k), FluentValue::from(1)))
    .collect();
    LOCALES
        .try_lookup_with_args(langid(lang), key, &args)
        .is_some()
}

/// A name or title given in up to three languages: the one in `lang`, else the first
/// present (kk, ru, en), else "".
pub fn in_lang(
    lang: Lang,
    kk: &Option<String>,
    ru: &Option<String>,
    en: &Option<String>,
) -> String {
    lang.pick_present(kk.as_deref(), ru.as_deref(), en.as_deref())
        .unwrap_or_default()
        .to_owned()
}
