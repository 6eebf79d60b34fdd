//! Award proposals by rank, under each tier's conditions.
//!
//! A unit is proposed for the first tier (in the bloc's order) whose ranks include its rank and whose
//! conditions it meets. Units tied at a rank are treated as one group: when a tier's maximum count
//! cannot take the whole group, none of them is proposed for it automatically and a note asks the bloc
//! to decide (by ballot, as its rules say), rather than picking by list order. A unit whose
//! scorecard is incomplete is ranked (provisionally) but proposed for nothing until it is complete.

use crate::model::{AwardTier, VoteTally};
use crate::problem::Msg;
use crate::ranking::Standing;
use std::collections::BTreeMap;

/// Something the bloc must decide or know about the proposals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardNote {
    pub tier: String,
    pub units: Vec<String>,
    pub msg: Msg,
}

pub(crate) fn propose(
    standings: &mut [Standing],
    tiers: &[AwardTier],
    votes: &BTreeMap<String, crate::model::Field<VoteTally>>,
) -> Vec<AwardNote> {
    let mut given = vec![0u32; tiers.len()];
    let mut notes = Vec::new();
    let mut i = 0;
    while i < standings.len() {
        let Some(rank) = standings[i].rank else { break };
        let end = i + standings[i..].iter().take_while(|s| s.rank == Some(rank)).count();
        let mut pending: Vec<usize> = (i..end).collect();
        for (t, tier) in tiers.iter().enumerate() {
            if pending.is_empty() {
                break;
            }
            if rank < tier.rank_from || rank > tier.rank_to {
                continue;
            }
            let share = |s: &Standing| votes.get(&s.unit).and_then(|v| v.value.share());
            let (qualified, rest): (Vec<usize>, Vec<usize>) = pending.iter().partition(|&&k| {
                let s = &standings[k];
                s.score.is_complete()
                    && tier.min_total.is_none_or(|m| s.total >= m)
                    && tier.min_vote_share.is_none_or(|m| share(s).is_some_and(|sh| sh >= m))
            });
            if qualified.is_empty() {
                continue;
            }
            let room = tier.max_count.map(|m| m.saturating_sub(given[t]));
            if room.is_some_and(|r| (qualified.len() as u64) > u64::from(r)) {
                notes.push(tie_note(tier, rank, &qualified, standings));
                continue;
            }
            for &k in &qualified {
                standings[k].award = Some(tier.name.clone());
            }
            given[t] += qualified.len() as u32;
            pending = rest;
        }
        i = end;
    }
    let incomplete: Vec<String> =
        standings.iter().filter(|s| s.rank.is_some() && !s.score.is_complete()).map(|s| s.unit.clone()).collect();
    if !incomplete.is_empty() {
        notes.push(AwardNote {
            tier: String::new(),
            msg: Msg::new(
                format!(
                    "{} đơn vị chưa chấm đủ các tiêu chí ({}): được xếp hạng tạm nhưng chưa được đề nghị khen thưởng.",
                    incomplete.len(),
                    incomplete.join(", ")
                ),
                format!(
                    "{} units have not scored every criterion ({}): ranked provisionally, not proposed for awards.",
                    incomplete.len(),
                    incomplete.join(", ")
                ),
            ),
            units: incomplete,
        });
    }
    notes
}

fn tie_note(tier: &AwardTier, rank: u32, group: &[usize], standings: &[Standing]) -> AwardNote {
    let units: Vec<String> = group.iter().map(|&k| standings[k].unit.clone()).collect();
    let max = tier.max_count.unwrap_or(0);
    AwardNote {
        tier: tier.name.clone(),
        msg: Msg::new(
            format!(
                "{} đơn vị đồng hạng {rank} ({}) vượt số lượng «{}» (tối đa {max}): Khối cần bình xét, bỏ phiếu để quyết định.",
                units.len(),
                units.join(", "),
                tier.name
            ),
            format!(
                "{} units tied at rank {rank} ({}) exceed the maximum count of «{}» ({max}): the bloc must decide, e.g. by ballot.",
                units.len(),
                units.join(", "),
                tier.name
            ),
        ),
        units,
    }
}
