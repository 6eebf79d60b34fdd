//! The campaign survives JSON: what the browser stores and bundles carry.

mod common;

use thidua_core::{Campaign, SCHEMA_VERSION};

#[test]
fn campaign_round_trips_through_json_with_its_schema_version() {
    let c = common::sample_campaign();
    let json = serde_json::to_string(&c).unwrap();
    let back: Campaign = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);
    assert_eq!(back.schema, SCHEMA_VERSION);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema"], SCHEMA_VERSION);
    // Unset merge stamps are not written: a fresh campaign's JSON stays small.
    assert!(!json.contains("\"stamp\""));
}
