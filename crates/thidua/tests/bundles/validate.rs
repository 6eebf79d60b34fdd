//! `thidua validate`: a summary per file, every problem of every file named, campaign documents
//! and spreadsheets taken with bundles.

use super::*;

#[test]
fn validate_bundles_ok_with_a_summary_per_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    let [l, c, m] = &s.files;
    let r = validate(&[l, c, m]);
    assert_eq!(r.code, Some(0), "{}", r.all());
    for f in &s.files {
        let line = r
            .stdout
            .lines()
            .find(|x| x.starts_with(&f.display().to_string()))
            .unwrap_or_else(|| panic!("no line for {}:\n{}", f.display(), r.stdout));
        assert!(line.contains("Hợp lệ (OK)"), "{line}");
        assert!(line.contains(&format!("«{ID}», Khối VII/2024")), "{line}");
        // Bundles are created at T0 + 4 h = 20/02/2025 01:20 UTC.
        assert!(line.contains("20/02/2025 01:20 UTC"), "{line}");
        assert!(line.contains("7 đơn vị (units)"), "{line}");
    }
    let ctk_line = r
        .stdout
        .lines()
        .find(|x| x.contains("ctk.json"))
        .unwrap_or_default();
    assert!(
        ctk_line.contains("«Cục Thống kê tỉnh», đơn vị CTK (unit CTK)"),
        "{ctk_line}"
    );
    assert!(
        ctk_line.contains("phần của đơn vị CTK (unit CTK's part)"),
        "{ctk_line}"
    );
    let leader_line = r
        .stdout
        .lines()
        .find(|x| x.contains("truong-khoi.json"))
        .unwrap_or_default();
    assert!(
        leader_line.contains("Trưởng khối (leader)")
            && leader_line.contains("toàn bộ chiến dịch (whole campaign)"),
        "{leader_line}"
    );
    assert!(r.stdout.contains("3 tệp hợp nhất được"), "{}", r.stdout);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    // One file alone is valid too.
    assert_eq!(validate(&[c]).code, Some(0));
}

#[test]
fn validate_names_a_tampered_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    let text = std::fs::read_to_string(&s.files[0]).expect("read");
    // One character of the content: the bloc's name.
    assert_eq!(
        text.matches("Khối VII").count(),
        1,
        "the bloc's name is in the content once"
    );
    let tampered = write(
        tmp.path(),
        "sua.json",
        &text.replacen("Khối VII", "Khối VIII", 1),
    );
    let r = validate(&[&tampered, &s.files[1]]);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(
        r.stderr.contains(&tampered.display().to_string()),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("mã kiểm tra không khớp") && r.stderr.contains("checksum mismatch"),
        "{}",
        r.stderr
    );
    // The other file is still reported valid.
    assert!(r.stdout.contains("ctk.json: Hợp lệ (OK)"), "{}", r.stdout);
    assert!(!r.stdout.contains("sua.json"), "{}", r.stdout);
}

#[test]
fn validate_reports_every_problem_of_every_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    let p = tmp.path();
    let text = std::fs::read_to_string(&s.files[1]).expect("read");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["schema"] = serde_json::json!(SCHEMA_VERSION + 1);
    let newer = write(p, "moi.json", &v.to_string());
    let tampered = write(
        p,
        "sua.json",
        &text.replacen("Chủ đề của CTK", "Chủ đề của CTk", 1),
    );
    let other = write(p, "khac.json", r#"{"hello": "world"}"#);
    let garbage = p.join("rac.json");
    std::fs::write(&garbage, [0xff, 0xfe, 0, 1, b'{']).expect("write");
    let truncated = write(p, "cut.json", &text[..text.len() / 2]);
    let missing = p.join("khong-co.json");
    let sheet = samples().join("units.csv");
    let r = validate(&[
        &newer,
        &tampered,
        &other,
        &garbage,
        &truncated,
        &missing,
        &sheet,
        &s.files[0],
    ]);
    // A file that cannot be read is an I/O failure (3), which outranks the problems (1).
    assert_eq!(r.code, Some(3), "{}", r.all());
    let line = |f: &Path| {
        let name = f.display().to_string();
        r.stderr
            .lines()
            .find(|l| l.contains(&name))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("{name} not named:\n{}", r.stderr))
    };
    assert!(line(&newer).contains("newer version"), "{}", line(&newer));
    assert!(
        line(&tampered).contains("checksum mismatch"),
        "{}",
        line(&tampered)
    );
    assert!(
        line(&other).contains("not a Thi đua data file"),
        "{}",
        line(&other)
    );
    assert!(line(&garbage).contains("not UTF-8"), "{}", line(&garbage));
    assert!(
        line(&truncated).contains("not a Thi đua data file"),
        "{}",
        line(&truncated)
    );
    assert!(
        line(&missing).contains("cannot read file"),
        "{}",
        line(&missing)
    );
    assert!(
        line(&sheet).contains("--template/--units/--scores"),
        "{}",
        line(&sheet)
    );
    assert!(
        r.stdout.contains("truong-khoi.json: Hợp lệ (OK)"),
        "{}",
        r.stdout
    );
}

#[test]
fn validate_takes_a_campaign_document_and_the_spreadsheets_together() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    let doc = write(
        tmp.path(),
        "luu-tru.json",
        &stored::campaign_to_json(&s.ctk.c),
    );
    let dir = samples();
    let r = run(thidua()
        .arg("validate")
        .arg(&doc)
        .arg(&s.files[0])
        .arg("--template")
        .arg(dir.join("template.csv"))
        .arg("--units")
        .arg(dir.join("units.csv")));
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert!(
        r.stdout.contains("Chưa có điểm (no scores file given)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("luu-tru.json: Hợp lệ (OK)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("campaign document, no sender"),
        "{}",
        r.stdout
    );
    // A broken spreadsheet and a valid bundle: the spreadsheet's problems, exit 1.
    let broken = write(
        tmp.path(),
        "units.csv",
        "code,name,role,email\nX,Đơn vị X,khach,\n",
    );
    let r = run(thidua()
        .arg("validate")
        .arg(&s.files[0])
        .arg("--template")
        .arg(dir.join("template.csv"))
        .arg("--units")
        .arg(&broken));
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(r.stderr.contains("units.csv, dòng 2"), "{}", r.stderr);
    assert!(
        r.stdout.contains("truong-khoi.json: Hợp lệ (OK)"),
        "{}",
        r.stdout
    );
}
