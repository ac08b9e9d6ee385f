//! The three interface languages and their negotiation.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An interface language. Kazakh is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh (Cyrillic).
    #[default]
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl Lang {
    /// Every language, Kazakh first.
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The BCP 47 primary language subtag: `kk`, `ru`, `en`.
    pub fn code(&self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// Parses a language tag case-insensitively: `kk`, `kk-KZ`, `kk_Cyrl_KZ`, `kz`, `ru-RU`, `en-US`.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "kk" | "kz" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's name in itself, for the language switcher.
    pub fn native_name(&self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    /// The text in this language when present, else the first present in kk, ru, en order
    /// (names and titles given in up to three languages).
    pub fn pick_present<'a>(
        &self,
        kk: Option<&'a str>,
        ru: Option<&'a str>,
        en: Option<&'a str>,
    ) -> Option<&'a str> {
        let own = match self {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        };
        own.or(kk).or(ru).or(en)
    }

    /// Chooses the text for this language.
    pub fn pick<'a>(&self, kk: &'a str, ru: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Parses one `Accept-Language` entry (`ru-RU;q=0.8`) into a language and its weight.
fn accept_entry(entry: &str) -> Option<(Lang, f32)> {
    let mut parts = entry.split(';');
    let lang = Lang::parse(parts.next()?)?;
    let mut q = 1.0_f32;
    for param in parts {
        if let Some((key, value)) = param.split_once('=')
            && key.trim().eq_ignore_ascii_case("q")
        {
            q = value
                .trim()
                .parse()
                .ok()
                .filter(|q: &f32| (0.0..=1.0).contains(q))?;
        }
    }
    Some((lang, q))
}

/// The language for a request: a valid cookie wins, then the best `Accept-Language` match
/// among kk/ru/en (highest q, earlier on ties, q=0 excluded), then Kazakh.
pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
    if let Some(lang) = cookie.and_then(Lang::parse) {
        return lang;
    }
    let mut best: Option<(Lang, f32)> = None;
    for (lang, q) in accept_language
        .unwrap_or("")
        .split(',')
        .filter_map(accept_entry)
    {
        if q > 0.0 && best.is_none_or(|(_, best_q)| q > best_q) {
            best = Some((lang, q));
        }
    }
    best.map_or(Lang::default(), |(lang, _)| lang)
}

#[cfg(test)]
mod tests {
    #[test]
    fn pick_present_falls_back_in_order() {
        use super::Lang;
        assert_eq!(Lang::En.pick_present(Some("а"), Some("б"), None), Some("а"));
        assert_eq!(Lang::Ru.pick_present(Some("а"), Some("б"), None), Some("б"));
        assert_eq!(Lang::Kk.pick_present(None, None, Some("c")), Some("c"));
        assert_eq!(Lang::Kk.pick_present(None, None, None), None);
    }

    use super::*;

    #[test]
    fn codes_and_names() {
        assert_eq!(Lang::ALL, [Lang::Kk, Lang::Ru, Lang::En]);
        assert_eq!(Lang::ALL.map(|l| l.code()), ["kk", "ru", "en"]);
        assert_eq!(
            Lang::ALL.map(|l| l.native_name()),
            ["Қазақша", "Русский", "English"]
        );
        assert_eq!(Lang::default(), Lang::Kk);
        assert_eq!(Lang::Ru.to_string(), "ru");
        assert_eq!(Lang::En.pick("сәлем", "привет", "hello"), "hello");
        assert_eq!(Lang::Kk.pick("сәлем", "привет", "hello"), "сәлем");
    }

    #[test]
    fn parse_tags() {
        for (tag, lang) in [
            ("kk", Lang::Kk),
            ("KK", Lang::Kk),
            ("kk-KZ", Lang::Kk),
            ("kk_Cyrl_KZ", Lang::Kk),
            ("kz", Lang::Kk),
            ("ru", Lang::Ru),
            ("ru-RU", Lang::Ru),
            ("ru-kz", Lang::Ru),
            (" en-US ", Lang::En),
            ("en-GB", Lang::En),
        ] {
            assert_eq!(Lang::parse(tag), Some(lang), "{tag}");
        }
        for tag in ["", "de", "english", "k", "*", "uz-UZ"] {
            assert_eq!(Lang::parse(tag), None, "{tag}");
        }
    }

    #[test]
    fn negotiation() {
        assert_eq!(negotiate(None, None), Lang::Kk);
        assert_eq!(negotiate(Some("en"), Some("ru")), Lang::En);
        assert_eq!(negotiate(Some("xx"), Some("ru-RU,ru;q=0.9")), Lang::Ru);
        assert_eq!(
            negotiate(None, Some("de-DE,de;q=0.9,en;q=0.8,ru;q=0.7")),
            Lang::En
        );
        assert_eq!(negotiate(None, Some("ru;q=0.5, en;q=0.9")), Lang::En);
        assert_eq!(negotiate(None, Some("en;q=0.5, ru;q=0.5")), Lang::En);
        assert_eq!(negotiate(None, Some("en;q=0, ru;q=0.1")), Lang::Ru);
        assert_eq!(negotiate(None, Some("en;q=0")), Lang::Kk);
        assert_eq!(negotiate(None, Some("de, fr;q=0.8, *;q=0.5")), Lang::Kk);
        assert_eq!(negotiate(None, Some("en;q=abc, ru;q=0.3")), Lang::Ru);
        assert_eq!(negotiate(None, Some("kk-KZ, ru;q=0.9")), Lang::Kk);
        assert_eq!(negotiate(None, Some("")), Lang::Kk);
    }
}
