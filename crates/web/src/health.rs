//! Health of the service: /healthz, /readyz, and /metrics (the Prometheus text exposition of
//! the request metrics and the database pool, recorded with the `metrics` crate into a
//! recorder owned by the state, so that every server in a process keeps its own numbers).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{PoisonError, RwLock};
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics::{
    Counter, Histogram, Unit, counter, describe_counter, describe_gauge, describe_histogram, gauge,
    histogram,
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusRecorder};

use crate::AppState;

const REQUESTS: &str = "erikti_http_requests_total";
const DURATION: &str = "erikti_http_request_duration_seconds";
const POOL: &str = "erikti_db_pool_connections";
const LEDGER_VERIFIED: &str = "erikti_ledger_verified_size";
const LEDGER_ALARM: &str = "erikti_ledger_tamper_alarm";

/// Upper bounds (seconds) of the latency histogram buckets.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

/// Latencies are moved from the recorder's lock-free queue into the histogram after this many
/// requests (and at every scrape), so that memory stays bounded when nobody scrapes.
const UPKEEP_EVERY: u64 = 4096;

/// Requests and latency per route (the matched route pattern, not the raw path), and the
/// database pool, as Prometheus sees them.
///
/// The handles of each (route, method, status) are registered once and kept: recording a
/// request is then a map lookup under a read lock and two atomic operations, without the
/// label strings the `counter!` macro would build and hash on every request.
#[derive(Debug)]
pub struct Metrics {
    recorder: PrometheusRecorder,
    handles: RwLock<HashMap<String, Vec<Handles>>>,
    recorded: AtomicU64,
}

/// The handles of one route, method and status.
#[derive(Debug, Clone)]
struct Handles {
    method: Method,
    status: u16,
    requests: Counter,
    duration: Histogram,
}

impl Default for Metrics {
    fn default() -> Self {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(DURATION.to_owned()), &BUCKETS)
            .expect("the latency buckets are not empty")
            .build_recorder();
        metrics::with_local_recorder(&recorder, || {
            describe_counter!(REQUESTS, "HTTP requests by route and status.");
            describe_histogram!(DURATION, Unit::Seconds, "Request latency by route.");
            describe_gauge!(POOL, "Database pool connections by state.");
            describe_gauge!(
                LEDGER_VERIFIED,
                "Leaves of the public log verified against its latest checkpoint by the last full check."
            );
            describe_gauge!(
                LEDGER_ALARM,
                "1 when the stored ledger no longer matches its public log (see the admin pages), else 0."
            );
        });
        Self {
            recorder,
            handles: RwLock::default(),
            recorded: AtomicU64::new(0),
        }
    }
}

impl Metrics {
    /// Records one request.
    pub fn record(&self, method: &Method, route: &str, status: u16, seconds: f64) {
        let known = self
            .handles
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(route)
            .and_then(|all| {
                all.iter()
                    .find(|h| h.status == status && h.method == method)
                    .cloned()
            });
        let handles = known.unwrap_or_else(|| self.register(method, route, status));
        handles.requests.increment(1);
        handles.duration.record(seconds);
        if self.recorded.fetch_add(1, Ordering::Relaxed) % UPKEEP_EVERY == UPKEEP_EVERY - 1 {
            self.recorder.handle().run_upkeep();
        }
    }

    /// Registers the handles of a route, method and status seen for the first time.
    fn register(&self, method: &Method, route: &str, status: u16) -> Handles {
        let mut map = self.handles.write().unwrap_or_else(PoisonError::into_inner);
        let all = map.entry(route.to_owned()).or_default();
        if let Some(h) = all
            .iter()
            .find(|h| h.status == status && h.method == method)
        {
            return h.clone();
        }
        let (m, r) = (method.as_str().to_owned(), route.to_owned());
        let handles = metrics::with_local_recorder(&self.recorder, || Handles {
            method: method.clone(),
            status,
            requests: counter!(REQUESTS, "method" => m.clone(), "route" => r.clone(), "status" => status.to_string()),
            duration: histogram!(DURATION, "method" => m, "route" => r),
        });
        all.push(handles.clone());
        handles
    }

    /// Prometheus text exposition, with the pool's `(size, idle, max)` connections and the
    /// watch over the public log (leaves verified, and whether it raised the alarm).
    pub fn render(&self, pool: (u32, u32, u32), log: (u64, bool)) -> String {
        let (size, idle, max) = pool;
        metrics::with_local_recorder(&self.recorder, || {
            gauge!(LEDGER_VERIFIED).set(log.0 as f64);
            gauge!(LEDGER_ALARM).set(if log.1 { 1.0 } else { 0.0 });
            for (state, n) in [
                ("open", size),
                ("idle", idle),
                ("in_use", size.saturating_sub(idle)),
                ("max", max),
            ] {
                gauge!(POOL, "state" => state).set(n);
            }
        });
        self.recorder.handle().render()
    }
}

/// Middleware: times each request and records it under its route pattern.
pub async fn track_metrics(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let route = req.extensions().get::<MatchedPath>().cloned();
    let res = next.run(req).await;
    state.metrics.record(
        &method,
        route.as_ref().map_or("unmatched", MatchedPath::as_str),
        res.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    res
}

/// Liveness: the process answers. Also the static ceiling route of the benchmark.
async fn healthz() -> &'static str {
    "ok"
}

/// Readiness: the database answers.
async fn readyz(State(state): State<AppState>) -> Response {
    if state.db.ping().await {
        "ready".into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(
            state.db.pool_state(),
            (
                state.log_watch.verified_size(),
                state.log_watch.alarm().is_some(),
            ),
        ),
    )
        .into_response()
}

/// Routes of health and metrics (and the published signing keys).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/.well-known/erikti-keys.json", get(crate::api::book::keys))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exposition_keeps_the_names_labels_and_buckets() {
        let m = Metrics::default();
        m.record(&Method::GET, "/events", 200, 0.003);
        m.record(&Method::GET, "/events", 200, 0.2);
        m.record(&Method::POST, "/login", 303, 0.04);
        let text = m.render((3, 1, 10), (0, false));
        for line in [
            "# TYPE erikti_http_requests_total counter",
            "erikti_http_requests_total{method=\"GET\",route=\"/events\",status=\"200\"} 2",
            "erikti_http_requests_total{method=\"POST\",route=\"/login\",status=\"303\"} 1",
            "# TYPE erikti_http_request_duration_seconds histogram",
            "erikti_http_request_duration_seconds_bucket{method=\"GET\",route=\"/events\",le=\"0.005\"} 1",
            "erikti_http_request_duration_seconds_bucket{method=\"GET\",route=\"/events\",le=\"0.25\"} 2",
            "erikti_http_request_duration_seconds_bucket{method=\"GET\",route=\"/events\",le=\"+Inf\"} 2",
            "erikti_http_request_duration_seconds_count{method=\"GET\",route=\"/events\"} 2",
            "# HELP erikti_db_pool_connections Database pool connections by state.",
            "erikti_db_pool_connections{state=\"in_use\"} 2",
            "erikti_db_pool_connections{state=\"max\"} 10",
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "{line} missing in:\n{text}"
            );
        }
    }

    #[test]
    fn latencies_drained_by_the_upkeep_are_kept() {
        let m = Metrics::default();
        let n = UPKEEP_EVERY + 3;
        for _ in 0..n {
            m.record(&Method::GET, "/", 200, 0.001);
        }
        let text = m.render((0, 0, 1), (0, false));
        let count =
            format!("erikti_http_request_duration_seconds_count{{method=\"GET\",route=\"/\"}} {n}");
        assert!(text.lines().any(|l| l == count), "{text}");
    }

    #[test]
    fn every_state_keeps_its_own_numbers() {
        let (a, b) = (Metrics::default(), Metrics::default());
        a.record(&Method::GET, "/", 200, 0.001);
        assert!(a.render((0, 0, 1), (0, false)).contains("route=\"/\""));
        assert!(!b.render((0, 0, 1), (0, false)).contains("route=\"/\""));
    }
}
