//! A score's history: who changed it, when, and to what — the unit's self score and the leader's
//! reviewed score, kept beside the entry so that the leader sees "8,5 (CTK) → 8 (lý do …)".
//!
//! A [`Field`](crate::model::Field) keeps only its latest write (and the merge keeps concurrent
//! losers as conflicts); the history keeps the writes themselves. `edit::apply` records one
//! [`Revision`] per write of `self_answer` or `review`; the merge takes the union of both copies'
//! revisions and keeps the latest [`KEPT_PER_FIELD`] of each field. Revisions are ordered totally
//! (stamp, field, then their canonical JSON), so "union, then the top N of each field" depends only
//! on the set of revisions met: the merge stays commutative, associative and idempotent, and which
//! revisions are dropped is the same on every device.

use crate::edit::Actor;
use crate::merge::{canonical_json, to_json};
use crate::model::{Answer, Campaign, Entry, Stamp};
use serde::{Deserialize, Serialize};

/// How many revisions of each field an entry keeps (the latest ones).
pub const KEPT_PER_FIELD: usize = 10;

/// The field a revision wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevField {
    /// The unit's own score (`Entry::self_answer`).
    SelfAnswer,
    /// The leader's reviewed score (`Entry::review`, with `review_reason`).
    Review,
}

impl RevField {
    /// The field's name in a merge path (`inputs/CTK/A.3/self_answer`).
    pub fn name(self) -> &'static str {
        match self {
            RevField::SelfAnswer => "self_answer",
            RevField::Review => "review",
        }
    }

    fn from_name(name: &str) -> Option<RevField> {
        match name {
            "self_answer" => Some(RevField::SelfAnswer),
            "review" => Some(RevField::Review),
            _ => None,
        }
    }
}

/// One write of a score: the value it set (`None`: cleared), its stamp and who made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub field: RevField,
    pub stamp: Stamp,
    pub by: Actor,
    pub value: Option<Answer>,
    /// The leader's reason, for a review; empty otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// Sorts, removes duplicates and keeps the latest [`KEPT_PER_FIELD`] revisions of each field.
/// The order is total (stamp, field, canonical JSON), so equal sets give equal lists.
pub fn normalize(h: &mut Vec<Revision>) {
    if !is_normal(h) {
        sort_and_keep(h);
    }
}

fn sort_and_keep(h: &mut Vec<Revision>) {
    h.sort_by_cached_key(|r| (r.stamp.clone(), r.field, canonical_json(&to_json(r))));
    h.dedup();
    let mut kept = [0usize; 2];
    let mut keep = vec![false; h.len()];
    for (i, r) in h.iter().enumerate().rev() {
        let n = &mut kept[r.field as usize];
        if *n < KEPT_PER_FIELD {
            *n += 1;
            keep[i] = true;
        }
    }
    let mut flags = keep.into_iter();
    h.retain(|_| flags.next().unwrap_or(false));
}

/// Whether `h` is already what [`normalize`] makes of it, told cheaply: in strictly increasing
/// (stamp, field) order (so sorted, and without duplicates, whatever the values) and within the
/// number kept per field. A merge normalizes every score's history of the campaign, and nearly all
/// are already normal: this spares building their sort keys (canonical JSON) each time.
pub(crate) fn is_normal(h: &[Revision]) -> bool {
    let increasing = h.windows(2).all(|w| (&w[0].stamp, w[0].field) < (&w[1].stamp, w[1].field));
    increasing && [RevField::SelfAnswer, RevField::Review].iter().all(|f| h.iter().filter(|r| r.field == *f).count() <= KEPT_PER_FIELD)
}

/// The union of two histories in normal form (see [`normalize`]).
pub fn merge(a: &[Revision], b: &[Revision]) -> Vec<Revision> {
    let mut all: Vec<Revision> = a.iter().chain(b).cloned().collect();
    normalize(&mut all);
    all
}

/// Records a write of `field` on `e` (before the field itself is set). A value written before
/// histories existed is first recorded from the field as it stands, with its own stamp and writer,
/// so that the history starts from it ("from what").
pub(crate) fn record(e: &mut Entry, unit: &str, field: RevField, by: &Actor, value: Option<Answer>, reason: String, stamp: &Stamp) {
    if !e.history.iter().any(|r| r.field == field) {
        let (old, writer, old_reason) = match field {
            RevField::SelfAnswer => (&e.self_answer, Actor::Unit(unit.to_string()), String::new()),
            RevField::Review => (&e.review, Actor::Leader, e.review_reason.value.clone()),
        };
        if old.stamp != Stamp::default() {
            let first = Revision { field, stamp: old.stamp.clone(), by: writer, value: old.value.clone(), reason: old_reason };
            e.history.push(first);
        }
    }
    e.history.push(Revision { field, stamp: stamp.clone(), by: by.clone(), value, reason });
    normalize(&mut e.history);
}

/// The merge path of the field a revision of `unit`'s entry for `criterion` wrote.
pub fn path_of(unit: &str, criterion: &str, field: RevField) -> String {
    format!("inputs/{unit}/{criterion}/{}", field.name())
}

/// The revisions of the field at `path` (`inputs/<unit>/<criterion>/self_answer|review`).
pub fn at_path<'a>(c: &'a Campaign, path: &str) -> Vec<&'a Revision> {
    let Some(rest) = path.strip_prefix("inputs/") else { return Vec::new() };
    let Some((unit, rest)) = rest.split_once('/') else { return Vec::new() };
    let Some((crit, name)) = rest.rsplit_once('/') else { return Vec::new() };
    let Some(field) = RevField::from_name(name) else { return Vec::new() };
    c.entry(unit, crit).map(|e| e.history.iter().filter(|r| r.field == field).collect()).unwrap_or_default()
}

/// The revisions `after` holds that `before` does not, each with the path of its field: what a
/// merge would bring.
pub fn added<'a>(before: &Campaign, after: &'a Campaign) -> Vec<(String, &'a Revision)> {
    added_in(before, after, after)
}

/// [`added`], looking only at the entries `brought` has: when `after` is `before` merged with
/// `brought`, no other entry can have gained a revision (a merge only cuts a history it does not
/// touch), and a unit's file holds one unit's entries of a bloc's forty.
pub fn added_in<'a>(before: &Campaign, after: &'a Campaign, brought: &Campaign) -> Vec<(String, &'a Revision)> {
    let mut out = Vec::new();
    for (unit, entries) in &brought.inputs {
        for crit in entries.keys() {
            let Some(e) = after.entry(unit, crit) else { continue };
            // Compared as values (a history holds a few revisions): two revisions are the same
            // exactly when their canonical JSON is, and no JSON need be made.
            let old: &[Revision] = before.entry(unit, crit).map(|o| o.history.as_slice()).unwrap_or_default();
            for r in &e.history {
                if !old.contains(r) {
                    out.push((path_of(unit, crit, r.field), r));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev(field: RevField, clock: u64, v: u64) -> Revision {
        Revision { field, stamp: Stamp { clock, replica: "r".into() }, by: Actor::Leader, value: Some(Answer::Count(v)), reason: String::new() }
    }

    proptest::proptest! {
        /// The shortcut for histories already in normal form changes nothing: `normalize` is
        /// the full sort and trim on any history, already normal or not.
        #[test]
        fn the_shortcut_is_the_full_normalization(
            revs in proptest::collection::vec((0u8..2, 0u64..6, 0u8..2, 0u64..3), 0..24),
            shape in 0u8..3,
        ) {
            let mut h: Vec<Revision> = revs
                .into_iter()
                .map(|(f, clock, replica, v)| {
                    let field = if f == 0 { RevField::SelfAnswer } else { RevField::Review };
                    let stamp = Stamp { clock, replica: ["a", "b"][usize::from(replica)].into() };
                    Revision { field, stamp, by: Actor::Leader, value: Some(Answer::Count(v)), reason: String::new() }
                })
                .collect();
            match shape {
                // Already normal.
                1 => sort_and_keep(&mut h),
                // In stamp order but with duplicates and ties in any order: not normal.
                2 => h.sort_by(|a, b| (&a.stamp, a.field).cmp(&(&b.stamp, b.field))),
                _ => {}
            }
            let mut full = h.clone();
            sort_and_keep(&mut full);
            normalize(&mut h);
            proptest::prop_assert_eq!(h, full);
        }
    }

    #[test]
    fn keeps_the_latest_of_each_field_in_stamp_order() {
        let mut h: Vec<Revision> = (0..15).rev().map(|i| rev(RevField::SelfAnswer, i, i)).collect();
        h.push(rev(RevField::Review, 3, 1));
        h.push(rev(RevField::Review, 3, 1));
        normalize(&mut h);
        assert_eq!(h.iter().filter(|r| r.field == RevField::SelfAnswer).count(), KEPT_PER_FIELD);
        assert_eq!(h.iter().filter(|r| r.field == RevField::Review).count(), 1);
        assert!(h.windows(2).all(|w| w[0].stamp <= w[1].stamp));
        assert_eq!(h.iter().find(|r| r.field == RevField::SelfAnswer).map(|r| r.stamp.clock), Some(5));
    }
}
