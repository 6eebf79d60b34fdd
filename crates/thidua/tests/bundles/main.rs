//! `thidua validate FILE…`, `thidua merge` and `thidua score --bundle` on bundle files made here
//! with the core, as the app makes them: the sample bloc imported, the leader adopting the
//! scorecard, units self-scoring on their own devices, each exporting a bundle.

#[path = "../common/mod.rs"]
mod common;
mod merge;
mod refused;
mod score;
mod validate;

use common::bloc::{leader, sample, unit, Dev, HOUR, ID, T0};
use common::{groups, run, samples, thidua};
use std::path::{Path, PathBuf};
use thidua_core::bundle::{self, Bundle, Producer, Scope};
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::results::results_csv;
use thidua_core::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write file");
    p
}

/// The leader's bundle and two units' bundles (CTK, LMHTX), written to `dir`.
struct Scenario {
    leader: Dev,
    ctk: Dev,
    lmhtx: Dev,
    files: [PathBuf; 3],
}

fn scenario(dir: &Path) -> Scenario {
    let mut leader = leader();
    let ctk = unit(&leader.c, "CTK", "ctk-laptop", T0 + HOUR);
    let lmhtx = unit(&leader.c, "LMHTX", "lmhtx-pc", T0 + 2 * HOUR);
    // The leader goes on working after the units got its copy.
    leader.edit(
        T0 + 3 * HOUR,
        Edit::SetPledge {
            pledge: Pledge {
                contents: vec!["Hoàn thành xuất sắc nhiệm vụ".into()],
                slogan: "Đoàn kết, đổi mới".into(),
                movements: vec![],
            },
        },
    );
    let files = [
        write(
            dir,
            "truong-khoi.json",
            &leader.bundle(Scope::Whole, T0 + 4 * HOUR).to_json(),
        ),
        write(dir, "ctk.json", &ctk.own_bundle(T0 + 4 * HOUR).to_json()),
        write(
            dir,
            "lmhtx.json",
            &lmhtx.own_bundle(T0 + 4 * HOUR).to_json(),
        ),
    ];
    Scenario {
        leader,
        ctk,
        lmhtx,
        files,
    }
}

fn validate(files: &[&Path]) -> common::Run {
    run(thidua().arg("validate").args(files))
}

fn merge(files: &[&Path], out: &Path) -> common::Run {
    run(thidua().arg("merge").args(files).arg("--out").arg(out))
}

fn read_bundle(p: &Path) -> Bundle {
    Bundle::from_json(&std::fs::read_to_string(p).expect("read bundle")).expect("a valid bundle")
}

/// No temporary file left behind in `dir`.
fn no_leftovers(dir: &Path) {
    let names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "temporary files left: {names:?}");
}
