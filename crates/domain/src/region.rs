//! The 20 regions of Kazakhstan (17 oblasts and 3 cities of republican significance).

use serde::{Deserialize, Serialize};

use crate::values::text_value;
use crate::{Invalid, Lang};

/// The ISO 3166-2 codes of all regions.
pub const REGION_CODES: [&str; 20] = [
    "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
    "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79",
];

/// A region's names (as in `data/regions.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionInfo {
    /// ISO 3166-2 code.
    pub code: &'static str,
    /// KATO prefix (first two digits of the classifier of administrative units).
    pub kato: &'static str,
    /// Whether this is a city of republican significance rather than an oblast.
    pub is_city: bool,
    /// Kazakh name.
    pub kk: &'static str,
    /// Russian name.
    pub ru: &'static str,
    /// English name.
    pub en: &'static str,
}

macro_rules! region {
    ($code:literal, $kato:literal, $city:literal, $kk:literal, $ru:literal, $en:literal) => {
        RegionInfo {
            code: $code,
            kato: $kato,
            is_city: $city,
            kk: $kk,
            ru: $ru,
            en: $en,
        }
    };
}

/// All regions with their names, in the order of [`REGION_CODES`].
pub const REGIONS: [RegionInfo; 20] = [
    region!(
        "KZ-10",
        "10",
        false,
        "Абай облысы",
        "Абайская область",
        "Abai Region"
    ),
    region!(
        "KZ-11",
        "11",
        false,
        "Ақмола облысы",
        "Акмолинская область",
        "Akmola Region"
    ),
    region!(
        "KZ-15",
        "15",
        false,
        "Ақтөбе облысы",
        "Актюбинская область",
        "Aktobe Region"
    ),
    region!(
        "KZ-19",
        "19",
        false,
        "Алматы облысы",
        "Алматинская область",
        "Almaty Region"
    ),
    region!(
        "KZ-23",
        "23",
        false,
        "Атырау облысы",
        "Атырауская область",
        "Atyrau Region"
    ),
    region!(
        "KZ-27",
        "27",
        false,
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region"
    ),
    region!(
        "KZ-31",
        "31",
        false,
        "Жамбыл облысы",
        "Жамбылская область",
        "Zhambyl Region"
    ),
    region!(
        "KZ-33",
        "33",
        false,
        "Жетісу облысы",
        "Область Жетісу",
        "Jetisu Region"
    ),
    region!(
        "KZ-35",
        "35",
        false,
        "Қарағанды облысы",
        "Карагандинская область",
        "Karaganda Region"
    ),
    region!(
        "KZ-39",
        "39",
        false,
        "Қостанай облысы",
        "Костанайская область",
        "Kostanay Region"
    ),
    region!(
        "KZ-43",
        "43",
        false,
        "Қызылорда облысы",
        "Кызылординская область",
        "Kyzylorda Region"
    ),
    region!(
        "KZ-47",
        "47",
        false,
        "Маңғыстау облысы",
        "Мангистауская область",
        "Mangystau Region"
    ),
    region!(
        "KZ-55",
        "55",
        false,
        "Павлодар облысы",
        "Павлодарская область",
        "Pavlodar Region"
    ),
    region!(
        "KZ-59",
        "59",
        false,
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region"
    ),
    region!(
        "KZ-61",
        "61",
        false,
        "Түркістан облысы",
        "Туркестанская область",
        "Turkistan Region"
    ),
    region!(
        "KZ-62",
        "62",
        false,
        "Ұлытау облысы",
        "Область Ұлытау",
        "Ulytau Region"
    ),
    region!(
        "KZ-63",
        "63",
        false,
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region"
    ),
    region!("KZ-71", "71", true, "Астана", "Астана", "Astana"),
    region!("KZ-75", "75", true, "Алматы", "Алматы", "Almaty"),
    region!("KZ-79", "79", true, "Шымкент", "Шымкент", "Shymkent"),
];

/// One of the 20 region codes (`KZ-55`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

impl RegionCode {
    /// Parses an ISO 3166-2 code of a Kazakh region (trimmed, case-insensitive).
    pub fn parse(s: &str) -> Result<RegionCode, Invalid> {
        let t = s.trim();
        if t.is_empty() {
            return Err(Invalid::Required);
        }
        REGION_CODES
            .iter()
            .find(|code| code.eq_ignore_ascii_case(t))
            .map(|code| RegionCode((*code).to_owned()))
            .ok_or(Invalid::RegionUnknown)
    }

    /// All 20 regions.
    pub fn all() -> Vec<RegionCode> {
        REGION_CODES
            .iter()
            .map(|c| RegionCode((*c).to_owned()))
            .collect()
    }

    /// The ISO code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The region's names.
    pub fn info(&self) -> &'static RegionInfo {
        REGIONS
            .iter()
            .find(|r| r.code == self.0)
            .expect("a parsed region code is in REGIONS")
    }

    /// The region's name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        let info = self.info();
        lang.pick(info.kk, info.ru, info.en)
    }
}

text_value!(RegionCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_codes_parse_and_have_names() {
        assert_eq!(RegionCode::all().len(), 20);
        for (code, info) in REGION_CODES.iter().zip(REGIONS.iter()) {
            assert_eq!(*code, info.code);
            assert_eq!(&code[3..], info.kato);
            let r = RegionCode::parse(code).unwrap();
            assert_eq!(r.as_str(), *code);
            assert_eq!(r.to_string(), *code);
            assert!(!r.name(Lang::Kk).is_empty());
        }
        assert_eq!(REGIONS.iter().filter(|r| r.is_city).count(), 3);
    }

    #[test]
    fn normalises_case_and_space() {
        assert_eq!(RegionCode::parse(" kz-55 ").unwrap().as_str(), "KZ-55");
        assert_eq!(RegionCode::parse("KZ-75").unwrap().name(Lang::Ru), "Алматы");
        assert_eq!(
            RegionCode::parse("KZ-55").unwrap().name(Lang::En),
            "Pavlodar Region"
        );
    }

    #[test]
    fn unknown_and_empty() {
        assert_eq!(RegionCode::parse(""), Err(Invalid::Required));
        for bad in ["KZ-12", "KZ-AST", "55", "KZ55", "RU-MOW", "KZ-555"] {
            assert_eq!(RegionCode::parse(bad), Err(Invalid::RegionUnknown), "{bad}");
        }
    }

    #[test]
    fn string_conversions() {
        let r = RegionCode::try_from("KZ-71".to_owned()).unwrap();
        assert_eq!(String::from(r.clone()), "KZ-71");
        assert_eq!("kz-71".parse::<RegionCode>(), Ok(r));
    }
}
