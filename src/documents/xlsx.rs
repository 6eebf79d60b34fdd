//! The Excel workbook of the bloc's results (`thidua_export`, the same bytes `thidua export` writes),
//! made by the Excel worker (`crate::excel`) and handed to the browser as a download.

use crate::download::{download_bytes, file_name};
use crate::lang::{lang, msg, t, Lang};
use thidua_core::Campaign;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Builds the workbook in the interface's language and offers it as `<bloc>_<year>_tong-hop.xlsx`.
/// What the worker needs is taken from `c` now (its document and the file's name), so that the
/// campaign is not copied to wait for the worker. On failure, the reason to show the person.
pub fn download_workbook(c: &Campaign) -> impl std::future::Future<Output = Result<(), String>> {
    let language = match lang() {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    let document = thidua_core::stored::campaign_to_json(c);
    let bloc = &c.bloc.value;
    let year = if bloc.year > 0 {
        bloc.year.to_string()
    } else {
        String::new()
    };
    let name = file_name(&[&bloc.name, &year, t("tong-hop", "summary")], "xlsx");
    async move {
        let bytes = crate::excel::workbook(document, language).await.map_err(|m| msg(&m))?;
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
}
