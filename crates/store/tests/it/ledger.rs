use chrono::NaiveDate;
use store::Error;
use store::accounts::{self, NewUser};
use store::ledger::{self, NewHours};
use store::organizations;
use uuid::Uuid;

use crate::{keys, on_every_backend, sign};

async fn user(db: &store::Db, email: &str) -> Uuid {
    accounts::create_user(
        db,
        &NewUser {
            email,
            password_hash: "!",
            display_name: "Әлия",
            preferred_lang: "kk",
            confirmed: true,
        },
    )
    .await
    .unwrap()
}

async fn org(db: &store::Db, owner: Uuid) -> Uuid {
    organizations::create(
        db,
        &organizations::Details {
            kind: domain::OrgKind::InitiativeGroup,
            name_kk: Some("Жасыл ел".into()),
            region_code: "KZ-55".into(),
            ..Default::default()
        },
        owner,
    )
    .await
    .unwrap()
}

async fn claim(db: &store::Db, volunteer: Uuid, org: Uuid, minutes: i64, day: u32) -> Uuid {
    ledger::create(
        db,
        &NewHours {
            volunteer_id: volunteer,
            organization_id: Some(org),
            event_id: None,
            shift_id: None,
            application_id: None,
            minutes,
            work_date: NaiveDate::from_ymd_opt(2026, 5, day).unwrap(),
            source: "claim",
            description: Some("тазалық".into()),
            direction: Some("ecology".into()),
            activity_type: Some("environment".into()),
            created_by: Some(volunteer),
        },
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn two_coordinators_confirming_at_once_make_one_confirmation() {
    on_every_backend(|db, backend| async move {
        let owner = user(&db, "owner@l.kz").await;
        let o = org(&db, owner).await;
        let v = user(&db, "v@l.kz").await;
        let h = claim(&db, v, o, 120, 1).await;
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move { ledger::confirm(&db, h, owner, &sign).await })
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => ok += 1,
                Err(Error::Conflict("already_decided")) => {}
                Err(e) => panic!("{backend}: {e:?}"),
            }
        }
        assert_eq!(ok, 1, "{backend}: exactly one confirmation");
        let (chain, head) = ledger::chain(&db, v).await.unwrap();
        assert_eq!(chain.len(), 1, "{backend}");
        assert_eq!(
            domain::ledger::verify_chain(&chain, head.as_ref(), &keys),
            Ok(120)
        );
        assert_eq!(ledger::total_minutes(&db, v).await.unwrap(), 120);
        // Decided entries stay decided.
        assert!(matches!(
            ledger::reject(&db, h, owner, "нет").await,
            Err(Error::Conflict("already_decided"))
        ));
        assert!(matches!(
            ledger::confirm(&db, Uuid::now_v7(), owner, &sign).await,
            Err(Error::NotFound)
        ));
    })
    .await;
}

#[tokio::test]
async fn the_ledger_is_append_only_and_corrections_reverse() {
    on_every_backend(|db, backend| async move {
        let owner = user(&db, "owner@l.kz").await;
        let o = org(&db, owner).await;
        let v = user(&db, "v@l.kz").await;
        let a = claim(&db, v, o, 60, 1).await;
        let b = claim(&db, v, o, 90, 2).await;
        ledger::confirm(&db, a, owner, &sign).await.unwrap();
        ledger::confirm(&db, b, owner, &sign).await.unwrap();
        for sql in [
            "UPDATE ledger_entries SET minutes = 6000",
            "DELETE FROM ledger_entries",
        ] {
            let e = store::testing::execute(&db, sql).await.unwrap_err();
            assert!(
                e.to_string().contains("append-only"),
                "{backend}: {sql}: {e}"
            );
        }
        // A correction is a new entry with the reason and who made it.
        ledger::reverse(&db, a, owner, "смена не состоялась", &sign)
            .await
            .unwrap();
        assert!(matches!(
            ledger::reverse(&db, a, owner, "ещё раз", &sign).await,
            Err(Error::Conflict("not_confirmed"))
        ));
        let (chain, head) = ledger::chain(&db, v).await.unwrap();
        assert_eq!(chain.len(), 3, "{backend}");
        let last = &chain[2].entry;
        assert_eq!(
            (
                last.kind.as_str(),
                last.minutes,
                last.reason.as_deref(),
                last.actor_id
            ),
            ("reverse", -60, Some("смена не состоялась"), Some(owner))
        );
        assert_eq!(
            domain::ledger::verify_chain(&chain, head.as_ref(), &keys),
            Ok(90)
        );
        assert_eq!(ledger::total_minutes(&db, v).await.unwrap(), 90);
        assert_eq!(
            ledger::get(&db, a).await.unwrap().unwrap().status,
            "reversed"
        );
        // The book's sums: confirmations less the reversal, every way.
        assert_eq!(
            ledger::book_sums(&db, v).await.unwrap(),
            ledger::BookSums {
                by_month: vec![(NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), 90)],
                by_organization: vec![(Some(o), 90)],
                by_direction: vec![(Some("ecology".into()), 90)],
                by_activity_type: vec![(Some("environment".into()), 90)],
            },
            "{backend}"
        );
    })
    .await;
}

#[tokio::test]
async fn verify_names_the_entry_changed_behind_the_applications_back() {
    on_every_backend(|db, backend| async move {
        let owner = user(&db, "owner@l.kz").await;
        let o = org(&db, owner).await;
        let v = user(&db, "v@l.kz").await;
        let w = user(&db, "w@l.kz").await;
        for (who, day) in [(v, 1), (v, 2), (v, 3), (w, 4)] {
            let h = claim(&db, who, o, 100 + i64::from(day), day).await;
            ledger::confirm(&db, h, owner, &sign).await.unwrap();
        }
        let intact = ledger::verify_all(&db, &keys).await.unwrap();
        assert_eq!((intact.chains, intact.entries), (2, 4), "{backend}");
        assert!(intact.broken.is_empty(), "{backend}: {:?}", intact.broken);

        // One more minute on the second entry of v's chain.
        let n = store::testing::tamper_ledger(
            &db,
            "UPDATE ledger_entries SET minutes = minutes + 1 WHERE seq = 2 AND volunteer_id IN \
             (SELECT volunteer_id FROM ledger_entries WHERE minutes = 102)",
        )
        .await
        .unwrap();
        assert_eq!(n, 1, "{backend}");
        let r = ledger::verify_all(&db, &keys).await.unwrap();
        assert_eq!(r.broken.len(), 1, "{backend}: {:?}", r.broken);
        assert_eq!(r.broken[0].0, v);
        assert!(
            r.broken[0].1.contains("entry 2"),
            "{backend}: {:?}",
            r.broken
        );

        // w's last entry removed: the signed head no longer matches.
        store::testing::tamper_ledger(&db, "DELETE FROM ledger_entries WHERE minutes = 104")
            .await
            .unwrap();
        let r = ledger::verify_all(&db, &keys).await.unwrap();
        assert_eq!(r.broken.len(), 2, "{backend}: {:?}", r.broken);
        assert!(
            r.broken
                .iter()
                .any(|(who, what)| *who == w && what.contains("head")),
            "{backend}: {:?}",
            r.broken
        );
    })
    .await;
}

/// The log's origin in the suite.
const ORIGIN: &str = "erikti.test/ledger";

fn sign_checkpoint(c: &domain::tlog::Checkpoint) -> (String, String) {
    let k = crate::key();
    (k.id.clone(), c.sign(&k))
}

/// Three volunteers, seven entries (one a reversal), hashed into the log and signed.
async fn logged(db: &store::Db) -> (Uuid, Uuid, Uuid, ledger::log::Kept) {
    let owner = user(db, "owner@t.kz").await;
    let o = org(db, owner).await;
    let (v, w, x) = (
        user(db, "v@t.kz").await,
        user(db, "w@t.kz").await,
        user(db, "x@t.kz").await,
    );
    let mut first = None;
    for (who, day) in [(v, 1), (w, 2), (v, 3), (x, 4), (v, 5), (w, 6)] {
        let h = claim(db, who, o, 100 + i64::from(day), day).await;
        ledger::confirm(db, h, owner, &sign).await.unwrap();
        first.get_or_insert(h);
    }
    ledger::reverse(db, first.unwrap(), owner, "ошибка", &sign)
        .await
        .unwrap();
    ledger::log::integrate(db, &|_, _| {}).await.unwrap();
    let kept = ledger::log::checkpoint(db, ORIGIN, &sign_checkpoint)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.size, 7);
    (v, w, x, kept)
}

#[tokio::test]
async fn the_log_proves_every_entry_and_only_grows() {
    on_every_backend(|db, backend| async move {
        let (_, _, _, kept) = logged(&db).await;
        let pk = crate::key().public();
        let c = domain::tlog::Checkpoint::verify(&kept.note, ORIGIN, &[pk]).unwrap();
        assert_eq!((c.size, c.root), (7, kept.root), "{backend}");
        for (i, s) in ledger::log::entries(&db, 0, 7).await.unwrap() {
            let proof = ledger::log::inclusion(&db, i, 7).await.unwrap();
            let leaf = domain::tlog::leaf_hash(&s.entry.encode());
            domain::tlog::check_inclusion(&proof, 7, kept.root, i, leaf).unwrap();
        }
        // More entries: the new checkpoint extends the old one.
        let owner = user(&db, "later@t.kz").await;
        let o = org(&db, owner).await;
        let h = claim(&db, owner, o, 60, 9).await;
        ledger::confirm(&db, h, owner, &sign).await.unwrap();
        ledger::log::integrate(&db, &|_, _| {}).await.unwrap();
        let next = ledger::log::checkpoint(&db, ORIGIN, &sign_checkpoint)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(next.size, 8, "{backend}");
        // The root of any size the tiles reach (a backup's checkpoint of its own size).
        assert_eq!(ledger::log::root_at(&db, 7).await.unwrap(), Some(kept.root));
        assert_eq!(ledger::log::root_at(&db, 8).await.unwrap(), Some(next.root));
        assert_eq!(ledger::log::root_at(&db, 9).await.unwrap(), None);
        let p = ledger::log::consistency(&db, 7, 8).await.unwrap();
        domain::tlog::check_consistency(&p, 7, kept.root, 8, next.root).unwrap();
        assert!(matches!(
            ledger::log::inclusion(&db, 3, 9).await,
            Err(Error::NotFound)
        ));
        let clean = ledger::log::check(&db, &[(7, kept.root), (8, next.root)])
            .await
            .unwrap();
        assert!(clean.problems.is_empty(), "{backend}: {:?}", clean.problems);
        assert_eq!(clean.leaves, 8);
        // The database refuses to change confirmed hours.
        assert!(
            store::testing::execute(
                &db,
                "UPDATE hours_entries SET minutes = minutes + 600 WHERE status = 'confirmed'"
            )
            .await
            .is_err(),
            "{backend}"
        );
    })
    .await;
}

#[tokio::test]
async fn tampering_behind_the_applications_back_is_caught_against_a_checkpoint() {
    // Each way of altering the stored ledger, and what must catch it.
    let cases: &[(&str, &[&str])] = &[
        (
            "minutes changed, hashes recomputed",
            &["UPDATE ledger_entries SET minutes = minutes + 600 WHERE leaf_index = 2"],
        ),
        (
            "a middle row deleted",
            &["DELETE FROM ledger_entries WHERE leaf_index = 3"],
        ),
        (
            "the last row deleted",
            &["DELETE FROM ledger_entries WHERE leaf_index = 6"],
        ),
        (
            "a whole chain and its head deleted",
            &[
                "DELETE FROM ledger_entries WHERE volunteer_id = (SELECT volunteer_id FROM ledger_entries WHERE leaf_index = 3)",
                "DELETE FROM ledger_heads WHERE volunteer_id NOT IN (SELECT volunteer_id FROM ledger_entries)",
            ],
        ),
        (
            "two chains swapped",
            &[
                "UPDATE ledger_entries SET leaf_index = leaf_index + 100 WHERE leaf_index IN (1, 2)",
                "UPDATE ledger_entries SET leaf_index = 1 WHERE leaf_index = 102",
                "UPDATE ledger_entries SET leaf_index = 2 WHERE leaf_index = 101",
            ],
        ),
    ];
    for (what, statements) in cases {
        on_every_backend(|db, backend| async move {
            let (_, _, _, kept) = logged(&db).await;
            if *what == "minutes changed, hashes recomputed" {
                // Recompute the entry's own hash, as a careful forger would.
                let (_, s) = ledger::log::entries(&db, 2, 3).await.unwrap().remove(0);
                let mut e = s.entry.clone();
                e.minutes += 600;
                let sql = format!(
                    "UPDATE ledger_entries SET minutes = minutes + 600, hash = {} WHERE leaf_index = 2",
                    if backend == "sqlite" {
                        format!("X'{}'", hex::encode(e.hash()))
                    } else {
                        format!("'\\x{}'::bytea", hex::encode(e.hash()))
                    }
                );
                store::testing::tamper_ledger(&db, &sql).await.unwrap();
            } else {
                for s in *statements {
                    store::testing::tamper_ledger(&db, s).await.unwrap();
                }
            }
            let r = ledger::log::check(&db, &[(kept.size, kept.root)]).await.unwrap();
            assert!(!r.problems.is_empty(), "{backend}: {what} passed unseen");
        })
        .await;
    }
}

#[tokio::test]
async fn a_rollback_to_an_older_signed_head_is_caught_against_a_checkpoint() {
    on_every_backend(|db, backend| async move {
        let (v, _, _, _) = logged(&db).await;
        // The checkpoint a witness took before the rollback.
        let owner = user(&db, "o2@t.kz").await;
        let o = org(&db, owner).await;
        let h = claim(&db, v, o, 30, 12).await;
        let (saved, _) = ledger::chain(&db, v).await.unwrap();
        ledger::confirm(&db, h, owner, &sign).await.unwrap();
        ledger::log::integrate(&db, &|_, _| {}).await.unwrap();
        let witnessed = ledger::log::checkpoint(&db, ORIGIN, &sign_checkpoint)
            .await
            .unwrap()
            .unwrap();
        // The newest entry removed and her head put back as it was.
        let last = saved.last().unwrap();
        let sql = format!(
            "DELETE FROM ledger_entries WHERE volunteer_id = '{v}' AND seq > {}",
            last.entry.seq
        );
        let sql = if backend == "sqlite" {
            sql.replace(
                &format!("'{v}'"),
                &format!("X'{}'", hex::encode(v.as_bytes())),
            )
        } else {
            sql
        };
        store::testing::tamper_ledger(&db, &sql).await.unwrap();
        let r = ledger::log::check(&db, &[(witnessed.size, witnessed.root)])
            .await
            .unwrap();
        assert!(
            r.problems.iter().any(|p| p.contains("fewer than")),
            "{backend}: {:?}",
            r.problems
        );
    })
    .await;
}
