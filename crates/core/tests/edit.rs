//! Who may write what, and the year's locks: adoption, submission, review, results.

mod common;

use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::*;

fn stamp(n: u64) -> Stamp {
    Stamp { clock: n, replica: "test".into() }
}

fn leader(c: &mut Campaign, e: Edit) -> Result<(), Msg> {
    apply(c, &Actor::Leader, e, &stamp(1))
}

fn unit(c: &mut Campaign, u: &str, e: Edit) -> Result<(), Msg> {
    apply(c, &Actor::Unit(u.into()), e, &stamp(2))
}

fn self_score(u: &str, crit: &str, v: i64) -> Edit {
    Edit::SetSelf { unit: u.into(), criterion: crit.into(), answer: Some(Answer::Number(Points::from_whole(v))) }
}

fn adopted_sample() -> Campaign {
    let mut c = common::sample_campaign();
    c.inputs.clear();
    leader(&mut c, Edit::Adopt { date: "10/03/2025".into() }).unwrap();
    c
}

#[test]
fn a_unit_writes_only_its_own_inputs() {
    let mut c = adopted_sample();
    unit(&mut c, "CTK", self_score("CTK", "A.3", 8)).unwrap();
    let before = c.clone();
    let err = unit(&mut c, "CTK", self_score("SNGV", "A.3", 10)).unwrap_err();
    assert!(err.vi.contains("không được sửa dữ liệu của đơn vị «SNGV»"), "{}", err.vi);
    assert!(unit(&mut c, "CTK", Edit::SetAwards { tiers: vec![] }).is_err());
    assert!(unit(&mut c, "CTK", Edit::SetBloc { bloc: BlocInfo { name: "x".into(), ..Default::default() } }).is_err());
    assert!(unit(&mut c, "CTK", Edit::Decide { unit: "CTK".into(), decision: Decision::Accepted { round: 1 } }).is_err());
    // The leader reviews; it does not rewrite a unit's self-assessment.
    assert!(leader(&mut c, self_score("CTK", "A.3", 10)).is_err());
    assert_eq!(c, before, "a refused edit changes nothing");
}

#[test]
fn inputs_are_checked_against_the_criterion() {
    let mut c = adopted_sample();
    assert!(unit(&mut c, "CTK", self_score("CTK", "A.3", 11)).is_err()); // max 10
    assert!(unit(&mut c, "CTK", self_score("CTK", "Z.9", 1)).is_err());
    let wrong_kind = Edit::SetSelf { unit: "CTK".into(), criterion: "B.1".into(), answer: Some(Answer::Number(Points::ZERO)) };
    assert!(unit(&mut c, "CTK", wrong_kind).is_err());
}

#[test]
fn self_scoring_waits_for_adoption_and_adoption_locks_the_scorecard() {
    let mut c = common::sample_campaign();
    assert!(unit(&mut c, "CTK", self_score("CTK", "A.3", 8)).is_err());
    leader(&mut c, Edit::Adopt { date: "10/03/2025".into() }).unwrap();
    let t = c.template.value.clone();
    assert!(leader(&mut c, Edit::SetTemplate { template: t.clone() }).is_err());
    assert!(leader(&mut c, Edit::Unlock { date: "11/03/2025".into(), reason: " ".into() }).is_err());
    leader(&mut c, Edit::Unlock { date: "11/03/2025".into(), reason: "Sửa tiêu chí A.3".into() }).unwrap();
    leader(&mut c, Edit::SetTemplate { template: t }).unwrap();
    assert_eq!(c.adoption.log.len(), 2);
    assert_eq!(c.adoption.log[1].reason, "Sửa tiêu chí A.3");
}

#[test]
fn submit_review_return_resubmit_accept() {
    let mut c = adopted_sample();
    unit(&mut c, "CTK", self_score("CTK", "A.3", 8)).unwrap();
    // Reviewing before submission is refused.
    let review = |v: i64, reason: &str| Edit::SetReview {
        unit: "CTK".into(),
        criterion: "A.3".into(),
        answer: Some(Answer::Number(Points::from_whole(v))),
        reason: reason.into(),
    };
    assert!(leader(&mut c, review(6, "thiếu minh chứng")).is_err());
    unit(&mut c, "CTK", Edit::Submit { unit: "CTK".into(), date: "05/12/2025".into() }).unwrap();
    assert_eq!(c.members["CTK"].state(), SubmissionState::Submitted { round: 1 });
    // Submitted inputs are locked for the unit.
    assert!(unit(&mut c, "CTK", self_score("CTK", "A.3", 9)).is_err());
    // A review needs a reason.
    assert!(leader(&mut c, review(6, "")).is_err());
    leader(&mut c, review(6, "thiếu minh chứng")).unwrap();
    assert_eq!(c.entry("CTK", "A.3").unwrap().effective(), Some(&Answer::Number(Points::from_whole(6))));
    // Returning needs a comment, and opens the unit's inputs again.
    let ret = |comment: &str| Edit::Decide { unit: "CTK".into(), decision: Decision::Returned { round: 1, comment: comment.into() } };
    assert!(leader(&mut c, ret("")).is_err());
    leader(&mut c, ret("Bổ sung minh chứng A.3")).unwrap();
    unit(&mut c, "CTK", self_score("CTK", "A.3", 9)).unwrap();
    unit(&mut c, "CTK", Edit::Submit { unit: "CTK".into(), date: "06/12/2025".into() }).unwrap();
    assert_eq!(c.members["CTK"].state(), SubmissionState::Submitted { round: 2 });
    // A decision on a stale round is refused.
    assert!(leader(&mut c, Edit::Decide { unit: "CTK".into(), decision: Decision::Accepted { round: 1 } }).is_err());
    leader(&mut c, Edit::Decide { unit: "CTK".into(), decision: Decision::Accepted { round: 2 } }).unwrap();
    assert!(!c.members["CTK"].editable());
}

#[test]
fn votes_are_validated_and_locked_results_refuse_changes() {
    let mut c = adopted_sample();
    let votes = |b, a| Edit::SetVotes { unit: "CTK".into(), tally: Some(VoteTally { ballots: b, approvals: a }) };
    assert!(leader(&mut c, votes(7, 8)).is_err()); // approvals > ballots
    assert!(leader(&mut c, votes(8, 5)).is_err()); // ballots > 7 members
    leader(&mut c, votes(7, 5)).unwrap();
    leader(&mut c, Edit::LockResults { locked: true }).unwrap();
    assert!(leader(&mut c, votes(7, 6)).is_err());
    assert!(unit(&mut c, "CTK", self_score("CTK", "A.3", 8)).is_err());
}

#[test]
fn one_leader_at_a_time_and_removed_units_leave_the_ranking() {
    let mut c = adopted_sample();
    let info = |role| UnitInfo { name: "Sở mới".into(), role, email: String::new() };
    assert!(leader(&mut c, Edit::PutUnit { code: "SMOI".into(), info: info(Role::TruongKhoi) }).is_err());
    leader(&mut c, Edit::PutUnit { code: "SMOI".into(), info: info(Role::ThanhVien) }).unwrap();
    assert_eq!(evaluate(&c).standings.len(), 8);
    leader(&mut c, Edit::RemoveUnit { code: "SMOI".into() }).unwrap();
    assert_eq!(evaluate(&c).standings.len(), 7);
    assert!(unit(&mut c, "SMOI", Edit::SetTheme { unit: "SMOI".into(), theme: "x".into() }).is_err());
}

#[test]
fn edits_carry_their_stamp() {
    let mut c = adopted_sample();
    apply(&mut c, &Actor::Unit("CTK".into()), self_score("CTK", "A.3", 8), &stamp(42)).unwrap();
    assert_eq!(c.entry("CTK", "A.3").unwrap().self_answer.stamp, stamp(42));
}

#[test]
fn next_year_keeps_members_and_scorecard_and_passes_the_leader_role() {
    let mut c = adopted_sample();
    c.bloc.value.year = 2018;
    unit(&mut c, "CTK", self_score("CTK", "A.3", 8)).unwrap();
    unit(&mut c, "CTK", Edit::Sign { unit: "CTK".into(), signing: Some(Signing { date: "1/3/2018".into(), signatory: "A".into(), position: "GĐ".into() }) }).unwrap();
    let n = thidua_core::handover::next_year(&c, "next", "LMHTX").unwrap();
    assert_eq!(n.bloc.year, 2019);
    assert_eq!(n.leader().map(|u| u.code.as_str()), Some("LMHTX"));
    assert_eq!(n.unit("VPUB").unwrap().info.role, Role::ThanhVien);
    assert_eq!(n.units.len(), 7);
    assert_eq!(n.template.value, c.template.value);
    assert!(!n.adoption.adopted);
    assert!(n.inputs.is_empty() && n.members.is_empty());
    assert!(thidua_core::handover::next_year(&c, "x", "NOPE").is_err());
}

fn meeting() -> Meeting {
    Meeting {
        date: "08/01/2019".into(),
        place: "Hội trường Văn phòng UBND tỉnh".into(),
        chair: "Nguyễn Văn An".into(),
        secretary: "Trần Thị Bình".into(),
        present: vec!["VPUB".into(), "LMHTX".into(), "CTK".into()],
        next_leader: Some("LMHTX".into()),
        next_deputy: Some("CTK".into()),
        number: "01/BB-KTĐ".into(),
    }
}

#[test]
fn only_the_leader_records_the_meeting_and_not_once_results_are_locked() {
    let mut c = adopted_sample();
    let err = unit(&mut c, "CTK", Edit::SetMeeting { meeting: meeting() }).unwrap_err();
    assert!(err.vi.contains("Chỉ Trưởng khối"), "{}", err.vi);
    assert_eq!(c.meeting.value, Meeting::default(), "a refused edit changes nothing");

    leader(&mut c, Edit::SetMeeting { meeting: meeting() }).unwrap();
    assert_eq!(c.meeting.value, meeting());
    assert_eq!(c.meeting.stamp, stamp(1));
    assert_eq!(thidua_core::merge::writer_of("meeting"), Actor::Leader);

    // Units it names must be in the bloc, and the next leader and deputy differ.
    let stranger = Meeting { present: vec!["XYZ".into()], ..meeting() };
    assert!(leader(&mut c, Edit::SetMeeting { meeting: stranger }).is_err());
    let same = Meeting { next_deputy: Some("LMHTX".into()), ..meeting() };
    assert!(leader(&mut c, Edit::SetMeeting { meeting: same }).is_err());

    leader(&mut c, Edit::LockResults { locked: true }).unwrap();
    let later = Meeting { place: "Nơi khác".into(), ..meeting() };
    assert!(leader(&mut c, Edit::SetMeeting { meeting: later }).is_err());
    assert_eq!(c.meeting.value, meeting());

    // It survives the stored document's round trip; an unset meeting costs nothing in it.
    let back: Campaign = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    assert_eq!(back.meeting, c.meeting);
    let fresh = serde_json::to_string(&adopted_sample()).unwrap();
    assert!(!fresh.contains("\"meeting\""), "{fresh}");
}
