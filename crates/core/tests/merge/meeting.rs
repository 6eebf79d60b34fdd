//! The evaluation meeting's minutes: merged as one field, and carried by files.

use super::world::{dev, edit};
use super::*;

fn meeting(place: &str) -> Meeting {
    Meeting {
        date: "20/12/2025".into(),
        place: place.into(),
        chair: "Chủ trì".into(),
        secretary: "Thư ký".into(),
        present: vec!["L".into(), "U1".into()],
        next_leader: Some("U1".into()),
        next_deputy: Some("U2".into()),
        number: "01/BB-KTĐ".into(),
    }
}

#[test]
fn the_meeting_merges_keeps_a_concurrent_write_and_travels_in_bundles() {
    use thidua_core::bundle::{self, Bundle, Producer, Scope};
    let b = base();
    let mut lead = dev("lead", Actor::Leader, &b);
    let mut deputy = dev("deputy", Actor::Leader, &b);
    edit(&mut lead, T0, Edit::SetMeeting { meeting: meeting("Hội trường A") });

    // Sequential: the deputy had the leader's copy; its write wins with no conflict.
    deputy.state = merge(&deputy.state, &lead.state).unwrap();
    deputy.clock.observe(&max_stamp(&deputy.state));
    assert_eq!(deputy.state.meeting.place, "Hội trường A");
    edit(&mut deputy, T0 + 10, Edit::SetMeeting { meeting: meeting("Hội trường B") });
    let m = merge(&lead.state, &deputy.state).unwrap();
    assert_eq!(m, merge(&deputy.state, &lead.state).unwrap());
    assert_eq!(m.meeting.place, "Hội trường B");
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);

    // Concurrent: the leader writes again without the deputy's copy; the loser is kept.
    edit(&mut lead, T0 + 5, Edit::SetMeeting { meeting: meeting("Hội trường C") });
    let m = merge(&lead.state, &deputy.state).unwrap();
    assert_eq!(m, merge(&deputy.state, &lead.state).unwrap());
    assert_eq!(m.meeting.place, "Hội trường B", "the later stamp wins");
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].path, "meeting");
    assert_eq!(m.conflicts[0].value["place"], "Hội trường C");
    assert_eq!(merge::writer_of("meeting"), Actor::Leader);

    // A unit may not restore it; the leader may, with the checks of SetMeeting.
    let k = m.conflicts[0].clone();
    let mut unit = dev("u1", Actor::Unit("U1".into()), &m);
    let s = unit.clock.tick(T0 + 20);
    assert!(apply(&mut unit.state, &Actor::Unit("U1".into()), Edit::RestoreConflict { path: k.path.clone(), stamp: k.stamp.clone() }, &s).is_err());
    lead.state = m.clone();
    lead.clock.observe(&max_stamp(&m));
    edit(&mut lead, T0 + 30, Edit::RestoreConflict { path: k.path.clone(), stamp: k.stamp.clone() });
    assert_eq!(lead.state.meeting.place, "Hội trường C");
    assert!(lead.state.conflicts.is_empty());

    // The leader's file brings the meeting to a unit's copy.
    let file = Bundle::new(&lead.state, Producer { replica: "lead".into(), actor: Actor::Leader, label: "Trưởng khối".into() }, Scope::Whole, T0 + 40);
    let file = Bundle::from_json(&file.to_json()).unwrap();
    let got = bundle::apply(&b, &file, T0 + 40).unwrap();
    assert_eq!(got.meeting, lead.state.meeting);

    // A unit's file that writes the meeting is refused.
    let mut forged = dev("u2", Actor::Unit("U2".into()), &b);
    forged.state.meeting = Field { value: meeting("Giả mạo"), stamp: forged.clock.tick(T0 + 50), seen: Vec::new() };
    let file = Bundle::new(&forged.state, Producer { replica: "u2".into(), actor: Actor::Unit("U2".into()), label: "Sở Hai".into() }, Scope::Unit("U2".into()), T0 + 50);
    let p = bundle::preview(&b, &file, T0 + 50).unwrap();
    assert!(!p.refused.is_empty(), "a unit's file wrote the meeting");
    assert!(p.refused.iter().any(|m| m.vi.contains("biên bản họp bình xét")), "{:?}", p.refused);
}
