//! The cell formats both kinds of sheet share, and how a core value becomes a cell.

use crate::Lang;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, RowNum, Worksheet, XlsxError};
use thidua_core::answer::answer_text;
use thidua_core::{Answer, Points};

/// Two decimals always: a reader compares 8,50 with 8,5 at a glance, and the cell's value is the
/// core's exactly (hundredths / 100).
const POINTS: &str = "0.00";
const HEADER_FILL: u32 = 0xE8EEF4;
const SECTION_FILL: u32 = 0xF3F5F7;
const REVIEWED_FILL: u32 = 0xFFF4D6;
const BORDER: u32 = 0xB8C2CC;
/// The font of Vietnamese administrative documents; LibreOffice has a metric twin (Liberation
/// Serif), so rows sized here fit in both.
const FONT: &str = "Times New Roman";
/// Points per line of 11-point text, with room for stacked diacritics (ể, ỗ).
const LINE: f64 = 15.0;

pub struct Formats {
    pub title: Format,
    pub subtitle: Format,
    pub header: Format,
    pub text: Format,
    pub wrap: Format,
    pub center: Format,
    pub rank: Format,
    pub points: Format,
    pub reviewed: Format,
    pub total: Format,
    pub section: Format,
    pub section_code: Format,
    pub note: Format,
    pub label: Format,
}

impl Formats {
    pub fn new() -> Formats {
        let cell = || {
            Format::new()
                .set_font_name(FONT)
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(BORDER))
                .set_align(FormatAlign::Top)
        };
        let header = cell()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(HEADER_FILL));
        Formats {
            title: Format::new()
                .set_font_name(FONT)
                .set_bold()
                .set_font_size(14),
            subtitle: Format::new().set_font_name(FONT).set_font_size(12),
            header,
            text: cell(),
            wrap: cell().set_text_wrap(),
            center: cell().set_align(FormatAlign::Center),
            rank: cell()
                .set_align(FormatAlign::Center)
                .set_num_format("0")
                .set_bold(),
            points: cell().set_num_format(POINTS),
            reviewed: cell()
                .set_num_format(POINTS)
                .set_background_color(Color::RGB(REVIEWED_FILL)),
            total: cell().set_num_format(POINTS).set_bold(),
            section: cell()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(SECTION_FILL)),
            section_code: cell()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(SECTION_FILL)),
            note: Format::new()
                .set_font_name(FONT)
                .set_italic()
                .set_font_color(Color::RGB(0x4A5560)),
            label: cell().set_bold().set_align(FormatAlign::Right),
        }
    }
}

/// The cell value of points: the core's hundredths as a number, never re-rounded.
pub fn number(p: Points) -> f64 {
    p.hundredths() as f64 / 100.0
}

/// What was answered, as a person would read it: yes/no in words, numbers the language's way.
pub fn answer(a: &Answer, lang: Lang) -> String {
    match a {
        Answer::Flag(true) => lang.pick("Có", "Yes").to_string(),
        Answer::Flag(false) => lang.pick("Không", "No").to_string(),
        Answer::Number(p) => points_text(*p, lang),
        other => answer_text(other),
    }
}

/// `8,5` or `8.5` inside a sentence.
pub fn points_text(p: Points, lang: Lang) -> String {
    match lang {
        Lang::Vi => p.to_vi(),
        Lang::En => p.to_vi().replace(',', "."),
    }
}

/// Lines a wrapped text needs in a cell `width` characters wide. An estimate (words do not break,
/// bold runs wider), because LibreOffice does not size the rows of a file it opens, and neither
/// spreadsheet sizes rows of merged cells.
pub fn lines(text: &str, width: f64, bold: bool) -> u32 {
    // Times New Roman fits about 1.5 characters of Vietnamese text per unit of column width (as
    // measured in LibreOffice); a little less is assumed, for words that do not break.
    let per_line = (width * if bold { 1.2 } else { 1.4 }).max(4.0);
    text.split('\n')
        .map(|part| (part.chars().count() as f64 / per_line).ceil().max(1.0) as u32)
        .sum::<u32>()
        .clamp(1, 20)
}

/// Makes `row` tall enough for `lines` lines of text.
pub fn row_lines(sheet: &mut Worksheet, row: RowNum, lines: u32) -> Result<(), XlsxError> {
    sheet.set_row_height(row, f64::from(lines) * LINE + 3.0)?;
    Ok(())
}

/// Makes `row` tall enough for the longest of its wrapped texts, each with its column's width.
pub fn fit_row(sheet: &mut Worksheet, row: RowNum, texts: &[(&str, f64)]) -> Result<(), XlsxError> {
    let n = texts
        .iter()
        .map(|(t, w)| lines(t, *w, false))
        .max()
        .unwrap_or(1);
    if n > 1 {
        row_lines(sheet, row, n)?;
    }
    Ok(())
}

/// A title with the year when the campaign has one (a campaign imported from
/// bare spreadsheets has none).
pub fn title(lang: Lang, vi: &str, en: &str, year: u16) -> String {
    let base = lang.pick_owned(vi.to_string(), en.to_string());
    match (year, lang) {
        (0, _) => base,
        (y, Lang::Vi) if base.chars().any(char::is_lowercase) => format!("{base} năm {y}"),
        (y, Lang::Vi) => format!("{base} NĂM {y}"),
        (y, Lang::En) => format!("{base} {y}"),
    }
}
