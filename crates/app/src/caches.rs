//! What the operations keep in memory between requests: home counters, reference lists,
//! counts of the event search, and API token uses waiting to be written.

use std::sync::Arc;
use std::time::{Duration, Instant};

use store::Db;
use store::stats::Counters;
use tokio::sync::RwLock;

/// An option of a select: (code, name in the page's language, selected).
pub type Choice = (String, String, bool);

/// How long reference lists count as fresh.
const REFERENCE_TTL: Duration = Duration::from_secs(60);

/// Home page counters. A fresh value is served from memory; a stale one is served too
/// while one background task refreshes it (totals over millions of rows take a while).
#[derive(Debug)]
pub struct CountersCache {
    value: RwLock<Option<(Instant, Counters)>>,
    refreshing: std::sync::atomic::AtomicBool,
    ttl: Duration,
}

impl CountersCache {
    /// A cache whose values count as fresh for `ttl`.
    pub fn new(ttl: Duration) -> Self {
        Self {
            value: RwLock::new(None),
            refreshing: Default::default(),
            ttl,
        }
    }

    async fn refresh(&self, db: &Db) -> Result<Counters, store::Error> {
        let c = store::stats::counters(db).await;
        if let Ok(c) = &c {
            *self.value.write().await = Some((Instant::now(), *c));
        }
        self.refreshing
            .store(false, std::sync::atomic::Ordering::Release);
        c
    }

    /// Current counters: computed inline only the very first time.
    pub async fn get(self: &Arc<Self>, db: &Db) -> Result<Counters, store::Error> {
        use std::sync::atomic::Ordering;
        let current = *self.value.read().await;
        match current {
            Some((at, c)) if at.elapsed() < self.ttl => Ok(c),
            Some((_, c)) => {
                if !self.refreshing.swap(true, Ordering::AcqRel) {
                    let this = Arc::clone(self);
                    let db = db.clone();
                    tokio::spawn(async move {
                        if let Err(e) = this.refresh(&db).await {
                            tracing::warn!(error = %e, "refreshing the home counters failed");
                        }
                    });
                }
                Ok(c)
            }
            None => {
                self.refreshing.store(true, Ordering::Release);
                self.refresh(db).await
            }
        }
    }
}

/// Reference lists, read from the database at most once a minute per server.
#[derive(Debug)]
pub struct RefLists {
    /// The 20 regions.
    pub regions: Vec<store::reference::Region>,
    /// Directions (programmes and their directions).
    pub directions: Vec<store::reference::RefRow>,
    /// Activity types of the law.
    pub activity_types: Vec<store::reference::RefRow>,
}

impl RefLists {
    /// Region options for a select: (code, name in `lang`, selected).
    pub fn region_choices(&self, lang: domain::Lang, selected: &str) -> Vec<Choice> {
        self.regions
            .iter()
            .map(|r| (r.code.clone(), r.name(lang).to_owned(), r.code == selected))
            .collect()
    }

    /// Direction options (directions, not programmes): (code, name in `lang`, selected).
    pub fn direction_choices(&self, lang: domain::Lang, selected: &str) -> Vec<Choice> {
        self.directions
            .iter()
            .filter(|d| d.parent_code.is_some())
            .map(|d| (d.code.clone(), d.name(lang).to_owned(), d.code == selected))
            .collect()
    }

    /// Activity type options: (code, name in `lang`, selected when `selected` says so).
    pub fn activity_choices(
        &self,
        lang: domain::Lang,
        selected: impl Fn(&str) -> bool,
    ) -> Vec<Choice> {
        self.activity_types
            .iter()
            .map(|a| (a.code.clone(), a.name(lang).to_owned(), selected(&a.code)))
            .collect()
    }
}

/// The cache of [`RefLists`].
#[derive(Debug, Default)]
pub struct RefCache {
    value: RwLock<Option<(Instant, Arc<RefLists>)>>,
}

impl RefCache {
    /// The lists, from memory when fresh.
    pub async fn get(&self, db: &Db) -> Result<Arc<RefLists>, store::Error> {
        if let Some((at, lists)) = &*self.value.read().await
            && at.elapsed() < REFERENCE_TTL
        {
            return Ok(Arc::clone(lists));
        }
        let lists = Arc::new(RefLists {
            regions: store::reference::regions(db).await?,
            directions: store::reference::directions(db).await?,
            activity_types: store::reference::activity_types(db).await?,
        });
        *self.value.write().await = Some((Instant::now(), Arc::clone(&lists)));
        Ok(lists)
    }
}

/// API tokens used since the last write of their "last used" time: written in one statement
/// by the scheduler (so "last used" is exact to the minute), not by every API call.
#[derive(Debug, Default)]
pub struct TokenTouches {
    pending: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl TokenTouches {
    /// Notes a use of the token with this hash.
    pub fn note(&self, token_hash: &str) {
        let mut p = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        if !p.contains(token_hash) {
            p.insert(token_hash.to_owned());
        }
    }
    /// Writes the noted uses.
    pub async fn flush(&self, db: &Db) -> Result<(), store::Error> {
        let hashes: Vec<String> = {
            let mut p = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            p.drain().collect()
        };
        if hashes.is_empty() {
            return Ok(());
        }
        store::accounts::touch_api_tokens(db, &hashes, store::now()).await
    }
}

/// Totals of the event search by filter: counting thousands of matching events on every
/// page would cost more than the page; a count a few seconds old is as good. A stale count
/// is served while one request refreshes it (no stampede of counts under load).
#[derive(Debug, Default)]
pub struct SearchCounts {
    map: std::sync::Mutex<std::collections::HashMap<String, (Instant, i64, bool)>>,
}

/// What the cache knows of a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cached {
    /// Fresh: use it.
    Fresh(i64),
    /// Stale and someone else refreshes it: use it.
    Stale(i64),
    /// Stale (or absent): the caller refreshes it and then calls `put`.
    Refresh(Option<i64>),
}

impl SearchCounts {
    const TTL: Duration = Duration::from_secs(10);
    const MAX: usize = 10_000;

    /// The count for `key`, and whether this caller should compute it.
    pub fn get(&self, key: &str) -> Cached {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        match map.get_mut(key) {
            Some((at, n, _)) if at.elapsed() < Self::TTL => Cached::Fresh(*n),
            Some((_, n, true)) => Cached::Stale(*n),
            Some((_, n, refreshing)) => {
                *refreshing = true;
                Cached::Refresh(Some(*n))
            }
            None => Cached::Refresh(None),
        }
    }
    /// Remembers the count for `key`.
    pub fn put(&self, key: String, n: i64) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= Self::MAX {
            map.retain(|_, (at, _, _)| at.elapsed() < Self::TTL);
            if map.len() >= Self::MAX {
                map.clear();
            }
        }
        map.insert(key, (Instant::now(), n, false));
    }
    /// Forgets every count (after a change that moves them).
    pub fn clear(&self) {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// A number that moves at every change of what anonymous pages show; caches of rendered
/// pages keep only what was rendered in the current generation.
#[derive(Debug, Default)]
pub struct Generation(std::sync::atomic::AtomicU64);

impl Generation {
    /// Something changed: what was rendered before now is stale.
    pub fn bump(&self) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }
    /// The current generation.
    pub fn current(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::Acquire)
    }
}
