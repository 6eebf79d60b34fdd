//! The laws, convergence and nothing lost, over random histories (`world`).

use super::preview::preview_sees_what_the_merge_changes;
use super::world::*;
use super::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn laws_convergence_and_nothing_lost(setup in device_setup(), ops in prop::collection::vec(op(), 10..64), snap in 0usize..64) {
        let mut world = World::default();
        let mut ds = devices(&setup);
        // The setup writes are writes too.
        world.record(&Campaign::new("k", BlocInfo::default()), &ds[0].state, None);
        let snapshot = run(&mut ds, &ops, &mut world, snap);
        let states: Vec<Campaign> = ds.iter().map(|d| d.state.clone()).collect();

        // Laws on the diverged copies (and a stale one).
        let mut pool = states.clone();
        pool.push(snapshot.clone());
        for a in &pool {
            prop_assert_eq!(&merge(a, a).unwrap(), a, "idempotent");
            // Stored as browser storage stores it (the implied revisions left out), read back whole.
            let base = stored::journal::base_to_json(&mut a.clone(), "g");
            prop_assert_eq!(&stored::journal::load(&base, None).expect("a base reads").campaign, a, "stored and read back");
        }
        for a in &pool {
            for b in &pool {
                prop_assert_eq!(merge(a, b).unwrap(), merge(b, a).unwrap(), "commutative");
            }
        }
        let (a, b, c) = (&pool[0], &pool[1], &pool[pool.len() - 1]);
        prop_assert_eq!(merge(&merge(a, b).unwrap(), c).unwrap(), merge(a, &merge(b, c).unwrap()).unwrap(), "associative");
        if pool.len() >= 4 {
            let (a, b, c) = (&pool[1], &pool[2], &pool[0]);
            prop_assert_eq!(merge(&merge(a, b).unwrap(), c).unwrap(), merge(a, &merge(b, c).unwrap()).unwrap(), "associative");
        }

        // Convergence: any order of exchanging gives the same copy everywhere.
        let forward = fold(&states);
        let mut rev = states.clone();
        rev.reverse();
        prop_assert_eq!(&fold(&rev), &forward);
        if states.len() == 4 {
            let tree = merge(&merge(&states[2], &states[0]).unwrap(), &merge(&states[3], &states[1]).unwrap()).unwrap();
            prop_assert_eq!(&tree, &forward);
        }
        let n = ds.len();
        for _ in 0..2 {
            for i in 0..n {
                let from = ds[i].state.clone();
                receive(&mut ds[(i + 1) % n], &from);
            }
        }
        for d in &ds {
            prop_assert_eq!(&d.state, &forward, "a device did not converge");
        }
        // A stale copy brings nothing back (dismissed conflicts stay dismissed).
        prop_assert_eq!(&merge(&forward, &snapshot).unwrap(), &forward);

        // What a file would change, as the preview says it: whole copies and units' parts.
        preview_sees_what_the_merge_changes(&pool[0], &pool[1], bundle::Scope::Whole)?;
        preview_sees_what_the_merge_changes(&snapshot, &forward, bundle::Scope::Whole)?;
        for u in forward.units.iter().take(2) {
            preview_sees_what_the_merge_changes(&snapshot, &forward, bundle::Scope::Unit(u.code.clone()))?;
        }

        // Nothing lost: every write is the current value, a conflict, dismissed, or knowingly
        // replaced (by a write that showed it, or a later write of the same device).
        let f = &forward;
        let conflict_ids: BTreeSet<(String, Stamp)> = f.conflicts.iter().map(|k| (k.path.clone(), k.stamp.clone())).collect();
        for (id, w) in world.writes.iter().enumerate() {
            let current = merge::current_value(f, &w.path).as_ref() == Some(&w.value);
            let kept = conflict_ids.contains(&(w.path.clone(), w.stamp.clone()));
            let dismissed = world.dismissed.contains(&(w.path.clone(), w.stamp.clone()));
            let replaced = world.writes.iter().enumerate().any(|(j, x)| {
                j != id && x.path == w.path && (x.chain.contains(&id) || (x.stamp.replica == w.stamp.replica && x.stamp > w.stamp))
            });
            prop_assert!(current || kept || dismissed || replaced, "write lost: {:?}", w);
        }

        // Every score's write is in its history, unless that field has ten later revisions.
        for w in world.writes.iter().filter(|w| w.path.ends_with("/self_answer") || w.path.ends_with("/review")) {
            let revs = history::at_path(f, &w.path);
            let kept = revs.iter().any(|r| r.stamp == w.stamp && serde_json::to_value(&r.value).unwrap() == w.value);
            let later = revs.iter().filter(|r| r.stamp > w.stamp).count();
            prop_assert!(kept || later >= history::KEPT_PER_FIELD, "not in the history: {:?}", w);
        }

        // And the conflicts are not noise: none was knowingly replaced by a value still there, each
        // names the current winner, none is an unset value.
        for k in &f.conflicts {
            let cur = merge::field(f, &k.path).expect("a conflict's field exists");
            prop_assert_eq!(&k.winner, &cur.stamp);
            prop_assert!(k.stamp != Stamp::default());
            let kid = world.id(&k.path, &k.stamp).expect("a conflict is a recorded write");
            let present = std::iter::once(cur.stamp.clone()).chain(f.conflicts.iter().filter(|x| x.path == k.path).map(|x| x.stamp.clone()));
            for s in present {
                if s > k.stamp {
                    let wid = world.id(&k.path, &s).expect("recorded");
                    prop_assert!(!world.writes[wid].chain.contains(&kid), "conflict {:?} was knowingly replaced by {:?}", k, s);
                }
            }
        }
    }
}
