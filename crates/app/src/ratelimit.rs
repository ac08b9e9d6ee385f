//! A fixed-window rate limiter keyed by (what, who): sign-up and log-in per IP and per account.
//! Kept in memory: each server limits what it sees.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts attempts per key and window.
#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// Records one attempt for `key`; false when `limit` attempts were already made in the
    /// current `window`.
    pub fn allow(&self, key: &str, limit: u32, window: Duration) -> bool {
        let now = Instant::now();
        let mut map = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(3600));
        }
        let entry = map.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= window {
            *entry = (now, 0);
        }
        if entry.1 >= limit {
            return false;
        }
        entry.1 += 1;
        true
    }

    /// True when `key` has used up `limit` in the current window (does not count).
    pub fn exhausted(&self, key: &str, limit: u32, window: Duration) -> bool {
        let map = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        map.get(key)
            .is_some_and(|(start, n)| start.elapsed() < window && *n >= limit)
    }

    /// Forgets `key` (e.g. after a successful log-in).
    pub fn reset(&self, key: &str) {
        self.windows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_up_to_the_limit_then_refuses() {
        let l = RateLimiter::default();
        for _ in 0..3 {
            assert!(l.allow("k", 3, Duration::from_secs(60)));
        }
        assert!(!l.allow("k", 3, Duration::from_secs(60)));
        assert!(l.exhausted("k", 3, Duration::from_secs(60)));
        assert!(l.allow("other", 3, Duration::from_secs(60)));
        l.reset("k");
        assert!(l.allow("k", 3, Duration::from_secs(60)));
    }

    #[test]
    fn a_new_window_starts_afresh() {
        let l = RateLimiter::default();
        assert!(l.allow("k", 1, Duration::from_millis(1)));
        std::thread::sleep(Duration::from_millis(5));
        assert!(l.allow("k", 1, Duration::from_millis(1)));
    }
}
