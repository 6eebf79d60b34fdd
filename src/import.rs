//! Turning the three picked files into what the page shows: the ranking, or the problems that
//! made the core refuse them.

use crate::file_read::Loaded;
use crate::i18n::texts;
use crate::standings::Ranking;
use thidua_core::evaluate;
use thidua_core::import::{campaign_from_tables, Table};
use thidua_core::Problems;

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The files were refused whole; one message per problem, naming file, row and column.
    Problems(Vec<String>),
    /// The ranking to preview, and the campaign the files make, to be kept if the user wants.
    Ranked(Ranking, Box<thidua_core::Campaign>),
}

/// A picked file read into a table, or refused while reading.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub name: String,
    pub table: Result<Table, Problems>,
}

impl Read {
    pub async fn of(file: Loaded) -> Read {
        let table = crate::excel::read_table(&file.name, &file.bytes).await;
        Read { name: file.name, table }
    }
}

pub fn run_import(template: &Read, units: &Read, scores: Option<&Read>) -> Outcome {
    match campaign_from_tables(&template.table, &units.table, scores.map(|s| &s.table)) {
        Ok(campaign) => {
            let evaluation = evaluate(&campaign);
            Outcome::Ranked(Ranking::new(&campaign, &evaluation), Box::new(campaign))
        }
        Err(problems) => Outcome::Problems(problems.iter().map(texts().problem).collect()),
    }
}
