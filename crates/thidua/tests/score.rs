//! `thidua score` against the sample bloc in `../shared/samples`.

mod common;

use common::{groups, run, samples, thidua};

#[test]
fn score_reproduces_sample_results() {
    let dir = samples();
    let r = run(thidua()
        .arg("score")
        .arg("--template")
        .arg(dir.join("template.csv"))
        .arg("--units")
        .arg(dir.join("units.csv"))
        .arg("--scores")
        .arg(dir.join("scores.csv")));
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    let expected = std::fs::read_to_string(dir.join("results.csv")).expect("read results.csv");
    assert_eq!(groups(&r.stdout), groups(&expected), "got:\n{}", r.stdout);
}

#[test]
fn score_writes_out_file() {
    let dir = samples();
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("results.csv");
    let r = run(thidua()
        .arg("score")
        .arg("--template")
        .arg(dir.join("template.csv"))
        .arg("--units")
        .arg(dir.join("units.csv"))
        .arg("--scores")
        .arg(dir.join("scores.csv"))
        .arg("--out")
        .arg(&out));
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    assert!(
        r.stdout.is_empty(),
        "nothing on stdout with --out, got:\n{}",
        r.stdout
    );
    let written = std::fs::read_to_string(&out).expect("read --out file");
    let expected = std::fs::read_to_string(dir.join("results.csv")).expect("read results.csv");
    assert_eq!(groups(&written), groups(&expected));
}

#[test]
fn score_missing_file_names_the_path() {
    let dir = samples();
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = tmp.path().join("khong-co.csv");
    let r = run(thidua()
        .arg("score")
        .arg("--template")
        .arg(dir.join("template.csv"))
        .arg("--units")
        .arg(dir.join("units.csv"))
        .arg("--scores")
        .arg(&missing));
    assert_ne!(r.code, Some(0));
    assert!(r.code.is_some(), "killed by a signal");
    assert!(
        r.stderr.contains(&missing.display().to_string()),
        "stderr:\n{}",
        r.stderr
    );
    assert!(
        r.stdout.is_empty(),
        "no partial results on stdout, got:\n{}",
        r.stdout
    );
}

#[test]
fn score_refuses_a_directory_and_garbage() {
    let dir = samples();
    let tmp = tempfile::tempdir().expect("tempdir");
    // A directory where a file is expected.
    let r = run(thidua()
        .arg("score")
        .arg("--template")
        .arg(tmp.path())
        .arg("--units")
        .arg(dir.join("units.csv"))
        .arg("--scores")
        .arg(dir.join("scores.csv")));
    assert_ne!(r.code, Some(0));
    assert!(
        r.stderr.contains(&tmp.path().display().to_string()),
        "stderr:\n{}",
        r.stderr
    );
    // Bytes that are no spreadsheet at all.
    let junk = tmp.path().join("junk.csv");
    std::fs::write(&junk, [0xff, 0xfe, 0x00, 0x01, b'\n', 0xc3]).expect("write junk");
    let r = run(thidua()
        .arg("score")
        .arg("--template")
        .arg(&junk)
        .arg("--units")
        .arg(dir.join("units.csv"))
        .arg("--scores")
        .arg(dir.join("scores.csv")));
    assert_eq!(r.code, Some(1), "stderr:\n{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn bad_command_line_is_a_usage_error() {
    let r = run(thidua().arg("score").arg("--template"));
    assert_eq!(r.code, Some(2), "stderr:\n{}", r.stderr);
}
