//! Ranking nearby suitable volunteers for a request: who is eligible, how each scores and
//! why.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::HelpType;
use crate::{ADULT_AGE, Lang};

/// Mean Earth radius, in km.
const EARTH_KM: f64 = 6371.0;

/// Great-circle (haversine) distance in km between two `(lat, lon)` points in degrees.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let dp = p2 - p1;
    let dl = (b.1 - a.1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    EARTH_KM * 2.0 * h.clamp(0.0, 1.0).sqrt().asin()
}

/// What a request asks for, as far as ranking is concerned.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestFacts {
    /// Where the help is needed (`(lat, lon)`); ignored for online consultations.
    pub point: (f64, f64),
    /// The kind of help.
    pub help: HelpType,
    /// The person's preferred language.
    pub lang: Lang,
    /// Wanted skills (codes); may be empty.
    pub skills: Vec<String>,
    /// Preferred time window, if any.
    pub preferred: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// A volunteer who might help.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The volunteer's user id.
    pub id: Uuid,
    /// Her home point `(lat, lon)`, if known.
    pub point: Option<(f64, f64)>,
    /// The point is her region's centre, not her own.
    pub approximate: bool,
    /// Her age today, if her birth date is known.
    pub age: Option<u32>,
    /// Languages she speaks (codes `kk`, `ru`, `en`).
    pub languages: Vec<String>,
    /// Her skills (codes).
    pub skills: Vec<String>,
    /// Her accepted shifts and assignments.
    pub busy: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    /// Help requests she currently holds (assigned or in progress).
    pub open_assignments: u32,
    /// Times she did not turn up.
    pub no_shows: u32,
}

/// One ranked volunteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// The volunteer's user id.
    pub id: Uuid,
    /// Score: higher is better (may be negative; only comparable within one ranking).
    pub score: f64,
    /// Distance to the request, for home visits (`None` for online consultations).
    pub distance_km: Option<f64>,
    /// Why she ranks where she does, in a stable order: distance, language, skills,
    /// time, load, no-shows.
    pub reasons: Vec<Reason>,
}

/// One reason of a ranking, shown to the front-office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Distance to the request in tenths of a km; `approximate` when measured from her
    /// region's centre.
    Distance {
        /// Distance in tenths of a km (rounded).
        km_tenths: i64,
        /// Measured from her region's centre, not her own point.
        approximate: bool,
    },
    /// She speaks the person's preferred language.
    SpeaksLanguage,
    /// She does not speak the person's preferred language.
    NoCommonLanguage,
    /// She has `matched` of the `wanted` skills (only when skills are wanted).
    Skills {
        /// Wanted skills she has.
        matched: u32,
        /// Wanted skills.
        wanted: u32,
    },
    /// Nothing else booked in the preferred window (only when there is one).
    Free,
    /// Something else booked in the preferred window.
    Busy,
    /// Help requests she already holds (only when more than 0).
    Load(u32),
    /// Times she did not turn up (only when more than 0).
    NoShows(u32),
}

impl Reason {
    /// Stable code, the Fluent message id: `help_reason_distance`,
    /// `help_reason_distance_approximate`, `help_reason_speaks_language`,
    /// `help_reason_no_common_language`, `help_reason_skills`, `help_reason_free`,
    /// `help_reason_busy`, `help_reason_load`, `help_reason_no_shows`.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Distance {
                approximate: false, ..
            } => "help_reason_distance",
            Reason::Distance {
                approximate: true, ..
            } => "help_reason_distance_approximate",
            Reason::SpeaksLanguage => "help_reason_speaks_language",
            Reason::NoCommonLanguage => "help_reason_no_common_language",
            Reason::Skills { .. } => "help_reason_skills",
            Reason::Free => "help_reason_free",
            Reason::Busy => "help_reason_busy",
            Reason::Load(_) => "help_reason_load",
            Reason::NoShows(_) => "help_reason_no_shows",
        }
    }

    /// Named numeric arguments for the message: `km_tenths`; `matched`, `wanted`; `count`.
    pub fn args(&self) -> Vec<(&'static str, i64)> {
        match *self {
            Reason::Distance { km_tenths, .. } => vec![("km_tenths", km_tenths)],
            Reason::Skills { matched, wanted } => {
                vec![
                    ("matched", i64::from(matched)),
                    ("wanted", i64::from(wanted)),
                ]
            }
            Reason::Load(n) | Reason::NoShows(n) => vec![("count", i64::from(n))],
            Reason::SpeaksLanguage | Reason::NoCommonLanguage | Reason::Free | Reason::Busy => {
                Vec::new()
            }
        }
    }
}

/// Score points lost per km of distance (home visits).
pub const SCORE_PER_KM: f64 = 4.0;
/// Extra points lost when her point is only her region's centre.
pub const SCORE_APPROXIMATE: f64 = 5.0;
/// Points for speaking the preferred language.
pub const SCORE_LANGUAGE: f64 = 30.0;
/// Points for having all wanted skills (proportionally fewer for some).
pub const SCORE_SKILLS: f64 = 20.0;
/// Points for being free in the preferred window.
pub const SCORE_FREE: f64 = 5.0;
/// Points lost for being busy in the preferred window.
pub const SCORE_BUSY: f64 = 25.0;
/// Points lost per help request she already holds.
pub const SCORE_PER_LOAD: f64 = 4.0;
/// Points lost per past no-show.
pub const SCORE_PER_NO_SHOW: f64 = 10.0;

fn speaks(c: &Candidate, lang: Lang) -> bool {
    let code = lang.code();
    c.languages
        .iter()
        .any(|l| l.trim().eq_ignore_ascii_case(code))
}

fn matched_skills(c: &Candidate, wanted: &[String]) -> u32 {
    wanted
        .iter()
        .filter(|w| c.skills.iter().any(|s| s.eq_ignore_ascii_case(w)))
        .count() as u32
}

fn is_busy(c: &Candidate, window: (DateTime<Utc>, DateTime<Utc>)) -> bool {
    c.busy.iter().any(|&(a, b)| a < window.1 && window.0 < b)
}

/// The distance that counts for `c`, or `None` when she is excluded.
fn eligible_distance(req: &RequestFacts, c: &Candidate, max_km: f64) -> Option<Option<f64>> {
    if !req.help.is_home_visit() {
        return Some(None);
    }
    if c.age.is_none_or(|a| a < ADULT_AGE) {
        return None;
    }
    let p = c.point?;
    // Cheap lower bound first: the latitude difference alone (1° ≈ 111.19 km).
    if (p.0 - req.point.0).abs() * (EARTH_KM * std::f64::consts::PI / 180.0) > max_km {
        return None;
    }
    let d = distance_km(req.point, p);
    // Within reach, which also drops NaN.
    (d <= max_km).then_some(Some(d))
}

fn score(req: &RequestFacts, c: &Candidate, distance: Option<f64>) -> f64 {
    let mut s = 0.0;
    if let Some(d) = distance {
        s -= d * SCORE_PER_KM;
        if c.approximate {
            s -= SCORE_APPROXIMATE;
        }
    }
    if speaks(c, req.lang) {
        s += SCORE_LANGUAGE;
    }
    if !req.skills.is_empty() {
        s += SCORE_SKILLS * f64::from(matched_skills(c, &req.skills)) / req.skills.len() as f64;
    }
    if let Some(w) = req.preferred {
        if is_busy(c, w) {
            s -= SCORE_BUSY;
        } else {
            s += SCORE_FREE;
        }
    }
    s -= f64::from(c.open_assignments) * SCORE_PER_LOAD;
    s -= f64::from(c.no_shows) * SCORE_PER_NO_SHOW;
    s
}

fn reasons(req: &RequestFacts, c: &Candidate, distance: Option<f64>) -> Vec<Reason> {
    let mut r = Vec::with_capacity(6);
    if let Some(d) = distance {
        r.push(Reason::Distance {
            km_tenths: (d * 10.0).round() as i64,
            approximate: c.approximate,
        });
    }
    r.push(if speaks(c, req.lang) {
        Reason::SpeaksLanguage
    } else {
        Reason::NoCommonLanguage
    });
    if !req.skills.is_empty() {
        r.push(Reason::Skills {
            matched: matched_skills(c, &req.skills),
            wanted: req.skills.len() as u32,
        });
    }
    if let Some(w) = req.preferred {
        r.push(if is_busy(c, w) {
            Reason::Busy
        } else {
            Reason::Free
        });
    }
    if c.open_assignments > 0 {
        r.push(Reason::Load(c.open_assignments));
    }
    if c.no_shows > 0 {
        r.push(Reason::NoShows(c.no_shows));
    }
    r
}

/// Best first: higher score, then smaller id.
fn better(
    a: &(f64, usize, Option<f64>),
    b: &(f64, usize, Option<f64>),
    cs: &[Candidate],
) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0)
        .then_with(|| cs[a.1].id.cmp(&cs[b.1].id))
}

/// The `top` best volunteers for a request, best first (score descending, ties by id
/// ascending), each with her [`Reason`]s.
///
/// Home visits (see [`HelpType::is_home_visit`]) go only to adults with a known age and a
/// point within `max_km` of the request; distance dominates the score. Online consultations
/// go to anyone, wherever she lives. The score (higher is better) adds up:
/// −[`SCORE_PER_KM`] per km (and −[`SCORE_APPROXIMATE`] for a region-centre point),
/// +[`SCORE_LANGUAGE`] for the preferred language, up to +[`SCORE_SKILLS`] for the wanted
/// skills, +[`SCORE_FREE`] or −[`SCORE_BUSY`] for the preferred window,
/// −[`SCORE_PER_LOAD`] per open assignment and −[`SCORE_PER_NO_SHOW`] per no-show.
pub fn rank(req: &RequestFacts, candidates: &[Candidate], max_km: f64, top: usize) -> Vec<Ranked> {
    if top == 0 {
        return Vec::new();
    }
    let mut scored: Vec<(f64, usize, Option<f64>)> = candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let d = eligible_distance(req, c, max_km)?;
            Some((score(req, c, d), i, d))
        })
        .collect();
    if scored.len() > top {
        scored.select_nth_unstable_by(top - 1, |a, b| better(a, b, candidates));
        scored.truncate(top);
    }
    scored.sort_unstable_by(|a, b| better(a, b, candidates));
    scored
        .into_iter()
        .map(|(s, i, d)| {
            let c = &candidates[i];
            Ranked {
                id: c.id,
                score: s,
                distance_km: d,
                reasons: reasons(req, c, d),
            }
        })
        .collect()
}

/// Degrees of latitude and longitude spanning `km` either way around a latitude: the box a
/// search for volunteers reads from an index.
pub fn box_deg(lat: f64, km: f64) -> (f64, f64) {
    let dlat = km / 111.0;
    let dlon = km / (111.0 * lat.to_radians().cos().max(0.1));
    (dlat, dlon)
}

/// Whether the ranking of a home visit over the volunteers of the box of `radius_km`
/// ([`box_deg`]; with everyone placed at a region centre) is the ranking of everyone
/// within reach: it is when `top` were ranked and the last of them scores above the best
/// anyone outside could (the language, every skill and a free time, less the distance). A
/// point outside the box is at least `radius_km` away, less 3% for the box's flat degrees.
pub fn ranking_settled(req: &RequestFacts, ranked: &[Ranked], top: usize, radius_km: f64) -> bool {
    if !req.help.is_home_visit() || top == 0 || ranked.len() < top {
        return false;
    }
    let mut best = SCORE_LANGUAGE;
    if !req.skills.is_empty() {
        best += SCORE_SKILLS;
    }
    if req.preferred.is_some() {
        best += SCORE_FREE;
    }
    ranked[top - 1].score > best - SCORE_PER_KM * radius_km * 0.97
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    const ALMATY: (f64, f64) = (43.2389, 76.8897);

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 1, h, 0, 0).unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn cand(n: u128, point: Option<(f64, f64)>) -> Candidate {
        Candidate {
            id: id(n),
            point,
            approximate: false,
            age: Some(30),
            languages: vec!["kk".into(), "ru".into()],
            skills: Vec::new(),
            busy: Vec::new(),
            open_assignments: 0,
            no_shows: 0,
        }
    }

    #[test]
    fn a_ranking_settled_in_a_smaller_box_is_the_whole_ranking() {
        // Dense and sparse crowds around the request, languages, skills, load and
        // no-shows varied: whenever the smaller box says it is settled, it ranks as the
        // whole 30 km does.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut settled = 0;
        for round in 0..60 {
            let spread = [0.02, 0.1, 0.3][round % 3];
            let mut r = req(HelpType::Delivery);
            if round % 2 == 0 {
                r.skills = vec!["driving".into()];
            }
            let all: Vec<Candidate> = (0..400)
                .map(|n| {
                    let f = |v: u64| (v % 2001) as f64 / 1000.0 - 1.0;
                    let mut c = cand(
                        n as u128 + 1,
                        Some((ALMATY.0 + f(next()) * spread, ALMATY.1 + f(next()) * spread)),
                    );
                    let v = next();
                    c.languages = if v % 3 == 0 {
                        vec!["ru".into()]
                    } else {
                        vec!["kk".into()]
                    };
                    if v % 5 == 0 {
                        c.skills = vec!["driving".into()];
                    }
                    c.open_assignments = (v % 7 == 0) as u32;
                    c.no_shows = (v % 11 == 0) as u32;
                    c
                })
                .collect();
            let whole = rank(&r, &all, 30.0, 20);
            for radius in [1.0, 2.0, 5.0, 12.0] {
                let (dlat, dlon) = box_deg(r.point.0, radius);
                let inside: Vec<Candidate> = all
                    .iter()
                    .filter(|c| {
                        let p = c.point.unwrap();
                        (p.0 - r.point.0).abs() <= dlat && (p.1 - r.point.1).abs() <= dlon
                    })
                    .cloned()
                    .collect();
                let ranked = rank(&r, &inside, 30.0, 20);
                if ranking_settled(&r, &ranked, 20, radius) {
                    settled += 1;
                    assert_eq!(ranked, whole, "round {round}, {radius} km");
                }
            }
        }
        assert!(
            settled > 20,
            "the smaller boxes settle often enough to matter: {settled}"
        );
        assert!(!ranking_settled(
            &req(HelpType::OnlineConsultation),
            &[],
            20,
            5.0
        ));
    }

    fn req(help: HelpType) -> RequestFacts {
        RequestFacts {
            point: ALMATY,
            help,
            lang: Lang::Kk,
            skills: Vec::new(),
            preferred: None,
        }
    }

    /// About `km` north of Almaty.
    fn north(km: f64) -> Option<(f64, f64)> {
        Some((ALMATY.0 + km / 111.195, ALMATY.1))
    }

    fn ids(r: &[Ranked]) -> Vec<Uuid> {
        r.iter().map(|r| r.id).collect()
    }

    #[test]
    fn haversine_distances() {
        assert_eq!(distance_km(ALMATY, ALMATY), 0.0);
        // Almaty → Astana is about 970 km.
        let astana = (51.1694, 71.4491);
        let d = distance_km(ALMATY, astana);
        assert!((960.0..980.0).contains(&d), "{d}");
        assert!((distance_km(astana, ALMATY) - d).abs() < 1e-9);
        let one = distance_km(ALMATY, north(1.0).unwrap());
        assert!((one - 1.0).abs() < 0.01, "{one}");
    }

    #[test]
    fn home_visits_filter_minors_far_and_pointless() {
        let mut minor = cand(1, north(1.0));
        minor.age = Some(17);
        let mut unknown = cand(2, north(1.0));
        unknown.age = None;
        let far = cand(3, north(30.0));
        let nowhere = cand(4, None);
        let near = cand(5, north(2.0));
        let nearer = cand(6, north(0.5));
        let all = [minor, unknown, far, nowhere, near, nearer];
        let r = rank(&req(HelpType::Delivery), &all, 20.0, 10);
        assert_eq!(ids(&r), vec![id(6), id(5)]);
        assert!(r[0].score > r[1].score);
        assert!((r[1].distance_km.unwrap() - 2.0).abs() < 0.01);
        assert_eq!(
            r[1].reasons,
            vec![
                Reason::Distance {
                    km_tenths: 20,
                    approximate: false
                },
                Reason::SpeaksLanguage
            ]
        );
        // Online: everyone, distance ignored and not reported.
        let r = rank(&req(HelpType::OnlineConsultation), &all, 20.0, 10);
        assert_eq!(ids(&r), (1..=6).map(id).collect::<Vec<_>>());
        assert!(r.iter().all(|r| r.distance_km.is_none()));
        assert_eq!(r[0].reasons, vec![Reason::SpeaksLanguage]);
        assert_eq!(rank(&req(HelpType::Delivery), &all, 20.0, 0), vec![]);
        assert_eq!(rank(&req(HelpType::Delivery), &[], 20.0, 5), vec![]);
    }

    #[test]
    fn language_skills_time_load_and_no_shows_count() {
        let mut r = req(HelpType::HomeHelp);
        r.lang = Lang::En;
        r.skills = vec!["first_aid".into(), "driving".into()];
        r.preferred = Some((t(10), t(12)));

        let base = cand(1, north(1.0));
        let mut english = cand(2, north(1.0));
        english.languages.push("EN".into());
        let mut skilled = cand(3, north(1.0));
        skilled.skills = vec!["Driving".into(), "cooking".into()];
        let mut busy = cand(4, north(1.0));
        busy.busy = vec![(t(11), t(13))];
        let mut adjacent = cand(5, north(1.0));
        adjacent.busy = vec![(t(8), t(10)), (t(12), t(14))];
        let mut loaded = cand(6, north(1.0));
        loaded.open_assignments = 2;
        let mut flaky = cand(7, north(1.0));
        flaky.no_shows = 1;
        let mut approx = cand(8, north(1.0));
        approx.approximate = true;
        let all = [
            base, english, skilled, busy, adjacent, loaded, flaky, approx,
        ];
        let out = rank(&r, &all, 10.0, 10);
        // english(+30) > skilled(+10) > base = adjacent (ties by id) > approx(-5)
        // > loaded(-8) > flaky(-10) > busy(-30).
        assert_eq!(
            ids(&out),
            [2, 3, 1, 5, 8, 6, 7, 4].map(id).to_vec(),
            "{out:#?}"
        );
        let by = |n: u128| out.iter().find(|x| x.id == id(n)).unwrap().reasons.clone();
        let d = Reason::Distance {
            km_tenths: 10,
            approximate: false,
        };
        let none = Reason::Skills {
            matched: 0,
            wanted: 2,
        };
        assert_eq!(by(2), vec![d, Reason::SpeaksLanguage, none, Reason::Free]);
        assert_eq!(
            by(3),
            vec![
                d,
                Reason::NoCommonLanguage,
                Reason::Skills {
                    matched: 1,
                    wanted: 2
                },
                Reason::Free
            ]
        );
        assert_eq!(by(4), vec![d, Reason::NoCommonLanguage, none, Reason::Busy]);
        assert_eq!(
            by(6),
            vec![
                d,
                Reason::NoCommonLanguage,
                none,
                Reason::Free,
                Reason::Load(2)
            ]
        );
        assert_eq!(
            by(7),
            vec![
                d,
                Reason::NoCommonLanguage,
                none,
                Reason::Free,
                Reason::NoShows(1)
            ]
        );
        assert_eq!(
            by(8)[0],
            Reason::Distance {
                km_tenths: 10,
                approximate: true
            }
        );
        // Distance dominates: 12 km farther outweighs the language bonus, 5 km does not.
        let mut far_english = cand(9, north(12.0));
        far_english.languages = vec!["en".into()];
        let mut mid_english = cand(11, north(5.0));
        mid_english.languages = vec!["en".into()];
        let near = cand(10, north(0.1));
        let out = rank(&r, &[far_english.clone(), near.clone()], 20.0, 2);
        assert_eq!(ids(&out), vec![id(10), id(9)]);
        let out = rank(&r, &[mid_english, near], 20.0, 2);
        assert_eq!(ids(&out), vec![id(11), id(10)]);
    }

    #[test]
    fn reason_codes_are_stable() {
        let all = [
            Reason::Distance {
                km_tenths: 12,
                approximate: false,
            },
            Reason::Distance {
                km_tenths: 12,
                approximate: true,
            },
            Reason::SpeaksLanguage,
            Reason::NoCommonLanguage,
            Reason::Skills {
                matched: 1,
                wanted: 3,
            },
            Reason::Free,
            Reason::Busy,
            Reason::Load(2),
            Reason::NoShows(1),
        ];
        let codes: Vec<_> = all.iter().map(Reason::code).collect();
        assert_eq!(
            codes,
            [
                "help_reason_distance",
                "help_reason_distance_approximate",
                "help_reason_speaks_language",
                "help_reason_no_common_language",
                "help_reason_skills",
                "help_reason_free",
                "help_reason_busy",
                "help_reason_load",
                "help_reason_no_shows"
            ]
        );
        assert_eq!(all[0].args(), vec![("km_tenths", 12)]);
        assert_eq!(all[4].args(), vec![("matched", 1), ("wanted", 3)]);
        assert_eq!(all[8].args(), vec![("count", 1)]);
        assert!(all[2].args().is_empty());
    }

    /// A small deterministic generator (xorshift64*), so the test needs no extra crates.
    struct Gen(u64);
    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    fn generated(n: usize, seed: u64) -> Vec<Candidate> {
        let mut g = Gen(seed);
        let langs = ["kk", "ru", "en"];
        let skills = ["first_aid", "driving", "cooking", "sign_language", "it"];
        (0..n)
            .map(|_| {
                // Few distinct values so that equal scores (and the id tie-break) happen.
                let point = match g.below(10) {
                    0 => None,
                    _ => Some((
                        ALMATY.0 + (g.below(40) as f64 - 20.0) * 0.01,
                        ALMATY.1 + (g.below(40) as f64 - 20.0) * 0.01,
                    )),
                };
                let start = t(0) + Duration::hours(g.below(48) as i64);
                Candidate {
                    // Some ids repeat the same low bits, others are random.
                    id: Uuid::from_u128(
                        u128::from(g.below(1_000_000)) << 64 | u128::from(g.next()),
                    ),
                    point,
                    approximate: g.below(4) == 0,
                    age: match g.below(8) {
                        0 => None,
                        1 => Some(16),
                        _ => Some(18 + g.below(60) as u32),
                    },
                    languages: langs
                        .iter()
                        .filter(|_| g.unit() < 0.5)
                        .map(|s| s.to_string())
                        .collect(),
                    skills: skills
                        .iter()
                        .filter(|_| g.unit() < 0.3)
                        .map(|s| s.to_string())
                        .collect(),
                    busy: (0..g.below(3))
                        .map(|k| {
                            (
                                start + Duration::hours(k as i64 * 5),
                                start + Duration::hours(k as i64 * 5 + 2),
                            )
                        })
                        .collect(),
                    open_assignments: g.below(3) as u32,
                    no_shows: if g.below(10) == 0 { 1 } else { 0 },
                }
            })
            .collect()
    }

    /// The obvious implementation: score everyone, sort everything, take the first `top`.
    fn naive(req: &RequestFacts, cs: &[Candidate], max_km: f64, top: usize) -> Vec<Ranked> {
        let mut all: Vec<Ranked> = cs
            .iter()
            .filter_map(|c| {
                if req.help.is_home_visit() {
                    if c.age.is_none_or(|a| a < 18) {
                        return None;
                    }
                    let d = distance_km(req.point, c.point?);
                    if d > max_km {
                        return None;
                    }
                    let d = Some(d);
                    Some(Ranked {
                        id: c.id,
                        score: score(req, c, d),
                        distance_km: d,
                        reasons: reasons(req, c, d),
                    })
                } else {
                    Some(Ranked {
                        id: c.id,
                        score: score(req, c, None),
                        distance_km: None,
                        reasons: reasons(req, c, None),
                    })
                }
            })
            .collect();
        all.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        all.truncate(top);
        all
    }

    #[test]
    fn partial_sort_equals_full_sort_on_20000() {
        let cs = generated(20_000, 0x9E37_79B9_7F4A_7C15);
        let mut r = req(HelpType::Delivery);
        r.skills = vec!["first_aid".into(), "driving".into()];
        r.preferred = Some((t(10), t(12)));
        for (help, max_km, top) in [
            (HelpType::Delivery, 15.0, 50),
            (HelpType::Delivery, 5.0, 1),
            (HelpType::Delivery, 1.0, 20_000),
            (HelpType::OnlineConsultation, 0.0, 100),
            (HelpType::OnlineConsultation, 0.0, 25_000),
        ] {
            r.help = help;
            let fast = rank(&r, &cs, max_km, top);
            let slow = naive(&r, &cs, max_km, top);
            assert!(!fast.is_empty());
            assert_eq!(fast, slow, "{help:?} {max_km} {top}");
        }
    }
}
