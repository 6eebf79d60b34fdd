//! Bytes as the journal of edits stored beside a campaign's base in the browser
//! (`stored::journal`): a person or an extension can change localStorage, so the journal is read
//! like any stored text. The base is the leader's copy of the sample. When it is read, every edit
//! the rules accept has been applied with `edit::apply` (whatever its values: a forged template, a
//! restored conflict that does not exist, a unit that was never there), and:
//! - the campaign passes the checks of anything the core holds (`thidua_fuzz::exercise`);
//! - the edits kept, written again as a journal, read back as the same campaign with none dropped:
//!   an edit the rules refuse changed nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use thidua_core::stored::journal::{base_to_json, journal_to_json, load};
use thidua_fuzz::{exercise, leader_copy};

const GENERATION: &str = "fuzz";

fn base() -> &'static str {
    static B: OnceLock<String> = OnceLock::new();
    B.get_or_init(|| base_to_json(&mut leader_copy().clone(), GENERATION))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(l) = load(base(), Some(&text)) else { return };
    if l.journal.is_empty() {
        assert!(l.campaign == *leader_copy(), "a journal with no edit kept changed the campaign");
        return;
    }
    exercise(&l.campaign);
    let again = load(base(), Some(&journal_to_json(GENERATION, &l.journal))).expect("a journal written reads back");
    assert_eq!(again.dropped, 0, "an edit kept is refused when replayed");
    assert!(again.campaign == l.campaign, "the edits kept give another campaign: a refused edit changed something");
});
