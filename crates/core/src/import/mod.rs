//! Spreadsheet import: `template.csv`, `units.csv` and `scores.csv` (or the first sheet of an .xlsx
//! with the same columns), per `formats/scorecard-csv.md`. A file with any problem is refused whole,
//! with every problem named by row and column; nothing is half-imported.

mod scores;
mod table;
mod template;
mod units;
#[cfg(feature = "xlsx")]
mod xlsx;

pub use scores::{scores_from_table, Inputs};
pub use table::{is_xlsx, read_csv, read_table, Table, MAX_BYTES, MAX_ROWS};
pub use template::template_from_table;
pub use units::units_from_table;

use crate::model::{BlocInfo, Campaign};
use crate::problem::{Msg, Problem, Problems};

/// A file as the user gave it: its name (for messages) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

fn table_problem(t: &Table, msg: Msg) -> Problem {
    Problem::new(&t.file, None, None, msg)
}

/// Reads the three files into a campaign (empty bloc name and year, no id: the caller sets them).
/// Every problem of every file is reported; the scores are checked only once the scorecard and the
/// units they refer to are readable.
pub fn campaign_from_files(
    template: SourceFile,
    units: SourceFile,
    scores: Option<SourceFile>,
) -> Result<Campaign, Problems> {
    let scores = scores.map(|s| read_table(s.name, s.bytes));
    campaign_from_tables(&read_table(template.name, template.bytes), &read_table(units.name, units.bytes), scores.as_ref())
}

/// The same from files already read into tables, or refused while reading: the web app reads an
/// .xlsx in a worker of its own (the Excel reader stays off the app's first load), so it hands
/// over tables, not bytes.
pub fn campaign_from_tables(
    template: &Result<Table, Problems>,
    units: &Result<Table, Problems>,
    scores: Option<&Result<Table, Problems>>,
) -> Result<Campaign, Problems> {
    let mut problems = Problems::default();
    let template = keep(&mut problems, read(template).and_then(template_from_table));
    let units = keep(&mut problems, read(units).and_then(units_from_table));
    let scores_table = scores.and_then(|s| keep(&mut problems, read(s)));
    let (Some(template), Some(units)) = (template, units) else {
        return Err(problems);
    };
    let inputs = match scores_table {
        Some(t) => keep(&mut problems, scores_from_table(t, &template, &units)),
        None => Some(Inputs::new()),
    };
    let Some(inputs) = inputs else { return Err(problems) };
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut c = Campaign::new("", BlocInfo::default());
    c.units = units;
    c.template = crate::model::Field::new(template);
    c.inputs = inputs;
    Ok(c)
}

/// A table read, or the problems of reading it, to go on with.
fn read(r: &Result<Table, Problems>) -> Result<&Table, Problems> {
    r.as_ref().map_err(Problems::clone)
}

/// Collects a failure's problems and goes on, so that one call reports all three files.
fn keep<T>(problems: &mut Problems, r: Result<T, Problems>) -> Option<T> {
    r.map_err(|p| problems.0.extend(p.0)).ok()
}
