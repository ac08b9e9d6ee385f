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

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR photo";
const PDF: &[u8] = b"%PDF-1.7\n% handover act\n";

fn gift(c: Uuid, by: Uuid, estimate: Option<i64>, photos: usize) -> charity::NewGift {
    use domain::charity::{GoodsCondition, GoodsUnit, Quantity, ReceiptKind};
    charity::NewGift {
        collection_id: c,
        items: "Зимние куртки".into(),
        quantity: Quantity::parse("12").unwrap(),
        unit: GoodsUnit::Piece,
        condition: GoodsCondition::New,
        estimate_tiyn: estimate,
        given_on: day(4),
        donor_name: Some("ИП Сейтказиев".into()),
        donor_email: None,
        public_name: Some("Магазин «Жылы»".into()),
        photos: (0..photos)
            .map(|i| (ReceiptKind::Png, [PNG, &[i as u8]].concat()))
            .collect(),
        act: (ReceiptKind::Pdf, PDF.to_vec()),
        lang: "ru".into(),
        recorded_by: by,
    }
}

async fn close(db: &store::Db, c: Uuid, by: Uuid) {
    charity::step_collection(
        db,
        c,
        &Step {
            from: CollectionStatus::Active,
            to: CollectionStatus::Closed,
            number: None,
            reason: None,
            report: None,
            by,
            action: "collection.close",
        },
    )
    .await
    .unwrap();
}

/// Hashes the log's new leaves in and signs a checkpoint of them.
async fn checkpoint(db: &store::Db) -> ledger::log::Kept {
    ledger::log::integrate(db, &|_, _| {}).await.unwrap();
    ledger::log::checkpoint(db, "erikti.test/charity", &|c| {
        let k = crate::key();
        (k.id.clone(), c.sign(&k))
    })
    .await
    .unwrap()
    .unwrap()
}

#[tokio::test]
async fn a_gift_in_kind_is_in_the_log_and_not_in_raised() {
    use domain::charity::MoneyTotals;
    on_every_backend(|db, backend| async move {
        let (owner, _, c) = active(&db).await;
        charity::record_donation(&db, &money(c, 500_000, Some("doc:1")), "R-1")
            .await
            .unwrap();
        let g = charity::record_gift(&db, &gift(c, owner, Some(18_000_000), 2), "R-2")
            .await
            .unwrap();
        let unvalued = charity::record_gift(&db, &gift(c, owner, None, 1), "R-3")
            .await
            .unwrap();
        let got = charity::collection(&db, c).await.unwrap().unwrap();
        assert_eq!(
            (got.raised_tiyn, got.spent_tiyn, got.donations),
            (500_000, 0, 3),
            "{backend}: goods are not money raised"
        );
        let trail = charity::trail(&db, c, None).await.unwrap();
        assert_eq!(trail.len(), 3, "{backend}");
        let entry = &trail.iter().find(|m| m.entry.id == g).unwrap().entry;
        assert_eq!(
            (
                entry.kind,
                entry.in_kind,
                entry.amount,
                entry.channel_or_category.as_str()
            ),
            (MoneyKind::Donation, true, 18_000_000, "other"),
            "{backend}"
        );
        let zero = &trail.iter().find(|m| m.entry.id == unvalued).unwrap();
        assert_eq!(
            (zero.entry.in_kind, zero.entry.amount),
            (true, 0),
            "{backend}"
        );
        for m in &trail {
            assert!(m.entry.is_well_formed(), "{backend}: {:?}", m.entry);
            assert_eq!(
                m.hash,
                m.entry.hash(),
                "{backend}: the stored hash is the entry's"
            );
        }
        let t = MoneyTotals::of(trail.iter().map(|m| &m.entry));
        assert_eq!(
            (t.raised, t.remainder(), t.in_kind_received),
            (500_000, 500_000, 18_000_000),
            "{backend}"
        );
        assert!(
            charity::counter_mismatches(&db).await.unwrap().is_empty(),
            "{backend}"
        );
        // Its files, and the list.
        let listed = charity::gifts(&db, c, 10).await.unwrap();
        assert_eq!(listed.len(), 2, "{backend}: gifts only, not money");
        let first = listed.iter().find(|x| x.id == g).unwrap();
        assert_eq!((first.photos, first.has_act), (2, true), "{backend}");
        assert_eq!(
            (
                first.quantity.as_deref(),
                first.unit.as_deref(),
                first.condition.as_deref()
            ),
            (Some("12"), Some("piece"), Some("new")),
            "{backend}"
        );
        assert_eq!(first.amount_tiyn, Some(18_000_000));
        let photo = charity::gift_file(&db, g, charity::GiftFile::Photo(1))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (photo.0.last(), photo.1.as_str()),
            (Some(&1u8), "image/png"),
            "{backend}"
        );
        assert!(
            charity::gift_file(&db, g, charity::GiftFile::Photo(2))
                .await
                .unwrap()
                .is_none()
        );
        let act = charity::gift_file(&db, g, charity::GiftFile::Act)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (act.0.as_slice(), act.1.as_str()),
            (PDF, "application/pdf"),
            "{backend}"
        );
        // A gift given back leaves the goods' estimate, never the money.
        charity::reverse_donation(&db, g, "ошибка", Some(owner))
            .await
            .unwrap();
        let got = charity::collection(&db, c).await.unwrap().unwrap();
        assert_eq!(got.raised_tiyn, 500_000, "{backend}");
        let t = MoneyTotals::of(
            charity::trail(&db, c, None)
                .await
                .unwrap()
                .iter()
                .map(|m| &m.entry),
        );
        assert_eq!(
            (t.raised, t.reversed, t.in_kind_received),
            (500_000, 0, 0),
            "{backend}"
        );
        // Nothing goes to a closed collection: no donation, no file, no leaf.
        close(&db, c, owner).await;
        let leaves = ledger::log::leaves(&db).await.unwrap();
        let r = charity::record_gift(&db, &gift(c, owner, Some(1), 1), "R-4").await;
        assert!(
            matches!(r, Err(Error::Conflict("collection_not_active"))),
            "{backend}: {r:?}"
        );
        assert_eq!(
            charity::gifts(&db, c, 10).await.unwrap().len(),
            2,
            "{backend}"
        );
        assert_eq!(ledger::log::leaves(&db).await.unwrap(), leaves, "{backend}");
        assert!(
            charity::donation_by_receipt(&db, "R-4")
                .await
                .unwrap()
                .is_none()
        );
    })
    .await;
}

#[tokio::test]
async fn the_closing_report_states_what_the_log_says_at_its_checkpoint() {
    use domain::charity::{RemainderUse, ReportFigures};
    on_every_backend(|db, backend| async move {
        let (owner, _, c) = active(&db).await;
        let treasurer = user(&db, "treasurer@c.kz").await;
        for (n, tiyn) in [(1, 300_000), (2, 200_000), (3, 50_000)] {
            charity::record_donation(
                &db,
                &money(c, tiyn, Some(&format!("doc:{n}"))),
                &format!("R-{n}"),
            )
            .await
            .unwrap();
        }
        let refunded = charity::donation_by_key(&db, "doc:3")
            .await
            .unwrap()
            .unwrap();
        charity::reverse_donation(&db, refunded, "возврат", Some(owner))
            .await
            .unwrap();
        charity::record_gift(&db, &gift(c, owner, Some(90_000), 1), "R-G")
            .await
            .unwrap();
        for (tiyn, category) in [
            (100_000, ExpenseCategory::Medical),
            (20_000, ExpenseCategory::Transport),
            (30_000, ExpenseCategory::Medical),
        ] {
            let e = charity::submit_expense(
                &db,
                &NewExpense {
                    category,
                    ..expense(c, tiyn, treasurer)
                },
            )
            .await
            .unwrap();
            charity::approve_expense(&db, e, owner, &decide(owner))
                .await
                .unwrap();
        }
        close(&db, c, owner).await;
        let kept = checkpoint(&db).await;
        let trail = charity::trail(&db, c, Some(kept.size)).await.unwrap();
        assert_eq!(trail.len(), 8, "{backend}: every entry in the checkpoint");
        let figures =
            ReportFigures::proven(trail.iter().map(|m| (m.leaf_index, &m.entry)), kept.size)
                .unwrap();
        let new = |size: u64| charity::NewReport {
            remainder_use: RemainderUse::MovedToCollection,
            remainder_text: "Остаток передан в сбор «Тёплая зима».",
            figures: &figures,
            checkpoint_size: size,
            checkpoint_at: Some(kept.created_at),
            by: owner,
        };
        // Figures of a smaller tree than the trail: refused, nothing written.
        let r = charity::publish_report(&db, c, &new(kept.size - 1)).await;
        assert!(
            matches!(r, Err(Error::Conflict("report_entries_pending"))),
            "{backend}: {r:?}"
        );
        let got = charity::collection(&db, c).await.unwrap().unwrap();
        assert_eq!(got.status, CollectionStatus::Closed, "{backend}");
        assert!(
            charity::report(&db, c).await.unwrap().is_none(),
            "{backend}"
        );

        charity::publish_report(&db, c, &new(kept.size))
            .await
            .unwrap();
        let got = charity::collection(&db, c).await.unwrap().unwrap();
        assert_eq!(got.status, CollectionStatus::Reported, "{backend}");
        assert_eq!(
            got.report.as_deref(),
            Some("Остаток передан в сбор «Тёплая зима».")
        );
        assert!(got.reported_at.is_some());
        let report = charity::report(&db, c).await.unwrap().unwrap();
        assert_eq!(report.figures, figures, "{backend}");
        assert_eq!(
            report.figures,
            ReportFigures {
                raised: 500_000,
                reversed: 50_000,
                spent: 150_000,
                spent_by_category: vec![
                    (ExpenseCategory::Medical, 130_000),
                    (ExpenseCategory::Transport, 20_000),
                ],
                in_kind_estimate: 90_000,
                remainder: 350_000,
                donations: 3,
            },
            "{backend}"
        );
        // The report agrees with the collection's counters and with the log read afresh.
        assert_eq!(got.remainder(), report.figures.remainder, "{backend}");
        let again = charity::trail(&db, c, Some(report.checkpoint_size))
            .await
            .unwrap();
        assert_eq!(
            ReportFigures::of(again.iter().map(|m| &m.entry)),
            report.figures
        );
        assert_eq!(
            (report.checkpoint_size, report.remainder_use),
            (kept.size, RemainderUse::MovedToCollection)
        );
        assert_eq!(
            report.checkpoint_at.map(|t| t.timestamp_micros()),
            Some(kept.created_at.timestamp_micros()),
            "{backend}"
        );
        // Once.
        let r = charity::publish_report(&db, c, &new(kept.size)).await;
        assert!(
            matches!(r, Err(Error::Conflict("collection_changed"))),
            "{backend}: {r:?}"
        );
    })
    .await;
}

/// An active collection of `org` that ended on `ends_on`.
async fn ending(db: &store::Db, org: Uuid, owner: Uuid, ends_on: NaiveDate) -> Uuid {
    let f = CollectionFields {
        purpose_kk: Some("Мектепке кітаптар".into()),
        purpose_ru: None,
        purpose_en: None,
        beneficiary_category: BeneficiaryCategory::Children,
        target_tiyn: 10_000_000,
        starts_on: ends_on - chrono::Days::new(60),
        ends_on,
        iban: "KZ86125KZT5004100100".into(),
        bank: "Halyk".into(),
        holder_bin: "120540012345".into(),
        boxes: Vec::new(),
    };
    let c = charity::create_collection(db, org, "KZ-55", &f, owner)
        .await
        .unwrap();
    use CollectionStatus::*;
    for (from, to) in [
        (Draft, Submitted),
        (Submitted, Registered),
        (Registered, Active),
    ] {
        charity::step_collection(
            db,
            c,
            &Step {
                from,
                to,
                number: None,
                reason: None,
                report: None,
                by: owner,
                action: "collection.step",
            },
        )
        .await
        .unwrap();
    }
    c
}

#[tokio::test]
async fn a_report_reminder_goes_once_even_when_passes_meet() {
    use domain::charity::{OWES_REPORT, ReportReminder};
    on_every_backend(|db, backend| async move {
        let (owner, org, far) = active(&db).await; // ended 2026-05-31
        let today = NaiveDate::from_ymd_opt(2026, 7, 10).unwrap();
        let back = |days: u64| today - chrono::Days::new(days);
        let soon = ending(&db, org, owner, back(25)).await; // due in 5 days
        let late = ending(&db, org, owner, back(31)).await; // due yesterday
        let early = ending(&db, org, owner, back(10)).await; // due in 20 days
        let reported = ending(&db, org, owner, back(25)).await;
        close(&db, reported, owner).await;
        charity::publish_report(
            &db,
            reported,
            &charity::NewReport {
                remainder_use: domain::charity::RemainderUse::KeptForPurpose,
                remainder_text: "—",
                figures: &Default::default(),
                checkpoint_size: 0,
                checkpoint_at: None,
                by: owner,
            },
        )
        .await
        .unwrap();
        let take = |kind: ReportReminder| {
            let db = db.clone();
            async move {
                charity::take_report_reminders(&db, kind, &OWES_REPORT, kind.end_dates(today))
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|c| c.id)
                    .collect::<Vec<_>>()
            }
        };
        for (kind, want) in [
            (ReportReminder::DueSoon, vec![soon]),
            (ReportReminder::Overdue, {
                let mut v = vec![far, late];
                v.sort();
                v
            }),
        ] {
            // Eight passes at once: each collection goes to exactly one of them.
            let passes: Vec<_> = (0..8).map(|_| tokio::spawn(take(kind))).collect();
            let mut got = Vec::new();
            for p in passes {
                got.extend(p.await.unwrap());
            }
            got.sort();
            assert_eq!(got, want, "{backend}: {kind}");
            assert!(
                take(kind).await.is_empty(),
                "{backend}: {kind} again: nothing"
            );
        }
        let _ = early;
        // The day after, the one due soon is now overdue: reminded of that, once.
        let next = |kind: ReportReminder| {
            let db = db.clone();
            async move {
                let t = today + chrono::Days::new(6);
                charity::take_report_reminders(&db, kind, &OWES_REPORT, kind.end_dates(t))
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|c| c.id)
                    .collect::<Vec<_>>()
            }
        };
        let (a, b) = tokio::join!(next(ReportReminder::Overdue), next(ReportReminder::Overdue));
        assert_eq!([a, b].concat(), vec![soon], "{backend}");
        let contacts = charity::money_contacts(&db, org).await.unwrap();
        assert_eq!(
            contacts
                .iter()
                .map(|m| m.email.as_str())
                .collect::<Vec<_>>(),
            ["owner@c.kz"],
            "{backend}"
        );
    })
    .await;
}
