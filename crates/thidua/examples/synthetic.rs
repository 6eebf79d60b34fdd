//! Synthetic blocs for the browser benchmarks (scripts/bench, tests/bench/), made with the core's
//! `synthetic` module so that every benchmark measures the same deterministic data.
//!
//!   cargo run --release -p thidua --example synthetic -- 40 300 > bloc.json
//!       the campaign document (as stored in the browser) of a 40-unit × 300-criterion bloc in
//!       which every unit has self-scored every criterion and the leader has merged them all.
//!   cargo run --release -p thidua --example synthetic -- 40 300 DIR
//!       writes DIR/scored.json (the same document), DIR/leader.json (the leader's campaign before
//!       any unit's file arrived) and DIR/bundles/DV01.json… (each unit's exported part, as the
//!       files tab exports it), for the import-and-merge benchmark.

use std::path::PathBuf;
use thidua_core::bundle::{self, Bundle, Producer, Scope};
use thidua_core::edit::Actor;
use thidua_core::hlc::Clock;
use thidua_core::stored::campaign_to_json;
use thidua_core::synthetic;

/// A fixed start (1 Nov 2025) so that the output is the same on every run; the browser accepts
/// stamps up to a week ahead of its own clock, and these are in the past.
const T0: u64 = 1_761_955_200_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize, d: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    let (units, criteria) = (num(0, 40), num(1, 300));
    let out = args.get(2).map(PathBuf::from);

    let mut clock = Clock::new("bench-leader");
    let leader = synthetic::bloc("bench40x300", units, criteria, &mut clock, T0);
    let mut scored = leader.clone();
    let mut bundles = Vec::new();
    for i in 0..units {
        let code = synthetic::unit_code(i);
        // The unit's own copy, as it received the leader's file, self-scored on its own device.
        let mut mine = leader.clone();
        let mut unit_clock = Clock::new(format!("bench-unit-{i}"));
        synthetic::self_score(&mut mine, &code, i as u64, &mut unit_clock, T0 + 3_600_000);
        let producer = Producer { replica: unit_clock.replica.clone(), actor: Actor::Unit(code.clone()), label: code.clone() };
        let b = Bundle::new(&mine, producer, Scope::Unit(code.clone()), T0 + 7_200_000);
        scored = match bundle::apply(&scored, &b, T0 + 7_200_000) {
            Ok(c) => c,
            Err(m) => {
                eprintln!("{code}: {}", m.en);
                std::process::exit(1);
            }
        };
        bundles.push((code, b));
    }

    let Some(dir) = out else {
        println!("{}", campaign_to_json(&scored));
        return;
    };
    let write = |p: PathBuf, text: String| {
        if let Err(e) = std::fs::write(&p, text) {
            eprintln!("{}: {e}", p.display());
            std::process::exit(1);
        }
    };
    if let Err(e) = std::fs::create_dir_all(dir.join("bundles")) {
        eprintln!("{}: {e}", dir.display());
        std::process::exit(1);
    }
    write(dir.join("scored.json"), campaign_to_json(&scored));
    write(dir.join("leader.json"), campaign_to_json(&leader));
    for (code, b) in bundles {
        write(dir.join("bundles").join(format!("{code}.json")), b.to_json());
    }
    eprintln!("{units} units × {criteria} criteria written to {}", dir.display());
}
