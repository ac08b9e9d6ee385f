//! Events, shifts and who may apply: the lifecycle of an event, the checks of a shift, and
//! the law's rules for minors (DOMAIN.md §5).

use chrono::{DateTime, Utc};

use crate::org::{OrgStatus, Transition};
use crate::reference::ActivityType;
use crate::values::codes;
use crate::{ADULT_AGE, Invalid};

codes! {
    /// How applications are decided; first come unless the organizer says otherwise.
    #[derive(Default)]
    pub enum EventMode {
        /// Accepted at once while places remain, then waitlisted.
        #[default]
        FirstCome = "first_come",
        /// Pending until a coordinator decides.
        Moderated = "moderated",
    }
}

codes! {
    /// The lifecycle of an event.
    pub enum EventStatus {
        /// Being prepared; not public.
        Draft = "draft",
        /// Public; takes applications.
        Published = "published",
        /// Done.
        Completed = "completed",
        /// Called off; everyone who applied is told.
        Cancelled = "cancelled",
    }
}

/// Publishes a draft; only a verified organization publishes (a suspended one never).
pub fn publish(from: EventStatus, org: OrgStatus) -> Result<EventStatus, Transition> {
    if org != OrgStatus::Verified {
        return Err(Transition::new("org_not_verified"));
    }
    match from {
        EventStatus::Draft => Ok(EventStatus::Published),
        _ => Err(Transition::INVALID_TRANSITION),
    }
}

/// Cancels a draft or published event.
pub fn cancel(from: EventStatus) -> Result<EventStatus, Transition> {
    match from {
        EventStatus::Draft | EventStatus::Published => Ok(EventStatus::Cancelled),
        _ => Err(Transition::INVALID_TRANSITION),
    }
}

/// The longest shift, in hours.
pub const MAX_SHIFT_HOURS: i64 = 24;
/// The largest capacity of a shift.
pub const MAX_CAPACITY: i64 = 10_000;

/// Checks a shift's times: the end after the start, not in the past, at most a day long.
pub fn shift_times(
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), Invalid> {
    if ends <= starts {
        return Err(Invalid::EndBeforeStart);
    }
    if starts < now {
        return Err(Invalid::InPast);
    }
    if (ends - starts).num_hours() > MAX_SHIFT_HOURS {
        return Err(Invalid::TooLongSpan {
            max_hours: MAX_SHIFT_HOURS,
        });
    }
    Ok(())
}

/// Parses a capacity: a whole number from 1 to [`MAX_CAPACITY`].
pub fn capacity(s: &str) -> Result<i64, Invalid> {
    let out = Invalid::NumberOutOfRange {
        min: 1,
        max: MAX_CAPACITY,
    };
    match s.trim() {
        "" => Err(Invalid::Required),
        t => t
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_CAPACITY).contains(n))
            .ok_or(out),
    }
}

/// Whether a volunteer may apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Eligibility {
    /// Yes.
    Eligible,
    /// Yes, but the application is held until a parent's consent is recorded.
    NeedsConsent,
}

/// Why a volunteer may not apply: `age_unknown`, `below_min_age`, `minor_activity_type`,
/// `minor_hazardous` (also the message ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ineligible {
    /// Stable code.
    pub code: &'static str,
}

/// The law for one application: minors never take activity types 3 and 4 or hazardous
/// events; under `consent_age` a parent's consent is needed; the event's minimum age holds.
pub fn eligibility(
    age: Option<u32>,
    activity: &ActivityType,
    hazardous: bool,
    min_age: u32,
    consent_age: u32,
    has_consent: bool,
) -> Result<Eligibility, Ineligible> {
    let Some(age) = age else {
        // Without a birth date the law cannot be applied; ask for it whenever it matters.
        return if activity.adults_only || hazardous || min_age > 0 {
            Err(Ineligible {
                code: "age_unknown",
            })
        } else {
            Ok(Eligibility::Eligible)
        };
    };
    if age < min_age {
        return Err(Ineligible {
            code: "below_min_age",
        });
    }
    if age < ADULT_AGE && activity.adults_only {
        return Err(Ineligible {
            code: "minor_activity_type",
        });
    }
    if age < ADULT_AGE && hazardous {
        return Err(Ineligible {
            code: "minor_hazardous",
        });
    }
    if age < consent_age && !has_consent {
        return Ok(Eligibility::NeedsConsent);
    }
    Ok(Eligibility::Eligible)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::activity_type;
    use chrono::Duration;

    #[test]
    fn modes_and_statuses_serialise_as_their_codes() {
        for m in EventMode::ALL {
            assert_eq!(serde_json::to_value(m).unwrap(), m.code());
        }
        for s in EventStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.code());
        }
    }

    #[test]
    fn only_verified_organizations_publish() {
        assert_eq!(
            publish(EventStatus::Draft, OrgStatus::Verified),
            Ok(EventStatus::Published)
        );
        for org in [
            OrgStatus::Registered,
            OrgStatus::VerificationRequested,
            OrgStatus::Suspended,
            OrgStatus::Rejected,
        ] {
            assert_eq!(
                publish(EventStatus::Draft, org).unwrap_err().code,
                "org_not_verified"
            );
        }
        assert!(publish(EventStatus::Published, OrgStatus::Verified).is_err());
        assert_eq!(cancel(EventStatus::Published), Ok(EventStatus::Cancelled));
        assert!(cancel(EventStatus::Cancelled).is_err());
    }

    #[test]
    fn shifts_end_after_they_start_and_lie_ahead() {
        let now = Utc::now();
        let t = now + Duration::days(1);
        assert_eq!(shift_times(t, t + Duration::hours(4), now), Ok(()));
        assert_eq!(shift_times(t, t, now), Err(Invalid::EndBeforeStart));
        assert_eq!(
            shift_times(t, t - Duration::hours(1), now),
            Err(Invalid::EndBeforeStart)
        );
        assert_eq!(
            shift_times(now - Duration::hours(2), now + Duration::hours(2), now),
            Err(Invalid::InPast)
        );
        assert_eq!(
            shift_times(t, t + Duration::hours(25), now),
            Err(Invalid::TooLongSpan { max_hours: 24 })
        );
        assert_eq!(capacity("20"), Ok(20));
        for bad in ["0", "-5", "10001", "abc", "2.5"] {
            assert_eq!(
                capacity(bad),
                Err(Invalid::NumberOutOfRange {
                    min: 1,
                    max: 10_000
                }),
                "{bad}"
            );
        }
        assert_eq!(capacity(" "), Err(Invalid::Required));
        assert_eq!(EventMode::parse("moderated"), Ok(EventMode::Moderated));
        assert_eq!(EventMode::parse("x"), Err(Invalid::ChoiceUnknown));
        assert_eq!(
            EventStatus::from_code("published"),
            Some(EventStatus::Published)
        );
    }

    #[test]
    fn modes_and_statuses_round_trip_as_stored() {
        for m in EventMode::ALL {
            assert_eq!(EventMode::try_from(m.code().to_owned()), Ok(m));
            assert_eq!(m.code().parse::<EventMode>(), Ok(m));
            assert_eq!(m.to_string(), m.code());
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(json, format!("\"{}\"", m.code()));
        }
        for e in EventStatus::ALL {
            assert_eq!(EventStatus::try_from(e.code().to_owned()), Ok(e));
            assert_eq!(e.code().parse::<EventStatus>(), Ok(e));
            assert_eq!(e.to_string(), e.code());
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(json, format!("\"{}\"", e.code()));
        }
        assert_eq!(
            EventStatus::try_from("open".to_owned()),
            Err(Invalid::ChoiceUnknown)
        );
        assert_eq!(
            EventMode::try_from("lottery".to_owned()),
            Err(Invalid::ChoiceUnknown)
        );
    }

    #[test]
    fn the_law_for_minors() {
        let emergencies = activity_type("emergencies").unwrap();
        let ecology = activity_type("environment").unwrap();
        let e = |age, a, hazardous, min_age, consent| {
            eligibility(age, a, hazardous, min_age, 16, consent)
        };
        assert_eq!(
            e(Some(17), emergencies, false, 0, false),
            Err(Ineligible {
                code: "minor_activity_type"
            })
        );
        assert_eq!(
            e(Some(18), emergencies, false, 0, false),
            Ok(Eligibility::Eligible)
        );
        assert_eq!(
            e(Some(17), ecology, true, 0, false),
            Err(Ineligible {
                code: "minor_hazardous"
            })
        );
        assert_eq!(
            e(Some(15), ecology, false, 0, false),
            Ok(Eligibility::NeedsConsent)
        );
        assert_eq!(
            e(Some(15), ecology, false, 0, true),
            Ok(Eligibility::Eligible)
        );
        assert_eq!(
            e(Some(16), ecology, false, 0, false),
            Ok(Eligibility::Eligible)
        );
        assert_eq!(
            e(Some(15), ecology, false, 16, true),
            Err(Ineligible {
                code: "below_min_age"
            })
        );
        assert_eq!(e(None, ecology, false, 0, false), Ok(Eligibility::Eligible));
        assert_eq!(
            e(None, emergencies, false, 0, false),
            Err(Ineligible {
                code: "age_unknown"
            })
        );
    }
}

/// Most shifts one series creates.
pub const MAX_SERIES: usize = 100;

/// A repeated shift: every chosen weekday from `from` to `to` (inclusive), `start`–`end`
/// local time in `tz`. An end at or before the start means the next day (a night shift).
#[derive(Debug, Clone)]
pub struct Series {
    /// First day.
    pub from: chrono::NaiveDate,
    /// Last day.
    pub to: chrono::NaiveDate,
    /// Weekdays; empty means every day.
    pub weekdays: Vec<chrono::Weekday>,
    /// Local start.
    pub start: chrono::NaiveTime,
    /// Local end.
    pub end: chrono::NaiveTime,
}

/// The time zone of an event unless it says otherwise.
pub const DEFAULT_TZ: chrono_tz::Tz = chrono_tz::Asia::Almaty;

/// Parses `HH:MM`.
pub fn time_of_day(s: &str) -> Result<chrono::NaiveTime, Invalid> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Invalid::Required);
    }
    chrono::NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| Invalid::TimeMalformed)
}

/// Parses an IANA time zone name (e.g. `Asia/Almaty`).
pub fn time_zone(s: &str) -> Result<chrono_tz::Tz, Invalid> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(DEFAULT_TZ);
    }
    s.parse::<chrono_tz::Tz>()
        .map_err(|_| Invalid::ChoiceUnknown)
}

/// A local wall-clock time in `tz` as an instant (the earlier one when ambiguous, the
/// first valid minute after a gap).
pub fn local_to_utc(tz: chrono_tz::Tz, t: chrono::NaiveDateTime) -> DateTime<Utc> {
    use chrono::TimeZone;
    match tz.from_local_datetime(&t) {
        chrono::LocalResult::Single(d) | chrono::LocalResult::Ambiguous(d, _) => {
            d.with_timezone(&Utc)
        }
        chrono::LocalResult::None => tz
            .from_local_datetime(&(t + chrono::Duration::hours(1)))
            .earliest()
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_else(|| t.and_utc()),
    }
}

/// Start and end of each shift of a series.
pub type Slots = Vec<(DateTime<Utc>, DateTime<Utc>)>;

/// The shifts of a series as instants, each checked like a single shift.
/// Errors (field, error): `to` before `from`, no matching day, too many, a past start.
pub fn series(
    s: &Series,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<Slots, (&'static str, Invalid)> {
    if s.to < s.from {
        return Err(("date_to", Invalid::EndBeforeStart));
    }
    if s.start == s.end {
        return Err(("end_time", Invalid::EndBeforeStart));
    }
    let mut out = Vec::new();
    let mut day = s.from;
    while day <= s.to {
        use chrono::Datelike;
        if s.weekdays.is_empty() || s.weekdays.contains(&day.weekday()) {
            if out.len() == MAX_SERIES {
                return Err((
                    "date_to",
                    Invalid::TooManyShifts {
                        max: MAX_SERIES as i64,
                    },
                ));
            }
            let end_day = if s.end <= s.start {
                day.succ_opt().unwrap_or(day)
            } else {
                day
            };
            let a = local_to_utc(tz, day.and_time(s.start));
            let b = local_to_utc(tz, end_day.and_time(s.end));
            shift_times(a, b, now).map_err(|e| match e {
                Invalid::InPast => ("date_from", e),
                _ => ("end_time", e),
            })?;
            out.push((a, b));
        }
        match day.succ_opt() {
            Some(d) => day = d,
            None => break,
        }
    }
    if out.is_empty() {
        return Err(("weekdays", Invalid::NoShiftsInRange));
    }
    Ok(out)
}

/// Check-in opens this long before a shift starts.
pub const CHECK_IN_EARLY_MINUTES: i64 = 60;

/// Whether attendance can be taken now: from an hour before the start until the end.
pub fn check_in_open(
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), &'static str> {
    if now < starts - chrono::Duration::minutes(CHECK_IN_EARLY_MINUTES) {
        return Err("check_in_not_yet");
    }
    if now > ends {
        return Err("check_in_closed");
    }
    Ok(())
}

/// A map point inside Kazakhstan's bounding box (40.5–55.5° N, 46.4–87.4° E).
pub fn point(lat: f64, lon: f64) -> Result<(f64, f64), Invalid> {
    if (40.5..=55.5).contains(&lat) && (46.4..=87.4).contains(&lon) {
        Ok((lat, lon))
    } else {
        Err(Invalid::OutsideKazakhstan)
    }
}

/// Signed, time-limited check-in tokens for a shift's QR code: the shift, an expiry, and an
/// HMAC-SHA-256 (truncated to 128 bits) under the server's secret, as 80 hex characters.
pub mod check_in_token {
    use chrono::{DateTime, Utc};
    use hmac::{KeyInit, Mac};
    use uuid::Uuid;

    type HmacSha256 = hmac::Hmac<sha2::Sha256>;

    fn mac(secret: &[u8], body: &[u8]) -> [u8; 16] {
        let mut m = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
        m.update(b"erikti-check-in-v1");
        m.update(body);
        let full = m.finalize().into_bytes();
        let mut out = [0u8; 16];
        out.copy_from_slice(&full[..16]);
        out
    }

    /// A token for `shift` valid until `expires`.
    pub fn sign(secret: &[u8], shift: Uuid, expires: DateTime<Utc>) -> String {
        let mut body = Vec::with_capacity(24);
        body.extend_from_slice(shift.as_bytes());
        body.extend_from_slice(&expires.timestamp().to_be_bytes());
        let tag = mac(secret, &body);
        body.extend_from_slice(&tag);
        hex::encode(body)
    }

    /// The shift of a valid token. Errors: `check_in_token_invalid` (forged, damaged),
    /// `check_in_token_expired`.
    pub fn verify(secret: &[u8], token: &str, now: DateTime<Utc>) -> Result<Uuid, &'static str> {
        let bytes = hex::decode(token.trim()).map_err(|_| "check_in_token_invalid")?;
        if bytes.len() != 40 {
            return Err("check_in_token_invalid");
        }
        let (body, tag) = bytes.split_at(24);
        let mut m = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
        m.update(b"erikti-check-in-v1");
        m.update(body);
        m.verify_truncated_left(tag)
            .map_err(|_| "check_in_token_invalid")?;
        let shift = Uuid::from_slice(&body[..16]).map_err(|_| "check_in_token_invalid")?;
        let mut exp = [0u8; 8];
        exp.copy_from_slice(&body[16..24]);
        if now.timestamp() > i64::from_be_bytes(exp) {
            return Err("check_in_token_expired");
        }
        Ok(shift)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn round_trip_forgery_and_expiry() {
            let secret = b"0123456789abcdef0123456789abcdef";
            let shift = Uuid::now_v7();
            let now = Utc::now();
            let t = sign(secret, shift, now + chrono::Duration::minutes(5));
            assert_eq!(t.len(), 80);
            assert_eq!(verify(secret, &t, now), Ok(shift));
            assert_eq!(
                verify(secret, &t, now + chrono::Duration::minutes(6)),
                Err("check_in_token_expired")
            );
            assert_eq!(
                verify(b"another secret", &t, now),
                Err("check_in_token_invalid")
            );
            // One changed character anywhere is refused.
            for i in 0..t.len() {
                let mut b = t.clone().into_bytes();
                b[i] = if b[i] == b'0' { b'1' } else { b'0' };
                let forged = String::from_utf8(b).unwrap();
                assert!(verify(secret, &forged, now).is_err(), "position {i}");
            }
            assert_eq!(verify(secret, "zz", now), Err("check_in_token_invalid"));
            assert_eq!(verify(secret, "", now), Err("check_in_token_invalid"));
        }
    }
}

#[cfg(test)]
mod series_tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime, TimeZone, Weekday};

    fn may(weekdays: Vec<Weekday>) -> Series {
        Series {
            from: NaiveDate::from_ymd_opt(2027, 5, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2027, 5, 31).unwrap(),
            weekdays,
            start: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
        }
    }

    #[test]
    fn every_saturday_in_may_at_ten_almaty() {
        let now = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        let shifts = series(&may(vec![Weekday::Sat]), chrono_tz::Asia::Almaty, now).unwrap();
        assert_eq!(shifts.len(), 5); // 1, 8, 15, 22, 29 May 2027
        // 10:00 in Almaty (UTC+5) is 05:00 UTC.
        assert_eq!(
            shifts[0].0,
            Utc.with_ymd_and_hms(2027, 5, 1, 5, 0, 0).unwrap()
        );
        assert_eq!(
            shifts[0].1,
            Utc.with_ymd_and_hms(2027, 5, 1, 9, 0, 0).unwrap()
        );
    }

    #[test]
    fn refusals() {
        let now = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        let mut s = may(vec![]);
        s.to = NaiveDate::from_ymd_opt(2027, 4, 1).unwrap();
        assert_eq!(
            series(&s, chrono_tz::Asia::Almaty, now).unwrap_err().1,
            Invalid::EndBeforeStart
        );
        let mut s = may(vec![]);
        s.to = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
        assert!(matches!(
            series(&s, chrono_tz::Asia::Almaty, now).unwrap_err().1,
            Invalid::TooManyShifts { .. }
        ));
        let late = Utc.with_ymd_and_hms(2027, 6, 1, 0, 0, 0).unwrap();
        assert_eq!(
            series(&may(vec![]), chrono_tz::Asia::Almaty, late)
                .unwrap_err()
                .1,
            Invalid::InPast
        );
        let mut s = may(vec![Weekday::Sun]);
        s.to = s.from; // 1 May 2027 is a Saturday
        assert_eq!(
            series(&s, chrono_tz::Asia::Almaty, now).unwrap_err().1,
            Invalid::NoShiftsInRange
        );
        assert_eq!(time_of_day("25:00"), Err(Invalid::TimeMalformed));
        assert_eq!(time_of_day("9:30").unwrap().to_string(), "09:30:00");
        assert!(time_zone("Mars/Olympus").is_err());
        assert_eq!(time_zone("").unwrap(), chrono_tz::Asia::Almaty);
        assert_eq!(point(43.24, 76.89), Ok((43.24, 76.89)));
        assert_eq!(point(48.85, 2.35), Err(Invalid::OutsideKazakhstan));
    }

    #[test]
    fn night_shift_ends_next_day() {
        let now = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        let mut s = may(vec![Weekday::Sat]);
        s.start = NaiveTime::from_hms_opt(22, 0, 0).unwrap();
        s.end = NaiveTime::from_hms_opt(2, 0, 0).unwrap();
        let shifts = series(&s, chrono_tz::Asia::Almaty, now).unwrap();
        assert_eq!((shifts[0].1 - shifts[0].0).num_hours(), 4);
    }

    #[test]
    fn check_in_window() {
        let start = Utc.with_ymd_and_hms(2027, 5, 1, 5, 0, 0).unwrap();
        let end = start + chrono::Duration::hours(4);
        assert_eq!(
            check_in_open(start, end, start - chrono::Duration::hours(2)),
            Err("check_in_not_yet")
        );
        assert!(check_in_open(start, end, start - chrono::Duration::minutes(30)).is_ok());
        assert_eq!(
            check_in_open(start, end, end + chrono::Duration::minutes(1)),
            Err("check_in_closed")
        );
    }
}

/// Minutes of attendance that become hours: from check-in to check-out, never more than
/// the shift lasts (whole minutes; none when the times are reversed).
pub fn attended_minutes(
    checked_in: DateTime<Utc>,
    checked_out: DateTime<Utc>,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
) -> i64 {
    (checked_out - checked_in)
        .num_minutes()
        .min((ends - starts).num_minutes())
        .max(0)
}

#[cfg(test)]
mod attended_tests {
    use super::*;

    #[test]
    fn attendance_is_capped_at_the_shift_length() {
        let t = |h: i64, m: i64| {
            DateTime::from_timestamp(1_780_000_000 + h * 3600 + m * 60, 0).unwrap()
        };
        // Shift 10:00–14:00.
        assert_eq!(
            attended_minutes(t(10, 5), t(13, 50), t(10, 0), t(14, 0)),
            225
        );
        assert_eq!(attended_minutes(t(9, 0), t(14, 0), t(10, 0), t(14, 0)), 240);
        assert_eq!(attended_minutes(t(12, 0), t(11, 0), t(10, 0), t(14, 0)), 0);
    }
}
