//! Events, shifts and applications over JSON: everything the pages do.
//!
//! One file per part, as in `app::events`: [`editing`], [`search`], [`applications`],
//! [`attendance`], [`volunteer`]. Everything is re-exported here (the routes and the
//! OpenAPI document name `events::create`, ...).

pub mod applications;
pub mod attendance;
pub mod editing;
pub mod search;
pub mod volunteer;

pub use applications::*;
pub use attendance::*;
pub use editing::*;
pub use search::*;
pub use volunteer::*;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A created object.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// Key.
    pub id: Uuid,
}

/// Created objects.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedMany {
    /// Keys, in order.
    pub ids: Vec<Uuid>,
}

/// A reason.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReasonRequest {
    /// Why (required).
    #[schema(
        required = true,
        min_length = 1,
        pattern = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
    )]
    pub reason: String,
}
