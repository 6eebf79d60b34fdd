//! `units.csv`: the bloc's members, exactly one of them its leader.

use super::table::{cell, Table};
use crate::model::{Field, Role, Unit, UnitInfo};
use crate::problem::{Msg, Problems};
use std::collections::HashSet;

pub fn units_from_table(t: &Table) -> Result<Vec<Unit>, Problems> {
    let cols = t.require(&["code", "name", "role"])?;
    let (c_code, c_name, c_role) = (cols[0], cols[1], cols[2]);
    let c_email = t.column("email");
    let mut problems = Problems::default();
    let mut seen = HashSet::new();
    let mut units = Vec::new();
    let mut leaders = Vec::new();
    for (row, cells) in &t.rows {
        let row = *row;
        let code = cell(cells, c_code);
        let name = cell(cells, c_name);
        let mut bad = |column: &str, msg: Msg| problems.push(t.problem(row, column, msg));
        if code.is_empty() {
            bad("code", Msg::new("thiếu mã đơn vị", "missing unit code"));
            continue;
        }
        if !code.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.')) {
            bad("code", Msg::new(
                format!("mã «{code}» chỉ được gồm chữ, số, gạch dưới, gạch nối hoặc dấu chấm"),
                format!("code «{code}» may hold only letters, digits, underscores, hyphens or dots"),
            ));
            continue;
        }
        if !seen.insert(code.to_lowercase()) {
            bad("code", Msg::new(format!("mã đơn vị «{code}» bị trùng"), format!("unit code «{code}» is repeated")));
            continue;
        }
        if name.is_empty() {
            bad("name", Msg::new("thiếu tên đơn vị", "missing unit name"));
        }
        let role_text = cell(cells, c_role);
        let Some(role) = Role::from_code(role_text) else {
            bad("role", Msg::new(
                format!("«{role_text}» không phải vai trò (truong_khoi, pho_khoi, thanh_vien)"),
                format!("«{role_text}» is not a role (truong_khoi, pho_khoi, thanh_vien)"),
            ));
            continue;
        };
        if role == Role::TruongKhoi {
            leaders.push(row);
        }
        let email = c_email.map(|i| cell(cells, i)).unwrap_or("").to_string();
        units.push(Unit {
            code: code.to_string(),
            info: Field::new(UnitInfo { name: name.to_string(), role, email }),
            removed: Field::default(),
        });
    }
    if leaders.len() > 1 {
        for &row in &leaders[1..] {
            problems.push(t.problem(row, "role", Msg::new(
                format!("Khối chỉ có một Trưởng khối (đã có ở dòng {})", leaders[0]),
                format!("a bloc has one leader only (already at row {})", leaders[0]),
            )));
        }
    }
    if problems.is_empty() && units.is_empty() {
        problems.push(super::table_problem(t, Msg::new("không có đơn vị nào", "no units")));
    } else if problems.is_empty() && leaders.is_empty() {
        problems.push(super::table_problem(t, Msg::new(
            "cần đúng một đơn vị có vai trò truong_khoi",
            "exactly one unit must have role truong_khoi",
        )));
    }
    if problems.is_empty() {
        Ok(units)
    } else {
        Err(problems)
    }
}
