//! Bytes as a received data file: read as the app reads it (`from_utf8_lossy`, then
//! `Bundle::from_json`), and when it is read, previewed and applied to the leader's copy and opened
//! fresh (`thidua_fuzz::check_bundle`). Every input is tried twice: as it is, and resealed with a
//! correct checksum (as a forger would), so that the fuzzer explores past the checksum. A resealed
//! text is canonical JSON, so both ways of reading are explored: the fast one must answer exactly
//! as the slow one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua_core::bundle::Bundle;
use thidua_fuzz::{check_bundle, reseal};

fn one(text: &str) {
    let read = Bundle::from_json(text);
    assert!(read == Bundle::from_json_slowly(text), "the fast way reads differently from the slow way");
    if let Ok(b) = read {
        check_bundle(&b);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    one(&text);
    if let Some(sealed) = reseal(&text) {
        one(&sealed);
    }
});
