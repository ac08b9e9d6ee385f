//! Paper records of volunteer hours, imported by a regional front-office from a table (CSV
//! or XLSX, read by the caller into rows of cells): the header names the columns, every
//! later row is one record. Each row is checked on its own; a bad row is reported with its
//! line number (the header is line 1), the column and a stable code, and nothing of the
//! file is imported until the coordinator confirms the valid rows.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::values::codes;
use crate::{Email, Iin, Invalid, RegionCode};

/// Most data rows one file may hold.
pub const MAX_ROWS: usize = 100_000;
/// Longest activity one row may record (minutes): a day.
pub const MAX_MINUTES: i64 = 24 * 60;
/// Oldest activity a paper record may date from.
pub const OLDEST_YEAR: i32 = 1991;

codes! {
    /// A column of the table and the header names it is known by (kk, ru, en; any case).
    pub enum Column {
        /// The volunteer's IIN (this or `Email` is needed to find her).
        Iin = "iin",
        /// Her e-mail address.
        Email = "email",
        /// Her full name, as on paper.
        Name = "name",
        /// Day of the activity: `YYYY-MM-DD` or `DD.MM.YYYY`.
        Date = "date",
        /// Hours, with a point or a comma (`2,5`).
        Hours = "hours",
        /// Region code, e.g. `KZ-55`.
        Region = "region",
        /// Direction code (optional).
        Direction = "direction",
        /// Activity type code (optional).
        ActivityType = "activity_type",
        /// What was done, and for whom (optional).
        Description = "description",
    }
}

impl Column {
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Iin => &["iin", "иин", "жсн"],
            Column::Email => &["email", "e-mail", "почта", "эл. почта"],
            Column::Name => &["name", "full_name", "фио", "аты-жөні", "аты жөні"],
            Column::Date => &["date", "дата", "күні", "күн"],
            Column::Hours => &["hours", "часы", "часов", "сағат"],
            Column::Region => &["region", "регион", "область", "өңір", "облыс"],
            Column::Direction => &["direction", "направление", "бағыт"],
            Column::ActivityType => &["activity_type", "вид деятельности", "қызмет түрі"],
            Column::Description => &["description", "описание", "сипаттама"],
        }
    }

    fn required(self) -> bool {
        matches!(
            self,
            Column::Name | Column::Date | Column::Hours | Column::Region
        )
    }

    fn of_header(cell: &str) -> Option<Column> {
        let h = cell.trim().trim_start_matches('\u{feff}').to_lowercase();
        Column::ALL
            .into_iter()
            .find(|c| c.aliases().iter().any(|a| *a == h))
    }
}

/// A valid record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Line in the file (the header is line 1).
    pub line: i64,
    /// IIN, when given.
    pub iin: Option<String>,
    /// E-mail (lower case), when given.
    pub email: Option<String>,
    /// Full name.
    pub name: String,
    /// Day of the activity.
    pub work_date: NaiveDate,
    /// Minutes.
    pub minutes: i64,
    /// Region.
    pub region: String,
    /// Direction code.
    pub direction: Option<String>,
    /// Activity type code.
    pub activity_type: Option<String>,
    /// What was done.
    pub description: Option<String>,
}

/// Why a row (or the whole file, line 0) was refused.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    /// Line in the file (the header is line 1; 0 for the file as a whole).
    pub line: i64,
    /// The column (its template name), or "" for the row or the file.
    pub column: String,
    /// Stable code: an [`Invalid`] code or `import_*`.
    pub code: String,
}

/// How many lines of a file have at least one refusal (line 0, the file as a whole, is
/// not a line).
pub fn bad_rows(errors: &[RowError]) -> usize {
    let lines: HashSet<i64> = errors
        .iter()
        .filter(|e| e.line > 0)
        .map(|e| e.line)
        .collect();
    lines.len()
}

/// A checked file: the valid records and every refusal.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// Data rows read (blank rows are skipped and not counted).
    pub rows: usize,
    /// Valid records, in file order.
    pub records: Vec<Record>,
    /// Refusals, in file order (several per row when several cells are wrong).
    pub errors: Vec<RowError>,
}

impl Checked {
    /// Lines with at least one refusal.
    pub fn bad_rows(&self) -> usize {
        bad_rows(&self.errors)
    }

    fn file_error(code: &str, column: &str) -> Checked {
        Checked {
            errors: vec![RowError {
                line: 0,
                column: column.to_owned(),
                code: code.to_owned(),
            }],
            ..Default::default()
        }
    }
}

/// What makes two rows the same record: who, when, how long, what.
type RowKey = (
    Option<String>,
    Option<String>,
    NaiveDate,
    i64,
    Option<String>,
);

/// Hours as written on paper ("2", "2.5", "2,5") into minutes.
pub fn parse_hours(s: &str) -> Result<i64, Invalid> {
    let t = s.trim().replace(',', ".");
    if t.is_empty() {
        return Err(Invalid::Required);
    }
    let range = Invalid::NumberOutOfRange {
        min: 1,
        max: MAX_MINUTES / 60,
    };
    let h: f64 = t.parse().map_err(|_| range.clone())?;
    if !h.is_finite() {
        return Err(range);
    }
    let minutes = (h * 60.0).round() as i64;
    if minutes <= 0 || minutes > MAX_MINUTES {
        return Err(range);
    }
    Ok(minutes)
}

/// A day as `YYYY-MM-DD` or `DD.MM.YYYY` (spreadsheets also give `YYYY-MM-DD HH:MM:SS`).
pub fn parse_day(s: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Invalid::Required);
    }
    let day = t.split([' ', 'T']).next().unwrap_or(t);
    let d = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(day, "%d.%m.%Y"))
        .map_err(|_| Invalid::DateMalformed)?;
    if d > today {
        return Err(Invalid::DateInFuture);
    }
    if d < NaiveDate::from_ymd_opt(OLDEST_YEAR, 1, 1).unwrap_or(d) {
        return Err(Invalid::DateTooOld);
    }
    Ok(d)
}

/// Checks a table: `rows[0]` is the header. `region` limits the records to one region (a
/// regional coordinator's); `None` accepts every region (the national admin).
pub fn check(rows: &[Vec<String>], today: NaiveDate, region: Option<&RegionCode>) -> Checked {
    let Some((header, data)) = rows.split_first() else {
        return Checked::file_error("import_empty_file", "");
    };
    let mut at: Vec<Option<usize>> = vec![None; Column::ALL.len()];
    for (i, cell) in header.iter().enumerate() {
        if let Some(c) = Column::of_header(cell) {
            let slot = &mut at[c as usize];
            if slot.is_none() {
                *slot = Some(i);
            }
        }
    }
    if let Some(missing) = Column::ALL
        .into_iter()
        .find(|c| c.required() && at[*c as usize].is_none())
    {
        return Checked::file_error("import_missing_column", missing.code());
    }
    if at[Column::Iin as usize].is_none() && at[Column::Email as usize].is_none() {
        return Checked::file_error("import_missing_column", Column::Iin.code());
    }
    let data_rows = data
        .iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .count();
    if data_rows == 0 {
        return Checked::file_error("import_empty_file", "");
    }
    if data_rows > MAX_ROWS {
        return Checked::file_error("import_too_many_rows", "");
    }
    let mut out = Checked {
        rows: data_rows,
        ..Default::default()
    };
    let mut seen: HashSet<RowKey> = HashSet::new();
    for (i, row) in data.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = i as i64 + 2;
        let cell = |c: Column| -> &str {
            at[c as usize]
                .and_then(|i| row.get(i))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        let mut errors: Vec<RowError> = Vec::new();
        let mut fail = |c: Column, code: &str| {
            errors.push(RowError {
                line,
                column: c.code().to_owned(),
                code: code.to_owned(),
            })
        };
        let iin = match cell(Column::Iin) {
            "" => None,
            s => match Iin::parse(s) {
                Ok(i) => Some(i.as_str().to_owned()),
                Err(e) => {
                    fail(Column::Iin, e.code());
                    None
                }
            },
        };
        let email = match cell(Column::Email) {
            "" => None,
            s => match Email::parse(s) {
                Ok(e) => Some(e.as_str().to_lowercase()),
                Err(e) => {
                    fail(Column::Email, e.code());
                    None
                }
            },
        };
        if cell(Column::Iin).is_empty() && cell(Column::Email).is_empty() {
            fail(Column::Iin, "import_identity_required");
        }
        let name = match crate::required_text(cell(Column::Name), 200) {
            Ok(n) => n,
            Err(e) => {
                fail(Column::Name, e.code());
                String::new()
            }
        };
        let date = parse_day(cell(Column::Date), today)
            .map_err(|e| fail(Column::Date, e.code()))
            .ok();
        let minutes = parse_hours(cell(Column::Hours))
            .map_err(|e| fail(Column::Hours, e.code()))
            .ok();
        let region_code = match RegionCode::parse(cell(Column::Region)) {
            Ok(r) if region.is_none_or(|mine| *mine == r) => Some(r.as_str().to_owned()),
            Ok(_) => {
                fail(Column::Region, "import_region_not_yours");
                None
            }
            Err(e) => {
                fail(Column::Region, e.code());
                None
            }
        };
        let direction = match cell(Column::Direction) {
            "" => None,
            s if crate::reference::direction(s).is_some() => Some(s.to_owned()),
            _ => {
                fail(Column::Direction, Invalid::ChoiceUnknown.code());
                None
            }
        };
        let activity_type = match cell(Column::ActivityType) {
            "" => None,
            s if crate::reference::activity_type(s).is_some() => Some(s.to_owned()),
            _ => {
                fail(Column::ActivityType, Invalid::ChoiceUnknown.code());
                None
            }
        };
        let description = crate::optional_text(cell(Column::Description), 2000)
            .map_err(|e| fail(Column::Description, e.code()))
            .ok()
            .flatten();
        match (errors.is_empty(), date, minutes, region_code) {
            (true, Some(work_date), Some(minutes), Some(region)) => {
                let key = (
                    iin.clone(),
                    email.clone(),
                    work_date,
                    minutes,
                    description.clone(),
                );
                if !seen.insert(key) {
                    out.errors.push(RowError {
                        line,
                        column: String::new(),
                        code: "import_duplicate_row".into(),
                    });
                    continue;
                }
                out.records.push(Record {
                    line,
                    iin,
                    email,
                    name,
                    work_date,
                    minutes,
                    region,
                    direction,
                    activity_type,
                    description,
                });
            }
            _ => out.errors.append(&mut errors),
        }
    }
    out
}

/// The template's header row.
pub fn template_header() -> Vec<&'static str> {
    Column::ALL.iter().map(|c| c.code()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn table(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    }

    const HEADER: &[&str] = &[
        "IIN",
        "Email",
        "ФИО",
        "Дата",
        "Часы",
        "Регион",
        "Направление",
    ];

    #[test]
    fn good_rows_become_records_and_bad_ones_are_reported_by_line() {
        let kz55 = RegionCode::parse("KZ-55").unwrap();
        let t = table(&[
            HEADER,
            &[
                "010517601238",
                "",
                "Әсем Нұрланова",
                "2025-03-08",
                "2,5",
                "KZ-55",
                "taza_alem",
            ],
            &[
                "010517601239",
                "",
                "Бауыржан",
                "2025-03-08",
                "2",
                "KZ-55",
                "",
            ],
            &["", "", "", "", "", "", ""],
            &["", "b@x.kz", "Ержан", "08.03.2025", "0", "KZ-99", ""],
            &["", "c@x.kz", "Дина", "2027-01-01", "3", "KZ-75", "nope"],
            &["", "", "Нет никого", "2025-01-01", "1", "KZ-55", ""],
            &["", "D@X.kz", "Дана", "01.02.2024", "1.5", "KZ-55", ""],
            &[
                "010517601238",
                "",
                "Әсем Нұрланова",
                "2025-03-08",
                "2,5",
                "KZ-55",
                "taza_alem",
            ],
        ]);
        let c = check(&t, today(), Some(&kz55));
        assert_eq!(c.rows, 7, "the blank row is not a row");
        assert_eq!(
            c.records
                .iter()
                .map(|r| (r.line, r.minutes, r.email.clone()))
                .collect::<Vec<_>>(),
            vec![(2, 150, None), (8, 90, Some("d@x.kz".into()))]
        );
        let errs: Vec<(i64, &str, &str)> = c
            .errors
            .iter()
            .map(|e| (e.line, e.column.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            errs,
            vec![
                (3, "iin", "iin_checksum"),
                (5, "hours", "number_out_of_range"),
                (5, "region", "region_unknown"),
                (6, "date", "date_in_future"),
                (6, "region", "import_region_not_yours"),
                (6, "direction", "choice_unknown"),
                (7, "iin", "import_identity_required"),
                (9, "", "import_duplicate_row"),
            ]
        );
        assert_eq!(c.bad_rows(), 5);
        // The national admin may import every region; the unknown one stays refused.
        let all = check(&t, today(), None);
        assert!(
            all.errors
                .iter()
                .any(|e| e.line == 5 && e.code == "region_unknown")
        );
        assert!(
            !all.errors
                .iter()
                .any(|e| e.code == "import_region_not_yours")
        );
    }

    #[test]
    fn the_file_itself_can_be_refused() {
        let code = |t: Vec<Vec<String>>| check(&t, today(), None).errors[0].code.clone();
        assert_eq!(code(vec![]), "import_empty_file");
        assert_eq!(code(table(&[HEADER])), "import_empty_file");
        let no_hours = check(
            &table(&[&["iin", "name", "date", "region"], &["1", "2", "3", "4"]]),
            today(),
            None,
        );
        assert_eq!(
            (
                no_hours.errors[0].code.as_str(),
                no_hours.errors[0].column.as_str(),
                no_hours.errors[0].line
            ),
            ("import_missing_column", "hours", 0)
        );
        assert!(
            check(
                &table(&[&["name", "date", "hours", "region"], &["a", "b", "c", "d"]]),
                today(),
                None
            )
            .errors[0]
                .code
                == "import_missing_column"
        );
        let mut big = table(&[HEADER]);
        big.extend((0..=MAX_ROWS).map(|_| vec!["x".to_owned()]));
        assert_eq!(code(big), "import_too_many_rows");
    }

    #[test]
    fn hours_and_days_as_people_write_them() {
        assert_eq!(parse_hours("2,5"), Ok(150));
        assert_eq!(parse_hours(" 1.25 "), Ok(75));
        assert_eq!(parse_hours("24"), Ok(1440));
        for bad in ["0", "-1", "24.5", "abc", "NaN", "inf"] {
            assert!(parse_hours(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_hours(""), Err(Invalid::Required));
        let d = NaiveDate::from_ymd_opt(2025, 3, 8).unwrap();
        assert_eq!(parse_day("08.03.2025", today()), Ok(d));
        assert_eq!(parse_day("2025-03-08 00:00:00", today()), Ok(d));
        assert_eq!(parse_day("1990-12-31", today()), Err(Invalid::DateTooOld));
        assert_eq!(parse_day("8/3/2025", today()), Err(Invalid::DateMalformed));
    }
}
