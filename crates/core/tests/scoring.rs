//! Every criterion kind, section caps, bonus and penalty caps, rounding, vetoes, completeness.

mod common;

use thidua_core::{evaluate, Points};

const TEMPLATE: &str = "\
code,title,kind,max,params
A,Nhiệm vụ,section,30,
A.1,Điểm,points,10,
A.2,Có/không,yesno,5,
A.3,Mức,levels,6,Tốt=6|Khá=4|Đạt=2
A.4,Tỷ lệ,ratio,10,80
A.5,Báo cáo chậm,deduct_per_item,5,0.5
B,Thưởng,bonus,3,
B.1,Sáng kiến,per_item,4,1
C,Trừ,penalty,2,
C.1,Phê bình,per_item,5,1
G,Không xét,section,0,
G.1,Kỷ luật,veto,0,
";

const UNITS: &str = "code,name,role\nU1,Một,truong_khoi\nU2,Hai,thanh_vien\n";

fn total_of(scores: &str) -> (Points, thidua_core::Evaluation) {
    let c = common::campaign(TEMPLATE, UNITS, &format!("unit,code,self,review,note\n{scores}"));
    let e = evaluate(&c);
    let s = e.standings.iter().find(|s| s.unit == "U1").unwrap();
    (s.total, e.clone())
}

fn p(s: &str) -> Points {
    Points::parse(s).unwrap()
}

#[test]
fn each_kind_scores_as_the_format_says() {
    let cases: &[(&str, &str)] = &[
        ("U1,A.1,7.5,,", "7.5"),
        ("U1,A.1,\"7,5\",,", "7.5"),
        ("U1,A.2,1,,", "5"),
        ("U1,A.2,có,,", "5"),
        ("U1,A.2,Đạt,,", "5"),
        ("U1,A.2,không đạt,,", "0"),
        ("U1,A.2,no,,", "0"),
        ("U1,A.3,khá,,", "4"),
        ("U1,A.3,  Tốt ,,", "6"),
        ("U1,A.3,2,,", "2"),
        // ratio: max × min(p / target, 1), target 80
        ("U1,A.4,40,,", "5"),
        ("U1,A.4,80,,", "10"),
        ("U1,A.4,120,,", "10"),
        ("U1,A.4,0,,", "0"),
        // deduct_per_item: max(max − n × each, 0)
        ("U1,A.5,0,,", "5"),
        ("U1,A.5,3,,", "3.5"),
        ("U1,A.5,100,,", "0"),
        // per_item in a bonus section: min(n × each, max), then the section cap
        ("U1,B.1,2,,", "2"),
        ("U1,B.1,9,,", "3"),
        // per_item in a penalty section subtracts, capped by the section
        ("U1,C.1,1,,", "-1"),
        ("U1,C.1,9,,", "-2"),
    ];
    for (row, want) in cases {
        let (got, _) = total_of(row);
        assert_eq!(got, p(want), "row {row}");
    }
}

#[test]
fn section_cap_applies_to_the_sum_of_criteria() {
    // 10 + 5 + 6 + 10 + 5 = 36 > 30
    let (t, _) = total_of("U1,A.1,10,,\nU1,A.2,1,,\nU1,A.3,Tốt,,\nU1,A.4,100,,\nU1,A.5,0,,");
    assert_eq!(t, p("30"));
}

#[test]
fn grand_total_is_sections_plus_bonus_minus_penalty() {
    let (t, e) = total_of("U1,A.1,10,,\nU1,B.1,2,,\nU1,C.1,1,,");
    assert_eq!(t, p("11"));
    let s = &e.standings.iter().find(|s| s.unit == "U1").unwrap().score;
    assert_eq!(s.sections.iter().map(|x| x.total).collect::<Vec<_>>(), [p("10"), p("2"), p("1"), p("0")]);
}

#[test]
fn review_replaces_self() {
    let (t, _) = total_of("U1,A.1,10,6.25,giảm vì thiếu minh chứng");
    assert_eq!(t, p("6.25"));
}

#[test]
fn ratio_rounds_half_up_to_hundredths() {
    let tpl = "code,title,kind,max,params\nA,A,section,100,\nA.1,r,ratio,10,100\nA.2,s,ratio,20,3\n";
    let run = |scores: &str| {
        let c = common::campaign(tpl, UNITS, &format!("unit,code,self\n{scores}"));
        evaluate(&c).standings.iter().find(|s| s.unit == "U1").unwrap().total
    };
    assert_eq!(run("U1,A.1,79.85"), p("7.99")); // 7.985 → 7.99
    assert_eq!(run("U1,A.1,79.84"), p("7.98")); // 7.984 → 7.98
    assert_eq!(run("U1,A.1,0.05"), p("0.01")); // 0.005 → 0.01
    assert_eq!(run("U1,A.1,0.04"), p("0")); // 0.004 → 0
    assert_eq!(run("U1,A.2,1"), p("6.67")); // 20/3 = 6.666… → 6.67
    assert_eq!(run("U1,A.2,2"), p("13.33")); // 13.333… → 13.33
}

#[test]
fn veto_disqualifies_and_missing_inputs_are_listed() {
    let (_, e) = total_of("U1,A.1,10,,\nU1,G.1,1,,");
    let u1 = e.standings.iter().find(|s| s.unit == "U1").unwrap();
    assert!(!u1.eligible());
    assert_eq!(u1.rank, None);
    assert_eq!(u1.score.vetoes, ["G.1"]);
    // Vetoes need no answer; the other seven criteria without input are missing.
    assert_eq!(u1.score.missing, ["A.2", "A.3", "A.4", "A.5", "B.1", "C.1"]);
    let u2 = e.standings.iter().find(|s| s.unit == "U2").unwrap();
    assert_eq!(u2.rank, Some(1));
    assert_eq!(u2.total, p("0"));
    assert_eq!(u2.score.missing.len(), 7);
}

#[test]
fn bad_inputs_are_refused_with_row_and_column() {
    let cases: &[(&str, &str)] = &[
        ("U1,A.1,11,,", "self"),
        ("U1,A.1,-1,,", "self"),
        ("U1,A.1,abc,,", "self"),
        ("U1,A.1,1.234,,", "self"),
        ("U1,A.2,maybe,,", "self"),
        ("U1,A.3,Xuất sắc,,", "self"),
        ("U1,A.3,5,,", "self"),
        ("U1,A.4,-3,,", "self"),
        ("U1,A.5,1.5,,", "self"),
        ("U1,B.1,-1,,", "self"),
        ("U1,A.1,5,11,", "review"),
        ("U9,A.1,5,,", "unit"),
        ("U1,Z.1,5,,", "code"),
        ("U1,A,5,,", "code"),
    ];
    for (row, column) in cases {
        let r = thidua_core::import::campaign_from_files(
            thidua_core::import::SourceFile { name: "template.csv", bytes: TEMPLATE.as_bytes() },
            thidua_core::import::SourceFile { name: "units.csv", bytes: UNITS.as_bytes() },
            Some(thidua_core::import::SourceFile {
                name: "scores.csv",
                bytes: format!("unit,code,self,review,note\n{row}").as_bytes(),
            }),
        );
        let problems = r.expect_err(row);
        let p = &problems.0[0];
        assert_eq!((p.file.as_str(), p.row, p.column.as_deref()), ("scores.csv", Some(2), Some(*column)), "{row}: {p}");
    }
}

#[test]
fn deduct_per_item_inside_a_penalty_section_is_refused() {
    let t = "code,title,kind,max,params\nA,a,section,10,\nA.1,b,points,10,\nF,f,penalty,5,\nF.1,g,deduct_per_item,5,1\n";
    let r = thidua_core::import::campaign_from_files(
        thidua_core::import::SourceFile { name: "template.csv", bytes: t.as_bytes() },
        thidua_core::import::SourceFile { name: "units.csv", bytes: UNITS.as_bytes() },
        None,
    );
    let p = r.unwrap_err();
    assert_eq!((p.0[0].row, p.0[0].column.as_deref()), (Some(5), Some("kind")));
}
