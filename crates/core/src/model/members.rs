//! What a unit writes of its own besides scores (its pledge signing, its theme, its submissions)
//! and the leader's decision on each submission.

use super::Field;
use serde::{Deserialize, Serialize};

/// What a unit writes of its own besides scores.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPart {
    #[serde(default)]
    pub signing: Field<Option<Signing>>,
    /// The emulation theme the unit registers for the year (seed 004).
    #[serde(default)]
    pub theme: Field<String>,
    /// The unit's submissions of its scorecard; each one opens a review round.
    #[serde(default)]
    pub submitted: Field<Option<Submission>>,
    /// The leader's answer to the latest submission (written by the leader, kept here by unit).
    #[serde(default)]
    pub decision: Field<Option<Decision>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signing {
    /// dd/mm/yyyy as people write it.
    pub date: String,
    pub signatory: String,
    pub position: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// 1 for the first submission, one more each time the unit submits again after a return.
    pub round: u32,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Decision {
    /// Sent back to the unit with a comment: it may edit and submit again.
    Returned { round: u32, comment: String },
    /// Accepted: the unit's inputs are final.
    Accepted { round: u32 },
}

impl Decision {
    pub fn round(&self) -> u32 {
        match self {
            Decision::Returned { round, .. } | Decision::Accepted { round } => *round,
        }
    }
}

/// Where a unit's scorecard stands, derived from its submission and the leader's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmissionState {
    Draft,
    Submitted { round: u32 },
    Returned { round: u32, comment: String },
    Accepted { round: u32 },
}

impl MemberPart {
    pub fn state(&self) -> SubmissionState {
        let Some(sub) = &self.submitted.value else { return SubmissionState::Draft };
        match &self.decision.value {
            Some(d) if d.round() >= sub.round => match d {
                Decision::Returned { round, comment } => SubmissionState::Returned { round: *round, comment: comment.clone() },
                Decision::Accepted { round } => SubmissionState::Accepted { round: *round },
            },
            _ => SubmissionState::Submitted { round: sub.round },
        }
    }

    /// A unit may change its inputs while drafting or after a return.
    pub fn editable(&self) -> bool {
        matches!(self.state(), SubmissionState::Draft | SubmissionState::Returned { .. })
    }
}
