//! Noticing that the browser's storage was cleared under the app, and offering to restore.
//!
//! Everything lives in localStorage (`storage.rs`). A person can empty it without meaning to lose
//! the year's work: site settings, a "clean up" extension, the developer tools. So a small marker is
//! kept where clearing localStorage does not reach — the Cache API, under a name of its own (the
//! service worker deletes only its shell caches) — saying which device this is (its replica id) and
//! which campaigns it held. On the home page:
//! - the marker names the device stored now: campaigns may have been deleted on purpose; the marker
//!   is brought up to date;
//! - it names another device (the device record went with everything else) and campaigns it lists
//!   are not stored any more: the page says so (`#storage-cleared`), lists them, and offers to open
//!   a backup file through the home page's own open-a-file flow (`#open-bundle`) — and, when a
//!   `server` action is given, to fetch them from the sync server (the home page points at its join
//!   form: the link and its code were cleared with the rest). The notice stays until
//!   every listed campaign is back or the person dismisses it.
//!
//! "Clear site data" also empties the Cache API: then nothing is left to compare with and the app
//! starts as on a new device (SECURITY.md says so). The marker holds names and ids, never data.

use crate::device::Device;
use crate::lang::{t, tf};
use crate::storage::{self, Listed};
use js_sys::{Array, Function, Promise, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const CACHE: &str = "thidua-storage-guard";
const ENTRY: &str = "/__thidua/storage-guard";

/// One campaign as the marker remembers it: enough to name it to a person.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Known {
    pub id: String,
    pub name: String,
    pub year: u16,
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Marker {
    /// The device's replica id when the marker was written.
    pub replica: String,
    pub campaigns: Vec<Known>,
}

/// What the home page should say, given the marker and what is stored now.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Nothing lost: write this marker.
    Keep(Marker),
    /// These campaigns were on this browser and are gone with its device record.
    Cleared(Vec<Known>),
}

/// The decision, apart from the browser: `stored_replica` is the device record's id if there is one,
/// `current` the campaigns stored now (readable or not: an unreadable one is not lost).
pub fn judge(marker: Option<&Marker>, stored_replica: Option<&str>, current: Vec<Known>) -> Verdict {
    let present: std::collections::BTreeSet<&str> = current.iter().map(|k| k.id.as_str()).collect();
    if let Some(m) = marker {
        let same_device = stored_replica == Some(m.replica.as_str());
        let missing: Vec<Known> = m.campaigns.iter().filter(|k| !present.contains(k.id.as_str())).cloned().collect();
        if !same_device && !missing.is_empty() {
            return Verdict::Cleared(missing);
        }
    }
    Verdict::Keep(Marker { replica: stored_replica.unwrap_or_default().to_string(), campaigns: current })
}

fn current_campaigns() -> Vec<Known> {
    storage::list()
        .into_iter()
        .map(|l| match l {
            Listed::Ok(c) => Known { id: c.id.clone(), name: c.bloc.name.clone(), year: c.bloc.year },
            Listed::Unreadable { id, .. } => Known { id, name: String::new(), year: 0 },
        })
        .collect()
}

// --- The Cache API, through Reflect (web-sys is built without its Cache features) ------------

async fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &JsValue::from_str(method))?.dyn_into()?;
    let r = f.apply(target, &args.iter().collect::<Array>())?;
    JsFuture::from(Promise::resolve(&r)).await
}

/// The marker's cache, or `None` where the Cache API is missing (plain http off localhost).
async fn cache() -> Option<JsValue> {
    let window: JsValue = web_sys::window()?.into();
    let caches = Reflect::get(&window, &JsValue::from_str("caches")).ok()?;
    if caches.is_undefined() || caches.is_null() {
        return None;
    }
    call(&caches, "open", &[JsValue::from_str(CACHE)]).await.ok()
}

async fn read_marker() -> Option<Marker> {
    let c = cache().await?;
    let r = call(&c, "match", &[JsValue::from_str(ENTRY)]).await.ok()?;
    if r.is_undefined() || r.is_null() {
        return None;
    }
    let text = call(&r, "text", &[]).await.ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}

async fn write_marker(m: &Marker) -> Option<()> {
    let c = cache().await?;
    let window = web_sys::window()?;
    let response: Function = Reflect::get(&window, &JsValue::from_str("Response")).ok()?.dyn_into().ok()?;
    let body = JsValue::from_str(&serde_json::to_string(m).ok()?);
    let r = Reflect::construct(&response, &Array::of1(&body)).ok()?;
    call(&c, "put", &[JsValue::from_str(ENTRY), r]).await.ok().map(|_| ())
}

/// The marker for this browser as it is now; the device record is saved first if there is none,
/// so that the marker names an id that stays.
async fn remember_now() {
    if Device::stored().is_none() {
        let _ = Device::update(|_| {});
    }
    let replica = Device::stored().map(|d| d.clock.replica);
    if let Verdict::Keep(m) = judge(None, replica.as_deref(), current_campaigns()) {
        let _ = write_marker(&m).await;
    }
}

/// The notice on the home page (nothing when nothing was lost). `server`, when given, is offered
/// as a second way to restore, with the ids of the lost campaigns.
#[component]
pub fn StorageCleared(#[prop(optional, into)] server: Option<Callback<Vec<String>>>) -> impl IntoView {
    let lost = RwSignal::new(Vec::<Known>::new());
    spawn_local(async move {
        let marker = read_marker().await;
        let replica = Device::stored().map(|d| d.clock.replica);
        match judge(marker.as_ref(), replica.as_deref(), current_campaigns()) {
            Verdict::Cleared(missing) => lost.set(missing),
            Verdict::Keep(_) => remember_now().await,
        }
    });
    let open_backup = move |_| {
        // The home page's own file picker: opening a file there restores its campaign.
        if let Some(input) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("open-bundle")) {
            if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
                input.click();
            }
        }
    };
    let dismiss = move |_| {
        lost.set(Vec::new());
        spawn_local(remember_now());
    };
    move || {
        let missing = lost.get();
        if missing.is_empty() {
            return None;
        }
        let items = missing
            .iter()
            .map(|k| {
                let name = if k.name.trim().is_empty() { tf(format!("Chiến dịch {}", k.id), format!("Campaign {}", k.id)) } else { format!("{} — {}", k.name, k.year) };
                view! { <li data-campaign=k.id.clone()>{name}</li> }
            })
            .collect_view();
        let ids: Vec<String> = missing.iter().map(|k| k.id.clone()).collect();
        let from_server = server.map(|cb| {
            let ids = ids.clone();
            view! {
                <button id="storage-cleared-server" on:click=move |_| cb.run(ids.clone())>{t("Tải lại từ máy chủ (nhập mã tham gia)…", "Restore from the server (enter the join code)…")}</button>
            }
        });
        Some(view! {
            <section class="panel" id="storage-cleared" role="alert" aria-labelledby="storage-cleared-title">
                <div class="inline-dialog danger">
                    <h2 id="storage-cleared-title">{t("Dữ liệu trên máy này đã bị xóa", "The data on this device was cleared")}</h2>
                    <p>{t(
                        "Trình duyệt không còn giữ các chiến dịch dưới đây, có thể do bộ nhớ của trang đã bị xóa (cài đặt trình duyệt, phần mềm dọn dẹp). Ứng dụng không tự xóa chúng.",
                        "The browser no longer holds the campaigns below, probably because the site's storage was cleared (browser settings, a clean-up tool). The app did not delete them.",
                    )}</p>
                    <ul class="lost-campaigns" id="storage-cleared-list">{items}</ul>
                    <p>{t(
                        "Để khôi phục, hãy mở tệp sao lưu: tệp dữ liệu (.json) đã xuất từ máy này, hoặc tệp đã gửi đi hay nhận được qua thư điện tử. Mở từng tệp cho từng chiến dịch.",
                        "To restore, open a backup: a data file (.json) exported from this device, or one sent or received by email. Open one file per campaign.",
                    )}</p>
                    {server.map(|_| view! { <p>{t(
                        "Nếu chiến dịch đã đồng bộ với máy chủ, hãy nhập lại mã tham gia (của đơn vị hoặc của Trưởng khối): chiến dịch sẽ được tải về đầy đủ.",
                        "If the campaign was synced with a server, enter the join code again (the unit's or the leader's): the whole campaign is fetched back.",
                    )}</p> })}
                    <div class="actions">
                        <button class="primary" id="storage-cleared-restore" on:click=open_backup>{t("Mở tệp sao lưu…", "Open a backup file…")}</button>
                        {from_server}
                        <button id="storage-cleared-dismiss" on:click=dismiss>{t("Bỏ qua, không khôi phục", "Dismiss, do not restore")}</button>
                    </div>
                </div>
            </section>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(id: &str) -> Known {
        Known { id: id.into(), name: format!("Khối {id}"), year: 2024 }
    }

    #[test]
    fn only_a_cleared_device_with_campaigns_missing_raises_the_notice() {
        let m = Marker { replica: "r1".into(), campaigns: vec![k("a"), k("b")] };
        // Same device, a campaign deleted on purpose: keep, and forget it.
        assert_eq!(judge(Some(&m), Some("r1"), vec![k("a")]), Verdict::Keep(Marker { replica: "r1".into(), campaigns: vec![k("a")] }));
        // Device record gone with the campaigns.
        assert_eq!(judge(Some(&m), None, vec![]), Verdict::Cleared(vec![k("a"), k("b")]));
        // A new device record (made since the clear), one campaign restored.
        assert_eq!(judge(Some(&m), Some("r2"), vec![k("b")]), Verdict::Cleared(vec![k("a")]));
        // Everything restored: keep, under the new id.
        assert_eq!(judge(Some(&m), Some("r2"), vec![k("a"), k("b")]), Verdict::Keep(Marker { replica: "r2".into(), campaigns: vec![k("a"), k("b")] }));
        // No marker yet.
        assert_eq!(judge(None, None, vec![]), Verdict::Keep(Marker::default()));
    }
}
