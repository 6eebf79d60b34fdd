//! The preview of a file, held to a comparison of every field of both copies, and a file taken in
//! place to the same file taken on a copy.

use super::*;

/// The preview compares only the fields a file carries: it must name exactly the fields the merge
/// changes, as a comparison of every field of both copies does, count every revision gained, and
/// `apply` (which merges once, inside the preview) must give the merge.
pub(crate) fn preview_sees_what_the_merge_changes(ours: &Campaign, theirs: &Campaign, scope: bundle::Scope) -> Result<(), TestCaseError> {
    const NOW: u64 = T0 + 400 * DAY as u64;
    let producer = bundle::Producer { replica: "p".into(), actor: Actor::Leader, label: "T".into() };
    let b = bundle::Bundle::new(theirs, producer, scope, NOW);
    let merged = merge(ours, &b.content).unwrap();
    let before: BTreeMap<String, merge::FieldView> = merge::fields(ours).into_iter().map(|f| (f.path.clone(), f)).collect();
    let (mut must, mut may) = (BTreeSet::new(), BTreeSet::new());
    for f in merge::fields(&merged).into_iter().filter(|f| f.path != "unit_order") {
        match before.get(&f.path) {
            Some(o) if o.stamp != f.stamp || o.seen != f.seen || o.value != f.value => {
                must.insert(f.path);
            }
            Some(_) => {}
            // A record new to our copy: changed unless it holds nothing written.
            None if f.stamp != Stamp::default() || !f.seen.is_empty() => {
                must.insert(f.path);
            }
            None => {
                may.insert(f.path);
            }
        }
    }
    let p = bundle::preview(ours, &b, NOW).unwrap();
    let got: BTreeSet<String> = p.changed.iter().filter(|x| *x != "unit_order").cloned().collect();
    prop_assert_eq!(got.len(), p.changed.iter().filter(|x| *x != "unit_order").count(), "a path named twice");
    prop_assert!(must.is_subset(&got), "missed: {:?}", must.difference(&got).collect::<Vec<_>>());
    prop_assert!(got.difference(&must).all(|x| may.contains(x)), "named unchanged: {:?}", got.difference(&must).collect::<Vec<_>>());
    prop_assert_eq!(p.revisions, history::added(ours, &merged).len());
    if p.refused.is_empty() {
        prop_assert_eq!(&bundle::apply(ours, &b, NOW).unwrap(), &merged);
    }
    prop_assert_eq!(&merge::merge_by_copy(ours, &b.content).unwrap(), &merged, "the merge in place is the merge by copy");
    taken_in_place(ours, &b, NOW)
}

/// Every score's history in normal form, as any merge leaves them.
pub(crate) fn histories_normal(mut c: Campaign) -> Campaign {
    c.inputs.values_mut().flat_map(|m| m.values_mut()).for_each(|e| history::normalize(&mut e.history));
    c
}

/// A file taken in place (`preview_and_merge_into`, as the files tab takes many) is all or
/// nothing, as `preview_and_merge` on a copy: the same preview; the merge when nothing is refused;
/// our copy as it was (its histories in normal form) when anything is.
pub(crate) fn taken_in_place(ours: &Campaign, b: &bundle::Bundle, now: u64) -> Result<(), TestCaseError> {
    let by_copy = bundle::preview_and_merge(ours, b, now);
    let mut x = ours.clone();
    let in_place = bundle::preview_and_merge_into(&mut x, b, now);
    match (by_copy, in_place) {
        (Ok((p, Some(merged))), Ok(q)) => {
            prop_assert_eq!(&q, &p);
            prop_assert_eq!(&x, &merged);
        }
        (Ok((p, None)), Ok(q)) => {
            prop_assert_eq!(&q, &p);
            prop_assert!(!q.refused.is_empty());
            prop_assert_eq!(histories_normal(x), histories_normal(ours.clone()), "a refused file leaves our copy as it was");
        }
        (Err(e), Err(f)) => {
            prop_assert_eq!(e, f);
            prop_assert_eq!(&x, ours);
        }
        (a, b) => prop_assert!(false, "by copy {:?}, in place {:?}", a.map(|(p, _)| p), b),
    }
    Ok(())
}
