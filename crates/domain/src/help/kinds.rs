//! What a help request asks for: the kind of help and how soon.

use crate::values::codes;

codes! {
    /// The kind of help asked for.
    pub enum HelpType {
        /// Bringing food or medicine.
        Delivery = "delivery",
        /// Help at home (cleaning, small repairs, company).
        HomeHelp = "home_help",
        /// Going along to a clinic, an office, a walk.
        Accompaniment = "accompaniment",
        /// Advice by phone or video; no visit.
        OnlineConsultation = "online_consultation",
        /// Anything else (treated as a home visit).
        Other = "other",
    }
}

impl HelpType {
    /// Whether the volunteer goes to the person (everything but an online consultation;
    /// `other` counts as a visit, the safe side): adults only, needs an address and a point.
    pub fn is_home_visit(&self) -> bool {
        !matches!(self, HelpType::OnlineConsultation)
    }
}

codes! {
    /// How soon help is needed.
    pub enum Urgency {
        /// Today, a person at risk.
        Critical = "critical",
        /// Within a day or two.
        High = "high",
        /// When someone can.
        Normal = "normal",
    }
}

impl Urgency {
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
    use crate::Invalid;

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
