//! Properties of scoring and ranking over random scorecards and blocs.

use proptest::prelude::*;
use std::collections::BTreeMap;
use thidua_core::answer::fits;
use thidua_core::scorecard::{score_unit, total_bounds};
use thidua_core::*;

fn pts(h: i64) -> Points {
    Points::from_hundredths(h)
}

fn kind() -> impl Strategy<Value = CriterionKind> {
    prop_oneof![
        Just(CriterionKind::Points),
        Just(CriterionKind::YesNo),
        Just(CriterionKind::Veto),
        prop::collection::vec(0i64..=2000, 1..4).prop_map(|ps| CriterionKind::Levels {
            levels: ps.into_iter().enumerate().map(|(i, p)| Level { label: format!("L{i}"), points: pts(p) }).collect()
        }),
        (1i64..=20000).prop_map(|t| CriterionKind::Ratio { target: pts(t) }),
        (1i64..=500).prop_map(|e| CriterionKind::PerItem { each: pts(e) }),
        (1i64..=500).prop_map(|e| CriterionKind::DeductPerItem { each: pts(e) }),
    ]
}

fn criterion(id: String) -> impl Strategy<Value = Criterion> {
    (0i64..=3000, kind()).prop_map(move |(max, kind)| {
        // Level points never exceed the criterion's max (the importer enforces it).
        let kind = match kind {
            CriterionKind::Levels { levels } => CriterionKind::Levels {
                levels: levels.into_iter().map(|l| Level { points: l.points.min(pts(max)), ..l }).collect(),
            },
            k => k,
        };
        Criterion { id: id.clone(), code: id.clone(), title: id.clone(), max: pts(max), kind }
    })
}

fn template() -> impl Strategy<Value = Template> {
    prop::collection::vec(
        (
            prop_oneof![Just(SectionKind::Section), Just(SectionKind::Bonus), Just(SectionKind::Penalty)],
            0i64..=10000,
            1usize..5,
        ),
        1..5,
    )
    .prop_flat_map(|secs| {
        secs.into_iter()
            .enumerate()
            .map(|(i, (kind, max, n))| {
                let crits: Vec<_> = (0..n).map(|j| criterion(format!("S{i}.{j}"))).collect();
                crits.prop_map(move |criteria| Section {
                    // As the importer requires: no deduct_per_item inside a penalty section.
                    criteria: criteria
                        .into_iter()
                        .map(|c| match c.kind {
                            CriterionKind::DeductPerItem { each } if kind == SectionKind::Penalty => {
                                Criterion { kind: CriterionKind::PerItem { each }, ..c }
                            }
                            _ => c,
                        })
                        .collect(),
                    id: format!("S{i}"),
                    code: format!("S{i}"),
                    title: format!("S{i}"),
                    kind,
                    max: pts(max),
                })
            })
            .collect::<Vec<_>>()
    })
    .prop_map(|sections| Template { sections })
}

/// An answer that fits the criterion, drawn from a seed.
fn answer_for(c: &Criterion, seed: u64) -> Option<Answer> {
    if seed.is_multiple_of(7) {
        return None;
    }
    Some(match &c.kind {
        CriterionKind::Points => Answer::Number(pts((seed as i64).rem_euclid(c.max.hundredths() + 1))),
        CriterionKind::YesNo | CriterionKind::Veto => Answer::Flag(seed.is_multiple_of(5) || (seed.is_multiple_of(3) && c.kind == CriterionKind::YesNo)),
        CriterionKind::Levels { levels } => Answer::Level(levels[(seed as usize) % levels.len()].label.clone()),
        CriterionKind::Ratio { .. } => Answer::Number(pts((seed % 30000) as i64)),
        CriterionKind::PerItem { .. } | CriterionKind::DeductPerItem { .. } => Answer::Count(seed % 40),
    })
}

fn entries(t: &Template, seeds: &[u64]) -> BTreeMap<String, Entry> {
    let mut m = BTreeMap::new();
    for (k, (_, c)) in t.criteria().enumerate() {
        let seed = seeds[k % seeds.len()].wrapping_mul(k as u64 + 1).wrapping_add(k as u64);
        if let Some(a) = answer_for(c, seed) {
            let e = Entry { self_answer: Field::new(Some(a)), ..Entry::default() };
            m.insert(c.id.clone(), e);
        }
    }
    m
}

fn campaign(t: Template, seeds: &[Vec<u64>]) -> Campaign {
    let mut c = Campaign::new("p", BlocInfo::default());
    for (i, s) in seeds.iter().enumerate() {
        let code = format!("U{i}");
        c.inputs.insert(code.clone(), entries(&t, s));
        let role = if i == 0 { Role::TruongKhoi } else { Role::ThanhVien };
        c.units.push(Unit { code, info: Field::new(UnitInfo { name: format!("Unit {i}"), role, email: String::new() }), removed: Field::default() });
    }
    c.template = Field::new(t);
    c
}

fn seeds() -> impl Strategy<Value = Vec<Vec<u64>>> {
    prop::collection::vec(prop::collection::vec(any::<u64>(), 1..6), 1..12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn permuting_units_changes_no_total_or_rank(t in template(), s in seeds(), perm_seed in any::<u64>()) {
        let c = campaign(t, &s);
        let mut shuffled = c.clone();
        // A deterministic permutation from the seed.
        let n = shuffled.units.len();
        for i in (1..n).rev() {
            let j = (perm_seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
            shuffled.units.swap(i, j);
        }
        let by_unit = |c: &Campaign| -> BTreeMap<String, (Points, Option<u32>, bool)> {
            evaluate(c).standings.into_iter().map(|s| (s.unit.clone(), (s.total, s.rank, s.eligible()))).collect()
        };
        prop_assert_eq!(by_unit(&c), by_unit(&shuffled));
    }

    #[test]
    fn totals_stay_within_the_caps(t in template(), s in seeds()) {
        let (lo, hi) = total_bounds(&t);
        let c = campaign(t, &s);
        for st in evaluate(&c).standings {
            prop_assert!(st.total >= lo && st.total <= hi, "{} not in [{lo}, {hi}]", st.total);
        }
    }

    #[test]
    fn raising_an_earning_input_never_lowers_the_total(t in template(), s in prop::collection::vec(any::<u64>(), 1..6), k in any::<prop::sample::Index>(), step in 1u64..500) {
        let base = entries(&t, &s);
        let all: Vec<&Criterion> = t.criteria().map(|(_, c)| c).collect();
        let c = all[k.index(all.len())];
        let section = t.sections.iter().find(|sec| sec.criteria.iter().any(|x| x.id == c.id)).unwrap();
        let Some(raised) = raise(c, base.get(&c.id).and_then(|e| e.self_answer.value.clone()), step) else { return Ok(()) };
        let mut more = base.clone();
        more.insert(c.id.clone(), Entry { self_answer: Field::new(Some(raised.clone())), ..Entry::default() });
        prop_assume!(fits(c, &raised));
        let before = score_unit(&t, Some(&base)).total;
        let after = score_unit(&t, Some(&more)).total;
        // An input that earns points in a section or a bonus earns; in a penalty section it costs;
        // a deduct_per_item count always costs.
        let costs = section.kind == SectionKind::Penalty || matches!(c.kind, CriterionKind::DeductPerItem { .. });
        if costs {
            prop_assert!(after <= before, "{:?} raised to {:?}: {before} → {after}", c.kind, raised);
        } else {
            prop_assert!(after >= before, "{:?} raised to {:?}: {before} → {after}", c.kind, raised);
        }
    }
}

/// A larger input of the same kind: more points, yes instead of no, a higher level, more achieved,
/// more items. `None` when the kind has no "more" (veto).
fn raise(c: &Criterion, a: Option<Answer>, step: u64) -> Option<Answer> {
    Some(match (&c.kind, a) {
        (CriterionKind::Points, Some(Answer::Number(v))) => Answer::Number((v + pts(step as i64)).min(c.max)),
        (CriterionKind::Points, _) => Answer::Number(pts(step as i64).min(c.max)),
        (CriterionKind::YesNo, _) => Answer::Flag(true),
        (CriterionKind::Levels { levels }, a) => {
            let cur = match a {
                Some(Answer::Level(l)) => levels.iter().find(|x| x.label == l).map(|x| x.points).unwrap_or(Points::ZERO),
                _ => Points::ZERO,
            };
            let best = levels.iter().max_by_key(|l| l.points)?;
            if best.points < cur { return None; }
            Answer::Level(best.label.clone())
        }
        (CriterionKind::Ratio { .. }, Some(Answer::Number(v))) => Answer::Number(v + pts(step as i64)),
        (CriterionKind::Ratio { .. }, _) => Answer::Number(pts(step as i64)),
        (CriterionKind::PerItem { .. } | CriterionKind::DeductPerItem { .. }, Some(Answer::Count(n))) => Answer::Count(n + step),
        (CriterionKind::PerItem { .. }, _) => Answer::Count(step),
        // A missing input scores 0 while a count of 0 keeps the whole max: going from nothing to
        // a count is answering, not raising.
        (CriterionKind::DeductPerItem { .. }, _) => return None,
        (CriterionKind::Veto, _) => return None,
    })
}
