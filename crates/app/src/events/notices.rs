//! The e-mail that tells volunteers what happened to their applications, in their
//! language, unless they turned its category off.

use domain::Lang;
use store::shifts as store_shifts;
use uuid::Uuid;

use crate::App;
use crate::i18n::Arg;

/// Kinds of e-mail a volunteer can turn off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Acknowledgements and decisions on her applications.
    Decisions,
    /// Promotion from the waitlist.
    Waitlist,
    /// Cancelled events.
    Cancellations,
    /// Reminders the day before a shift.
    Reminders,
}

impl Category {
    /// Every category, in the order of the settings page.
    pub const ALL: [Category; 4] = [
        Category::Decisions,
        Category::Waitlist,
        Category::Cancellations,
        Category::Reminders,
    ];
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Category::Decisions => "decisions",
            Category::Waitlist => "waitlist",
            Category::Cancellations => "cancellations",
            Category::Reminders => "reminders",
        }
    }
}

impl Category {
    /// The category of a stored code; none for an unknown one.
    pub fn parse(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Whether the stored list of turned-off categories holds `c`.
pub fn off(list: &str, c: Category) -> bool {
    list.split(',').any(|x| x == c.code())
}

/// A link to `path` on the public site (for e-mail).
pub(super) fn link(state: &App, path: &str) -> String {
    format!("{}{path}", state.settings.public_url.trim_end_matches('/'))
}

/// Queues an e-mail; a failure is logged (what it tells of is already committed).
pub(super) async fn mail(state: &App, to: &str, lang: Lang, stem: &str, args: &[(&str, Arg)]) {
    if let Err(e) = crate::mail::send_with(state, to, lang, stem, args).await {
        tracing::warn!(error = %e, stem, "queueing an e-mail failed");
    }
}

/// Tells the volunteer of an application about it (`mail_{stem}_*`), unless she turned the
/// category off. Failures are logged: the decision itself is already committed.
pub async fn notify(state: &App, application: Uuid, stem: &str, category: Category) {
    let n = match store_shifts::notice(&state.db, application).await {
        Ok(Some(n)) => n,
        Ok(None) => return,
        Err(e) => {
            tracing::warn!(error = %e, "loading a notice failed");
            return;
        }
    };
    send_notice(state, &n, stem, category).await;
}

/// Sends one notice (see [`notify`]).
pub async fn send_notice(state: &App, n: &store_shifts::Notice, stem: &str, category: Category) {
    let Some(m) = compose_notice(state, n, stem, category) else {
        return;
    };
    match store::outbox::enqueue(&state.db, &m.to, &m.subject, &m.body, &m.kind).await {
        Ok(_) => state.mail_wake.notify_one(),
        Err(e) => tracing::warn!(error = %e, stem, "queueing an e-mail failed"),
    }
}

/// The message of one notice in the volunteer's language (`mail_{stem}_*`), or none when
/// she turned the category off.
pub fn compose_notice(
    state: &App,
    n: &store_shifts::Notice,
    stem: &str,
    category: Category,
) -> Option<store::outbox::Mail> {
    if off(&n.notify_off, category) {
        return None;
    }
    let l = Lang::parse(&n.lang).unwrap_or_default();
    let title = crate::i18n::in_lang(l, &n.title_kk, &n.title_ru, &n.title_en);
    let status = crate::i18n::t(l, &format!("application_status_{}", n.status));
    let args = [
        ("name", Arg::Str(n.display_name.clone())),
        ("event", Arg::Str(title)),
        ("start", Arg::Str(domain::format_datetime(n.starts_at, l))),
        ("status", Arg::Str(status)),
        ("reason", Arg::Str(n.reason.clone().unwrap_or_default())),
        (
            "link",
            Arg::Str(link(state, &format!("/events/{}", n.event_id))),
        ),
    ];
    Some(crate::mail::compose(n.email.clone(), l, stem, &args))
}
