//! `merge::writes_by` walks the campaign's fields without building their paths; it must see the
//! same fields as `merge::fields` (the walk every merge and check uses).

use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::hlc::Clock;
use thidua_core::merge::{fields, writes_by};
use thidua_core::synthetic;

#[test]
fn writes_by_counts_what_fields_holds() {
    let mut leader = Clock::new("leader");
    let mut c = synthetic::bloc("w", 4, 30, &mut leader, 1_000);
    let mut unit = Clock::new("unit");
    synthetic::self_score(&mut c, "DV02", 7, &mut unit, 2_000);
    let note = Edit::SetNote { unit: "DV02".into(), criterion: "S1.1".into(), note: "Số 12/BC".into() };
    apply(&mut c, &Actor::Unit("DV02".into()), note, &unit.tick(3_000)).expect("a unit's own note");
    for replica in ["leader", "unit", "nobody"] {
        for since in [0, 1_500, 2_010, 10_000] {
            let expected: Vec<u64> =
                fields(&c).into_iter().filter(|f| f.stamp.replica == replica && f.stamp.clock > since).map(|f| f.stamp.clock).collect();
            let mut got = writes_by(&c, replica, since);
            let mut want = expected.clone();
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want, "replica {replica}, since {since}");
        }
    }
    assert!(!writes_by(&c, "leader", 0).is_empty() && !writes_by(&c, "unit", 0).is_empty());
}
