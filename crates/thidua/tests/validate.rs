//! `thidua validate`: OK on the samples, every problem (with row and column) on broken files.

mod common;

use common::{run, samples, thidua};
use std::path::Path;

fn validate(template: &Path, units: &Path, scores: Option<&Path>) -> common::Run {
    let mut cmd = thidua();
    cmd.arg("validate")
        .arg("--template")
        .arg(template)
        .arg("--units")
        .arg(units);
    if let Some(s) = scores {
        cmd.arg("--scores").arg(s);
    }
    run(&mut cmd)
}

#[test]
fn samples_are_valid() {
    let dir = samples();
    let r = validate(
        &dir.join("template.csv"),
        &dir.join("units.csv"),
        Some(&dir.join("scores.csv")),
    );
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert!(r.stdout.contains("OK"), "stdout:\n{}", r.stdout);
    let units = std::fs::read_to_string(dir.join("units.csv"))
        .expect("units.csv")
        .lines()
        .count()
        - 1;
    assert!(
        r.stdout.contains(&format!("{units} đơn vị")),
        "stdout:\n{}",
        r.stdout
    );
}

#[test]
fn scores_are_optional() {
    let dir = samples();
    let r = validate(&dir.join("template.csv"), &dir.join("units.csv"), None);
    assert_eq!(r.code, Some(0), "{}", r.all());
}

/// Copies the samples into a temp dir with `from` replaced by `to` on the template.csv row whose code
/// is `code`. Returns the dir and that row's spreadsheet number (header = row 1).
fn broken_template(code: &str, from: &str, to: &str) -> (tempfile::TempDir, usize) {
    let dir = samples();
    let tmp = tempfile::tempdir().expect("tempdir");
    for f in ["units.csv", "scores.csv"] {
        std::fs::copy(dir.join(f), tmp.path().join(f)).expect("copy sample");
    }
    let text = std::fs::read_to_string(dir.join("template.csv")).expect("template.csv");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let idx = lines
        .iter()
        .position(|l| l.starts_with(&format!("{code},")))
        .expect("code in template");
    assert!(
        lines[idx].contains(from),
        "sample row changed: {}",
        lines[idx]
    );
    lines[idx] = lines[idx].replacen(from, to, 1);
    std::fs::write(tmp.path().join("template.csv"), lines.join("\n") + "\n")
        .expect("write template");
    (tmp, idx + 1)
}

#[test]
fn broken_template_names_row_and_column() {
    // A.3 is `points` with max 10 in the samples; "mười" (ten) is no number.
    let (tmp, row) = broken_template("A.3", ",points,10,", ",points,mười,");
    let p = tmp.path();
    let r = validate(
        &p.join("template.csv"),
        &p.join("units.csv"),
        Some(&p.join("scores.csv")),
    );
    assert_eq!(r.code, Some(1), "{}", r.all());
    let all = r.all();
    assert!(
        all.contains(&format!("dòng {row}")),
        "row {row} not named:\n{all}"
    );
    assert!(all.contains("cột max"), "column not named:\n{all}");
    assert!(all.contains("template.csv"), "file not named:\n{all}");
}

#[test]
fn every_problem_is_reported() {
    let dir = samples();
    let tmp = tempfile::tempdir().expect("tempdir");
    let units = tmp.path().join("units.csv");
    // Two bad roles on two rows; both must be reported, not only the first.
    let text = std::fs::read_to_string(dir.join("units.csv")).expect("units.csv");
    let broken = text.replacen("thanh_vien", "khach", 2);
    std::fs::write(&units, broken).expect("write units");
    let r = validate(&dir.join("template.csv"), &units, None);
    assert_eq!(r.code, Some(1), "{}", r.all());
    let rows: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("thanh_vien"))
        .map(|(i, _)| i + 1)
        .take(2)
        .collect();
    for row in rows {
        assert!(
            r.stderr.contains(&format!("dòng {row}")),
            "row {row} missing:\n{}",
            r.stderr
        );
    }
}

#[test]
fn all_missing_files_are_named() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (t, u) = (tmp.path().join("a.csv"), tmp.path().join("b.csv"));
    let r = validate(&t, &u, None);
    assert_ne!(r.code, Some(0));
    assert!(r.code.is_some());
    assert!(
        r.stderr.contains(&t.display().to_string()),
        "stderr:\n{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&u.display().to_string()),
        "stderr:\n{}",
        r.stderr
    );
}
