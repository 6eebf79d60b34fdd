//! A campaign's fields seen one at a time through their paths (`inputs/CTK/A.3/self_answer`):
//! how the merge, the preview of a received file, the conflicts and the history name and reach a
//! field, whatever its type.

use crate::model::*;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

use super::to_json;

/// What the merge needs of any field, whatever its type.
pub(crate) trait AnyField {
    fn stamp(&self) -> &Stamp;
    fn seen(&self) -> &[Stamp];
    fn json(&self) -> Value;
    fn seen_mut(&mut self) -> &mut Vec<Stamp>;
    fn as_any(&self) -> &dyn std::any::Any;
    /// Whether `other` holds the same value: compared as the type itself when it is the same type
    /// (no JSON made: the preview compares every field a leader's file carries).
    fn same_value(&self, other: &dyn AnyField) -> bool;
}

impl<T: Serialize + PartialEq + 'static> AnyField for Field<T> {
    fn stamp(&self) -> &Stamp {
        &self.stamp
    }
    fn seen(&self) -> &[Stamp] {
        &self.seen
    }
    fn json(&self) -> Value {
        to_json(&self.value)
    }
    fn seen_mut(&mut self) -> &mut Vec<Stamp> {
        &mut self.seen
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn same_value(&self, other: &dyn AnyField) -> bool {
        match other.as_any().downcast_ref::<Field<T>>() {
            Some(o) => o.value == self.value,
            None => self.json() == other.json(),
        }
    }
}

/// One field of a campaign, read through its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldView {
    pub path: String,
    pub value: Value,
    pub stamp: Stamp,
    pub seen: Vec<Stamp>,
}

/// A parsed field path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathRef<'a> {
    Bloc,
    Template,
    Awards,
    Pledge,
    Adoption,
    ResultsLocked,
    UnitOrder,
    Meeting,
    UnitInfo(&'a str),
    UnitRemoved(&'a str),
    /// unit, criterion id, field name
    Input(&'a str, &'a str, &'a str),
    Vote(&'a str),
    /// unit, field name
    Member(&'a str, &'a str),
}

const ENTRY_FIELDS: [&str; 4] = ["self_answer", "note", "review", "review_reason"];
const MEMBER_FIELDS: [&str; 4] = ["signing", "theme", "submitted", "decision"];

pub(crate) fn parse_path(path: &str) -> Option<PathRef<'_>> {
    Some(match path {
        "bloc" => PathRef::Bloc,
        "template" => PathRef::Template,
        "awards" => PathRef::Awards,
        "pledge" => PathRef::Pledge,
        "adoption" => PathRef::Adoption,
        "results_locked" => PathRef::ResultsLocked,
        "unit_order" => PathRef::UnitOrder,
        "meeting" => PathRef::Meeting,
        _ => {
            let (head, rest) = path.split_once('/')?;
            match head {
                "units" => match rest.rsplit_once('/')? {
                    (code, "info") => PathRef::UnitInfo(code),
                    (code, "removed") => PathRef::UnitRemoved(code),
                    _ => return None,
                },
                "votes" => PathRef::Vote(rest),
                "members" => {
                    let (unit, field) = rest.rsplit_once('/')?;
                    MEMBER_FIELDS.contains(&field).then_some(PathRef::Member(unit, field))?
                }
                "inputs" => {
                    // Unit codes have no '/'; a criterion id might.
                    let (unit, rest) = rest.split_once('/')?;
                    let (crit, field) = rest.rsplit_once('/')?;
                    ENTRY_FIELDS.contains(&field).then_some(PathRef::Input(unit, crit, field))?
                }
                _ => return None,
            }
        }
    })
}

/// The field `name` of an entry (one of [`ENTRY_FIELDS`]).
pub(crate) fn entry_field<'a>(e: &'a Entry, name: &str) -> Option<&'a dyn AnyField> {
    Some(match name {
        "self_answer" => &e.self_answer,
        "note" => &e.note,
        "review" => &e.review,
        "review_reason" => &e.review_reason,
        _ => return None,
    })
}

fn entry_field_mut<'a>(e: &'a mut Entry, name: &str) -> Option<&'a mut dyn AnyField> {
    Some(match name {
        "self_answer" => &mut e.self_answer,
        "note" => &mut e.note,
        "review" => &mut e.review,
        "review_reason" => &mut e.review_reason,
        _ => return None,
    })
}

fn member_field<'a>(m: &'a MemberPart, name: &str) -> Option<&'a dyn AnyField> {
    Some(match name {
        "signing" => &m.signing,
        "theme" => &m.theme,
        "submitted" => &m.submitted,
        "decision" => &m.decision,
        _ => return None,
    })
}

fn member_field_mut<'a>(m: &'a mut MemberPart, name: &str) -> Option<&'a mut dyn AnyField> {
    Some(match name {
        "signing" => &mut m.signing,
        "theme" => &mut m.theme,
        "submitted" => &mut m.submitted,
        "decision" => &mut m.decision,
        _ => return None,
    })
}

pub(crate) fn field_ref<'a>(c: &'a Campaign, path: &str) -> Option<&'a dyn AnyField> {
    Some(match parse_path(path)? {
        PathRef::Bloc => &c.bloc,
        PathRef::Template => &c.template,
        PathRef::Awards => &c.awards,
        PathRef::Pledge => &c.pledge,
        PathRef::Adoption => &c.adoption,
        PathRef::ResultsLocked => &c.results_locked,
        PathRef::UnitOrder => &c.unit_order,
        PathRef::Meeting => &c.meeting,
        PathRef::UnitInfo(code) => &c.units.iter().find(|u| u.code == code)?.info,
        PathRef::UnitRemoved(code) => &c.units.iter().find(|u| u.code == code)?.removed,
        PathRef::Input(u, k, f) => entry_field(c.inputs.get(u)?.get(k)?, f)?,
        PathRef::Vote(u) => c.votes.get(u)?,
        PathRef::Member(u, f) => member_field(c.members.get(u)?, f)?,
    })
}

pub(crate) fn field_mut<'a>(c: &'a mut Campaign, path: &str) -> Option<&'a mut dyn AnyField> {
    Some(match parse_path(path)? {
        PathRef::Bloc => &mut c.bloc,
        PathRef::Template => &mut c.template,
        PathRef::Awards => &mut c.awards,
        PathRef::Pledge => &mut c.pledge,
        PathRef::Adoption => &mut c.adoption,
        PathRef::ResultsLocked => &mut c.results_locked,
        PathRef::UnitOrder => &mut c.unit_order,
        PathRef::Meeting => &mut c.meeting,
        PathRef::UnitInfo(code) => &mut c.units.iter_mut().find(|u| u.code == code)?.info,
        PathRef::UnitRemoved(code) => &mut c.units.iter_mut().find(|u| u.code == code)?.removed,
        PathRef::Input(u, k, f) => entry_field_mut(c.inputs.get_mut(u)?.get_mut(k)?, f)?,
        PathRef::Vote(u) => c.votes.get_mut(u)?,
        PathRef::Member(u, f) => member_field_mut(c.members.get_mut(u)?, f)?,
    })
}

/// What a field holds when its record is missing (an entry or member part never written): used to
/// tell whether a merge changed anything there.
pub(crate) fn absent_json(path: &str) -> Option<Value> {
    match parse_path(path)? {
        PathRef::Input(_, _, f) => entry_field(&Entry::default(), f).map(|x| x.json()),
        PathRef::Member(_, f) => member_field(&MemberPart::default(), f).map(|x| x.json()),
        PathRef::Vote(_) => Some(to_json(&VoteTally::default())),
        _ => None,
    }
}

/// Calls `f` with every field of the campaign and its path.
pub(crate) fn each_field(c: &Campaign, f: &mut dyn FnMut(&str, &dyn AnyField)) {
    fields_before_inputs(c, f);
    for (unit, entries) in &c.inputs {
        for (crit, e) in entries {
            each_entry_field(e, &mut |name, x| f(&input_path(unit, crit, name), x));
        }
    }
    fields_after_inputs(c, f);
}

/// [`each_field`] in three parts, so that a caller can walk the score entries its own way (the
/// preview: a unit's file is 1,200 of them, and most need no path made).
pub(crate) fn fields_before_inputs(c: &Campaign, f: &mut dyn FnMut(&str, &dyn AnyField)) {
    f("bloc", &c.bloc);
    f("unit_order", &c.unit_order);
    for u in &c.units {
        f(&format!("units/{}/info", u.code), &u.info);
        f(&format!("units/{}/removed", u.code), &u.removed);
    }
    f("template", &c.template);
}

pub(crate) fn each_entry_field<'a>(e: &'a Entry, f: &mut dyn FnMut(&'static str, &'a dyn AnyField)) {
    for name in ENTRY_FIELDS {
        if let Some(x) = entry_field(e, name) {
            f(name, x);
        }
    }
}

pub(crate) fn input_path(unit: &str, crit: &str, name: &str) -> String {
    format!("inputs/{unit}/{crit}/{name}")
}

pub(crate) fn fields_after_inputs(c: &Campaign, f: &mut dyn FnMut(&str, &dyn AnyField)) {
    f("awards", &c.awards);
    for (unit, v) in &c.votes {
        f(&format!("votes/{unit}"), v);
    }
    f("pledge", &c.pledge);
    for (unit, m) in &c.members {
        for name in MEMBER_FIELDS {
            if let Some(x) = member_field(m, name) {
                f(&format!("members/{unit}/{name}"), x);
            }
        }
    }
    f("adoption", &c.adoption);
    f("results_locked", &c.results_locked);
    f("meeting", &c.meeting);
}

/// Every field of the campaign with its path, value, stamp and what its write had seen.
pub fn fields(c: &Campaign) -> Vec<FieldView> {
    let mut out = Vec::new();
    each_field(c, &mut |path, f| {
        out.push(FieldView { path: path.to_string(), value: f.json(), stamp: f.stamp().clone(), seen: f.seen().to_vec() })
    });
    out
}

/// The field at `path`, if the campaign has it.
pub fn field(c: &Campaign, path: &str) -> Option<FieldView> {
    field_ref(c, path).map(|f| FieldView { path: path.to_string(), value: f.json(), stamp: f.stamp().clone(), seen: f.seen().to_vec() })
}

/// The current value of the field at `path`, as JSON; `None` when there is no such field.
pub fn current_value(c: &Campaign, path: &str) -> Option<Value> {
    field_ref(c, path).map(|f| f.json())
}

/// Who may write the field at `path`: the unit for its own self-assessment, notes, signing, theme
/// and submission; the leader for everything else.
pub fn writer_of(path: &str) -> crate::edit::Actor {
    as_actor(writing_unit(path))
}

/// Whether `actor` is who writes the field at `path` ([`writer_of`], with nothing allocated: the
/// preview of a unit's file asks it of every answer the file brings).
pub(crate) fn is_writer_of(actor: &crate::edit::Actor, path: &str) -> bool {
    is_actor(actor, writing_unit(path))
}

/// [`writer_of`] field `name` of `unit`'s score entry, without a path.
pub(crate) fn entry_writer_of(unit: &str, name: &str) -> crate::edit::Actor {
    as_actor(entry_writing_unit(unit, name))
}

/// [`is_writer_of`] field `name` of `unit`'s score entry, without a path.
pub(crate) fn is_entry_writer_of(actor: &crate::edit::Actor, unit: &str, name: &str) -> bool {
    is_actor(actor, entry_writing_unit(unit, name))
}

/// The unit that writes the field at `path`; `None` for the leader's fields.
fn writing_unit(path: &str) -> Option<&str> {
    match parse_path(path) {
        Some(PathRef::Input(u, _, name)) => entry_writing_unit(u, name),
        Some(PathRef::Member(u, "signing" | "theme" | "submitted")) => Some(u),
        _ => None,
    }
}

/// The unit that writes field `name` of `unit`'s score entry: its own answer and note; the
/// review and its reason are the leader's.
fn entry_writing_unit<'a>(unit: &'a str, name: &str) -> Option<&'a str> {
    matches!(name, "self_answer" | "note").then_some(unit)
}

fn as_actor(unit: Option<&str>) -> crate::edit::Actor {
    match unit {
        Some(u) => crate::edit::Actor::Unit(u.to_string()),
        None => crate::edit::Actor::Leader,
    }
}

fn is_actor(actor: &crate::edit::Actor, unit: Option<&str>) -> bool {
    use crate::edit::Actor;
    match (actor, unit) {
        (Actor::Leader, None) => true,
        (Actor::Unit(a), Some(u)) => a == u,
        _ => false,
    }
}

/// The clocks of the field writes `replica` made after `since`: what a device has not sent yet.
/// Reads stamps only (no values as JSON, unlike [`fields`]): the app counts them on every edit.
pub fn writes_by(c: &Campaign, replica: &str, since: u64) -> Vec<u64> {
    // The fields of `each_field`, walked without making their paths (a format! per field is most
    // of the time at 40 units × 300 criteria); tests/writes_by.rs holds the two to the same count.
    let mut out = Vec::new();
    let mut see = |s: &Stamp| {
        if s.replica == replica && s.clock > since {
            out.push(s.clock);
        }
    };
    see(&c.bloc.stamp);
    see(&c.unit_order.stamp);
    for u in &c.units {
        see(&u.info.stamp);
        see(&u.removed.stamp);
    }
    see(&c.template.stamp);
    for e in c.inputs.values().flat_map(BTreeMap::values) {
        for name in ENTRY_FIELDS {
            if let Some(x) = entry_field(e, name) {
                see(x.stamp());
            }
        }
    }
    see(&c.awards.stamp);
    c.votes.values().for_each(|v| see(&v.stamp));
    see(&c.pledge.stamp);
    for m in c.members.values() {
        for name in MEMBER_FIELDS {
            if let Some(x) = member_field(m, name) {
                see(x.stamp());
            }
        }
    }
    see(&c.adoption.stamp);
    see(&c.results_locked.stamp);
    see(&c.meeting.stamp);
    out
}

/// The greatest stamp anywhere in the campaign (fields, what they had seen, conflicts, dismissals):
/// a device that imports a copy observes it, so that its next writes order after everything in it.
pub fn max_stamp(c: &Campaign) -> Stamp {
    let mut best = Stamp::default();
    let mut see = |s: &Stamp| {
        if *s > best {
            best = s.clone();
        }
    };
    // Every field, as `each_field` walks them, but no path is made for the score entries' 48,000
    // fields of a 40 × 300 bloc: the app asks this after every import and sync.
    let mut field = |f: &dyn AnyField| {
        see(f.stamp());
        f.seen().iter().for_each(&mut see);
    };
    fields_before_inputs(c, &mut |_, f| field(f));
    for e in c.inputs.values().flat_map(BTreeMap::values) {
        each_entry_field(e, &mut |_, f| field(f));
    }
    fields_after_inputs(c, &mut |_, f| field(f));
    for k in &c.conflicts {
        see(&k.stamp);
        see(&k.winner);
        k.seen.iter().for_each(&mut see);
    }
    for d in &c.dismissed {
        see(&d.stamp);
        d.seen.iter().for_each(&mut see);
    }
    best
}
