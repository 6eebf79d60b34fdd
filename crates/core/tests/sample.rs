//! The realistic bloc in `shared/samples` must reproduce its expected `results.csv`.

mod common;

use std::collections::BTreeSet;
use thidua_core::{evaluate, results::results_csv};

/// Rows grouped by rank: tied rows may come in any order.
fn by_rank(csv: &str) -> Vec<(String, BTreeSet<String>)> {
    let mut groups: Vec<(String, BTreeSet<String>)> = Vec::new();
    for line in csv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let rank = line.split(',').next().unwrap_or("").to_string();
        match groups.last_mut() {
            Some((r, set)) if *r == rank && !rank.is_empty() => {
                set.insert(line.to_string());
            }
            _ => groups.push((rank, BTreeSet::from([line.to_string()]))),
        }
    }
    groups
}

#[test]
fn sample_reproduces_expected_results() {
    let c = common::sample_campaign();
    let got = results_csv(&evaluate(&c));
    let want = String::from_utf8(common::sample_bytes("results.csv")).unwrap();
    assert_eq!(got.lines().next(), want.lines().next(), "header");
    assert_eq!(by_rank(&got), by_rank(&want), "got:\n{got}\nwant:\n{want}");
}

#[test]
fn sample_has_three_way_tie_for_third_and_a_disqualified_leader_in_total() {
    let e = evaluate(&common::sample_campaign());
    let thirds: Vec<_> = e.standings.iter().filter(|s| s.rank == Some(3)).map(|s| s.unit.as_str()).collect();
    assert_eq!(thirds, ["CTK", "VPDBQH", "SNGV"]);
    let last = e.standings.last().unwrap();
    assert_eq!(last.unit, "KBNN");
    assert!(!last.eligible());
    // KBNN has the highest total of all, yet a veto puts it out of the ranking.
    assert!(e.standings.iter().all(|s| s.total <= last.total));
    assert_eq!(last.score.vetoes.len(), 1);
    assert!(e.notes.is_empty());
}

#[test]
fn sample_scorecards_are_complete() {
    let e = evaluate(&common::sample_campaign());
    for s in &e.standings {
        assert!(s.score.is_complete(), "{} misses {:?}", s.unit, s.score.missing);
    }
}
