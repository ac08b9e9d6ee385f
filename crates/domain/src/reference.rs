//! Reference data shipped as defaults: directions, the law's activity types, beneficiary categories.

use crate::Lang;

/// A coded item of reference data with names in the three languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefItem {
    /// Stable code (stored, used in URLs and forms).
    pub code: &'static str,
    /// Code of the parent item (for directions: the programme), if any.
    pub parent: Option<&'static str>,
    /// Kazakh name.
    pub kk: &'static str,
    /// Russian name.
    pub ru: &'static str,
    /// English name.
    pub en: &'static str,
}

impl RefItem {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.kk, self.ru, self.en)
    }
}

const fn item(
    code: &'static str,
    parent: Option<&'static str>,
    kk: &'static str,
    ru: &'static str,
    en: &'static str,
) -> RefItem {
    RefItem {
        code,
        parent,
        kk,
        ru,
        en,
    }
}

/// Directions, two levels: programmes (no parent) and their directions.
pub const DIRECTIONS: &[RefItem] = &[
    item(
        "apk",
        None,
        "Қазақстан халқы Ассамблеясы",
        "Ассамблея народа Казахстана",
        "Assembly of People of Kazakhstan",
    ),
    item(
        "birlik",
        Some("apk"),
        "Бірлік — әлеуметтік бағыт",
        "Бірлік — социальное направление",
        "Birlik — social",
    ),
    item(
        "bilim",
        Some("apk"),
        "Білім — білім беру бағыты",
        "Білім — образовательное направление",
        "Bilim — education",
    ),
    item(
        "tarbie",
        Some("apk"),
        "Тәрбие — спорттық-патриоттық бағыт",
        "Тәрбие — спортивно-патриотическое направление",
        "Tarbie — sport and patriotic",
    ),
    item(
        "kelisim",
        Some("apk"),
        "Келісім — медиация бағыты",
        "Келісім — медиация",
        "Kelisim — mediation",
    ),
    item(
        "front_office",
        None,
        "Ұлттық фронт-офис бағыттары",
        "Направления национального фронт-офиса",
        "National front-office sectors",
    ),
    item(
        "fo_bilim",
        Some("front_office"),
        "Bilim — білім беру",
        "Bilim — образование",
        "Bilim — education",
    ),
    item(
        "qamqor",
        Some("front_office"),
        "Qamqor — қамқорлық",
        "Qamqor — забота",
        "Qamqor — care",
    ),
    item(
        "umit",
        Some("front_office"),
        "Úmit — балаларға қолдау",
        "Úmit — надежда: дети",
        "Úmit — hope: children",
    ),
    item(
        "sabaqtastyq",
        Some("front_office"),
        "Sabaqtastyq — аға буын және мұра",
        "Sabaqtastyq — преемственность: старшее поколение и наследие",
        "Sabaqtastyq — continuity: seniors and heritage",
    ),
    item(
        "taza_alem",
        Some("front_office"),
        "Taza Álem — экология",
        "Taza Álem — экология",
        "Taza Álem — ecology",
    ),
    item(
        "saulyq",
        Some("front_office"),
        "Saúlyq — денсаулық",
        "Saúlyq — здоровье",
        "Saúlyq — health",
    ),
    item(
        "asyl_mura",
        Some("front_office"),
        "Asyl Mura — мәдениет және мұра",
        "Asyl Mura — культура и наследие",
        "Asyl Mura — culture and heritage",
    ),
];

/// A type of volunteer activity as listed in the law on volunteer activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActivityType {
    /// Stable code.
    pub code: &'static str,
    /// Its number in the law's list (1..=7).
    pub law_number: u8,
    /// Closed to volunteers under 18 (types 3 and 4).
    pub adults_only: bool,
    /// Kazakh name.
    pub kk: &'static str,
    /// Russian name.
    pub ru: &'static str,
    /// English name.
    pub en: &'static str,
}

impl ActivityType {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.kk, self.ru, self.en)
    }

    /// Whether a volunteer of `age` full years may take part.
    pub fn allows_age(&self, age: u32) -> bool {
        !self.adults_only || age >= crate::ADULT_AGE
    }
}

/// The seven activity types of the law, in the law's order.
pub const ACTIVITY_TYPES: &[ActivityType] = &[
    ActivityType {
        code: "social_help",
        law_number: 1,
        adults_only: false,
        kk: "Әлеуметтік осал топтарға және қиын өмірлік жағдайдағы балаларға әлеуметтік көмек",
        ru: "Социальная помощь социально уязвимым слоям населения и детям в трудной жизненной ситуации",
        en: "Social help to vulnerable people and children in hardship",
    },
    ActivityType {
        code: "social_services",
        law_number: 2,
        adults_only: false,
        kk: "Қарттарға, мүгедектігі бар адамдарға, жетім балаларға әлеуметтік қызмет көрсету, қолжетімді орта",
        ru: "Социальное обслуживание пожилых людей, лиц с инвалидностью, детей-сирот; доступная среда",
        en: "Social services for elderly and disabled people and orphans; accessibility",
    },
    ActivityType {
        code: "victims_help",
        law_number: 3,
        adults_only: true,
        kk: "Табиғи апаттардан, қақтығыстардан, жазатайым оқиғалардан, қылмыстардан зардап шеккендерге және босқындарға көмек",
        ru: "Помощь пострадавшим от стихийных бедствий, конфликтов, несчастных случаев, преступлений, беженцам",
        en: "Help to victims of disasters, conflicts, accidents and crimes, and to refugees",
    },
    ActivityType {
        code: "emergencies",
        law_number: 4,
        adults_only: true,
        kk: "Төтенше жағдайлардың алдын алуда және оларды жоюда мемлекеттік органдарға көмек",
        ru: "Содействие государственным органам в предупреждении и ликвидации чрезвычайных ситуаций",
        en: "Help to state bodies in preventing and clearing up emergencies",
    },
    ActivityType {
        code: "search_missing",
        law_number: 5,
        adults_only: false,
        kk: "Хабар-ошарсыз кеткен адамдарды іздеу",
        ru: "Поиск пропавших без вести людей",
        en: "Search for missing people",
    },
    ActivityType {
        code: "environment",
        law_number: 6,
        adults_only: false,
        kk: "Қоршаған ортаны қорғау және абаттандыру",
        ru: "Охрана окружающей среды и благоустройство",
        en: "Environment and landscaping",
    },
    ActivityType {
        code: "other_useful",
        law_number: 7,
        adults_only: false,
        kk: "Өзге де қоғамдық пайдалы қызмет (мәдениет, спорт, іс-шаралар, білім беру, кибер-волонтерлік)",
        ru: "Иная общественно полезная деятельность (культура, спорт, мероприятия, образование, кибер-волонтёрство)",
        en: "Other socially useful activity (culture, sport, events, education, cyber-volunteering)",
    },
];

/// Categories of people who receive help.
pub const BENEFICIARY_CATEGORIES: &[RefItem] = &[
    item(
        "elderly",
        None,
        "Қарт адамдар",
        "Пожилые люди",
        "Elderly people",
    ),
    item(
        "disabled",
        None,
        "Мүгедектігі бар адамдар",
        "Люди с инвалидностью",
        "People with disabilities",
    ),
    item(
        "orphans",
        None,
        "Жетім балалар және қиын жағдайдағы балалар",
        "Дети-сироты и дети в трудной жизненной ситуации",
        "Orphans and children in hardship",
    ),
    item(
        "lonely",
        None,
        "Жалғыз тұратын адамдар",
        "Одинокие люди",
        "Lonely people",
    ),
    item(
        "homeless",
        None,
        "Баспанасыз адамдар",
        "Бездомные люди",
        "Homeless people",
    ),
    item(
        "large_families",
        None,
        "Көпбалалы отбасылар",
        "Многодетные семьи",
        "Large families",
    ),
    item(
        "emergency_victims",
        None,
        "Төтенше жағдайлардан зардап шеккендер",
        "Пострадавшие от чрезвычайных ситуаций",
        "Victims of emergencies",
    ),
    item("other", None, "Басқалар", "Другие", "Other"),
];

/// The direction or programme with this code.
pub fn direction(code: &str) -> Option<&'static RefItem> {
    DIRECTIONS.iter().find(|d| d.code == code)
}

/// Programmes: the top level of [`DIRECTIONS`].
pub fn programmes() -> impl Iterator<Item = &'static RefItem> {
    DIRECTIONS.iter().filter(|d| d.parent.is_none())
}

/// The directions of one programme.
pub fn directions_of(programme: &str) -> impl Iterator<Item = &'static RefItem> + '_ {
    DIRECTIONS
        .iter()
        .filter(move |d| d.parent == Some(programme))
}

/// The activity type with this code.
pub fn activity_type(code: &str) -> Option<&'static ActivityType> {
    ACTIVITY_TYPES.iter().find(|a| a.code == code)
}

/// The activity type with this number in the law (1..=7).
pub fn activity_type_by_number(law_number: u8) -> Option<&'static ActivityType> {
    ACTIVITY_TYPES.iter().find(|a| a.law_number == law_number)
}

/// The beneficiary category with this code.
pub fn beneficiary_category(code: &str) -> Option<&'static RefItem> {
    BENEFICIARY_CATEGORIES.iter().find(|b| b.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn assert_named(kk: &str, ru: &str, en: &str) {
        assert!(!kk.is_empty() && !ru.is_empty() && !en.is_empty());
    }

    #[test]
    fn directions_two_levels() {
        let codes: HashSet<_> = DIRECTIONS.iter().map(|d| d.code).collect();
        assert_eq!(codes.len(), DIRECTIONS.len(), "codes are unique");
        let progs: Vec<_> = programmes().map(|p| p.code).collect();
        assert_eq!(progs, ["apk", "front_office"]);
        let apk: Vec<_> = directions_of("apk").map(|d| d.code).collect();
        assert_eq!(apk, ["birlik", "bilim", "tarbie", "kelisim"]);
        assert_eq!(directions_of("front_office").count(), 7);
        for d in DIRECTIONS {
            assert_named(d.kk, d.ru, d.en);
            if let Some(parent) = d.parent {
                assert!(
                    direction(parent).is_some_and(|p| p.parent.is_none()),
                    "{}",
                    d.code
                );
            }
        }
        assert_eq!(
            direction("birlik").unwrap().name(Lang::En),
            "Birlik — social"
        );
        assert_eq!(
            direction("birlik").unwrap().name(Lang::Kk),
            "Бірлік — әлеуметтік бағыт"
        );
        assert!(direction("nope").is_none());
    }

    #[test]
    fn activity_types_of_the_law() {
        assert_eq!(ACTIVITY_TYPES.len(), 7);
        for (i, a) in ACTIVITY_TYPES.iter().enumerate() {
            assert_eq!(usize::from(a.law_number), i + 1);
            assert_eq!(a.adults_only, matches!(a.law_number, 3 | 4), "{}", a.code);
            assert_named(a.kk, a.ru, a.en);
            assert_eq!(activity_type(a.code), Some(a));
            assert_eq!(activity_type_by_number(a.law_number), Some(a));
        }
        let emergencies = activity_type("emergencies").unwrap();
        assert!(!emergencies.allows_age(17));
        assert!(emergencies.allows_age(18));
        assert!(activity_type("environment").unwrap().allows_age(14));
        assert!(activity_type_by_number(8).is_none());
    }

    #[test]
    fn beneficiary_categories() {
        let codes: Vec<_> = BENEFICIARY_CATEGORIES.iter().map(|b| b.code).collect();
        assert_eq!(
            codes,
            [
                "elderly",
                "disabled",
                "orphans",
                "lonely",
                "homeless",
                "large_families",
                "emergency_victims",
                "other"
            ]
        );
        for b in BENEFICIARY_CATEGORIES {
            assert_named(b.kk, b.ru, b.en);
        }
        assert_eq!(
            beneficiary_category("elderly").unwrap().name(Lang::Ru),
            "Пожилые люди"
        );
    }
}
