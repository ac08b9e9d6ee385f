//! erikti's operations: what the pages, the API and the command line share.
//!
//! Each operation parses its input, authorises the caller once (with `domain::authz`),
//! decides with the domain's rules, writes with the store and notifies. Nothing here knows
//! HTTP: `web` extracts and renders, `erikti` (the binary) parses its command line, and both
//! call these functions.
//!
//! ```text
//! web ─┐
//!      ├─► app ─► domain
//! erikti┘      └─► store ─► domain
//! ```

pub mod accounts;
pub mod auth;
pub mod book;
pub mod caches;
pub mod certificates;
pub mod charity;
pub mod error;
pub mod events;
pub mod export;
pub mod help;
pub mod i18n;
pub mod imports;
pub mod jobs;
pub mod keys;
pub mod mail;
pub mod organizations;
pub mod ratelimit;
pub mod reference;
pub mod register;
pub mod settings;
pub mod transparency;

use std::sync::Arc;

/// The database handle and its error, which read operations pass through.
pub use store::{Db, Error as StoreError};
use tokio::sync::Notify;

pub use caches::{
    Cached, Choice, CountersCache, Generation, RefCache, RefLists, SearchCounts, TokenTouches,
};
pub use error::{Errors, OpError};
pub use settings::{
    ArgonCost, OpportunitySettings, PaymentSettings, RateLimits, Settings, SmtpSettings,
};

/// What every operation works with: the database, the settings, the keys and the caches
/// shared by the requests of one server.
#[derive(Clone)]
pub struct App {
    /// The database.
    pub db: Db,
    /// Settings.
    pub settings: Arc<Settings>,
    /// Home counters.
    pub counters: Arc<CountersCache>,
    /// Reference lists for pages.
    pub reference: Arc<RefCache>,
    /// Rate limiter.
    pub limiter: Arc<ratelimit::RateLimiter>,
    /// Wakes the outbox worker.
    pub mail_wake: Arc<Notify>,
    /// A hash to verify against when the account does not exist (same timing).
    pub dummy_hash: Arc<String>,
    /// The server's secret for signed check-in codes (loaded once from the database).
    pub check_in_secret: Arc<tokio::sync::OnceCell<Vec<u8>>>,
    /// Counts of the event search by filter, fresh for a few seconds.
    pub search_counts: Arc<SearchCounts>,
    /// The platform's signing keys.
    pub keys: Arc<keys::KeyRing>,
    /// API tokens used since their "last used" time was last written.
    pub token_touches: Arc<TokenTouches>,
    /// Imports of paper records being applied.
    pub import_jobs: Arc<imports::Jobs>,
    /// Where text messages go.
    pub sms: Arc<dyn mail::SmsSender>,
    /// Moves at every change that anonymous pages show (caches of rendered pages follow it).
    pub generation: Arc<Generation>,
    /// What the server's watch over the transparency log last found.
    pub log_watch: Arc<transparency::Watch>,
    /// Certificates this server has checked (their documents parsed and proven once).
    pub certificates_seen: Arc<certificates::SeenCertificates>,
}

impl App {
    /// The operations over `db` with `settings`. Panics when the signing keys cannot be read
    /// or made (the binary checks them first with [`keys::KeyRing::load_or_create`]).
    pub fn new(db: Db, settings: Settings) -> Self {
        let keys = keys::KeyRing::load_or_create(&settings.keys_dir)
            .unwrap_or_else(|e| panic!("signing keys in {}: {e}", settings.keys_dir.display()));
        let dummy_hash = auth::hash_password(&settings.argon, "erikti-dummy-password-for-timing")
            .expect("argon2 hashing works");
        Self {
            db,
            counters: Arc::new(CountersCache::new(settings.counters_ttl)),
            keys: Arc::new(keys),
            token_touches: Arc::new(TokenTouches::default()),
            import_jobs: Arc::new(imports::Jobs::default()),
            sms: Arc::new(mail::LogSms),
            settings: Arc::new(settings),
            reference: Arc::new(RefCache::default()),
            limiter: Arc::new(ratelimit::RateLimiter::default()),
            mail_wake: Arc::new(Notify::new()),
            dummy_hash: Arc::new(dummy_hash),
            check_in_secret: Arc::new(tokio::sync::OnceCell::new()),
            search_counts: Arc::new(SearchCounts::default()),
            generation: Arc::new(Generation::default()),
            log_watch: Arc::new(transparency::Watch::default()),
            certificates_seen: Arc::new(certificates::SeenCertificates::default()),
        }
    }
}

/// Today's date in Kazakhstan (UTC+5 everywhere since 2024).
pub fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(5)).date_naive()
}
