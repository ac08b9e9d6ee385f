//! A request's first steps: filed on the web with a phone code (and the code's limits),
//! filed by an operator for a caller, triaged by its region's front-office, and seen in full
//! only by that front-office.

use reqwest::Method;
use serde_json::json;

use super::{
    approved, filed_by_the_operator, filed_on_the_web, front_offices, request, texted_code,
    volunteer,
};
use crate::attendance::{id, mails_to};
use crate::on_every_backend;

#[tokio::test]
async fn a_request_filed_on_the_web_waits_for_its_phone_code_and_codes_are_limited() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let (fo, _fo75) = front_offices(&app).await;

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
    })
    .await;
}

#[tokio::test]
async fn an_operator_files_for_a_caller_and_only_her_regions_front_office_triages() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let (fo, fo75) = front_offices(&app).await;
        // A request filed on the web and confirmed; another whose code was never typed.
        let web = filed_on_the_web(&app, "+77011234567").await;
        let other = id(&c
            .post_json("/api/v1/help-requests", &request("+77019998877"), None)
            .await
            .json());

        // Filed by the operator for a caller: in the queue at once; another region cannot.
        let phoned = filed_by_the_operator(&app, &fo).await;
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
    })
    .await;
}

#[tokio::test]
async fn only_the_regions_front_office_sees_the_person() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let (fo, fo75) = front_offices(&app).await;
        let phoned = approved(&app, &fo).await;
        let near = volunteer(
            &app,
            "near@help.kz",
            "Жақын Дана",
            "1990-01-01",
            (52.29, 76.97),
            &["kk"],
        )
        .await;

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
    })
    .await;
}
