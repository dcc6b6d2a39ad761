//! The per-IP rate limit on `POST /api/leads`: the endpoint is public and
//! unauthenticated, so one client must not be able to fill the database or
//! starve other visitors. Kept apart from the handler so the window logic can
//! be tested without a server.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// A sliding-window log per client IP: at most `limit` requests in any
/// `window`.
#[derive(Debug)]
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    hits: HashMap<IpAddr, VecDeque<Instant>>,
}

impl RateLimiter {
    pub fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter { limit, window, hits: HashMap::new() }
    }

    /// Records a request at `now`; `Err(seconds)` = refused, retry after that
    /// many seconds (≥ 1).
    pub fn check(&mut self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        if self.limit == 0 {
            return Ok(());
        }
        if self.hits.len() > 10_000 {
            let window = self.window;
            self.hits.retain(|_, q| q.back().is_some_and(|last| now.saturating_duration_since(*last) < window));
        }
        let q = self.hits.entry(ip).or_default();
        while q.front().is_some_and(|t| now.saturating_duration_since(*t) >= self.window) {
            q.pop_front();
        }
        if q.len() >= self.limit as usize {
            let oldest = q.front().copied().unwrap_or(now);
            let wait = self.window.saturating_sub(now.saturating_duration_since(oldest));
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            return Err(secs.max(1));
        }
        q.push_back(now);
        Ok(())
    }
}
