//! Synthetic blocs of any size, made through the same edits people make, for benchmarks and load
//! tests (a 40-unit × 300-criterion bloc is the largest the targets name), and the self scores the
//! files tab's rehearsal of an import writes on a scratch copy. Deterministic: the same sizes and
//! seed give the same campaign.

use crate::edit::{apply, Actor, Edit};
use crate::hlc::Clock;
use crate::model::*;
use crate::points::Points;

/// Criteria per section.
const PER_SECTION: usize = 25;

fn kind_of(i: usize) -> (CriterionKind, Points) {
    match i % 6 {
        0 | 1 => (CriterionKind::Points, Points::from_whole(10)),
        2 => (CriterionKind::YesNo, Points::from_whole(2)),
        3 => (
            CriterionKind::Levels {
                levels: vec![
                    Level { label: "Xuất sắc".into(), points: Points::from_whole(5) },
                    Level { label: "Tốt".into(), points: Points::from_whole(4) },
                    Level { label: "Đạt".into(), points: Points::from_whole(2) },
                ],
            },
            Points::from_whole(5),
        ),
        4 => (CriterionKind::Ratio { target: Points::from_whole(100) }, Points::from_whole(8)),
        _ => (CriterionKind::PerItem { each: Points::from_hundredths(50) }, Points::from_whole(3)),
    }
}

/// A scorecard of `criteria` criteria in sections of 25.
pub fn template(criteria: usize) -> Template {
    let mut sections = Vec::new();
    for (s, chunk) in (0..criteria).collect::<Vec<_>>().chunks(PER_SECTION).enumerate() {
        let code = format!("S{}", s + 1);
        let crits: Vec<Criterion> = chunk
            .iter()
            .map(|&i| {
                let (kind, max) = kind_of(i);
                Criterion { id: format!("{code}.{}", i % PER_SECTION + 1), code: format!("{code}.{}", i % PER_SECTION + 1), title: format!("Tiêu chí {}", i + 1), max, kind }
            })
            .collect();
        let max = crits.iter().fold(Points::ZERO, |a, c| Points::from_hundredths(a.hundredths() + c.max.hundredths()));
        sections.push(Section { id: code.clone(), code, title: format!("Phần {}", s + 1), kind: SectionKind::Section, max, criteria: crits });
    }
    Template { sections }
}

/// The unit codes of a synthetic bloc: `DV01`, `DV02`…
pub fn unit_code(i: usize) -> String {
    format!("DV{:02}", i + 1)
}

/// A leader's campaign: `units` units, a scorecard of `criteria` criteria, adopted; no scores.
/// Stamps come from `clock`, starting at `t0` ms.
pub fn bloc(id: &str, units: usize, criteria: usize, clock: &mut Clock, t0: u64) -> Campaign {
    let mut c = Campaign::new(id, BlocInfo { name: format!("Khối thử {units}×{criteria}"), year: 2025, decision_number: "1/QĐ".into(), decision_date: "01/01/2025".into() });
    let mut edit = |c: &mut Campaign, e: Edit| {
        let s = clock.tick(t0);
        // Edits of a well-formed bloc by its leader: none is refused.
        let _ = apply(c, &Actor::Leader, e, &s);
    };
    for i in 0..units {
        let role = match i {
            0 => Role::TruongKhoi,
            1 => Role::PhoKhoi,
            _ => Role::ThanhVien,
        };
        edit(&mut c, Edit::PutUnit { code: unit_code(i), info: UnitInfo { name: format!("Đơn vị số {}", i + 1), role, email: String::new() } });
    }
    edit(&mut c, Edit::SetTemplate { template: template(criteria) });
    edit(&mut c, Edit::Adopt { date: "15/01/2025".into() });
    c
}

/// An answer within a criterion's range, varied by `seed`.
pub fn answer(kind: &CriterionKind, max: Points, seed: u64) -> Answer {
    match kind {
        CriterionKind::Points => Answer::Number(Points::from_hundredths((seed % 101) as i64 * max.hundredths() / 100)),
        CriterionKind::YesNo | CriterionKind::Veto => Answer::Flag(!seed.is_multiple_of(7)),
        CriterionKind::Levels { levels } => Answer::Level(levels.get(seed as usize % levels.len().max(1)).map(|l| l.label.clone()).unwrap_or_default()),
        CriterionKind::Ratio { .. } => Answer::Number(Points::from_whole(50 + (seed % 60) as i64)),
        CriterionKind::PerItem { .. } | CriterionKind::DeductPerItem { .. } => Answer::Count(seed % 5),
    }
}

/// Every criterion self-scored by `unit` on its own device (`clock`), as it would in the app.
pub fn self_score(c: &mut Campaign, unit: &str, seed: u64, clock: &mut Clock, t0: u64) {
    let crits: Vec<(String, CriterionKind, Points)> =
        c.template.sections.iter().flat_map(|s| s.criteria.iter().map(|k| (k.id.clone(), k.kind.clone(), k.max))).collect();
    let actor = Actor::Unit(unit.to_string());
    for (i, (id, kind, max)) in crits.into_iter().enumerate() {
        let a = answer(&kind, max, seed.wrapping_mul(31).wrapping_add(i as u64));
        let s = clock.tick(t0);
        let _ = apply(c, &actor, Edit::SetSelf { unit: unit.to_string(), criterion: id, answer: Some(a) }, &s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_bloc_scores_completely() {
        let mut clock = Clock::new("bench-leader");
        let mut c = bloc("bench", 5, 60, &mut clock, 1_700_000_000_000);
        assert_eq!(c.active_units().count(), 5);
        assert_eq!(c.template.sections.iter().map(|s| s.criteria.len()).sum::<usize>(), 60);
        for i in 0..5 {
            let mut unit_clock = Clock::new(format!("bench-{i}"));
            self_score(&mut c, &unit_code(i), i as u64, &mut unit_clock, 1_700_000_100_000);
        }
        let e = crate::ranking::evaluate(&c);
        assert_eq!(e.standings.len(), 5);
        assert!(c.inputs.values().all(|m| m.len() == 60), "every answer accepted");
    }
}
