//! Bytes as an .xlsx spreadsheet: read once (`read_table`, calamine and the sheet reading), then
//! given to each of the three readers (scorecard, units, scores against the sample's scorecard and
//! units); where one accepts it, the whole import runs as the import page calls it
//! (`campaign_from_files`, the other two files being the sample's CSV) and what it makes is ranked,
//! stored and exported (`thidua_fuzz::exercise`). Only zip files are tried: anything else is the
//! CSV target's.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua_core::import::{campaign_from_files, read_table, scores_from_table, template_from_table, units_from_table, SourceFile};
use thidua_fuzz::{exercise, sample_parts, SCORES_CSV, TEMPLATE_CSV, UNITS_CSV};

fuzz_target!(|data: &[u8]| {
    if !data.starts_with(b"PK\x03\x04") {
        return;
    }
    let Ok(table) = read_table("sheet.xlsx", data) else { return };
    let (template, units) = sample_parts();
    let accepted = [template_from_table(&table).is_ok(), units_from_table(&table).is_ok(), scores_from_table(&table, template, units).is_ok()];
    for (slot, ok) in accepted.into_iter().enumerate() {
        if !ok {
            continue;
        }
        let mut files = [("template.csv", TEMPLATE_CSV), ("units.csv", UNITS_CSV), ("scores.csv", SCORES_CSV)];
        files[slot] = ("sheet.xlsx", data);
        let [t, u, s] = files.map(|(name, bytes)| SourceFile { name, bytes });
        if let Ok(mut c) = campaign_from_files(t, u, Some(s)) {
            c.id = "fuzz".into();
            exercise(&c);
        }
    }
});
