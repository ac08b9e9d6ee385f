//! The browser journeys (e2e/*.mjs, Playwright driving Debian's Chromium) against a real
//! server: accounts (sign up → confirm via the mailbox → log in → edit the profile → switch
//! languages → log out), organizations (create → verify → directory) and events (an
//! initiative group's event with three shifts, 200 applicants for 50 places, waitlist,
//! promotion, QR check-in). Skipped (and said so) without Chromium or the node packages;
//! required with CI=true or ERIKTI_REQUIRE_BROWSER=1.

use std::path::{Path, PathBuf};
use std::time::Duration;

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_journey_in_chromium() {
    if let Err(why) = available() {
        assert!(
            !browser_required(),
            "browser tests are required here but cannot run: {why}"
        );
        eprintln!("SKIPPED: browser journeys ({why})");
        return;
    }
    on_every_backend(|app| async move {
        web::accounts::create_staff(
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
    let admin = user("admin@erikti.test").await;
    let details = store::organizations::Details {
        kind: "initiative_group".into(),
        name_kk: Some("Ертіс еріктілері".into()),
        name_ru: Some("Волонтёры Иртыша".into()),
        region_code: "KZ-55".into(),
        ..Default::default()
    };
    let org = store::organizations::create(db, &details, owner.id)
        .await
        .unwrap();
    store::organizations::request_verification(db, org, "registered", owner.id)
        .await
        .unwrap();
    let request = store::organizations::queue(db, "KZ-55")
        .await
        .unwrap()
        .into_iter()
        .find(|q| q.organization_id == org)
        .expect("the group waits in the KZ-55 queue")
        .id;
    store::organizations::decide(db, request, "verify", "verified", None, admin.id)
        .await
        .unwrap();
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
            web::accounts::create_api_token(&app.state, domain::Lang::Kk, &u, "journey")
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
