//! One unit's scorecard as a list: each criterion with what the unit answered and scored, what the
//! review set and why, the points that count; the section totals, total, rank and award below.

use crate::cells::{answer, fit_row, lines, number, row_lines, title, Formats};
use crate::notes::unit_notes;
use crate::summary::{has_total, section_heading, section_total_label};
use crate::Lang;
use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError};
use thidua_core::answer::score;
use thidua_core::{Campaign, CriterionKind, Evaluation, Points, Standing};

const HEAD: RowNum = 3;
/// Where the points that count (and the totals under them) are.
const COUNTED: ColNum = 8;
const LAST: ColNum = 10;
const TITLE_WIDTH: f64 = 44.0;
const ANSWER_WIDTH: f64 = 13.0;
const REASON_WIDTH: f64 = 22.0;
const NOTE_WIDTH: f64 = 26.0;
/// The merged label cells of the totals, columns 0 to 7.
const LABEL_WIDTH: f64 = 100.0;

pub fn write(
    sheet: &mut Worksheet,
    c: &Campaign,
    s: &Standing,
    eval: &Evaluation,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let bloc = &c.bloc.value;
    sheet.write_string_with_format(
        0,
        0,
        title(
            lang,
            "BẢNG CHẤM ĐIỂM THI ĐUA",
            "EMULATION SCORECARD",
            bloc.year,
        ),
        &f.title,
    )?;
    sheet.set_row_height(0, 24)?;
    sheet.write_string_with_format(1, 0, format!("{} — {}", s.unit, s.name), &f.subtitle)?;
    sheet.set_row_height(1, 18)?;
    sheet.write_string_with_format(2, 0, &bloc.name, &f.note)?;

    let columns = [
        (lang.pick("Phần", "Section"), 6.0),
        (lang.pick("Mã", "Code"), 6.0),
        (lang.pick("Tiêu chí", "Criterion"), TITLE_WIDTH),
        (lang.pick("Điểm tối đa", "Max"), 7.0),
        (lang.pick("Tự chấm", "Self answer"), ANSWER_WIDTH),
        (lang.pick("Điểm tự chấm", "Self points"), 8.0),
        (lang.pick("Khối thẩm định", "Reviewed answer"), ANSWER_WIDTH),
        (lang.pick("Điểm thẩm định", "Reviewed points"), 8.0),
        (lang.pick("Điểm được tính", "Points counted"), 8.0),
        (
            lang.pick("Lý do thẩm định", "Reason for the review"),
            REASON_WIDTH,
        ),
        (
            lang.pick("Ghi chú, minh chứng", "Note, evidence"),
            NOTE_WIDTH,
        ),
    ];
    for (col, (label, width)) in (0..).zip(columns) {
        sheet.write_string_with_format(HEAD, col, label, &f.header)?;
        sheet.set_column_width(col, width)?;
    }
    row_lines(sheet, HEAD, 2)?;

    let entries = c.inputs.get(&s.unit);
    let mut row = HEAD + 1;
    let mut flat = 0;
    for sec in &c.template.sections {
        sheet.write_string_with_format(row, 0, &sec.code, &f.section_code)?;
        let heading = section_heading(sec, lang);
        sheet.merge_range(row, 1, row, 2, &heading, &f.section)?;
        row_lines(sheet, row, lines(&heading, 6.0 + TITLE_WIDTH, true))?;
        for col in 3..=LAST {
            sheet.write_blank(row, col, &f.section)?;
        }
        row += 1;
        for k in &sec.criteria {
            let entry = entries.and_then(|m| m.get(&k.id));
            let own = entry.and_then(|e| e.self_answer.value.as_ref());
            let reviewed = entry.and_then(|e| e.review.value.as_ref());
            let counted = s.score.criteria.get(flat).copied();
            let veto = k.kind == CriterionKind::Veto;
            // A disqualifying condition earns no points: its answer is what matters.
            sheet.write_string_with_format(row, 0, &sec.code, &f.center)?;
            sheet.write_string_with_format(row, 1, &k.code, &f.text)?;
            sheet.write_string_with_format(row, 2, &k.title, &f.wrap)?;
            points_or_blank(sheet, row, 3, (!veto).then_some(k.max), f)?;
            let own_text = own.map(|a| answer(a, lang));
            let reviewed_text = reviewed.map(|a| answer(a, lang));
            text_or_blank(sheet, row, 4, own_text.clone(), f)?;
            points_or_blank(sheet, row, 5, own.filter(|_| !veto).map(|a| score(k, a)), f)?;
            text_or_blank(sheet, row, 6, reviewed_text.clone(), f)?;
            // With a review, the points the core counted are the reviewed points.
            match reviewed.and(counted).filter(|_| !veto) {
                Some(p) => sheet.write_number_with_format(row, 7, number(p), &f.reviewed)?,
                None => sheet.write_blank(row, 7, &f.points)?,
            };
            points_or_blank(sheet, row, COUNTED, counted.filter(|_| !veto), f)?;
            let reason = entry.map(|e| e.review_reason.value.as_str()).unwrap_or("");
            let note = entry.map(|e| e.note.value.as_str()).unwrap_or("");
            sheet.write_string_with_format(row, 9, reason, &f.wrap)?;
            sheet.write_string_with_format(row, 10, note, &f.wrap)?;
            fit_row(
                sheet,
                row,
                &[
                    (&k.title, TITLE_WIDTH),
                    (own_text.as_deref().unwrap_or(""), ANSWER_WIDTH),
                    (reviewed_text.as_deref().unwrap_or(""), ANSWER_WIDTH),
                    (reason, REASON_WIDTH),
                    (note, NOTE_WIDTH),
                ],
            )?;
            row += 1;
            flat += 1;
        }
    }

    row += 1;
    for (sec, st) in c.template.sections.iter().zip(&s.score.sections) {
        if !has_total(sec) {
            continue;
        }
        let label = format!("{}: {}", section_total_label(sec, lang), sec.title);
        sheet.merge_range(row, 0, row, COUNTED - 1, &label, &f.label)?;
        row_lines(sheet, row, lines(&label, LABEL_WIDTH, true))?;
        sheet.write_number_with_format(row, COUNTED, number(st.total), &f.total)?;
        row += 1;
    }
    sheet.merge_range(
        row,
        0,
        row,
        COUNTED - 1,
        lang.pick("TỔNG ĐIỂM", "TOTAL"),
        &f.label,
    )?;
    sheet.write_number_with_format(row, COUNTED, number(s.total), &f.total)?;
    row += 1;
    sheet.merge_range(
        row,
        0,
        row,
        COUNTED - 1,
        lang.pick("Xếp hạng", "Rank"),
        &f.label,
    )?;
    match s.rank {
        Some(r) => sheet.write_number_with_format(row, COUNTED, r, &f.rank)?,
        None => sheet.merge_range(
            row,
            COUNTED,
            row,
            LAST,
            lang.pick("Không xếp hạng", "Not ranked"),
            &f.text,
        )?,
    };
    row += 1;
    sheet.merge_range(
        row,
        0,
        row,
        COUNTED - 1,
        lang.pick("Đề nghị khen thưởng", "Award proposed"),
        &f.label,
    )?;
    sheet.merge_range(
        row,
        COUNTED,
        row,
        LAST,
        s.award.as_deref().unwrap_or("—"),
        &f.wrap,
    )?;
    let notes = unit_notes(c, s, eval, lang);
    if !notes.is_empty() {
        row += 1;
        sheet.merge_range(
            row,
            0,
            row,
            COUNTED - 1,
            lang.pick("Ghi chú", "Notes"),
            &f.label,
        )?;
        sheet.merge_range(row, COUNTED, row, LAST, &notes.join("; "), &f.wrap)?;
        row_lines(
            sheet,
            row,
            lines(&notes.join("; "), REASON_WIDTH + NOTE_WIDTH + 8.0, false),
        )?;
    }

    sheet.set_freeze_panes(HEAD + 1, 0)?;
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(HEAD, HEAD)?;
    Ok(())
}

fn points_or_blank(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    p: Option<Points>,
    f: &Formats,
) -> Result<(), XlsxError> {
    match p {
        Some(p) => sheet.write_number_with_format(row, col, number(p), &f.points)?,
        None => sheet.write_blank(row, col, &f.points)?,
    };
    Ok(())
}

fn text_or_blank(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    t: Option<String>,
    f: &Formats,
) -> Result<(), XlsxError> {
    match t {
        Some(t) => sheet.write_string_with_format(row, col, t, &f.wrap)?,
        None => sheet.write_blank(row, col, &f.wrap)?,
    };
    Ok(())
}
