//! Numbers, dates and hours written the way each language writes them.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

use crate::Lang;

/// Kazakhstan's offset from UTC (one zone, UTC+5, since 2024).
pub const KZ_UTC_OFFSET_SECONDS: i32 = 5 * 3600;

const MONTHS_KK: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];
// Genitive: "21 ноября".
const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Kazakhstan's fixed offset (UTC+5).
pub fn kz_offset() -> FixedOffset {
    FixedOffset::east_opt(KZ_UTC_OFFSET_SECONDS).expect("valid offset")
}

/// An instant in Kazakhstan local time.
pub fn to_kz_time(dt: DateTime<Utc>) -> DateTime<FixedOffset> {
    dt.with_timezone(&kz_offset())
}

/// Groups the digits of a non-negative magnitude in threes with `sep`.
fn group_digits(magnitude: u64, sep: &str) -> String {
    let digits = magnitude.to_string();
    let mut out = String::with_capacity(digits.len() * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

fn group_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk | Lang::Ru => "\u{a0}",
        Lang::En => ",",
    }
}

/// The decimal separator: `,` in kk/ru, `.` in en.
pub(crate) fn decimal_separator(lang: Lang) -> char {
    match lang {
        Lang::Kk | Lang::Ru => ',',
        Lang::En => '.',
    }
}

/// An integer with grouped thousands: `300 000` (no-break space) in kk/ru, `300,000` in en.
pub fn format_number(n: i64, lang: Lang) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!(
        "{sign}{}",
        group_digits(n.unsigned_abs(), group_separator(lang))
    )
}

/// A calendar date: `2026 ж. 21 қараша`, `21 ноября 2026 г.`, `21 November 2026`.
pub fn format_date(d: NaiveDate, lang: Lang) -> String {
    let month = d.month0() as usize;
    match lang {
        Lang::Kk => format!("{} ж. {} {}", d.year(), d.day(), MONTHS_KK[month]),
        Lang::Ru => format!("{} {} {} г.", d.day(), MONTHS_RU[month], d.year()),
        Lang::En => format!("{} {} {}", d.day(), MONTHS_EN[month], d.year()),
    }
}

/// Russian month names in the nominative, for a month on its own.
const MONTHS_RU_ALONE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// The month of a date, on its own: `2026 ж. қараша`, `ноябрь 2026`, `November 2026`.
pub fn format_month(d: NaiveDate, lang: Lang) -> String {
    let month = d.month0() as usize;
    match lang {
        Lang::Kk => format!("{} ж. {}", d.year(), MONTHS_KK[month]),
        Lang::Ru => format!("{} {}", MONTHS_RU_ALONE[month], d.year()),
        Lang::En => format!("{} {}", MONTHS_EN[month], d.year()),
    }
}

/// An instant as Kazakhstan local date and time: `21 November 2026 14:05`.
pub fn format_datetime(dt: DateTime<Utc>, lang: Lang) -> String {
    let local = to_kz_time(dt);
    format!(
        "{} {}",
        format_date(local.date_naive(), lang),
        local.format("%H:%M")
    )
}

/// Minutes as hours with one decimal, rounded half away from zero: 90 → `1,5` (kk/ru), `1.5` (en).
pub fn format_hours(minutes: i64, lang: Lang) -> String {
    format_tenths(
        minutes.signum() * ((minutes.unsigned_abs() as i64 + 3) / 6),
        lang,
    )
}

/// A number with one decimal, given in tenths: `12,5` (kk, ru), `12.5` (en).
pub fn format_tenths(tenths: i64, lang: Lang) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let magnitude = tenths.unsigned_abs();
    let whole = group_digits(magnitude / 10, group_separator(lang));
    format!("{sign}{whole}{}{}", decimal_separator(lang), magnitude % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn tenths_follow_the_language() {
        assert_eq!(format_tenths(12, Lang::Kk), "1,2");
        assert_eq!(format_tenths(12_345, Lang::Ru), "1\u{a0}234,5");
        assert_eq!(format_tenths(12, Lang::En), "1.2");
        assert_eq!(format_tenths(-5, Lang::En), "-0.5");
    }

    #[test]
    fn a_month_on_its_own() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(format_month(d, Lang::Kk), "2026 ж. қараша");
        assert_eq!(format_month(d, Lang::Ru), "ноябрь 2026");
        assert_eq!(format_month(d, Lang::En), "November 2026");
    }

    #[test]
    fn numbers() {
        assert_eq!(format_number(300_000, Lang::Kk), "300\u{a0}000");
        assert_eq!(format_number(300_000, Lang::Ru), "300\u{a0}000");
        assert_eq!(format_number(300_000, Lang::En), "300,000");
        assert_eq!(format_number(0, Lang::En), "0");
        assert_eq!(format_number(999, Lang::Ru), "999");
        assert_eq!(format_number(1000, Lang::En), "1,000");
        assert_eq!(format_number(1_234_567, Lang::Kk), "1\u{a0}234\u{a0}567");
        assert_eq!(format_number(-6000, Lang::En), "-6,000");
        assert_eq!(format_number(-999, Lang::En), "-999");
        assert_eq!(
            format_number(i64::MIN, Lang::En),
            "-9,223,372,036,854,775,808"
        );
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(format_date(d, Lang::Kk), "2026 ж. 21 қараша");
        assert_eq!(format_date(d, Lang::Ru), "21 ноября 2026 г.");
        assert_eq!(format_date(d, Lang::En), "21 November 2026");
        let d = NaiveDate::from_ymd_opt(2024, 1, 5).unwrap();
        assert_eq!(format_date(d, Lang::Kk), "2024 ж. 5 қаңтар");
        assert_eq!(format_date(d, Lang::Ru), "5 января 2024 г.");
        assert_eq!(format_date(d, Lang::En), "5 January 2024");
    }

    #[test]
    fn datetimes_in_kazakhstan_time() {
        let dt = Utc.with_ymd_and_hms(2026, 11, 21, 9, 5, 0).unwrap();
        assert_eq!(format_datetime(dt, Lang::Kk), "2026 ж. 21 қараша 14:05");
        assert_eq!(format_datetime(dt, Lang::Ru), "21 ноября 2026 г. 14:05");
        assert_eq!(format_datetime(dt, Lang::En), "21 November 2026 14:05");
        // 20:30 UTC on New Year's Eve is already the next year in Kazakhstan.
        let dt = Utc.with_ymd_and_hms(2025, 12, 31, 20, 30, 0).unwrap();
        assert_eq!(format_datetime(dt, Lang::En), "1 January 2026 01:30");
    }

    #[test]
    fn hours() {
        assert_eq!(format_hours(90, Lang::Kk), "1,5");
        assert_eq!(format_hours(90, Lang::Ru), "1,5");
        assert_eq!(format_hours(90, Lang::En), "1.5");
        assert_eq!(format_hours(0, Lang::En), "0.0");
        assert_eq!(format_hours(120, Lang::En), "2.0");
        assert_eq!(format_hours(20, Lang::En), "0.3");
        assert_eq!(format_hours(2, Lang::En), "0.0");
        assert_eq!(format_hours(3, Lang::En), "0.1");
        assert_eq!(format_hours(-90, Lang::Ru), "-1,5");
        assert_eq!(format_hours(-2, Lang::En), "0.0");
        assert_eq!(format_hours(600_000, Lang::Ru), "10\u{a0}000,0");
        assert_eq!(format_hours(600_000, Lang::En), "10,000.0");
    }
}
