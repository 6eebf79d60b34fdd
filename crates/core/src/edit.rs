//! Every change a person makes to a campaign, checked against who they act as and where the year
//! stands, and stamped for the merge.
//!
//! The app, the server and bundle imports all go through [`apply`], so the rules "a unit writes only
//! its own inputs" and "the leader writes the bloc's settings and the reviews" hold everywhere.

use crate::answer::fits;
use crate::model::*;
use crate::points::Points;
use crate::problem::Msg;

/// Who is making a change: the bloc leader, or one member unit (by code).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(tag = "as", content = "unit", rename_all = "snake_case")]
pub enum Actor {
    Leader,
    Unit(String),
}

/// One change.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    // The leader's.
    SetBloc { bloc: BlocInfo },
    /// Adds a unit, or changes its name, role or contact.
    PutUnit { code: String, info: UnitInfo },
    RemoveUnit { code: String },
    SetPledge { pledge: Pledge },
    SetTemplate { template: Template },
    Adopt { date: String },
    Unlock { date: String, reason: String },
    SetReview { unit: String, criterion: String, answer: Option<Answer>, reason: String },
    Decide { unit: String, decision: Decision },
    SetVotes { unit: String, tally: Option<VoteTally> },
    SetAwards { tiers: Vec<AwardTier> },
    LockResults { locked: bool },
    // A unit's own.
    SetSelf { unit: String, criterion: String, answer: Option<Answer> },
    SetNote { unit: String, criterion: String, note: String },
    Sign { unit: String, signing: Option<Signing> },
    SetTheme { unit: String, theme: String },
    Submit { unit: String, date: String },
}

fn refuse(vi: impl Into<String>, en: impl Into<String>) -> Result<(), Msg> {
    Err(Msg::new(vi, en))
}

fn set<T>(f: &mut Field<T>, value: T, stamp: &Stamp) {
    f.value = value;
    f.stamp = stamp.clone();
}

/// Applies one edit by one actor, or says why it may not be made; on refusal nothing changes.
pub fn apply(c: &mut Campaign, actor: &Actor, edit: Edit, stamp: &Stamp) -> Result<(), Msg> {
    check_writer(c, actor, &edit)?;
    match edit {
        Edit::SetBloc { bloc } => {
            if bloc.name.trim().is_empty() {
                return refuse("Tên Khối không được để trống", "the bloc's name must not be empty");
            }
            set(&mut c.bloc, bloc, stamp);
        }
        Edit::PutUnit { code, info } => put_unit(c, code, info, stamp)?,
        Edit::RemoveUnit { code } => {
            let Some(u) = c.units.iter_mut().find(|u| u.code == code && !u.removed.value) else {
                return refuse(format!("không có đơn vị «{code}»"), format!("no unit «{code}»"));
            };
            set(&mut u.removed, true, stamp);
        }
        Edit::SetPledge { pledge } => set(&mut c.pledge, pledge, stamp),
        Edit::SetTemplate { template } => {
            if c.adoption.value.adopted {
                return refuse(
                    "Bảng chấm điểm đã được thông qua; cần mở khóa (có lý do) trước khi sửa",
                    "the scorecard is adopted; unlock it (with a reason) before editing",
                );
            }
            set(&mut c.template, template, stamp);
        }
        Edit::Adopt { date } => {
            let problems = crate::template_check::check(&c.template.value);
            if let Some(p) = problems.into_iter().find(|p| p.blocking) {
                return Err(p.msg);
            }
            let mut a = c.adoption.value.clone();
            a.adopted = true;
            a.log.push(AdoptionEvent { adopted: true, date, reason: String::new() });
            set(&mut c.adoption, a, stamp);
        }
        Edit::Unlock { date, reason } => {
            if reason.trim().is_empty() {
                return refuse("Cần ghi lý do mở khóa bảng chấm điểm", "unlocking the scorecard needs a reason");
            }
            let mut a = c.adoption.value.clone();
            a.adopted = false;
            a.log.push(AdoptionEvent { adopted: false, date, reason });
            set(&mut c.adoption, a, stamp);
        }
        Edit::SetReview { unit, criterion, answer, reason } => {
            results_open(c)?;
            let state = c.members.get(&unit).map(MemberPart::state).unwrap_or(SubmissionState::Draft);
            if !matches!(state, SubmissionState::Submitted { .. }) {
                return refuse(
                    format!("đơn vị «{unit}» chưa nộp bảng tự chấm (hoặc đã được duyệt): không thể thẩm định"),
                    format!("unit «{unit}» has not submitted its scorecard (or it is accepted): cannot review"),
                );
            }
            if answer.is_some() && reason.trim().is_empty() {
                return refuse("Cần ghi lý do khi chấm lại điểm", "a reviewed score needs a reason");
            }
            check_answer(c, &criterion, answer.as_ref())?;
            let e = c.inputs.entry(unit).or_default().entry(criterion).or_default();
            set(&mut e.review, answer, stamp);
            set(&mut e.review_reason, reason, stamp);
        }
        Edit::Decide { unit, decision } => {
            let part = c.members.entry(unit.clone()).or_default();
            match (part.state(), &decision) {
                (SubmissionState::Submitted { round }, d) if d.round() == round => {}
                _ => {
                    return refuse(
                        format!("đơn vị «{unit}» không có bảng tự chấm đang chờ duyệt ở lượt này"),
                        format!("unit «{unit}» has no scorecard awaiting review in this round"),
                    )
                }
            }
            if let Decision::Returned { comment, .. } = &decision {
                if comment.trim().is_empty() {
                    return refuse("Cần ghi nhận xét khi trả lại", "returning a scorecard needs a comment");
                }
            }
            set(&mut part.decision, Some(decision), stamp);
        }
        Edit::SetVotes { unit, tally } => {
            results_open(c)?;
            if let Some(t) = tally {
                let members = c.active_units().count() as u32;
                if t.approvals > t.ballots || t.ballots > members {
                    return refuse(
                        format!("Số phiếu không hợp lệ: đồng ý ({}) ≤ số phiếu ({}) ≤ số đơn vị ({members})", t.approvals, t.ballots),
                        format!("invalid tally: approvals ({}) ≤ ballots ({}) ≤ members ({members})", t.approvals, t.ballots),
                    );
                }
            }
            match tally {
                Some(t) => set(c.votes.entry(unit).or_default(), t, stamp),
                None => {
                    c.votes.remove(&unit);
                }
            }
        }
        Edit::SetAwards { tiers } => {
            results_open(c)?;
            for t in &tiers {
                if t.name.trim().is_empty() || t.rank_from == 0 || t.rank_from > t.rank_to {
                    return refuse(
                        format!("Hình thức khen thưởng «{}»: cần có tên và hạng từ 1, «từ hạng» ≤ «đến hạng»", t.name),
                        format!("award «{}»: needs a name and ranks from 1 with from ≤ to", t.name),
                    );
                }
                if t.min_vote_share.is_some_and(|s| s.is_negative() || s > Points::from_whole(100)) {
                    return refuse("Tỷ lệ phiếu tối thiểu phải trong 0–100%", "minimum vote share must be within 0–100%");
                }
            }
            set(&mut c.awards, tiers, stamp);
        }
        Edit::LockResults { locked } => set(&mut c.results_locked, locked, stamp),
        Edit::SetSelf { unit, criterion, answer } => {
            unit_may_edit_inputs(c, &unit)?;
            check_answer(c, &criterion, answer.as_ref())?;
            let e = c.inputs.entry(unit).or_default().entry(criterion).or_default();
            set(&mut e.self_answer, answer, stamp);
        }
        Edit::SetNote { unit, criterion, note } => {
            unit_may_edit_inputs(c, &unit)?;
            check_answer(c, &criterion, None)?;
            let e = c.inputs.entry(unit).or_default().entry(criterion).or_default();
            set(&mut e.note, note, stamp);
        }
        Edit::Sign { unit, signing } => {
            if let Some(s) = &signing {
                if s.signatory.trim().is_empty() || s.date.trim().is_empty() {
                    return refuse("Cần ghi ngày ký và người ký", "signing needs a date and a signatory");
                }
            }
            set(&mut c.members.entry(unit).or_default().signing, signing, stamp);
        }
        Edit::SetTheme { unit, theme } => set(&mut c.members.entry(unit).or_default().theme, theme, stamp),
        Edit::Submit { unit, date } => {
            unit_may_edit_inputs(c, &unit)?;
            let part = c.members.entry(unit).or_default();
            let round = part.submitted.value.as_ref().map(|s| s.round).unwrap_or(0) + 1;
            set(&mut part.submitted, Some(Submission { round, date }), stamp);
        }
    }
    Ok(())
}

/// Who may write what: the leader the bloc's settings, reviews, decisions, votes and results; a
/// unit only its own inputs, notes, signing, theme and submission.
fn check_writer(c: &Campaign, actor: &Actor, edit: &Edit) -> Result<(), Msg> {
    let own_unit = match edit {
        Edit::SetSelf { unit, .. }
        | Edit::SetNote { unit, .. }
        | Edit::Sign { unit, .. }
        | Edit::SetTheme { unit, .. }
        | Edit::Submit { unit, .. } => Some(unit),
        _ => None,
    };
    match (actor, own_unit) {
        (Actor::Leader, None) => Ok(()),
        (Actor::Unit(me), Some(unit)) if me == unit => {
            if c.unit(unit).is_none() {
                return refuse(format!("không có đơn vị «{unit}» trong Khối"), format!("no unit «{unit}» in the bloc"));
            }
            Ok(())
        }
        (Actor::Unit(me), Some(unit)) => refuse(
            format!("Đơn vị «{me}» không được sửa dữ liệu của đơn vị «{unit}»"),
            format!("unit «{me}» may not change unit «{unit}»'s data"),
        ),
        (Actor::Unit(me), None) => refuse(
            format!("Chỉ Trưởng khối được thay đổi mục này (đang làm việc với tư cách đơn vị «{me}»)"),
            format!("only the bloc leader may change this (acting as unit «{me}»)"),
        ),
        (Actor::Leader, Some(unit)) => refuse(
            format!("Trưởng khối không được sửa phần tự chấm của đơn vị «{unit}»; hãy chấm lại ở bước thẩm định"),
            format!("the leader may not change unit «{unit}»'s self-assessment; set a reviewed score instead"),
        ),
    }
}

fn results_open(c: &Campaign) -> Result<(), Msg> {
    if c.results_locked.value {
        return refuse("Kết quả đã được khóa", "the results are locked");
    }
    Ok(())
}

fn unit_may_edit_inputs(c: &Campaign, unit: &str) -> Result<(), Msg> {
    results_open(c)?;
    if !c.adoption.value.adopted {
        return refuse(
            "Bảng chấm điểm chưa được thông qua: chưa thể tự chấm",
            "the scorecard is not adopted yet: self-assessment cannot start",
        );
    }
    if !c.members.get(unit).is_none_or(MemberPart::editable) {
        return refuse(
            "Bảng tự chấm đã nộp: chờ Trưởng khối trả lại để sửa",
            "the scorecard is submitted: wait until the leader returns it to edit",
        );
    }
    Ok(())
}

fn check_answer(c: &Campaign, criterion: &str, answer: Option<&Answer>) -> Result<(), Msg> {
    let Some((_, crit)) = c.template.value.criteria().find(|(_, x)| x.id == criterion) else {
        return refuse(format!("không có tiêu chí «{criterion}»"), format!("no criterion «{criterion}»"));
    };
    let Some(a) = answer else { return Ok(()) };
    let in_range = match (&crit.kind, a) {
        (CriterionKind::Points, Answer::Number(v)) => !v.is_negative() && *v <= crit.max,
        (CriterionKind::Ratio { .. }, Answer::Number(v)) => !v.is_negative(),
        _ => true,
    };
    if !fits(crit, a) || !in_range {
        return refuse(
            format!("Giá trị không hợp lệ cho tiêu chí «{}»", crit.code),
            format!("invalid value for criterion «{}»", crit.code),
        );
    }
    Ok(())
}

fn put_unit(c: &mut Campaign, code: String, info: UnitInfo, stamp: &Stamp) -> Result<(), Msg> {
    let code = code.trim().to_string();
    if code.is_empty() || !code.chars().all(|ch| ch.is_alphanumeric() || matches!(ch, '_' | '-' | '.')) {
        return refuse(
            format!("Mã đơn vị «{code}» không hợp lệ (chỉ chữ, số, gạch dưới, gạch nối, dấu chấm)"),
            format!("invalid unit code «{code}» (letters, digits, underscore, hyphen, dot)"),
        );
    }
    if info.name.trim().is_empty() {
        return refuse("Tên đơn vị không được để trống", "the unit's name must not be empty");
    }
    if info.role == Role::TruongKhoi {
        if let Some(other) = c.leader().filter(|u| u.code != code) {
            return refuse(
                format!("Khối đã có Trưởng khối: «{}». Hãy đổi vai trò đơn vị đó trước", other.info.value.name),
                format!("the bloc already has a leader: «{}». Change that unit's role first", other.info.value.name),
            );
        }
    }
    match c.units.iter_mut().find(|u| u.code == code) {
        Some(u) => {
            set(&mut u.info, info, stamp);
            set(&mut u.removed, false, stamp);
        }
        None => c.units.push(Unit {
            code,
            info: Field { value: info, stamp: stamp.clone() },
            removed: Field::default(),
        }),
    }
    Ok(())
}
