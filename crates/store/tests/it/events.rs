use chrono::{Duration, Utc};
use domain::opportunity::{EventMode, EventStatus};
use serde_json::json;
use store::events::{self as events, EventFields, Project};
use store::{JsonList, shifts};

use crate::on_every_backend;
use crate::shifts::{ADULT, event, volunteers};

/// Every field set, none at its default.
fn typed(project: uuid::Uuid) -> EventFields {
    EventFields {
        title_kk: Some("Кітапхана".into()),
        title_ru: Some("Библиотека".into()),
        title_en: Some("Library".into()),
        description_kk: Some("Кітаптарды сұрыптаймыз".into()),
        description_ru: Some("Сортируем книги".into()),
        description_en: Some("We sort books".into()),
        direction: Some("bilim".into()),
        activity_type: "social_help".into(),
        region_code: "KZ-75".into(),
        locality: Some("Алматы".into()),
        address: Some("Абай даңғылы, 1".into()),
        lat: Some(43.25),
        lon: Some(76.95),
        online: false,
        time_zone: "Asia/Aqtobe".into(),
        min_age: 14,
        hazardous: true,
        skills: vec!["first aid".into(), "driving".into()].into(),
        languages: vec!["kk".into(), "en".into()].into(),
        contact_name: Some("Айгерім".into()),
        contact_phone: Some("+77011234567".into()),
        mode: EventMode::Moderated,
        project_id: Some(project),
    }
}

/// What is kept beside the fields: (search_text, languages_mask, skills of the search).
async fn derived(db: &store::Db, id: uuid::Uuid) -> (String, i64, Vec<String>) {
    store::on_db!(db, pool => {
        let (text, mask): (String, i64) =
            sqlx::query_as("SELECT search_text, languages_mask FROM events WHERE id = $1")
                .bind(id)
                .fetch_one(pool)
                .await
                .unwrap();
        let skills: Vec<String> =
            sqlx::query_scalar("SELECT skill FROM event_skills WHERE event_id = $1 ORDER BY skill")
                .bind(id)
                .fetch_all(pool)
                .await
                .unwrap();
        (text, mask, skills)
    })
}

#[tokio::test]
async fn every_field_is_read_back_as_typed_on_creation_and_on_an_edit() {
    on_every_backend(|db, backend| async move {
        let ev = event(&db, EventMode::FirstCome).await;
        let org = events::get(&db, ev).await.unwrap().unwrap().organization_id;
        let project = events::create_project(
            &db,
            org,
            &Project {
                title_kk: Some("Оқу".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let fields = typed(project);

        // An edit writes every field, and what is derived from them.
        events::update(&db, ev, &fields).await.unwrap();
        let e = events::get(&db, ev).await.unwrap().unwrap();
        assert_eq!(e.fields, fields, "{backend}");
        assert_eq!((e.status, e.cancel_reason.as_deref()), (EventStatus::Published, None));
        let (text, mask, skills) = derived(&db, ev).await;
        assert_eq!(
            text,
            "кітапхана | библиотека | library | алматы | кітаптарды сұрыптаймыз | сортируем книги | we sort books",
            "{backend}"
        );
        assert_eq!((mask, skills), (1 | 4, vec!["driving".to_owned(), "first aid".to_owned()]));

        // A new event of the same fields reads back the same.
        let copy = events::create(&db, org, &e).await.unwrap();
        let c = events::get(&db, copy).await.unwrap().unwrap();
        assert_eq!((&c.fields, c.status), (&fields, EventStatus::Draft), "{backend}");
        assert_eq!(derived(&db, copy).await, derived(&db, ev).await, "{backend}");

        // Once someone applied, an edit keeps the mode and changes the rest.
        let start = Utc::now() + Duration::days(3);
        let shift = shifts::add_shift(&db, ev, start, start + Duration::hours(2), 5)
            .await
            .unwrap();
        let v = volunteers(&db, 1, "reader").await[0];
        shifts::apply(&db, shift, v, None, ADULT).await.unwrap();
        let edited = EventFields {
            title_en: None,
            mode: EventMode::FirstCome,
            skills: JsonList::default(),
            languages: vec!["ru".into()].into(),
            online: true,
            project_id: None,
            ..fields.clone()
        };
        events::update(&db, ev, &edited).await.unwrap();
        let e = events::get(&db, ev).await.unwrap().unwrap();
        assert_eq!(
            e.fields,
            EventFields {
                mode: EventMode::Moderated,
                ..edited
            },
            "{backend}"
        );
        assert_eq!(derived(&db, ev).await.1, 2, "{backend}");
        assert!(derived(&db, ev).await.2.is_empty(), "{backend}");
    })
    .await;
}

#[tokio::test]
async fn an_event_serialises_as_the_api_shows_it() {
    on_every_backend(|db, backend| async move {
        let ev = event(&db, EventMode::FirstCome).await;
        let org = events::get(&db, ev).await.unwrap().unwrap().organization_id;
        let project = events::create_project(&db, org, &Project::default())
            .await
            .unwrap();
        events::update(&db, ev, &typed(project)).await.unwrap();
        let v = serde_json::to_value(events::get(&db, ev).await.unwrap().unwrap()).unwrap();
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "activity_type",
                "address",
                "cancel_reason",
                "contact_name",
                "contact_phone",
                "description_en",
                "description_kk",
                "description_ru",
                "direction",
                "hazardous",
                "id",
                "languages",
                "lat",
                "locality",
                "lon",
                "min_age",
                "mode",
                "online",
                "organization_id",
                "project_id",
                "region",
                "skills",
                "status",
                "time_zone",
                "title_en",
                "title_kk",
                "title_ru",
            ],
            "{backend}"
        );
        assert_eq!(
            (&v["region"], &v["mode"], &v["status"]),
            (&json!("KZ-75"), &json!("moderated"), &json!("published")),
            "{backend}"
        );
        assert_eq!(
            (&v["skills"], &v["languages"], &v["project_id"]),
            (
                &json!(["first aid", "driving"]),
                &json!(["kk", "en"]),
                &json!(project)
            ),
            "{backend}"
        );
    })
    .await;
}
