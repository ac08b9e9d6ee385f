//! What a help request asks for: the kind of help and how soon.

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// The kind of help asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HelpType {
    /// Bringing food or medicine.
    Delivery,
    /// Help at home (cleaning, small repairs, company).
    HomeHelp,
    /// Going along to a clinic, an office, a walk.
    Accompaniment,
    /// Advice by phone or video; no visit.
    OnlineConsultation,
    /// Anything else (treated as a home visit).
    Other,
}

impl HelpType {
    /// Every kind, in form order.
    pub const ALL: [HelpType; 5] = [
        HelpType::Delivery,
        HelpType::HomeHelp,
        HelpType::Accompaniment,
        HelpType::OnlineConsultation,
        HelpType::Other,
    ];

    /// Stable code: `delivery`, `home_help`, `accompaniment`, `online_consultation`, `other`.
    pub fn code(&self) -> &'static str {
        match self {
            HelpType::Delivery => "delivery",
            HelpType::HomeHelp => "home_help",
            HelpType::Accompaniment => "accompaniment",
            HelpType::OnlineConsultation => "online_consultation",
            HelpType::Other => "other",
        }
    }

    /// Parses a code (trimmed): empty is [`Invalid::Required`], unknown [`Invalid::ChoiceUnknown`].
    pub fn parse(s: &str) -> Result<HelpType, Invalid> {
        match s.trim() {
            "" => Err(Invalid::Required),
            t => HelpType::ALL
                .into_iter()
                .find(|h| h.code() == t)
                .ok_or(Invalid::ChoiceUnknown),
        }
    }

    /// Whether the volunteer goes to the person (everything but an online consultation;
    /// `other` counts as a visit, the safe side): adults only, needs an address and a point.
    pub fn is_home_visit(&self) -> bool {
        !matches!(self, HelpType::OnlineConsultation)
    }
}

/// How soon help is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Today, a person at risk.
    Critical,
    /// Within a day or two.
    High,
    /// When someone can.
    Normal,
}

impl Urgency {
    /// Every urgency, most urgent first.
    pub const ALL: [Urgency; 3] = [Urgency::Critical, Urgency::High, Urgency::Normal];

    /// Stable code: `critical`, `high`, `normal`.
    pub fn code(&self) -> &'static str {
        match self {
            Urgency::Critical => "critical",
            Urgency::High => "high",
            Urgency::Normal => "normal",
        }
    }

    /// Parses a code (trimmed): empty is [`Invalid::Required`], unknown [`Invalid::ChoiceUnknown`].
    pub fn parse(s: &str) -> Result<Urgency, Invalid> {
        match s.trim() {
            "" => Err(Invalid::Required),
            t => Urgency::ALL
                .into_iter()
                .find(|u| u.code() == t)
                .ok_or(Invalid::ChoiceUnknown),
        }
    }

    /// Queue order: 0 for critical, 1 for high, 2 for normal (sort ascending).
    pub fn rank(&self) -> u8 {
        match self {
            Urgency::Critical => 0,
            Urgency::High => 1,
            Urgency::Normal => 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_type_codes_round_trip() {
        for h in HelpType::ALL {
            assert_eq!(HelpType::parse(h.code()), Ok(h));
            assert_eq!(HelpType::parse(&format!(" {} ", h.code())), Ok(h));
        }
        assert_eq!(HelpType::parse(""), Err(Invalid::Required));
        assert_eq!(HelpType::parse("taxi"), Err(Invalid::ChoiceUnknown));
        assert_eq!(
            HelpType::ALL.map(|h| h.is_home_visit()),
            [true, true, true, false, true]
        );
    }

    #[test]
    fn urgency_codes_and_order() {
        for u in Urgency::ALL {
            assert_eq!(Urgency::parse(u.code()), Ok(u));
        }
        assert_eq!(Urgency::parse(""), Err(Invalid::Required));
        assert_eq!(Urgency::parse("soon"), Err(Invalid::ChoiceUnknown));
        let mut v = vec![Urgency::Normal, Urgency::Critical, Urgency::High];
        v.sort_by_key(Urgency::rank);
        assert_eq!(v, Urgency::ALL);
    }
}
