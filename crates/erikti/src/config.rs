//! Configuration in layers: defaults in code → optional TOML file → `ERIKTI_*` environment.

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use serde::Deserialize;

/// Everything the binary can be configured with.
#[derive(Clone, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Address to listen on.
    pub bind: String,
    /// `sqlite://path` or `postgres://...`.
    pub database_url: String,
    /// Public base URL for links in e-mail; defaults to http://{bind}.
    pub public_url: Option<String>,
    /// `text` or `json`.
    pub log_format: String,
    /// Log filter, e.g. `info` or `erikti=debug,info`.
    pub log: String,
    /// Pool size (default: 16 on SQLite, 32 on PostgreSQL, whose sessions wait on row
    /// locks while others proceed).
    pub max_connections: Option<u32>,
    /// Session lifetime in days.
    pub session_days: i64,
    /// Trust X-Forwarded-For (only behind your own reverse proxy).
    pub trust_proxy: bool,
    /// SMTP delivery; without it e-mail is logged and kept in the outbox.
    pub smtp: Option<app::SmtpSettings>,
    /// Rate limits.
    pub rate_limits: app::RateLimits,
    /// Password hashing cost.
    pub argon: app::ArgonCost,
    /// Applications: consent age, reminder and escalation delays, QR validity.
    pub opportunities: app::OpportunitySettings,
    /// How long an anonymous search or event page is served again, in milliseconds (0: off).
    pub page_cache_ms: u64,
    /// Folder of the platform's Ed25519 signing keys (outside the database).
    pub keys_dir: String,
    /// Benefit rules over confirmed hours (`[[benefits]]` tables in the file; versioned by
    /// `code`, `version`, `valid_from`).
    pub benefits: Vec<domain::benefits::Rule>,
    /// The card payment provider (`[payments]`: provider, secret, checkout_url; the secret
    /// also as `ERIKTI_PAYMENTS__SECRET`).
    pub payments: app::PaymentSettings,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            database_url: "sqlite://data/erikti.db".into(),
            public_url: None,
            log_format: "text".into(),
            log: "info".into(),
            max_connections: None,
            session_days: 30,
            trust_proxy: false,
            smtp: None,
            rate_limits: app::RateLimits::default(),
            argon: app::ArgonCost::default(),
            opportunities: app::OpportunitySettings::default(),
            page_cache_ms: 2_000,
            keys_dir: "data/keys".into(),
            benefits: domain::benefits::default_rules(),
            payments: app::PaymentSettings::default(),
        }
    }
}

/// The URL with any password replaced, for logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => {
                    format!("{}{user}:[redacted]{}", &url[..scheme_end + 3], &url[at..])
                }
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field("database_url", &redact_url(&self.database_url))
            .field("public_url", &self.public_url)
            .field("log_format", &self.log_format)
            .field("max_connections", &self.max_connections)
            .field("session_days", &self.session_days)
            .field("trust_proxy", &self.trust_proxy)
            .field("smtp", &self.smtp)
            .field("opportunities", &self.opportunities)
            .field("page_cache_ms", &self.page_cache_ms)
            .field("keys_dir", &self.keys_dir)
            .field("payments", &self.payments)
            .finish()
    }
}

impl Config {
    /// Loads the layers; the file is optional.
    pub fn load(path: &str) -> anyhow::Result<Config> {
        Figment::new()
            .merge(Toml::file(path))
            .merge(Env::prefixed("ERIKTI_").split("__"))
            .extract()
            .map_err(|e| anyhow::anyhow!("configuration: {e}"))
    }

    /// Pool settings.
    pub fn connect_options(&self) -> store::ConnectOptions {
        store::ConnectOptions {
            max_connections: self.max_connections.unwrap_or(
                if self.database_url.starts_with("postgres") {
                    32
                } else {
                    16
                },
            ),
        }
    }

    /// Settings of the web layer.
    pub fn app_settings(&self) -> app::Settings {
        app::Settings {
            public_url: self
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", self.bind)),
            smtp: self.smtp.clone(),
            session_days: self.session_days,
            rate_limits: self.rate_limits.clone(),
            argon: self.argon,
            trust_proxy: self.trust_proxy,
            opportunities: self.opportunities,
            page_cache_ttl: std::time::Duration::from_millis(self.page_cache_ms),
            keys_dir: self.keys_dir.clone().into(),
            benefits: self.benefits.clone(),
            payments: self.payments.clone(),
            ..app::Settings::default()
        }
    }
}

/// Text logs by default, JSON with `ERIKTI_LOG_FORMAT=json`.
pub fn init_tracing(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_new(&config.log)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if config.log_format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_database_urls_are_redacted() {
        assert_eq!(
            redact_url("postgres://erikti:s3cret@db:5432/erikti"),
            "postgres://erikti:[redacted]@db:5432/erikti"
        );
        assert_eq!(
            redact_url("sqlite://data/erikti.db"),
            "sqlite://data/erikti.db"
        );
        let c = Config {
            database_url: "postgres://u:hunter2@h/db".into(),
            ..Config::default()
        };
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
