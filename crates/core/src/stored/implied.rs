//! A stored base leaves out of each score's history the revision that the score's current value
//! implies, and reading puts it back.
//!
//! Why: a score written once holds its value and stamp twice, in the field and in the history's
//! revision of that write, which also names its writer (the field decides who: the unit for its
//! self score, the leader for a review). At 40 units × 300 criteria that repetition is more than
//! half of the stored document, 1.9 of 3.3 M characters, where Chromium allows a site 4.86 M:
//! leaving it out halves every write and read of the base, and leaves room for the leader's
//! reviews.
//! Files and the server keep the full form: an older version reading them needs nothing new.
//!
//! It is exact, whatever the campaign:
//! - a revision is left out only from a history in normal form (`history::is_normal`: no other
//!   revision of its field has its stamp) and only when it is exactly the implied one (same
//!   field, stamp and value; the unit or the leader as writer; for a review, the review's reason);
//! - reading puts the implied revision back, at its place in the order, for every written score
//!   whose history has no revision of that stamp;
//! - except for the scores the base lists as [`Bare`]: written, but with no revision of that
//!   stamp (values written before histories existed), which reading must leave as they are.

use crate::history::{self, RevField, Revision};
use crate::merge;
use crate::model::{Answer, Campaign, Entry, Field, Stamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A written score whose history has no revision of its stamp: `[unit, criterion, field]`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Bare(pub String, pub String, pub RevField);

/// The revisions taken out of a campaign's histories while it is written: for each, the entry's
/// place in the campaign's order of entries and the revision's place in its history.
#[derive(Debug, Default)]
pub struct Taken(Vec<(usize, usize, Revision)>);

const FIELDS: [RevField; 2] = [RevField::SelfAnswer, RevField::Review];

/// The field a revision of `field` wrote, and the reason its revision carries.
fn current(e: &Entry, field: RevField) -> (&Field<Option<Answer>>, &str) {
    match field {
        RevField::SelfAnswer => (&e.self_answer, ""),
        RevField::Review => (&e.review, &e.review_reason.value),
    }
}

fn is_implied(r: &Revision, e: &Entry, unit: &str) -> bool {
    let (f, reason) = current(e, r.field);
    r.stamp == f.stamp && r.value == f.value && r.reason == reason && merge::is_entry_writer_of(&r.by, unit, r.field.name())
}

/// Takes the implied revisions out of `c`'s histories, to be put back by [`put_back`] once `c` is
/// written; answers them and the scores to list as [`Bare`].
pub fn take(c: &mut Campaign) -> (Taken, Vec<Bare>) {
    let (mut taken, mut bare) = (Vec::new(), Vec::new());
    let unset = Stamp::default();
    let mut ordinal = 0;
    for (unit, entries) in &mut c.inputs {
        for (crit, e) in entries {
            let normal = history::is_normal(&e.history);
            for field in FIELDS {
                let stamp = &current(e, field).0.stamp;
                if *stamp == unset {
                    continue;
                }
                match e.history.iter().position(|r| r.field == field && r.stamp == *stamp) {
                    Some(i) if normal && is_implied(&e.history[i], e, unit) => taken.push((ordinal, i, e.history.remove(i))),
                    Some(_) => {}
                    None => bare.push(Bare(unit.clone(), crit.clone(), field)),
                }
            }
            ordinal += 1;
        }
    }
    (Taken(taken), bare)
}

/// Puts back what [`take`] took: `c` is again what it was.
pub fn put_back(c: &mut Campaign, taken: Taken) {
    let mut entries: Vec<&mut Entry> = c.inputs.values_mut().flat_map(|m| m.values_mut()).collect();
    // In the reverse order of taking: an entry that gave two revisions gets the second back
    // first, at the place it had once the first was out.
    for (ordinal, i, r) in taken.0.into_iter().rev() {
        if let Some(e) = entries.get_mut(ordinal) {
            let at = i.min(e.history.len());
            e.history.insert(at, r);
        }
    }
}

/// Puts back, in a base just read, the implied revision of every written score whose history has
/// none of its stamp, except the `bare` ones.
pub fn restore(c: &mut Campaign, bare: &[Bare]) {
    let bare: BTreeSet<(&str, &str, RevField)> = bare.iter().map(|b| (b.0.as_str(), b.1.as_str(), b.2)).collect();
    let unset = Stamp::default();
    for (unit, entries) in &mut c.inputs {
        for (crit, e) in entries {
            for field in FIELDS {
                let (f, reason) = current(e, field);
                if f.stamp == unset || e.history.iter().any(|r| r.field == field && r.stamp == f.stamp) {
                    continue;
                }
                if !bare.is_empty() && bare.contains(&(unit.as_str(), crit.as_str(), field)) {
                    continue;
                }
                let r = Revision { field, stamp: f.stamp.clone(), by: merge::entry_writer_of(unit, field.name()), value: f.value.clone(), reason: reason.to_string() };
                // Where normal form puts it: the order is (stamp, field) first, and no other
                // revision of this field has this stamp.
                let at = e.history.partition_point(|x| (&x.stamp, x.field) < (&r.stamp, r.field));
                e.history.insert(at, r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Actor;
    use crate::model::BlocInfo;
    use crate::Points;
    use proptest::prelude::*;

    const UNITS: [&str; 2] = ["U1", "U2"];

    fn stamp(clock: u64, replica: u8) -> Stamp {
        if clock == 0 {
            return Stamp::default();
        }
        Stamp { clock, replica: ["a", "b"][usize::from(replica % 2)].into() }
    }

    fn value(v: u8) -> Option<Answer> {
        (v > 0).then(|| Answer::Number(Points::from_whole(i64::from(v))))
    }

    /// A score field: (clock, replica, value); clock 0 is unwritten.
    fn field() -> impl Strategy<Value = (u64, u8, u8)> {
        (0u64..4, 0u8..2, 0u8..3)
    }

    /// A revision: (field, clock, replica, writer, value, reason). Small ranges, so that
    /// revisions often are, or nearly are, the ones the fields imply.
    fn revision() -> impl Strategy<Value = (bool, u64, u8, u8, u8, bool)> {
        (any::<bool>(), 0u64..4, 0u8..2, 0u8..3, 0u8..3, any::<bool>())
    }

    fn entry(unit: &str, s: (u64, u8, u8), r: (u64, u8, u8), reason: bool, revs: &[(bool, u64, u8, u8, u8, bool)], with: u8) -> Entry {
        let reason_text = |b: bool| if b { "lý do".to_string() } else { String::new() };
        let mut e = Entry {
            self_answer: Field { value: value(s.2), stamp: stamp(s.0, s.1), seen: Vec::new() },
            review: Field { value: value(r.2), stamp: stamp(r.0, r.1), seen: Vec::new() },
            review_reason: Field { value: reason_text(reason), stamp: stamp(r.0, r.1), seen: Vec::new() },
            ..Entry::default()
        };
        e.history = revs
            .iter()
            .map(|&(review, clock, replica, by, v, why)| Revision {
                field: if review { RevField::Review } else { RevField::SelfAnswer },
                stamp: stamp(clock, replica),
                by: match by {
                    0 => Actor::Leader,
                    1 => Actor::Unit(unit.to_string()),
                    _ => Actor::Unit("other".into()),
                },
                value: value(v),
                reason: reason_text(why),
            })
            .collect();
        // Most often with the revisions the fields imply, as every write through the app has.
        for field in FIELDS.into_iter().filter(|f| with & (1 << (*f as u8)) != 0) {
            let (f, reason) = current(&e, field);
            if f.stamp != Stamp::default() {
                let implied = Revision { field, stamp: f.stamp.clone(), by: merge::entry_writer_of(unit, field.name()), value: f.value.clone(), reason: reason.to_string() };
                e.history.push(implied);
            }
        }
        match with >> 2 {
            0 => history::normalize(&mut e.history),
            1 => e.history.sort_by(|a, b| (&a.stamp, a.field).cmp(&(&b.stamp, b.field))),
            _ => {}
        }
        e
    }

    /// The two score fields, the review's reason, other revisions, and which implied revisions to
    /// add (bits 0 and 1) and how to order the history (bits 2 and 3: normal, sorted, as is).
    type EntrySpec = ((u64, u8, u8), (u64, u8, u8), bool, Vec<(bool, u64, u8, u8, u8, bool)>, u8);

    fn campaign(specs: &[EntrySpec]) -> Campaign {
        let mut c = Campaign::new("x", BlocInfo::default());
        for (i, (s, r, reason, revs, with)) in specs.iter().enumerate() {
            let unit = UNITS[i % 2];
            let e = entry(unit, *s, *r, *reason, revs, *with);
            c.inputs.entry(unit.to_string()).or_default().insert(format!("A.{i}"), e);
        }
        c
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Whatever the histories (normal or not, with or without the implied revisions, with
        /// other writers, reasons and colliding stamps), what is written and read back is the
        /// campaign, and the campaign written is given back as it was.
        #[test]
        fn what_is_left_out_is_put_back_exactly(specs in prop::collection::vec((field(), field(), any::<bool>(), prop::collection::vec(revision(), 0..4), 0u8..12), 1..8)) {
            let c = campaign(&specs);
            let mut written = c.clone();
            let (taken, bare) = take(&mut written);
            let mut read = written.clone();
            restore(&mut read, &bare);
            prop_assert_eq!(&read, &c);
            put_back(&mut written, taken);
            prop_assert_eq!(&written, &c);
        }
    }

    #[test]
    fn a_score_written_once_stores_its_value_once() {
        let mut clock = crate::hlc::Clock::new("t");
        let mut c = crate::synthetic::bloc("q", 2, 30, &mut clock, 1_761_955_200_000);
        let code = crate::synthetic::unit_code(1);
        crate::synthetic::self_score(&mut c, &code, 1, &mut clock, 1_761_955_300_000);
        let before = c.clone();
        let (taken, bare) = take(&mut c);
        assert_eq!(taken.0.len(), 30, "every self score's revision is implied");
        assert!(bare.is_empty());
        assert!(c.inputs[&code].values().all(|e| e.history.is_empty()));
        put_back(&mut c, taken);
        assert_eq!(c, before);
    }

    #[test]
    fn a_score_written_before_histories_is_listed_bare() {
        let mut c = campaign(&[((2, 0, 1), (0, 0, 0), false, Vec::new(), 0)]);
        let (taken, bare) = take(&mut c);
        assert!(taken.0.is_empty());
        assert_eq!(bare, vec![Bare("U1".into(), "A.0".into(), RevField::SelfAnswer)]);
        let mut read = c.clone();
        restore(&mut read, &[]);
        assert_eq!(read.inputs["U1"]["A.0"].history.len(), 1, "without the list, reading would add a revision");
    }
}
