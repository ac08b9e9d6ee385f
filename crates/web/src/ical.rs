//! iCalendar (RFC 5545): one event's shifts as an .ics file, and a volunteer's accepted
//! shifts as a subscription feed behind a secret, revocable URL.

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// One entry of a calendar.
pub struct Entry {
    /// Stable id (the shift or application).
    pub uid: Uuid,
    /// Start.
    pub starts: DateTime<Utc>,
    /// End.
    pub ends: DateTime<Utc>,
    /// Title.
    pub summary: String,
    /// Place.
    pub location: String,
    /// Link to the event.
    pub url: String,
}

/// Escapes text per RFC 5545 §3.3.11.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 character).
fn fold(line: &str, out: &mut String) {
    let mut count = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if count + n > 75 {
            out.push_str("\r\n ");
            count = 1;
        }
        out.push(c);
        count += n;
    }
    out.push_str("\r\n");
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A whole calendar named `name`.
pub fn calendar(name: &str, entries: &[Entry]) -> String {
    let mut out = String::new();
    let now = stamp(Utc::now());
    for l in [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//erikti//volunteer platform//KK".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        format!("X-WR-CALNAME:{}", text(name)),
    ] {
        fold(&l, &mut out);
    }
    for e in entries {
        for l in [
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}@erikti", e.uid),
            format!("DTSTAMP:{now}"),
            format!("DTSTART:{}", stamp(e.starts)),
            format!("DTEND:{}", stamp(e.ends)),
            format!("SUMMARY:{}", text(&e.summary)),
            format!("LOCATION:{}", text(&e.location)),
            format!("URL:{}", e.url),
            "END:VEVENT".to_owned(),
        ] {
            fold(&l, &mut out);
        }
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds() {
        let e = Entry {
            uid: Uuid::nil(),
            starts: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            ends: DateTime::from_timestamp(1_800_003_600, 0).unwrap(),
            summary: "Сенбілік; саябақ, Алматы ".repeat(4),
            location: "a\\b\nc".into(),
            url: "http://x/events/1".into(),
        };
        let c = calendar("Менің ауысымдарым", &[e]);
        assert!(c.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(c.contains("DTSTART:20270115T080000Z\r\n"));
        assert!(c.contains("LOCATION:a\\\\b\\nc\r\n"));
        assert!(c.contains("Сенбілік\\; саябақ\\, Алматы"));
        for line in c.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert!(c.ends_with("END:VCALENDAR\r\n"));
    }
}
