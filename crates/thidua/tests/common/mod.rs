//! Helpers shared by the integration tests, which run the built `thidua` binary.
#![allow(dead_code)]

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
