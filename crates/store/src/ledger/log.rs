//! The transparency log over the ledger (see `domain::tlog`): tiles, the tree's reach,
//! signed checkpoints, proofs, and the check of the stored entries against a checkpoint.
//!
//! Appending a ledger entry gives it the next leaf index in its own transaction (the
//! counter row `ledger_log` is locked until commit, so committed leaves are 0..n without a
//! gap). [`integrate`] then hashes the leaves the tiles do not reach yet into them, a
//! bounded number to a transaction, after checking that the tiles still give the root it
//! recorded and that the new entries are whole; [`checkpoint`] signs the tree when it has
//! grown. Two servers integrating at once wait for each other (the `log_tree` row).

use domain::ledger::Stored;
use domain::tlog::{self, Checkpoint, Hash, LogError, Missing, TileId, Tiles};

use super::{ENTRY_COLUMNS, EntryRow};
use crate::charity::{MONEY_COLUMNS, MoneyRow, StoredMoney};
use crate::{Db, Error, Result, dialect, now, on_db};

/// One leaf of the log as stored: a volunteer book's entry or a money entry.
#[derive(Debug, Clone)]
pub enum Leaf {
    /// An entry of a volunteer's chain.
    Hours(Stored),
    /// A donation, expense or reversal of a collection.
    Money(StoredMoney),
}

impl Leaf {
    /// The canonical encoding the leaf hash is taken over.
    pub fn bytes(&self) -> Vec<u8> {
        match self {
            Leaf::Hours(s) => s.entry.encode(),
            Leaf::Money(m) => m.entry.encode(),
        }
    }

    /// Whether the stored hash is the hash of the stored fields.
    pub fn intact(&self) -> bool {
        match self {
            Leaf::Hours(s) => s.entry.hash() == s.hash,
            Leaf::Money(m) => m.entry.hash() == m.hash,
        }
    }

    /// What it is, in words, for a report.
    pub fn describe(&self) -> String {
        match self {
            Leaf::Hours(s) => format!(
                "volunteer {}, position {}",
                s.entry.volunteer_id, s.entry.seq
            ),
            Leaf::Money(m) => format!(
                "{} {} of collection {}",
                m.entry.kind.code(),
                m.entry.id,
                m.entry.collection_id
            ),
        }
    }
}

/// The leaves with indexes `$from..$to` of both tables, read with `$exec`, in log order.
macro_rules! read_leaves {
    ($exec:expr, $from:expr, $to:expr) => {{
        let (from, to): (i64, i64) = ($from, $to);
        let hours_sql = format!(
            "SELECT {ENTRY_COLUMNS}, leaf_index FROM ledger_entries \
             WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index"
        );
        let money_sql = format!(
            "SELECT {MONEY_COLUMNS} FROM money_entries \
             WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index"
        );
        let hours: Vec<LeafRow> = sqlx::query_as(sqlx::AssertSqlSafe(hours_sql))
            .bind(from)
            .bind(to)
            .fetch_all(&mut *$exec)
            .await?;
        let money: Vec<MoneyRow> = sqlx::query_as(sqlx::AssertSqlSafe(money_sql))
            .bind(from)
            .bind(to)
            .fetch_all(&mut *$exec)
            .await?;
        merge(hours, money)
    }};
}

/// The two tables' leaves in one list by leaf index.
fn merge(hours: Vec<LeafRow>, money: Vec<MoneyRow>) -> Vec<(u64, Leaf)> {
    let mut out: Vec<(u64, Leaf)> = Vec::with_capacity(hours.len() + money.len());
    out.extend(hours.into_iter().map(|r| {
        let (i, s) = r.split();
        (i, Leaf::Hours(s))
    }));
    if !money.is_empty() {
        out.extend(money.into_iter().map(|r| {
            let m = r.into_stored();
            (m.leaf_index, Leaf::Money(m))
        }));
        out.sort_by_key(|(i, _)| *i);
    }
    out
}

/// Leaves hashed into the tiles per transaction of [`integrate`].
pub const INTEGRATE_BATCH: u64 = 65_536;

/// Leaves read per query by [`check`].
const CHECK_WINDOW: i64 = 65_536;

/// The tree the tiles hold: its size and root.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tree {
    /// Leaves.
    pub size: u64,
    /// Root hash.
    pub root: Hash,
}

/// A kept checkpoint.
#[derive(Debug, Clone)]
pub struct Kept {
    /// Tree size.
    pub size: u64,
    /// Root.
    pub root: Hash,
    /// The key that signed it.
    pub key_id: String,
    /// The signed note.
    pub note: String,
    /// When.
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A kept checkpoint as stored (see [`LATEST_CHECKPOINT`]).
#[derive(sqlx::FromRow)]
pub(crate) struct KeptRow {
    size: i64,
    root: Vec<u8>,
    key_id: String,
    note: String,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl From<KeptRow> for Kept {
    fn from(r: KeptRow) -> Kept {
        Kept {
            size: u64::try_from(r.size).unwrap_or(0),
            root: hash(&r.root),
            key_id: r.key_id,
            note: r.note,
            created_at: r.created_at,
        }
    }
}

/// What the log holds that it should not: the integrator stops and raises the alarm.
fn tampered(e: &LogError) -> Error {
    tracing::error!(error = %e, "the transparency log does not match the ledger");
    Error::Conflict("log_tampered")
}

fn hash(v: &[u8]) -> Hash {
    Hash(<[u8; 32]>::try_from(v).unwrap_or([0xff; 32]))
}

fn i64_of(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The root of the empty tree.
pub fn empty_root() -> Hash {
    use sha2::Digest;
    Hash(sha2::Sha256::digest([]).into())
}

/// The committed leaves, from the log's counter.
pub(crate) const LEAVES: &str = "SELECT leaves FROM ledger_log WHERE id = 1";

/// Leaves appended to the ledger (committed).
pub async fn leaves(db: &Db) -> Result<u64> {
    let n: Option<i64> = on_db!(db, pool => sqlx::query_scalar(LEAVES)
        .fetch_optional(pool).await?);
    Ok(n.map_or(0, |n| u64::try_from(n).unwrap_or(0)))
}

/// How far the tiles reach.
pub async fn tree(db: &Db) -> Result<Tree> {
    let row: Option<(i64, Vec<u8>)> = on_db!(db, pool => sqlx::query_as("SELECT size, root FROM log_tree WHERE id = 1")
        .fetch_optional(pool).await?);
    Ok(row.map_or(
        Tree {
            size: 0,
            root: empty_root(),
        },
        |(s, r)| Tree {
            size: u64::try_from(s).unwrap_or(0),
            root: hash(&r),
        },
    ))
}

/// The root of the tree of the first `size` leaves, from the tiles; none when they do not
/// reach that far. Errors: `Conflict("log_tampered")` when the tiles do not give it.
pub async fn root_at(db: &Db, size: u64) -> Result<Option<Hash>> {
    if size > tree(db).await?.size {
        return Ok(None);
    }
    match with_tiles(db, &mut Tiles::new(), size, |t| tlog::root(size, t)).await? {
        Ok(root) => Ok(Some(root)),
        Err(e) => Err(tampered(&e)),
    }
}

/// Reads the named tiles into `tiles`.
async fn read_tiles(db: &Db, ids: &[TileId], tiles: &mut Tiles) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    // All the tiles named, in one statement.
    let rows: Vec<(i32, i64, Vec<u8>)> = on_db!(db, pool => {
        let mut q = sqlx::QueryBuilder::new("SELECT level, idx, hashes FROM log_tiles WHERE ");
        for (n, id) in ids.iter().enumerate() {
            if n > 0 {
                q.push(" OR ");
            }
            q.push("(level = ").push_bind(i32::from(id.level)).push(" AND idx = ").push_bind(i64_of(id.index)).push(")");
        }
        q.build_query_as().fetch_all(pool).await?
    });
    for (level, idx, bytes) in rows {
        if let (Ok(level), Ok(index)) = (u8::try_from(level), u64::try_from(idx)) {
            tiles.insert(TileId { level, index }, bytes);
        }
    }
    Ok(())
}

/// Runs a tree operation, reading the tiles it names until it has them all.
async fn with_tiles<T>(
    db: &Db,
    tiles: &mut Tiles,
    size: u64,
    op: impl Fn(&Tiles) -> Result<Result<T, LogError>, Missing>,
) -> Result<Result<T, LogError>> {
    for _ in 0..4 {
        match op(tiles) {
            Ok(r) => return Ok(r),
            Err(Missing(ids)) => read_tiles(db, &ids, tiles).await?,
        }
    }
    // Tiles named and read but still lacking: they are not stored (or were removed).
    Ok(Err(LogError::RootMismatch { size }))
}

/// The entries with leaf indexes `from..to`, in log order, with their indexes.
pub async fn entries(db: &Db, from: u64, to: u64) -> Result<Vec<(u64, Stored)>> {
    let sql = format!(
        "SELECT {ENTRY_COLUMNS}, leaf_index FROM ledger_entries \
         WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index"
    );
    let rows: Vec<LeafRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(i64_of(from)).bind(i64_of(to)).fetch_all(pool).await?);
    Ok(rows.into_iter().map(LeafRow::split).collect())
}

#[derive(sqlx::FromRow)]
struct LeafRow {
    #[sqlx(flatten)]
    entry: EntryRow,
    leaf_index: Option<i64>,
}

impl LeafRow {
    fn split(self) -> (u64, Stored) {
        (
            self.leaf_index
                .and_then(|i| u64::try_from(i).ok())
                .unwrap_or(u64::MAX),
            Stored::from(self.entry),
        )
    }
}

/// The leaf index of the entry of `hours` of `kind`, if it is in the ledger.
pub async fn leaf_of(
    db: &Db,
    hours: uuid::Uuid,
    kind: domain::ledger::EntryKind,
) -> Result<Option<u64>> {
    let i: Option<Option<i64>> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT leaf_index FROM ledger_entries WHERE hours_id = $1 AND kind = $2",
    ).bind(hours).bind(kind.code()).fetch_optional(pool).await?);
    Ok(i.flatten().and_then(|i| u64::try_from(i).ok()))
}

/// Checks `batch` (entries read for leaves `from..`) and gives their leaf hashes: every
/// index in its place, every stored hash the hash of its fields.
fn leaf_hashes(from: u64, batch: &[(u64, Leaf)]) -> Result<Vec<Hash>, LogError> {
    let mut out = Vec::with_capacity(batch.len());
    for (k, (i, leaf)) in batch.iter().enumerate() {
        let want = from + k as u64;
        if *i != want {
            return Err(LogError::OutOfRange(format!("leaf {want} is missing")));
        }
        if !leaf.intact() {
            return Err(LogError::OutOfRange(format!("leaf {want} was changed")));
        }
        out.push(tlog::leaf_hash(&leaf.bytes()));
    }
    Ok(out)
}

/// Hashes up to `limit` new leaves into the tiles; the tree after it. The leaves are read
/// before the write transaction (on PostgreSQL two windows at a time, each over its own connection:
/// entries never change, so what is read stays true), then appended in one transaction
/// that first checks the tree is still where it was (another server may have gone on:
/// then nothing is written) and that the tiles still give the recorded root.
/// Errors: `Conflict("log_tampered")` when the tiles no longer give the recorded root or an
/// entry is missing or changed (nothing is written: the alarm is for people).
pub async fn integrate_once(db: &Db, limit: u64) -> Result<Tree> {
    use futures_util::StreamExt;
    let start = tree(db).await?;
    let to = leaves(db).await?.min(start.size + limit);
    if to <= start.size {
        return Ok(start);
    }
    let (from, end) = (i64_of(start.size), i64_of(to));
    let parts = dialect::parallel_reads(db.backend());
    let count = i64::try_from(parts).unwrap_or(1);
    let step = ((end - from) / count).max(1);
    let windows: Vec<(i64, i64)> = (0..count)
        .map(|k| {
            let a = (from + k * step).min(end);
            let b = if k + 1 == count {
                end
            } else {
                (a + step).min(end)
            };
            (a, b)
        })
        .collect();
    let mut reads = futures_util::stream::iter(windows)
        .map(|(a, b)| async move {
            if a >= b {
                Ok(Vec::new())
            } else {
                read_window(db, a, b).await
            }
        })
        .buffered(parts);
    let mut batch = Vec::with_capacity(usize::try_from(to - start.size).unwrap_or(0));
    while let Some(part) = reads.next().await {
        batch.extend(part?);
    }
    drop(reads);
    let hashes = leaf_hashes(start.size, &batch).map_err(|e| tampered(&e))?;
    if hashes.len() as u64 != to - start.size {
        return Err(tampered(&LogError::OutOfRange(format!(
            "leaves {}..{to} are not all there",
            start.size
        ))));
    }
    let lock = dialect::for_update(db.backend());
    let read_tree = format!("SELECT size, root FROM log_tree WHERE id = 1{lock}");
    on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        sqlx::query("INSERT INTO log_tree (id, size, root) VALUES (1, 0, $1) ON CONFLICT (id) DO NOTHING")
            .bind(empty_root().0.as_slice()).execute(&mut *tx).await?;
        let (size, root): (i64, Vec<u8>) = sqlx::query_as(sqlx::AssertSqlSafe(read_tree.as_str()))
            .fetch_one(&mut *tx).await?;
        let (size, root) = (u64::try_from(size).unwrap_or(0), hash(&root));
        if size != start.size {
            // Another server integrated meanwhile: its tree stands.
            return Ok(Tree { size, root });
        }
        let mut tiles = Tiles::new();
        for id in tlog::edge(size) {
            let bytes: Option<Vec<u8>> = sqlx::query_scalar(
                "SELECT hashes FROM log_tiles WHERE level = $1 AND idx = $2",
            ).bind(i32::from(id.level)).bind(i64_of(id.index)).fetch_optional(&mut *tx).await?;
            if let Some(b) = bytes {
                tiles.insert(id, b);
            }
        }
        if size > 0 {
            match tlog::root(size, &tiles) {
                Ok(Ok(r)) if r == root => {}
                _ => return Err(tampered(&LogError::RootMismatch { size })),
            }
        }
        let written = tlog::append(size, &tiles, &hashes)
            .map_err(|_| tampered(&LogError::RootMismatch { size }))?;
        for (id, bytes) in &written {
            sqlx::query(
                "INSERT INTO log_tiles (level, idx, hashes) VALUES ($1, $2, $3) \
                 ON CONFLICT (level, idx) DO UPDATE SET hashes = excluded.hashes",
            ).bind(i32::from(id.level)).bind(i64_of(id.index)).bind(bytes.as_slice()).execute(&mut *tx).await?;
        }
        for (id, bytes) in written {
            tiles.insert(id, bytes);
        }
        let root = match tlog::root(to, &tiles) {
            Ok(Ok(r)) => r,
            _ => return Err(tampered(&LogError::RootMismatch { size: to })),
        };
        sqlx::query("UPDATE log_tree SET size = $1, root = $2 WHERE id = 1")
            .bind(i64_of(to)).bind(root.0.as_slice()).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(Tree { size: to, root })
    })
}

/// Hashes every leaf not yet in the tiles ([`INTEGRATE_BATCH`] to a transaction, so a
/// long first build keeps what it did); `progress` hears (done, total).
pub async fn integrate(db: &Db, progress: &(dyn Fn(u64, u64) + Sync)) -> Result<Tree> {
    let total = leaves(db).await?;
    loop {
        let t = integrate_once(db, INTEGRATE_BATCH).await?;
        progress(t.size, total.max(t.size));
        if t.size >= total {
            return Ok(t);
        }
    }
}

/// Signs the tree as a checkpoint when it has grown past the latest one (`sign` makes the
/// note and names its key); the latest checkpoint either way.
pub async fn checkpoint(
    db: &Db,
    origin: &str,
    sign: &(dyn Fn(&Checkpoint) -> (String, String) + Sync),
) -> Result<Option<Kept>> {
    let t = tree(db).await?;
    let latest = latest(db).await?;
    if t.size == 0 || latest.as_ref().is_some_and(|k| k.size >= t.size) {
        return Ok(latest);
    }
    let c = Checkpoint {
        origin: origin.to_owned(),
        size: t.size,
        root: t.root,
    };
    let (key_id, note) = sign(&c);
    on_db!(db, pool => sqlx::query(
        "INSERT INTO log_checkpoints (size, root, key_id, note, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (size) DO NOTHING",
    ).bind(i64_of(t.size)).bind(t.root.0.as_slice()).bind(&key_id).bind(&note).bind(now()).execute(pool).await?.rows_affected());
    latest_checkpoint_of(db, None).await
}

const KEPT_COLUMNS: &str = "size, root, key_id, note, created_at";

/// The latest kept checkpoint, as a [`KeptRow`] (read inside a snapshot by
/// `crate::transfer`).
pub(crate) const LATEST_CHECKPOINT: &str =
    "SELECT size, root, key_id, note, created_at FROM log_checkpoints ORDER BY size DESC LIMIT 1";

async fn latest_checkpoint_of(db: &Db, size: Option<u64>) -> Result<Option<Kept>> {
    let sql = match size {
        Some(_) => format!("SELECT {KEPT_COLUMNS} FROM log_checkpoints WHERE size = $1"),
        None => LATEST_CHECKPOINT.to_owned(),
    };
    let row: Option<KeptRow> = on_db!(db, pool => {
        let q = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()));
        match size {
            Some(s) => q.bind(i64_of(s)),
            None => q,
        }.fetch_optional(pool).await?
    });
    Ok(row.map(Kept::from))
}

/// The log's origin: the first line of its first checkpoint.
pub async fn origin(db: &Db) -> Result<Option<String>> {
    let note: Option<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT note FROM log_checkpoints ORDER BY size LIMIT 1",
    ).fetch_optional(pool).await?);
    Ok(note.and_then(|n| n.lines().next().map(str::to_owned)))
}

/// The latest checkpoint.
pub async fn latest(db: &Db) -> Result<Option<Kept>> {
    latest_checkpoint_of(db, None).await
}

/// The checkpoint of a tree size, if one was signed.
pub async fn checkpoint_at(db: &Db, size: u64) -> Result<Option<Kept>> {
    latest_checkpoint_of(db, Some(size)).await
}

/// Checkpoints older than `before` (all when none), newest first, at most `limit`.
pub async fn checkpoints(db: &Db, before: Option<u64>, limit: i64) -> Result<Vec<Kept>> {
    let sql = format!(
        "SELECT {KEPT_COLUMNS} FROM log_checkpoints WHERE size < $1 ORDER BY size DESC LIMIT $2"
    );
    let rows: Vec<KeptRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(before.map_or(i64::MAX, i64_of)).bind(limit).fetch_all(pool).await?);
    Ok(rows.into_iter().map(Kept::from).collect())
}

/// The inclusion proof of `leaf` in the tree of `size` (at most the tiles' reach).
/// Errors: `NotFound` for sizes or leaves beyond it.
pub async fn inclusion(db: &Db, leaf: u64, size: u64) -> Result<tlog::RecordProof> {
    if size > tree(db).await?.size || leaf >= size {
        return Err(Error::NotFound);
    }
    with_tiles(db, &mut Tiles::new(), size, |t| {
        tlog::inclusion(leaf, size, t)
    })
    .await?
    .map_err(|e| tampered(&e))
}

/// The inclusion proofs of `leaves` in the tree of `size` (at most the tiles' reach),
/// reading each tile once. Errors as [`inclusion`].
pub async fn inclusions(db: &Db, leaves: &[u64], size: u64) -> Result<Vec<tlog::RecordProof>> {
    if size > tree(db).await?.size || leaves.iter().any(|l| *l >= size) {
        return Err(Error::NotFound);
    }
    let mut tiles = Tiles::new();
    let mut out = Vec::with_capacity(leaves.len());
    for &leaf in leaves {
        let proof = with_tiles(db, &mut tiles, size, |t| tlog::inclusion(leaf, size, t)).await?;
        out.push(proof.map_err(|e| tampered(&e))?);
    }
    Ok(out)
}

/// The reversals of these hours entries: their leaf indexes and when they were recorded.
pub async fn reversals_of(
    db: &Db,
    hours: &[uuid::Uuid],
) -> Result<Vec<(u64, chrono::DateTime<chrono::Utc>)>> {
    let mut out = Vec::new();
    for chunk in hours.chunks(500) {
        let rows: Vec<(Option<i64>, chrono::DateTime<chrono::Utc>)> = on_db!(db, pool => {
            let mut q = sqlx::QueryBuilder::new(
                "SELECT leaf_index, recorded_at FROM ledger_entries WHERE kind = 'reverse' AND hours_id IN (",
            );
            let mut list = q.separated(", ");
            for h in chunk {
                list.push_bind(*h);
            }
            q.push(")");
            q.build_query_as().fetch_all(pool).await?
        });
        out.extend(rows.into_iter().map(|(l, at)| {
            (
                l.and_then(|l| u64::try_from(l).ok()).unwrap_or(u64::MAX),
                at,
            )
        }));
    }
    Ok(out)
}

/// The leaf index of each entry of a volunteer's chain, by position.
pub async fn leaf_indexes(
    db: &Db,
    volunteer: uuid::Uuid,
) -> Result<std::collections::HashMap<i64, u64>> {
    let rows: Vec<(i64, Option<i64>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT seq, leaf_index FROM ledger_entries WHERE volunteer_id = $1",
    ).bind(volunteer).fetch_all(pool).await?);
    Ok(rows
        .into_iter()
        .filter_map(|(seq, l)| Some((seq, u64::try_from(l?).ok()?)))
        .collect())
}

/// The consistency proof from the tree of `from` to that of `to` (at most the tiles'
/// reach). Errors: `NotFound` for sizes beyond it or `from` of 0 or above `to`.
pub async fn consistency(db: &Db, from: u64, to: u64) -> Result<tlog::TreeProof> {
    if to > tree(db).await?.size || from == 0 || from > to {
        return Err(Error::NotFound);
    }
    if from == to {
        return Ok(Vec::new());
    }
    with_tiles(db, &mut Tiles::new(), to, |t| {
        tlog::consistency(from, to, t)
    })
    .await?
    .map_err(|e| tampered(&e))
}

/// What [`check`] found of the log.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct LogReport {
    /// Leaves read.
    pub leaves: u64,
    /// What is wrong, in words (empty: all matches).
    pub problems: Vec<String>,
}

/// Reads every entry in log order and rebuilds the tree from them: a missing index (a
/// deleted entry), an entry whose stored hash is not its fields', fewer leaves than a
/// checkpoint counted (a rollback) or a root other than a checkpoint's (anything changed
/// or removed, hashes recomputed or not) is reported. `against` are the checkpoints to
/// hold the entries to (the latest kept one, one held outside, or both).
pub async fn check(db: &Db, against: &[(u64, Hash)]) -> Result<LogReport> {
    check_with(db, against, &mut |_, _| {}).await
}

/// A window of leaves read for [`check_with`].
async fn read_window(db: &Db, from: i64, to: i64) -> Result<Vec<(u64, Leaf)>> {
    Ok(on_db!(db, pool => {
        let mut conn = pool.acquire().await?;
        read_leaves!(conn, from, to)
    }))
}

/// [`check`], showing every leaf read (in log order, with whether its stored hash is its
/// fields') to `observe`: so that one read of the ledger also walks every chain. Windows
/// are read as many at a time as the dialect serves well (`dialect::parallel_reads`),
/// each over its own connection, since reading rows is most of the work.
pub async fn check_with(
    db: &Db,
    against: &[(u64, Hash)],
    observe: &mut (dyn FnMut(&Leaf, bool) + Send),
) -> Result<LogReport> {
    use futures_util::StreamExt;
    let mut report = LogReport::default();
    let mut tiles = Tiles::new();
    let mut size = 0u64;
    let mut pending: Vec<Hash> = Vec::with_capacity(4096);
    let mut sizes: Vec<(u64, Hash)> = against.to_vec();
    sizes.sort_by_key(|(s, _)| *s);
    let mut next = 0usize;
    let mut roots: Vec<(u64, Hash)> = Vec::new();
    // Flushes pending leaves into the tiles, stopping at each checkpoint size to take the root.
    let flush = |pending: &mut Vec<Hash>,
                 size: &mut u64,
                 tiles: &mut Tiles,
                 next: &mut usize,
                 roots: &mut Vec<(u64, Hash)>| {
        let mut from = 0usize;
        while from < pending.len() {
            let stop = sizes.get(*next).map_or(u64::MAX, |(s, _)| *s).max(*size);
            let take =
                usize::try_from((stop - *size).min((pending.len() - from) as u64)).unwrap_or(0);
            if take > 0 {
                if let Ok(w) = tlog::append(*size, tiles, &pending[from..from + take]) {
                    for (id, b) in w {
                        tiles.insert(id, b);
                    }
                }
                *size += take as u64;
                from += take;
            }
            while sizes.get(*next).is_some_and(|(s, _)| *s == *size) {
                if let Ok(Ok(r)) = tlog::root(*size, tiles) {
                    roots.push((*size, r));
                }
                *next += 1;
            }
        }
        pending.clear();
        // Only the edge is needed to go on.
        let keep: std::collections::HashSet<TileId> = tlog::edge(*size).into_iter().collect();
        tiles.retain(|id| keep.contains(id));
    };
    while sizes.get(next).is_some_and(|(s, _)| *s == 0) {
        next += 1;
    }
    let (unplaced, end) = on_db!(db, pool => {
        let mut conn = pool.acquire().await?;
        let unplaced: Vec<uuid::Uuid> = sqlx::query_scalar(
            "SELECT volunteer_id FROM ledger_entries WHERE leaf_index IS NULL",
        ).fetch_all(&mut *conn).await?;
        let (h, m): (Option<i64>, Option<i64>) = sqlx::query_as(
            "SELECT (SELECT MAX(leaf_index) FROM ledger_entries), (SELECT MAX(leaf_index) FROM money_entries)",
        ).fetch_one(&mut *conn).await?;
        (unplaced, h.max(m).map_or(0, |x| x.saturating_add(1)))
    });
    for v in unplaced {
        report
            .problems
            .push(format!("an entry of volunteer {v} has no place in the log"));
    }
    let windows: Vec<(i64, i64)> = (0..end)
        .step_by(usize::try_from(CHECK_WINDOW).unwrap_or(65_536))
        .map(|from| (from, from.saturating_add(CHECK_WINDOW).min(end)))
        .collect();
    let mut reads = futures_util::stream::iter(windows)
        .map(|(from, to)| async move { (to, read_window(db, from, to).await) })
        .buffered(dialect::parallel_reads(db.backend()));
    'read: while let Some((to, batch)) = reads.next().await {
        for (i, leaf) in batch? {
            let want = report.leaves;
            if i != want {
                report
                    .problems
                    .push(format!("leaves {want}..{i} are missing (deleted entries)"));
                // The tree cannot be rebuilt past a gap.
                break 'read;
            }
            let intact = leaf.intact();
            if !intact {
                report.problems.push(format!(
                    "leaf {i} ({}) does not match its hash",
                    leaf.describe()
                ));
            }
            observe(&leaf, intact);
            pending.push(tlog::leaf_hash(&leaf.bytes()));
            report.leaves += 1;
            if pending.len() >= 4096 {
                flush(&mut pending, &mut size, &mut tiles, &mut next, &mut roots);
            }
        }
        if report.leaves < u64::try_from(to).unwrap_or(0) {
            let want = report.leaves;
            report
                .problems
                .push(format!("leaves from {want} are missing (deleted entries)"));
            break;
        }
    }
    drop(reads);
    flush(&mut pending, &mut size, &mut tiles, &mut next, &mut roots);
    for (s, want) in against {
        if *s > size {
            report.problems.push(format!(
                "the log holds {size} leaves, fewer than the {s} of a signed checkpoint (entries were deleted or rolled back)"
            ));
        } else if let Some((_, got)) = roots.iter().find(|(rs, _)| rs == s)
            && got != want
        {
            report.problems.push(format!(
                "the first {s} leaves do not give the root the checkpoint of size {s} signed (entries were changed, swapped or removed)"
            ));
        }
    }
    Ok(report)
}

/// Hours entries whose row disagrees with the ledger: a confirmed (or reversed) one
/// without its confirmation of the same minutes, volunteer and organization, a confirmed
/// one with a reversal, a reversed one without, or one in the ledger that the row says was
/// never confirmed. Each with its status as the row says (the statement is the dialect's:
/// see `dialect::hours_mismatches`).
pub async fn hours_mismatches(db: &Db) -> Result<Vec<(uuid::Uuid, String)>> {
    let sql = dialect::hours_mismatches(db.backend());
    Ok(on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?))
}

/// The keys that signed stored records (chain heads and checkpoints).
pub async fn keys_used(db: &Db) -> Result<Vec<String>> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT key_id FROM ledger_heads UNION SELECT key_id FROM log_checkpoints ORDER BY 1",
    ).fetch_all(pool).await?))
}

/// Benchmark only: sets the tiles, the tree and the checkpoints aside, so that the next
/// [`integrate`] builds the log from scratch (the entries and their places stay).
pub async fn reset_for_benchmark(db: &Db) -> Result<()> {
    on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        for sql in ["DELETE FROM log_tiles", "DELETE FROM log_tree", "DELETE FROM log_checkpoints"] {
            sqlx::query(sql).execute(&mut *tx).await?;
        }
        tx.commit().await?;
    });
    Ok(())
}
