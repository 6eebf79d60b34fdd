//! A score's history: what `edit::apply` records, that it survives merges in any order, and that
//! keeping only the latest revisions of each field drops the same ones on every device.

use proptest::prelude::*;
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::history::{self, RevField, Revision, KEPT_PER_FIELD};
use thidua_core::hlc::Clock;
use thidua_core::merge::{max_stamp, merge};
use thidua_core::*;

const T0: u64 = 1_740_000_000_000;

fn pts(n: i64) -> Points {
    Points::from_whole(n)
}

/// A bloc of two units with one adopted criterion (points, max 10).
fn base() -> Campaign {
    let mut c = Campaign::new("h", BlocInfo { name: "Khối".into(), year: 2025, ..Default::default() });
    let mut clock = Clock::new("setup");
    let info = |n: &str, role| UnitInfo { name: n.into(), role, email: String::new() };
    let crit = Criterion { id: "A.1".into(), code: "A.1".into(), title: "Tiêu chí".into(), max: pts(10), kind: CriterionKind::Points };
    let template = Template {
        sections: vec![Section { id: "A".into(), code: "A".into(), title: "A".into(), kind: SectionKind::Section, max: pts(10), criteria: vec![crit] }],
    };
    for (i, e) in [
        Edit::PutUnit { code: "VP".into(), info: info("Văn phòng", Role::TruongKhoi) },
        Edit::PutUnit { code: "CTK".into(), info: info("Cục Thống kê", Role::ThanhVien) },
        Edit::SetTemplate { template },
        Edit::Adopt { date: "01/03/2025".into() },
    ]
    .into_iter()
    .enumerate()
    {
        apply(&mut c, &Actor::Leader, e, &clock.tick(1000 + i as u64)).unwrap();
    }
    c
}

struct Dev {
    c: Campaign,
    clock: Clock,
    actor: Actor,
}

impl Dev {
    fn new(c: &Campaign, replica: &str, actor: Actor) -> Dev {
        let mut clock = Clock::new(replica);
        clock.observe(&max_stamp(c));
        Dev { c: c.clone(), clock, actor }
    }

    fn edit(&mut self, now: u64, e: Edit) {
        let s = self.clock.tick(now);
        apply(&mut self.c, &self.actor.clone(), e, &s).unwrap();
    }

    fn receive(&mut self, other: &Campaign) {
        self.c = merge(&self.c, other).unwrap();
        self.clock.observe(&max_stamp(&self.c));
    }
}

fn ctk() -> Actor {
    Actor::Unit("CTK".into())
}

fn self_score(v: i64) -> Edit {
    Edit::SetSelf { unit: "CTK".into(), criterion: "A.1".into(), answer: Some(Answer::Number(pts(v))) }
}

fn review(v: Option<i64>, reason: &str) -> Edit {
    Edit::SetReview { unit: "CTK".into(), criterion: "A.1".into(), answer: v.map(|v| Answer::Number(pts(v))), reason: reason.into() }
}

fn history_of(c: &Campaign) -> Vec<Revision> {
    c.entry("CTK", "A.1").map(|e| e.history.clone()).unwrap_or_default()
}

/// (field, value in whole points or None, by) of each revision, oldest first.
fn summary(c: &Campaign) -> Vec<(RevField, Option<i64>, Actor, String)> {
    history_of(c)
        .into_iter()
        .map(|r| {
            let v = match r.value {
                Some(Answer::Number(p)) => Some(p.hundredths() / 100),
                _ => None,
            };
            (r.field, v, r.by, r.reason)
        })
        .collect()
}

#[test]
fn a_unit_scores_and_the_leader_reviews_each_write_is_recorded() {
    let b = base();
    let mut unit = Dev::new(&b, "ctk-pc", ctk());
    unit.edit(T0, self_score(9));
    unit.edit(T0 + 10, self_score(8));
    unit.edit(T0 + 20, Edit::Submit { unit: "CTK".into(), date: "01/12/2025".into() });
    let mut leader = Dev::new(&b, "vp-pc", Actor::Leader);
    leader.receive(&unit.c);
    leader.edit(T0 + 30, review(Some(7), "Thiếu minh chứng"));
    leader.edit(T0 + 40, review(None, ""));
    assert_eq!(
        summary(&leader.c),
        vec![
            (RevField::SelfAnswer, Some(9), ctk(), String::new()),
            (RevField::SelfAnswer, Some(8), ctk(), String::new()),
            (RevField::Review, Some(7), Actor::Leader, "Thiếu minh chứng".into()),
            (RevField::Review, None, Actor::Leader, String::new()),
        ]
    );
    // The stamps are those of the writes.
    let h = history_of(&leader.c);
    assert!(h.windows(2).all(|w| w[0].stamp < w[1].stamp));
    assert_eq!(h[1].stamp, leader.c.entry("CTK", "A.1").unwrap().self_answer.stamp);
    // A copy in normal form is its own merge; the JSON carries the history only where there is one.
    assert_eq!(merge(&leader.c, &leader.c).unwrap(), leader.c);
    assert!(!serde_json::to_string(&b).unwrap().contains("history"));
}

#[test]
fn a_value_written_before_histories_existed_starts_the_history() {
    let b = base();
    let mut unit = Dev::new(&b, "ctk-pc", ctk());
    unit.edit(T0, self_score(9));
    // As a document of the version before histories: the field is stamped, the history empty.
    unit.c.inputs.get_mut("CTK").unwrap().get_mut("A.1").unwrap().history.clear();
    let old_stamp = unit.c.entry("CTK", "A.1").unwrap().self_answer.stamp.clone();
    unit.edit(T0 + 10, self_score(6));
    let h = history_of(&unit.c);
    assert_eq!(summary(&unit.c).iter().map(|x| x.1).collect::<Vec<_>>(), vec![Some(9), Some(6)]);
    assert_eq!(h[0].stamp, old_stamp);
    // An imported value (no stamp) is no revision: nobody wrote it here.
    let mut imported = base();
    imported.inputs.entry("CTK".into()).or_default().entry("A.1".into()).or_default().self_answer = Field::new(Some(Answer::Number(pts(5))));
    let mut unit = Dev::new(&imported, "ctk-pc", ctk());
    unit.edit(T0, self_score(4));
    assert_eq!(summary(&unit.c).len(), 1);
}

#[test]
fn a_restored_conflict_is_a_new_revision() {
    let b = base();
    let mut office = Dev::new(&b, "office", ctk());
    let mut laptop = Dev::new(&b, "laptop", ctk());
    office.edit(T0, self_score(7));
    laptop.edit(T0 + 1, self_score(9));
    office.receive(&laptop.c);
    // Both concurrent writes are in the history, whichever won the field.
    assert_eq!(summary(&office.c).iter().map(|x| x.1).collect::<Vec<_>>(), vec![Some(7), Some(9)]);
    let k = office.c.conflicts[0].clone();
    office.edit(T0 + 2, Edit::RestoreConflict { path: k.path, stamp: k.stamp });
    assert_eq!(summary(&office.c).iter().map(|x| x.1).collect::<Vec<_>>(), vec![Some(7), Some(9), Some(7)]);
}

#[test]
fn only_the_latest_revisions_of_each_field_are_kept() {
    let b = base();
    let mut unit = Dev::new(&b, "ctk-pc", ctk());
    for i in 0..15 {
        unit.edit(T0 + i, self_score((i % 10) as i64));
    }
    unit.edit(T0 + 20, Edit::Submit { unit: "CTK".into(), date: "01/12/2025".into() });
    let mut leader = Dev::new(&unit.c, "vp-pc", Actor::Leader);
    leader.edit(T0 + 30, review(Some(3), "a"));
    let h = history_of(&leader.c);
    let own: Vec<&Revision> = h.iter().filter(|r| r.field == RevField::SelfAnswer).collect();
    assert_eq!(own.len(), KEPT_PER_FIELD);
    // The five oldest went; the latest (value 4, written last) stays.
    assert_eq!(own.first().unwrap().value, Some(Answer::Number(pts(5))));
    assert_eq!(own.last().unwrap().value, Some(Answer::Number(pts(4))));
    assert_eq!(h.iter().filter(|r| r.field == RevField::Review).count(), 1, "the review's history is kept apart");
}

/// Four devices of one unit (and the leader) writing the same score apart, merged in every order.
fn scattered(writes: &[(u8, u8)]) -> Vec<Campaign> {
    let b = base();
    let mut devs: Vec<Dev> = (0..4).map(|i| Dev::new(&b, &format!("d{i}"), ctk())).collect();
    for (k, (d, v)) in writes.iter().enumerate() {
        let d = &mut devs[usize::from(*d) % 4];
        d.edit(T0 + k as u64 * 1000, self_score(i64::from(*v % 11)));
    }
    devs.into_iter().map(|d| d.c).collect()
}

fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 1 {
        return vec![vec![0]];
    }
    let mut out = Vec::new();
    for p in permutations(n - 1) {
        for i in 0..n {
            let mut q = p.clone();
            q.insert(i, n - 1);
            out.push(q);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn history_survives_merges_in_any_order(writes in prop::collection::vec((0u8..4, any::<u8>()), 1..30)) {
        let copies = scattered(&writes);
        let mut results = Vec::new();
        for order in permutations(copies.len()) {
            let mut acc = copies[order[0]].clone();
            for &i in &order[1..] {
                acc = merge(&acc, &copies[i]).unwrap();
            }
            results.push(acc);
        }
        // A tree of merges too.
        results.push(merge(&merge(&copies[0], &copies[2]).unwrap(), &merge(&copies[3], &copies[1]).unwrap()).unwrap());
        for r in &results {
            prop_assert_eq!(history_of(r), history_of(&results[0]));
        }
        // Every write is there unless ten later ones of the same field are: the latest ten stay.
        let all: Vec<Revision> = copies.iter().flat_map(history_of).collect();
        let mut stamps: Vec<Stamp> = all.iter().map(|r| r.stamp.clone()).collect();
        stamps.sort();
        stamps.dedup();
        let kept: Vec<Stamp> = history_of(&results[0]).into_iter().map(|r| r.stamp).collect();
        let expected: Vec<Stamp> = stamps[stamps.len().saturating_sub(KEPT_PER_FIELD)..].to_vec();
        prop_assert_eq!(kept, expected);
    }

    #[test]
    fn truncation_is_the_same_whatever_the_order(
        revs in prop::collection::vec((0u8..2, 0u64..40, 0u8..3, 0u8..4), 0..40),
        split in prop::collection::vec(0u8..3, 40),
    ) {
        // Revisions with colliding stamps and values (as forged files may bring), dealt to three
        // copies at random.
        let all: Vec<Revision> = revs
            .iter()
            .map(|(f, clock, r, v)| Revision {
                field: if *f == 0 { RevField::SelfAnswer } else { RevField::Review },
                stamp: Stamp { clock: *clock, replica: format!("r{r}") },
                by: if *f == 0 { ctk() } else { Actor::Leader },
                value: (*v > 0).then(|| Answer::Number(pts(i64::from(*v)))),
                reason: String::new(),
            })
            .collect();
        let mut parts: [Vec<Revision>; 3] = Default::default();
        for (i, r) in all.iter().enumerate() {
            parts[usize::from(split[i])].push(r.clone());
        }
        let (a, b, c) = (&parts[0], &parts[1], &parts[2]);
        let whole = history::merge(&all, &[]);
        prop_assert_eq!(&history::merge(&history::merge(a, b), c), &whole);
        prop_assert_eq!(&history::merge(a, &history::merge(c, b)), &whole);
        prop_assert_eq!(&history::merge(&history::merge(c, a), b), &whole);
        prop_assert_eq!(&history::merge(&whole, &whole), &whole);
        for f in [RevField::SelfAnswer, RevField::Review] {
            prop_assert!(whole.iter().filter(|r| r.field == f).count() <= KEPT_PER_FIELD);
        }
    }
}
