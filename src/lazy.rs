//! The parts of the app fetched when first used, so that the first load on a slow line carries only
//! the page around them (BENCHMARKS.md, "What the size is made of").
//!
//! Each function below marked `#[wasm_split(module, …)]` is a split point: at the link,
//! scripts/wasm-link moves it, and all the code only it reaches, into a wasm module of its own
//! (code several of them share goes into modules they fetch together). Calling it fetches that
//! module first (from the service worker's cache once the app was opened online), then runs it.
//! They are `fallible`: a module that cannot be fetched (offline before the service worker kept
//! it) is an `Err` the page explains, never a crash of the whole app.
//!
//! Where to split: the home screen's list, with everything that reads stored campaigns (the whole
//! domain's reading code), so that the home screen's own actions come first; what the home screen
//! receives from elsewhere (files, the join code); a campaign's page with all its tabs; the other
//! pages. Few modules on purpose: code shared by several of them goes into one file per
//! combination of modules sharing it, and a module per tab (tried) made 181 files, a tab needing
//! about 90 of them: more requests than a slow line can afford.

use crate::lang::t;
use crate::route::{PrintDoc, Tab};
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use std::future::Future;
use wasm_bindgen_futures::JsFuture;

/// A part of the app whose module could not be fetched.
#[derive(Debug, Clone, Copy)]
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

type Loaded = Result<AnyView, NotLoaded>;

/// What a part shows of its module's fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// A screen: «Đang tải…» while it is fetched, and why it failed with «Thử lại»; shown once the
    /// screens' own stylesheets are here too ([`screen_styles`]).
    Screen,
    /// The same for a part of the home screen, which needs no screen's stylesheet.
    All,
    /// A part beside others that are already there: nothing while it is fetched (it is short), but
    /// a failure is still explained, naming the part (Vietnamese, English), so that no part of the
    /// app is ever missing without a word.
    Failure(&'static str, &'static str),
    /// Nothing at all: a part whose module another part of the same screen fetches and explains.
    Nothing,
}

/// Renders what `load` makes once its module is here. While it is fetched (a few milliseconds from
/// the service worker's cache, seconds on a slow line the first time), «Đang tải…», which the
/// stylesheet shows only after a moment; if it cannot be fetched, why, and «Thử lại»; `shown` says
/// which of the two a part shows.
pub fn later<F, Fut>(shown: Shown, load: F) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Loaded> + Send + 'static,
{
    later_with(RwSignal::new(0), shown, load)
}

/// [`later`] for parts of one module shown apart: «Thử lại» on any of them counts in `attempt`,
/// which fetches them all again.
pub fn later_with<F, Fut>(attempt: RwSignal<u32>, shown: Shown, load: F) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Loaded> + Send + 'static,
{
    move || {
        attempt.track();
        let loading = load();
        // Fetched beside the module, not after it.
        let styles = (shown == Shown::Screen).then(styles_loaded);
        let fallback = move || matches!(shown, Shown::All | Shown::Screen).then(|| view! { <p class="loading" role="status">{t("Đang tải…", "Loading…")}</p> });
        view! {
            <Suspense fallback=fallback>
                {Suspend::new(async move {
                    let loaded = loading.await;
                    if let Some(styles) = styles.filter(|_| loaded.is_ok()) {
                        // Loaded or not (then the screen shows unstyled rather than not at all).
                        let _ = styles.await;
                    }
                    crate::offline::screen_ready();
                    match loaded {
                        Ok(v) => v,
                        Err(NotLoaded) if shown == Shown::Nothing => ().into_any(),
                        Err(NotLoaded) => not_loaded(attempt, shown),
                    }
                })}
            </Suspense>
        }
    }
}

fn not_loaded(attempt: RwSignal<u32>, shown: Shown) -> AnyView {
    let (vi, en) = match shown {
        Shown::Failure(vi, en) => (format!("Không tải được phần «{vi}» của ứng dụng"), format!("The «{en}» part of the app could not be fetched")),
        _ => ("Không tải được phần này của ứng dụng".to_string(), "This part of the app could not be fetched".to_string()),
    };
    view! {
        <section class="panel not-loaded" role="alert">
            <p class="error">{crate::lang::tf(
                format!("{vi}: máy đang mất mạng hoặc máy chủ không trả lời, và phần này chưa được lưu sẵn trên máy. Hãy kết nối mạng rồi bấm «Thử lại»."),
                format!("{en}: the device is offline or the server does not answer, and it was not kept on this device yet. Connect to the network and press «Try again»."),
            )}</p>
            <button class="primary" id="not-loaded-retry" on:click=move |_| attempt.update(|n| *n += 1)>{t("Thử lại", "Try again")}</button>
        </section>
    }
    .into_any()
}

// --- the screens' stylesheets -----------------------------------------------------------------------

/// The `rel` scripts/css-later.mjs gives a screen's stylesheet in index.html.
pub const INERT_CSS: &str = "x-thidua-css";
/// The attribute a stylesheet switched on carries (index.html's `thiduaScreenStyles`), so that it
/// still counts as the build made it (`offline`'s fingerprint of the build).
pub const SWITCHED_ON: &str = "data-thidua-later";

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The screens' own stylesheets, which scripts/css-later.mjs leaves out of the first load:
    /// switched on by the first screen that needs them, and a promise that they have loaded or
    /// failed, or that 10 s have passed (a browser that never says): a screen may then show
    /// unstyled, never not at all. Failing is rare: the service worker keeps them beside the
    /// modules. Waiting for them keeps a screen from showing unstyled for a moment. A few lines
    /// of script in index.html, where they cost nothing to load: the same in Rust was 1.3 KB
    /// more of the main module's wasm.
    #[wasm_bindgen(js_namespace = window, js_name = thiduaScreenStyles)]
    fn screen_styles() -> js_sys::Promise;
}

/// [`screen_styles`], switched on now, as a future a Suspend can await (it must be Send, and a
/// browser promise is not: its outcome comes through a channel).
fn styles_loaded() -> futures_channel::oneshot::Receiver<()> {
    let (done, loaded) = futures_channel::oneshot::channel();
    let styles = JsFuture::from(screen_styles());
    leptos::task::spawn_local(async move {
        let _ = styles.await;
        let _ = done.send(());
    });
    loaded
}

// --- the home screen ------------------------------------------------------------------------------

/// The stored campaigns: the list, and what reads them.
#[wasm_split(home, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn home_list(error: RwSignal<Option<String>>, listed: RwSignal<bool>) -> Loaded {
    Ok(view! { <crate::home::HomeList error=error listed=listed /> }.into_any())
}

// What comes from elsewhere: a file received, the sync server's join code, a backup restored
// after the storage was cleared. Not with the list: reading and checking a bundle and the sync
// client are a third of what the list would otherwise wait for.

#[wasm_split(receive, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn home_notices() -> Loaded {
    Ok(view! { <crate::storage_guard::StorageCleared server=Callback::new(|_ids: Vec<String>| crate::home::focus_join()) /> }.into_any())
}

#[wasm_split(receive, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn home_join() -> Loaded {
    Ok(view! { <crate::sync::join::JoinForm /> }.into_any())
}

/// «Mở tệp dữ liệu…», or a file dropped on the home screen: reads it and opens its campaign.
#[wasm_split(receive, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn open_bundle(file: web_sys::File, error: RwSignal<Option<String>>) -> Result<(), NotLoaded> {
    crate::home::open_file(file, error);
    Ok(())
}

// --- the other screens ----------------------------------------------------------------------------

#[wasm_split(pages, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn new_campaign() -> Loaded {
    Ok(view! { <crate::new_campaign::NewCampaign /> }.into_any())
}

#[wasm_split(pages, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn import_page() -> Loaded {
    Ok(view! { <crate::import_page::ImportPage /> }.into_any())
}

#[wasm_split(pages, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn print_page(id: String, doc: PrintDoc) -> Loaded {
    Ok(view! { <crate::documents::print::PrintPage id=id doc=doc /> }.into_any())
}

/// A campaign's page: its head, its tabs, and its overview.
#[wasm_split(campaign, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn campaign_page(id: String, tab: Tab) -> Loaded {
    Ok(view! { <crate::campaign_page::CampaignPage id=id tab=tab /> }.into_any())
}

// --- for tests and support -------------------------------------------------------------------------

/// `wasmBindings.storedCampaign(id)`: a promise of the stored state of a campaign as one document
/// (`storage::stored_campaign`), for the end-to-end tests and the browser's console. An export is
/// always in the main module; what it reaches (the whole domain's reading) need not be.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = storedCampaign)]
pub async fn stored_campaign_export(id: String) -> Result<Option<String>, wasm_bindgen::JsValue> {
    stored_campaign(id).await.map_err(|NotLoaded| wasm_bindgen::JsValue::from_str("thidua: the module reading stored campaigns could not be fetched"))
}

#[wasm_split(home, wasm_split_path = ::leptos::wasm_split, fallible)]
fn stored_campaign(id: String) -> Result<Option<String>, NotLoaded> {
    Ok(crate::storage::stored_campaign(&id))
}
