//! A request done: the assignee's time waits as a pending hours entry that only the
//! region's front-office confirms, the person confirms with a texted code, and some time
//! after closing the person's data is erased while the facts stay.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::json;

use super::{
    completed, confirmed_by_the_person, front_offices, hours_confirmed, taken, texted_code,
    volunteer,
};
use crate::attendance::id;
use crate::on_every_backend;

#[tokio::test]
async fn the_assignees_time_waits_for_her_regions_front_office_to_confirm_it() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let (fo, fo75) = front_offices(&app).await;
        let (phoned, winner) = taken(&app, &fo).await;
        let near = volunteer(
            &app,
            "near@help.kz",
            "Жақын Дана",
            "1990-01-01",
            (52.29, 76.97),
            &["kk"],
        )
        .await;

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
    })
    .await;
}

#[tokio::test]
async fn the_person_confirms_with_the_code_texted_after_completion() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let (fo, _fo75) = front_offices(&app).await;
        let (phoned, _winner, hours) = completed(&app, &fo).await;
        hours_confirmed(&app, &fo, &hours).await;

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
    })
    .await;
}

#[tokio::test]
async fn the_person_is_erased_some_time_after_closing_and_the_facts_stay() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let (fo, _fo75) = front_offices(&app).await;
        let (phoned, _winner, hours) = completed(&app, &fo).await;
        hours_confirmed(&app, &fo, &hours).await;
        confirmed_by_the_person(&app, &phoned).await;

        // Erased some time after closing: the facts stay, the person does not.
        store::testing::backdate_help_closed(
            &app.state.db,
            phoned.parse().unwrap(),
            Utc::now() - Duration::days(200),
        )
        .await
        .unwrap();
        assert_eq!(app::help::erase_old(&app.state).await.unwrap(), 1, "{b}");
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
