//! The scheduler: once a minute it refreshes the next shift of events whose shift has
//! begun, reminds volunteers of tomorrow's shifts, coordinators of applications waiting
//! too long and organizations of closing reports of collections due soon or overdue. Each
//! reminder is marked in the database as it is taken, so none goes twice.

use std::time::Duration;

use crate::App;
use crate::events::{Category, send_notice};
use crate::i18n::Arg;

/// One pass; returns (events refreshed, volunteers reminded, coordinators reminded).
pub async fn tick(state: &App) -> Result<(u64, usize, usize), store::Error> {
    state.token_touches.flush(&state.db).await?;
    let refreshed = store::events::refresh_next_start(&state.db).await?;
    if refreshed > 0 {
        state.search_counts.clear();
        state.generation.bump();
    }
    let due = store::shifts::due_shift_reminders(&state.db, chrono::Duration::hours(24)).await?;
    for n in &due {
        send_notice(state, n, "shift_reminder", Category::Reminders).await;
    }
    let days = state.settings.opportunities.remind_after_days;
    let waiting =
        store::shifts::due_coordinator_reminders(&state.db, chrono::Duration::days(days)).await?;
    // One message per organization and member, listing its events.
    let mut by_org: std::collections::BTreeMap<uuid::Uuid, Vec<&store::shifts::Waiting>> =
        Default::default();
    for w in &waiting {
        by_org.entry(w.organization_id).or_default().push(w);
    }
    let base = state.settings.public_url.trim_end_matches('/').to_owned();
    for (org, items) in by_org {
        let members = store::organizations::member_contacts(&state.db, org).await?;
        for m in members {
            let lang = domain::Lang::parse(&m.preferred_lang).unwrap_or_default();
            let mut events: Vec<String> = items
                .iter()
                .map(|w| {
                    format!(
                        "{} — {base}/events/{}/manage",
                        crate::i18n::in_lang(lang, &w.title_kk, &w.title_ru, &w.title_en),
                        w.event_id
                    )
                })
                .collect();
            events.dedup();
            let args = [
                ("name", Arg::Str(m.display_name.clone())),
                (
                    "n",
                    Arg::Num(i64::try_from(items.len()).unwrap_or(i64::MAX)),
                ),
                ("events", Arg::Str(events.join("\n"))),
            ];
            if let Err(e) =
                crate::mail::send_with(state, &m.email, lang, "pending_reminder", &args).await
            {
                tracing::warn!(error = %e, "queueing a reminder failed");
            }
        }
    }
    // Closing reports due within a week, or overdue: their owners and treasurers.
    let reports = crate::charity::report::remind(state).await?;
    if reports > 0 {
        tracing::info!(collections = reports, "closing report reminders");
    }
    Ok((refreshed, due.len(), waiting.len()))
}

/// Runs [`tick`] every `scheduler_seconds` until shutdown.
pub async fn run(state: App, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    let every = Duration::from_secs(state.settings.opportunities.scheduler_seconds.max(1));
    loop {
        // A pass is cancelled by shutdown: each of its statements stands alone.
        let pass = tokio::select! {
            r = tick(&state) => r,
            _ = shutdown.changed() => break,
        };
        match pass {
            Ok((r, v, c)) if r + v as u64 + c as u64 > 0 => {
                tracing::info!(
                    events = r,
                    volunteers = v,
                    coordinators = c,
                    "scheduler pass"
                );
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "scheduler pass failed"),
        }
        // The transparency log: new entries hashed in, a checkpoint signed, the log checked.
        crate::transparency::watch(&state, &state.log_watch).await;
        // Personal data of help requests closed long enough ago.
        match crate::help::erase_old(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(requests = n, "personal data of closed help requests erased"),
            Err(e) => tracing::warn!(error = ?e, "erasing closed help requests failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => break,
        }
    }
    // The uses noted since the last pass are not lost at shutdown.
    if let Err(e) = state.token_touches.flush(&state.db).await {
        tracing::warn!(error = %e, "writing the last use of API tokens failed");
    }
}
