//! The bloc's data in the browser's storage (localStorage, through gloo-storage).
//!
//! A campaign is two keys: its base document, written whole, and the journal of edits made since
//! (`thidua_core::stored::journal` says why and how they stay consistent). Every write is one
//! `setItem`, so it happens whole or not at all. Every edit is applied to what is stored *now*,
//! not to this tab's copy, so two tabs never overwrite each other's work. A document that cannot
//! be read is copied aside and never overwritten; a failed write (storage full) leaves the last
//! good document in place.

use gloo_storage::{LocalStorage, Storage};
use thidua_core::stored::journal::{self, Damage, Logged};
use thidua_core::stored::LoadError;
use thidua_core::{Campaign, Msg};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

const CAMPAIGN: &str = "thidua.campaign.";
const JOURNAL: &str = "thidua.journal.";
const ASIDE: &str = "thidua.aside.";

/// The key of a campaign's base document.
pub fn campaign_key(id: &str) -> String {
    format!("{CAMPAIGN}{id}")
}

/// The key of the journal of edits made since the base (`thidua_core::stored::journal`).
pub fn journal_key(id: &str) -> String {
    format!("{JOURNAL}{id}")
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
    storage()?.set_item(key, value).map_err(|e| write_error(&e))
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

/// Writes `c` whole; `c` is as it was after (see [`write`]).
pub fn save(c: &mut Campaign) -> Result<(), StoreError> {
    write(c).map(|_| ())
}

/// Campaign `id` as stored (its base with the journal applied) as one campaign document, or
/// nothing when it is not stored or cannot be read: the stored state without knowing how storage
/// lays it out, for the end-to-end tests and for anyone copying a campaign out from the browser's
/// console (`await wasmBindings.storedCampaign(id)`, exported by `lazy`).
pub fn stored_campaign(id: &str) -> Option<String> {
    load(id).ok().map(|c| thidua_core::stored::campaign_to_json(&c))
}

/// A campaign as this page last read or wrote it: the stored texts of its base and journal as the
/// page holds them (JS strings, never copied into wasm to be compared), the base's generation and
/// the journal's edits. An open campaign keeps the one its state came from; while the stored texts
/// are still these same strings (two `===`), its state is what is stored, and an edit needs no read
/// and parse of a base that takes tens of milliseconds to parse at 40 units × 300 criteria. Any
/// other writer (another tab, a sync, an older version of the app) changes a text, and the edit
/// then reads what is stored first.
#[derive(Clone, Default)]
pub struct Seen(Option<Rc<Texts>>);

struct Texts {
    base: JsValue,
    /// `null` when there is no journal.
    journal: JsValue,
    /// `None` for a bare (older) base, which a journal never follows: the next write is a base.
    generation: Option<String>,
    edits: Vec<Logged>,
}

impl Seen {
    /// The length of the stored texts in UTF-16 code units (0 when unknown).
    pub fn size(&self) -> u32 {
        self.0.as_ref().map_or(0, |t| length(&t.base) + length(&t.journal))
    }

    /// The length of the journal in UTF-16 code units.
    pub fn journal_size(&self) -> u32 {
        self.0.as_ref().map_or(0, |t| length(&t.journal))
    }
}

fn length(v: &JsValue) -> u32 {
    v.dyn_ref::<js_sys::JsString>().map_or(0, |s| s.length())
}

thread_local! {
    /// What the latest `read` or `write` of a campaign saw, for [`last_seen`].
    static LAST: RefCell<Option<(String, Seen)>> = const { RefCell::new(None) };
}

/// What the latest read or write in this page of campaign `id` saw, if it was the latest storage
/// operation on it here: a campaign just loaded comes from it.
pub fn last_seen(id: &str) -> Seen {
    LAST.with(|l| l.borrow().as_ref().filter(|(k, _)| k == id).map(|(_, v)| v.clone()).unwrap_or_default())
}

fn record(id: &str, seen: &Seen) {
    LAST.with(|l| *l.borrow_mut() = Some((id.to_string(), seen.clone())));
}

/// Reads a campaign (its base, and the edits journalled since) and the texts it came from.
pub fn read(id: &str) -> Result<(Campaign, Seen), StoreError> {
    let storage = storage()?;
    let failed = |e: JsValue| StoreError::Failed(js_error_text(&e));
    let base = raw_js::get_item(&storage, &campaign_key(id)).map_err(failed)?;
    let Some(base_text) = base.as_string() else { return Err(StoreError::Missing) };
    let journal = raw_js::get_item(&storage, &journal_key(id)).map_err(failed)?;
    let journal_text = journal.as_string();
    match timed("thidua-parse", || journal::load(&base_text, journal_text.as_deref())) {
        Ok(l) => {
            let seen = Seen(Some(Rc::new(Texts { base, journal, generation: l.generation, edits: l.journal })));
            record(id, &seen);
            Ok((l.campaign, seen))
        }
        Err(Damage::Base(error)) => Err(StoreError::Unreadable { error, aside: keep_aside(id, &base_text) }),
        Err(Damage::Journal(error)) => {
            let text = journal_text.unwrap_or_default();
            Err(StoreError::Unreadable { error, aside: keep_aside(&format!("{id}.journal"), &text) })
        }
    }
}

/// Writes a campaign whole, as a new base; the journal it replaces is removed. `c` is lent
/// mutably only while it is encoded (`journal::base_to_json`), and is as it was after.
pub fn write(c: &mut Campaign) -> Result<Seen, StoreError> {
    let generation = new_id();
    let json = timed("thidua-encode-base", || journal::base_to_json(c, &generation));
    let base = JsValue::from_str(&json);
    drop(json);
    let storage = storage()?;
    timed("thidua-save-base", || raw_js::set_item(&storage, &campaign_key(&c.id), &base)).map_err(|e| write_error(&e))?;
    // Should this fail or the page die first, the journal left names the old generation and is
    // not applied to this base (`journal` module).
    let _ = storage.remove_item(&journal_key(&c.id));
    let seen = Seen(Some(Rc::new(Texts { base, journal: JsValue::NULL, generation: Some(generation), edits: Vec::new() })));
    record(&c.id, &seen);
    Ok(seen)
}

/// Writes `edits`, just applied to the stored state `seen` to give `c`: added to the journal, one
/// small write. A bare base (stored by an older version) is replaced by `c` whole instead, as is
/// everything when the journal cannot be written (storage full): the base is rewritten in place,
/// which needs only the difference in free space.
pub fn append(c: &mut Campaign, seen: &Seen, edits: &[Logged]) -> Result<Seen, StoreError> {
    let Some((texts, generation)) = seen.0.as_ref().and_then(|t| t.generation.clone().map(|g| (t, g))) else {
        return write(c);
    };
    let mut all = texts.edits.clone();
    all.extend_from_slice(edits);
    let json = timed("thidua-encode", || journal::journal_to_json(&generation, &all));
    let journal = JsValue::from_str(&json);
    drop(json);
    let storage = storage()?;
    match timed("thidua-save", || raw_js::set_item(&storage, &journal_key(&c.id), &journal)) {
        Ok(()) => {}
        Err(e) if is_quota_error(&e) => return write(c),
        Err(e) => return Err(write_error(&e)),
    }
    let seen = Seen(Some(Rc::new(Texts { base: texts.base.clone(), journal, generation: Some(generation), edits: all })));
    record(&c.id, &seen);
    Ok(seen)
}

fn write_error(e: &JsValue) -> StoreError {
    if is_quota_error(e) {
        StoreError::Full
    } else {
        StoreError::Failed(js_error_text(e))
    }
}

/// Whether what is stored for `id` is still the texts `seen`.
pub fn is_current(id: &str, seen: &Seen) -> Result<bool, StoreError> {
    let Some(texts) = &seen.0 else { return Ok(false) };
    let storage = storage()?;
    let failed = |e: JsValue| StoreError::Failed(js_error_text(&e));
    let base = raw_js::get_item(&storage, &campaign_key(id)).map_err(failed)?;
    if base != texts.base {
        return Ok(false);
    }
    let journal = raw_js::get_item(&storage, &journal_key(id)).map_err(failed)?;
    Ok(journal == texts.journal)
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
    let storage = storage()?;
    storage.remove_item(&campaign_key(id)).map_err(|e| StoreError::Failed(js_error_text(&e)))?;
    // Without its base a journal is never read; removed all the same, not to take up space.
    let _ = storage.remove_item(&journal_key(id));
    Ok(())
}

/// Applies `f` to the stored campaign and writes the result; on any failure nothing is written.
pub fn update(id: &str, f: impl FnOnce(&mut Campaign) -> Result<(), Msg>) -> Result<Campaign, StoreError> {
    let mut c = load(id)?;
    f(&mut c).map_err(StoreError::Refused)?;
    save(&mut c)?;
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
/// benchmarks read (tests/bench: `thidua-save` / `thidua-encode` are the journal's write and JSON
/// after an edit, `thidua-save-base` / `thidua-encode-base` a whole campaign's, `thidua-parse` a
/// read; `thidua-import-*` the files tab's steps). Costs three calls into the page per step.
pub(crate) fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let span = Span::start(name);
    let out = f();
    span.end();
    out
}

/// A step measured as [`timed`] is, for one that awaits.
pub(crate) struct Span {
    name: String,
}

impl Span {
    pub(crate) fn start(name: &str) -> Span {
        let _ = perf::mark(&format!("{name}-start"));
        Span { name: name.to_string() }
    }

    pub(crate) fn end(self) {
        let start = format!("{}-start", self.name);
        let _ = perf::measure(&self.name, &start);
        let _ = perf::clear_marks(&start);
    }
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
