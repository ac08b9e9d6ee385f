//! Help requests over HTTP on both databases: filing with a phone code (and its limits),
//! filing by an operator, triage, privacy per role, the ranking, 20 volunteers taking one
//! request at once, a minor refused a home visit, completion into a pending hours entry the
//! front-office confirms, the person's confirmation, erasure, and an emergency call.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::attendance::{id, mails_to, token};
use crate::{PASSWORD, on_every_backend};

const PAVLODAR: (f64, f64) = (52.2873, 76.9674);

async fn bearer(app: &crate::App, email: &str) -> String {
    app.client()
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": email, "password": PASSWORD}),
            None,
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn request(phone: &str) -> Value {
    json!({
        "category": "elderly", "help_type": "delivery", "description": "Дәрі-дәрмек әкелу керек",
        "region": "KZ-55", "locality": "Павлодар", "address": "Торайғыров к-сі, 64, 12-пәтер",
        "lat": PAVLODAR.0.to_string(), "lon": PAVLODAR.1.to_string(), "phone": phone,
        "name": "Серік Әбенов", "lang": "kk", "urgency": "high"
    })
}

/// The last code texted to a phone.
async fn texted_code(app: &crate::App, phone: &str) -> String {
    let sms = mails_to(app, phone).await;
    let body = &sms.first().expect("an SMS").body_text;
    body.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap_or_else(|| panic!("no code in {body}"))
        .to_owned()
}

/// A volunteer with a point, a birth date and languages.
async fn volunteer(
    app: &crate::App,
    email: &str,
    name: &str,
    birth: &str,
    point: (f64, f64),
    langs: &[&str],
) -> String {
    let t = token(app, email).await;
    let r = app.client().send(Method::PUT, "/api/v1/me/profile", Some(&json!({"display_name": name, "birth_date": birth, "region": "KZ-55", "languages": langs})), Some(&t)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .client()
        .send(
            Method::PUT,
            "/api/v1/me/home-point",
            Some(&json!({"lat": point.0, "lon": point.1})),
            Some(&t),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.body);
    t
}

#[tokio::test]
async fn a_request_is_filed_triaged_taken_once_done_and_its_hours_confirmed() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        web::accounts::create_staff(
            &app.state,
            "fo55@help.kz",
            "regional_coordinator",
            Some("KZ-55"),
            Some(PASSWORD),
        )
        .await
        .unwrap();
        web::accounts::create_staff(
            &app.state,
            "fo75@help.kz",
            "regional_coordinator",
            Some("KZ-75"),
            Some(PASSWORD),
        )
        .await
        .unwrap();
        let fo = bearer(&app, "fo55@help.kz").await;
        let fo75 = bearer(&app, "fo75@help.kz").await;

        // Bad input changes nothing.
        let mut outside = request("+77011110000");
        outside["lat"] = json!("48.85");
        outside["lon"] = json!("2.35");
        let r = c.post_json("/api/v1/help-requests", &outside, None).await;
        assert_eq!(
            (
                r.status,
                r.json()["error"]["fields"]["lat"]["code"].as_str()
            ),
            (422, Some("outside_kazakhstan")),
            "{b}: {}",
            r.body
        );
        let mut empty = request("+77011110000");
        empty["description"] = json!("  ");
        let r = c.post_json("/api/v1/help-requests", &empty, None).await;
        assert_eq!(
            (
                r.status,
                r.json()["error"]["fields"]["description"]["code"].as_str()
            ),
            (422, Some("required")),
            "{b}"
        );
        assert!(
            mails_to(&app, "+77011110000").await.is_empty(),
            "{b}: no code for a refused request"
        );

        // Filed on the web: a code by SMS; not in the queue until confirmed.
        let phone = "+77011234567";
        let web = id(&c
            .post_json("/api/v1/help-requests", &request(phone), None)
            .await
            .json());
        assert!(
            c.send(
                Method::GET,
                "/api/v1/regions/KZ-55/help-requests",
                None,
                Some(&fo)
            )
            .await
            .json()
            .as_array()
            .unwrap()
            .is_empty(),
            "{b}"
        );
        let code = texted_code(&app, phone).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let r = c
            .post_json(
                &format!("/api/v1/help-requests/{web}/code"),
                &json!({"code": wrong}),
                None,
            )
            .await;
        assert_eq!(
            (
                r.status,
                r.json()["error"]["fields"]["code"]["code"].as_str()
            ),
            (422, Some("phone_code_wrong")),
            "{b}: {}",
            r.body
        );
        assert_eq!(
            c.post_status(
                &format!("/api/v1/help-requests/{web}/code"),
                &json!({"code": code}),
                None
            )
            .await,
            204,
            "{b}"
        );
        // Too many codes for one phone.
        let resend_thrice = |id: String| {
            let c = &c;
            async move {
                let mut v = Vec::new();
                for _ in 0..3 {
                    let path = format!("/api/v1/help-requests/{id}/code/resend");
                    v.push(c.post_json(&path, &json!({}), None).await.status);
                }
                v
            }
        };
        assert_eq!(
            resend_thrice(web.clone()).await,
            vec![409, 409, 409],
            "{b}: a confirmed phone needs no new code"
        );
        let other = id(&c
            .post_json("/api/v1/help-requests", &request("+77019998877"), None)
            .await
            .json());
        assert_eq!(
            resend_thrice(other.clone()).await,
            vec![204, 204, 429],
            "{b}: three codes an hour per phone"
        );

        // Filed by the operator for a caller: in the queue at once; another region cannot.
        let phoned = id(&c
            .post_json("/api/v1/help-requests", &request("+77015550011"), Some(&fo))
            .await
            .json());
        assert_eq!(
            c.post_status(
                "/api/v1/help-requests",
                &request("+77015550012"),
                Some(&fo75)
            )
            .await,
            403,
            "{b}"
        );
        let queue = c
            .send(
                Method::GET,
                "/api/v1/regions/KZ-55/help-requests",
                None,
                Some(&fo),
            )
            .await
            .json();
        let ids: Vec<&str> = queue
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["id"].as_str().unwrap())
            .collect();
        assert!(
            ids.contains(&web.as_str())
                && ids.contains(&phoned.as_str())
                && !ids.contains(&other.as_str()),
            "{b}: {queue}"
        );
        assert_eq!(
            c.send(
                Method::GET,
                "/api/v1/regions/KZ-55/help-requests",
                None,
                Some(&fo75)
            )
            .await
            .status,
            403,
            "{b}"
        );

        // Triage.
        let r = c
            .post_json(
                &format!("/api/v1/help-requests/{web}/decision"),
                &json!({"action": "duplicate", "duplicate_of": phoned}),
                Some(&fo),
            )
            .await;
        assert_eq!(r.status, 204, "{b}: {}", r.body);
        assert_eq!(
            c.post_status(
                &format!("/api/v1/help-requests/{phoned}/decision"),
                &json!({"action": "reject", "reason": " "}),
                Some(&fo)
            )
            .await,
            422,
            "{b}"
        );
        assert_eq!(
            c.post_status(
                &format!("/api/v1/help-requests/{phoned}/decision"),
                &json!({"action": "approve"}),
                Some(&fo)
            )
            .await,
            204,
            "{b}"
        );

        // Volunteers: near and far, adult and minor, speaking Kazakh or not.
        let near = volunteer(
            &app,
            "near@help.kz",
            "Жақын Дана",
            "1990-01-01",
            (52.29, 76.97),
            &["kk"],
        )
        .await;
        let _farther = volunteer(
            &app,
            "farther@help.kz",
            "Алыс Бек",
            "1985-05-05",
            (52.35, 77.05),
            &["kk"],
        )
        .await;
        let _russian = volunteer(
            &app,
            "ru@help.kz",
            "Иван Орлов",
            "1988-02-02",
            (52.288, 76.968),
            &["ru"],
        )
        .await;
        let minor = volunteer(
            &app,
            "minor@help.kz",
            "Жас Ұлан",
            &(web::today() - Duration::days(365 * 15)).to_string(),
            (52.2874, 76.9675),
            &["kk"],
        )
        .await;
        let ranked = c
            .send(
                Method::GET,
                &format!("/api/v1/help-requests/{phoned}/candidates"),
                None,
                Some(&fo),
            )
            .await;
        assert_eq!(ranked.status, 200, "{b}: {}", ranked.body);
        let ranked_json = ranked.json();
        let names: Vec<&str> = ranked_json
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names.first(),
            Some(&"Жақын Дана"),
            "{b}: the nearest adult speaking Kazakh first: {names:?}"
        );
        assert!(
            !names.contains(&"Жас Ұлан"),
            "{b}: no minor for a home visit"
        );
        assert!(
            ranked.json()[0]["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["code"] == "distance"),
            "{b}: {}",
            ranked.body
        );
        assert_eq!(
            c.send(
                Method::GET,
                &format!("/api/v1/help-requests/{phoned}/candidates"),
                None,
                Some(&fo75)
            )
            .await
            .status,
            404,
            "{b}"
        );

        // Privacy: the front-office sees the person; volunteers and other regions do not.
        let seen = c
            .send(
                Method::GET,
                &format!("/api/v1/help-requests/{phoned}"),
                None,
                Some(&fo),
            )
            .await
            .json();
        assert_eq!(
            (seen["phone"].as_str(), seen["name"].as_str()),
            (Some("+77015550011"), Some("Серік Әбенов")),
            "{b}"
        );
        for (who, t) in [("a volunteer", &near), ("another region", &fo75)] {
            let r = c
                .send(
                    Method::GET,
                    &format!("/api/v1/help-requests/{phoned}"),
                    None,
                    Some(t),
                )
                .await;
            assert_eq!(r.status, 200, "{b}: {who}");
            for private in [
                "+77015550011",
                "Серік",
                "Торайғыров",
                "Дәрі-дәрмек",
                "52.287",
            ] {
                assert!(
                    !r.body.contains(private),
                    "{b}: {who} must not see {private}: {}",
                    r.body
                );
            }
        }
        assert_eq!(
            c.send(
                Method::GET,
                &format!("/api/v1/help-requests/{phoned}"),
                None,
                None
            )
            .await
            .status,
            401,
            "{b}"
        );

        // Offered to twenty; all take it at the same moment: exactly one gets it.
        let mut takers = Vec::new();
        for i in 0..20 {
            takers.push(
                volunteer(
                    &app,
                    &format!("t{i}@help.kz"),
                    &format!("Көмекші {}", char::from_u32(0x410 + i).unwrap()),
                    "1995-06-06",
                    (52.28 + f64::from(i) * 0.001, 76.96),
                    &["kk"],
                )
                .await,
            );
        }
        let ids: Vec<String> = {
            let mut v = Vec::new();
            for i in 0..20 {
                v.push(
                    store::accounts::user_by_email(&app.state.db, &format!("t{i}@help.kz"))
                        .await
                        .unwrap()
                        .unwrap()
                        .id
                        .to_string(),
                );
            }
            v
        };
        assert_eq!(
            c.post_status(
                &format!("/api/v1/help-requests/{phoned}/offers"),
                &json!({"volunteers": ids}),
                Some(&fo)
            )
            .await,
            204,
            "{b}"
        );
        assert_eq!(
            c.post_json(
                &format!("/api/v1/help-requests/{phoned}/take"),
                &json!({}),
                Some(&minor)
            )
            .await
            .json()["error"]["code"],
            "minor_home_visit",
            "{b}"
        );
        let base = app.base.clone();
        let tasks: Vec<_> = takers
            .iter()
            .map(|t| {
                let (base, t) = (base.clone(), t.clone());
                let phoned = phoned.clone();
                tokio::spawn(async move {
                    reqwest::Client::new()
                        .post(format!("{base}/api/v1/help-requests/{phoned}/take"))
                        .bearer_auth(&t)
                        .json(&json!({}))
                        .send()
                        .await
                        .unwrap()
                        .status()
                        .as_u16()
                })
            })
            .collect();
        let mut codes = Vec::new();
        for t in tasks {
            codes.push(t.await.unwrap());
        }
        assert_eq!(
            codes.iter().filter(|s| **s == 204).count(),
            1,
            "{b}: exactly one assignee: {codes:?}"
        );
        assert_eq!(
            codes.iter().filter(|s| **s == 409).count(),
            19,
            "{b}: {codes:?}"
        );
        let winner = takers
            .iter()
            .zip(&codes)
            .find(|(_, s)| **s == 204)
            .map(|(t, _)| t.clone())
            .unwrap();
        let taken_mails: usize = {
            let mut n = 0;
            for i in 0..20 {
                n += mails_to(&app, &format!("t{i}@help.kz"))
                    .await
                    .iter()
                    .filter(|m| m.kind == "help_taken")
                    .count();
            }
            n
        };
        assert_eq!(taken_mails, 19, "{b}: the others are told it is taken");

        // The assignee sees the person; does it; her time waits for the front-office.
        let seen = c
            .send(
                Method::GET,
                &format!("/api/v1/help-requests/{phoned}"),
                None,
                Some(&winner),
            )
            .await
            .json();
        assert_eq!(
            seen["address"].as_str(),
            Some("Торайғыров к-сі, 64, 12-пәтер"),
            "{b}"
        );
        assert_eq!(
            c.post_status(
                &format!("/api/v1/help-requests/{phoned}/start"),
                &json!({}),
                Some(&winner)
            )
            .await,
            204,
            "{b}"
        );
        assert_eq!(
            c.post_status(
                &format!("/api/v1/help-requests/{phoned}/complete"),
                &json!({"minutes": "0"}),
                Some(&winner)
            )
            .await,
            422,
            "{b}"
        );
        assert_eq!(
            c.post_status(
                &format!("/api/v1/help-requests/{phoned}/complete"),
                &json!({"minutes": "90"}),
                Some(&near)
            )
            .await,
            404,
            "{b}: not hers"
        );
        let hours = id(&c
            .post_json(
                &format!("/api/v1/help-requests/{phoned}/complete"),
                &json!({"minutes": "90"}),
                Some(&winner),
            )
            .await
            .json());
        let book = c
            .send(Method::GET, "/api/v1/me/book", None, Some(&winner))
            .await
            .json();
        assert_eq!(
            (
                book["totals"]["minutes"].as_i64(),
                book["entries"][0]["source"].as_str(),
                book["entries"][0]["status"].as_str()
            ),
            (Some(0), Some("help_request"), Some("claimed")),
            "{b}: {book}"
        );
        assert_eq!(
            c.post_status(
                &format!("/api/v1/hours/{hours}/confirm"),
                &json!({}),
                Some(&fo75)
            )
            .await,
            403,
            "{b}: not that region's"
        );
        assert_eq!(
            c.post_status(
                &format!("/api/v1/hours/{hours}/confirm"),
                &json!({}),
                Some(&fo)
            )
            .await,
            204,
            "{b}"
        );
        assert_eq!(
            c.send(Method::GET, "/api/v1/me/book", None, Some(&winner))
                .await
                .json()["totals"]["minutes"],
            90,
            "{b}"
        );

        // The person confirms with the code texted after completion.
        let done_code = texted_code(&app, "+77015550011").await;
        let r = c
            .post_json(
                &format!("/api/v1/help-requests/{phoned}/done"),
                &json!({"code": done_code, "feedback": "Рақмет!", "rating": 5}),
                None,
            )
            .await;
        assert_eq!(r.status, 204, "{b}: {}", r.body);
        assert_eq!(
            c.send(
                Method::GET,
                &format!("/api/v1/help-requests/{phoned}"),
                None,
                Some(&fo)
            )
            .await
            .json()["person_confirmed"],
            true,
            "{b}"
        );

        // Erased some time after closing: the facts stay, the person does not.
        store::testing::backdate_help_closed(
            &app.state.db,
            phoned.parse().unwrap(),
            Utc::now() - Duration::days(200),
        )
        .await
        .unwrap();
        assert_eq!(web::help::erase_old(&app.state).await.unwrap(), 1, "{b}");
        let r = store::help::get(&app.state.db, phoned.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert!(
            r.phone.is_none()
                && r.name.is_none()
                && r.address.is_none()
                && r.lat.is_none()
                && r.erased_at.is_some(),
            "{b}"
        );
        assert_eq!(
            (r.category.as_str(), r.help_type.as_str(), r.minutes),
            ("elderly", "delivery", Some(90)),
            "{b}"
        );
    })
    .await;
}

#[tokio::test]
async fn an_emergency_call_reaches_adults_nearby_and_keeps_a_roll_call() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        web::accounts::create_staff(&app.state, "fo@sos.kz", "regional_coordinator", Some("KZ-55"), Some(PASSWORD)).await.unwrap();
        let fo = bearer(&app, "fo@sos.kz").await;
        let rescuer = volunteer(&app, "swim@sos.kz", "Жүзгіш", "1990-01-01", (52.30, 76.95), &["kk"]).await;
        let rescuer_id = store::accounts::user_by_email(&app.state.db, "swim@sos.kz").await.unwrap().unwrap().id;
        let r = c.send(Method::PUT, "/api/v1/me/profile", Some(&json!({"display_name": "Жүзгіш", "birth_date": "1990-01-01", "region": "KZ-55", "skills": ["swimming"]})), Some(&rescuer)).await;
        assert_eq!(r.status, 200, "{b}");
        let _far = volunteer(&app, "far@sos.kz", "Алыста", "1990-01-01", (43.25, 76.95), &["kk"]).await;
        let teen = volunteer(&app, "teen@sos.kz", "Жасөспірім", &(web::today() - Duration::days(365 * 16)).to_string(), (52.30, 76.95), &["kk"]).await;

        let call = json!({"region": "KZ-55", "title": "Су тасқыны", "lat": 52.29, "lon": 76.96, "radius_km": 20.0, "skills": []});
        let mut bad = call.clone();
        bad["lat"] = json!(10.0);
        assert_eq!(c.post_json("/api/v1/emergency-calls", &bad, Some(&fo)).await.status, 422, "{b}");
        assert_eq!(c.post_json("/api/v1/emergency-calls", &call, Some(&rescuer)).await.status, 403, "{b}");
        let id = id(&c.post_json("/api/v1/emergency-calls", &call, Some(&fo)).await.json());
        assert!(mails_to(&app, "swim@sos.kz").await.iter().any(|m| m.kind == "emergency_call"), "{b}");
        for other in ["far@sos.kz", "teen@sos.kz"] {
            assert!(!mails_to(&app, other).await.iter().any(|m| m.kind == "emergency_call"), "{b}: only adults within the radius: {other}");
        }

        assert_eq!(c.post_json(&format!("/api/v1/emergency-calls/{id}/answer"), &json!({}), Some(&teen)).await.status, 403, "{b}");
        assert_eq!(c.post_json(&format!("/api/v1/emergency-calls/{id}/answer"), &json!({}), Some(&rescuer)).await.status, 204, "{b}");
        assert_eq!(c.post_json(&format!("/api/v1/emergency-calls/{id}/roll"), &json!({"volunteer": rescuer_id, "mark": "safe"}), Some(&fo)).await.status, 204, "{b}");
        let seen = c.send(Method::GET, &format!("/api/v1/emergency-calls/{id}"), None, Some(&fo)).await.json();
        assert_eq!((seen["call"]["notified"].as_i64(), seen["answers"][0]["roll"].as_str()), (Some(1), Some("safe")), "{b}: {seen}");
        assert_eq!(c.post_json(&format!("/api/v1/emergency-calls/{id}/close"), &json!({}), Some(&fo)).await.status, 204, "{b}");
        assert_eq!(c.post_json(&format!("/api/v1/emergency-calls/{id}/answer"), &json!({}), Some(&rescuer)).await.status, 409, "{b}: closed");
    })
    .await;
}

#[tokio::test]
async fn the_help_pages_work_in_three_languages_and_keep_the_person_private() {
    on_every_backend(|app| async move {
        let b = app.backend;
        web::accounts::create_staff(
            &app.state,
            "fo@pages.kz",
            "regional_coordinator",
            Some("KZ-55"),
            Some(PASSWORD),
        )
        .await
        .unwrap();
        web::accounts::create_staff(
            &app.state,
            "fo75@pages.kz",
            "regional_coordinator",
            Some("KZ-75"),
            Some(PASSWORD),
        )
        .await
        .unwrap();
        let anon = app.client();
        for (lang, title) in [
            ("kk", "Көмек сұрау"),
            ("ru", "Попросить о помощи"),
            ("en", "Ask for help"),
        ] {
            let p = anon.get_with("/help", "accept-language", lang).await;
            assert!(
                p.status == 200 && p.body.contains(title) && p.body.contains("id=\"help-form\""),
                "{b} {lang}"
            );
        }
        // Bad input: errors beside the fields, what was typed kept.
        let page = anon.get("/help").await;
        let csrf = crate::csrf_of(&page.body);
        let r = anon
            .submit(
                "/help",
                &[
                    ("_csrf", &csrf),
                    ("category", "elderly"),
                    ("help_type", "delivery"),
                    ("description", ""),
                    ("region", "KZ-55"),
                    ("address", "Ленин к-сі 1"),
                    ("phone", "+77012223344"),
                ],
            )
            .await;
        assert_eq!(r.status, 422, "{b}");
        assert!(
            r.body.contains("description-error") && r.body.contains("Ленин к-сі 1"),
            "{b}: {}",
            r.body
        );
        // Filed; the code page; a wrong code; the right one.
        let r = anon
            .submit(
                "/help",
                &[
                    ("_csrf", &csrf),
                    ("category", "elderly"),
                    ("help_type", "delivery"),
                    ("description", "Нан мен сүт"),
                    ("region", "KZ-55"),
                    ("locality", "Павлодар"),
                    ("address", "Ленин к-сі 1"),
                    ("phone", "+77012223344"),
                    ("name", "Айша апа"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let confirm = r.location().to_owned();
        let rid = confirm.split('/').nth(2).unwrap().to_owned();
        let p = anon.get(&confirm).await;
        assert!(p.body.contains("id=\"code-form\""), "{b}");
        let r = anon
            .submit(
                &confirm,
                &[("_csrf", &crate::csrf_of(&p.body)), ("code", "12")],
            )
            .await;
        assert!(r.status == 422 && r.body.contains("code-error"), "{b}");
        let code = texted_code(&app, "+77012223344").await;
        let r = anon
            .submit(
                &confirm,
                &[("_csrf", &crate::csrf_of(&p.body)), ("code", &code)],
            )
            .await;
        assert!(
            r.status == 200 && r.body.contains("id=\"code-ok\""),
            "{b}: {}",
            r.body
        );

        // The front-office desk shows it; the request page has the person and the triage.
        let fo = crate::attendance::login(&app, "fo@pages.kz").await;
        let desk = fo.get("/front-office/KZ-55/help").await;
        assert!(
            desk.status == 200 && desk.body.contains(&format!("data-request=\"{rid}\"")),
            "{b}: {}",
            desk.body
        );
        let req = fo.get(&format!("/help-requests/{rid}")).await;
        assert!(
            req.body.contains("Айша апа")
                && req.body.contains("+77012223344")
                && req.body.contains("id=\"help-approve\""),
            "{b}"
        );
        let r = fo
            .submit(
                &format!("/help-requests/{rid}/approve"),
                &[("_csrf", &crate::csrf_of(&req.body))],
            )
            .await;
        assert_eq!(r.status, 303, "{b}");
        // A volunteer nearby is ranked; offered from the page.
        let vt = volunteer(
            &app,
            "vol@pages.kz",
            "Мадина Серікова",
            "1992-02-02",
            (52.2870, 76.9670),
            &["kk"],
        )
        .await;
        let _ = vt;
        let req = fo.get(&format!("/help-requests/{rid}")).await;
        assert!(
            req.body.contains("id=\"ranked\"") && req.body.contains("Мадина Серікова"),
            "{b}: {}",
            req.body
        );
        let vid = store::accounts::user_by_email(&app.state.db, "vol@pages.kz")
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let r = fo
            .submit(
                &format!("/help-requests/{rid}/offer"),
                &[("_csrf", &crate::csrf_of(&req.body)), ("volunteer", &vid)],
            )
            .await;
        assert_eq!(r.status, 303, "{b}");

        // Other viewers: no name, phone, address or description.
        let fo75 = crate::attendance::login(&app, "fo75@pages.kz").await;
        let _ = token(&app, "other@pages.kz").await;
        let other = crate::attendance::login(&app, "other@pages.kz").await;
        for (who, c) in [("another region", &fo75), ("a volunteer", &other)] {
            let p = c.get(&format!("/help-requests/{rid}")).await;
            assert_eq!(p.status, 200, "{b}: {who}");
            for private in ["Айша", "+77012223344", "Ленин", "Нан мен сүт"] {
                assert!(!p.body.contains(private), "{b}: {who} sees {private}");
            }
        }
        assert_eq!(
            anon.get(&format!("/help-requests/{rid}")).await.status,
            303,
            "{b}: log in first"
        );

        // The volunteer: offered on her page, takes it, sees the person, finishes.
        let vc = crate::attendance::login(&app, "vol@pages.kz").await;
        for (lang, title) in [
            ("kk", "Маған ұсынылған"),
            ("ru", "Предложены мне"),
            ("en", "Offered to me"),
        ] {
            let p = vc.get_with("/me/help", "accept-language", lang).await;
            assert!(
                p.status == 200
                    && p.body.contains(title)
                    && p.body.contains(&format!("data-request=\"{rid}\"")),
                "{b} {lang}"
            );
        }
        let p = vc.get(&format!("/help-requests/{rid}")).await;
        let r = vc
            .submit(
                &format!("/help-requests/{rid}/take"),
                &[("_csrf", &crate::csrf_of(&p.body))],
            )
            .await;
        assert_eq!(r.status, 303, "{b}");
        let p = vc.get(&format!("/help-requests/{rid}")).await;
        assert!(
            p.body.contains("Ленин к-сі 1") && p.body.contains("id=\"complete-form\""),
            "{b}"
        );
        let r = vc
            .submit(
                &format!("/help-requests/{rid}/complete"),
                &[("_csrf", &crate::csrf_of(&p.body)), ("minutes", "45")],
            )
            .await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let book = vc.get("/me/book").await;
        assert!(
            book.body.contains("data-status=\"claimed\""),
            "{b}: a pending entry in her book"
        );

        // The operator records the person's confirmation by phone.
        let p = fo.get(&format!("/help-requests/{rid}")).await;
        let r = fo
            .submit(
                &format!("/help-requests/{rid}/confirmed"),
                &[("_csrf", &crate::csrf_of(&p.body)), ("feedback", "Рақмет")],
            )
            .await;
        assert_eq!(r.status, 303, "{b}");
        assert!(
            fo.get(&format!("/help-requests/{rid}"))
                .await
                .body
                .contains("help-person-confirmed"),
            "{b}"
        );

        // An emergency call from the desk; she answers; the roll-call; closed.
        let form = fo.get("/front-office/KZ-55/emergency").await;
        assert_eq!(form.status, 200, "{b}");
        let r = fo
            .submit(
                "/front-office/KZ-55/emergency",
                &[
                    ("_csrf", &crate::csrf_of(&form.body)),
                    ("title", "Су тасқыны"),
                    ("lat", "91"),
                    ("lon", "76.96"),
                    ("radius_km", "20"),
                ],
            )
            .await;
        assert_eq!(r.status, 422, "{b}: a point outside Kazakhstan");
        let r = fo
            .submit(
                "/front-office/KZ-55/emergency",
                &[
                    ("_csrf", &crate::csrf_of(&form.body)),
                    ("title", "Су тасқыны"),
                    ("lat", "52.29"),
                    ("lon", "76.96"),
                    ("radius_km", "20"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let call = r.location().to_owned();
        let p = vc.get(&call).await;
        assert!(p.body.contains("id=\"call-answer\""), "{b}");
        assert_eq!(
            vc.submit(
                &format!("{call}/answer"),
                &[("_csrf", &crate::csrf_of(&p.body))]
            )
            .await
            .status,
            303,
            "{b}"
        );
        let p = fo.get(&call).await;
        assert!(p.body.contains("Мадина Серікова"), "{b}: on the roll-call");
        assert_eq!(
            fo.submit(
                &format!("{call}/roll"),
                &[
                    ("_csrf", &crate::csrf_of(&p.body)),
                    ("volunteer", &vid),
                    ("mark", "present")
                ]
            )
            .await
            .status,
            303,
            "{b}"
        );
        assert_eq!(
            fo.submit(
                &format!("{call}/close"),
                &[("_csrf", &crate::csrf_of(&p.body))]
            )
            .await
            .status,
            303,
            "{b}"
        );
        assert!(
            fo.get(&call).await.body.contains("data-status=\"closed\""),
            "{b}"
        );
    })
    .await;
}
