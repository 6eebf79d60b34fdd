//! Every text the interface shows, in one table per language.
//!
//! These are the import page's and ranking table's texts; the campaign screens write theirs in
//! place with `lang::t`. [`texts`] follows the language chosen in the masthead.

use thidua_core::{Msg, Problem};

pub struct Texts {
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

}

pub const VI: Texts = Texts {
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

};

pub const EN: Texts = Texts {
    import_title: "Import from spreadsheets",
    import_intro: "Choose three CSV files (comma or semicolon) or Excel (.xlsx). \
                   Results are computed on this computer; the files are sent nowhere.",
    template_label: "Scorecard",
    units_label: "Member units",
    scores_label: "Scores",
    template_hint: "template.csv — criteria, maximum points",
    units_hint: "units.csv — code, name, role",
    scores_hint: "scores.csv — self scores, reviewed scores",
    choose_file: "Choose file…",
    change_file: "Choose another file…",
    no_file: "No file chosen",
    run_button: "Score and rank",
    working: "Reading files and scoring…",
    read_failed: en_read_failed,

    problems_title: "The data could not be imported",
    problems_intro: "The files were refused whole; nothing was imported. \
                     Fix these problems in the spreadsheet and choose the files again:",
    problem: en_problem,
    msg: en_msg,

    ranking_title: "Ranking",
    col_rank: "Rank",
    col_code: "Code",
    col_unit: "Unit",
    col_total: "Total",
    col_award: "Proposed award",
    tied: "tied",
    disqualified: "Not eligible",
    disqualified_group: en_disqualified_group,
    veto_reason: "Reason",
    incomplete: en_incomplete,
    provisional: en_provisional,
    summary: en_summary,
    notes_title: "Notes on the award proposals",
    scroll_hint: "Swipe sideways to see every column",

};

/// The texts of the interface's language.
pub fn texts() -> &'static Texts {
    match crate::lang::lang() {
        crate::lang::Lang::Vi => &VI,
        crate::lang::Lang::En => &EN,
    }
}

fn en_read_failed(file: &str) -> String {
    format!("Could not read {file}. Choose the file again.")
}

fn en_problem(p: &Problem) -> String {
    p.en()
}

fn en_msg(m: &Msg) -> String {
    m.en.clone()
}

fn en_disqualified_group(count: usize) -> String {
    format!("Not eligible ({count} units)")
}

fn en_incomplete(missing: usize, of: usize) -> String {
    format!("Incomplete: {missing} of {of} criteria missing")
}

fn en_provisional(units: usize) -> String {
    format!("Provisional: {units} units have not scored every criterion.")
}

fn en_summary(units: usize, ranked: usize, disqualified: usize, criteria: usize) -> String {
    let mut s = format!("{units} units, {ranked} ranked");
    if disqualified > 0 {
        s.push_str(&format!(", {disqualified} not eligible"));
    }
    s.push_str(&format!(" · scorecard of {criteria} criteria"));
    s
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
