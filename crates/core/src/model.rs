//! The campaign: one bloc's year, everything its members and its leader write.
//!
//! Identity is by stable ids (a unit's code, a template node's id), never by position, so that two
//! copies edited apart can be merged record by record. Every value a person edits sits in a
//! [`Field`], which carries the [`Stamp`] of its last write and what that write had seen: the merge
//! (`crate::merge`) compares them field by field. Values never edited keep a default stamp and cost
//! nothing in the stored JSON.

use crate::points::Points;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

mod awards;
mod members;
mod template;
mod units;

pub use awards::{AwardTier, VoteTally};
pub use members::{Decision, MemberPart, Signing, Submission, SubmissionState};
pub use template::{Criterion, CriterionKind, Level, Section, SectionKind, Template};
pub use units::{Role, Unit, UnitInfo};

/// The schema this build writes. Older documents are migrated on read; newer ones are refused.
pub const SCHEMA_VERSION: u32 = 1;

/// Who wrote a value and when, in a form a state-based merge can order.
/// `clock` is a hybrid logical clock reading (milliseconds with a logical counter folded in), `replica`
/// the writing device; the pair orders all writes totally.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub clock: u64,
    pub replica: String,
}

/// One editable value and the stamp of its last write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field<T> {
    pub value: T,
    #[serde(default, skip_serializing_if = "stamp_is_unset")]
    pub stamp: Stamp,
    /// What the write had seen of this field from other devices: for each other replica whose
    /// writes to this field had reached the writing device, the latest such stamp (sorted by
    /// replica). With `stamp` it makes a per-field version vector, so that the merge can tell a
    /// write that knowingly replaced another from two concurrent writes (see `merge`). Maintained
    /// by `edit::apply`; empty for a field only one device ever wrote.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seen: Vec<Stamp>,
}

fn stamp_is_unset(s: &Stamp) -> bool {
    *s == Stamp::default()
}

impl<T> Field<T> {
    pub fn new(value: T) -> Self {
        Field { value, stamp: Stamp::default(), seen: Vec::new() }
    }
}

/// Reading through a field is reading its value; writing goes through `edit::apply`, which stamps.
impl<T> std::ops::Deref for Field<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// One bloc × one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    pub schema: u32,
    /// Globally unique, chosen when the campaign is created; bundles name it.
    pub id: String,
    pub bloc: Field<BlocInfo>,
    /// In the order of the organising decision; the order breaks nothing but display and ties' listing.
    pub units: Vec<Unit>,
    pub template: Field<Template>,
    /// Inputs per unit code, then per criterion id.
    #[serde(default)]
    pub inputs: BTreeMap<String, BTreeMap<String, Entry>>,
    pub awards: Field<Vec<AwardTier>>,
    /// Secret-ballot tallies per unit code, entered by the leader.
    #[serde(default)]
    pub votes: BTreeMap<String, Field<VoteTally>>,
    /// The pledge the bloc adopts at its conference (leader).
    #[serde(default)]
    pub pledge: Field<Pledge>,
    /// Each unit's part of the pledge: its signing and its registered theme (the unit).
    #[serde(default)]
    pub members: BTreeMap<String, MemberPart>,
    /// Whether the scorecard is adopted, and why it was ever unlocked (leader).
    #[serde(default)]
    pub adoption: Field<Adoption>,
    /// Whether the results are final (leader).
    #[serde(default)]
    pub results_locked: Field<bool>,
    /// The leader's order of the unit codes (display order, the organising decision's). Written by
    /// `PutUnit` when it adds a unit; unset (as in documents written before the merge existed), the
    /// order of `units` stands. `merge` keeps `units` sorted by it, so that any order of merging
    /// gives the same list.
    #[serde(default, skip_serializing_if = "field_is_unset")]
    pub unit_order: Field<Vec<String>>,
    /// The evaluation meeting (biên bản họp bình xét): when, where, who attended, the handover
    /// (leader). Unset until the leader records it.
    #[serde(default, skip_serializing_if = "field_is_unset")]
    pub meeting: Field<Meeting>,
    /// Values that lost a merge to a concurrent write: nothing a person wrote is dropped silently.
    /// Sorted and without duplicates; see `merge` for when a losing value is kept here, and
    /// [`Campaign::open_conflicts`] for the ones worth showing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// Conflicts a person dismissed, kept so that merging an old copy cannot bring them back.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub dismissed: BTreeSet<Dismissed>,
}

fn field_is_unset<T: Default + PartialEq>(f: &Field<T>) -> bool {
    f.value == T::default() && stamp_is_unset(&f.stamp) && f.seen.is_empty()
}

/// A value that lost a merge to a write that had not seen it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The field, e.g. `inputs/CTK/A.3/self_answer`, `members/CTK/theme`, `bloc` (`merge::writer_of`
    /// says who may write it).
    pub path: String,
    /// The losing value, as the field's value serialises.
    pub value: serde_json::Value,
    /// The losing write's stamp and what it had seen (as in [`Field`]).
    pub stamp: Stamp,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seen: Vec<Stamp>,
    /// The stamp of the field's current value (the write that won).
    pub winner: Stamp,
}

/// A dismissed conflict: its field, stamp and what it had seen (so that it still counts as seen).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Dismissed {
    pub path: String,
    pub stamp: Stamp,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seen: Vec<Stamp>,
}

/// Contents of the emulation pledge (nội dung giao ước), the year's slogan and its movements.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pledge {
    pub contents: Vec<String>,
    pub slogan: String,
    pub movements: Vec<String>,
}

/// The year-end evaluation meeting (Hội nghị bình xét thi đua) as its minutes record it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meeting {
    /// dd/mm/yyyy.
    pub date: String,
    pub place: String,
    /// Who chaired and who took the minutes (names, as signed).
    pub chair: String,
    pub secretary: String,
    /// Codes of the units present; the other active units were absent.
    pub present: Vec<String>,
    /// Next year's leader and deputy (the handover, bàn giao), by unit code.
    pub next_leader: Option<String>,
    pub next_deputy: Option<String>,
    /// The minutes' number and symbol (số ký hiệu), e.g. "01/BB-KTĐ".
    pub number: String,
}

/// The scorecard's adoption: adopted scorecards are locked; every unlock is recorded with its reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adoption {
    pub adopted: bool,
    pub log: Vec<AdoptionEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdoptionEvent {
    pub adopted: bool,
    pub date: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlocInfo {
    pub name: String,
    pub year: u16,
    /// The organising decision, e.g. "138/QĐ-UBND" of "15/02/2024".
    #[serde(default)]
    pub decision_number: String,
    #[serde(default)]
    pub decision_date: String,
}

/// What a unit (and the reviewer) answered for one criterion, already checked against its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Answer {
    /// `points`, and `ratio`'s achieved value.
    Number(Points),
    /// `yesno`, `veto`.
    Flag(bool),
    /// `levels`: the chosen level's label, so later edits of its points follow the label.
    Level(String),
    /// `per_item`, `deduct_per_item`.
    Count(u64),
}

/// One unit's inputs for one criterion. The self-assessment and its note are the unit's to write;
/// the review and its reason are the leader's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    // A field never written is left out of the JSON (a fifth of a unit's file at 300 criteria):
    // every version reads a missing field as unwritten.
    #[serde(default, skip_serializing_if = "field_is_unset")]
    pub self_answer: Field<Option<Answer>>,
    #[serde(default, skip_serializing_if = "field_is_unset")]
    pub note: Field<String>,
    #[serde(default, skip_serializing_if = "field_is_unset")]
    pub review: Field<Option<Answer>>,
    #[serde(default, skip_serializing_if = "field_is_unset")]
    pub review_reason: Field<String>,
    /// The writes of `self_answer` and `review`, oldest first, the latest few of each
    /// (`crate::history`): who changed the score, when, and from what.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<crate::history::Revision>,
}

impl Entry {
    /// The answer that counts: the reviewed one when present.
    pub fn effective(&self) -> Option<&Answer> {
        self.review.value.as_ref().or(self.self_answer.value.as_ref())
    }
}

impl Campaign {
    /// An empty campaign with the default award tiers.
    pub fn new(id: impl Into<String>, bloc: BlocInfo) -> Self {
        Campaign {
            schema: SCHEMA_VERSION,
            id: id.into(),
            bloc: Field::new(bloc),
            units: Vec::new(),
            template: Field::default(),
            inputs: BTreeMap::new(),
            awards: Field::new(AwardTier::defaults()),
            votes: BTreeMap::new(),
            pledge: Field::default(),
            members: BTreeMap::new(),
            adoption: Field::default(),
            results_locked: Field::default(),
            unit_order: Field::default(),
            meeting: Field::default(),
            conflicts: Vec::new(),
            dismissed: BTreeSet::new(),
        }
    }

    /// The conflicts worth showing: those whose value differs from the field's current value.
    /// (A conflict equal to the current value stays in `conflicts` until dismissed: the merge needs
    /// it to stay associative, but there is nothing to choose.)
    pub fn open_conflicts(&self) -> impl Iterator<Item = &Conflict> {
        self.conflicts.iter().filter(move |k| crate::merge::current_value(self, &k.path).as_ref() != Some(&k.value))
    }

    /// The secret-ballot tally of a unit, `None` when none was entered or it was cleared (a cleared
    /// tally is kept as 0 ballots, so that merging an older copy cannot bring it back).
    pub fn vote(&self, unit: &str) -> Option<VoteTally> {
        self.votes.get(unit).map(|f| f.value).filter(|t| t.ballots > 0)
    }

    /// The units in the bloc now (not removed), in list order.
    pub fn active_units(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| !u.removed.value)
    }

    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.active_units().find(|u| u.code == code)
    }

    pub fn leader(&self) -> Option<&Unit> {
        self.active_units().find(|u| u.info.value.role == Role::TruongKhoi)
    }

    pub fn entry(&self, unit: &str, criterion_id: &str) -> Option<&Entry> {
        self.inputs.get(unit).and_then(|m| m.get(criterion_id))
    }
}
