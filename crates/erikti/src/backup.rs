//! `erikti backup DIR` and `erikti restore DIR`.
//!
//! A backup folder holds the database (`database.sqlite`, a consistent copy made by SQLite
//! while the server writes, or `database.dump`, `pg_dump -Fc` of one exported snapshot),
//! the keys folder (`keys/`) and `manifest.json`: the backend, when, the version, the
//! latest signed checkpoint of the log and the rows of every table, all of the state that
//! was copied, and the database file's SHA-256. A restore goes into an empty database
//! only, puts the keys back beside it and checks what it restored against the manifest.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, anyhow, bail};
use serde::{Deserialize, Serialize};
use store::Backend;
use store::transfer::{self, Counts};

use crate::config::{Config, redact_url};
use crate::copy_support::{
    compare_counts, covering, file_digest, libpq_target, patiently, pg_tool, run, sync_private,
    verify_log, write_new,
};

const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "database.sqlite";
const PG_FILE: &str = "database.dump";
const KEYS: &str = "keys";

/// What `manifest.json` says of a backup.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// Format of this file.
    pub format: u32,
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// When the copy was taken (UTC, RFC 3339).
    pub created_at: String,
    /// The version of erikti that made it.
    pub erikti_version: String,
    /// The database file.
    pub database: DatabaseFile,
    /// The keys in `keys/` (their public halves).
    pub keys: Vec<KeyEntry>,
    /// The latest signed checkpoint of the log in the copied state.
    pub checkpoint: Option<CheckpointEntry>,
    /// Rows of every table in the copied state.
    pub tables: Counts,
}

/// The database file of a backup.
#[derive(Debug, Serialize, Deserialize)]
pub struct DatabaseFile {
    /// Its name in the folder.
    pub file: String,
    /// Its size.
    pub bytes: u64,
    /// Its SHA-256, hex.
    pub sha256: String,
}

/// A key of the backup.
#[derive(Debug, Serialize, Deserialize)]
pub struct KeyEntry {
    /// Its identifier (what records name).
    pub id: String,
    /// The public key, hex.
    pub public_key: String,
    /// When it was made.
    pub created: String,
}

/// The checkpoint a backup covers.
#[derive(Debug, Serialize, Deserialize)]
pub struct CheckpointEntry {
    /// Leaves of the log.
    pub size: u64,
    /// Root hash, base64.
    pub root: String,
    /// The key that signed it.
    pub key_id: String,
    /// The signed note, as `erikti ledger verify --checkpoint` takes it.
    pub note: String,
}

impl CheckpointEntry {
    fn of(k: &store::ledger::log::Kept) -> CheckpointEntry {
        CheckpointEntry {
            size: k.size,
            root: domain::tlog::hash_b64(&k.root),
            key_id: k.key_id.clone(),
            note: k.note.clone(),
        }
    }
}

fn backend_name(b: Backend) -> &'static str {
    match b {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

/// The backend a database URL names.
pub fn backend_of(url: &str) -> Backend {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Backend::Postgres
    } else {
        Backend::Sqlite
    }
}

/// `erikti backup DIR`.
pub async fn backup(config: &Config, db: &store::Db, dir: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    new_folder(dir)?;
    // A checkpoint now (the server signs one a minute), which the copy then holds; should
    // entries be appended between the two, `covering` signs one of the copy's exact size.
    let state = app::App::new(db.clone(), config.app_settings());
    patiently("signing a checkpoint of the log", || {
        app::transparency::checkpoint(&state)
    })
    .await?;
    let at = chrono::Utc::now();
    let (file, copied) = match db.backend() {
        Backend::Sqlite => (SQLITE_FILE, sqlite_backup(db, dir).await?),
        Backend::Postgres => (PG_FILE, pg_backup(config, db, dir).await?),
    };
    let checkpoint = covering(&state, &copied).await?;
    let keys = copy_keys(Path::new(&config.keys_dir), &dir.join(KEYS), true)?;
    let path = dir.join(file);
    let (bytes, sha256) = file_digest(&path)?;
    let manifest = Manifest {
        format: 1,
        backend: backend_name(db.backend()).into(),
        created_at: at.to_rfc3339(),
        erikti_version: env!("CARGO_PKG_VERSION").into(),
        database: DatabaseFile {
            file: file.into(),
            bytes,
            sha256,
        },
        keys,
        checkpoint: checkpoint.as_ref().map(CheckpointEntry::of),
        tables: copied.counts.clone(),
    };
    write_new(
        &dir.join(MANIFEST),
        serde_json::to_string_pretty(&manifest)?.as_bytes(),
    )?;
    let rows: u64 = manifest.tables.values().sum();
    println!(
        "backup of the {} database written to {} in {:.1} s: {} tables, {rows} rows, {bytes} bytes; \
         {} keys; {}",
        manifest.backend,
        dir.display(),
        started.elapsed().as_secs_f64(),
        manifest.tables.len(),
        manifest.keys.len(),
        match &manifest.checkpoint {
            Some(c) => format!(
                "the log's checkpoint of {} leaves (key {}{})",
                c.size,
                c.key_id,
                if copied.checkpoint.as_ref().is_some_and(|k| k.size == c.size) {
                    ""
                } else {
                    ", signed for this backup"
                }
            ),
            None => "the log is empty".into(),
        }
    );
    Ok(())
}

/// A new folder, or an empty one: a backup never overwrites another.
fn new_folder(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir)
            .with_context(|| format!("reading the folder {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{} is not empty: a backup goes into a new or empty folder (an earlier backup is never overwritten)",
                dir.display()
            );
        }
    }
    private_folder(dir)
}

/// Makes `dir` (readable by its owner only: a backup holds the secret keys).
fn private_folder(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("making the folder {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("restricting {}", dir.display()))?;
    }
    Ok(())
}

/// SQLite: `VACUUM INTO` a new file (a consistent copy made beside the writers), flushed
/// to disk; the counts and the checkpoint are read from the copy itself.
async fn sqlite_backup(db: &store::Db, dir: &Path) -> anyhow::Result<transfer::State> {
    let partial = dir.join(format!("{SQLITE_FILE}.partial"));
    transfer::sqlite_copy(db, &partial)
        .await
        .context("copying the SQLite database")?;
    sync_private(&partial)?;
    let copy = transfer::open_sqlite_copy(&partial)
        .await
        .context("opening the copy")?;
    let state = transfer::state(&copy).await;
    copy.close().await;
    std::fs::rename(&partial, dir.join(SQLITE_FILE)).context("naming the copy")?;
    state.context("reading the copy")
}

/// PostgreSQL: a transaction exports its snapshot, `pg_dump --snapshot` dumps that state
/// while the counts and the checkpoint are read from it.
async fn pg_backup(config: &Config, db: &store::Db, dir: &Path) -> anyhow::Result<transfer::State> {
    let pg_dump = pg_tool("pg_dump")?;
    let mut snapshot = transfer::PgSnapshot::begin(db)
        .await
        .context("exporting a snapshot")?;
    let state = snapshot.state().await?;
    let partial = dir.join(format!("{PG_FILE}.partial"));
    let mut cmd = Command::new(pg_dump);
    cmd.arg("--format=custom")
        .arg("--no-password")
        .arg(format!("--snapshot={}", snapshot.id()))
        .arg("--file")
        .arg(&partial);
    libpq_target(&mut cmd, &config.database_url);
    let outcome = run(cmd, "pg_dump");
    snapshot.end().await?;
    if outcome.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    outcome?;
    sync_private(&partial)?;
    std::fs::rename(&partial, dir.join(PG_FILE)).context("naming the dump")?;
    Ok(state)
}

/// `erikti restore DIR`: into the configured database, which must hold no data.
pub async fn restore(config: &Config, dir: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let manifest = read_manifest(dir)?;
    let backend = backend_of(&config.database_url);
    if manifest.backend != backend_name(backend) {
        bail!(
            "{} holds a backup of a {} database; ERIKTI_DATABASE_URL names a {} one ({}). \
             Restore it into the same kind of database{}",
            dir.display(),
            manifest.backend,
            backend_name(backend),
            redact_url(&config.database_url),
            if manifest.backend == "sqlite" {
                " (then `erikti move --to postgres://...` copies it into PostgreSQL)"
            } else {
                ""
            }
        );
    }
    let file = dir.join(&manifest.database.file);
    let (bytes, sha256) = file_digest(&file)?;
    if bytes != manifest.database.bytes || sha256 != manifest.database.sha256 {
        bail!(
            "{} is not the file the backup wrote ({bytes} bytes, SHA-256 {sha256}; the manifest says \
             {} bytes, {}): it was changed or is incomplete",
            file.display(),
            manifest.database.bytes,
            manifest.database.sha256
        );
    }
    let backup_keys = dir.join(KEYS);
    check_backup_keys(&backup_keys, &manifest)?;
    let keys_dir = PathBuf::from(&config.keys_dir);
    // Refused before anything is written.
    copy_keys(&backup_keys, &keys_dir, false)?;
    let target = redact_url(&config.database_url);
    match backend {
        Backend::Sqlite => sqlite_restore(config, &file).await?,
        Backend::Postgres => pg_restore(config, &file).await?,
    }
    copy_keys(&backup_keys, &keys_dir, true)?;
    note_other_keys(&keys_dir, &manifest);
    let restored_in = started.elapsed();
    let db = store::Db::connect(&config.database_url, &config.connect_options())
        .await
        .context("connecting to the restored database")?;
    let counts = transfer::state(&db).await?.counts;
    let mut problems = compare_counts(&manifest.tables, &counts, &[]);
    db.migrate().await.context("applying migrations")?;
    let used = store::ledger::log::keys_used(&db).await?;
    app::keys::KeyRing::for_database(&keys_dir, &used).map_err(|e| anyhow!(e))?;
    let note = manifest.checkpoint.as_ref().map(|c| c.note.as_str());
    let log = verify_log(config, &db, note).await?;
    problems.extend(log.problems);
    for p in &problems {
        println!("MISMATCH: {p}");
    }
    let rows: u64 = counts.values().sum();
    if !problems.is_empty() {
        bail!(
            "the database restored into {target} does not match the backup in {}: {} problems (listed above)",
            dir.display(),
            problems.len()
        );
    }
    println!(
        "restored {} into {target} in {:.1} s (verified in {:.1} s): {} tables, {rows} rows as the manifest \
         says; {} chains, {} ledger entries and {} log leaves intact{}; keys in {}",
        dir.display(),
        restored_in.as_secs_f64(),
        (started.elapsed() - restored_in).as_secs_f64(),
        counts.len(),
        log.chains,
        log.entries,
        log.leaves,
        match &manifest.checkpoint {
            Some(c) => format!(
                ", the log holds the backup's checkpoint of {} leaves",
                c.size
            ),
            None => String::new(),
        },
        keys_dir.display()
    );
    db.close().await;
    Ok(())
}

fn read_manifest(dir: &Path) -> anyhow::Result<Manifest> {
    let path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "reading {} (a folder written by `erikti backup` has one)",
            path.display()
        )
    })?;
    let m: Manifest =
        serde_json::from_str(&text).with_context(|| format!("reading {}", path.display()))?;
    if m.format != 1 {
        bail!(
            "{} is of format {}; this erikti reads format 1",
            path.display(),
            m.format
        );
    }
    Ok(m)
}

/// Every key the manifest lists must be in the backup's keys folder, the same key.
fn check_backup_keys(dir: &Path, manifest: &Manifest) -> anyhow::Result<()> {
    let ring = match app::keys::KeyRing::load(dir) {
        Ok(r) => Some(r),
        Err(_) if manifest.keys.is_empty() => None,
        Err(e) => bail!(
            "the backup's keys folder {} cannot be read ({e}); it should hold key {}. \
             Without the keys the restored records cannot be verified nor signed further.",
            dir.display(),
            manifest
                .keys
                .iter()
                .map(|k| k.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let missing: Vec<&str> = manifest
        .keys
        .iter()
        .filter(|k| {
            ring.as_ref()
                .and_then(|r| r.public(&k.id))
                .is_none_or(|p| hex::encode(p.as_bytes()) != k.public_key)
        })
        .map(|k| k.id.as_str())
        .collect();
    if !missing.is_empty() {
        bail!(
            "the backup's keys folder {} lacks key {} that the manifest lists (it signed records of this backup)",
            dir.display(),
            missing.join(", ")
        );
    }
    Ok(())
}

/// Copies the key files of `from` into `to` (when `write`; otherwise only checks). A key
/// file already in `to` under the same name must be the same key: different keys are never
/// overwritten. The public keys of `from`.
fn copy_keys(from: &Path, to: &Path, write: bool) -> anyhow::Result<Vec<KeyEntry>> {
    let mut names: Vec<(String, PathBuf)> = Vec::new();
    if from.exists() {
        for entry in
            std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))?
        {
            let path = entry?.path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            if name.starts_with("ledger-") && name.ends_with(".key") && path.is_file() {
                names.push((name, path));
            }
        }
    }
    names.sort();
    for (name, path) in &names {
        let dest = to.join(name);
        if !dest.exists() {
            continue;
        }
        let same = std::fs::read(path).ok().map(|b| b.trim_ascii().to_vec())
            == std::fs::read(&dest).ok().map(|b| b.trim_ascii().to_vec());
        if !same {
            bail!(
                "{} already holds a different key named {name}: refusing to overwrite it \
                 (move it aside if it is not needed, or point ERIKTI_KEYS_DIR at an empty folder)",
                to.display()
            );
        }
    }
    if write && !names.is_empty() {
        private_folder(to)?;
        for (name, path) in &names {
            let dest = to.join(name);
            if !dest.exists() {
                let bytes =
                    std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
                write_new(&dest, &bytes)?;
            }
        }
    }
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let ring = app::keys::KeyRing::load(from)
        .with_context(|| format!("reading the keys in {}", from.display()))?;
    Ok(ring
        .published()
        .into_iter()
        .map(|k| KeyEntry {
            id: k.id,
            public_key: k.public_key,
            created: k.created,
        })
        .collect())
}

/// Says which keys of `keys_dir` the backup did not have (made by an earlier start on
/// the empty database, say): they stay, and the newest key signs.
fn note_other_keys(keys_dir: &Path, manifest: &Manifest) {
    let Ok(ring) = app::keys::KeyRing::load(keys_dir) else {
        return;
    };
    let others: Vec<String> = ring
        .published()
        .into_iter()
        .filter(|k| !manifest.keys.iter().any(|m| m.id == k.id))
        .map(|k| k.id)
        .collect();
    if !others.is_empty() {
        println!(
            "note: {} also holds key {} that the backup does not; it stays published{}",
            keys_dir.display(),
            others.join(", "),
            if others.contains(&ring.active().id) {
                ", and being the newest it signs from now on"
            } else {
                ""
            }
        );
    }
}

/// SQLite: the target file must hold no data; the copy is written beside it and renamed
/// into place (with the old file's journal files removed).
async fn sqlite_restore(config: &Config, file: &Path) -> anyhow::Result<()> {
    let path = transfer::sqlite_file(&config.database_url)?;
    if path.exists() {
        let db = store::Db::connect(
            &config.database_url,
            &store::ConnectOptions { max_connections: 1 },
        )
        .await
        .with_context(|| format!("opening {}", path.display()))?;
        let data = transfer::holds_data(&db).await;
        db.close().await;
        refuse_data(config, &data?)?;
    }
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("making the folder {}", parent.display()))?;
    }
    let partial = PathBuf::from(format!("{}.partial", path.display()));
    std::fs::copy(file, &partial).with_context(|| format!("writing {}", partial.display()))?;
    sync_private(&partial)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            std::fs::remove_file(&side).with_context(|| format!("removing {}", side.display()))?;
        }
    }
    std::fs::rename(&partial, &path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// PostgreSQL: the target must hold no data; `pg_restore --no-owner` in one transaction
/// (replacing the empty tables a start may have made).
async fn pg_restore(config: &Config, file: &Path) -> anyhow::Result<()> {
    let pg_restore = pg_tool("pg_restore")?;
    let db = store::Db::connect(
        &config.database_url,
        &store::ConnectOptions { max_connections: 1 },
    )
    .await
    .with_context(|| format!("connecting to {}", redact_url(&config.database_url)))?;
    let data = transfer::holds_data(&db).await;
    let tables = transfer::tables(&db).await;
    db.close().await;
    refuse_data(config, &data?)?;
    let mut cmd = Command::new(pg_restore);
    cmd.args([
        "--no-owner",
        "--no-password",
        "--exit-on-error",
        "--single-transaction",
    ]);
    if !tables?.is_empty() {
        cmd.args(["--clean", "--if-exists"]);
    }
    libpq_target(&mut cmd, &config.database_url);
    cmd.arg(file);
    run(cmd, "pg_restore")
}

fn refuse_data(config: &Config, data: &[(String, u64)]) -> anyhow::Result<()> {
    if data.is_empty() {
        return Ok(());
    }
    bail!(
        "{} already holds data ({}): a backup is restored into an empty database only. \
         Point ERIKTI_DATABASE_URL at a new database (or a new SQLite file).",
        redact_url(&config.database_url),
        transfer::describe(data)
    )
}
