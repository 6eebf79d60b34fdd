//! `thidua validate FILE…`, `thidua merge` and `thidua score --bundle` on bundle files made here
//! with the core, as the app makes them: the sample bloc imported, the leader adopting the
//! scorecard, units self-scoring on their own devices, each exporting a bundle.

mod common;

use common::bloc::{leader, sample, unit, Dev, HOUR, ID, T0};
use common::{groups, run, samples, thidua};
use std::path::{Path, PathBuf};
use thidua_core::bundle::{self, Bundle, Producer, Scope};
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::results::results_csv;
use thidua_core::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write file");
    p
}

/// The leader's bundle and two units' bundles (CTK, LMHTX), written to `dir`.
struct Scenario {
    leader: Dev,
    ctk: Dev,
    lmhtx: Dev,
    files: [PathBuf; 3],
}

fn scenario(dir: &Path) -> Scenario {
    let mut leader = leader();
    let ctk = unit(&leader.c, "CTK", "ctk-laptop", T0 + HOUR);
    let lmhtx = unit(&leader.c, "LMHTX", "lmhtx-pc", T0 + 2 * HOUR);
    // The leader goes on working after the units got its copy.
    leader.edit(
        T0 + 3 * HOUR,
        Edit::SetPledge {
            pledge: Pledge {
                contents: vec!["Hoàn thành xuất sắc nhiệm vụ".into()],
                slogan: "Đoàn kết, đổi mới".into(),
                movements: vec![],
            },
        },
    );
    let files = [
        write(
            dir,
            "truong-khoi.json",
            &leader.bundle(Scope::Whole, T0 + 4 * HOUR).to_json(),
        ),
        write(dir, "ctk.json", &ctk.own_bundle(T0 + 4 * HOUR).to_json()),
        write(
            dir,
            "lmhtx.json",
            &lmhtx.own_bundle(T0 + 4 * HOUR).to_json(),
        ),
    ];
    Scenario {
        leader,
        ctk,
        lmhtx,
        files,
    }
}

fn validate(files: &[&Path]) -> common::Run {
    run(thidua().arg("validate").args(files))
}

fn merge(files: &[&Path], out: &Path) -> common::Run {
    run(thidua().arg("merge").args(files).arg("--out").arg(out))
}

fn read_bundle(p: &Path) -> Bundle {
    Bundle::from_json(&std::fs::read_to_string(p).expect("read bundle")).expect("a valid bundle")
}

/// No temporary file left behind in `dir`.
fn no_leftovers(dir: &Path) {
    let names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "temporary files left: {names:?}");
}

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

/// CTK's device also writes LMHTX's score (the core lets a device claim to be LMHTX) and sends the
/// whole campaign as its own file.
fn forged(s: &Scenario, dir: &Path) -> PathBuf {
    let mut c = s.ctk.c.clone();
    let mut clock = s.ctk.clock.clone();
    let e = Edit::SetSelf {
        unit: "LMHTX".into(),
        criterion: "A.3".into(),
        answer: Some(Answer::Number(Points::from_whole(10))),
    };
    apply(
        &mut c,
        &Actor::Unit("LMHTX".into()),
        e,
        &clock.tick(T0 + 5 * HOUR),
    )
    .expect("edit");
    let b = Bundle::new(
        &c,
        Producer {
            replica: "ctk-laptop".into(),
            actor: Actor::Unit("CTK".into()),
            label: "Cục Thống kê tỉnh".into(),
        },
        Scope::Whole,
        T0 + 5 * HOUR,
    );
    write(dir, "ctk-gia.json", &b.to_json())
}

#[test]
fn a_unit_writing_another_units_scores_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    let bad = forged(&s, tmp.path());
    let r = validate(&[&s.files[0], &bad]);
    assert_eq!(r.code, Some(1), "{}", r.all());
    let bad_name = bad.display().to_string();
    let line = r
        .stderr
        .lines()
        .find(|l| l.starts_with(&bad_name))
        .unwrap_or_default();
    assert!(
        line.contains("inputs/LMHTX/A.3/self_answer")
            && line.contains("không được ghi")
            && line.contains("may not write"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("truong-khoi.json:"),
        "the leader's file is not refused:\n{}",
        r.stderr
    );
    // Alone, a file cannot be checked against anything: it is read as intact.
    assert_eq!(validate(&[&bad]).code, Some(0));

    // merge refuses it: non-zero, nothing written; an existing output is left as it was.
    let out = tmp.path().join("hop-nhat.json");
    let r = merge(&[&s.files[0], &s.files[2], &bad], &out);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(
        r.stderr.contains("inputs/LMHTX/A.3/self_answer") && r.stderr.contains(&bad_name),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing written"), "{}", r.stderr);
    assert!(!out.exists(), "no output on refusal");
    std::fs::write(&out, "cũ").expect("write");
    let r = merge(&[&bad, &s.files[0]], &out);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "cũ");
    no_leftovers(tmp.path());
}

#[test]
fn merge_of_the_leader_and_two_units_validates_and_scores_as_the_core() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    let out = tmp.path().join("hop-nhat.json");
    let [l, c, m] = &s.files;
    let r = merge(&[l, c, m], &out);
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert!(
        r.stdout.contains("Đã hợp nhất (merged) 3 tệp"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Xung đột được giữ lại (conflicts kept): 0"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("ctk.json: «Cục Thống kê tỉnh»"),
        "{}",
        r.stdout
    );
    no_leftovers(tmp.path());

    // The app's way: the leader imports each unit's file.
    let now = T0 + 6 * HOUR;
    let mut expected = s.leader.c.clone();
    for d in [&s.ctk, &s.lmhtx] {
        expected = bundle::apply(&expected, &d.own_bundle(now), now).expect("the app accepts it");
    }
    let merged = read_bundle(&out);
    assert_eq!(merged.content, expected);
    assert_eq!(merged.producer.label, "thidua merge");
    assert_eq!(merged.producer.actor, Actor::Leader);
    assert_eq!(merged.scope, Scope::Whole);
    assert_eq!(merged.content.members["CTK"].theme.value, "Chủ đề của CTK");
    assert_eq!(merged.content.pledge.value.slogan, "Đoàn kết, đổi mới");

    let r = validate(&[&out]);
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert!(
        r.stdout.contains("«thidua merge», Trưởng khối (leader)"),
        "{}",
        r.stdout
    );
    // The merged file with the files it came from: nothing refused.
    assert_eq!(validate(&[&out, l, c, m]).code, Some(0));

    let r = run(thidua().arg("score").arg("--bundle").arg(&out));
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert_eq!(r.stdout, results_csv(&evaluate(&expected)));
}

#[test]
fn merge_order_does_not_matter() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    // A second CTK device scoring A.3 otherwise, unaware of the first: a conflict to keep.
    let mut ctk2 = Dev::from(
        &s.leader.c,
        "ctk-phone",
        Actor::Unit("CTK".into()),
        "Cục Thống kê tỉnh",
    );
    ctk2.edit(
        T0 + 2 * HOUR,
        Edit::SetSelf {
            unit: "CTK".into(),
            criterion: "A.3".into(),
            answer: Some(Answer::Number(Points::from_whole(3))),
        },
    );
    let c2 = write(
        tmp.path(),
        "ctk-phone.json",
        &ctk2.own_bundle(T0 + 4 * HOUR).to_json(),
    );
    let [l, c, m] = &s.files;
    let (ab, ba) = (tmp.path().join("ab.json"), tmp.path().join("ba.json"));
    let r1 = merge(&[l, c, &c2, m], &ab);
    assert_eq!(r1.code, Some(0), "{}", r1.all());
    let r2 = merge(&[m, &c2, c, l], &ba);
    assert_eq!(r2.code, Some(0), "{}", r2.all());
    let (x, y) = (read_bundle(&ab), read_bundle(&ba));
    assert_eq!(x.content, y.content);
    assert_eq!(x.checksum, y.checksum);
    assert_eq!(x.content.open_conflicts().count(), 1);
    assert!(
        r1.stdout
            .contains("Xung đột được giữ lại (conflicts kept): 1"),
        "{}",
        r1.stdout
    );
    assert!(
        r1.stdout.contains("inputs/CTK/A.3/self_answer"),
        "{}",
        r1.stdout
    );
    // To standard output, the summary on standard error.
    let r = run(thidua().arg("merge").args([c, l, m]).arg("--out").arg("-"));
    assert_eq!(r.code, Some(0), "{}", r.all());
    let b = Bundle::from_json(&r.stdout).expect("a bundle on stdout");
    assert_eq!(
        b.content,
        read_bundle(&{
            let p = tmp.path().join("lcm.json");
            assert_eq!(merge(&[l, c, m], &p).code, Some(0));
            p
        })
        .content
    );
    assert!(
        r.stderr.contains("Đã hợp nhất (merged) 3 tệp"),
        "{}",
        r.stderr
    );
}

#[test]
fn merge_refuses_different_campaigns_and_campaign_documents() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    let mut other = s.leader.c.clone();
    other.id = "khoi-vii-2025".into();
    let other_file = write(
        tmp.path(),
        "nam-sau.json",
        &Bundle::new(
            &other,
            Producer {
                replica: "r".into(),
                actor: Actor::Leader,
                label: "Trưởng khối".into(),
            },
            Scope::Whole,
            T0,
        )
        .to_json(),
    );
    let out = tmp.path().join("m.json");
    let r = merge(&[&s.files[0], &other_file, &s.files[1]], &out);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(
        r.stderr.contains("khác nhau") && r.stderr.contains("different campaigns"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("«{ID}»")) && r.stderr.contains("«khoi-vii-2025»"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());

    let doc = write(
        tmp.path(),
        "luu-tru.json",
        &stored::campaign_to_json(&s.leader.c),
    );
    let r = merge(&[&doc, &s.files[1]], &out);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(
        r.stderr.contains("luu-tru.json") && r.stderr.contains("not a bundle"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());

    // A missing input is an I/O failure; still nothing written.
    let r = merge(&[&s.files[0], &tmp.path().join("khong-co.json")], &out);
    assert_eq!(r.code, Some(3), "{}", r.all());
    assert!(!out.exists());
    // An output in a directory that does not exist.
    let r = merge(
        &[&s.files[0], &s.files[1]],
        &tmp.path().join("khong-co/m.json"),
    );
    assert_eq!(r.code, Some(3), "{}", r.all());
    assert!(r.stderr.contains("khong-co"), "{}", r.stderr);
}

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

#[test]
fn a_unit_writing_the_leaders_settings_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    // CTK's device changes the awards as if it were the leader, and sends its own part.
    let mut c = s.ctk.c.clone();
    let mut clock = s.ctk.clock.clone();
    let tiers = vec![AwardTier {
        name: "Cờ thi đua của Chính phủ".into(),
        rank_from: 1,
        rank_to: 2,
        min_total: None,
        min_vote_share: None,
        max_count: None,
    }];
    apply(
        &mut c,
        &Actor::Leader,
        Edit::SetAwards { tiers },
        &clock.tick(T0 + 5 * HOUR),
    )
    .expect("edit");
    let b = Bundle::new(
        &c,
        Producer {
            replica: "ctk-laptop".into(),
            actor: Actor::Unit("CTK".into()),
            label: "Cục Thống kê tỉnh".into(),
        },
        Scope::Unit("CTK".into()),
        T0 + 5 * HOUR,
    );
    let bad = write(tmp.path(), "ctk-khen.json", &b.to_json());
    let r = validate(&[&bad, &s.files[0], &s.files[2]]);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(
        r.stderr.contains("ctk-khen.json")
            && r.stderr.contains("award tiers («awards»)")
            && r.stderr.contains("may not write"),
        "{}",
        r.stderr
    );
    let out = tmp.path().join("m.json");
    let r = merge(&[&s.files[0], &bad], &out);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(!out.exists());
}
