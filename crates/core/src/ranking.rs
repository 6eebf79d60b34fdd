//! Ranking a bloc: every unit scored, eligible units by competition rank (1, 2, 3, 3, 3, 6),
//! disqualified units last without a rank, and award proposals.

use crate::awards::{propose, AwardNote};
use crate::model::Campaign;
use crate::points::Points;
use crate::scorecard::{Scorer, UnitScore};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub unit: String,
    pub name: String,
    pub total: Points,
    /// `None` for a disqualified unit.
    pub rank: Option<u32>,
    pub award: Option<String>,
    pub score: UnitScore,
}

impl Standing {
    pub fn eligible(&self) -> bool {
        self.score.eligible()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// Best first: eligible units by rank (ties in the order of the unit list), then disqualified ones.
    pub standings: Vec<Standing>,
    /// What the award rules could not settle alone (a tie across a tier's maximum count…).
    pub notes: Vec<AwardNote>,
}

/// Scores, ranks and proposes awards for the whole campaign.
pub fn evaluate(c: &Campaign) -> Evaluation {
    let mut scorer = Scorer::new(&c.template);
    let mut standings: Vec<Standing> = c
        .active_units()
        .map(|u| {
            let score = scorer.score(c.inputs.get(&u.code));
            Standing {
                unit: u.code.clone(),
                name: u.info.value.name.clone(),
                total: score.total,
                rank: None,
                award: None,
                score,
            }
        })
        .collect();
    // Stable sort: equal totals keep the order of the unit list, so the output does not depend on
    // anything but the data.
    standings.sort_by(|a, b| b.eligible().cmp(&a.eligible()).then(b.total.cmp(&a.total)));
    assign_ranks(&mut standings);
    let notes = propose(&mut standings, &c.awards.value, &c.votes);
    Evaluation { standings, notes }
}

/// Competition ranking over the eligible prefix of a sorted list.
fn assign_ranks(sorted: &mut [Standing]) {
    let mut prev: Option<(Points, u32)> = None;
    for (i, s) in sorted.iter_mut().enumerate() {
        if !s.eligible() {
            s.rank = None;
            continue;
        }
        let rank = match prev {
            Some((total, rank)) if total == s.total => rank,
            _ => u32::try_from(i + 1).unwrap_or(u32::MAX),
        };
        s.rank = Some(rank);
        prev = Some((s.total, rank));
    }
}
