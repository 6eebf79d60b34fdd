//! Handover (bàn giao): next year's campaign starts from this year's members and scorecard, with the
//! leader role passed to another unit and the pledge to be signed again.

use crate::model::*;
use crate::problem::Msg;
use std::collections::BTreeMap;

/// Next year's campaign. `new_leader` becomes the bloc leader; the outgoing leader becomes a member.
/// Scores, votes, submissions, signings and themes start empty; the scorecard must be adopted again.
pub fn next_year(c: &Campaign, new_id: &str, new_leader: &str) -> Result<Campaign, Msg> {
    if c.unit(new_leader).is_none() {
        return Err(Msg::new(
            format!("không có đơn vị «{new_leader}» trong Khối"),
            format!("no unit «{new_leader}» in the bloc"),
        ));
    }
    let units = c
        .active_units()
        .map(|u| {
            let mut info = u.info.value.clone();
            if u.code == new_leader {
                info.role = Role::TruongKhoi;
            } else if info.role == Role::TruongKhoi {
                info.role = Role::ThanhVien;
            }
            Unit { code: u.code.clone(), info: Field::new(info), removed: Field::default() }
        })
        .collect();
    let bloc = BlocInfo {
        name: c.bloc.name.clone(),
        year: c.bloc.year.saturating_add(1),
        decision_number: String::new(),
        decision_date: String::new(),
    };
    let mut next = Campaign::new(new_id, bloc);
    next.units = units;
    next.template = Field::new(c.template.value.clone());
    next.awards = Field::new(c.awards.value.clone());
    next.pledge = Field::new(Pledge { contents: c.pledge.contents.clone(), slogan: String::new(), movements: c.pledge.movements.clone() });
    next.inputs = BTreeMap::new();
    Ok(next)
}
