//! `thidua score`: import the spreadsheets (or read a bundle), evaluate, write `results.csv`.

use crate::cli::{ScoreArgs, SourceArgs};
use crate::failure::Failure;
use crate::{docs, input, output};
use thidua_core::results::results_csv;
use thidua_core::Campaign;

/// The campaign a `score` or `export` is given: a bundle, or the three spreadsheets imported.
pub fn load_source(source: &SourceArgs) -> Result<Campaign, Failure> {
    match (&source.bundle, &source.template, &source.units, &source.scores) {
        (Some(bundle), None, None, None) => docs::load_one(bundle),
        (None, Some(t), Some(u), Some(s)) => input::load_campaign(t, u, Some(s)),
        // clap's groups make this unreachable; still a usage error, never a panic.
        _ => clap::Error::raw(
            clap::error::ErrorKind::ArgumentConflict,
            "cần --bundle, hoặc --template --units --scores (give --bundle, or --template --units --scores)\n",
        )
        .exit(),
    }
}

pub fn run(args: &ScoreArgs) -> Result<(), Failure> {
    let campaign = load_source(&args.source)?;
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
