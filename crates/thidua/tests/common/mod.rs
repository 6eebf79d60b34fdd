//! Helpers shared by the integration tests, which run the built `thidua` binary.
#![allow(dead_code)]

pub mod bloc;
pub mod devices;
pub mod server;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Output};

pub fn thidua() -> Command {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
}

/// `../shared/samples` beside the repository (CI clones it there).
pub fn samples() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
    assert!(
        dir.join("template.csv").is_file(),
        "sample files not found in {}",
        dir.display()
    );
    dir
}

pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

pub fn run(cmd: &mut Command) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run thidua");
    let r = Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    };
    assert!(
        !r.stderr.contains("panicked"),
        "thidua panicked:\n{}",
        r.stderr
    );
    r
}

/// Rows grouped by consecutive equal rank: the order between groups matters, the order of units
/// tied on a rank (and of the unranked, disqualified ones) does not.
pub fn groups(csv: &str) -> (String, Vec<BTreeSet<String>>) {
    let mut lines = csv
        .lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .filter(|l| !l.is_empty());
    let header = lines.next().unwrap_or_default();
    let mut out: Vec<(String, BTreeSet<String>)> = Vec::new();
    for line in lines {
        let rank = line.split(',').next().unwrap_or("").to_string();
        match out.last_mut() {
            Some((r, set)) if *r == rank => {
                set.insert(line);
            }
            _ => out.push((rank, BTreeSet::from([line]))),
        }
    }
    (header, out.into_iter().map(|(_, s)| s).collect())
}
