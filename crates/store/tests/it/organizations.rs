use store::accounts::{self, NewUser};
use store::organizations::{self as orgs, Details, DirectoryQuery};
use store::{Error, audit};
use uuid::Uuid;

use crate::on_every_backend;

async fn user(db: &store::Db, email: &str) -> Uuid {
    accounts::create_user(
        db,
        &NewUser {
            email,
            password_hash: "!",
            display_name: email,
            preferred_lang: "kk",
            confirmed: true,
        },
    )
    .await
    .unwrap()
}

fn details(name: &str, region: &str) -> Details {
    Details {
        kind: domain::OrgKind::InitiativeGroup,
        name_kk: Some(name.into()),
        name_ru: Some(format!("{name} (ru)")),
        region_code: region.into(),
        directions: vec!["qamqor".into()],
        activity_types: vec!["social_help".into()],
        ..Default::default()
    }
}

#[tokio::test]
async fn create_request_decide_with_audit() {
    on_every_backend(|db, backend| async move {
        let owner = user(&db, "owner@example.kz").await;
        let staff = user(&db, "staff@example.kz").await;
        let id = orgs::create(&db, &details("Мейірім", "KZ-55"), owner)
            .await
            .unwrap();
        let o = orgs::get(&db, id).await.unwrap().unwrap();
        assert_eq!(o.status, domain::OrgStatus::Registered, "{backend}");
        assert_eq!(orgs::members(&db, id).await.unwrap()[0].role, "org_owner");
        orgs::request_verification(&db, id, domain::OrgStatus::Registered, owner)
            .await
            .unwrap();
        let again = orgs::request_verification(&db, id, domain::OrgStatus::Registered, owner)
            .await
            .unwrap_err();
        assert!(
            matches!(again, Error::Conflict("state_changed")),
            "{again:?}"
        );
        let q = orgs::queue(&db, "KZ-55").await.unwrap();
        assert_eq!(q.len(), 1);
        assert!(orgs::queue(&db, "KZ-75").await.unwrap().is_empty());
        let org = orgs::decide(
            &db,
            q[0].id,
            domain::VerificationDecision::Verify,
            domain::OrgStatus::Verified,
            None,
            staff,
        )
        .await
        .unwrap();
        assert_eq!(org, id);
        assert_eq!(
            orgs::get(&db, id).await.unwrap().unwrap().status,
            domain::OrgStatus::Verified
        );
        let twice = orgs::decide(
            &db,
            q[0].id,
            domain::VerificationDecision::Reject,
            domain::OrgStatus::Rejected,
            Some("late"),
            staff,
        )
        .await
        .unwrap_err();
        assert!(matches!(twice, Error::Conflict("already_decided")));
        let log = audit::search(
            &db,
            &audit::Filter {
                organization_id: Some(id),
                ..Default::default()
            },
            50,
            0,
        )
        .await
        .unwrap();
        let actions: Vec<_> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            vec![
                "verification.verify",
                "verification.requested",
                "organization.created"
            ],
            "{backend}"
        );
        assert_eq!(log[0].actor_name.as_deref(), Some("staff@example.kz"));
    })
    .await;
}

#[tokio::test]
async fn statuses_and_kinds_read_back_typed_and_creation_is_audited_with_the_kind() {
    use domain::{OrgKind, OrgStatus};
    on_every_backend(|db, backend| async move {
        let owner = user(&db, "owner@example.kz").await;
        let id = orgs::create(&db, &details("Қамқор", "KZ-55"), owner)
            .await
            .unwrap();
        let log = audit::search(
            &db,
            &audit::Filter {
                organization_id: Some(id),
                ..Default::default()
            },
            50,
            0,
        )
        .await
        .unwrap();
        let created: serde_json::Value = serde_json::from_str(&log[0].changes).unwrap();
        assert_eq!(
            created["kind"],
            serde_json::json!(["", "initiative_group"]),
            "{backend}"
        );
        orgs::set_suspended(
            &db,
            id,
            OrgStatus::Registered,
            OrgStatus::Suspended,
            "жалоба",
            owner,
        )
        .await
        .unwrap();
        let o = orgs::get(&db, id).await.unwrap().unwrap();
        assert_eq!(
            (o.kind, o.status, o.status_before_suspension),
            (
                OrgKind::InitiativeGroup,
                OrgStatus::Suspended,
                Some(OrgStatus::Registered)
            ),
            "{backend}"
        );
        orgs::set_suspended(
            &db,
            id,
            OrgStatus::Suspended,
            OrgStatus::Registered,
            "проверено",
            owner,
        )
        .await
        .unwrap();
        let o = orgs::get(&db, id).await.unwrap().unwrap();
        assert_eq!(
            (o.status, o.status_before_suspension),
            (OrgStatus::Registered, None),
            "{backend}"
        );
        let (cards, _) = orgs::directory(
            &db,
            &DirectoryQuery {
                kind: Some(OrgKind::InitiativeGroup),
                ..Default::default()
            },
            20,
            0,
        )
        .await
        .unwrap();
        assert_eq!(
            cards
                .iter()
                .map(|c| (c.id, c.kind, c.status))
                .collect::<Vec<_>>(),
            vec![(id, OrgKind::InitiativeGroup, OrgStatus::Registered)],
            "{backend}"
        );
    })
    .await;
}

#[tokio::test]
async fn exactly_one_of_concurrent_decisions_wins() {
    on_every_backend(|db, backend| async move {
        let owner = user(&db, "owner@example.kz").await;
        let mut staff = Vec::new();
        for i in 0..8 {
            staff.push(user(&db, &format!("staff{i}@example.kz")).await);
        }
        for round in 0..3 {
            let id = orgs::create(&db, &details(&format!("Топ {round}"), "KZ-55"), owner)
                .await
                .unwrap();
            orgs::request_verification(&db, id, domain::OrgStatus::Registered, owner)
                .await
                .unwrap();
            let req = orgs::queue(&db, "KZ-55")
                .await
                .unwrap()
                .into_iter()
                .find(|q| q.organization_id == id)
                .unwrap();
            let tasks: Vec<_> = staff
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let db = db.clone();
                    let s = *s;
                    tokio::spawn(async move {
                        let (d, st) = if i % 2 == 0 {
                            (
                                domain::VerificationDecision::Verify,
                                domain::OrgStatus::Verified,
                            )
                        } else {
                            (
                                domain::VerificationDecision::Reject,
                                domain::OrgStatus::Rejected,
                            )
                        };
                        orgs::decide(&db, req.id, d, st, Some("причина"), s).await
                    })
                })
                .collect();
            let mut wins = 0;
            for t in tasks {
                match t.await.unwrap() {
                    Ok(_) => wins += 1,
                    Err(Error::Conflict("already_decided")) => {}
                    Err(e) => panic!("{backend}: unexpected {e:?}"),
                }
            }
            assert_eq!(wins, 1, "{backend}: exactly one decision wins");
            let log = audit::search(
                &db,
                &audit::Filter {
                    organization_id: Some(id),
                    action_prefix: Some("verification.".into()),
                    ..Default::default()
                },
                50,
                0,
            )
            .await
            .unwrap();
            assert_eq!(log.len(), 2, "requested + one decision");
        }
    })
    .await;
}

#[tokio::test]
async fn the_audit_log_is_append_only() {
    on_every_backend(|db, backend| async move {
        let owner = user(&db, "owner@example.kz").await;
        orgs::create(&db, &details("А", "KZ-71"), owner)
            .await
            .unwrap();
        let (update, delete) = match &db.pool {
            store::Pool::Sqlite(p) => (
                sqlx::query("UPDATE audit_log SET reason = 'x'")
                    .execute(p)
                    .await
                    .is_err(),
                sqlx::query("DELETE FROM audit_log")
                    .execute(p)
                    .await
                    .is_err(),
            ),
            store::Pool::Postgres(p) => (
                sqlx::query("UPDATE audit_log SET reason = 'x'")
                    .execute(p)
                    .await
                    .is_err(),
                sqlx::query("DELETE FROM audit_log")
                    .execute(p)
                    .await
                    .is_err(),
            ),
        };
        assert!(
            update && delete,
            "{backend}: the database refuses changes to the log"
        );
    })
    .await;
}

#[tokio::test]
async fn members_invitations_and_ownership() {
    on_every_backend(|db, backend| async move {
        let owner = user(&db, "owner@example.kz").await;
        let coord = user(&db, "coord@example.kz").await;
        let id = orgs::create(&db, &details("Үміт", "KZ-75"), owner)
            .await
            .unwrap();
        orgs::invite(
            &db,
            id,
            "coord@example.kz",
            "inv1",
            owner,
            store::now() + chrono::Duration::days(7),
        )
        .await
        .unwrap();
        orgs::invite(
            &db,
            id,
            "late@example.kz",
            "inv2",
            owner,
            store::now() - chrono::Duration::seconds(1),
        )
        .await
        .unwrap();
        assert_eq!(
            orgs::accept_invitation(&db, "inv1", coord).await.unwrap(),
            id,
            "{backend}"
        );
        assert!(
            matches!(
                orgs::accept_invitation(&db, "inv1", coord).await,
                Err(Error::Conflict("invitation_invalid"))
            ),
            "reused"
        );
        assert!(
            matches!(
                orgs::accept_invitation(&db, "inv2", coord).await,
                Err(Error::Conflict("invitation_invalid"))
            ),
            "expired"
        );
        assert_eq!(orgs::members(&db, id).await.unwrap().len(), 2);
        orgs::transfer_ownership(&db, id, owner, coord)
            .await
            .unwrap();
        let members = orgs::members(&db, id).await.unwrap();
        assert_eq!(
            members.iter().filter(|m| m.role == "org_owner").count(),
            1,
            "always one owner"
        );
        assert!(
            members
                .iter()
                .any(|m| m.user_id == coord && m.role == "org_owner")
        );
        assert!(
            !orgs::remove_member(&db, id, coord, owner, "member.removed")
                .await
                .unwrap(),
            "the owner cannot be removed"
        );
        assert!(
            orgs::remove_member(&db, id, owner, coord, "member.removed")
                .await
                .unwrap()
        );
        assert_eq!(orgs::members(&db, id).await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn directory_filters_and_searches_in_every_language() {
    on_every_backend(|db, backend| async move {
        let owner = user(&db, "owner@example.kz").await;
        let a = orgs::create(&db, &details("Мейірім", "KZ-55"), owner)
            .await
            .unwrap();
        let mut d = details("Таза әлем", "KZ-75");
        d.name_en = Some("Clean World".into());
        d.directions = vec!["taza_alem".into()];
        d.kind = domain::OrgKind::Ngo;
        d.bin = Some("000140000005".into());
        let b = orgs::create(&db, &d, owner).await.unwrap();
        orgs::request_verification(&db, b, domain::OrgStatus::Registered, owner)
            .await
            .unwrap();
        let req = orgs::queue(&db, "KZ-75").await.unwrap()[0].id;
        orgs::decide(
            &db,
            req,
            domain::VerificationDecision::Verify,
            domain::OrgStatus::Verified,
            None,
            owner,
        )
        .await
        .unwrap();
        let all = orgs::directory(&db, &DirectoryQuery::default(), 20, 0)
            .await
            .unwrap();
        assert_eq!(all.1, 2, "{backend}");
        assert_eq!(all.0[0].id, b, "verified first");
        let q = |f: DirectoryQuery| {
            let db = db.clone();
            async move {
                orgs::directory(&db, &f, 20, 0)
                    .await
                    .unwrap()
                    .0
                    .into_iter()
                    .map(|c| c.id)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            q(DirectoryQuery {
                region: Some("KZ-55".into()),
                ..Default::default()
            })
            .await,
            vec![a]
        );
        assert_eq!(
            q(DirectoryQuery {
                direction: Some("taza_alem".into()),
                ..Default::default()
            })
            .await,
            vec![b]
        );
        assert_eq!(
            q(DirectoryQuery {
                kind: Some(domain::OrgKind::Ngo),
                ..Default::default()
            })
            .await,
            vec![b]
        );
        assert_eq!(
            q(DirectoryQuery {
                verified_only: true,
                ..Default::default()
            })
            .await,
            vec![b]
        );
        assert_eq!(
            q(DirectoryQuery {
                q: Some("clean".into()),
                ..Default::default()
            })
            .await,
            vec![b]
        );
        assert_eq!(
            q(DirectoryQuery {
                q: Some("МЕЙІР".into()),
                ..Default::default()
            })
            .await,
            vec![a]
        );
        assert_eq!(
            q(DirectoryQuery {
                q: Some("%".into()),
                ..Default::default()
            })
            .await,
            Vec::<Uuid>::new(),
            "LIKE wildcards are escaped"
        );
        let dup = orgs::create(&db, &d, owner).await.unwrap_err();
        assert!(matches!(dup, Error::Conflict("bin_taken")));
        orgs::set_suspended(
            &db,
            a,
            domain::OrgStatus::Registered,
            domain::OrgStatus::Suspended,
            "жалоба",
            owner,
        )
        .await
        .unwrap();
        assert_eq!(
            orgs::directory(&db, &DirectoryQuery::default(), 20, 0)
                .await
                .unwrap()
                .1,
            1,
            "suspended ones are not listed"
        );
        orgs::set_suspended(
            &db,
            a,
            domain::OrgStatus::Suspended,
            domain::OrgStatus::Registered,
            "проверено",
            owner,
        )
        .await
        .unwrap();
        assert_eq!(
            orgs::get(&db, a).await.unwrap().unwrap().status,
            domain::OrgStatus::Registered
        );
    })
    .await;
}

#[tokio::test]
async fn register_applications_are_decided_once_and_listed() {
    use store::register::{self, NewApplication, Query};
    on_every_backend(|db, backend| async move {
        let v = user(&db, "v@example.kz").await;
        let admin = user(&db, "admin@example.kz").await;
        let app = NewApplication {
            applicant_kind: "volunteer".into(),
            user_id: Some(v),
            organization_id: None,
            public_name: "Айгерім Сейітова".into(),
            region_code: "KZ-71".into(),
            activity_types: vec!["environment".into()],
            participants: 1,
            projects: "Таза Астана".into(),
            submitted_by: v,
        };
        let id = register::apply(&db, &app).await.unwrap();
        assert!(
            matches!(
                register::apply(&db, &app).await,
                Err(Error::Conflict("already_applied"))
            ),
            "{backend}"
        );
        let public = register::search(&db, &Query::default(), Some(20), 0)
            .await
            .unwrap();
        assert_eq!(public.1, 0, "not public before inclusion");
        let tasks: Vec<_> = (0..6)
            .map(|i| {
                let db = db.clone();
                tokio::spawn(async move {
                    let to = if i % 2 == 0 { "included" } else { "refused" };
                    register::transition(&db, id, "submitted", to, Some("шешім"), admin).await
                })
            })
            .collect();
        let mut wins = 0;
        for t in tasks {
            if t.await.unwrap().is_ok() {
                wins += 1;
            }
        }
        assert_eq!(wins, 1);
        let e = register::get(&db, id).await.unwrap().unwrap();
        if e.status == "included" {
            let (rows, total) = register::search(
                &db,
                &Query {
                    activity_type: Some("environment".into()),
                    ..Default::default()
                },
                Some(20),
                0,
            )
            .await
            .unwrap();
            assert_eq!((rows.len(), total), (1, 1));
            register::transition(
                &db,
                id,
                "included",
                "excluded",
                Some("ереже бұзылды"),
                admin,
            )
            .await
            .unwrap();
        }
        assert_eq!(
            register::search(&db, &Query::default(), None, 0)
                .await
                .unwrap()
                .1,
            0
        );
    })
    .await;
}

#[tokio::test]
async fn details_read_back_as_written_and_the_audit_names_changes_by_their_columns() {
    use domain::OrgStatus;
    use serde_json::json;
    on_every_backend(|db, backend| async move {
        let owner = user(&db, "owner@example.kz").await;
        let mut d = details("Қамқор", "KZ-55");
        d.description_en = Some("We help".into());
        d.contact_phone = Some("+77001234567".into());
        let id = orgs::create(&db, &d, owner).await.unwrap();
        let o = orgs::get(&db, id).await.unwrap().unwrap();
        assert_eq!(o.details, d, "{backend}");
        assert_eq!(o.name_kk.as_deref(), Some("Қамқор"), "read through");
        let mut new = d.clone();
        new.region_code = "KZ-75".into();
        new.directions = vec!["qamqor".into(), "taza_alem".into()];
        orgs::update(
            &db,
            id,
            &o,
            &new,
            OrgStatus::Registered,
            OrgStatus::Registered,
            owner,
        )
        .await
        .unwrap();
        assert_eq!(orgs::get(&db, id).await.unwrap().unwrap().details, new);
        let log = audit::search(
            &db,
            &audit::Filter {
                organization_id: Some(id),
                ..Default::default()
            },
            50,
            0,
        )
        .await
        .unwrap();
        let edited: serde_json::Value = serde_json::from_str(&log[0].changes).unwrap();
        assert_eq!(
            edited,
            json!({
                "region_code": ["KZ-55", "KZ-75"],
                "directions": [["qamqor"], ["qamqor", "taza_alem"]],
            }),
            "{backend}"
        );
        let created: serde_json::Value = serde_json::from_str(&log[1].changes).unwrap();
        assert_eq!(created["region_code"], json!(["", "KZ-55"]), "{backend}");
        assert_eq!(created["directions"], json!([[], ["qamqor"]]));
        assert!(created.get("region").is_none(), "{created}");
    })
    .await;
}
