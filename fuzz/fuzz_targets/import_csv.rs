//! Bytes as one of the three spreadsheets (the first byte says which: template, units or scores),
//! the other two being the sample's, through `campaign_from_files` as the import page calls it;
//! what is accepted is ranked, stored and exported (`thidua_fuzz::exercise`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua_core::import::{campaign_from_files, read_table, SourceFile};
use thidua_fuzz::{exercise, SCORES_CSV, TEMPLATE_CSV, UNITS_CSV};

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else { return };
    let _ = read_table("x.csv", bytes);
    let mut files = [TEMPLATE_CSV, UNITS_CSV, SCORES_CSV];
    files[usize::from(which % 3)] = bytes;
    let [t, u, s] = files;
    let scores = (which & 0x80 == 0).then_some(SourceFile { name: "scores.csv", bytes: s });
    if let Ok(mut c) = campaign_from_files(SourceFile { name: "template.csv", bytes: t }, SourceFile { name: "units.csv", bytes: u }, scores) {
        c.id = "fuzz".into();
        exercise(&c);
    }
});
