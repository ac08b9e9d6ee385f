//! Members of an organization (invitations, removal, ownership) and the regional
//! coordinators appointed by the national admin.

use chrono::Duration as Span;
use domain::{Action, Lang, Resource};
use store::organizations as store_orgs;
use uuid::Uuid;

use super::{allow, display_name, load, resource};
use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::{SignedIn, random_token, token_hash};
use crate::i18n::Arg;

/// Invites a coordinator by e-mail (a link through the outbox, valid 7 days).
pub async fn invite(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    email: &str,
) -> Result<(), OpError> {
    let o = load(state, id).await?;
    allow(Some(me), Action::InviteMember, &resource(&o))?;
    let mut e = Errors::new(lang);
    let Some(email) = e.check("email", domain::Email::parse(email)) else {
        return Err(OpError::Invalid(e));
    };
    let token = random_token();
    store_orgs::invite(
        &state.db,
        id,
        email.as_str(),
        &token_hash(&token),
        me.user.id,
        store::now() + Span::days(7),
    )
    .await?;
    let link = format!(
        "{}/invitations/accept?token={token}",
        state.settings.public_url.trim_end_matches('/')
    );
    crate::mail::send_with(
        state,
        email.as_str(),
        lang,
        "invitation",
        &[
            ("name", Arg::Str(display_name(&o, lang).to_owned())),
            ("link", Arg::Str(link)),
        ],
    )
    .await?;
    Ok(())
}

/// Accepts an invitation (once, before it expires).
pub async fn accept_invitation(state: &App, me: &SignedIn, token: &str) -> Result<Uuid, OpError> {
    match store_orgs::accept_invitation(&state.db, &token_hash(token), me.user.id).await {
        Ok(org) => Ok(org),
        Err(store::Error::Conflict(_)) => Err(OpError::BadToken),
        Err(e) => Err(e.into()),
    }
}

/// Removes a coordinator (the owner), or leaves (a coordinator); the owner cannot leave.
pub async fn remove_member(
    state: &App,
    me: &SignedIn,
    id: Uuid,
    user: Uuid,
) -> Result<(), OpError> {
    let o = load(state, id).await?;
    let leaving = user == me.user.id;
    let action = if leaving {
        Action::LeaveOrganization
    } else {
        Action::RemoveMember
    };
    allow(Some(me), action, &resource(&o))?;
    let what = if leaving {
        "member.left"
    } else {
        "member.removed"
    };
    if store_orgs::remove_member(&state.db, id, user, me.user.id, what).await? {
        Ok(())
    } else {
        Err(OpError::NotFound)
    }
}

/// Hands ownership to a coordinator.
pub async fn transfer(state: &App, me: &SignedIn, id: Uuid, to: Uuid) -> Result<(), OpError> {
    let o = load(state, id).await?;
    allow(Some(me), Action::TransferOwnership, &resource(&o))?;
    store_orgs::transfer_ownership(&state.db, id, me.user.id, to).await?;
    Ok(())
}

/// Appoints (or removes) a regional coordinator (national admin).
pub async fn set_coordinator(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    email: &str,
    region: &str,
    appoint: bool,
) -> Result<(), OpError> {
    let mut e = Errors::new(lang);
    let email = e.check("email", domain::Email::parse(email));
    let region = e.check("region", domain::RegionCode::parse(region));
    let (Some(email), Some(region)) = (email, region) else {
        return Err(OpError::Invalid(e));
    };
    allow(
        Some(me),
        Action::AppointCoordinator,
        &Resource::Region(region.clone()),
    )?;
    let Some(user) = store::accounts::user_by_email(&state.db, email.as_str()).await? else {
        e.code("email", "account_not_found");
        return Err(OpError::Invalid(e));
    };
    let changed = if appoint {
        store::accounts::grant_role(
            &state.db,
            user.id,
            "regional_coordinator",
            None,
            Some(region.as_str()),
            Some(me.user.id),
        )
        .await?;
        true
    } else {
        store::accounts::revoke_role(&state.db, user.id, "regional_coordinator", region.as_str())
            .await?
    };
    if changed {
        store::audit::record(
            &state.db,
            &store::audit::NewEntry {
                actor_id: Some(me.user.id),
                action: if appoint { "role.appointed" } else { "role.removed" }.into(),
                object_type: "role".into(),
                object_id: user.id,
                region_code: Some(region.as_str().to_owned()),
                changes: serde_json::json!({"regional_coordinator": region.as_str(), "appointed": appoint}),
                ..Default::default()
            },
        )
        .await?;
    }
    Ok(())
}

/// The regional coordinators: (user, e-mail, public name, region code), by region (national
/// admin, who appoints them).
pub async fn coordinators(
    state: &App,
    me: &SignedIn,
) -> Result<Vec<(Uuid, String, String, String)>, OpError> {
    allow(Some(me), Action::AssignRoles, &Resource::Site)?;
    Ok(store::accounts::coordinators(&state.db).await?)
}
