//! `thidua`: the command-line tool and server of Thi đua.
//!
//! `score` and `validate` read a bloc's spreadsheets (CSV or .xlsx) or its data files (bundles)
//! and run them through `thidua_core`, the same code the browser app runs; `merge` merges data
//! files as the app imports them; `serve` serves the built web app.

mod api;
mod assets;
mod cli;
mod clock;
mod commands;
mod docs;
mod failure;
mod input;
mod output;
mod serve;
mod store;
mod sync;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.report();
            failure.exit_code()
        }
    }
}
