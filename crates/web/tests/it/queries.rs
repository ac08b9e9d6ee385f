//! Query discipline: the statements a page issues do not grow with the rows it shows
//! (no query per row), on every backend.

use std::time::Duration;

use crate::{App, on_every_backend_with, test_settings};

/// Statements one GET issues (after a warm-up request, with the outbox idle).
async fn statements(app: &App, client: &crate::Client, path: &str) -> u64 {
    let r = client.get(path).await;
    assert_eq!(r.status, 200, "{path}");
    let before = app.state.db.statements();
    let r = client.get(path).await;
    assert_eq!(r.status, 200, "{path}");
    app.state.db.statements() - before
}

async fn outbox_idle(app: &App) {
    for _ in 0..100 {
        if store::outbox::due(&app.state.db, 1)
            .await
            .unwrap()
            .is_empty()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Statements of each main page: a volunteer's home, profile and API; an admin's mailbox.
async fn counts(app: &App, v: &crate::Client, admin: &crate::Client) -> [(&'static str, u64); 4] {
    [
        ("/", statements(app, v, "/").await),
        ("/profile", statements(app, v, "/profile").await),
        (
            "/admin/mailbox",
            statements(app, admin, "/admin/mailbox").await,
        ),
        (
            "/api/v1/regions",
            statements(app, v, "/api/v1/regions").await,
        ),
    ]
}

#[tokio::test]
async fn page_statement_counts_do_not_grow_with_rows() {
    on_every_backend_with(
        || web::Settings {
            outbox_poll: Duration::from_secs(3600),
            counters_ttl: Duration::from_secs(3600),
            ..test_settings()
        },
        |app| async move {
            let v = app.volunteer("q@example.kz").await;
            let admin = app.admin("qa@example.kz").await;
            v.post_form("/profile/tokens", &[("name", "one")]).await;
            outbox_idle(&app).await;
            let few = counts(&app, &v, &admin).await;
            for i in 0..8 {
                v.post_form("/profile/tokens", &[("name", &format!("token {i}"))])
                    .await;
                app.client()
                    .post_form(
                        "/password/forgot",
                        &[("email", &format!("nobody{i}@example.kz"))],
                    )
                    .await;
                let _ = app.volunteer(&format!("more{i}@example.kz")).await;
            }
            outbox_idle(&app).await;
            let many = counts(&app, &v, &admin).await;
            eprintln!(
                "{}: statements per page, few rows {few:?}, many rows {many:?}",
                app.backend
            );
            assert_eq!(
                few, many,
                "{}: a page's statement count grew with its rows",
                app.backend
            );
            // And they are few: session + roles + what the page shows.
            for (page, n) in many {
                assert!(n <= 5, "{page} issues {n} statements");
            }
        },
    )
    .await;
}

/// Published events with `shifts` coming shifts each, owned by a new organization.
async fn events(app: &App, owner: uuid::Uuid, n: usize, shifts: usize) -> uuid::Uuid {
    let org = store::organizations::create(
        &app.state.db,
        &store::organizations::Details {
            kind: domain::OrgKind::InitiativeGroup,
            name_kk: Some("Сенім".into()),
            region_code: "KZ-55".into(),
            ..Default::default()
        },
        owner,
    )
    .await
    .unwrap();
    let mut last = uuid::Uuid::nil();
    for i in 0..n {
        last = store::events::create_with_status(
            &app.state.db,
            org,
            &store::events::EventFields {
                title_kk: Some(format!("Іс-шара {i}")),
                activity_type: "environment".into(),
                region_code: "KZ-55".into(),
                time_zone: "Asia/Almaty".into(),
                mode: domain::opportunity::EventMode::FirstCome,
                skills: vec!["first aid".into()].into(),
                ..Default::default()
            },
            domain::opportunity::EventStatus::Published,
        )
        .await
        .unwrap();
        let start = chrono::Utc::now() + chrono::Duration::days(2);
        let all: Vec<store::shifts::NewShift> = (0..shifts)
            .map(|k| store::shifts::NewShift {
                starts_at: start + chrono::Duration::days(k as i64),
                ends_at: start + chrono::Duration::days(k as i64) + chrono::Duration::hours(3),
                capacity: 10,
                description: None,
            })
            .collect();
        store::shifts::add_shifts(&app.state.db, last, &all)
            .await
            .unwrap();
    }
    last
}

#[tokio::test]
async fn event_pages_statement_counts_do_not_grow_with_events_or_shifts() {
    on_every_backend_with(
        || web::Settings {
            outbox_poll: Duration::from_secs(3600),
            ..test_settings()
        },
        |app| async move {
            let v = app.volunteer("eq@example.kz").await;
            outbox_idle(&app).await;
            let owner = store::accounts::user_by_email(&app.state.db, "eq@example.kz")
                .await
                .unwrap()
                .unwrap()
                .id;
            let one = events(&app, owner, 1, 1).await;
            let few = [
                statements(&app, &v, "/events").await,
                statements(
                    &app,
                    &v,
                    "/events?suitable=1&lat=52.3&lon=76.9&sort=distance",
                )
                .await,
                statements(&app, &v, &format!("/events/{one}")).await,
                statements(&app, &v, "/api/v1/events?region=KZ-55").await,
            ];
            let many = events(&app, owner, 30, 6).await;
            let lots = [
                statements(&app, &v, "/events").await,
                statements(
                    &app,
                    &v,
                    "/events?suitable=1&lat=52.3&lon=76.9&sort=distance",
                )
                .await,
                statements(&app, &v, &format!("/events/{many}")).await,
                statements(&app, &v, "/api/v1/events?region=KZ-55").await,
            ];
            eprintln!("{}: event pages, few {few:?}, many {lots:?}", app.backend);
            assert_eq!(few, lots, "{}: statements grew with rows", app.backend);
        },
    )
    .await;
}
