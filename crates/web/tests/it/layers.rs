//! The layers around every request, over real HTTP: compression as the client asks (and the
//! page cache keeping pages uncompressed), request ids in responses and in log lines, and
//! the request metrics.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};

use reqwest::header::HeaderMap;

use crate::{Client, on_every_backend, on_every_backend_with, test_settings};

/// A response as it came over the wire (reqwest here decodes nothing).
struct Raw {
    status: u16,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

async fn fetch(c: &Client, path: &str, accept: Option<&str>, request_id: Option<&str>) -> Raw {
    let mut req = c.http.get(format!("{}{path}", c.base));
    if let Some(a) = accept {
        req = req.header("accept-encoding", a);
    }
    if let Some(id) = request_id {
        req = req.header("x-request-id", id);
    }
    let r = req.send().await.unwrap();
    Raw {
        status: r.status().as_u16(),
        headers: r.headers().clone(),
        bytes: r.bytes().await.unwrap().to_vec(),
    }
}

fn vary_on_encoding(r: &Raw) -> bool {
    r.headers.get_all("vary").iter().any(|v| {
        v.to_str()
            .unwrap_or("")
            .to_ascii_lowercase()
            .contains("accept-encoding")
    })
}

fn decode(encoding: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match encoding {
        "gzip" => flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap(),
        "br" => brotli::Decompressor::new(bytes, 4096)
            .read_to_end(&mut out)
            .unwrap(),
        other => panic!("unexpected encoding {other}"),
    };
    out
}

#[tokio::test]
async fn pages_css_and_json_are_compressed_when_asked_and_only_then() {
    on_every_backend_with(
        || web::Settings {
            page_cache_ttl: std::time::Duration::from_secs(600),
            ..test_settings()
        },
        |app| async move {
            let b = app.backend;
            let c = app.client();
            for (path, content_type) in [
                ("/events", "text/html"),
                ("/static/app.css", "text/css"),
                ("/api/v1/openapi.json", "application/json"),
            ] {
                // Compressed first: the page cache must keep the page as rendered all the same.
                let gzip = fetch(&c, path, Some("gzip"), None).await;
                let plain = fetch(&c, path, None, None).await;
                let br = fetch(&c, path, Some("br"), None).await;
                assert_eq!(plain.status, 200, "{b} {path}");
                assert_eq!(plain.header("content-encoding"), None, "{b} {path}");
                // Shared caches learn that the answer depends on what the client accepts.
                assert!(vary_on_encoding(&plain), "{b} {path}");
                assert!(
                    plain
                        .header("content-type")
                        .unwrap()
                        .starts_with(content_type),
                    "{b} {path}"
                );
                for (encoding, packed) in [("gzip", &gzip), ("br", &br)] {
                    assert_eq!(packed.status, 200, "{b} {path}");
                    assert_eq!(
                        packed.header("content-encoding"),
                        Some(encoding),
                        "{b} {path}"
                    );
                    assert_eq!(packed.header("content-type"), plain.header("content-type"));
                    assert!(vary_on_encoding(packed), "{b} {path}");
                    assert!(
                        packed.bytes.len() * 2 < plain.bytes.len(),
                        "{b} {path} {encoding}: {} of {} bytes",
                        packed.bytes.len(),
                        plain.bytes.len()
                    );
                    assert_eq!(
                        decode(encoding, &packed.bytes),
                        plain.bytes,
                        "{b} {path} {encoding}"
                    );
                }
                // What a browser sends: one of the two, and the same content.
                let browser = fetch(&c, path, Some("gzip, deflate, br, zstd"), None).await;
                let encoding = browser.header("content-encoding").unwrap().to_owned();
                assert_eq!(decode(&encoding, &browser.bytes), plain.bytes, "{b} {path}");
                // An encoding we do not offer: the body as it is.
                let deflate = fetch(&c, path, Some("deflate"), None).await;
                assert_eq!(deflate.header("content-encoding"), None, "{b} {path}");
                assert_eq!(deflate.bytes, plain.bytes, "{b} {path}");
            }
            assert!(!app.state.page_cache.is_empty(), "{b}: /events is kept");
            // Too small to be worth it.
            let icon = fetch(&c, "/static/favicon.svg", Some("gzip, br"), None).await;
            assert_eq!(icon.status, 200);
            assert_eq!(icon.header("content-encoding"), None, "{b}");
            assert!(icon.bytes.starts_with(b"<svg"), "{b}");
        },
    )
    .await;
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_keeps_the_clients() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        let first = fetch(&c, "/healthz", None, None).await;
        let second = fetch(&c, "/healthz", None, None).await;
        let (one, two) = (
            first.header("x-request-id").unwrap(),
            second.header("x-request-id").unwrap(),
        );
        // This server's random prefix and a counter: `5f3a9c1e27d04b8a-2a`.
        let (prefix, n) = one.split_once('-').unwrap_or_else(|| panic!("{b}: {one}"));
        assert_eq!(prefix.len(), 16, "{b}: {one}");
        assert!(prefix.chars().all(|c| c.is_ascii_hexdigit()), "{b}: {one}");
        assert!(u64::from_str_radix(n, 16).is_ok(), "{b}: {one}");
        assert!(two.starts_with(prefix), "{b}: {two}");
        assert_ne!(one, two, "{b}");
        for (path, status) in [
            ("/events", 200),
            ("/api/v1/openapi.json", 200),
            ("/no/such/page", 404),
            ("/api/v1/no-such-thing", 404),
        ] {
            let r = fetch(&c, path, Some("gzip"), Some("proxy-7f3a")).await;
            assert_eq!(r.status, status, "{b} {path}");
            assert_eq!(r.header("x-request-id"), Some("proxy-7f3a"), "{b} {path}");
        }
        // Refused before any handler runs (a cross-site form): still carries its id.
        let refused = c
            .http
            .post(format!("{}/login", c.base))
            .header("origin", "https://evil.example")
            .header("x-request-id", "refused-1")
            .form(&[("email", "a@b.kz")])
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 403, "{b}");
        assert_eq!(refused.headers()["x-request-id"], "refused-1", "{b}");
    })
    .await;
}

/// Log lines, kept in memory.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn log_lines_written_while_serving_carry_the_request_id() {
    // A process-wide subscriber, as the binary installs: a thread-local one misses the lines
    // of callsites that tests running at the same time have already found unobserved.
    static LOGS: std::sync::OnceLock<Logs> = std::sync::OnceLock::new();
    let logs = LOGS.get_or_init(|| {
        let logs = Logs::default();
        let writer = logs.clone();
        tracing::subscriber::set_global_default(
            tracing_subscriber::fmt()
                .with_env_filter("web=info,tower_http=debug")
                .with_ansi(false)
                .with_writer(move || writer.clone())
                .finish(),
        )
        .expect("no other test of this binary installs a global subscriber");
        logs
    });
    on_every_backend(|app| async move {
        let c = app.client();
        let r = fetch(&c, "/healthz", None, Some("trace-me-5150")).await;
        assert_eq!(r.status, 200);
    })
    .await;
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("finished processing request") && l.contains("trace-me-5150"))
        .unwrap_or_else(|| panic!("no request log line in:\n{text}"));
    assert!(line.contains("request_id=trace-me-5150"), "{line}");
    assert!(line.contains("route=/healthz"), "{line}");
    assert!(line.contains("method=GET"), "{line}");
}

#[tokio::test]
async fn metrics_count_the_requests_served() {
    on_every_backend(|app| async move {
        let b = app.backend;
        let c = app.client();
        for _ in 0..3 {
            assert_eq!(c.get("/healthz").await.status, 200);
        }
        assert_eq!(c.get("/events").await.status, 200);
        assert_eq!(c.get("/no/such/page").await.status, 404);
        let m = c.get("/metrics").await;
        assert_eq!(m.status, 200);
        assert_eq!(
            m.headers.get("content-type").unwrap(),
            "text/plain; version=0.0.4"
        );
        for line in [
            "# TYPE erikti_http_requests_total counter",
            "erikti_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 3",
            "erikti_http_requests_total{method=\"GET\",route=\"/events\",status=\"200\"} 1",
            "erikti_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1",
            "# TYPE erikti_http_request_duration_seconds histogram",
            "erikti_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"+Inf\"} 3",
            "erikti_http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 3",
        ] {
            assert!(m.body.lines().any(|l| l == line), "{b}: {line} in\n{}", m.body);
        }
        assert!(
            m.body.contains("erikti_db_pool_connections{state=\"max\"} "),
            "{b}"
        );
        // A scraper that asks for gzip gets it.
        let gz = fetch(&c, "/metrics", Some("gzip"), None).await;
        assert_eq!(gz.header("content-encoding"), Some("gzip"), "{b}");
        let text = String::from_utf8(decode("gzip", &gz.bytes)).unwrap();
        assert!(text.contains("route=\"/metrics\",status=\"200\"} 1"), "{b}: {text}");
    })
    .await;
}
