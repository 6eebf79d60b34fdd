//! The bloc's results as an Excel workbook (.xlsx): a summary sheet (every unit in rank order, every
//! criterion's self and reviewed points, section totals, total, award, notes) and one sheet per unit
//! with its scorecard.
//!
//! Pure Rust with no I/O, so the browser and `thidua export` write the same bytes from the same
//! campaign. Every number comes from `thidua_core` (evaluation, scorecard, answers): this crate
//! lays the results out and never scores anything itself. Numbers are written as numbers with a
//! two-decimal format, so Excel and LibreOffice show exactly the core's value.

mod cells;
mod names;
mod notes;
mod summary;
mod unit_sheet;

use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};
use thidua_core::{evaluate, Campaign, Msg};

pub use names::sheet_names;

/// The language of the workbook's headers, sheet names and notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub(crate) fn pick(self, vi: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    pub(crate) fn pick_owned(self, vi: String, en: String) -> String {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    pub(crate) fn msg(self, m: &Msg) -> String {
        self.pick_owned(m.vi.clone(), m.en.clone())
    }

    /// The summary sheet's name; unit sheets never take it.
    pub fn summary_sheet(self) -> &'static str {
        self.pick("Tổng hợp", "Summary")
    }
}

/// The workbook for the campaign as it stands: the summary first, then one sheet per unit in rank
/// order. Fails only if the spreadsheet library refuses something (it should not), with a message.
pub fn workbook(c: &Campaign, lang: Lang) -> Result<Vec<u8>, Msg> {
    build(c, lang).map_err(|e| {
        Msg::new(
            format!("Không tạo được tệp Excel: {e}"),
            format!("Could not make the Excel file: {e}"),
        )
    })
}

fn build(c: &Campaign, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let eval = evaluate(c);
    let bloc = &c.bloc.value;
    let mut book = Workbook::new();
    let mut title = cells::title(
        lang,
        "Kết quả chấm điểm thi đua",
        "Emulation scores",
        bloc.year,
    );
    if !bloc.name.trim().is_empty() {
        title = format!("{title} — {}", bloc.name.trim());
    }
    book.set_properties(&DocProperties::new().set_title(title).set_author("Thi đua"));
    let formats = cells::Formats::new();

    let codes: Vec<&str> = eval.standings.iter().map(|s| s.unit.as_str()).collect();
    let names = sheet_names(lang.summary_sheet(), lang.pick("Đơn vị", "Unit"), &codes);

    let sheet = book.add_worksheet();
    sheet.set_name(lang.summary_sheet())?;
    summary::write(sheet, c, &eval, lang, &formats)?;

    for (standing, name) in eval.standings.iter().zip(&names) {
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        unit_sheet::write(sheet, c, standing, &eval, lang, &formats)?;
    }
    book.save_to_buffer()
}
