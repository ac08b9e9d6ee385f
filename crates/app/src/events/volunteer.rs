//! A volunteer's own side: her applications, which e-mail about them she receives, and
//! the secret calendar feed of her accepted shifts.

use domain::{Action, Lang, Resource};
use store::applications::MyApplication;
use uuid::Uuid;

use super::notices::{Category, off};
use crate::App;
use crate::OpError;
use crate::auth::SignedIn;

/// Checks that the caller acts on her own account.
fn own(me: &SignedIn, action: Action) -> Result<(), OpError> {
    domain::authorize(
        &me.actor(),
        action,
        &Resource::User {
            id: me.user.id,
            region: None,
        },
    )?;
    Ok(())
}

/// The categories turned on, of a stored list of those turned off.
fn turned_on(notify_off: &str) -> Vec<Category> {
    Category::ALL
        .into_iter()
        .filter(|c| !off(notify_off, *c))
        .collect()
}

/// The caller's applications, latest shifts first.
pub async fn my_applications(state: &App, me: &SignedIn) -> Result<Vec<MyApplication>, OpError> {
    own(me, Action::ViewOwnAccount)?;
    Ok(store::applications::mine(&state.db, me.user.id).await?)
}

/// "My applications" with the settings shown beside them.
#[derive(Debug, Clone)]
pub struct MyApplications {
    /// The applications, latest shifts first.
    pub items: Vec<MyApplication>,
    /// The e-mail categories turned on.
    pub notifications: Vec<Category>,
    /// The secret of the calendar feed, when it is on.
    pub calendar_token: Option<String>,
}

/// The caller's applications with her e-mail choices and calendar feed.
pub async fn my_applications_and_settings(
    state: &App,
    me: &SignedIn,
) -> Result<MyApplications, OpError> {
    own(me, Action::ViewOwnAccount)?;
    let items = store::applications::mine(&state.db, me.user.id).await?;
    let (notify_off, calendar_token) =
        store::accounts::notify_and_calendar(&state.db, me.user.id).await?;
    Ok(MyApplications {
        items,
        notifications: turned_on(&notify_off),
        calendar_token,
    })
}

/// The e-mail categories the caller receives.
pub async fn notifications(state: &App, me: &SignedIn) -> Result<Vec<Category>, OpError> {
    own(me, Action::ViewOwnAccount)?;
    let (notify_off, _) = store::accounts::notify_and_calendar(&state.db, me.user.id).await?;
    Ok(turned_on(&notify_off))
}

/// Chooses the e-mail categories the caller receives (the others are turned off); returns
/// them in their usual order.
pub async fn set_notifications(
    state: &App,
    me: &SignedIn,
    on: &[Category],
) -> Result<Vec<Category>, OpError> {
    own(me, Action::EditProfile)?;
    let notify_off: Vec<&str> = Category::ALL
        .iter()
        .filter(|c| !on.contains(c))
        .map(|c| c.code())
        .collect();
    store::accounts::set_notify_off(&state.db, me.user.id, &notify_off.join(",")).await?;
    Ok(Category::ALL
        .into_iter()
        .filter(|c| on.contains(c))
        .collect())
}

/// Turns the caller's calendar feed on with a new secret (the old address stops working),
/// or off; returns the new secret.
pub async fn set_calendar_feed(
    state: &App,
    me: &SignedIn,
    on: bool,
) -> Result<Option<String>, OpError> {
    own(me, Action::EditProfile)?;
    let token = on.then(crate::auth::random_token);
    store::accounts::set_calendar_token(&state.db, me.user.id, token.as_deref()).await?;
    Ok(token)
}

/// A volunteer's calendar feed.
#[derive(Debug, Clone)]
pub struct CalendarFeed {
    /// Her language.
    pub lang: Lang,
    /// Her accepted (or attended) shifts, latest first.
    pub items: Vec<MyApplication>,
}

/// The calendar feed behind a secret token (whoever holds it may read it); unknown tokens
/// are not found.
pub async fn calendar_feed(state: &App, token: &str) -> Result<CalendarFeed, OpError> {
    let (owner, lang): (Uuid, String) = store::accounts::user_by_calendar_token(&state.db, token)
        .await?
        .ok_or(OpError::NotFound)?;
    let items = store::applications::mine(&state.db, owner)
        .await?
        .into_iter()
        .filter(|a| a.status.attends())
        .collect();
    Ok(CalendarFeed {
        lang: Lang::parse(&lang).unwrap_or_default(),
        items,
    })
}
