//! Why an operation did not happen ([`OpError`], with a stable code), and the per-field
//! messages of invalid input ([`Errors`], translated). Pages render them next to the field,
//! the API as a JSON error.

use std::collections::BTreeMap;

use domain::Lang;

use crate::i18n;

/// Why an operation did not happen.
#[derive(Debug)]
pub enum OpError {
    /// Input was invalid; per-field messages.
    Invalid(Errors),
    /// Too many attempts; try later.
    RateLimited,
    /// A link was unknown, used or expired.
    BadToken,
    /// Wrong e-mail or password (the same answer for both).
    BadCredentials,
    /// The e-mail is not confirmed yet.
    Unconfirmed,
    /// The store failed.
    Store(store::Error),
    /// Password hashing failed.
    Hashing(String),
    /// Not allowed (the code says why: `forbidden`, `unauthenticated`, `owner_cannot_leave`).
    Forbidden(&'static str),
    /// The object does not exist (or is not visible to the caller).
    NotFound,
    /// The state does not allow it (`already_decided`, `state_changed`, ...).
    Conflict(&'static str),
    /// Something of ours failed (logged; the caller sees `unavailable`).
    Internal(String),
}

impl OpError {
    /// The stable code a caller sees.
    pub fn code(&self) -> &'static str {
        match self {
            OpError::Invalid(_) => "invalid",
            OpError::RateLimited => "rate_limited",
            OpError::BadToken => "link_invalid",
            OpError::BadCredentials => "login_failed",
            OpError::Unconfirmed => "login_unconfirmed",
            OpError::Store(_) | OpError::Hashing(_) | OpError::Internal(_) => "unavailable",
            OpError::Forbidden(c) | OpError::Conflict(c) => c,
            OpError::NotFound => "not_found",
        }
    }
}

impl From<store::Error> for OpError {
    fn from(e: store::Error) -> Self {
        match e {
            store::Error::Conflict(code) => OpError::Conflict(code),
            store::Error::NotFound => OpError::NotFound,
            store::Error::Refused(code) => OpError::Forbidden(code),
            e => OpError::Store(e),
        }
    }
}

impl From<domain::Transition> for OpError {
    fn from(t: domain::Transition) -> Self {
        OpError::Conflict(t.code)
    }
}

impl From<domain::Denied> for OpError {
    fn from(d: domain::Denied) -> Self {
        OpError::Forbidden(d.code)
    }
}

/// Per-field errors: field name → (stable code, translated message).
#[derive(Debug, Clone, Default)]
pub struct Errors {
    lang: Option<Lang>,
    map: BTreeMap<String, (String, String)>,
}

impl Errors {
    /// No errors yet, messages in `lang`.
    pub fn new(lang: Lang) -> Self {
        Errors {
            lang: Some(lang),
            map: BTreeMap::new(),
        }
    }
    /// Records a domain validation error for `field`.
    pub fn invalid(&mut self, field: &str, e: &domain::Invalid) {
        let lang = self.lang.unwrap_or_default();
        self.map.insert(
            field.to_owned(),
            (e.code().to_owned(), i18n::invalid(lang, e)),
        );
    }
    /// Records an error with a plain code for `field`.
    pub fn code(&mut self, field: &str, code: &str) {
        let lang = self.lang.unwrap_or_default();
        self.map
            .insert(field.to_owned(), (code.to_owned(), i18n::t(lang, code)));
    }
    /// Keeps the value when valid, records the error otherwise.
    pub fn check<T>(&mut self, field: &str, r: Result<T, domain::Invalid>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.invalid(field, &e);
                None
            }
        }
    }
    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
    /// The message for `field`.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.map.get(field).map(|(_, m)| m.as_str())
    }
    /// All errors.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &(String, String))> {
        self.map.iter()
    }
}
