//! A token bucket per client (per credential when the request has one, per address otherwise), so
//! that one device in a loop cannot starve the bloc. In memory: a restart forgives everyone, which
//! is fine for a limit meant against floods, not against a determined attacker.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

pub struct Limits {
    /// Requests a client may make at once.
    pub burst: f64,
    /// Requests per second it earns back.
    pub per_second: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl Limits {
    /// `per_minute` requests a minute, up to `burst` at once; 0 turns the limit off.
    pub fn new(per_minute: u32, burst: u32) -> Limits {
        Limits { burst: f64::from(burst), per_second: f64::from(per_minute) / 60.0, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes `cost` tokens from `key`'s bucket: `Err(seconds to wait)` when it has too few.
    pub fn take(&self, key: &str, cost: f64) -> Result<(), u64> {
        if self.per_second <= 0.0 {
            return Ok(());
        }
        let now = Instant::now();
        let Ok(mut buckets) = self.buckets.lock() else { return Ok(()) };
        if buckets.len() > 100_000 {
            // Forget the full buckets first: they are the clients that are not flooding.
            let burst = self.burst;
            let rate = self.per_second;
            buckets.retain(|_, (tokens, at)| *tokens + now.duration_since(*at).as_secs_f64() * rate < burst);
        }
        let (tokens, at) = buckets.entry(key.to_string()).or_insert((self.burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * self.per_second).min(self.burst);
        *at = now;
        if *tokens >= cost {
            *tokens -= cost;
            Ok(())
        } else {
            let wait = ((cost - *tokens) / self.per_second).ceil();
            Err(wait.max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_refusal_then_recovery() {
        let l = Limits::new(60, 3);
        for _ in 0..3 {
            assert!(l.take("a", 1.0).is_ok());
        }
        assert_eq!(l.take("a", 1.0), Err(1));
        assert!(l.take("b", 1.0).is_ok(), "another client is not limited by the first");
        assert!(Limits::new(0, 0).take("a", 5.0).is_ok(), "0 turns the limit off");
    }
}
