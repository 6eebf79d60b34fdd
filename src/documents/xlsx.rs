//! The Excel workbook of the bloc's results (`thidua_export`, the same bytes `thidua export` writes),
//! handed to the browser as a download.
//!
//! Everything that needs rust_xlsxwriter stays behind this module's one function, so that it can
//! later move to a lazily loaded module without touching the screens (the library adds weight to
//! the app's first load).

use crate::download::{download_bytes, file_name};
use crate::lang::{lang, msg, t, Lang};
use thidua_core::Campaign;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Builds the workbook in the interface's language and offers it as `<bloc>_<year>_tong-hop.xlsx`.
/// On failure, the reason to show the person.
pub fn download_workbook(c: &Campaign) -> Result<(), String> {
    let language = match lang() {
        Lang::Vi => thidua_export::Lang::Vi,
        Lang::En => thidua_export::Lang::En,
    };
    let bytes = thidua_export::workbook(c, language).map_err(|m| msg(&m))?;
    let bloc = &c.bloc.value;
    let year = if bloc.year > 0 {
        bloc.year.to_string()
    } else {
        String::new()
    };
    let name = file_name(&[&bloc.name, &year, t("tong-hop", "summary")], "xlsx");
    if download_bytes(&name, XLSX, &bytes) {
        Ok(())
    } else {
        Err(t(
            "Trình duyệt không cho tải tệp xuống.",
            "The browser refused the download.",
        )
        .into())
    }
}
