//! The cases people meet.

use super::world::{dev, edit};
use super::*;

fn self_score(unit: &str, v: i64) -> Edit {
    Edit::SetSelf { unit: unit.into(), criterion: "A.1".into(), answer: Some(Answer::Number(pts(v))) }
}

fn score(c: &Campaign, unit: &str) -> Option<Answer> {
    c.entry(unit, "A.1").and_then(|e| e.self_answer.value.clone())
}

#[test]
fn copies_of_different_campaigns_are_refused() {
    let a = base();
    let mut b = base();
    b.id = "other".into();
    let err = merge(&a, &b).unwrap_err();
    assert!(err.vi.contains("hai chiến dịch khác nhau") && err.en.contains("different campaigns"), "{err:?}");
}

#[test]
fn two_devices_of_one_unit_writing_at_once_keep_both_values() {
    let b = base();
    let mut office = dev("office", Actor::Unit("U1".into()), &b);
    let mut laptop = dev("laptop", Actor::Unit("U1".into()), &b);
    edit(&mut office, T0, self_score("U1", 7));
    edit(&mut laptop, T0 + 1_000, self_score("U1", 9));
    let m = merge(&office.state, &laptop.state).unwrap();
    assert_eq!(m, merge(&laptop.state, &office.state).unwrap());
    assert_eq!(score(&m, "U1"), Some(Answer::Number(pts(9))), "the later write wins");
    assert_eq!(m.conflicts.len(), 1);
    let k = &m.conflicts[0];
    assert_eq!(k.path, "inputs/U1/A.1/self_answer");
    assert_eq!(k.value, serde_json::json!({"t": "number", "v": 700}));
    assert_eq!(k.winner, m.entry("U1", "A.1").unwrap().self_answer.stamp);
    assert_eq!(m.open_conflicts().count(), 1);

    // The office restores its value: a new write that has seen both; the conflict goes.
    office.state = m.clone();
    office.clock.observe(&max_stamp(&m));
    edit(&mut office, T0 + 2_000, Edit::RestoreConflict { path: k.path.clone(), stamp: k.stamp.clone() });
    assert_eq!(score(&office.state, "U1"), Some(Answer::Number(pts(7))));
    assert!(office.state.conflicts.is_empty(), "{:?}", office.state.conflicts);
    // Merging the laptop's old copy changes nothing.
    assert_eq!(merge(&office.state, &laptop.state).unwrap(), office.state);
}

#[test]
fn a_sequential_overwrite_on_another_device_is_no_conflict() {
    let b = base();
    let mut office = dev("office", Actor::Unit("U1".into()), &b);
    let mut laptop = dev("laptop", Actor::Unit("U1".into()), &b);
    edit(&mut office, T0, self_score("U1", 7));
    laptop.state = merge(&laptop.state, &office.state).unwrap();
    laptop.clock.observe(&max_stamp(&laptop.state));
    edit(&mut laptop, T0 + 1_000, self_score("U1", 9));
    let m = merge(&office.state, &laptop.state).unwrap();
    assert_eq!(score(&m, "U1"), Some(Answer::Number(pts(9))));
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
}

#[test]
fn a_device_days_behind_still_writes_after_what_it_has_seen() {
    let b = base();
    let mut ahead = dev("ahead", Actor::Unit("U1".into()), &b);
    let mut behind = dev("behind", Actor::Unit("U1".into()), &b);
    edit(&mut ahead, T0 + 5 * DAY as u64, self_score("U1", 7));
    behind.state = merge(&behind.state, &ahead.state).unwrap();
    behind.clock.observe(&max_stamp(&behind.state));
    edit(&mut behind, T0, self_score("U1", 3));
    let m = merge(&ahead.state, &behind.state).unwrap();
    assert_eq!(score(&m, "U1"), Some(Answer::Number(pts(3))), "the later write (by causality) wins");
    assert!(m.conflicts.is_empty());

    // Without observing, the skewed write loses but is kept.
    let mut blind = dev("blind", Actor::Unit("U1".into()), &b);
    blind.state = merge(&blind.state, &ahead.state).unwrap();
    edit(&mut blind, T0, self_score("U1", 4));
    let m = merge(&ahead.state, &blind.state).unwrap();
    assert_eq!(score(&m, "U1"), Some(Answer::Number(pts(7))));
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].value, serde_json::json!({"t": "number", "v": 400}));
}

#[test]
fn a_dismissed_conflict_does_not_come_back() {
    let b = base();
    let mut leader = dev("lead", Actor::Leader, &b);
    let mut deputy = dev("deputy", Actor::Leader, &b);
    edit(&mut leader, T0, Edit::SetPledge { pledge: Pledge { slogan: "Đoàn kết".into(), ..Default::default() } });
    edit(&mut deputy, T0 + 10, Edit::SetPledge { pledge: Pledge { slogan: "Sáng tạo".into(), ..Default::default() } });
    let old_leader = leader.state.clone();
    let m = merge(&leader.state, &deputy.state).unwrap();
    assert_eq!(m.conflicts.len(), 1);
    let k = m.conflicts[0].clone();
    // A unit may not dismiss the leader's conflict, nor restore it.
    let mut unit = dev("u1", Actor::Unit("U1".into()), &m);
    let s = unit.clock.tick(T0 + 20);
    assert!(apply(&mut unit.state, &Actor::Unit("U1".into()), Edit::DismissConflict { path: k.path.clone(), stamp: k.stamp.clone() }, &s).is_err());
    assert!(apply(&mut unit.state, &Actor::Unit("U1".into()), Edit::RestoreConflict { path: k.path.clone(), stamp: k.stamp.clone() }, &s).is_err());
    leader.state = m;
    edit(&mut leader, T0 + 30, Edit::DismissConflict { path: k.path.clone(), stamp: k.stamp.clone() });
    assert!(leader.state.conflicts.is_empty());
    assert_eq!(leader.state.dismissed.len(), 1);
    for old in [&old_leader, &deputy.state, &unit.state] {
        let again = merge(&leader.state, old).unwrap();
        assert!(again.conflicts.is_empty(), "came back from an old copy: {:?}", again.conflicts);
        assert_eq!(again, leader.state);
    }
}

#[test]
fn the_leader_dismisses_but_cannot_restore_a_units_value() {
    let b = base();
    let mut office = dev("office", Actor::Unit("U1".into()), &b);
    let mut laptop = dev("laptop", Actor::Unit("U1".into()), &b);
    edit(&mut office, T0, self_score("U1", 7));
    edit(&mut laptop, T0 + 1, self_score("U1", 9));
    let m = merge(&office.state, &laptop.state).unwrap();
    let k = m.conflicts[0].clone();
    let mut leader = dev("lead", Actor::Leader, &m);
    let s = leader.clock.tick(T0 + 5);
    let err = apply(&mut leader.state, &Actor::Leader, Edit::RestoreConflict { path: k.path.clone(), stamp: k.stamp.clone() }, &s).unwrap_err();
    assert!(err.en.contains("only the owning unit"), "{err:?}");
    assert!(apply(&mut leader.state, &Actor::Unit("U2".into()), Edit::DismissConflict { path: k.path.clone(), stamp: k.stamp.clone() }, &s).is_err());
    apply(&mut leader.state, &Actor::Leader, Edit::DismissConflict { path: k.path.clone(), stamp: k.stamp.clone() }, &s).unwrap();
    assert!(leader.state.conflicts.is_empty());
}

#[test]
fn a_cleared_vote_stays_cleared() {
    let b = base();
    let mut lead = dev("lead", Actor::Leader, &b);
    edit(&mut lead, T0, Edit::SetVotes { unit: "U1".into(), tally: Some(VoteTally { ballots: 3, approvals: 2 }) });
    let with_vote = lead.state.clone();
    edit(&mut lead, T0 + 1, Edit::SetVotes { unit: "U1".into(), tally: None });
    assert_eq!(lead.state.vote("U1"), None);
    let m = merge(&lead.state, &with_vote).unwrap();
    assert_eq!(m.vote("U1"), None);
    assert!(m.conflicts.is_empty());
}

#[test]
fn units_added_on_two_devices_come_in_the_same_order_either_way() {
    let b = base();
    let mut lead = dev("lead", Actor::Leader, &b);
    let mut deputy = dev("deputy", Actor::Leader, &b);
    edit(&mut lead, T0, Edit::PutUnit { code: "ZZ".into(), info: info("Sở Z", Role::ThanhVien) });
    edit(&mut deputy, T0 + 5, Edit::PutUnit { code: "AA".into(), info: info("Sở A", Role::ThanhVien) });
    let m1 = merge(&lead.state, &deputy.state).unwrap();
    let m2 = merge(&deputy.state, &lead.state).unwrap();
    assert_eq!(m1, m2);
    let codes: Vec<&str> = m1.units.iter().map(|u| u.code.as_str()).collect();
    // The deputy's order (the later write) first, the unit it did not know after it.
    assert_eq!(codes, ["L", "U1", "U2", "AA", "ZZ"]);
    assert!(m1.conflicts.is_empty(), "an order is not a conflict: {:?}", m1.conflicts);
}

#[test]
fn stored_documents_load_and_are_their_own_merge() {
    // A sample imported campaign (no stamps, no `seen`, no unit order) is already in normal form.
    let c = common::sample_campaign();
    let text = serde_json::to_string(&c).unwrap();
    assert!(!text.contains("\"seen\"") && !text.contains("unit_order") && !text.contains("conflicts"), "nothing new is written while unused");
    let back = thidua_core::stored::campaign_from_json(&text).unwrap();
    assert_eq!(merge(&back, &back).unwrap(), back);
    let order: Vec<String> = back.units.iter().map(|u| u.code.clone()).collect();
    assert_eq!(merge(&back, &back).unwrap().units.iter().map(|u| u.code.clone()).collect::<Vec<_>>(), order);
    // A document of the version before the merge reads as it did.
    let old = r#"{"schema":1,"id":"x","bloc":{"value":{"name":"K","year":2025}},"units":[],
        "template":{"value":{"sections":[]}},"awards":{"value":[]},
        "votes":{"U1":{"value":{"ballots":3,"approvals":2},"stamp":{"clock":5,"replica":"r"}}}}"#;
    let c = thidua_core::stored::campaign_from_json(old).unwrap();
    assert_eq!(c.vote("U1"), Some(VoteTally { ballots: 3, approvals: 2 }));
    assert_eq!(max_stamp(&c), Stamp { clock: 5, replica: "r".into() });
    assert_eq!(merge(&c, &c).unwrap(), c);
}

#[test]
fn max_stamp_sees_every_field() {
    let b = base();
    let mut u = dev("u", Actor::Unit("U2".into()), &b);
    edit(&mut u, T0 + 9 * DAY as u64, Edit::SetTheme { unit: "U2".into(), theme: "Chuyển đổi số".into() });
    assert_eq!(max_stamp(&u.state).clock, T0 + 9 * DAY as u64);
    assert_eq!(max_stamp(&u.state).replica, "u");
}
