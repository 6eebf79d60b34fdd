//! What the fuzz targets share: the campaign a received file is applied to, the checks that must
//! hold for anything the core accepts, and a small world of devices for the merge laws.
//!
//! The invariants here are the "nothing lost" promises of the app, not just "no panic": what the
//! core accepts can be stored and read back unchanged, exported and re-imported unchanged, and
//! merging it again changes nothing.

pub mod world;

use sha2::{Digest, Sha256};
use std::sync::OnceLock;
use thidua_core::bundle::{self, Bundle};
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::hlc::Clock;
use thidua_core::import::{campaign_from_files, read_table, template_from_table, units_from_table, SourceFile};
use thidua_core::merge::{self, canonical_json, max_stamp};
use thidua_core::stored::{self, campaign_from_json, campaign_to_json};
use thidua_core::*;

/// The receiver's clock in every target: 19/02/2025 21:20 UTC.
pub const NOW: u64 = 1_740_000_000_000;
pub const CAMPAIGN_ID: &str = "fuzz-khoi";

pub const TEMPLATE_CSV: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/samples/template.csv"));
pub const UNITS_CSV: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/samples/units.csv"));
pub const SCORES_CSV: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/samples/scores.csv"));

/// The sample's scorecard and units, read once (what a scores file is checked against).
pub fn sample_parts() -> (&'static Template, &'static [Unit]) {
    static P: OnceLock<(Template, Vec<Unit>)> = OnceLock::new();
    let (t, u) = P.get_or_init(|| {
        let t = read_table("template.csv", TEMPLATE_CSV).and_then(|t| template_from_table(&t)).expect("the sample scorecard reads");
        let u = read_table("units.csv", UNITS_CSV).and_then(|t| units_from_table(&t)).expect("the sample units read");
        (t, u)
    });
    (t, u)
}

/// The sample bloc as the leader holds it: imported, scorecard adopted, one unit's score edited
/// (so that fields carry stamps and `seen`).
pub fn leader_copy() -> &'static Campaign {
    static C: OnceLock<Campaign> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = campaign_from_files(
            SourceFile { name: "template.csv", bytes: TEMPLATE_CSV },
            SourceFile { name: "units.csv", bytes: UNITS_CSV },
            Some(SourceFile { name: "scores.csv", bytes: SCORES_CSV }),
        )
        .expect("the sample imports");
        c.id = CAMPAIGN_ID.into();
        let mut clock = Clock::new("leader-pc");
        let mut t = NOW - 86_400_000;
        let mut ed = |c: &mut Campaign, who: Actor, e: Edit| {
            t += 1000;
            let _ = apply(c, &who, e, &clock.tick(t));
        };
        ed(&mut c, Actor::Leader, Edit::SetBloc { bloc: BlocInfo { name: "Khối tổng hợp".into(), year: 2024, ..Default::default() } });
        ed(&mut c, Actor::Leader, Edit::Adopt { date: "01/03/2024".into() });
        ed(&mut c, Actor::Unit("CTK".into()), Edit::SetNote { unit: "CTK".into(), criterion: "A.3".into(), note: "minh chứng".into() });
        merge::normalize(&c)
    })
}

/// The hex SHA-256 the bundle format puts over the canonical JSON of `content`.
pub fn checksum(content: &serde_json::Value) -> String {
    Sha256::digest(canonical_json(content).as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The same text with its checksum recomputed (what a forger does), so that the fuzzer gets past
/// the checksum to the checks behind it. `None` when the text is not a JSON object with a content.
pub fn reseal(text: &str) -> Option<String> {
    let mut v: serde_json::Value = serde_json::from_str(text).ok()?;
    let sum = checksum(v.get("content")?);
    v.as_object_mut()?.insert("checksum".into(), serde_json::Value::String(sum));
    Some(v.to_string())
}

/// What the app does with a campaign it holds, all of which must work on anything accepted: rank
/// it, export results, show its stage and conflicts, store it and read it back, export it again.
pub fn exercise(c: &Campaign) {
    let e = evaluate(c);
    let _ = results::results_csv(&e);
    let _ = stage::Stage::of(c).label();
    let _ = c.open_conflicts().count();
    let _ = template_check::check(&c.template);
    let _ = max_stamp(c);
    for u in c.active_units() {
        let _ = c.members.get(&u.code).map(MemberPart::state);
    }
    // Stored and read back: exactly the same campaign.
    let text = campaign_to_json(c);
    let back = campaign_from_json(&text).unwrap_or_else(|e| panic!("a stored campaign does not read back: {e:?}"));
    assert!(back == *c, "a stored campaign reads back different");
    // Stored as the browser stores it (a base, its implied revisions left out): the same too, and
    // the campaign lent to the writer is given back unchanged.
    let mut lent = c.clone();
    let base = stored::journal::base_to_json(&mut lent, "fuzz");
    assert!(lent == *c, "writing a base changed the campaign");
    let read = stored::journal::load(&base, None).unwrap_or_else(|e| panic!("a stored base does not read back: {e:?}"));
    assert!(read.campaign == *c, "a stored base reads back different");
    // Exported and opened elsewhere: the same content.
    let producer = bundle::Producer { replica: "r".into(), actor: Actor::Leader, label: "Trưởng khối".into() };
    let b = Bundle::new(c, producer, bundle::Scope::Whole, NOW);
    let again = Bundle::from_json(&b.to_json()).unwrap_or_else(|m| panic!("an exported file does not read back: {}", m.en));
    assert!(again.content == *c, "an exported file reads back different");
}

/// Checks on a bundle the core read: preview and apply against the leader's copy, as the files
/// tab does, and opening it fresh, as the home page does.
pub fn check_bundle(b: &Bundle) {
    let ours = leader_copy();
    if let Ok(p) = bundle::preview(ours, b, NOW) {
        let _ = p.summary();
        let applied = bundle::apply(ours, b, NOW);
        assert_eq!(applied.is_ok(), p.refused.is_empty(), "apply and preview disagree");
        if let Ok(m) = applied {
            exercise(&m);
            // Applying the same file again changes nothing (idempotent), and the merge's result
            // is in normal form.
            let twice = merge::merge(&m, &b.content).expect("same campaign");
            assert!(twice == m, "applying a file twice changes the campaign");
            assert!(merge::normalize(&m) == m, "an applied file leaves a campaign not in normal form");
        }
    }
    // Opened on a device that does not have the campaign: kept as it is.
    let fresh = merge::normalize(&b.content);
    exercise(&fresh);
}
