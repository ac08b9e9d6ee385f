//! Only a volunteer the front-office offered a request to takes it: a volunteer never
//! offered it — of the same region, near it, or of another region — takes it neither through
//! the API nor from its page and never sees the person; the one offered it takes it and
//! then does; an answered offer takes nothing until the front-office offers it again; two
//! offered volunteers racing with strangers: exactly one of the two gets it.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{
    approved, filed_by_the_operator, front_offices, offered, taker, volunteer, volunteer_in,
};
use crate::on_every_backend;

/// What only the front-office and the assignee see of the operator's request: phone, name,
/// address, description, point.
const PRIVATE: [&str; 5] = [
    "+77015550011",
    "Серік",
    "Торайғыров",
    "Дәрі-дәрмек",
    "52.2873",
];

fn assert_no_person(b: &str, who: &str, body: &str) {
    for private in PRIVATE {
        assert!(
            !body.contains(private),
            "{b}: {who} must not see {private}: {body}"
        );
    }
}

/// Two adult volunteers never offered anything: one of Pavlodar region living near the
/// requests, one of Almaty city (KZ-75): (who, e-mail, API token).
async fn strangers(app: &crate::App) -> [(&'static str, &'static str, String); 2] {
    let here = volunteer(
        app,
        "here@help.kz",
        "Осында Әлия",
        "1990-01-01",
        (52.29, 76.97),
        &["kk"],
    )
    .await;
    let away = volunteer_in(
        app,
        "KZ-75",
        "away@help.kz",
        "Алыста Ерлан",
        "1990-01-01",
        (43.25, 76.95),
        &["kk"],
    )
    .await;
    [
        ("a volunteer of the same region", "here@help.kz", here),
        ("a volunteer of another region", "away@help.kz", away),
    ]
}

async fn take(app: &crate::App, request: &str, token: &str) -> (u16, Value) {
    let r = app
        .client()
        .post_json(
            &format!("/api/v1/help-requests/{request}/take"),
            &json!({}),
            Some(token),
        )
        .await;
    let body = serde_json::from_str(&r.body).unwrap_or(Value::Null);
    (r.status, body)
}

async fn assignee(app: &crate::App, request: &str) -> Option<Uuid> {
    store::help::get(&app.state.db, request.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .assignee_id
}

async fn user_id(app: &crate::App, email: &str) -> Uuid {
    store::accounts::user_by_email(&app.state.db, email)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn a_volunteer_never_offered_a_request_cannot_take_it_nor_see_the_person() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let (fo, _fo75) = front_offices(&app).await;
        let phoned = approved(&app, &fo).await;
        let chosen = taker(&app, 0).await;
        offered(&app, &fo, &phoned, &["t0@help.kz".to_owned()]).await;
        let strangers = strangers(&app).await;

        // Open and offered to another: each may look at it, none may take it, none sees
        // the person — on the request, on her list, nor in the refusal.
        for (who, _, t) in &strangers {
            let (status, refusal) = take(&app, &phoned, t).await;
            assert_eq!(
                (status, refusal["error"]["code"].as_str()),
                (403, Some("help_not_offered")),
                "{b}: {who}: {refusal}"
            );
            assert_no_person(b, who, &refusal.to_string());
            for path in [
                format!("/api/v1/help-requests/{phoned}"),
                "/api/v1/me/help-requests".to_owned(),
            ] {
                let r = c.send(Method::GET, &path, None, Some(t)).await;
                assert_eq!(r.status, 200, "{b}: {who}: {path}");
                assert_no_person(b, who, &r.body);
            }
        }
        // The one living near it finds it open near her, without the person.
        let list = c
            .send(
                Method::GET,
                "/api/v1/me/help-requests",
                None,
                Some(&strangers[0].2),
            )
            .await
            .json();
        assert!(
            list["near"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["id"] == phoned.as_str() && r["name"].is_null()),
            "{b}: open near her: {list}"
        );
        assert_eq!(list["mine"], json!([]), "{b}: nothing of hers: {list}");
        assert_eq!(
            assignee(&app, &phoned).await,
            None,
            "{b}: the refused takes changed nothing"
        );

        // The volunteer offered it takes it, and then sees the person.
        assert_eq!(take(&app, &phoned, &chosen).await.0, 204, "{b}");
        assert_eq!(
            assignee(&app, &phoned).await,
            Some(user_id(&app, "t0@help.kz").await),
            "{b}"
        );
        let seen = c
            .send(
                Method::GET,
                &format!("/api/v1/help-requests/{phoned}"),
                None,
                Some(&chosen),
            )
            .await
            .json();
        assert_eq!(
            (
                seen["name"].as_str(),
                seen["phone"].as_str(),
                seen["address"].as_str(),
                seen["mine"].as_bool()
            ),
            (
                Some("Серік Әбенов"),
                Some("+77015550011"),
                Some("Торайғыров к-сі, 64, 12-пәтер"),
                Some(true)
            ),
            "{b}: {seen}"
        );

        // Taken: to the others it is as if it did not exist; so is a request not triaged
        // yet (only its front-office knows it).
        let untriaged = filed_by_the_operator(&app, &fo).await;
        for (who, _, t) in &strangers {
            for request in [&phoned, &untriaged] {
                let (status, refusal) = take(&app, request, t).await;
                assert_eq!(
                    (status, refusal["error"]["code"].as_str()),
                    (404, Some("not_found")),
                    "{b}: {who}: {refusal}"
                );
                let r = c
                    .send(
                        Method::GET,
                        &format!("/api/v1/help-requests/{request}"),
                        None,
                        Some(t),
                    )
                    .await;
                assert_eq!(r.status, 404, "{b}: {who}");
                assert_no_person(b, who, &r.body);
            }
        }
        assert_eq!(
            assignee(&app, &untriaged).await,
            None,
            "{b}: still waiting for triage"
        );
    })
    .await;
}

#[tokio::test]
async fn an_answered_offer_takes_nothing_until_the_front_office_offers_it_again() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let (fo, _fo75) = front_offices(&app).await;
        let phoned = approved(&app, &fo).await;
        let first = taker(&app, 0).await;
        let second = taker(&app, 1).await;
        offered(
            &app,
            &fo,
            &phoned,
            &["t0@help.kz".to_owned(), "t1@help.kz".to_owned()],
        )
        .await;

        // She declines: her offer is answered, she may no longer take it.
        assert_eq!(
            c.post_status(
                &format!("/api/v1/help-requests/{phoned}/decline"),
                &json!({}),
                Some(&second)
            )
            .await,
            204,
            "{b}"
        );
        let (status, refusal) = take(&app, &phoned, &second).await;
        assert_eq!(
            (status, refusal["error"]["code"].as_str()),
            (403, Some("help_not_offered")),
            "{b}: declined: {refusal}"
        );

        // The other takes it and gives it back: open again, but offered to nobody — not
        // even to her.
        assert_eq!(take(&app, &phoned, &first).await.0, 204, "{b}");
        assert_eq!(
            c.post_status(
                &format!("/api/v1/help-requests/{phoned}/release"),
                &json!({}),
                Some(&first)
            )
            .await,
            204,
            "{b}"
        );
        for (who, t) in [
            ("the one who gave it back", &first),
            ("the one who declined", &second),
        ] {
            let (status, refusal) = take(&app, &phoned, t).await;
            assert_eq!(
                (status, refusal["error"]["code"].as_str()),
                (403, Some("help_not_offered")),
                "{b}: {who}: {refusal}"
            );
        }
        assert_eq!(assignee(&app, &phoned).await, None, "{b}");

        // The front-office offers it again to the one who declined: her offer opens again.
        offered(&app, &fo, &phoned, &["t1@help.kz".to_owned()]).await;
        let list = c
            .send(Method::GET, "/api/v1/me/help-requests", None, Some(&second))
            .await
            .json();
        assert!(
            list["mine"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["id"] == phoned.as_str() && r["offered"] == true),
            "{b}: offered to her again: {list}"
        );
        assert_eq!(
            take(&app, &phoned, &first).await.0,
            403,
            "{b}: not offered again to the first"
        );
        assert_eq!(take(&app, &phoned, &second).await.0, 204, "{b}");
        assert_eq!(
            assignee(&app, &phoned).await,
            Some(user_id(&app, "t1@help.kz").await),
            "{b}"
        );
    })
    .await;
}

#[tokio::test]
async fn two_offered_volunteers_racing_with_strangers_exactly_one_of_the_two_gets_it() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let (fo, _fo75) = front_offices(&app).await;
        let chosen = [taker(&app, 0).await, taker(&app, 1).await];
        let chosen_ids = [
            user_id(&app, "t0@help.kz").await,
            user_id(&app, "t1@help.kz").await,
        ];
        let mut strangers: Vec<String> = strangers(&app).await.into_iter().map(|s| s.2).collect();
        strangers.push(
            volunteer(
                &app,
                "here2@help.kz",
                "Көрші Сәуле",
                "1988-08-08",
                (52.2874, 76.9675),
                &["kk"],
            )
            .await,
        );
        strangers.push(
            volunteer_in(
                &app,
                "KZ-75",
                "away2@help.kz",
                "Алматылық Нұр",
                "1987-07-07",
                (43.24, 76.91),
                &["kk"],
            )
            .await,
        );

        for round in 0..3 {
            let phoned = approved(&app, &fo).await;
            offered(
                &app,
                &fo,
                &phoned,
                &["t0@help.kz".to_owned(), "t1@help.kz".to_owned()],
            )
            .await;
            // Everyone at the same moment, strangers first in line.
            let tasks: Vec<_> = strangers
                .iter()
                .map(|t| (false, t.clone()))
                .chain(chosen.iter().map(|t| (true, t.clone())))
                .map(|(is_chosen, t)| {
                    let (base, phoned) = (app.base.clone(), phoned.clone());
                    tokio::spawn(async move {
                        let r = reqwest::Client::new()
                            .post(format!("{base}/api/v1/help-requests/{phoned}/take"))
                            .bearer_auth(&t)
                            .json(&json!({}))
                            .send()
                            .await
                            .unwrap();
                        let status = r.status().as_u16();
                        let body = r.text().await.unwrap_or_default();
                        (is_chosen, status, body)
                    })
                })
                .collect();
            let mut answers = Vec::new();
            for t in tasks {
                answers.push(t.await.unwrap());
            }
            let (offered_to, others): (Vec<_>, Vec<_>) =
                answers.iter().partition(|(is_chosen, ..)| *is_chosen);
            let mut codes: Vec<u16> = offered_to.iter().map(|a| a.1).collect();
            codes.sort_unstable();
            assert_eq!(
                codes,
                [204, 409],
                "{b} round {round}: exactly one of the two: {answers:?}"
            );
            for (_, status, body) in &others {
                assert!(
                    matches!(status, 403 | 404),
                    "{b} round {round}: a stranger refused (not offered, or gone): {answers:?}"
                );
                assert_no_person(b, "a stranger", body);
            }
            let holder = assignee(&app, &phoned).await;
            assert!(
                holder.is_some_and(|h| chosen_ids.contains(&h)),
                "{b} round {round}: held by one of the two: {holder:?}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn the_request_page_has_the_take_button_only_for_the_volunteer_offered_it() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let (fo, _fo75) = front_offices(&app).await;
        let phoned = approved(&app, &fo).await;
        let _chosen = taker(&app, 0).await;
        offered(&app, &fo, &phoned, &["t0@help.kz".to_owned()]).await;
        let strangers = strangers(&app).await;
        let page = format!("/help-requests/{phoned}");
        let refused = app::i18n::t(domain::Lang::Kk, "help_not_offered");
        let why = app::i18n::t(domain::Lang::Kk, "help_not_offered_hint");

        // Strangers: the request without the person, why they cannot take it and no take
        // button; the form posted anyway answers why, with the way back to their list.
        for (who, email, _) in &strangers {
            let s = crate::attendance::login(&app, email).await;
            let p = s.get_with(&page, "accept-language", "kk").await;
            assert_eq!(p.status, 200, "{b}: {who}");
            assert!(
                !p.body.contains("id=\"help-take\"")
                    && p.body.contains("id=\"help-not-offered\"")
                    && p.body.contains(&why),
                "{b}: {who}: {}",
                p.body
            );
            assert_no_person(b, who, &p.body);
            let r = s
                .submit(
                    &format!("{page}/take"),
                    &[("_csrf", &crate::csrf_of(&p.body))],
                )
                .await;
            assert_eq!(r.status, 403, "{b}: {who}: {}", r.body);
            assert!(
                r.body.contains(&refused) && r.body.contains("href=\"/me/help\""),
                "{b}: {who}: a translated refusal with the way back: {}",
                r.body
            );
            assert_no_person(b, who, &r.body);
            let mine = s.get_with("/me/help", "accept-language", "kk").await;
            assert_eq!(mine.status, 200, "{b}: {who}");
            assert!(mine.body.contains("id=\"near-hint\""), "{b}: {who}");
            assert_no_person(b, who, &mine.body);
        }
        // The one living near it finds it in her list of open requests near her.
        let here = crate::attendance::login(&app, strangers[0].1).await;
        let near = here.get("/me/help").await.body;
        let near = &near[near.find("id=\"near\"").unwrap()..];
        assert!(
            near.contains(&format!("data-request=\"{phoned}\"")),
            "{b}: {near}"
        );

        // The volunteer offered it: the button, no refusal; she takes it and sees the person.
        let v = crate::attendance::login(&app, "t0@help.kz").await;
        let p = v.get(&page).await;
        assert!(
            p.body.contains("id=\"help-take\"") && !p.body.contains("id=\"help-not-offered\""),
            "{b}: {}",
            p.body
        );
        assert_no_person(b, "the volunteer offered it, before she takes it", &p.body);
        let r = v
            .submit(
                &format!("{page}/take"),
                &[("_csrf", &crate::csrf_of(&p.body))],
            )
            .await;
        assert_eq!(r.status, 303, "{b}: {}", r.body);
        let p = v.get(&page).await;
        assert!(
            p.body.contains("Серік Әбенов")
                && p.body.contains("+77015550011")
                && p.body.contains("Торайғыров к-сі, 64, 12-пәтер"),
            "{b}: {}",
            p.body
        );

        // Taken: not found for the strangers, on the page and through its form.
        for (who, email, _) in &strangers {
            let s = crate::attendance::login(&app, email).await;
            let p = s.get(&page).await;
            assert_eq!(p.status, 404, "{b}: {who}");
            assert_no_person(b, who, &p.body);
            let list = s.get("/me/help").await;
            let r = s
                .submit(
                    &format!("{page}/take"),
                    &[("_csrf", &crate::csrf_of(&list.body))],
                )
                .await;
            assert_eq!(r.status, 404, "{b}: {who}");
            assert_no_person(b, who, &r.body);
        }
    })
    .await;
}
