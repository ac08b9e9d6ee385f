//! Events over HTTP (first slice): bad input changes nothing, the law for minors,
//! publishing only for verified organizations, the waitlist.

use reqwest::Method;
use serde_json::json;

use crate::{PASSWORD, on_every_backend};

async fn token(app: &crate::App, email: &str) -> String {
    let r = app
        .client()
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": email, "password": PASSWORD}),
            None,
        )
        .await;
    r.json()["token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn events_shifts_and_applications_follow_the_rules() {
    on_every_backend(|app| async move {
        let b = app.backend;
        for e in ["owner@e.kz", "adult@e.kz", "teen@e.kz", "second@e.kz"] {
            let _ = app.volunteer(e).await;
        }
        app::accounts::create_staff(&app.state, "admin@e.kz", "national_admin", None, Some(PASSWORD)).await.unwrap();
        let c = app.client();
        let (owner, adult, teen, second, admin) =
            (token(&app, "owner@e.kz").await, token(&app, "adult@e.kz").await, token(&app, "teen@e.kz").await, token(&app, "second@e.kz").await, token(&app, "admin@e.kz").await);
        let teen_birth = (app::today() - chrono::Duration::days(15 * 365 + 30)).to_string();
        c.send(Method::PUT, "/api/v1/me/profile", Some(&json!({"display_name": "Әлихан", "birth_date": teen_birth})), Some(&teen)).await;
        c.send(Method::PUT, "/api/v1/me/profile", Some(&json!({"display_name": "Айгерім", "birth_date": "1990-01-01"})), Some(&adult)).await;
        let org = c.post_json("/api/v1/organizations", &json!({"kind": "initiative_group", "name_kk": "Жасыл Павлодар", "region": "KZ-55"}), Some(&owner)).await.json()["id"].as_str().unwrap().to_owned();
        // Bad event input.
        let bad = c.post_json(&format!("/api/v1/organizations/{org}/events"), &json!({"activity_type": "nope", "region": "KZ-00", "mode": "lottery"}), Some(&owner)).await;
        assert_eq!(bad.status, 422, "{b}");
        let f = &bad.json()["error"]["fields"];
        for field in ["title_kk", "activity_type", "region", "mode"] {
            assert!(f[field]["code"].is_string(), "{b}: {field}: {f}");
        }
        let other = c.post_json(&format!("/api/v1/organizations/{org}/events"), &json!({"title_kk": "X", "activity_type": "environment", "region": "KZ-55"}), Some(&adult)).await;
        assert_eq!(other.status, 403, "only members create events");
        let ev = |activity: &str| json!({"title_kk": "Сенбілік", "title_ru": "Субботник", "activity_type": activity, "region": "KZ-55", "mode": "first_come"});
        let eco = c.post_json(&format!("/api/v1/organizations/{org}/events"), &ev("environment"), Some(&owner)).await.json()["id"].as_str().unwrap().to_owned();
        let sos = c.post_json(&format!("/api/v1/organizations/{org}/events"), &ev("emergencies"), Some(&owner)).await.json()["id"].as_str().unwrap().to_owned();
        // Bad shifts change nothing.
        let start = chrono::Utc::now() + chrono::Duration::days(7);
        let shift = |s: chrono::DateTime<chrono::Utc>, e: chrono::DateTime<chrono::Utc>, cap: &str| json!({"starts_at": s.to_rfc3339(), "ends_at": e.to_rfc3339(), "capacity": cap});
        for (body, field, code) in [
            (shift(start, start - chrono::Duration::hours(1), "5"), "ends_at", "end_before_start"),
            (shift(start, start + chrono::Duration::hours(2), "0"), "capacity", "number_out_of_range"),
            (shift(start, start + chrono::Duration::hours(2), "-3"), "capacity", "number_out_of_range"),
            (shift(start - chrono::Duration::days(30), start - chrono::Duration::days(30) + chrono::Duration::hours(2), "5"), "starts_at", "in_past"),
            (json!({"starts_at": "tomorrow", "ends_at": "", "capacity": "5"}), "starts_at", "date_malformed"),
        ] {
            let r = c.post_json(&format!("/api/v1/events/{eco}/shifts"), &body, Some(&owner)).await;
            assert_eq!(r.status, 422, "{b}: {body}");
            assert_eq!(r.json()["error"]["fields"][field]["code"], code, "{b}: {body}");
        }
        let s1 = c.post_json(&format!("/api/v1/events/{eco}/shifts"), &shift(start, start + chrono::Duration::hours(3), "1"), Some(&owner)).await.json()["id"].as_str().unwrap().to_owned();
        let s2 = c.post_json(&format!("/api/v1/events/{sos}/shifts"), &shift(start + chrono::Duration::days(1), start + chrono::Duration::days(1) + chrono::Duration::hours(3), "5"), Some(&owner)).await.json()["id"].as_str().unwrap().to_owned();
        let event = c.send(Method::GET, &format!("/api/v1/events/{eco}"), None, Some(&owner)).await.json();
        assert_eq!(event["shifts"].as_array().unwrap().len(), 1, "{b}: only the good shift");
        // Drafts are private, and only a verified organization publishes.
        assert_eq!(c.send(Method::GET, &format!("/api/v1/events/{eco}"), None, None).await.status, 404);
        let r = c.send(Method::POST, &format!("/api/v1/events/{eco}/publish"), None, Some(&owner)).await;
        assert_eq!(r.status, 409);
        assert_eq!(r.json()["error"]["code"], "org_not_verified");
        assert_eq!(c.send(Method::POST, &format!("/api/v1/shifts/{s1}/applications"), Some(&json!({})), Some(&adult)).await.json()["error"]["code"], "event_not_open");
        c.post_json(&format!("/api/v1/organizations/{org}/verification"), &json!({}), Some(&owner)).await;
        let admin_q = c.send(Method::GET, "/api/v1/front-office/KZ-55/queue", None, Some(&admin)).await.json();
        let req = admin_q[0]["id"].as_str().unwrap().to_owned();
        c.post_json(&format!("/api/v1/verification/{req}/decision"), &json!({"decision": "verify"}), Some(&admin)).await;
        for e in [&eco, &sos] {
            assert_eq!(c.send(Method::POST, &format!("/api/v1/events/{e}/publish"), None, Some(&owner)).await.status, 204, "{b}");
        }
        // The law for minors.
        let r = c.post_json(&format!("/api/v1/shifts/{s2}/applications"), &json!({}), Some(&teen)).await;
        assert_eq!((r.status, r.json()["error"]["code"].as_str().unwrap()), (403, "minor_activity_type"), "{b}");
        let r = c.post_json(&format!("/api/v1/shifts/{s1}/applications"), &json!({}), Some(&teen)).await;
        assert_eq!(r.json()["status"], "pending", "{b}: a 15-year-old waits for a parent's consent");
        // First come, waitlist, promotion on cancel; applying twice is refused.
        let a = c.post_json(&format!("/api/v1/shifts/{s1}/applications"), &json!({"motivation": "Көмектескім келеді"}), Some(&adult)).await.json();
        assert_eq!(a["status"], "accepted");
        let w = c.post_json(&format!("/api/v1/shifts/{s1}/applications"), &json!({}), Some(&second)).await.json();
        assert_eq!(w["status"], "waitlisted");
        let twice = c.post_json(&format!("/api/v1/shifts/{s1}/applications"), &json!({}), Some(&second)).await;
        assert_eq!((twice.status, twice.json()["error"]["code"].as_str().unwrap()), (409, "already_applied"));
        let public = c.send(Method::GET, &format!("/api/v1/events/{eco}"), None, None).await.json();
        assert_eq!(public["shifts"][0]["free"], 0);
        let r = c.send(Method::DELETE, &format!("/api/v1/applications/{}", a["id"].as_str().unwrap()), None, Some(&second)).await;
        assert_eq!(r.status, 404, "only one's own application");
        let r = c.send(Method::DELETE, &format!("/api/v1/applications/{}", a["id"].as_str().unwrap()), None, Some(&adult)).await;
        assert_eq!(r.json()["promoted"], w["id"], "{b}: the first on the waitlist takes the place");
        let list = c.send(Method::GET, &format!("/api/v1/shifts/{s1}/applications"), None, Some(&owner)).await.json();
        let statuses: Vec<&str> = list.as_array().unwrap().iter().map(|x| x["status"].as_str().unwrap()).collect();
        assert_eq!(statuses.iter().filter(|s| **s == "accepted").count(), 1);
        assert_eq!(c.send(Method::GET, &format!("/api/v1/shifts/{s1}/applications"), None, Some(&adult)).await.status, 403);
        // The teen waits for her parent's consent: accepting her before it is recorded is refused.
        let teen_app = list.as_array().unwrap().iter().find(|x| x["status"] == "pending").unwrap()["id"].as_str().unwrap().to_owned();
        let r = c.send(Method::POST, &format!("/api/v1/applications/{teen_app}/accept"), None, Some(&owner)).await;
        assert_eq!((r.status, r.json()["error"]["code"].as_str().unwrap()), (409, "consent_missing"), "{b}");
        // Consent in the future is refused; recorded, the first-come shift is full: waitlisted.
        let r = c.send(Method::POST, &format!("/api/v1/applications/{teen_app}/consent"), Some(&json!({"parent_name": "Айгүл Серікова", "parent_contact": "+7 701 123 45 67", "consent_date": "2999-01-01"})), Some(&owner)).await;
        assert_eq!((r.status, r.json()["error"]["fields"]["consent_date"]["code"].as_str()), (422, Some("date_in_future")), "{b}");
        let r = c.send(Method::POST, &format!("/api/v1/applications/{teen_app}/consent"), Some(&json!({"parent_name": "Айгүл Серікова", "parent_contact": "+7 701 123 45 67", "consent_date": "2026-01-10"})), Some(&adult)).await;
        assert_eq!(r.status, 403, "{b}: only the organizer records consent");
        let r = c.send(Method::POST, &format!("/api/v1/applications/{teen_app}/consent"), Some(&json!({"parent_name": "Айгүл Серікова", "parent_contact": "+7 701 123 45 67", "consent_date": "2026-01-10"})), Some(&owner)).await;
        assert_eq!((r.status, r.json()["status"].as_str()), (200, Some("waitlisted")), "{b}");
        // The shift is full: accepting her now is refused.
        let r = c.send(Method::POST, &format!("/api/v1/applications/{teen_app}/accept"), None, Some(&owner)).await;
        assert_eq!((r.status, r.json()["error"]["code"].as_str().unwrap()), (409, "shift_full"), "{b}");
    })
    .await;
}

#[tokio::test]
async fn events_are_found_and_applied_to_from_their_pages() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let _ = app.volunteer("owner@e.kz").await;
        app::accounts::create_staff(&app.state, "admin@e.kz", "national_admin", None, Some(PASSWORD)).await.unwrap();
        let c = app.client();
        let (owner, admin) = (token(&app, "owner@e.kz").await, token(&app, "admin@e.kz").await);
        let org = c.post_json("/api/v1/organizations", &json!({"kind": "initiative_group", "name_kk": "Жасыл Павлодар", "region": "KZ-55"}), Some(&owner)).await.json()["id"].as_str().unwrap().to_owned();
        c.post_json(&format!("/api/v1/organizations/{org}/verification"), &json!({}), Some(&owner)).await;
        let req = c.send(Method::GET, "/api/v1/front-office/KZ-55/queue", None, Some(&admin)).await.json()[0]["id"].as_str().unwrap().to_owned();
        c.post_json(&format!("/api/v1/verification/{req}/decision"), &json!({"decision": "verify"}), Some(&admin)).await;
        let ev = c.post_json(&format!("/api/v1/organizations/{org}/events"), &json!({"title_kk": "Ертіс жағасын тазалау", "title_ru": "Уборка берега Иртыша", "activity_type": "environment", "region": "KZ-55"}), Some(&owner)).await.json()["id"].as_str().unwrap().to_owned();
        let start = chrono::Utc::now() + chrono::Duration::days(3);
        c.post_json(&format!("/api/v1/events/{ev}/shifts"), &json!({"starts_at": start.to_rfc3339(), "ends_at": (start + chrono::Duration::hours(3)).to_rfc3339(), "capacity": "1"}), Some(&owner)).await;
        c.send(Method::POST, &format!("/api/v1/events/{ev}/publish"), None, Some(&owner)).await;
        for (query, found) in [("/events?region=KZ-55", true), ("/events?q=%D0%B8%D1%80%D1%82%D1%8B%D1%88", true), ("/events?region=KZ-75", false), ("/events?activity_type=emergencies", false)] {
            let page = app.client().get(query).await.body;
            assert_eq!(page.contains(&format!("/events/{ev}")), found, "{b}: {query}");
        }
        let a = app.volunteer("a@e.kz").await;
        let second = app.volunteer("b@e.kz").await;
        let page = a.get(&format!("/events/{ev}")).await.body;
        let shift = page.split("/shifts/").nth(1).unwrap().split('/').next().unwrap().to_owned();
        let r = a.post_form(&format!("/events/{ev}"), &[]).await;
        assert_eq!(r.status, 405);
        let apply = |cl: &crate::Client| {
            let http = cl.http.clone();
            let base = cl.base.clone();
            let ev = ev.clone();
            let shift = shift.clone();
            async move {
                let page = http.get(format!("{base}/events/{ev}")).send().await.unwrap().text().await.unwrap();
                let token = crate::csrf_of(&page);
                http.post(format!("{base}/shifts/{shift}/apply")).form(&[("_csrf", token.as_str())]).send().await.unwrap()
            }
        };
        assert_eq!(apply(&a).await.status(), 303);
        let after = a.get(&format!("/events/{ev}")).await.body;
        assert!(after.contains("flash-success") && after.contains("/cancel"), "{b}");
        assert_eq!(apply(&second).await.status(), 303);
        let waiting = second.get(&format!("/events/{ev}")).await.body;
        assert!(waiting.contains("class=\"free\">0 / 1<"), "{b}");
        let cancel = after.split("/applications/").nth(1).unwrap().split('/').next().unwrap().to_owned();
        let token = crate::csrf_of(&after);
        let r = a.http.post(format!("{}/applications/{cancel}/cancel", app.base)).form(&[("_csrf", token.as_str())]).send().await.unwrap();
        assert_eq!(r.status(), 303);
        let promoted = store::shifts::places(&app.state.db, shift.parse().unwrap()).await.unwrap();
        assert_eq!((promoted.1, promoted.2, promoted.3), (1, 1, 0), "{b}: the waitlisted volunteer took the place");
    })
    .await;
}

/// Anonymous search and event pages are served again from memory, yet never show what a
/// write has changed: an application through the API frees no stale page.
#[tokio::test]
async fn kept_anonymous_pages_never_outlive_a_write() {
    crate::on_every_backend_with(
        || web::Settings {
            page_cache_ttl: std::time::Duration::from_secs(600),
            ..crate::test_settings()
        },
        |app| async move {
            let b = app.backend;
            let c = app.client();
            let owner = crate::attendance::token(&app, "owner@cache.kz").await;
            let org = crate::attendance::verified_org(&app, &owner).await;
            let v = crate::attendance::token(&app, "v@cache.kz").await;
            let ev = crate::attendance::id(&c.post_json(&format!("/api/v1/organizations/{org}/events"), &json!({"title_kk": "Кітапхана күні", "activity_type": "environment", "region": "KZ-55"}), Some(&owner)).await.json());
            let start = chrono::Utc::now() + chrono::Duration::days(2);
            let shift = crate::attendance::id(&c.post_json(&format!("/api/v1/events/{ev}/shifts"), &json!({"starts_at": start.to_rfc3339(), "ends_at": (start + chrono::Duration::hours(3)).to_rfc3339(), "capacity": "7"}), Some(&owner)).await.json());
            c.post_json(&format!("/api/v1/events/{ev}/publish"), &json!({}), Some(&owner)).await;
            let visitor = app.client();
            let first = visitor.get(&format!("/events/{ev}")).await;
            assert!(first.body.contains("7 / 7"), "{b}");
            let again = visitor.get(&format!("/events/{ev}")).await;
            assert_eq!(first.body, again.body, "{b}");
            assert!(!app.state.page_cache.is_empty(), "{b}: the page is kept");
            let search = visitor.get("/events").await;
            assert!(search.body.contains("Кітапхана күні"), "{b}");
            // A write anywhere: the next visitor sees the place taken, at once.
            assert_eq!(c.post_json(&format!("/api/v1/shifts/{shift}/applications"), &json!({}), Some(&v)).await.json()["status"], "accepted", "{b}");
            assert!(visitor.get(&format!("/events/{ev}")).await.body.contains("6 / 7"), "{b}");
            // Pages in another language are kept apart.
            let ru = visitor.get_with(&format!("/events/{ev}"), "accept-language", "ru").await;
            assert!(ru.body.contains("lang=\"ru\""), "{b}");
            assert!(visitor.get(&format!("/events/{ev}")).await.body.contains("lang=\"kk\""), "{b}");
            // Signed-in visitors always get their own page (with their forms).
            let vc = crate::attendance::login(&app, "v@cache.kz").await;
            let mine = vc.get(&format!("/events/{ev}")).await;
            assert!(mine.body.contains("/applications/"), "{b}: her application and its cancel form");
        },
    )
    .await;
}
