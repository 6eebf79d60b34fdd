//! `thidua validate`: every problem on standard error and exit 1 (3 when a file cannot be read),
//! and a short summary of what is valid on standard output.
//!
//! Data files (`FILE…`, see `crate::docs`) and spreadsheets (`--template --units [--scores]`) may
//! both be given: each is checked on its own terms and every problem of every file is reported.

use crate::cli::ValidateArgs;
use crate::failure::Failure;
use crate::{docs, input, output};
use std::fmt::Write;
use std::path::PathBuf;
use thidua_core::{Campaign, Evaluation};

/// How many missing criteria to name per unit before "…".
const MISSING_SHOWN: usize = 8;

pub fn run(args: &ValidateArgs) -> Result<(), Failure> {
    let mut failures = Vec::new();
    let mut out = String::new();
    if let (Some(template), Some(units)) = (&args.template, &args.units) {
        match input::load_campaign(template, units, args.scores.as_deref()) {
            Ok(campaign) => {
                let evaluation = thidua_core::evaluate(&campaign);
                out.push_str(&summary(&campaign, &evaluation, args.scores.is_some()));
            }
            Err(f) => failures.push(f),
        }
    }
    if !args.files.is_empty() {
        out.push_str(&files(&args.files, &mut failures));
    }
    output::stdout(&out)?;
    match Failure::combine(failures) {
        Some(f) => Err(f),
        None => Ok(()),
    }
}

/// Checks the data files: each on its own, then those of the same campaign against each other.
/// Returns the summary lines; what is wrong goes to `failures`.
fn files(paths: &[PathBuf], failures: &mut Vec<Failure>) -> String {
    let loaded = docs::load(paths);
    let mut problems = loaded.problems;
    let checked = docs::cross_check(&loaded.docs, docs::now_ms(), &mut problems);
    let mut s = String::new();
    for (d, refused) in loaded.docs.iter().zip(&checked.refused) {
        s.push_str(&docs::summary(d, *refused));
    }
    for g in checked.groups.iter().filter(|g| g.members.len() > 1) {
        let all = g.members.len();
        let refused = g.members.iter().filter(|&&i| checked.refused[i]).count();
        if refused == 0 {
            let _ = writeln!(
                s,
                "Chiến dịch (campaign) «{}»: {all} tệp hợp nhất được, không tệp nào bị từ chối \
                 ({all} files can be merged, none refused); sau khi hợp nhất (merged): {}",
                g.id,
                docs::counts(&g.merged)
            );
        } else {
            let _ = writeln!(
                s,
                "Chiến dịch (campaign) «{}»: {refused}/{all} tệp bị từ chối khi nhập sau các tệp khác \
                 ({refused} of {all} files refused on top of the others)",
                g.id
            );
        }
    }
    if !loaded.unreadable.is_empty() {
        failures.push(Failure::Unreadable(loaded.unreadable));
    }
    if !problems.is_empty() {
        failures.push(Failure::Refused(problems));
    }
    s
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
