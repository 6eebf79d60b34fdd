//! Bundles: the file a unit or the leader sends. Round trip, refusals (damaged, altered, newer,
//! another campaign, a unit writing what is not its own, clocks from the future), hostile input,
//! and a unit's scores reaching the leader.

use proptest::prelude::*;
use thidua_core::bundle::{self, Bundle, Producer, Scope, MAX_TEXT_BYTES};
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::hlc::Clock;
use thidua_core::merge::max_stamp;
use thidua_core::*;

const DAY: u64 = 86_400_000;
const NOW: u64 = 1_740_000_000_000;

fn pts(n: i64) -> Points {
    Points::from_whole(n)
}

fn template() -> Template {
    let crit = |id: &str, max: i64| Criterion { id: id.into(), code: id.into(), title: format!("Tiêu chí {id}"), max: pts(max), kind: CriterionKind::Points };
    Template {
        sections: vec![Section {
            id: "A".into(),
            code: "A".into(),
            title: "Nhiệm vụ".into(),
            kind: SectionKind::Section,
            max: pts(30),
            criteria: vec![crit("A.1", 10), crit("A.2", 10), crit("A.3", 10)],
        }],
    }
}

/// The leader's copy: three units, the scorecard adopted.
fn leader_copy() -> (Campaign, Clock) {
    let mut c = Campaign::new("khoi-2025", BlocInfo { name: "Khối VII".into(), year: 2025, ..Default::default() });
    let mut clock = Clock::new("leader-pc");
    let info = |n: &str, role| UnitInfo { name: n.into(), role, email: String::new() };
    let edits = [
        Edit::PutUnit { code: "VP".into(), info: info("Văn phòng", Role::TruongKhoi) },
        Edit::PutUnit { code: "CTK".into(), info: info("Cục Thống kê", Role::ThanhVien) },
        Edit::PutUnit { code: "SNGV".into(), info: info("Sở Ngoại vụ", Role::ThanhVien) },
        Edit::SetTemplate { template: template() },
        Edit::Adopt { date: "01/03/2025".into() },
    ];
    for (i, e) in edits.into_iter().enumerate() {
        apply(&mut c, &Actor::Leader, e, &clock.tick(NOW - DAY + i as u64)).unwrap();
    }
    (c, clock)
}

struct Dev {
    c: Campaign,
    clock: Clock,
    actor: Actor,
}

impl Dev {
    fn from(c: &Campaign, replica: &str, actor: Actor) -> Dev {
        let mut clock = Clock::new(replica);
        clock.observe(&max_stamp(c));
        Dev { c: c.clone(), clock, actor }
    }

    fn edit(&mut self, now: u64, e: Edit) {
        let s = self.clock.tick(now);
        apply(&mut self.c, &self.actor.clone(), e, &s).unwrap();
    }

    fn producer(&self, label: &str) -> Producer {
        Producer { replica: self.clock.replica.clone(), actor: self.actor.clone(), label: label.into() }
    }
}

fn score(unit: &str, crit: &str, v: i64) -> Edit {
    Edit::SetSelf { unit: unit.into(), criterion: crit.into(), answer: Some(Answer::Number(pts(v))) }
}

fn refused_text(p: &bundle::Preview) -> String {
    p.refused.iter().map(|m| format!("{} / {}", m.vi, m.en)).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_bundle_survives_the_round_trip() {
    let (c, _) = leader_copy();
    let b = Bundle::new(&c, Producer { replica: "leader-pc".into(), actor: Actor::Leader, label: "Trưởng khối".into() }, Scope::Whole, NOW);
    assert_eq!(b.format, "thidua-bundle");
    assert_eq!(b.checksum.len(), 64);
    let text = b.to_json();
    let back = Bundle::from_json(&text).unwrap();
    assert_eq!(back, b);
    assert_eq!(back.content, c);
    // Another scope, the same.
    let u = Bundle::new(&c, Producer { replica: "x".into(), actor: Actor::Unit("CTK".into()), label: "Cục Thống kê".into() }, Scope::Unit("CTK".into()), NOW);
    assert_eq!(Bundle::from_json(&u.to_json()).unwrap(), u);
}

#[test]
fn an_altered_file_is_refused() {
    let (c, _) = leader_copy();
    let b = Bundle::new(&c, Producer { replica: "r".into(), actor: Actor::Leader, label: "Trưởng khối".into() }, Scope::Whole, NOW);
    let text = b.to_json().replace("Cục Thống kê", "Cục Thống Kê");
    let err = Bundle::from_json(&text).unwrap_err();
    assert!(err.vi.contains("đã bị sửa hoặc hỏng") && err.en.contains("checksum"), "{err:?}");
    // The checksum itself altered.
    let mut v: serde_json::Value = serde_json::from_str(&b.to_json()).unwrap();
    v["checksum"] = serde_json::json!("00".repeat(32));
    assert!(Bundle::from_json(&v.to_string()).unwrap_err().vi.contains("đã bị sửa"));
    // Key order and spacing do not matter: the checksum is over canonical JSON.
    let pretty = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&b.to_json()).unwrap()).unwrap();
    assert_eq!(Bundle::from_json(&pretty).unwrap(), b);
}

#[test]
fn a_bundle_of_another_campaign_is_refused() {
    let (c, _) = leader_copy();
    let mut other = c.clone();
    other.id = "khoi-2024".into();
    let b = Bundle::new(&other, Producer { replica: "r".into(), actor: Actor::Leader, label: "Trưởng khối".into() }, Scope::Whole, NOW);
    let b = Bundle::from_json(&b.to_json()).unwrap();
    let err = bundle::preview(&c, &b, NOW).unwrap_err();
    assert!(err.vi.contains("chiến dịch khác") && err.en.contains("another campaign"), "{err:?}");
    assert!(bundle::apply(&c, &b, NOW).is_err());
}

#[test]
fn a_newer_schema_is_refused() {
    let (c, _) = leader_copy();
    let b = Bundle::new(&c, Producer { replica: "r".into(), actor: Actor::Leader, label: "Trưởng khối".into() }, Scope::Whole, NOW);
    let mut v: serde_json::Value = serde_json::from_str(&b.to_json()).unwrap();
    v["schema"] = serde_json::json!(SCHEMA_VERSION + 1);
    let err = Bundle::from_json(&v.to_string()).unwrap_err();
    assert!(err.vi.contains("phiên bản mới hơn") && err.en.contains("newer version"), "{err:?}");
    // A newer content with an honest checksum, too.
    let mut newer = c.clone();
    newer.schema = SCHEMA_VERSION + 1;
    let b = Bundle::new(&newer, Producer { replica: "r".into(), actor: Actor::Leader, label: "Trưởng khối".into() }, Scope::Whole, NOW);
    assert!(Bundle::from_json(&b.to_json()).unwrap_err().en.contains("newer version"));
}

#[test]
fn a_units_bundle_brings_its_scores_to_the_leader() {
    let (leader, _) = leader_copy();
    let mut ctk = Dev::from(&leader, "ctk-laptop", Actor::Unit("CTK".into()));
    ctk.edit(NOW, score("CTK", "A.1", 8));
    ctk.edit(NOW + 1, score("CTK", "A.2", 9));
    ctk.edit(NOW + 2, score("CTK", "A.3", 7));
    ctk.edit(NOW + 3, Edit::SetNote { unit: "CTK".into(), criterion: "A.1".into(), note: "Báo cáo số 12/BC-CTK".into() });
    ctk.edit(NOW + 4, Edit::SetTheme { unit: "CTK".into(), theme: "Số hóa thống kê".into() });
    let b = Bundle::new(&ctk.c, ctk.producer("Cục Thống kê"), Scope::Unit("CTK".into()), NOW + 10);
    // Only its own records travel.
    assert!(b.content.inputs.keys().all(|u| u == "CTK"));
    let b = Bundle::from_json(&b.to_json()).unwrap();

    let p = bundle::preview(&leader, &b, NOW + 20).unwrap();
    assert!(p.refused.is_empty(), "{}", refused_text(&p));
    assert_eq!((p.scores, p.notes, p.reviews, p.members, p.settings, p.new_conflicts), (3, 1, 0, 1, 0, 0), "{p:?}");
    assert!(p.summary().vi.contains("3 điểm tự chấm"), "{:?}", p.summary());
    let merged = bundle::apply(&leader, &b, NOW + 20).unwrap();
    assert_eq!(merged.entry("CTK", "A.2").unwrap().self_answer.value, Some(Answer::Number(pts(9))));
    assert_eq!(merged.members["CTK"].theme.value, "Số hóa thống kê");
    // Applying it again changes nothing.
    let again = bundle::preview(&merged, &b, NOW + 30).unwrap();
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(bundle::apply(&merged, &b, NOW + 30).unwrap(), merged);
}

#[test]
fn a_units_bundle_carrying_another_units_scores_is_refused() {
    let (leader, _) = leader_copy();
    // SNGV scores on its device; CTK's device got SNGV's copy somehow and sends it as its own.
    let mut sngv = Dev::from(&leader, "sngv-pc", Actor::Unit("SNGV".into()));
    sngv.edit(NOW, score("SNGV", "A.1", 10));
    let ctk = Dev::from(&sngv.c, "ctk-laptop", Actor::Unit("CTK".into()));
    let b = Bundle::new(&ctk.c, ctk.producer("Cục Thống kê"), Scope::Whole, NOW + 5);
    let p = bundle::preview(&leader, &b, NOW + 10).unwrap();
    let text = refused_text(&p);
    assert_eq!(p.refused.len(), 1, "{text}");
    assert!(text.contains("inputs/SNGV/A.1/self_answer") && text.contains("không được ghi"), "{text}");
    let err = bundle::apply(&leader, &b, NOW + 10).unwrap_err();
    assert!(err.vi.contains("không nhập gì"), "{err:?}");
    // A forged score for another unit, with the file's checksum made right, is refused the same.
    let mut forged = leader.clone();
    forged.inputs.entry("SNGV".into()).or_default().entry("A.2".into()).or_default().self_answer =
        Field { value: Some(Answer::Number(pts(10))), stamp: Stamp { clock: NOW, replica: "ctk-laptop".into() }, seen: vec![] };
    let b = Bundle::new(&forged, ctk.producer("Cục Thống kê"), Scope::Whole, NOW);
    let b = Bundle::from_json(&b.to_json()).unwrap();
    assert!(refused_text(&bundle::preview(&leader, &b, NOW).unwrap()).contains("inputs/SNGV/A.2/self_answer"));
    // A unit may not write the leader's review of its own scores either.
    let mut forged = leader.clone();
    forged.inputs.entry("CTK".into()).or_default().entry("A.2".into()).or_default().review =
        Field { value: Some(Answer::Number(pts(10))), stamp: Stamp { clock: NOW, replica: "ctk-laptop".into() }, seen: vec![] };
    let b = Bundle::new(&forged, ctk.producer("Cục Thống kê"), Scope::Unit("CTK".into()), NOW);
    assert!(refused_text(&bundle::preview(&leader, &b, NOW).unwrap()).contains("inputs/CTK/A.2/review"));
}

#[test]
fn a_units_bundle_carrying_leader_settings_is_refused() {
    let (leader, _) = leader_copy();
    let mut ctk = Dev::from(&leader, "ctk-laptop", Actor::Unit("CTK".into()));
    ctk.edit(NOW, score("CTK", "A.1", 8));
    // Edited by hand in the file: the bloc's name and a new unit.
    ctk.c.bloc = Field { value: BlocInfo { name: "Khối của tôi".into(), year: 2025, ..Default::default() }, stamp: Stamp { clock: NOW + 1, replica: "ctk-laptop".into() }, seen: vec![] };
    let b = Bundle::new(&ctk.c, ctk.producer("Cục Thống kê"), Scope::Unit("CTK".into()), NOW + 2);
    let p = bundle::preview(&leader, &b, NOW + 3).unwrap();
    let text = refused_text(&p);
    assert!(text.contains("thông tin Khối («bloc»)") && text.contains("bloc details"), "{text}");
    assert!(bundle::apply(&leader, &b, NOW + 3).is_err());
    // Also unstamped (imported) leader data changed in the file.
    let mut ctk2 = Dev::from(&leader, "ctk-laptop", Actor::Unit("CTK".into()));
    ctk2.c.awards.value.pop();
    let b = Bundle::new(&ctk2.c, ctk2.producer("Cục Thống kê"), Scope::Unit("CTK".into()), NOW);
    // Equal (unset) stamps: the canonical JSON decides which value stands. Either it is the
    // leader's, and nothing changes, or it is the file's, and the file is refused.
    let p = bundle::preview(&leader, &b, NOW).unwrap();
    match bundle::apply(&leader, &b, NOW) {
        Ok(m) => assert_eq!(m.awards, leader.awards),
        Err(_) => assert!(refused_text(&p).contains("«awards»"), "{p:?}"),
    }
}

#[test]
fn the_leaders_bundle_may_write_anything() {
    let (leader_c, clock) = leader_copy();
    let mut leader = Dev { c: leader_c.clone(), clock, actor: Actor::Leader };
    let ctk = Dev::from(&leader_c, "ctk-laptop", Actor::Unit("CTK".into()));
    leader.edit(NOW, Edit::SetBloc { bloc: BlocInfo { name: "Khối VII (sửa)".into(), year: 2025, ..Default::default() } });
    leader.edit(NOW + 1, Edit::SetVotes { unit: "SNGV".into(), tally: Some(VoteTally { ballots: 3, approvals: 2 }) });
    let b = Bundle::new(&leader.c, leader.producer("Trưởng khối"), Scope::Whole, NOW + 2);
    let p = bundle::preview(&ctk.c, &b, NOW + 3).unwrap();
    assert!(p.refused.is_empty(), "{}", refused_text(&p));
    assert_eq!(p.settings, 2);
    let m = bundle::apply(&ctk.c, &b, NOW + 3).unwrap();
    assert_eq!(m.bloc.name, "Khối VII (sửa)");
}

#[test]
fn stamps_from_the_far_future_are_refused() {
    let (leader, _) = leader_copy();
    let mut ctk = Dev::from(&leader, "ctk-laptop", Actor::Unit("CTK".into()));
    // The laptop's clock is 10 days ahead.
    ctk.edit(NOW + 10 * DAY, score("CTK", "A.1", 8));
    let b = Bundle::new(&ctk.c, ctk.producer("Cục Thống kê"), Scope::Unit("CTK".into()), NOW + 10 * DAY);
    let p = bundle::preview(&leader, &b, NOW).unwrap();
    let text = refused_text(&p);
    assert!(text.contains("inputs/CTK/A.1/self_answer") && text.contains("10 ngày") && text.contains("10 days"), "{text}");
    assert!(bundle::apply(&leader, &b, NOW).is_err());
    // Six days ahead is within the tolerance.
    let mut ok = Dev::from(&leader, "ctk-laptop", Actor::Unit("CTK".into()));
    ok.edit(NOW + 6 * DAY, score("CTK", "A.1", 8));
    let b = Bundle::new(&ok.c, ok.producer("Cục Thống kê"), Scope::Unit("CTK".into()), NOW);
    assert!(bundle::apply(&leader, &b, NOW).is_ok());
    // The leader's clock is checked the same.
    let (lc, _) = leader_copy();
    let mut lead = Dev::from(&lc, "leader-phone", Actor::Leader);
    lead.edit(NOW + 30 * DAY, Edit::SetPledge { pledge: Pledge { slogan: "x".into(), ..Default::default() } });
    let b = Bundle::new(&lead.c, lead.producer("Trưởng khối"), Scope::Whole, NOW);
    assert!(refused_text(&bundle::preview(&lc, &b, NOW).unwrap()).contains("«pledge»"));
}

#[test]
fn a_units_concurrent_write_becomes_a_conflict_the_preview_counts() {
    let (leader, _) = leader_copy();
    let mut pc = Dev::from(&leader, "ctk-pc", Actor::Unit("CTK".into()));
    let mut laptop = Dev::from(&leader, "ctk-laptop", Actor::Unit("CTK".into()));
    pc.edit(NOW, score("CTK", "A.1", 8));
    laptop.edit(NOW + 1, score("CTK", "A.1", 6));
    let first = bundle::apply(&leader, &Bundle::new(&laptop.c, laptop.producer("CTK"), Scope::Unit("CTK".into()), NOW), NOW).unwrap();
    let b = Bundle::new(&pc.c, pc.producer("CTK"), Scope::Unit("CTK".into()), NOW);
    let p = bundle::preview(&first, &b, NOW + 5).unwrap();
    assert!(p.refused.is_empty());
    assert_eq!((p.scores, p.new_conflicts), (0, 1), "{p:?}");
    assert!(p.summary().en.contains("1 new conflict"), "{:?}", p.summary());
    let m = bundle::apply(&first, &b, NOW + 5).unwrap();
    assert_eq!(m.open_conflicts().count(), 1);
}

#[test]
fn hostile_text_is_refused_without_panicking() {
    let (c, _) = leader_copy();
    let good = Bundle::new(&c, Producer { replica: "r".into(), actor: Actor::Leader, label: "Trưởng khối".into() }, Scope::Whole, NOW).to_json();
    let deep_array = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_object = format!("{{\"format\":\"thidua-bundle\",\"schema\":1,\"content\":{}1{}}}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let huge = format!("{{\"format\":\"thidua-bundle\",\"pad\":\"{}\"}}", "x".repeat(MAX_TEXT_BYTES));
    let cases: Vec<String> = vec![
        String::new(),
        "null".into(),
        "42".into(),
        "\"thidua-bundle\"".into(),
        "{".into(),
        "{}".into(),
        "{\"format\":\"thidua-bundle\"}".into(),
        "{\"format\":\"thidua-bundle\",\"schema\":-1}".into(),
        "{\"format\":\"thidua-bundle\",\"schema\":1,\"content\":null,\"checksum\":\"x\"}".into(),
        "{\"format\":\"thidua-bundle\",\"schema\":18446744073709551616}".into(),
        "\u{feff}{}".into(),
        deep_array,
        deep_object,
        good.replace("\"content\"", "\"kontent\""),
    ];
    for text in &cases {
        let r = Bundle::from_json(text);
        assert!(r.is_err(), "accepted: {}", &text[..text.len().min(80)]);
    }
    let err = Bundle::from_json(&huge).unwrap_err();
    assert!(err.vi.contains("quá lớn") && err.en.contains("too large"), "{err:?}");
    // Truncated anywhere.
    for cut in (0..good.len()).step_by(97) {
        if good.is_char_boundary(cut) {
            assert!(Bundle::from_json(&good[..cut]).is_err());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        let _ = Bundle::from_json(&s);
    }

    #[test]
    fn a_bundle_with_one_byte_changed_never_panics(pos in any::<prop::sample::Index>(), byte in 0x20u8..0x7f) {
        let (c, _) = leader_copy();
        let good = Bundle::new(&c, Producer { replica: "r".into(), actor: Actor::Leader, label: "T".into() }, Scope::Whole, NOW).to_json();
        let mut bytes = good.into_bytes();
        let i = pos.index(bytes.len());
        bytes[i] = byte;
        if let Ok(text) = String::from_utf8(bytes) {
            if let Ok(b) = Bundle::from_json(&text) {
                // A change the checksum does not see is outside `content`; it must still be usable.
                let _ = bundle::preview(&c, &b, NOW);
            }
        }
    }
}
