//! The erikti binary: serve (default), migrate, admin, demo-data, backup, restore, move.

mod backup;
mod bench;
mod config;
mod copy_support;
mod ledger_cli;
mod move_cli;

use std::io::Read;
use std::net::SocketAddr;

use anyhow::Context;
use clap::{Parser, Subcommand};
use config::Config;

/// erikti — the national volunteer platform of Kazakhstan.
///
/// Configuration: defaults → `erikti.toml` (or --config) → `ERIKTI_*` environment
/// (e.g. ERIKTI_DATABASE_URL, ERIKTI_BIND, ERIKTI_SMTP__HOST).
#[derive(Parser, Debug)]
#[command(name = "erikti", version, about, long_about)]
struct Cli {
    /// Configuration file (TOML); optional.
    #[arg(long, global = true, default_value = "erikti.toml")]
    config: String,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the site and the API (the default). Applies migrations first.
    Serve,
    /// Apply database migrations and load reference data, then exit.
    Migrate,
    /// Manage staff accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Load a realistic dataset (Kazakh and Russian names, volunteers spread over the 20
    /// regions by population), every confirmed hours entry in its volunteer's ledger chain
    /// signed with the key of `keys_dir` (made when there is none). On loaded data it only
    /// appends the ledger entries that confirmed hours lack (a dataset made before the
    /// ledger), and does nothing when none do.
    DemoData {
        /// small (200 volunteers), region (20,000) or national (300,000 volunteers,
        /// 4,300 organizations, 5,000,000 hours entries).
        #[arg(long, default_value = "small", value_parser = ["small", "region", "national"])]
        scale: String,
        /// Random seed: the same seed gives the same data on every database.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Override the number of volunteers (organizations, hours, events, shifts and
        /// applications scale with it).
        #[arg(long)]
        volunteers: Option<u64>,
    },
    /// The ledger of confirmed hours.
    Ledger {
        #[command(subcommand)]
        command: LedgerCommand,
    },
    /// Certificates of confirmed hours.
    Certificate {
        #[command(subcommand)]
        command: CertificateCommand,
    },
    /// The platform's signing keys (kept in `keys_dir`, outside the database).
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Write a consistent backup of the database while the server runs: the database
    /// (SQLite: a copy made by SQLite itself; PostgreSQL: `pg_dump -Fc` of one snapshot),
    /// the keys folder (DIR/keys) and DIR/manifest.json (backend, time, version, the log's
    /// latest signed checkpoint, the rows of every table). DIR must be new or empty.
    Backup {
        /// The folder to write (new or empty; it holds the secret keys: keep it safe).
        dir: std::path::PathBuf,
    },
    /// Restore a backup into the configured database, which must hold no data (SQLite: a
    /// new file; PostgreSQL: a new database), put its keys into `keys_dir` (never over
    /// different ones), then check the ledger and its log against the backup's checkpoint
    /// and the rows of every table against the manifest. Exits non-zero on any mismatch.
    Restore {
        /// A folder written by `erikti backup`.
        dir: std::path::PathBuf,
    },
    /// Copy the configured SQLite database into an empty PostgreSQL database (migrated
    /// first; same ids; every table, in batches), then check that every table holds the
    /// same rows and that the ledger and its log are intact. The keys folder serves both.
    Move {
        /// The PostgreSQL database, e.g. postgres://erikti@db/erikti
        #[arg(long)]
        to: String,
    },
    /// Benchmark only (bench/run): a published event of a verified organization with
    /// ROUNDS x SHIFTS future shifts of CAPACITY places, and VOLUNTEERS adult volunteers with
    /// confirmed e-mail, birth date and an API token each. Writes one line `TOKEN SHIFT_ID`
    /// per volunteer and round to OUT (round after round; in a round each volunteer one
    /// shift, the same number per shift, a shift's volunteers on consecutive lines) and
    /// prints `event EVENT_ID`, `organization ORG_ID` and `owner TOKEN` (the organization
    /// owner's API token).
    #[command(hide = true)]
    BenchBurstPrepare {
        /// Shifts per round.
        #[arg(long, default_value_t = 500)]
        shifts: u64,
        /// Places per shift.
        #[arg(long, default_value_t = 10)]
        capacity: i64,
        /// Volunteers (each applies once per round).
        #[arg(long, default_value_t = 10_000)]
        volunteers: u64,
        /// Rounds: each has its own shifts, on its own day.
        #[arg(long, default_value_t = 1)]
        rounds: u64,
        /// Where to write the lines.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Benchmark only (bench/run): REBUILDS this database's public log from scratch
    /// (timed), then ROUNDS rounds of 1,000 new ledger entries each followed by a checkpoint
    /// (timed), then PROOFS inclusion proofs of random leaves (each timed). Prints
    /// `log_build_s`, `log_incremental_ms` and `log_inclusion_ms` lines.
    #[command(hide = true)]
    BenchLog {
        /// Rounds of 1,000 new entries.
        #[arg(long, default_value_t = 5)]
        rounds: usize,
        /// Inclusion proofs timed.
        #[arg(long, default_value_t = 1_000)]
        proofs: usize,
    },
    /// Benchmark only (bench/run): the volunteer EMAIL (made when missing) with a long book
    /// of ENTRIES confirmed hours (claimed and confirmed as the site does, each in her
    /// chain), a certificate of them (made once) and a new API token. Prints `volunteer ID`,
    /// `token TOKEN`, `code CODE` and `entries N`, one a line. Run again, it adds what is
    /// missing only (and a new token).
    #[command(hide = true)]
    BenchBookPrepare {
        /// Her e-mail.
        #[arg(long, default_value = "book@bench.erikti.kz")]
        email: String,
        /// Confirmed hours entries in her book.
        #[arg(long, default_value_t = 2_000)]
        entries: usize,
    },
    /// Benchmark only (bench/run): a verified organization with an active collection, and
    /// COUNT payment notifications to it in the generic format (`payment.succeeded`),
    /// signed with the configured payment secret (ERIKTI_PAYMENTS__SECRET; the provider
    /// ERIKTI_PAYMENTS__PROVIDER, any but halyk): distinct payments and a share DUPLICATES
    /// of exact repeats of them, in an order shuffled the same way on every run. Writes one
    /// line `SIGNATURE BODY` per notification to OUT and prints `collection ID`,
    /// `organization ID`, `distinct N`, `total TIYN` (the distinct payments' sum) and
    /// `lines N`, one a line.
    #[command(hide = true)]
    BenchWebhooksPrepare {
        /// Notifications (lines) in all.
        #[arg(long, default_value_t = 10_000)]
        count: u64,
        /// The share of them that repeat an earlier payment's notification exactly.
        #[arg(long, default_value_t = 0.1)]
        duplicates: f64,
        /// Where to write the lines.
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum LedgerCommand {
    /// Check every volunteer's chain (each entry's hash over its fields, the links, the
    /// signed head), the public log (every entry in its place, the tree they give against
    /// the latest checkpoint and against --checkpoint), and the hours rows against the
    /// ledger. Names what is wrong; exits with status 1 if anything is.
    Verify {
        /// Verify against a published key set (`/.well-known/erikti-keys.json`) instead of
        /// the keys of `keys_dir`.
        #[arg(long)]
        keys: Option<std::path::PathBuf>,
        /// A checkpoint kept outside the database (a witness's, a backup's): the log must
        /// still hold the tree it signed.
        #[arg(long)]
        checkpoint: Option<std::path::PathBuf>,
    },
    /// Hash new ledger entries into the public log and sign a checkpoint now (a running
    /// server does it every scheduler pass); prints the latest checkpoint's note.
    Checkpoint,
    /// Witness the public log of a server: fetch its latest checkpoint, check its
    /// signature and that it extends the one seen last time (a consistency proof), and
    /// remember it. Exits with status 1 on a rollback, a fork or a withdrawn key. Meant
    /// for cron at a university, a front-office or the ministry.
    Witness {
        /// The server's public address, e.g. https://erikti.kz
        #[arg(long)]
        url: String,
        /// Where the last checkpoint seen is kept (made on the first run).
        #[arg(long)]
        state: std::path::PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum CertificateCommand {
    /// Check a certificate's JSON document offline, with the published key set only
    /// (`/.well-known/erikti-keys.json`): no database, no network. Exits with status 1 when
    /// it does not verify.
    Verify {
        /// The certificate (JSON, as downloaded).
        file: std::path::PathBuf,
        /// The published key set (JSON).
        #[arg(long)]
        keys: std::path::PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum KeysCommand {
    /// Make a new signing key; it signs from the next start on, older keys stay published.
    Rotate,
    /// Print the published key set (JSON).
    Show,
}

#[derive(Subcommand, Debug)]
enum AdminCommand {
    /// Create an account (or take an existing one) and grant it a role.
    ///
    /// Without --password-stdin a new account gets a password-reset link, printed here and
    /// queued in the outbox.
    Create {
        /// E-mail of the account.
        #[arg(long)]
        email: String,
        /// national_admin or regional_coordinator.
        #[arg(long, default_value = "national_admin")]
        role: String,
        /// Region (ISO code, e.g. KZ-55) for regional_coordinator.
        #[arg(long)]
        region: Option<String>,
        /// Read the password from standard input.
        #[arg(long)]
        password_stdin: bool,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::load(&cli.config)?;
    config::init_tracing(&config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(run(cli, config))
}

async fn run(cli: Cli, config: Config) -> anyhow::Result<()> {
    if let Some(Command::Certificate {
        command: CertificateCommand::Verify { file, keys },
    }) = &cli.command
    {
        return ledger_cli::certificate_verify(file, keys);
    }
    if let Some(Command::Ledger {
        command: LedgerCommand::Witness { url, state },
    }) = &cli.command
    {
        return ledger_cli::witness(url, state);
    }
    if let Some(Command::Keys { command }) = &cli.command {
        return keys(&config, command);
    }
    // Into an empty database: nothing is migrated or made before.
    if let Some(Command::Restore { dir }) = &cli.command {
        return backup::restore(&config, dir).await;
    }
    let started = std::time::Instant::now();
    tracing::info!(config = ?config, "configuration");
    let db = store::Db::connect(&config.database_url, &config.connect_options())
        .await
        .context("connecting to the database")?;
    db.migrate().await.context("applying migrations")?;
    // Never a new key beside records signed by one that is missing.
    let used = store::ledger::log::keys_used(&db).await?;
    app::keys::KeyRing::for_database(std::path::Path::new(&config.keys_dir), &used)
        .map_err(|e| anyhow::anyhow!(e))?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config, db, started).await,
        Command::Migrate => {
            tracing::info!(backend = ?db.backend(), "migrations applied, reference data loaded");
            Ok(())
        }
        Command::DemoData {
            scale,
            seed,
            volunteers,
        } => {
            let scale = store::demo::Scale::parse(&scale).context("unknown scale")?;
            let plan = scale.plan();
            let counts = match volunteers {
                Some(n) => plan.for_volunteers(n),
                None => plan,
            };
            let started = std::time::Instant::now();
            let last = std::sync::atomic::AtomicU64::new(u64::MAX);
            let progress = |what: &str, done: u64, total: u64| {
                // Redraw at each whole percent only.
                let percent = done * 100 / total.max(1);
                if last.swap(percent, std::sync::atomic::Ordering::Relaxed) == percent {
                    return;
                }
                let width = 30;
                let filled = (done * width / total.max(1)) as usize;
                eprint!(
                    "\r{what:>13} [{}{}] {done}/{total} {:.0}s ",
                    "#".repeat(filled),
                    " ".repeat(width as usize - filled),
                    started.elapsed().as_secs_f64()
                );
                if done == total {
                    eprintln!();
                }
            };
            let ring = app::keys::KeyRing::load_or_create(std::path::Path::new(&config.keys_dir))
                .with_context(|| format!("the signing keys in {}", config.keys_dir))?;
            let sign = |v, seq, hash| ring.active().sign_head(v, seq, hash);
            let s = store::demo::load_plan_with_ledger(
                &db,
                seed,
                &counts,
                app::today(),
                &sign,
                &progress,
            )
            .await?;
            if s == store::demo::DemoSummary::default() {
                println!("demo data is already loaded");
                let b = store::demo::ledger_backfill(&db, &sign, &progress).await?;
                if b.entries > 0 {
                    println!(
                        "ledger: {} entries appended to {} chains in {:.1} s (heads signed with key {})",
                        b.entries,
                        b.chains,
                        started.elapsed().as_secs_f64(),
                        ring.active().id
                    );
                }
            } else {
                println!(
                    "demo data loaded: {} volunteers, {} organizations, {} hours entries, \
                     {} events, {} shifts, {} applications, {} ledger entries (key {})",
                    s.volunteers,
                    s.organizations,
                    s.hours_entries,
                    s.events,
                    s.shifts,
                    s.applications,
                    s.ledger_entries,
                    ring.active().id
                );
            }
            Ok(())
        }
        Command::BenchBurstPrepare {
            shifts,
            capacity,
            volunteers,
            rounds,
            out,
        } => bench::burst_prepare(&db, shifts, capacity, volunteers, rounds, &out).await,
        Command::BenchLog { rounds, proofs } => bench::log_bench(config, db, rounds, proofs).await,
        Command::BenchBookPrepare { email, entries } => {
            bench::book_prepare(config, db, &email, entries).await
        }
        Command::BenchWebhooksPrepare {
            count,
            duplicates,
            out,
        } => bench::webhooks_prepare(&config, &db, count, duplicates, &out).await,
        Command::Ledger {
            command: LedgerCommand::Verify { keys, checkpoint },
        } => ledger_cli::ledger_verify(&config, &db, keys.as_deref(), checkpoint.as_deref()).await,
        Command::Ledger {
            command: LedgerCommand::Checkpoint,
        } => ledger_cli::checkpoint(&config, &db).await,
        Command::Ledger {
            command: LedgerCommand::Witness { .. },
        } => Ok(()),
        Command::Backup { dir } => backup::backup(&config, &db, &dir).await,
        Command::Move { to } => move_cli::move_to(&config, &db, &to).await,
        Command::Certificate { .. } | Command::Keys { .. } | Command::Restore { .. } => Ok(()),
        Command::Admin {
            command:
                AdminCommand::Create {
                    email,
                    role,
                    region,
                    password_stdin,
                },
        } => {
            let password = if password_stdin {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s)?;
                Some(s.trim_end_matches(['\n', '\r']).to_owned())
            } else {
                None
            };
            let state = app::App::new(db, config.app_settings());
            let out = app::accounts::create_staff(
                &state,
                &email,
                &role,
                region.as_deref(),
                password.as_deref(),
            )
            .await
            .map_err(|e| anyhow::anyhow!(e))?;
            println!("{} now holds the role {role}", out.email);
            if let Some(link) = out.reset_link {
                println!("set the password with this link (valid 2 hours): {link}");
            }
            app::mail::deliver_due(&state).await?;
            Ok(())
        }
    }
}

/// See `Command::Keys`: no database needed.
fn keys(config: &Config, command: &KeysCommand) -> anyhow::Result<()> {
    let dir = std::path::PathBuf::from(&config.keys_dir);
    if matches!(command, KeysCommand::Rotate) {
        app::keys::KeyRing::load_or_create(&dir).context("reading the keys")?;
        let path = app::keys::generate(&dir).context("making a key")?;
        println!("new signing key: {}", path.display());
    }
    let ring = app::keys::KeyRing::load_or_create(&dir).context("reading the keys")?;
    println!(
        "{}",
        serde_json::to_string_pretty(&serde_json::json!({ "keys": ring.published() }))?
    );
    Ok(())
}

async fn serve(config: Config, db: store::Db, started: std::time::Instant) -> anyhow::Result<()> {
    let addr: SocketAddr = config
        .bind
        .parse()
        .context("ERIKTI_BIND must be host:port")?;
    app::keys::KeyRing::load_or_create(std::path::Path::new(&config.keys_dir))
        .with_context(|| format!("the signing keys in {}", config.keys_dir))?;
    let state = web::AppState::new(db.clone(), config.app_settings());
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(app::mail::run_outbox(state.app.clone(), stop_rx.clone()));
    let scheduler = tokio::spawn(app::jobs::run(state.app.clone(), stop_rx));
    // Warm the home counters so that the first visitor does not wait for the totals.
    let warm = state.clone();
    tokio::spawn(async move {
        if let Err(e) = warm.counters.get(&warm.db).await {
            tracing::warn!(error = %e, "warming the home counters failed");
        }
    });
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    tracing::info!(
        %addr,
        backend = ?db.backend(),
        startup_ms = started.elapsed().as_millis() as u64,
        "erikti is listening on http://{addr}"
    );
    axum::serve(
        listener,
        web::app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    tracing::info!("in-flight requests finished, shutting down");
    let _ = stop_tx.send(true);
    let _ = worker.await;
    let _ = scheduler.await;
    db.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutdown signal received");
}
