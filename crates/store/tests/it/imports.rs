//! Imports of paper records on both databases: stored in chunks, applied once however many
//! confirm at the same moment, held rows claimed once.

use std::sync::atomic::AtomicU64;

use chrono::NaiveDate;
use domain::import::Record;
use domain::ledger::Head;
use store::accounts::{self, NewUser};
use store::imports::{self, NewImport};
use uuid::Uuid;

use crate::{keys, on_every_backend, sign};

fn record(line: i64, iin: Option<&str>, email: Option<&str>) -> Record {
    Record {
        line,
        iin: iin.map(str::to_owned),
        email: email.map(str::to_owned),
        name: "Әсем".into(),
        work_date: NaiveDate::from_ymd_opt(2025, 3, 8).unwrap(),
        minutes: 60,
        region: "KZ-55".into(),
        direction: None,
        activity_type: None,
        description: Some(format!("жол {line}")),
    }
}

#[tokio::test]
async fn an_import_is_applied_once_and_held_rows_are_claimed_once() {
    on_every_backend(|db, b| async move {
        let coordinator = accounts::create_user(
            &db,
            &NewUser {
                email: "fo@i.kz",
                password_hash: "!",
                display_name: "FO",
                preferred_lang: "kk",
                confirmed: true,
            },
        )
        .await
        .unwrap();
        let asem = accounts::create_user(
            &db,
            &NewUser {
                email: "asem@i.kz",
                password_hash: "!",
                display_name: "Әсем",
                preferred_lang: "kk",
                confirmed: true,
            },
        )
        .await
        .unwrap();
        db_set_iin(&db, asem, "010517601238").await;
        // 2,050 rows: 50 hers by IIN, 2,000 for someone without an account yet.
        let mut records: Vec<Record> = (0..50)
            .map(|i| record(i + 2, Some("010517601238"), None))
            .collect();
        records.extend((0..2000).map(|i| record(i + 52, None, Some("later@i.kz"))));
        let started = std::time::Instant::now();
        let id = imports::create(
            &db,
            &NewImport {
                created_by: coordinator,
                region_code: Some("KZ-55"),
                file_name: "big.csv",
                total_rows: 2050,
                bad_rows: 0,
                errors: "[]",
                records: &records,
            },
        )
        .await
        .unwrap();
        let stored = started.elapsed();
        assert_eq!(
            imports::rows(&db, id, 10_000).await.unwrap().len(),
            2050,
            "{b}"
        );

        // Three confirmations at the same moment: one applies, the others are refused.
        let started = std::time::Instant::now();
        let progress = [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)];
        let s: &(dyn Fn(Uuid, i64, [u8; 32]) -> Head + Send + Sync) = &sign;
        let results = futures_util::future::join_all(
            progress
                .iter()
                .map(|p| imports::apply(&db, id, coordinator, s, p)),
        )
        .await;
        let applied = started.elapsed();
        let ok: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(ok.len(), 1, "{b}: {results:?}");
        assert_eq!((ok[0].imported, ok[0].held), (50, 2000), "{b}");
        assert!(
            results
                .iter()
                .filter(|r| r.is_err())
                .all(|r| matches!(r, Err(store::Error::Conflict("import_not_preview")))),
            "{b}"
        );
        assert_eq!(
            progress
                .iter()
                .map(|p| p.load(std::sync::atomic::Ordering::Relaxed))
                .sum::<u64>(),
            2050,
            "{b}"
        );
        assert_eq!(
            store::ledger::total_minutes(&db, asem).await.unwrap(),
            50 * 60,
            "{b}"
        );

        // She signs up; two claims at once move her 2,000 held rows once.
        let later = accounts::create_user(
            &db,
            &NewUser {
                email: "later@i.kz",
                password_hash: "!",
                display_name: "Кейін",
                preferred_lang: "kk",
                confirmed: true,
            },
        )
        .await
        .unwrap();
        let (a, c) = tokio::join!(
            imports::claim_held(&db, later, s),
            imports::claim_held(&db, later, s)
        );
        assert_eq!(a.unwrap() + c.unwrap(), 2000, "{b}");
        assert_eq!(
            store::ledger::total_minutes(&db, later).await.unwrap(),
            2000 * 60,
            "{b}"
        );
        let i = imports::get(&db, id).await.unwrap().unwrap();
        assert_eq!(
            (i.status.as_str(), i.imported_rows, i.held_rows),
            ("applied", 2050, 0),
            "{b}"
        );
        let report = store::ledger::verify_all(&db, &keys).await.unwrap();
        assert!(
            report.broken.is_empty() && report.entries == 2050,
            "{b}: {report:?}"
        );
        eprintln!("{b}: 2,050 rows stored in {stored:?}, applied in {applied:?}");
    })
    .await;
}

async fn db_set_iin(db: &store::Db, user: Uuid, iin: &str) {
    let key = match db.backend() {
        store::Backend::Sqlite => format!("X'{}'", user.simple()),
        store::Backend::Postgres => format!("'{user}'"),
    };
    let n = store::testing::execute(
        db,
        &format!("UPDATE users SET iin = '{iin}' WHERE id = {key}"),
    )
    .await
    .unwrap();
    assert_eq!(n, 1);
}
