//! Certificates of confirmed hours: a statement of facts signed with the platform's Ed25519
//! key, as a JSON document that anyone can check offline with the published public key.
//!
//! What is signed is the canonical form of the statement: its JSON serialization with the
//! fields in the order of [`Statement`] and no insignificant whitespace, after the tag
//! `erikti-certificate-v1`. A document with an unknown field, a changed fact or a changed
//! signature does not verify.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ledger::{Key, VerifyingKey, verify_signature};

const TAG: &[u8] = b"erikti-certificate-v1\0";

/// Hours of one direction or organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// Code (direction) or key (organization); empty for "other".
    pub id: String,
    /// Name in the certificate's language.
    pub name: String,
    /// Minutes.
    pub minutes: i64,
}

/// The attested facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Format version (1).
    pub version: u32,
    /// The public code (`/verify/<code>`).
    pub code: String,
    /// Who issued it (the platform's public URL).
    pub issuer: String,
    /// The holder's name.
    pub holder: String,
    /// The holder's account key.
    pub holder_id: Uuid,
    /// Language of the names (kk, ru, en).
    pub lang: String,
    /// First day counted, if limited.
    pub from: Option<NaiveDate>,
    /// Last day counted, if limited.
    pub to: Option<NaiveDate>,
    /// The one organization counted, if limited.
    pub organization: Option<Line>,
    /// Confirmed minutes in scope.
    pub total_minutes: i64,
    /// By direction.
    pub by_direction: Vec<Line>,
    /// By organization.
    pub by_organization: Vec<Line>,
    /// First and last day of the activity counted.
    pub first_day: Option<NaiveDate>,
    /// Last day.
    pub last_day: Option<NaiveDate>,
    /// The holder's ledger when issued: entries and the last hash (hex).
    pub ledger_seq: i64,
    /// Hash of the last ledger entry (hex).
    pub ledger_hash: String,
    /// Issued at.
    pub issued_at: DateTime<Utc>,
    /// The proof that the hours counted are in the public log (certificates issued since
    /// the log exists carry one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log: Option<LogProof>,
}

/// The entries a certificate counts, each with its inclusion proof in the tree of the
/// checkpoint it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogProof {
    /// The signed checkpoint (C2SP note) the proofs lead to.
    pub checkpoint: String,
    /// The entries counted (confirmations and reversals in scope).
    pub entries: Vec<LoggedEntry>,
}

/// One ledger entry of a certificate and its place in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoggedEntry {
    /// Its leaf index.
    pub leaf: u64,
    /// Its canonical encoding (base64): what the leaf hashes.
    pub entry: String,
    /// The inclusion proof (base64 hashes, RFC 9162 §2.1.3).
    pub proof: Vec<String>,
}

/// What a certificate's log proof established.
#[derive(Debug, Clone, PartialEq)]
pub struct InLog {
    /// The checkpoint the entries are proven in.
    pub checkpoint: crate::tlog::Checkpoint,
    /// The entries, decoded, with their leaf indexes.
    pub entries: Vec<(u64, crate::ledger::Entry)>,
}

/// The log's origin for a certificate's issuer (its public address without the scheme,
/// and `/ledger`).
pub fn log_origin(issuer: &str) -> String {
    let url = issuer.trim_end_matches('/');
    let bare = url.split_once("://").map_or(url, |(_, rest)| rest);
    format!("{bare}/ledger")
}

/// Checks a certificate's log proof with only the published keys: the checkpoint is
/// signed by one of them, every entry is the holder's, in the tree at
/// its leaf, and the entries in scope add up to the total stated.
pub fn verify_log(statement: &Statement, keys: &[VerifyingKey]) -> Result<InLog, Invalid> {
    use base64::Engine as _;
    let p = statement.log.as_ref().ok_or(Invalid::NoLogProof)?;
    // The log names itself in the note's first line; the published key is what vouches.
    let origin = p.checkpoint.lines().next().unwrap_or_default();
    let c = crate::tlog::Checkpoint::verify(&p.checkpoint, origin, keys)
        .map_err(|e| Invalid::Log(e.to_string()))?;
    let mut entries = Vec::with_capacity(p.entries.len());
    let mut minutes = 0i64;
    for l in &p.entries {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&l.entry)
            .map_err(|_| Invalid::Log(format!("leaf {}: not base64", l.leaf)))?;
        let e = crate::ledger::Entry::decode(&bytes)
            .ok_or_else(|| Invalid::Log(format!("leaf {}: not a ledger entry", l.leaf)))?;
        if e.volunteer_id != statement.holder_id {
            return Err(Invalid::Log(format!(
                "leaf {}: another volunteer's entry",
                l.leaf
            )));
        }
        let proof: Option<Vec<crate::tlog::Hash>> = l
            .proof
            .iter()
            .map(|h| crate::tlog::hash_from_b64(h))
            .collect();
        let proof =
            proof.ok_or_else(|| Invalid::Log(format!("leaf {}: malformed proof", l.leaf)))?;
        crate::tlog::check_inclusion(
            &proof,
            c.size,
            c.root,
            l.leaf,
            crate::tlog::leaf_hash(&bytes),
        )
        .map_err(|_| Invalid::Log(format!("leaf {} is not in the log", l.leaf)))?;
        let in_scope = statement.from.is_none_or(|f| e.work_date >= f)
            && statement.to.is_none_or(|t| e.work_date <= t)
            && statement
                .organization
                .as_ref()
                .is_none_or(|o| e.organization_id.map(|u| u.to_string()) == Some(o.id.clone()));
        if in_scope {
            minutes += e.minutes;
        }
        entries.push((l.leaf, e));
    }
    if minutes != statement.total_minutes {
        return Err(Invalid::Log(format!(
            "the entries add up to {minutes} minutes, not the {} stated",
            statement.total_minutes
        )));
    }
    Ok(InLog {
        checkpoint: c,
        entries,
    })
}

impl Statement {
    /// The same facts without the log proof (a summary: it no longer matches the
    /// signature).
    pub fn without_log(&self) -> Statement {
        Statement {
            version: self.version,
            code: self.code.clone(),
            issuer: self.issuer.clone(),
            holder: self.holder.clone(),
            holder_id: self.holder_id,
            lang: self.lang.clone(),
            from: self.from,
            to: self.to,
            organization: self.organization.clone(),
            total_minutes: self.total_minutes,
            by_direction: self.by_direction.clone(),
            by_organization: self.by_organization.clone(),
            first_day: self.first_day,
            last_day: self.last_day,
            ledger_seq: self.ledger_seq,
            ledger_hash: self.ledger_hash.clone(),
            issued_at: self.issued_at,
            log: None,
        }
    }

    /// The bytes that are signed.
    pub fn signed_bytes(&self) -> Vec<u8> {
        let mut out = TAG.to_vec();
        out.extend_from_slice(
            serde_json::to_string(self)
                .expect("a statement serializes")
                .as_bytes(),
        );
        out
    }
}

/// A statement with its signature: the certificate's JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signed {
    /// The facts.
    pub statement: Statement,
    /// The signing key's identifier.
    pub key_id: String,
    /// Ed25519 signature of [`Statement::signed_bytes`], hex.
    pub signature: String,
}

/// Signs a statement.
pub fn sign(statement: Statement, key: &Key) -> Signed {
    let signature = hex::encode(key.sign(&statement.signed_bytes()));
    Signed {
        statement,
        key_id: key.id.clone(),
        signature,
    }
}

/// Why a certificate does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    /// Not a certificate document (or one with unknown fields).
    #[error("not a certificate document: {0}")]
    Malformed(String),
    /// Signed by a key that is not in the key set.
    #[error("signed by an unknown key {0}")]
    UnknownKey(String),
    /// The signature does not match the facts.
    #[error("the signature does not match the facts: the document was changed")]
    BadSignature,
    /// Issued before the log existed: no proof to check.
    #[error("the certificate carries no proof from the public log")]
    NoLogProof,
    /// The log proof does not hold.
    #[error("the log proof does not hold: {0}")]
    Log(String),
}

/// Checks a signed statement against the published keys.
pub fn verify(signed: &Signed, keys: &dyn Fn(&str) -> Option<VerifyingKey>) -> Result<(), Invalid> {
    let public = keys(&signed.key_id).ok_or_else(|| Invalid::UnknownKey(signed.key_id.clone()))?;
    let signature = hex::decode(&signed.signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .ok_or(Invalid::BadSignature)?;
    if verify_signature(&public, &signed.statement.signed_bytes(), &signature) {
        Ok(())
    } else {
        Err(Invalid::BadSignature)
    }
}

/// Parses and checks a certificate document (offline verification).
pub fn verify_json(
    json: &str,
    keys: &dyn Fn(&str) -> Option<VerifyingKey>,
) -> Result<Signed, Invalid> {
    let signed: Signed =
        serde_json::from_str(json).map_err(|e| Invalid::Malformed(e.to_string()))?;
    verify(&signed, keys)?;
    Ok(signed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement() -> Statement {
        Statement {
            version: 1,
            code: "K7M2-Q9XD-4TRA".into(),
            issuer: "https://erikti.kz".into(),
            holder: "Әлия Нұрланқызы".into(),
            holder_id: Uuid::from_u128(5),
            lang: "kk".into(),
            from: None,
            to: None,
            organization: None,
            total_minutes: 1_230,
            by_direction: vec![Line {
                id: "ecology".into(),
                name: "Экология".into(),
                minutes: 1_230,
            }],
            by_organization: vec![Line {
                id: Uuid::from_u128(9).to_string(),
                name: "Жасыл ел".into(),
                minutes: 1_230,
            }],
            first_day: NaiveDate::from_ymd_opt(2026, 3, 1),
            last_day: NaiveDate::from_ymd_opt(2026, 9, 1),
            ledger_seq: 4,
            ledger_hash: "ab".repeat(32),
            issued_at: DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
            log: None,
        }
    }

    fn keys(id: &str) -> Option<VerifyingKey> {
        let k = Key::from_secret(&[1u8; 32]);
        (k.id == id).then(|| k.public())
    }

    #[test]
    fn a_signed_certificate_verifies_offline_and_any_edit_fails() {
        let key = Key::from_secret(&[1u8; 32]);
        let signed = sign(statement(), &key);
        let json = serde_json::to_string_pretty(&signed).unwrap();
        assert_eq!(verify_json(&json, &keys).unwrap(), signed);
        // Every edit of a fact: a changed digit, a name, an added field, the key.
        for (from, to) in [
            ("1230", "1290"),
            ("Әлия", "Алия"),
            ("\"version\": 1", "\"version\": 1, \"extra\": true"),
            ("2026-09-01", "2026-09-02"),
        ] {
            let edited = json.replacen(from, to, 1);
            assert_ne!(edited, json, "{from}");
            assert!(verify_json(&edited, &keys).is_err(), "{from} → {to}");
        }
        let mut forged = signed.clone();
        let flipped = if forged.signature.starts_with("00") {
            "01"
        } else {
            "00"
        };
        forged.signature.replace_range(0..2, flipped);
        assert_eq!(verify(&forged, &keys), Err(Invalid::BadSignature));
        let other = sign(statement(), &Key::from_secret(&[2u8; 32]));
        assert!(matches!(verify(&other, &keys), Err(Invalid::UnknownKey(_))));
    }
}
