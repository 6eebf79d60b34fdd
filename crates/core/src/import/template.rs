//! `template.csv`: the scorecard, sections and criteria of every kind.

use super::table::{cell, Table};
use crate::answer::parse_points;
use crate::model::{Criterion, CriterionKind, Level, Section, SectionKind, Template};
use crate::points::Points;
use crate::problem::{Msg, Problems};
use std::collections::HashSet;

pub fn template_from_table(t: &Table) -> Result<Template, Problems> {
    let cols = t.require(&["code", "title", "kind", "max"])?;
    let (c_code, c_title, c_kind, c_max) = (cols[0], cols[1], cols[2], cols[3]);
    let c_params = t.column("params");
    let mut problems = Problems::default();
    let mut seen = HashSet::new();
    let mut sections: Vec<Section> = Vec::new();
    // Criteria may come before their section's row; attach them once every section is known.
    let mut pending: Vec<(usize, String, Criterion)> = Vec::new();

    for (row, cells) in &t.rows {
        let row = *row;
        let code = cell(cells, c_code);
        let title = cell(cells, c_title);
        let kind = cell(cells, c_kind).to_lowercase();
        let params = c_params.map(|i| cell(cells, i)).unwrap_or("");
        let mut bad = |column: &str, msg: Msg| problems.push(t.problem(row, column, msg));

        if code.is_empty() {
            bad("code", Msg::new("thiếu mã", "missing code"));
            continue;
        }
        if !valid_code(code) {
            bad("code", Msg::new(
                format!("mã «{code}» chỉ được gồm chữ, số, dấu chấm, gạch dưới hoặc gạch nối"),
                format!("code «{code}» may hold only letters, digits, dots, underscores or hyphens"),
            ));
            continue;
        }
        if !seen.insert(code.to_lowercase()) {
            bad("code", Msg::new(format!("mã «{code}» bị trùng"), format!("code «{code}» is repeated")));
            continue;
        }
        if title.is_empty() {
            bad("title", Msg::new("thiếu nội dung", "missing title"));
        }
        let max = match parse_points(cell(cells, c_max)) {
            Ok(m) if m.is_negative() => {
                bad("max", Msg::new("điểm tối đa không được âm", "maximum must not be negative"));
                continue;
            }
            Ok(m) => m,
            Err(m) => {
                bad("max", m);
                continue;
            }
        };
        match code.split_once('.') {
            None => {
                let kind = match kind.as_str() {
                    "section" => SectionKind::Section,
                    "bonus" => SectionKind::Bonus,
                    "penalty" => SectionKind::Penalty,
                    other => {
                        bad("kind", Msg::new(
                            format!("«{other}» không phải loại phần (section, bonus, penalty)"),
                            format!("«{other}» is not a section kind (section, bonus, penalty)"),
                        ));
                        continue;
                    }
                };
                sections.push(Section {
                    id: code.to_string(),
                    code: code.to_string(),
                    title: title.to_string(),
                    kind,
                    max,
                    criteria: Vec::new(),
                });
            }
            Some((section, _)) => match criterion_kind(&kind, params, max) {
                Ok(k) => pending.push((
                    row,
                    section.to_string(),
                    Criterion { id: code.to_string(), code: code.to_string(), title: title.to_string(), max, kind: k },
                )),
                Err((column, msg)) => bad(column, msg),
            },
        }
    }
    for (row, section, criterion) in pending {
        match sections.iter_mut().find(|s| s.code.eq_ignore_ascii_case(&section)) {
            // In a penalty section a criterion's points are what is taken away; "max minus items"
            // would turn more faults into a smaller deduction.
            Some(s) if s.kind == SectionKind::Penalty && matches!(criterion.kind, CriterionKind::DeductPerItem { .. }) => {
                problems.push(t.problem(row, "kind", Msg::new(
                    format!("tiêu chí «{}» nằm trong phần điểm trừ: dùng per_item (mỗi lần trừ bao nhiêu điểm), không dùng deduct_per_item", criterion.code),
                    format!("criterion «{}» is in a penalty section: use per_item (points taken per item), not deduct_per_item", criterion.code),
                )))
            }
            Some(s) => s.criteria.push(criterion),
            None => problems.push(t.problem(row, "code", Msg::new(
                format!("tiêu chí «{}» thuộc phần «{section}» nhưng không có dòng nào cho phần đó", criterion.code),
                format!("criterion «{}» belongs to section «{section}», which has no row", criterion.code),
            ))),
        }
    }
    if problems.is_empty() && sections.iter().all(|s| s.criteria.is_empty()) {
        problems.push(super::table_problem(t, Msg::new("bảng chấm điểm không có tiêu chí nào", "the scorecard has no criteria")));
    }
    if problems.is_empty() {
        Ok(Template { sections })
    } else {
        Err(problems)
    }
}

fn valid_code(code: &str) -> bool {
    code.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !code.starts_with('.')
        && !code.ends_with('.')
        && !code.contains("..")
}

type Bad = (&'static str, Msg);

fn criterion_kind(kind: &str, params: &str, max: Points) -> Result<CriterionKind, Bad> {
    let positive = |what: &str| -> Result<Points, Bad> {
        let v = parse_points(params).map_err(|m| ("params", m))?;
        if v <= Points::ZERO {
            return Err(("params", Msg::new(format!("{what} phải lớn hơn 0"), format!("{what} must be greater than 0"))));
        }
        Ok(v)
    };
    Ok(match kind {
        "points" => CriterionKind::Points,
        "yesno" => CriterionKind::YesNo,
        "veto" => CriterionKind::Veto,
        "levels" => CriterionKind::Levels { levels: levels(params, max)? },
        "ratio" => CriterionKind::Ratio {
            target: if params.is_empty() { Points::from_whole(100) } else { positive("chỉ tiêu (target)")? },
        },
        "per_item" => CriterionKind::PerItem { each: positive("điểm mỗi lần (each)")? },
        "deduct_per_item" => CriterionKind::DeductPerItem { each: positive("điểm trừ mỗi lần (each)")? },
        "section" | "bonus" | "penalty" => {
            return Err(("kind", Msg::new(
                format!("«{kind}» là loại của phần; mã có dấu chấm là tiêu chí"),
                format!("«{kind}» is a section kind; a code with a dot is a criterion"),
            )))
        }
        other => {
            return Err(("kind", Msg::new(
                format!("«{other}» không phải loại tiêu chí (points, yesno, levels, ratio, per_item, deduct_per_item, veto)"),
                format!("«{other}» is not a criterion kind (points, yesno, levels, ratio, per_item, deduct_per_item, veto)"),
            )))
        }
    })
}

/// `Hoàn thành xuất sắc=15|Hoàn thành tốt=12|…`
fn levels(params: &str, max: Points) -> Result<Vec<Level>, Bad> {
    let mut out: Vec<Level> = Vec::new();
    for part in params.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((label, pts)) = part.rsplit_once('=') else {
            return Err(("params", Msg::new(
                format!("mức «{part}» phải có dạng Tên=điểm"),
                format!("level «{part}» must read Label=points"),
            )));
        };
        let label = label.trim();
        let pts = parse_points(pts).map_err(|m| ("params", m))?;
        if label.is_empty() {
            return Err(("params", Msg::new("một mức không có tên", "a level has no label")));
        }
        if pts.is_negative() || pts > max {
            return Err(("params", Msg::new(
                format!("mức «{label}» = {} nằm ngoài khoảng 0 – {}", pts.to_vi(), max.to_vi()),
                format!("level «{label}» = {} is outside 0 – {}", pts.to_fixed2(), max.to_fixed2()),
            )));
        }
        if out.iter().any(|l| l.label.to_lowercase() == label.to_lowercase()) {
            return Err(("params", Msg::new(format!("mức «{label}» bị trùng"), format!("level «{label}» is repeated"))));
        }
        out.push(Level { label: label.to_string(), points: pts });
    }
    if out.is_empty() {
        return Err(("params", Msg::new(
            "loại levels cần danh sách mức: Tên=điểm|Tên=điểm",
            "kind levels needs its levels: Label=points|Label=points",
        )));
    }
    Ok(out)
}
