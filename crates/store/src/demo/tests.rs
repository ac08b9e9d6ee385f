//! The generated dataset looks as the application would have written it.

use chrono::{DateTime, Days, Duration, Utc};
use uuid::Uuid;

use super::Scale;
use super::events::UTC_OFFSET_HOURS;
use super::generator::spread;
use super::loader::load_plan;
use crate::testing::TestDb;
use crate::{Db, now, on_db};

/// Statuses that hold a place of a shift.
const HOLDING: &str = "('accepted', 'checked_in', 'completed', 'no_show')";

async fn scalar(db: &Db, sql: &str, at: DateTime<Utc>) -> i64 {
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
        .bind(at).fetch_one(pool).await.unwrap())
}

#[tokio::test]
async fn generated_events_look_like_real_ones_on_every_backend() {
    let today = (Utc::now() + Duration::hours(UTC_OFFSET_HOURS)).date_naive();
    let mut fingerprints = Vec::new();
    for t in TestDb::all().await {
        let (db, name) = (&t.db, t.name);
        let counts = Scale::Small.plan();
        let before = now();
        let s = load_plan(db, 11, &counts, today, &|_, _, _| {})
            .await
            .unwrap();
        assert_eq!((s.events, s.shifts), (40, 300), "{name}");
        assert_eq!(
            s.applications, 2_000,
            "{name}: every application found a volunteer"
        );
        let at = now();
        let count = |sql: &'static str| scalar(db, sql, at);
        assert_eq!(
            count("SELECT COUNT(*) FROM events WHERE $1 IS NOT NULL").await,
            40
        );
        assert_eq!(
            count("SELECT COUNT(*) FROM shifts WHERE $1 IS NOT NULL").await,
            300
        );
        assert_eq!(
            count("SELECT COUNT(*) FROM applications WHERE $1 IS NOT NULL").await,
            2_000
        );
        // The counter of a shift is its applications that hold a place.
        let sql = format!(
            "SELECT COUNT(*) FROM shifts s WHERE $1 IS NOT NULL AND (s.accepted_count > s.capacity \
             OR s.accepted_count <> (SELECT COUNT(*) FROM applications a WHERE a.shift_id = s.id \
             AND a.status IN {HOLDING}))"
        );
        assert_eq!(scalar(db, &sql, at).await, 0, "{name}: accepted_count");
        // Some shifts are full with a waitlist; some applications of each kind.
        assert!(
            count(
                "SELECT COUNT(*) FROM applications WHERE status = 'waitlisted' AND $1 IS NOT NULL"
            )
            .await
                > 0
        );
        for st in ["accepted", "completed", "no_show", "cancelled", "pending"] {
            let sql = format!(
                "SELECT COUNT(*) FROM applications WHERE status = '{st}' AND $1 IS NOT NULL"
            );
            assert!(scalar(db, &sql, at).await > 0, "{name}: some {st}");
        }
        // next_start: the first coming shift of a draft or published event, else none.
        let wrong_next = count(
            "SELECT COUNT(*) FROM events e WHERE CASE WHEN e.status IN ('draft', 'published') \
             THEN e.next_start IS DISTINCT FROM (SELECT MIN(s.starts_at) FROM shifts s \
             WHERE s.event_id = e.id AND s.starts_at > $1) ELSE e.next_start IS NOT NULL END",
        )
        .await;
        assert!(
            wrong_next == 0 || at - before > Duration::seconds(1),
            "{name}: next_start"
        );
        assert!(
            count("SELECT COUNT(*) FROM events WHERE status = 'published' AND next_start > $1")
                .await
                > 10
        );
        // Only verified organizations publish; drafts have no applications; minors stay
        // out of adult events; nobody holds two places at once.
        assert_eq!(
            count(
                "SELECT COUNT(*) FROM events e JOIN organizations o ON o.id = e.organization_id \
                          WHERE o.status <> 'verified' AND $1 IS NOT NULL"
            )
            .await,
            0
        );
        assert_eq!(
            count(
                "SELECT COUNT(*) FROM applications a JOIN events e ON e.id = a.event_id \
                          WHERE e.status = 'draft' AND $1 IS NOT NULL"
            )
            .await,
            0
        );
        let adult_cut = today.checked_sub_days(Days::new(18 * 366)).unwrap();
        let minors: i64 = on_db!(db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM applications a JOIN events e ON e.id = a.event_id \
             JOIN users u ON u.id = a.volunteer_id WHERE e.min_age >= 18 AND u.birth_date > $1",
        ).bind(adult_cut).fetch_one(pool).await.unwrap());
        assert_eq!(minors, 0, "{name}: minors in adult events");
        let sql = format!(
            "SELECT COUNT(*) FROM applications a JOIN shifts s ON s.id = a.shift_id \
             JOIN applications b ON b.volunteer_id = a.volunteer_id AND b.id <> a.id \
             JOIN shifts t ON t.id = b.shift_id WHERE a.status IN {HOLDING} AND b.status IN {HOLDING} \
             AND s.starts_at < t.ends_at AND t.starts_at < s.ends_at AND $1 IS NOT NULL"
        );
        assert_eq!(scalar(db, &sql, at).await, 0, "{name}: overlapping places");
        // What the scheduler would have done already: nothing due.
        let day = Duration::hours(24);
        let unreminded = crate::shifts::due_shift_reminders(db, day - Duration::minutes(1))
            .await
            .unwrap();
        assert!(unreminded.is_empty(), "{name}: shift reminders due");
        let waiting =
            crate::shifts::due_coordinator_reminders(db, Duration::days(3) + Duration::minutes(1))
                .await
                .unwrap();
        assert!(waiting.is_empty(), "{name}: coordinator reminders due");
        assert!(count("SELECT COUNT(*) FROM applications WHERE shift_reminded_at < $1").await > 0);
        // Shifts: 60 days back to 120 ahead, 2 to 6 hours, 5 to 50 places.
        type ShiftCheck = (Uuid, DateTime<Utc>, DateTime<Utc>, i64, i64);
        let shifts: Vec<ShiftCheck> = on_db!(db, pool => sqlx::query_as(
            "SELECT id, starts_at, ends_at, capacity, accepted_count FROM shifts",
        ).fetch_all(pool).await.unwrap());
        let day0 =
            today.and_hms_opt(0, 0, 0).unwrap().and_utc() - Duration::hours(UTC_OFFSET_HOURS);
        for (_, s, e, cap, _) in &shifts {
            assert!(*s >= day0 - Duration::days(60) && *s < day0 + Duration::days(120));
            assert!((2..=6).contains(&(*e - *s).num_hours()) && (*e - *s).num_minutes() % 60 == 0);
            assert!((5..=50).contains(cap));
        }
        // The same seed makes the same rows on every backend.
        let mut events: Vec<(Uuid, String, String)> = on_db!(db, pool => sqlx::query_as(
            "SELECT id, status, search_text FROM events",
        ).fetch_all(pool).await.unwrap());
        events.sort();
        let mut apps: Vec<(Uuid, Uuid, String)> = on_db!(db, pool => sqlx::query_as(
            "SELECT id, volunteer_id, status FROM applications",
        ).fetch_all(pool).await.unwrap());
        apps.sort();
        let mut shifts = shifts;
        shifts.sort_by_key(|s| s.0);
        fingerprints.push((
            format!("{events:?}"),
            format!("{shifts:?}"),
            format!("{apps:?}"),
        ));
        // search_text and languages_mask as the application writes them.
        let ids: Vec<(Uuid, Uuid, String, i64)> = on_db!(db, pool => sqlx::query_as(
            "SELECT id, organization_id, search_text, languages_mask FROM events",
        ).fetch_all(pool).await.unwrap());
        for (id, org, text, mask) in ids.iter().take(12) {
            let e = crate::events::get(db, *id).await.unwrap().unwrap();
            let copy = crate::events::create_with_status(
                db,
                *org,
                &e.fields,
                domain::opportunity::EventStatus::Draft,
            )
            .await
            .unwrap();
            let (t2, m2): (String, i64) = on_db!(db, pool => sqlx::query_as(
                "SELECT search_text, languages_mask FROM events WHERE id = $1",
            ).bind(copy).fetch_one(pool).await.unwrap());
            assert_eq!((text, mask), (&t2, &m2), "{name}: event {id}");
            assert!(!text.is_empty() && *mask > 0);
        }
        // The public search finds them.
        let found = crate::events::search(db, &crate::events::EventQuery::default(), 50, 0)
            .await
            .unwrap();
        assert!(!found.is_empty(), "{name}: search");
        t.drop_db().await;
    }
    assert!(
        fingerprints.windows(2).all(|w| w[0] == w[1]),
        "same data on every backend"
    );
}

#[test]
fn counts_scale_with_volunteers() {
    let c = Scale::National.plan().for_volunteers(30_000);
    assert_eq!(
        (
            c.volunteers,
            c.organizations,
            c.events,
            c.shifts,
            c.applications
        ),
        (30_000, 430, 2_000, 20_000, 200_000)
    );
    assert_eq!(Scale::Small.counts(), (200, 12, 600));
    assert_eq!(spread(10, &[1, 0, 3]), vec![2, 0, 8]);
    assert_eq!(spread(5, &[0, 0]).iter().sum::<u64>(), 5);
}
