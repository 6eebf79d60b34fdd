//! Competition ranking with ties, and award proposals at tier borders.

mod common;

use thidua_core::{evaluate, AwardTier, Campaign, Field, Points, VoteTally};

/// One `points` criterion (max 100) and one veto; each unit's total is its score.
fn bloc(totals: &[(&str, &str)], vetoed: &[&str]) -> Campaign {
    let tpl = "code,title,kind,max,params\nA,A,section,100,\nA.1,a,points,100,\nG,G,section,0,\nG.1,v,veto,0,\n";
    let mut units = String::from("code,name,role\n");
    let mut scores = String::from("unit,code,self\n");
    for (i, (u, t)) in totals.iter().enumerate() {
        let role = if i == 0 { "truong_khoi" } else { "thanh_vien" };
        units.push_str(&format!("{u},Đơn vị {u},{role}\n"));
        scores.push_str(&format!("{u},A.1,{t}\n"));
        let veto = if vetoed.contains(u) { 1 } else { 0 };
        scores.push_str(&format!("{u},G.1,{veto}\n"));
    }
    common::campaign(tpl, &units, &scores)
}

fn ranks(c: &Campaign) -> Vec<(String, Option<u32>, Option<String>)> {
    evaluate(c).standings.into_iter().map(|s| (s.unit, s.rank, s.award)).collect()
}

fn row(u: &str, r: Option<u32>, a: Option<&str>) -> (String, Option<u32>, Option<String>) {
    (u.to_string(), r, a.map(str::to_string))
}

const GOV: &str = "Cờ thi đua của Chính phủ";
const PROV: &str = "Cờ thi đua của UBND tỉnh";
const CERT: &str = "Bằng khen của Chủ tịch UBND tỉnh";

#[test]
fn competition_ranks_share_and_skip() {
    let c = bloc(&[("A", "90"), ("B", "95"), ("C", "90"), ("D", "90"), ("E", "80"), ("F", "95")], &[]);
    let r: Vec<_> = ranks(&c).into_iter().map(|(u, r, _)| (u, r)).collect();
    let want = [("B", 1), ("F", 1), ("A", 3), ("C", 3), ("D", 3), ("E", 6)];
    assert_eq!(r, want.map(|(u, r)| (u.to_string(), Some(r))));
}

#[test]
fn tie_at_first_place_takes_the_first_tier_for_both_by_default() {
    let c = bloc(&[("A", "95"), ("B", "95"), ("C", "90")], &[]);
    assert_eq!(ranks(&c), [row("A", Some(1), Some(GOV)), row("B", Some(1), Some(GOV)), row("C", Some(3), Some(CERT))]);
}

#[test]
fn tie_across_a_maximum_count_is_left_to_the_bloc() {
    let mut c = bloc(&[("A", "95"), ("B", "90"), ("C", "90"), ("D", "85")], &[]);
    c.awards.value[1].max_count = Some(1);
    c.awards.value[1].rank_to = 3; // the provincial flag may go to ranks 2–3, one unit at most
    let e = evaluate(&c);
    let got: Vec<_> = e.standings.iter().map(|s| (s.unit.as_str(), s.rank, s.award.as_deref())).collect();
    // B and C tie at rank 2: one flag cannot take both, so neither is proposed automatically; they
    // do not fall to the certificate either (that tier takes rank 3 only, and they are rank 2).
    assert_eq!(got, [("A", Some(1), Some(GOV)), ("B", Some(2), None), ("C", Some(2), None), ("D", Some(4), None)]);
    assert_eq!(e.notes.len(), 1);
    assert_eq!(e.notes[0].units, ["B", "C"]);
    assert!(e.notes[0].msg.vi.contains("đồng hạng 2"), "{}", e.notes[0].msg.vi);
}

#[test]
fn veto_on_the_highest_total_moves_everyone_up() {
    let c = bloc(&[("A", "99"), ("B", "95"), ("C", "90"), ("D", "85")], &["A"]);
    assert_eq!(
        ranks(&c),
        [
            row("B", Some(1), Some(GOV)),
            row("C", Some(2), Some(PROV)),
            row("D", Some(3), Some(CERT)),
            row("A", None, None),
        ]
    );
}

#[test]
fn minimum_total_and_vote_share_withhold_an_award() {
    let mut c = bloc(&[("A", "95"), ("B", "90"), ("C", "70")], &[]);
    c.awards.value[0].min_vote_share = Some(Points::from_whole(50));
    c.awards.value[2].min_total = Some(Points::from_whole(80));
    // A got 3 of 7 ballots: 42.86% < 50%.
    c.votes.insert("A".into(), Field::new(VoteTally { ballots: 7, approvals: 3 }));
    assert_eq!(ranks(&c), [row("A", Some(1), None), row("B", Some(2), Some(PROV)), row("C", Some(3), None)]);
    // With 4 of 7 (57.14%) it passes.
    c.votes.insert("A".into(), Field::new(VoteTally { ballots: 7, approvals: 4 }));
    assert_eq!(ranks(&c)[0], row("A", Some(1), Some(GOV)));
}

#[test]
fn a_unit_takes_the_first_tier_it_qualifies_for() {
    let mut c = bloc(&[("A", "95"), ("B", "90")], &[]);
    c.awards.value = vec![
        AwardTier { name: "Cờ".into(), rank_from: 1, rank_to: 1, min_total: Some(Points::from_whole(96)), min_vote_share: None, max_count: Some(1) },
        AwardTier { name: "Bằng khen".into(), rank_from: 1, rank_to: 5, min_total: None, min_vote_share: None, max_count: None },
    ];
    assert_eq!(ranks(&c), [row("A", Some(1), Some("Bằng khen")), row("B", Some(2), Some("Bằng khen"))]);
}

#[test]
fn vote_share_rounds_half_up() {
    assert_eq!(VoteTally { ballots: 3, approvals: 2 }.share(), Points::parse("66.67").ok());
    assert_eq!(VoteTally { ballots: 0, approvals: 0 }.share(), None);
}

#[test]
fn incomplete_scorecards_are_ranked_but_not_proposed() {
    let mut c = bloc(&[("A", "95"), ("B", "90"), ("C", "85")], &[]);
    c.inputs.get_mut("A").unwrap().remove("A.1");
    let e = evaluate(&c);
    let got: Vec<_> = e.standings.iter().map(|s| (s.unit.as_str(), s.rank, s.award.as_deref())).collect();
    assert_eq!(got, [("B", Some(1), Some(GOV)), ("C", Some(2), Some(PROV)), ("A", Some(3), None)]);
    assert_eq!(e.notes.len(), 1);
    assert_eq!(e.notes[0].units, ["A"]);
}
