//! Why a command failed, how it is told to the person, and the exit status it maps to.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use thidua_core::Problems;

#[derive(Debug)]
pub enum Failure {
    /// The files were read but refused: every problem found, each naming file, row and column.
    Refused(Problems),
    /// Files that could not be read (all of them, not only the first).
    Unreadable(Vec<(PathBuf, io::Error)>),
    /// The output file could not be written.
    Unwritable(PathBuf, io::Error),
    /// Standard output could not be written (other than a closed pipe).
    Stdout(io::Error),
    /// The server could not start or stopped on an error.
    Server(String),
    /// Several of the above at once (`validate` reports everything it found); the exit status is
    /// the most serious one's (3 before 1).
    Several(Vec<Failure>),
}

impl Failure {
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.code())
    }

    fn code(&self) -> u8 {
        match self {
            Failure::Refused(_) => 1,
            Failure::Several(all) => all.iter().map(Failure::code).max().unwrap_or(1),
            _ => 3,
        }
    }

    /// `failures` as one: none is `None`, one is itself, more are `Several`.
    pub fn combine(mut failures: Vec<Failure>) -> Option<Failure> {
        match failures.len() {
            0 => None,
            1 => failures.pop(),
            _ => Some(Failure::Several(failures)),
        }
    }

    /// Writes the failure to standard error: Vietnamese first, English in parentheses.
    pub fn report(&self) {
        match self {
            Failure::Refused(problems) => {
                for p in problems.iter() {
                    eprintln!("{p}");
                }
                let n = problems.len();
                eprintln!("thidua: {n} lỗi, tệp bị từ chối (refused: {n} problem(s))");
            }
            Failure::Unreadable(files) => {
                for (path, err) in files {
                    eprintln!(
                        "thidua: không đọc được tệp {} (cannot read file {}): {err}",
                        path.display(),
                        path.display()
                    );
                }
            }
            Failure::Unwritable(path, err) => eprintln!(
                "thidua: không ghi được tệp {} (cannot write file {}): {err}",
                path.display(),
                path.display()
            ),
            Failure::Stdout(err) => {
                eprintln!("thidua: không ghi được đầu ra (cannot write to stdout): {err}")
            }
            Failure::Server(msg) => eprintln!("thidua serve: {msg}"),
            Failure::Several(all) => all.iter().for_each(Failure::report),
        }
    }
}
