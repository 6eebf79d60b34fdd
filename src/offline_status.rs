//! Working with no network, said quietly: a badge in the masthead when offline or when a new
//! version waits, and one line in the footer with the connection and the storage used.

use crate::lang::{t, tf, Lang};
use crate::offline::{apply_update, state};
use leptos::prelude::*;

// The styles are few and belong to these two pieces only, so they are kept here. The update
// notice takes a line of its own under the masthead row, so the row never has to squeeze.
const OFFLINE_BADGE: &str = "margin-left:auto;";
const UPDATE: &str = "order:3;flex-basis:100%;display:flex;flex-wrap:wrap;align-items:center;\
    gap:0.5rem 0.75rem;margin:0;padding:0.35rem 0.35rem 0.35rem 0.75rem;border:1px solid #b8cfee;\
    border-radius:6px;background:#eaf2fc;color:#173f73;font-size:0.9rem;";
const UPDATE_BUTTON: &str = "min-height:2rem;padding:0.2rem 0.75rem;font-size:0.875rem;";

/// Masthead: "Ngoại tuyến" while offline; the update notice when a new version waits.
#[component]
pub fn OfflineBadge() -> impl IntoView {
    let s = state();
    let online = s.online.clone();
    let ready = s.update_ready.clone();
    view! {
        <Show when=move || !online.get()>
            <span id="net-badge" class="stage" style=OFFLINE_BADGE>{t("Ngoại tuyến", "Offline")}</span>
        </Show>
        <Show when=move || ready.get()>
            <p id="update-ready" role="status" style=UPDATE>
                <span>{t(
                    "Có phiên bản mới của ứng dụng. Dữ liệu không bị ảnh hưởng.",
                    "A new version of the app is ready. Your data is not affected.",
                )}</span>
                <button id="update-reload" type="button" class="primary" style=UPDATE_BUTTON on:click=move |_| apply_update()>
                    {t("Tải lại để cập nhật", "Reload to update")}
                </button>
            </p>
        </Show>
    }
}

/// Footer: connection, storage used of the allowed quota, and whether the browser keeps it.
#[component]
pub fn OfflineStatus() -> impl IntoView {
    let s = state();
    let online = s.online.clone();
    let usage = s.usage.clone();
    let usage_known = s.usage.clone();
    let persisted = s.persisted.clone();
    let persisted_known = s.persisted.clone();
    view! {
        <p class="offline-status">
            <span id="net-status" role="status">{move || if online.get() {
                t("Đang có mạng", "Online")
            } else {
                t("Ngoại tuyến — dữ liệu vẫn được lưu trên máy", "Offline — your data is still kept on this device")
            }}</span>
            <Show when=move || usage_known.get().is_some()>
                " · "
                <span id="storage-usage">{
                    let usage = usage.clone();
                    move || usage.get().map(|u| tf(
                        format!("Đã dùng {} / {}", size(u.used, Lang::Vi), size(u.quota, Lang::Vi)),
                        format!("Used {} of {}", size(u.used, Lang::En), size(u.quota, Lang::En)),
                    ))
                }</span>
            </Show>
            <Show when=move || persisted_known.get().is_some()>
                " · "
                <span
                    id="storage-persisted"
                    title=t(
                        "Khi được lưu bền vững, trình duyệt không tự xoá dữ liệu lúc máy thiếu dung lượng.",
                        "With persistent storage the browser does not clear the data when the disk runs low.",
                    )
                >{
                    let persisted = persisted.clone();
                    move || if persisted.get() == Some(true) {
                        t("lưu trữ bền vững: có", "persistent storage: yes")
                    } else {
                        t("lưu trữ bền vững: không", "persistent storage: no")
                    }
                }</span>
            </Show>
        </p>
    }
}

/// `1,2 MB`, `850 KB`, `300 GB`: one decimal below 10, none above (decimal comma in Vietnamese).
fn size(bytes: f64, lang: Lang) -> String {
    const KB: f64 = 1024.0;
    let (value, unit) = if bytes >= KB * KB * KB {
        (bytes / (KB * KB * KB), "GB")
    } else if bytes >= KB * KB {
        (bytes / (KB * KB), "MB")
    } else {
        (bytes / KB, "KB")
    };
    let text = if value < 10.0 && unit != "KB" {
        let tenths = (value * 10.0).round() / 10.0;
        let s = format!("{tenths:.1}");
        let s = s.strip_suffix(".0").map(str::to_string).unwrap_or(s);
        match lang {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        }
    } else {
        format!("{}", value.round())
    };
    format!("{text} {unit}")
}
