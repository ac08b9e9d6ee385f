//! Reference lists (regions, directions, activity types, beneficiary categories) and the
//! public counters: what anyone may read, the same for every caller, so no caller is asked
//! for and nothing is authorised.

use store::reference::Region;

/// A row of a reference list (a direction, an activity type) in all languages.
pub use store::reference::RefRow;
use store::stats::Counters;

use crate::{App, OpError};

/// The 20 regions, for the API's list (read afresh: the API keeps its own JSON cache).
pub async fn regions(app: &App) -> Result<Vec<Region>, OpError> {
    Ok(store::reference::regions(&app.db).await?)
}

/// Directions (programmes and their directions), for the API's list.
pub async fn directions(app: &App) -> Result<Vec<RefRow>, OpError> {
    Ok(store::reference::directions(&app.db).await?)
}

/// Activity types of the law, for the API's list.
pub async fn activity_types(app: &App) -> Result<Vec<RefRow>, OpError> {
    Ok(store::reference::activity_types(&app.db).await?)
}

/// Beneficiary categories, for the API's list.
pub async fn beneficiary_categories(app: &App) -> Result<Vec<RefRow>, OpError> {
    Ok(store::reference::beneficiary_categories(&app.db).await?)
}

/// The live counters of the home page and the API (from memory while fresh).
pub async fn counters(app: &App) -> Result<Counters, OpError> {
    Ok(app.counters.get(&app.db).await?)
}
