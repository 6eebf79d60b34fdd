//! `thidua validate`: every problem on standard error and exit 1, or a short summary.

use crate::cli::ValidateArgs;
use crate::failure::Failure;
use crate::{input, output};
use std::fmt::Write;
use thidua_core::{Campaign, Evaluation};

/// How many missing criteria to name per unit before "…".
const MISSING_SHOWN: usize = 8;

pub fn run(args: &ValidateArgs) -> Result<(), Failure> {
    let campaign = input::load_campaign(&args.template, &args.units, args.scores.as_deref())?;
    let evaluation = thidua_core::evaluate(&campaign);
    output::stdout(&summary(&campaign, &evaluation, args.scores.is_some()))
}

fn summary(c: &Campaign, e: &Evaluation, has_scores: bool) -> String {
    let units = c.units.len();
    let sections = c.template.sections.len();
    let criteria = c.template.criteria().count();
    let mut s = format!(
        "Hợp lệ (OK): {units} đơn vị (units), {sections} phần (sections), {criteria} tiêu chí (criteria).\n"
    );
    if has_scores {
        let incomplete: Vec<_> = e
            .standings
            .iter()
            .filter(|st| !st.score.is_complete())
            .collect();
        let _ = writeln!(
            s,
            "Phiếu chấm chưa đủ (incomplete scorecards): {}",
            incomplete.len()
        );
        for st in incomplete {
            let codes: Vec<&str> = st
                .score
                .missing
                .iter()
                .map(|id| code_of(c, id))
                .take(MISSING_SHOWN)
                .collect();
            let more = if st.score.missing.len() > MISSING_SHOWN {
                ", …"
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "  {}: thiếu (missing) {}{more}",
                st.unit,
                codes.join(", ")
            );
        }
        let disqualified: Vec<&str> = e
            .standings
            .iter()
            .filter(|st| !st.eligible())
            .map(|st| st.unit.as_str())
            .collect();
        let _ = write!(
            s,
            "Không xét thi đua (disqualified): {}",
            disqualified.len()
        );
        if !disqualified.is_empty() {
            let _ = write!(s, " ({})", disqualified.join(", "));
        }
        s.push('\n');
    } else {
        s.push_str("Chưa có điểm (no scores file given).\n");
    }
    let _ = writeln!(s, "Ghi chú khen thưởng (award notes): {}", e.notes.len());
    for note in &e.notes {
        let _ = writeln!(s, "  {} ({})", note.msg.vi, note.msg.en);
    }
    s
}

/// A criterion's code for display; its id if the template no longer has it.
fn code_of<'a>(c: &'a Campaign, id: &'a str) -> &'a str {
    c.template
        .criteria()
        .find(|(_, cr)| cr.id == id)
        .map_or(id, |(_, cr)| cr.code.as_str())
}
