//! A hybrid logical clock: stamps that follow the wall clock when it is sane and still order every
//! write of a device after its previous ones when the clock jumps back.

use crate::model::Stamp;

/// The clock of one device (replica).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Clock {
    pub replica: String,
    /// The last reading given out (or seen from others).
    pub last: u64,
}

impl Clock {
    pub fn new(replica: impl Into<String>) -> Self {
        Clock { replica: replica.into(), last: 0 }
    }

    /// A stamp for a local write at wall time `now_ms`: never below or equal to any stamp this
    /// clock has given out or seen.
    pub fn tick(&mut self, now_ms: u64) -> Stamp {
        self.last = now_ms.max(self.last.saturating_add(1));
        Stamp { clock: self.last, replica: self.replica.clone() }
    }

    /// Takes in a stamp from elsewhere, so that later local writes order after it.
    pub fn observe(&mut self, s: &Stamp) {
        self.last = self.last.max(s.clock);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_increase_even_when_the_wall_clock_goes_back() {
        let mut c = Clock::new("a");
        let s1 = c.tick(1000);
        let s2 = c.tick(500);
        let s3 = c.tick(2000);
        assert!(s1 < s2 && s2 < s3);
        c.observe(&Stamp { clock: 10_000, replica: "b".into() });
        assert!(c.tick(3000).clock > 10_000);
    }
}
