//! Writing a command's result to standard output or to a file.

use crate::failure::Failure;
use std::io::{self, Write};
use std::path::Path;

/// Writes `text` to standard output. A closed pipe (`thidua score … | head`) is not an error.
pub fn stdout(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::Stdout(e)),
        _ => Ok(()),
    }
}

/// Writes `text` to `path`, or to standard output when there is no path.
pub fn to_file_or_stdout(path: Option<&Path>, text: &str) -> Result<(), Failure> {
    match path {
        Some(p) => std::fs::write(p, text).map_err(|e| Failure::Unwritable(p.to_path_buf(), e)),
        None => stdout(text),
    }
}

/// Writes `bytes` (text, or a workbook) to `path` all or nothing: into a temporary file in the same
/// directory, flushed to disk, then renamed over `path`. A reader never sees half a file (Excel
/// calls a half-written .xlsx damaged), and a failure leaves whatever was at `path` before (the
/// temporary file is removed).
pub fn write_atomic(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), Failure> {
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
    tmp.write_all(bytes.as_ref()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    // The temporary file is private (0600); the result gets the permissions a plain write would.
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
