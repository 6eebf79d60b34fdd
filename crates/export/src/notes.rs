//! What a reader must know about a unit's line beside its numbers: why it is not ranked, that it
//! shares its rank, that its scorecard is incomplete, what the award rules left to the bloc.

use crate::Lang;
use thidua_core::{Campaign, Evaluation, Standing};

pub fn unit_notes(c: &Campaign, s: &Standing, eval: &Evaluation, lang: Lang) -> Vec<String> {
    let code_of = |id: &String| {
        c.template
            .criteria()
            .find(|(_, k)| &k.id == id)
            .map(|(_, k)| (k.code.clone(), k.title.clone()))
            .unwrap_or_else(|| (id.clone(), String::new()))
    };
    let mut out = Vec::new();
    for id in &s.score.vetoes {
        let (code, title) = code_of(id);
        out.push(lang.pick_owned(
            format!("Không xét thi đua: {code}. {title}"),
            format!("Not ranked: {code}. {title}"),
        ));
    }
    if let Some(rank) = s.rank {
        let tied = eval
            .standings
            .iter()
            .filter(|o| o.rank == Some(rank))
            .count();
        if tied > 1 {
            out.push(lang.pick_owned(
                format!("Đồng hạng {rank} ({tied} đơn vị)"),
                format!("Tied at rank {rank} ({tied} units)"),
            ));
        }
    }
    if !s.score.missing.is_empty() {
        let codes: Vec<String> = s.score.missing.iter().map(|id| code_of(id).0).collect();
        let n = codes.len();
        let list = codes.join(", ");
        out.push(lang.pick_owned(
            format!("Chưa chấm đủ, thiếu {n} tiêu chí ({list}): xếp hạng tạm, chưa đề nghị khen thưởng"),
            format!("Incomplete, {n} criteria unanswered ({list}): ranked provisionally, no award proposed"),
        ));
    }
    if !s.score.unfit.is_empty() {
        let list = s
            .score
            .unfit
            .iter()
            .map(|id| code_of(id).0)
            .collect::<Vec<_>>()
            .join(", ");
        out.push(lang.pick_owned(
            format!("Câu trả lời không còn khớp tiêu chí ({list}), tính 0 điểm"),
            format!("Answers no longer fit their criteria ({list}), scored 0"),
        ));
    }
    // Tie notes of the award rules; the incomplete-scorecards note is already said above.
    for note in eval
        .notes
        .iter()
        .filter(|n| !n.tier.is_empty() && n.units.contains(&s.unit))
    {
        out.push(lang.msg(&note.msg));
    }
    out
}
