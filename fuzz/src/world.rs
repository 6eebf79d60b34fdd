//! A few devices editing copies of one campaign with skewed clocks and exchanging them, built from
//! fuzzer bytes (`arbitrary`), for the merge laws. The edits are the people's (`edit::apply`, so
//! refused ones change nothing); `Forge` steps write fields as a hand-edited file could (any
//! stamp, any `seen`, stray conflicts and dismissals), which the laws must survive too.

use arbitrary::Arbitrary;
use serde_json::json;
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::hlc::Clock;
use thidua_core::merge::{max_stamp, merge};
use thidua_core::*;

const T0: u64 = 1_740_000_000_000;
const DAY: i64 = 86_400_000;
pub const UNITS: [&str; 3] = ["L", "U1", "U2"];
const CRITS: [&str; 3] = ["A.1", "A.2", "B.1"];

#[derive(Debug, Arbitrary)]
pub struct Setup {
    /// 0: leader, 1: U1, 2: U2.
    pub who: u8,
    /// Clock skew in days (−3…3 after folding).
    pub skew: i8,
    /// Whether the device observes the stamps it receives (an old app might not).
    pub observes: bool,
}

#[derive(Debug, Arbitrary)]
pub enum Step {
    /// Device `r` makes an edit of kind `kind` with arguments `a`, `b`, `dt` ms later.
    Edit { r: u8, kind: u8, a: u8, b: u8, dt: u16 },
    /// Device `r` receives device `s`'s copy (and `s` gets `r`'s back when `both`).
    Exchange { r: u8, s: u8, both: bool },
    /// Device `r` dismisses or restores one of its conflicts.
    Settle { r: u8, which: u8, restore: bool, dt: u16 },
    /// Device `r`'s copy gets a field written with a forged stamp and `seen`.
    Forge { r: u8, field: u8, value: u8, stamp: u8, seen: u8, extra: Option<(u8, u8, bool)> },
    /// A snapshot of device `r` is kept (a stale copy sent later).
    Snapshot { r: u8 },
}

#[derive(Debug, Arbitrary)]
pub struct History {
    pub devices: Vec<Setup>,
    pub steps: Vec<Step>,
}

fn pts(n: i64) -> Points {
    Points::from_whole(n)
}

fn template(variant: u8) -> Template {
    let crit = |id: &str, max: i64, kind: CriterionKind| Criterion { id: id.into(), code: id.into(), title: format!("Tiêu chí {id}"), max: pts(max), kind };
    let levels = vec![Level { label: "Tốt".into(), points: pts(10) }, Level { label: "Khá".into(), points: pts(5) }];
    Template {
        sections: vec![
            Section {
                id: "A".into(),
                code: "A".into(),
                title: "Nhiệm vụ".into(),
                kind: SectionKind::Section,
                max: pts(20),
                criteria: vec![crit("A.1", if variant % 2 == 0 { 10 } else { 8 }, CriterionKind::Points), crit("A.2", 5, CriterionKind::YesNo)],
            },
            Section { id: "B".into(), code: "B".into(), title: "Phong trào".into(), kind: SectionKind::Section, max: pts(10), criteria: vec![crit("B.1", 10, CriterionKind::Levels { levels })] },
        ],
    }
}

fn info(name: &str, role: Role) -> UnitInfo {
    UnitInfo { name: name.into(), role, email: String::new() }
}

/// The copy every device starts from (made once).
pub fn base() -> Campaign {
    static BASE: std::sync::OnceLock<Campaign> = std::sync::OnceLock::new();
    BASE.get_or_init(make_base).clone()
}

fn make_base() -> Campaign {
    let mut c = Campaign::new("k", BlocInfo { name: "Khối A".into(), year: 2025, ..Default::default() });
    let mut clock = Clock::new("setup");
    let mut t = 1_000;
    for e in [
        Edit::PutUnit { code: "L".into(), info: info("Văn phòng", Role::TruongKhoi) },
        Edit::PutUnit { code: "U1".into(), info: info("Sở Một", Role::ThanhVien) },
        Edit::PutUnit { code: "U2".into(), info: info("Sở Hai", Role::ThanhVien) },
        Edit::SetTemplate { template: template(0) },
        Edit::Adopt { date: "01/03/2025".into() },
    ] {
        t += 1;
        let _ = apply(&mut c, &Actor::Leader, e, &clock.tick(t));
    }
    c
}

fn answer(crit: &str, b: u8) -> Option<Answer> {
    if b % 7 == 0 {
        return None;
    }
    Some(match crit {
        "A.1" => Answer::Number(pts(i64::from(b % 11))),
        "A.2" => Answer::Flag(b % 2 == 0),
        _ => Answer::Level(if b % 2 == 0 { "Tốt" } else { "Khá" }.into()),
    })
}

fn leader_edit(c: &Campaign, kind: u8, a: u8, b: u8) -> Edit {
    let unit = UNITS[usize::from(a) % 3].to_string();
    let crit = CRITS[usize::from(a / 3) % 3].to_string();
    match kind % 11 {
        0 => Edit::SetReview { unit, answer: answer(&crit, b), criterion: crit, reason: format!("lý do {}", b % 3) },
        1 => {
            let round = match c.members.get(&unit).map(MemberPart::state) {
                Some(SubmissionState::Submitted { round }) => round,
                _ => 1,
            };
            let decision = if b % 2 == 0 { Decision::Accepted { round } } else { Decision::Returned { round, comment: format!("bổ sung {}", b % 3) } };
            Edit::Decide { unit, decision }
        }
        2 => Edit::SetVotes { unit, tally: (b % 4 != 0).then(|| VoteTally { ballots: u32::from(b % 4), approvals: u32::from(b % 4) / 2 }) },
        3 => Edit::SetBloc { bloc: BlocInfo { name: ["Khối A", "Khối B", "Khối C"][usize::from(b) % 3].into(), year: 2025, ..Default::default() } },
        4 => Edit::PutUnit { code: ["U1", "U2", "U3"][usize::from(a) % 3].into(), info: info(&format!("Đơn vị {}", b % 3), Role::ThanhVien) },
        5 => Edit::RemoveUnit { code: ["U1", "U2", "U3"][usize::from(a) % 3].into() },
        6 => Edit::SetPledge { pledge: Pledge { slogan: format!("khẩu hiệu {}", b % 3), ..Default::default() } },
        7 if b % 2 == 0 => Edit::Adopt { date: "02/03/2025".into() },
        7 => Edit::Unlock { date: "03/03/2025".into(), reason: "sửa".into() },
        8 => Edit::SetAwards { tiers: if b % 2 == 0 { AwardTier::defaults() } else { AwardTier::defaults()[..1].to_vec() } },
        9 => Edit::LockResults { locked: b % 3 == 0 },
        _ => Edit::SetTemplate { template: template(b) },
    }
}

fn unit_edit(unit: &str, kind: u8, a: u8, b: u8) -> Edit {
    let unit = unit.to_string();
    let crit = CRITS[usize::from(a) % 3].to_string();
    match kind % 6 {
        0 | 1 => Edit::SetSelf { unit, answer: answer(&crit, b), criterion: crit },
        2 => Edit::SetNote { unit, criterion: crit, note: format!("minh chứng {}", b % 4) },
        3 => Edit::Submit { unit, date: format!("{:02}/12/2025", 1 + b % 28) },
        4 => Edit::Sign { unit, signing: (b % 3 != 0).then(|| Signing { date: "01/03/2025".into(), signatory: format!("Người ký {}", b % 2), position: "GĐ".into() }) },
        _ => Edit::SetTheme { unit, theme: format!("chủ đề {}", b % 3) },
    }
}

fn forged_stamp(i: u8) -> Stamp {
    match i % 5 {
        0 => Stamp::default(),
        1 => Stamp { clock: 5, replica: "a".into() },
        2 => Stamp { clock: 5, replica: "b".into() },
        3 => Stamp { clock: 7, replica: "a".into() },
        // Beyond every honest clock here: a sender days ahead.
        _ => Stamp { clock: T0 + 30 * DAY as u64, replica: "z".into() },
    }
}

fn forged_seen(mask: u8) -> Vec<Stamp> {
    let pool = [Stamp { clock: 3, replica: "b".into() }, Stamp { clock: 6, replica: "b".into() }, Stamp { clock: 5, replica: "a".into() }, Stamp { clock: 2, replica: "r0".into() }];
    pool.into_iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, s)| s).collect()
}

/// Writes a field of `c` directly, as a hand-edited file could.
fn forge(c: &mut Campaign, field: u8, value: u8, stamp: u8, seen: u8, extra: Option<(u8, u8, bool)>) {
    let (stamp, seen) = (forged_stamp(stamp), forged_seen(seen));
    let unit = UNITS[usize::from(field / 8) % 3].to_string();
    let path = match field % 8 {
        0 => {
            let e = c.inputs.entry(unit.clone()).or_default().entry("A.1".into()).or_default();
            e.note = Field { value: format!("n{}", value % 4), stamp, seen };
            format!("inputs/{unit}/A.1/note")
        }
        1 => {
            let e = c.inputs.entry(unit.clone()).or_default().entry("A.1".into()).or_default();
            e.self_answer = Field { value: answer("A.1", value), stamp, seen };
            format!("inputs/{unit}/A.1/self_answer")
        }
        2 => {
            c.members.entry(unit.clone()).or_default().theme = Field { value: format!("t{}", value % 4), stamp, seen };
            format!("members/{unit}/theme")
        }
        3 => {
            c.bloc = Field { value: BlocInfo { name: format!("K{}", value % 4), year: 2025, ..Default::default() }, stamp, seen };
            "bloc".into()
        }
        4 => {
            let orders: [&[&str]; 3] = [&["U2", "L", "U1"], &["U1"], &[]];
            c.unit_order = Field { value: orders[usize::from(value) % 3].iter().map(|x| x.to_string()).collect(), stamp, seen };
            if value % 3 == 2 {
                c.units.reverse();
            }
            "unit_order".into()
        }
        5 => {
            c.votes.insert(unit.clone(), Field { value: VoteTally { ballots: u32::from(value % 3), approvals: u32::from(value % 2) }, stamp, seen });
            format!("votes/{unit}")
        }
        6 => {
            if let Some(u) = c.units.iter_mut().find(|u| u.code == unit) {
                u.removed = Field { value: value % 2 == 0, stamp, seen };
            }
            format!("units/{unit}/removed")
        }
        _ => {
            c.pledge = Field { value: Pledge { slogan: format!("s{}", value % 4), ..Default::default() }, stamp, seen };
            "pledge".into()
        }
    };
    if let Some((v, st, ghost)) = extra {
        if ghost {
            c.dismissed.insert(Dismissed { path, stamp: forged_stamp(st), seen: forged_seen(v) });
        } else {
            c.conflicts.push(Conflict { path, value: json!(format!("n{}", v % 4)), stamp: forged_stamp(st), seen: forged_seen(v >> 4), winner: Stamp::default() });
        }
    }
}

pub struct Device {
    pub state: Campaign,
    clock: Clock,
    actor: Actor,
    skew: i64,
    observes: bool,
}

/// What a history left: every device's copy, the stale snapshots, and whether anything was forged
/// (forged copies are not in normal form until merged once).
pub struct Outcome {
    pub states: Vec<Campaign>,
    pub snapshots: Vec<Campaign>,
    pub forged: bool,
}

/// Runs a history (at most 4 devices, 48 steps: long enough for every kind of interleaving, short
/// enough for thousands of runs a second).
pub fn run(h: &History) -> Outcome {
    let b = base();
    let mut devices: Vec<Device> = h
        .devices
        .iter()
        .take(4)
        .enumerate()
        .map(|(i, s)| {
            let mut clock = Clock::new(format!("r{i}"));
            clock.observe(&max_stamp(&b));
            Device {
                state: b.clone(),
                clock,
                actor: match s.who % 3 {
                    0 => Actor::Leader,
                    1 => Actor::Unit("U1".into()),
                    _ => Actor::Unit("U2".into()),
                },
                skew: i64::from(s.skew % 4) * DAY + i as i64 * 137,
                observes: s.observes,
            }
        })
        .collect();
    while devices.len() < 2 {
        let mut clock = Clock::new(format!("r{}", devices.len()));
        clock.observe(&max_stamp(&b));
        devices.push(Device { state: b.clone(), clock, actor: Actor::Leader, skew: 0, observes: true });
    }
    let n = devices.len();
    let mut now = T0;
    let mut snapshots = Vec::new();
    let mut forged = false;
    for step in h.steps.iter().take(48) {
        match *step {
            Step::Edit { r, kind, a, b, dt } => {
                now += u64::from(dt);
                let d = &mut devices[usize::from(r) % n];
                let edit = match &d.actor {
                    Actor::Leader => leader_edit(&d.state, kind, a, b),
                    Actor::Unit(u) => unit_edit(u, kind, a, b),
                };
                try_edit(d, edit, now);
            }
            Step::Exchange { r, s, both } => {
                let (r, s) = (usize::from(r) % n, usize::from(s) % n);
                if r == s {
                    continue;
                }
                let theirs = devices[s].state.clone();
                receive(&mut devices[r], &theirs);
                if both {
                    let ours = devices[r].state.clone();
                    receive(&mut devices[s], &ours);
                }
            }
            Step::Settle { r, which, restore, dt } => {
                now += u64::from(dt);
                let d = &mut devices[usize::from(r) % n];
                if d.state.conflicts.is_empty() {
                    continue;
                }
                let k = d.state.conflicts[usize::from(which) % d.state.conflicts.len()].clone();
                let edit = if restore { Edit::RestoreConflict { path: k.path, stamp: k.stamp } } else { Edit::DismissConflict { path: k.path, stamp: k.stamp } };
                try_edit(d, edit, now);
            }
            Step::Forge { r, field, value, stamp, seen, extra } => {
                forged = true;
                forge(&mut devices[usize::from(r) % n].state, field, value, stamp, seen, extra);
            }
            Step::Snapshot { r } => {
                if snapshots.len() < 2 {
                    snapshots.push(devices[usize::from(r) % n].state.clone());
                }
            }
        }
    }
    Outcome { states: devices.into_iter().map(|d| d.state).collect(), snapshots, forged }
}

fn try_edit(d: &mut Device, edit: Edit, now: u64) {
    let wall = (now as i64 + d.skew).max(0) as u64;
    let stamp = d.clock.tick(wall);
    let before = d.state.clone();
    let actor = d.actor.clone();
    if apply(&mut d.state, &actor, edit, &stamp).is_err() {
        assert!(d.state == before, "a refused edit changed the campaign");
    }
}

fn receive(d: &mut Device, theirs: &Campaign) {
    d.state = merge(&d.state, theirs).expect("same campaign");
    if d.observes {
        d.clock.observe(&max_stamp(&d.state));
    }
}
