//! A bounded load test of the sync API on loopback: B blocs × U units, every unit on a thread of
//! its own acting as a device would (join, pull, self-score the whole scorecard, sync, then a few
//! rounds of small edits each followed by a sync), all at once. Prints latency percentiles and
//! throughput, then checks that the server holds every unit's last answer to every criterion.
//!
//!   thidua serve --rate-per-minute 0 --database-url sqlite:///tmp/load.sqlite3 --listen 127.0.0.1:8099 &
//!   cargo run --release -p thidua --example sync_load -- http://127.0.0.1:8099 [blocs] [units] [criteria] [rounds]

use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use thidua_core::bundle::{self, Bundle, Producer, Scope};
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::hlc::Clock;
use thidua_core::merge::max_stamp;
use thidua_core::synthetic;
use thidua_core::Campaign;

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(Duration::from_secs(300))).build().into()
}

/// POST and the JSON answer; retried on 503/429/no answer, as the app does.
fn post(agent: &ureq::Agent, url: &str, token: Option<&str>, body: &str, lat: &Mutex<Vec<f64>>) -> Value {
    for _ in 0..50 {
        let mut req = agent.post(url).header("content-type", "application/json");
        if let Some(t) = token {
            req = req.header("authorization", &format!("Bearer {t}"));
        }
        let start = Instant::now();
        let res = req.send(body);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        match res {
            Ok(mut r) => {
                let status = r.status().as_u16();
                let text = r.body_mut().with_config().limit(512 * 1024 * 1024).read_to_string().unwrap_or_default();
                if status == 200 || status == 201 {
                    lat.lock().unwrap().push(ms);
                    return serde_json::from_str(&text).unwrap_or(Value::Null);
                }
                if status != 503 && status != 429 {
                    panic!("{url}: {status} {text}");
                }
            }
            Err(e) => eprintln!("retry after: {e}"),
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("no answer from {url}");
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let num = |i: usize, d: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    let (blocs, units, criteria, rounds) = (num(2, 10), num(3, 40), num(4, 60), num(5, 3));
    let t0 = now() - 3_600_000;
    let run = now();
    let latencies = Arc::new(Mutex::new(Vec::<f64>::new()));
    let bytes = Arc::new(Mutex::new(0usize));

    // The blocs, published by their leaders.
    let mut published = Vec::new();
    for b in 0..blocs {
        let mut clock = Clock::new(format!("leader-{b}"));
        let c = synthetic::bloc(&format!("load-{run}-{b}"), units, criteria, &mut clock, t0);
        let producer = Producer { replica: clock.replica.clone(), actor: Actor::Leader, label: "Trưởng khối".into() };
        let body = Bundle::new(&c, producer, Scope::Whole, now()).to_json();
        let p = post(&agent(), &format!("{base}/api/v1/publish"), None, &body, &Mutex::new(vec![]));
        published.push((c, p));
    }
    println!("blocs {blocs} × units {units} × criteria {criteria}, rounds {rounds}: {} devices", blocs * units);

    let start = Instant::now();
    let mut threads = Vec::new();
    for (b, (c, p)) in published.iter().enumerate() {
        for u in 0..units {
            let code = synthetic::unit_code(u);
            let token = p["codes"][&code].as_str().expect("a code per unit").to_string();
            let (base, lat, bytes, template) = (base.clone(), latencies.clone(), bytes.clone(), c.clone());
            threads.push(std::thread::spawn(move || {
                let agent = agent();
                let url = format!("{base}/api/v1/sync");
                let mut clock = Clock::new(format!("dev-{b}-{u}"));
                // Join: pull the campaign.
                let r = post(&agent, &url, Some(&token), r#"{"since":null}"#, &lat);
                let pull = Bundle::from_json(&r["pull"].to_string()).expect("pull");
                let mut mine: Campaign = pull.content.clone();
                let mut since = r["version"].as_u64();
                clock.observe(&max_stamp(&mine));
                synthetic::self_score(&mut mine, &code, (b * 1000 + u) as u64, &mut clock, now());
                let _ = template;
                let actor = Actor::Unit(code.clone());
                let crits: Vec<(String, thidua_core::CriterionKind, thidua_core::Points)> =
                    mine.template.sections.iter().flat_map(|s| s.criteria.iter().map(|k| (k.id.clone(), k.kind.clone(), k.max))).collect();
                for round in 0..=rounds {
                    if round > 0 {
                        for (id, kind, max) in crits.iter().skip(round).step_by(37).take(5) {
                            let a = synthetic::answer(kind, *max, (round * 7 + u) as u64);
                            let s = clock.tick(now());
                            let _ = apply(&mut mine, &actor, Edit::SetSelf { unit: code.clone(), criterion: id.clone(), answer: Some(a) }, &s);
                        }
                    }
                    let producer = Producer { replica: clock.replica.clone(), actor: actor.clone(), label: code.clone() };
                    let push = thidua_core::sync::push_bundle(&mine, producer, now());
                    let body = json!({ "since": since, "push": push }).to_string();
                    *bytes.lock().unwrap() += body.len();
                    let r = post(&agent, &url, Some(&token), &body, &lat);
                    if let Some(p) = r.get("pull").filter(|p| !p.is_null()) {
                        let b = Bundle::from_json(&p.to_string()).expect("pull");
                        mine = bundle::apply(&mine, &b, now()).expect("apply");
                        clock.observe(&max_stamp(&mine));
                    }
                    since = r["version"].as_u64();
                }
                (b, code, mine.inputs.get(&synthetic::unit_code(u)).cloned().unwrap_or_default())
            }));
        }
    }
    let results: Vec<_> = threads.into_iter().map(|t| t.join().expect("device thread")).collect();
    let elapsed = start.elapsed().as_secs_f64();

    // Every unit's last answers are on the server.
    let mut lost = 0;
    for (b, (_, p)) in published.iter().enumerate() {
        let token = p["leader_token"].as_str().unwrap();
        let r = post(&agent(), &format!("{base}/api/v1/sync"), Some(token), r#"{"since":null}"#, &Mutex::new(vec![]));
        let server = Bundle::from_json(&r["pull"].to_string()).expect("pull").content;
        for (rb, code, inputs) in results.iter().filter(|r| r.0 == b) {
            let _ = rb;
            for (crit, e) in inputs {
                let there = server.inputs.get(code).and_then(|m| m.get(crit)).map(|x| &x.self_answer.value);
                if there != Some(&e.self_answer.value) {
                    lost += 1;
                }
            }
        }
    }

    let mut l = latencies.lock().unwrap().clone();
    l.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    println!("| requests | wall time | throughput | p50 | p95 | p99 | max | pushed | answers lost |");
    println!("|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {:.1} s | {:.1} req/s | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.1} MB | {} |",
        l.len(),
        elapsed,
        l.len() as f64 / elapsed,
        percentile(&l, 0.5),
        percentile(&l, 0.95),
        percentile(&l, 0.99),
        l.last().copied().unwrap_or(0.0),
        *bytes.lock().unwrap() as f64 / 1e6,
        lost
    );
    if lost > 0 {
        std::process::exit(1);
    }
}
