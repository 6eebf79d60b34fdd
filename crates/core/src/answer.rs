//! Reading what a unit typed for a criterion, checked against the criterion's kind.

use crate::model::{Answer, Criterion, CriterionKind};
use crate::points::{NumberError, Points};
use crate::problem::Msg;

/// Reads a yes/no answer: `1`/`0`, `có`/`không`, `đạt`/`không đạt`, `yes`/`no` (any case).
pub fn parse_flag(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "1" | "có" | "co" | "đạt" | "dat" | "yes" | "y" | "true" | "x" => Some(true),
        "0" | "không" | "khong" | "không đạt" | "khong dat" | "no" | "n" | "false" => Some(false),
        _ => None,
    }
}

fn number_msg(e: NumberError, text: &str) -> Msg {
    match e {
        NumberError::Empty => Msg::new("thiếu giá trị", "missing value"),
        NumberError::NotANumber => Msg::new(
            format!("«{text}» không phải là số"),
            format!("«{text}» is not a number"),
        ),
        NumberError::TooManyDecimals => Msg::new(
            format!("«{text}» có quá 2 chữ số thập phân"),
            format!("«{text}» has more than 2 decimals"),
        ),
        NumberError::TooLarge => Msg::new(
            format!("«{text}» quá lớn"),
            format!("«{text}» is too large"),
        ),
    }
}

/// Reads a number of points, reporting a readable message.
pub fn parse_points(text: &str) -> Result<Points, Msg> {
    Points::parse(text).map_err(|e| number_msg(e, text.trim()))
}

fn parse_count(text: &str) -> Result<u64, Msg> {
    let t = text.trim();
    // A count written `3,0` or `3.00` by a spreadsheet is still three.
    let p = parse_points(t)?;
    if p.is_negative() || p.hundredths() % 100 != 0 {
        return Err(Msg::new(
            format!("«{t}» phải là số nguyên không âm"),
            format!("«{t}» must be a whole number, not negative"),
        ));
    }
    Ok((p.hundredths() / 100) as u64)
}

/// Reads one answer. Empty text is no answer (`Ok(None)`).
pub fn parse_answer(c: &Criterion, text: &str) -> Result<Option<Answer>, Msg> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let flag = || {
        parse_flag(t).map(Answer::Flag).ok_or_else(|| {
            Msg::new(
                format!("«{t}» không phải là có/không (1/0)"),
                format!("«{t}» is not yes/no (1/0)"),
            )
        })
    };
    let answer = match &c.kind {
        CriterionKind::Points => {
            let v = parse_points(t)?;
            if v.is_negative() || v > c.max {
                return Err(Msg::new(
                    format!("{} nằm ngoài khoảng 0 – {}", v.to_vi(), c.max.to_vi()),
                    format!("{} is outside 0 – {}", v.to_fixed2(), c.max.to_fixed2()),
                ));
            }
            Answer::Number(v)
        }
        CriterionKind::YesNo | CriterionKind::Veto => flag()?,
        CriterionKind::Levels { levels } => {
            let wanted = t.to_lowercase();
            let by_label = levels.iter().find(|l| l.label.trim().to_lowercase() == wanted);
            let by_points = || Points::parse(t).ok().and_then(|p| levels.iter().find(|l| l.points == p));
            match by_label.or_else(by_points) {
                Some(l) => Answer::Level(l.label.clone()),
                None => {
                    let names: Vec<&str> = levels.iter().map(|l| l.label.as_str()).collect();
                    return Err(Msg::new(
                        format!("«{t}» không phải là một mức: {}", names.join(" | ")),
                        format!("«{t}» is not one of the levels: {}", names.join(" | ")),
                    ));
                }
            }
        }
        CriterionKind::Ratio { .. } => {
            let v = parse_points(t)?;
            if v.is_negative() {
                return Err(Msg::new(
                    format!("giá trị đạt được {} không được âm", v.to_vi()),
                    format!("achieved value {} must not be negative", v.to_fixed2()),
                ));
            }
            Answer::Number(v)
        }
        CriterionKind::PerItem { .. } | CriterionKind::DeductPerItem { .. } => Answer::Count(parse_count(t)?),
    };
    Ok(Some(answer))
}

/// The points one answer earns on one criterion. An answer that does not fit the criterion (its kind
/// was changed after the unit answered) earns nothing; [`fits`] tells the caller so.
pub fn score(c: &Criterion, a: &Answer) -> Points {
    let max = c.max;
    match (&c.kind, a) {
        (CriterionKind::Points, Answer::Number(v)) => (*v).max(Points::ZERO).min(max),
        (CriterionKind::YesNo, Answer::Flag(yes)) => {
            if *yes {
                max
            } else {
                Points::ZERO
            }
        }
        (CriterionKind::Levels { levels }, Answer::Level(label)) => levels
            .iter()
            .find(|l| l.label == *label)
            .map(|l| l.points.max(Points::ZERO).min(max))
            .unwrap_or(Points::ZERO),
        (CriterionKind::Ratio { target }, Answer::Number(p)) => {
            if target.hundredths() <= 0 || *p >= *target {
                max
            } else {
                max.mul_div_round((*p).max(Points::ZERO), *target)
            }
        }
        (CriterionKind::PerItem { each }, Answer::Count(n)) => each.times(*n).min(max),
        (CriterionKind::DeductPerItem { each }, Answer::Count(n)) => (max - each.times(*n)).max(Points::ZERO),
        _ => Points::ZERO,
    }
}

/// [`score`] when the answer [`fits`], `None` when it does not: one search of a criterion's levels
/// instead of two, for scoring whole blocs.
pub(crate) fn score_if_fits(c: &Criterion, a: &Answer) -> Option<Points> {
    match (&c.kind, a) {
        (CriterionKind::Levels { levels }, Answer::Level(label)) => {
            levels.iter().find(|l| l.label == *label).map(|l| l.points.max(Points::ZERO).min(c.max))
        }
        _ => fits(c, a).then(|| score(c, a)),
    }
}

/// Whether an answer is of the shape the criterion expects.
pub fn fits(c: &Criterion, a: &Answer) -> bool {
    match (&c.kind, a) {
        (CriterionKind::Points | CriterionKind::Ratio { .. }, Answer::Number(_)) => true,
        (CriterionKind::YesNo | CriterionKind::Veto, Answer::Flag(_)) => true,
        (CriterionKind::Levels { levels }, Answer::Level(l)) => levels.iter().any(|x| x.label == *l),
        (CriterionKind::PerItem { .. } | CriterionKind::DeductPerItem { .. }, Answer::Count(_)) => true,
        _ => false,
    }
}

/// The text a person would type to give this answer again (for forms and CSV export).
pub fn answer_text(a: &Answer) -> String {
    match a {
        Answer::Number(p) => p.to_vi(),
        Answer::Flag(true) => "1".into(),
        Answer::Flag(false) => "0".into(),
        Answer::Level(l) => l.clone(),
        Answer::Count(n) => n.to_string(),
    }
}
