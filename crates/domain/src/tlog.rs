//! The transparency log over the ledger: one append-only Merkle tree (RFC 9162, SHA-256)
//! over every ledger entry of every volunteer in append order, stored as C2SP
//! `tlog-tiles` (tiles of height 8), its heads published as C2SP `tlog-checkpoint`
//! signed notes (Ed25519 by the platform key).
//!
//! The tree's arithmetic (stored-hash indexes, inclusion and consistency proofs and their
//! checks) is the `tlog_tiles` crate's, a port of Go's `sumdb/tlog` that Certificate
//! Transparency's test vectors check. This module adds what the crate leaves to its user:
//! appending leaves to tiles level by level without reading the tree back, naming the
//! tiles an operation needs before the store reads them (so the store reads once, and a
//! proof never rebuilds the tree), and the signed note itself (the crate's companion
//! `signed_note` is built on an older Ed25519 and SHA-2 than the ledger's keys).
//!
//! Pure: no I/O. The store hands in tile bytes and takes tile bytes back.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use sha2::{Digest, Sha256};
pub use tlog_tiles::{Hash, RecordProof, TreeProof};
use tlog_tiles::{HashReader, Tile};

use crate::ledger::{Key, VerifyingKey, verify_signature};

/// Height of a tile: 2⁸ = 256 hashes a tile (C2SP `tlog-tiles`).
pub const TILE_HEIGHT: u8 = 8;
/// Hashes in a full tile.
pub const TILE_WIDTH: u64 = 1 << TILE_HEIGHT;
const HASH: usize = 32;

/// The leaf hash of a ledger entry's canonical encoding (RFC 9162: SHA-256 of 0x00 and the
/// leaf).
pub fn leaf_hash(encoding: &[u8]) -> Hash {
    tlog_tiles::record_hash(encoding)
}

/// Where a tile stands: its level (level `l` holds the hashes of subtrees of 256ˡ leaves)
/// and its index at that level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileId {
    /// Level: 0 holds leaf hashes.
    pub level: u8,
    /// Index at its level.
    pub index: u64,
}

/// Tiles at hand: their bytes (32 bytes a hash, 1 to 256 hashes), and which tiles an
/// operation asked for and did not find.
#[derive(Debug, Default)]
pub struct Tiles {
    data: HashMap<TileId, Vec<u8>>,
    missing: RefCell<BTreeSet<TileId>>,
}

/// An operation needs tiles the caller has not given: read these and try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing(pub Vec<TileId>);

/// What is wrong with a log, a proof or a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogError {
    /// The tiles or leaves do not give the tree the checkpoint signed.
    #[error("the log's tree at size {size} does not match its signed checkpoint")]
    RootMismatch {
        /// Tree size.
        size: u64,
    },
    /// A proof does not prove what it claims.
    #[error("the proof does not hold")]
    BadProof,
    /// A request names sizes or leaves the tree does not have.
    #[error("out of range: {0}")]
    OutOfRange(String),
    /// A checkpoint text is not a signed checkpoint of this log.
    #[error("malformed checkpoint: {0}")]
    Malformed(String),
    /// No published key made the checkpoint's signature.
    #[error("the checkpoint is not signed by a published key of {0}")]
    Unsigned(String),
}

impl Tiles {
    /// No tiles yet.
    pub fn new() -> Tiles {
        Tiles::default()
    }

    /// Adds a tile's bytes (as stored).
    pub fn insert(&mut self, id: TileId, bytes: Vec<u8>) {
        self.data.insert(id, bytes);
    }

    /// Keeps only the tiles `keep` names (an edge, say), dropping the others.
    pub fn retain(&mut self, keep: impl Fn(&TileId) -> bool) {
        self.data.retain(|id, _| keep(id));
    }

    /// The bytes of a tile, if at hand.
    pub fn get(&self, id: TileId) -> Option<&[u8]> {
        self.data.get(&id).map(Vec::as_slice)
    }

    fn take_missing(&self) -> Vec<TileId> {
        std::mem::take(&mut *self.missing.borrow_mut())
            .into_iter()
            .collect()
    }

    /// Runs `op` over these tiles: its result, or the tiles it lacked.
    fn run<T>(
        &self,
        op: impl FnOnce(&Tiles) -> Result<T, tlog_tiles::Error>,
    ) -> Result<Result<T, LogError>, Missing> {
        let out = op(self);
        let missing = self.take_missing();
        if !missing.is_empty() {
            return Err(Missing(missing));
        }
        Ok(out.map_err(|e| match e {
            tlog_tiles::Error::InvalidInput(s) => LogError::OutOfRange(s),
            tlog_tiles::Error::IndexesNotInTree => LogError::OutOfRange("not in the tree".into()),
            _ => LogError::BadProof,
        }))
    }
}

impl HashReader for Tiles {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, tlog_tiles::Error> {
        let mut out = Vec::with_capacity(indexes.len());
        let mut lacking = false;
        for &i in indexes {
            let need = Tile::from_index(TILE_HEIGHT, i);
            let id = TileId {
                level: need.level(),
                index: need.level_index(),
            };
            let found = self.data.get(&id).and_then(|bytes| {
                let width = u32::try_from(bytes.len() / HASH).ok()?;
                Tile::new(TILE_HEIGHT, id.level, id.index, width, false)
                    .hash_at_index(bytes, i)
                    .ok()
            });
            match found {
                Some(h) => out.push(h),
                None => {
                    self.missing.borrow_mut().insert(id);
                    lacking = true;
                    out.push(Hash([0; HASH]));
                }
            }
        }
        if lacking {
            Err(tlog_tiles::Error::InvalidTile)
        } else {
            Ok(out)
        }
    }
}

/// The root hash of the tree of the first `size` leaves (the empty tree: SHA-256 of
/// nothing).
pub fn root(size: u64, tiles: &Tiles) -> Result<Result<Hash, LogError>, Missing> {
    tiles.run(|t| tlog_tiles::tree_hash(size, t))
}

/// The inclusion proof of leaf `leaf` in the tree of `size` leaves (RFC 9162 §2.1.3).
pub fn inclusion(
    leaf: u64,
    size: u64,
    tiles: &Tiles,
) -> Result<Result<RecordProof, LogError>, Missing> {
    if leaf >= size {
        return Ok(Err(LogError::OutOfRange(format!(
            "leaf {leaf} is not in a tree of {size}"
        ))));
    }
    tiles.run(|t| tlog_tiles::prove_record(size, leaf, t))
}

/// The consistency proof from the tree of `from` leaves to the tree of `to` leaves (RFC
/// 9162 §2.1.4).
pub fn consistency(
    from: u64,
    to: u64,
    tiles: &Tiles,
) -> Result<Result<TreeProof, LogError>, Missing> {
    if from == 0 || from > to {
        return Ok(Err(LogError::OutOfRange(format!(
            "no consistency proof from {from} to {to}"
        ))));
    }
    tiles.run(|t| tlog_tiles::prove_tree(to, from, t))
}

/// Checks that `proof` proves leaf `leaf` with hash `leaf` in the tree of `size` with root
/// `root`.
pub fn check_inclusion(
    proof: &RecordProof,
    size: u64,
    root: Hash,
    leaf: u64,
    leaf_hash: Hash,
) -> Result<(), LogError> {
    tlog_tiles::check_record(proof, size, root, leaf, leaf_hash).map_err(|_| LogError::BadProof)
}

/// Checks that `proof` proves the tree (`to`, `to_root`) extends the tree (`from`,
/// `from_root`): nothing of the older tree was changed or removed.
pub fn check_consistency(
    proof: &TreeProof,
    from: u64,
    from_root: Hash,
    to: u64,
    to_root: Hash,
) -> Result<(), LogError> {
    if from == to {
        return if from_root == to_root && proof.is_empty() {
            Ok(())
        } else {
            Err(LogError::BadProof)
        };
    }
    tlog_tiles::check_tree(proof, to, to_root, from, from_root).map_err(|_| LogError::BadProof)
}

/// The tiles on the right edge of a tree of `size` leaves: at each level the last tile,
/// when it is partial (a full one never changes again). Appending reads these.
pub fn edge(size: u64) -> Vec<TileId> {
    let mut out = Vec::new();
    let mut level = 0u8;
    while level < 8 && size >> (u32::from(level) * 8) > 0 {
        let nodes = size >> (u32::from(level) * 8);
        if !nodes.is_multiple_of(TILE_WIDTH) {
            out.push(TileId {
                level,
                index: nodes / TILE_WIDTH,
            });
        }
        level += 1;
    }
    out
}

/// Appends `leaves` (leaf hashes) to a tree of `size` leaves whose [`edge`] tiles are in
/// `tiles`: the tiles to write (new ones, and the edge ones grown), each whole. The
/// hashes of a level-`l+1` tile are the roots of the full level-`l` tiles.
pub fn append(
    size: u64,
    tiles: &Tiles,
    leaves: &[Hash],
) -> Result<Vec<(TileId, Vec<u8>)>, Missing> {
    let lacking: Vec<TileId> = edge(size)
        .into_iter()
        .filter(|id| tiles.get(*id).is_none())
        .collect();
    if !lacking.is_empty() {
        return Err(Missing(lacking));
    }
    let mut out = Vec::new();
    // The hashes to add at this level, and where the level's nodes end before them.
    let mut adding: Vec<Hash> = leaves.to_vec();
    let mut level = 0u8;
    let mut before = size;
    while !adding.is_empty() {
        let mut next = Vec::new();
        let mut index = before / TILE_WIDTH;
        // The first tile: the partial edge one grown, or a new one.
        let mut current: Vec<u8> = if !before.is_multiple_of(TILE_WIDTH) {
            let mut bytes = tiles
                .get(TileId { level, index })
                .map(<[u8]>::to_vec)
                .unwrap_or_default();
            let want = usize::try_from(before % TILE_WIDTH).unwrap_or(0) * HASH;
            bytes.truncate(want);
            bytes
        } else {
            Vec::with_capacity(TILE_WIDTH as usize * HASH)
        };
        for h in &adding {
            current.extend_from_slice(&h.0);
            if current.len() == TILE_WIDTH as usize * HASH {
                next.push(Tile::subtree_hash(&current));
                out.push((TileId { level, index }, std::mem::take(&mut current)));
                current.reserve(TILE_WIDTH as usize * HASH);
                index += 1;
            }
        }
        if !current.is_empty() {
            out.push((TileId { level, index }, current));
        }
        before /= TILE_WIDTH;
        adding = next;
        level += 1;
    }
    Ok(out)
}

/// A checkpoint: the log's identity, its size and root (C2SP `tlog-checkpoint`), and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkpoint {
    /// The log's origin line, e.g. `erikti.kz/ledger`.
    pub origin: String,
    /// Leaves in the tree.
    pub size: u64,
    /// Its root hash.
    pub root: Hash,
}

impl Checkpoint {
    /// The note's text: origin, size and base64 root, one a line.
    pub fn body(&self) -> String {
        format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            B64.encode(self.root.0)
        )
    }

    /// The signed note (C2SP `signed-note`): the text, a blank line, and the signature line
    /// `— <name> <base64(key hash ‖ signature)>`, the key named after the origin.
    pub fn sign(&self, key: &Key) -> String {
        let body = self.body();
        let mut sig = note_key_hash(&self.origin, &key.public()).to_vec();
        sig.extend_from_slice(&key.sign(body.as_bytes()));
        format!("{body}\n\u{2014} {} {}\n", self.origin, B64.encode(sig))
    }

    /// Reads a signed checkpoint of `origin` and checks that one of `keys` signed it
    /// (signatures by other names or unknown keys are passed over, as the note format
    /// asks).
    pub fn verify(note: &str, origin: &str, keys: &[VerifyingKey]) -> Result<Checkpoint, LogError> {
        let (body, sigs) = note
            .split_once("\n\n")
            .ok_or_else(|| LogError::Malformed("no signature block".into()))?;
        let body = format!("{body}\n");
        let mut lines = body.lines();
        let (Some(o), Some(size), Some(root)) = (lines.next(), lines.next(), lines.next()) else {
            return Err(LogError::Malformed("fewer than three lines".into()));
        };
        if o != origin {
            return Err(LogError::Malformed(format!("origin {o:?}, not {origin:?}")));
        }
        let size: u64 = size
            .parse()
            .map_err(|_| LogError::Malformed(format!("size {size:?}")))?;
        let root: [u8; HASH] = B64
            .decode(root)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| LogError::Malformed("root hash".into()))?;
        let signed = sigs.lines().any(|line| {
            let Some(rest) = line.strip_prefix("\u{2014} ") else {
                return false;
            };
            let Some((name, sig)) = rest.split_once(' ') else {
                return false;
            };
            let Ok(sig) = B64.decode(sig) else {
                return false;
            };
            if name != origin || sig.len() != 4 + 64 {
                return false;
            }
            let Ok(signature) = <[u8; 64]>::try_from(&sig[4..]) else {
                return false;
            };
            keys.iter().any(|k| {
                note_key_hash(name, k) == sig[..4]
                    && verify_signature(k, body.as_bytes(), &signature)
            })
        });
        if !signed {
            return Err(LogError::Unsigned(origin.to_owned()));
        }
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root: Hash(root),
        })
    }
}

/// The 4-byte key hash of an Ed25519 note key: SHA-256 of the name, a newline, the
/// algorithm byte 0x01 and the public key.
pub fn note_key_hash(name: &str, key: &VerifyingKey) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n\x01");
    h.update(key.as_bytes());
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

/// A note verifier key in the usual text form `<name>+<key hash hex>+<base64(0x01 ‖
/// key)>`, for witnesses that speak the note format.
pub fn verifier_key(name: &str, key: &VerifyingKey) -> String {
    let mut k = vec![1u8];
    k.extend_from_slice(key.as_bytes());
    format!(
        "{name}+{}+{}",
        hex::encode(note_key_hash(name, key)),
        B64.encode(k)
    )
}

/// A hash as base64 (the checkpoint's and the proofs' form).
pub fn hash_b64(h: &Hash) -> String {
    B64.encode(h.0)
}

/// A hash from its base64 form.
pub fn hash_from_b64(s: &str) -> Option<Hash> {
    B64.decode(s)
        .ok()
        .and_then(|b| <[u8; HASH]>::try_from(b).ok())
        .map(Hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(n: u64) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect()
    }

    /// Builds the tiles of `n` leaves by appending in the given steps.
    fn grow(steps: &[u64]) -> (Tiles, u64) {
        let mut tiles = Tiles::new();
        let mut size = 0;
        let all = leaves(steps.iter().sum());
        for &s in steps {
            let written = append(size, &tiles, &all[size as usize..(size + s) as usize])
                .expect("edge at hand");
            for (id, bytes) in written {
                tiles.insert(id, bytes);
            }
            size += s;
        }
        (tiles, size)
    }

    /// RFC 9162's Merkle tree hash, straight from its definition.
    fn mth(d: &[Hash]) -> Hash {
        match d.len() {
            0 => Hash(Sha256::digest([]).into()),
            1 => d[0],
            n => {
                let k = n.next_power_of_two() / 2;
                tlog_tiles::node_hash(mth(&d[..k]), mth(&d[k..]))
            }
        }
    }

    #[test]
    fn tiles_grown_in_any_steps_give_the_tree_of_the_definition() {
        for steps in [
            vec![1],
            vec![255, 1],
            vec![256],
            vec![257],
            vec![3, 300, 70_000],
            vec![65_536, 1],
            vec![1; 600],
        ] {
            let (tiles, size) = grow(&steps);
            let want = mth(&leaves(size));
            assert_eq!(root(size, &tiles).unwrap().unwrap(), want, "{steps:?}");
        }
    }

    #[test]
    fn proofs_from_tiles_check_and_fail_when_a_byte_changes() {
        let (tiles, size) = grow(&[1000, 37]);
        let all = leaves(size);
        for (leaf, t) in [
            (0, 1),
            (5, 6),
            (255, 256),
            (256, 1037),
            (1036, 1037),
            (700, 900),
        ] {
            let r = mth(&all[..t as usize]);
            let p = inclusion(leaf, t, &tiles).unwrap().unwrap();
            check_inclusion(&p, t, r, leaf, all[leaf as usize]).unwrap();
            let mut bad = p.clone();
            if let Some(h) = bad.first_mut() {
                h.0[0] ^= 1;
                assert!(check_inclusion(&bad, t, r, leaf, all[leaf as usize]).is_err());
            }
            assert!(check_inclusion(&p, t, r, leaf, leaf_hash(b"another")).is_err());
        }
        for (from, to) in [(1, 1037), (256, 1037), (1000, 1037), (7, 8), (1037, 1037)] {
            let (a, b) = (mth(&all[..from as usize]), mth(&all[..to as usize]));
            let p = consistency(from, to, &tiles).unwrap().unwrap();
            check_consistency(&p, from, a, to, b).unwrap();
            let forked = mth(&leaves(from + 1)[1..]);
            assert!(check_consistency(&p, from, forked, to, b).is_err());
        }
    }

    #[test]
    fn an_operation_names_the_tiles_it_lacks() {
        let (full, size) = grow(&[70_000]);
        let empty = Tiles::new();
        let Err(Missing(need)) = inclusion(69_999, size, &empty) else {
            panic!("needs tiles");
        };
        let mut some = Tiles::new();
        for id in need {
            some.insert(id, full.get(id).unwrap().to_vec());
        }
        assert!(inclusion(69_999, size, &some).unwrap().is_ok());
        assert_eq!(
            edge(70_000),
            vec![
                TileId {
                    level: 0,
                    index: 273
                },
                TileId { level: 1, index: 1 },
                TileId { level: 2, index: 0 }
            ]
        );
    }

    #[test]
    fn a_checkpoint_verifies_with_its_key_only() {
        let key = Key::from_secret(&[7; 32]);
        let other = Key::from_secret(&[8; 32]);
        let c = Checkpoint {
            origin: "erikti.example/ledger".into(),
            size: 12,
            root: leaf_hash(b"x"),
        };
        let note = c.sign(&key);
        assert!(note.starts_with("erikti.example/ledger\n12\n"));
        assert_eq!(
            Checkpoint::verify(&note, &c.origin, &[key.public()]).unwrap(),
            c
        );
        assert!(Checkpoint::verify(&note, &c.origin, &[other.public()]).is_err());
        assert!(
            Checkpoint::verify(
                &note.replace("\n12\n", "\n13\n"),
                &c.origin,
                &[key.public()]
            )
            .is_err()
        );
        assert!(Checkpoint::verify(&note, "elsewhere/ledger", &[key.public()]).is_err());
        assert!(verifier_key(&c.origin, &key.public()).starts_with("erikti.example/ledger+"));
    }
}
