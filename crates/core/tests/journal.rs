//! The stored journal (`stored::journal`): a base plus the journal written after any number of
//! edits reads back as exactly the campaign those edits made, whatever edits and actors; a journal
//! that follows another base is never applied; a bare campaign (what the app stored before the
//! journal) still reads.

mod common;

use proptest::prelude::*;
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::hlc::Clock;
use thidua_core::merge::max_stamp;
use thidua_core::stored::campaign_to_json;
use thidua_core::stored::journal::{base_to_json, journal_to_json, load, Logged};
use thidua_core::*;

const UNITS: [&str; 4] = ["VPUB", "CTK", "SNGV", "LMHTX"];
const CRITS: [&str; 4] = ["A.1", "A.2", "A.3", "B.1"];

fn start() -> Campaign {
    let mut c = common::sample_campaign();
    let mut clock = Clock::new("setup");
    clock.observe(&max_stamp(&c));
    apply(&mut c, &Actor::Leader, Edit::Adopt { date: "10/03/2025".into() }, &clock.tick(1)).expect("the sample adopts");
    c
}

fn answer(crit: &str, b: u8) -> Option<Answer> {
    let n = |v: i64| Some(Answer::Number(Points::from_whole(v)));
    match (b % 5, crit) {
        (0, _) => None,
        (_, "A.1") => n(i64::from(b % 120)),
        (_, "A.2") => Some(Answer::Level(["Hoàn thành xuất sắc", "Hoàn thành", "Sai"][usize::from(b) % 3].into())),
        (_, _) => n(i64::from(b % 14)),
    }
}

/// Any edit, by the leader or by a unit, for itself or not: refused ones are not journalled, as in
/// the app, and the rest must replay to the same campaign.
fn edit(kind: u8, a: u8, b: u8) -> (Actor, Edit) {
    let unit = UNITS[usize::from(a) % 4].to_string();
    let crit = CRITS[usize::from(a / 4) % 4].to_string();
    // Mostly the unit itself; one time in four another unit, which the rules refuse.
    let as_unit = Actor::Unit(UNITS[(usize::from(a) + usize::from(b.is_multiple_of(4))) % 4].to_string());
    match kind % 12 {
        0..=2 => (as_unit, Edit::SetSelf { unit, answer: answer(&crit, b), criterion: crit }),
        3 => (as_unit, Edit::SetNote { unit, criterion: crit, note: format!("minh chứng «{}»", b % 5) }),
        4 => (as_unit, Edit::Submit { unit, date: format!("{:02}/12/2025", 1 + b % 28) }),
        5 => (Actor::Leader, Edit::SetReview { unit, answer: answer(&crit, b), criterion: crit, reason: format!("lý do {}", b % 3) }),
        6 => (Actor::Leader, Edit::Decide { unit, decision: if b.is_multiple_of(2) { Decision::Accepted { round: 1 } } else { Decision::Returned { round: 1, comment: "bổ sung".into() } } }),
        7 => (Actor::Leader, Edit::SetVotes { unit, tally: (!b.is_multiple_of(3)).then(|| VoteTally { ballots: 9, approvals: u32::from(b % 10) }) }),
        8 => (Actor::Leader, Edit::RemoveUnit { code: unit }),
        9 => (Actor::Leader, Edit::PutUnit { code: format!("U{}", b % 3), info: UnitInfo { name: format!("Đơn vị {b}"), role: Role::ThanhVien, email: String::new() } }),
        10 => (Actor::Leader, Edit::LockResults { locked: b.is_multiple_of(2) }),
        _ => (as_unit, Edit::SetTheme { unit, theme: format!("chủ đề {}", b % 3) }),
    }
}

/// Applies the edits in turn; answers the campaign after each accepted one and the journal.
fn run(c0: &Campaign, ops: &[(u8, u8, u8)]) -> (Vec<Campaign>, Vec<Logged>) {
    let mut c = c0.clone();
    let mut clock = Clock::new("device");
    let mut states = vec![c.clone()];
    let mut log = Vec::new();
    for (i, &(kind, a, b)) in ops.iter().enumerate() {
        let (actor, e) = edit(kind, a, b);
        clock.observe(&max_stamp(&c));
        let stamp = clock.tick(10_000 + i as u64);
        if apply(&mut c, &actor, e.clone(), &stamp).is_ok() {
            log.push(Logged { actor, edit: e, stamp });
            states.push(c.clone());
        }
    }
    (states, log)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every journal the app writes (one after each edit) reads back as the campaign at that edit:
    /// a page that dies after any write leaves what it had shown.
    #[test]
    fn the_journal_after_each_edit_reads_back_as_that_campaign(ops in prop::collection::vec((0u8..12, any::<u8>(), any::<u8>()), 1..40)) {
        let c0 = start();
        let (states, log) = run(&c0, &ops);
        let base = base_to_json(&mut c0.clone(), "g1");
        for (k, expected) in states.iter().enumerate() {
            let l = load(&base, Some(&journal_to_json("g1", &log[..k]))).expect("a written journal reads");
            prop_assert_eq!(l.dropped, 0);
            prop_assert_eq!(&l.journal[..], &log[..k]);
            prop_assert!(&l.campaign == expected, "journal of {} edits read back differently", k);
        }
    }

    /// A journal left behind by a base write that was cut short names the older generation: the
    /// new base already holds its edits, and they are not applied twice.
    #[test]
    fn a_journal_after_another_base_is_not_applied(ops in prop::collection::vec((0u8..12, any::<u8>(), any::<u8>()), 1..20)) {
        let c0 = start();
        let (states, log) = run(&c0, &ops);
        let last = states.last().expect("the start is a state");
        let l = load(&base_to_json(&mut last.clone(), "g2"), Some(&journal_to_json("g1", &log))).expect("reads");
        prop_assert_eq!(l.dropped, log.len());
        prop_assert!(l.journal.is_empty());
        prop_assert!(&l.campaign == last);
    }
}

#[test]
fn the_edits_tried_here_are_mostly_accepted() {
    // Guards the property above from passing on journals that are nearly always empty.
    let ops: Vec<(u8, u8, u8)> = (0..120u32).map(|i| ((i % 12) as u8, (i * 7 % 256) as u8, (i * 13 % 256) as u8)).collect();
    let (_, log) = run(&start(), &ops);
    assert!(log.len() >= 30, "only {} of 120 edits accepted", log.len());
}

#[test]
fn a_bare_campaign_stored_before_the_journal_still_reads() {
    let c = start();
    let l = load(&campaign_to_json(&c), None).expect("reads");
    assert_eq!((l.campaign, l.generation), (c, None));
}

#[test]
fn an_edit_the_rules_now_refuse_is_dropped_not_fatal() {
    let c0 = start();
    let (states, mut log) = run(&c0, &[(0, 5, 1), (0, 9, 1)]);
    // A unit's edit of another unit's score, as no app journals it.
    let forged = Logged {
        actor: Actor::Unit("CTK".into()),
        edit: Edit::SetSelf { unit: "SNGV".into(), criterion: "A.3".into(), answer: answer("A.3", 3) },
        stamp: Stamp { clock: u64::MAX / 2, replica: "forged".into() },
    };
    log.push(forged);
    let l = load(&base_to_json(&mut c0.clone(), "g"), Some(&journal_to_json("g", &log))).expect("reads");
    assert_eq!(l.dropped, 1);
    assert_eq!(&l.campaign, states.last().expect("a state"));
}
