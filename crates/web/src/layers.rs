//! What every request passes through besides its handler, beyond security and the page
//! cache: the pieces [`crate::app`] stacks with tower-http's layers (request ids, the request's
//! tracing span, compression) and the request deadline.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, Version, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::request_id::RequestId;

use crate::error::{ApiError, plain_error};
use crate::scope;

/// Bodies smaller than this are sent as they are: compressing them saves less than a packet.
pub const COMPRESS_ABOVE: u64 = 1024;

/// The header that carries a request's id, from the client or made here.
pub const REQUEST_ID: &str = "x-request-id";

/// Whether a response of this type is worth compressing: text (HTML, CSS, CSV, calendars,
/// the metrics), JSON and SVG. Images, PDF, spreadsheets (zip) and anything unknown are
/// already compressed or not ours to judge.
pub fn compressible(_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence.starts_with("text/")
        || essence == "application/json"
        || essence.ends_with("+json")
        || essence == "image/svg+xml"
        || essence == "application/javascript"
}

/// Makes the id of a request that came without one: this server's random prefix and a
/// counter (`5f3a9c1e27d04b8a-2a`), unique across servers and restarts, and far cheaper
/// than a random UUID per request (formatting one and parsing it back into a header cost a
/// third of the throughput of the lightest routes).
#[derive(Debug, Clone)]
pub struct MakeRequestId {
    prefix: Arc<str>,
    next: Arc<AtomicU64>,
}

impl Default for MakeRequestId {
    fn default() -> Self {
        Self {
            prefix: format!("{:016x}", rand::random::<u64>()).into(),
            next: Arc::new(AtomicU64::new(1)),
        }
    }
}

impl tower_http::request_id::MakeRequestId for MakeRequestId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let id = format!("{}-{n:x}", self.prefix);
        HeaderValue::try_from(id).ok().map(RequestId::new)
    }
}

/// The tracing span of one request: every log line written while it is served carries its
/// method, route pattern (never the raw path, which may hold tokens) and request id.
pub fn request_span(req: &Request) -> tracing::Span {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str);
    let id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info_span!("request", method = %req.method(), route = %route, request_id = %id)
}

/// How long a request may take before it is answered 503.
#[derive(Debug, Clone, Copy)]
pub struct Deadlines {
    /// Any request but an upload.
    pub request: Duration,
    /// A multipart upload, whose body alone may take minutes on a slow line (an import file
    /// of 20 MiB needs 5.6 Mbit/s to arrive within 30 s, 0.6 Mbit/s within 5 minutes).
    pub upload: Duration,
}

impl Default for Deadlines {
    fn default() -> Self {
        Self {
            request: Duration::from_secs(30),
            upload: Duration::from_secs(300),
        }
    }
}

/// Middleware: a request not answered within its deadline is dropped (as when its client goes
/// away) and answered 503 (in the language of the request's scope, which is opened outside) with the usual error page, or JSON under /api. 503 rather than 408:
/// the server, not the client, was slow, and browsers may silently resend a request answered
/// 408.
pub async fn deadline(State(limits): State<Deadlines>, req: Request, next: Next) -> Response {
    let upload = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data"));
    let limit = if upload {
        limits.upload
    } else {
        limits.request
    };
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            tracing::warn!(after_ms = limit.as_millis() as u64, "request timed out");
            let (lang, path) = (scope::lang(), scope::path());
            let status = StatusCode::SERVICE_UNAVAILABLE;
            if path.starts_with("/api/") {
                ApiError::new(lang, status, "unavailable").into_response()
            } else {
                plain_error(lang, status, "unavailable", &path)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::routing::{get, post};

    fn typed(ct: &str) -> bool {
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, ct.parse().unwrap());
        compressible(StatusCode::OK, Version::HTTP_11, &h, &Extensions::new())
    }

    #[test]
    fn text_json_and_svg_are_compressed_images_and_archives_not() {
        for ct in [
            "text/html; charset=utf-8",
            "text/css; charset=utf-8",
            "text/plain; version=0.0.4",
            "text/csv; charset=utf-8",
            "application/json",
            "application/problem+json",
            "image/svg+xml",
        ] {
            assert!(typed(ct), "{ct}");
        }
        for ct in [
            "image/png",
            "image/jpeg",
            "image/webp",
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/octet-stream",
        ] {
            assert!(!typed(ct), "{ct}");
        }
        assert!(!compressible(
            StatusCode::OK,
            Version::HTTP_11,
            &HeaderMap::new(),
            &Extensions::new()
        ));
    }

    #[tokio::test]
    async fn a_slow_request_is_answered_503_and_an_upload_gets_longer() {
        async fn slow() -> &'static str {
            tokio::time::sleep(Duration::from_millis(300)).await;
            "done"
        }
        let limits = Deadlines {
            request: Duration::from_millis(50),
            upload: Duration::from_secs(5),
        };
        let router = Router::new()
            .route("/page", get(slow))
            .route("/api/v1/thing", get(slow))
            .route("/upload", post(slow))
            .layer(axum::middleware::from_fn_with_state(limits, deadline))
            .layer(axum::middleware::from_fn(scope::layer));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        let http = reqwest::Client::new();

        let page = http.get(format!("{base}/page")).send().await.unwrap();
        assert_eq!(page.status(), 503);
        assert!(
            page.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        let api = http
            .get(format!("{base}/api/v1/thing"))
            .send()
            .await
            .unwrap();
        assert_eq!(api.status(), 503);
        let body: serde_json::Value = api.json().await.unwrap();
        assert_eq!(body["error"]["code"], "unavailable");

        let upload = http
            .post(format!("{base}/upload"))
            .header("content-type", "multipart/form-data; boundary=x")
            .body("--x--\r\n")
            .send()
            .await
            .unwrap();
        assert_eq!(upload.status(), 200);
        assert_eq!(upload.text().await.unwrap(), "done");
    }
}
