use chrono::NaiveDate;
use domain::charity::{
    BeneficiaryCategory, Channel, CollectionStatus, ExpenseCategory, ExpenseStatus, MoneyKind,
    approve,
};
use store::Error;
use store::accounts::{self, NewUser};
use store::charity::{self, CollectionFields, NewDonation, NewExpense, Recorded, Step};
use store::ledger::{self, NewHours};
use store::organizations;
use uuid::Uuid;

use crate::{on_every_backend, sign};

async fn user(db: &store::Db, email: &str) -> Uuid {
    accounts::create_user(
        db,
        &NewUser {
            email,
            password_hash: "!",
            display_name: "Дана",
            preferred_lang: "ru",
            confirmed: true,
        },
    )
    .await
    .unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
}

/// An organization of KZ-55 with an active collection: (owner, organization, collection).
async fn active(db: &store::Db) -> (Uuid, Uuid, Uuid) {
    let owner = user(db, "owner@c.kz").await;
    let org = organizations::create(
        db,
        &organizations::Details {
            kind: domain::OrgKind::Ngo,
            name_ru: Some("Добрые руки".into()),
            region_code: "KZ-55".into(),
            ..Default::default()
        },
        owner,
    )
    .await
    .unwrap();
    let f = CollectionFields {
        purpose_kk: None,
        purpose_ru: Some("Лекарства для детей".into()),
        purpose_en: None,
        beneficiary_category: BeneficiaryCategory::Children,
        target_tiyn: 100_000_000,
        starts_on: day(1),
        ends_on: day(31),
        iban: "KZ86125KZT5004100100".into(),
        bank: "Halyk".into(),
        holder_bin: "120540012345".into(),
        boxes: vec![(1, "ТРЦ Мега, 1 этаж".into())],
    };
    let c = charity::create_collection(db, org, "KZ-55", &f, owner)
        .await
        .unwrap();
    use CollectionStatus::*;
    for (from, to, number) in [
        (Draft, Submitted, None),
        (Submitted, Registered, Some("KZ-55/2026/017")),
        (Registered, Active, None),
    ] {
        charity::step_collection(
            db,
            c,
            &Step {
                from,
                to,
                number,
                reason: None,
                report: None,
                by: owner,
                action: "collection.step",
            },
        )
        .await
        .unwrap();
    }
    (owner, org, c)
}

fn money(c: Uuid, tiyn: i64, key: Option<&str>) -> NewDonation {
    NewDonation {
        collection_id: c,
        in_kind: false,
        amount_tiyn: Some(tiyn),
        channel: Channel::Card,
        occurred_on: day(3),
        donor_user_id: None,
        donor_name: Some("Айгүл Серікова".into()),
        donor_email: Some("aigul@example.kz".into()),
        public_name: None,
        external_key: key.map(str::to_owned),
        items: None,
        quantity: None,
        unit: None,
        condition: None,
        box_number: None,
        act: None,
        lang: "kk".into(),
        recorded_by: None,
    }
}

fn expense(c: Uuid, tiyn: i64, by: Uuid) -> NewExpense {
    NewExpense {
        collection_id: c,
        amount_tiyn: tiyn,
        category: ExpenseCategory::Medical,
        in_kind: false,
        purpose: "Инсулин".into(),
        payee_organization: Some("Аптека №1".into()),
        beneficiaries: None,
        spent_on: day(5),
        receipt: b"%PDF-1.4 receipt".to_vec(),
        receipt_type: "application/pdf".into(),
        submitted_by: by,
    }
}

#[tokio::test]
async fn a_step_from_a_status_left_meanwhile_changes_nothing() {
    on_every_backend(|db, backend| async move {
        let (owner, _, c) = active(&db).await;
        let stale = Step {
            from: CollectionStatus::Registered,
            to: CollectionStatus::Active,
            number: None,
            reason: None,
            report: None,
            by: owner,
            action: "collection.activate",
        };
        let r = charity::step_collection(&db, c, &stale).await;
        assert!(
            matches!(r, Err(Error::Conflict("collection_changed"))),
            "{backend}: {r:?}"
        );
        let got = charity::collection(&db, c).await.unwrap().unwrap();
        assert_eq!(got.status, CollectionStatus::Active, "{backend}");
        assert_eq!(got.registration_number.as_deref(), Some("KZ-55/2026/017"));
        assert_eq!(charity::boxes(&db, c).await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn fifty_identical_deliveries_at_once_record_one_donation() {
    on_every_backend(|db, backend| async move {
        let (_, _, c) = active(&db).await;
        let tasks: Vec<_> = (0..50)
            .map(|i| {
                let db = db.clone();
                tokio::spawn(async move {
                    charity::record_donation(
                        &db,
                        &money(c, 500_000, Some("card:generic:pay_1")),
                        &format!("R-{i}"),
                    )
                    .await
                })
            })
            .collect();
        let mut new = 0;
        let mut ids = std::collections::HashSet::new();
        for t in tasks {
            match t.await.unwrap() {
                Ok(Recorded::New(id)) => {
                    new += 1;
                    ids.insert(id);
                }
                Ok(Recorded::Duplicate(id)) => {
                    ids.insert(id);
                }
                Err(e) => panic!("{backend}: {e:?}"),
            }
        }
        assert_eq!(new, 1, "{backend}: exactly one recorded");
        assert_eq!(
            ids.len(),
            1,
            "{backend}: every delivery names the same donation"
        );
        let got = charity::collection(&db, c).await.unwrap().unwrap();
        assert_eq!((got.raised_tiyn, got.donations), (500_000, 1), "{backend}");
        assert_eq!(
            charity::trail(&db, c, None).await.unwrap().len(),
            1,
            "{backend}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_closed_collection_takes_no_donation() {
    on_every_backend(|db, backend| async move {
        let (owner, _, c) = active(&db).await;
        charity::step_collection(
            &db,
            c,
            &Step {
                from: CollectionStatus::Active,
                to: CollectionStatus::Closed,
                number: None,
                reason: None,
                report: None,
                by: owner,
                action: "collection.close",
            },
        )
        .await
        .unwrap();
        let r =
            charity::record_donation(&db, &money(c, 100, Some("card:generic:late")), "R-1").await;
        assert!(
            matches!(r, Err(Error::Conflict("collection_not_active"))),
            "{backend}: {r:?}"
        );
        assert!(
            charity::donation_by_key(&db, "card:generic:late")
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            charity::trail(&db, c, None).await.unwrap().is_empty(),
            "{backend}"
        );
        assert_eq!(
            ledger::log::leaves(&db).await.unwrap(),
            0,
            "{backend}: no leaf taken"
        );
    })
    .await;
}

/// The domain's decision, as the application passes it.
fn decide(approver: Uuid) -> impl Fn(&charity::Expense, i64) -> Result<(), &'static str> + Sync {
    move |e, balance| {
        e.status.decide().map_err(|t| t.code)?;
        approve(e.submitted_by, approver, balance, e.amount_tiyn).map_err(|t| t.code)
    }
}

#[tokio::test]
async fn expenses_need_a_second_person_and_the_money() {
    on_every_backend(|db, backend| async move {
        let (owner, _, c) = active(&db).await;
        let treasurer = user(&db, "treasurer@c.kz").await;
        charity::record_donation(&db, &money(c, 300_000, Some("doc:1")), "R-1")
            .await
            .unwrap();
        let over = charity::submit_expense(&db, &expense(c, 300_001, treasurer))
            .await
            .unwrap();
        let r = charity::approve_expense(&db, over, owner, &decide(owner)).await;
        assert!(
            matches!(r, Err(Error::Refused("expense_over_balance"))),
            "{backend}: {r:?}"
        );
        let own = charity::submit_expense(&db, &expense(c, 100_000, treasurer))
            .await
            .unwrap();
        let r = charity::approve_expense(&db, own, treasurer, &decide(treasurer)).await;
        assert!(
            matches!(r, Err(Error::Refused("expense_four_eyes"))),
            "{backend}: {r:?}"
        );
        // Two approvers at once: one approval, counted once.
        let second = user(&db, "second@c.kz").await;
        let tasks: Vec<_> = [owner, second]
            .into_iter()
            .map(|who| {
                let db = db.clone();
                tokio::spawn(
                    async move { charity::approve_expense(&db, own, who, &decide(who)).await },
                )
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => ok += 1,
                Err(Error::Conflict("already_decided"))
                | Err(Error::Refused("already_decided")) => {}
                Err(e) => panic!("{backend}: {e:?}"),
            }
        }
        assert_eq!(ok, 1, "{backend}");
        let got = charity::collection(&db, c).await.unwrap().unwrap();
        assert_eq!(
            (got.raised_tiyn, got.spent_tiyn),
            (300_000, 100_000),
            "{backend}"
        );
        let e = charity::expense(&db, own).await.unwrap().unwrap();
        assert_eq!(e.status, ExpenseStatus::Approved);
        let e = charity::expense(&db, over).await.unwrap().unwrap();
        assert_eq!(
            e.status,
            ExpenseStatus::Pending,
            "{backend}: the refused one is untouched"
        );
    })
    .await;
}

#[tokio::test]
async fn a_refund_reverses_once_and_the_trail_adds_up() {
    on_every_backend(|db, backend| async move {
        let (_, _, c) = active(&db).await;
        let a = charity::record_donation(&db, &money(c, 200_000, Some("card:generic:a")), "R-1")
            .await
            .unwrap()
            .id();
        charity::record_donation(&db, &money(c, 50_000, None), "R-2")
            .await
            .unwrap();
        charity::reverse_donation(&db, a, "refund", None)
            .await
            .unwrap();
        let again = charity::reverse_donation(&db, a, "refund", None).await;
        assert!(
            matches!(again, Err(Error::Conflict("already_reversed"))),
            "{backend}: {again:?}"
        );
        let trail = charity::trail(&db, c, None).await.unwrap();
        let kinds: Vec<MoneyKind> = trail.iter().map(|m| m.entry.kind).collect();
        assert_eq!(
            kinds,
            [
                MoneyKind::Donation,
                MoneyKind::Donation,
                MoneyKind::Reversal
            ]
        );
        let totals = domain::charity::MoneyTotals::of(trail.iter().map(|m| &m.entry));
        let got = charity::collection(&db, c).await.unwrap().unwrap();
        assert_eq!(totals.net_raised(), got.raised_tiyn, "{backend}");
        assert_eq!(got.raised_tiyn, 50_000);
        assert!(charity::counter_mismatches(&db).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn hours_and_money_share_one_log_and_tampering_is_caught() {
    on_every_backend(|db, backend| async move {
        let (owner, org, c) = active(&db).await;
        let v = user(&db, "v@c.kz").await;
        let h = ledger::create(
            &db,
            &NewHours {
                volunteer_id: v,
                organization_id: Some(org),
                event_id: None,
                shift_id: None,
                application_id: None,
                minutes: 90,
                work_date: day(2),
                source: "claim",
                description: None,
                direction: None,
                activity_type: None,
                created_by: Some(v),
            },
        )
        .await
        .unwrap();
        ledger::confirm(&db, h, owner, &sign).await.unwrap();
        charity::record_donation(&db, &money(c, 70_000, Some("doc:7")), "R-7")
            .await
            .unwrap();
        charity::record_donation(&db, &money(c, 30_000, Some("doc:8")), "R-8")
            .await
            .unwrap();
        let t = ledger::log::integrate(&db, &|_, _| {}).await.unwrap();
        assert_eq!(t.size, 3, "{backend}: one hours entry and two donations");
        let clean = ledger::log::check(&db, &[(t.size, t.root)]).await.unwrap();
        assert!(clean.problems.is_empty(), "{backend}: {:?}", clean.problems);
        // A money entry's amount changed behind the trail: its leaf no longer matches.
        store::testing::tamper_ledger(
            &db,
            "UPDATE money_entries SET amount = amount + 1 WHERE leaf_index = 2",
        )
        .await
        .unwrap();
        let r = ledger::log::check(&db, &[(t.size, t.root)]).await.unwrap();
        assert!(
            r.problems
                .iter()
                .any(|p| p.contains("leaf 2") && p.contains("donation")),
            "{backend}: {:?}",
            r.problems
        );
        // The counters edited: they no longer add up to the trail.
        store::testing::execute(
            &db,
            "UPDATE collections SET raised_tiyn = raised_tiyn + 100",
        )
        .await
        .unwrap();
        assert_eq!(
            charity::counter_mismatches(&db).await.unwrap().len(),
            1,
            "{backend}"
        );
    })
    .await;
}
