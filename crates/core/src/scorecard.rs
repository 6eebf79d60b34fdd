//! One unit's scorecard: criterion points, section totals with caps, the grand total, vetoes and
//! what is still missing.

use crate::answer::{fits, score};
use crate::model::{Answer, CriterionKind, Entry, SectionKind, Template};
use crate::points::Points;
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
    let mut out = UnitScore {
        criteria: Vec::new(),
        sections: Vec::with_capacity(t.sections.len()),
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
