//! The public transparency log: the latest signed checkpoint (C2SP `tlog-checkpoint`
//! text), the kept ones, and inclusion and consistency proofs (RFC 9162). Hashes only:
//! no entry's content is shown here.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::{ApiLang, ApiQuery};
use crate::error::{ApiError, ApiErrorResponse};
use app::transparency::{self, Kept};

/// A signed checkpoint as listed.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckpointDto {
    /// Leaves in the tree.
    pub tree_size: u64,
    /// Root hash (base64).
    pub root_hash: String,
    /// The key that signed it.
    pub key_id: String,
    /// When it was signed.
    pub created_at: DateTime<Utc>,
    /// The signed note (C2SP `signed-note`).
    pub note: String,
}

impl From<Kept> for CheckpointDto {
    fn from(k: Kept) -> Self {
        CheckpointDto {
            tree_size: k.size,
            root_hash: domain::tlog::hash_b64(&k.root),
            key_id: k.key_id,
            created_at: k.created_at,
            note: k.note,
        }
    }
}

/// The latest signed checkpoint as its note text (origin, tree size, base64 root hash, a
/// blank line, the Ed25519 signature line), as witnesses read it.
#[utoipa::path(get, path = "/api/v1/ledger/checkpoint", tag = "ledger", summary = "Latest checkpoint",
    responses((status = 200, content_type = "text/plain", body = String),
        (status = 404, description = "Nothing is in the log yet (`no_checkpoint`).", body = ApiErrorResponse)))]
pub async fn checkpoint(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
) -> Result<Response, ApiError> {
    let kept = transparency::latest(&state)
        .await?
        .ok_or_else(|| ApiError::new(lang, StatusCode::NOT_FOUND, "no_checkpoint"))?;
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        kept.note,
    )
        .into_response())
}

/// Which checkpoints to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only those of smaller trees (for the next page).
    #[param(minimum = 1)]
    pub before: Option<u64>,
}

/// Signed checkpoints, newest first, 100 a page.
#[utoipa::path(get, path = "/api/v1/ledger/checkpoints", tag = "ledger", summary = "Kept checkpoints",
    params(ListQuery), responses((status = 200, body = Vec<CheckpointDto>), (status = 422, body = ApiErrorResponse)))]
pub async fn checkpoints(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Vec<CheckpointDto>>, ApiError> {
    let list = transparency::list(&state, q.before).await?;
    Ok(Json(list.into_iter().map(CheckpointDto::from).collect()))
}

/// Which leaf in which tree.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InclusionQuery {
    /// The leaf's index (0 is the first entry).
    #[param(minimum = 0)]
    pub leaf: u64,
    /// The tree's size (a checkpoint's).
    #[param(minimum = 1)]
    pub tree_size: u64,
}

/// A proof: the hashes (base64) that lead from a leaf (or a smaller tree) to a root.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProofDto {
    /// From: the leaf's index (inclusion) or the smaller tree's size (consistency).
    pub from: u64,
    /// The tree's size.
    pub tree_size: u64,
    /// The audit path (RFC 9162 §2.1.3 or §2.1.4), base64.
    pub hashes: Vec<String>,
}

/// The inclusion proof of a leaf in a tree (RFC 9162 §2.1.3).
#[utoipa::path(get, path = "/api/v1/ledger/proof/inclusion", tag = "ledger", summary = "Inclusion proof",
    params(InclusionQuery),
    responses((status = 200, body = ProofDto),
        (status = 404, description = "The tree is not that large yet, or the leaf is not in it (`not_found`).", body = ApiErrorResponse),
        (status = 422, body = ApiErrorResponse)))]
pub async fn inclusion(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<InclusionQuery>,
) -> Result<Json<ProofDto>, ApiError> {
    let hashes = transparency::inclusion(&state, q.leaf, q.tree_size).await?;
    Ok(Json(ProofDto {
        from: q.leaf,
        tree_size: q.tree_size,
        hashes: transparency::b64(&hashes),
    }))
}

/// Which two trees.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConsistencyQuery {
    /// The smaller tree's size.
    #[param(minimum = 1)]
    pub from: u64,
    /// The larger tree's size.
    #[param(minimum = 1)]
    pub to: u64,
}

/// The consistency proof between two trees (RFC 9162 §2.1.4): the larger one keeps every
/// leaf of the smaller one, unchanged and in place.
#[utoipa::path(get, path = "/api/v1/ledger/proof/consistency", tag = "ledger", summary = "Consistency proof",
    params(ConsistencyQuery),
    responses((status = 200, body = ProofDto),
        (status = 404, description = "A size beyond the tree, `from` of 0 or above `to` (`not_found`).", body = ApiErrorResponse),
        (status = 422, body = ApiErrorResponse)))]
pub async fn consistency(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<ConsistencyQuery>,
) -> Result<Json<ProofDto>, ApiError> {
    let hashes = transparency::consistency(&state, q.from, q.to).await?;
    Ok(Json(ProofDto {
        from: q.from,
        tree_size: q.to,
        hashes: transparency::b64(&hashes),
    }))
}
