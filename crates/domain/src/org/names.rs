//! An organization's names in Kazakh, Russian and English, at least one of them, and the one
//! to show in each language.

use serde::{Deserialize, Serialize};

use crate::text::optional_text;
use crate::{Invalid, Lang};

/// Longest accepted organization name, in characters.
pub const MAX_ORG_NAME_CHARS: usize = 200;

/// An organization's names in up to three languages; at least one is present.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OrgNames {
    /// Name in Kazakh.
    pub kk: Option<String>,
    /// Name in Russian.
    pub ru: Option<String>,
    /// Name in English.
    pub en: Option<String>,
}

impl OrgNames {
    /// Parses the three form fields: each optional, trimmed, at most 200 characters, one line.
    ///
    /// Errors are per field (`name_kk`, `name_ru`, `name_en`); when all three are empty, each
    /// field gets [`Invalid::AtLeastOneName`].
    pub fn parse(kk: &str, ru: &str, en: &str) -> Result<OrgNames, Vec<(&'static str, Invalid)>> {
        let mut errors = Vec::new();
        let mut field = |name: &'static str, s: &str| match optional_text(s, MAX_ORG_NAME_CHARS) {
            Ok(v) => v,
            Err(e) => {
                errors.push((name, e));
                None
            }
        };
        let names = OrgNames {
            kk: field("name_kk", kk),
            ru: field("name_ru", ru),
            en: field("name_en", en),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        if names.kk.is_none() && names.ru.is_none() && names.en.is_none() {
            return Err(vec![
                ("name_kk", Invalid::AtLeastOneName),
                ("name_ru", Invalid::AtLeastOneName),
                ("name_en", Invalid::AtLeastOneName),
            ]);
        }
        Ok(names)
    }

    /// The name in `lang`, if given.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Kk => self.kk.as_deref(),
            Lang::Ru => self.ru.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }

    /// The name to show in `lang`: the one in `lang`, else the first given of kk, ru, en
    /// (empty only for a value not built by [`OrgNames::parse`]).
    pub fn display(&self, lang: Lang) -> &str {
        self.get(lang)
            .or(self.kk.as_deref())
            .or(self.ru.as_deref())
            .or(self.en.as_deref())
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_need_at_least_one() {
        let all_empty = vec![
            ("name_kk", Invalid::AtLeastOneName),
            ("name_ru", Invalid::AtLeastOneName),
            ("name_en", Invalid::AtLeastOneName),
        ];
        assert_eq!(OrgNames::parse("", "", ""), Err(all_empty.clone()));
        assert_eq!(OrgNames::parse(" ", "\t", "  "), Err(all_empty));
        let names = OrgNames::parse("", " Помощь рядом ", "").unwrap();
        assert_eq!(names.kk, None);
        assert_eq!(names.ru.as_deref(), Some("Помощь рядом"));
        assert_eq!(names.en, None);
        assert_eq!(names.display(Lang::Kk), "Помощь рядом");
        assert_eq!(names.display(Lang::En), "Помощь рядом");
        assert_eq!(names.get(Lang::Kk), None);
    }

    #[test]
    fn names_display_falls_back_in_order() {
        let all = OrgNames::parse("Көмек", "Помощь", "Help").unwrap();
        assert_eq!(all.display(Lang::Kk), "Көмек");
        assert_eq!(all.display(Lang::Ru), "Помощь");
        assert_eq!(all.display(Lang::En), "Help");
        let ru_en = OrgNames::parse("", "Помощь", "Help").unwrap();
        assert_eq!(ru_en.display(Lang::Kk), "Помощь");
        assert_eq!(ru_en.display(Lang::En), "Help");
        let en = OrgNames::parse("", "", "Help").unwrap();
        assert_eq!(en.display(Lang::Kk), "Help");
        assert_eq!(en.display(Lang::Ru), "Help");
        let kk_en = OrgNames::parse("Көмек", "", "Help").unwrap();
        assert_eq!(kk_en.display(Lang::Ru), "Көмек");
        let none = OrgNames {
            kk: None,
            ru: None,
            en: None,
        };
        assert_eq!(none.display(Lang::Kk), "");
    }

    #[test]
    fn names_field_errors() {
        assert_eq!(
            OrgNames::parse(&"ә".repeat(201), "Помощь", "a\u{7}b"),
            Err(vec![
                ("name_kk", Invalid::TooLong { max: 200 }),
                ("name_en", Invalid::NameMalformed),
            ])
        );
        assert_eq!(
            OrgNames::parse("", "Помощь\nрядом", ""),
            Err(vec![("name_ru", Invalid::NameMalformed)])
        );
        assert!(OrgNames::parse(&"ә".repeat(200), "", "").is_ok());
    }
}
