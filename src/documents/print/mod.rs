//! Print views: the documents a bloc signs and files, laid out as Vietnamese administrative
//! documents (Nghị định 30/2020/NĐ-CP) on A4 — the signed pledge, a unit's self-assessment and the
//! evaluation minutes. Each is a page of its own (`#/c/<id>/in/…`) holding only the document, with
//! a button that opens the browser's print dialog ("Save as PDF" there makes the file to send).
//!
//! The documents are written in Vietnamese whatever the interface's language: they are the bloc's
//! official papers. Only the toolbar above the sheet follows the language.

mod header;
mod minutes;
mod pledge;
mod scorecard;

use crate::lang::{msg, t};
use crate::route::{PrintDoc, Route};
use crate::session::use_session;
use crate::storage;
use leptos::prelude::*;

/// The page of one document: a toolbar (back, print) and the A4 sheet.
#[component]
pub fn PrintPage(id: String, doc: PrintDoc) -> impl IntoView {
    let back = Route::Campaign { id: id.clone(), tab: doc.tab() }.href();
    let (sheet, title) = match storage::load(&id) {
        Ok(c) => {
            let title = format!("{} — {} {}", doc_name(&doc, &c), c.bloc.name, c.bloc.year);
            let sheet = match doc.clone() {
                PrintDoc::Pledge => view! { <pledge::PledgeDoc c=c /> }.into_any(),
                PrintDoc::Scorecard(unit) => view! { <scorecard::ScorecardDoc c=c unit=unit /> }.into_any(),
                PrintDoc::Minutes => view! { <minutes::MinutesDoc c=c /> }.into_any(),
            };
            (sheet, Some(title))
        }
        Err(e) => (view! { <p class="error" role="alert" id="load-error">{msg(&e.msg())}</p> }.into_any(), None),
    };
    // The browser names the saved PDF after the page's title.
    if let Some(title) = title {
        let before = document().title();
        document().set_title(&title);
        on_cleanup(move || document().set_title(&before));
    }
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <div class="print-page">
            <nav class="print-toolbar" aria-label=t("Bản in", "Printable document")>
                <a id="print-back" class="button" href=back>{t("← Quay lại", "← Back")}</a>
                <p class="print-hint">{t(
                    "Khổ A4, trình bày theo Nghị định 30/2020/NĐ-CP. Để lưu tệp PDF, chọn «Lưu dưới dạng PDF» trong hộp thoại in.",
                    "A4, laid out as Decree 30/2020/NĐ-CP sets out. To keep a PDF file, choose «Save as PDF» in the print dialog. The document itself is in Vietnamese.",
                )}</p>
                <button type="button" id="print-now" class="primary" on:click=print>{t("In / Lưu PDF", "Print / Save as PDF")}</button>
            </nav>
            <article class="sheet" id="print-doc" data-doc=doc_slug(&doc)>{sheet}</article>
        </div>
    }
}

fn doc_name(doc: &PrintDoc, c: &thidua_core::Campaign) -> String {
    match doc {
        PrintDoc::Pledge => "Bản giao ước thi đua".into(),
        PrintDoc::Minutes => "Biên bản họp bình xét thi đua".into(),
        PrintDoc::Scorecard(u) => {
            let name = c.unit(u).map(|x| x.info.name.clone()).unwrap_or_else(|| u.clone());
            format!("Bảng tự chấm điểm — {name}")
        }
    }
}

fn doc_slug(doc: &PrintDoc) -> &'static str {
    match doc {
        PrintDoc::Pledge => "pledge",
        PrintDoc::Scorecard(_) => "scorecard",
        PrintDoc::Minutes => "minutes",
    }
}

/// A link from a screen to one of its documents: `#print-pledge`, `#print-scorecard`,
/// `#print-minutes`.
#[component]
pub fn PrintLink(doc: PrintDoc) -> impl IntoView {
    let s = use_session();
    let (id, label) = match &doc {
        PrintDoc::Pledge => ("print-pledge", t("In bản giao ước / Lưu PDF", "Print the pledge / Save as PDF")),
        PrintDoc::Scorecard(_) => ("print-scorecard", t("In bảng tự chấm điểm / Lưu PDF", "Print the self-assessment / Save as PDF")),
        PrintDoc::Minutes => ("print-minutes", t("In biên bản họp bình xét / Lưu PDF", "Print the evaluation minutes / Save as PDF")),
    };
    let href = Route::Print { id: s.id.get_value(), doc }.href();
    view! {
        <p class="print-link">
            <a id=id class="button" href=href>{label}</a>
        </p>
    }
}
