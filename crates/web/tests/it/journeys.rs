//! The account journeys over real HTTP, on every backend.

use crate::{PASSWORD, on_every_backend};

#[tokio::test]
async fn home_page_is_kazakh_by_default_with_live_counters() {
    on_every_backend(|app| async move {
        let c = app.client();
        let r = c.get("/").await;
        assert_eq!(r.status, 200, "{}", app.backend);
        assert!(r.body.contains("<html lang=\"kk\">"));
        assert!(r.body.contains("<main id=\"main\""));
        assert!(
            r.body.contains("id=\"count-volunteers\">0<"),
            "no volunteers yet"
        );
        store::demo::load_counts(&app.state.db, 1, (30, 3, 60), app::today(), &|_, _, _| {})
            .await
            .unwrap();
        // The counters refresh within a few seconds.
        let mut seen = false;
        for _ in 0..40 {
            if c.get("/")
                .await
                .body
                .contains("id=\"count-volunteers\">30<")
            {
                seen = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(seen, "home counters show the 30 demo volunteers");
        let stats = c.get("/api/v1/stats").await.json();
        assert_eq!(stats["volunteers"], 30);
    })
    .await;
}

#[tokio::test]
async fn language_comes_from_the_switcher_then_accept_language() {
    on_every_backend(|app| async move {
        let c = app.client();
        let kk = c.get("/").await.body;
        let ru = c
            .get_with("/", "accept-language", "ru-RU,ru;q=0.9,en;q=0.5")
            .await
            .body;
        assert!(ru.contains("<html lang=\"ru\">"));
        assert_ne!(kk, ru);
        let r = c.get("/lang/en?next=%2Fsignup").await;
        assert_eq!(r.status, 303);
        assert_eq!(r.location(), "/signup");
        let en = c.get_with("/signup", "accept-language", "ru").await.body;
        assert!(
            en.contains("<html lang=\"en\">"),
            "the cookie wins over Accept-Language"
        );
        assert!(en.contains("Sign up"));
        // No open redirect through the switcher.
        let r = c.get("/lang/ru?next=https%3A%2F%2Fevil.example").await;
        assert_eq!(r.location(), "/");
    })
    .await;
}

#[tokio::test]
async fn sign_up_confirm_log_in_edit_profile_log_out() {
    on_every_backend(|app| async move {
        let c = app.client();
        let r = c
            .post_form(
                "/signup",
                &[
                    ("name", "Айгерім Сейітова"),
                    ("email", "Aigerim@Example.kz"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}: {}", app.backend, r.body);
        assert!(r.body.contains("flash-success"));
        // Not confirmed yet: log-in says so.
        let r = c
            .post_form(
                "/login",
                &[("email", "aigerim@example.kz"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("id=\"form-error\""));
        let link = app
            .mailed_link("aigerim@example.kz", "/confirm?token=")
            .await;
        assert!(link.starts_with(&app.base));
        let r = c.get(link.trim_start_matches(&app.base)).await;
        assert!(r.body.contains("flash-success"), "{}", r.body);
        // The link works once.
        let again = c.get(link.trim_start_matches(&app.base)).await;
        assert_eq!(again.status, 400);
        let before = c.get("/").await;
        let r = c
            .post_form(
                "/login",
                &[("email", "aigerim@example.kz"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.status, 303);
        assert_eq!(r.location(), "/profile");
        let set_cookie: Vec<_> = r
            .headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        let session = set_cookie
            .iter()
            .find(|c| c.starts_with("erikti_session="))
            .expect("session cookie");
        assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"));
        assert!(!before.body.contains("form id=\"logout\""));
        let profile = c.get("/profile").await;
        assert_eq!(profile.status, 200);
        assert!(profile.body.contains("aigerim@example.kz"));
        let r = c
            .post_form(
                "/profile",
                &[
                    ("display_name", "Айгерім С."),
                    ("first_name", "Айгерім"),
                    ("last_name", "Сейітова"),
                    ("iin", "010517601238"),
                    ("phone", "8 (701) 234-56-78"),
                    ("region", "KZ-71"),
                    ("locality", "Астана"),
                    ("languages", "kk"),
                    ("languages", "ru"),
                    ("skills", "первая помощь, вождение"),
                    ("directions", "qamqor"),
                    ("directions", "taza_alem"),
                    ("availability", "сенбі, жексенбі"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let profile = c.get("/profile").await.body;
        assert!(profile.contains("flash-success"));
        assert!(profile.contains("value=\"Сейітова\""));
        assert!(
            profile.contains("value=\"2001-05-17\""),
            "birth date comes from the IIN"
        );
        assert!(profile.contains("value=\"KZ-71\" selected"));
        assert!(profile.contains("value=\"qamqor\" checked"));
        assert!(
            profile.contains("01********38"),
            "the stored IIN is shown masked"
        );
        let u = store::accounts::user_by_email(&app.state.db, "aigerim@example.kz")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(u.phone.as_deref(), Some("+77012345678"));
        assert_eq!(u.skill_list(), vec!["первая помощь", "вождение"]);
        let r = c.post_form("/logout", &[]).await;
        assert_eq!(r.status, 303);
        assert_eq!(r.location(), "/");
        let home = c.get("/").await.body;
        assert!(home.contains("href=\"/login\""));
        // Signed out, the profile sends her to log in and back to the profile afterwards.
        assert_eq!(c.get("/profile").await.location(), "/login?next=%2Fprofile");
    })
    .await;
}

#[tokio::test]
async fn sign_up_answers_the_same_for_a_registered_email() {
    on_every_backend(|app| async move {
        let _ = app.volunteer("taken@example.kz").await;
        let c = app.client();
        let fresh = c
            .post_form(
                "/signup",
                &[
                    ("name", "Ерлан"),
                    ("email", "fresh@example.kz"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        let taken = c
            .post_form(
                "/signup",
                &[
                    ("name", "Ерлан"),
                    ("email", "taken@example.kz"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(fresh.status, taken.status);
        let strip = |s: &str| match crate::try_csrf_of(s) {
            Some(t) => s.replace(&t, ""),
            None => s.to_owned(),
        };
        assert_eq!(strip(&fresh.body), strip(&taken.body), "{}", app.backend);
        // The owner of the taken address is told, without a new account.
        let link = app.mailed_link("taken@example.kz", "/login").await;
        assert!(link.ends_with("/login"));
        // Same for password reset.
        let a = c
            .post_form("/password/forgot", &[("email", "taken@example.kz")])
            .await;
        let b = c
            .post_form("/password/forgot", &[("email", "nobody@example.kz")])
            .await;
        assert_eq!(a.status, b.status);
        assert_eq!(strip(&a.body), strip(&b.body));
    })
    .await;
}

#[tokio::test]
async fn password_reset_sets_a_new_password_and_ends_sessions() {
    on_every_backend(|app| async move {
        let old = app.volunteer("reset@example.kz").await;
        let c = app.client();
        c.post_form("/password/forgot", &[("email", "reset@example.kz")])
            .await;
        let link = app
            .mailed_link("reset@example.kz", "/password/reset?token=")
            .await;
        let path = link.trim_start_matches(&app.base).to_owned();
        let weak = c.post_form(&path, &[("password", "qwertyuiop")]).await;
        assert_eq!(weak.status, 422);
        assert!(weak.body.contains("id=\"password-error\""));
        let r = c
            .post_form(&path, &[("password", "Jana-Qupia-Soz-2026")])
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(r.location(), "/login");
        assert_eq!(
            old.get("/profile").await.location(),
            "/login?next=%2Fprofile",
            "old sessions ended"
        );
        let r = c
            .post_form(
                "/login",
                &[("email", "reset@example.kz"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.status, 422);
        let r = c
            .post_form(
                "/login",
                &[
                    ("email", "reset@example.kz"),
                    ("password", "Jana-Qupia-Soz-2026"),
                ],
            )
            .await;
        assert_eq!(r.status, 303);
    })
    .await;
}

#[tokio::test]
async fn email_change_happens_when_the_new_address_confirms() {
    on_every_backend(|app| async move {
        let c = app.volunteer("old@example.kz").await;
        let r = c
            .post_form("/profile/email", &[("email", "new@example.kz")])
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let u = store::accounts::user_by_email(&app.state.db, "old@example.kz")
            .await
            .unwrap();
        assert!(u.is_some(), "nothing changes before the link is opened");
        let link = app
            .mailed_link("new@example.kz", "/email/confirm?token=")
            .await;
        let r = c.get(link.trim_start_matches(&app.base)).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(
            store::accounts::user_by_email(&app.state.db, "new@example.kz")
                .await
                .unwrap()
                .is_some()
        );
        assert!(c.get("/profile").await.body.contains("new@example.kz"));
    })
    .await;
}

#[tokio::test]
async fn mailbox_is_for_national_admins_only() {
    on_every_backend(|app| async move {
        let v = app.volunteer("v@example.kz").await;
        assert_eq!(v.get("/admin/mailbox").await.status, 403);
        assert_eq!(
            app.client().get("/admin/mailbox").await.location(),
            "/login?next=%2Fadmin%2Fmailbox"
        );
        let a = app.admin("admin@example.kz").await;
        let r = a.get("/admin/mailbox").await;
        assert_eq!(r.status, 200);
        assert!(r.body.contains("data-to=\"v@example.kz\""));
        assert!(r.body.contains("/confirm?token="));
        assert!(
            r.body.contains("href=\"/admin/mailbox\""),
            "admins see the mailbox link"
        );
    })
    .await;
}

#[tokio::test]
async fn api_tokens_are_created_on_the_profile_used_and_revoked() {
    on_every_backend(|app| async move {
        let c = app.volunteer("tok@example.kz").await;
        let r = c
            .post_form("/profile/tokens", &[("name", "my script")])
            .await;
        assert_eq!(r.status, 200);
        let start =
            r.body.find("id=\"new-token\">").expect("token shown once") + "id=\"new-token\">".len();
        let secret = r.body[start..].split('<').next().unwrap().to_owned();
        assert!(secret.starts_with("ek_"));
        let anon = app.client();
        let me = anon
            .send(reqwest::Method::GET, "/api/v1/me", None, Some(&secret))
            .await;
        assert_eq!(me.status, 200, "{}", me.body);
        assert_eq!(me.json()["email"], "tok@example.kz");
        let profile = c.get("/profile").await.body;
        assert!(
            !profile.contains(&secret),
            "the secret is never shown again"
        );
        let id = store::accounts::api_tokens_of(
            &app.state.db,
            me.json()["id"].as_str().unwrap().parse().unwrap(),
        )
        .await
        .unwrap()[0]
            .id;
        let r = c
            .post_form(&format!("/profile/tokens/{id}/revoke"), &[])
            .await;
        assert_eq!(r.status, 303);
        let me = anon
            .send(reqwest::Method::GET, "/api/v1/me", None, Some(&secret))
            .await;
        assert_eq!(me.status, 401);
        assert_eq!(me.json()["error"]["code"], "unauthenticated");
    })
    .await;
}

#[tokio::test]
async fn operations_endpoints_answer() {
    on_every_backend(|app| async move {
        let c = app.client();
        assert_eq!(c.get("/healthz").await.body, "ok");
        assert_eq!(c.get("/readyz").await.status, 200);
        c.get("/").await;
        let m = c.get("/metrics").await;
        assert_eq!(m.status, 200);
        assert!(
            m.body
                .contains("erikti_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"}"),
            "{}",
            m.body
        );
        assert!(
            m.body
                .contains("erikti_http_request_duration_seconds_bucket")
        );
        assert!(m.body.contains("erikti_db_pool_connections{state=\"max\"}"));
        let css = c.get("/static/app.css").await;
        assert_eq!(
            css.headers.get("content-type").unwrap(),
            "text/css; charset=utf-8"
        );
    })
    .await;
}

/// Delivery through a real SMTP server: Python's standard-library `smtpd` sink.
#[tokio::test]
async fn outbox_delivers_through_smtp_when_configured() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let sink = std::process::Command::new("python3")
        .args([
            "-W",
            "ignore",
            "-m",
            "smtpd",
            "-n",
            "-c",
            "DebuggingServer",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn();
    let Ok(mut sink) = sink else {
        store::testing::note_skip("SMTP delivery (python3 is not installed)");
        return;
    };
    // Wait until the sink accepts connections.
    let mut up = false;
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            up = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    if !up {
        let _ = sink.kill();
        store::testing::note_skip("SMTP delivery (python3 has no smtpd module)");
        return;
    }
    crate::on_every_backend_with(
        move || web::Settings {
            smtp: Some(app::SmtpSettings {
                host: "127.0.0.1".into(),
                port,
                username: None,
                password: None,
                from: "erikti <no-reply@erikti.test>".into(),
                security: "none".into(),
            }),
            ..crate::test_settings()
        },
        |app| async move {
            let c = app.client();
            let r = c
                .post_form(
                    "/signup",
                    &[
                        ("name", "Әсел"),
                        ("email", "smtp@example.kz"),
                        ("password", PASSWORD),
                    ],
                )
                .await;
            assert_eq!(r.status, 200);
            let mut delivery = String::new();
            for _ in 0..100 {
                let m = store::outbox::recent(&app.state.db, Some("smtp@example.kz"), 1)
                    .await
                    .unwrap();
                delivery = m[0].delivery.clone();
                if delivery != "pending" {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            assert_eq!(delivery, "sent", "{}", app.backend);
        },
    )
    .await;
    let _ = sink.kill();
    let out = sink.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("smtp@example.kz"),
        "the SMTP server received the message: {text}"
    );
}
