//! The awards a bloc proposes by rank, and the secret ballot on each unit.

use crate::points::Points;
use serde::{Deserialize, Serialize};

/// An award a bloc proposes by rank, with the conditions its rules set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardTier {
    pub name: String,
    /// The competition ranks this tier takes, inclusive.
    pub rank_from: u32,
    pub rank_to: u32,
    #[serde(default)]
    pub min_total: Option<Points>,
    /// Minimum share of approving ballots, in hundredths of a percent (e.g. 50% = 5000).
    #[serde(default)]
    pub min_vote_share: Option<Points>,
    #[serde(default)]
    pub max_count: Option<u32>,
}

impl AwardTier {
    /// Seed 004's tiers: first place → the Government's flag, second → the province's flag,
    /// third → the provincial chairman's certificate of merit.
    pub fn defaults() -> Vec<AwardTier> {
        let tier = |name: &str, rank: u32| AwardTier {
            name: name.to_string(),
            rank_from: rank,
            rank_to: rank,
            min_total: None,
            min_vote_share: None,
            max_count: None,
        };
        vec![
            tier("Cờ thi đua của Chính phủ", 1),
            tier("Cờ thi đua của UBND tỉnh", 2),
            tier("Bằng khen của Chủ tịch UBND tỉnh", 3),
        ]
    }
}

/// A secret ballot on one unit: how many ballots were cast and how many approved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteTally {
    pub ballots: u32,
    pub approvals: u32,
}

impl VoteTally {
    /// Approval share in hundredths of a percent, rounded half up; `None` when no ballot was cast.
    pub fn share(self) -> Option<Points> {
        if self.ballots == 0 {
            return None;
        }
        let hundred = Points::from_whole(100);
        Some(hundred.mul_div_round(
            Points::from_whole(i64::from(self.approvals)),
            Points::from_whole(i64::from(self.ballots)),
        ))
    }
}
