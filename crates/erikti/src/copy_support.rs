//! What backup, restore and move share: checking a copy (the ledger and its log, the rows
//! of every table) and the files and programs they use.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, anyhow, bail};
use sha2::Digest;
use store::transfer::Counts;

use crate::config::Config;

/// Runs `op` again while SQLite answers that another process holds the write lock (the
/// server extending the log batch after batch, as after a start on a long ledger not yet
/// in the log), for up to ten minutes.
pub async fn patiently<T, F, Fut>(what: &str, op: F) -> anyhow::Result<T>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, app::OpError>>,
{
    let started = std::time::Instant::now();
    let mut said = false;
    loop {
        match op().await {
            Ok(v) => return Ok(v),
            Err(app::OpError::Store(e))
                if store::dialect::is_busy(&e)
                    && started.elapsed() < std::time::Duration::from_secs(600) =>
            {
                if !said {
                    eprintln!(
                        "{what}: the database is busy (the server is extending the log); waiting"
                    );
                    said = true;
                }
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            }
            Err(e) => bail!("{what}: {e:?}"),
        }
    }
}

/// The checkpoint that covers every leaf of a copied state: its latest kept one when no
/// entry was appended after it, otherwise one of exactly its leaves, signed now over the
/// log of `source` (the database copied, whose log holds those leaves and maybe more).
pub async fn covering(
    source: &app::App,
    copied: &store::transfer::State,
) -> anyhow::Result<Option<app::transparency::Kept>> {
    match &copied.checkpoint {
        Some(k) if k.size >= copied.leaves => Ok(Some(k.clone())),
        _ if copied.leaves == 0 => Ok(None),
        _ => patiently("signing a checkpoint of the copied log", || {
            app::transparency::sign_at(source, copied.leaves)
        })
        .await?
        .map(Some)
        .ok_or_else(|| {
            anyhow!(
                "the log no longer reaches the {} leaves copied: it was rolled back",
                copied.leaves
            )
        }),
    }
}

/// What [`verify_log`] found.
pub struct LogCheck {
    /// Chains of volunteers checked.
    pub chains: u64,
    /// Ledger entries checked.
    pub entries: u64,
    /// Leaves of the log checked.
    pub leaves: u64,
    /// What is wrong, in words.
    pub problems: Vec<String>,
}

/// The ledger of `db` as `erikti ledger verify --checkpoint` checks it: every chain, the
/// log against its latest checkpoint and against `note`, the hours against the ledger.
pub async fn verify_log(
    config: &Config,
    db: &store::Db,
    note: Option<&str>,
) -> anyhow::Result<LogCheck> {
    let state = app::App::new(db.clone(), config.app_settings());
    let mut problems = Vec::new();
    let lookup = |id: &str| state.keys.public(id);
    let chains = store::ledger::verify_all(db, &lookup).await?;
    for (volunteer, what) in &chains.broken {
        problems.push(format!("the chain of volunteer {volunteer}: {what}"));
    }
    let log = app::transparency::check(&state, note)
        .await
        .map_err(|e| anyhow!("checking the log: {e:?}"))?;
    problems.extend(log.problems.into_iter().map(|p| format!("the log: {p}")));
    Ok(LogCheck {
        chains: chains.chains,
        entries: chains.entries,
        leaves: log.leaves,
        problems,
    })
}

/// Tables whose rows differ between `want` and `have` (other than `skip`), in words.
pub fn compare_counts(want: &Counts, have: &Counts, skip: &[&str]) -> Vec<String> {
    let mut names: Vec<&String> = want.keys().chain(have.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|t| !skip.contains(&t.as_str()))
        .filter_map(|t| match (want.get(t), have.get(t)) {
            (Some(a), Some(b)) if a == b => None,
            (a, b) => Some(format!(
                "table {t}: {} expected, {} found",
                a.map_or("no table".into(), |n| format!("{n} rows")),
                b.map_or("no table".into(), |n| format!("{n} rows"))
            )),
        })
        .collect()
}

/// A program of PostgreSQL's client on PATH.
pub fn pg_tool(name: &str) -> anyhow::Result<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            anyhow!(
                "{name} is not on PATH: install PostgreSQL's client programs \
                 (Debian: apt-get install postgresql-client), of the server's major version or newer"
            )
        })
}

/// Points a libpq program at `url`: the URL without its password, the password in
/// PGPASSWORD (not on the command line, where every user of the machine sees it).
pub fn libpq_target(cmd: &mut Command, url: &str) {
    let (bare, password) = split_password(url);
    cmd.arg("--dbname").arg(bare);
    if let Some(p) = password {
        cmd.env("PGPASSWORD", p);
    }
}

/// `scheme://user:password@host/db` → (`scheme://user@host/db`, the password decoded).
fn split_password(url: &str) -> (String, Option<String>) {
    let Some(start) = url.find("://").map(|i| i + 3) else {
        return (url.to_owned(), None);
    };
    let end = url[start..]
        .find(['/', '?'])
        .map_or(url.len(), |i| start + i);
    let Some(at) = url[start..end].rfind('@').map(|i| start + i) else {
        return (url.to_owned(), None);
    };
    let Some(colon) = url[start..at].find(':').map(|i| start + i) else {
        return (url.to_owned(), None);
    };
    let bare = format!("{}{}", &url[..colon], &url[at..]);
    (bare, Some(percent_decode(&url[colon + 1..at])))
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Runs a program to its end; its error output when it fails.
pub fn run(mut cmd: Command, what: &str) -> anyhow::Result<()> {
    let out = cmd.output().with_context(|| format!("starting {what}"))?;
    if !out.status.success() {
        bail!(
            "{what} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// Writes a new file whole (under another name, then renamed), readable by its owner only.
pub fn write_new(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let partial = PathBuf::from(format!("{}.partial", path.display()));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(&partial)
        .with_context(|| format!("writing {}", partial.display()))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .with_context(|| format!("writing {}", partial.display()))?;
    std::fs::rename(&partial, path).with_context(|| format!("writing {}", path.display()))
}

/// Flushes a file written by another program to disk, readable by its owner only from
/// now on (a database holds personal data).
pub fn sync_private(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("restricting {}", path.display()))?;
    }
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("flushing {} to disk", path.display()))
}

/// Size and SHA-256 (hex) of a file.
pub fn file_digest(path: &Path) -> anyhow::Result<(u64, String)> {
    let mut f = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    let mut h = sha2::Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut bytes = 0u64;
    loop {
        let n = f
            .read(&mut buf)
            .with_context(|| format!("reading {}", path.display()))?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
        h.update(&buf[..n]);
    }
    Ok((bytes, hex::encode(h.finalize())))
}

/// Rows per table, aligned, for the operator.
pub fn print_counts(rows: &BTreeMap<String, (u64, u64)>, left: &str, right: &str) {
    let width = rows.keys().map(String::len).max().unwrap_or(5).max(5);
    println!("{:<width$} {left:>10} {right:>10}", "table");
    for (t, (a, b)) in rows {
        let mark = if a == b { "" } else { "  MISMATCH" };
        println!("{t:<width$} {a:>10} {b:>10}{mark}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_go_to_the_environment_not_the_command_line() {
        assert_eq!(
            split_password("postgres://erikti:s%40cret@db:5432/erikti?sslmode=require"),
            (
                "postgres://erikti@db:5432/erikti?sslmode=require".into(),
                Some("s@cret".into())
            )
        );
        assert_eq!(
            split_password("postgres://postgres@127.0.0.1/test"),
            ("postgres://postgres@127.0.0.1/test".into(), None)
        );
        assert_eq!(
            split_password("postgres://db/erikti"),
            ("postgres://db/erikti".into(), None)
        );
    }

    #[test]
    fn counts_that_differ_are_named() {
        let a: Counts = [("users".into(), 3), ("events".into(), 1)].into();
        let b: Counts = [("users".into(), 2), ("events".into(), 1)].into();
        assert_eq!(
            compare_counts(&a, &b, &[]),
            vec!["table users: 3 rows expected, 2 rows found"]
        );
        assert!(compare_counts(&a, &b, &["users"]).is_empty());
    }
}
