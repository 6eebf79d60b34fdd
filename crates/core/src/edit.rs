//! Every change a person makes to a campaign, checked against who they act as and where the year
//! stands, and stamped for the merge.
//!
//! The app, the server and bundle imports all go through [`apply`], so the rules "a unit writes only
//! its own inputs" and "the leader writes the bloc's settings and the reviews" hold everywhere.

use crate::answer::fits;
use crate::history::{self, RevField};
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

/// One change. Journalled (`stored::journal`) externally tagged, `{"set_self": {…}}`: serde's reader
/// of an internally tagged enum buffers, and its code was most of what the journal added to the wasm.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// Records the evaluation meeting for its minutes: date, place, attendance, the handover.
    SetMeeting { meeting: Meeting },
    // A unit's own.
    SetSelf { unit: String, criterion: String, answer: Option<Answer> },
    SetNote { unit: String, criterion: String, note: String },
    Sign { unit: String, signing: Option<Signing> },
    SetTheme { unit: String, theme: String },
    Submit { unit: String, date: String },
    // Conflicts kept by the merge (`merge` module doc).
    /// Takes a conflict off the list for good: the leader, or the unit whose field it is.
    DismissConflict { path: String, stamp: Stamp },
    /// Writes a conflict's value back into its field, as a new write by whoever may write that
    /// field (a unit its own fields, the leader the leader's), with that field's checks and locks.
    RestoreConflict { path: String, stamp: Stamp },
}

fn refuse(vi: impl Into<String>, en: impl Into<String>) -> Result<(), Msg> {
    Err(Msg::new(vi, en))
}

/// Every write goes through here: the new value, its stamp, and what it had seen of the field
/// (the replaced value and everything that value had seen), which lets the merge tell a knowing
/// overwrite from a concurrent one.
fn set<T>(f: &mut Field<T>, value: T, stamp: &Stamp) {
    f.seen = crate::merge::seen_after(&f.stamp, &f.seen, stamp);
    f.value = value;
    f.stamp = stamp.clone();
}

/// Applies one edit by one actor, or says why it may not be made; on refusal nothing changes.
pub fn apply(c: &mut Campaign, actor: &Actor, edit: Edit, stamp: &Stamp) -> Result<(), Msg> {
    apply_edit(c, actor, edit, stamp)?;
    crate::merge::tidy(c);
    Ok(())
}

fn apply_edit(c: &mut Campaign, actor: &Actor, edit: Edit, stamp: &Stamp) -> Result<(), Msg> {
    match edit {
        Edit::DismissConflict { path, stamp: which } => return dismiss(c, actor, &path, &which),
        Edit::RestoreConflict { path, stamp: which } => return restore(c, actor, &path, &which, stamp),
        _ => {}
    }
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
            let e = c.inputs.entry(unit.clone()).or_default().entry(criterion).or_default();
            history::record(e, &unit, RevField::Review, actor, answer.clone(), reason.clone(), stamp);
            set(&mut e.review, answer, stamp);
            set(&mut e.review_reason, reason, stamp);
        }
        Edit::Decide { unit, decision } => {
            // Read first: a refused decision must not leave an empty member part behind.
            let state = c.members.get(&unit).map(MemberPart::state).unwrap_or(SubmissionState::Draft);
            match (state, &decision) {
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
            set(&mut c.members.entry(unit).or_default().decision, Some(decision), stamp);
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
                // Cleared: kept as no ballot (0 of 0) so that merging an older copy cannot bring
                // the tally back; `Campaign::vote` reads it as none.
                None => {
                    if let Some(f) = c.votes.get_mut(&unit) {
                        set(f, VoteTally::default(), stamp);
                    }
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
        Edit::SetMeeting { meeting } => {
            results_open(c)?;
            check_meeting(c, &meeting)?;
            set(&mut c.meeting, meeting, stamp);
        }
        Edit::SetSelf { unit, criterion, answer } => {
            unit_may_edit_inputs(c, &unit)?;
            check_answer(c, &criterion, answer.as_ref())?;
            let e = c.inputs.entry(unit.clone()).or_default().entry(criterion).or_default();
            history::record(e, &unit, RevField::SelfAnswer, actor, answer.clone(), String::new(), stamp);
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
        Edit::DismissConflict { .. } | Edit::RestoreConflict { .. } => {}
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

/// The units a meeting names (present, next leader and deputy) must be in the bloc; the next
/// leader and deputy are two different units.
fn check_meeting(c: &Campaign, m: &Meeting) -> Result<(), Msg> {
    let named = m.present.iter().chain(m.next_leader.iter()).chain(m.next_deputy.iter());
    for code in named {
        if c.unit(code).is_none() {
            return refuse(format!("không có đơn vị «{code}» trong Khối"), format!("no unit «{code}» in the bloc"));
        }
    }
    if m.next_leader.is_some() && m.next_leader == m.next_deputy {
        return refuse(
            "Trưởng khối và Phó khối năm sau phải là hai đơn vị khác nhau",
            "next year's leader and deputy must be two different units",
        );
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
        None => {
            // The leader's order of the units grows with the new one (it is what the merge sorts by).
            let mut order: Vec<String> = c.units.iter().map(|u| u.code.clone()).collect();
            order.push(code.clone());
            set(&mut c.unit_order, order, stamp);
            // A new record: its first write has seen nothing.
            let info = Field { value: info, stamp: stamp.clone(), seen: Vec::new() };
            c.units.push(Unit { code, info, removed: Field::default() });
        }
    }
    Ok(())
}

fn no_conflict(path: &str) -> Msg {
    Msg::new(format!("không có xung đột này ở «{path}» (có thể đã được xử lý)"), format!("no such conflict at «{path}» (it may have been settled already)"))
}

fn dismiss(c: &mut Campaign, actor: &Actor, path: &str, which: &Stamp) -> Result<(), Msg> {
    if !c.conflicts.iter().any(|k| k.path == path && k.stamp == *which) {
        return Err(no_conflict(path));
    }
    let writer = crate::merge::writer_of(path);
    if *actor != Actor::Leader && *actor != writer {
        return refuse(
            format!("Chỉ Trưởng khối hoặc đơn vị sở hữu dữ liệu «{path}» được bỏ qua xung đột này"),
            format!("only the bloc leader or the unit owning «{path}» may dismiss this conflict"),
        );
    }
    let (gone, kept): (Vec<Conflict>, Vec<Conflict>) = std::mem::take(&mut c.conflicts).into_iter().partition(|k| k.path == path && k.stamp == *which);
    c.conflicts = kept;
    for k in gone {
        c.dismissed.insert(Dismissed { path: k.path, stamp: k.stamp, seen: k.seen });
    }
    Ok(())
}

fn restore(c: &mut Campaign, actor: &Actor, path: &str, which: &Stamp, stamp: &Stamp) -> Result<(), Msg> {
    use crate::merge::PathRef;
    let Some(k) = c
        .conflicts
        .iter()
        .filter(|k| k.path == path && k.stamp == *which)
        .max_by_key(|k| crate::merge::canonical_json(&k.value))
        .cloned()
    else {
        return Err(no_conflict(path));
    };
    if *actor != crate::merge::writer_of(path) {
        return match actor {
            Actor::Leader => refuse(
                format!("Trưởng khối không được ghi «{path}»: chỉ đơn vị sở hữu mới khôi phục được giá trị này"),
                format!("the leader may not write «{path}»: only the owning unit can restore this value"),
            ),
            Actor::Unit(me) => refuse(
                format!("Đơn vị «{me}» không được ghi «{path}»"),
                format!("unit «{me}» may not write «{path}»"),
            ),
        };
    }
    fn value<T: serde::de::DeserializeOwned>(k: &Conflict) -> Result<T, Msg> {
        serde_json::from_value(k.value.clone()).map_err(|e| {
            Msg::new(format!("giá trị xung đột ở «{}» không hợp lệ ({e})", k.path), format!("the conflict's value at «{}» is invalid ({e})", k.path))
        })
    }
    let parsed = crate::merge::parse_path(path).ok_or_else(|| no_conflict(path))?;
    let as_edit = |e: Edit, c: &mut Campaign| apply_edit(c, actor, e, stamp);
    match parsed {
        PathRef::Bloc => as_edit(Edit::SetBloc { bloc: value(&k)? }, c)?,
        PathRef::Template => as_edit(Edit::SetTemplate { template: value(&k)? }, c)?,
        PathRef::Awards => as_edit(Edit::SetAwards { tiers: value(&k)? }, c)?,
        PathRef::Pledge => as_edit(Edit::SetPledge { pledge: value(&k)? }, c)?,
        PathRef::ResultsLocked => as_edit(Edit::LockResults { locked: value(&k)? }, c)?,
        PathRef::Meeting => as_edit(Edit::SetMeeting { meeting: value(&k)? }, c)?,
        PathRef::Adoption => set(&mut c.adoption, value(&k)?, stamp),
        PathRef::UnitOrder => set(&mut c.unit_order, value(&k)?, stamp),
        PathRef::UnitInfo(code) => {
            let info: UnitInfo = value(&k)?;
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
            let u = c.units.iter_mut().find(|u| u.code == code).ok_or_else(|| no_conflict(path))?;
            set(&mut u.info, info, stamp);
        }
        PathRef::UnitRemoved(code) => {
            let removed: bool = value(&k)?;
            let u = c.units.iter_mut().find(|u| u.code == code).ok_or_else(|| no_conflict(path))?;
            set(&mut u.removed, removed, stamp);
        }
        PathRef::Vote(unit) => as_edit(Edit::SetVotes { unit: unit.to_string(), tally: Some(value(&k)?) }, c)?,
        PathRef::Input(unit, crit, field) => {
            let (unit, criterion) = (unit.to_string(), crit.to_string());
            match field {
                "self_answer" => as_edit(Edit::SetSelf { unit, criterion, answer: value(&k)? }, c)?,
                "note" => as_edit(Edit::SetNote { unit, criterion, note: value(&k)? }, c)?,
                "review" => {
                    results_open(c)?;
                    let answer: Option<Answer> = value(&k)?;
                    check_answer(c, &criterion, answer.as_ref())?;
                    let e = c.inputs.entry(unit.clone()).or_default().entry(criterion).or_default();
                    let reason = e.review_reason.value.clone();
                    history::record(e, &unit, RevField::Review, actor, answer.clone(), reason, stamp);
                    set(&mut e.review, answer, stamp);
                }
                _ => {
                    results_open(c)?;
                    let reason: String = value(&k)?;
                    set(&mut c.inputs.entry(unit).or_default().entry(criterion).or_default().review_reason, reason, stamp);
                }
            }
        }
        PathRef::Member(unit, field) => {
            let unit = unit.to_string();
            match field {
                "signing" => as_edit(Edit::Sign { unit, signing: value(&k)? }, c)?,
                "theme" => as_edit(Edit::SetTheme { unit, theme: value(&k)? }, c)?,
                "submitted" => {
                    let submitted: Option<Submission> = value(&k)?;
                    check_writer(c, actor, &Edit::SetTheme { unit: unit.clone(), theme: String::new() })?;
                    results_open(c)?;
                    set(&mut c.members.entry(unit).or_default().submitted, submitted, stamp);
                }
                _ => {
                    let decision: Option<Decision> = value(&k)?;
                    results_open(c)?;
                    set(&mut c.members.entry(unit).or_default().decision, decision, stamp);
                }
            }
        }
    }
    // The restoring write has seen the value it restores: it covers it, and the conflict goes.
    if let Some(f) = crate::merge::field_mut(c, path) {
        crate::merge::fold_seen(f, &k.stamp, &k.seen);
    }
    Ok(())
}
