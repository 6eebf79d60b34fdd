//! `thidua score`: import, evaluate, write `results.csv`.

use crate::cli::ScoreArgs;
use crate::failure::Failure;
use crate::{input, output};
use thidua_core::results::results_csv;

pub fn run(args: &ScoreArgs) -> Result<(), Failure> {
    let campaign = input::load_campaign(&args.template, &args.units, Some(&args.scores))?;
    let evaluation = thidua_core::evaluate(&campaign);
    output::to_file_or_stdout(args.out.as_deref(), &results_csv(&evaluation))?;
    // What the award rules could not settle goes beside the CSV, not into it.
    for note in &evaluation.notes {
        eprintln!("Ghi chú (note): {} ({})", note.msg.vi, note.msg.en);
    }
    let incomplete = evaluation
        .standings
        .iter()
        .filter(|s| !s.score.is_complete())
        .count();
    if incomplete > 0 {
        eprintln!(
            "Cảnh báo: {incomplete} phiếu chấm chưa đủ, tiêu chí thiếu tính 0 điểm \
             (warning: {incomplete} incomplete scorecard(s), missing criteria score 0; see `thidua validate`)"
        );
    }
    Ok(())
}
