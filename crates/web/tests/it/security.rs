//! CSRF, headers, rate limits and hostile input: never a 500, never a panic.

use crate::{PASSWORD, on_every_backend, on_every_backend_with, test_settings};

#[tokio::test]
async fn forms_without_a_valid_csrf_token_or_from_another_site_are_refused() {
    on_every_backend(|app| async move {
        let c = app.client();
        c.get("/signup").await;
        let fields = [
            ("name", "Ерлан"),
            ("email", "csrf@example.kz"),
            ("password", PASSWORD),
        ];
        let no_token = c
            .http
            .post(format!("{}/signup", app.base))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(no_token.status(), 403, "{}", app.backend);
        let mut with_wrong: Vec<(&str, &str)> = vec![("_csrf", "x".repeat(43).leak())];
        with_wrong.extend_from_slice(&fields);
        let wrong = c
            .http
            .post(format!("{}/signup", app.base))
            .form(&with_wrong)
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), 403);
        let page = c.get("/signup").await;
        let token = crate::csrf_of(&page.body);
        let mut good: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
        good.extend_from_slice(&fields);
        let cross = c
            .http
            .post(format!("{}/signup", app.base))
            .header("origin", "https://evil.example")
            .form(&good)
            .send()
            .await
            .unwrap();
        assert_eq!(cross.status(), 403, "cross-origin post");
        let cross = c
            .http
            .post(format!("{}/signup", app.base))
            .header("sec-fetch-site", "cross-site")
            .form(&good)
            .send()
            .await
            .unwrap();
        assert_eq!(cross.status(), 403);
        assert!(
            store::accounts::user_by_email(&app.state.db, "csrf@example.kz")
                .await
                .unwrap()
                .is_none()
        );
        let ok = c
            .http
            .post(format!("{}/signup", app.base))
            .header("origin", &app.base)
            .form(&good)
            .send()
            .await
            .unwrap();
        assert_eq!(ok.status(), 200);
    })
    .await;
}

#[tokio::test]
async fn only_a_bearer_token_skips_the_cross_site_check() {
    on_every_backend(|app| async move {
        // Signed in with her session cookie.
        let c = app.volunteer("cookie-only@example.kz").await;
        let post = |authorization: &'static str| {
            c.http
                .post(format!("{}/api/v1/me/tokens", app.base))
                .header("origin", "https://evil.example")
                .header("authorization", authorization)
                .json(&serde_json::json!({ "name": "from elsewhere" }))
                .send()
        };
        // Another scheme does not make a forged request look like a token's.
        let basic = post("Basic Zm9vOmJhcg==").await.unwrap();
        assert_eq!(basic.status(), 403, "{}", app.backend);
        // A bearer header skips the check, and then the cookie no longer signs her in.
        let bogus = post("Bearer not-a-token").await.unwrap();
        assert_eq!(bogus.status(), 401, "{}", app.backend);
        let her = store::accounts::user_by_email(&app.state.db, "cookie-only@example.kz")
            .await
            .unwrap()
            .unwrap();
        assert!(
            store::accounts::api_tokens_of(&app.state.db, her.id)
                .await
                .unwrap()
                .is_empty(),
            "no token was made"
        );
    })
    .await;
}

#[tokio::test]
async fn responses_carry_security_headers() {
    on_every_backend(|app| async move {
        let r = app.client().get("/").await;
        let h = |n: &str| {
            r.headers
                .get(n)
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default()
        };
        assert!(
            h("content-security-policy").contains("script-src 'self'"),
            "{}",
            app.backend
        );
        assert!(h("content-security-policy").contains("frame-ancestors 'none'"));
        assert!(!h("content-security-policy").contains("unsafe-inline"));
        assert_eq!(h("x-content-type-options"), "nosniff");
        assert_eq!(h("x-frame-options"), "DENY");
        let csrf = h("set-cookie");
        assert!(csrf.contains("HttpOnly") && csrf.contains("SameSite=Lax"));
        assert!(!r.body.contains("<script>"), "no inline script");
    })
    .await;
}

#[tokio::test]
async fn secure_cookies_behind_https() {
    on_every_backend_with(
        || web::Settings {
            public_url: "https://erikti.example".into(),
            ..test_settings()
        },
        |app| async move {
            let r = app.client().get("/").await;
            assert!(
                r.headers
                    .get("set-cookie")
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .contains("Secure")
            );
            assert!(r.headers.get("strict-transport-security").is_some());
        },
    )
    .await;
}

#[tokio::test]
async fn log_in_is_rate_limited_per_account_and_sign_up_per_ip() {
    on_every_backend_with(
        || web::Settings {
            rate_limits: app::RateLimits {
                signup_per_ip_hour: 3,
                login_per_ip_minute: 1000,
                login_per_account_15min: 3,
                mail_per_address_hour: 100,
            },
            ..test_settings()
        },
        |app| async move {
            let _ = app.volunteer("rl@example.kz").await;
            let c = app.client();
            for _ in 0..3 {
                let r = c
                    .post_form(
                        "/login",
                        &[("email", "rl@example.kz"), ("password", "wrong-password-1")],
                    )
                    .await;
                assert_eq!(r.status, 422);
            }
            let r = c
                .post_form(
                    "/login",
                    &[("email", "rl@example.kz"), ("password", PASSWORD)],
                )
                .await;
            assert_eq!(
                r.status, 429,
                "{}: even the right password waits",
                app.backend
            );
            let api = c
                .post_json(
                    "/api/v1/auth/login",
                    &serde_json::json!({"email": "rl@example.kz", "password": PASSWORD}),
                    None,
                )
                .await;
            assert_eq!(api.status, 429);
            assert_eq!(api.json()["error"]["code"], "rate_limited");
            // Sign-up: 1 used by volunteer(); 2 more, then refused.
            for i in 0..2 {
                let email = format!("s{i}@example.kz");
                let r = c
                    .post_form(
                        "/signup",
                        &[("name", "Ерлан"), ("email", &email), ("password", PASSWORD)],
                    )
                    .await;
                assert_eq!(r.status, 200);
            }
            let r = c
                .post_form(
                    "/signup",
                    &[
                        ("name", "Ерлан"),
                        ("email", "s9@example.kz"),
                        ("password", PASSWORD),
                    ],
                )
                .await;
            assert_eq!(r.status, 429);
        },
    )
    .await;
}

#[tokio::test]
async fn hostile_requests_never_cause_a_server_error() {
    on_every_backend(|app| async move {
        let c = app.client();
        let page = c.get("/signup").await;
        let token = crate::csrf_of(&page.body);
        let huge = "a".repeat(200 * 1024);
        let forms: Vec<(&str, Vec<u8>)> = vec![
            ("application/x-www-form-urlencoded", format!("_csrf={token}&name={huge}").into_bytes()),
            ("application/x-www-form-urlencoded", [format!("_csrf={token}&name=").as_bytes(), &[0xff, 0xfe, 0x00], b"&email=%FF%FE&password=%00"].concat()),
            ("application/x-www-form-urlencoded", format!("_csrf={token}&name=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&email=a'%20OR%201%3D1--%40x.kz&password=x").into_bytes()),
            ("application/x-www-form-urlencoded", format!("_csrf={token}&&&===&name").into_bytes()),
            ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--".to_vec()),
            ("text/plain", b"hello".to_vec()),
            ("application/json", b"{\"name\":1}".to_vec()),
        ];
        for path in ["/signup", "/login", "/password/forgot", "/profile", "/password/reset?token=%FF"] {
            for (ct, body) in &forms {
                let r = c.http.post(format!("{}{path}", app.base)).header("content-type", *ct).body(body.clone()).send().await.unwrap();
                assert!(r.status().as_u16() < 500, "{} POST {path} {ct}: {}", app.backend, r.status());
            }
        }
        let json_bodies: Vec<(&str, Vec<u8>)> = vec![
            ("application/json", huge.clone().into_bytes()),
            ("application/json", format!("{{\"email\":\"{huge}\",\"password\":\"x\",\"name\":\"x\"}}").into_bytes()),
            ("application/json", vec![0xff, 0xfe, 0xfd]),
            ("application/json", b"{\"email\": \"\\ud800\"}".to_vec()),
            ("application/json", b"[1,2,3]".to_vec()),
            ("application/json", b"{\"name\":\"'; DROP TABLE users; --\",\"email\":\"x@x.kz' OR '1'='1\",\"password\":\"<b>\"}".to_vec()),
            ("application/json", b"null".to_vec()),
            ("application/xml", b"<a/>".to_vec()),
            ("", b"".to_vec()),
        ];
        for path in ["/api/v1/auth/signup", "/api/v1/auth/login", "/api/v1/auth/confirm", "/api/v1/auth/password/reset", "/api/v1/me/profile", "/api/v1/me/tokens"] {
            for (ct, body) in &json_bodies {
                let mut req = c.http.post(format!("{}{path}", app.base)).body(body.clone());
                if !ct.is_empty() {
                    req = req.header("content-type", *ct);
                }
                let r = req.send().await.unwrap();
                let status = r.status().as_u16();
                assert!(status < 500, "{} POST {path} {ct}: {status}", app.backend);
                if status != 405 {
                    let text = r.text().await.unwrap();
                    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("JSON error from {path}: {text}"));
                    assert!(v["error"]["code"].is_string(), "{path}: {text}");
                }
            }
        }
        for path in [
            "/api/v1/me/tokens/not-a-uuid",
            "/api/v1/nothing",
            "/profile/tokens/%FF/revoke",
            "/%00",
            "/lang/xx?next=%FF",
            "/confirm?token=%FF%FE",
            "/confirm?token[]=1",
            "/password/reset?token=' OR 1=1--",
            "/api/v1/regions?x=%FF",
            "/static/../../etc/passwd",
        ] {
            for method in [reqwest::Method::GET, reqwest::Method::DELETE, reqwest::Method::PUT] {
                let r = c.http.request(method.clone(), format!("{}{path}", app.base)).bearer_auth("ek_garbage").send().await.unwrap();
                assert!(r.status().as_u16() < 500, "{} {method} {path}: {}", app.backend, r.status());
            }
        }
        // Headers: a cookie and Accept-Language of any shape.
        let r = c.http.get(format!("{}/", app.base)).header("cookie", "erikti_session=%FF; erikti_lang=zz; erikti_csrf=;;").header("accept-language", "*;q=abc,,;;").send().await.unwrap();
        assert_eq!(r.status(), 200);
        let r = c.http.get(format!("{}/api/v1/me", app.base)).header("authorization", "Bearer ").send().await.unwrap();
        assert_eq!(r.status(), 401);
        assert!(app.client().get("/readyz").await.status == 200, "still serving");
    })
    .await;
}
