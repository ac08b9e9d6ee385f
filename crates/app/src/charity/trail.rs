//! A collection's money trail as anyone can check it: every entry's leaf index and
//! canonical encoding, the signed checkpoint they are proven at, and (on request) each
//! entry's inclusion proof; the totals folded from exactly those entries.

use base64::Engine as _;
use domain::charity::MoneyTotals;
use serde::Serialize;
use uuid::Uuid;

use super::visible;
use crate::auth::SignedIn;
use crate::{App, OpError};

/// One entry of the trail.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrailEntry {
    /// Its leaf index in the log.
    pub leaf: u64,
    /// `donation`, `expense`, `reversal`.
    pub kind: String,
    /// Tiyn (a reversal negative).
    pub amount: i64,
    /// The channel (donations) or the category (expenses).
    pub channel_or_category: String,
    /// Goods in kind.
    pub in_kind: bool,
    /// The day the money moved.
    pub occurred_on: chrono::NaiveDate,
    /// The canonical encoding (base64): what the leaf hashes.
    pub entry: String,
    /// Its inclusion proof in the checkpoint's tree (base64 hashes), when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proof: Option<Vec<String>>,
}

/// The trail at a checkpoint.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Trail {
    /// The signed checkpoint (C2SP signed note) the entries are proven in; none before the first.
    pub checkpoint: Option<String>,
    /// Its tree size.
    pub tree_size: u64,
    /// The entries in that tree, in log order.
    pub entries: Vec<TrailEntry>,
    /// Their totals.
    #[schema(value_type = Object)]
    pub totals: MoneyTotals,
    /// Entries recorded after the checkpoint (proven at the next one).
    pub pending: u64,
}

/// The trail of a collection the caller may see, at the latest checkpoint.
pub async fn trail(
    state: &App,
    me: Option<&SignedIn>,
    id: Uuid,
    proofs: bool,
) -> Result<Trail, OpError> {
    let c = visible(state, me, id).await?;
    let kept = store::ledger::log::latest(&state.db).await?;
    let size = kept.as_ref().map_or(0, |k| k.size);
    let all = store::charity::trail(&state.db, c.id, None).await?;
    let pending = all.iter().filter(|m| m.leaf_index >= size).count() as u64;
    let proven: Vec<_> = all.into_iter().filter(|m| m.leaf_index < size).collect();
    let proof_list = if proofs && !proven.is_empty() {
        let leaves: Vec<u64> = proven.iter().map(|m| m.leaf_index).collect();
        Some(store::ledger::log::inclusions(&state.db, &leaves, size).await?)
    } else {
        None
    };
    let b64 = base64::engine::general_purpose::STANDARD;
    let totals = MoneyTotals::of(proven.iter().map(|m| &m.entry));
    let entries = proven
        .iter()
        .enumerate()
        .map(|(i, m)| TrailEntry {
            leaf: m.leaf_index,
            kind: m.entry.kind.code().to_owned(),
            amount: m.entry.amount,
            channel_or_category: m.entry.channel_or_category.clone(),
            in_kind: m.entry.in_kind,
            occurred_on: m.entry.occurred_on,
            entry: b64.encode(m.entry.encode()),
            proof: proof_list
                .as_ref()
                .and_then(|p| p.get(i))
                .map(|p| crate::transparency::b64(p)),
        })
        .collect();
    Ok(Trail {
        checkpoint: kept.map(|k| k.note),
        tree_size: size,
        entries,
        totals,
        pending,
    })
}
