//! Helpers shared by the core's integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use thidua_core::import::{campaign_from_files, SourceFile};
use thidua_core::Campaign;

/// `../shared/samples`, beside the repository (CI clones the repo with shared/ next to it).
pub fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples")
}

pub fn sample_bytes(name: &str) -> Vec<u8> {
    let p = samples_dir().join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

pub fn campaign(template: &str, units: &str, scores: &str) -> Campaign {
    campaign_from_files(
        SourceFile { name: "template.csv", bytes: template.as_bytes() },
        SourceFile { name: "units.csv", bytes: units.as_bytes() },
        Some(SourceFile { name: "scores.csv", bytes: scores.as_bytes() }),
    )
    .unwrap_or_else(|p| panic!("import failed:\n{p}"))
}

pub fn sample_campaign() -> Campaign {
    let t = sample_bytes("template.csv");
    let u = sample_bytes("units.csv");
    let s = sample_bytes("scores.csv");
    campaign_from_files(
        SourceFile { name: "template.csv", bytes: &t },
        SourceFile { name: "units.csv", bytes: &u },
        Some(SourceFile { name: "scores.csv", bytes: &s }),
    )
    .unwrap_or_else(|p| panic!("sample import failed:\n{p}"))
}
