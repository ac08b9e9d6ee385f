//! Help requests over HTTP on both databases: filing with a phone code (and its limits),
//! filing by an operator, triage, privacy per role, the ranking, 20 volunteers taking one
//! request at once, a minor refused a home visit, completion into a pending hours entry the
//! front-office confirms, the person's confirmation, erasure, and an emergency call.
//!
//! A request's journey is told one step per test, so that one failure hides none of the
//! others: [`filing`] (the phone code and its limits, the operator, triage, privacy per role),
//! [`taking`] (the ranking, twenty takers at once, a minor and a home visit), [`offers`]
//! (only a volunteer offered the request takes it, on the API and the pages) and
//! [`completion`] (the pending hours, the person's confirmation, erasure). Each test builds
//! the state it starts from through the API with the helpers below.

mod completion;
mod filing;
mod offers;
mod taking;

use chrono::Duration;
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

/// A volunteer of Pavlodar region (KZ-55) with a point, a birth date and languages.
async fn volunteer(
    app: &crate::App,
    email: &str,
    name: &str,
    birth: &str,
    point: (f64, f64),
    langs: &[&str],
) -> String {
    volunteer_in(app, "KZ-55", email, name, birth, point, langs).await
}

/// A volunteer of `region` with a point, a birth date and languages.
async fn volunteer_in(
    app: &crate::App,
    region: &str,
    email: &str,
    name: &str,
    birth: &str,
    point: (f64, f64),
    langs: &[&str],
) -> String {
    let t = token(app, email).await;
    let r = app.client().send(Method::PUT, "/api/v1/me/profile", Some(&json!({"display_name": name, "birth_date": birth, "region": region, "languages": langs})), Some(&t)).await;
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

/// The front-offices of Pavlodar region (KZ-55, where the requests are) and of another
/// region (KZ-75): their API tokens.
async fn front_offices(app: &crate::App) -> (String, String) {
    app::accounts::create_staff(
        &app.state,
        "fo55@help.kz",
        "regional_coordinator",
        Some("KZ-55"),
        Some(PASSWORD),
    )
    .await
    .unwrap();
    app::accounts::create_staff(
        &app.state,
        "fo75@help.kz",
        "regional_coordinator",
        Some("KZ-75"),
        Some(PASSWORD),
    )
    .await
    .unwrap();
    (
        bearer(app, "fo55@help.kz").await,
        bearer(app, "fo75@help.kz").await,
    )
}

/// A request filed on the web from `phone` and confirmed with the code texted to it.
async fn filed_on_the_web(app: &crate::App, phone: &str) -> String {
    let b = app.backend;
    let c = app.client();
    let web = id(&c
        .post_json("/api/v1/help-requests", &request(phone), None)
        .await
        .json());
    let code = texted_code(app, phone).await;
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
    web
}

/// A request the KZ-55 operator filed for a caller (+77015550011): in the queue at once.
async fn filed_by_the_operator(app: &crate::App, fo: &str) -> String {
    id(&app
        .client()
        .post_json("/api/v1/help-requests", &request("+77015550011"), Some(fo))
        .await
        .json())
}

/// A request filed by the operator and approved at triage.
async fn approved(app: &crate::App, fo: &str) -> String {
    let b = app.backend;
    let phoned = filed_by_the_operator(app, fo).await;
    assert_eq!(
        app.client()
            .post_status(
                &format!("/api/v1/help-requests/{phoned}/decision"),
                &json!({"action": "approve"}),
                Some(fo)
            )
            .await,
        204,
        "{b}"
    );
    phoned
}

/// Taker `i`: an adult volunteer near the request who speaks Kazakh, `t{i}@help.kz`.
async fn taker(app: &crate::App, i: u32) -> String {
    volunteer(
        app,
        &format!("t{i}@help.kz"),
        &format!("Көмекші {}", char::from_u32(0x410 + i).unwrap()),
        "1995-06-06",
        (52.28 + f64::from(i) * 0.001, 76.96),
        &["kk"],
    )
    .await
}

/// The front-office offers the request to the volunteers with these e-mails.
async fn offered(app: &crate::App, fo: &str, phoned: &str, emails: &[String]) {
    let b = app.backend;
    let ids: Vec<String> = {
        let mut v = Vec::new();
        for email in emails {
            v.push(
                store::accounts::user_by_email(&app.state.db, email)
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
        app.client()
            .post_status(
                &format!("/api/v1/help-requests/{phoned}/offers"),
                &json!({"volunteers": ids}),
                Some(fo)
            )
            .await,
        204,
        "{b}"
    );
}

/// A request approved, offered to taker 0 and taken by her: (request, her token).
async fn taken(app: &crate::App, fo: &str) -> (String, String) {
    let b = app.backend;
    let phoned = approved(app, fo).await;
    let winner = taker(app, 0).await;
    offered(app, fo, &phoned, &["t0@help.kz".to_owned()]).await;
    assert_eq!(
        app.client()
            .post_status(
                &format!("/api/v1/help-requests/{phoned}/take"),
                &json!({}),
                Some(&winner)
            )
            .await,
        204,
        "{b}"
    );
    (phoned, winner)
}

/// A taken request started and reported done in 90 minutes: (request, the assignee's
/// token, her pending hours entry).
async fn completed(app: &crate::App, fo: &str) -> (String, String, String) {
    let b = app.backend;
    let c = app.client();
    let (phoned, winner) = taken(app, fo).await;
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
    let hours = id(&c
        .post_json(
            &format!("/api/v1/help-requests/{phoned}/complete"),
            &json!({"minutes": "90"}),
            Some(&winner),
        )
        .await
        .json());
    (phoned, winner, hours)
}

/// The front-office confirms a pending hours entry.
async fn hours_confirmed(app: &crate::App, fo: &str, hours: &str) {
    let b = app.backend;
    assert_eq!(
        app.client()
            .post_status(
                &format!("/api/v1/hours/{hours}/confirm"),
                &json!({}),
                Some(fo)
            )
            .await,
        204,
        "{b}"
    );
}

/// The person confirms a completed request with the code texted to the caller's phone.
async fn confirmed_by_the_person(app: &crate::App, phoned: &str) {
    let b = app.backend;
    let done_code = texted_code(app, "+77015550011").await;
    let r = app
        .client()
        .post_json(
            &format!("/api/v1/help-requests/{phoned}/done"),
            &json!({"code": done_code, "feedback": "Рақмет!", "rating": 5}),
            None,
        )
        .await;
    assert_eq!(r.status, 204, "{b}: {}", r.body);
}

#[tokio::test]
async fn an_emergency_call_reaches_adults_nearby_and_keeps_a_roll_call() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        app::accounts::create_staff(&app.state, "fo@sos.kz", "regional_coordinator", Some("KZ-55"), Some(PASSWORD)).await.unwrap();
        let fo = bearer(&app, "fo@sos.kz").await;
        let rescuer = volunteer(&app, "swim@sos.kz", "Жүзгіш", "1990-01-01", (52.30, 76.95), &["kk"]).await;
        let rescuer_id = store::accounts::user_by_email(&app.state.db, "swim@sos.kz").await.unwrap().unwrap().id;
        let r = c.send(Method::PUT, "/api/v1/me/profile", Some(&json!({"display_name": "Жүзгіш", "birth_date": "1990-01-01", "region": "KZ-55", "skills": ["swimming"]})), Some(&rescuer)).await;
        assert_eq!(r.status, 200, "{b}");
        let _far = volunteer(&app, "far@sos.kz", "Алыста", "1990-01-01", (43.25, 76.95), &["kk"]).await;
        let teen = volunteer(&app, "teen@sos.kz", "Жасөспірім", &(app::today() - Duration::days(365 * 16)).to_string(), (52.30, 76.95), &["kk"]).await;

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
        app::accounts::create_staff(
            &app.state,
            "fo@pages.kz",
            "regional_coordinator",
            Some("KZ-55"),
            Some(PASSWORD),
        )
        .await
        .unwrap();
        app::accounts::create_staff(
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
