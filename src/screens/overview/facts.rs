//! What the overview counts, read once from the campaign.

use thidua_core::scorecard::score_unit;
use thidua_core::{Campaign, CriterionKind, SubmissionState};

pub struct Facts {
    pub members: usize,
    pub leader: Option<String>,
    pub criteria: usize,
    pub adopted: bool,
    /// The date of the latest adoption, while adopted.
    pub adopted_on: Option<String>,
    pub pledge_written: bool,
    pub signed: usize,
    /// Units past their draft (submitted, returned or accepted).
    pub submitted: usize,
    pub waiting: usize,
    pub returned: usize,
    pub accepted: usize,
    pub locked: bool,
    pub units: Vec<UnitFacts>,
}

pub struct UnitFacts {
    pub code: String,
    pub name: String,
    pub role: thidua_core::Role,
    pub signed_on: Option<String>,
    pub state: SubmissionState,
    /// Criteria answered out of those a complete scorecard answers (vetoes aside).
    pub answered: usize,
    pub of: usize,
}

pub fn state_of(c: &Campaign, code: &str) -> SubmissionState {
    c.members.get(code).map(|m| m.state()).unwrap_or(SubmissionState::Draft)
}

impl Facts {
    pub fn of(c: &Campaign) -> Facts {
        let template = &c.template.value;
        let of = template.criteria().filter(|(_, k)| k.kind != CriterionKind::Veto).count();
        let units: Vec<UnitFacts> = c
            .active_units()
            .map(|u| {
                let score = score_unit(template, c.inputs.get(&u.code));
                UnitFacts {
                    code: u.code.clone(),
                    name: u.info.value.name.clone(),
                    role: u.info.value.role,
                    signed_on: c.members.get(&u.code).and_then(|m| m.signing.value.as_ref()).map(|g| g.date.clone()),
                    state: state_of(c, &u.code),
                    answered: of.saturating_sub(score.missing.len()),
                    of,
                }
            })
            .collect();
        let count = |f: fn(&SubmissionState) -> bool| units.iter().filter(|u| f(&u.state)).count();
        let adoption = &c.adoption.value;
        Facts {
            members: units.len(),
            leader: c.leader().map(|u| u.info.value.name.clone()),
            criteria: template.criteria().count(),
            adopted: adoption.adopted,
            adopted_on: adoption.adopted.then(|| adoption.log.iter().rev().find(|e| e.adopted).map(|e| e.date.clone())).flatten(),
            pledge_written: !c.pledge.value.contents.is_empty(),
            signed: units.iter().filter(|u| u.signed_on.is_some()).count(),
            submitted: count(|s| !matches!(s, SubmissionState::Draft)),
            waiting: count(|s| matches!(s, SubmissionState::Submitted { .. })),
            returned: count(|s| matches!(s, SubmissionState::Returned { .. })),
            accepted: count(|s| matches!(s, SubmissionState::Accepted { .. })),
            locked: c.results_locked.value,
            units,
        }
    }

    pub fn all_signed(&self) -> bool {
        self.members > 0 && self.signed == self.members
    }

    pub fn all_accepted(&self) -> bool {
        self.members > 0 && self.accepted == self.members
    }
}
