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
