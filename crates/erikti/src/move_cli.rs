//! `erikti move --to postgres://...`: the configured SQLite database copied into an empty
//! PostgreSQL database (see `store::transfer::to_postgres`), then checked: the rows of
//! every table equal, the ledger and its log intact against the source's latest
//! checkpoint.

use std::collections::BTreeMap;
use std::time::Instant;

use anyhow::{Context, bail};
use store::Backend;

use crate::backup::backend_of;
use crate::config::{Config, redact_url};
use crate::copy_support::{compare_counts, covering, patiently, print_counts, verify_log};

/// `erikti move --to URL`.
pub async fn move_to(config: &Config, db: &store::Db, to: &str) -> anyhow::Result<()> {
    if db.backend() != Backend::Sqlite {
        bail!(
            "erikti move copies a SQLite database into PostgreSQL; the configured database ({}) is \
             PostgreSQL already (`erikti backup` and `erikti restore` copy it to another server)",
            redact_url(&config.database_url)
        );
    }
    if backend_of(to) != Backend::Postgres {
        bail!(
            "--to must be a PostgreSQL URL (postgres://user@host/database), not {}",
            redact_url(to)
        );
    }
    let shown = redact_url(to);
    let started = Instant::now();
    // A checkpoint now, so that the one the copy is checked against covers every entry.
    let source = app::App::new(db.clone(), config.app_settings());
    patiently("signing a checkpoint of the log", || {
        app::transparency::checkpoint(&source)
    })
    .await?;
    let target = store::Db::connect(to, &store::ConnectOptions { max_connections: 4 })
        .await
        .with_context(|| format!("connecting to {shown}"))?;
    let progress = |table: &str, done: u64, total: u64| {
        if done >= total {
            eprintln!("{table:>24} {done}/{total}");
        }
    };
    let moved = store::transfer::to_postgres(db, &target, &progress)
        .await
        .with_context(|| format!("copying into {shown}"))?;
    let copied_in = started.elapsed();
    let after = store::transfer::state(&target).await?.counts;
    let skip = [store::transfer::MIGRATIONS_TABLE];
    let mut problems = compare_counts(&moved.source.counts, &after, &skip);
    problems.extend(compare_counts(&moved.source.counts, &moved.copied, &skip));
    problems.dedup();
    let checkpoint = covering(&source, &moved.source).await?;
    let note = checkpoint.as_ref().map(|k| k.note.as_str());
    let log = verify_log(config, &target, note).await?;
    problems.extend(log.problems);
    let rows: BTreeMap<String, (u64, u64)> = moved
        .source
        .counts
        .iter()
        .filter(|(t, _)| !skip.contains(&t.as_str()))
        .map(|(t, n)| (t.clone(), (*n, after.get(t).copied().unwrap_or(0))))
        .collect();
    print_counts(&rows, "sqlite", "postgres");
    for p in &problems {
        println!("MISMATCH: {p}");
    }
    target.close().await;
    if !problems.is_empty() {
        bail!(
            "the copy in {shown} does not match the SQLite database: {} problems (listed above)",
            problems.len()
        );
    }
    let total: u64 = rows.values().map(|(n, _)| n).sum();
    println!(
        "moved {total} rows of {} tables into {shown} in {:.1} s (verified in {:.1} s): every table \
         holds the same rows; {} chains, {} ledger entries and {} log leaves intact{}. \
         Point ERIKTI_DATABASE_URL at it; the keys folder stays as it is.",
        rows.len(),
        copied_in.as_secs_f64(),
        (started.elapsed() - copied_in).as_secs_f64(),
        log.chains,
        log.entries,
        log.leaves,
        match &checkpoint {
            Some(k) => format!(" against the checkpoint of {} leaves", k.size),
            None => String::new(),
        }
    );
    Ok(())
}
