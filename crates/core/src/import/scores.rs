//! `scores.csv`: each unit's input (and the reviewed input) per criterion.

use super::table::{cell, Table};
use crate::answer::parse_answer;
use crate::model::{Entry, Field, Template, Unit};
use crate::problem::{Msg, Problems};
use std::collections::{BTreeMap, HashMap};

pub type Inputs = BTreeMap<String, BTreeMap<String, Entry>>;

pub fn scores_from_table(t: &Table, template: &Template, units: &[Unit]) -> Result<Inputs, Problems> {
    let cols = t.require(&["unit", "code", "self"])?;
    let (c_unit, c_code, c_self) = (cols[0], cols[1], cols[2]);
    let c_review = t.column("review");
    let c_note = t.column("note");
    let unit_codes: HashMap<String, &str> = units.iter().map(|u| (u.code.to_lowercase(), u.code.as_str())).collect();
    let criteria: HashMap<String, _> = template.criteria().map(|(_, c)| (c.code.to_lowercase(), c)).collect();
    let mut problems = Problems::default();
    let mut inputs = Inputs::new();
    let mut first_row: HashMap<(String, String), usize> = HashMap::new();

    for (row, cells) in &t.rows {
        let row = *row;
        let unit_text = cell(cells, c_unit);
        let code_text = cell(cells, c_code);
        let mut bad = |column: &str, msg: Msg| problems.push(t.problem(row, column, msg));
        let Some(&unit) = unit_codes.get(&unit_text.to_lowercase()) else {
            bad("unit", Msg::new(
                format!("không có đơn vị mã «{unit_text}» trong danh sách đơn vị"),
                format!("no unit with code «{unit_text}» in the units list"),
            ));
            continue;
        };
        let Some(&criterion) = criteria.get(&code_text.to_lowercase()) else {
            bad("code", Msg::new(
                format!("không có tiêu chí mã «{code_text}» trong bảng chấm điểm"),
                format!("no criterion with code «{code_text}» in the scorecard"),
            ));
            continue;
        };
        if let Some(prev) = first_row.insert((unit.to_string(), criterion.id.clone()), row) {
            bad("code", Msg::new(
                format!("đơn vị «{unit}» đã có điểm tiêu chí «{}» ở dòng {prev}", criterion.code),
                format!("unit «{unit}» already scored criterion «{}» at row {prev}", criterion.code),
            ));
            continue;
        }
        let self_answer = parse_answer(criterion, cell(cells, c_self)).map_err(|m| bad("self", m)).ok();
        let review = match c_review {
            Some(i) => parse_answer(criterion, cell(cells, i)).map_err(|m| bad("review", m)).ok(),
            None => Some(None),
        };
        let (Some(self_answer), Some(review)) = (self_answer, review) else { continue };
        let note = c_note.map(|i| cell(cells, i)).unwrap_or("").to_string();
        if self_answer.is_none() && review.is_none() && note.is_empty() {
            continue;
        }
        inputs.entry(unit.to_string()).or_default().insert(
            criterion.id.clone(),
            Entry {
                self_answer: Field::new(self_answer),
                note: Field::new(note),
                review: Field::new(review),
                review_reason: Field::default(),
                history: Vec::new(),
            },
        );
    }
    if problems.is_empty() {
        Ok(inputs)
    } else {
        Err(problems)
    }
}
