//! The public transparency log over the ledger: signed checkpoints, proofs, and the
//! server's own watch over the stored entries (see `domain::tlog`, `store::ledger::log`).
//!
//! Every pass of the scheduler hashes new ledger entries into the tree and signs a
//! checkpoint when it has grown; issuing a certificate does the same first, so its proofs
//! point at a signed checkpoint. The watch re-reads the whole log against the latest
//! checkpoint as often as it can while spending at most a tenth of the time doing so, and
//! raises an alarm (metrics, admin pages) on anything that does not match.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use domain::tlog::{self, Checkpoint, Hash};
pub use store::ledger::log::{Kept, LogReport};

use crate::{App, OpError};

/// What the watch last found.
#[derive(Debug, Default)]
pub struct Watch {
    verified: AtomicU64,
    alarm: Mutex<Option<String>>,
    next_check: Mutex<Option<Instant>>,
}

impl Watch {
    /// Leaves verified against the latest checkpoint by the last full check.
    pub fn verified_size(&self) -> u64 {
        self.verified.load(Ordering::Relaxed)
    }

    /// What is wrong, in words, if anything.
    pub fn alarm(&self) -> Option<String> {
        self.alarm
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn set(&self, verified: Option<u64>, alarm: Option<String>) {
        if let Some(v) = verified {
            self.verified.store(v, Ordering::Relaxed);
        }
        *self
            .alarm
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = alarm;
    }
}

/// The log's name in its checkpoints, fixed by its first checkpoint (a log keeps its
/// identity whatever address serves it later); before any, the public address without its
/// scheme, and `/ledger`.
pub async fn origin(state: &App) -> Result<String, OpError> {
    Ok(match store::ledger::log::origin(&state.db).await? {
        Some(o) => o,
        None => domain::certificate::log_origin(&state.settings.public_url),
    })
}

/// Hashes new entries into the tree and signs a checkpoint when it has grown; the
/// latest checkpoint.
pub async fn checkpoint(state: &App) -> Result<Option<Kept>, OpError> {
    store::ledger::log::integrate(&state.db, &|_, _| {}).await?;
    let key = state.keys.active();
    let sign = |c: &Checkpoint| (key.id.clone(), c.sign(key));
    let origin = origin(state).await?;
    Ok(store::ledger::log::checkpoint(&state.db, &origin, &sign).await?)
}

/// A checkpoint of the first `size` leaves, signed now and not kept: a copy's (a backup, a
/// move), which covers exactly the leaves copied when more were appended after the latest
/// kept one. None for an empty log or one that has not reached `size`.
pub async fn sign_at(state: &App, size: u64) -> Result<Option<Kept>, OpError> {
    if size == 0 {
        return Ok(None);
    }
    store::ledger::log::integrate(&state.db, &|_, _| {}).await?;
    let Some(root) = store::ledger::log::root_at(&state.db, size).await? else {
        return Ok(None);
    };
    let key = state.keys.active();
    let c = Checkpoint {
        origin: origin(state).await?,
        size,
        root,
    };
    Ok(Some(Kept {
        size,
        root,
        key_id: key.id.clone(),
        note: c.sign(key),
        created_at: store::now(),
    }))
}

/// The latest checkpoint.
pub async fn latest(state: &App) -> Result<Option<Kept>, OpError> {
    Ok(store::ledger::log::latest(&state.db).await?)
}

/// Older checkpoints (before a size), newest first.
pub async fn list(state: &App, before: Option<u64>) -> Result<Vec<Kept>, OpError> {
    Ok(store::ledger::log::checkpoints(&state.db, before, 100).await?)
}

/// The inclusion proof of a leaf in the tree of a size (a signed checkpoint's, or any up
/// to the tree's reach).
pub async fn inclusion(state: &App, leaf: u64, size: u64) -> Result<Vec<Hash>, OpError> {
    Ok(store::ledger::log::inclusion(&state.db, leaf, size).await?)
}

/// The consistency proof between two tree sizes.
pub async fn consistency(state: &App, from: u64, to: u64) -> Result<Vec<Hash>, OpError> {
    Ok(store::ledger::log::consistency(&state.db, from, to).await?)
}

/// The published keys, for checking checkpoints.
pub fn public_keys(state: &App) -> Vec<domain::ledger::VerifyingKey> {
    state
        .keys
        .published()
        .iter()
        .filter_map(|p| state.keys.public(&p.id))
        .collect()
}

/// Checks the stored log against the latest kept checkpoint (its signature first) and
/// against `outside` (a checkpoint note kept elsewhere, e.g. by a witness).
pub async fn check(state: &App, outside: Option<&str>) -> Result<LogReport, OpError> {
    check_with(state, outside, &mut |_, _| {}).await
}

/// [`check`], showing every leaf read to `observe` (see `store::ledger::log::check_with`).
pub async fn check_with(
    state: &App,
    outside: Option<&str>,
    observe: &mut (dyn FnMut(&store::ledger::log::Leaf, bool) + Send),
) -> Result<LogReport, OpError> {
    let keys = public_keys(state);
    let origin = origin(state).await?;
    let mut against = Vec::new();
    let mut problems = Vec::new();
    if let Some(k) = latest(state).await? {
        match Checkpoint::verify(&k.note, &origin, &keys) {
            Ok(c) if c.size == k.size && c.root == k.root => against.push((c.size, c.root)),
            Ok(_) => problems.push(format!(
                "the kept checkpoint of size {} says other than its note",
                k.size
            )),
            Err(e) => problems.push(format!("the kept checkpoint of size {}: {e}", k.size)),
        }
    }
    if let Some(note) = outside {
        match Checkpoint::verify(note, &origin, &keys) {
            Ok(c) => against.push((c.size, c.root)),
            Err(e) => problems.push(format!("the checkpoint given: {e}")),
        }
    }
    // The log, the hours rows and the certificates, read at the same time.
    let (report, mismatches, certificates, money) = tokio::join!(
        store::ledger::log::check_with(&state.db, &against, observe),
        store::ledger::log::hours_mismatches(&state.db),
        certificate_problems(state, &keys),
        store::charity::counter_mismatches(&state.db)
    );
    let mut report = report?;
    problems.append(&mut report.problems);
    problems.extend(certificates?);
    for (id, status) in mismatches? {
        problems.push(format!(
            "hours entry {id} ({status}) disagrees with the ledger (its minutes, volunteer, organization or status were changed)"
        ));
    }
    for (id, raised, spent) in money? {
        problems.push(format!(
            "collection {id} says raised {raised}, spent {spent} tiyn, which its money trail does not add up to"
        ));
    }
    report.problems = problems;
    Ok(report)
}

/// Every certificate as stored: its signature and its log proof, what does not hold.
async fn certificate_problems(
    state: &App,
    keys: &[domain::ledger::VerifyingKey],
) -> Result<Vec<String>, OpError> {
    let lookup = |id: &str| state.keys.public(id);
    let mut problems = Vec::new();
    let mut after = String::new();
    loop {
        let page = store::ledger::documents_after(&state.db, &after, 1000).await?;
        let Some((last, _)) = page.last() else { break };
        after = last.clone();
        for (code, document) in &page {
            let outcome = domain::certificate::verify_json(document, &lookup).and_then(|s| {
                match domain::certificate::verify_log(&s.statement, keys) {
                    Err(domain::certificate::Invalid::NoLogProof) => Ok(()),
                    other => other.map(|_| ()),
                }
            });
            if let Err(e) = outcome {
                problems.push(format!("certificate {code}: {e}"));
            }
        }
    }
    Ok(problems)
}

/// One pass of the watch: a checkpoint when the tree has grown, then (when its turn has
/// come) a full check. Never fails: what goes wrong is the alarm.
pub async fn watch(state: &App, w: &Watch) {
    if let Err(e) = checkpoint(state).await {
        w.set(None, Some(format!("the log could not be extended: {e:?}")));
        return;
    }
    let due = w
        .next_check
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .is_none_or(|t| Instant::now() >= t);
    if !due {
        return;
    }
    let started = Instant::now();
    let outcome = check(state, None).await;
    // At most a tenth of the time goes to checking.
    *w.next_check
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) =
        Some(Instant::now() + started.elapsed() * 9);
    match outcome {
        Ok(r) if r.problems.is_empty() => w.set(Some(r.leaves), None),
        Ok(r) => {
            tracing::error!(problems = ?r.problems, "the ledger does not match its log");
            w.set(None, Some(r.problems.join("; ")));
        }
        Err(e) => w.set(None, Some(format!("the log could not be checked: {e:?}"))),
    }
}

/// How long the watch waits between passes.
pub const WATCH_EVERY: Duration = Duration::from_secs(60);

/// The hashes of a proof as base64.
pub fn b64(hashes: &[Hash]) -> Vec<String> {
    hashes.iter().map(tlog::hash_b64).collect()
}
