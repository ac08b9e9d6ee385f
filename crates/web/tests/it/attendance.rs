//! Opportunities beyond applying: the event editor and shift series, the search's filters,
//! bulk decisions, moving people, consent, attendance by signed QR code, cancelling an
//! event, notifications and their opt-out, reminders, exports and calendars — over HTTP,
//! on both databases.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::{PASSWORD, on_every_backend};

pub(crate) async fn token(app: &crate::App, email: &str) -> String {
    let _ = app.volunteer(email).await;
    let r = app
        .client()
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": email, "password": PASSWORD}),
            None,
        )
        .await;
    let t = r.json()["token"].as_str().unwrap().to_owned();
    app.client()
        .send(
            Method::PUT,
            "/api/v1/me/profile",
            Some(&json!({"display_name": "Айгерім Сейітова", "birth_date": "1992-03-04"})),
            Some(&t),
        )
        .await;
    t
}

/// A signed-in page client of an existing account.
pub(crate) async fn login(app: &crate::App, email: &str) -> crate::Client {
    let c = app.client();
    let r = c
        .post_form("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    c
}

/// A verified organization of `owner` in KZ-55.
pub(crate) async fn verified_org(app: &crate::App, owner: &str) -> String {
    let c = app.client();
    app::accounts::create_staff(
        &app.state,
        "admin@att.kz",
        "national_admin",
        None,
        Some(PASSWORD),
    )
    .await
    .unwrap();
    let admin = app
        .client()
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": "admin@att.kz", "password": PASSWORD}),
            None,
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let org = c
        .post_json(
            "/api/v1/organizations",
            &json!({"kind": "initiative_group", "name_kk": "Жарқын", "region": "KZ-55"}),
            Some(owner),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    c.post_json(
        &format!("/api/v1/organizations/{org}/verification"),
        &json!({}),
        Some(owner),
    )
    .await;
    let q = c
        .send(
            Method::GET,
            "/api/v1/front-office/KZ-55/queue",
            None,
            Some(&admin),
        )
        .await
        .json();
    let req = q[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        c.post_json(
            &format!("/api/v1/verification/{req}/decision"),
            &json!({"decision": "verify"}),
            Some(&admin)
        )
        .await
        .status,
        200
    );
    org
}

pub(crate) fn id(v: &Value) -> String {
    v["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {v}"))
        .to_owned()
}

pub(crate) async fn mails_to(app: &crate::App, to: &str) -> Vec<store::outbox::Message> {
    store::outbox::recent(&app.state.db, Some(to), 100)
        .await
        .unwrap()
}

#[tokio::test]
async fn editor_series_search_decisions_attendance_and_notices() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let owner = token(&app, "owner@att.kz").await;
        let (v1, v2, v3) = (token(&app, "v1@att.kz").await, token(&app, "v2@att.kz").await, token(&app, "v3@att.kz").await);
        let org = verified_org(&app, &owner).await;

        // The editor: bad input is reported per field and nothing is created.
        let bad = c.post_json(&format!("/api/v1/organizations/{org}/events"), &json!({
            "title_kk": "Саябақ", "activity_type": "environment", "region": "KZ-55",
            "lat": 48.85, "lon": 2.35, "time_zone": "Mars/Olympus", "languages": ["xx"], "direction": "nope"}), Some(&owner)).await;
        assert_eq!(bad.status, 422, "{b}");
        let f = &bad.json()["error"]["fields"];
        assert_eq!(f["lat"]["code"], "outside_kazakhstan", "{b}: {f}");
        for field in ["time_zone", "languages", "direction"] {
            assert_eq!(f[field]["code"], "choice_unknown", "{b}: {field}");
        }
        let body = json!({
            "title_kk": "Ертіс жағалауын тазалау", "title_ru": "Уборка берега Иртыша",
            "description_ru": "Собираем мусор у реки", "activity_type": "environment", "direction": "taza_alem",
            "region": "KZ-55", "locality": "Павлодар", "address": "Набережная, 1",
            "lat": 52.2873, "lon": 76.9674, "mode": "moderated", "min_age": 14,
            "skills": ["First aid"], "languages": ["kk", "ru"], "contact_name": "Ерлан", "contact_phone": "+7 701 555 11 22"});
        // Projects: a programme with goals and dates; events belong to one of the same organization.
        let r = c.post_json(&format!("/api/v1/organizations/{org}/projects"), &json!({"title_kk": "Таза Ертіс", "starts_on": "2027-05-01", "ends_on": "2027-04-01"}), Some(&owner)).await;
        assert_eq!((r.status, r.json()["error"]["fields"]["ends_on"]["code"].as_str()), (422, Some("end_before_start")), "{b}");
        assert_eq!(c.post_json(&format!("/api/v1/organizations/{org}/projects"), &json!({"title_kk": "Бөгде"}), Some(&v1)).await.status, 403, "{b}");
        let project = id(&c.post_json(&format!("/api/v1/organizations/{org}/projects"), &json!({"title_kk": "Таза Ертіс", "goals": "Өзен жағасы таза", "starts_on": "2027-05-01", "ends_on": "2027-09-30"}), Some(&owner)).await.json());
        assert_eq!(c.send(Method::GET, &format!("/api/v1/organizations/{org}/projects"), None, None).await.json()[0]["title_kk"], "Таза Ертіс", "{b}");
        let mut body = body;
        body["project_id"] = json!(uuid::Uuid::now_v7());
        let r = c.post_json(&format!("/api/v1/organizations/{org}/events"), &body, Some(&owner)).await;
        assert_eq!((r.status, r.json()["error"]["fields"]["project_id"]["code"].as_str()), (422, Some("choice_unknown")), "{b}");
        body["project_id"] = json!(project);
        let ev = id(&c.post_json(&format!("/api/v1/organizations/{org}/events"), &body, Some(&owner)).await.json());
        // A series: every Saturday and Sunday for three weeks, 10:00–14:00 Almaty time.
        let monday = {
            let t = app::today() + Duration::days(7);
            t - Duration::days(i64::from(chrono::Datelike::weekday(&t).num_days_from_monday()))
        };
        let series = |from: String, to: String, days: Vec<u8>, cap: &str| json!({"date_from": from, "date_to": to, "weekdays": days, "start_time": "10:00", "end_time": "14:00", "capacity": cap});
        for (s, field, code) in [
            (series(monday.to_string(), (monday - Duration::days(1)).to_string(), vec![6], "5"), "date_to", "end_before_start"),
            (series(monday.to_string(), (monday + Duration::days(20)).to_string(), vec![6], "0"), "capacity", "number_out_of_range"),
            (series("2020-01-04".into(), "2020-01-05".into(), vec![], "5"), "date_from", "in_past"),
            (series(monday.to_string(), (monday + Duration::days(400)).to_string(), vec![], "5"), "date_to", "too_many_shifts"),
            (series(monday.to_string(), monday.to_string(), vec![6], "5"), "weekdays", "no_shifts_in_range"),
            (json!({"date_from": monday.to_string(), "start_time": "25:00", "end_time": "10:00", "capacity": "5"}), "start_time", "time_malformed"),
        ] {
            let r = c.post_json(&format!("/api/v1/events/{ev}/shifts/series"), &s, Some(&owner)).await;
            assert_eq!((r.status, r.json()["error"]["fields"][field]["code"].as_str()), (422, Some(code)), "{b}: {s}");
        }
        assert!(c.send(Method::GET, &format!("/api/v1/events/{ev}"), None, Some(&owner)).await.json()["shifts"].as_array().unwrap().is_empty(), "{b}: nothing half-written");
        let r = c.post_json(&format!("/api/v1/events/{ev}/shifts/series"), &series(monday.to_string(), (monday + Duration::days(20)).to_string(), vec![6, 7], "2"), Some(&owner)).await;
        assert_eq!(r.status, 201, "{b}: {}", r.body);
        assert_eq!(r.json()["ids"].as_array().unwrap().len(), 6, "{b}: three weekends");
        let shown = c.send(Method::GET, &format!("/api/v1/events/{ev}"), None, Some(&owner)).await.json();
        let first = &shown["shifts"][0];
        assert!(first["starts_at"].as_str().unwrap().contains("T05:00:00"), "{b}: 10:00 in Almaty is 05:00 UTC: {first}");
        assert_eq!(shown["skills"], json!(["first aid"]), "{b}");
        assert_eq!(shown["project_id"], json!(project), "{b}");
        let shifts: Vec<String> = shown["shifts"].as_array().unwrap().iter().map(id).collect();
        assert_eq!(c.send(Method::POST, &format!("/api/v1/events/{ev}/publish"), None, Some(&owner)).await.status, 204);

        // The search: filters, text in any language, near me, suitable for me.
        let online = json!({"title_en": "Online tutoring", "activity_type": "other_useful", "region": "KZ-75", "online": true, "mode": "first_come"});
        let ev2 = id(&c.post_json(&format!("/api/v1/organizations/{org}/events"), &online, Some(&owner)).await.json());
        c.post_json(&format!("/api/v1/events/{ev2}/shifts/series"), &series(monday.to_string(), String::new(), vec![], "30"), Some(&owner)).await;
        c.send(Method::POST, &format!("/api/v1/events/{ev2}/publish"), None, Some(&owner)).await;
        let search = |q: &str| {
            let c = app.client();
            let q = q.to_owned();
            async move { c.send(Method::GET, &format!("/api/v1/events?{q}"), None, None).await.json() }
        };
        let ids = |v: &Value| v["items"].as_array().unwrap().iter().map(id).collect::<Vec<_>>();
        assert_eq!(ids(&search("").await).len(), 2, "{b}");
        assert_eq!(ids(&search("q=%D0%98%D1%80%D1%82%D1%8B%D1%88").await), vec![ev.clone()], "{b}: Russian text");
        assert_eq!(ids(&search("q=%D0%B5%D1%80%D1%82%D1%96%D1%81").await), vec![ev.clone()], "{b}: Kazakh text, any case");
        assert_eq!(ids(&search("online=1").await), vec![ev2.clone()], "{b}");
        assert_eq!(ids(&search("region=KZ-55&direction=taza_alem").await), vec![ev.clone()], "{b}");
        assert_eq!(ids(&search("lat=52.28&lon=76.95&km=10&sort=distance").await), vec![ev.clone()], "{b}: near Pavlodar");
        assert!(ids(&search("lat=43.24&lon=76.89&km=10").await).is_empty(), "{b}: not near Almaty");
        let far = (monday + Duration::days(60)).to_string();
        assert!(ids(&search(&format!("from={far}")).await).is_empty(), "{b}: nothing that late");
        let page = c.get("/events?q=%D0%98%D1%80%D1%82%D1%8B%D1%88&lat=52.28&lon=76.95").await;
        assert!(page.body.contains("Ертіс") && page.body.contains("km"), "{b}");

        // Moderated: three apply to a 2-place shift; bulk accept three → one refused (full).
        let s0 = &shifts[0];
        let mut apps = Vec::new();
        for t in [&v1, &v2, &v3] {
            let r = c.post_json(&format!("/api/v1/shifts/{s0}/applications"), &json!({"motivation": "Хочу помочь"}), Some(t)).await;
            assert_eq!(r.status, 201, "{b}: {}", r.body);
            assert_eq!((r.status, r.json()["status"].as_str()), (201, Some("pending")), "{b}");
            apps.push(id(&r.json()));
        }
        let got = mails_to(&app, "v1@att.kz").await;
        assert!(got.iter().any(|m| m.kind == "application_received"), "{b}: acknowledged at once");
        let r = c.post_json("/api/v1/applications/decisions", &json!({"applications": apps, "decision": "reject"}), Some(&owner)).await;
        assert_eq!((r.status, r.json()["error"]["fields"]["reason"]["code"].as_str()), (422, Some("reason_required")), "{b}");
        let r = c.post_json("/api/v1/applications/decisions", &json!({"applications": apps, "decision": "accept"}), Some(&v1)).await;
        assert_eq!(r.json()["decided"].as_array().unwrap().len(), 0, "{b}: a volunteer decides nothing");
        let r = c.post_json("/api/v1/applications/decisions", &json!({"applications": apps, "decision": "accept"}), Some(&owner)).await.json();
        assert_eq!(r["decided"].as_array().unwrap().len(), 2, "{b}: {r}");
        assert_eq!(r["refused"][0][1], "shift_full", "{b}: {r}");
        assert!(mails_to(&app, "v2@att.kz").await.iter().any(|m| m.kind == "accepted"), "{b}");
        // v3 turned decisions off: rejected without an e-mail.
        let v3c = login(&app, "v3@att.kz").await;
        let page = v3c.get("/me/applications").await;
        assert!(crate::try_csrf_of(&page.body).is_some(), "{b}: {} {}", page.status, &page.body[..page.body.len().min(3000)]);
        let r = v3c.submit("/me/notifications", &[("_csrf", &crate::csrf_of(&page.body)), ("on", "waitlist")]).await;
        assert_eq!(r.status, 303, "{b}");
        let r = c.send(Method::GET, "/api/v1/me/notifications", None, Some(&v3)).await.json();
        assert_eq!(r["on"], json!(["waitlist"]), "{b}: the page and the API agree");
        let r = c.send(Method::PUT, "/api/v1/me/notifications", Some(&json!({"on": ["spam"]})), Some(&v1)).await;
        assert_eq!(r.status, 422, "{b}");
        let r = c.post_json(&format!("/api/v1/applications/{}/reject", apps[2]), &json!({"reason": "Мест нет"}), Some(&owner)).await;
        assert_eq!(r.status, 204, "{b}");
        assert!(!mails_to(&app, "v3@att.kz").await.iter().any(|m| m.kind == "rejected"), "{b}: opted out");
        let mine = c.send(Method::GET, "/api/v1/me/applications", None, Some(&v3)).await.json();
        assert_eq!((mine[0]["status"].as_str(), mine[0]["reason"].as_str()), (Some("rejected"), Some("Мест нет")), "{b}");
        // Move v1 to the next shift (free), then back is refused while full.
        let r = c.post_json(&format!("/api/v1/applications/{}/move", apps[0]), &json!({"shift_id": shifts[1]}), Some(&owner)).await;
        assert_eq!(r.status, 204, "{b}: {}", r.body);
        let free = |s: &str| {
            let c = app.client();
            let (s, owner) = (s.to_owned(), owner.clone());
            let ev = ev.clone();
            async move {
                let e = c.send(Method::GET, &format!("/api/v1/events/{ev}"), None, Some(&owner)).await.json();
                e["shifts"].as_array().unwrap().iter().find(|x| x["id"] == s.as_str()).unwrap()["free"].as_i64().unwrap()
            }
        };
        assert_eq!((free(s0).await, free(&shifts[1]).await), (1, 1), "{b}: the place moved with her");
        assert!(mails_to(&app, "v1@att.kz").await.iter().any(|m| m.kind == "moved"), "{b}");
        let other_event_shift = c.send(Method::GET, &format!("/api/v1/events/{ev2}"), None, None).await.json()["shifts"][0]["id"].as_str().unwrap().to_owned();
        let r = c.post_json(&format!("/api/v1/applications/{}/move", apps[0]), &json!({"shift_id": other_event_shift}), Some(&owner)).await;
        assert_eq!((r.status, r.json()["error"]["code"].as_str()), (409, Some("other_event")), "{b}");
        // Attendance three days ahead is not open yet.
        let r = c.post_json(&format!("/api/v1/applications/{}/attendance", apps[1]), &json!({"action": "check_in"}), Some(&owner)).await;
        assert_eq!((r.status, r.json()["error"]["code"].as_str()), (409, Some("check_in_not_yet")), "{b}");

        // Exports: names and contacts for the organizer, never the IIN; nobody else.
        let oc = login(&app, "owner@att.kz").await;
        let csv = oc.get(&format!("/events/{ev}/participants.csv")).await;
        assert_eq!(csv.status, 200, "{b}");
        assert!(csv.body.contains("v2@att.kz") && !csv.body.to_lowercase().contains("iin"), "{b}: {}", csv.body);
        assert_eq!(oc.get(&format!("/events/{ev}/participants.xlsx")).await.status, 200, "{b}");
        assert_eq!(v3c.get(&format!("/events/{ev}/participants.csv")).await.status, 403, "{b}");
        // Calendars: the event's .ics and a volunteer's private feed.
        let ics = c.get(&format!("/events/{ev}/calendar.ics")).await;
        assert_eq!(ics.body.matches("BEGIN:VEVENT").count(), 6, "{b}");
        let v2c = login(&app, "v2@att.kz").await;
        let page = v2c.get("/me/applications").await;
        v2c.submit("/me/calendar", &[("_csrf", &crate::csrf_of(&page.body)), ("action", "create")]).await;
        let page = v2c.get("/me/applications").await;
        let feed = page.body.split("/calendar/").nth(1).unwrap().split('"').next().unwrap().to_owned();
        let got = c.get(&format!("/calendar/{feed}")).await;
        assert!(got.status == 200 && got.body.matches("BEGIN:VEVENT").count() == 1, "{b}: {}", got.body);
        v2c.submit("/me/calendar", &[("_csrf", &crate::csrf_of(&page.body)), ("action", "revoke")]).await;
        assert_eq!(c.get(&format!("/calendar/{feed}")).await.status, 404, "{b}: revoked");

        // Check-in by QR: a shift starting soon, a signed code, a forged and an expired one.
        let soon = Utc::now() + Duration::minutes(30);
        let now_shift = id(&c.post_json(&format!("/api/v1/events/{ev2}/shifts"), &json!({"starts_at": soon.to_rfc3339(), "ends_at": (soon + Duration::hours(2)).to_rfc3339(), "capacity": "3"}), Some(&owner)).await.json());
        assert_eq!(c.post_json(&format!("/api/v1/shifts/{now_shift}/applications"), &json!({}), Some(&v1)).await.json()["status"], "accepted", "{b}");
        assert_eq!(c.post_json(&format!("/api/v1/shifts/{now_shift}/check-in-code"), &json!({}), Some(&v1)).await.status, 403, "{b}: only the organizer shows the code");
        let code = c.post_json(&format!("/api/v1/shifts/{now_shift}/check-in-code"), &json!({}), Some(&owner)).await.json()["code"].as_str().unwrap().to_owned();
        let mut forged = code.clone().into_bytes();
        forged[20] = if forged[20] == b'a' { b'b' } else { b'a' };
        let forged = String::from_utf8(forged).unwrap();
        let secret = app::events::check_in_secret(&app.state).await.unwrap();
        let expired = domain::opportunity::check_in_token::sign(&secret, now_shift.parse().unwrap(), Utc::now() - Duration::minutes(1));
        for (code, status, err) in [(&forged, 403, "check_in_token_invalid"), (&expired, 403, "check_in_token_expired"), (&"zz".to_owned(), 403, "check_in_token_invalid")] {
            let r = c.post_json("/api/v1/check-in", &json!({"code": code}), Some(&v1)).await;
            assert_eq!((r.status, r.json()["error"]["code"].as_str()), (status, Some(err)), "{b}");
        }
        assert_eq!(c.post_json("/api/v1/check-in", &json!({"code": code}), Some(&v2)).await.status, 404, "{b}: she did not apply");
        assert_eq!(c.post_json("/api/v1/check-in", &json!({"code": code}), Some(&v1)).await.status, 204, "{b}");
        let r = c.post_json("/api/v1/check-in", &json!({"code": code}), Some(&v1)).await;
        assert_eq!(r.json()["error"]["code"], "already_checked_in", "{b}");
        let list = c.send(Method::GET, &format!("/api/v1/shifts/{now_shift}/applications"), None, Some(&owner)).await.json();
        assert_eq!(list[0]["status"], "checked_in", "{b}");
        let app_id = id(&list[0]);
        assert_eq!(c.post_json(&format!("/api/v1/applications/{app_id}/attendance"), &json!({"action": "check_out"}), Some(&owner)).await.status, 204, "{b}");
        assert_eq!(c.send(Method::GET, "/api/v1/me/applications", None, Some(&v1)).await.json().as_array().unwrap().iter().find(|a| a["id"] == app_id.as_str()).unwrap()["status"], "completed", "{b}");
        // The QR page shows a working link.
        let qr = oc.get(&format!("/shifts/{now_shift}/qr")).await;
        assert!(qr.body.contains("<svg") && qr.body.contains("/check-in?code="), "{b}");

        // Reminders: the day before a shift (once), and pending applications after 3 days.
        let s2 = id(&c.post_json(&format!("/api/v1/events/{ev}/shifts"), &json!({"starts_at": (Utc::now() + Duration::hours(20)).to_rfc3339(), "ends_at": (Utc::now() + Duration::hours(22)).to_rfc3339(), "capacity": "4"}), Some(&owner)).await.json());
        let pending = id(&c.post_json(&format!("/api/v1/shifts/{s2}/applications"), &json!({}), Some(&v2)).await.json());
        c.send(Method::POST, &format!("/api/v1/applications/{pending}/accept"), None, Some(&owner)).await;
        let waiting = id(&c.post_json(&format!("/api/v1/shifts/{s2}/applications"), &json!({}), Some(&v3)).await.json());
        let old = Utc::now() - Duration::days(8);
        store::testing::backdate_application(&app.state.db, uuid::Uuid::parse_str(&waiting).unwrap(), old).await.unwrap();
        let (_, volunteers, coordinators) = app::jobs::tick(&app.state).await.unwrap();
        assert_eq!((volunteers, coordinators), (1, 1), "{b}");
        assert_eq!(app::jobs::tick(&app.state).await.unwrap(), (0, 0, 0), "{b}: each reminder goes once");
        assert!(mails_to(&app, "v2@att.kz").await.iter().any(|m| m.kind == "shift_reminder"), "{b}");
        assert!(mails_to(&app, "owner@att.kz").await.iter().any(|m| m.kind == "pending_reminder"), "{b}");
        let escalated = store::shifts::escalated(&app.state.db, "KZ-55", Duration::days(7)).await.unwrap();
        assert_eq!(escalated.len(), 1, "{b}: after 7 days the front-office sees it");

        // The front-office sees it and decides; it comes back to its queue.
        let fo = login(&app, "admin@att.kz").await;
        let q = fo.get("/front-office/KZ-55").await;
        assert!(q.body.contains(&format!("data-application=\"{waiting}\"")), "{b}");
        let r = fo.submit(&format!("/applications/{waiting}/accept"), &[("_csrf", &crate::csrf_of(&q.body)), ("back", "/front-office/KZ-55")]).await;
        assert_eq!((r.status, r.location()), (303, "/front-office/KZ-55"), "{b}");
        assert!(mails_to(&app, "v3@att.kz").await.iter().all(|m| m.kind != "accepted"), "{b}: v3 turned decisions off");
        assert!(!fo.get("/front-office/KZ-55").await.body.contains(&format!("data-application=\"{waiting}\"")), "{b}");

        // No-show: marked once the shift has begun; a started shift takes no applications.
        let r = c.post_json(&format!("/api/v1/shifts/{now_shift}/applications"), &json!({}), Some(&v3)).await;
        let late = id(&r.json());
        let r = c.post_json(&format!("/api/v1/applications/{late}/attendance"), &json!({"action": "no_show"}), Some(&owner)).await;
        assert_eq!(r.json()["error"]["code"], "check_in_not_yet", "{b}");
        let begun = Utc::now() - Duration::minutes(10);
        store::testing::move_shift(&app.state.db, now_shift.parse().unwrap(), begun, begun + Duration::hours(2)).await.unwrap();
        assert_eq!(c.post_json(&format!("/api/v1/applications/{late}/attendance"), &json!({"action": "no_show"}), Some(&owner)).await.status, 204, "{b}");
        let r = c.post_json(&format!("/api/v1/shifts/{now_shift}/applications"), &json!({}), Some(&v2)).await;
        assert_eq!((r.status, r.json()["error"]["code"].as_str()), (409, Some("shift_started")), "{b}");

        // Cancelling the event tells everyone who applied and frees every place.
        let r = c.post_json(&format!("/api/v1/events/{ev}/cancel"), &json!({"reason": ""}), Some(&owner)).await;
        assert_eq!((r.status, r.json()["error"]["fields"]["reason"]["code"].as_str()), (422, Some("reason_required")), "{b}");
        assert_eq!(c.post_json(&format!("/api/v1/events/{ev}/cancel"), &json!({"reason": "Дауыл"}), Some(&owner)).await.status, 204, "{b}");
        assert!(mails_to(&app, "v2@att.kz").await.iter().any(|m| m.kind == "event_cancelled" && m.body_text.contains("Дауыл")), "{b}");
        let e = c.send(Method::GET, &format!("/api/v1/events/{ev}"), None, None).await.json();
        assert_eq!(e["status"], "cancelled", "{b}");
        assert!(e["shifts"].as_array().unwrap().iter().all(|s| s["free"] == s["capacity"]), "{b}");
        let r = c.post_json(&format!("/api/v1/shifts/{}/applications", shifts[3]), &json!({}), Some(&v3)).await;
        assert_eq!(r.json()["error"]["code"], "event_not_open", "{b}");
        assert!(ids(&search("").await).iter().all(|x| *x != ev), "{b}: gone from the search");
    })
    .await;
}

#[tokio::test]
async fn event_pages_for_the_organizer() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let owner = token(&app, "po@att.kz").await;
        let org = verified_org(&app, &owner).await;
        let oc = login(&app, "po@att.kz").await;
        for lang in ["kk", "ru", "en"] {
            let form = oc
                .get_with(
                    &format!("/organizations/{org}/events/new"),
                    "erikti_lang",
                    lang,
                )
                .await;
            assert_eq!(form.status, 200, "{b} {lang}");
        }
        let form = oc.get(&format!("/organizations/{org}/events/new")).await;
        assert!(
            form.status == 200 && crate::try_csrf_of(&form.body).is_some(),
            "{b}: {}",
            form.body
        );
        let csrf = crate::csrf_of(&form.body);
        // Errors come back next to their fields, the typed values kept.
        let r = oc
            .submit(
                &format!("/organizations/{org}/events"),
                &[
                    ("_csrf", &csrf),
                    ("title_kk", "Кітап оқу"),
                    ("lat", "abc"),
                    ("region", "KZ-55"),
                ],
            )
            .await;
        assert_eq!(r.status, 422, "{b}");
        assert!(
            r.body.contains("activity_type-error")
                && r.body.contains("lat-error")
                && r.body.contains("Кітап оқу"),
            "{b}"
        );
        let r = oc
            .submit(
                &format!("/organizations/{org}/events"),
                &[
                    ("_csrf", &csrf),
                    ("title_kk", "Кітап оқу"),
                    ("activity_type", "other_useful"),
                    ("region", "KZ-55"),
                    ("languages", "kk"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let manage = r.location().to_owned();
        assert!(manage.ends_with("/manage"), "{b}");
        let ev = manage
            .trim_start_matches("/events/")
            .trim_end_matches("/manage")
            .to_owned();
        let page = oc.get(&manage).await;
        let csrf = crate::csrf_of(&page.body);
        let day = (app::today() + Duration::days(3)).to_string();
        let r = oc
            .submit(
                &format!("/events/{ev}/shifts"),
                &[
                    ("_csrf", &csrf),
                    ("date_from", &day),
                    ("start_time", "14:00"),
                    ("end_time", "13:00"),
                    ("capacity", "0"),
                ],
            )
            .await;
        assert_eq!(r.status, 422, "{b}");
        assert!(r.body.contains("capacity-error"), "{b}");
        let r = oc
            .submit(
                &format!("/events/{ev}/shifts"),
                &[
                    ("_csrf", &csrf),
                    ("date_from", &day),
                    ("start_time", "10:00"),
                    ("end_time", "12:00"),
                    ("capacity", "3"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{b}");
        let r = oc
            .submit(&format!("/events/{ev}/publish"), &[("_csrf", &csrf)])
            .await;
        assert_eq!(r.status, 303, "{b}");
        let page = oc.get(&manage).await;
        assert!(
            page.body.contains("/qr") && page.body.contains("/applications"),
            "{b}"
        );
        // A project from the organization's page.
        let org_page = oc.get(&format!("/organizations/{org}")).await;
        let r = oc
            .submit(
                &format!("/organizations/{org}/projects"),
                &[
                    ("_csrf", &crate::csrf_of(&org_page.body)),
                    ("title_kk", "Оқу жылы"),
                    ("goals", "Кітапхана"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{b}");
        assert!(
            oc.get(&format!("/organizations/{org}"))
                .await
                .body
                .contains("Оқу жылы"),
            "{b}"
        );
        assert!(
            oc.get(&format!("/events/{ev}/edit"))
                .await
                .body
                .contains("Оқу жылы"),
            "{b}: a project to choose"
        );
        // Another volunteer cannot manage it.
        let other = app.volunteer("other@att.kz").await;
        assert_eq!(other.get(&manage).await.status, 403, "{b}");
        assert_eq!(
            other.get(&format!("/events/{ev}/edit")).await.status,
            403,
            "{b}"
        );
        // The public page shows it, with the requirements and the calendar link.
        let public = app.client().get(&format!("/events/{ev}")).await;
        assert!(
            public.body.contains("calendar.ics") && public.body.contains("Кітап оқу"),
            "{b}"
        );
        let shift = public
            .body
            .split("data-shift=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        let vpage = other.get(&format!("/events/{ev}")).await;
        let r = other
            .submit(
                &format!("/shifts/{shift}/apply"),
                &[
                    ("_csrf", &crate::csrf_of(&vpage.body)),
                    ("motivation", "<script>x</script>"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{b}");
        let list = oc.get(&format!("/shifts/{shift}/applications")).await;
        assert!(
            list.body.contains("data-status=\"accepted\"")
                && list.body.contains("script")
                && !list.body.contains("<script>x"),
            "{b}: escaped"
        );
        // A scanned code before logging in: log in, then back to the check-in page; never
        // to another site.
        let anon = app.client();
        let r = anon.get("/check-in?code=abc").await;
        assert_eq!(
            (r.status, r.location()),
            (303, "/login?next=%2Fcheck-in%3Fcode%3Dabc"),
            "{b}"
        );
        let login_page = anon.get(r.location()).await;
        assert!(login_page.body.contains("action=\"/login?next="), "{b}");
        let r = anon
            .submit(
                "/login?next=%2Fcheck-in%3Fcode%3Dabc",
                &[
                    ("_csrf", &crate::csrf_of(&login_page.body)),
                    ("email", "other@att.kz"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!((r.status, r.location()), (303, "/check-in?code=abc"), "{b}");
        let anon = app.client();
        let page = anon.get("/login?next=//evil.example").await;
        let r = anon
            .submit(
                "/login?next=//evil.example",
                &[
                    ("_csrf", &crate::csrf_of(&page.body)),
                    ("email", "other@att.kz"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.location(), "/", "{b}: no open redirect");
        let mine = other.get("/me/applications").await;
        assert!(mine.body.contains("Кітап оқу"), "{b}");
    })
    .await;
}
