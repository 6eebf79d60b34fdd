//! Replays a `merge_laws` input outside libFuzzer (`cargo run --release --example replay_merge --
//! FILE`): the history its bytes mean, and which law fails on what. A crash input is bytes for
//! `arbitrary`; this is how to turn one into a test case.
use arbitrary::{Arbitrary, Unstructured};
use thidua_core::merge::{merge, normalize};
use thidua_core::stored::{campaign_from_json, campaign_to_json};
use thidua_core::Campaign;
use thidua_fuzz::world::{run, History};

fn diff(what: &str, a: &Campaign, b: &Campaign) {
    if a == b {
        return;
    }
    println!("{what}:");
    let (a, b) = (format!("{a:#?}"), format!("{b:#?}"));
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let first = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let from = first.saturating_sub(12);
    println!("  left:\n{}", a[from..(first + 12).min(a.len())].join("\n"));
    println!("  right:\n{}", b[from..(first + 12).min(b.len())].join("\n"));
}

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let bytes = std::fs::read(path).expect("read");
    let h = History::arbitrary_take_rest(Unstructured::new(&bytes)).expect("decode");
    println!("{h:#?}");
    let out = run(&h);
    let m = |a: &Campaign, b: &Campaign| merge(a, b).expect("merge");
    let mut pool = out.states.clone();
    pool.extend(out.snapshots.iter().cloned());
    for (i, c) in pool.iter().enumerate() {
        diff(&format!("copy {i} stored and read back"), c, &campaign_from_json(&campaign_to_json(c)).expect("reads"));
        let n = normalize(c);
        diff(&format!("copy {i}: normalize is not idempotent"), &m(&n, &n), &n);
    }
    diff("merge(normalize(a), b) vs merge(a, b)", &m(&normalize(&pool[0]), &pool[1]), &m(&pool[0], &pool[1]));
    let forward = out.states[1..].iter().fold(out.states[0].clone(), |acc, s| m(&acc, s));
    println!("forged: {}", out.forged);
    for (i, s) in out.snapshots.iter().enumerate() {
        diff(&format!("merge(forward, snapshot {i}) vs forward"), &m(&forward, s), &forward);
    }
    for (i, a) in pool.iter().enumerate() {
        for (j, b) in pool.iter().enumerate().skip(i + 1) {
            diff(&format!("merge({i}, {j}) vs merge({j}, {i})"), &m(a, b), &m(b, a));
        }
    }
}
