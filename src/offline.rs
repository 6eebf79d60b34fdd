//! The app with no network: registers the service worker (`public/sw.js`) that keeps the app's
//! files, notices a new version installed in the background and waiting, asks the browser to keep
//! this site's storage (`navigator.storage.persist()`) and how much of it is used.
//!
//! The state lives for the whole page, not for a component: the page is rebuilt when the language
//! changes, and registering or asking again then would be wrong. Hence `Arc` signals kept here.

use leptos::prelude::*;
use std::cell::{Cell, OnceCell, RefCell};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState, StorageEstimate};

/// Bytes used by this site and the most the browser allows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    pub used: f64,
    pub quota: f64,
}

#[derive(Clone)]
pub struct Offline {
    pub online: ArcRwSignal<bool>,
    /// A new version is installed and waits for the page to let it take over.
    pub update_ready: ArcRwSignal<bool>,
    /// The browser's answer to `persist()`; `None` until known or where storage is unavailable.
    pub persisted: ArcRwSignal<Option<bool>>,
    pub usage: ArcRwSignal<Option<Usage>>,
}

thread_local! {
    static STATE: OnceCell<Offline> = const { OnceCell::new() };
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    static RELOAD_ON_CHANGE: Cell<bool> = const { Cell::new(false) };
    static SCREEN_READY: Cell<bool> = const { Cell::new(false) };
    static REGISTERING: Cell<bool> = const { Cell::new(false) };
}

/// The longest the service worker waits for the first screen (`screen_ready`).
const REGISTER_AT_LATEST: Duration = Duration::from_secs(10);

const USAGE_REFRESH: Duration = Duration::from_secs(30);

/// The page's offline state; the first call starts the work (registration, storage questions).
pub fn state() -> Offline {
    STATE.with(|cell| {
        if let Some(s) = cell.get() {
            return s.clone();
        }
        let s = Offline {
            online: ArcRwSignal::new(navigator().map(|n| n.on_line()).unwrap_or(true)),
            update_ready: ArcRwSignal::new(false),
            persisted: ArcRwSignal::new(None),
            usage: ArcRwSignal::new(None),
        };
        let _ = cell.set(s.clone());
        start(&s);
        s
    })
}

/// Lets the waiting version take over; the page reloads when it has (see `controllerchange`).
pub fn apply_update() {
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|reg| reg.waiting()));
    match waiting {
        Some(worker) => {
            RELOAD_ON_CHANGE.with(|f| f.set(true));
            if worker
                .post_message(&JsValue::from_str("SKIP_WAITING"))
                .is_err()
            {
                reload();
            }
        }
        // Another tab has already let it take over: this page only needs to load it.
        None => reload(),
    }
}

/// The first screen has the parts of the app it fetches (`lazy`): the service worker may now be
/// registered. Its install fetches every other file of the app, and on a slow line these would
/// otherwise share the line with what the user is waiting for.
pub fn screen_ready() {
    SCREEN_READY.with(|r| r.set(true));
    STATE.with(|cell| {
        if let Some(s) = cell.get() {
            register_once(s);
        }
    });
}

fn register_once(s: &Offline) {
    if REGISTERING.with(|r| r.replace(true)) {
        return;
    }
    let sw = s.clone();
    spawn_local(async move {
        let _ = register(&sw).await;
    });
}

fn start(s: &Offline) {
    watch_connection(s);
    if SCREEN_READY.with(|r| r.get()) {
        register_once(s);
    } else {
        let sw = s.clone();
        set_timeout(move || register_once(&sw), REGISTER_AT_LATEST);
    }
    let st = s.clone();
    spawn_local(async move {
        let _ = ask_persist(&st).await;
        let _ = refresh_usage(&st).await;
    });
    let st = s.clone();
    let _ = set_interval_with_handle(
        move || {
            let st = st.clone();
            spawn_local(async move {
                let _ = refresh_usage(&st).await;
            });
        },
        USAGE_REFRESH,
    );
}

fn navigator() -> Option<web_sys::Navigator> {
    web_sys::window().map(|w| w.navigator())
}

/// `navigator.<name>` exists (service workers and storage do not on plain http off localhost).
fn has(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false)
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

fn listen(target: &web_sys::EventTarget, event: &str, f: impl FnMut() + 'static) {
    let cb = Closure::<dyn FnMut()>::new(f);
    let _ = target.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
    // Listeners for the page's whole life.
    cb.forget();
}

fn watch_connection(s: &Offline) {
    let Some(window) = web_sys::window() else {
        return;
    };
    for (event, value) in [("online", true), ("offline", false)] {
        let online = s.online.clone();
        let st = s.clone();
        listen(&window, event, move || {
            online.set(value);
            let st = st.clone();
            spawn_local(async move {
                let _ = refresh_usage(&st).await;
            });
        });
    }
}

async fn register(s: &Offline) -> Result<(), JsValue> {
    let Some(navigator) = navigator() else {
        return Ok(());
    };
    if !has(&navigator, "serviceWorker") {
        return Ok(());
    }
    let container = navigator.service_worker();
    let update_ready = s.update_ready.clone();
    listen(&container, "controllerchange", move || {
        if RELOAD_ON_CHANGE.with(|f| f.get()) {
            reload();
        } else {
            // First install claimed the page, or another tab let the new version in.
            update_ready.set(false);
        }
    });
    let url = format!("/sw.js?v={}", shell_fingerprint());
    let reg: ServiceWorkerRegistration =
        JsFuture::from(container.register(&url)).await?.dyn_into()?;
    REGISTRATION.with(|r| *r.borrow_mut() = Some(reg.clone()));
    let has_controller = move || navigator.service_worker().controller().is_some();
    if reg.waiting().is_some() && has_controller() {
        s.update_ready.set(true);
    }
    if let Some(installing) = reg.installing() {
        watch_installing(installing, s.update_ready.clone(), has_controller.clone());
    }
    let update_ready = s.update_ready.clone();
    let found = reg.clone();
    listen(&reg, "updatefound", move || {
        if let Some(installing) = found.installing() {
            watch_installing(installing, update_ready.clone(), has_controller.clone());
        }
    });
    Ok(())
}

/// A worker that finishes installing while another controls the page is an update that waits.
fn watch_installing(
    worker: ServiceWorker,
    update_ready: ArcRwSignal<bool>,
    has_controller: impl Fn() -> bool + 'static,
) {
    let w = worker.clone();
    listen(&worker, "statechange", move || {
        if w.state() == ServiceWorkerState::Installed && has_controller() {
            update_ready.set(true);
        }
    });
}

/// What identifies this build of index.html: the files it loads and its inline loader. A new
/// deploy gives a new fingerprint, hence a new worker URL, hence a fresh install.
fn shell_fingerprint() -> String {
    // FNV-1a, 64 bits: stable across loads, no dependency.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    let list = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("head script, head link").ok());
    if let Some(list) = list {
        for i in 0..list.length() {
            let Some(el) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            for attr in ["rel", "href", "src", "integrity"] {
                // A screen's stylesheet switched on (`lazy::screen_styles`) counts as the inert link
                // index.html has: the fingerprint, hence the worker's address, is the build's, not
                // the page's (another address would be a new registration, fetched again).
                let switched = attr == "rel" && el.has_attribute(crate::lazy::SWITCHED_ON);
                eat(&if switched { crate::lazy::INERT_CSS.to_string() } else { el.get_attribute(attr).unwrap_or_default() });
            }
            if el.tag_name().eq_ignore_ascii_case("script") {
                eat(&el.text_content().unwrap_or_default());
            }
        }
    }
    format!("{h:016x}")
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = navigator()?;
    has(&navigator, "storage").then(|| navigator.storage())
}

/// Asks once per page load, only if the browser does not already keep the data.
async fn ask_persist(s: &Offline) -> Result<(), JsValue> {
    let Some(storage) = storage_manager() else {
        return Ok(());
    };
    let mut kept = JsFuture::from(storage.persisted()?)
        .await?
        .as_bool()
        .unwrap_or(false);
    if !kept {
        kept = JsFuture::from(storage.persist()?)
            .await?
            .as_bool()
            .unwrap_or(false);
    }
    s.persisted.set(Some(kept));
    Ok(())
}

async fn refresh_usage(s: &Offline) -> Result<(), JsValue> {
    let Some(storage) = storage_manager() else {
        return Ok(());
    };
    let estimate: StorageEstimate = JsFuture::from(storage.estimate()?).await?.unchecked_into();
    let mut used = estimate.get_usage().unwrap_or(0.0);
    // Chromium's estimate (the one with `usageDetails`) leaves out localStorage, where the
    // campaigns live; counted here so the figure grows with the data.
    if has(&estimate, "usageDetails") {
        used += local_storage_bytes();
    }
    let usage = Usage {
        used,
        quota: estimate.get_quota().unwrap_or(0.0),
    };
    if s.usage.get_untracked() != Some(usage) {
        s.usage.set(Some(usage));
    }
    Ok(())
}

/// localStorage as the browser keeps it: keys and values in UTF-16.
fn local_storage_bytes() -> f64 {
    let Some(ls) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return 0.0;
    };
    let mut units = 0usize;
    for i in 0..ls.length().unwrap_or(0) {
        if let Some(key) = ls.key(i).ok().flatten() {
            let value = ls.get_item(&key).ok().flatten().unwrap_or_default();
            units += key.encode_utf16().count() + value.encode_utf16().count();
        }
    }
    (units * 2) as f64
}
