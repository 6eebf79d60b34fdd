//! `thidua export --xlsx` on the sample bloc, the workbook opened by LibreOffice (headless) and
//! turned into CSV, one file per sheet: the numbers LibreOffice reads must be the core's, and the
//! samples' expected results.

mod common;

use common::{run, samples, thidua};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use thidua_core::import::{campaign_from_files, SourceFile};
use thidua_core::{evaluate, BlocInfo, Campaign, Points};

fn sample() -> Campaign {
    let dir = samples();
    let read = |f: &str| std::fs::read(dir.join(f)).expect("read sample");
    let (t, u, s) = (read("template.csv"), read("units.csv"), read("scores.csv"));
    campaign_from_files(
        SourceFile {
            name: "template.csv",
            bytes: &t,
        },
        SourceFile {
            name: "units.csv",
            bytes: &u,
        },
        Some(SourceFile {
            name: "scores.csv",
            bytes: &s,
        }),
    )
    .expect("sample import")
}

fn export_sample(out: &Path) {
    let dir = samples();
    let r = run(thidua()
        .arg("export")
        .arg("--template")
        .arg(dir.join("template.csv"))
        .arg("--units")
        .arg(dir.join("units.csv"))
        .arg("--scores")
        .arg(dir.join("scores.csv"))
        .arg("--xlsx")
        .arg(out));
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    assert!(r.stdout.is_empty(), "nothing on stdout: {}", r.stdout);
    let bytes = std::fs::read(out).expect("the workbook is written");
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip file");
}

/// `soffice`, or `None` when the test may be skipped (THIDUA_SKIP_LIBREOFFICE=1). Missing without
/// that, the test fails: the check that Excel files open in LibreOffice must not pass unseen.
fn soffice() -> Option<&'static str> {
    match Command::new("soffice").arg("--version").output() {
        Ok(o) if o.status.success() => Some("soffice"),
        _ if std::env::var("THIDUA_SKIP_LIBREOFFICE").as_deref() == Ok("1") => {
            eprintln!("LibreOffice (soffice) not found: skipped because THIDUA_SKIP_LIBREOFFICE=1");
            None
        }
        _ => panic!(
            "LibreOffice (soffice) is needed to check the Excel export: `scripts/bootstrap --test` installs it \
             (or set THIDUA_SKIP_LIBREOFFICE=1 to skip this test)"
        ),
    }
}

/// Every sheet of `xlsx` as CSV (UTF-8, comma, values not as formatted), by sheet name.
fn sheets_as_csv(soffice: &str, xlsx: &Path, work: &Path) -> BTreeMap<String, Vec<Vec<String>>> {
    let out = work.join("csv");
    // A private profile: parallel runs (and a person's open LibreOffice) do not clash.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        work.join("lo-profile").display()
    );
    let o = Command::new(soffice)
        .arg(profile)
        .arg("--headless")
        .arg("--convert-to")
        // 44 `,`, 34 `"`, 76 UTF-8, from line 1; not "as shown"; -1: every sheet to its own file.
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
        .arg("--outdir")
        .arg(&out)
        .arg(xlsx)
        .output()
        .expect("run soffice");
    assert!(
        o.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let stem = xlsx
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("file stem")
        .to_string();
    let files: Vec<PathBuf> = std::fs::read_dir(&out)
        .expect("csv dir")
        .map(|e| e.expect("entry").path())
        .collect();
    assert!(
        !files.is_empty(),
        "no CSV written: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    files
        .into_iter()
        .map(|p| {
            let name = p
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("name")
                .to_string();
            let sheet = name
                .strip_prefix(&format!("{stem}-"))
                .unwrap_or(&name)
                .to_string();
            let text = std::fs::read_to_string(&p).expect("read csv");
            (sheet, parse_csv(&text))
        })
        .collect()
}

/// RFC 4180: quotes, doubled quotes, separators and line breaks inside quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn num(cell: &str) -> Points {
    Points::parse(cell).unwrap_or_else(|e| panic!("«{cell}» is not a number: {e:?}"))
}

fn col(row: &[String], label: &str) -> usize {
    row.iter()
        .position(|c| c == label)
        .unwrap_or_else(|| panic!("no column {label} in {row:?}"))
}

/// `results.csv` of the samples: unit → (rank, total, award).
fn expected() -> BTreeMap<String, (String, Points, String)> {
    let text = std::fs::read_to_string(samples().join("results.csv")).expect("results.csv");
    parse_csv(&text)
        .into_iter()
        .skip(1)
        .filter(|r| r.len() >= 6)
        .map(|r| (r[1].clone(), (r[0].clone(), num(&r[3]), r[5].clone())))
        .collect()
}

#[test]
fn libreoffice_reads_the_cores_numbers_from_the_exported_workbook() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let xlsx = tmp.path().join("tong-hop.xlsx");
    export_sample(&xlsx);
    let Some(soffice) = soffice() else { return };
    let sheets = sheets_as_csv(soffice, &xlsx, tmp.path());

    let campaign = sample();
    let evaluation = evaluate(&campaign);
    let mut names: Vec<&str> = sheets.keys().map(String::as_str).collect();
    names.sort();
    let mut want: Vec<&str> = evaluation
        .standings
        .iter()
        .map(|s| s.unit.as_str())
        .collect();
    want.push("Tổng hợp");
    want.sort();
    assert_eq!(names, want, "the summary and one sheet per unit");

    let summary = &sheets["Tổng hợp"];
    let head = summary
        .iter()
        .position(|r| r.first().map(String::as_str) == Some("Hạng"))
        .expect("header row");
    let total = col(&summary[head], "Tổng điểm");
    let award = col(&summary[head], "Đề nghị khen thưởng");
    let rows = &summary[head + 3..head + 3 + evaluation.standings.len()];
    let expected = expected();
    for (row, s) in rows.iter().zip(&evaluation.standings) {
        assert_eq!(row[1], s.unit, "rank order");
        let rank = s.rank.map(|r| r.to_string()).unwrap_or_default();
        assert_eq!(row[0], rank, "rank of {}", s.unit);
        assert_eq!(num(&row[total]), s.total, "total of {}", s.unit);
        assert_eq!(
            row[award],
            s.award.clone().unwrap_or_default(),
            "award of {}",
            s.unit
        );
        let (want_rank, want_total, want_award) = &expected[&s.unit];
        assert_eq!(
            (&row[0], num(&row[total]), &row[award]),
            (want_rank, *want_total, want_award)
        );
        // Section totals, as the core computed them, under their headers.
        let mut checked = 0;
        for (sec, st) in campaign.template.sections.iter().zip(&s.score.sections) {
            let label = format!("Cộng phần {}", sec.code);
            if let Some(c) = summary[head + 1].iter().position(|h| h.starts_with(&label)) {
                assert_eq!(num(&row[c]), st.total, "{} {label}", s.unit);
                checked += 1;
            }
        }
        assert_eq!(checked, 6, "sections A–F have totals (G only disqualifies)");
    }

    for s in &evaluation.standings {
        let sheet = &sheets[&s.unit];
        let row = sheet
            .iter()
            .find(|r| r.first().map(String::as_str) == Some("TỔNG ĐIỂM"))
            .expect("total row");
        let value = row
            .iter()
            .skip(1)
            .find(|c| !c.is_empty())
            .expect("total value");
        assert_eq!(num(value), s.total, "{} sheet total", s.unit);
    }
}

#[test]
fn export_reads_a_campaign_file_too() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut c = sample();
    c.id = "khoi-tong-hop-2024".into();
    c.bloc.value = BlocInfo {
        name: "Khối các sở, ngành tổng hợp".into(),
        year: 2024,
        ..Default::default()
    };
    let doc = tmp.path().join("khoi.json");
    std::fs::write(&doc, serde_json::to_string(&c).expect("json")).expect("write");
    let xlsx = tmp.path().join("khoi.xlsx");
    let r = run(thidua()
        .arg("export")
        .arg("--bundle")
        .arg(&doc)
        .arg("--xlsx")
        .arg(&xlsx)
        .arg("--lang")
        .arg("en"));
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    let bytes = std::fs::read(&xlsx).expect("written");
    assert!(bytes.starts_with(b"PK"));
}

#[test]
fn bad_input_is_refused_without_a_workbook() {
    let dir = samples();
    let tmp = tempfile::tempdir().expect("tempdir");
    let xlsx = tmp.path().join("out.xlsx");
    let missing = tmp.path().join("khong-co.csv");
    let r = run(thidua()
        .arg("export")
        .arg("--template")
        .arg(dir.join("template.csv"))
        .arg("--units")
        .arg(dir.join("units.csv"))
        .arg("--scores")
        .arg(&missing)
        .arg("--xlsx")
        .arg(&xlsx));
    assert_eq!(r.code, Some(3), "stderr:\n{}", r.stderr);
    assert!(
        r.stderr.contains(&missing.display().to_string()),
        "stderr:\n{}",
        r.stderr
    );
    assert!(!xlsx.exists(), "no workbook from bad input");

    let garbage = tmp.path().join("units.csv");
    std::fs::write(&garbage, "khong,phai\n\u{0}\u{1},bang\n").expect("write");
    let r = run(thidua()
        .arg("export")
        .arg("--template")
        .arg(dir.join("template.csv"))
        .arg("--units")
        .arg(&garbage)
        .arg("--scores")
        .arg(dir.join("scores.csv"))
        .arg("--xlsx")
        .arg(&xlsx));
    assert_eq!(r.code, Some(1), "stderr:\n{}", r.stderr);
    assert!(!xlsx.exists(), "no workbook from refused input");

    // A directory where the workbook should go.
    let r = run(thidua()
        .arg("export")
        .arg("--template")
        .arg(dir.join("template.csv"))
        .arg("--units")
        .arg(dir.join("units.csv"))
        .arg("--scores")
        .arg(dir.join("scores.csv"))
        .arg("--xlsx")
        .arg(tmp.path()));
    assert_eq!(r.code, Some(3), "stderr:\n{}", r.stderr);

    // No --xlsx: a usage error.
    let r = run(thidua()
        .arg("export")
        .arg("--bundle")
        .arg(dir.join("units.csv")));
    assert_eq!(r.code, Some(2), "stderr:\n{}", r.stderr);
}
