//! A bank statement of an organization's account, imported by its treasurer: the bytes as
//! the bank exported them (UTF-8, with or without a byte order mark, or Windows-1251), the
//! separator of the cells, which row is the header and which column holds what
//! ([`Mapping`], guessed from headings in kk, ru and en and changed by the treasurer), and
//! each later row read into a transfer ([`BankRow`]) or refused with its line, its column
//! and a stable code. Money going out (a debit) is counted and skipped, never an error.
//!
//! A transfer is known by the bank's transaction id: its donation's external key
//! ([`external_key`]) is unique, so the same statement imported twice records each transfer
//! once. Which collection a transfer was meant for is [`match_row`]'s: the collection's
//! account when the statement names the receiving account, and the collection's transfer
//! reference ([`transfer_reference`]) or registration number written in the purpose.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::{Iban, Tiyn};
use crate::import::{RowError, parse_day};
use crate::values::codes;
use crate::{Invalid, required_text};

mod columns;
mod matching;

pub use columns::{Field, Mapping, heading};
pub use matching::{REFERENCE_PREFIX, Target, external_key, match_row, transfer_reference};

/// Most data rows one statement may hold.
pub const MAX_ROWS: usize = 100_000;
/// How many first rows are searched for the header (banks put the account and the period
/// above it).
pub const HEADER_SEARCH_ROWS: usize = 30;
/// Longest transaction id, in characters.
pub const MAX_TRANSACTION_ID_CHARS: usize = 100;
/// Longest payer kept, in characters (longer ones are cut).
pub const MAX_PAYER_CHARS: usize = 200;
/// Longest purpose kept, in characters (longer ones are cut).
pub const MAX_PURPOSE_CHARS: usize = 1000;

codes! {
    /// How a statement's text was encoded.
    pub enum Encoding {
        /// UTF-8, with or without a byte order mark.
        Utf8 = "utf-8",
        /// Windows-1251 (Cyrillic), what older bank software exports.
        Windows1251 = "windows-1251",
    }
}

codes! {
    /// Where an uploaded statement is.
    pub enum StatementStatus {
        /// Read and shown; nothing recorded yet (its mapping may change).
        Preview = "preview",
        /// Being recorded.
        Applying = "applying",
        /// Recorded: its transfers are donations or wait for manual assignment.
        Applied = "applied",
        /// Thrown away before being recorded.
        Discarded = "discarded",
    }
}

/// Reads a statement's bytes as text: UTF-8 (a byte order mark is dropped), else
/// Windows-1251. None when they are not text at all (a NUL byte: a binary file, or UTF-16).
pub fn decode(bytes: &[u8]) -> Option<(String, Encoding)> {
    if bytes.contains(&0) {
        return None;
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Some((String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Some((s.to_owned(), Encoding::Utf8)),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes);
            Some((text.into_owned(), Encoding::Windows1251))
        }
    }
}

/// How many times `sep` occurs in `line` outside double quotes.
fn count_outside_quotes(line: &str, sep: char) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            n += 1;
        }
    }
    n
}

/// The separator of a statement's cells: of `;`, tab and `,`, the one that splits the most
/// of the first 50 lines into the same number of cells (then the one giving more cells; on
/// a tie `;`, then tab): a comma inside amounts (`1 500,00`) does not win over the
/// semicolons around them.
pub fn separator(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    let mut best = (b';', 0usize, 0usize);
    for sep in [b';', b'\t', b','] {
        let mut lines_with: HashMap<usize, usize> = HashMap::new();
        for l in &lines {
            let n = count_outside_quotes(l, char::from(sep));
            if n > 0 {
                *lines_with.entry(n).or_default() += 1;
            }
        }
        let (count, lines) = lines_with
            .into_iter()
            .max_by_key(|(count, lines)| (*lines, *count))
            .unwrap_or((0, 0));
        if (lines, count) > (best.1, best.2) {
            best = (sep, lines, count);
        }
    }
    best.0
}

/// A transfer into the account, read from a statement row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BankRow {
    /// Line in the file.
    pub line: i64,
    /// The bank's transaction id.
    pub transaction_id: String,
    /// The day.
    pub date: NaiveDate,
    /// How much came in.
    pub amount: Tiyn,
    /// Who paid (private), when the statement says.
    pub payer: Option<String>,
    /// The purpose the payer wrote.
    pub purpose: Option<String>,
    /// The receiving account, when the statement names one that is a Kazakh IBAN.
    pub account: Option<Iban>,
}

/// A statement read with a mapping.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// Data rows after the header (blank rows are skipped and not counted).
    pub rows: usize,
    /// Transfers in, in file order, each transaction id once.
    pub credits: Vec<BankRow>,
    /// Rows of money going out (skipped).
    pub debits: usize,
    /// Rows repeating a transaction id seen earlier in the file (skipped).
    pub repeated: usize,
    /// Refusals, in file order (several per row when several cells are wrong); line 0 for
    /// the file as a whole.
    pub errors: Vec<RowError>,
}

impl Parsed {
    /// Lines with at least one refusal.
    pub fn bad_rows(&self) -> usize {
        crate::import::bad_rows(&self.errors)
    }

    fn file_error(code: &str, column: &str) -> Parsed {
        Parsed {
            errors: vec![RowError {
                line: 0,
                column: column.to_owned(),
                code: code.to_owned(),
            }],
            ..Parsed::default()
        }
    }
}

/// Money in, or money out.
enum Movement {
    In(Tiyn),
    Out,
}

/// An amount cell without a currency written after it (`1 500,00 KZT`) or a plus before it.
fn amount_text(s: &str) -> &str {
    let t = s.trim();
    let t = match t.len().checked_sub(3) {
        Some(i) if t.is_char_boundary(i) && t[i..].eq_ignore_ascii_case("kzt") => t[..i].trim(),
        _ => t,
    };
    t.strip_prefix('+').unwrap_or(t).trim()
}

fn negative(s: &str) -> bool {
    s.starts_with(['-', '\u{2212}'])
}

/// Which way the money moved: the credit when it holds a positive amount; a negative credit
/// or any debit is money out. Errors name the column at fault.
fn movement(credit: &str, debit: Option<&str>) -> Result<Movement, (Field, Invalid)> {
    let credit = amount_text(credit);
    match Tiyn::parse_kzt(credit) {
        Ok(t) => return Ok(Movement::In(t)),
        Err(Invalid::AmountNotPositive) if negative(credit) => return Ok(Movement::Out),
        // Empty or zero: the debit tells.
        Err(Invalid::Required | Invalid::AmountNotPositive) => {}
        Err(e) => return Err((Field::Credit, e)),
    }
    match debit.map(amount_text).filter(|d| !d.is_empty()) {
        Some(d) => match Tiyn::parse_kzt(d) {
            Ok(_) => Ok(Movement::Out),
            Err(Invalid::AmountNotPositive) if negative(d) => Ok(Movement::Out),
            Err(e) => Err((Field::Debit, e)),
        },
        None if credit.is_empty() => Err((Field::Credit, Invalid::Required)),
        None => Err((Field::Credit, Invalid::AmountNotPositive)),
    }
}

/// Free text of a statement (a payer, a purpose): one line, control characters dropped,
/// cut at `max` characters; never a reason to refuse the money.
fn free_text(s: &str, max: usize) -> Option<String> {
    let t: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(max)
        .collect();
    (!t.is_empty()).then_some(t)
}

/// Reads a statement's rows (`rows[m.header_line - 1]` is the header) into transfers.
///
/// File refusals (line 0): `statement_empty` (no row after the header),
/// `statement_mapping_incomplete` (a required field has no column of the header; the column
/// names the field), `statement_too_many_rows` (more than [`MAX_ROWS`]).
///
/// A row whose cells do not line up with the header (more cells than it has, or too few to
/// reach a required column) is [`Invalid::StatementRowUnreadable`] and nothing of it is
/// read. Otherwise each cell is checked: the transaction id (required, one line, at most
/// [`MAX_TRANSACTION_ID_CHARS`]), the day (`DD.MM.YYYY` or `YYYY-MM-DD`, as
/// [`parse_day`]), the amount ([`Tiyn::parse_kzt`]). Money out is counted in
/// [`Parsed::debits`] whatever its other cells hold; a transaction id seen earlier in the
/// file in [`Parsed::repeated`].
pub fn parse(rows: &[Vec<String>], m: &Mapping, today: NaiveDate) -> Parsed {
    let header_index = m.header_line.max(1) - 1;
    let Some(header) = rows.get(header_index) else {
        return Parsed::file_error("statement_empty", "");
    };
    let width = header.len();
    if let Some(f) = m.missing(width) {
        return Parsed::file_error("statement_mapping_incomplete", f.code());
    }
    let data = &rows[header_index + 1..];
    let blank = |r: &Vec<String>| r.iter().all(|c| c.trim().is_empty());
    let data_rows = data.iter().filter(|r| !blank(r)).count();
    if data_rows == 0 {
        return Parsed::file_error("statement_empty", "");
    }
    if data_rows > MAX_ROWS {
        return Parsed::file_error("statement_too_many_rows", "");
    }
    // The last column a required field needs.
    let needed = Field::ALL
        .into_iter()
        .filter(|f| f.required())
        .filter_map(|f| m.get(f))
        .max()
        .unwrap_or(0);
    let mut out = Parsed {
        rows: data_rows,
        ..Parsed::default()
    };
    let mut seen: HashSet<String> = HashSet::new();
    for (i, row) in data.iter().enumerate() {
        if blank(row) {
            continue;
        }
        let line = i64::try_from(header_index + i + 2).unwrap_or(i64::MAX);
        let used = row
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |p| p + 1);
        if used > width || row.len() <= needed {
            out.errors.push(RowError {
                line,
                column: String::new(),
                code: Invalid::StatementRowUnreadable.code().to_owned(),
            });
            continue;
        }
        let cell = |f: Field| -> &str {
            m.get(f)
                .and_then(|c| row.get(c))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        let debit = m.debit.map(|_| cell(Field::Debit));
        let mut errors: Vec<RowError> = Vec::new();
        let mut fail = |f: Field, e: Invalid| {
            errors.push(RowError {
                line,
                column: f.code().to_owned(),
                code: e.code().to_owned(),
            })
        };
        let amount = match movement(cell(Field::Credit), debit) {
            Ok(Movement::Out) => {
                out.debits += 1;
                continue;
            }
            Ok(Movement::In(t)) => Some(t),
            Err((f, e)) => {
                fail(f, e);
                None
            }
        };
        let transaction_id = required_text(cell(Field::TransactionId), MAX_TRANSACTION_ID_CHARS)
            .map_err(|e| fail(Field::TransactionId, e))
            .ok();
        let date = parse_day(cell(Field::Date), today)
            .map_err(|e| fail(Field::Date, e))
            .ok();
        let (Some(transaction_id), Some(date), Some(amount)) = (transaction_id, date, amount)
        else {
            out.errors.append(&mut errors);
            continue;
        };
        if !seen.insert(transaction_id.clone()) {
            out.repeated += 1;
            continue;
        }
        out.credits.push(BankRow {
            line,
            transaction_id,
            date,
            amount,
            payer: free_text(cell(Field::Payer), MAX_PAYER_CHARS),
            purpose: free_text(cell(Field::Purpose), MAX_PURPOSE_CHARS),
            account: Iban::parse(cell(Field::Account)).ok(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    fn table(text: &str) -> Vec<Vec<String>> {
        let sep = char::from(separator(text));
        text.lines()
            .map(|l| l.split(sep).map(str::to_owned).collect())
            .collect()
    }

    const HALYK: &str = "\
Выписка по счету KZ86125KZT5004100100;;;;;;
Период: 01.05.2026 - 31.05.2026;;;;;;
Номер документа;Дата;Дебет;Кредит, KZT;Плательщик;Назначение платежа;Счет получателя
PP-17;03.05.2026;;150 000,00;ТОО Береке;Благотворительный взнос ERK-7QK2M9;KZ86125KZT5004100100
PP-18;2026-05-04;5 000,00;;;Комиссия банка;KZ86125KZT5004100100
PP-19;05.05.2026;;2 500,50;Иванов И.;Помощь;KZ86125KZT5004100100
;;;;;;
PP-17;03.05.2026;;150 000,00;ТОО Береке;повтор;KZ86125KZT5004100100
PP-20;31.02.2026;;abc;;;
PP-21;05.05.2026;;100;Петров;Сбор;KZ86125KZT5004100100;лишняя ячейка
";

    #[test]
    fn a_statement_as_a_kazakh_bank_exports_it() {
        let rows = table(HALYK);
        let m = Mapping::guess(&rows);
        assert_eq!(
            m,
            Mapping {
                header_line: 3,
                transaction_id: Some(0),
                date: Some(1),
                debit: Some(2),
                credit: Some(3),
                payer: Some(4),
                purpose: Some(5),
                account: Some(6),
            }
        );
        let p = parse(&rows, &m, today());
        assert_eq!(p.rows, 6, "the blank row is not a row");
        assert_eq!(
            p.credits
                .iter()
                .map(|r| (r.line, r.transaction_id.as_str(), r.amount.get()))
                .collect::<Vec<_>>(),
            vec![(4, "PP-17", 15_000_000), (6, "PP-19", 250_050)]
        );
        let first = &p.credits[0];
        assert_eq!(first.date, NaiveDate::from_ymd_opt(2026, 5, 3).unwrap());
        assert_eq!(first.payer.as_deref(), Some("ТОО Береке"));
        assert_eq!(
            first.account.as_ref().map(Iban::as_str),
            Some("KZ86125KZT5004100100")
        );
        assert_eq!((p.debits, p.repeated), (1, 1));
        let errs: Vec<(i64, &str, &str)> = p
            .errors
            .iter()
            .map(|e| (e.line, e.column.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            errs,
            vec![
                (9, "credit", "amount_malformed"),
                (9, "date", "date_malformed"),
                (10, "", "statement_row_unreadable"),
            ]
        );
        assert_eq!(p.bad_rows(), 2);
    }

    #[test]
    fn headings_in_three_languages_and_a_signed_amount() {
        let rows = table(
            "Transaction ID,Date,Amount,Sender,Payment details\n\
             T1,2026-05-01,1500.00,Aigul,ERK-7QK2M9\n\
             T2,2026-05-01,-300.00,Bank,fee\n",
        );
        let m = Mapping::guess(&rows);
        assert_eq!(
            (
                m.header_line,
                m.transaction_id,
                m.credit,
                m.debit,
                m.payer,
                m.purpose
            ),
            (1, Some(0), Some(2), None, Some(3), Some(4))
        );
        let p = parse(&rows, &m, today());
        assert_eq!((p.credits.len(), p.debits), (1, 1));
        let kk = table(
            "Референс\tКүні\tКіріс\tТөлеуші\tТөлем мақсаты\nR-1\t01.05.2026\t1 000\tӘсем\tкөмек\n",
        );
        let m = Mapping::guess(&kk);
        assert_eq!(m.known(), 5);
        assert_eq!(parse(&kk, &m, today()).credits[0].amount.get(), 100_000);
        // A reference column wins over the payer's document number.
        let both = table("№ документа;Референс;Дата;Сумма\n1;REF-9;01.05.2026;10\n");
        assert_eq!(Mapping::guess(&both).transaction_id, Some(1));
    }

    #[test]
    fn the_file_itself_can_be_refused() {
        let code = |rows: &[Vec<String>], m: &Mapping| {
            let p = parse(rows, m, today());
            (
                p.errors[0].line,
                p.errors[0].column.clone(),
                p.errors[0].code.clone(),
            )
        };
        let rows = table("Дата;Кредит;Плательщик\n01.05.2026;10;Иванов\n");
        let m = Mapping::guess(&rows);
        assert_eq!(
            code(&rows, &m),
            (
                0,
                "transaction_id".into(),
                "statement_mapping_incomplete".into()
            )
        );
        let only_header = table("Референс;Дата;Кредит\n");
        let m = Mapping::guess(&only_header);
        assert_eq!(code(&only_header, &m).2, "statement_empty");
        let m = Mapping {
            header_line: 9,
            ..m
        };
        assert_eq!(code(&only_header, &m).2, "statement_empty");
        // A column beyond the header is no column.
        let rows = table("Референс;Дата;Кредит\nR;01.05.2026;1\n");
        let m = Mapping {
            credit: Some(7),
            ..Mapping::guess(&rows)
        };
        assert_eq!(code(&rows, &m).1, "credit");
        let mut big = table("Референс;Дата;Кредит");
        big.extend((0..=MAX_ROWS).map(|i| vec![i.to_string(), "01.05.2026".into(), "1".into()]));
        assert_eq!(
            code(&big, &Mapping::guess(&big)).2,
            "statement_too_many_rows"
        );
        // Nothing that looks like a header: line 1, no column.
        assert_eq!(
            Mapping::guess(&table("a;b\n1;2\n")),
            Mapping {
                header_line: 1,
                ..Mapping::default()
            }
        );
    }

    #[test]
    fn amounts_and_their_direction() {
        let credit = |c: &str, d: Option<&str>| match movement(c, d) {
            Ok(Movement::In(t)) => Ok(Some(t.get())),
            Ok(Movement::Out) => Ok(None),
            Err((f, e)) => Err((f.code(), e.code())),
        };
        assert_eq!(credit("1 500,00", None), Ok(Some(150_000)));
        assert_eq!(credit("1 500,00 KZT", Some("")), Ok(Some(150_000)));
        assert_eq!(credit("+25", None), Ok(Some(2_500)));
        assert_eq!(credit("-25", None), Ok(None));
        assert_eq!(credit("\u{2212}25,5", None), Ok(None));
        assert_eq!(credit("", Some("300")), Ok(None));
        assert_eq!(credit("0,00", Some("300,00")), Ok(None));
        assert_eq!(credit("", Some("-300")), Ok(None));
        assert_eq!(credit("", None), Err(("credit", "required")));
        assert_eq!(credit("", Some(" ")), Err(("credit", "required")));
        assert_eq!(
            credit("0", Some("")),
            Err(("credit", "amount_not_positive"))
        );
        assert_eq!(credit("12a", None), Err(("credit", "amount_malformed")));
        assert_eq!(credit("", Some("x")), Err(("debit", "amount_malformed")));
        assert_eq!(
            credit("1,505", None),
            Err(("credit", "amount_fractional_tiyn"))
        );
    }

    #[test]
    fn text_in_either_encoding() {
        let utf8 = "Дата;Кредит\n".as_bytes();
        assert_eq!(decode(utf8), Some(("Дата;Кредит\n".into(), Encoding::Utf8)));
        let bom = [b"\xEF\xBB\xBF".as_slice(), utf8].concat();
        assert_eq!(decode(&bom).unwrap().0, "Дата;Кредит\n");
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Дата;Кредит;Назначение платежа\n");
        assert_eq!(
            decode(&cp1251),
            Some((
                "Дата;Кредит;Назначение платежа\n".into(),
                Encoding::Windows1251
            ))
        );
        assert_eq!(decode(b"\xff\xfeD\x00a\x00"), None, "UTF-16 is not read");
        assert_eq!(decode(b"PK\x03\x04\x00"), None);
    }

    #[test]
    fn separators() {
        assert_eq!(separator("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(separator("a\tb\tc\n1\t2,5\t3\n"), b'\t');
        assert_eq!(separator("a,b,c\n1,\"2;5\",3\n"), b',');
        assert_eq!(
            separator("Выписка\nПериод: 1,2\na;b;c\n1;2;3\n4;5;6\n"),
            b';'
        );
        assert_eq!(separator(""), b';');
    }

    #[test]
    fn every_label_is_translated() {
        let keys = crate::invalid::tests::locale_keys("en");
        let mut wanted: Vec<String> = Field::ALL
            .iter()
            .map(|f| format!("statement_field_{}", f.code()))
            .collect();
        wanted.extend(
            StatementStatus::ALL
                .iter()
                .map(|s| format!("statement_status_{}", s.code())),
        );
        wanted.extend(
            [
                "statement_empty",
                "statement_mapping_incomplete",
                "statement_too_many_rows",
            ]
            .map(str::to_owned),
        );
        for k in wanted {
            assert!(keys.contains(&k), "{k}");
        }
        for s in StatementStatus::ALL {
            assert_eq!(StatementStatus::from_code(s.code()), Some(s));
        }
    }
}
