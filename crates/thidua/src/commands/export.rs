//! `thidua export --xlsx OUT`: the same inputs as `score`, written as the Excel workbook the
//! browser app downloads (`thidua_export`): the summary first, then each unit's scorecard.

use super::score::load_source;
use crate::cli::{ExportArgs, ExportLang};
use crate::failure::Failure;
use crate::output;
use std::io;
use thidua_export::{workbook, Lang};

pub fn run(args: &ExportArgs) -> Result<(), Failure> {
    let campaign = load_source(&args.source)?;
    let lang = match args.lang {
        ExportLang::Vi => Lang::Vi,
        ExportLang::En => Lang::En,
    };
    let bytes = workbook(&campaign, lang).map_err(|m| {
        Failure::Unwritable(
            args.xlsx.clone(),
            io::Error::other(format!("{} ({})", m.vi, m.en)),
        )
    })?;
    output::write_atomic(&args.xlsx, &bytes)?;
    let incomplete = thidua_core::evaluate(&campaign)
        .standings
        .iter()
        .filter(|s| !s.score.is_complete())
        .count();
    if incomplete > 0 {
        eprintln!(
            "Cảnh báo: {incomplete} phiếu chấm chưa đủ, tiêu chí thiếu tính 0 điểm \
             (warning: {incomplete} incomplete scorecard(s), missing criteria score 0)"
        );
    }
    Ok(())
}
