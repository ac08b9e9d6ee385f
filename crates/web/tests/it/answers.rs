//! Snapshots of the main API answers as each role sees them: an organization, an event, the
//! search, the volunteer book and a help request. What a client reads is the contract; a
//! change to it shows up here as a diff to review. Both databases must give the same answer
//! (one snapshot per answer for both), so these also check that the backends agree.
//!
//! Keys, times and dates change from run to run: they are replaced by `[id]`, `[time]` and
//! `[date]` before comparing.

use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use crate::attendance::{id, token, verified_org};
use crate::{PASSWORD, on_every_backend};

/// The answer with what changes between runs replaced by placeholders.
fn stable(v: Value) -> Value {
    match v {
        Value::String(s) => Value::String(placeholder(&s).unwrap_or(s)),
        Value::Array(a) => Value::Array(a.into_iter().map(stable).collect()),
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, v)| (placeholder(&k).unwrap_or(k), stable(v)))
                .collect(),
        ),
        other => other,
    }
}

fn placeholder(s: &str) -> Option<String> {
    if uuid::Uuid::parse_str(s).is_ok() {
        return Some("[id]".into());
    }
    if chrono::DateTime::parse_from_rfc3339(s).is_ok() {
        return Some("[time]".into());
    }
    if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() {
        return Some("[date]".into());
    }
    // Links carry keys: keep their shape.
    if s.contains('/') && s.split('/').any(|p| uuid::Uuid::parse_str(p).is_ok()) {
        let parts: Vec<&str> = s
            .split('/')
            .map(|p| {
                if uuid::Uuid::parse_str(p).is_ok() {
                    "[id]"
                } else {
                    p
                }
            })
            .collect();
        return Some(parts.join("/"));
    }
    None
}

async fn get(app: &crate::App, path: &str, bearer: Option<&str>) -> Value {
    let r = app.client().send(Method::GET, path, None, bearer).await;
    assert_eq!(r.status, 200, "{}: {path}: {}", app.backend, r.body);
    stable(r.json())
}

#[tokio::test]
async fn the_main_answers_as_each_role_sees_them() {
    on_every_backend(|app| async move {
        let c = app.client();
        let owner = token(&app, "owner@snap.kz").await;
        let org = verified_org(&app, &owner).await;
        let volunteer = token(&app, "asel@snap.kz").await;
        let r = c.send(Method::PUT, "/api/v1/me/profile", Some(&json!({"display_name": "Әсел", "first_name": "Әсел", "last_name": "Жұмабаева", "iin": "010517601238", "phone": "+77011234567", "region": "KZ-55", "locality": "Павлодар", "languages": ["kk", "ru"]})), Some(&volunteer)).await;
        assert_eq!(r.status, 200, "{}", r.body);

        // An organization: to anybody, and to its owner.
        insta::assert_json_snapshot!("organization_anonymous", get(&app, &format!("/api/v1/organizations/{org}"), None).await);
        insta::assert_json_snapshot!("organization_owner", get(&app, &format!("/api/v1/organizations/{org}"), Some(&owner)).await);

        // An event with one shift, published; then the search finds it.
        let ev = id(&c.post_json(&format!("/api/v1/organizations/{org}/events"), &json!({"title_kk": "Сенбілік", "title_ru": "Субботник", "title_en": "Clean-up", "description_kk": "Саябақты тазалаймыз", "activity_type": "environment", "region": "KZ-55", "locality": "Павлодар", "mode": "first_come"}), Some(&owner)).await.json());
        let start = chrono::Utc::now() + Duration::days(7);
        let shift = json!({"starts_at": start.to_rfc3339(), "ends_at": (start + Duration::hours(3)).to_rfc3339(), "capacity": "5"});
        let s = id(&c.post_json(&format!("/api/v1/events/{ev}/shifts"), &shift, Some(&owner)).await.json());
        assert_eq!(c.send(Method::POST, &format!("/api/v1/events/{ev}/publish"), None, Some(&owner)).await.status, 204);
        let applied = c.post_json(&format!("/api/v1/shifts/{s}/applications"), &json!({"motivation": "Көмектескім келеді"}), Some(&volunteer)).await;
        assert_eq!(applied.status, 201, "{}", applied.body);
        insta::assert_json_snapshot!("application_volunteer", stable(applied.json()));
        insta::assert_json_snapshot!("event_anonymous", get(&app, &format!("/api/v1/events/{ev}"), None).await);
        insta::assert_json_snapshot!("event_owner", get(&app, &format!("/api/v1/events/{ev}"), Some(&owner)).await);
        insta::assert_json_snapshot!("shift_applications_owner", get(&app, &format!("/api/v1/shifts/{s}/applications"), Some(&owner)).await);
        insta::assert_json_snapshot!("search_anonymous", get(&app, "/api/v1/events?region=KZ-55", None).await);

        // Her book, with hours she claimed and the organization confirmed.
        let today = app::today();
        let h = id(&c.post_json("/api/v1/me/hours", &json!({"organization_id": org, "minutes": "150", "date": (today - Duration::days(3)).to_string(), "description": "Кітапхана"}), Some(&volunteer)).await.json());
        assert_eq!(c.post_json(&format!("/api/v1/hours/{h}/confirm"), &json!({}), Some(&owner)).await.status, 204);
        insta::assert_json_snapshot!("book_volunteer", get(&app, "/api/v1/me/book", Some(&volunteer)).await);

        // A help request filed by the region's front-office for a caller: the front-office
        // sees the person; a volunteer does not.
        app::accounts::create_staff(&app.state, "fo@snap.kz", "regional_coordinator", Some("KZ-55"), Some(PASSWORD)).await.unwrap();
        let fo = c.post_json("/api/v1/auth/login", &json!({"email": "fo@snap.kz", "password": PASSWORD}), None).await.json()["token"].as_str().unwrap().to_owned();
        let request = json!({
            "category": "elderly", "help_type": "delivery", "description": "Дәрі-дәрмек әкелу керек",
            "region": "KZ-55", "locality": "Павлодар", "address": "Торайғыров к-сі, 64, 12-пәтер",
            "lat": "52.2873", "lon": "76.9674", "phone": "+77015550011",
            "name": "Серік Әбенов", "lang": "kk", "urgency": "high"
        });
        let filed = c.post_json("/api/v1/help-requests", &request, Some(&fo)).await;
        assert!(filed.status == 201 || filed.status == 200, "{}", filed.body);
        let hr = id(&filed.json());
        insta::assert_json_snapshot!("help_request_front_office", get(&app, &format!("/api/v1/help-requests/{hr}"), Some(&fo)).await);
        let seen = app.client().send(Method::GET, &format!("/api/v1/help-requests/{hr}"), None, Some(&volunteer)).await;
        insta::assert_json_snapshot!("help_request_volunteer", json!({"status": seen.status, "body": stable(seen.json())}));
    })
    .await;
}

#[tokio::test]
async fn a_key_that_is_not_a_key_is_not_found_in_the_form_the_caller_reads() {
    on_every_backend(|app| async move {
        let c = app.client();
        for path in [
            "/api/v1/events/not-a-key",
            "/api/v1/organizations/123",
            "/api/v1/me/tokens/xyz",
        ] {
            let method = if path.ends_with("xyz") {
                Method::DELETE
            } else {
                Method::GET
            };
            let r = c.send(method, path, None, None).await;
            assert_eq!(
                r.status,
                if path.ends_with("xyz") { 401 } else { 404 },
                "{path}: {}",
                r.body
            );
            assert!(
                r.headers["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("application/json"),
                "{path}"
            );
        }
        let volunteer = token(&app, "key@snap.kz").await;
        let r = c
            .send(
                Method::DELETE,
                "/api/v1/me/tokens/xyz",
                None,
                Some(&volunteer),
            )
            .await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].as_str()),
            (404, Some("not_found")),
            "{}",
            r.body
        );
        let page = c.get("/events/not-a-key").await;
        assert_eq!(page.status, 404);
        assert!(
            page.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
    })
    .await;
}

#[tokio::test]
async fn a_search_with_control_characters_finds_what_the_rest_says() {
    on_every_backend(|app| async move {
        let c = app.client();
        for path in [
            "/api/v1/events?q=%00%C2%8B",
            "/api/v1/events?q=abc%00def&region=%00",
            "/events?q=%00",
        ] {
            let r = c.get(path).await;
            assert_eq!(r.status, 200, "{}: {path}: {}", app.backend, r.body);
        }
        let r = c.get("/api/v1/events?page=9223372036854775808").await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].as_str()),
            (200, None),
            "{}",
            r.body
        );
        let r = c
            .get("/api/v1/organizations?page=9223372036854775808")
            .await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].as_str()),
            (400, Some("invalid_query")),
            "{}",
            r.body
        );
    })
    .await;
}

#[tokio::test]
async fn the_organizer_sees_a_phone_only_once_the_volunteer_has_a_place() {
    on_every_backend(|app| async move {
        let c = app.client();
        let owner = token(&app, "owner@phone.kz").await;
        let org = verified_org(&app, &owner).await;
        let volunteer = token(&app, "dana@phone.kz").await;
        let r = c.send(Method::PUT, "/api/v1/me/profile", Some(&json!({"display_name": "Дана", "phone": "+77011234567", "region": "KZ-55"})), Some(&volunteer)).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let ev = id(&c.post_json(&format!("/api/v1/organizations/{org}/events"), &json!({"title_kk": "Кітапхана", "activity_type": "environment", "region": "KZ-55", "mode": "moderated"}), Some(&owner)).await.json());
        let start = chrono::Utc::now() + Duration::days(7);
        let shift = json!({"starts_at": start.to_rfc3339(), "ends_at": (start + Duration::hours(3)).to_rfc3339(), "capacity": "5"});
        let s = id(&c.post_json(&format!("/api/v1/events/{ev}/shifts"), &shift, Some(&owner)).await.json());
        assert_eq!(c.send(Method::POST, &format!("/api/v1/events/{ev}/publish"), None, Some(&owner)).await.status, 204);
        let applied = c.post_json(&format!("/api/v1/shifts/{s}/applications"), &json!({}), Some(&volunteer)).await;
        assert_eq!(applied.status, 201, "{}", applied.body);
        let application = id(&applied.json());

        let path = format!("/api/v1/shifts/{s}/applications");
        let pending = get(&app, &path, Some(&owner)).await;
        assert_eq!(pending[0]["status"], "pending", "{}", app.backend);
        assert_eq!(pending[0]["phone"], Value::Null, "{}: a pending application shows no phone", app.backend);
        assert_eq!(pending[0]["email"], "dana@phone.kz");
        let csv = c.send(Method::GET, &format!("/events/{ev}/participants.csv"), None, Some(&owner)).await;
        assert!(!csv.body.contains("7011234567"), "{}: the export neither: {}", app.backend, csv.body);

        let accepted = c.send(Method::POST, &format!("/api/v1/applications/{application}/accept"), None, Some(&owner)).await;
        assert_eq!(accepted.status, 204, "{}", accepted.body);
        let accepted = get(&app, &path, Some(&owner)).await;
        assert_eq!(accepted[0]["phone"], "+77011234567", "{}", app.backend);
    })
    .await;
}
