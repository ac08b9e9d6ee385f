use chrono::Duration;
use store::accounts::{self, NewUser, ProfileUpdate, TokenPurpose};
use store::{Error, now};

use crate::on_every_backend;

fn new_user<'a>(email: &'a str) -> NewUser<'a> {
    NewUser {
        email,
        password_hash: "$argon2id$x",
        display_name: "Айгерім",
        preferred_lang: "kk",
        confirmed: false,
    }
}

#[tokio::test]
async fn users_are_unique_by_email_and_round_trip() {
    on_every_backend(|db, backend| async move {
        let id = accounts::create_user(&db, &new_user("a@example.kz"))
            .await
            .unwrap();
        let err = accounts::create_user(&db, &new_user("a@example.kz"))
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::Conflict("email_taken")),
            "{backend}: {err:?}"
        );
        let u = accounts::user_by_email(&db, "a@example.kz")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(u.id, id);
        assert_eq!(u.display_name, "Айгерім");
        assert!(!u.is_confirmed());
        accounts::confirm_email(&db, id).await.unwrap();
        let u = accounts::user_by_id(&db, id).await.unwrap().unwrap();
        assert!(u.is_confirmed());
        assert!(u.created_at <= now());
    })
    .await;
}

#[tokio::test]
async fn profile_saves_and_iin_is_unique() {
    on_every_backend(|db, backend| async move {
        let a = accounts::create_user(&db, &new_user("a@example.kz"))
            .await
            .unwrap();
        let b = accounts::create_user(&db, &new_user("b@example.kz"))
            .await
            .unwrap();
        let p = ProfileUpdate {
            display_name: "Айгерім С.".into(),
            first_name: Some("Айгерім".into()),
            birth_date: chrono::NaiveDate::from_ymd_opt(2001, 5, 17),
            iin: Some("010517601238".into()),
            phone: Some("+77012345678".into()),
            region_code: Some("KZ-71".into()),
            languages: vec!["kk".into(), "ru".into()],
            skills: vec!["first aid".into()],
            directions: vec!["qamqor".into()],
            preferred_lang: "kk".into(),
            ..Default::default()
        };
        accounts::update_profile(&db, a, &p).await.unwrap();
        let u = accounts::user_by_id(&db, a).await.unwrap().unwrap();
        assert_eq!(u.iin.as_deref(), Some("010517601238"), "{backend}");
        assert_eq!(u.language_list(), vec!["kk", "ru"]);
        assert_eq!(u.direction_list(), vec!["qamqor"]);
        assert_eq!(u.region_code.as_deref(), Some("KZ-71"));
        let err = accounts::update_profile(&db, b, &p).await.unwrap_err();
        assert!(
            matches!(err, Error::Conflict("iin_taken")),
            "{backend}: {err:?}"
        );
        // An unknown region is refused by the database too.
        let bad = ProfileUpdate {
            region_code: Some("KZ-00".into()),
            iin: None,
            ..p.clone()
        };
        assert!(accounts::update_profile(&db, b, &bad).await.is_err());
    })
    .await;
}

#[tokio::test]
async fn one_time_links_work_once_and_expire() {
    on_every_backend(|db, backend| async move {
        let id = accounts::create_user(&db, &new_user("a@example.kz"))
            .await
            .unwrap();
        accounts::create_email_token(
            &db,
            "h1",
            id,
            TokenPurpose::Confirm,
            None,
            now() + Duration::hours(1),
        )
        .await
        .unwrap();
        accounts::create_email_token(
            &db,
            "h2",
            id,
            TokenPurpose::Confirm,
            None,
            now() - Duration::seconds(1),
        )
        .await
        .unwrap();
        accounts::create_email_token(
            &db,
            "h3",
            id,
            TokenPurpose::ChangeEmail,
            Some("new@example.kz"),
            now() + Duration::hours(1),
        )
        .await
        .unwrap();
        // Wrong purpose does not consume.
        assert!(
            accounts::consume_email_token(&db, "h1", TokenPurpose::Reset)
                .await
                .unwrap()
                .is_none()
        );
        let used = accounts::consume_email_token(&db, "h1", TokenPurpose::Confirm)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(used.user_id, id, "{backend}");
        assert!(
            accounts::consume_email_token(&db, "h1", TokenPurpose::Confirm)
                .await
                .unwrap()
                .is_none(),
            "used twice"
        );
        assert!(
            accounts::consume_email_token(&db, "h2", TokenPurpose::Confirm)
                .await
                .unwrap()
                .is_none(),
            "expired"
        );
        let change = accounts::consume_email_token(&db, "h3", TokenPurpose::ChangeEmail)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(change.new_email.as_deref(), Some("new@example.kz"));
    })
    .await;
}

#[tokio::test]
async fn a_link_is_consumed_once_under_concurrency() {
    on_every_backend(|db, backend| async move {
        let id = accounts::create_user(&db, &new_user("a@example.kz"))
            .await
            .unwrap();
        accounts::create_email_token(
            &db,
            "race",
            id,
            TokenPurpose::Reset,
            None,
            now() + Duration::hours(1),
        )
        .await
        .unwrap();
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move {
                    accounts::consume_email_token(&db, "race", TokenPurpose::Reset).await
                })
            })
            .collect();
        let mut wins = 0;
        for t in tasks {
            if t.await.unwrap().unwrap().is_some() {
                wins += 1;
            }
        }
        assert_eq!(wins, 1, "{backend}: a reset link must work exactly once");
    })
    .await;
}

#[tokio::test]
async fn sessions_expire_and_end_with_a_password_change() {
    on_every_backend(|db, backend| async move {
        let id = accounts::create_user(&db, &new_user("a@example.kz"))
            .await
            .unwrap();
        store::sessions::create(&db, "live", id, now() + Duration::days(1), Some("test"))
            .await
            .unwrap();
        store::sessions::create(&db, "old", id, now() - Duration::seconds(1), None)
            .await
            .unwrap();
        assert_eq!(
            store::sessions::user_of(&db, "live")
                .await
                .unwrap()
                .unwrap()
                .id,
            id,
            "{backend}"
        );
        assert!(
            store::sessions::user_of(&db, "old")
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(store::sessions::purge_expired(&db).await.unwrap(), 1);
        accounts::set_password(&db, id, "$argon2id$new")
            .await
            .unwrap();
        assert!(
            store::sessions::user_of(&db, "live")
                .await
                .unwrap()
                .is_none(),
            "password change ends sessions"
        );
    })
    .await;
}

#[tokio::test]
async fn api_tokens_are_listed_used_and_revoked() {
    on_every_backend(|db, backend| async move {
        let a = accounts::create_user(&db, &new_user("a@example.kz"))
            .await
            .unwrap();
        let b = accounts::create_user(&db, &new_user("b@example.kz"))
            .await
            .unwrap();
        let t = accounts::create_api_token(&db, a, "script", "ek_abcdefg", "hash-a")
            .await
            .unwrap();
        assert_eq!(
            accounts::api_tokens_of(&db, a).await.unwrap().len(),
            1,
            "{backend}"
        );
        assert_eq!(
            accounts::user_by_api_token(&db, "hash-a")
                .await
                .unwrap()
                .map(|u| u.id),
            Some(a)
        );
        accounts::touch_api_tokens(&db, &["hash-a".to_owned()], store::now())
            .await
            .unwrap();
        assert!(
            accounts::api_tokens_of(&db, a).await.unwrap()[0]
                .last_used_at
                .is_some()
        );
        assert!(
            !accounts::revoke_api_token(&db, b, t.id).await.unwrap(),
            "another user cannot revoke it"
        );
        assert!(accounts::revoke_api_token(&db, a, t.id).await.unwrap());
        assert!(
            accounts::user_by_api_token(&db, "hash-a")
                .await
                .unwrap()
                .is_none()
        );
        assert!(accounts::api_tokens_of(&db, a).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn roles_are_granted_once_with_their_scope() {
    on_every_backend(|db, backend| async move {
        let a = accounts::create_user(&db, &new_user("a@example.kz"))
            .await
            .unwrap();
        accounts::grant_role(&db, a, "national_admin", None, None, None)
            .await
            .unwrap();
        accounts::grant_role(&db, a, "national_admin", None, None, None)
            .await
            .unwrap();
        accounts::grant_role(&db, a, "regional_coordinator", None, Some("KZ-55"), None)
            .await
            .unwrap();
        accounts::grant_role(&db, a, "regional_coordinator", None, Some("KZ-75"), None)
            .await
            .unwrap();
        let roles = accounts::roles_of(&db, a).await.unwrap();
        assert_eq!(roles.len(), 3, "{backend}: {roles:?}");
        assert!(
            roles
                .iter()
                .any(|r| r.region_code.as_deref() == Some("KZ-55"))
        );
    })
    .await;
}

#[tokio::test]
async fn outbox_keeps_every_message_and_retries() {
    on_every_backend(|db, backend| async move {
        let m1 = store::outbox::enqueue(
            &db,
            "a@example.kz",
            "Subject",
            "Body https://x/confirm?token=1",
            "confirm",
        )
        .await
        .unwrap();
        let m2 = store::outbox::enqueue(&db, "b@example.kz", "S2", "B2", "reset")
            .await
            .unwrap();
        let due = store::outbox::due(&db, 10).await.unwrap();
        assert_eq!(due.len(), 2, "{backend}");
        store::outbox::mark_delivered(&db, m1, "logged")
            .await
            .unwrap();
        store::outbox::mark_failed(&db, m2, "connection refused", 3)
            .await
            .unwrap();
        // The failed one waits for its backoff before it is due again.
        assert!(store::outbox::due(&db, 10).await.unwrap().is_empty());
        let all = store::outbox::recent(&db, None, 10).await.unwrap();
        assert_eq!(all.len(), 2);
        let only_a = store::outbox::recent(&db, Some("a@example.kz"), 10)
            .await
            .unwrap();
        assert_eq!(only_a.len(), 1);
        assert_eq!(only_a[0].delivery, "logged");
        let b = all.iter().find(|m| m.id == m2).unwrap();
        assert_eq!(b.delivery, "pending");
        assert_eq!(b.attempts, 1);
        assert_eq!(b.last_error.as_deref(), Some("connection refused"));
        store::outbox::mark_failed(&db, m2, "again", 2)
            .await
            .unwrap();
        let b = store::outbox::recent(&db, Some("b@example.kz"), 1)
            .await
            .unwrap()
            .remove(0);
        assert_eq!(
            b.delivery, "failed",
            "gives up after max attempts, but keeps the message"
        );
    })
    .await;
}
