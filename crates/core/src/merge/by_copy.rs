//! The merge as it was first written: a new campaign built from both copies. It is kept as the
//! reference that [`super::merge_into`] is tested against: the property tests and the fuzz
//! targets hold the in-place merge to it. The app and the server do not use it.

use super::*;

fn union<V: Clone>(a: &BTreeMap<String, V>, b: &BTreeMap<String, V>, mut both: impl FnMut(&str, &V, &V) -> V) -> BTreeMap<String, V> {
    let mut out = a.clone();
    for (k, vb) in b {
        let merged = match a.get(k) {
            Some(va) => both(k, va, vb),
            None => vb.clone(),
        };
        out.insert(k.clone(), merged);
    }
    out
}

/// A new campaign merged from both copies (see the module doc).
pub fn merge_by_copy(a: &Campaign, b: &Campaign) -> Result<Campaign, Msg> {
    if a.id != b.id {
        return Err(different_campaigns(a, b));
    }
    let mut l: Losers = Vec::new();

    let mut by_code: BTreeMap<String, Unit> = BTreeMap::new();
    for u in a.units.iter().chain(&b.units) {
        let merged = match by_code.get(&u.code) {
            Some(prev) => merge_unit(prev, u, &mut l),
            None => u.clone(),
        };
        by_code.insert(u.code.clone(), merged);
    }
    let mut units: Vec<Unit> = by_code.into_values().collect();
    let order = lww(&|| "unit_order".into(), &effective_unit_order(a), &effective_unit_order(b), None);
    let unit_order = place_units(&mut units, order);

    let mut inputs = union(&a.inputs, &b.inputs, |unit, ea, eb| union(ea, eb, |crit, x, y| merge_entry(unit, crit, x, y, &mut l)));
    inputs.values_mut().flat_map(|m| m.values_mut()).for_each(|e| crate::history::normalize(&mut e.history));
    let members = union(&a.members, &b.members, |unit, x, y| merge_member(unit, x, y, &mut l));
    let votes = union(&a.votes, &b.votes, |unit, x, y| lww(&|| format!("votes/{unit}"), x, y, Some(&mut l)));

    let mut m = Campaign {
        schema: a.schema.max(b.schema),
        id: a.id.clone(),
        bloc: lww(&|| "bloc".into(), &a.bloc, &b.bloc, Some(&mut l)),
        units,
        template: lww(&|| "template".into(), &a.template, &b.template, Some(&mut l)),
        inputs,
        awards: lww(&|| "awards".into(), &a.awards, &b.awards, Some(&mut l)),
        votes,
        pledge: lww(&|| "pledge".into(), &a.pledge, &b.pledge, Some(&mut l)),
        members,
        adoption: lww(&|| "adoption".into(), &a.adoption, &b.adoption, Some(&mut l)),
        results_locked: lww(&|| "results_locked".into(), &a.results_locked, &b.results_locked, Some(&mut l)),
        unit_order,
        meeting: lww(&|| "meeting".into(), &a.meeting, &b.meeting, Some(&mut l)),
        conflicts: a.conflicts.iter().chain(&b.conflicts).cloned().chain(l).collect(),
        dismissed: a.dismissed.union(&b.dismissed).cloned().collect(),
    };
    tidy(&mut m);
    Ok(m)
}
