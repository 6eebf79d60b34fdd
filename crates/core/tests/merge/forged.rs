//! Forged copies: equal stamps with different values, odd `seen`, stray conflicts and dismissals.
//! The laws must hold whatever the files say.

use super::preview::{preview_sees_what_the_merge_changes, taken_in_place};
use super::*;

fn forged_stamp(i: u8) -> Stamp {
    match i % 4 {
        0 => Stamp::default(),
        1 => Stamp { clock: 5, replica: "a".into() },
        2 => Stamp { clock: 5, replica: "b".into() },
        _ => Stamp { clock: 7, replica: "a".into() },
    }
}

fn forged_seen(mask: u8) -> Vec<Stamp> {
    let pool = [Stamp { clock: 3, replica: "b".into() }, Stamp { clock: 6, replica: "b".into() }, Stamp { clock: 5, replica: "a".into() }];
    pool.into_iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, s)| s).collect()
}

fn forged() -> impl Strategy<Value = Campaign> {
    (prop::collection::vec((0u8..3, any::<u8>(), 0u8..8), 4), prop::collection::vec((0u8..3, any::<u8>(), 0u8..8, any::<bool>()), 0..4))
        .prop_map(|(fields, extras)| {
            let mut c = base();
            let [n, s, b, o] = [fields[0], fields[1], fields[2], fields[3]];
            let e = c.inputs.entry("U1".into()).or_default().entry("A.1".into()).or_default();
            e.note = Field { value: format!("n{}", n.0), stamp: forged_stamp(n.1), seen: forged_seen(n.2) };
            c.members.entry("U1".into()).or_default().theme = Field { value: format!("t{}", s.0), stamp: forged_stamp(s.1), seen: forged_seen(s.2) };
            c.bloc = Field { value: BlocInfo { name: format!("K{}", b.0), year: 2025, ..Default::default() }, stamp: forged_stamp(b.1), seen: forged_seen(b.2) };
            c.unit_order = Field { value: [vec!["U2", "L", "U1"], vec!["U1"], vec![]][usize::from(o.0)].iter().map(|x| x.to_string()).collect(), stamp: forged_stamp(o.1), seen: forged_seen(o.2) };
            if o.0 == 2 {
                c.units.reverse();
            }
            for (v, st, mask, ghost) in extras {
                // Revisions with colliding stamps, unsorted, duplicated: the merge puts them in order.
                let field = if v % 2 == 0 { RevField::SelfAnswer } else { RevField::Review };
                let by = if field == RevField::SelfAnswer { Actor::Unit("U1".into()) } else { Actor::Leader };
                let rev = Revision { field, stamp: forged_stamp(st), by, value: Some(Answer::Number(pts(i64::from(v % 3)))), reason: String::new() };
                let e = c.inputs.entry("U1".into()).or_default().entry("A.1".into()).or_default();
                e.history.insert(0, rev.clone());
                e.history.push(rev);
                let path = "inputs/U1/A.1/note".to_string();
                if ghost {
                    c.dismissed.insert(Dismissed { path, stamp: forged_stamp(st), seen: forged_seen(mask) });
                } else {
                    c.conflicts.push(Conflict { path, value: serde_json::json!(format!("n{v}")), stamp: forged_stamp(st), seen: forged_seen(mask), winner: Stamp::default() });
                }
            }
            c
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_preview_names_what_forged_copies_change(a in forged(), b in forged()) {
        preview_sees_what_the_merge_changes(&a, &b, bundle::Scope::Whole)?;
    }

    #[test]
    fn a_units_file_taken_in_place_is_all_or_nothing(a in forged(), b in forged()) {
        // A unit sending the whole campaign: anything but its own part is refused, and must be
        // undone from our copy.
        const NOW: u64 = T0 + 400 * DAY as u64;
        let producer = bundle::Producer { replica: "p".into(), actor: Actor::Unit("U1".into()), label: "U1".into() };
        let bd = bundle::Bundle::new(&b, producer, bundle::Scope::Whole, NOW);
        taken_in_place(&a, &bd, NOW)?;
        // Histories, conflicts and dismissals of every shape travel and are read back the fast
        // way, as the slow way reads them.
        let text = bd.to_json();
        prop_assert_eq!(bundle::read_canonical(&text), Some(bd.clone()));
        prop_assert_eq!(bundle::Bundle::from_json_slowly(&text), Ok(bd));
        // And stored: the quick way of opening a campaign reads what the slow way reads.
        let stored = thidua_core::stored::campaign_to_json(&a);
        prop_assert_eq!(thidua_core::stored::campaign_from_json(&stored), Ok(a.clone()));
        prop_assert_eq!(thidua_core::stored::campaign_from_json_slowly(&stored), Ok(a));
    }

    #[test]
    fn files_taken_in_turn_are_taken_as_each_alone(a in forged(), b in forged(), c in forged(), d in forged()) {
        // `InPlace` normalizes only the histories a file brings once the campaign's are known to
        // be normal: the same previews and the same campaign as each file taken in place alone,
        // with refused files (a unit's whole copy) among accepted ones (the leader's).
        const NOW: u64 = T0 + 400 * DAY as u64;
        let by = |actor: Actor| bundle::Producer { replica: "p".into(), label: "x".into(), actor };
        let files = [
            bundle::Bundle::new(&b, by(Actor::Unit("U1".into())), bundle::Scope::Whole, NOW),
            bundle::Bundle::new(&c, by(Actor::Leader), bundle::Scope::Whole, NOW),
            bundle::Bundle::new(&d, by(Actor::Unit("U1".into())), bundle::Scope::Whole, NOW),
            bundle::Bundle::new(&b, by(Actor::Leader), bundle::Scope::Whole, NOW),
        ];
        // Our copy also holds a history out of order where none of the files brings anything.
        let mut a = a;
        let unsorted = a.inputs["U1"]["A.1"].history.clone();
        a.inputs.entry("U2".into()).or_default().entry("A.9".into()).or_default().history = unsorted;
        let mut alone = a.clone();
        let mut taking = bundle::InPlace::new(a);
        for f in &files {
            let p = bundle::preview_and_merge_into(&mut alone, f, NOW);
            prop_assert_eq!(taking.take(f, NOW), p);
            prop_assert_eq!(taking.campaign(), &alone);
        }
    }

    #[test]
    fn the_greatest_stamp_is_the_greatest_of_every_field(a in forged(), b in forged()) {
        let c = merge(&a, &b).unwrap();
        // And the same copy where the latest write is a score entry's.
        let mut d = c.clone();
        let e = d.inputs.entry("U2".into()).or_default().entry("A.2".into()).or_default();
        e.review.stamp = Stamp { clock: u64::MAX / 2, replica: "z".into() };
        for c in [c, d] {
            let fields = merge::fields(&c);
            let every = fields.iter().flat_map(|f| std::iter::once(&f.stamp).chain(&f.seen))
                .chain(c.conflicts.iter().flat_map(|k| [&k.stamp, &k.winner].into_iter().chain(&k.seen)))
                .chain(c.dismissed.iter().flat_map(|d| std::iter::once(&d.stamp).chain(&d.seen)));
            prop_assert_eq!(merge::max_stamp(&c), every.max().cloned().unwrap_or_default());
        }
    }

    #[test]
    fn laws_hold_on_forged_copies(a in forged(), b in forged(), c in forged()) {
        prop_assert_eq!(merge(&a, &b).unwrap(), merge(&b, &a).unwrap());
        prop_assert_eq!(merge(&merge(&a, &b).unwrap(), &c).unwrap(), merge(&a, &merge(&b, &c).unwrap()).unwrap());
        let n = merge::normalize(&a);
        prop_assert_eq!(&merge(&n, &n).unwrap(), &n);
        prop_assert_eq!(merge(&n, &b).unwrap(), merge(&a, &b).unwrap(), "normalising first changes nothing");
    }
}
