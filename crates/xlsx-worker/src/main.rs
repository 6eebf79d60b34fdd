//! The Excel half of the web app, built by trunk as a second wasm that runs in a Web Worker.
//!
//! Reading .xlsx (calamine, zip, inflate) and writing the results workbook (rust_xlsxwriter, deflate)
//! are about a sixth of the app's code but used once or twice a year; kept here, they are fetched
//! when first needed (and cached by the service worker for offline use) instead of on every first
//! load over a district office's slow line. `public/xlsx-worker.js` loads this module and passes
//! the page's requests to the two functions below; `src/excel.rs` in the app is the other end.
//!
//! Both answer in JSON the app reads with the same core types, so a message names the file, row
//! and column exactly as when the app read a CSV itself.

use serde::Serialize;
use thidua_core::import::{read_table, Table};
use thidua_core::problem::{Msg, Problems};
use wasm_bindgen::prelude::wasm_bindgen;

/// What the page gets back from `read`.
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Read {
    Ok(Table),
    Err(Problems),
}

/// Reads a spreadsheet (an .xlsx, or CSV should one arrive here) into the core's table.
/// Always answers: `{"ok": table}` or `{"err": problems}`.
#[wasm_bindgen]
pub fn read(name: &str, bytes: &[u8]) -> String {
    let answer = match read_table(name, bytes) {
        Ok(t) => Read::Ok(t),
        Err(p) => Read::Err(p),
    };
    serde_json::to_string(&answer).unwrap_or_default()
}

/// The bloc's results workbook (the same bytes `thidua export` writes) from the campaign as the
/// app stores it. `lang` is "vi" or "en". On failure, the error is a core `Msg` as JSON, so that
/// the page shows it in its own language.
#[wasm_bindgen]
pub fn workbook(campaign: &str, lang: &str) -> Result<Vec<u8>, String> {
    let msg_json = |m: &Msg| serde_json::to_string(m).unwrap_or_default();
    let c = thidua_core::stored::campaign_from_json(campaign).map_err(|e| msg_json(&e.msg()))?;
    let lang = if lang == "en" {
        thidua_export::Lang::En
    } else {
        thidua_export::Lang::Vi
    };
    thidua_export::workbook(&c, lang).map_err(|m| msg_json(&m))
}

fn main() {}
