//! The sample bloc exported and read back: every total, rank, award and criterion's points must be
//! the core's evaluation, and the expected results of `shared/samples`.

mod common;

use calamine::Data;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use thidua_core::{evaluate, Campaign, CriterionKind, Evaluation, Points};
use thidua_export::{workbook, Lang};

fn export(c: &Campaign, lang: Lang) -> Vec<(String, calamine::Range<Data>)> {
    let bytes = workbook(c, lang).unwrap_or_else(|m| panic!("export failed: {}", m.en));
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip file");
    read_back(&bytes)
}

/// `results.csv` of the samples: unit → (rank, total, award).
fn expected_results() -> BTreeMap<String, (String, Points, String)> {
    let text = String::from_utf8(sample_bytes("results.csv")).expect("utf-8");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let total = Points::parse(f[3]).expect("total");
            (
                f[1].to_string(),
                (f[0].to_string(), total, f.get(5).unwrap_or(&"").to_string()),
            )
        })
        .collect()
}

fn check_summary(c: &Campaign, e: &Evaluation, sheet: &calamine::Range<Data>, lang: Lang) {
    let (rank_label, total_label, award_label, section_label) = match lang {
        Lang::Vi => ("Hạng", "Tổng điểm", "Đề nghị khen thưởng", "Cộng phần"),
        Lang::En => ("Rank", "Total", "Award proposed", "Section"),
    };
    let (head, _) = find(sheet, |s| s == rank_label).expect("header row");
    let total_col = column(sheet, head, |s| s == total_label).expect("total column");
    let award_col = column(sheet, head, |s| s == award_label).expect("award column");
    let first = head + 3;
    assert_eq!(
        sheet.end().map(|(_, c)| c),
        Some(total_col + 2),
        "notes are the last column"
    );

    for (i, s) in e.standings.iter().enumerate() {
        let row = first + i as u32;
        assert_eq!(text(sheet, row, 1), s.unit, "unit order");
        assert_eq!(text(sheet, row, 2), s.name);
        match s.rank {
            Some(r) => assert_eq!(
                hundredths(sheet, row, 0),
                i64::from(r) * 100,
                "rank of {}",
                s.unit
            ),
            None => assert_eq!(cell(sheet, row, 0), Data::Empty, "{} is not ranked", s.unit),
        }
        assert_eq!(
            points(sheet, row, total_col),
            s.total,
            "total of {}",
            s.unit
        );
        assert_eq!(
            text(sheet, row, award_col),
            s.award.clone().unwrap_or_default(),
            "award of {}",
            s.unit
        );

        let mut flat = 0;
        for (si, sec) in c.template.sections.iter().enumerate() {
            for k in &sec.criteria {
                let col = column(sheet, head + 1, |h| h.starts_with(&format!("{}. ", k.code)))
                    .unwrap_or_else(|| panic!("no column for {}", k.code));
                let entry = c.entry(&s.unit, &k.id);
                let reviewed = entry.and_then(|en| en.review.value.as_ref()).is_some();
                let counted = s.score.criteria[flat];
                if k.kind == CriterionKind::Veto {
                    assert!(matches!(
                        cell(sheet, row, col),
                        Data::String(_) | Data::Empty
                    ));
                } else if reviewed {
                    assert_eq!(
                        points(sheet, row, col + 1),
                        counted,
                        "{} reviewed {}",
                        s.unit,
                        k.code
                    );
                } else {
                    assert_eq!(
                        cell(sheet, row, col + 1),
                        Data::Empty,
                        "{} {} not reviewed",
                        s.unit,
                        k.code
                    );
                    assert_eq!(
                        points(sheet, row, col),
                        counted,
                        "{} self {}",
                        s.unit,
                        k.code
                    );
                }
                flat += 1;
            }
            if sec.criteria.iter().any(|k| k.kind != CriterionKind::Veto) {
                let label = format!("{section_label} {}", sec.code);
                let col = column(sheet, head + 1, |h| h.starts_with(&label))
                    .unwrap_or_else(|| panic!("no {label}"));
                assert_eq!(
                    points(sheet, row, col),
                    s.score.sections[si].total,
                    "{} {label}",
                    s.unit
                );
            }
        }
    }
}

#[test]
fn summary_equals_the_core_and_the_expected_results() {
    let c = sample_campaign();
    let e = evaluate(&c);
    let sheets = export(&c, Lang::Vi);
    assert_eq!(sheets[0].0, "Tổng hợp");
    let names: Vec<&str> = sheets[1..].iter().map(|(n, _)| n.as_str()).collect();
    let codes: Vec<&str> = e.standings.iter().map(|s| s.unit.as_str()).collect();
    assert_eq!(names, codes, "one sheet per unit, in rank order");

    let summary = &sheets[0].1;
    check_summary(&c, &e, summary, Lang::Vi);

    // The same numbers as the samples' expected results, read from the workbook alone.
    let (head, _) = find(summary, |s| s == "Hạng").expect("header row");
    let total_col = column(summary, head, |s| s == "Tổng điểm").expect("total column");
    let expected = expected_results();
    assert_eq!(expected.len(), e.standings.len());
    for row in head + 3..head + 3 + expected.len() as u32 {
        let unit = text(summary, row, 1);
        let (rank, total, award) = &expected[&unit];
        let got_rank = match cell(summary, row, 0) {
            Data::Empty => String::new(),
            _ => (hundredths(summary, row, 0) / 100).to_string(),
        };
        assert_eq!(&got_rank, rank, "rank of {unit}");
        assert_eq!(points(summary, row, total_col), *total, "total of {unit}");
        assert_eq!(&text(summary, row, total_col + 1), award, "award of {unit}");
    }
}

#[test]
fn each_unit_sheet_is_its_scorecard_with_the_core_totals() {
    let c = sample_campaign();
    let e = evaluate(&c);
    let sheets = export(&c, Lang::Vi);
    for (s, (name, sheet)) in e.standings.iter().zip(&sheets[1..]) {
        assert_eq!(name, &s.unit);
        let (total_row, _) = find(sheet, |t| t == "TỔNG ĐIỂM").expect("total row");
        assert_eq!(points(sheet, total_row, 8), s.total, "{name} total");
        let (rank_row, _) = find(sheet, |t| t == "Xếp hạng").expect("rank row");
        match s.rank {
            Some(r) => assert_eq!(hundredths(sheet, rank_row, 8), i64::from(r) * 100),
            None => assert_eq!(text(sheet, rank_row, 8), "Không xếp hạng"),
        }
        let (award_row, _) = find(sheet, |t| t == "Đề nghị khen thưởng").expect("award row");
        assert_eq!(
            text(sheet, award_row, 8),
            s.award.clone().unwrap_or_else(|| "—".into())
        );
        for (si, sec) in c.template.sections.iter().enumerate() {
            if sec.criteria.iter().all(|k| k.kind == CriterionKind::Veto) {
                continue;
            }
            let (row, _) = find(sheet, |t| t.starts_with(&format!("Cộng phần {}", sec.code)))
                .expect("section row");
            assert_eq!(
                points(sheet, row, 8),
                s.score.sections[si].total,
                "{name} section {}",
                sec.code
            );
        }
        let criteria: Vec<_> = c.template.criteria().map(|(_, k)| k).collect();
        for (k, counted) in criteria.iter().zip(&s.score.criteria) {
            let (row, _) = find(sheet, |t| t == k.code).expect("criterion row");
            assert_eq!(text(sheet, row, 2), k.title);
            if k.kind != CriterionKind::Veto {
                assert_eq!(points(sheet, row, 8), *counted, "{name} {}", k.code);
                assert_eq!(points(sheet, row, 3), k.max);
            }
        }
    }
    // The disqualified unit's sheet says why.
    let kbnn = &sheets
        .iter()
        .find(|(n, _)| n == "KBNN")
        .expect("KBNN sheet")
        .1;
    assert!(find(kbnn, |t| t.contains("Không xét thi đua: G.1")).is_some());
}

#[test]
fn english_headers_and_the_same_numbers() {
    let c = sample_campaign();
    let e = evaluate(&c);
    let sheets = export(&c, Lang::En);
    assert_eq!(sheets[0].0, "Summary");
    check_summary(&c, &e, &sheets[0].1, Lang::En);
}

/// The sample with its units renamed to codes Excel would refuse as sheet names.
fn with_odd_codes() -> (Campaign, Vec<(String, String)>) {
    let mut c = sample_campaign();
    let odd = [
        ("VPUB", "Tổng hợp"),
        ("LMHTX", "A/B:C*?"),
        ("VPDBQH", "ctk"),
        ("SNGV", "'Sở Ngoại vụ'"),
        ("SKHDT", "History"),
        ("KBNN", "[Kho bạc Nhà nước tỉnh — chi nhánh số 1]"),
    ];
    for (from, to) in odd {
        let u = c.units.iter_mut().find(|u| u.code == from).expect("unit");
        u.code = to.to_string();
        if let Some(inputs) = c.inputs.remove(from) {
            c.inputs.insert(to.to_string(), inputs);
        }
        if let Some(m) = c.members.remove(from) {
            c.members.insert(to.to_string(), m);
        }
    }
    (
        c,
        odd.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
    )
}

#[test]
fn sheet_names_are_valid_and_unique_for_odd_codes() {
    let (c, _) = with_odd_codes();
    let e = evaluate(&c);
    let sheets = export(&c, Lang::Vi);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 1 + e.standings.len());
    let lower: BTreeSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(lower.len(), names.len(), "unique ignoring case: {names:?}");
    for n in &names {
        rust_xlsxwriter::utility::check_sheet_name(n).unwrap_or_else(|err| panic!("{n}: {err}"));
        assert_ne!(n.to_lowercase(), "history");
    }
    assert_eq!(names[0], "Tổng hợp");
    assert!(
        names.contains(&"CTK") && names.contains(&"ctk (2)"),
        "{names:?}"
    );
    assert!(names.contains(&"Tổng hợp (2)"), "{names:?}");
    // Each sheet still holds its own unit's scorecard.
    for (s, (_, sheet)) in e.standings.iter().zip(&sheets[1..]) {
        assert_eq!(text(sheet, 1, 0), format!("{} — {}", s.unit, s.name));
        let (row, _) = find(sheet, |t| t == "TỔNG ĐIỂM").expect("total row");
        assert_eq!(points(sheet, row, 8), s.total);
    }
    check_summary(&c, &e, &sheets[0].1, Lang::Vi);
}

#[test]
fn an_empty_campaign_still_makes_a_workbook() {
    let c = Campaign::new(
        "x",
        thidua_core::BlocInfo {
            name: "Khối trống".into(),
            year: 2025,
            ..Default::default()
        },
    );
    let sheets = export(&c, Lang::Vi);
    assert_eq!(sheets.len(), 1);
}
