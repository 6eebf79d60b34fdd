//! A rehearsal of taking units' files in, once per page, a moment after the files tab opens: on
//! a scratch copy, with nothing stored or shown.
//!
//! Why: the browser compiles the app's code when it first runs, and compiles its busy parts again,
//! quicker, once they have run a while. The leader's first import of the year paid for both: the
//! 40 units' files took about 400 ms to check and preview the first time in a page and 250 ms the
//! second (BENCHMARKS.md, "Merging files"). Two units' files rehearsed while the leader opens the
//! file chooser take that cost out of the wait.

use crate::lang::now_ms;
use crate::storage::timed;
use leptos::leptos_dom::helpers::set_timeout;
use leptos::prelude::*;
use std::cell::Cell;
use std::time::Duration;
use thidua_core::bundle::{Bundle, InPlace, Producer, Scope};
use thidua_core::edit::Actor;
use thidua_core::hlc::Clock;
use thidua_core::stored::journal;
use thidua_core::{synthetic, Campaign};

/// Two: the first file of a batch and the ones after it take different paths (`InPlace`).
const REHEARSED_FILES: usize = 2;

/// Long enough for the tab to be drawn first.
const AFTER: Duration = Duration::from_millis(300);

#[derive(Clone, Copy, PartialEq)]
enum State {
    NotYet,
    Planned,
    /// Rehearsed, or no longer needed: a real import ran first.
    Done,
}

thread_local! {
    /// Compiled code stays for the page's life: once is enough.
    static STATE: Cell<State> = const { Cell::new(State::NotYet) };
}

/// Rehearses with the open campaign in a moment, unless done already in this page (nothing when
/// the page has moved on by then and the signal is gone).
pub(super) fn soon(campaign: RwSignal<Campaign>) {
    if STATE.with(|s| s.get()) != State::NotYet {
        return;
    }
    STATE.with(|s| s.set(State::Planned));
    set_timeout(
        move || {
            if STATE.with(|s| s.replace(State::Done)) == State::Planned {
                // Measured, for the benchmarks to wait for it as a person opening the chooser does.
                let _ = campaign.try_with_untracked(|c| timed("thidua-import-rehearsal", || rehearse(c)));
            }
        },
        AFTER,
    );
}

/// A real import is starting: it warms the code itself, and a rehearsal would only slow it.
pub(super) fn not_needed() {
    STATE.with(|s| s.set(State::Done));
}

/// The steps of an import, on a copy: the first two units' self scores written as their devices
/// would, their files written and read back, previewed and merged in turn into the campaign without
/// those units' scores, and the result encoded as the store would.
fn rehearse(c: &Campaign) {
    let units: Vec<String> = c.active_units().take(REHEARSED_FILES).map(|u| u.code.clone()).collect();
    let now = now_ms();
    let mut scratch = c.clone();
    for unit in &units {
        scratch.inputs.remove(unit);
    }
    let mut files = Vec::new();
    for unit in &units {
        let mut scored = scratch.clone();
        synthetic::self_score(&mut scored, unit, 1, &mut Clock::new("rehearsal"), now);
        let producer = Producer { replica: "rehearsal".into(), actor: Actor::Unit(unit.clone()), label: unit.clone() };
        files.push(Bundle::new(&scored, producer, Scope::Unit(unit.clone()), now).to_json());
    }
    let mut batch = InPlace::new(scratch);
    for text in &files {
        if let Ok(file) = Bundle::from_json(text) {
            let _ = batch.take(&file, now);
        }
    }
    drop(journal::base_to_json(&mut batch.into_campaign(), "rehearsal"));
}
