//! Reading the spreadsheets a command is given and importing them into a campaign. Bundle files
//! are read by `crate::docs`.

use crate::failure::Failure;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use thidua_core::import::{campaign_from_files, SourceFile};
use thidua_core::Campaign;

/// Larger than any real scorecard by far; stops `/dev/zero` or a wrong file from eating memory.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A file read whole. Its name, as the person typed it, is how problems point back at it.
struct Loaded {
    name: String,
    bytes: Vec<u8>,
}

impl Loaded {
    fn source(&self) -> SourceFile<'_> {
        SourceFile {
            name: &self.name,
            bytes: &self.bytes,
        }
    }
}

/// Reads a whole file, refusing one larger than any real input.
pub fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    let file = File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "tệp lớn hơn (file larger than) {} MiB",
                MAX_FILE_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(bytes)
}

/// Reads one file; on failure, records why and returns an empty placeholder so that every
/// unreadable file is reported together.
fn read(path: &Path, failed: &mut Vec<(PathBuf, io::Error)>) -> Loaded {
    let bytes = read_limited(path).unwrap_or_else(|err| {
        failed.push((path.to_path_buf(), err));
        Vec::new()
    });
    Loaded {
        name: path.display().to_string(),
        bytes,
    }
}

/// Reads and imports the three spreadsheets; any problem refuses the whole import.
pub fn load_campaign(
    template: &Path,
    units: &Path,
    scores: Option<&Path>,
) -> Result<Campaign, Failure> {
    let mut failed = Vec::new();
    let template = read(template, &mut failed);
    let units = read(units, &mut failed);
    let scores = scores.map(|p| read(p, &mut failed));
    if !failed.is_empty() {
        return Err(Failure::Unreadable(failed));
    }
    campaign_from_files(
        template.source(),
        units.source(),
        scores.as_ref().map(Loaded::source),
    )
    .map_err(Failure::Refused)
}
