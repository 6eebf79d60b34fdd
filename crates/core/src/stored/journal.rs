//! A campaign as browser storage keeps it: a *base* document, rewritten whole now and then, and a
//! *journal* of the edits made since, rewritten on each edit.
//!
//! Why: at 40 units × 300 criteria a campaign is over 4 million characters of JSON, and writing it
//! whole after every answer typed took ~50 ms (encode + `setItem`). An edit is a few hundred
//! characters, so the journal keeps the write after an edit to about a millisecond; the base is
//! rewritten when the journal has grown, when the page is left, and by every bulk change (files
//! merged, a sync, an import), which would rewrite most of the document anyway.
//!
//! Why not one storage key per unit: localStorage's quota is about 5 million characters per site,
//! and such a campaign already holds over 4 of them. A change that spans many keys can only be
//! made atomic by writing the new keys beside the old ones, which needs the document's size again
//! in free space. The base is rewritten in place (the browser needs only the difference), and the
//! journal is one key, so every write here is one `setItem`: it happens whole or not at all.
//!
//! Consistency: the base carries a random *generation*, and the journal names the generation it
//! follows. Writing a base gives it a new generation and then removes the journal; should the page
//! die in between, the journal left behind names the old generation and is ignored, never applied
//! twice. Replaying the journal is [`edit::apply`] again with each edit's own actor and stamp, on the
//! state it was first applied to, so it gives the same campaign.
//!
//! [`edit::apply`]: crate::edit::apply

use super::implied::{self, Bare};
use super::{campaign_from_value, LoadError};
use crate::edit::{apply, Actor, Edit};
use crate::model::{Campaign, Stamp};
use serde::{Deserialize, Serialize};

/// The `schema` of a stored base. A base of schema 1 is a bare campaign document, what the app
/// stored before the journal (still read; the next write replaces it). Schema 2 wraps the campaign
/// with its generation: an app that reads up to schema 1 refuses it and asks to be updated, rather
/// than reading the base without its journal and then writing over both. Schema 3 (this one)
/// leaves out of the histories the revisions the scores imply (`implied`): an app that reads up to
/// schema 2 refuses it too, rather than read histories short of their latest revision.
pub const LAYOUT: u32 = 3;

/// The `schema` of a journal: the same since schema 2, which bases of schema 2 and 3 both follow.
pub const JOURNAL_LAYOUT: u32 = 2;

/// One edit as it was applied: by whom, what, and its stamp.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Logged {
    pub actor: Actor,
    pub edit: Edit,
    pub stamp: Stamp,
}

#[derive(Serialize)]
struct BaseOut<'a> {
    schema: u32,
    generation: &'a str,
    campaign: &'a Campaign,
    #[serde(skip_serializing_if = "<[Bare]>::is_empty")]
    bare: &'a [Bare],
}

#[derive(Serialize)]
struct JournalOut<'a> {
    schema: u32,
    base: &'a str,
    edits: &'a [Logged],
}

#[derive(Deserialize)]
struct JournalIn {
    base: String,
    edits: Vec<Logged>,
}

/// The base document for `c`, as generation `generation`.
///
/// `c` is taken mutably only to set the revisions its scores imply aside while it is written
/// (`implied`); it is given back as it was. Copying a campaign of 40 × 300 to write it would cost
/// about what leaving them out saves.
pub fn base_to_json(c: &mut Campaign, generation: &str) -> String {
    let (taken, bare) = implied::take(c);
    // Only strings, numbers, string-keyed maps and vectors: it always serialises.
    let json = serde_json::to_string(&BaseOut { schema: LAYOUT, generation, campaign: c, bare: &bare }).unwrap_or_default();
    implied::put_back(c, taken);
    json
}

/// The journal of `edits`, made after the base of generation `base`.
pub fn journal_to_json(base: &str, edits: &[Logged]) -> String {
    serde_json::to_string(&JournalOut { schema: JOURNAL_LAYOUT, base, edits }).unwrap_or_default()
}

/// Which of the two stored texts could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    Base(LoadError),
    Journal(LoadError),
}

/// A campaign read back from its base and journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The base with the journal's edits applied.
    pub campaign: Campaign,
    /// The base's generation; `None` for a bare (schema 1) base, which a journal never follows.
    pub generation: Option<String>,
    /// The journal's edits that were applied: what the next journal starts with.
    pub journal: Vec<Logged>,
    /// Edits in the journal that were not applied: a journal left by an interrupted base write
    /// (it names an older generation), or edits the rules now refuse.
    pub dropped: usize,
}

/// Reads a base and, if there is one, its journal.
pub fn load(base: &str, journal: Option<&str>) -> Result<Loaded, Damage> {
    let (mut campaign, generation) = read_base(base).map_err(Damage::Base)?;
    let (mut applied, mut dropped) = (Vec::new(), 0);
    if let Some(text) = journal {
        let j = read_journal(text).map_err(Damage::Journal)?;
        if generation.as_deref() == Some(j.base.as_str()) {
            for logged in j.edits {
                if apply(&mut campaign, &logged.actor, logged.edit.clone(), &logged.stamp).is_ok() {
                    applied.push(logged);
                } else {
                    dropped += 1;
                }
            }
        } else {
            dropped = j.edits.len();
        }
    }
    Ok(Loaded { campaign, generation, journal: applied, dropped })
}

/// A base as this version writes it, read straight into the types.
#[derive(Deserialize)]
struct BaseIn {
    schema: u64,
    generation: String,
    campaign: Campaign,
    #[serde(default)]
    bare: Vec<Bare>,
}

fn read_base(text: &str) -> Result<(Campaign, Option<String>), LoadError> {
    // What this version wrote is parsed once, into the types; anything else (a bare campaign of
    // before the journal, an older schema, a damaged text) the slow way, which gives the same for
    // every text the quick way takes (`stored::tests`) and says what is wrong with the others.
    // The writers put `schema` first: it says which shape to try, without parsing twice.
    if text.starts_with("{\"schema\":1,") {
        if let Some(c) = super::current_campaign(text) {
            return Ok((c, None));
        }
    } else if text.starts_with("{\"schema\":2,") || text.starts_with("{\"schema\":3,") {
        if let Ok(mut b) = serde_json::from_str::<BaseIn>(text) {
            // Only a base of this schema left anything out; one of schema 2 is read as it is.
            let current = b.schema == u64::from(LAYOUT);
            if (current || b.schema == 2) && !b.generation.is_empty() && b.campaign.schema == crate::model::SCHEMA_VERSION {
                if current {
                    implied::restore(&mut b.campaign, &b.bare);
                }
                return Ok((b.campaign, Some(b.generation)));
            }
        }
    }
    read_base_slowly(text)
}

fn read_base_slowly(text: &str) -> Result<(Campaign, Option<String>), LoadError> {
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| LoadError::Damaged(e.to_string()))?;
    match layout_of(&value)? {
        // A bare campaign: its own schema is checked (and migrated) by `campaign_from_value`.
        1 => Ok((campaign_from_value(value)?, None)),
        layout => {
            let generation = match value.get("generation").and_then(serde_json::Value::as_str) {
                Some(g) if !g.is_empty() => g.to_string(),
                _ => return Err(LoadError::Damaged("thiếu «generation» / no «generation»".into())),
            };
            // A base of schema 2 has no list of bare scores, and nothing of it was left out.
            let bare: Vec<Bare> = match (layout, value.get_mut("bare").map(serde_json::Value::take)) {
                (LAYOUT, Some(list)) => serde_json::from_value(list).map_err(|e| LoadError::Damaged(format!("«bare»: {e}")))?,
                _ => Vec::new(),
            };
            let campaign = value.get_mut("campaign").map(serde_json::Value::take);
            let campaign = campaign.ok_or_else(|| LoadError::Damaged("thiếu «campaign» / no «campaign»".into()))?;
            let mut campaign = campaign_from_value(campaign)?;
            if layout == LAYOUT {
                implied::restore(&mut campaign, &bare);
            }
            Ok((campaign, Some(generation)))
        }
    }
}

fn read_journal(text: &str) -> Result<JournalIn, LoadError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| LoadError::Damaged(e.to_string()))?;
    match layout_of(&value)? {
        JOURNAL_LAYOUT => {}
        1 => return Err(LoadError::Damaged("nhật ký không có lược đồ 2 / a journal of schema 2 expected".into())),
        newer => return Err(LoadError::Newer(newer)),
    }
    serde_json::from_value(value).map_err(|e| LoadError::Damaged(e.to_string()))
}

/// The `schema` of a stored text: 1 for a bare campaign (whose schema is its own), 2 or [`LAYOUT`],
/// or refused as newer.
fn layout_of(value: &serde_json::Value) -> Result<u32, LoadError> {
    let schema = value
        .get("schema")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| LoadError::Damaged("thiếu «schema» / no «schema»".into()))?;
    match schema {
        0 | 1 => Ok(1),
        2 => Ok(2),
        s if s == u64::from(LAYOUT) => Ok(LAYOUT),
        s => Err(LoadError::Newer(u32::try_from(s).unwrap_or(u32::MAX))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlocInfo;
    use crate::stored::campaign_to_json;

    fn campaign() -> Campaign {
        Campaign::new("x", BlocInfo { name: "Khối".into(), year: 2025, ..Default::default() })
    }

    #[test]
    fn a_bare_campaign_is_a_base_without_generation() {
        let c = campaign();
        let l = load(&campaign_to_json(&c), None).unwrap();
        assert_eq!((l.campaign, l.generation, l.dropped), (c, None, 0));
    }

    #[test]
    fn a_base_reads_back_with_its_generation() {
        let mut c = campaign();
        let l = load(&base_to_json(&mut c, "g1"), Some(&journal_to_json("g1", &[]))).unwrap();
        assert_eq!((l.campaign, l.generation.as_deref()), (c, Some("g1")));
    }

    #[test]
    fn an_app_that_reads_only_bare_campaigns_refuses_a_base_as_newer() {
        // Such an app must not read the base without its journal and then write over both.
        assert_eq!(crate::stored::campaign_from_json(&base_to_json(&mut campaign(), "g")), Err(LoadError::Newer(LAYOUT)));
    }

    #[test]
    fn the_quick_way_reads_a_base_as_the_slow_way_does() {
        let mut clock = crate::hlc::Clock::new("t");
        let mut c = crate::synthetic::bloc("q", 4, 30, &mut clock, 1_761_955_200_000);
        let code = crate::synthetic::unit_code(1);
        crate::synthetic::self_score(&mut c, &code, 1, &mut clock, 1_761_955_300_000);
        let base = base_to_json(&mut c, "g1");
        assert_eq!(read_base(&base), read_base_slowly(&base));
        assert_eq!(read_base(&base), Ok((c.clone(), Some("g1".to_string()))));
        let bare = crate::stored::campaign_to_json(&c);
        assert_eq!(read_base(&bare), Ok((c.clone(), None)));
        assert_eq!(crate::stored::campaign_from_json(&bare), crate::stored::campaign_from_json_slowly(&bare));
        // Texts the quick way does not take are read, or refused, the slow way.
        let repeated = bare.replacen("{\"schema\":1,", "{\"schema\":1,\"schema\":2,", 1);
        assert_eq!(read_base(&repeated), read_base_slowly(&repeated));
        for text in [base.replacen("\"generation\":\"g1\"", "\"generation\":\"\"", 1), base.replacen("\"schema\":3", "\"schema\":3.0", 1), base.replacen("{\"schema\":3", "{\"schema\":3,\"schema\":3", 1)] {
            assert_eq!(read_base(&text), read_base_slowly(&text), "{}", &text[..60]);
        }
    }

    #[test]
    fn refusals_name_the_text_at_fault() {
        let mut c = campaign();
        let base = base_to_json(&mut c, "g1");
        assert!(matches!(load("{\"schema\":2}", None), Err(Damage::Base(LoadError::Damaged(_)))));
        assert!(matches!(load("{\"schema\":2,\"generation\":\"g\"}", None), Err(Damage::Base(LoadError::Damaged(_)))));
        assert_eq!(load("{\"schema\":4}", None), Err(Damage::Base(LoadError::Newer(4))));
        assert!(matches!(load(&base, Some("{")), Err(Damage::Journal(LoadError::Damaged(_)))));
        assert!(matches!(load(&base, Some("{\"schema\":1,\"base\":\"g1\",\"edits\":[]}")), Err(Damage::Journal(_))));
        assert_eq!(load(&base, Some("{\"schema\":9}")), Err(Damage::Journal(LoadError::Newer(9))));
        // The campaign inside the wrapper is held to its own schema too.
        let newer = base.replacen("\"campaign\":{\"schema\":1", "\"campaign\":{\"schema\":7", 1);
        assert_eq!(load(&newer, None), Err(Damage::Base(LoadError::Newer(7))));
    }
}
