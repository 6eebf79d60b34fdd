//! The parts every administrative document shares (Nghị định 30/2020/NĐ-CP): the issuing body and
//! the national motto side by side, the number and the place and date under them, the title, and
//! the signature blocks at the end.

use crate::screens::setup::normal_date;
use leptos::prelude::*;

/// What a person fills in by hand when the app does not know it.
pub const BLANK: &str = "……………";

/// `Số: 01/BB-KTĐ`, or a blank number before the given symbol (`Số:      /GƯ-KTĐ`) to fill in.
pub fn number_line(number: &str, symbol: &str) -> String {
    let number = number.trim();
    if number.is_empty() {
        format!("Số: \u{2003}\u{2003}/{symbol}")
    } else {
        format!("Số: {number}")
    }
}

/// `……………, ngày 08 tháng 01 năm 2019`. The locality is not recorded in the app: it is left to
/// fill in, as are the parts of a date that is missing or not dd/mm/yyyy.
pub fn place_date(date: Option<&str>) -> String {
    match date.and_then(normal_date) {
        Some(d) => {
            let mut parts = d.split('/');
            let (day, month, year) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            format!("{BLANK}, ngày {day} tháng {month} năm {year}")
        }
        None => format!("{BLANK}, ngày …… tháng …… năm ……"),
    }
}

/// `VIII` for 8: the numbering of a document's parts.
pub fn roman(n: usize) -> &'static str {
    const R: [&str; 12] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
    R.get(n.saturating_sub(1)).copied().unwrap_or("")
}

/// The top of the first page: issuing body (its parent body above it, regular caps; its own name
/// in bold caps, a short rule under it), the national motto, the number and the place and date.
#[component]
pub fn DocHeader(
    #[prop(optional)] parent: Option<String>,
    issuer: String,
    number: String,
    place_date: String,
) -> impl IntoView {
    view! {
        <header class="doc-head">
            <div class="doc-issuer">
                {parent.map(|p| view! { <p class="doc-parent">{p.to_uppercase()}</p> })}
                <p class="doc-body-name"><strong>{issuer.to_uppercase()}</strong></p>
                <span class="doc-rule" aria-hidden="true"></span>
            </div>
            <div class="doc-motto">
                <p class="doc-nation"><strong>"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</strong></p>
                <p class="doc-motto-line"><strong>"Độc lập - Tự do - Hạnh phúc"</strong></p>
            </div>
            <p class="doc-number">{number}</p>
            <p class="doc-place-date"><em>{place_date}</em></p>
        </header>
    }
}

/// The document's name in bold caps, centred, and what it is about under it.
#[component]
pub fn DocTitle(title: String, #[prop(optional)] subject: Option<String>) -> impl IntoView {
    view! {
        <div class="doc-title">
            <h1>{title}</h1>
            {subject.map(|s| view! { <p class="doc-subject"><strong>{s}</strong></p> })}
        </div>
    }
}

/// One signature: on whose behalf (`TM. …`), the role in bold caps, how to sign, room for the
/// signature and seal, the name.
#[derive(Clone, Default)]
pub struct Signer {
    pub on_behalf: Option<String>,
    pub role: String,
    pub how: String,
    pub name: String,
}

fn signer_view(s: Signer) -> impl IntoView {
    let name = if s.name.trim().is_empty() { String::new() } else { s.name };
    view! {
        <div class="sign">
            {s.on_behalf.map(|b| view! { <p class="sign-behalf"><strong>{b}</strong></p> })}
            <p class="sign-role"><strong>{s.role}</strong></p>
            <p class="sign-how"><em>{s.how}</em></p>
            <div class="sign-space"></div>
            <p class="sign-name"><strong>{name}</strong></p>
        </div>
    }
}

/// The end of a document: who receives it ("Nơi nhận") or a second signer on the left, the main
/// signer on the right; kept together on one page.
#[component]
pub fn Signatures(
    right: Signer,
    #[prop(optional)] left: Option<Signer>,
    #[prop(optional)] recipients: Vec<String>,
) -> impl IntoView {
    let left_view = match left {
        Some(l) => signer_view(l).into_any(),
        None if !recipients.is_empty() => view! {
            <div class="recipients">
                <p><strong><em>"Nơi nhận:"</em></strong></p>
                {recipients.into_iter().map(|r| view! { <p>{format!("- {r}")}</p> }).collect_view()}
            </div>
        }
        .into_any(),
        None => view! { <div></div> }.into_any(),
    };
    view! { <footer class="doc-signatures">{left_view}{signer_view(right)}</footer> }
}
