//! Certificates of confirmed hours: issued from the signed ledger for all hours, a period or
//! one organization, in kk, ru or en; a PDF (fonts embedded, a QR code to the verify page)
//! and a signed JSON document that verifies offline; revocation by staff.

pub(crate) mod pdf;

pub use pdf::{pdf, table_pdf, table_pdf_blocking};

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use domain::Lang;
use domain::certificate::{self, Line, LogProof, LoggedEntry, Signed, Statement};
use serde::Deserialize;
use uuid::Uuid;

use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::SignedIn;
use crate::i18n;

/// What a certificate covers, as asked.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct CertificateRequest {
    /// First day (YYYY-MM-DD), optional.
    #[serde(default)]
    #[schema(format = Date)]
    pub from: String,
    /// Last day (YYYY-MM-DD), optional.
    #[serde(default)]
    #[schema(format = Date)]
    pub to: String,
    /// One organization (key), optional.
    #[serde(default)]
    #[schema(
        pattern = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    )]
    pub organization_id: String,
    /// Language of the certificate: kk, ru or en (default: the page's).
    #[serde(default)]
    #[schema(pattern = r"^(|kk|ru|en)$")]
    pub lang: String,
}

/// A new public code: 12 characters of an alphabet without look-alikes, in groups of four.
pub(crate) fn new_code() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut bytes = [0u8; 12];
    rand::fill(&mut bytes);
    let chars: String = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    format!("{}-{}-{}", &chars[..4], &chars[4..8], &chars[8..])
}

/// The verify page's address for a code.
pub fn verify_url(state: &App, code: &str) -> String {
    format!(
        "{}/verify/{code}",
        state.settings.public_url.trim_end_matches('/')
    )
}

/// The holder's name as documents state it: given name, patronymic, family name.
pub fn holder_name(me: &SignedIn) -> String {
    let u = &me.user;
    match (&u.first_name, &u.last_name) {
        (Some(f), Some(l)) if !f.trim().is_empty() && !l.trim().is_empty() => {
            // Given name, patronymic (when she gave one), family name.
            [Some(f.as_str()), u.patronymic.as_deref(), Some(l.as_str())]
                .into_iter()
                .flatten()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        }
        _ => u.display_name.clone(),
    }
}

fn optional_date(e: &mut Errors, field: &str, s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    e.check(field, domain::parse_date(s))
}

/// Issues a certificate of the caller's confirmed hours in scope; returns its code. A
/// well-formed key of no organization is [`OpError::NotFound`], checked once the fields are valid.
pub async fn issue(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    r: &CertificateRequest,
) -> Result<String, OpError> {
    let mut e = Errors::new(lang);
    let from = optional_date(&mut e, "from", &r.from);
    let to = optional_date(&mut e, "to", &r.to);
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        e.invalid("to", &domain::Invalid::EndBeforeStart);
    }
    let org_id = match r.organization_id.trim() {
        "" => None,
        s => match Uuid::parse_str(s) {
            Ok(id) => Some(id),
            Err(_) => {
                e.invalid("organization_id", &domain::Invalid::ChoiceUnknown);
                None
            }
        },
    };
    let cert_lang = match r.lang.trim() {
        "" => lang,
        s => match Lang::parse(s) {
            Some(l) => l,
            None => {
                e.invalid("lang", &domain::Invalid::ChoiceUnknown);
                lang
            }
        },
    };
    if !e.is_empty() {
        return Err(OpError::Invalid(e));
    }
    // A well-formed key of no organization: not found, as in a path.
    let org = match org_id {
        Some(id) => Some(
            store::organizations::get(&state.db, id)
                .await?
                .ok_or(OpError::NotFound)?,
        ),
        None => None,
    };
    let (chain, _) = store::ledger::chain(&state.db, me.user.id).await?;
    let (last_seq, last_hash) = chain
        .last()
        .map(|s| (s.entry.seq, hex::encode(s.hash)))
        .unwrap_or((0, hex::encode(domain::ledger::GENESIS)));
    let in_scope: Vec<_> = chain
        .into_iter()
        .filter(|s| {
            org.as_ref()
                .is_none_or(|o| s.entry.organization_id == Some(o.id))
        })
        .collect();
    let totals = crate::book::totals(&in_scope, from, to);
    let log = log_proof(state, me.user.id, &in_scope, from, to).await?;
    let days: Vec<NaiveDate> = in_scope
        .iter()
        .map(|s| s.entry.work_date)
        .filter(|d| from.is_none_or(|f| *d >= f) && to.is_none_or(|t| *d <= t))
        .collect();
    let mut by_organization = Vec::new();
    for (id, minutes) in &totals.by_organization {
        let name = match Uuid::parse_str(id) {
            Ok(oid) => store::organizations::get(&state.db, oid)
                .await?
                .map(|o| crate::organizations::display_name(&o, cert_lang).to_owned())
                .unwrap_or_default(),
            Err(_) => i18n::t(cert_lang, "book_other"),
        };
        by_organization.push(Line {
            id: id.clone(),
            name,
            minutes: *minutes,
        });
    }
    let statement = Statement {
        version: 1,
        code: new_code(),
        issuer: state.settings.public_url.trim_end_matches('/').to_owned(),
        holder: holder_name(me),
        holder_id: me.user.id,
        lang: cert_lang.code().to_owned(),
        from,
        to,
        organization: org.as_ref().map(|o| Line {
            id: o.id.to_string(),
            name: crate::organizations::display_name(o, cert_lang).to_owned(),
            minutes: totals.minutes,
        }),
        total_minutes: totals.minutes,
        by_direction: totals
            .by_direction
            .iter()
            .map(|(d, m)| Line {
                id: d.clone(),
                name: domain::reference::direction(d)
                    .map(|x| x.name(cert_lang).to_owned())
                    .unwrap_or_else(|| i18n::t(cert_lang, "book_other")),
                minutes: *m,
            })
            .collect(),
        by_organization,
        first_day: days.iter().min().copied(),
        last_day: days.iter().max().copied(),
        ledger_seq: last_seq,
        ledger_hash: last_hash,
        issued_at: store::now(),
        log,
    };
    let signed = certificate::sign(statement, state.keys.active());
    let document = serde_json::to_string_pretty(&signed)
        .map_err(|e| OpError::Internal(format!("certificate JSON: {e}")))?;
    store::ledger::insert_certificate(
        &state.db,
        &signed.statement.code,
        me.user.id,
        cert_lang.code(),
        &document,
        signed.statement.issued_at,
    )
    .await?;
    Ok(signed.statement.code)
}

/// The log proof of the entries a certificate counts: a checkpoint is signed first (so
/// it covers them), then each entry's inclusion proof in its tree. None when nothing is
/// counted and the log is still empty.
async fn log_proof(
    state: &App,
    volunteer: Uuid,
    in_scope: &[domain::ledger::Stored],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Option<LogProof>, OpError> {
    use base64::Engine as _;
    let counted: Vec<&domain::ledger::Stored> = in_scope
        .iter()
        .filter(|s| {
            from.is_none_or(|f| s.entry.work_date >= f) && to.is_none_or(|t| s.entry.work_date <= t)
        })
        .collect();
    let Some(kept) = crate::transparency::checkpoint(state).await? else {
        return Ok(None);
    };
    let places = store::ledger::log::leaf_indexes(&state.db, volunteer).await?;
    let mut leaves = Vec::with_capacity(counted.len());
    for s in &counted {
        let leaf = places.get(&s.entry.seq).copied().ok_or_else(|| {
            OpError::Internal(format!(
                "entry {} of {volunteer} has no place in the log",
                s.entry.seq
            ))
        })?;
        leaves.push(leaf);
    }
    let proofs = store::ledger::log::inclusions(&state.db, &leaves, kept.size).await?;
    let b64 = base64::engine::general_purpose::STANDARD;
    Ok(Some(LogProof {
        checkpoint: kept.note,
        entries: counted
            .iter()
            .zip(leaves)
            .zip(proofs)
            .map(|((s, leaf), proof)| LoggedEntry {
                leaf,
                entry: b64.encode(s.entry.encode()),
                proof: crate::transparency::b64(&proof),
            })
            .collect(),
    }))
}

/// A stored certificate, parsed, with whether its signature holds.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The stored row (its document left out: [`document`] reads it).
    pub row: store::ledger::Certificate,
    /// The document.
    pub signed: Arc<Signed>,
    /// The signature holds under a published key.
    pub valid: bool,
    /// What the public log says of the records behind it.
    pub log: LogStatus,
}

/// What the public log says of a certificate's records, checked against its latest
/// checkpoint.
#[derive(Debug, Clone, PartialEq)]
pub enum LogStatus {
    /// Issued before the log existed: no proof to check.
    NoProof,
    /// Recorded in the public log at the checkpoint of this size, signed then; still there
    /// and none reversed.
    Recorded {
        /// The checkpoint's tree size.
        size: u64,
        /// When it was signed.
        at: chrono::DateTime<chrono::Utc>,
    },
    /// A record behind it was reversed since it was issued (the first reversal's time).
    Reversed {
        /// When.
        on: chrono::DateTime<chrono::Utc>,
    },
    /// The proof does not hold, or the log no longer holds what it proves.
    Broken(String),
}

impl LogStatus {
    /// A stable code: `recorded`, `reversed`, `broken`, `no_proof`.
    pub fn code(&self) -> &'static str {
        match self {
            LogStatus::NoProof => "no_proof",
            LogStatus::Recorded { .. } => "recorded",
            LogStatus::Reversed { .. } => "reversed",
            LogStatus::Broken(_) => "broken",
        }
    }
}

/// What a certificate's document proves, once checked (it never changes).
#[derive(Debug)]
struct Proven {
    /// The checkpoint's size and root.
    size: u64,
    root: domain::tlog::Hash,
    /// The leaves it counts.
    counted: std::collections::HashSet<u64>,
    /// The hours entries it counts as confirmed.
    hours: Vec<Uuid>,
}

/// A certificate as this server last checked it: the document's part (parsed, its
/// signature and its proof checked: the costly part, done once per document) and the
/// log's part (redone whenever the ledger has grown).
#[derive(Debug)]
struct Seen {
    length: i64,
    signed: Arc<Signed>,
    valid: bool,
    proof: Option<Result<Proven, String>>,
    status: Mutex<Option<(u64, LogStatus)>>,
}

/// Certificates checked by this server, by code (see [`check`]). A document changed in
/// the database is read again (its length differs) or, failing that, caught by the watch
/// over the log, which reads every document afresh.
#[derive(Debug, Default)]
pub struct SeenCertificates(Mutex<HashMap<String, Arc<Seen>>>);

/// Most certificates kept checked (then the map starts again).
const SEEN_MAX: usize = 10_000;

impl SeenCertificates {
    fn get(&self, code: &str, length: i64) -> Option<Arc<Seen>> {
        let map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(code).filter(|s| s.length == length).cloned()
    }
    fn put(&self, code: String, seen: Arc<Seen>) {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() >= SEEN_MAX {
            map.clear();
        }
        map.insert(code, seen);
    }
}

/// Parses and checks a stored document: signature, and proof with the published keys only.
fn examine(state: &App, document: &str, length: i64) -> Result<Seen, OpError> {
    let keys = |id: &str| state.keys.public(id);
    let (signed, valid) = match certificate::verify_json(document, &keys) {
        Ok(s) => (s, true),
        Err(_) => match serde_json::from_str::<Signed>(document) {
            Ok(s) => (s, false),
            Err(e) => return Err(OpError::Internal(format!("stored certificate: {e}"))),
        },
    };
    let proof = signed.statement.log.as_ref().map(|_| {
        let public = crate::transparency::public_keys(state);
        certificate::verify_log(&signed.statement, &public)
            .map(|in_log| Proven {
                size: in_log.checkpoint.size,
                root: in_log.checkpoint.root,
                counted: in_log.entries.iter().map(|(l, _)| *l).collect(),
                hours: in_log
                    .entries
                    .iter()
                    .filter(|(_, e)| e.kind == domain::ledger::EntryKind::Confirm.code())
                    .map(|(_, e)| e.hours_id)
                    .collect(),
            })
            .map_err(|e| e.to_string())
    });
    Ok(Seen {
        length,
        signed: Arc::new(signed),
        valid,
        proof,
        status: Mutex::new(None),
    })
}

/// Checks a certificate's records against the log as it is now: its checkpoint kept and
/// extended by the latest one, and no reversal since.
async fn log_status(
    state: &App,
    proof: &Option<Result<Proven, String>>,
) -> Result<LogStatus, OpError> {
    let p = match proof {
        None => return Ok(LogStatus::NoProof),
        Some(Err(e)) => return Ok(LogStatus::Broken(e.clone())),
        Some(Ok(p)) => p,
    };
    let size = p.size;
    let Some(kept) = store::ledger::log::checkpoint_at(&state.db, size).await? else {
        return Ok(LogStatus::Broken(format!(
            "the log kept no checkpoint of size {size}"
        )));
    };
    if kept.root != p.root {
        return Ok(LogStatus::Broken(format!(
            "the log's checkpoint of size {size} differs"
        )));
    }
    if let Some(latest) = crate::transparency::latest(state).await?
        && latest.size > size
    {
        let proof = store::ledger::log::consistency(&state.db, size, latest.size).await?;
        if domain::tlog::check_consistency(&proof, size, kept.root, latest.size, latest.root)
            .is_err()
        {
            return Ok(LogStatus::Broken("the log was rewritten since".into()));
        }
    }
    let reversals = store::ledger::log::reversals_of(&state.db, &p.hours).await?;
    if let Some(on) = reversals
        .into_iter()
        .filter(|(leaf, _)| !p.counted.contains(leaf))
        .map(|(_, at)| at)
        .min()
    {
        return Ok(LogStatus::Reversed { on });
    }
    Ok(LogStatus::Recorded {
        size,
        at: kept.created_at,
    })
}

/// Looks a certificate up by its code (codes are typed case-insensitively): its document
/// checked once per server, what the log says redone when the ledger has grown.
pub async fn check(state: &App, code: &str) -> Result<Checked, OpError> {
    let code = code.trim().to_uppercase();
    if code.len() > 20 {
        return Err(OpError::NotFound);
    }
    let (row, length) = store::ledger::certificate_brief(&state.db, &code)
        .await?
        .ok_or(OpError::NotFound)?;
    let seen = match state.certificates_seen.get(&code, length) {
        Some(s) => s,
        None => {
            let full = store::ledger::certificate(&state.db, &code)
                .await?
                .ok_or(OpError::NotFound)?;
            let app = state.clone();
            let seen = Arc::new(
                tokio::task::spawn_blocking(move || examine(&app, &full.document, length))
                    .await
                    .map_err(|e| OpError::Internal(e.to_string()))??,
            );
            state.certificates_seen.put(code.clone(), seen.clone());
            seen
        }
    };
    let leaves = store::ledger::log::leaves(&state.db).await?;
    let cached = seen
        .status
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .as_ref()
        .filter(|(at, _)| *at == leaves)
        .map(|(_, s)| s.clone());
    let log = match cached {
        Some(s) => s,
        None => {
            let s = log_status(state, &seen.proof).await?;
            *seen
                .status
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some((leaves, s.clone()));
            s
        }
    };
    Ok(Checked {
        row,
        signed: seen.signed.clone(),
        valid: seen.valid,
        log,
    })
}

/// The holder's own certificate (for downloads), or staff.
pub async fn own(state: &App, me: &SignedIn, code: &str) -> Result<Checked, OpError> {
    let c = check(state, code).await?;
    if c.row.volunteer_id != me.user.id && !me.is_national_admin() {
        return Err(OpError::NotFound);
    }
    Ok(c)
}

/// The caller's certificates, newest first.
pub async fn mine(state: &App, me: &SignedIn) -> Result<Vec<store::ledger::Certificate>, OpError> {
    domain::authorize(
        &me.actor(),
        domain::Action::ViewOwnAccount,
        &domain::Resource::User {
            id: me.user.id,
            region: None,
        },
    )?;
    Ok(store::ledger::certificates_of(&state.db, me.user.id).await?)
}

/// How a certificate is downloaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The printable one-page PDF.
    Pdf,
    /// The signed JSON document (verifies offline).
    Json,
}

/// A certificate as a file for its holder (or staff): its normalised code and the bytes in
/// `format`. Someone else's certificate is not found.
pub async fn file(
    state: &App,
    me: &SignedIn,
    code: &str,
    format: Format,
) -> Result<(String, Vec<u8>), OpError> {
    let c = own(state, me, code).await?;
    let bytes = match format {
        Format::Json => store::ledger::certificate(&state.db, &c.row.code)
            .await?
            .ok_or(OpError::NotFound)?
            .document
            .into_bytes(),
        Format::Pdf => {
            let app = state.clone();
            let statement = c.signed.statement.clone();
            // PDF making is CPU work: on the blocking pool.
            tokio::task::spawn_blocking(move || pdf(&app, &statement))
                .await
                .map_err(|e| OpError::Internal(e.to_string()))??
        }
    };
    Ok((c.row.code, bytes))
}

/// Revokes a certificate with a reason (national admin).
pub async fn revoke(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    code: &str,
    reason: &str,
) -> Result<(), OpError> {
    if !me.is_national_admin() {
        return Err(OpError::Forbidden("forbidden"));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        let mut e = Errors::new(lang);
        e.invalid("reason", &domain::Invalid::ReasonRequired);
        return Err(OpError::Invalid(e));
    }
    let c = check(state, code).await?;
    store::ledger::revoke_certificate(&state.db, &c.row.code, me.user.id, reason).await?;
    Ok(())
}
