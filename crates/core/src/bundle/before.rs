//! Taking a file into a campaign in place, all or nothing: what the campaign held of the parts the
//! file could change is copied aside before the merge, the preview compares with that copy, and a
//! refused file is undone from it (`bundle::preview_and_merge_into`).

use crate::model::Campaign;
use std::collections::{BTreeMap, BTreeSet};

/// What `ours` held, before a merge in place, of every part a file could change: the preview
/// compares with it, and a refused file is undone from it.
pub(super) struct Before {
    /// `ours` with only those parts: its settings, units, conflicts and dismissals whole; of its
    /// inputs, members and votes only the keys the file has.
    pub(super) copy: Campaign,
    /// The units the file brings inputs for that `ours` had none for.
    new_input_units: BTreeSet<String>,
}

fn keys_of<V: Clone>(ours: &BTreeMap<String, V>, brought: &BTreeMap<String, V>) -> BTreeMap<String, V> {
    brought.keys().filter_map(|k| ours.get(k).map(|v| (k.clone(), v.clone()))).collect()
}

fn put_back<V>(ours: &mut BTreeMap<String, V>, mut old: BTreeMap<String, V>, brought: &BTreeMap<String, V>) {
    for k in brought.keys() {
        match old.remove(k) {
            Some(v) => {
                ours.insert(k.clone(), v);
            }
            None => {
                ours.remove(k);
            }
        }
    }
}

impl Before {
    pub(super) fn of(ours: &Campaign, brought: &Campaign) -> Before {
        let mut inputs = BTreeMap::new();
        let mut new_input_units = BTreeSet::new();
        for (unit, theirs) in &brought.inputs {
            match ours.inputs.get(unit) {
                Some(mine) => {
                    inputs.insert(unit.clone(), keys_of(mine, theirs));
                }
                None => {
                    new_input_units.insert(unit.clone());
                }
            }
        }
        let copy = Campaign {
            schema: ours.schema,
            id: ours.id.clone(),
            bloc: ours.bloc.clone(),
            units: ours.units.clone(),
            template: ours.template.clone(),
            inputs,
            awards: ours.awards.clone(),
            votes: keys_of(&ours.votes, &brought.votes),
            pledge: ours.pledge.clone(),
            members: keys_of(&ours.members, &brought.members),
            adoption: ours.adoption.clone(),
            results_locked: ours.results_locked.clone(),
            unit_order: ours.unit_order.clone(),
            meeting: ours.meeting.clone(),
            conflicts: ours.conflicts.clone(),
            dismissed: ours.dismissed.clone(),
        };
        Before { copy, new_input_units }
    }

    pub(super) fn restore(self, ours: &mut Campaign, brought: &Campaign) {
        let Before { mut copy, new_input_units } = self;
        // The copy holds everything but the keyed maps whole: it becomes our campaign again, with
        // our maps, where only the file's keys are put back.
        let mut inputs = std::mem::replace(&mut copy.inputs, std::mem::take(&mut ours.inputs));
        let members = std::mem::replace(&mut copy.members, std::mem::take(&mut ours.members));
        let votes = std::mem::replace(&mut copy.votes, std::mem::take(&mut ours.votes));
        *ours = copy;
        for (unit, theirs) in &brought.inputs {
            if new_input_units.contains(unit) {
                ours.inputs.remove(unit);
            } else if let Some(mine) = ours.inputs.get_mut(unit) {
                put_back(mine, inputs.remove(unit).unwrap_or_default(), theirs);
            }
        }
        put_back(&mut ours.members, members, &brought.members);
        put_back(&mut ours.votes, votes, &brought.votes);
    }
}
