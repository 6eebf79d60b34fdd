//! Random histories: devices (the leader, units) editing with skewed clocks and exchanging copies,
//! and a record of every write made, with what its device knowingly replaced.

use super::*;

/// One step of a history: device `r` does something of class `class` with arguments `a`, `b`,
/// after `dt` ms of wall time.
#[derive(Debug, Clone)]
pub(crate) struct Op {
    pub(crate) r: usize,
    pub(crate) class: u8,
    pub(crate) a: u8,
    pub(crate) b: u8,
    pub(crate) dt: u64,
}

#[derive(Debug, Clone)]
pub(crate) struct Device {
    pub(crate) state: Campaign,
    pub(crate) clock: Clock,
    pub(crate) actor: Actor,
    pub(crate) skew: i64,
    pub(crate) observes: bool,
}

/// A write as it happened, with what its device knowingly replaced (the chain of values it had
/// shown in that field, and what a restore brought back).
#[derive(Debug, Clone)]
pub(crate) struct Write {
    pub(crate) path: String,
    pub(crate) value: serde_json::Value,
    pub(crate) stamp: Stamp,
    pub(crate) chain: BTreeSet<usize>,
}

#[derive(Default)]
pub(crate) struct World {
    pub(crate) writes: Vec<Write>,
    pub(crate) by_id: BTreeMap<(String, Stamp), usize>,
    pub(crate) dismissed: BTreeSet<(String, Stamp)>,
}

impl World {
    pub(crate) fn id(&self, path: &str, stamp: &Stamp) -> Option<usize> {
        self.by_id.get(&(path.to_string(), stamp.clone())).copied()
    }

    /// Records every field `after` holds with a new stamp as a write, with its chain.
    pub(crate) fn record(&mut self, before: &Campaign, after: &Campaign, restored: Option<(&str, &Stamp)>) {
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

pub(crate) fn leader_edit(c: &Campaign, a: u8, b: u8, kind: u8) -> Edit {
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

pub(crate) fn unit_edit(unit: &str, a: u8, b: u8, kind: u8) -> Edit {
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
pub(crate) fn run(devices: &mut [Device], ops: &[Op], world: &mut World, snap_at: usize) -> Campaign {
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

pub(crate) fn try_edit(d: &mut Device, edit: Edit, now: u64, world: &mut World, restored: Option<(&str, &Stamp)>) {
    let wall = (now as i64 + d.skew) as u64;
    let stamp = d.clock.tick(wall);
    let before = d.state.clone();
    if apply(&mut d.state, &d.actor.clone(), edit, &stamp).is_ok() {
        world.record(&before, &d.state, restored);
    } else {
        assert_eq!(d.state, before, "a refused edit changes nothing");
    }
}

pub(crate) fn receive(d: &mut Device, theirs: &Campaign) {
    d.state = merge(&d.state, theirs).unwrap();
    if d.observes {
        d.clock.observe(&max_stamp(&d.state));
    }
}

pub(crate) fn op() -> impl Strategy<Value = Op> {
    (0usize..4, 0u8..11, any::<u8>(), any::<u8>(), 1u64..3_600_000).prop_map(|(r, class, a, b, dt)| Op { r, class, a, b, dt })
}

pub(crate) fn device_setup() -> impl Strategy<Value = Vec<(u8, i64, bool)>> {
    // Whom each device acts for (leader, U1, U2), its clock's skew in days, whether it observes
    // what it receives (an old app might not).
    prop::collection::vec((0u8..3, -3i64..=3, prop::bool::weighted(0.85)), 2..=4)
}

/// Where the histories start: U2 has scored and submitted, so that the leader's reviews (and their
/// history) are written from the first step; U1 is still drafting.
pub(crate) fn started() -> Campaign {
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

pub(crate) fn devices(setup: &[(u8, i64, bool)]) -> Vec<Device> {
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

pub(crate) fn fold(states: &[Campaign]) -> Campaign {
    let mut acc = states[0].clone();
    for s in &states[1..] {
        acc = merge(&acc, s).unwrap();
    }
    acc
}

/// A device acting for `actor` from copy `c`, its clock past everything in it.
pub(crate) fn dev(replica: &str, actor: Actor, c: &Campaign) -> Device {
    let mut clock = Clock::new(replica);
    clock.observe(&max_stamp(c));
    Device { state: c.clone(), clock, actor, skew: 0, observes: true }
}

/// `e` made on `d` at wall time `now`; the cases make only edits the rules accept.
pub(crate) fn edit(d: &mut Device, now: u64, e: Edit) {
    let s = d.clock.tick(now);
    apply(&mut d.state, &d.actor.clone(), e, &s).unwrap();
}
