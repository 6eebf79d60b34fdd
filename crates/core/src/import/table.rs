//! A spreadsheet as rows of text cells with a header, read from CSV or from the first sheet of an
//! .xlsx. The three importers only ever see this shape.

use crate::problem::{Msg, Problem, Problems};
use serde::{Deserialize, Serialize};

/// Files larger than this are refused before parsing: a bloc's scorecard is kilobytes, and a browser
/// tab must not be frozen by a mistaken upload.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Rows beyond this are refused: 40 units × 300 criteria is 12,000 score rows.
pub const MAX_ROWS: usize = 200_000;

/// Serializable so that a table read elsewhere (the web app's Excel worker) can be handed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub file: String,
    pub headers: Vec<String>,
    /// Data rows with their spreadsheet row number (the header is row 1).
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// The index of a column, matched case-insensitively after trimming.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h.trim().to_lowercase() == name)
    }

    /// Finds every required column, or says which are missing.
    pub fn require(&self, names: &[&str]) -> Result<Vec<usize>, Problems> {
        let mut found = Vec::new();
        let mut problems = Problems::default();
        for name in names {
            match self.column(name) {
                Some(i) => found.push(i),
                None => problems.push(Problem::new(
                    &self.file,
                    Some(1),
                    None,
                    Msg::new(
                        format!("thiếu cột «{name}» ở dòng tiêu đề"),
                        format!("the header has no «{name}» column"),
                    ),
                )),
            }
        }
        if problems.is_empty() {
            Ok(found)
        } else {
            Err(problems)
        }
    }

    pub fn problem(&self, row: usize, column: &str, msg: Msg) -> Problem {
        Problem::new(&self.file, Some(row), Some(column), msg)
    }
}

/// Cell `i` of a row, trimmed; a short row reads as empty cells.
pub fn cell(row: &[String], i: usize) -> &str {
    row.get(i).map(|s| s.trim()).unwrap_or("")
}

/// One problem that stops a whole file.
pub(super) fn refuse(file: &str, msg: Msg) -> Problems {
    Problems(vec![Problem::new(file, None, None, msg)])
}

/// Whether the bytes are an .xlsx (a zip file), whatever the file's name says.
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads CSV or .xlsx, told apart by the bytes (an .xlsx is a zip file), not by the file name.
pub fn read_table(file: &str, bytes: &[u8]) -> Result<Table, Problems> {
    if bytes.len() > MAX_BYTES {
        return Err(refuse(
            file,
            Msg::new(
                format!("tệp quá lớn ({} MB, tối đa {} MB)", bytes.len() / 1_048_576, MAX_BYTES / 1_048_576),
                format!("file too large ({} MB, at most {} MB)", bytes.len() / 1_048_576, MAX_BYTES / 1_048_576),
            ),
        ));
    }
    if is_xlsx(bytes) {
        return read_xlsx(file, bytes);
    }
    read_csv(file, bytes)
}

#[cfg(feature = "xlsx")]
fn read_xlsx(file: &str, bytes: &[u8]) -> Result<Table, Problems> {
    super::xlsx::read(file, bytes)
}

#[cfg(not(feature = "xlsx"))]
fn read_xlsx(file: &str, _bytes: &[u8]) -> Result<Table, Problems> {
    Err(refuse(
        file,
        Msg::new(
            "bản này không đọc được tệp Excel (.xlsx); hãy lưu thành CSV",
            "this build cannot read Excel (.xlsx) files; save as CSV",
        ),
    ))
}

/// UTF-8 (BOM or not), `,` or `;` as the header uses, RFC 4180 quoting.
pub fn read_csv(file: &str, bytes: &[u8]) -> Result<Table, Problems> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(refuse(
            file,
            Msg::new(
                "tệp được lưu bằng mã hóa UTF-16 («Unicode Text»); hãy lưu lại thành «CSV UTF-8»",
                "the file is UTF-16 («Unicode Text»); save it again as «CSV UTF-8»",
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
            return Err(Problems(vec![Problem::new(
                file,
                Some(line),
                None,
                Msg::new(
                    "tệp không phải văn bản UTF-8 (hãy lưu lại với mã hóa UTF-8, ví dụ «CSV UTF-8» trong Excel)",
                    "the file is not UTF-8 text (save it again as UTF-8, e.g. «CSV UTF-8» in Excel)",
                ),
            )]));
        }
    };
    if text.contains('\0') {
        return Err(refuse(file, Msg::new("tệp chứa dữ liệu nhị phân, không phải CSV", "the file holds binary data, not CSV")));
    }
    if text.trim().is_empty() {
        return Err(refuse(file, Msg::new("tệp rỗng", "the file is empty")));
    }
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = if count_outside_quotes(header_line, ';') > count_outside_quotes(header_line, ',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers = None;
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let row_no = i + 1;
        let rec = rec.map_err(|e| {
            let row = e.position().map(|p| p.line() as usize).unwrap_or(row_no);
            Problems(vec![Problem::new(
                file,
                Some(row),
                None,
                Msg::new(format!("không đọc được dòng CSV ({e})"), format!("unreadable CSV row ({e})")),
            )])
        })?;
        let row: Vec<String> = rec.iter().map(str::to_string).collect();
        if headers.is_none() {
            headers = Some(row);
            continue;
        }
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(refuse(
                file,
                Msg::new(format!("quá nhiều dòng (tối đa {MAX_ROWS})"), format!("too many rows (at most {MAX_ROWS})")),
            ));
        }
        // A record may span lines (quoted newlines); the position is where it starts.
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(row_no);
        rows.push((line, row));
    }
    let headers = headers.unwrap_or_default();
    Ok(Table { file: file.to_string(), headers, rows })
}

fn count_outside_quotes(line: &str, sep: char) -> usize {
    let mut inside = false;
    let mut n = 0;
    for ch in line.chars() {
        if ch == '"' {
            inside = !inside;
        } else if ch == sep && !inside {
            n += 1;
        }
    }
    n
}
