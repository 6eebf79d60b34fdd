//! Every text the interface shows, in one table per language.
//!
//! Only Vietnamese exists for now. An English toggle later adds an `EN: Texts` table and makes
//! [`texts`] read the chosen language; no component holds a literal string of its own.

use thidua_core::{Msg, Problem};

pub struct Texts {
    pub app_title: &'static str,
    pub app_tagline: &'static str,

    pub import_title: &'static str,
    pub import_intro: &'static str,
    pub template_label: &'static str,
    pub units_label: &'static str,
    pub scores_label: &'static str,
    pub template_hint: &'static str,
    pub units_hint: &'static str,
    pub scores_hint: &'static str,
    pub choose_file: &'static str,
    pub change_file: &'static str,
    pub no_file: &'static str,
    pub run_button: &'static str,
    pub working: &'static str,
    pub read_failed: fn(file: &str) -> String,

    pub problems_title: &'static str,
    pub problems_intro: &'static str,
    pub problem: fn(&Problem) -> String,
    /// A bilingual message from the core (award notes…).
    pub msg: fn(&Msg) -> String,

    pub ranking_title: &'static str,
    pub col_rank: &'static str,
    pub col_code: &'static str,
    pub col_unit: &'static str,
    pub col_total: &'static str,
    pub col_award: &'static str,
    pub tied: &'static str,
    pub disqualified: &'static str,
    pub disqualified_group: fn(count: usize) -> String,
    pub veto_reason: &'static str,
    pub incomplete: fn(missing: usize, of: usize) -> String,
    pub provisional: fn(incomplete_units: usize) -> String,
    pub summary: fn(units: usize, ranked: usize, disqualified: usize, criteria: usize) -> String,
    pub notes_title: &'static str,
    pub scroll_hint: &'static str,

    pub footer: &'static str,
}

pub const VI: Texts = Texts {
    app_title: "Thi đua — Khối thi đua",
    app_tagline: "Chấm điểm, bình xét và xếp hạng thi đua của các đơn vị trong Khối",

    import_title: "Nhập dữ liệu từ bảng tính",
    import_intro: "Chọn ba tệp CSV (dấu phẩy hoặc chấm phẩy) hoặc Excel (.xlsx). \
                   Kết quả được tính ngay trên máy này, không gửi tệp đi đâu.",
    template_label: "Bảng chấm điểm",
    units_label: "Đơn vị thành viên",
    scores_label: "Điểm chấm",
    template_hint: "template.csv — tiêu chí, thang điểm",
    units_hint: "units.csv — mã, tên, vai trò",
    scores_hint: "scores.csv — điểm tự chấm, điểm Khối chấm",
    choose_file: "Chọn tệp…",
    change_file: "Chọn tệp khác…",
    no_file: "Chưa chọn tệp",
    run_button: "Tính điểm và xếp hạng",
    working: "Đang đọc tệp và tính điểm…",
    read_failed: vi_read_failed,

    problems_title: "Không nhập được dữ liệu",
    problems_intro: "Tệp bị từ chối toàn bộ, chưa có dữ liệu nào được nhập. \
                     Hãy sửa các lỗi sau trong bảng tính rồi chọn lại tệp:",
    problem: vi_problem,
    msg: vi_msg,

    ranking_title: "Kết quả xếp hạng",
    col_rank: "Hạng",
    col_code: "Mã",
    col_unit: "Đơn vị",
    col_total: "Tổng điểm",
    col_award: "Khen thưởng đề nghị",
    tied: "đồng hạng",
    disqualified: "Không xét thi đua",
    disqualified_group: vi_disqualified_group,
    veto_reason: "Lý do",
    incomplete: vi_incomplete,
    provisional: vi_provisional,
    summary: vi_summary,
    notes_title: "Lưu ý khi đề nghị khen thưởng",
    scroll_hint: "Vuốt ngang để xem đủ các cột",

    footer:
        "Điểm tính chính xác đến 0,01. Đơn vị có điều kiện không xét thi đua không được xếp hạng.",
};

/// The texts of the interface's language.
pub fn texts() -> &'static Texts {
    &VI
}

fn vi_read_failed(file: &str) -> String {
    format!("Không đọc được tệp {file}. Hãy chọn lại tệp.")
}

fn vi_problem(p: &Problem) -> String {
    p.vi()
}

fn vi_msg(m: &Msg) -> String {
    m.vi.clone()
}

fn vi_disqualified_group(count: usize) -> String {
    format!("Không xét thi đua ({count} đơn vị)")
}

fn vi_incomplete(missing: usize, of: usize) -> String {
    format!("Chưa chấm đủ: thiếu {missing}/{of} tiêu chí")
}

fn vi_provisional(units: usize) -> String {
    format!("Kết quả tạm tính: {units} đơn vị chưa chấm đủ các tiêu chí.")
}

fn vi_summary(units: usize, ranked: usize, disqualified: usize, criteria: usize) -> String {
    let mut s = format!("{units} đơn vị, {ranked} được xếp hạng");
    if disqualified > 0 {
        s.push_str(&format!(", {disqualified} không xét thi đua"));
    }
    s.push_str(&format!(" · bảng chấm điểm {criteria} tiêu chí"));
    s
}
