//! The core's benchmarks at the largest bloc the targets name (40 units × 300 criteria, every unit
//! self-scored), on synthetic data from `thidua_core::synthetic`. Run by `scripts/bench`, or alone:
//!
//!   cargo bench -p thidua-core --bench core
//!
//! Rows (criterion ids): `score_rank` (scoring + ranking of the whole bloc, `ranking::evaluate`),
//! `score_unit` (one unit's totals, what the self-scoring form recomputes on an edit), `edit`
//! (one self score applied by `edit::apply`), `merge_40` (the leader applying the 40 units' files
//! with `bundle::apply`, as a file picked alone is), `merge_40_in_place` (the same with
//! `bundle::InPlace`, as the files tab takes many at once), `read_merge_40` (the
//! same as `merge_40` from the files' text), `read_40` / `read_40_slowly` (the 40 files' text read
//! by `Bundle::from_json`, canonical JSON checked in one pass, and by the strict JSON tree it falls
//! back to),
//! `max_stamp` (what a device observes after every import and sync), `save_json` / `load_json`
//! (`stored::campaign_to_json` / `campaign_from_json`), `save_base` / `load_base` (the same as
//! browser storage keeps it: `stored::journal::base_to_json` / `load`).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;
use std::time::Duration;
use thidua_core::bundle::{self, Bundle, Producer, Scope};
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::hlc::Clock;
use thidua_core::stored::{campaign_from_json, campaign_to_json, journal};
use thidua_core::{ranking, scorecard, synthetic, Answer, Campaign, Points};

const UNITS: usize = 40;
const CRITERIA: usize = 300;
const T0: u64 = 1_761_955_200_000;
const NOW: u64 = T0 + 86_400_000;

/// The leader's campaign before any unit's file, the 40 units' files, and the campaign after
/// merging them all.
fn fixture() -> (Campaign, Vec<Bundle>, Campaign) {
    let mut clock = Clock::new("bench-leader");
    let leader = synthetic::bloc("bench", UNITS, CRITERIA, &mut clock, T0);
    let mut bundles = Vec::new();
    let mut scored = leader.clone();
    for i in 0..UNITS {
        let code = synthetic::unit_code(i);
        let mut mine = leader.clone();
        let mut unit_clock = Clock::new(format!("bench-unit-{i}"));
        synthetic::self_score(&mut mine, &code, i as u64, &mut unit_clock, T0 + 3_600_000);
        let producer = Producer { replica: unit_clock.replica.clone(), actor: Actor::Unit(code.clone()), label: code.clone() };
        let b = Bundle::new(&mine, producer, Scope::Unit(code), T0 + 7_200_000);
        scored = bundle::apply(&scored, &b, NOW).expect("a unit's own file is accepted");
        bundles.push(b);
    }
    assert_eq!(scored.inputs.values().map(|m| m.len()).sum::<usize>(), UNITS * CRITERIA);
    (leader, bundles, scored)
}

fn benches(cr: &mut Criterion) {
    let (leader, bundles, scored) = fixture();

    cr.bench_function("score_rank", |b| b.iter(|| black_box(ranking::evaluate(black_box(&scored)))));

    cr.bench_function("score_unit", |b| {
        b.iter(|| black_box(scorecard::score_unit(&scored.template.value, scored.inputs.get("DV01"))))
    });

    let first = scored.template.sections[0].criteria[0].id.clone();
    let mut clock = Clock::new("bench-unit-0");
    clock.observe(&thidua_core::merge::max_stamp(&scored));
    let mut n = 0i64;
    cr.bench_function("edit", |b| {
        b.iter_batched(
            || scored.clone(),
            |mut c| {
                n += 1;
                let answer = Some(Answer::Number(Points::from_whole(n % 10)));
                let e = Edit::SetSelf { unit: "DV01".into(), criterion: first.clone(), answer };
                let _ = black_box(apply(&mut c, &Actor::Unit("DV01".into()), e, &clock.tick(NOW)));
                c
            },
            BatchSize::LargeInput,
        )
    });

    let texts: Vec<String> = bundles.iter().map(Bundle::to_json).collect();
    let mut heavy = cr.benchmark_group("heavy");
    heavy.sample_size(10).measurement_time(Duration::from_secs(20));
    heavy.bench_function("merge_40", |b| {
        b.iter(|| {
            let mut c = leader.clone();
            for bd in &bundles {
                c = bundle::apply(&c, bd, NOW).expect("accepted");
            }
            black_box(c)
        })
    });
    heavy.bench_function("merge_40_in_place", |b| {
        b.iter(|| {
            let mut c = bundle::InPlace::new(leader.clone());
            for bd in &bundles {
                let p = c.take(bd, NOW).expect("same campaign");
                assert!(p.refused.is_empty());
            }
            black_box(c.into_campaign())
        })
    });
    heavy.bench_function("read_40", |b| b.iter(|| texts.iter().map(|t| Bundle::from_json(t).expect("a bundle")).collect::<Vec<_>>()));
    heavy.bench_function("read_40_slowly", |b| b.iter(|| texts.iter().map(|t| Bundle::from_json_slowly(t).expect("a bundle")).collect::<Vec<_>>()));
    heavy.bench_function("read_merge_40", |b| {
        b.iter(|| {
            let mut c = leader.clone();
            for t in &texts {
                let bd = Bundle::from_json(t).expect("a bundle");
                c = bundle::apply(&c, &bd, NOW).expect("accepted");
            }
            black_box(c)
        })
    });
    heavy.bench_function("max_stamp", |b| b.iter(|| black_box(thidua_core::merge::max_stamp(black_box(&scored)))));
    heavy.bench_function("save_json", |b| b.iter(|| black_box(campaign_to_json(black_box(&scored)))));
    let json = campaign_to_json(&scored);
    eprintln!("campaign document: {} bytes", json.len());
    heavy.bench_function("load_json", |b| b.iter(|| black_box(campaign_from_json(black_box(&json)))));
    // As browser storage keeps it: the base, its implied revisions left out (`stored::implied`).
    let mut lent = scored.clone();
    heavy.bench_function("save_base", |b| b.iter(|| black_box(journal::base_to_json(black_box(&mut lent), "g"))));
    let base = journal::base_to_json(&mut lent, "g");
    eprintln!("stored base: {} bytes", base.len());
    heavy.bench_function("load_base", |b| b.iter(|| black_box(journal::load(black_box(&base), None))));
    heavy.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
