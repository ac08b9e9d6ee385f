//! The erikti binary: serve (default), migrate, admin, demo-data.

mod config;

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
    /// regions by population); does nothing when demo data is already there.
    DemoData {
        /// small (200 volunteers), region (20,000) or national (300,000 volunteers,
        /// 4,300 organizations, 5,000,000 hours entries).
        #[arg(long, default_value = "small", value_parser = ["small", "region", "national"])]
        scale: String,
        /// Random seed: the same seed gives the same data on every database.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Override the number of volunteers (organizations and hours scale with it).
        #[arg(long)]
        volunteers: Option<u64>,
    },
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
    let started = std::time::Instant::now();
    tracing::info!(config = ?config, "configuration");
    let db = store::Db::connect(&config.database_url, &config.connect_options())
        .await
        .context("connecting to the database")?;
    db.migrate().await.context("applying migrations")?;
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
            let (v, o, h) = scale.counts();
            let counts = match volunteers {
                Some(n) => (n, (o * n / v).max(3), h * n / v),
                None => (v, o, h),
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
            let s = store::demo::load_counts(&db, seed, counts, web::today(), &progress).await?;
            if s == store::demo::DemoSummary::default() {
                println!("demo data is already loaded");
            } else {
                println!(
                    "demo data loaded: {} volunteers, {} organizations, {} hours entries",
                    s.volunteers, s.organizations, s.hours_entries
                );
            }
            Ok(())
        }
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
            let state = web::AppState::new(db, config.web_settings());
            let out = web::accounts::create_staff(
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
            web::mail::deliver_due(&state).await?;
            Ok(())
        }
    }
}

async fn serve(config: Config, db: store::Db, started: std::time::Instant) -> anyhow::Result<()> {
    let addr: SocketAddr = config
        .bind
        .parse()
        .context("ERIKTI_BIND must be host:port")?;
    let state = web::AppState::new(db.clone(), config.web_settings());
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(web::mail::run_outbox(state.clone(), stop_rx));
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
