//! `thidua export --xlsx OUT`: the same inputs as `score`, written as the Excel workbook the
//! browser app downloads (`thidua_export`): the summary first, then each unit's scorecard.

use super::score::load_source;
use crate::cli::{ExportArgs, ExportLang};
use crate::failure::Failure;
use std::io::{self, Write};
use std::path::Path;
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
    write_atomic(&args.xlsx, &bytes)?;
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

/// All or nothing, like `output::write_atomic` (which takes text): a half-written .xlsx is a file
/// Excel calls damaged, and a failure must leave whatever was at `path` before.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let fail = |e: io::Error| Failure::Unwritable(path.to_path_buf(), e);
    if path.is_dir() {
        return Err(fail(io::Error::new(
            io::ErrorKind::IsADirectory,
            "đây là một thư mục (this is a directory)",
        )));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".thidua-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    // The temporary file is private (0600); the workbook is a document to share.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(fail)?;
    }
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
