//! Histories of 2–4 devices (leader and units) editing with skewed clocks, exchanging copies and
//! forging fields, built from the fuzzer's bytes (`thidua_fuzz::world`). The merge of what they end
//! with must be commutative, associative and idempotent; every device converges whatever the order
//! of exchange; a stale copy brings nothing back; and each copy stores and exports unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua_core::bundle::{self, Bundle, InPlace, Producer, Scope};
use thidua_core::edit::Actor;
use thidua_core::merge::{merge, normalize};
use thidua_core::Campaign;
use thidua_fuzz::exercise;
use thidua_fuzz::world::{run, History};

fn m(a: &Campaign, b: &Campaign) -> Campaign {
    merge(a, b).expect("copies of one campaign merge")
}

fn fold(states: &[Campaign]) -> Campaign {
    states[1..].iter().fold(states[0].clone(), |acc, s| m(&acc, s))
}

fuzz_target!(|h: History| {
    let out = run(&h);
    let mut pool = out.states.clone();
    pool.extend(out.snapshots.iter().cloned());

    for a in &pool {
        let n = normalize(a);
        assert!(m(&n, &n) == n, "idempotent");
        if !out.forged {
            assert!(m(a, a) == *a, "an edited copy is in normal form");
        }
    }
    for (i, a) in pool.iter().enumerate() {
        for b in &pool[i + 1..] {
            assert!(m(a, b) == m(b, a), "commutative");
        }
    }
    let k = pool.len();
    for (x, y, z) in [(0, 1, k - 1), (1, k - 1, 0), (k - 1, 0, 1)] {
        let (a, b, c) = (&pool[x], &pool[y], &pool[z]);
        assert!(m(&m(a, b), c) == m(a, &m(b, c)), "associative");
    }
    assert!(m(&normalize(&pool[0]), &pool[1]) == m(&pool[0], &pool[1]), "normalising first changes nothing");

    // Convergence: forward, backward and pairwise all give the same copy.
    let forward = fold(&out.states);
    let mut rev = out.states.clone();
    rev.reverse();
    assert!(fold(&rev) == forward, "the order of exchange matters");
    if out.states.len() == 4 {
        let tree = m(&m(&out.states[2], &out.states[0]), &m(&out.states[3], &out.states[1]));
        assert!(tree == forward, "pairwise exchange differs");
    }
    // A stale copy brings nothing back — unless a forged write replaced a newer value with an older
    // one since (what a hand-edited file can do, and the snapshot then rightly brings it back).
    if !out.forged {
        for s in &out.snapshots {
            assert!(m(&forward, s) == forward, "a stale copy changed the merged one");
        }
    }
    // The files tab's batch: the copies taken in turn into the first, in place, give the same
    // previews and the same campaign as each taken alone (`InPlace` normalizes only what a file
    // brings once the campaign's histories are known to be normal).
    let now = u64::MAX / 4;
    let leader = Producer { replica: "fuzz".into(), actor: Actor::Leader, label: "fuzz".into() };
    let mut alone = out.states[0].clone();
    let mut batch = InPlace::new(out.states[0].clone());
    for s in out.states[1..].iter().chain(&out.snapshots) {
        let f = Bundle::new(s, leader.clone(), Scope::Whole, now);
        let p = bundle::preview_and_merge_into(&mut alone, &f, now);
        assert!(batch.take(&f, now) == p, "a batch previews as each file alone");
        assert!(*batch.campaign() == alone, "a batch merges as each file alone");
    }

    exercise(&forward);
});
