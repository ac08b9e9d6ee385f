//! The events, shifts and applications of a dataset, laid out around the day of loading.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::ApplicationStatus;
use domain::opportunity::EventMode;
use uuid::Uuid;

use super::Counts;
use super::generator::{Org, Rng, Volunteer, spread, surname_for};
use super::themes::{ACTIVITY_WEIGHTS, THEMES, Theme};
use super::words::{
    CANCEL_REASONS, EVENT_LANGUAGES, INTROS, KK_FEMALE, KK_MALE, KK_SURNAMES, MOTIVATIONS, NOTES,
    REJECT_REASONS, RU_FEMALE, RU_MALE, RU_SURNAMES, STREETS, TOWNS,
};
use crate::JsonList;
use crate::events::EventFields;
use crate::reference::Region;

/// Time zone of the generated events (Kazakhstan keeps one time, UTC+5).
pub(super) const TIME_ZONE: &str = "Asia/Almaty";
/// UTC offset of [`TIME_ZONE`], in hours.
pub(super) const UTC_OFFSET_HOURS: i64 = 5;
/// Below this age an application waits for a parent's consent (as `web::events::CONSENT_AGE`).
pub(super) const CONSENT_AGE: u32 = 16;
/// The scheduler reminds a volunteer of her shift this many hours before it (`web::jobs`)...
pub(super) const SHIFT_REMINDER_HOURS: i64 = 24;
/// ... and a coordinator of an application pending this many days (the default setting).
pub(super) const COORDINATOR_REMINDER_DAYS: i64 = 3;
/// Events per chunk (each chunk: its events, shifts and applications, parents first).
pub(super) const EVENT_CHUNK: usize = 500;
/// Rows per multi-row insert of events (32 columns).
pub(super) const EVENT_BATCH_ROWS: usize = 500;
/// Shifts begin from this many days before today...
pub(super) const WINDOW_PAST_DAYS: i64 = 60;
/// ... to this many days after it.
pub(super) const WINDOW_AHEAD_DAYS: i64 = 120;

/// A volunteer as the applications need her: key and age today.
pub(super) struct Vol {
    pub(super) id: Uuid,
    pub(super) age: u8,
}

/// The volunteers, by region, with the places they hold (minutes from the start of today).
pub(super) struct Vols {
    pub(super) all: Vec<Vol>,
    pub(super) by_region: Vec<Vec<u32>>,
    pub(super) busy: Vec<Vec<(i32, i32)>>,
}

impl Vols {
    pub(super) fn new(n: usize, regions: usize) -> Vols {
        Vols {
            all: Vec::with_capacity(n),
            by_region: vec![Vec::new(); regions],
            busy: Vec::with_capacity(n),
        }
    }

    pub(super) fn push(&mut self, v: &Volunteer, regions: &[String], today: NaiveDate) {
        let region = regions.iter().position(|r| *r == v.region).unwrap_or(0);
        let i = self.all.len() as u32;
        self.all.push(Vol {
            id: v.id,
            age: domain::age_on(v.birth, today).min(255) as u8,
        });
        self.by_region[region].push(i);
        self.busy.push(Vec::new());
    }

    pub(super) fn overlaps(&self, v: u32, start: i32, end: i32) -> bool {
        self.busy[v as usize]
            .iter()
            .any(|&(s, e)| s < end && e > start)
    }
}

pub(super) struct EventRow {
    pub(super) id: Uuid,
    pub(super) org: Uuid,
    /// What its organization typed (`search_text` and `languages_mask` are written from
    /// these, as for any event).
    pub(super) fields: EventFields,
    pub(super) status: &'static str,
    pub(super) next_start: Option<DateTime<Utc>>,
    pub(super) cancel_reason: Option<&'static str>,
    pub(super) created_at: DateTime<Utc>,
    pub(super) updated_at: DateTime<Utc>,
    // What the applications need.
    pub(super) region: usize,
    /// Youngest age that may apply (the law's adult-only types and hazard: 18).
    pub(super) min_age_any: u32,
    pub(super) cancelled_at: Option<DateTime<Utc>>,
    pub(super) shifts: std::ops::Range<usize>,
}

pub(super) struct ShiftRow {
    pub(super) id: Uuid,
    pub(super) event: Uuid,
    pub(super) starts_at: DateTime<Utc>,
    pub(super) ends_at: DateTime<Utc>,
    pub(super) capacity: i64,
    pub(super) accepted: i64,
    pub(super) created_at: DateTime<Utc>,
    /// Minutes from the start of today (negative: before).
    pub(super) start_min: i32,
    pub(super) end_min: i32,
    pub(super) weight: f64,
}

pub(super) struct AppRow {
    pub(super) id: Uuid,
    pub(super) shift: Uuid,
    pub(super) event: Uuid,
    pub(super) volunteer: Uuid,
    pub(super) status: ApplicationStatus,
    pub(super) motivation: Option<&'static str>,
    pub(super) created_at: DateTime<Utc>,
    pub(super) decided_at: Option<DateTime<Utc>>,
    pub(super) reason: Option<&'static str>,
    pub(super) consent_required: bool,
    pub(super) checked_in_at: Option<DateTime<Utc>>,
    pub(super) checked_out_at: Option<DateTime<Utc>>,
    pub(super) shift_reminded_at: Option<DateTime<Utc>>,
    pub(super) coordinator_reminded_at: Option<DateTime<Utc>>,
}

/// Events, shifts and applications of one chunk, ready to insert.
pub(super) struct Chunk {
    pub(super) events: Vec<EventRow>,
    pub(super) shifts: Vec<ShiftRow>,
    pub(super) applications: Vec<AppRow>,
}

/// The events and shifts, laid out before loading; the applications are made a chunk at a
/// time (they need the volunteers, made in the same transaction).
pub(super) struct EventPlan {
    pub(super) rng: Rng,
    pub(super) events: Vec<EventRow>,
    pub(super) shifts: Vec<ShiftRow>,
    /// Start of today in Kazakhstan.
    pub(super) day0: DateTime<Utc>,
    pub(super) n_apps: u64,
    /// The time of loading.
    pub(super) now: DateTime<Utc>,
    pub(super) total_weight: f64,
    /// Weight of the shifts already given applications; applications given so far.
    pub(super) weight_done: f64,
    pub(super) apps_allotted: u64,
    /// Applications a shift could not find volunteers for, carried to the next.
    pub(super) carry: u64,
    pub(super) apps_done: u64,
    pub(super) next_event: usize,
}

pub(super) fn minutes(m: i64) -> Duration {
    Duration::minutes(m)
}

impl EventPlan {
    pub(super) fn new(
        seed: u64,
        counts: &Counts,
        orgs: &[Org],
        regions: &[Region],
        today: NaiveDate,
        at: DateTime<Utc>,
    ) -> EventPlan {
        let day0 = today.and_hms_opt(0, 0, 0).expect("midnight").and_utc()
            - Duration::hours(UTC_OFFSET_HOURS);
        let mut p = EventPlan {
            rng: Rng::new(seed ^ 0x0E7E_4700_5EED_0001),
            events: Vec::new(),
            shifts: Vec::new(),
            day0,
            n_apps: counts.applications,
            now: at,
            total_weight: 0.0,
            weight_done: 0.0,
            apps_allotted: 0,
            carry: 0,
            apps_done: 0,
            next_event: 0,
        };
        let verified: Vec<&Org> = orgs.iter().filter(|o| o.status == "verified").collect();
        if verified.is_empty() || counts.events == 0 {
            return p;
        }
        let n_events = counts.events as usize;
        let n_shifts = (counts.shifts as usize).max(n_events);
        // Shifts per event: one each, the rest by weight (many small events, some long series).
        let weights: Vec<u64> = (0..n_events)
            .map(|_| match p.rng.below(100) {
                0..=44 => p.rng.below(4),
                45..=79 => 4 + p.rng.below(12),
                _ => 14 + p.rng.below(26),
            })
            .collect();
        let per_event = spread(n_shifts - n_events, &weights);
        p.events.reserve(n_events);
        p.shifts.reserve(n_shifts);
        for k in per_event {
            p.event(&verified, regions, 1 + k as usize, at);
        }
        // In the order they were created, as the application would have written them: the
        // time-ordered keys then arrive mostly in order, and the indexes grow at their end.
        p.events.sort_by_key(|e| (e.created_at, e.id));
        let mut shifts = Vec::with_capacity(p.shifts.len());
        for e in &mut p.events {
            let from = shifts.len();
            shifts.extend(p.shifts[e.shifts.clone()].iter().map(|s| ShiftRow { ..*s }));
            e.shifts = from..shifts.len();
        }
        p.shifts = shifts;
        p.total_weight = p.shifts.iter().map(|s| s.weight).sum();
        p
    }

    /// The instant `m` minutes from the start of today.
    pub(super) fn at_min(&self, m: i64) -> DateTime<Utc> {
        self.day0 + minutes(m)
    }

    pub(super) fn event(
        &mut self,
        orgs: &[&Org],
        regions: &[Region],
        n_shifts: usize,
        at: DateTime<Utc>,
    ) {
        let rng = &mut self.rng;
        // A few organizations are much busier than the rest.
        let u = rng.unit();
        let org = orgs[((u * u * orgs.len() as f64) as usize).min(orgs.len() - 1)];
        let org_region = regions
            .iter()
            .position(|r| r.code == org.region)
            .unwrap_or(0);
        let region = if rng.below(100) < 90 {
            org_region
        } else {
            rng.below(regions.len() as u64) as usize
        };
        let r = &regions[region];
        let mut x = rng.below(ACTIVITY_WEIGHTS.iter().map(|(_, w)| w).sum());
        let activity = ACTIVITY_WEIGHTS
            .iter()
            .find(|(_, w)| {
                let hit = x < *w;
                if !hit {
                    x -= w;
                }
                hit
            })
            .map_or("other_useful", |(a, _)| *a);
        let themes: Vec<&Theme> = THEMES.iter().filter(|t| t.activity == activity).collect();
        let t = *rng.pick(&themes);
        let adults_only = domain::reference::activity_type(activity).is_some_and(|a| a.adults_only);
        let online = t.online && rng.below(100) < 45;
        let hazardous = t.risky && !online && rng.below(100) < 40;
        let min_age: i64 = if adults_only || hazardous {
            18
        } else {
            match rng.below(100) {
                0..=69 => 0,
                70..=81 => 14,
                82..=91 => 16,
                _ => 18,
            }
        };
        let mut l = rng.below(100);
        let &(_, languages, kk, ru, en) = EVENT_LANGUAGES
            .iter()
            .find(|e| {
                let hit = l < e.0;
                if !hit {
                    l -= e.0;
                }
                hit
            })
            .unwrap_or(&EVENT_LANGUAGES[0]);
        // Where: the regional centre or another town of the region, a street address.
        let towns: Vec<_> = TOWNS.iter().filter(|t| t.0 == r.code).collect();
        let (town_kk, town_ru, town_en, lat0, lon0) = if towns.is_empty() || rng.below(100) < 65 {
            (
                r.center_kk.as_str(),
                r.center_ru.as_str(),
                r.center_en.as_str(),
                r.lat,
                r.lon,
            )
        } else {
            let t = *rng.pick(&towns);
            (t.1, t.2, t.3, t.4, t.5)
        };
        let (locality, address, lat, lon) = if online {
            (None, None, None, None)
        } else {
            let street = *rng.pick(STREETS);
            let house = 1 + rng.below(150);
            let jitter = |rng: &mut Rng| (rng.unit() - 0.5) * 0.06;
            let (lat, lon) = (lat0 + jitter(rng), lon0 + jitter(rng) * 1.5);
            let (locality, street) = if kk {
                (town_kk, street.0)
            } else {
                (town_ru, street.1)
            };
            (
                Some(locality.to_owned()),
                Some(format!("{street}, {house}")),
                Some((lat * 1e5).round() / 1e5),
                Some((lon * 1e5).round() / 1e5),
            )
        };
        let (where_kk, where_ru, where_en) = if online {
            (
                "онлайн".to_owned(),
                "онлайн".to_owned(),
                "online".to_owned(),
            )
        } else {
            (town_kk.to_owned(), town_ru.to_owned(), town_en.to_owned())
        };
        let intro = *rng.pick(INTROS);
        let note = *rng.pick(NOTES);
        let title = |name: &str, place: &str| format!("{name} — {place}");
        let describe = |intro: &str, name: &str, what: &str, place: &str, org: &str, note: &str| {
            format!("{intro} {name}. {what}: {place}. {org}. {note}")
        };
        let title_kk = kk.then(|| title(t.kk, &where_kk));
        let title_ru = ru.then(|| title(t.ru, &where_ru));
        let title_en = en.then(|| title(t.en, &where_en));
        let description_kk = kk.then(|| {
            describe(
                intro.0,
                t.kk,
                "Өтетін орны",
                &where_kk,
                &format!("Ұйымдастырушы: {}", org.name_kk),
                note.0,
            )
        });
        let description_ru = ru.then(|| {
            describe(
                intro.1,
                t.ru,
                "Место",
                &where_ru,
                &format!("Организатор: {}", org.name_ru),
                note.1,
            )
        });
        let description_en = en.then(|| {
            describe(
                intro.2,
                t.en,
                "Where",
                &where_en,
                &format!("Organizer: {}", org.name_ru),
                note.2,
            )
        });
        let skills: Vec<String> = t
            .skills
            .iter()
            .filter(|_| rng.below(100) < 60)
            .map(|s| (*s).to_owned())
            .collect();
        let female = rng.below(100) < 60;
        let (first, last) = if kk {
            (
                if female {
                    *rng.pick(KK_FEMALE)
                } else {
                    *rng.pick(KK_MALE)
                },
                *rng.pick(KK_SURNAMES),
            )
        } else {
            (
                if female {
                    *rng.pick(RU_FEMALE)
                } else {
                    *rng.pick(RU_MALE)
                },
                *rng.pick(RU_SURNAMES),
            )
        };
        let contact_name = format!("{first} {}", surname_for(last, female));
        let contact_phone = format!(
            "+77{}{:07}",
            rng.pick(&["01", "02", "05", "07", "47", "75", "76", "77", "78"]),
            rng.below(10_000_000)
        );
        let mode = if rng.below(100) < 80 {
            EventMode::FirstCome
        } else {
            EventMode::Moderated
        };
        let u = rng.unit();
        let popularity = 0.15 + 3.5 * u * u * u;
        let capacity = 5 + (45.0 * rng.unit().powf(1.6)) as i64;

        // When: n shifts over one day or a series of days, 2 to 6 hours each.
        let mut per_day = match n_shifts {
            0..=5 => 1,
            6..=11 => 1 + rng.below(2) as usize,
            _ => 1 + rng.below(3) as usize,
        };
        per_day = per_day.max(n_shifts.div_ceil(170));
        let days = n_shifts.div_ceil(per_day) as i64;
        let mut step = if days == 1 {
            0
        } else {
            *rng.pick(&[1, 1, 2, 3, 7, 7])
        };
        if (days - 1) * step > 170 {
            step = 1;
        }
        let span = (days - 1) * step;
        let first_day = -WINDOW_PAST_DAYS
            + rng.below((WINDOW_PAST_DAYS + WINDOW_AHEAD_DAYS - span) as u64) as i64;
        let base = 8 * 60 + 30 * rng.below(7) as i64;
        let slots = per_day.min(3) as i64;
        let longest = ((23 * 60 - base) / slots / 60).clamp(2, 6);
        let hours = 2 + rng.below((longest - 1) as u64) as i64;
        let first_shift = self.shifts.len();
        let mut starts = Vec::with_capacity(n_shifts);
        for i in 0..n_shifts {
            let day = first_day + (i / per_day) as i64 * step;
            let slot = (i % per_day) as i64 % slots;
            let start = day * 1440 + base + slot * hours * 60;
            starts.push((start, start + hours * 60));
        }
        let first_start = self.at_min(starts[0].0);
        let last_start = starts.iter().map(|s| s.0).max().unwrap_or(0);
        // Created before its first shift and before today; published a little later.
        let rng = &mut self.rng;
        let before_first = first_start - minutes(2 * 1440 + rng.below(28 * 1440) as i64);
        let before_today = self.day0 - minutes(120 + rng.below(20 * 1440) as i64);
        let created_at = before_first.min(before_today);
        let roll = rng.below(100);
        let all_past = last_start < 0;
        let (status, cancelled_at) = if roll < 4 && starts[0].0 > 0 {
            ("draft", None)
        } else if roll < 7 {
            // Called off before its first shift.
            let until = first_start.min(self.day0);
            let span = (until - created_at).num_minutes().max(121) - 120;
            (
                "cancelled",
                Some(created_at + minutes(60 + rng.below(span as u64) as i64)),
            )
        } else if all_past && roll < 80 {
            ("completed", None)
        } else {
            ("published", None)
        };
        let last_end = self.day0 + minutes(starts.iter().map(|s| s.1).max().unwrap_or(0));
        let updated_at = match status {
            "cancelled" => cancelled_at.unwrap_or(created_at),
            "completed" => (last_end + minutes(60 + rng.below(2 * 1440) as i64)).min(self.day0),
            "published" => (created_at + minutes(rng.below(2 * 1440) as i64)).min(self.day0),
            _ => created_at,
        };
        let id = rng.uuid_at(created_at);
        // The start of the first coming shift: kept on drafts and published events, cleared
        // on cancel, and refreshed to nothing once every shift has begun.
        let next_start = match status {
            "draft" | "published" => starts
                .iter()
                .map(|s| self.day0 + minutes(s.0))
                .filter(|t| *t > at)
                .min(),
            _ => None,
        };
        for (i, (s, e)) in starts.iter().enumerate() {
            let rng = &mut self.rng;
            let cap = (capacity + rng.below(5) as i64 - 2).clamp(5, 50);
            let ahead_days = s / 1440;
            let soon = if ahead_days <= 7 {
                1.0
            } else {
                (1.0 - ahead_days as f64 / 160.0).max(0.25)
            };
            let weight = if status == "draft" {
                0.0
            } else {
                popularity * cap as f64 * soon * (0.6 + 0.8 * rng.unit())
            };
            let created = created_at + Duration::seconds(1 + i as i64 / 50);
            self.shifts.push(ShiftRow {
                id: rng.uuid_at(created),
                event: id,
                starts_at: self.day0 + minutes(*s),
                ends_at: self.day0 + minutes(*e),
                capacity: cap,
                accepted: 0,
                created_at: created,
                start_min: *s as i32,
                end_min: *e as i32,
                weight,
            });
        }
        let direction = t.direction.filter(|_| self.rng.below(100) < 90);
        let cancel_reason = cancelled_at.map(|_| *self.rng.pick(CANCEL_REASONS));
        self.events.push(EventRow {
            id,
            org: org.id,
            fields: EventFields {
                title_kk,
                title_ru,
                title_en,
                description_kk,
                description_ru,
                description_en,
                direction: direction.map(str::to_owned),
                activity_type: activity.to_owned(),
                region_code: r.code.clone(),
                locality,
                address,
                lat,
                lon,
                online,
                time_zone: TIME_ZONE.to_owned(),
                min_age,
                hazardous,
                skills: JsonList(skills),
                languages: JsonList(languages.iter().map(|l| (*l).to_owned()).collect()),
                contact_name: Some(contact_name),
                contact_phone: Some(contact_phone),
                mode,
                project_id: None,
            },
            status,
            next_start,
            cancel_reason,
            created_at,
            updated_at,
            region,
            min_age_any: min_age as u32,
            cancelled_at,
            shifts: first_shift..self.shifts.len(),
        });
    }

    /// The next chunk of events with their shifts and applications; None when all are out.
    pub(super) fn next_chunk(&mut self, vols: &mut Vols) -> Option<Chunk> {
        if self.next_event >= self.events.len() {
            return None;
        }
        let end = (self.next_event + EVENT_CHUNK).min(self.events.len());
        let mut applications = Vec::new();
        for e in self.next_event..end {
            for s in self.events[e].shifts.clone() {
                // Applications by weight, the running total rounded: the sum is exact.
                self.weight_done += self.shifts[s].weight;
                let due = if self.total_weight > 0.0 {
                    ((self.weight_done / self.total_weight) * self.n_apps as f64).round() as u64
                } else {
                    0
                }
                .min(self.n_apps);
                let want = due - self.apps_allotted + self.carry;
                self.apps_allotted = due;
                let made = self.applications(e, s, want as usize, vols, &mut applications);
                self.carry = want - made as u64;
            }
        }
        let events: Vec<EventRow> = self.events[self.next_event..end]
            .iter_mut()
            .map(|e| EventRow {
                fields: std::mem::take(&mut e.fields),
                shifts: e.shifts.clone(),
                ..*e
            })
            .collect();
        let first_shift = events.first().map_or(0, |e| e.shifts.start);
        let last_shift = events.last().map_or(0, |e| e.shifts.end);
        let shifts = self.shifts[first_shift..last_shift]
            .iter()
            .map(|s| ShiftRow { ..*s })
            .collect();
        self.next_event = end;
        self.apps_done += applications.len() as u64;
        Some(Chunk {
            events,
            shifts,
            applications,
        })
    }

    /// Up to `n` applications to shift `s` of event `e`, in the order they arrived; returns
    /// how many were made (fewer when not enough volunteers are free and old enough).
    pub(super) fn applications(
        &mut self,
        e: usize,
        s: usize,
        n: usize,
        vols: &mut Vols,
        out: &mut Vec<AppRow>,
    ) -> usize {
        if n == 0 || vols.all.is_empty() {
            return 0;
        }
        let ev = &self.events[e];
        let sh = &self.shifts[s];
        let (start, end) = (sh.start_min, sh.end_min);
        let past = start < 0;
        let moderated = ev.fields.mode == EventMode::Moderated;
        // They applied between the event's publication and the shift (and before today, and
        // before a cancellation).
        let from = ev.created_at + minutes(30);
        let mut until = (sh.starts_at - minutes(60)).min(self.day0);
        if let Some(c) = ev.cancelled_at {
            until = until.min(c - minutes(1));
        }
        let span = (until - from).num_seconds().max(60) as u64;
        let mut chosen: Vec<u32> = Vec::with_capacity(n);
        let mut tries = 0;
        while chosen.len() < n && tries < n * 20 + 40 {
            tries += 1;
            let v = if !ev.fields.online
                && self.rng.below(100) < 85
                && !vols.by_region[ev.region].is_empty()
            {
                *self.rng.pick(&vols.by_region[ev.region])
            } else {
                self.rng.below(vols.all.len() as u64) as u32
            };
            let age = u32::from(vols.all[v as usize].age);
            if age < ev.min_age_any
                || (past && age < CONSENT_AGE)
                || chosen.contains(&v)
                || vols.overlaps(v, start, end)
            {
                continue;
            }
            chosen.push(v);
        }
        let mut times: Vec<u64> = (0..chosen.len()).map(|_| self.rng.below(span)).collect();
        times.sort_unstable();
        let mut accepted = 0i64;
        let capacity = sh.capacity;
        for (v, t) in chosen.iter().zip(times) {
            let rng = &mut self.rng;
            let created_at = from + Duration::seconds(t as i64);
            let vol = &vols.all[*v as usize];
            let later = |rng: &mut Rng, hours: u64| {
                let d = created_at + minutes(10 + rng.below(hours * 60) as i64);
                d.min(until.max(created_at))
            };
            let mut a = AppRow {
                id: rng.uuid_at(created_at),
                shift: sh.id,
                event: ev.id,
                volunteer: vol.id,
                status: ApplicationStatus::Waitlisted,
                motivation: (rng.below(100) < 15).then(|| *rng.pick(MOTIVATIONS)),
                created_at,
                decided_at: None,
                reason: None,
                consent_required: false,
                checked_in_at: None,
                checked_out_at: None,
                shift_reminded_at: None,
                coordinator_reminded_at: None,
            };
            let r = rng.below(100);
            let mut holds = false;
            if r < 5 {
                // Withdrawn by the volunteer before the shift.
                a.status = ApplicationStatus::Cancelled;
                a.decided_at = Some(later(rng, 72));
            } else if let Some(c) = ev.cancelled_at {
                a.status = ApplicationStatus::Cancelled;
                a.decided_at = Some(c);
                a.reason = Some("event_cancelled");
            } else if u32::from(vol.age) < CONSENT_AGE {
                // A young minor: held until a parent's consent is recorded.
                a.status = ApplicationStatus::Pending;
                a.consent_required = true;
            } else if moderated {
                if r < 15 || (past && accepted >= capacity) {
                    a.status = ApplicationStatus::Rejected;
                    a.decided_at = Some(later(rng, 48));
                    a.reason = Some(*rng.pick(REJECT_REASONS));
                } else if !past && (r < 50 || accepted >= capacity) {
                    a.status = ApplicationStatus::Pending;
                } else {
                    a.decided_at = Some(later(rng, 48));
                    holds = true;
                }
            } else if accepted < capacity {
                holds = true;
            }
            if holds {
                // As the scheduler would have by now: the volunteer reminded a day before
                // her shift (or at once when accepted later).
                let accepted_at = a.decided_at.unwrap_or(created_at);
                if sh.starts_at <= self.now + Duration::hours(SHIFT_REMINDER_HOURS) {
                    a.shift_reminded_at = Some(
                        (sh.starts_at - Duration::hours(SHIFT_REMINDER_HOURS))
                            .max(accepted_at)
                            .min(self.now),
                    );
                }
                accepted += 1;
                vols.busy[*v as usize].push((start, end));
                a.status = ApplicationStatus::Accepted;
                if past {
                    if rng.below(100) < 86 {
                        a.status = ApplicationStatus::Completed;
                        a.checked_in_at = Some(sh.starts_at + minutes(rng.below(20) as i64 - 10));
                        a.checked_out_at = Some(sh.ends_at - minutes(rng.below(15) as i64));
                    } else {
                        a.status = ApplicationStatus::NoShow;
                        let room = (self.day0 - sh.ends_at).num_minutes().max(1) as u64;
                        a.decided_at =
                            Some(sh.ends_at + minutes(rng.below(room.min(24 * 60)) as i64));
                    }
                }
            }
            // ... and the coordinator reminded of an application pending for some days.
            let remind_at = created_at + Duration::days(COORDINATOR_REMINDER_DAYS);
            if a.status == ApplicationStatus::Pending
                && !a.consent_required
                && remind_at <= self.now
            {
                a.coordinator_reminded_at = Some(remind_at);
            }
            out.push(a);
        }
        self.shifts[s].accepted = accepted;
        chosen.len()
    }
}
