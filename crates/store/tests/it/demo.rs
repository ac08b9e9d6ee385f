//! The generated datasets carry the ledger: every confirmed hours entry in its volunteer's
//! chain, hashed and signed, so that `verify_all` finds nothing wrong; a dataset loaded
//! without it gets it from `ledger_backfill`.

use chrono::NaiveDate;
use store::demo::{self, Backfill};
use store::ledger;
use uuid::Uuid;

use crate::{keys, on_every_backend, sign};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn quiet(_: &str, _: u64, _: u64) {}

/// Confirmed minutes of the hours entries, and of the ledger.
async fn minutes(db: &store::Db) -> (i64, i64) {
    let c = store::stats::counters(db).await.unwrap();
    let r = ledger::verify_all(db, &keys).await.unwrap();
    assert!(r.broken.is_empty(), "{:?}", r.broken);
    let mut in_ledger = 0;
    for v in volunteers_with_chains(db).await {
        in_ledger += ledger::total_minutes(db, v).await.unwrap();
    }
    (c.confirmed_minutes, in_ledger)
}

async fn volunteers_with_chains(db: &store::Db) -> Vec<Uuid> {
    let mut out = Vec::new();
    for i in 1..=200 {
        let email = format!("volunteer{i:06}@demo.erikti.kz");
        let Some(u) = store::accounts::user_by_email(db, &email).await.unwrap() else {
            break;
        };
        if !ledger::chain(db, u.id).await.unwrap().0.is_empty() {
            out.push(u.id);
        }
    }
    out
}

/// The generated charity: its collections' counters equal their money trails, and the
/// figures summed for reports (the country by region, an organization, a region by month)
/// equal those counters.
async fn charity_adds_up(db: &store::Db, backend: &str, s: &demo::DemoSummary) {
    use domain::charity::Figures;
    use store::charity::figures::{Scope, Split, sums};
    assert_eq!((s.collections, s.donations), (20, 2_000), "{backend}");
    assert!(
        store::charity::counter_mismatches(db)
            .await
            .unwrap()
            .is_empty(),
        "{backend}"
    );
    let all = store::charity::collections(db, &Default::default(), 500, 0)
        .await
        .unwrap();
    assert_eq!(all.len(), 20, "{backend}");
    let held = |cs: &[&store::charity::Collection]| -> i64 {
        cs.iter().map(|c| c.raised_tiyn - c.spent_tiyn).sum()
    };
    let (from, to) = (
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2100, 1, 1).unwrap(),
    );
    let fold = |found: Vec<(String, domain::charity::Sum)>| {
        Figures::fold(found.into_iter().map(|(_, s)| s))
    };
    let nation = sums(db, Scope::Nation, from, to, u64::MAX, Split::Region)
        .await
        .unwrap();
    assert!(
        nation.iter().all(|(k, _)| k.starts_with("KZ-")),
        "{backend}"
    );
    let f = fold(nation);
    assert_eq!(
        f.closing(),
        held(&all.iter().collect::<Vec<_>>()),
        "{backend}"
    );
    assert!(f.received_total() > 0 && f.spent_total() > 0, "{backend}");
    // One organization; one region by month, carried in from before the period.
    let c = &all[0];
    let of_org: Vec<&store::charity::Collection> = all
        .iter()
        .filter(|x| x.organization_id == c.organization_id)
        .collect();
    let org = sums(
        db,
        Scope::Organization(c.organization_id),
        from,
        to,
        u64::MAX,
        Split::Whole,
    )
    .await
    .unwrap();
    assert_eq!(fold(org).closing(), held(&of_org), "{backend}");
    let in_region: Vec<&store::charity::Collection> = all
        .iter()
        .filter(|x| x.region_code == c.region_code)
        .collect();
    let months = sums(
        db,
        Scope::Region(&c.region_code),
        today() - chrono::Days::new(60),
        to,
        u64::MAX,
        Split::Month,
    )
    .await
    .unwrap();
    assert!(
        months
            .iter()
            .all(|(k, s)| k.is_empty() == s.before && (k.is_empty() || k.ends_with("-01"))),
        "{backend}: {months:?}"
    );
    assert_eq!(fold(months).closing(), held(&in_region), "{backend}");
    // Nothing counts outside the tree of the size asked for.
    let none = sums(db, Scope::Nation, from, to, 0, Split::Whole)
        .await
        .unwrap();
    assert!(none.is_empty(), "{backend}");
}

#[tokio::test]
async fn a_generated_small_dataset_has_a_ledger_that_verifies() {
    on_every_backend(|db, backend| async move {
        let s = demo::load_plan_with_ledger(
            &db,
            2026,
            &demo::Scale::Small.plan(),
            today(),
            &sign,
            &quiet,
        )
        .await
        .unwrap();
        assert_eq!(s.hours_entries, 600, "{backend}");
        assert_eq!(s.ledger_entries, s.hours_entries, "{backend}");
        let r = ledger::verify_all(&db, &keys).await.unwrap();
        assert!(r.broken.is_empty(), "{backend}: {:?}", r.broken);
        assert_eq!(r.entries, 600, "{backend}");
        assert!(
            r.chains > 100,
            "{backend}: hours spread over the volunteers"
        );
        charity_adds_up(&db, backend, &s).await;
        let (hours, in_ledger) = minutes(&db).await;
        assert!(hours > 0);
        assert_eq!(
            hours, in_ledger,
            "{backend}: the ledger holds every confirmed minute"
        );
        // Nothing is missing: loading again and the backfill do nothing.
        let again = demo::load_plan_with_ledger(
            &db,
            2026,
            &demo::Scale::Small.plan(),
            today(),
            &sign,
            &quiet,
        )
        .await
        .unwrap();
        assert_eq!(again, Default::default());
        assert_eq!(
            demo::ledger_backfill(&db, &sign, &quiet).await.unwrap(),
            Backfill::default()
        );
        // A coordinator's confirmation later on goes on the generated chain.
        let u = store::accounts::user_by_email(&db, "volunteer000001@demo.erikti.kz")
            .await
            .unwrap()
            .unwrap();
        let (before, _) = ledger::chain(&db, u.id).await.unwrap();
        let h = demo::long_book_hours(u.id, &[], 1, today()).remove(0);
        let id = ledger::create(&db, &h).await.unwrap();
        ledger::confirm(&db, id, u.id, &sign).await.unwrap();
        let (after, head) = ledger::chain(&db, u.id).await.unwrap();
        assert_eq!(after.len(), before.len() + 1);
        assert_eq!(head.unwrap().seq, after.len() as i64);
        let r = ledger::verify_all(&db, &keys).await.unwrap();
        assert!(r.broken.is_empty(), "{backend}: {:?}", r.broken);
    })
    .await;
}

#[tokio::test]
async fn a_dataset_loaded_without_a_ledger_gets_one_after_what_chains_hold() {
    on_every_backend(|db, backend| async move {
        let s = demo::load_counts(&db, 9, (120, 5, 700), today(), &quiet)
            .await
            .unwrap();
        assert_eq!(s.ledger_entries, 0);
        assert_eq!(ledger::verify_all(&db, &keys).await.unwrap().entries, 0);
        // One volunteer already has a chain: hours the application confirmed.
        let u = store::accounts::user_by_email(&db, "volunteer000002@demo.erikti.kz")
            .await
            .unwrap()
            .unwrap();
        for h in demo::long_book_hours(u.id, &[], 3, today()) {
            let id = ledger::create(&db, &h).await.unwrap();
            ledger::confirm(&db, id, u.id, &sign).await.unwrap();
        }
        let (own, _) = ledger::chain(&db, u.id).await.unwrap();
        assert_eq!(own.len(), 3);

        let b = demo::ledger_backfill(&db, &sign, &quiet).await.unwrap();
        assert_eq!(b.entries, s.hours_entries, "{backend}");
        let r = ledger::verify_all(&db, &keys).await.unwrap();
        assert!(r.broken.is_empty(), "{backend}: {:?}", r.broken);
        assert_eq!(r.entries, s.hours_entries + 3);
        assert!(r.chains >= b.chains && r.chains <= b.chains + 1);
        // Her own entries stay first, the generated ones follow.
        let (chain, _) = ledger::chain(&db, u.id).await.unwrap();
        let hashes = |c: &[domain::ledger::Stored]| c.iter().map(|s| s.hash).collect::<Vec<_>>();
        assert_eq!(hashes(&chain[..3]), hashes(&own));
        let (hours, in_ledger) = minutes(&db).await;
        assert_eq!(hours, in_ledger, "{backend}");
        // Done once.
        assert_eq!(
            demo::ledger_backfill(&db, &sign, &quiet).await.unwrap(),
            Backfill::default()
        );
    })
    .await;
}
