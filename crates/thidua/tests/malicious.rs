//! Hostile data files (`tests/malicious/`, listed with their expected outcome in its README.md and
//! `cases.json`): `thidua validate` (or `thidua merge` for a file of another campaign) refuses each
//! with a message naming the problem, and never panics or hangs (each run is bounded); the core's
//! `bundle::apply` refuses them and leaves the receiver's campaign as it was, byte for byte.
//!
//! The big ones (a file over the size limit, a text of two million characters, a million entries,
//! nesting 100,000 deep) are made here in a temporary directory, not committed.
//!
//! The committed files are made by `regenerate` from the fixture below (the sample bloc):
//! `THIDUA_REGENERATE_MALICIOUS=1 cargo test -p thidua --test malicious -- --ignored regenerate`.

mod common;

use common::samples;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use thidua_core::bundle::{self, Bundle, Producer, Scope};
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::hlc::Clock;
use thidua_core::import::{campaign_from_files, SourceFile};
use thidua_core::merge::{canonical_json, max_stamp};
use thidua_core::stored::campaign_to_json;
use thidua_core::*;

/// 19/02/2025 21:20 UTC: every honest stamp of the fixture, in the past of any run.
const T0: u64 = 1_740_000_000_000;
/// 01/01/2100: "far in the future" for any run of these tests.
const FAR: u64 = 4_102_444_800_000;
const ID: &str = "khoi-tong-hop-2024";
/// How long one `thidua` run may take before the test calls it a hang: the debug build on a busy
/// machine takes seconds on the largest file; a hang takes forever.
const RUN_LIMIT: Duration = Duration::from_secs(300);

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/malicious")
}

// ---------------------------------------------------------------------------------------------
// The fixture: the sample bloc, its leader, and one unit's device.

fn producer(replica: &str, actor: Actor, label: &str) -> Producer {
    Producer { replica: replica.into(), actor, label: label.into() }
}

fn leader() -> Producer {
    producer("vpub-pc", Actor::Leader, "Trưởng khối")
}

fn ctk() -> Producer {
    producer("ctk-pc", Actor::Unit("CTK".into()), "Cục Thống kê tỉnh")
}

/// The leader's copy: the sample's units and scorecard, adopted, two units' scores received.
fn leader_copy() -> Campaign {
    let read = |f: &str| std::fs::read(samples().join(f)).expect("read sample");
    let (t, u) = (read("template.csv"), read("units.csv"));
    let mut c = campaign_from_files(SourceFile { name: "template.csv", bytes: &t }, SourceFile { name: "units.csv", bytes: &u }, None).expect("sample import");
    c.id = ID.into();
    let mut lead = Clock::new("vpub-pc");
    let bloc = BlocInfo { name: "Khối các sở, ngành tổng hợp".into(), year: 2024, decision_number: "138/QĐ-UBND".into(), decision_date: "15/02/2024".into() };
    apply(&mut c, &Actor::Leader, Edit::SetBloc { bloc }, &lead.tick(T0)).expect("bloc");
    apply(&mut c, &Actor::Leader, Edit::Adopt { date: "01/03/2024".into() }, &lead.tick(T0 + 1000)).expect("adopt");
    for (unit, replica, v) in [("CTK", "ctk-pc", 900), ("SNGV", "sngv-pc", 700)] {
        let mut clock = Clock::new(replica);
        clock.observe(&max_stamp(&c));
        let e = Edit::SetSelf { unit: unit.into(), criterion: "A.3".into(), answer: Some(Answer::Number(Points::from_hundredths(v))) };
        apply(&mut c, &Actor::Unit(unit.into()), e, &clock.tick(T0 + 2000)).expect("score");
    }
    c
}

/// CTK's device after receiving the leader's copy and changing its A.3 score to 8.
fn ctk_copy(base: &Campaign) -> Campaign {
    let mut c = base.clone();
    let mut clock = Clock::new("ctk-pc");
    clock.observe(&max_stamp(&c));
    let e = Edit::SetSelf { unit: "CTK".into(), criterion: "A.3".into(), answer: Some(Answer::Number(Points::from_whole(8))) };
    apply(&mut c, &Actor::Unit("CTK".into()), e, &clock.tick(T0 + 3_600_000)).expect("score");
    c
}

fn checksum(content: &Value) -> String {
    sha2_free::sha256_hex(canonical_json(content).as_bytes())
}

/// The bundle as JSON, changed by `f`, with its checksum recomputed (what a forger does).
fn forged(b: &Bundle, f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&b.to_json()).expect("json");
    f(&mut v);
    let sum = checksum(&v["content"]);
    v["checksum"] = json!(sum);
    v.to_string()
}

fn stamp(clock: u64, replica: &str) -> Value {
    json!({"clock": clock, "replica": replica})
}

/// Every text a person writes, anywhere in the campaign, replaced by an HTML/script payload.
fn poison_texts(v: &mut Value) {
    const PAYLOAD: &str = "<img src=x onerror=\"window.__pwned=1;alert(1)\"><script>window.__pwned=2;alert(2)</script><b>đậm</b>";
    fn walk(v: &mut Value, key: &str) {
        match v {
            Value::String(s) => {
                let keep = matches!(key, "code" | "id" | "replica" | "t" | "type" | "kind" | "role" | "as" | "unit" | "path" | "format" | "checksum" | "campaign_id" | "date" | "decision_date" | "field");
                if !keep {
                    *s = format!("{s} {PAYLOAD}");
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|x| walk(x, key)),
            Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    walk(x, k);
                }
            }
            _ => {}
        }
    }
    walk(v, "");
}

/// Every field's stamp set to `s`, as if its writer had just written it (fields are the objects with
/// a `value` that are not a score's revision).
fn restamp(v: &mut Value, s: Value) {
    match v {
        Value::Array(items) => items.iter_mut().for_each(|x| restamp(x, s.clone())),
        Value::Object(m) => {
            if m.contains_key("value") && !m.contains_key("field") && !m.contains_key("path") {
                m.insert("stamp".into(), s.clone());
            }
            for x in m.values_mut() {
                restamp(x, s.clone());
            }
        }
        _ => {}
    }
}

/// The committed files, by name.
fn committed_files() -> Vec<(&'static str, String)> {
    let base = leader_copy();
    let mine = ctk_copy(&base);
    let lead = Bundle::new(&base, leader(), Scope::Whole, T0 + 7_200_000);
    let unit = Bundle::new(&mine, ctk(), Scope::Unit("CTK".into()), T0 + 7_200_000);
    let unit_text = unit.to_json();
    // The hand-made checksum below is the core's.
    let real: Value = serde_json::from_str(&unit_text).expect("json");
    assert_eq!(checksum(&real["content"]), unit.checksum);
    let set_ctk = |path: &[&str], value: Value| {
        let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        forged(&unit, move |v| {
            let mut at = &mut v["content"];
            for p in &path {
                at = &mut at[p.as_str()];
            }
            *at = value;
        })
    };
    let ctk_score = |raw: Value| set_ctk(&["inputs", "CTK", "A.3", "self_answer", "value"], json!({"t": "number", "v": raw}));
    let ctk_stamp = stamp(T0 + 3_600_001, "ctk-pc");
    let mut files: Vec<(&'static str, String)> = vec![
        ("base.json", lead.to_json()),
        ("ok-unit-ctk.json", unit_text.clone()),
        ("bad-checksum.json", {
            assert!(unit_text.contains("{\"t\":\"number\",\"v\":800}"), "the CTK score is in the file");
            unit_text.replacen("{\"t\":\"number\",\"v\":800}", "{\"t\":\"number\",\"v\":1000}", 1)
        }),
        ("wrong-campaign.json", forged(&lead, |v| {
            v["campaign_id"] = json!("khoi-khac-2024");
            v["content"]["id"] = json!("khoi-khac-2024");
        })),
        ("future-schema.json", forged(&lead, |v| {
            v["schema"] = json!(SCHEMA_VERSION + 1);
            v["content"]["schema"] = json!(SCHEMA_VERSION + 1);
        })),
        ("unit-writes-other-unit.json", set_ctk(&["inputs", "SNGV"], json!({"A.3": {"self_answer": {"value": {"t": "number", "v": 1000}, "stamp": ctk_stamp}}}))),
        ("unit-writes-leader-settings.json", forged(&unit, |v| {
            let c = &mut v["content"];
            c["bloc"]["value"]["name"] = json!("Khối do CTK đặt tên");
            c["bloc"]["stamp"] = stamp(T0 + 3_600_002, "ctk-pc");
            c["template"]["value"]["sections"][0]["max"] = json!(9000);
            c["template"]["stamp"] = stamp(T0 + 3_600_003, "ctk-pc");
            c["results_locked"] = json!({"value": true, "stamp": stamp(T0 + 3_600_004, "ctk-pc")});
        })),
        ("unit-writes-own-review.json", set_ctk(&["inputs", "CTK", "A.3", "review"], json!({"value": {"t": "number", "v": 1000}, "stamp": ctk_stamp}))),
        ("unit-not-in-bloc.json", forged(&unit, |v| {
            v["producer"]["actor"] = json!({"as": "unit", "unit": "XYZ"});
            v["producer"]["label"] = json!("Đơn vị lạ");
            v["scope"] = json!({"kind": "unit", "unit": "XYZ"});
        })),
        ("forged-leader.json", forged(&unit, |v| {
            v["producer"] = json!({"replica": "ctk-pc", "actor": {"as": "leader"}, "label": "Trưởng khối"});
            v["scope"] = json!({"kind": "whole"});
        })),
        ("future-stamp.json", set_ctk(&["inputs", "CTK", "A.3", "self_answer", "stamp"], stamp(FAR, "ctk-pc"))),
        ("future-seen.json", set_ctk(&["inputs", "CTK", "A.3", "self_answer", "seen"], json!([stamp(FAR, "vpub-pc")]))),
        ("future-stamp-u64-max.json", set_ctk(&["inputs", "CTK", "A.3", "self_answer", "stamp"], stamp(u64::MAX, "ctk-pc"))),
        ("future-unit-order.json", forged(&lead, |v| {
            let codes: Vec<Value> = base.units.iter().map(|u| json!(u.code)).collect();
            v["content"]["unit_order"] = json!({"value": codes, "stamp": stamp(FAR, "vpub-pc")});
        })),
        ("future-conflict.json", forged(&unit, |v| {
            v["content"]["conflicts"] = json!([{
                "path": "inputs/CTK/A.3/self_answer",
                "value": {"t": "number", "v": 500},
                "stamp": stamp(FAR, "ctk-laptop"),
                "winner": stamp(T0 + 3_600_000, "ctk-pc"),
            }]);
        })),
        ("duplicate-keys.json", {
            // The leader's claim first, CTK's last: a reader keeping the first key sees a file of
            // the leader; serde keeps the last.
            let claim = r#""producer":{"replica":"ctk-pc","actor":{"as":"leader"},"label":"Trưởng khối"},"#;
            format!("{{{claim}{}", &unit_text[1..])
        }),
        ("html-everywhere.json", forged(&lead, |v| {
            poison_texts(&mut v["content"]);
            poison_texts(&mut v["producer"]);
            // Written after everything the receiver has, so that the poisoned values win and show.
            restamp(&mut v["content"], stamp(T0 + 10 * 3_600_000, "vpub-pc"));
        })),
        ("negative-score.json", ctk_score(json!(-5000))),
        ("score-1e30.json", ctk_score(json!(1e30))),
        ("score-i64-overflow.json", ctk_score(json!(9_223_372_036_854_775_808u64))),
        ("score-i64-max.json", ctk_score(json!(i64::MAX))),
        ("score-nan.json", {
            // Not JSON at all: no checksum can be computed over it.
            let t = ctk_score(json!(0));
            t.replacen("{\"t\":\"number\",\"v\":0}", "{\"t\":\"number\",\"v\":NaN}", 1)
        }),
        ("count-huge.json", set_ctk(&["inputs", "CTK", "E.1", "self_answer"], json!({"value": {"t": "count", "v": u64::MAX}, "stamp": ctk_stamp}))),
        ("count-negative.json", set_ctk(&["inputs", "CTK", "E.1", "self_answer"], json!({"value": {"t": "count", "v": -3}, "stamp": ctk_stamp}))),
        ("bad-unit-code.json", forged(&lead, |v| {
            let units = v["content"]["units"].as_array_mut().expect("units");
            units.push(json!({"code": "CTK/A.3", "info": {"value": {"name": "Đơn vị giả", "role": "thanh_vien"}, "stamp": stamp(T0 + 5000, "vpub-pc")}}));
        })),
    ];
    files.sort_by(|a, b| a.0.cmp(b.0));
    files
}

// ---------------------------------------------------------------------------------------------
// The big files, made here.

fn big_files(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let base = leader_copy();
    let lead = Bundle::new(&base, leader(), Scope::Whole, T0);
    let unit = Bundle::new(&ctk_copy(&base), ctk(), Scope::Unit("CTK".into()), T0);
    let write = |name: &str, text: String| {
        let p = dir.join(name);
        std::fs::write(&p, text).expect("write");
        p
    };
    let too_large = {
        let mut t = lead.to_json();
        t.pop();
        let pad = bundle::MAX_TEXT_BYTES + 1024 - t.len();
        format!("{t},\"pad\":\"{}\"}}", "x".repeat(pad))
    };
    let long_text = forged(&lead, |v| v["content"]["bloc"]["value"]["name"] = json!("Khối ".repeat(400_000)));
    let million_entries = forged(&unit, |v| {
        let m = v["content"]["inputs"]["CTK"].as_object_mut().expect("inputs");
        for i in 0..1_000_000 {
            m.insert(format!("x{i}"), json!({}));
        }
    });
    let million_items = forged(&lead, |v| v["content"]["pledge"] = json!({"value": {"contents": vec![""; 1_000_000], "slogan": "", "movements": []}}));
    let deep = {
        let t = lead.to_json();
        let i = t.find("\"content\":").expect("content") + "\"content\":".len();
        format!("{}{}{}", &t[..i], "[".repeat(100_000), "]".repeat(100_000)) + &t[t.len() - 1..]
    };
    let deep_object = format!("{{\"format\":\"thidua-bundle\",\"schema\":1,\"content\":{}1{}}}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    vec![
        (write("too-large.json", too_large), "too large"),
        (write("long-text.json", long_text), "a text that is too long"),
        (write("million-entries.json", million_entries), "a list that is too long"),
        (write("million-items.json", million_items), "a list that is too long"),
        (write("deep-nesting.json", deep), "recursion limit"),
        (write("deep-nesting-object.json", deep_object), "recursion limit"),
    ]
}

// ---------------------------------------------------------------------------------------------
// Running thidua, bounded.

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

fn run_bounded(args: &[&std::ffi::OsStr]) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua")).args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn thidua");
    // Read the pipes on threads so that a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let t_out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = std::io::Read::read_to_end(&mut out, &mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err, &mut s);
        s
    });
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("thidua {:?} ran for more than {RUN_LIMIT:?}", args);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let r = Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&t_out.join().unwrap_or_default()).into_owned(),
        stderr: String::from_utf8_lossy(&t_err.join().unwrap_or_default()).into_owned(),
        took: start.elapsed(),
    };
    assert!(!r.stderr.contains("panicked") && !r.stderr.contains("overflowed its stack"), "thidua crashed on {args:?}:\n{}", r.stderr);
    assert!(r.code.is_some(), "thidua was killed by a signal on {args:?}:\n{}", r.stderr);
    r
}

/// One case of `cases.json`.
struct Case {
    file: String,
    command: String,
    outcome: String,
    cli: String,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(dir().join("cases.json")).expect("read tests/malicious/cases.json");
    let v: Value = serde_json::from_str(&text).expect("cases.json is JSON");
    v.as_array()
        .expect("a list")
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or_else(|| panic!("{k} in {c}")).to_string();
            Case { file: s("file"), command: s("command"), outcome: s("outcome"), cli: s("cli") }
        })
        .collect()
}

fn run_case(command: &str, file: &Path, tmp: &Path) -> Run {
    let base = dir().join("base.json");
    let out = tmp.join("merged.json");
    match command {
        "validate" => run_bounded(&["validate".as_ref(), file.as_os_str()]),
        "validate-with-base" => run_bounded(&["validate".as_ref(), base.as_os_str(), file.as_os_str()]),
        "merge-with-base" => run_bounded(&["merge".as_ref(), base.as_os_str(), file.as_os_str(), "--out".as_ref(), out.as_os_str()]),
        other => panic!("unknown command {other} in cases.json"),
    }
}

#[test]
fn every_committed_file_gets_its_expected_verdict_from_the_cli() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cases = cases();
    let mut listed: Vec<String> = cases.iter().map(|c| c.file.clone()).collect();
    listed.sort();
    let mut on_disk: Vec<String> = std::fs::read_dir(dir())
        .expect("read tests/malicious")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "cases.json")
        .collect();
    on_disk.sort();
    assert_eq!(listed, on_disk, "cases.json lists every file of tests/malicious, and only those");
    for c in &cases {
        let file = dir().join(&c.file);
        let r = run_case(&c.command, &file, tmp.path());
        let all = format!("{}\n{}", r.stdout, r.stderr);
        match c.outcome.as_str() {
            "refused" => {
                assert_eq!(r.code, Some(1), "{}: expected a refusal (exit 1):\n{all}", c.file);
                assert!(r.stderr.contains(&c.file), "{}: the message names the file:\n{}", c.file, r.stderr);
            }
            "accepted" | "neutralised" => assert_eq!(r.code, Some(0), "{}: expected it to be accepted:\n{all}", c.file),
            other => panic!("unknown outcome {other}"),
        }
        assert!(all.contains(&c.cli), "{}: expected «{}» in:\n{all}", c.file, c.cli);
        assert!(r.took < RUN_LIMIT);
    }
}

#[test]
fn big_generated_files_are_refused_quickly_and_without_crashing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (file, expected) in big_files(tmp.path()) {
        let r = run_case("validate-with-base", &file, tmp.path());
        let all = format!("{}\n{}", r.stdout, r.stderr);
        assert_eq!(r.code, Some(1), "{}: expected a refusal:\n{}", file.display(), &all[..all.len().min(2000)]);
        assert!(all.contains(expected), "{}: expected «{expected}» in:\n{}", file.display(), &all[..all.len().min(2000)]);
        eprintln!("{}: refused in {:?}", file.display(), r.took);
    }
}

/// The receiver's copy is what the leader holds; every refused file leaves it exactly as it was
/// (`bundle::apply` takes it by reference and returns a new one only on success: this checks that
/// nothing — not a panic, not a partial result — comes of a refusal), and the stored text too.
#[test]
fn the_core_refuses_each_file_and_the_campaign_stays_byte_identical() {
    let ours = leader_copy();
    let stored_before = campaign_to_json(&ours);
    let now = T0 + 86_400_000;
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut files: Vec<(PathBuf, String)> = cases().into_iter().map(|c| (dir().join(&c.file), c.outcome)).collect();
    files.extend(big_files(tmp.path()).into_iter().map(|(p, _)| (p, "refused".to_string())));
    for (path, outcome) in files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let bytes = std::fs::read(&path).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        let result = Bundle::from_json(&text).and_then(|b| bundle::apply(&ours, &b, now));
        match (outcome.as_str(), &result) {
            ("refused", Ok(_)) => panic!("{name}: applied, expected a refusal"),
            ("refused", Err(m)) => assert!(!m.vi.is_empty() && !m.en.is_empty(), "{name}: a refusal says why"),
            (_, Err(m)) if name != "wrong-campaign.json" => panic!("{name}: refused, expected it to be accepted: {}", m.en),
            _ => {}
        }
        assert_eq!(campaign_to_json(&ours), stored_before, "{name}: the receiver's campaign changed");
    }
}

/// Writes the committed files from the fixture (run by hand, see the module doc).
#[test]
#[ignore]
fn regenerate() {
    if std::env::var_os("THIDUA_REGENERATE_MALICIOUS").is_none() {
        eprintln!("set THIDUA_REGENERATE_MALICIOUS=1 to rewrite tests/malicious/*.json");
        return;
    }
    for (name, text) in committed_files() {
        std::fs::write(dir().join(name), text).expect("write");
    }
}

/// SHA-256 without a new dependency: the checksum a forger recomputes, as the core does.
mod sha2_free {
    pub fn sha256_hex(data: &[u8]) -> String {
        const K: [u32; 64] = [
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
            0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
            0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
            0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        ];
        let mut h: [u32; 8] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
        let mut msg = data.to_vec();
        let bits = (data.len() as u64).wrapping_mul(8);
        msg.push(0x80);
        while msg.len() % 64 != 56 {
            msg.push(0);
        }
        msg.extend_from_slice(&bits.to_be_bytes());
        for chunk in msg.chunks(64) {
            let mut w = [0u32; 64];
            for i in 0..16 {
                w[i] = u32::from_be_bytes([chunk[4 * i], chunk[4 * i + 1], chunk[4 * i + 2], chunk[4 * i + 3]]);
            }
            for i in 16..64 {
                let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
                let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
                w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
            }
            let mut v = h;
            for i in 0..64 {
                let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
                let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
                let t1 = v[7].wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
                let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
                let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
                let t2 = s0.wrapping_add(maj);
                v = [t1.wrapping_add(t2), v[0], v[1], v[2], v[3].wrapping_add(t1), v[4], v[5], v[6]];
            }
            for (x, y) in h.iter_mut().zip(v) {
                *x = x.wrapping_add(y);
            }
        }
        h.iter().map(|x| format!("{x:08x}")).collect()
    }
}
