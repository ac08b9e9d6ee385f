//! Who takes a request: the ranking of candidates, twenty volunteers taking one request at
//! the same moment, and a minor refused a home visit.

use chrono::Duration;
use reqwest::Method;
use serde_json::json;

use super::{approved, front_offices, offered, taker, volunteer};
use crate::attendance::mails_to;
use crate::on_every_backend;

#[tokio::test]
async fn candidates_are_ranked_the_nearest_adult_speaking_the_language_first() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let (fo, fo75) = front_offices(&app).await;
        let phoned = approved(&app, &fo).await;

        // Volunteers: near and far, adult and minor, speaking Kazakh or not.
        let _near = volunteer(
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
        let _minor = volunteer(
            &app,
            "minor@help.kz",
            "Жас Ұлан",
            &(app::today() - Duration::days(365 * 15)).to_string(),
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
    })
    .await;
}

#[tokio::test]
async fn twenty_volunteers_take_one_request_at_once_and_exactly_one_gets_it() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let (fo, _fo75) = front_offices(&app).await;
        let phoned = approved(&app, &fo).await;

        // Offered to twenty; all take it at the same moment: exactly one gets it.
        let mut takers = Vec::new();
        for i in 0..20 {
            takers.push(taker(&app, i).await);
        }
        let emails: Vec<String> = (0..20).map(|i| format!("t{i}@help.kz")).collect();
        offered(&app, &fo, &phoned, &emails).await;
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
    })
    .await;
}

#[tokio::test]
async fn a_minor_is_refused_a_home_visit() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let (fo, _fo75) = front_offices(&app).await;
        let phoned = approved(&app, &fo).await;
        let minor = volunteer(
            &app,
            "minor@help.kz",
            "Жас Ұлан",
            &(app::today() - Duration::days(365 * 15)).to_string(),
            (52.2874, 76.9675),
            &["kk"],
        )
        .await;
        // Offered to an adult nearby; the minor tries to take it anyway.
        let _adult = taker(&app, 0).await;
        offered(&app, &fo, &phoned, &["t0@help.kz".to_owned()]).await;
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
    })
    .await;
}
