//! The first sheet of an .xlsx, read as text cells so that numbers go through the same exact decimal
//! reading as CSV.

use super::table::{Table, MAX_ROWS};
use crate::problem::{Msg, Problem, Problems};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

pub fn read(file: &str, bytes: &[u8]) -> Result<Table, Problems> {
    let unreadable = |detail: String| {
        Problems(vec![Problem::new(
            file,
            None,
            None,
            Msg::new(
                format!("không đọc được tệp Excel ({detail})"),
                format!("cannot read the Excel file ({detail})"),
            ),
        )])
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let range = match book.worksheet_range_at(0) {
        Some(r) => r.map_err(|e| unreadable(e.to_string()))?,
        None => return Err(unreadable("không có trang tính nào / no sheet".into())),
    };
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let first_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    let mut headers = None;
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        // Columns left of the used range are empty in the sheet; keep positions honest anyway.
        let mut cells: Vec<String> = vec![String::new(); first_col];
        cells.extend(row.iter().map(cell_text));
        if headers.is_none() {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            headers = Some(cells);
            continue;
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(unreadable(format!("quá {MAX_ROWS} dòng / more than {MAX_ROWS} rows")));
        }
        rows.push((first_row + i + 1, cells));
    }
    match headers {
        Some(headers) => Ok(Table { file: file.to_string(), headers, rows }),
        None => Err(Problems(vec![Problem::new(file, None, None, Msg::new("trang tính đầu tiên rỗng", "the first sheet is empty"))])),
    }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Spreadsheets store typed decimals as binary floats: 9.5 is exact, but a formula's 0.1 + 0.2
        // is not. Six decimals recover what a person typed; the exact reader then refuses anything
        // finer than hundredths instead of silently rounding it.
        Data::Float(x) => {
            let s = format!("{x:.6}");
            if s.contains('.') {
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                s
            }
        }
        Data::Bool(b) => if *b { "1" } else { "0" }.to_string(),
        Data::DateTime(dt) => dt.to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
