//! Attendance: taken by the organizer from a shift's list, or by the volunteer herself
//! with the signed, short-lived code of the QR shown on the organizer's phone.

use chrono::{DateTime, Utc};
use domain::opportunity;
use store::events::Event;
use store::shifts as store_shifts;
use uuid::Uuid;

use super::applications::decidable;
use super::{load_managed, manages};
use crate::App;
use crate::OpError;
use crate::auth::SignedIn;

/// Attendance taken by the organizer from the shift's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attendance {
    /// Came.
    CheckIn,
    /// Left.
    CheckOut,
    /// Did not come.
    NoShow,
}

/// Takes attendance of one application (the organization's members).
pub async fn attendance(
    state: &App,
    me: &SignedIn,
    application: Uuid,
    what: Attendance,
) -> Result<(), OpError> {
    let (_, o) = decidable(state, me, application).await?;
    if !manages(Some(me), &o) {
        return Err(OpError::Forbidden("forbidden"));
    }
    let app = store_shifts::application(&state.db, application)
        .await?
        .ok_or(OpError::NotFound)?;
    let shift = store_shifts::shift(&state.db, app.shift_id)
        .await?
        .ok_or(OpError::NotFound)?;
    let now = store::now();
    match what {
        Attendance::CheckIn => {
            opportunity::check_in_open(shift.starts_at, shift.ends_at, now)
                .map_err(OpError::Conflict)?;
            store_shifts::check_in(&state.db, shift.id, app.volunteer_id, now).await?;
        }
        Attendance::CheckOut => {
            // Leaving is recorded at most at the shift's end.
            store_shifts::check_out(&state.db, application, now.min(shift.ends_at)).await?;
        }
        Attendance::NoShow => {
            if now < shift.starts_at {
                return Err(OpError::Conflict("check_in_not_yet"));
            }
            store_shifts::mark_no_show(&state.db, application, me.user.id).await?;
        }
    }
    Ok(())
}

/// The server's secret for check-in codes (made on first use, then kept).
pub async fn check_in_secret(state: &App) -> Result<Vec<u8>, OpError> {
    let secret = state
        .check_in_secret
        .get_or_try_init(|| async {
            let fresh = crate::auth::random_token();
            store::secrets::get_or_create(&state.db, "check_in_v1", &fresh)
                .await
                .map(String::into_bytes)
        })
        .await?;
    Ok(secret.clone())
}

/// A fresh check-in code for a shift, valid a few minutes (the organizer's phone shows it).
pub async fn check_in_code(
    state: &App,
    me: &SignedIn,
    shift: Uuid,
) -> Result<(String, DateTime<Utc>), OpError> {
    let s = store_shifts::shift(&state.db, shift)
        .await?
        .ok_or(OpError::NotFound)?;
    load_managed(state, me, s.event_id).await?;
    sign_check_in(state, shift).await
}

/// Signs a check-in code for `shift`, valid for the configured minutes.
async fn sign_check_in(state: &App, shift: Uuid) -> Result<(String, DateTime<Utc>), OpError> {
    let secret = check_in_secret(state).await?;
    let expires = Utc::now() + chrono::Duration::minutes(state.settings.opportunities.qr_minutes);
    Ok((
        opportunity::check_in_token::sign(&secret, shift, expires),
        expires,
    ))
}

/// The check-in QR page of a shift: a fresh code and the shift's event.
#[derive(Debug, Clone)]
pub struct CheckInQr {
    /// The signed code.
    pub code: String,
    /// Valid until.
    pub expires: DateTime<Utc>,
    /// The shift's event.
    pub event: Event,
}

/// A fresh check-in code for a shift like [`check_in_code`], with the shift's event (its
/// organization's members).
pub async fn check_in_qr(state: &App, me: &SignedIn, shift: Uuid) -> Result<CheckInQr, OpError> {
    let s = store_shifts::shift(&state.db, shift)
        .await?
        .ok_or(OpError::NotFound)?;
    let (event, _) = load_managed(state, me, s.event_id).await?;
    let (code, expires) = sign_check_in(state, shift).await?;
    Ok(CheckInQr {
        code,
        expires,
        event,
    })
}

/// Checks the signed-in volunteer in with a scanned code; returns the event.
pub async fn check_in_with_code(state: &App, me: &SignedIn, token: &str) -> Result<Uuid, OpError> {
    let secret = check_in_secret(state).await?;
    let shift = opportunity::check_in_token::verify(&secret, token, Utc::now())
        .map_err(OpError::Forbidden)?;
    let s = store_shifts::shift(&state.db, shift)
        .await?
        .ok_or(OpError::NotFound)?;
    let now = store::now();
    opportunity::check_in_open(s.starts_at, s.ends_at, now).map_err(OpError::Conflict)?;
    store_shifts::check_in(&state.db, shift, me.user.id, now).await?;
    Ok(s.event_id)
}
