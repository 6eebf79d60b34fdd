//! The state-based merge of two copies of a campaign: any order of exchanging copies (files, the
//! server) gives the same result, and nothing a person wrote is dropped silently.
//!
//! # Values
//! Every [`Field`] is merged on its own: the write with the greater [`Stamp`] wins (hybrid logical
//! clock reading, then replica id: a total order, whatever the devices' clocks say). Two writes with
//! the same stamp but different contents (it cannot happen between honest devices; a file can be
//! forged) are ordered by their canonical JSON, then by what they had seen. Collections are merged
//! by id: units by `code`, inputs by unit then criterion id, members and votes by unit, each field
//! of an entry on its own. `schema` is the greater one.
//!
//! # The order of the units
//! The units' order is a value of its own, [`Campaign::unit_order`], written by the leader when a
//! unit is added, and merged last-writer-wins like any field (without conflicts: an order is not
//! someone's work). A copy that never wrote it (older documents, imports) stands for the order of
//! its `units` with an unset stamp. `units` is then sorted by position in the winning order, units
//! it does not name after them by code. Both steps depend only on the set of copies merged, never on
//! which came first, so the order is the same however the copies travelled.
//!
//! # Conflicts: which losing values are kept
//! Besides its stamp a write records what it had seen of its field: `Field::seen` holds, for every
//! other device whose writes to that field had reached the writing device, the latest such stamp.
//! With the write's own stamp that is a version vector `V(w)`. A write `u` *covers* a write `v` when
//! `u` is later (`u.stamp > v.stamp`) and had seen everything `v` had (`V(u) ≥ V(v)` device by
//! device, which includes `v` itself). Unset values (stamp left at its default: imported data,
//! never edited) are covered by any write, and by an unset value that sorts after them.
//!
//! For each field the merge keeps, of all the values met so far, those no other covers: the greatest
//! is the field's value, the others are its [`Conflict`]s. So a value that lost to a write that had
//! not seen it stays in `conflicts` (`inputs/CTK/A.3/self_answer`, its value, its stamp, the winner's
//! stamp) until someone dismisses it ([`crate::edit::Edit::DismissConflict`], kept as a
//! [`Dismissed`] tombstone so an older copy cannot bring it back) or restores it
//! ([`crate::edit::Edit::RestoreConflict`], a new write that has seen both). Keeping exactly the
//! values nothing covers is what makes the merge commutative, associative and idempotent: "is
//! covered by" is a strict partial order that depends only on the values, and the maximal elements
//! of a union are the maximal elements of the union of the maximal elements.
//!
//! ## What it may over-report or miss
//! The rule is exact — a losing value is kept if and only if the winning write's device had not seen
//! it — under three assumptions, and errs towards keeping when they fail:
//! - **Devices observe what they merge** (`hlc::Clock::observe(&max_stamp(..))` after an import, as
//!   the app does). A device that does not may stamp a write lower than a value it had already seen;
//!   that value then wins the field and the device's own later write is kept as a conflict, not lost.
//! - **Replica ids are unique and a device's copy only grows.** If a device's storage is wiped and
//!   refilled from an old file while it keeps its id and clock, a value it had seen and lost may be
//!   reported as a conflict again (over-report, never a loss).
//! - **Conflicts kept on a device are not counted as seen by its next write**: a person who writes a
//!   field while a conflict on it is listed has not chosen between them, so the conflict stays
//!   (over-report until dismissed or restored). An own older value (same device) that the new write
//!   covers disappears, as any sequential overwrite.
//!
//! Values equal to the field's current value are kept in `conflicts` too (dropping them would break
//! associativity) but there is nothing to choose: [`Campaign::open_conflicts`] leaves them out.
//! A forged file can make conflicts appear (values with stamps nobody wrote) but not disappear ones a
//! copy already holds, unless it forges a dismissal; `bundle` limits what a unit's file may bring.

use crate::model::*;
use crate::problem::Msg;
use serde::Serialize;
use serde_json::Value;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

// ---------------------------------------------------------------------------------------------
// Canonical JSON (its own module; kept reachable here, where callers have always found it)

pub use crate::canonical::canonical_json;

pub(crate) fn to_json<T: Serialize + ?Sized>(v: &T) -> Value {
    // The model holds strings, integers, booleans, vectors and string-keyed maps: it serialises.
    serde_json::to_value(v).unwrap_or(Value::Null)
}

mod by_copy;
mod paths;
#[doc(hidden)]
pub use by_copy::merge_by_copy;
pub use paths::*;

// ---------------------------------------------------------------------------------------------
// Versions of a field and when one covers another

/// One value a field has had: the current one, a conflict, or a dismissed conflict (`ghost`, whose
/// value is forgotten but which still covers what it covered).
#[derive(Debug, Clone)]
struct Version {
    stamp: Stamp,
    canon: String,
    value: Value,
    seen: Vec<Stamp>,
    ghost: bool,
}

impl Version {
    fn of(f: &dyn AnyField) -> Version {
        let value = f.json();
        Version { stamp: f.stamp().clone(), canon: canonical_json(&value), value, seen: f.seen().to_vec(), ghost: false }
    }

    fn of_conflict(k: &Conflict) -> Version {
        Version { stamp: k.stamp.clone(), canon: canonical_json(&k.value), value: k.value.clone(), seen: k.seen.clone(), ghost: false }
    }

    fn of_dismissed(d: &Dismissed) -> Version {
        Version { stamp: d.stamp.clone(), canon: String::new(), value: Value::Null, seen: d.seen.clone(), ghost: true }
    }

    /// A total order on versions: stamp, then value, then what was seen.
    fn cmp(&self, o: &Version) -> Ordering {
        self.stamp
            .cmp(&o.stamp)
            .then_with(|| self.canon.cmp(&o.canon))
            .then_with(|| self.seen.cmp(&o.seen))
            .then_with(|| self.ghost.cmp(&o.ghost))
    }

    /// Whether this write knowingly replaced `v` (see the module doc).
    fn covers(&self, v: &Version) -> bool {
        let unset = Stamp::default();
        if v.stamp == unset {
            return self.stamp != unset || self.cmp(v) == Ordering::Greater;
        }
        if self.stamp <= v.stamp {
            return false;
        }
        let mine = vector(&self.stamp, &self.seen);
        vector(&v.stamp, &v.seen).iter().all(|(r, c)| mine.get(r).is_some_and(|m| m >= c))
    }
}

/// The version vector of a write: latest clock seen per replica, its own stamp included.
fn vector<'a>(stamp: &'a Stamp, seen: &'a [Stamp]) -> BTreeMap<&'a str, u64> {
    let mut v: BTreeMap<&str, u64> = BTreeMap::new();
    for s in seen.iter().chain(std::iter::once(stamp)) {
        if *s != Stamp::default() {
            let e = v.entry(s.replica.as_str()).or_insert(s.clock);
            *e = (*e).max(s.clock);
        }
    }
    v
}

/// What a new write by `stamp` has seen when it replaces a field that held (`old`, `old_seen`):
/// everything the old value had seen and the old value itself, less the writer's own replica (its
/// stamp says it). Sorted by replica.
pub(crate) fn seen_after(old: &Stamp, old_seen: &[Stamp], stamp: &Stamp) -> Vec<Stamp> {
    let mut out: Vec<Stamp> = vector(old, old_seen)
        .into_iter()
        .filter(|(r, _)| *r != stamp.replica)
        .map(|(r, clock)| Stamp { clock, replica: r.to_string() })
        .collect();
    out.sort_by(|a, b| a.replica.cmp(&b.replica));
    out
}

/// Adds what a version had seen (and the version) to a field's `seen`: used when a write restores a
/// conflict, so that it covers it.
pub(crate) fn fold_seen(f: &mut dyn AnyField, stamp: &Stamp, seen: &[Stamp]) {
    let own = f.stamp().clone();
    let mut all: Vec<Stamp> = f.seen().to_vec();
    all.extend(seen.iter().cloned());
    all.push(stamp.clone());
    let merged = seen_after(&Stamp::default(), &all, &own);
    *f.seen_mut() = merged;
}

/// Keeps, of `versions` and the field's current value `winner`, those nothing covers.
fn resolve(path: &str, winner: Option<Version>, versions: Vec<Version>) -> (Vec<(Version, Conflict)>, Vec<Dismissed>) {
    let mut all = versions;
    all.extend(winner.clone());
    all.sort_by(|a, b| a.cmp(b));
    all.dedup_by(|a, b| a.cmp(b) == Ordering::Equal);
    let maximal: Vec<&Version> = all.iter().filter(|v| !all.iter().any(|u| u.covers(v))).collect();
    let ghosts: Vec<&Version> = maximal.iter().copied().filter(|v| v.ghost).collect();
    let winner_stamp = winner.as_ref().map(|w| w.stamp.clone()).unwrap_or_default();
    let conflicts = maximal
        .iter()
        .filter(|v| !v.ghost)
        .filter(|v| winner.as_ref().is_none_or(|w| w.cmp(v) != Ordering::Equal))
        .filter(|v| !ghosts.iter().any(|g| g.stamp == v.stamp && g.seen == v.seen))
        .map(|v| {
            let k = Conflict { path: path.to_string(), value: v.value.clone(), stamp: v.stamp.clone(), seen: v.seen.clone(), winner: winner_stamp.clone() };
            ((*v).clone(), k)
        })
        .collect();
    let dismissed = ghosts.into_iter().map(|g| Dismissed { path: path.to_string(), stamp: g.stamp.clone(), seen: g.seen.clone() }).collect();
    (conflicts, dismissed)
}

/// Brings `conflicts` and `dismissed` to their normal form: per field, only the versions nothing
/// covers (the current value included), each conflict naming the current winner; sorted.
/// `edit::apply` and `merge` call it; a campaign in normal form is a fixed point of `merge(c, c)`.
pub fn tidy(c: &mut Campaign) {
    if c.conflicts.is_empty() && c.dismissed.is_empty() {
        return;
    }
    let mut by_path: BTreeMap<String, Vec<Version>> = BTreeMap::new();
    for k in std::mem::take(&mut c.conflicts) {
        let v = Version::of_conflict(&k);
        by_path.entry(k.path).or_default().push(v);
    }
    for d in std::mem::take(&mut c.dismissed) {
        let v = Version::of_dismissed(&d);
        by_path.entry(d.path).or_default().push(v);
    }
    let mut conflicts: Vec<(Version, Conflict)> = Vec::new();
    let mut dismissed = BTreeSet::new();
    // The units' order merges without conflicts (a losing order is nobody's work and is not kept),
    // so a conflict on it can only come from a hand-made file; kept, it would stand or fall by
    // which order happened to win first, and the merge would depend on the order of merging.
    by_path.remove("unit_order");
    for (path, versions) in by_path {
        let winner = field_ref(c, &path).map(Version::of);
        let (k, d) = resolve(&path, winner, versions);
        conflicts.extend(k);
        dismissed.extend(d);
    }
    conflicts.sort_by(|(va, a), (vb, b)| a.path.cmp(&b.path).then_with(|| va.cmp(vb)));
    c.conflicts = conflicts.into_iter().map(|(_, k)| k).collect();
    c.dismissed = dismissed;
}

// ---------------------------------------------------------------------------------------------
// The merge

/// The losing versions met while merging fields, by path.
type Losers = Vec<Conflict>;

fn lww<T: Serialize + Clone + PartialEq + 'static>(path: &dyn Fn() -> String, a: &Field<T>, b: &Field<T>, losers: Option<&mut Losers>) -> Field<T> {
    if b_wins(path, a, b, losers) {
        b.clone()
    } else {
        a.clone()
    }
}

/// [`lww`] into `a`: the winner's value is copied only when it is `b`'s.
fn lww_into<T: Serialize + Clone + PartialEq + 'static>(path: &dyn Fn() -> String, a: &mut Field<T>, b: &Field<T>, losers: &mut Losers) {
    if b_wins(path, a, b, Some(losers)) {
        *a = b.clone();
    }
}

/// Whether `b` wins the register over `a`; the losing version, if it was ever written, goes to
/// `losers`. Equal copies: `a` stands, nothing lost.
fn b_wins<T: Serialize + PartialEq + 'static>(path: &dyn Fn() -> String, a: &Field<T>, b: &Field<T>, losers: Option<&mut Losers>) -> bool {
    if a.stamp == b.stamp && a.seen == b.seen && a.value == b.value {
        return false;
    }
    let (va, vb) = (Version::of(a), Version::of(b));
    let b_wins = va.cmp(&vb) == Ordering::Less;
    let lose = if b_wins { va } else { vb };
    // An unset value always loses to the winner without being a conflict: skip it early.
    if let Some(l) = losers {
        if lose.stamp != Stamp::default() {
            l.push(Conflict { path: path(), value: lose.value, stamp: lose.stamp, seen: lose.seen, winner: Stamp::default() });
        }
    }
    b_wins
}

/// The union of two maps, into `a`: `both` merges `b`'s value into `a`'s where both have the key.
fn union_into<V: Clone>(a: &mut BTreeMap<String, V>, b: &BTreeMap<String, V>, mut both: impl FnMut(&str, &mut V, &V)) {
    for (k, vb) in b {
        match a.get_mut(k) {
            Some(va) => both(k, va, vb),
            None => {
                a.insert(k.clone(), vb.clone());
            }
        }
    }
}

fn merge_entry(unit: &str, crit: &str, a: &Entry, b: &Entry, l: &mut Losers) -> Entry {
    let p = |f: &str| format!("inputs/{unit}/{crit}/{f}");
    Entry {
        self_answer: lww(&|| p("self_answer"), &a.self_answer, &b.self_answer, Some(l)),
        note: lww(&|| p("note"), &a.note, &b.note, Some(l)),
        review: lww(&|| p("review"), &a.review, &b.review, Some(l)),
        review_reason: lww(&|| p("review_reason"), &a.review_reason, &b.review_reason, Some(l)),
        // Both copies' revisions, put in normal form by `merge` with those of one-sided entries.
        history: a.history.iter().chain(&b.history).cloned().collect(),
    }
}

fn merge_member(unit: &str, a: &MemberPart, b: &MemberPart, l: &mut Losers) -> MemberPart {
    let p = |f: &str| format!("members/{unit}/{f}");
    MemberPart {
        signing: lww(&|| p("signing"), &a.signing, &b.signing, Some(l)),
        theme: lww(&|| p("theme"), &a.theme, &b.theme, Some(l)),
        submitted: lww(&|| p("submitted"), &a.submitted, &b.submitted, Some(l)),
        decision: lww(&|| p("decision"), &a.decision, &b.decision, Some(l)),
    }
}

fn merge_unit(a: &Unit, b: &Unit, l: &mut Losers) -> Unit {
    let code = a.code.clone();
    Unit {
        info: lww(&|| format!("units/{code}/info"), &a.info, &b.info, Some(l)),
        removed: lww(&|| format!("units/{code}/removed"), &a.removed, &b.removed, Some(l)),
        code,
    }
}

/// The order a copy stands for: its `unit_order`, or, never written, its units' order (unset stamp).
pub(crate) fn effective_unit_order(c: &Campaign) -> Field<Vec<String>> {
    if c.unit_order.value.is_empty() && c.unit_order.stamp == Stamp::default() && c.unit_order.seen.is_empty() {
        Field::new(c.units.iter().map(|u| u.code.clone()).collect())
    } else {
        c.unit_order.clone()
    }
}

/// Sorts `units` by position in `order`, the others after by code; returns the field to store
/// (left unset when the units' order already says it).
fn place_units(units: &mut [Unit], order: Field<Vec<String>>) -> Field<Vec<String>> {
    let mut pos: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, code) in order.value.iter().enumerate() {
        pos.entry(code.as_str()).or_insert(i);
    }
    units.sort_by(|a, b| {
        let ka = (pos.get(a.code.as_str()).copied().unwrap_or(usize::MAX), &a.code);
        let kb = (pos.get(b.code.as_str()).copied().unwrap_or(usize::MAX), &b.code);
        ka.cmp(&kb)
    });
    let implied = order.stamp == Stamp::default()
        && order.seen.is_empty()
        && order.value.len() == units.len()
        && order.value.iter().zip(units.iter()).all(|(c, u)| *c == u.code);
    if implied {
        Field::default()
    } else {
        order
    }
}

/// Merges two copies of the same campaign (see the module doc). Commutative, associative and
/// idempotent on campaigns in normal form (what `edit::apply` and `merge` produce; any campaign
/// becomes one by `merge(c, c)`). Refuses copies of different campaigns.
pub fn merge(a: &Campaign, b: &Campaign) -> Result<Campaign, Msg> {
    let mut m = a.clone();
    merge_into(&mut m, b)?;
    Ok(m)
}

fn different_campaigns(a: &Campaign, b: &Campaign) -> Msg {
    Msg::new(
        format!("Không thể hợp nhất hai chiến dịch khác nhau («{}» và «{}»)", a.id, b.id),
        format!("cannot merge two different campaigns («{}» and «{}»)", a.id, b.id),
    )
}

/// [`merge`] into `a` itself: `a` becomes `merge(a, b)`, with its merging in proportion to `b` (and
/// to `a`'s units and conflicts), not to all of `a` — the leader's campaign is 12,000 entries, a
/// unit's file 300, and copying the campaign was most of the cost of taking a file in. Every
/// history of `a` is still checked for normal form (a cheap walk when it is, as nearly all are). Unchanged
/// when refused (different campaigns).
pub fn merge_into(a: &mut Campaign, b: &Campaign) -> Result<(), Msg> {
    merge_in_place(a, b, Histories::All)
}

/// Which histories of `a` a merge in place puts in normal form.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Histories {
    /// Every one: `a` may hold any.
    All,
    /// Only those of the entries `b` brings: every other history of `a` is known to be in normal
    /// form already (`a` is the outcome of a merge), and a walk over the 12,000 entries of a bloc
    /// for each of 40 files was a tenth of taking them in.
    Brought,
}

/// [`merge_into`], with the histories normalized as `h` says.
pub(crate) fn merge_in_place(a: &mut Campaign, b: &Campaign, h: Histories) -> Result<(), Msg> {
    if a.id != b.id {
        return Err(different_campaigns(a, b));
    }
    let mut l: Losers = Vec::new();

    let order_a = effective_unit_order(a);
    let mut by_code: BTreeMap<String, Unit> = BTreeMap::new();
    for u in std::mem::take(&mut a.units) {
        let merged = match by_code.get(&u.code) {
            Some(prev) => merge_unit(prev, &u, &mut l),
            None => u,
        };
        by_code.insert(merged.code.clone(), merged);
    }
    for u in &b.units {
        let merged = match by_code.get(&u.code) {
            Some(prev) => merge_unit(prev, u, &mut l),
            None => u.clone(),
        };
        by_code.insert(u.code.clone(), merged);
    }
    let mut units: Vec<Unit> = by_code.into_values().collect();
    let order = lww(&|| "unit_order".into(), &order_a, &effective_unit_order(b), None);
    a.unit_order = place_units(&mut units, order);
    a.units = units;

    union_into(&mut a.inputs, &b.inputs, |unit, ea, eb| union_into(ea, eb, |crit, x, y| *x = merge_entry(unit, crit, x, y, &mut l)));
    match h {
        Histories::All => a.inputs.values_mut().flat_map(|m| m.values_mut()).for_each(|e| crate::history::normalize(&mut e.history)),
        Histories::Brought => {
            debug_assert!(all_normal_but(a, b), "a merge of the brought histories only, on a campaign not in normal form");
            for (unit, entries) in &b.inputs {
                let Some(ours) = a.inputs.get_mut(unit) else { continue };
                for crit in entries.keys() {
                    if let Some(e) = ours.get_mut(crit) {
                        crate::history::normalize(&mut e.history);
                    }
                }
            }
        }
    }
    union_into(&mut a.members, &b.members, |unit, x, y| *x = merge_member(unit, x, y, &mut l));
    union_into(&mut a.votes, &b.votes, |unit, x, y| lww_into(&|| format!("votes/{unit}"), x, y, &mut l));

    a.schema = a.schema.max(b.schema);
    lww_into(&|| "bloc".into(), &mut a.bloc, &b.bloc, &mut l);
    lww_into(&|| "template".into(), &mut a.template, &b.template, &mut l);
    lww_into(&|| "awards".into(), &mut a.awards, &b.awards, &mut l);
    lww_into(&|| "pledge".into(), &mut a.pledge, &b.pledge, &mut l);
    lww_into(&|| "adoption".into(), &mut a.adoption, &b.adoption, &mut l);
    lww_into(&|| "results_locked".into(), &mut a.results_locked, &b.results_locked, &mut l);
    lww_into(&|| "meeting".into(), &mut a.meeting, &b.meeting, &mut l);
    a.conflicts.extend(b.conflicts.iter().cloned());
    a.conflicts.extend(l);
    a.dismissed.extend(b.dismissed.iter().cloned());
    tidy(a);
    Ok(())
}

/// Whether every history of `a` but those at the entries `b` brings is in normal form (the
/// precondition of [`Histories::Brought`], checked in debug builds).
fn all_normal_but(a: &Campaign, b: &Campaign) -> bool {
    a.inputs.iter().all(|(unit, entries)| {
        entries.iter().all(|(crit, e)| {
            let mut h = e.history.clone();
            crate::history::normalize(&mut h);
            b.inputs.get(unit).is_some_and(|m| m.contains_key(crit)) || h == e.history
        })
    })
}

/// The campaign in normal form (`merge(c, c)`): units in their merge order, conflicts tidied.
pub fn normalize(c: &Campaign) -> Campaign {
    // Same id: cannot fail.
    merge(c, c).unwrap_or_else(|_| c.clone())
}
