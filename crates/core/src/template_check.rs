//! Checks a scorecard before the bloc adopts it: what would make scoring wrong blocks adoption;
//! what is merely unusual is shown as a warning.

use crate::model::{CriterionKind, SectionKind, Template};
use crate::points::Points;
use crate::problem::Msg;
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateIssue {
    /// The section or criterion code concerned, if any.
    pub code: Option<String>,
    pub blocking: bool,
    pub msg: Msg,
}

fn issue(code: &str, blocking: bool, vi: String, en: String) -> TemplateIssue {
    TemplateIssue { code: Some(code.to_string()), blocking, msg: Msg::new(vi, en) }
}

pub fn check(t: &Template) -> Vec<TemplateIssue> {
    let mut out = Vec::new();
    let mut codes = HashSet::new();
    if t.sections.iter().all(|s| s.criteria.is_empty()) {
        out.push(TemplateIssue {
            code: None,
            blocking: true,
            msg: Msg::new("Bảng chấm điểm chưa có tiêu chí nào", "the scorecard has no criteria"),
        });
    }
    for s in &t.sections {
        if !codes.insert(s.code.to_lowercase()) {
            out.push(issue(&s.code, true, format!("Mã «{}» bị trùng", s.code), format!("code «{}» is repeated", s.code)));
        }
        if s.code.trim().is_empty() || s.title.trim().is_empty() {
            out.push(issue(&s.code, true, "Phần thiếu mã hoặc tên".into(), "a section lacks a code or a title".into()));
        }
        let sum: Points = s.criteria.iter().filter(|c| c.kind != CriterionKind::Veto).map(|c| c.max).sum();
        for c in &s.criteria {
            if !codes.insert(c.code.to_lowercase()) {
                out.push(issue(&c.code, true, format!("Mã «{}» bị trùng", c.code), format!("code «{}» is repeated", c.code)));
            }
            if c.code.trim().is_empty() || c.title.trim().is_empty() {
                out.push(issue(&c.code, true, format!("Tiêu chí «{}» thiếu mã hoặc nội dung", c.code), format!("criterion «{}» lacks a code or a title", c.code)));
            }
            if c.max.is_negative() {
                out.push(issue(&c.code, true, format!("Điểm tối đa của «{}» bị âm", c.code), format!("«{}» has a negative maximum", c.code)));
            }
            match &c.kind {
                CriterionKind::Levels { levels } => {
                    if levels.is_empty() {
                        out.push(issue(&c.code, true, format!("Tiêu chí «{}» chưa có mức nào", c.code), format!("«{}» has no levels", c.code)));
                    }
                    if levels.iter().any(|l| l.points > c.max || l.points.is_negative()) {
                        out.push(issue(&c.code, true, format!("Một mức của «{}» vượt điểm tối đa", c.code), format!("a level of «{}» exceeds its maximum", c.code)));
                    }
                }
                CriterionKind::Ratio { target } | CriterionKind::PerItem { each: target } | CriterionKind::DeductPerItem { each: target }
                    if *target <= Points::ZERO =>
                {
                    out.push(issue(&c.code, true, format!("Tham số của «{}» phải lớn hơn 0", c.code), format!("the parameter of «{}» must be greater than 0", c.code)));
                }
                CriterionKind::DeductPerItem { .. } if s.kind == SectionKind::Penalty => {
                    out.push(issue(&c.code, true,
                        format!("«{}» nằm trong phần điểm trừ: dùng loại «mỗi lần» (per_item)", c.code),
                        format!("«{}» is in a penalty section: use per_item", c.code)));
                }
                _ => {}
            }
        }
        // Sections whose criteria add up to less than the cap can never reach it; bonus and
        // penalty sections routinely hold more than their cap.
        if s.kind == SectionKind::Section && sum < s.max {
            out.push(issue(&s.code, false,
                format!("Phần «{}»: tổng điểm các tiêu chí ({}) nhỏ hơn điểm tối đa của phần ({})", s.code, sum.to_vi(), s.max.to_vi()),
                format!("section «{}»: its criteria add up to {} , less than its maximum {}", s.code, sum.to_fixed2(), s.max.to_fixed2())));
        }
        if s.kind == SectionKind::Section && sum > s.max {
            out.push(issue(&s.code, false,
                format!("Phần «{}»: tổng điểm các tiêu chí ({}) vượt điểm tối đa của phần ({}); phần sẽ bị giới hạn", s.code, sum.to_vi(), s.max.to_vi()),
                format!("section «{}»: its criteria add up to {}, more than its maximum {}; the section is capped", s.code, sum.to_fixed2(), s.max.to_fixed2())));
        }
    }
    out
}

/// The sum of the `section` maxima: what a perfect scorecard scores before bonuses (usually 100).
pub fn base_total(t: &Template) -> Points {
    t.sections.iter().filter(|s| s.kind == SectionKind::Section).map(|s| s.max).sum()
}
