//! Bank statements on both databases: the same transfers imported twice are recorded
//! once, two recordings of one statement at once record it once, a waiting transfer is
//! assigned once, and every donation is a leaf of the money trail.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDate;
use domain::charity::statement::{BankRow, Mapping, StatementStatus, external_key};
use domain::charity::{BeneficiaryCategory, Channel, CollectionStatus, Iban, Tiyn};
use store::Error;
use store::accounts::{self, NewUser};
use store::charity::statements::{self, Applied, NewStatement, Reading, Taken};
use store::charity::{self, CollectionFields, Recorded, Step};
use store::organizations;
use uuid::Uuid;

use crate::on_every_backend;

async fn user(db: &store::Db, email: &str) -> Uuid {
    accounts::create_user(
        db,
        &NewUser {
            email,
            password_hash: "!",
            display_name: "Сәуле",
            preferred_lang: "kk",
            confirmed: true,
        },
    )
    .await
    .unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
}

const IBAN: &str = "KZ86125KZT5004100100";

/// A collection of `org` made active by `owner`.
async fn collection(db: &store::Db, org: Uuid, owner: Uuid) -> Uuid {
    let f = CollectionFields {
        purpose_kk: Some("Балаларға дәрі".into()),
        purpose_ru: None,
        purpose_en: None,
        beneficiary_category: BeneficiaryCategory::Children,
        target_tiyn: 100_000_000,
        starts_on: day(1),
        ends_on: day(31),
        iban: IBAN.into(),
        bank: "Halyk".into(),
        holder_bin: "120540012345".into(),
        boxes: Vec::new(),
    };
    let c = charity::create_collection(db, org, "KZ-55", &f, owner)
        .await
        .unwrap();
    use CollectionStatus::*;
    for (from, to, number) in [
        (Draft, Submitted, None),
        (Submitted, Registered, Some("KZ-55/2026/044")),
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
    c
}

/// An organization of KZ-55 with an active collection: (treasurer, organization, collection).
async fn active(db: &store::Db) -> (Uuid, Uuid, Uuid) {
    let owner = user(db, "owner@st.kz").await;
    let org = organizations::create(
        db,
        &organizations::Details {
            kind: domain::OrgKind::Ngo,
            name_kk: Some("Мейірім".into()),
            region_code: "KZ-55".into(),
            ..Default::default()
        },
        owner,
    )
    .await
    .unwrap();
    (owner, org, collection(db, org, owner).await)
}

fn transfer(line: i64, id: &str, tiyn: i64) -> BankRow {
    BankRow {
        line,
        transaction_id: id.into(),
        date: day(3),
        amount: Tiyn::from_tiyn(tiyn).unwrap(),
        payer: Some("ТОО Береке".into()),
        purpose: Some("Қайырымдылық".into()),
        account: Some(Iban::parse(IBAN).unwrap()),
    }
}

/// A statement of `org` kept as a preview.
async fn statement(db: &store::Db, org: Uuid, by: Uuid) -> Uuid {
    statements::create(
        db,
        &NewStatement {
            organization_id: org,
            file_name: "vypiska.csv",
            content: "Референс;Дата;Кредит\n".as_bytes(),
            encoding: Some(domain::charity::statement::Encoding::Windows1251),
            mapping: &Mapping {
                header_line: 1,
                transaction_id: Some(0),
                date: Some(1),
                credit: Some(2),
                ..Mapping::default()
            },
            reading: Reading {
                total_rows: 3,
                credit_rows: 3,
                debit_rows: 0,
                bad_rows: 0,
                errors: "[]",
            },
            created_by: by,
        },
    )
    .await
    .unwrap()
}

fn code() -> String {
    format!("R-{}", Uuid::now_v7().simple())
}

#[tokio::test]
async fn the_same_transfers_imported_twice_are_recorded_once() {
    on_every_backend(|db, backend| async move {
        let (by, org, c) = active(&db).await;
        let rows = vec![
            (transfer(2, "TX-1", 150_000), Some(c)),
            (transfer(3, "TX-2", 250_050), Some(c)),
            (transfer(4, "TX-3", 70_000), None),
        ];
        let first = statement(&db, org, by).await;
        let progress = AtomicU64::new(0);
        let a = statements::apply(&db, first, org, &rows, 1, by, &code, &progress)
            .await
            .unwrap();
        assert_eq!(
            a,
            Applied {
                recorded: 2,
                duplicates: 1,
                waiting: 1
            },
            "{backend}"
        );
        assert_eq!(progress.load(Ordering::Relaxed), 3, "{backend}");
        let s = statements::get(&db, first).await.unwrap().unwrap();
        assert_eq!(s.status, StatementStatus::Applied, "{backend}");
        assert_eq!(
            (s.recorded_rows, s.duplicate_rows, s.unmatched_rows),
            (2, 1, 1)
        );
        // The same statement once more, and a new upload of the same file: nothing twice.
        let again = statements::apply(&db, first, org, &rows, 0, by, &code, &progress).await;
        assert!(
            matches!(again, Err(Error::Conflict("statement_not_preview"))),
            "{backend}: {again:?}"
        );
        let second = statement(&db, org, by).await;
        let a = statements::apply(&db, second, org, &rows, 0, by, &code, &AtomicU64::new(0))
            .await
            .unwrap();
        assert_eq!(
            a,
            Applied {
                recorded: 0,
                duplicates: 3,
                waiting: 0
            },
            "{backend}"
        );
        let got = charity::collection(&db, c).await.unwrap().unwrap();
        assert_eq!((got.raised_tiyn, got.donations), (400_050, 2), "{backend}");
        let trail = charity::trail(&db, c, None).await.unwrap();
        assert_eq!(trail.len(), 2, "{backend}: each donation is a leaf once");
        assert!(
            trail
                .iter()
                .all(|m| m.entry.channel_or_category == Channel::BankTransfer.code())
        );
        let d = charity::donation_by_key(&db, &external_key(org, "TX-1"))
            .await
            .unwrap()
            .expect("recorded by its transaction");
        let d = charity::donation(&db, d).await.unwrap().unwrap();
        assert_eq!(
            (d.public_name.as_deref(), d.donor_name.as_deref()),
            (None, Some("ТОО Береке")),
            "{backend}: anonymous in public, the payer kept for the organization"
        );
        let waiting = statements::waiting(&db, org, 10).await.unwrap();
        assert_eq!(
            waiting
                .iter()
                .map(|w| (w.transaction_id.as_str(), w.amount_tiyn, w.line))
                .collect::<Vec<_>>(),
            vec![("TX-3", 70_000, Some(4))],
            "{backend}"
        );
        let known = statements::known(&db, org).await.unwrap();
        assert_eq!(
            (known.get("TX-1"), known.get("TX-3"), known.len()),
            (Some(&true), Some(&false), 3)
        );
        assert!(charity::counter_mismatches(&db).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn two_recordings_at_once_record_each_transfer_once() {
    on_every_backend(|db, backend| async move {
        let (by, org, c) = active(&db).await;
        let rows: Vec<(BankRow, Option<Uuid>)> = (0..20)
            .map(|i| (transfer(i + 2, &format!("TX-{i}"), 10_000), Some(c)))
            .collect();
        // The same statement twice at once: one recording wins, the other is refused.
        let one = statement(&db, org, by).await;
        // Two uploads of the same file at once: both record, each transfer once.
        let other = statement(&db, org, by).await;
        let tasks: Vec<_> = [one, one, other]
            .into_iter()
            .map(|id| {
                let db = db.clone();
                let rows = rows.clone();
                tokio::spawn(async move {
                    statements::apply(&db, id, org, &rows, 0, by, &code, &AtomicU64::new(0)).await
                })
            })
            .collect();
        let mut recorded = 0;
        let mut refused = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(a) => {
                    assert_eq!(a.recorded + a.duplicates, 20, "{backend}: {a:?}");
                    recorded += a.recorded;
                }
                Err(Error::Conflict("statement_not_preview")) => refused += 1,
                Err(e) => panic!("{backend}: {e:?}"),
            }
        }
        assert_eq!((recorded, refused), (20, 1), "{backend}");
        let got = charity::collection(&db, c).await.unwrap().unwrap();
        assert_eq!((got.raised_tiyn, got.donations), (200_000, 20), "{backend}");
        assert_eq!(charity::trail(&db, c, None).await.unwrap().len(), 20);
        for id in [one, other] {
            let s = statements::get(&db, id).await.unwrap().unwrap();
            assert_eq!(s.status, StatementStatus::Applied, "{backend}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_waiting_transfer_is_assigned_once() {
    on_every_backend(|db, backend| async move {
        let (by, org, c) = active(&db).await;
        let second = collection(&db, org, by).await;
        let s = statement(&db, org, by).await;
        let rows = vec![
            (transfer(2, "W-1", 30_000), None),
            (transfer(3, "W-2", 40_000), None),
        ];
        statements::apply(&db, s, org, &rows, 0, by, &code, &AtomicU64::new(0))
            .await
            .unwrap();
        assert_eq!(statements::waiting(&db, org, 10).await.unwrap().len(), 2);
        // Two treasurers assign the same transfer at once, to two collections: one donation.
        let tasks: Vec<_> = [c, second]
            .into_iter()
            .map(|to| {
                let db = db.clone();
                tokio::spawn(
                    async move { statements::assign(&db, org, "W-1", to, by, &code()).await },
                )
            })
            .collect();
        let mut ids = std::collections::HashSet::new();
        let mut new = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(Recorded::New(id)) => {
                    new += 1;
                    ids.insert(id);
                }
                Ok(Recorded::Duplicate(id)) => {
                    ids.insert(id);
                }
                Err(Error::Conflict("statement_row_assigned")) => {}
                Err(e) => panic!("{backend}: {e:?}"),
            }
        }
        assert_eq!((new, ids.len()), (1, 1), "{backend}");
        let again = statements::assign(&db, org, "W-1", c, by, &code()).await;
        assert!(
            matches!(again, Err(Error::Conflict("statement_row_assigned"))),
            "{backend}: {again:?}"
        );
        let unknown = statements::assign(&db, org, "NOPE", c, by, &code()).await;
        assert!(matches!(unknown, Err(Error::NotFound)), "{backend}");
        let a = charity::collection(&db, c)
            .await
            .unwrap()
            .unwrap()
            .raised_tiyn;
        let b = charity::collection(&db, second)
            .await
            .unwrap()
            .unwrap()
            .raised_tiyn;
        assert_eq!(a + b, 30_000, "{backend}: recorded once, in one collection");
        let w1 = ids.into_iter().next().unwrap();
        let w1_in_c = charity::donation(&db, w1)
            .await
            .unwrap()
            .unwrap()
            .collection_id
            == c;
        // A waiting transfer that a later statement matches is recorded then, once.
        let later = statement(&db, org, by).await;
        let taken = statements::take(
            &db,
            org,
            &transfer(9, "W-2", 40_000),
            Some(c),
            statements::Source {
                statement: later,
                by,
            },
            &code(),
        )
        .await
        .unwrap();
        assert!(matches!(taken, Taken::Recorded(_)), "{backend}: {taken:?}");
        assert!(statements::waiting(&db, org, 10).await.unwrap().is_empty());
        let got = charity::collection(&db, c).await.unwrap().unwrap();
        let w1 = if w1_in_c { 30_000 } else { 0 };
        assert_eq!(got.raised_tiyn, w1 + 40_000, "{backend}");
        assert!(charity::counter_mismatches(&db).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_transfer_for_a_closed_collection_waits() {
    on_every_backend(|db, backend| async move {
        let (by, org, c) = active(&db).await;
        charity::step_collection(
            &db,
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
        let s = statement(&db, org, by).await;
        let from = statements::Source { statement: s, by };
        let taken = statements::take(&db, org, &transfer(2, "L-1", 5_000), Some(c), from, "R-1")
            .await
            .unwrap();
        assert_eq!(taken, Taken::Waiting, "{backend}");
        let taken = statements::take(&db, org, &transfer(2, "L-1", 5_000), None, from, "R-2")
            .await
            .unwrap();
        assert_eq!(taken, Taken::AlreadyWaiting, "{backend}");
        assert!(charity::trail(&db, c, None).await.unwrap().is_empty());
        assert!(
            statements::discard(&db, s).await.is_ok(),
            "{backend}: a preview may be thrown away"
        );
        let again = statements::discard(&db, s).await;
        assert!(
            matches!(again, Err(Error::Conflict("statement_not_preview"))),
            "{backend}"
        );
        assert!(
            statements::content(&db, s)
                .await
                .unwrap()
                .unwrap()
                .is_empty()
        );
    })
    .await;
}
