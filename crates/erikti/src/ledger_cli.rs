//! The ledger's commands: `ledger verify` (the chains, the log against its checkpoints,
//! the hours rows against the ledger), `ledger witness` (an outside party remembering
//! checkpoints) and `certificate verify` (offline, with the published keys only).

use std::path::Path;

use anyhow::Context;
use domain::tlog::{self, Checkpoint};
use serde::{Deserialize, Serialize};

use crate::config::Config;

fn read_key_set(path: &Path) -> anyhow::Result<Vec<(String, domain::ledger::VerifyingKey)>> {
    let set =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    app::keys::parse_published(&set).map_err(|e| anyhow::anyhow!(e))
}

/// `erikti certificate verify FILE --keys KEYS`: the signature, then the log proof.
pub fn certificate_verify(file: &Path, key_set: &Path) -> anyhow::Result<()> {
    let json =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let keys = read_key_set(key_set)?;
    let lookup = |id: &str| keys.iter().find(|(k, _)| k == id).map(|(_, v)| *v);
    let signed = match domain::certificate::verify_json(&json, &lookup) {
        Ok(s) => s,
        Err(e) => {
            println!("INVALID: {e}");
            std::process::exit(1)
        }
    };
    let s = &signed.statement;
    let public: Vec<_> = keys.iter().map(|(_, k)| *k).collect();
    let log = match domain::certificate::verify_log(s, &public) {
        Ok(l) => format!(
            "its {} ledger entries are in the public log at checkpoint {} ({})",
            l.entries.len(),
            l.checkpoint.size,
            l.checkpoint.origin
        ),
        Err(domain::certificate::Invalid::NoLogProof) => {
            "issued before the public log: only its signature is checked".to_owned()
        }
        Err(e) => {
            println!("INVALID: {e}");
            std::process::exit(1)
        }
    };
    println!(
        "VALID certificate {}: {} — {} minutes of confirmed volunteer activity{}, issued {} by {} (key {}); {log}",
        s.code,
        s.holder,
        s.total_minutes,
        match (s.first_day, s.last_day) {
            (Some(a), Some(b)) => format!(" from {a} to {b}"),
            _ => String::new(),
        },
        s.issued_at.format("%Y-%m-%d"),
        s.issuer,
        signed.key_id
    );
    println!(
        "Revocation and later reversals are checked online at {}/verify/{}",
        s.issuer, s.code
    );
    Ok(())
}

/// `erikti ledger verify [--keys KEYS] [--checkpoint FILE]`.
pub async fn ledger_verify(
    config: &Config,
    db: &store::Db,
    key_set: Option<&Path>,
    checkpoint: Option<&Path>,
) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let keys: Vec<(String, domain::ledger::VerifyingKey)> = match key_set {
        Some(path) => read_key_set(path)?,
        None => {
            let ring = app::keys::KeyRing::load(Path::new(&config.keys_dir))
                .context("reading the keys")?;
            ring.published()
                .into_iter()
                .filter_map(|p| ring.public(&p.id).map(|k| (p.id, k)))
                .collect()
        }
    };
    let outside = match checkpoint {
        Some(p) => {
            Some(std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?)
        }
        None => None,
    };
    let lookup = |id: &str| keys.iter().find(|(k, _)| k == id).map(|(_, v)| *v);
    let state = app::App::new(db.clone(), config.app_settings());
    // One read of the ledger in log order: the log rebuilt and every chain walked.
    let mut walks = store::ledger::Walks::default();
    let log = app::transparency::check_with(&state, outside.as_deref(), &mut |leaf, intact| {
        walks.observe(leaf, intact)
    })
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let chains = walks.finish(db, &lookup).await?;
    for (volunteer, what) in &chains.broken {
        println!("BROKEN volunteer {volunteer}: {what}");
    }
    for p in &log.problems {
        println!("BROKEN log: {p}");
    }
    let bad = chains.broken.len() + log.problems.len();
    println!(
        "{} chains, {} entries, {} log leaves checked in {:.1} s: {}",
        chains.chains,
        chains.entries,
        log.leaves,
        started.elapsed().as_secs_f64(),
        if bad == 0 {
            "all intact".to_owned()
        } else {
            format!("{bad} problems")
        }
    );
    if bad == 0 {
        Ok(())
    } else {
        std::process::exit(1)
    }
}

/// `erikti ledger checkpoint`: new entries into the tree, a checkpoint signed when it
/// grew; prints the latest note (nothing when the ledger is empty).
pub async fn checkpoint(config: &Config, db: &store::Db) -> anyhow::Result<()> {
    let state = app::App::new(db.clone(), config.app_settings());
    let started = std::time::Instant::now();
    match app::transparency::checkpoint(&state)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?
    {
        Some(k) => {
            eprintln!(
                "checkpoint of {} leaves ({:.3} s)",
                k.size,
                started.elapsed().as_secs_f64()
            );
            print!("{}", k.note);
        }
        None => eprintln!("the ledger is empty: no checkpoint yet"),
    }
    Ok(())
}

/// What a witness remembers between runs.
#[derive(Debug, Serialize, Deserialize)]
struct WitnessState {
    /// The log's origin line.
    origin: String,
    /// The last checkpoint seen (its note).
    note: String,
    /// Its size.
    size: u64,
    /// Its root (base64).
    root: String,
    /// The published keys at first sight (id → hex), which must stay published.
    keys: Vec<(String, String)>,
}

/// `erikti ledger witness --url URL --state FILE`: fetches the latest checkpoint, checks
/// its signature and that it extends the last one seen, stores it. Exits 1 with a clear
/// message on a rollback, a fork or a key no longer published.
pub fn witness(url: &str, state_file: &Path) -> anyhow::Result<()> {
    let base = url.trim_end_matches('/');
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(30)))
        .build()
        .into();
    let get = |path: String| -> anyhow::Result<String> {
        agent
            .get(&path)
            .call()
            .with_context(|| format!("fetching {path}"))?
            .body_mut()
            .read_to_string()
            .with_context(|| format!("reading {path}"))
    };
    let key_json = get(format!("{base}/.well-known/erikti-keys.json"))?;
    let keys = app::keys::parse_published(&key_json).map_err(|e| anyhow::anyhow!(e))?;
    let before: Option<WitnessState> = match std::fs::read_to_string(state_file) {
        Ok(text) => Some(
            serde_json::from_str(&text)
                .with_context(|| format!("reading the state {}", state_file.display()))?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("reading {}", state_file.display())),
    };
    if let Some(b) = &before {
        for (id, hex) in &b.keys {
            let still = keys
                .iter()
                .any(|(k, v)| k == id && hex::encode(v.as_bytes()) == *hex);
            if !still {
                fail(&format!(
                    "key {id}, which signed earlier checkpoints, is no longer published by {base}"
                ));
            }
        }
    }
    let note = get(format!("{base}/api/v1/ledger/checkpoint"))?;
    let origin = match &before {
        Some(b) => b.origin.clone(),
        None => note.lines().next().unwrap_or_default().to_owned(),
    };
    let public: Vec<_> = keys.iter().map(|(_, k)| *k).collect();
    let now = match Checkpoint::verify(&note, &origin, &public) {
        Ok(c) => c,
        Err(e) => fail(&format!(
            "the latest checkpoint of {base} does not verify: {e}"
        )),
    };
    if let Some(b) = &before {
        let old_root = tlog::hash_from_b64(&b.root).context("the state's root")?;
        if now.size < b.size {
            fail(&format!(
                "ROLLBACK: the log shrank from {} to {} leaves since the checkpoint seen (entries were deleted or rolled back)",
                b.size, now.size
            ));
        }
        if now.size == b.size && now.root != old_root {
            fail(&format!(
                "FORK: the checkpoint of size {} has another root than the one seen (entries were changed)",
                now.size
            ));
        }
        if now.size > b.size {
            #[derive(Deserialize)]
            struct Proof {
                hashes: Vec<String>,
            }
            let proof: Proof = serde_json::from_str(&get(format!(
                "{base}/api/v1/ledger/proof/consistency?from={}&to={}",
                b.size, now.size
            ))?)
            .context("reading the consistency proof")?;
            let hashes: Option<Vec<tlog::Hash>> = proof
                .hashes
                .iter()
                .map(|h| tlog::hash_from_b64(h))
                .collect();
            let ok = hashes.is_some_and(|h| {
                tlog::check_consistency(&h, b.size, old_root, now.size, now.root).is_ok()
            });
            if !ok {
                fail(&format!(
                    "FORK: the log of size {} does not extend the checkpoint of size {} seen (entries were changed, swapped or removed)",
                    now.size, b.size
                ));
            }
        }
    }
    let state = WitnessState {
        origin: origin.clone(),
        note: note.clone(),
        size: now.size,
        root: tlog::hash_b64(&now.root),
        keys: keys
            .iter()
            .map(|(id, k)| (id.clone(), hex::encode(k.as_bytes())))
            .collect(),
    };
    let tmp = state_file.with_extension("partial");
    std::fs::write(&tmp, serde_json::to_string_pretty(&state)?)
        .with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, state_file)
        .with_context(|| format!("writing {}", state_file.display()))?;
    match before {
        Some(b) => println!(
            "consistent: {origin} grew from {} to {} leaves; checkpoint stored",
            b.size, now.size
        ),
        None => println!("first checkpoint of {origin} stored: {} leaves", now.size),
    }
    Ok(())
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    println!("INCONSISTENT: {message}");
    std::process::exit(1)
}
