//! `results.csv`: what the ranking exports (`formats/scorecard-csv.md`, last section).

use crate::ranking::Evaluation;

/// `rank,unit,name,total,eligible,award`, one row per unit, best first.
pub fn results_csv(e: &Evaluation) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    // Writing to a Vec cannot fail; an error here would be a bug in the csv crate, not in user data.
    let _ = w.write_record(["rank", "unit", "name", "total", "eligible", "award"]);
    for s in &e.standings {
        let rank = s.rank.map(|r| r.to_string()).unwrap_or_default();
        let total = s.total.to_fixed2();
        let eligible = if s.eligible() { "true" } else { "false" };
        let award = s.award.as_deref().unwrap_or("");
        let _ = w.write_record([rank.as_str(), &s.unit, &s.name, &total, eligible, award]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
