//! Where a campaign stands in the year, derived from what has been done (never stored, so it can
//! never disagree with the data).

use crate::model::{Campaign, SubmissionState};
use crate::problem::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Members and scorecard being set up; scorecard not adopted.
    Setup,
    /// Scorecard adopted; units signing the pledge.
    Pledge,
    /// Units filling their scorecards.
    SelfScoring,
    /// Scorecards submitted and under review.
    Review,
    /// Every scorecard accepted: ranking, ballots and proposals.
    Evaluation,
    /// Results locked.
    Closed,
}

impl Stage {
    pub fn of(c: &Campaign) -> Stage {
        if c.results_locked.value {
            return Stage::Closed;
        }
        if !c.adoption.adopted {
            return Stage::Setup;
        }
        let states: Vec<SubmissionState> = c
            .active_units()
            .map(|u| c.members.get(&u.code).map(|m| m.state()).unwrap_or(SubmissionState::Draft))
            .collect();
        if !states.is_empty() && states.iter().all(|s| matches!(s, SubmissionState::Accepted { .. })) {
            return Stage::Evaluation;
        }
        if states.iter().any(|s| !matches!(s, SubmissionState::Draft)) {
            return Stage::Review;
        }
        let signed = c.active_units().filter(|u| c.members.get(&u.code).is_some_and(|m| m.signing.is_some())).count();
        if signed < c.active_units().count() {
            return Stage::Pledge;
        }
        Stage::SelfScoring
    }

    pub fn label(self) -> Msg {
        match self {
            Stage::Setup => Msg::new("Thiết lập Khối và bảng chấm điểm", "Setting up the bloc and scorecard"),
            Stage::Pledge => Msg::new("Ký kết giao ước thi đua", "Signing the pledge"),
            Stage::SelfScoring => Msg::new("Đơn vị tự chấm điểm", "Units scoring themselves"),
            Stage::Review => Msg::new("Thẩm định bảng tự chấm", "Reviewing scorecards"),
            Stage::Evaluation => Msg::new("Bình xét, xếp hạng", "Evaluation and ranking"),
            Stage::Closed => Msg::new("Đã chốt kết quả", "Results locked"),
        }
    }
}
