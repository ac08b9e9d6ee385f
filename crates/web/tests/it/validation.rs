//! Bad input: a translated message next to the field, what was typed kept; 422 with codes
//! in the API.

use crate::{PASSWORD, on_every_backend};

fn field_error(body: &str, field: &str) -> Option<String> {
    let marker = format!("id=\"{field}-error\">");
    let start = body.find(&marker)? + marker.len();
    Some(body[start..].split('<').next().unwrap().to_owned())
}

#[tokio::test]
async fn sign_up_form_rejects_bad_values_in_every_language() {
    on_every_backend(|app| async move {
        let long = "а".repeat(300);
        let cases: &[(&str, &str, &str, &[&str])] = &[
            ("", "", "", &["name", "email", "password"]),
            ("Айгерім", "not-an-email", "short", &["email", "password"]),
            (&long, "a@b", PASSWORD, &["name", "email"]),
            (
                "<script>alert(1)</script>",
                "x@example.kz",
                "1234567890",
                &["name", "password"],
            ),
            (
                "Ерлан",
                "erlan@example.kz",
                "erlan@example.kz",
                &["password"],
            ),
        ];
        let mut messages = std::collections::HashSet::new();
        for lang in ["kk", "ru", "en"] {
            let c = app.client();
            c.get(&format!("/lang/{lang}?next=/")).await;
            for (name, email, password, bad) in cases {
                let r = c
                    .post_form(
                        "/signup",
                        &[("name", name), ("email", email), ("password", password)],
                    )
                    .await;
                assert_eq!(r.status, 422, "{} {lang} {name:?}", app.backend);
                for f in ["name", "email", "password"] {
                    let e = field_error(&r.body, f);
                    assert_eq!(
                        e.is_some(),
                        bad.contains(&f),
                        "{lang} {f} for {name:?}/{email:?}: {e:?}"
                    );
                    if let Some(e) = e {
                        assert!(!e.contains('_'), "a translated message, not a code: {e}");
                        messages.insert((lang, e));
                    }
                }
                assert!(r.body.contains("aria-invalid=\"true\""));
                // What was typed is kept (escaped), the password is not echoed.
                if !name.is_empty() && name.len() < 100 {
                    let escaped = name.replace('<', "&#60;").replace('>', "&#62;");
                    assert!(
                        r.body.contains(&format!("value=\"{escaped}\""))
                            || r.body.contains(&format!(
                                "value=\"{}\"",
                                name.replace('<', "&lt;").replace('>', "&gt;")
                            )),
                        "{}",
                        r.body
                    );
                }
                assert!(!r.body.contains("<script>alert(1)</script>"));
                if password.len() >= 10 {
                    assert!(
                        !r.body.contains(&format!("value=\"{password}\"")) || *password == *email
                    );
                }
            }
        }
        // The same error reads differently in each language.
        let required: std::collections::HashSet<_> = messages
            .iter()
            .filter(|(_, m)| m.contains("@"))
            .map(|(l, _)| *l)
            .collect();
        assert!(required.len() >= 2, "{messages:?}");
        assert!(
            store::accounts::user_by_email(&app.state.db, "x@example.kz")
                .await
                .unwrap()
                .is_none(),
            "nothing half-written"
        );
    })
    .await;
}

#[tokio::test]
async fn profile_form_rejects_bad_values_and_keeps_them() {
    on_every_backend(|app| async move {
        let c = app.volunteer("p@example.kz").await;
        let tomorrow = (app::today() + chrono::Duration::days(1)).to_string();
        let cases: &[(&str, &str, &str)] = &[
            ("iin", "010517601239", "iin"),
            ("iin", "12345", "iin"),
            ("birth_date", &tomorrow, "birth_date"),
            ("birth_date", "17.05.2001", "birth_date"),
            ("birth_date", "1850-01-01", "birth_date"),
            ("phone", "12345", "phone"),
            ("phone", "+7 701 234 56 78 99", "phone"),
            ("region", "KZ-00", "region"),
            ("first_name", "Robert'); DROP TABLE users;--", "first_name"),
            ("locality", &"x".repeat(101), "locality"),
        ];
        for (field, value, error_field) in cases {
            let r = c
                .post_form(
                    "/profile",
                    &[
                        ("display_name", "Айгерім"),
                        ("last_name", "Сейітова"),
                        (field, value),
                    ],
                )
                .await;
            assert_eq!(r.status, 422, "{} {field}={value}", app.backend);
            assert!(
                field_error(&r.body, error_field).is_some(),
                "{field}={value}: {}",
                r.body
            );
            assert!(
                r.body.contains("value=\"Сейітова\""),
                "other values are kept"
            );
        }
        // IIN and birth date must agree.
        let r = c
            .post_form(
                "/profile",
                &[
                    ("display_name", "А"),
                    ("iin", "010517601238"),
                    ("birth_date", "2001-05-18"),
                ],
            )
            .await;
        assert_eq!(r.status, 422);
        assert!(field_error(&r.body, "iin").is_some());
        let u = store::accounts::user_by_email(&app.state.db, "p@example.kz")
            .await
            .unwrap()
            .unwrap();
        assert!(
            u.last_name.is_none() && u.iin.is_none(),
            "nothing saved from rejected forms"
        );
        // A minor is flagged.
        let minor_birth = (app::today() - chrono::Duration::days(15 * 365)).to_string();
        let r = c
            .post_form(
                "/profile",
                &[("display_name", "Әлихан"), ("birth_date", &minor_birth)],
            )
            .await;
        assert_eq!(r.status, 303);
        assert!(c.get("/profile").await.body.contains("id=\"minor-flag\""));
    })
    .await;
}

#[tokio::test]
async fn api_validation_answers_422_with_stable_codes_in_the_callers_language() {
    on_every_backend(|app| async move {
        let c = app.client();
        let r = c.post_json("/api/v1/auth/signup", &serde_json::json!({"name": "", "email": "nope", "password": "short"}), None).await;
        assert_eq!(r.status, 422, "{}", app.backend);
        let j = r.json();
        assert_eq!(j["error"]["code"], "validation_failed");
        assert_eq!(j["error"]["fields"]["email"]["code"], "email_malformed");
        assert_eq!(j["error"]["fields"]["password"]["code"], "password_too_short");
        assert_eq!(j["error"]["fields"]["name"]["code"], "required");
        let ru = c
            .http
            .post(format!("{}/api/v1/auth/signup", app.base))
            .header("accept-language", "ru")
            .json(&serde_json::json!({"name": "", "email": "nope", "password": "short"}))
            .send()
            .await
            .unwrap()
            .json::<serde_json::Value>()
            .await
            .unwrap();
        assert_ne!(ru["error"]["message"], j["error"]["message"], "translated");
        assert_eq!(ru["error"]["fields"]["email"]["code"], "email_malformed");
        // Profile over the API, with a bearer token from log-in.
        let _ = app.volunteer("api@example.kz").await;
        let login = c.post_json("/api/v1/auth/login", &serde_json::json!({"email": "api@example.kz", "password": PASSWORD}), None).await;
        assert_eq!(login.status, 200, "{}", login.body);
        let token = login.json()["token"].as_str().unwrap().to_owned();
        let bad = c
            .send(reqwest::Method::PUT, "/api/v1/me/profile", Some(&serde_json::json!({"display_name": "Айгерім", "iin": "010517601239", "phone": "x"})), Some(&token))
            .await;
        assert_eq!(bad.status, 422);
        assert_eq!(bad.json()["error"]["fields"]["iin"]["code"], "iin_checksum");
        assert_eq!(bad.json()["error"]["fields"]["phone"]["code"], "phone_malformed");
        let ok = c
            .send(reqwest::Method::PUT, "/api/v1/me/profile", Some(&serde_json::json!({"display_name": "Айгерім", "iin": "010517601238", "region": "KZ-71", "languages": ["kk"]})), Some(&token))
            .await;
        assert_eq!(ok.status, 200, "{}", ok.body);
        assert_eq!(ok.json()["birth_date"], "2001-05-17");
        assert_eq!(ok.json()["region"], "KZ-71");
        let wrong = c.post_json("/api/v1/auth/login", &serde_json::json!({"email": "api@example.kz", "password": "wrong-password-1"}), None).await;
        assert_eq!(wrong.status, 401);
        assert_eq!(wrong.json()["error"]["code"], "login_failed");
        let unknown = c.post_json("/api/v1/auth/login", &serde_json::json!({"email": "ghost@example.kz", "password": "wrong-password-1"}), None).await;
        assert_eq!(unknown.status, 401);
        assert_eq!(unknown.json()["error"], wrong.json()["error"], "same answer for an unknown e-mail");
    })
    .await;
}

#[tokio::test]
async fn api_bodies_take_whole_numbers_written_as_floats_for_integers() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let _ = app.volunteer("floats@example.kz").await;
        let login = c.post_json("/api/v1/auth/login", &serde_json::json!({"email": "floats@example.kz", "password": PASSWORD}), None).await;
        let token = login.json()["token"].as_str().unwrap().to_owned();
        let org = c.post_json("/api/v1/organizations", &serde_json::json!({"kind": "initiative_group", "name_kk": "Сандар", "region": "KZ-55"}), Some(&token)).await.json()["id"].as_str().unwrap().to_owned();
        let event = |min_age: serde_json::Value| serde_json::json!({"title_kk": "Сенбілік", "activity_type": "environment", "region": "KZ-55", "min_age": min_age});
        // JSON Schema counts 14.0 and 1.4e1 as the integer 14, and so does the API.
        for whole in [serde_json::json!(14.0), serde_json::json!(1.4e1), serde_json::json!(14)] {
            let r = c.post_json(&format!("/api/v1/organizations/{org}/events"), &event(whole.clone()), Some(&token)).await;
            assert_eq!(r.status, 201, "{b}: {whole}: {}", r.body);
            let ev = r.json()["id"].as_str().unwrap().to_owned();
            let shown = c.send(reqwest::Method::GET, &format!("/api/v1/events/{ev}"), None, Some(&token)).await.json();
            assert_eq!(shown["min_age"], 14, "{b}: {whole}: {shown}");
        }
        // Nested too: the weekdays of a series.
        let ev = c.post_json(&format!("/api/v1/organizations/{org}/events"), &event(serde_json::json!(0)), Some(&token)).await.json()["id"].as_str().unwrap().to_owned();
        let from = app::today() + chrono::Duration::days(7);
        let series = serde_json::json!({"date_from": from.to_string(), "date_to": (from + chrono::Duration::days(13)).to_string(), "weekdays": [6.0, 7.0], "start_time": "10:00", "end_time": "14:00", "capacity": "5"});
        let r = c.post_json(&format!("/api/v1/events/{ev}/shifts/series"), &series, Some(&token)).await;
        assert_eq!(r.status, 201, "{b}: {}", r.body);
        // A fraction, a negative number for an unsigned field or a number past 64 bits is still
        // not an integer of the field.
        for not_whole in [serde_json::json!(14.5), serde_json::json!(-1.0), serde_json::json!(1e300)] {
            let r = c.post_json(&format!("/api/v1/organizations/{org}/events"), &event(not_whole.clone()), Some(&token)).await;
            assert_eq!((r.status, r.json()["error"]["code"].as_str()), (422, Some("invalid_json_shape")), "{b}: {not_whole}: {}", r.body);
        }
        // The other refusals of a body are as before: not JSON, not declared JSON, too large.
        let raw = |content_type: &'static str, body: String| {
            c.http
                .post(format!("{}/api/v1/organizations/{org}/events", c.base))
                .bearer_auth(&token)
                .header("content-type", content_type)
                .body(body)
        };
        let plain = event(serde_json::json!(3)).to_string();
        for (content_type, body, status, code) in [
            ("application/json", "{\"title_kk\": ".to_owned(), 400, "invalid_json"),
            ("application/json", format!("{plain} 1"), 400, "invalid_json"),
            ("text/plain", plain.clone(), 415, "unsupported_media_type"),
            ("application/json", format!("{{\"title_kk\": \"{}\"}}", "я".repeat(web::BODY_LIMIT)), 413, "payload_too_large"),
        ] {
            let r = crate::read(raw(content_type, body).send().await.unwrap()).await;
            assert_eq!((r.status, r.json()["error"]["code"].as_str()), (status, Some(code)), "{b}: {content_type}: {}", r.body);
        }
        let r = crate::read(raw("application/vnd.erikti+json; charset=utf-8", event(serde_json::json!(3.0)).to_string()).send().await.unwrap()).await;
        assert_eq!(r.status, 201, "{b}: a JSON suffix is JSON: {}", r.body);
    })
    .await;
}
