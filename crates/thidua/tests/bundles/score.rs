//! `thidua score --bundle`: the sample's results from files, and what it says of bad input.

use super::*;

#[test]
fn score_bundle_reproduces_sample_results() {
    let mut c = sample(true);
    c.id = "mau".into();
    let b = Bundle::new(
        &c,
        Producer {
            replica: "r".into(),
            actor: Actor::Leader,
            label: "Trưởng khối".into(),
        },
        Scope::Whole,
        T0,
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = write(tmp.path(), "mau.json", &b.to_json());
    let r = run(thidua().arg("score").arg("--bundle").arg(&file));
    assert_eq!(r.code, Some(0), "{}", r.all());
    let expected = std::fs::read_to_string(samples().join("results.csv")).expect("results.csv");
    assert_eq!(groups(&r.stdout), groups(&expected), "got:\n{}", r.stdout);
    // --out, and a campaign document instead of a bundle.
    let doc = write(tmp.path(), "mau-doc.json", &stored::campaign_to_json(&c));
    let out = tmp.path().join("results.csv");
    let r = run(thidua()
        .arg("score")
        .arg("--bundle")
        .arg(&doc)
        .arg("--out")
        .arg(&out));
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert_eq!(
        groups(&std::fs::read_to_string(&out).expect("read")),
        groups(&expected)
    );
}

#[test]
fn score_bundle_problems_and_modes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = samples();
    // Both modes, or neither: usage errors.
    let bad = [
        vec![
            "--bundle".into(),
            "x.json".into(),
            "--template".into(),
            dir.join("template.csv").display().to_string(),
        ],
        vec![
            "--bundle".into(),
            "x.json".into(),
            "--units".into(),
            "u.csv".into(),
        ],
        vec![
            "--template".into(),
            dir.join("template.csv").display().to_string(),
        ],
        vec![],
    ];
    for args in bad {
        let r = run(thidua().arg("score").args(&args));
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.all());
    }
    let junk = write(tmp.path(), "junk.json", "{\"format\": \"thidua-bundle\"}");
    let r = run(thidua().arg("score").arg("--bundle").arg(&junk));
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(
        r.stderr.contains("junk.json") && r.stdout.is_empty(),
        "{}",
        r.all()
    );
    let r = run(thidua()
        .arg("score")
        .arg("--bundle")
        .arg(tmp.path().join("none.json")));
    assert_eq!(r.code, Some(3), "{}", r.all());
}
