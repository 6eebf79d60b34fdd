//! Bundles: the file a unit or the leader sends. Round trip, refusals (damaged, altered, newer,
//! another campaign, a unit writing what is not its own, clocks from the future), hostile input,
//! and a unit's scores reaching the leader.

use sha2::Digest;
use proptest::prelude::*;
use thidua_core::bundle::{self, Bundle, Producer, Scope, MAX_TEXT_BYTES};
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::history::{RevField, Revision};
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
    // What this app writes is read the fast way (canonical JSON, checked and parsed in one pass),
    // with a trailing newline as a mail program may add, and gives what the slow way gives.
    assert_eq!(bundle::read_canonical(&text).as_ref(), Some(&b));
    assert_eq!(bundle::read_canonical(&format!("{text}\n")).as_ref(), Some(&b));
    assert_eq!(Bundle::from_json_slowly(&text).as_ref(), Ok(&b));
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
    assert_eq!(bundle::read_canonical(&pretty), None, "not canonical: the slow way reads it");
    assert_eq!(Bundle::from_json(&pretty).unwrap(), b);
    // A file written before bundles were canonical (fields in the order of the struct).
    let older = serde_json::to_string(&b).unwrap();
    assert_eq!(bundle::read_canonical(&older), None);
    assert_eq!(Bundle::from_json(&older).unwrap(), b);
    // A key repeated in a canonical-looking file, its checksum made again, as a forger would: the
    // fast way must not take the last value where the strict reader refuses the file.
    let text = b.to_json();
    let repeated = text.replacen("\"campaign_id\":", "\"campaign_id\":\"x\",\"campaign_id\":", 1);
    assert_eq!(bundle::read_canonical(&repeated), None);
    assert!(Bundle::from_json(&repeated).unwrap_err().vi.contains("lặp lại"));
    // The same inside the content, in a map (where a typed parse alone would keep the last one).
    let content = thidua_core::merge::canonical_json(&serde_json::from_str::<serde_json::Value>(&text).unwrap()["content"]);
    let forged = content.replacen("\"inputs\":{}", "\"inputs\":{\"CTK\":{},\"CTK\":{}}", 1);
    assert_ne!(forged, content);
    let sum: String = sha2::Sha256::digest(forged.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    let resealed = text.replacen(&content, &forged, 1).replacen(&b.checksum, &sum, 1);
    assert_eq!(bundle::read_canonical(&resealed), None);
    assert!(Bundle::from_json(&resealed).unwrap_err().vi.contains("«CTK» lặp lại"));
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
            // The fast way answers exactly as the slow one, whatever the change.
            prop_assert_eq!(Bundle::from_json(&text), Bundle::from_json_slowly(&text));
            if let Ok(b) = Bundle::from_json(&text) {
                // A change the checksum does not see is outside `content`; it must still be usable.
                let _ = bundle::preview(&c, &b, NOW);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Score histories in bundles: a unit brings only the revisions of its own self scores.

fn review(unit: &str, crit: &str, v: i64, reason: &str) -> Edit {
    Edit::SetReview { unit: unit.into(), criterion: crit.into(), answer: Some(Answer::Number(pts(v))), reason: reason.into() }
}

fn revision(field: RevField, clock: u64, replica: &str, by: Actor, v: i64) -> Revision {
    Revision { field, stamp: Stamp { clock, replica: replica.into() }, by, value: Some(Answer::Number(pts(v))), reason: String::new() }
}

fn push_revision(c: &mut Campaign, unit: &str, crit: &str, r: Revision) {
    c.inputs.entry(unit.into()).or_default().entry(crit.into()).or_default().history.push(r);
}

/// A bundle of `content` as `producer` in `scope`, with the checksum right (the scope is outside it).
fn forged_bundle(content: &Campaign, producer: Producer, scope: Scope) -> Bundle {
    let mut b = Bundle::new(content, producer, Scope::Whole, NOW);
    b.scope = scope;
    Bundle::from_json(&b.to_json()).unwrap()
}

#[test]
fn a_units_part_brings_its_score_history_and_not_the_leaders() {
    let (leader_c, clock) = leader_copy();
    let mut leader = Dev { c: leader_c.clone(), clock, actor: Actor::Leader };
    let mut ctk = Dev::from(&leader_c, "ctk-laptop", Actor::Unit("CTK".into()));
    ctk.edit(NOW, score("CTK", "A.1", 9));
    ctk.edit(NOW + 1, Edit::Submit { unit: "CTK".into(), date: "01/12/2025".into() });
    leader.c = bundle::apply(&leader.c, &Bundle::new(&ctk.c, ctk.producer("CTK"), Scope::Unit("CTK".into()), NOW + 2), NOW + 2).unwrap();
    leader.clock.observe(&max_stamp(&leader.c));
    leader.edit(NOW + 3, review("CTK", "A.1", 7, "Thiếu minh chứng"));
    leader.edit(NOW + 4, Edit::Decide { unit: "CTK".into(), decision: Decision::Returned { round: 1, comment: "Bổ sung".into() } });
    // The unit receives the leader's file (with the review's revision), corrects and sends again.
    ctk.c = bundle::apply(&ctk.c, &Bundle::new(&leader.c, leader.producer("Trưởng khối"), Scope::Whole, NOW + 5), NOW + 5).unwrap();
    ctk.clock.observe(&max_stamp(&ctk.c));
    assert!(ctk.c.entry("CTK", "A.1").unwrap().history.iter().any(|r| r.field == RevField::Review));
    ctk.edit(NOW + 6, score("CTK", "A.1", 8));
    let part = Bundle::new(&ctk.c, ctk.producer("Cục Thống kê"), Scope::Unit("CTK".into()), NOW + 7);
    let sent = &part.content.entry("CTK", "A.1").unwrap().history;
    assert!(sent.iter().all(|r| r.field == RevField::SelfAnswer) && sent.len() == 2, "{sent:?}");
    let p = bundle::preview(&leader.c, &part, NOW + 8).unwrap();
    assert!(p.refused.is_empty(), "{}", refused_text(&p));
    assert_eq!(p.revisions, 1);
    let m = bundle::apply(&leader.c, &part, NOW + 8).unwrap();
    let kinds: Vec<(RevField, Option<Answer>)> = m.entry("CTK", "A.1").unwrap().history.iter().map(|r| (r.field, r.value.clone())).collect();
    assert_eq!(
        kinds,
        vec![
            (RevField::SelfAnswer, Some(Answer::Number(pts(9)))),
            (RevField::Review, Some(Answer::Number(pts(7)))),
            (RevField::SelfAnswer, Some(Answer::Number(pts(8)))),
        ]
    );
    // History alone is something new, and said so.
    let mut only = leader.c.clone();
    only.inputs.get_mut("CTK").unwrap().get_mut("A.1").unwrap().history.retain(|r| r.field == RevField::Review);
    let b = Bundle::new(&leader.c, leader.producer("Trưởng khối"), Scope::Whole, NOW + 9);
    let p = bundle::preview(&only, &b, NOW + 9).unwrap();
    assert!(!p.is_empty() && p.revisions == 1 && p.changed.is_empty(), "{p:?}");
    assert!(p.summary().vi.contains("lịch sử điểm"), "{:?}", p.summary());
}

#[test]
fn revisions_a_unit_may_not_write_are_refused() {
    let (leader, _) = leader_copy();
    let ctk = Dev::from(&leader, "ctk-laptop", Actor::Unit("CTK".into()));
    let unit_scope = || Scope::Unit("CTK".into());

    // A review revision in a unit's part, the field itself untouched.
    let mut c = leader.clone();
    push_revision(&mut c, "CTK", "A.1", revision(RevField::Review, NOW, "ctk-laptop", Actor::Leader, 10));
    let p = bundle::preview(&leader, &forged_bundle(&c, ctk.producer("Cục Thống kê"), unit_scope()), NOW).unwrap();
    let text = refused_text(&p);
    assert!(text.contains("inputs/CTK/A.1/review") && text.contains("lịch sử điểm") && text.contains("không được ghi"), "{text}");
    assert!(bundle::apply(&leader, &forged_bundle(&c, ctk.producer("Cục Thống kê"), unit_scope()), NOW).is_err());

    // Another unit's self-score revisions, in a unit's part or in a whole copy a unit sends.
    let mut c = leader.clone();
    push_revision(&mut c, "SNGV", "A.2", revision(RevField::SelfAnswer, NOW, "ctk-laptop", Actor::Unit("SNGV".into()), 4));
    for scope in [unit_scope(), Scope::Whole] {
        let p = bundle::preview(&leader, &forged_bundle(&c, ctk.producer("Cục Thống kê"), scope.clone()), NOW).unwrap();
        let text = refused_text(&p);
        assert!(text.contains("inputs/SNGV/A.2/self_answer") && text.contains("không được ghi"), "{scope:?}: {text}");
    }
    // The leader's copy may bring it.
    let lead = Producer { replica: "leader-pc".into(), actor: Actor::Leader, label: "Trưởng khối".into() };
    assert!(bundle::preview(&ctk.c, &forged_bundle(&c, lead.clone(), Scope::Whole), NOW).unwrap().refused.is_empty());

    // A revision naming a writer its field does not have, whoever sends it.
    let mut c = leader.clone();
    push_revision(&mut c, "CTK", "A.1", revision(RevField::SelfAnswer, NOW, "leader-pc", Actor::Leader, 3));
    let text = refused_text(&bundle::preview(&ctk.c, &forged_bundle(&c, lead, Scope::Whole), NOW).unwrap());
    assert!(text.contains("inputs/CTK/A.1/self_answer") && text.contains("wrong writer"), "{text}");

    // A revision of its own score stamped ten days ahead.
    let mut c = leader.clone();
    push_revision(&mut c, "CTK", "A.1", revision(RevField::SelfAnswer, NOW + 10 * DAY, "ctk-laptop", Actor::Unit("CTK".into()), 5));
    let p = bundle::preview(&leader, &forged_bundle(&c, ctk.producer("Cục Thống kê"), unit_scope()), NOW).unwrap();
    let text = refused_text(&p);
    assert!(text.contains("inputs/CTK/A.1/self_answer") && text.contains("10 ngày") && text.contains("10 days"), "{text}");
    // Six days ahead is within the tolerance.
    let mut c = leader.clone();
    push_revision(&mut c, "CTK", "A.1", revision(RevField::SelfAnswer, NOW + 6 * DAY, "ctk-laptop", Actor::Unit("CTK".into()), 5));
    let p = bundle::preview(&leader, &forged_bundle(&c, ctk.producer("Cục Thống kê"), unit_scope()), NOW).unwrap();
    assert!(p.refused.is_empty(), "{}", refused_text(&p));
}
