//! What the scorecard screens say about kinds of sections and criteria, how a kind's parameter is
//! typed as text, and how new ids are chosen. Shared with the self-scoring screen.

use crate::lang::{points, t, tf};
use leptos::prelude::*;
use std::collections::HashSet;
use thidua_core::answer::parse_points;
use thidua_core::{Campaign, CriterionKind, Level, Msg, Points, SectionKind, Template};

pub const SECTION_KINDS: [(&str, SectionKind); 3] =
    [("section", SectionKind::Section), ("bonus", SectionKind::Bonus), ("penalty", SectionKind::Penalty)];

pub const CRITERION_SLUGS: [&str; 7] = ["points", "yesno", "levels", "ratio", "per_item", "deduct_per_item", "veto"];

pub fn section_kind_label(k: SectionKind) -> &'static str {
    match k {
        SectionKind::Section => t("Phần chấm điểm", "Scored section"),
        SectionKind::Bonus => t("Điểm thưởng (cộng)", "Bonus (adds)"),
        SectionKind::Penalty => t("Điểm trừ", "Deductions"),
    }
}

/// The badge naming a bonus or penalty section, unless its title already says so.
pub fn section_badge(kind: SectionKind, title: &str) -> Option<&'static str> {
    let label = match kind {
        SectionKind::Section => return None,
        SectionKind::Bonus => t("Điểm thưởng", "Bonus"),
        SectionKind::Penalty => t("Điểm trừ", "Deductions"),
    };
    (!title.to_lowercase().contains(&label.to_lowercase())).then_some(label)
}

/// A section holding only disqualifying conditions: it scores nothing and shows no total.
pub fn veto_only(s: &thidua_core::Section) -> bool {
    !s.criteria.is_empty() && s.criteria.iter().all(|c| c.kind == CriterionKind::Veto) && s.max == Points::ZERO
}

pub fn section_kind_from(slug: &str) -> SectionKind {
    SECTION_KINDS.iter().find(|(s, _)| *s == slug).map(|(_, k)| *k).unwrap_or(SectionKind::Section)
}

pub fn criterion_slug(k: &CriterionKind) -> &'static str {
    match k {
        CriterionKind::Points => "points",
        CriterionKind::YesNo => "yesno",
        CriterionKind::Levels { .. } => "levels",
        CriterionKind::Ratio { .. } => "ratio",
        CriterionKind::PerItem { .. } => "per_item",
        CriterionKind::DeductPerItem { .. } => "deduct_per_item",
        CriterionKind::Veto => "veto",
    }
}

pub fn criterion_kind_label(slug: &str) -> &'static str {
    match slug {
        "points" => t("Chấm điểm", "Points"),
        "yesno" => t("Đạt / không đạt", "Yes / no"),
        "levels" => t("Theo mức", "Levels"),
        "ratio" => t("Tỷ lệ chỉ tiêu", "Ratio of target"),
        "per_item" => t("Cộng theo lần", "Per item"),
        "deduct_per_item" => t("Trừ theo lần", "Deduct per item"),
        "veto" => t("Không xét thi đua", "Disqualifying"),
        _ => "",
    }
}

/// What the parameter of a kind is called, or `None` when the kind has none.
pub fn param_label(slug: &str) -> Option<&'static str> {
    match slug {
        "levels" => Some(t("Các mức (Tên=điểm|Tên=điểm)", "Levels (Name=points|Name=points)")),
        "ratio" => Some(t("Chỉ tiêu (mục tiêu)", "Target")),
        "per_item" => Some(t("Điểm mỗi lần", "Points each")),
        "deduct_per_item" => Some(t("Điểm trừ mỗi lần", "Deducted each")),
        _ => None,
    }
}

pub fn param_placeholder(slug: &str) -> &'static str {
    match slug {
        "levels" => "Tốt=10|Đạt=6|Chưa đạt=0",
        "ratio" => "100",
        _ => "0,5",
    }
}

/// `<option>`s of the criterion kinds, the one of `current` selected.
pub fn criterion_kind_options(current: impl Fn() -> &'static str + Copy + Send + Sync + 'static) -> impl IntoView {
    CRITERION_SLUGS
        .into_iter()
        .map(|slug| view! { <option value=slug prop:selected=move || current() == slug>{criterion_kind_label(slug)}</option> })
        .collect_view()
}

pub fn section_kind_options(current: impl Fn() -> SectionKind + Copy + Send + Sync + 'static) -> impl IntoView {
    SECTION_KINDS
        .into_iter()
        .map(|(slug, k)| view! { <option value=slug prop:selected=move || current() == k>{section_kind_label(k)}</option> })
        .collect_view()
}

/// Reads `Label=points|Label=points`.
pub fn parse_levels(text: &str) -> Result<Vec<Level>, Msg> {
    let mut out = Vec::new();
    for part in text.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((label, pts)) = part.rsplit_once('=') else {
            return Err(Msg::new(
                format!("«{part}»: cần viết dạng Tên mức=điểm"),
                format!("«{part}»: write it as Level name=points"),
            ));
        };
        let label = label.trim();
        if label.is_empty() {
            return Err(Msg::new(format!("«{part}»: thiếu tên mức"), format!("«{part}»: the level has no name")));
        }
        out.push(Level { label: label.to_string(), points: parse_points(pts)? });
    }
    if out.is_empty() {
        return Err(Msg::new("Cần ít nhất một mức, ví dụ Tốt=10|Đạt=6", "at least one level is needed, e.g. Good=10|Fair=6"));
    }
    Ok(out)
}

/// A kind from its slug and the text of its parameter (ignored by kinds that take none).
pub fn kind_from(slug: &str, param: &str) -> Result<CriterionKind, Msg> {
    let number = |default: Points| if param.trim().is_empty() { Ok(default) } else { parse_points(param) };
    Ok(match slug {
        "yesno" => CriterionKind::YesNo,
        "levels" => CriterionKind::Levels { levels: parse_levels(param)? },
        "ratio" => CriterionKind::Ratio { target: number(Points::from_whole(100))? },
        "per_item" => CriterionKind::PerItem { each: number(Points::from_whole(1))? },
        "deduct_per_item" => CriterionKind::DeductPerItem { each: number(Points::from_whole(1))? },
        "veto" => CriterionKind::Veto,
        _ => CriterionKind::Points,
    })
}

/// The kind an existing criterion takes when the leader picks another kind: parameters carry over
/// where they mean the same thing, otherwise the usual defaults.
pub fn switch_kind(old: &CriterionKind, slug: &str) -> CriterionKind {
    let each = match old {
        CriterionKind::PerItem { each } | CriterionKind::DeductPerItem { each } => *each,
        _ => Points::from_whole(1),
    };
    match slug {
        "yesno" => CriterionKind::YesNo,
        "levels" => match old {
            CriterionKind::Levels { levels } => CriterionKind::Levels { levels: levels.clone() },
            _ => CriterionKind::Levels { levels: Vec::new() },
        },
        "ratio" => match old {
            CriterionKind::Ratio { target } => CriterionKind::Ratio { target: *target },
            _ => CriterionKind::Ratio { target: Points::from_whole(100) },
        },
        "per_item" => CriterionKind::PerItem { each },
        "deduct_per_item" => CriterionKind::DeductPerItem { each },
        "veto" => CriterionKind::Veto,
        _ => CriterionKind::Points,
    }
}

/// How a criterion is scored, in one line, for people reading the scorecard.
pub fn how_scored(kind: &CriterionKind, max: Points) -> String {
    let m = points(max);
    match kind {
        CriterionKind::Points => tf(format!("Chấm từ 0 đến {m} điểm"), format!("Scored 0 to {m}")),
        CriterionKind::YesNo => tf(format!("Đạt: {m} điểm; không đạt: 0"), format!("Yes: {m}; no: 0")),
        CriterionKind::Levels { levels } => {
            let l = levels.iter().map(|l| format!("{}: {}", l.label, points(l.points))).collect::<Vec<_>>().join("; ");
            tf(format!("Theo mức — {l}"), format!("By level — {l}"))
        }
        CriterionKind::Ratio { target } => {
            let g = points(*target);
            tf(
                format!("Theo tỷ lệ đạt so với chỉ tiêu {g}; tối đa {m} điểm"),
                format!("In proportion to the target {g}; at most {m}"),
            )
        }
        CriterionKind::PerItem { each } => {
            let e = points(*each);
            tf(format!("{e} điểm mỗi lần, tối đa {m} điểm"), format!("{e} per item, at most {m}"))
        }
        CriterionKind::DeductPerItem { each } => {
            let e = points(*each);
            tf(format!("{m} điểm, trừ {e} điểm mỗi lần"), format!("{m}, less {e} per item"))
        }
        CriterionKind::Veto => t("Nếu có: đơn vị không được xét thi đua", "If yes: the unit cannot be ranked").into(),
    }
}

/// Every id a new section or criterion must not take: those in the scorecard, those any unit has
/// answered (a removed criterion's inputs are kept, and a new criterion must not inherit them),
/// and those removed while this screen was open.
pub fn taken_ids(c: &Campaign, removed: &HashSet<String>) -> HashSet<String> {
    let t = &c.template.value;
    let mut ids: HashSet<String> = t.sections.iter().map(|s| s.id.clone()).collect();
    ids.extend(t.criteria().map(|(_, x)| x.id.clone()));
    for m in c.inputs.values() {
        ids.extend(m.keys().cloned());
    }
    ids.extend(removed.iter().cloned());
    ids
}

/// The code the user typed when no id equals it yet, otherwise a fresh random id.
pub fn fresh_id(code: &str, taken: &HashSet<String>) -> String {
    if !code.is_empty() && !taken.contains(code) {
        return code.to_string();
    }
    loop {
        let id = crate::storage::new_id();
        if !taken.contains(&id) {
            return id;
        }
    }
}

pub fn code_in_use(t: &Template, code: &str, except_id: Option<&str>) -> bool {
    let code = code.trim().to_lowercase();
    let other = |id: &str| except_id != Some(id);
    t.sections.iter().any(|s| other(&s.id) && s.code.to_lowercase() == code)
        || t.criteria().any(|(_, c)| other(&c.id) && c.code.to_lowercase() == code)
}

/// The next free code in a section: `A.7` after `A.6`.
pub fn next_code(t: &Template, section_code: &str) -> String {
    (1..)
        .map(|n| format!("{section_code}.{n}"))
        .find(|c| !code_in_use(t, c, None))
        .unwrap_or_default()
}
