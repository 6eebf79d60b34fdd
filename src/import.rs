//! Turning the three picked files into what the page shows: the ranking, or the problems that
//! made the core refuse them.

use crate::file_read::Loaded;
use crate::i18n::texts;
use crate::standings::Ranking;
use thidua_core::evaluate;
use thidua_core::import::{campaign_from_files, SourceFile};

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The files were refused whole; one message per problem, naming file, row and column.
    Problems(Vec<String>),
    /// The ranking to preview, and the campaign the files make, to be kept if the user wants.
    Ranked(Ranking, Box<thidua_core::Campaign>),
}

fn source(l: &Loaded) -> SourceFile<'_> {
    SourceFile {
        name: &l.name,
        bytes: &l.bytes,
    }
}

pub fn run_import(template: &Loaded, units: &Loaded, scores: Option<&Loaded>) -> Outcome {
    match campaign_from_files(source(template), source(units), scores.map(source)) {
        Ok(campaign) => {
            let evaluation = evaluate(&campaign);
            Outcome::Ranked(Ranking::new(&campaign, &evaluation), Box::new(campaign))
        }
        Err(problems) => Outcome::Problems(problems.iter().map(texts().problem).collect()),
    }
}
