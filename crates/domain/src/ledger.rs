//! The ledger of the electronic volunteer book: confirmed hours as an append-only chain
//! per volunteer, each entry hashed over a canonical encoding and linked to the previous
//! one, the chain's head signed with the platform's Ed25519 key.
//!
//! An entry is never changed: a correction is a new entry that reverses an old one (negative
//! minutes, a reason and who did it). Whoever changes a stored byte — a field, a hash, a
//! link, the head or its signature — is caught by [`verify_chain`], which names the entry.
//!
//! The canonical encoding is versioned (`erikti-ledger-v1`): every field in a fixed order,
//! each as a 4-byte big-endian length followed by its bytes (a missing optional field is
//! the length `0xFFFF_FFFF` with no bytes), so no two different entries encode alike.

use crate::values::codes;
use chrono::{DateTime, NaiveDate, Utc};
use ed25519_dalek::{Signature, Signer, Verifier};
pub use ed25519_dalek::{SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The link of a chain's first entry.
pub const GENESIS: [u8; 32] = [0; 32];

const ENTRY_TAG: &[u8] = b"erikti-ledger-v1";
const HEAD_TAG: &[u8] = b"erikti-head-v1";

codes! {
    /// What an entry does to the book.
    pub enum EntryKind {
        /// Confirmed hours enter the book.
        Confirm = "confirm",
        /// An earlier entry is taken back (its minutes, negated).
        Reverse = "reverse",
    }
}

/// One entry of a volunteer's chain: every field is covered by its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Whose book.
    pub volunteer_id: Uuid,
    /// Position in her chain: 1, 2, ...
    pub seq: i64,
    /// The hours entry confirmed or reversed.
    pub hours_id: Uuid,
    /// Confirm or reverse.
    pub kind: String,
    /// Minutes: positive when confirmed, negative when reversed.
    pub minutes: i64,
    /// The day of the activity.
    pub work_date: NaiveDate,
    /// The organization that confirmed them, if any.
    pub organization_id: Option<Uuid>,
    /// Direction code.
    pub direction: Option<String>,
    /// Activity type code.
    pub activity_type: Option<String>,
    /// Source: attendance, claim, help_request, import.
    pub source: String,
    /// Why (a reversal always says why).
    pub reason: Option<String>,
    /// Who recorded it.
    pub actor_id: Option<Uuid>,
    /// When (microseconds, as stored).
    pub recorded_at: DateTime<Utc>,
    /// Hash of the previous entry of this chain ([`GENESIS`] for the first).
    pub prev_hash: [u8; 32],
}

/// Appends one field of a canonical encoding: a 4-byte big-endian length and the bytes, or
/// the length `0xFFFF_FFFF` alone for an absent optional field (shared with the other
/// canonical encodings, e.g. the charity money trail's).
pub(crate) fn field(out: &mut Vec<u8>, bytes: Option<&[u8]>) {
    match bytes {
        Some(b) => {
            let len = u32::try_from(b.len()).unwrap_or(u32::MAX - 1);
            out.extend_from_slice(&len.to_be_bytes());
            out.extend_from_slice(b);
        }
        None => out.extend_from_slice(&u32::MAX.to_be_bytes()),
    }
}

/// Reads back, in order, the fields that [`field`] wrote.
pub(crate) struct Fields<'a> {
    rest: &'a [u8],
}

impl<'a> Fields<'a> {
    /// A reader over a whole encoding.
    pub(crate) fn new(bytes: &'a [u8]) -> Fields<'a> {
        Fields { rest: bytes }
    }

    /// The next field: `Some(None)` for an absent optional field, `None` when the bytes
    /// end or are cut short.
    pub(crate) fn next(&mut self) -> Option<Option<&'a [u8]>> {
        let (len, tail) = self.rest.split_first_chunk::<4>()?;
        let len = u32::from_be_bytes(*len);
        if len == u32::MAX {
            self.rest = tail;
            return Some(None);
        }
        let len = usize::try_from(len).ok()?;
        if tail.len() < len {
            return None;
        }
        let (field, tail) = tail.split_at(len);
        self.rest = tail;
        Some(Some(field))
    }

    /// The next field, which must be present.
    pub(crate) fn present(&mut self) -> Option<&'a [u8]> {
        self.next()?
    }

    /// Whether every byte has been read.
    pub(crate) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }
}

/// A field's bytes as UTF-8 text.
pub(crate) fn text_of(b: &[u8]) -> Option<String> {
    String::from_utf8(b.to_vec()).ok()
}

/// A field's bytes as a UUID (16 bytes).
pub(crate) fn uuid_of(b: &[u8]) -> Option<Uuid> {
    Uuid::from_slice(b).ok()
}

/// A field's bytes as a big-endian `i64` (8 bytes).
pub(crate) fn i64_of(b: &[u8]) -> Option<i64> {
    <[u8; 8]>::try_from(b).ok().map(i64::from_be_bytes)
}

/// An optional field: absent, or present and well-formed (`None` when present but not
/// readable, so the whole encoding is refused).
pub(crate) fn optional<T>(
    field: Option<&[u8]>,
    read: impl Fn(&[u8]) -> Option<T>,
) -> Option<Option<T>> {
    match field {
        Some(b) => read(b).map(Some),
        None => Some(None),
    }
}

impl Entry {
    /// The canonical encoding (what is hashed).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        field(&mut out, Some(ENTRY_TAG));
        field(&mut out, Some(self.volunteer_id.as_bytes()));
        field(&mut out, Some(&self.seq.to_be_bytes()));
        field(&mut out, Some(self.hours_id.as_bytes()));
        field(&mut out, Some(self.kind.as_bytes()));
        field(&mut out, Some(&self.minutes.to_be_bytes()));
        field(
            &mut out,
            Some(self.work_date.format("%Y-%m-%d").to_string().as_bytes()),
        );
        field(
            &mut out,
            self.organization_id
                .as_ref()
                .map(|u| u.as_bytes().as_slice()),
        );
        field(&mut out, self.direction.as_deref().map(str::as_bytes));
        field(&mut out, self.activity_type.as_deref().map(str::as_bytes));
        field(&mut out, Some(self.source.as_bytes()));
        field(&mut out, self.reason.as_deref().map(str::as_bytes));
        field(
            &mut out,
            self.actor_id.as_ref().map(|u| u.as_bytes().as_slice()),
        );
        field(
            &mut out,
            Some(&self.recorded_at.timestamp_micros().to_be_bytes()),
        );
        field(&mut out, Some(&self.prev_hash));
        out
    }

    /// Reads an entry back from its canonical encoding (as a certificate carries it);
    /// none when the bytes are not one.
    pub fn decode(bytes: &[u8]) -> Option<Entry> {
        let mut f = Fields::new(bytes);
        if f.present()? != ENTRY_TAG {
            return None;
        }
        let volunteer_id = uuid_of(f.present()?)?;
        let seq = i64_of(f.present()?)?;
        let hours_id = uuid_of(f.present()?)?;
        let kind = text_of(f.present()?)?;
        let minutes = i64_of(f.present()?)?;
        let work_date = NaiveDate::parse_from_str(&text_of(f.present()?)?, "%Y-%m-%d").ok()?;
        let organization_id = optional(f.next()?, uuid_of)?;
        let direction = optional(f.next()?, text_of)?;
        let activity_type = optional(f.next()?, text_of)?;
        let source = text_of(f.present()?)?;
        let reason = optional(f.next()?, text_of)?;
        let actor_id = optional(f.next()?, uuid_of)?;
        let recorded_at = DateTime::from_timestamp_micros(i64_of(f.present()?)?)?;
        let prev_hash = <[u8; 32]>::try_from(f.present()?).ok()?;
        let entry = Entry {
            volunteer_id,
            seq,
            hours_id,
            kind,
            minutes,
            work_date,
            organization_id,
            direction,
            activity_type,
            source,
            reason,
            actor_id,
            recorded_at,
            prev_hash,
        };
        // Nothing after the last field, and nothing encoded two ways.
        (f.is_empty() && entry.encode() == bytes).then_some(entry)
    }

    /// SHA-256 of the canonical encoding.
    pub fn hash(&self) -> [u8; 32] {
        Sha256::digest(self.encode()).into()
    }
}

/// The signed head of a chain: its length and last hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// Whose chain.
    pub volunteer_id: Uuid,
    /// Entries in it.
    pub seq: i64,
    /// Hash of its last entry.
    pub hash: [u8; 32],
    /// Which key signed it.
    pub key_id: String,
    /// Ed25519 signature of [`head_message`].
    pub signature: [u8; 64],
}

/// What a head's signature covers.
pub fn head_message(volunteer_id: Uuid, seq: i64, hash: &[u8; 32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(80);
    field(&mut out, Some(HEAD_TAG));
    field(&mut out, Some(volunteer_id.as_bytes()));
    field(&mut out, Some(&seq.to_be_bytes()));
    field(&mut out, Some(hash));
    out
}

/// A signing key with its published identifier.
#[derive(Clone)]
pub struct Key {
    /// Identifier (published with the public key).
    pub id: String,
    /// The secret key.
    pub signing: SigningKey,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("id", &self.id)
            .field(
                "public",
                &hex::encode(self.signing.verifying_key().as_bytes()),
            )
            .finish_non_exhaustive()
    }
}

impl Key {
    /// A key from its 32 secret bytes; its identifier is derived from the public key.
    pub fn from_secret(secret: &[u8; 32]) -> Key {
        let signing = SigningKey::from_bytes(secret);
        let id = key_id(&signing.verifying_key());
        Key { id, signing }
    }
    /// The public half.
    pub fn public(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }
    /// Signs a chain's head.
    pub fn sign_head(&self, volunteer_id: Uuid, seq: i64, hash: [u8; 32]) -> Head {
        let signature = self
            .signing
            .sign(&head_message(volunteer_id, seq, &hash))
            .to_bytes();
        Head {
            volunteer_id,
            seq,
            hash,
            key_id: self.id.clone(),
            signature,
        }
    }
    /// Signs any message (certificates).
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

/// A public key's identifier: the first 8 bytes of its SHA-256, in hex.
pub fn key_id(public: &VerifyingKey) -> String {
    hex::encode(&Sha256::digest(public.as_bytes())[..8])
}

/// Checks a signature made by [`Key::sign`].
pub fn verify_signature(public: &VerifyingKey, message: &[u8], signature: &[u8; 64]) -> bool {
    public
        .verify(message, &Signature::from_bytes(signature))
        .is_ok()
}

/// What is wrong with a chain, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Broken {
    /// The entry's stored hash is not the hash of its fields: the entry (or its hash) was
    /// changed.
    #[error("entry {seq}: its content does not match its hash (altered)")]
    Altered {
        /// Position in the chain.
        seq: i64,
    },
    /// The entry does not link to the previous one.
    #[error("entry {seq}: does not link to the entry before it")]
    Unlinked {
        /// Position in the chain.
        seq: i64,
    },
    /// Positions are not 1, 2, 3, ...
    #[error("entry {seq}: out of sequence (expected {expected})")]
    OutOfSequence {
        /// Position found.
        seq: i64,
        /// Position expected.
        expected: i64,
    },
    /// The signed head does not name the last entry (entries added or removed behind it).
    #[error("head: signed for {head_seq} entries, the chain has {seq}")]
    HeadMismatch {
        /// Entries in the chain.
        seq: i64,
        /// Entries the head names.
        head_seq: i64,
    },
    /// Entries without a signed head.
    #[error("head: missing for a chain of {seq} entries")]
    HeadMissing {
        /// Entries in the chain.
        seq: i64,
    },
    /// The head's signature is not valid under the named key.
    #[error("head: the signature is not valid")]
    BadSignature,
    /// The head names a key that is not published.
    #[error("head: signed by an unknown key {0}")]
    UnknownKey(String),
}

/// A stored entry: its fields and the hash stored with it.
#[derive(Debug, Clone)]
pub struct Stored {
    /// Fields.
    pub entry: Entry,
    /// Hash as stored.
    pub hash: [u8; 32],
}

/// Verifies one volunteer's chain (entries in order) and its head against the published
/// keys; returns the chain's total minutes.
pub fn verify_chain(
    entries: &[Stored],
    head: Option<&Head>,
    keys: &dyn Fn(&str) -> Option<VerifyingKey>,
) -> Result<i64, Broken> {
    let mut walk = ChainWalk::default();
    for s in entries {
        walk.step(s, s.entry.hash() == s.hash);
    }
    walk.finish(head, keys)
}

/// [`verify_chain`] one entry at a time, for a chain read in pieces (the ledger read once
/// in log order, every chain advancing as its entries come): the same checks, the same
/// refusals.
#[derive(Debug, Clone)]
pub struct ChainWalk {
    seq: i64,
    prev: [u8; 32],
    total: i64,
    broken: Option<Broken>,
}

impl Default for ChainWalk {
    fn default() -> Self {
        ChainWalk {
            seq: 0,
            prev: GENESIS,
            total: 0,
            broken: None,
        }
    }
}

impl ChainWalk {
    /// The next entry of the chain; `intact` says whether its stored hash is its fields'
    /// (the caller has computed it). After the first refusal the walk stays broken.
    pub fn step(&mut self, s: &Stored, intact: bool) {
        if self.broken.is_some() {
            return;
        }
        let expected = self.seq + 1;
        let seq = s.entry.seq;
        self.broken = if seq != expected {
            Some(Broken::OutOfSequence { seq, expected })
        } else if !intact {
            Some(Broken::Altered { seq })
        } else if s.entry.prev_hash != self.prev {
            Some(Broken::Unlinked { seq })
        } else {
            None
        };
        self.seq = seq;
        self.prev = s.hash;
        self.total += s.entry.minutes;
    }

    /// The verdict with the chain's head, as [`verify_chain`] gives it.
    pub fn finish(
        &self,
        head: Option<&Head>,
        keys: &dyn Fn(&str) -> Option<VerifyingKey>,
    ) -> Result<i64, Broken> {
        if let Some(b) = &self.broken {
            return Err(b.clone());
        }
        let seq = self.seq;
        match head {
            None if seq == 0 => Ok(0),
            None => Err(Broken::HeadMissing { seq }),
            Some(h) => {
                if h.seq != seq || (seq > 0 && h.hash != self.prev) {
                    return Err(Broken::HeadMismatch {
                        seq,
                        head_seq: h.seq,
                    });
                }
                let public = keys(&h.key_id).ok_or_else(|| Broken::UnknownKey(h.key_id.clone()))?;
                if !verify_signature(
                    &public,
                    &head_message(h.volunteer_id, h.seq, &h.hash),
                    &h.signature,
                ) {
                    return Err(Broken::BadSignature);
                }
                Ok(self.total)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        Key::from_secret(&[7u8; 32])
    }

    fn chain(n: i64) -> (Vec<Stored>, Head) {
        let v = Uuid::from_u128(42);
        let mut prev = GENESIS;
        let mut out = Vec::new();
        for seq in 1..=n {
            let entry = Entry {
                volunteer_id: v,
                seq,
                hours_id: Uuid::from_u128(seq as u128),
                kind: if seq == n && n > 2 {
                    "reverse"
                } else {
                    "confirm"
                }
                .into(),
                minutes: if seq == n && n > 2 { -60 } else { 60 * seq },
                work_date: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
                organization_id: Some(Uuid::from_u128(9)),
                direction: Some("social".into()),
                activity_type: None,
                source: "attendance".into(),
                reason: (seq == n && n > 2).then(|| "ошибка".to_owned()),
                actor_id: None,
                recorded_at: DateTime::from_timestamp_micros(1_780_000_000_000_000 + seq).unwrap(),
                prev_hash: prev,
            };
            let hash = entry.hash();
            prev = hash;
            out.push(Stored { entry, hash });
        }
        let head = key().sign_head(v, n, prev);
        (out, head)
    }

    #[test]
    fn an_entry_reads_back_from_its_encoding_and_nothing_else_does() {
        let (entries, _) = chain(3);
        for s in &entries {
            let bytes = s.entry.encode();
            assert_eq!(Entry::decode(&bytes).as_ref(), Some(&s.entry));
            assert_eq!(Entry::decode(&bytes[..bytes.len() - 1]), None, "cut short");
            let mut longer = bytes.clone();
            longer.push(0);
            assert_eq!(Entry::decode(&longer), None, "a byte more");
        }
        let mut other_tag = entries[0].entry.encode();
        other_tag[4] = b'X';
        assert_eq!(Entry::decode(&other_tag), None, "not a ledger entry");
        assert_eq!(Entry::decode(&[]), None);
    }

    fn keys(id: &str) -> Option<VerifyingKey> {
        let k = key();
        (k.id == id).then(|| k.public())
    }

    #[test]
    fn an_untouched_chain_verifies_and_sums() {
        let (c, h) = chain(5);
        assert_eq!(
            verify_chain(&c, Some(&h), &keys),
            Ok(60 + 120 + 180 + 240 - 60)
        );
        assert_eq!(verify_chain(&[], None, &keys), Ok(0));
    }

    #[test]
    fn every_changed_field_is_caught_at_its_entry() {
        let (c, h) = chain(4);
        type Edit = Box<dyn Fn(&mut Entry)>;
        let edits: Vec<Edit> = vec![
            Box::new(|e| e.minutes += 1),
            Box::new(|e| e.work_date = e.work_date.succ_opt().unwrap()),
            Box::new(|e| e.organization_id = None),
            Box::new(|e| e.direction = Some("sociaL".into())),
            Box::new(|e| e.activity_type = Some(String::new())),
            Box::new(|e| e.source = "import".into()),
            Box::new(|e| e.kind = "reverse".into()),
            Box::new(|e| e.hours_id = Uuid::from_u128(99)),
            Box::new(|e| e.recorded_at += chrono::Duration::microseconds(1)),
        ];
        for edit in edits {
            let mut bad = c.clone();
            edit(&mut bad[1].entry);
            assert_eq!(
                verify_chain(&bad, Some(&h), &keys),
                Err(Broken::Altered { seq: 2 })
            );
        }
    }

    #[test]
    fn every_byte_of_hashes_links_and_signatures_matters() {
        let (c, h) = chain(3);
        for i in 0..32 {
            let mut bad = c.clone();
            bad[2].hash[i] ^= 1;
            assert!(verify_chain(&bad, Some(&h), &keys).is_err());
            let mut bad = c.clone();
            bad[1].entry.prev_hash[i] ^= 0x80;
            assert_eq!(
                verify_chain(&bad, Some(&h), &keys),
                Err(Broken::Altered { seq: 2 })
            );
            let mut head = h.clone();
            head.hash[i] ^= 1;
            assert!(verify_chain(&c, Some(&head), &keys).is_err());
        }
        for i in 0..64 {
            let mut head = h.clone();
            head.signature[i] ^= 1;
            assert_eq!(
                verify_chain(&c, Some(&head), &keys),
                Err(Broken::BadSignature)
            );
        }
    }

    #[test]
    fn removed_reordered_or_unsigned_entries_are_caught() {
        let (c, h) = chain(4);
        assert_eq!(
            verify_chain(&c[..3], Some(&h), &keys),
            Err(Broken::HeadMismatch {
                seq: 3,
                head_seq: 4
            })
        );
        let mut swapped = c.clone();
        swapped.swap(1, 2);
        assert!(matches!(
            verify_chain(&swapped, Some(&h), &keys),
            Err(Broken::OutOfSequence { seq: 3, .. })
        ));
        assert_eq!(
            verify_chain(&c, None, &keys),
            Err(Broken::HeadMissing { seq: 4 })
        );
        let other = Key::from_secret(&[8u8; 32]);
        let forged = other.sign_head(h.volunteer_id, h.seq, h.hash);
        assert_eq!(
            verify_chain(&c, Some(&forged), &keys),
            Err(Broken::UnknownKey(other.id.clone()))
        );
    }

    #[test]
    fn optional_fields_cannot_be_confused_with_empty_ones() {
        let (c, _) = chain(1);
        let mut a = c[0].entry.clone();
        a.reason = None;
        let mut b = a.clone();
        b.reason = Some(String::new());
        assert_ne!(a.hash(), b.hash());
    }

    /// The walk one entry at a time gives the verdict of the whole chain at once, whatever
    /// was tampered with.
    #[test]
    fn a_walk_gives_the_verdict_of_verify_chain() {
        let keys = |id: &str| (id == key().id).then(|| key().public());
        let (good, head) = chain(5);
        let mut cases: Vec<(Vec<Stored>, Option<Head>)> = vec![(good.clone(), Some(head.clone()))];
        let mut altered = good.clone();
        altered[2].entry.minutes += 600;
        cases.push((altered, Some(head.clone())));
        let mut dropped = good.clone();
        dropped.remove(1);
        cases.push((dropped, Some(head.clone())));
        let mut rehashed = good.clone();
        rehashed[3].entry.minutes = 1;
        rehashed[3].hash = rehashed[3].entry.hash();
        cases.push((rehashed, Some(head.clone())));
        cases.push((good[..4].to_vec(), Some(head.clone())));
        cases.push((good.clone(), None));
        cases.push((Vec::new(), Some(head)));
        let mut forged = chain(5).1;
        forged.signature[0] ^= 1;
        cases.push((good, Some(forged)));
        for (entries, head) in cases {
            let mut walk = ChainWalk::default();
            for s in &entries {
                walk.step(s, s.entry.hash() == s.hash);
            }
            assert_eq!(
                walk.finish(head.as_ref(), &keys),
                verify_chain(&entries, head.as_ref(), &keys)
            );
        }
    }
}
