//! The event search and event pages, and the organization directory, as a visitor without
//! an account sees them (pages and API), kept for a moment: most traffic of a national platform is anonymous and asks for the same few pages
//! (the first page of the search, a region's events, a popular event), and a page rendered
//! once serves every visitor until something changes.
//!
//! Never stale within this server: every write request (any method but GET/HEAD/OPTIONS,
//! pages and API) and every scheduler pass moves a generation number, and a page is served
//! from the cache only when it was rendered in the current generation. A page rendered
//! while a write was under way is tagged with the generation read *before* its queries, so
//! it can never outlive the write. Writes from outside this process (another server on the
//! same database, the command line) are seen once the page is older than its time to live
//! (2 s by default, `ERIKTI_PAGE_CACHE_MS`; 0 turns the cache off) and a newer copy is
//! rendered: past its time to live a page is still served while one request renders the
//! next copy, so that a popular page is never rendered by many requests at once.
//!
//! Only anonymous requests are served from it: no session cookie, no bearer token, no
//! flash message; the key is the page's language and the full path with its query. Signed-in
//! visitors (whose pages carry their forms and applications) always get a fresh page. A kept
//! page whose forms carry a CSRF token (a collection's "give" and "report a concern") is
//! served with the visitor's own token in their place.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;
use crate::auth::{SESSION_COOKIE, cookie};
use crate::ctx::FLASH_COOKIE;

/// Largest page kept (bytes).
const MAX_PAGE: usize = 512 * 1024;
/// Most pages kept at once (a full cache is emptied, then fills again).
const MAX_ENTRIES: usize = 2_000;

#[derive(Debug)]
struct Entry {
    generation: u64,
    at: Instant,
    headers: HeaderMap,
    body: Bytes,
    /// The CSRF token its forms carry (the visitor's it was rendered for).
    csrf: Option<String>,
    /// One request is rendering a newer copy since then (the others keep serving this one).
    refreshing: Option<Instant>,
}

/// A refresh that has not come back within this time is given to another request.
const REFRESH_TIMEOUT: Duration = Duration::from_secs(5);

/// Rendered anonymous pages (see the module's documentation).
#[derive(Debug)]
pub struct PageCache {
    ttl: Duration,
    generation: Arc<app::Generation>,
    map: Mutex<HashMap<String, Entry>>,
}

impl PageCache {
    /// A cache whose pages live at most `ttl` (zero: no cache).
    pub fn new(ttl: Duration) -> Self {
        Self::following(ttl, Arc::default())
    }

    /// A cache whose pages are stale whenever `generation` moves (the operations move it).
    pub fn following(ttl: Duration, generation: Arc<app::Generation>) -> Self {
        Self {
            ttl,
            generation,
            map: Mutex::new(HashMap::new()),
        }
    }

    /// Something changed: no page rendered before now is served again.
    pub fn invalidate(&self) {
        self.generation.bump();
    }

    fn current(&self) -> u64 {
        self.generation.current()
    }

    /// The page for `key`, if it may be served. A page past its time to live (but of the
    /// current generation) is still served while one request renders a newer copy: the
    /// caller that gets `None` for such a page is that request.
    fn get(&self, key: &str) -> Option<(HeaderMap, Bytes, Option<String>)> {
        let generation = self.current();
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let e = map.get_mut(key).filter(|e| e.generation == generation)?;
        if e.at.elapsed() >= self.ttl
            && e.refreshing
                .is_none_or(|since| since.elapsed() >= REFRESH_TIMEOUT)
        {
            e.refreshing = Some(Instant::now());
            return None;
        }
        Some((e.headers.clone(), e.body.clone(), e.csrf.clone()))
    }

    fn put(&self, key: String, generation: u64, page: (HeaderMap, Bytes, Option<String>)) {
        let (headers, body, csrf) = page;
        if generation != self.current() {
            return;
        }
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_ENTRIES {
            let now = self.current();
            map.retain(|_, e| e.generation == now && e.at.elapsed() < self.ttl * 4);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        map.insert(
            key,
            Entry {
                generation,
                at: Instant::now(),
                headers,
                body,
                csrf,
                refreshing: None,
            },
        );
    }

    /// Pages kept now (for tests and metrics).
    pub fn len(&self) -> usize {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// True when no page is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The paths whose anonymous pages are kept: the event search and one event's page, the
/// organization directory, the directory of collections and one collection's page, and the
/// same in the API.
fn cacheable_path(path: &str) -> bool {
    if matches!(
        path,
        "/organizations" | "/api/v1/organizations" | "/api/v1/events"
    ) {
        return true;
    }
    // A list, or one of its items by key.
    let list_or_item = |list: &str| match path.strip_prefix(list) {
        Some("") => true,
        Some(rest) => rest
            .strip_prefix('/')
            .is_some_and(|id| uuid::Uuid::parse_str(id).is_ok()),
        None => false,
    };
    ["/events", "/collections", "/api/v1/collections"]
        .into_iter()
        .any(list_or_item)
}

fn anonymous(headers: &HeaderMap) -> bool {
    !headers.contains_key(header::AUTHORIZATION)
        && cookie(headers, SESSION_COOKIE).is_none()
        && cookie(headers, FLASH_COOKIE).is_none()
}

/// Middleware: serves kept pages, keeps new ones, and forgets them all after a write.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache = &state.page_cache;
    if cache.ttl.is_zero() {
        return next.run(req).await;
    }
    let method = req.method().clone();
    if !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS) {
        let res = next.run(req).await;
        cache.invalidate();
        return res;
    }
    if method != Method::GET || !cacheable_path(req.uri().path()) || !anonymous(req.headers()) {
        return next.run(req).await;
    }
    let key = format!(
        "{}{}",
        crate::scope::lang().code(),
        req.uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/")
    );
    let token = req
        .extensions()
        .get::<crate::ctx::CsrfToken>()
        .map(|t| t.0.clone());
    if let Some((mut headers, body, csrf)) = cache.get(&key) {
        let body = match (csrf, &token) {
            // Its forms carry this visitor's own token, not the first visitor's.
            (Some(was), Some(now)) if was != *now => {
                headers.remove(header::CONTENT_LENGTH);
                with_token(&body, &was, now)
            }
            _ => body,
        };
        let mut res = Response::new(Body::from(body));
        *res.headers_mut() = headers;
        return res;
    }
    let generation = cache.current();
    let res = next.run(req).await;
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    // Only a body of known, modest size (a rendered page) is kept.
    if res
        .body()
        .size_hint()
        .exact()
        .is_none_or(|n| n > MAX_PAGE as u64)
    {
        return res;
    }
    let (parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_PAGE).await {
        Ok(b) => b,
        Err(_) => {
            return Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .body(Body::empty())
                .unwrap_or_default();
        }
    };
    // The token is kept only when the page carries it (a page without forms needs none).
    let csrf = token.filter(|t| memchr::memmem::find(&bytes, t.as_bytes()).is_some());
    cache.put(
        key,
        generation,
        (parts.headers.clone(), bytes.clone(), csrf),
    );
    Response::from_parts(parts, Body::from(bytes))
}

/// `body` with every `was` replaced by `now` (CSRF tokens: random, so never found by
/// chance in a page's text).
fn with_token(body: &Bytes, was: &str, now: &str) -> Bytes {
    let mut out = Vec::with_capacity(body.len() + now.len());
    let mut rest: &[u8] = body;
    while let Some(i) = memchr::memmem::find(rest, was.as_bytes()) {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(now.as_bytes());
        rest = &rest[i + was.len()..];
    }
    out.extend_from_slice(rest);
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_search_and_event_pages_are_kept() {
        assert!(cacheable_path("/events"));
        assert!(cacheable_path(
            "/events/01a0a6fa-f620-724e-a18a-7fcacb48321f"
        ));
        assert!(!cacheable_path(
            "/events/01a0a6fa-f620-724e-a18a-7fcacb48321f/manage"
        ));
        assert!(!cacheable_path(
            "/events/01a0a6fa-f620-724e-a18a-7fcacb48321f/calendar.ics"
        ));
        assert!(!cacheable_path("/events/new"));
        assert!(cacheable_path("/collections") && cacheable_path("/api/v1/collections"));
        assert!(cacheable_path(
            "/collections/01970000-0000-7000-8000-000000000000"
        ));
        assert!(!cacheable_path(
            "/collections/01970000-0000-7000-8000-000000000000/manage"
        ));
        assert!(!cacheable_path("/api/v1/collections/x/trail"));
        assert!(!cacheable_path("/eventsx"));
        assert!(!cacheable_path("/me/applications"));
        assert!(cacheable_path("/organizations") && cacheable_path("/api/v1/organizations"));
        assert!(!cacheable_path("/organizations/new") && !cacheable_path("/api/v1/me"));
    }

    #[test]
    fn a_kept_form_gets_the_visitors_token() {
        let body =
            Bytes::from_static(b"<input name=\"_csrf\" value=\"AAA\"> <input value=\"AAA\">");
        assert_eq!(
            with_token(&body, "AAA", "BBBB"),
            Bytes::from_static(b"<input name=\"_csrf\" value=\"BBBB\"> <input value=\"BBBB\">")
        );
        assert_eq!(with_token(&body, "ZZZ", "B"), body);
    }

    #[test]
    fn a_page_of_an_older_generation_is_never_served() {
        let cache = PageCache::new(Duration::from_secs(60));
        let g = cache.current();
        cache.put(
            "kk/events".into(),
            g,
            (HeaderMap::new(), Bytes::from_static(b"a"), None),
        );
        assert!(cache.get("kk/events").is_some());
        cache.invalidate();
        assert!(cache.get("kk/events").is_none());
        // Rendered before a write finished: not kept at all.
        cache.put(
            "kk/events".into(),
            g,
            (HeaderMap::new(), Bytes::from_static(b"b"), None),
        );
        assert!(cache.get("kk/events").is_none());
    }

    #[test]
    fn past_its_ttl_one_request_renders_while_the_others_are_served() {
        let cache = PageCache::new(Duration::from_millis(1));
        let g = cache.current();
        cache.put(
            "kk/events".into(),
            g,
            (HeaderMap::new(), Bytes::from_static(b"a"), None),
        );
        std::thread::sleep(Duration::from_millis(5));
        assert!(cache.get("kk/events").is_none(), "the first one renders");
        assert!(
            cache.get("kk/events").is_some(),
            "the next are served meanwhile"
        );
        cache.put(
            "kk/events".into(),
            g,
            (HeaderMap::new(), Bytes::from_static(b"b"), None),
        );
        std::thread::sleep(Duration::from_millis(5));
        assert!(cache.get("kk/events").is_none());
        // A write: nobody is served the old page, not even while someone renders.
        cache.invalidate();
        assert!(cache.get("kk/events").is_none());
        assert!(cache.get("kk/events").is_none());
    }
}
