//! erikti web: axum pages (askama), the JSON API at /api/v1, auth, i18n and operations.
//!
//! Data flows one way: HTTP → handler (parse, authorise) → domain → store → response.

pub mod accounts;
pub mod api;
pub mod auth;
pub mod book;
pub mod certificates;
pub mod ctx;
pub mod error;
pub mod events;
pub mod export;
pub mod help;
pub mod i18n;
pub mod ical;
pub mod imports;
pub mod jobs;
pub mod keys;
pub mod mail;
pub mod ops;
pub mod orgs;
pub mod page_cache;
pub mod pages;
pub mod ratelimit;
pub mod register;
pub mod security;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use store::Db;
use store::stats::Counters;
use tokio::sync::{Notify, RwLock};

/// SMTP delivery settings; without them e-mail is logged and shown on the mailbox page.
#[derive(Clone, serde::Deserialize)]
pub struct SmtpSettings {
    /// Server host.
    pub host: String,
    /// Server port (587 with STARTTLS by default).
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    /// Login.
    #[serde(default)]
    pub username: Option<String>,
    /// Password (never logged).
    #[serde(default)]
    pub password: Option<String>,
    /// Sender address.
    pub from: String,
    /// `starttls` (default), `tls` or `none` (local relays only).
    #[serde(default = "default_smtp_security")]
    pub security: String,
}

fn default_smtp_port() -> u16 {
    587
}
fn default_smtp_security() -> String {
    "starttls".into()
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .field("from", &self.from)
            .field("security", &self.security)
            .finish()
    }
}

/// Limits of the rate limiter (attempts per window).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(default)]
pub struct RateLimits {
    /// Sign-ups per IP per hour.
    pub signup_per_ip_hour: u32,
    /// Log-in attempts per IP per minute.
    pub login_per_ip_minute: u32,
    /// Failed log-ins per account per 15 minutes.
    pub login_per_account_15min: u32,
    /// E-mails (reset, change) per address per hour.
    pub mail_per_address_hour: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            signup_per_ip_hour: 20,
            login_per_ip_minute: 30,
            login_per_account_15min: 10,
            mail_per_address_hour: 5,
        }
    }
}

/// Argon2id cost (memory KiB, iterations, lanes).
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(default)]
pub struct ArgonCost {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Iterations.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl Default for ArgonCost {
    fn default() -> Self {
        // OWASP's recommended minimum for Argon2id.
        Self {
            m_kib: 19_456,
            t: 2,
            p: 1,
        }
    }
}

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Public base URL (links in e-mail); `https://` makes cookies `Secure`.
    pub public_url: String,
    /// SMTP, when configured.
    pub smtp: Option<SmtpSettings>,
    /// Session lifetime in days.
    pub session_days: i64,
    /// Rate limits.
    pub rate_limits: RateLimits,
    /// Password hashing cost.
    pub argon: ArgonCost,
    /// Trust `X-Forwarded-For` / `X-Forwarded-Proto` (only behind your own proxy).
    pub trust_proxy: bool,
    /// How often the outbox worker looks for due messages.
    pub outbox_poll: Duration,
    /// How long the home counters count as fresh.
    pub counters_ttl: Duration,
    /// Applications and attendance.
    pub opportunities: OpportunitySettings,
    /// How long an anonymous search or event page may be served again (zero: never); see
    /// [`page_cache`].
    pub page_cache_ttl: Duration,
    /// Folder of the platform's signing keys (made on first start); see [`keys`].
    pub keys_dir: std::path::PathBuf,
    /// Benefit rules over confirmed hours (versioned).
    pub benefits: Vec<domain::benefits::Rule>,
}

/// Rules of applications that a deployment may tune.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(default)]
pub struct OpportunitySettings {
    /// Under this age a parent's written consent is recorded before acceptance.
    pub consent_age: u32,
    /// The coordinator is reminded of a pending application after this many days.
    pub remind_after_days: i64,
    /// After this many days a pending application appears in the region's front-office.
    pub escalate_after_days: i64,
    /// How long a check-in QR code stays valid, in minutes.
    pub qr_minutes: i64,
    /// How often the scheduler runs (reminders, next shift of events), in seconds.
    pub scheduler_seconds: u64,
    /// Claimed hours unanswered this many days may be escalated to the front-office.
    pub hours_escalate_after_days: i64,
    /// The personal data of a closed help request is erased after this many days.
    pub help_erase_after_days: i64,
}

impl Default for OpportunitySettings {
    fn default() -> Self {
        Self {
            consent_age: 16,
            remind_after_days: 3,
            escalate_after_days: 7,
            qr_minutes: 10,
            scheduler_seconds: 60,
            hours_escalate_after_days: 14,
            help_erase_after_days: 90,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:8080".into(),
            smtp: None,
            session_days: 30,
            rate_limits: RateLimits::default(),
            argon: ArgonCost::default(),
            trust_proxy: false,
            outbox_poll: Duration::from_secs(2),
            counters_ttl: Duration::from_secs(10),
            opportunities: OpportunitySettings::default(),
            page_cache_ttl: Duration::from_secs(2),
            keys_dir: "data/keys".into(),
            benefits: domain::benefits::default_rules(),
        }
    }
}

impl Settings {
    /// Whether cookies carry `Secure`.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

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

/// A cached list: which one, in which language.
type CacheKey = (&'static str, domain::Lang);

/// Serialized JSON of reference lists per language, kept for a minute: they change
/// rarely, and every server re-reads them after the TTL.
#[derive(Debug, Default)]
pub struct JsonCache {
    map: std::sync::RwLock<std::collections::HashMap<CacheKey, (Instant, axum::body::Bytes)>>,
}

const JSON_CACHE_TTL: Duration = Duration::from_secs(60);

impl JsonCache {
    /// The cached body for `key` in `lang`, if fresh.
    pub fn get(&self, key: &'static str, lang: domain::Lang) -> Option<axum::body::Bytes> {
        let map = self.map.read().unwrap_or_else(|e| e.into_inner());
        map.get(&(key, lang))
            .filter(|(at, _)| at.elapsed() < JSON_CACHE_TTL)
            .map(|(_, b)| b.clone())
    }
    /// Stores a body.
    pub fn put(&self, key: &'static str, lang: domain::Lang, body: axum::body::Bytes) {
        self.map
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert((key, lang), (Instant::now(), body));
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
    pub fn region_choices(
        &self,
        lang: domain::Lang,
        selected: &str,
    ) -> Vec<pages::profile::Choice> {
        self.regions
            .iter()
            .map(|r| (r.code.clone(), r.name(lang).to_owned(), r.code == selected))
            .collect()
    }

    /// Direction options (directions, not programmes): (code, name in `lang`, selected).
    pub fn direction_choices(
        &self,
        lang: domain::Lang,
        selected: &str,
    ) -> Vec<pages::profile::Choice> {
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
    ) -> Vec<pages::profile::Choice> {
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
            && at.elapsed() < JSON_CACHE_TTL
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

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Settings.
    pub settings: Arc<Settings>,
    /// Home counters.
    pub counters: Arc<CountersCache>,
    /// Reference lists as JSON.
    pub json_cache: Arc<JsonCache>,
    /// Reference lists for pages.
    pub reference: Arc<RefCache>,
    /// Rate limiter.
    pub limiter: Arc<ratelimit::RateLimiter>,
    /// Request metrics.
    pub metrics: Arc<ops::Metrics>,
    /// Wakes the outbox worker.
    pub mail_wake: Arc<Notify>,
    /// A hash to verify against when the account does not exist (same timing).
    pub dummy_hash: Arc<String>,
    /// The server's secret for signed check-in codes (loaded once from the database).
    pub check_in_secret: Arc<tokio::sync::OnceCell<Vec<u8>>>,
    /// Counts of the event search by filter, fresh for a few seconds.
    pub search_counts: Arc<SearchCounts>,
    /// Anonymous search and event pages, as rendered.
    pub page_cache: Arc<page_cache::PageCache>,
    /// The platform's signing keys.
    pub keys: Arc<keys::KeyRing>,
    /// API tokens used since their "last used" time was last written.
    pub token_touches: Arc<TokenTouches>,
    /// Imports of paper records being applied.
    pub import_jobs: Arc<imports::Jobs>,
    /// Where text messages go.
    pub sms: Arc<dyn mail::SmsSender>,
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

impl AppState {
    /// State over `db` with `settings`. Panics when the signing keys cannot be read or made
    /// (the binary checks them first with [`keys::KeyRing::load_or_create`]).
    pub fn new(db: Db, settings: Settings) -> Self {
        let keys = keys::KeyRing::load_or_create(&settings.keys_dir)
            .unwrap_or_else(|e| panic!("signing keys in {}: {e}", settings.keys_dir.display()));
        let dummy_hash = auth::hash_password(&settings.argon, "erikti-dummy-password-for-timing")
            .expect("argon2 hashing works");
        Self {
            db,
            counters: Arc::new(CountersCache::new(settings.counters_ttl)),
            page_cache: Arc::new(page_cache::PageCache::new(settings.page_cache_ttl)),
            keys: Arc::new(keys),
            token_touches: Arc::new(TokenTouches::default()),
            import_jobs: Arc::new(imports::Jobs::default()),
            sms: Arc::new(mail::LogSms),
            settings: Arc::new(settings),
            json_cache: Arc::new(JsonCache::default()),
            reference: Arc::new(RefCache::default()),
            limiter: Arc::new(ratelimit::RateLimiter::default()),
            metrics: Arc::new(ops::Metrics::default()),
            mail_wake: Arc::new(Notify::new()),
            dummy_hash: Arc::new(dummy_hash),
            check_in_secret: Arc::new(tokio::sync::OnceCell::new()),
            search_counts: Arc::new(SearchCounts::default()),
        }
    }
}

/// Largest request body accepted (forms and JSON).
pub const BODY_LIMIT: usize = 64 * 1024;

/// The whole application: pages, API, static files, operations, with security layers.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(pages::router())
        .nest("/api/v1", api::router())
        .merge(ops::router())
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            page_cache::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::csrf_and_headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ops::track_metrics,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// Today's date in Kazakhstan (UTC+5 everywhere since 2024).
pub fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(5)).date_naive()
}
