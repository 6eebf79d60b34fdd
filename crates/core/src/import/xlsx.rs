//! The first sheet of an .xlsx, read as text cells so that numbers go through the same exact decimal
//! reading as CSV.

use super::table::{refuse, Table, MAX_ROWS};
use crate::problem::{Msg, Problems};
use calamine::{Data, Reader, Xlsx, XlsxError};
use std::collections::BTreeMap;
use std::io::Cursor;

/// Excel's last row: a cell beyond it is not from a spreadsheet program.
const MAX_SHEET_ROW: u32 = 1_048_576;
/// The columns a sheet of ours may use (ours have a handful; Excel allows 16,384).
const MAX_COLUMNS: u32 = 1_000;
/// The cells a sheet may hold: 200,000 rows of five columns.
const MAX_CELLS: usize = 1_000_000;

/// Reads the cells one by one and keeps only those with something in them, so that memory follows
/// what the file holds, not where its cells claim to be: a sheet built as a grid (calamine's
/// `worksheet_range`) from a tiny file with one cell at column ZZZZZZ would need 80 GB.
pub fn read(file: &str, bytes: &[u8]) -> Result<Table, Problems> {
    let unreadable = |detail: String| {
        refuse(file, Msg::new(format!("không đọc được tệp Excel ({detail})"), format!("cannot read the Excel file ({detail})")))
    };
    // Not opening at all: the file is damaged, or is not a workbook saved as .xlsx (an .xls or
    // another program's file renamed); the library's words stay as the detail.
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        refuse(
            file,
            Msg::new(
                format!("không mở được tệp Excel: tệp bị hỏng hoặc không phải bảng tính .xlsx (hãy mở bằng Excel và lưu lại dạng «Excel Workbook (.xlsx)» hoặc CSV UTF-8; chi tiết: {e})"),
                format!("cannot open the Excel file: it is damaged or not an .xlsx workbook (open it in Excel and save it as «Excel Workbook (.xlsx)» or CSV UTF-8; detail: {e})"),
            ),
        )
    })?;
    let Some(name) = book.sheet_names().into_iter().next() else {
        return Err(unreadable("không có trang tính nào / no sheet".into()));
    };
    // Row → column → text, for the cells that hold something.
    let mut sheet: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    let mut count = 0usize;
    match book.worksheet_cells_reader(&name) {
        // A chart sheet first: no cells.
        Err(XlsxError::NotAWorksheet(_)) => {}
        Err(e) => return Err(unreadable(e.to_string())),
        Ok(mut cells) => {
            while let Some(cell) = cells.next_cell().map_err(|e| unreadable(e.to_string()))? {
                let (row, col) = cell.get_position();
                let text = cell_text(&Data::from(cell.get_value().clone()));
                if text.trim().is_empty() {
                    continue;
                }
                if row >= MAX_SHEET_ROW || col >= MAX_COLUMNS {
                    return Err(unreadable(format!(
                        "ô ở dòng {}, cột {} nằm ngoài vùng dùng được (tối đa {MAX_COLUMNS} cột) / a cell at row {}, column {} is outside the usable area (at most {MAX_COLUMNS} columns)",
                        u64::from(row) + 1,
                        u64::from(col) + 1,
                        u64::from(row) + 1,
                        u64::from(col) + 1
                    )));
                }
                count += 1;
                if count > MAX_CELLS || sheet.len() > MAX_ROWS + 1 {
                    return Err(unreadable(format!("quá {MAX_ROWS} dòng / more than {MAX_ROWS} rows")));
                }
                sheet.entry(row).or_default().insert(col, text);
            }
        }
    }
    let mut headers = None;
    let mut rows = Vec::new();
    for (row, cols) in sheet {
        let width = cols.keys().next_back().map_or(0, |c| *c as usize + 1);
        let mut cells = vec![String::new(); width];
        for (col, text) in cols {
            cells[col as usize] = text;
        }
        if headers.is_none() {
            headers = Some(cells);
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(unreadable(format!("quá {MAX_ROWS} dòng / more than {MAX_ROWS} rows")));
        }
        rows.push((row as usize + 1, cells));
    }
    match headers {
        Some(headers) => Ok(Table { file: file.to_string(), headers, rows }),
        None => Err(refuse(file, Msg::new("trang tính đầu tiên rỗng", "the first sheet is empty"))),
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
