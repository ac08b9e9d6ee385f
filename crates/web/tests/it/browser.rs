//! The browser journey (e2e/journey.mjs, Playwright driving Debian's Chromium) against a
//! real server: sign up → confirm via the mailbox → log in → edit the profile → switch
//! languages → log out. Skipped (and said so) without Chromium or the node packages;
//! required with CI=true or ERIKTI_REQUIRE_BROWSER=1.

use std::path::Path;
use std::time::Duration;

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
    })
    .await;
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
