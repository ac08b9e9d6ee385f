//! The browser journeys (e2e/*.mjs, Playwright driving Debian's Chromium) against a real
//! server: accounts (sign up → confirm via the mailbox → log in → edit the profile → switch
//! languages → log out), organizations (create → verify → directory) and events (an
//! initiative group's event with three shifts, 200 applicants for 50 places, waitlist,
//! promotion, QR check-in) and the book (journey 1: sign up → confirm → profile → find an
//! event near her in Kazakh → apply → accepted → QR check-in → hours confirmed → a
//! certificate PDF → a university verifies it) and help requests (journey 3: a phoned-in
//! request → approved → offered to the top-ranked volunteer → taken → done → her pending
//! hours). Skipped (and said so) without Chromium or
//! the node packages; required with CI=true or ERIKTI_REQUIRE_BROWSER=1. One journey runs at
//! a time.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Duration as ChronoDuration, SubsecRound, Utc};
use reqwest::Method;
use serde_json::json;

use crate::{PASSWORD, on_every_backend};

fn browser_required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
        || std::env::var("ERIKTI_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

fn e2e_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../e2e")
}

fn available() -> Result<(), String> {
    if !Path::new("/usr/bin/chromium").exists() {
        return Err("/usr/bin/chromium is not installed (apt-get install chromium)".into());
    }
    if !e2e_dir().join("node_modules/playwright-core").exists() {
        return Err("e2e/node_modules is missing (cd e2e && npm ci)".into());
    }
    if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        return Err("node is not installed".into());
    }
    Ok(())
}

/// One browser journey at a time: two Chromiums on a small machine make waits time out.
static ONE_BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Whether the journeys can run here; says why not (and fails where they are required).
fn can_run() -> bool {
    match available() {
        Ok(()) => true,
        Err(why) => {
            assert!(
                !browser_required(),
                "browser tests are required here but cannot run: {why}"
            );
            store::testing::note_skip(&format!("browser journeys ({why})"));
            false
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_journey_in_chromium() {
    if !can_run() {
        return;
    }
    let _one = ONE_BROWSER.lock().await;
    on_every_backend(|app| async move {
        app::accounts::create_staff(
            &app.state,
            "admin@erikti.test",
            "national_admin",
            None,
            Some(PASSWORD),
        )
        .await
        .unwrap();
        assert_eq!(
            app.client().get("/").await.status,
            200,
            "the server answers before the browser starts"
        );
        // Accounts: sign up → confirm via the mailbox → log in → profile → languages → log out.
        let (ok, out) = run(&app, "journey.mjs", &[]).await;
        assert!(ok, "browser journey failed on {}:\n{out}", app.backend);
        // Organizations: create, ask for verification, scoped front-office, badge.
        for email in ["org-v@erikti.test", "c55@erikti.test", "c75@erikti.test"] {
            let _ = app.volunteer(email).await;
        }
        let env = [
            ("VOL_EMAIL", "org-v@erikti.test"),
            ("C55_EMAIL", "c55@erikti.test"),
            ("C75_EMAIL", "c75@erikti.test"),
        ];
        let (ok, out) = run(&app, "orgs.mjs", &env).await;
        assert!(
            ok,
            "organizations journey failed on {}:\n{out}",
            app.backend
        );
        // Events: three shifts, 200 applicants for 50 places, waitlist, QR check-in.
        let (vars, tokens_file) = events_people(&app).await;
        let env: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (ok, out) = run(&app, "events.mjs", &env).await;
        let _ = std::fs::remove_file(&tokens_file);
        assert!(ok, "events journey failed on {}:\n{out}", app.backend);
    })
    .await;
}

/// Journey 1 in the browser, in Kazakh, in two parts (e2e/book.mjs): between them the
/// afternoon goes by (the shift and her arrival move 4 h back); afterwards the PDF she
/// downloaded is read here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_book_journey_in_chromium() {
    if !can_run() {
        return;
    }
    let _one = ONE_BROWSER.lock().await;
    on_every_backend(|app| async move {
        let b = app.backend;
        let db = &app.state.db;
        app::accounts::create_staff(
            &app.state,
            "admin@erikti.test",
            "national_admin",
            None,
            Some(PASSWORD),
        )
        .await
        .unwrap();
        let p = book_setup(&app).await;
        let pdf_file =
            std::env::temp_dir().join(format!("erikti-certificate-{}-{b}.pdf", std::process::id()));
        let pdf_path = pdf_file.display().to_string();
        let (org, event, shift) = (p.org.to_string(), p.event.to_string(), p.shift.to_string());
        let env = |part| {
            [
                ("JOURNEY_PART", part),
                ("VOL_EMAIL", BOOK_VOL),
                ("COORD_EMAIL", BOOK_COORD),
                ("ORG_ID", org.as_str()),
                ("EVENT_ID", event.as_str()),
                ("SHIFT_ID", shift.as_str()),
                ("PDF_FILE", pdf_path.as_str()),
            ]
        };
        let (ok, out) = run(&app, "book.mjs", &env("attend")).await;
        assert!(ok, "book journey (attend) failed on {b}:\n{out}");

        // The afternoon goes by: the 4-hour shift ended a quarter of an hour ago, and she
        // had come at its start.
        let mine = store::shifts::applications_of(db, p.shift)
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.email == BOOK_VOL)
            .unwrap_or_else(|| panic!("{b}: no application of {BOOK_VOL}"));
        assert_eq!(mine.status, domain::ApplicationStatus::CheckedIn, "{b}");
        let start = Utc::now().trunc_subsecs(0) - ChronoDuration::minutes(4 * 60 + 15);
        store::testing::move_shift(db, p.shift, start, start + ChronoDuration::hours(4))
            .await
            .unwrap();
        store::testing::backdate_check_in(db, mine.id, start)
            .await
            .unwrap();

        let (ok, out) = run(&app, "book.mjs", &env("certificate")).await;
        let pdf = std::fs::read(&pdf_file);
        let _ = std::fs::remove_file(&pdf_file);
        assert!(ok, "book journey (certificate) failed on {b}:\n{out}");

        // What she downloaded is her signed certificate, in Kazakh.
        let vol = store::accounts::user_by_email(db, BOOK_VOL)
            .await
            .unwrap()
            .unwrap();
        let certs = store::ledger::certificates_of(db, vol.id).await.unwrap();
        assert_eq!(certs.len(), 1, "{b}");
        let code = certs[0].code.clone();
        let pdf = pdf.unwrap_or_else(|e| panic!("{b}: the downloaded PDF {pdf_path}: {e}"));
        assert!(pdf.starts_with(b"%PDF-"), "{b}: not a PDF");
        match crate::pdf_text(&pdf) {
            Some(text) => {
                assert!(
                    text.lines()
                        .any(|l| l.contains("Әсем") && l.contains("Нұрланова")),
                    "{b}: the holder's name in Kazakh: {text}"
                );
                for want in [
                    "Волонтерлік қызмет туралы анықтама",
                    "4,0 сағ.",
                    "Ертіс жағалауы еріктілері",
                    &code,
                    &format!("{}/verify/{code}", app.base),
                ] {
                    assert!(text.contains(want), "{b}: no {want:?} in the PDF: {text}");
                }
            }
            None => store::testing::note_skip(
                "reading the PDF's text needs pdftotext (Debian poppler-utils)",
            ),
        }
        let checked = app
            .client()
            .get(&format!("/api/v1/certificates/{code}"))
            .await
            .json();
        assert_eq!(
            (
                checked["signature_valid"].as_bool(),
                checked["revoked"].as_bool()
            ),
            (Some(true), Some(false)),
            "{b}: {checked}"
        );
        assert_eq!(
            checked["certificate"]["statement"]["total_minutes"], 240,
            "{b}: {checked}"
        );
        // She was told by e-mail along the way.
        let kinds: Vec<String> = store::outbox::recent(db, Some(BOOK_VOL), 100)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.kind)
            .collect();
        for kind in ["accepted", "hours_confirmed"] {
            assert!(
                kinds.iter().any(|k| k == kind),
                "{b}: no {kind} e-mail to her: {kinds:?}"
            );
        }
    })
    .await;
}

/// Journey 3 in the browser, in Kazakh (e2e/help.mjs): an elderly man phones the
/// front-office; the operator files his request, approves it, offers it to the top-ranked
/// volunteer (and one more); she takes it, does it, and a pending hours entry appears for
/// her. Here: the volunteers and their points beforehand, the store afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_help_journey_in_chromium() {
    if !can_run() {
        return;
    }
    let _one = ONE_BROWSER.lock().await;
    on_every_backend(|app| async move {
        let b = app.backend;
        let db = &app.state.db;
        app::accounts::create_staff(
            &app.state,
            HELP_OPERATOR,
            "regional_coordinator",
            Some("KZ-55"),
            Some(PASSWORD),
        )
        .await
        .unwrap();
        let minor_birth = (app::today() - ChronoDuration::days(365 * 15 + 30)).to_string();
        let mut ids = Vec::new();
        for v in [&HELP_TOP, &HELP_RUSSIAN, &HELP_FARTHER, &HELP_MINOR] {
            let birth = if v.birth.is_empty() {
                minor_birth.as_str()
            } else {
                v.birth
            };
            ids.push(help_volunteer(&app, v, birth).await.to_string());
        }
        let [top, russian, farther, minor] = [&ids[0], &ids[1], &ids[2], &ids[3]];
        let env = [
            ("OP_EMAIL", HELP_OPERATOR),
            ("VOL_EMAIL", HELP_TOP.email),
            ("VOL_NAME", HELP_TOP.name),
            ("VOL_ID", top.as_str()),
            ("OTHER_EMAIL", HELP_FARTHER.email),
            ("OTHER_NAME", HELP_FARTHER.name),
            ("OTHER_ID", farther.as_str()),
            ("RU_NAME", HELP_RUSSIAN.name),
            ("RU_ID", russian.as_str()),
            ("MINOR_NAME", HELP_MINOR.name),
            ("MINOR_ID", minor.as_str()),
        ];
        let (ok, out) = run(&app, "help.mjs", &env).await;
        assert!(ok, "help journey failed on {b}:\n{out}");

        // One request, done, held by her alone.
        let done = store::help::queue(db, "KZ-55", &["completed"], 10)
            .await
            .unwrap();
        assert_eq!(done.len(), 1, "{b}: one completed request in KZ-55");
        let r = &done[0];
        let top: uuid::Uuid = top.parse().unwrap();
        assert_eq!(r.assignee_id, Some(top), "{b}: she holds the request");
        assert_eq!(
            (
                r.name.as_deref(),
                r.lang.as_str(),
                r.help_type.as_str(),
                r.minutes
            ),
            (Some("Серік Әбенов"), "kk", "delivery", Some(60)),
            "{b}"
        );
        assert!(
            r.filed_by.is_some() && r.phone_confirmed_at.is_some(),
            "{b}: filed by the operator, the phone counted as confirmed"
        );
        for v in [russian, farther, minor] {
            let v: uuid::Uuid = v.parse().unwrap();
            let held: Vec<_> = store::help::of_volunteer(db, v)
                .await
                .unwrap()
                .into_iter()
                .filter(|(x, _)| x.assignee_id == Some(v))
                .collect();
            assert!(held.is_empty(), "{b}: {v} holds no request");
            assert!(
                store::ledger::of_volunteer(db, v, 10)
                    .await
                    .unwrap()
                    .is_empty(),
                "{b}: {v} has no hours"
            );
        }
        let offered: Vec<_> = store::help::of_volunteer(db, farther.parse().unwrap())
            .await
            .unwrap();
        assert!(
            offered.len() == 1 && offered[0].0.id == r.id && !offered[0].1,
            "{b}: the other volunteer was offered it, and the offer is over: {offered:?}"
        );
        // Her time waits for the front-office.
        let hours = store::ledger::of_volunteer(db, top, 10).await.unwrap();
        assert_eq!(hours.len(), 1, "{b}: {hours:?}");
        let h = &hours[0];
        assert_eq!(
            (h.source.as_str(), h.minutes, h.status.as_str()),
            ("help_request", 60, "claimed"),
            "{b}: {h:?}"
        );
        assert_eq!(h.region_code.as_deref(), Some("KZ-55"), "{b}: {h:?}");
        assert_eq!(
            store::ledger::total_minutes(db, top).await.unwrap(),
            0,
            "{b}: nothing confirmed yet"
        );
        // The other one offered it was told it is taken; the one not offered was told nothing.
        for (email, want) in [
            (HELP_FARTHER.email, &["help_offered", "help_taken"][..]),
            (HELP_TOP.email, &["help_offered"][..]),
            (HELP_RUSSIAN.email, &[][..]),
        ] {
            let mut kinds: Vec<String> = store::outbox::recent(db, Some(email), 20)
                .await
                .unwrap()
                .into_iter()
                .map(|m| m.kind)
                .filter(|k| k.starts_with("help_"))
                .collect();
            kinds.sort();
            assert_eq!(kinds, want, "{b}: the help e-mails to {email}");
        }
        // The person is asked by SMS to confirm.
        let sms: Vec<String> = store::outbox::recent(db, Some(HELP_PHONE), 10)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.kind)
            .collect();
        assert_eq!(sms, ["sms_done"], "{b}: one SMS to {HELP_PHONE}");
    })
    .await;
}

/// The front-office operator of KZ-55 in the help journey.
const HELP_OPERATOR: &str = "fo55-help@erikti.test";
/// The caller's phone (as the operator types it, already in E.164).
const HELP_PHONE: &str = "+77015550011";

/// A volunteer the help journey ranks.
struct HelpVolunteer {
    email: &'static str,
    name: &'static str,
    birth: &'static str,
    point: (f64, f64),
    languages: &'static [&'static str],
}

/// The request is at (52.2873, 76.9674), central Pavlodar, in Kazakh. She is 0.4 km away
/// and speaks Kazakh: first.
const HELP_TOP: HelpVolunteer = HelpVolunteer {
    email: "gulnaz.toktarova@erikti.test",
    name: "Гүлназ Тоқтарова",
    birth: "1994-09-21",
    point: (52.2905, 76.9700),
    languages: &["kk", "ru"],
};
/// 1.2 km away, Russian only: below the farther Kazakh speaker.
const HELP_RUSSIAN: HelpVolunteer = HelpVolunteer {
    email: "ivan.orlov@erikti.test",
    name: "Иван Орлов",
    birth: "1988-02-02",
    point: (52.2980, 76.9700),
    languages: &["ru"],
};
/// 3.5 km away, Kazakh: second.
const HELP_FARTHER: HelpVolunteer = HelpVolunteer {
    email: "erlan.zhaksybekov@erikti.test",
    name: "Ерлан Жақсыбеков",
    birth: "1985-05-05",
    point: (52.3190, 76.9674),
    languages: &["kk"],
};
/// Next door, Kazakh, 15: never ranked for a home visit (birth date set at run time).
const HELP_MINOR: HelpVolunteer = HelpVolunteer {
    email: "zhas.ulan@erikti.test",
    name: "Жас Ұлан",
    birth: "",
    point: (52.2874, 76.9675),
    languages: &["kk"],
};

/// Signs `v` up, sets her profile (name, birth date, KZ-55, languages) and her point
/// through the API, as a client would; returns her id.
async fn help_volunteer(app: &crate::App, v: &HelpVolunteer, birth: &str) -> uuid::Uuid {
    let b = app.backend;
    let _ = app.volunteer(v.email).await;
    let c = app.client();
    let token = c
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": v.email, "password": PASSWORD}),
            None,
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{b}: an API token for {}", v.email))
        .to_owned();
    let r = c
        .send(
            Method::PUT,
            "/api/v1/me/profile",
            Some(
                &json!({"display_name": v.name, "birth_date": birth, "region": "KZ-55",
                "languages": v.languages, "preferred_lang": "kk"}),
            ),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 200, "{b}: the profile of {}: {}", v.email, r.body);
    let r = c
        .send(
            Method::PUT,
            "/api/v1/me/home-point",
            Some(&json!({"lat": v.point.0, "lon": v.point.1})),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 204, "{b}: the point of {}: {}", v.email, r.body);
    store::accounts::user_by_email(&app.state.db, v.email)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{b}: no account {}", v.email))
        .id
}

/// The volunteer of the book journey (signed up by the browser).
const BOOK_VOL: &str = "asem.nurlanova@erikti.test";
/// The coordinator of her organization.
const BOOK_COORD: &str = "bk-coord@erikti.test";

/// What the book journey runs on.
struct BookSetup {
    org: uuid::Uuid,
    event: uuid::Uuid,
    shift: uuid::Uuid,
}

/// A verified KZ-55 group with a coordinator, who publishes (through the API) the
/// journey's event — moderated, in Kazakh, for adults, on Pavlodar's embankment, a
/// 4-hour shift starting in half an hour — and three the search must leave out: one in
/// Russian only next door, one in Ekibastuz (130 km away), one in Astana.
async fn book_setup(app: &crate::App) -> BookSetup {
    const OWNER: &str = "bk-owner@erikti.test";
    let db = &app.state.db;
    let _ = app.volunteer(OWNER).await;
    let _ = app.volunteer(BOOK_COORD).await;
    let user = |email: &'static str| async move {
        store::accounts::user_by_email(db, email)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no account {email}"))
    };
    let owner = user(OWNER).await;
    let coord = user(BOOK_COORD).await;
    let org = verified_group(
        db,
        "Ертіс жағалауы еріктілері",
        "Волонтёры набережной",
        owner.id,
    )
    .await;
    // The owner invites the coordinator; he accepts.
    let hash = format!("journey-{}", uuid::Uuid::now_v7());
    store::organizations::invite(
        db,
        org,
        BOOK_COORD,
        &hash,
        owner.id,
        Utc::now() + ChronoDuration::days(1),
    )
    .await
    .unwrap();
    assert_eq!(
        store::organizations::accept_invitation(db, &hash, coord.id)
            .await
            .unwrap(),
        org
    );
    let c = app.client();
    let token = c
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": BOOK_COORD, "password": PASSWORD}),
            None,
        )
        .await
        .json()["token"]
        .as_str()
        .expect("the coordinator's API token")
        .to_owned();
    let soon = Utc::now().trunc_subsecs(0) + ChronoDuration::minutes(30);
    let publish = |body: serde_json::Value| {
        let (c, token) = (&c, &token);
        async move {
            let r = c
                .post_json(
                    &format!("/api/v1/organizations/{org}/events"),
                    &body,
                    Some(token),
                )
                .await;
            assert_eq!(
                r.status, 201,
                "{}: the event {body}: {}",
                app.backend, r.body
            );
            let event = r.json()["id"].as_str().unwrap().to_owned();
            let r = c
                .post_json(
                    &format!("/api/v1/events/{event}/shifts"),
                    &json!({"starts_at": soon.to_rfc3339(), "ends_at": (soon + ChronoDuration::hours(4)).to_rfc3339(), "capacity": "10"}),
                    Some(token),
                )
                .await;
            assert_eq!(r.status, 201, "{}: the shift: {}", app.backend, r.body);
            let shift = r.json()["id"].as_str().unwrap().parse().unwrap();
            let r = c
                .post_json(
                    &format!("/api/v1/events/{event}/publish"),
                    &json!({}),
                    Some(token),
                )
                .await;
            assert_eq!(r.status, 204, "{}: publishing: {}", app.backend, r.body);
            (event.parse().unwrap(), shift)
        }
    };
    let (event, shift) = publish(json!({
        "title_kk": "Ертіс жағалауын тазалау", "title_ru": "Уборка набережной Иртыша",
        "description_kk": "Жағалаудағы қоқысты жинаймыз; қолғап пен қапты береміз.",
        "activity_type": "environment", "direction": "taza_alem",
        "region": "KZ-55", "locality": "Павлодар", "address": "Ертіс жағалауы",
        "lat": 52.2950, "lon": 76.9560, "mode": "moderated", "min_age": 18, "languages": ["kk"]}))
    .await;
    for decoy in [
        json!({"title_kk": "Саябақты көгалдандыру", "title_ru": "Озеленение парка", "activity_type": "environment",
            "region": "KZ-55", "locality": "Павлодар", "lat": 52.2850, "lon": 76.9600, "languages": ["ru"]}),
        json!({"title_kk": "Екібастұзда ағаш отырғызу", "activity_type": "environment",
            "region": "KZ-55", "locality": "Екібастұз", "lat": 51.7236, "lon": 75.3225, "languages": ["kk"]}),
        json!({"title_kk": "Астанада қарттарға көмек", "activity_type": "environment",
            "region": "KZ-71", "locality": "Астана", "lat": 51.1280, "lon": 71.4300, "languages": ["kk"]}),
    ] {
        let _ = publish(decoy).await;
    }
    BookSetup { org, event, shift }
}

/// Applicants besides the browser volunteer (200 in all, for 50 places).
const API_APPLICANTS: usize = 199;

/// The people of the events journey: the owner of a verified KZ-55 initiative group, an
/// adult browser volunteer, and 199 more adults with personal API tokens written to a
/// file, one a line. Returns the script's env and the file (to remove afterwards).
async fn events_people(app: &crate::App) -> (Vec<(&'static str, String)>, PathBuf) {
    const OWNER: &str = "ev-owner@erikti.test";
    const VOL: &str = "ev-vol@erikti.test";
    let db = &app.state.db;
    let _ = app.volunteer(OWNER).await;
    let _ = app.volunteer(VOL).await;
    // The browser volunteer is an adult: her birth date through the API, as a client sets it.
    let c = app.client();
    let login = c
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": VOL, "password": PASSWORD}),
            None,
        )
        .await;
    let token = login.json()["token"].as_str().unwrap().to_owned();
    let r = c
        .send(
            Method::PUT,
            "/api/v1/me/profile",
            Some(&json!({"display_name": "Айгерім Сейітова", "birth_date": "1995-04-12"})),
            Some(&token),
        )
        .await;
    assert_eq!(
        r.status, 200,
        "{}: the volunteer's birth date: {}",
        app.backend, r.body
    );
    // A verified initiative group in KZ-55 owned by ev-owner.
    let user = |email: &'static str| async move {
        store::accounts::user_by_email(db, email)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no account {email}"))
    };
    let owner = user(OWNER).await;
    let org = verified_group(db, "Ертіс еріктілері", "Волонтёры Иртыша", owner.id).await;
    // 199 adults with API tokens, straight into the store (the owner's hash, for speed).
    let birth = chrono::NaiveDate::from_ymd_opt(1995, 4, 12);
    let mut tokens = String::new();
    for n in 1..=API_APPLICANTS {
        let email = format!("ev-{n:03}@erikti.test");
        let name = format!("Ерікті {n:03}");
        let id = store::accounts::create_user(
            db,
            &store::accounts::NewUser {
                email: &email,
                password_hash: &owner.password_hash,
                display_name: &name,
                preferred_lang: "kk",
                confirmed: true,
            },
        )
        .await
        .unwrap();
        let profile = store::accounts::ProfileUpdate {
            display_name: name,
            birth_date: birth,
            preferred_lang: "kk".into(),
            ..Default::default()
        };
        store::accounts::update_profile(db, id, &profile)
            .await
            .unwrap();
        let u = store::accounts::user_by_id(db, id).await.unwrap().unwrap();
        let (_, secret) =
            app::accounts::create_api_token(&app.state, domain::Lang::Kk, &u, "journey")
                .await
                .unwrap();
        tokens.push_str(&secret);
        tokens.push('\n');
    }
    let file = std::env::temp_dir().join(format!(
        "erikti-events-tokens-{}-{}.txt",
        std::process::id(),
        app.backend
    ));
    std::fs::write(&file, tokens).unwrap();
    let vars = vec![
        ("OWNER_EMAIL", OWNER.to_owned()),
        ("VOL_EMAIL", VOL.to_owned()),
        ("ORG_ID", org.to_string()),
        ("TOKENS_FILE", file.display().to_string()),
    ];
    (vars, file)
}

/// An initiative group in KZ-55 of `owner`, verified by admin@erikti.test.
async fn verified_group(
    db: &store::Db,
    name_kk: &str,
    name_ru: &str,
    owner: uuid::Uuid,
) -> uuid::Uuid {
    let admin = store::accounts::user_by_email(db, "admin@erikti.test")
        .await
        .unwrap()
        .expect("the national admin exists");
    let details = store::organizations::Details {
        kind: domain::OrgKind::InitiativeGroup,
        name_kk: Some(name_kk.into()),
        name_ru: Some(name_ru.into()),
        region_code: "KZ-55".into(),
        ..Default::default()
    };
    let org = store::organizations::create(db, &details, owner)
        .await
        .unwrap();
    store::organizations::request_verification(db, org, domain::OrgStatus::Registered, owner)
        .await
        .unwrap();
    let request = store::organizations::queue(db, "KZ-55")
        .await
        .unwrap()
        .into_iter()
        .find(|q| q.organization_id == org)
        .expect("the group waits in the KZ-55 queue")
        .id;
    store::organizations::decide(
        db,
        request,
        domain::VerificationDecision::Verify,
        domain::OrgStatus::Verified,
        None,
        admin.id,
    )
    .await
    .unwrap();
    org
}

/// Runs one journey script against the app; (passed, output).
async fn run(app: &crate::App, script: &str, env: &[(&str, &str)]) -> (bool, String) {
    let mut cmd = tokio::process::Command::new("node");
    cmd.arg(script)
        .current_dir(e2e_dir())
        .env("BASE_URL", &app.base)
        .env("ADMIN_EMAIL", "admin@erikti.test")
        .env("ADMIN_PASSWORD", PASSWORD)
        .env("PASSWORD", PASSWORD)
        .kill_on_drop(true);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = tokio::time::timeout(Duration::from_secs(240), cmd.output())
        .await
        .expect("the journey finishes within 4 minutes")
        .expect("node runs");
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{text}");
    (out.status.success(), text)
}

/// The secret shared with the payment provider in the charity journey.
const PROVIDER_SECRET: &str = "whsec-browser-journey";

/// A payment provider's hosted page, as the generic format describes it: `GET /checkout`
/// with the payment's parameters shows the amount and a "Pay" button; paying posts the
/// provider's notification, signed with the shared secret, to the platform's notification
/// address (the return address's origin) and sends the donor back. Returns its base URL.
async fn payment_provider() -> String {
    use axum::extract::{Form, Query};
    use axum::response::{Html, IntoResponse, Redirect};
    use std::collections::BTreeMap;
    async fn page(Query(q): Query<BTreeMap<String, String>>) -> Html<String> {
        let esc = |s: &str| {
            s.replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;")
        };
        let hidden: String = q
            .iter()
            .map(|(k, v)| {
                format!(
                    "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                    esc(k),
                    esc(v)
                )
            })
            .collect();
        let tenge = q
            .get("amount")
            .and_then(|a| a.parse::<i64>().ok())
            .unwrap_or(0)
            / 100;
        Html(format!(
            "<!doctype html><html lang=\"en\"><head><meta name=\"viewport\" content=\"width=device-width\"><title>Test Pay</title></head>\
             <body><main><h1>Test Pay</h1><p id=\"pay-amount\">{tenge} KZT</p>\
             <form method=\"post\" action=\"/pay\" id=\"pay-form\">{hidden}<button type=\"submit\" id=\"pay\">Pay</button></form></main></body></html>"
        ))
    }
    async fn pay(Form(q): Form<BTreeMap<String, String>>) -> axum::response::Response {
        let get = |k: &str| q.get(k).cloned().unwrap_or_default();
        let back = get("return_url");
        let origin = back
            .split("/collections/")
            .next()
            .unwrap_or_default()
            .to_owned();
        let mut body = json!({
            "id": format!("evt_{}", get("payment_id")), "type": "payment.succeeded",
            "payment_id": get("payment_id"), "collection_id": get("collection_id"),
            "amount": get("amount").parse::<i64>().unwrap_or(0), "currency": "KZT",
            "occurred_at": Utc::now().to_rfc3339(),
        });
        for k in ["donor_name", "donor_email", "public_name", "account"] {
            if let Some(v) = q.get(k) {
                body[k] = json!(v);
            }
        }
        let bytes = serde_json::to_vec(&body).unwrap();
        let sig = domain::charity::webhook::sign(PROVIDER_SECRET.as_bytes(), &bytes);
        let r = reqwest::Client::new()
            .post(format!("{origin}/api/v1/payments/generic/notify"))
            .header("content-type", "application/json")
            .header("X-Erikti-Signature", sig)
            .body(bytes)
            .send()
            .await;
        match r {
            Ok(r) if r.status().is_success() => Redirect::to(&back).into_response(),
            Ok(r) => (
                axum::http::StatusCode::BAD_GATEWAY,
                format!("the platform answered {}", r.status()),
            )
                .into_response(),
            Err(e) => (axum::http::StatusCode::BAD_GATEWAY, e.to_string()).into_response(),
        }
    }
    let router = axum::Router::new()
        .route("/checkout", axum::routing::get(page))
        .route("/pay", axum::routing::post(pay));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    base
}

/// The charity journey in the browser, at 360 px (e2e/charity.mjs): a verified
/// organization opens a collection, the front-office registers it, a guest who opened the
/// page from its QR code gives by card on the provider's page (its signed notification
/// records the gift), the treasurer imports a bank statement with two transfers, an expense
/// is approved by a second member, the public page shows raised, spent and remainder as the
/// log proves them, and the closing report is published. The scheduler runs every second,
/// as it does every minute on a server, to sign the log's checkpoints.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_charity_journey_in_chromium() {
    if !can_run() {
        return;
    }
    let _one = ONE_BROWSER.lock().await;
    let provider = payment_provider().await;
    let settings = move || {
        let mut s = crate::test_settings();
        s.payments = app::PaymentSettings {
            provider: "generic".into(),
            secret: Some(PROVIDER_SECRET.into()),
            checkout_url: Some(format!("{provider}/checkout")),
        };
        s.opportunities.scheduler_seconds = 1;
        s
    };
    crate::on_every_backend_with(settings, |app| async move {
        let b = app.backend;
        let db = &app.state.db;
        app::accounts::create_staff(
            &app.state,
            "admin@erikti.test",
            "national_admin",
            None,
            Some(PASSWORD),
        )
        .await
        .unwrap();
        let (stop, rx) = tokio::sync::watch::channel(false);
        let jobs = tokio::spawn(app::jobs::run(app.state.app.clone(), rx));
        for email in ["owner@charity.test", "treasurer@charity.test"] {
            let _ = app.volunteer(email).await;
        }
        let id_of = |email: &'static str| async move {
            store::accounts::user_by_email(db, email)
                .await
                .unwrap()
                .expect("signed up")
                .id
        };
        let (owner, treasurer) = (
            id_of("owner@charity.test").await,
            id_of("treasurer@charity.test").await,
        );
        let org = verified_group(db, "«Мейірім» қоры", "Фонд «Мейірім»", owner).await;
        store::organizations::invite(
            db,
            org,
            "treasurer@charity.test",
            "journey-invitation",
            owner,
            Utc::now() + ChronoDuration::days(1),
        )
        .await
        .unwrap();
        store::organizations::accept_invitation(db, "journey-invitation", treasurer)
            .await
            .unwrap();
        store::organizations::set_treasurer(db, org, treasurer, true, owner)
            .await
            .unwrap();
        let org = org.to_string();
        let env = [
            ("ORG_ID", org.as_str()),
            ("OWNER_EMAIL", "owner@charity.test"),
            ("TREASURER_EMAIL", "treasurer@charity.test"),
        ];
        let (ok, out) = run(&app, "charity.mjs", &env).await;
        let _ = stop.send(true);
        let _ = jobs.await;
        assert!(ok, "charity journey failed on {b}:\n{out}");
        // What the pages showed is what the log proves.
        let report = store::ledger::log::check(db, &[]).await.unwrap();
        assert!(
            report.problems.is_empty() && report.leaves > 0,
            "{b}: {report:?}"
        );
        assert!(
            store::charity::counter_mismatches(db)
                .await
                .unwrap()
                .is_empty(),
            "{b}"
        );
    })
    .await;
}
