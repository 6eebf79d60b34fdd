//! The page around every screen: masthead with the language switch, and the screen the route names.

use crate::device::Device;
use crate::home::Home;
use crate::lang::{t, Lang, LangCtx};
use crate::lazy::{self, later, Shown};
use crate::route::{route_signal, Route};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Device::load().lang);
    provide_context(LangCtx(lang));
    let route = route_signal();
    // A printed document stands alone on its page: no masthead, no footer.
    let printing = Memo::new(move |_| matches!(route.get(), Route::Print { .. }));
    // The whole page is rebuilt when the language changes, so that every text follows it.
    move || {
        let _ = lang.get();
        let screen = move || match route.get() {
            Route::Home => view! { <Home /> }.into_any(),
            Route::NewCampaign => later(Shown::Screen, lazy::new_campaign).into_any(),
            Route::Import => later(Shown::Screen, lazy::import_page).into_any(),
            Route::Campaign { id, tab } => later(Shown::Screen, move || lazy::campaign_page(id.clone(), tab)).into_any(),
            Route::Print { id, doc } => later(Shown::Screen, move || lazy::print_page(id.clone(), doc.clone())).into_any(),
        };
        if printing.get() {
            return view! { <main class="print-main">{screen}</main> }.into_any();
        }
        view! {
            <Masthead lang=lang />
            <main class="container">{screen}</main>
            <footer class="container page-footer">
                <p>{t(
                    "Dữ liệu được lưu trên trình duyệt của máy này và dùng được khi không có mạng. Điểm tính chính xác đến 0,01.",
                    "Data is kept in this browser and works with no network. Points are exact to 0.01.",
                )}</p>
                <crate::offline_status::OfflineStatus />
            </footer>
        }
        .into_any()
    }
}

#[component]
fn Masthead(lang: RwSignal<Lang>) -> impl IntoView {
    let switch = move |l: Lang| {
        let _ = Device::update(|d| d.lang = l);
        lang.set(l);
    };
    let is = move |l: Lang| lang.get_untracked() == l;
    view! {
        <header class="masthead">
            <div class="container masthead-row">
                <a class="brand" href="#/">
                    <img class="emblem" src="/favicon.svg" alt="" width="40" height="40" />
                    <div>
                        <h1>{t("Thi đua — Khối thi đua", "Thi đua — Emulation blocs")}</h1>
                        <p class="tagline">{t(
                            "Giao ước, chấm điểm, bình xét và xếp hạng thi đua của các đơn vị trong Khối",
                            "Pledges, scorecards, evaluation and ranking of a bloc's member units",
                        )}</p>
                    </div>
                </a>
                <crate::offline_status::OfflineBadge />
                <nav class="lang-switch" aria-label=t("Ngôn ngữ", "Language")>
                    <button id="lang-vi" class:active=is(Lang::Vi) aria-pressed=is(Lang::Vi).to_string() on:click=move |_| switch(Lang::Vi)>"Tiếng Việt"</button>
                    <button id="lang-en" class:active=is(Lang::En) aria-pressed=is(Lang::En).to_string() on:click=move |_| switch(Lang::En)>"English"</button>
                </nav>
            </div>
        </header>
    }
}
