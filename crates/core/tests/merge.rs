//! The merge: laws (commutative, associative, idempotent), convergence, and nothing lost, over
//! random edit histories of 2–4 devices with skewed clocks exchanging copies at random; and the
//! cases people meet (two devices of one unit, a dismissed conflict, a cleared vote, units added on
//! two devices).

mod common;

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::history::{self, RevField, Revision};
use thidua_core::hlc::Clock;
use thidua_core::merge::{self, max_stamp, merge};
use thidua_core::*;

const DAY: i64 = 86_400_000;
const T0: u64 = 1_740_000_000_000;

fn pts(n: i64) -> Points {
    Points::from_whole(n)
}

fn template(variant: u8) -> Template {
    let crit = |id: &str, max: i64, kind: CriterionKind| Criterion { id: id.into(), code: id.into(), title: format!("Tiêu chí {id}"), max: pts(max), kind };
    let a1_max = if variant == 0 { 10 } else { 8 };
    Template {
        sections: vec![
            Section {
                id: "A".into(),
                code: "A".into(),
                title: "Nhiệm vụ".into(),
                kind: SectionKind::Section,
                max: pts(20),
                criteria: vec![crit("A.1", a1_max, CriterionKind::Points), crit("A.2", 5, CriterionKind::YesNo)],
            },
            Section {
                id: "B".into(),
                code: "B".into(),
                title: "Phong trào".into(),
                kind: SectionKind::Section,
                max: pts(10),
                criteria: vec![crit(
                    "B.1",
                    10,
                    CriterionKind::Levels { levels: vec![Level { label: "Tốt".into(), points: pts(10) }, Level { label: "Khá".into(), points: pts(5) }] },
                )],
            },
        ],
    }
}

const UNITS: [&str; 3] = ["L", "U1", "U2"];
const CRITS: [&str; 3] = ["A.1", "A.2", "B.1"];

fn info(name: &str, role: Role) -> UnitInfo {
    UnitInfo { name: name.into(), role, email: String::new() }
}

/// The copy every device starts from, made by edits on a setup device.
fn base() -> Campaign {
    let mut c = Campaign::new("k", BlocInfo { name: "Khối A".into(), year: 2025, ..Default::default() });
    let mut clock = Clock::new("setup");
    let mut t = 1_000;
    let mut ed = |c: &mut Campaign, e: Edit| {
        t += 1;
        apply(c, &Actor::Leader, e, &clock.tick(t)).unwrap();
    };
    ed(&mut c, Edit::PutUnit { code: "L".into(), info: info("Văn phòng", Role::TruongKhoi) });
    ed(&mut c, Edit::PutUnit { code: "U1".into(), info: info("Sở Một", Role::ThanhVien) });
    ed(&mut c, Edit::PutUnit { code: "U2".into(), info: info("Sở Hai", Role::ThanhVien) });
    ed(&mut c, Edit::SetTemplate { template: template(0) });
    ed(&mut c, Edit::Adopt { date: "01/03/2025".into() });
    c
}

fn answer(crit: &str, b: u8) -> Option<Answer> {
    if b.is_multiple_of(7) {
        return None;
    }
    Some(match crit {
        "A.1" => Answer::Number(pts(i64::from(b % 11))),
        "A.2" => Answer::Flag(b.is_multiple_of(2)),
        _ => Answer::Level(if b.is_multiple_of(2) { "Tốt" } else { "Khá" }.into()),
    })
}

/// One step of a history: device `r` does something of class `class` with arguments `a`, `b`,
/// after `dt` ms of wall time.
#[derive(Debug, Clone)]
struct Op {
    r: usize,
    class: u8,
    a: u8,
    b: u8,
    dt: u64,
}

#[derive(Debug, Clone)]
struct Device {
    state: Campaign,
    clock: Clock,
    actor: Actor,
    skew: i64,
    observes: bool,
}

/// A write as it happened, with what its device knowingly replaced (the chain of values it had
/// shown in that field, and what a restore brought back).
#[derive(Debug, Clone)]
struct Write {
    path: String,
    value: serde_json::Value,
    stamp: Stamp,
    chain: BTreeSet<usize>,
}

#[derive(Default)]
struct World {
    writes: Vec<Write>,
    by_id: BTreeMap<(String, Stamp), usize>,
    dismissed: BTreeSet<(String, Stamp)>,
}

impl World {
    fn id(&self, path: &str, stamp: &Stamp) -> Option<usize> {
        self.by_id.get(&(path.to_string(), stamp.clone())).copied()
    }

    /// Records every field `after` holds with a new stamp as a write, with its chain.
    fn record(&mut self, before: &Campaign, after: &Campaign, restored: Option<(&str, &Stamp)>) {
        let old: BTreeMap<String, Stamp> = merge::fields(before).into_iter().map(|f| (f.path, f.stamp)).collect();
        for f in merge::fields(after) {
            if old.get(&f.path) == Some(&f.stamp) || f.stamp == Stamp::default() {
                continue;
            }
            let mut chain = BTreeSet::new();
            if let Some(prev) = old.get(&f.path).and_then(|s| self.id(&f.path, s)) {
                chain.extend(self.writes[prev].chain.iter().copied());
            }
            if let Some((p, s)) = restored {
                if p == f.path {
                    if let Some(k) = self.id(p, s) {
                        chain.extend(self.writes[k].chain.iter().copied());
                    }
                }
            }
            let id = self.writes.len();
            chain.insert(id);
            self.by_id.insert((f.path.clone(), f.stamp.clone()), id);
            self.writes.push(Write { path: f.path, value: f.value, stamp: f.stamp, chain });
        }
    }
}

fn leader_edit(c: &Campaign, a: u8, b: u8, kind: u8) -> Edit {
    let unit = UNITS[usize::from(a) % 3].to_string();
    let crit = CRITS[usize::from(a / 3) % 3].to_string();
    match kind % 11 {
        // Mostly U2, which starts submitted (`started`): reviews are written, not refused.
        0 => {
            let unit = ["U2", "U2", "U1"][usize::from(a) % 3].to_string();
            Edit::SetReview { unit, answer: answer(&crit, b), criterion: crit, reason: format!("lý do {}", b % 3) }
        }
        1 => {
            let round = match c.members.get(&unit).map(MemberPart::state) {
                Some(SubmissionState::Submitted { round }) => round,
                _ => 1,
            };
            let decision = if b.is_multiple_of(2) { Decision::Accepted { round } } else { Decision::Returned { round, comment: format!("bổ sung {}", b % 3) } };
            Edit::Decide { unit, decision }
        }
        2 => {
            let tally = (!b.is_multiple_of(4)).then(|| VoteTally { ballots: u32::from(b % 4), approvals: u32::from(b % 4) / 2 });
            Edit::SetVotes { unit, tally }
        }
        3 => Edit::SetBloc { bloc: BlocInfo { name: ["Khối A", "Khối B", "Khối C"][usize::from(b) % 3].into(), year: 2025, ..Default::default() } },
        4 => Edit::PutUnit { code: ["U1", "U2", "U3"][usize::from(a) % 3].into(), info: info(&format!("Đơn vị {}", b % 3), Role::ThanhVien) },
        5 => Edit::RemoveUnit { code: ["U1", "U2", "U3"][usize::from(a) % 3].into() },
        6 => Edit::SetPledge { pledge: Pledge { slogan: format!("khẩu hiệu {}", b % 3), ..Default::default() } },
        7 if b.is_multiple_of(2) => Edit::Adopt { date: "02/03/2025".into() },
        7 => Edit::Unlock { date: "03/03/2025".into(), reason: "sửa".into() },
        8 => Edit::SetAwards { tiers: if b.is_multiple_of(2) { AwardTier::defaults() } else { AwardTier::defaults()[..1].to_vec() } },
        9 => Edit::LockResults { locked: b.is_multiple_of(3) },
        _ => Edit::SetTemplate { template: template(b % 2) },
    }
}

fn unit_edit(unit: &str, a: u8, b: u8, kind: u8) -> Edit {
    let unit = unit.to_string();
    let crit = CRITS[usize::from(a) % 3].to_string();
    match kind % 6 {
        0 | 1 => Edit::SetSelf { unit, answer: answer(&crit, b), criterion: crit },
        2 => Edit::SetNote { unit, criterion: crit, note: format!("minh chứng {}", b % 4) },
        3 => Edit::Submit { unit, date: format!("{:02}/12/2025", 1 + b % 28) },
        4 => Edit::Sign {
            unit,
            signing: (!b.is_multiple_of(3)).then(|| Signing { date: "01/03/2025".into(), signatory: format!("Người ký {}", b % 2), position: "GĐ".into() }),
        },
        _ => Edit::SetTheme { unit, theme: format!("chủ đề {}", b % 3) },
    }
}

/// Runs a history; returns the devices, a stale snapshot taken midway, and the world's record.
fn run(devices: &mut [Device], ops: &[Op], world: &mut World, snap_at: usize) -> Campaign {
    let n = devices.len();
    let mut now = T0;
    let mut snapshot = devices[0].state.clone();
    for (i, op) in ops.iter().enumerate() {
        if i == snap_at {
            snapshot = devices[op.r % n].state.clone();
        }
        now += op.dt;
        let r = op.r % n;
        match op.class {
            0..=5 => {
                let d = &mut devices[r];
                let edit = match &d.actor {
                    Actor::Leader => leader_edit(&d.state, op.a, op.b, op.class.wrapping_mul(7).wrapping_add(op.b)),
                    Actor::Unit(u) => unit_edit(u, op.a, op.b, op.class.wrapping_add(op.b)),
                };
                try_edit(d, edit, now, world, None);
            }
            6 | 7 => {
                let d = &mut devices[r];
                if d.state.conflicts.is_empty() {
                    continue;
                }
                let k = d.state.conflicts[usize::from(op.a) % d.state.conflicts.len()].clone();
                if op.class == 6 {
                    if apply(&mut d.state, &d.actor.clone(), Edit::DismissConflict { path: k.path.clone(), stamp: k.stamp.clone() }, &Stamp::default()).is_ok() {
                        world.dismissed.insert((k.path, k.stamp));
                    }
                } else {
                    let edit = Edit::RestoreConflict { path: k.path.clone(), stamp: k.stamp.clone() };
                    try_edit(d, edit, now, world, Some((&k.path, &k.stamp)));
                }
            }
            _ => {
                let s = usize::from(op.a) % n;
                if s == r {
                    continue;
                }
                let theirs = devices[s].state.clone();
                receive(&mut devices[r], &theirs);
                if op.b % 2 == 0 {
                    let ours = devices[r].state.clone();
                    receive(&mut devices[s], &ours);
                }
            }
        }
    }
    snapshot
}

fn try_edit(d: &mut Device, edit: Edit, now: u64, world: &mut World, restored: Option<(&str, &Stamp)>) {
    let wall = (now as i64 + d.skew) as u64;
    let stamp = d.clock.tick(wall);
    let before = d.state.clone();
    if apply(&mut d.state, &d.actor.clone(), edit, &stamp).is_ok() {
        world.record(&before, &d.state, restored);
    } else {
        assert_eq!(d.state, before, "a refused edit changes nothing");
    }
}

fn receive(d: &mut Device, theirs: &Campaign) {
    d.state = merge(&d.state, theirs).unwrap();
    if d.observes {
        d.clock.observe(&max_stamp(&d.state));
    }
}

fn op() -> impl Strategy<Value = Op> {
    (0usize..4, 0u8..11, any::<u8>(), any::<u8>(), 1u64..3_600_000).prop_map(|(r, class, a, b, dt)| Op { r, class, a, b, dt })
}

fn device_setup() -> impl Strategy<Value = Vec<(u8, i64, bool)>> {
    // Whom each device acts for (leader, U1, U2), its clock's skew in days, whether it observes
    // what it receives (an old app might not).
    prop::collection::vec((0u8..3, -3i64..=3, prop::bool::weighted(0.85)), 2..=4)
}

/// Where the histories start: U2 has scored and submitted, so that the leader's reviews (and their
/// history) are written from the first step; U1 is still drafting.
fn started() -> Campaign {
    let mut c = base();
    let mut clock = Clock::new("setup-u2");
    clock.observe(&max_stamp(&c));
    let u2 = Actor::Unit("U2".into());
    let steps = [
        Edit::SetSelf { unit: "U2".into(), criterion: "A.1".into(), answer: answer("A.1", 5) },
        Edit::SetSelf { unit: "U2".into(), criterion: "B.1".into(), answer: answer("B.1", 2) },
        Edit::Submit { unit: "U2".into(), date: "01/12/2025".into() },
    ];
    for (i, e) in steps.into_iter().enumerate() {
        apply(&mut c, &u2, e, &clock.tick(2_000 + i as u64)).unwrap();
    }
    c
}

fn devices(setup: &[(u8, i64, bool)]) -> Vec<Device> {
    let b = started();
    setup
        .iter()
        .enumerate()
        .map(|(i, (who, skew, observes))| Device {
            state: b.clone(),
            clock: {
                let mut c = Clock::new(format!("r{i}"));
                c.observe(&max_stamp(&b));
                c
            },
            actor: match who {
                0 => Actor::Leader,
                1 => Actor::Unit("U1".into()),
                _ => Actor::Unit("U2".into()),
            },
            skew: skew * DAY + (i as i64) * 137,
            observes: *observes,
        })
        .collect()
}

fn fold(states: &[Campaign]) -> Campaign {
    let mut acc = states[0].clone();
    for s in &states[1..] {
        acc = merge(&acc, s).unwrap();
    }
    acc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn laws_convergence_and_nothing_lost(setup in device_setup(), ops in prop::collection::vec(op(), 10..64), snap in 0usize..64) {
        let mut world = World::default();
        let mut ds = devices(&setup);
        // The setup writes are writes too.
        world.record(&Campaign::new("k", BlocInfo::default()), &ds[0].state, None);
        let snapshot = run(&mut ds, &ops, &mut world, snap);
        let states: Vec<Campaign> = ds.iter().map(|d| d.state.clone()).collect();

        // Laws on the diverged copies (and a stale one).
        let mut pool = states.clone();
        pool.push(snapshot.clone());
        for a in &pool {
            prop_assert_eq!(&merge(a, a).unwrap(), a, "idempotent");
            // Stored as browser storage stores it (the implied revisions left out), read back whole.
            let base = stored::journal::base_to_json(&mut a.clone(), "g");
            prop_assert_eq!(&stored::journal::load(&base, None).expect("a base reads").campaign, a, "stored and read back");
        }
        for a in &pool {
            for b in &pool {
                prop_assert_eq!(merge(a, b).unwrap(), merge(b, a).unwrap(), "commutative");
            }
        }
        let (a, b, c) = (&pool[0], &pool[1], &pool[pool.len() - 1]);
        prop_assert_eq!(merge(&merge(a, b).unwrap(), c).unwrap(), merge(a, &merge(b, c).unwrap()).unwrap(), "associative");
        if pool.len() >= 4 {
            let (a, b, c) = (&pool[1], &pool[2], &pool[0]);
            prop_assert_eq!(merge(&merge(a, b).unwrap(), c).unwrap(), merge(a, &merge(b, c).unwrap()).unwrap(), "associative");
        }

        // Convergence: any order of exchanging gives the same copy everywhere.
        let forward = fold(&states);
        let mut rev = states.clone();
        rev.reverse();
        prop_assert_eq!(&fold(&rev), &forward);
        if states.len() == 4 {
            let tree = merge(&merge(&states[2], &states[0]).unwrap(), &merge(&states[3], &states[1]).unwrap()).unwrap();
            prop_assert_eq!(&tree, &forward);
        }
        let n = ds.len();
        for _ in 0..2 {
            for i in 0..n {
                let from = ds[i].state.clone();
                receive(&mut ds[(i + 1) % n], &from);
            }
        }
        for d in &ds {
            prop_assert_eq!(&d.state, &forward, "a device did not converge");
        }
        // A stale copy brings nothing back (dismissed conflicts stay dismissed).
        prop_assert_eq!(&merge(&forward, &snapshot).unwrap(), &forward);

        // What a file would change, as the preview says it: whole copies and units' parts.
        preview_sees_what_the_merge_changes(&pool[0], &pool[1], bundle::Scope::Whole)?;
        preview_sees_what_the_merge_changes(&snapshot, &forward, bundle::Scope::Whole)?;
        for u in forward.units.iter().take(2) {
            preview_sees_what_the_merge_changes(&snapshot, &forward, bundle::Scope::Unit(u.code.clone()))?;
        }

        // Nothing lost: every write is the current value, a conflict, dismissed, or knowingly
        // replaced (by a write that showed it, or a later write of the same device).
        let f = &forward;
        let conflict_ids: BTreeSet<(String, Stamp)> = f.conflicts.iter().map(|k| (k.path.clone(), k.stamp.clone())).collect();
        for (id, w) in world.writes.iter().enumerate() {
            let current = merge::current_value(f, &w.path).as_ref() == Some(&w.value);
            let kept = conflict_ids.contains(&(w.path.clone(), w.stamp.clone()));
            let dismissed = world.dismissed.contains(&(w.path.clone(), w.stamp.clone()));
            let replaced = world.writes.iter().enumerate().any(|(j, x)| {
                j != id && x.path == w.path && (x.chain.contains(&id) || (x.stamp.replica == w.stamp.replica && x.stamp > w.stamp))
            });
            prop_assert!(current || kept || dismissed || replaced, "write lost: {:?}", w);
        }

        // Every score's write is in its history, unless that field has ten later revisions.
        for w in world.writes.iter().filter(|w| w.path.ends_with("/self_answer") || w.path.ends_with("/review")) {
            let revs = history::at_path(f, &w.path);
            let kept = revs.iter().any(|r| r.stamp == w.stamp && serde_json::to_value(&r.value).unwrap() == w.value);
            let later = revs.iter().filter(|r| r.stamp > w.stamp).count();
            prop_assert!(kept || later >= history::KEPT_PER_FIELD, "not in the history: {:?}", w);
        }

        // And the conflicts are not noise: none was knowingly replaced by a value still there, each
        // names the current winner, none is an unset value.
        for k in &f.conflicts {
            let cur = merge::field(f, &k.path).expect("a conflict's field exists");
            prop_assert_eq!(&k.winner, &cur.stamp);
            prop_assert!(k.stamp != Stamp::default());
            let kid = world.id(&k.path, &k.stamp).expect("a conflict is a recorded write");
            let present = std::iter::once(cur.stamp.clone()).chain(f.conflicts.iter().filter(|x| x.path == k.path).map(|x| x.stamp.clone()));
            for s in present {
                if s > k.stamp {
                    let wid = world.id(&k.path, &s).expect("recorded");
                    prop_assert!(!world.writes[wid].chain.contains(&kid), "conflict {:?} was knowingly replaced by {:?}", k, s);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The cases people meet.

fn dev(replica: &str, actor: Actor, c: &Campaign) -> Device {
    let mut clock = Clock::new(replica);
    clock.observe(&max_stamp(c));
    Device { state: c.clone(), clock, actor, skew: 0, observes: true }
}

fn edit(d: &mut Device, now: u64, e: Edit) {
    let s = d.clock.tick(now);
    apply(&mut d.state, &d.actor.clone(), e, &s).unwrap();
}

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

// ---------------------------------------------------------------------------------------------
// Forged copies: equal stamps with different values, odd `seen`, stray conflicts and dismissals.
// The laws must hold whatever the files say.

fn forged_stamp(i: u8) -> Stamp {
    match i % 4 {
        0 => Stamp::default(),
        1 => Stamp { clock: 5, replica: "a".into() },
        2 => Stamp { clock: 5, replica: "b".into() },
        _ => Stamp { clock: 7, replica: "a".into() },
    }
}

fn forged_seen(mask: u8) -> Vec<Stamp> {
    let pool = [Stamp { clock: 3, replica: "b".into() }, Stamp { clock: 6, replica: "b".into() }, Stamp { clock: 5, replica: "a".into() }];
    pool.into_iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, s)| s).collect()
}

fn forged() -> impl Strategy<Value = Campaign> {
    (prop::collection::vec((0u8..3, any::<u8>(), 0u8..8), 4), prop::collection::vec((0u8..3, any::<u8>(), 0u8..8, any::<bool>()), 0..4))
        .prop_map(|(fields, extras)| {
            let mut c = base();
            let [n, s, b, o] = [fields[0], fields[1], fields[2], fields[3]];
            let e = c.inputs.entry("U1".into()).or_default().entry("A.1".into()).or_default();
            e.note = Field { value: format!("n{}", n.0), stamp: forged_stamp(n.1), seen: forged_seen(n.2) };
            c.members.entry("U1".into()).or_default().theme = Field { value: format!("t{}", s.0), stamp: forged_stamp(s.1), seen: forged_seen(s.2) };
            c.bloc = Field { value: BlocInfo { name: format!("K{}", b.0), year: 2025, ..Default::default() }, stamp: forged_stamp(b.1), seen: forged_seen(b.2) };
            c.unit_order = Field { value: [vec!["U2", "L", "U1"], vec!["U1"], vec![]][usize::from(o.0)].iter().map(|x| x.to_string()).collect(), stamp: forged_stamp(o.1), seen: forged_seen(o.2) };
            if o.0 == 2 {
                c.units.reverse();
            }
            for (v, st, mask, ghost) in extras {
                // Revisions with colliding stamps, unsorted, duplicated: the merge puts them in order.
                let field = if v % 2 == 0 { RevField::SelfAnswer } else { RevField::Review };
                let by = if field == RevField::SelfAnswer { Actor::Unit("U1".into()) } else { Actor::Leader };
                let rev = Revision { field, stamp: forged_stamp(st), by, value: Some(Answer::Number(pts(i64::from(v % 3)))), reason: String::new() };
                let e = c.inputs.entry("U1".into()).or_default().entry("A.1".into()).or_default();
                e.history.insert(0, rev.clone());
                e.history.push(rev);
                let path = "inputs/U1/A.1/note".to_string();
                if ghost {
                    c.dismissed.insert(Dismissed { path, stamp: forged_stamp(st), seen: forged_seen(mask) });
                } else {
                    c.conflicts.push(Conflict { path, value: serde_json::json!(format!("n{v}")), stamp: forged_stamp(st), seen: forged_seen(mask), winner: Stamp::default() });
                }
            }
            c
        })
}

/// The preview compares only the fields a file carries: it must name exactly the fields the merge
/// changes, as a comparison of every field of both copies does, count every revision gained, and
/// `apply` (which merges once, inside the preview) must give the merge.
fn preview_sees_what_the_merge_changes(ours: &Campaign, theirs: &Campaign, scope: bundle::Scope) -> Result<(), TestCaseError> {
    const NOW: u64 = T0 + 400 * DAY as u64;
    let producer = bundle::Producer { replica: "p".into(), actor: Actor::Leader, label: "T".into() };
    let b = bundle::Bundle::new(theirs, producer, scope, NOW);
    let merged = merge(ours, &b.content).unwrap();
    let before: BTreeMap<String, merge::FieldView> = merge::fields(ours).into_iter().map(|f| (f.path.clone(), f)).collect();
    let (mut must, mut may) = (BTreeSet::new(), BTreeSet::new());
    for f in merge::fields(&merged).into_iter().filter(|f| f.path != "unit_order") {
        match before.get(&f.path) {
            Some(o) if o.stamp != f.stamp || o.seen != f.seen || o.value != f.value => {
                must.insert(f.path);
            }
            Some(_) => {}
            // A record new to our copy: changed unless it holds nothing written.
            None if f.stamp != Stamp::default() || !f.seen.is_empty() => {
                must.insert(f.path);
            }
            None => {
                may.insert(f.path);
            }
        }
    }
    let p = bundle::preview(ours, &b, NOW).unwrap();
    let got: BTreeSet<String> = p.changed.iter().filter(|x| *x != "unit_order").cloned().collect();
    prop_assert_eq!(got.len(), p.changed.iter().filter(|x| *x != "unit_order").count(), "a path named twice");
    prop_assert!(must.is_subset(&got), "missed: {:?}", must.difference(&got).collect::<Vec<_>>());
    prop_assert!(got.difference(&must).all(|x| may.contains(x)), "named unchanged: {:?}", got.difference(&must).collect::<Vec<_>>());
    prop_assert_eq!(p.revisions, history::added(ours, &merged).len());
    if p.refused.is_empty() {
        prop_assert_eq!(&bundle::apply(ours, &b, NOW).unwrap(), &merged);
    }
    prop_assert_eq!(&merge::merge_by_copy(ours, &b.content).unwrap(), &merged, "the merge in place is the merge by copy");
    taken_in_place(ours, &b, NOW)
}

/// Every score's history in normal form, as any merge leaves them.
fn histories_normal(mut c: Campaign) -> Campaign {
    c.inputs.values_mut().flat_map(|m| m.values_mut()).for_each(|e| history::normalize(&mut e.history));
    c
}

/// A file taken in place (`preview_and_merge_into`, as the files tab takes many) is all or
/// nothing, as `preview_and_merge` on a copy: the same preview; the merge when nothing is refused;
/// our copy as it was (its histories in normal form) when anything is.
fn taken_in_place(ours: &Campaign, b: &bundle::Bundle, now: u64) -> Result<(), TestCaseError> {
    let by_copy = bundle::preview_and_merge(ours, b, now);
    let mut x = ours.clone();
    let in_place = bundle::preview_and_merge_into(&mut x, b, now);
    match (by_copy, in_place) {
        (Ok((p, Some(merged))), Ok(q)) => {
            prop_assert_eq!(&q, &p);
            prop_assert_eq!(&x, &merged);
        }
        (Ok((p, None)), Ok(q)) => {
            prop_assert_eq!(&q, &p);
            prop_assert!(!q.refused.is_empty());
            prop_assert_eq!(histories_normal(x), histories_normal(ours.clone()), "a refused file leaves our copy as it was");
        }
        (Err(e), Err(f)) => {
            prop_assert_eq!(e, f);
            prop_assert_eq!(&x, ours);
        }
        (a, b) => prop_assert!(false, "by copy {:?}, in place {:?}", a.map(|(p, _)| p), b),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_preview_names_what_forged_copies_change(a in forged(), b in forged()) {
        preview_sees_what_the_merge_changes(&a, &b, bundle::Scope::Whole)?;
    }

    #[test]
    fn a_units_file_taken_in_place_is_all_or_nothing(a in forged(), b in forged()) {
        // A unit sending the whole campaign: anything but its own part is refused, and must be
        // undone from our copy.
        const NOW: u64 = T0 + 400 * DAY as u64;
        let producer = bundle::Producer { replica: "p".into(), actor: Actor::Unit("U1".into()), label: "U1".into() };
        let bd = bundle::Bundle::new(&b, producer, bundle::Scope::Whole, NOW);
        taken_in_place(&a, &bd, NOW)?;
        // Histories, conflicts and dismissals of every shape travel and are read back the fast
        // way, as the slow way reads them.
        let text = bd.to_json();
        prop_assert_eq!(bundle::read_canonical(&text), Some(bd.clone()));
        prop_assert_eq!(bundle::Bundle::from_json_slowly(&text), Ok(bd));
        // And stored: the quick way of opening a campaign reads what the slow way reads.
        let stored = thidua_core::stored::campaign_to_json(&a);
        prop_assert_eq!(thidua_core::stored::campaign_from_json(&stored), Ok(a.clone()));
        prop_assert_eq!(thidua_core::stored::campaign_from_json_slowly(&stored), Ok(a));
    }

    #[test]
    fn files_taken_in_turn_are_taken_as_each_alone(a in forged(), b in forged(), c in forged(), d in forged()) {
        // `InPlace` normalizes only the histories a file brings once the campaign's are known to
        // be normal: the same previews and the same campaign as each file taken in place alone,
        // with refused files (a unit's whole copy) among accepted ones (the leader's).
        const NOW: u64 = T0 + 400 * DAY as u64;
        let by = |actor: Actor| bundle::Producer { replica: "p".into(), label: "x".into(), actor };
        let files = [
            bundle::Bundle::new(&b, by(Actor::Unit("U1".into())), bundle::Scope::Whole, NOW),
            bundle::Bundle::new(&c, by(Actor::Leader), bundle::Scope::Whole, NOW),
            bundle::Bundle::new(&d, by(Actor::Unit("U1".into())), bundle::Scope::Whole, NOW),
            bundle::Bundle::new(&b, by(Actor::Leader), bundle::Scope::Whole, NOW),
        ];
        // Our copy also holds a history out of order where none of the files brings anything.
        let mut a = a;
        let unsorted = a.inputs["U1"]["A.1"].history.clone();
        a.inputs.entry("U2".into()).or_default().entry("A.9".into()).or_default().history = unsorted;
        let mut alone = a.clone();
        let mut taking = bundle::InPlace::new(a);
        for f in &files {
            let p = bundle::preview_and_merge_into(&mut alone, f, NOW);
            prop_assert_eq!(taking.take(f, NOW), p);
            prop_assert_eq!(taking.campaign(), &alone);
        }
    }

    #[test]
    fn the_greatest_stamp_is_the_greatest_of_every_field(a in forged(), b in forged()) {
        let c = merge(&a, &b).unwrap();
        // And the same copy where the latest write is a score entry's.
        let mut d = c.clone();
        let e = d.inputs.entry("U2".into()).or_default().entry("A.2".into()).or_default();
        e.review.stamp = Stamp { clock: u64::MAX / 2, replica: "z".into() };
        for c in [c, d] {
            let fields = merge::fields(&c);
            let every = fields.iter().flat_map(|f| std::iter::once(&f.stamp).chain(&f.seen))
                .chain(c.conflicts.iter().flat_map(|k| [&k.stamp, &k.winner].into_iter().chain(&k.seen)))
                .chain(c.dismissed.iter().flat_map(|d| std::iter::once(&d.stamp).chain(&d.seen)));
            prop_assert_eq!(merge::max_stamp(&c), every.max().cloned().unwrap_or_default());
        }
    }

    #[test]
    fn laws_hold_on_forged_copies(a in forged(), b in forged(), c in forged()) {
        prop_assert_eq!(merge(&a, &b).unwrap(), merge(&b, &a).unwrap());
        prop_assert_eq!(merge(&merge(&a, &b).unwrap(), &c).unwrap(), merge(&a, &merge(&b, &c).unwrap()).unwrap());
        let n = merge::normalize(&a);
        prop_assert_eq!(&merge(&n, &n).unwrap(), &n);
        prop_assert_eq!(merge(&n, &b).unwrap(), merge(&a, &b).unwrap(), "normalising first changes nothing");
    }
}

fn meeting(place: &str) -> Meeting {
    Meeting {
        date: "20/12/2025".into(),
        place: place.into(),
        chair: "Chủ trì".into(),
        secretary: "Thư ký".into(),
        present: vec!["L".into(), "U1".into()],
        next_leader: Some("U1".into()),
        next_deputy: Some("U2".into()),
        number: "01/BB-KTĐ".into(),
    }
}

#[test]
fn the_meeting_merges_keeps_a_concurrent_write_and_travels_in_bundles() {
    use thidua_core::bundle::{self, Bundle, Producer, Scope};
    let b = base();
    let mut lead = dev("lead", Actor::Leader, &b);
    let mut deputy = dev("deputy", Actor::Leader, &b);
    edit(&mut lead, T0, Edit::SetMeeting { meeting: meeting("Hội trường A") });

    // Sequential: the deputy had the leader's copy; its write wins with no conflict.
    deputy.state = merge(&deputy.state, &lead.state).unwrap();
    deputy.clock.observe(&max_stamp(&deputy.state));
    assert_eq!(deputy.state.meeting.place, "Hội trường A");
    edit(&mut deputy, T0 + 10, Edit::SetMeeting { meeting: meeting("Hội trường B") });
    let m = merge(&lead.state, &deputy.state).unwrap();
    assert_eq!(m, merge(&deputy.state, &lead.state).unwrap());
    assert_eq!(m.meeting.place, "Hội trường B");
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);

    // Concurrent: the leader writes again without the deputy's copy; the loser is kept.
    edit(&mut lead, T0 + 5, Edit::SetMeeting { meeting: meeting("Hội trường C") });
    let m = merge(&lead.state, &deputy.state).unwrap();
    assert_eq!(m, merge(&deputy.state, &lead.state).unwrap());
    assert_eq!(m.meeting.place, "Hội trường B", "the later stamp wins");
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].path, "meeting");
    assert_eq!(m.conflicts[0].value["place"], "Hội trường C");
    assert_eq!(merge::writer_of("meeting"), Actor::Leader);

    // A unit may not restore it; the leader may, with the checks of SetMeeting.
    let k = m.conflicts[0].clone();
    let mut unit = dev("u1", Actor::Unit("U1".into()), &m);
    let s = unit.clock.tick(T0 + 20);
    assert!(apply(&mut unit.state, &Actor::Unit("U1".into()), Edit::RestoreConflict { path: k.path.clone(), stamp: k.stamp.clone() }, &s).is_err());
    lead.state = m.clone();
    lead.clock.observe(&max_stamp(&m));
    edit(&mut lead, T0 + 30, Edit::RestoreConflict { path: k.path.clone(), stamp: k.stamp.clone() });
    assert_eq!(lead.state.meeting.place, "Hội trường C");
    assert!(lead.state.conflicts.is_empty());

    // The leader's file brings the meeting to a unit's copy.
    let file = Bundle::new(&lead.state, Producer { replica: "lead".into(), actor: Actor::Leader, label: "Trưởng khối".into() }, Scope::Whole, T0 + 40);
    let file = Bundle::from_json(&file.to_json()).unwrap();
    let got = bundle::apply(&b, &file, T0 + 40).unwrap();
    assert_eq!(got.meeting, lead.state.meeting);

    // A unit's file that writes the meeting is refused.
    let mut forged = dev("u2", Actor::Unit("U2".into()), &b);
    forged.state.meeting = Field { value: meeting("Giả mạo"), stamp: forged.clock.tick(T0 + 50), seen: Vec::new() };
    let file = Bundle::new(&forged.state, Producer { replica: "u2".into(), actor: Actor::Unit("U2".into()), label: "Sở Hai".into() }, Scope::Unit("U2".into()), T0 + 50);
    let p = bundle::preview(&b, &file, T0 + 50).unwrap();
    assert!(!p.refused.is_empty(), "a unit's file wrote the meeting");
    assert!(p.refused.iter().any(|m| m.vi.contains("biên bản họp bình xét")), "{:?}", p.refused);
}
