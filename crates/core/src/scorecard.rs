//! One unit's scorecard: criterion points, section totals with caps, the grand total, vetoes and
//! what is still missing.

use crate::answer::score_if_fits;
use crate::model::{Answer, CriterionKind, Entry, SectionKind, Template};
use crate::points::Points;
use std::cmp::Ordering;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionScore {
    pub section_id: String,
    pub kind: SectionKind,
    /// Sum of the criteria before the cap.
    pub raw: Points,
    /// After the cap; always non-negative (a penalty section's total is subtracted by the grand total).
    pub total: Points,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitScore {
    /// Points per criterion, in template order (sections, then criteria).
    pub criteria: Vec<Points>,
    pub sections: Vec<SectionScore>,
    /// Sections plus bonuses minus penalties.
    pub total: Points,
    /// Ids of the veto criteria answered yes: any one disqualifies the unit.
    pub vetoes: Vec<String>,
    /// Ids of the non-veto criteria with no answer yet.
    pub missing: Vec<String>,
    /// Ids of criteria whose answer no longer fits the criterion (scored 0).
    pub unfit: Vec<String>,
}

impl UnitScore {
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }

    pub fn eligible(&self) -> bool {
        self.vetoes.is_empty()
    }
}

/// Scores one unit's entries against the template. Entries for criteria not in the template are
/// ignored (they were removed from the scorecard).
pub fn score_unit(t: &Template, entries: Option<&BTreeMap<String, Entry>>) -> UnitScore {
    Scorer::new(t).score(entries)
}

/// Scores units against one template, for scoring a whole bloc: what [`score_unit`] does, with the
/// template's preparation done once.
///
/// A unit's entries are a map sorted by criterion id, so the template's ids are sorted here once and
/// each unit's entries are matched to them in a single walk of both. Looking each criterion up in
/// the map instead costs a tree search per criterion, comparing strings that live in the map's
/// entries all over memory: that was most of the time of ranking a 40 × 300 bloc.
pub struct Scorer<'a> {
    template: &'a Template,
    /// Every criterion's id with its place in template order, sorted as the entries' map sorts
    /// its keys (then by place: a duplicated id gets the same entry at each of its places, as a
    /// lookup would give it).
    by_id: Vec<(u64, &'a str, usize)>,
    /// Each criterion's answer for the unit being scored, in template order; kept to be reused by
    /// the next unit.
    found: Vec<Option<&'a Answer>>,
}

impl<'a> Scorer<'a> {
    pub fn new(t: &'a Template) -> Self {
        let mut by_id: Vec<(u64, &'a str, usize)> =
            t.criteria().enumerate().map(|(i, (_, c))| (head(&c.id), c.id.as_str(), i)).collect();
        by_id.sort_unstable();
        let found = Vec::with_capacity(by_id.len());
        Scorer { template: t, by_id, found }
    }

    /// One unit's scorecard, equal to [`score_unit`]'s.
    pub fn score(&mut self, entries: Option<&'a BTreeMap<String, Entry>>) -> UnitScore {
        let n = self.by_id.len();
        self.found.clear();
        self.found.resize(n, None);
        if let Some(m) = entries {
            let mut rest = m.iter();
            let mut next = rest.next();
            for &(id_head, id, place) in &self.by_id {
                while let Some((key, entry)) = next {
                    match cmp_id(key, id_head, id) {
                        // An entry for a criterion no longer in the template.
                        Ordering::Less => next = rest.next(),
                        Ordering::Equal => {
                            self.found[place] = entry.effective();
                            break;
                        }
                        Ordering::Greater => break,
                    }
                }
                // No entries left: the remaining criteria have no answer.
                if next.is_none() {
                    break;
                }
            }
        }

        let t = self.template;
        let mut out = UnitScore {
            criteria: Vec::with_capacity(n),
            sections: Vec::with_capacity(t.sections.len()),
            total: Points::ZERO,
            vetoes: Vec::new(),
            missing: Vec::new(),
            unfit: Vec::new(),
        };
        let mut found = self.found.iter();
        for s in &t.sections {
            let mut raw = Points::ZERO;
            for c in &s.criteria {
                let answer = found.next().copied().flatten();
                let pts = match answer {
                    None => {
                        if c.kind != CriterionKind::Veto {
                            out.missing.push(c.id.clone());
                        }
                        Points::ZERO
                    }
                    Some(a) => match score_if_fits(c, a) {
                        None => {
                            out.unfit.push(c.id.clone());
                            Points::ZERO
                        }
                        Some(pts) => {
                            if c.kind == CriterionKind::Veto && *a == Answer::Flag(true) {
                                out.vetoes.push(c.id.clone());
                            }
                            pts
                        }
                    },
                };
                out.criteria.push(pts);
                raw += pts;
            }
            let total = raw.min(s.max.max(Points::ZERO));
            match s.kind {
                SectionKind::Section | SectionKind::Bonus => out.total += total,
                SectionKind::Penalty => out.total = out.total - total,
            }
            out.sections.push(SectionScore { section_id: s.id.clone(), kind: s.kind, raw, total });
        }
        out
    }
}

/// A criterion id's first 8 bytes, big-endian, zero-padded: comparing two of them orders the ids as
/// strings do, or ties. Ids are short (`S1.10`), so this settles most comparisons without a call
/// to `memcmp`, which was a third of the time of scoring a bloc.
fn head(id: &str) -> u64 {
    let b = id.as_bytes();
    if let Some(first) = b.first_chunk::<8>() {
        return u64::from_be_bytes(*first);
    }
    let mut h = 0u64;
    for (i, &x) in b.iter().enumerate() {
        h |= u64::from(x) << (56 - 8 * i);
    }
    h
}

/// `key.cmp(id)`, given `head(id)`.
fn cmp_id(key: &str, id_head: u64, id: &str) -> Ordering {
    match head(key).cmp(&id_head) {
        // Equal heads and equal lengths up to 8 are equal ids.
        Ordering::Equal if key.len() == id.len() && key.len() <= 8 => Ordering::Equal,
        Ordering::Equal => key.cmp(id),
        o => o,
    }
}

/// The range every total must fall in: [−(sum of penalty caps), sum of section and bonus caps].
pub fn total_bounds(t: &Template) -> (Points, Points) {
    let mut lo = Points::ZERO;
    let mut hi = Points::ZERO;
    for s in &t.sections {
        let cap = s.max.max(Points::ZERO);
        match s.kind {
            SectionKind::Penalty => lo = lo - cap,
            _ => hi += cap,
        }
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::{fits, score};
    use crate::model::{Criterion, Field, Level, Section};
    use proptest::prelude::*;

    /// Scoring as it was written first, one map lookup per criterion: what [`Scorer`] must agree with.
    fn reference(t: &Template, entries: Option<&BTreeMap<String, Entry>>) -> UnitScore {
        let mut out = UnitScore {
            criteria: Vec::new(),
            sections: Vec::new(),
            total: Points::ZERO,
            vetoes: Vec::new(),
            missing: Vec::new(),
            unfit: Vec::new(),
        };
        for s in &t.sections {
            let mut raw = Points::ZERO;
            for c in &s.criteria {
                let answer = entries.and_then(|m| m.get(&c.id)).and_then(Entry::effective);
                let pts = match answer {
                    None => {
                        if c.kind != CriterionKind::Veto {
                            out.missing.push(c.id.clone());
                        }
                        Points::ZERO
                    }
                    Some(a) if !fits(c, a) => {
                        out.unfit.push(c.id.clone());
                        Points::ZERO
                    }
                    Some(a) => {
                        if c.kind == CriterionKind::Veto && *a == Answer::Flag(true) {
                            out.vetoes.push(c.id.clone());
                        }
                        score(c, a)
                    }
                };
                out.criteria.push(pts);
                raw += pts;
            }
            let total = raw.min(s.max.max(Points::ZERO));
            match s.kind {
                SectionKind::Section | SectionKind::Bonus => out.total += total,
                SectionKind::Penalty => out.total = out.total - total,
            }
            out.sections.push(SectionScore { section_id: s.id.clone(), kind: s.kind, raw, total });
        }
        out
    }

    // Few ids, so that templates repeat them and units answer criteria the template lacks; some
    // are prefixes of others, sort apart from their template order, are not ASCII, are longer than
    // the 8 bytes of `head` or share them, or end in the zero bytes it pads with.
    const IDS: &[&str] = &[
        "", "S1", "S1\0", "S1.1", "S1.10", "S1.2", "S2.1", "Đ1", "a", "S1.1 ", "Tiêu chí 1", "Tiêu chí 10",
        "Tiêu chí", "S1.1.1.1", "S1.1.1.1\0", "S1.1.1.10", "S1.1.1.11",
    ];
    const LABELS: &[&str] = &["Tốt", "Đạt", "Khá", ""];

    fn id() -> impl Strategy<Value = String> {
        prop::sample::select(IDS).prop_map(str::to_string)
    }

    fn pts() -> impl Strategy<Value = Points> {
        (-500i64..3000).prop_map(Points::from_hundredths)
    }

    fn kind() -> impl Strategy<Value = CriterionKind> {
        prop_oneof![
            Just(CriterionKind::Points),
            Just(CriterionKind::YesNo),
            Just(CriterionKind::Veto),
            prop::collection::vec((prop::sample::select(LABELS), pts()), 0..4).prop_map(|ls| CriterionKind::Levels {
                levels: ls.into_iter().map(|(l, points)| Level { label: l.to_string(), points }).collect(),
            }),
            pts().prop_map(|target| CriterionKind::Ratio { target }),
            pts().prop_map(|each| CriterionKind::PerItem { each }),
            pts().prop_map(|each| CriterionKind::DeductPerItem { each }),
        ]
    }

    fn template() -> impl Strategy<Value = Template> {
        let criterion = (id(), pts(), kind()).prop_map(|(id, max, kind)| Criterion {
            code: id.clone(),
            title: id.clone(),
            id,
            max,
            kind,
        });
        let kind = prop_oneof![Just(SectionKind::Section), Just(SectionKind::Bonus), Just(SectionKind::Penalty)];
        let section = (id(), kind, pts(), prop::collection::vec(criterion, 0..7)).prop_map(|(id, kind, max, criteria)| {
            Section { code: id.clone(), title: id.clone(), id, kind, max, criteria }
        });
        prop::collection::vec(section, 0..4).prop_map(|sections| Template { sections })
    }

    /// Any answer, fitting its criterion or not.
    fn answer() -> impl Strategy<Value = Option<Answer>> {
        prop::option::of(prop_oneof![
            pts().prop_map(Answer::Number),
            any::<bool>().prop_map(Answer::Flag),
            prop::sample::select(LABELS).prop_map(|l| Answer::Level(l.to_string())),
            (0u64..50).prop_map(Answer::Count),
        ])
    }

    fn entries() -> impl Strategy<Value = Option<BTreeMap<String, Entry>>> {
        let entry = (answer(), answer()).prop_map(|(own, review)| Entry {
            self_answer: Field::new(own),
            review: Field::new(review),
            ..Entry::default()
        });
        prop::option::of(prop::collection::btree_map(id(), entry, 0..IDS.len()))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn scorer_agrees_with_a_lookup_per_criterion(t in template(), units in prop::collection::vec(entries(), 1..5)) {
            // One scorer for every unit, as a bloc is ranked: nothing of a unit may leak into the next.
            let mut scorer = Scorer::new(&t);
            for e in &units {
                let want = reference(&t, e.as_ref());
                prop_assert_eq!(scorer.score(e.as_ref()), want.clone());
                prop_assert_eq!(score_unit(&t, e.as_ref()), want);
            }
        }
    }
}
