use chrono::{Duration, Utc};
use domain::opportunity::{EventMode, EventStatus};
use domain::{Admission, Applicant};
use store::accounts::{self, NewUser};
use store::events::{self as events, EventFields};
use store::shifts;
use store::{Error, organizations};
use uuid::Uuid;

use crate::on_every_backend;

/// An adult: the law lets her apply anywhere these tests apply.
pub(crate) const ADULT: Applicant = Applicant {
    age: Some(30),
    consent_age: 16,
};

pub(crate) async fn volunteers(db: &store::Db, n: usize, tag: &str) -> Vec<Uuid> {
    let mut v = Vec::with_capacity(n);
    for i in 0..n {
        let email = format!("{tag}{i}@example.kz");
        v.push(
            accounts::create_user(
                db,
                &NewUser {
                    email: &email,
                    password_hash: "!",
                    display_name: "В",
                    preferred_lang: "kk",
                    confirmed: true,
                },
            )
            .await
            .unwrap(),
        );
    }
    v
}

pub(crate) async fn event(db: &store::Db, mode: EventMode) -> Uuid {
    let owner = volunteers(db, 1, &format!("owner-{mode}-")).await[0];
    let org = organizations::create(
        db,
        &organizations::Details {
            kind: domain::OrgKind::InitiativeGroup,
            name_kk: Some("Топ".into()),
            region_code: "KZ-55".into(),
            ..Default::default()
        },
        owner,
    )
    .await
    .unwrap();
    events::create_with_status(
        db,
        org,
        &EventFields {
            title_kk: Some("Сенбілік".into()),
            activity_type: "environment".into(),
            region_code: "KZ-55".into(),
            time_zone: "Asia/Almaty".into(),
            mode,
            ..Default::default()
        },
        EventStatus::Published,
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn two_hundred_at_once_for_fifty_places_then_twenty_cancellations() {
    on_every_backend(|db, backend| async move {
        let ev = event(&db, EventMode::FirstCome).await;
        let start = Utc::now() + Duration::days(3);
        let shift = shifts::add_shift(&db, ev, start, start + Duration::hours(4), 50)
            .await
            .unwrap();
        let people = volunteers(&db, 200, "v").await;
        let tasks: Vec<_> = people
            .iter()
            .map(|v| {
                let (db, v) = (db.clone(), *v);
                tokio::spawn(async move { (v, shifts::apply(&db, shift, v, None, ADULT).await) })
            })
            .collect();
        let mut accepted = Vec::new();
        let mut waitlisted = 0;
        for t in tasks {
            let (v, r) = t.await.unwrap();
            match r.unwrap_or_else(|e| panic!("{backend}: {e:?}")) {
                (id, Admission::Accepted) => accepted.push((id, v)),
                (_, Admission::Waitlisted) => waitlisted += 1,
                (_, Admission::Pending | Admission::AwaitingConsent) => {
                    panic!("first come never pends")
                }
            }
        }
        assert_eq!(
            (accepted.len(), waitlisted),
            (50, 150),
            "{backend}: exactly 50 accepted"
        );
        assert_eq!(shifts::places(&db, shift).await.unwrap(), (50, 50, 50, 150));
        assert!(
            db.applications_written_together() > 0,
            "{backend}: applications arriving together are written together"
        );
        // Applying twice is refused.
        let again = shifts::apply(&db, shift, people[0], None, ADULT)
            .await
            .unwrap_err();
        assert!(
            matches!(again, Error::Conflict("already_applied")),
            "{again:?}"
        );
        // 20 cancellations at the same moment: exactly 20 promoted, never above 50.
        let tasks: Vec<_> = accepted[..20]
            .iter()
            .map(|(id, v)| {
                let (db, id, v) = (db.clone(), *id, *v);
                tokio::spawn(async move { shifts::cancel(&db, id, v).await })
            })
            .collect();
        let mut promoted = std::collections::HashSet::new();
        for t in tasks {
            let p = t
                .await
                .unwrap()
                .unwrap_or_else(|e| panic!("{backend}: {e:?}"));
            promoted.insert(p.expect("a waitlisted volunteer is promoted"));
        }
        assert_eq!(
            promoted.len(),
            20,
            "{backend}: twenty different people promoted"
        );
        assert_eq!(shifts::places(&db, shift).await.unwrap(), (50, 50, 50, 130));
    })
    .await;
}

#[tokio::test]
async fn moderated_acceptances_never_exceed_capacity() {
    on_every_backend(|db, backend| async move {
        let ev = event(&db, EventMode::Moderated).await;
        let start = Utc::now() + Duration::days(3);
        let shift = shifts::add_shift(&db, ev, start, start + Duration::hours(2), 10)
            .await
            .unwrap();
        let mut apps = Vec::new();
        for v in volunteers(&db, 40, "m").await {
            let (id, outcome) = shifts::apply(&db, shift, v, Some("хочу помочь"), ADULT)
                .await
                .unwrap();
            assert_eq!(outcome, Admission::Pending);
            apps.push(id);
        }
        let coordinator = volunteers(&db, 1, "coord").await[0];
        let tasks: Vec<_> = apps
            .iter()
            .map(|a| {
                let (db, a) = (db.clone(), *a);
                tokio::spawn(async move { shifts::accept(&db, a, coordinator).await })
            })
            .collect();
        let (mut ok, mut full) = (0, 0);
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => ok += 1,
                Err(Error::Conflict("shift_full")) => full += 1,
                Err(e) => panic!("{backend}: {e:?}"),
            }
        }
        assert_eq!((ok, full), (10, 30), "{backend}");
        assert_eq!(shifts::places(&db, shift).await.unwrap().2, 10);
    })
    .await;
}

#[tokio::test]
async fn overlapping_shifts_bad_shifts_and_closed_events_are_refused() {
    on_every_backend(|db, backend| async move {
        let ev = event(&db, EventMode::FirstCome).await;
        let start = Utc::now() + Duration::days(5);
        let morning = shifts::add_shift(&db, ev, start, start + Duration::hours(4), 5)
            .await
            .unwrap();
        let overlapping = shifts::add_shift(
            &db,
            ev,
            start + Duration::hours(2),
            start + Duration::hours(6),
            5,
        )
        .await
        .unwrap();
        let evening = shifts::add_shift(
            &db,
            ev,
            start + Duration::hours(4),
            start + Duration::hours(8),
            5,
        )
        .await
        .unwrap();
        let v = volunteers(&db, 1, "o").await[0];
        assert_eq!(
            shifts::apply(&db, morning, v, None, ADULT).await.unwrap().1,
            Admission::Accepted
        );
        let clash = shifts::apply(&db, overlapping, v, None, ADULT)
            .await
            .unwrap_err();
        assert!(
            matches!(clash, Error::Conflict("overlapping_shift")),
            "{backend}: {clash:?}"
        );
        assert_eq!(
            shifts::apply(&db, evening, v, None, ADULT).await.unwrap().1,
            Admission::Accepted,
            "back-to-back is fine"
        );
        // The database itself refuses impossible shifts.
        assert!(
            shifts::add_shift(&db, ev, start, start + Duration::hours(1), 0)
                .await
                .is_err(),
            "capacity 0"
        );
        assert!(
            shifts::add_shift(&db, ev, start, start - Duration::hours(1), 5)
                .await
                .is_err(),
            "end before start"
        );
        // A draft event takes no applications.
        let draft = EventFields {
            title_ru: Some("Черновик".into()),
            activity_type: "other_useful".into(),
            region_code: "KZ-55".into(),
            time_zone: "Asia/Almaty".into(),
            mode: EventMode::FirstCome,
            ..Default::default()
        };
        let org: Uuid = match &db.pool {
            store::Pool::Sqlite(p) => {
                sqlx::query_scalar("SELECT organization_id FROM events LIMIT 1")
                    .fetch_one(p)
                    .await
                    .unwrap()
            }
            store::Pool::Postgres(p) => {
                sqlx::query_scalar("SELECT organization_id FROM events LIMIT 1")
                    .fetch_one(p)
                    .await
                    .unwrap()
            }
        };
        let d = events::create(&db, org, &draft).await.unwrap();
        let s = shifts::add_shift(&db, d, start, start + Duration::hours(1), 3)
            .await
            .unwrap();
        assert!(matches!(
            shifts::apply(&db, s, v, None, ADULT).await,
            Err(Error::Conflict("event_not_open"))
        ));
    })
    .await;
}

#[tokio::test]
async fn cancelling_an_event_frees_only_the_places_of_cancelled_applications() {
    on_every_backend(|db, backend| async move {
        let ev = event(&db, EventMode::FirstCome).await;
        let vs = volunteers(&db, 2, "cancel-").await;
        // A shift that has begun, with one person checked in and out, and a coming one.
        let soon = Utc::now() + Duration::hours(2);
        let past = shifts::add_shift(&db, ev, soon, soon + Duration::hours(3), 5)
            .await
            .unwrap();
        shifts::apply(&db, past, vs[0], None, ADULT).await.unwrap();
        let begun = Utc::now() - Duration::hours(1);
        store::testing::move_shift(&db, past, begun, begun + Duration::hours(3))
            .await
            .unwrap();
        shifts::check_in(&db, past, vs[0], begun).await.unwrap();
        let app = shifts::mine(&db, vs[0]).await.unwrap()[0].id;
        shifts::check_out(&db, app, begun + Duration::hours(2))
            .await
            .unwrap();
        let coming = shifts::add_shift(&db, ev, soon, soon + Duration::hours(1), 5)
            .await
            .unwrap();
        shifts::apply(&db, coming, vs[1], None, ADULT)
            .await
            .unwrap();
        let told = events::cancel(&db, ev, "Дауыл").await.unwrap();
        assert_eq!(
            told.len(),
            1,
            "{backend}: only the open application is told"
        );
        assert_eq!(
            shifts::places(&db, past).await.unwrap().1,
            1,
            "{backend}: the completed stays"
        );
        assert_eq!(shifts::places(&db, coming).await.unwrap().1, 0, "{backend}");
    })
    .await;
}

#[tokio::test]
async fn one_volunteer_applying_many_times_at_once_gets_one_place() {
    on_every_backend(|db, backend| async move {
        let ev = event(&db, EventMode::FirstCome).await;
        let start = Utc::now() + Duration::days(3);
        let a = shifts::add_shift(&db, ev, start, start + Duration::hours(4), 50)
            .await
            .unwrap();
        let b = shifts::add_shift(
            &db,
            ev,
            start + Duration::hours(1),
            start + Duration::hours(5),
            50,
        )
        .await
        .unwrap();
        let people = volunteers(&db, 40, "m").await;
        let me = people[0];
        // She sends the same application five times and one to an overlapping shift, among
        // 39 others applying at the same moment.
        let mut tasks = Vec::new();
        for (i, v) in people.iter().enumerate() {
            let (db2, v) = (db.clone(), *v);
            tasks.push(tokio::spawn(async move {
                (v, a, shifts::apply(&db2, a, v, None, ADULT).await)
            }));
            if i % 8 == 0 {
                for _ in 0..4 {
                    let db2 = db.clone();
                    tasks.push(tokio::spawn(async move {
                        (me, a, shifts::apply(&db2, a, me, None, ADULT).await)
                    }));
                }
                let db2 = db.clone();
                tasks.push(tokio::spawn(async move {
                    (me, b, shifts::apply(&db2, b, me, None, ADULT).await)
                }));
            }
        }
        let mut mine = Vec::new();
        for t in tasks {
            let (v, s, r) = t.await.unwrap();
            if v == me {
                mine.push((s, r.map(|(_, o)| o).map_err(|e| format!("{e:?}"))));
            } else {
                assert_eq!(r.unwrap().1, Admission::Accepted, "{backend}");
            }
        }
        let ok: Vec<_> = mine.iter().filter(|(_, r)| r.is_ok()).collect();
        assert_eq!(
            ok.len(),
            1,
            "{backend}: one of her applications stands: {mine:?}"
        );
        let (won, _) = ok[0];
        for (_, r) in mine.iter().filter(|(_, r)| r.is_err()) {
            let e = r.as_ref().unwrap_err();
            assert!(
                e.contains("already_applied") || e.contains("overlapping_shift"),
                "{backend}: {e}"
            );
        }
        let taken_a = if *won == a { 40 } else { 39 };
        assert_eq!(
            shifts::places(&db, a).await.unwrap().1,
            taken_a,
            "{backend}"
        );
    })
    .await;
}
