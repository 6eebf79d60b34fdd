//! The summary sheet: one row per unit in rank order; per criterion its self and reviewed points;
//! section totals, the total, the proposed award and notes. Three header rows (section, criterion,
//! self/reviewed), frozen with the rank, code and name columns.

use crate::cells::{answer, fit_row, lines, number, points_text, row_lines, title, Formats};
use crate::notes::unit_notes;
use crate::Lang;
use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError};
use thidua_core::answer::score;
use thidua_core::{Campaign, Criterion, CriterionKind, Evaluation, Section, SectionKind, Standing};

const HEAD: RowNum = 3;
const FIRST_DATA: RowNum = HEAD + 3;
const FIXED: ColNum = 3;
const CRITERION_WIDTH: f64 = 10.0;
const NAME_WIDTH: f64 = 28.0;
const AWARD_WIDTH: f64 = 30.0;
const NOTES_WIDTH: f64 = 44.0;

/// A section whose criteria are all disqualifying conditions has no points to total.
pub fn has_total(s: &Section) -> bool {
    s.criteria.is_empty() || s.criteria.iter().any(|c| c.kind != CriterionKind::Veto)
}

/// `A. Title (tối đa 60)`, saying whether a bonus adds and a penalty subtracts.
pub fn section_heading(s: &Section, lang: Lang) -> String {
    let max = points_text(s.max, lang);
    let note = match (s.kind, has_total(s)) {
        (_, false) => String::new(),
        (SectionKind::Section, true) => {
            lang.pick_owned(format!(" (tối đa {max})"), format!(" (max {max})"))
        }
        (SectionKind::Bonus, true) => lang.pick_owned(
            format!(" (cộng, tối đa {max})"),
            format!(" (added, max {max})"),
        ),
        (SectionKind::Penalty, true) => lang.pick_owned(
            format!(" (trừ, tối đa {max})"),
            format!(" (subtracted, max {max})"),
        ),
    };
    format!("{}. {}{note}", s.code, s.title)
}

pub fn section_total_label(s: &Section, lang: Lang) -> String {
    match s.kind {
        SectionKind::Penalty => lang.pick_owned(
            format!("Cộng phần {} (trừ)", s.code),
            format!("Section {} (subtracted)", s.code),
        ),
        _ => lang.pick_owned(
            format!("Cộng phần {}", s.code),
            format!("Section {} total", s.code),
        ),
    }
}

pub fn write(
    sheet: &mut Worksheet,
    c: &Campaign,
    eval: &Evaluation,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let t = &c.template.value;
    let bloc = &c.bloc.value;
    let heading = title(
        lang,
        "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA",
        "EMULATION SCORES: SUMMARY",
        bloc.year,
    );
    sheet.write_string_with_format(0, 0, heading, &f.title)?;
    sheet.set_row_height(0, 24)?;
    sheet.write_string_with_format(1, 0, &bloc.name, &f.subtitle)?;
    sheet.set_row_height(1, 18)?;
    sheet.write_string_with_format(
        2,
        0,
        lang.pick(
            "Ô tô màu: điểm Khối thẩm định, thay cho điểm tự chấm. Ô Thẩm định để trống: tiêu chí chưa được thẩm định.",
            "Shaded cells: reviewed points, which replace the self score. Empty Reviewed cell: not reviewed.",
        ),
        &f.note,
    )?;

    // Rank, code and name span the three header rows.
    let fixed = [
        (lang.pick("Hạng", "Rank"), 6.0),
        (lang.pick("Mã", "Code"), 9.0),
        (lang.pick("Tên đơn vị", "Unit"), NAME_WIDTH),
    ];
    for (col, (label, width)) in (0..).zip(fixed) {
        sheet.merge_range(HEAD, col, HEAD + 2, col, label, &f.header)?;
        sheet.set_column_width(col, width)?;
    }

    let mut col = FIXED;
    let mut title_lines = 2;
    let mut section_lines = 1;
    for s in &t.sections {
        let start = col;
        for k in &s.criteria {
            let label = format!("{}. {}", k.code, k.title);
            title_lines = title_lines.max(lines(&label, 2.0 * CRITERION_WIDTH, true));
            sheet.merge_range(HEAD + 1, col, HEAD + 1, col + 1, &label, &f.header)?;
            sheet.write_string_with_format(
                HEAD + 2,
                col,
                lang.pick("Tự chấm", "Self"),
                &f.header,
            )?;
            sheet.write_string_with_format(
                HEAD + 2,
                col + 1,
                lang.pick("Thẩm định", "Reviewed"),
                &f.header,
            )?;
            sheet.set_column_width(col, CRITERION_WIDTH)?;
            sheet.set_column_width(col + 1, CRITERION_WIDTH)?;
            col += 2;
        }
        if has_total(s) {
            sheet.merge_range(
                HEAD + 1,
                col,
                HEAD + 2,
                col,
                &section_total_label(s, lang),
                &f.header,
            )?;
            sheet.set_column_width(col, CRITERION_WIDTH + 1.0)?;
            col += 1;
        }
        if col == start {
            continue;
        }
        let heading = section_heading(s, lang);
        let width = f64::from(col - start) * CRITERION_WIDTH;
        section_lines = section_lines.max(lines(&heading, width, true));
        span(sheet, HEAD, start, col - 1, &heading, f)?;
    }
    let total_col = col;
    let tail = [
        (lang.pick("Tổng điểm", "Total"), 11.0),
        (
            lang.pick("Đề nghị khen thưởng", "Award proposed"),
            AWARD_WIDTH,
        ),
        (lang.pick("Ghi chú", "Notes"), NOTES_WIDTH),
    ];
    for (i, (label, width)) in (0..).zip(tail) {
        sheet.merge_range(
            HEAD,
            total_col + i,
            HEAD + 2,
            total_col + i,
            label,
            &f.header,
        )?;
        sheet.set_column_width(total_col + i, width)?;
    }
    row_lines(sheet, HEAD, section_lines)?;
    row_lines(sheet, HEAD + 1, title_lines)?;
    row_lines(sheet, HEAD + 2, 1)?;

    let mut row = FIRST_DATA;
    for s in &eval.standings {
        unit_row(sheet, row, c, s, eval, lang, f)?;
        row += 1;
    }
    // What the award rules could not settle, said once under the table.
    row += 1;
    for note in &eval.notes {
        sheet.write_string_with_format(row, 0, lang.msg(&note.msg), &f.note)?;
        row += 1;
    }

    sheet.set_freeze_panes(FIRST_DATA, FIXED)?;
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_repeat_rows(HEAD, HEAD + 2)?
        .set_repeat_columns(0, FIXED - 1)?
        // Dozens of columns: at full size a printout runs to a page per few criteria.
        .set_print_scale(75);
    Ok(())
}

fn unit_row(
    sheet: &mut Worksheet,
    row: RowNum,
    c: &Campaign,
    s: &Standing,
    eval: &Evaluation,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    match s.rank {
        Some(r) => sheet.write_number_with_format(row, 0, r, &f.rank)?,
        None => sheet.write_blank(row, 0, &f.rank)?,
    };
    sheet.write_string_with_format(row, 1, &s.unit, &f.text)?;
    sheet.write_string_with_format(row, 2, &s.name, &f.wrap)?;

    let entries = c.inputs.get(&s.unit);
    let mut col = FIXED;
    let mut flat = 0;
    for (si, sec) in c.template.sections.iter().enumerate() {
        for k in &sec.criteria {
            let entry = entries.and_then(|m| m.get(&k.id));
            let own = entry.and_then(|e| e.self_answer.value.as_ref());
            let reviewed = entry.and_then(|e| e.review.value.as_ref());
            let counted = s.score.criteria.get(flat).copied();
            match own {
                Some(a) => own_cell(sheet, row, col, k, a, lang, f)?,
                None => {
                    sheet.write_blank(row, col, &f.points)?;
                }
            }
            match (reviewed, counted) {
                (Some(a), _) if k.kind == CriterionKind::Veto => {
                    sheet.write_string_with_format(row, col + 1, answer(a, lang), &f.reviewed)?
                }
                // With a review, the points the core counted are the reviewed points.
                (Some(_), Some(p)) => {
                    sheet.write_number_with_format(row, col + 1, number(p), &f.reviewed)?
                }
                _ => sheet.write_blank(row, col + 1, &f.points)?,
            };
            col += 2;
            flat += 1;
        }
        if has_total(sec) {
            match s.score.sections.get(si) {
                Some(st) => sheet.write_number_with_format(row, col, number(st.total), &f.total)?,
                None => sheet.write_blank(row, col, &f.total)?,
            };
            col += 1;
        }
    }
    let award = s.award.as_deref().unwrap_or("");
    let notes = unit_notes(c, s, eval, lang).join("; ");
    sheet.write_number_with_format(row, col, number(s.total), &f.total)?;
    sheet.write_string_with_format(row, col + 1, award, &f.wrap)?;
    sheet.write_string_with_format(row, col + 2, &notes, &f.wrap)?;
    fit_row(
        sheet,
        row,
        &[
            (&s.name, NAME_WIDTH),
            (award, AWARD_WIDTH),
            (&notes, NOTES_WIDTH),
        ],
    )?;
    Ok(())
}

/// The unit's own answer: for a disqualifying condition the answer itself, else its points.
fn own_cell(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    k: &Criterion,
    a: &thidua_core::Answer,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    if k.kind == CriterionKind::Veto {
        sheet.write_string_with_format(row, col, answer(a, lang), &f.center)?;
    } else {
        sheet.write_number_with_format(row, col, number(score(k, a)), &f.points)?;
    }
    Ok(())
}

/// A header across columns; one column cannot be merged.
fn span(
    sheet: &mut Worksheet,
    row: RowNum,
    first: ColNum,
    last: ColNum,
    text: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    if first == last {
        sheet.write_string_with_format(row, first, text, &f.header)?;
    } else {
        sheet.merge_range(row, first, row, last, text, &f.header)?;
    }
    Ok(())
}
