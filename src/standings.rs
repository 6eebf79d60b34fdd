//! What the ranking table shows, computed once from the campaign and its evaluation: plain rows
//! with the texts already formatted, so the components only lay them out.

use crate::i18n::texts;
use std::collections::HashMap;
use thidua_core::{Campaign, CriterionKind, Evaluation, Role, Standing};

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub unit: String,
    pub name: String,
    /// `Trưởng khối` / `Phó khối`; `None` for an ordinary member.
    pub role: Option<&'static str>,
    pub rank: Option<u32>,
    /// Shares its rank with other units.
    pub tied: bool,
    /// Vietnamese format: `103,5`.
    pub total: String,
    pub award: Option<String>,
    /// The veto criteria that disqualify the unit, with the unit's note when it wrote one.
    pub vetoes: Vec<Veto>,
    /// Non-veto criteria still without an answer.
    pub missing: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Veto {
    pub title: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// Eligible units, best first; tied units next to each other.
    pub ranked: Vec<Row>,
    /// Units that cannot be ranked, in the order of the evaluation.
    pub disqualified: Vec<Row>,
    /// Criteria a complete scorecard answers (vetoes excluded).
    pub scored_criteria: usize,
    /// Award notes, in the interface's language.
    pub notes: Vec<String>,
}

impl Ranking {
    /// Units whose scorecard still lacks answers: the ranking is provisional while any do.
    pub fn incomplete(&self) -> usize {
        self.ranked
            .iter()
            .chain(&self.disqualified)
            .filter(|r| r.missing > 0)
            .count()
    }
}

impl Ranking {
    pub fn new(campaign: &Campaign, evaluation: &Evaluation) -> Ranking {
        let titles: HashMap<&str, (&str, &str)> = campaign
            .template
            .criteria()
            .map(|(_, c)| (c.id.as_str(), (c.code.as_str(), c.title.as_str())))
            .collect();
        let scored_criteria = campaign
            .template
            .criteria()
            .filter(|(_, c)| c.kind != CriterionKind::Veto)
            .count();

        let mut rank_count: HashMap<u32, usize> = HashMap::new();
        for rank in evaluation.standings.iter().filter_map(|s| s.rank) {
            *rank_count.entry(rank).or_default() += 1;
        }

        let row = |s: &Standing| {
            let role = campaign
                .unit(&s.unit)
                .and_then(|u| match u.info.value.role {
                    Role::TruongKhoi | Role::PhoKhoi => Some(u.info.value.role.vi()),
                    _ => None,
                });
            let vetoes = s
                .score
                .vetoes
                .iter()
                .map(|id| {
                    let title = match titles.get(id.as_str()) {
                        Some((code, title)) => format!("{code}. {title}"),
                        None => id.clone(),
                    };
                    let note = campaign
                        .entry(&s.unit, id)
                        .map(|e| {
                            let reason = e.review_reason.value.trim();
                            if reason.is_empty() {
                                e.note.value.trim()
                            } else {
                                reason
                            }
                            .to_string()
                        })
                        .unwrap_or_default();
                    Veto { title, note }
                })
                .collect();
            Row {
                unit: s.unit.clone(),
                name: s.name.clone(),
                role,
                rank: s.rank,
                tied: s
                    .rank
                    .is_some_and(|r| rank_count.get(&r).copied().unwrap_or(0) > 1),
                total: s.total.to_vi(),
                award: s.award.clone(),
                vetoes,
                missing: s.score.missing.len(),
            }
        };

        let (ranked, disqualified): (Vec<&Standing>, Vec<&Standing>) =
            evaluation.standings.iter().partition(|s| s.rank.is_some());
        Ranking {
            ranked: ranked.into_iter().map(row).collect(),
            disqualified: disqualified.into_iter().map(row).collect(),
            scored_criteria,
            notes: evaluation
                .notes
                .iter()
                .map(|n| (texts().msg)(&n.msg))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use thidua_core::evaluate;
    use thidua_core::import::{campaign_from_files, SourceFile};

    fn sample(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/samples")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn sample_ranking() -> Ranking {
        let (t, u, s) = (
            sample("template.csv"),
            sample("units.csv"),
            sample("scores.csv"),
        );
        let file = |name, bytes| SourceFile { name, bytes };
        let campaign = campaign_from_files(
            file("template.csv", &t),
            file("units.csv", &u),
            Some(file("scores.csv", &s)),
        )
        .unwrap_or_else(|p| panic!("{p}"));
        Ranking::new(&campaign, &evaluate(&campaign))
    }

    #[test]
    fn sample_rows_carry_ranks_ties_totals_and_the_veto() {
        let r = sample_ranking();
        let ranked: Vec<(&str, Option<u32>, bool, &str)> = r
            .ranked
            .iter()
            .map(|row| (row.unit.as_str(), row.rank, row.tied, row.total.as_str()))
            .collect();
        assert_eq!(ranked[0], ("VPUB", Some(1), false, "103,5"));
        assert_eq!(ranked[1], ("LMHTX", Some(2), false, "101,4"));
        let mut third = ranked[2..5].to_vec();
        third.sort();
        assert_eq!(
            third,
            vec![
                ("CTK", Some(3), true, "100,2"),
                ("SNGV", Some(3), true, "100,2"),
                ("VPDBQH", Some(3), true, "100,2"),
            ]
        );
        assert_eq!(ranked[5], ("SKHDT", Some(6), false, "95,75"));
        assert_eq!(r.ranked[0].role, Some(thidua_core::Role::TruongKhoi.vi()));

        assert_eq!(r.disqualified.len(), 1);
        let kbnn = &r.disqualified[0];
        assert_eq!(
            (kbnn.unit.as_str(), kbnn.rank, kbnn.award.as_deref()),
            ("KBNN", None, None)
        );
        assert_eq!(kbnn.vetoes.len(), 1);
        assert!(
            kbnn.vetoes[0].title.starts_with("G.1. Người đứng đầu"),
            "{:?}",
            kbnn.vetoes
        );
        assert!(kbnn.vetoes[0].note.contains("45/QĐ-KBNN"));

        assert_eq!(r.scored_criteria, 22);
        assert_eq!(r.incomplete(), 0);
    }
}
