//! Free text and personal names.

use serde::{Deserialize, Serialize};

use crate::Invalid;
use crate::values::text_value;

/// Longest accepted person name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

fn check_single_line(s: &str, max_chars: usize) -> Result<(), Invalid> {
    if s.chars().count() > max_chars {
        return Err(Invalid::TooLong { max: max_chars });
    }
    if s.chars().any(char::is_control) {
        return Err(Invalid::NameMalformed);
    }
    Ok(())
}

/// A trimmed single-line text of at most `max_chars` characters, without control characters.
pub fn required_text(s: &str, max_chars: usize) -> Result<String, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Invalid::Required);
    }
    check_single_line(t, max_chars)?;
    Ok(t.to_owned())
}

/// Like [`required_text`], but an empty (or all-blank) value is `None`.
pub fn optional_text(s: &str, max_chars: usize) -> Result<Option<String>, Invalid> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    required_text(s, max_chars).map(Some)
}

/// A trimmed multi-line text (line breaks and tabs allowed, CRLF becomes LF) of at most `max_chars`.
pub fn required_multiline_text(s: &str, max_chars: usize) -> Result<String, Invalid> {
    let t = s.trim().replace("\r\n", "\n");
    if t.is_empty() {
        return Err(Invalid::Required);
    }
    if t.chars().count() > max_chars {
        return Err(Invalid::TooLong { max: max_chars });
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Invalid::NameMalformed);
    }
    Ok(t)
}

/// Like [`required_multiline_text`], but an empty (or all-blank) value is `None`.
pub fn optional_multiline_text(s: &str, max_chars: usize) -> Result<Option<String>, Invalid> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    required_multiline_text(s, max_chars).map(Some)
}

/// A person's first name, last name or patronymic: letters of any script, spaces, `-`, `'`, `’`, `.`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

/// Combining diacritical marks, so that decomposed Kazakh Latin letters (e.g. `u` + U+0301) pass.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

impl PersonName {
    /// Parses a name: trimmed, runs of spaces collapsed, 1..=100 characters, at least one letter.
    pub fn parse(s: &str) -> Result<PersonName, Invalid> {
        let collapsed = s
            .split(' ')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let t = collapsed.trim();
        if t.is_empty() {
            return Err(Invalid::Required);
        }
        if t.chars().count() > MAX_NAME_CHARS {
            return Err(Invalid::TooLong {
                max: MAX_NAME_CHARS,
            });
        }
        let mut previous_is_letter = false;
        for c in t.chars() {
            let ok = c.is_alphabetic()
                || matches!(c, ' ' | '-' | '\'' | '\u{2019}' | '.')
                || (is_combining_mark(c) && previous_is_letter);
            if !ok {
                return Err(Invalid::NameMalformed);
            }
            previous_is_letter = c.is_alphabetic() || (is_combining_mark(c) && previous_is_letter);
        }
        if !t.chars().any(char::is_alphabetic) {
            return Err(Invalid::NameMalformed);
        }
        Ok(PersonName(t.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_value!(PersonName);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_trims_and_limits() {
        assert_eq!(required_text("  hello ", 10), Ok("hello".to_owned()));
        assert_eq!(required_text("   ", 10), Err(Invalid::Required));
        assert_eq!(required_text("", 10), Err(Invalid::Required));
        assert_eq!(required_text("ққққ", 4), Ok("ққққ".to_owned()));
        assert_eq!(required_text("ққққә", 4), Err(Invalid::TooLong { max: 4 }));
        assert_eq!(required_text("a\u{0}b", 10), Err(Invalid::NameMalformed));
        assert_eq!(required_text("a\nb", 10), Err(Invalid::NameMalformed));
    }

    #[test]
    fn optional_text_empty_is_none() {
        assert_eq!(optional_text("  ", 10), Ok(None));
        assert_eq!(optional_text(" x ", 10), Ok(Some("x".to_owned())));
        assert_eq!(optional_text("xxxxx", 3), Err(Invalid::TooLong { max: 3 }));
    }

    #[test]
    fn multiline_text_keeps_line_breaks() {
        assert_eq!(
            required_multiline_text(" a\r\nb\tc ", 10),
            Ok("a\nb\tc".to_owned())
        );
        assert_eq!(
            required_multiline_text("a\u{7}", 10),
            Err(Invalid::NameMalformed)
        );
        assert_eq!(optional_multiline_text("\n\n", 10), Ok(None));
    }

    #[test]
    fn person_names_of_any_script() {
        for ok in [
            "Әсел",
            "Ғалымжан",
            "Қанат",
            "Аңсар",
            "Өмірзақ",
            "Ұлжан",
            "Үмітжан",
            "Һәдия",
            "Іңкәр",
            "Nurlan",
            "Aıgúl",
            "Anne-Marie",
            "O'Brien",
            "D’Artagnan",
            "J. R.",
            "Мария Ивановна",
            "李",
        ] {
            assert_eq!(
                PersonName::parse(ok).map(|n| n.to_string()),
                Ok(ok.to_owned()),
                "{ok}"
            );
        }
    }

    #[test]
    fn person_name_normalises_spaces() {
        assert_eq!(
            PersonName::parse("  Анна   Мария ").unwrap().as_str(),
            "Анна Мария"
        );
    }

    #[test]
    fn person_name_accepts_decomposed_diacritics() {
        assert!(PersonName::parse("Au\u{0301}lie").is_ok());
        assert_eq!(PersonName::parse("\u{0301}a"), Err(Invalid::NameMalformed));
    }

    #[test]
    fn person_name_rejects_other_characters() {
        for bad in ["R2D2", "<script>", "a@b", "Иван_", "a\tb", "--", "..", "😀"] {
            assert_eq!(PersonName::parse(bad), Err(Invalid::NameMalformed), "{bad}");
        }
        assert_eq!(PersonName::parse(" "), Err(Invalid::Required));
        assert_eq!(PersonName::parse(&"а".repeat(100)).map(|_| ()), Ok(()));
        assert_eq!(
            PersonName::parse(&"а".repeat(101)),
            Err(Invalid::TooLong { max: 100 })
        );
    }

    #[test]
    fn person_name_string_conversions() {
        let n = PersonName::try_from("Әсел".to_owned()).unwrap();
        assert_eq!(String::from(n.clone()), "Әсел");
        assert_eq!(n.as_ref(), "Әсел");
        assert!(PersonName::try_from("1".to_owned()).is_err());
    }
}
