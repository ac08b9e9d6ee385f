//! The closed sets a collection's money is described with: whom it helps, how a donation
//! came in, what an expense was for.

use crate::values::codes;

codes! {
    /// Whom a collection helps.
    pub enum BeneficiaryCategory {
        /// Children.
        Children = "children",
        /// Elderly people.
        Elderly = "elderly",
        /// People with disabilities.
        Disabled = "disabled",
        /// People who are ill and need treatment.
        Sick = "sick",
        /// Low-income families and people.
        LowIncome = "low_income",
        /// Families with many children.
        LargeFamilies = "large_families",
        /// Victims of emergencies (floods, fires, earthquakes).
        EmergencyVictims = "emergency_victims",
        /// Animals.
        Animals = "animals",
        /// Anyone else.
        Other = "other",
    }
}

codes! {
    /// What an expense of a collection paid for.
    pub enum ExpenseCategory {
        /// Goods bought for the beneficiaries.
        PurchaseGoods = "purchase_goods",
        /// Treatment, medicine, medical devices.
        Medical = "medical",
        /// Food.
        Food = "food",
        /// Transport and delivery.
        Transport = "transport",
        /// Rent of premises or equipment.
        Rent = "rent",
        /// Services paid to others.
        Services = "services",
        /// Money handed to a beneficiary.
        DirectAid = "direct_aid",
        /// Bank and payment fees.
        BankFees = "bank_fees",
        /// Anything else.
        Other = "other",
    }
}

codes! {
    /// How a donation came in.
    pub enum Channel {
        /// A transfer into the collection's account.
        BankTransfer = "bank_transfer",
        /// A card payment through a payment provider.
        Card = "card",
        /// Cash into a sealed collection box, counted by a commission.
        CashBox = "cash_box",
        /// Any other way (also goods given in kind).
        Other = "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in BeneficiaryCategory::ALL {
            assert_eq!(BeneficiaryCategory::from_code(c.code()), Some(c));
        }
        for c in ExpenseCategory::ALL {
            assert_eq!(ExpenseCategory::from_code(c.code()), Some(c));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::from_code(c.code()), Some(c));
        }
        assert_eq!(BeneficiaryCategory::ALL.len(), 9);
        assert_eq!(ExpenseCategory::ALL.len(), 9);
        assert_eq!(Channel::ALL.len(), 4);
        assert_eq!(
            serde_json::to_string(&BeneficiaryCategory::EmergencyVictims).unwrap(),
            "\"emergency_victims\""
        );
        assert_eq!(
            ExpenseCategory::parse(" bank_fees "),
            Ok(ExpenseCategory::BankFees)
        );
        assert_eq!(Channel::parse("cash"), Err(crate::Invalid::ChoiceUnknown));
    }
}
