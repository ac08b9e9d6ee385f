//! The columns of a bank statement: what each may hold ([`Field`]), the headings banks give
//! them in kk, ru and en, and which row is the header and which column holds what
//! ([`Mapping`]), guessed from those headings and changed by the treasurer.

use serde::{Deserialize, Serialize};

use super::HEADER_SEARCH_ROWS;
use crate::values::codes;

codes! {
    /// What a column of a statement holds.
    pub enum Field {
        /// The bank's transaction id (a reference unique in the account).
        TransactionId = "transaction_id",
        /// The day of the transfer.
        Date = "date",
        /// Money in (the credit), or a signed amount whose negative values are money out.
        Credit = "credit",
        /// Money out (the debit), optional.
        Debit = "debit",
        /// Who paid, optional.
        Payer = "payer",
        /// The purpose of the payment, optional.
        Purpose = "purpose",
        /// The receiving account (IBAN), optional.
        Account = "account",
    }
}

impl Field {
    /// Headings the column is known by, normalised as [`heading`] writes them, the most
    /// telling first (a bank's reference before the payer's document number).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::TransactionId => &[
                "transaction id",
                "id транзакции",
                "идентификатор транзакции",
                "референс",
                "референс операции",
                "reference",
                "transaction reference",
                "транзакция id",
                "транзакция идентификаторы",
                "референс нөмірі",
                "номер операции",
                "операция нөмірі",
                "номер документа",
                "№ документа",
                "номер док",
                "№ док",
                "document number",
                "document no",
                "құжат нөмірі",
                "құжат №",
            ],
            Field::Date => &[
                "дата",
                "дата операции",
                "дата проводки",
                "дата документа",
                "дата валютирования",
                "date",
                "transaction date",
                "operation date",
                "value date",
                "күні",
                "операция күні",
                "құжат күні",
            ],
            Field::Credit => &[
                "кредит",
                "сумма по кредиту",
                "оборот по кредиту",
                "поступление",
                "поступления",
                "приход",
                "credit",
                "credit amount",
                "кіріс",
                "кредит сомасы",
                "сумма",
                "сумма операции",
                "amount",
                "сомасы",
                "сома",
            ],
            Field::Debit => &[
                "дебет",
                "сумма по дебету",
                "оборот по дебету",
                "расход",
                "списание",
                "debit",
                "debit amount",
                "шығыс",
                "дебет сомасы",
            ],
            Field::Payer => &[
                "плательщик",
                "наименование плательщика",
                "отправитель",
                "корреспондент",
                "контрагент",
                "наименование контрагента",
                "payer",
                "payer name",
                "sender",
                "counterparty",
                "төлеуші",
                "төлеушінің атауы",
                "жіберуші",
                "контрагент атауы",
            ],
            Field::Purpose => &[
                "назначение платежа",
                "назначение",
                "детали платежа",
                "описание операции",
                "purpose",
                "payment purpose",
                "details",
                "payment details",
                "description",
                "төлем мақсаты",
                "төлемнің мақсаты",
                "мақсаты",
                "сипаттама",
            ],
            Field::Account => &[
                "счет получателя",
                "иик получателя",
                "iban получателя",
                "счет бенефициара",
                "счет зачисления",
                "recipient account",
                "beneficiary account",
                "recipient iban",
                "алушының шоты",
                "алушы шоты",
                "алушының жск",
            ],
        }
    }

    /// Whether a statement cannot be read without this column.
    pub fn required(self) -> bool {
        matches!(self, Field::TransactionId | Field::Date | Field::Credit)
    }
}

/// A heading as compared with the known ones: lower case, `ё` as `е`, words of letters,
/// digits and `№` separated by one space, a currency named after it (`Кредит, KZT`,
/// `Сумма (тенге)`) left out.
pub fn heading(cell: &str) -> String {
    let lower = cell
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace('ё', "е");
    let mut words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '№'))
        .filter(|w| !w.is_empty())
        .collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| matches!(*w, "kzt" | "тенге" | "теңге" | "тг"))
    {
        words.pop();
    }
    words.join(" ")
}

/// Which row is the header and which column (0-based) holds each field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Mapping {
    /// Line of the header row (1-based); the rows after it are transfers.
    pub header_line: usize,
    /// Column of the bank's transaction id.
    pub transaction_id: Option<usize>,
    /// Column of the day.
    pub date: Option<usize>,
    /// Column of money in (or of a signed amount).
    pub credit: Option<usize>,
    /// Column of money out.
    pub debit: Option<usize>,
    /// Column of the payer.
    pub payer: Option<usize>,
    /// Column of the purpose.
    pub purpose: Option<usize>,
    /// Column of the receiving account.
    pub account: Option<usize>,
}

impl Mapping {
    /// The column of `f`.
    pub fn get(&self, f: Field) -> Option<usize> {
        match f {
            Field::TransactionId => self.transaction_id,
            Field::Date => self.date,
            Field::Credit => self.credit,
            Field::Debit => self.debit,
            Field::Payer => self.payer,
            Field::Purpose => self.purpose,
            Field::Account => self.account,
        }
    }

    /// Sets the column of `f`.
    pub fn set(&mut self, f: Field, column: Option<usize>) {
        let slot = match f {
            Field::TransactionId => &mut self.transaction_id,
            Field::Date => &mut self.date,
            Field::Credit => &mut self.credit,
            Field::Debit => &mut self.debit,
            Field::Payer => &mut self.payer,
            Field::Purpose => &mut self.purpose,
            Field::Account => &mut self.account,
        };
        *slot = column;
    }

    /// The columns a header row names (`line` is its line), each field in the column whose
    /// heading is its most telling alias.
    pub fn of_header(line: usize, header: &[String]) -> Mapping {
        let headings: Vec<String> = header.iter().map(|c| heading(c)).collect();
        let mut m = Mapping {
            header_line: line,
            ..Mapping::default()
        };
        for f in Field::ALL {
            let best = headings
                .iter()
                .enumerate()
                .filter_map(|(col, h)| {
                    f.aliases()
                        .iter()
                        .position(|a| a == h)
                        .map(|rank| (rank, col))
                })
                .min();
            m.set(f, best.map(|(_, col)| col));
        }
        m
    }

    /// The mapping of a statement as the bank wrote it: the header is the row among the
    /// first [`HEADER_SEARCH_ROWS`] that names the most fields (at least two; the first
    /// such row on a tie). None found: line 1, no column known.
    pub fn guess(rows: &[Vec<String>]) -> Mapping {
        let mut best: Option<(usize, Mapping)> = None;
        for (i, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
            let m = Mapping::of_header(i + 1, row);
            let known = m.known();
            if known >= 2 && best.as_ref().is_none_or(|(k, _)| known > *k) {
                best = Some((known, m));
            }
        }
        best.map(|(_, m)| m).unwrap_or(Mapping {
            header_line: 1,
            ..Mapping::default()
        })
    }

    /// How many fields have a column.
    pub fn known(&self) -> usize {
        Field::ALL
            .iter()
            .filter(|f| self.get(**f).is_some())
            .count()
    }

    /// The first required field without a column, or whose column is not in a header of
    /// `width` cells.
    pub fn missing(&self, width: usize) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| f.required() && self.get(*f).is_none_or(|c| c >= width))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_compared_loosely() {
        assert_eq!(heading("\u{feff} Кредит, KZT "), "кредит");
        assert_eq!(heading("Сумма (тенге)"), "сумма");
        assert_eq!(heading("№ док."), "№ док");
        assert_eq!(heading("Счёт получателя"), "счет получателя");
        assert_eq!(heading("transaction_id"), "transaction id");
        assert_eq!(heading("KZT"), "kzt");
    }
}
