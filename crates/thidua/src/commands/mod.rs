//! One module per subcommand; each takes its arguments from `cli` and returns what went wrong.

mod campaigns;
mod export;
mod merge;
mod score;
mod serve;
mod validate;

use crate::cli::Command;
use crate::failure::Failure;

pub fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Score(args) => score::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Merge(args) => merge::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Campaigns(command) => campaigns::run(command),
    }
}
