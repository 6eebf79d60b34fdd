//! The bloc's data in the browser's storage (localStorage, through gloo-storage).
//!
//! One key per campaign holds its whole JSON document. Every edit is applied to what is stored *now*
//! (read, apply, write), not to this tab's copy, so two tabs never overwrite each other's work. A
//! document that cannot be read is copied aside and never overwritten; a failed write (storage full)
//! leaves the last good document in place.

use gloo_storage::{LocalStorage, Storage};
use thidua_core::stored::{campaign_from_json, campaign_to_json, LoadError};
use thidua_core::{Campaign, Msg};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

const CAMPAIGN: &str = "thidua.campaign.";
const ASIDE: &str = "thidua.aside.";

pub fn campaign_key(id: &str) -> String {
    format!("{CAMPAIGN}{id}")
}

/// Why storage could not do what was asked.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// The browser refused the write: storage is full.
    Full,
    /// Storage is not available at all (private mode, disabled by policy…), or another failure.
    Failed(String),
    /// The stored document cannot be read; it was kept aside under the given key.
    Unreadable { error: LoadError, aside: String },
    /// The campaign is no longer stored (deleted in another tab, or storage cleared).
    Missing,
    /// The edit itself was refused by the rules.
    Refused(Msg),
}

impl StoreError {
    pub fn msg(&self) -> Msg {
        match self {
            StoreError::Full => Msg::new(
                "Bộ nhớ trình duyệt đã đầy: thay đổi vừa rồi CHƯA được lưu; dữ liệu đã lưu trước đó vẫn còn nguyên. Hãy xuất bản sao lưu và xóa bớt chiến dịch cũ.",
                "The browser's storage is full: the last change was NOT saved; what was saved before is intact. Export a backup and delete old campaigns.",
            ),
            StoreError::Failed(e) => Msg::new(
                format!("Không ghi được vào bộ nhớ trình duyệt ({e}); thay đổi vừa rồi chưa được lưu."),
                format!("Could not write to the browser's storage ({e}); the last change was not saved."),
            ),
            StoreError::Unreadable { error, aside } => {
                let m = error.msg();
                Msg::new(
                    format!("{}. Bản gốc được giữ nguyên (bản sao: {aside}).", m.vi),
                    format!("{}. The original is kept untouched (copy: {aside}).", m.en),
                )
            }
            StoreError::Missing => Msg::new(
                "Không còn tìm thấy chiến dịch này trong bộ nhớ trình duyệt (đã bị xóa ở thẻ khác hoặc bộ nhớ đã bị xóa).",
                "This campaign is no longer in the browser's storage (deleted in another tab, or storage was cleared).",
            ),
            StoreError::Refused(m) => m.clone(),
        }
    }
}

fn storage() -> Result<web_sys::Storage, StoreError> {
    // `raw()` panics when storage is unavailable; ask the window ourselves first.
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
        _ => Err(StoreError::Failed("localStorage không dùng được / unavailable".into())),
    }
}

pub fn read_raw(key: &str) -> Result<Option<String>, StoreError> {
    storage()?.get_item(key).map_err(|e| StoreError::Failed(js_error_text(&e)))
}

pub fn write_raw(key: &str, value: &str) -> Result<(), StoreError> {
    let storage = storage()?;
    let written = if key.starts_with(CAMPAIGN) {
        timed("thidua-save", || storage.set_item(key, value))
    } else {
        storage.set_item(key, value)
    };
    written.map_err(|e| {
        if is_quota_error(&e) {
            StoreError::Full
        } else {
            StoreError::Failed(js_error_text(&e))
        }
    })
}

pub fn remove_raw(key: &str) -> Result<(), StoreError> {
    storage()?.remove_item(key).map_err(|e| StoreError::Failed(js_error_text(&e)))
}

fn is_quota_error(e: &wasm_bindgen::JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>()
        .is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22 || d.name() == "NS_ERROR_DOM_QUOTA_REACHED")
}

fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    if let Some(d) = e.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", d.name(), d.message());
    }
    e.as_string().unwrap_or_else(|| "lỗi không rõ / unknown error".into())
}

/// Copies an unreadable document aside (once per distinct content) and returns the aside key.
fn keep_aside(id: &str, raw: &str) -> String {
    let hash = raw.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3));
    let key = format!("{ASIDE}{id}.{hash:016x}");
    if read_raw(&key).ok().flatten().is_none() {
        // If even this fails (storage full), the original is still untouched under its own key.
        let _ = write_raw(&key, raw);
    }
    key
}

pub fn load(id: &str) -> Result<Campaign, StoreError> {
    read(id).map(|(c, _)| c)
}

pub fn save(c: &Campaign) -> Result<(), StoreError> {
    write(c).map(|_| ())
}

/// A campaign document as this page last read or wrote it: the text as the page holds it (a JS
/// string, never copied into wasm to be compared). An open campaign keeps the one its state came
/// from; while the stored text is still that same string (one `===`), its state is what is
/// stored, and an edit needs no read and parse of a document that takes tens of milliseconds to
/// parse at 40 units × 300 criteria. Any other writer (another tab, a sync, an older version of
/// the app) changes the text, and the edit then reads what is stored first, as before.
#[derive(Clone, Default)]
pub struct Seen(Option<JsValue>);

impl Seen {
    /// The length of the document in UTF-16 code units (0 when unknown).
    pub fn size(&self) -> u32 {
        self.0.as_ref().and_then(|v| v.dyn_ref::<js_sys::JsString>()).map_or(0, |s| s.length())
    }
}

thread_local! {
    /// The document the latest `read` or `write` of a campaign saw, for [`last_seen`].
    static LAST: RefCell<Option<(String, JsValue)>> = const { RefCell::new(None) };
}

/// What the latest read or write in this page of campaign `id` saw, if it was the latest storage
/// operation on it here: a campaign just loaded comes from it.
pub fn last_seen(id: &str) -> Seen {
    Seen(LAST.with(|l| l.borrow().as_ref().filter(|(k, _)| k == id).map(|(_, v)| v.clone())))
}

fn record(id: &str, raw: &JsValue) {
    LAST.with(|l| *l.borrow_mut() = Some((id.to_string(), raw.clone())));
}

/// Reads a campaign and the text it came from.
pub fn read(id: &str) -> Result<(Campaign, Seen), StoreError> {
    let raw = raw_js::get_item(&storage()?, &campaign_key(id)).map_err(|e| StoreError::Failed(js_error_text(&e)))?;
    let Some(text) = raw.as_string() else { return Err(StoreError::Missing) };
    match timed("thidua-parse", || campaign_from_json(&text)) {
        Ok(c) => {
            record(id, &raw);
            Ok((c, Seen(Some(raw))))
        }
        Err(error) => Err(StoreError::Unreadable { error, aside: keep_aside(id, &text) }),
    }
}

/// Writes a campaign; answers the text written.
pub fn write(c: &Campaign) -> Result<Seen, StoreError> {
    let json = timed("thidua-encode", || campaign_to_json(c));
    let raw = JsValue::from_str(&json);
    drop(json);
    let storage = storage()?;
    timed("thidua-save", || raw_js::set_item(&storage, &campaign_key(&c.id), &raw)).map_err(|e| {
        if is_quota_error(&e) {
            StoreError::Full
        } else {
            StoreError::Failed(js_error_text(&e))
        }
    })?;
    record(&c.id, &raw);
    Ok(Seen(Some(raw)))
}

/// Whether what is stored for `id` is still the text `seen`.
pub fn is_current(id: &str, seen: &Seen) -> Result<bool, StoreError> {
    let Some(seen) = &seen.0 else { return Ok(false) };
    let raw = raw_js::get_item(&storage()?, &campaign_key(id)).map_err(|e| StoreError::Failed(js_error_text(&e)))?;
    Ok(raw == *seen)
}

/// `getItem` and `setItem` with the text kept as a JS string.
mod raw_js {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = Storage)]
        type JsStorage;
        #[wasm_bindgen(method, catch, js_name = getItem)]
        fn get_item_js(this: &JsStorage, key: &str) -> Result<JsValue, JsValue>;
        #[wasm_bindgen(method, catch, js_name = setItem)]
        fn set_item_js(this: &JsStorage, key: &str, value: &JsValue) -> Result<(), JsValue>;
    }

    pub fn get_item(s: &web_sys::Storage, key: &str) -> Result<JsValue, JsValue> {
        s.unchecked_ref::<JsStorage>().get_item_js(key)
    }

    pub fn set_item(s: &web_sys::Storage, key: &str, value: &JsValue) -> Result<(), JsValue> {
        s.unchecked_ref::<JsStorage>().set_item_js(key, value)
    }
}

pub fn delete(id: &str) -> Result<(), StoreError> {
    storage()?.remove_item(&campaign_key(id)).map_err(|e| StoreError::Failed(js_error_text(&e)))
}

/// Applies `f` to the stored campaign and writes the result; on any failure nothing is written.
pub fn update(id: &str, f: impl FnOnce(&mut Campaign) -> Result<(), Msg>) -> Result<Campaign, StoreError> {
    let mut c = load(id)?;
    f(&mut c).map_err(StoreError::Refused)?;
    save(&c)?;
    Ok(c)
}

/// One stored campaign as the home screen lists it.
pub enum Listed {
    Ok(Box<Campaign>),
    Unreadable { id: String, error: StoreError },
}

/// Every campaign stored in this browser.
pub fn list() -> Vec<Listed> {
    let Ok(s) = storage() else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    let ids: Vec<String> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(CAMPAIGN).map(str::to_string))
        .collect();
    ids.into_iter()
        .map(|id| match load(&id) {
            Ok(c) => Listed::Ok(Box::new(c)),
            Err(error) => Listed::Unreadable { id, error },
        })
        .collect()
}

/// A new random id (campaigns, replicas): 16 hex digits from the browser's crypto-grade source
/// where available.
pub fn new_id() -> String {
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs `f` between two performance marks and records `performance.measure(name)`, which the
/// benchmarks read (tests/bench: `thidua-save` is the localStorage write of a campaign,
/// `thidua-encode` / `thidua-parse` its JSON). Costs three calls into the page per step.
fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let start = format!("{name}-start");
    let _ = perf::mark(&start);
    let out = f();
    let _ = perf::measure(name, &start);
    let _ = perf::clear_marks(&start);
    out
}

mod perf {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(catch, js_namespace = performance, js_name = mark)]
        pub fn mark(name: &str) -> Result<JsValue, JsValue>;
        #[wasm_bindgen(catch, js_namespace = performance, js_name = measure)]
        pub fn measure(name: &str, start: &str) -> Result<JsValue, JsValue>;
        #[wasm_bindgen(catch, js_namespace = performance, js_name = clearMarks)]
        pub fn clear_marks(name: &str) -> Result<(), JsValue>;
    }
}
