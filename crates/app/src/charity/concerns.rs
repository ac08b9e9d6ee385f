//! "Report a concern": anyone may tell the front-office that something about a public
//! collection looks wrong; the concern waits in the queue of the collection's region until
//! the front-office closes it.

use std::time::Duration;

use domain::{Action, Lang, Resource};
use store::charity::Concern;
use uuid::Uuid;

use super::visible;
use crate::auth::SignedIn;
use crate::organizations::allow;
use crate::{App, Errors, OpError};

/// Concerns one address may raise in an hour.
const PER_HOUR: u32 = 10;

/// Files a concern about a public collection. Refusals: invalid text or contact,
/// `rate_limited`.
pub async fn report(
    state: &App,
    lang: Lang,
    collection: Uuid,
    text: &str,
    contact: &str,
    ip: Option<&str>,
) -> Result<Uuid, OpError> {
    let c = visible(state, None, collection).await?;
    let mut errors = Errors::new(lang);
    let text = errors.check("text", domain::text::required_multiline_text(text, 2000));
    let contact = errors
        .check("contact", domain::optional_text(contact, 200))
        .flatten();
    let Some(text) = text.filter(|_| errors.is_empty()) else {
        return Err(OpError::Invalid(errors));
    };
    let key = format!("concern:{}", ip.unwrap_or("?"));
    if !state
        .limiter
        .allow(&key, PER_HOUR, Duration::from_secs(3600))
    {
        return Err(OpError::RateLimited);
    }
    Ok(store::charity::file_concern(&state.db, c.id, &text, contact.as_deref()).await?)
}

/// A region's open concerns (its front-office).
pub async fn open(state: &App, me: &SignedIn, region: &str) -> Result<Vec<Concern>, OpError> {
    let code = domain::RegionCode::parse(region).map_err(|_| OpError::NotFound)?;
    allow(
        Some(me),
        Action::RegisterCollections,
        &Resource::Region(code.clone()),
    )?;
    Ok(store::charity::open_concerns(&state.db, code.as_str()).await?)
}

/// Closes a concern (handled), by the front-office of its collection's region.
pub async fn close(state: &App, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    let region = store::charity::concern_region(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let code = domain::RegionCode::parse(&region).map_err(|_| OpError::NotFound)?;
    allow(
        Some(me),
        Action::RegisterCollections,
        &Resource::Region(code),
    )?;
    Ok(store::charity::close_concern(&state.db, id, me.user.id).await?)
}
