//! erikti web: axum pages (askama), the JSON API at /api/v1, sessions and security
//! headers, health and metrics. Handlers extract, call one operation of [`app`], render.
//!
//! Data flows one way: HTTP → handler (extract) → `app` operation → response.

pub mod api;
pub mod auth;
pub mod ctx;
pub mod error;
pub mod export;
pub mod health;
pub mod ical;
pub mod layers;
pub mod page_cache;
pub mod pages;
pub mod scope;
pub mod security;

pub use app::{App, Settings};

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::Db;
use axum::Router;
use axum::extract::DefaultBodyLimit;

/// A cached list: which one, in which language.
type CacheKey = (&'static str, domain::Lang);

/// Serialized JSON of reference lists per language, kept for a minute: they change
/// rarely, and every server re-reads them after the TTL.
#[derive(Debug, Default)]
pub struct JsonCache {
    map: std::sync::RwLock<std::collections::HashMap<CacheKey, (Instant, axum::body::Bytes)>>,
}

const JSON_CACHE_TTL: Duration = Duration::from_secs(60);

impl JsonCache {
    /// The cached body for `key` in `lang`, if fresh.
    pub fn get(&self, key: &'static str, lang: domain::Lang) -> Option<axum::body::Bytes> {
        let map = self.map.read().unwrap_or_else(|e| e.into_inner());
        map.get(&(key, lang))
            .filter(|(at, _)| at.elapsed() < JSON_CACHE_TTL)
            .map(|(_, b)| b.clone())
    }
    /// Stores a body.
    pub fn put(&self, key: &'static str, lang: domain::Lang, body: axum::body::Bytes) {
        self.map
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert((key, lang), (Instant::now(), body));
    }
}

/// Shared state of every handler: the operations' [`App`] and what only HTTP needs, behind one
/// `Arc`. Every layer and extractor clones the state once per request; a clone is one atomic
/// increment, not one per shared part (with two cores serving, each of those is a cache line
/// that moves between them).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// What [`AppState`] shares.
pub struct Shared {
    /// The operations (database, settings, keys, caches); `state.db` etc. reach it.
    pub app: App,
    /// Reference lists as JSON.
    pub json_cache: JsonCache,
    /// Request metrics.
    pub metrics: health::Metrics,
    /// Anonymous search and event pages, as rendered.
    pub page_cache: page_cache::PageCache,
    /// The content security policy every response carries (made once, from the settings).
    pub csp: axum::http::HeaderValue,
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl std::ops::Deref for Shared {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl AppState {
    /// State over `db` with `settings`. Panics when the signing keys cannot be read or made
    /// (the binary checks them first with [`app::keys::KeyRing::load_or_create`]).
    pub fn new(db: Db, settings: Settings) -> Self {
        let app = App::new(db, settings);
        let page_cache = page_cache::PageCache::following(
            app.settings.page_cache_ttl,
            Arc::clone(&app.generation),
        );
        let csp = security::csp(&app.settings);
        Self(Arc::new(Shared {
            app,
            json_cache: JsonCache::default(),
            metrics: health::Metrics::default(),
            page_cache,
            csp,
        }))
    }
}

/// Largest request body accepted (forms and JSON).
pub const BODY_LIMIT: usize = 64 * 1024;

/// The whole application: pages, API, static files, health, with the layers every request
/// passes through, innermost first: the page cache; the deadline; the request's scope
/// (language, path, page context, see [`scope`]); CSRF and security headers;
/// metrics; compression (outside the page cache, which so keeps pages as rendered and serves
/// them compressed or not as each client asks); the request's tracing span; its id, taken
/// from `x-request-id` or made, and returned in the response; the body limit (axum's, which
/// the upload routes raise for themselves).
pub fn app(state: AppState) -> Router {
    use axum::middleware::from_fn_with_state;
    use tower_http::compression::CompressionLayer;
    use tower_http::compression::predicate::{Predicate, SizeAbove};
    use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
    use tower_http::trace::{DefaultOnFailure, TraceLayer};

    let compress = SizeAbove::new(layers::COMPRESS_ABOVE).and(layers::compressible);
    let request_id = axum::http::HeaderName::from_static(layers::REQUEST_ID);
    Router::new()
        .merge(pages::router())
        .nest("/api/v1", api::router())
        .merge(health::router())
        .fallback(pages::not_found)
        .layer(from_fn_with_state(state.clone(), page_cache::layer))
        .layer(from_fn_with_state(
            layers::Deadlines::default(),
            layers::deadline,
        ))
        .layer(axum::middleware::from_fn(scope::layer))
        .layer(from_fn_with_state(
            state.clone(),
            security::csrf_and_headers,
        ))
        .layer(from_fn_with_state(state.clone(), health::track_metrics))
        .layer(CompressionLayer::new().compress_when(compress))
        .layer(
            // Its own lines (start, end, latency, failure) at debug: `ERIKTI_LOG=info,tower_http=debug`.
            TraceLayer::new_for_http()
                .make_span_with(layers::request_span)
                .on_failure(DefaultOnFailure::new().level(tracing::Level::DEBUG)),
        )
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(
            request_id,
            layers::MakeRequestId::default(),
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}
