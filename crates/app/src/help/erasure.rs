//! Erasure: the personal data of requests closed long enough ago is forgotten.

use chrono::Duration;
use store::help as store_help;

use crate::App;
use crate::OpError;

/// Erases the personal data of requests closed long enough ago (scheduler).
pub async fn erase_old(state: &App) -> Result<u64, OpError> {
    let days = state.settings.opportunities.help_erase_after_days;
    Ok(store_help::erase_closed(&state.db, store::now() - Duration::days(days)).await?)
}
