//! E-mail: composed in the recipient's language, queued in the outbox, delivered by a
//! worker through SMTP when configured, otherwise logged (and shown on the mailbox page).

use std::time::Duration;

use domain::{Action, Lang, Resource};
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::auth::SignedIn;
use crate::i18n::{self, Arg};
use crate::{App, OpError, SmtpSettings};

/// The kinds of e-mail erikti sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// Confirm a new account.
    Confirm,
    /// Someone tried to sign up with an address that has an account.
    AlreadyRegistered,
    /// Reset a password.
    Reset,
    /// Confirm a new e-mail address.
    ChangeEmail,
}

impl MailKind {
    /// Stored code and message-key stem.
    pub fn code(self) -> &'static str {
        match self {
            MailKind::Confirm => "confirm",
            MailKind::AlreadyRegistered => "already_registered",
            MailKind::Reset => "reset",
            MailKind::ChangeEmail => "change_email",
        }
    }
}

/// Queues a translated message and wakes the worker.
pub async fn send(
    state: &App,
    to: &str,
    lang: Lang,
    kind: MailKind,
    link: Option<&str>,
) -> Result<(), store::Error> {
    let stem = kind.code();
    let subject = i18n::t(lang, &format!("mail_{stem}_subject"));
    let login = format!("{}/login", state.settings.public_url.trim_end_matches('/'));
    let body = i18n::t_args(
        lang,
        &format!("mail_{stem}_body"),
        &[
            ("link", Arg::Str(link.unwrap_or(&login).to_owned())),
            ("email", Arg::Str(to.to_owned())),
        ],
    );
    store::outbox::enqueue(&state.db, to, &subject, &body, stem).await?;
    state.mail_wake.notify_one();
    Ok(())
}

/// Queues a translated message `mail_{stem}_subject` / `mail_{stem}_body` with arguments.
pub async fn send_with(
    state: &App,
    to: &str,
    lang: Lang,
    stem: &str,
    args: &[(&str, Arg)],
) -> Result<(), store::Error> {
    let m = compose(to.to_owned(), lang, stem, args);
    store::outbox::enqueue(&state.db, &m.to, &m.subject, &m.body, &m.kind).await?;
    state.mail_wake.notify_one();
    Ok(())
}

/// The outbox, newest first (the last 200 messages): the national admin's view of what
/// was sent, and the only place a deployment without SMTP shows its mail.
pub async fn outbox(state: &App, me: &SignedIn) -> Result<Vec<store::outbox::Message>, OpError> {
    domain::authorize(&me.actor(), Action::ViewMailbox, &Resource::Site)?;
    Ok(store::outbox::recent(&state.db, None, 200).await?)
}

/// The message `mail_{stem}_subject` / `mail_{stem}_body` in `lang`, for `to`.
pub fn compose(to: String, lang: Lang, stem: &str, args: &[(&str, Arg)]) -> store::outbox::Mail {
    store::outbox::Mail {
        to,
        subject: i18n::t_args(lang, &format!("mail_{stem}_subject"), args),
        body: i18n::t_args(lang, &format!("mail_{stem}_body"), args),
        kind: stem.to_owned(),
    }
}

fn transport(smtp: &SmtpSettings) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let builder = match smtp.security.as_str() {
        "tls" => {
            AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host).map_err(|e| e.to_string())?
        }
        "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
        _ => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
            .map_err(|e| e.to_string())?,
    };
    let builder = builder
        .port(smtp.port)
        .timeout(Some(Duration::from_secs(20)));
    let builder = match (&smtp.username, &smtp.password) {
        (Some(u), Some(p)) => builder.credentials(Credentials::new(u.clone(), p.clone())),
        _ => builder,
    };
    Ok(builder.build())
}

const MAX_ATTEMPTS: i64 = 8;

fn smtp_message(cfg: &SmtpSettings, m: &store::outbox::Message) -> Result<Message, String> {
    let from = cfg.from.parse().map_err(|e| format!("smtp.from: {e}"))?;
    let to = m.to_addr.parse().map_err(|e| format!("recipient: {e}"))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(m.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(m.body_text.clone())
        .map_err(|e| e.to_string())
}

/// Delivers what is due once; returns how many messages were handled.
pub async fn deliver_due(state: &App) -> Result<usize, store::Error> {
    let due = store::outbox::due(&state.db, 50).await?;
    let n = due.len();
    let smtp = state.settings.smtp.as_ref();
    let transport = smtp.map(transport);
    let mut logged = Vec::new();
    for m in due {
        if m.channel == "sms" {
            match state.sms.send(&m.to_addr, &m.body_text).await {
                Ok(()) => logged.push(m.id),
                Err(error) => {
                    tracing::warn!(%error, "SMS delivery failed");
                    store::outbox::mark_failed(&state.db, m.id, &error, MAX_ATTEMPTS).await?
                }
            }
            continue;
        }
        let outcome = match (&transport, smtp) {
            (Some(Ok(t)), Some(cfg)) => match smtp_message(cfg, &m) {
                Ok(msg) => t
                    .send(msg)
                    .await
                    .map(|_| "sent")
                    .map_err(|e| (e.to_string(), MAX_ATTEMPTS)),
                // A malformed address will not get better by retrying.
                Err(e) => Err((e, 1)),
            },
            (Some(Err(e)), _) => Err((e.clone(), MAX_ATTEMPTS)),
            _ => {
                // No SMTP: the message stays in the outbox (mailbox page) and goes to the log.
                tracing::info!(
                    to = %m.to_addr,
                    subject = %m.subject,
                    body = %m.body_text,
                    "e-mail (no SMTP configured)"
                );
                Ok("logged")
            }
        };
        match outcome {
            // Written to the log: marked with the rest of the batch below.
            Ok("logged") => logged.push(m.id),
            Ok(delivery) => store::outbox::mark_delivered(&state.db, m.id, delivery).await?,
            Err((error, max)) => {
                tracing::warn!(to = %m.to_addr, %error, "e-mail delivery failed");
                store::outbox::mark_failed(&state.db, m.id, &error, max).await?
            }
        }
    }
    store::outbox::mark_all_delivered(&state.db, &logged, "logged").await?;
    Ok(n)
}

/// The outbox worker: runs until `shutdown` resolves.
pub async fn run_outbox(state: App, shutdown: tokio::sync::watch::Receiver<bool>) {
    let mut shutdown = shutdown;
    loop {
        if let Err(e) = deliver_due(&state).await {
            tracing::error!(error = %e, "outbox delivery failed");
        }
        tokio::select! {
            _ = state.mail_wake.notified() => {}
            _ = tokio::time::sleep(state.settings.outbox_poll) => {}
            _ = shutdown.changed() => return,
        }
    }
}

/// Sends text messages. Deployments plug their SMS gateway in here; without one, messages
/// go to the log (and stay visible to the national admin in the outbox).
pub trait SmsSender: Send + Sync + std::fmt::Debug {
    /// Sends `text` to `to` (E.164).
    fn send<'a>(
        &'a self,
        to: &'a str,
        text: &'a str,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + Send + 'a>>;
}

/// The SMS sender without a gateway: writes each message to the log.
#[derive(Debug, Default)]
pub struct LogSms;

impl SmsSender for LogSms {
    fn send<'a>(
        &'a self,
        to: &'a str,
        text: &'a str,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + Send + 'a>> {
        Box::pin(async move {
            tracing::info!(to = %to, text = %text, "SMS (no gateway configured)");
            Ok(())
        })
    }
}
