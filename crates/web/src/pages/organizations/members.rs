//! Members of an organization: invitations, removal, ownership; and its logo.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::ctx::{CsrfForm, Ctx, Id, Signed};
use crate::error::{PageError, PageResult};
use crate::pages::{redirect_with_flash, render};
use app::OpError;
use app::organizations;

use super::page::show_org;

/// POST /organizations/{id}/invite
pub async fn invite(Signed { state, ctx, me }: Signed, Id(id): Id, f: CsrfForm) -> PageResult {
    match organizations::invite(&state, ctx.lang, &me, id, f.get("email")).await {
        Ok(()) => Ok(redirect_with_flash(
            &format!("/organizations/{id}"),
            "flash_invitation_sent",
        )),
        Err(OpError::Invalid(errors)) => {
            show_org(&state, ctx, id, &errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /organizations/{id}/members/{user}/remove (the user themself: leave) and
/// /organizations/{id}/members/{user}/owner (hand over ownership).
pub async fn member(
    Signed { state, me, .. }: Signed,
    Path((id, user, what)): Path<(String, String, String)>,
    _f: CsrfForm,
) -> PageResult {
    let (Ok(id), Ok(user)) = (Uuid::parse_str(&id), Uuid::parse_str(&user)) else {
        return Err(PageError::not_found());
    };
    let flash = match what.as_str() {
        "remove" => {
            organizations::remove_member(&state, &me, id, user).await?;
            "flash_member_removed"
        }
        "owner" => {
            organizations::transfer(&state, &me, id, user).await?;
            "flash_org_saved"
        }
        _ => return Err(PageError::not_found()),
    };
    Ok(redirect_with_flash(&format!("/organizations/{id}"), flash))
}

/// The invitation page: accept with one button.
#[derive(Template)]
#[template(path = "invitation.html")]
pub struct InvitationPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The token, for the form.
    pub token: String,
}

/// The `?token=` of an invitation link.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenParam {
    /// The token.
    pub token: String,
}

/// GET /invitations/accept?token= (signed out: a page asking to log in first)
pub async fn invitation(ctx: Ctx, Query(q): Query<TokenParam>) -> PageResult {
    if !ctx.signed_in() {
        return Err(PageError::Status(
            StatusCode::UNAUTHORIZED,
            "invitation_log_in",
        ));
    }
    let page = InvitationPage {
        token: q.token,
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /invitations/accept
pub async fn accept(Signed { state, me, .. }: Signed, f: CsrfForm) -> PageResult {
    match organizations::accept_invitation(&state, &me, f.get("token")).await {
        Ok(org) => Ok(redirect_with_flash(
            &format!("/organizations/{org}"),
            "flash_invitation_accepted",
        )),
        Err(OpError::BadToken) => Err(PageError::Status(
            StatusCode::BAD_REQUEST,
            "invitation_invalid",
        )),
        Err(e) => Err(e.into()),
    }
}

/// POST /organizations/{id}/logo (multipart: `_csrf`, `logo`).
pub async fn upload_logo(
    Signed { state, ctx, me }: Signed,
    Id(id): Id,
    axum::Extension(csrf): axum::Extension<crate::security::CsrfToken>,
    form: axum::extract::Multipart,
) -> PageResult {
    let bytes = crate::ctx::Upload::read(form, "logo", Some(&csrf))
        .await
        .map_err(|(status, code)| PageError::Status(status, code))?
        .bytes;
    match organizations::set_logo(&state, ctx.lang, &me, id, &bytes).await {
        Ok(()) => Ok(redirect_with_flash(
            &format!("/organizations/{id}"),
            "flash_org_saved",
        )),
        Err(OpError::Invalid(errors)) => {
            show_org(&state, ctx, id, &errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

/// GET /organizations/{id}/logo — served with its sniffed type, never as HTML; a bare 404
/// or 503 otherwise (it is an image, not a page).
pub async fn logo(State(state): State<AppState>, Id(id): Id) -> Response {
    match organizations::logo(&state, id).await {
        Ok(Some((bytes, ct))) => {
            let ct = HeaderValue::from_str(&ct)
                .unwrap_or(HeaderValue::from_static("application/octet-stream"));
            let mut res = (StatusCode::OK, bytes).into_response();
            res.headers_mut().insert(header::CONTENT_TYPE, ct);
            res.headers_mut().insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            );
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            );
            res
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "logo");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
