//! Settings of the operations that a deployment tunes (the binary reads them from its
//! configuration; defaults are safe for a laptop).

use std::time::Duration;

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
    /// The card payment provider.
    pub payments: PaymentSettings,
}

/// The card payment provider: where donors pay (its hosted page) and the secret its
/// notifications are signed with (HMAC-SHA256 over the raw body). Without a secret,
/// notifications are refused and card donations are not offered.
#[derive(Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct PaymentSettings {
    /// The provider's name in the notification address (`/api/v1/payments/{provider}/notify`).
    pub provider: String,
    /// The shared secret (never logged).
    pub secret: Option<String>,
    /// The provider's hosted payment page; the donor is sent there with the payment's
    /// details as query parameters.
    pub checkout_url: Option<String>,
}

impl std::fmt::Debug for PaymentSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentSettings")
            .field("provider", &self.provider)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field("checkout_url", &self.checkout_url)
            .finish()
    }
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
            payments: PaymentSettings::default(),
        }
    }
}

impl Settings {
    /// Whether cookies carry `Secure`.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}
