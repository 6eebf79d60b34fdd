//! When a linked campaign syncs, and what the person sees of it. Syncs when the campaign opens,
//! when the browser comes back online, every half minute while online, a moment after each edit,
//! and on the button; after a failure it waits longer each time (up to five minutes) before trying
//! again by itself. The status is always on screen: synced, changes waiting, offline, or the error.

use super::engine::{self, describe, has_unsent, SyncError};
use super::link::Link;
use crate::lang::{t, tf};
use crate::session::use_session;
use leptos::leptos_dom::helpers::{set_interval_with_handle, set_timeout_with_handle, window_event_listener, TimeoutHandle};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(30);
/// After an edit: long enough to gather a burst of typing into one sync.
const AFTER_EDIT: Duration = Duration::from_millis(1500);
const MAX_BACKOFF_S: u64 = 300;

#[derive(Debug, Clone, PartialEq)]
enum Status {
    Syncing,
    Synced { at_ms: u64 },
    Offline,
    Failed { reason: String, retry_s: u64 },
}

fn online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// Wait before the `failures`-th retry: 5 s, 10 s, 20 s … up to five minutes.
fn backoff(failures: u32) -> u64 {
    (5u64 << failures.saturating_sub(1).min(6)).min(MAX_BACKOFF_S)
}

/// The open campaign's syncing, for the screens that show or start it (context).
#[derive(Clone, Copy)]
pub struct SyncHandle {
    /// The campaign's link as last read (`None`: not on a server).
    pub linked: RwSignal<Option<Link>>,
    status: RwSignal<Status>,
    runner: StoredValue<Option<Arc<dyn Fn() + Send + Sync>>>,
}

impl SyncHandle {
    /// Syncs now (or as soon as the sync under way ends).
    pub fn run(&self) {
        if let Some(r) = self.runner.get_value() {
            r();
        }
    }

    /// The link was made or removed on this device: read it again and sync.
    pub fn relink(&self, id: &str) {
        self.linked.set(Link::load(id));
        self.run();
    }
}

pub fn use_sync() -> Option<SyncHandle> {
    use_context::<SyncHandle>()
}

/// Starts the syncing of the open campaign (a campaign that is not linked to a server is simply
/// never synced) and provides its [`SyncHandle`].
pub fn start() -> SyncHandle {
    let s = use_session();
    let id = s.id.get_value();
    let linked = RwSignal::new(Link::load(&id));
    let status = RwSignal::new(if online() { Status::Syncing } else { Status::Offline });
    let busy = StoredValue::new(false);
    let again = StoredValue::new(false);
    let failures = StoredValue::new(0u32);
    let retry: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let debounce: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);

    // Timers and listeners call `run_later`, which finds `run` in the reactive owner: `run` itself
    // schedules `run_later` for its retries.
    let runner: StoredValue<Option<Arc<dyn Fn() + Send + Sync>>> = StoredValue::new(None);
    let run_later = move || {
        if let Some(r) = runner.get_value() {
            r();
        }
    };
    let run = move || {
        if Link::load(&s.id.get_value()).is_none() {
            linked.set(None);
            return;
        }
        if busy.get_value() {
            again.set_value(true);
            return;
        }
        if !online() {
            status.set(Status::Offline);
            return;
        }
        busy.set_value(true);
        status.set(Status::Syncing);
        let id = s.id.get_value();
        spawn_local(async move {
            let result = engine::sync_once(&id).await;
            busy.set_value(false);
            linked.set(Link::load(&id));
            match result {
                Ok(changed) => {
                    failures.set_value(0);
                    if let Some(c) = changed {
                        s.campaign.set(c);
                    }
                    status.set(Status::Synced { at_ms: crate::lang::now_ms() });
                }
                Err(SyncError::NotLinked) => {}
                Err(e) => {
                    let n = failures.get_value() + 1;
                    failures.set_value(n);
                    let retry_s = backoff(n);
                    status.set(if online() { Status::Failed { reason: describe(&e), retry_s } } else { Status::Offline });
                    schedule(retry, Duration::from_secs(retry_s), run_later);
                }
            }
            if again.get_value() {
                again.set_value(false);
                schedule(debounce, AFTER_EDIT, run_later);
            }
        });
    };
    runner.set_value(Some(Arc::new(run)));
    fn schedule(slot: StoredValue<Option<TimeoutHandle>>, after: Duration, f: impl Fn() + Copy + 'static) {
        if let Some(h) = slot.get_value() {
            h.clear();
        }
        slot.set_value(set_timeout_with_handle(f, after).ok());
    }

    Effect::new(move |_| run_later());
    // A moment after edits (once the campaign has settled: the check makes the whole bundle), if
    // there is something to send.
    Effect::new(move |prev: Option<()>| {
        s.settled.track();
        if prev.is_some() {
            let has = Link::load(&s.id.get_value()).is_some_and(|l| s.campaign.with_untracked(|c| has_unsent(c, &l)));
            if has {
                schedule(debounce, AFTER_EDIT, run_later);
            }
        }
    });
    if let Ok(h) = set_interval_with_handle(run_later, EVERY) {
        on_cleanup(move || h.clear());
    }
    let on = window_event_listener(leptos::ev::online, move |_| run_later());
    let off = window_event_listener(leptos::ev::offline, move |_| status.set(Status::Offline));
    on_cleanup(move || {
        on.remove();
        off.remove();
        for slot in [retry, debounce] {
            if let Some(h) = slot.get_value() {
                h.clear();
            }
        }
    });

    let handle = SyncHandle { linked, status, runner };
    provide_context(handle);
    handle
}

/// The status line of a linked campaign, on every screen of it; nothing for one not linked.
#[component]
pub fn SyncStatus() -> impl IntoView {
    let s = use_session();
    let h = use_sync()?;
    let (linked, status) = (h.linked, h.status);
    // Follows `settled`, not each edit: both walk the whole campaign.
    let waiting = move || {
        let l = linked.get()?;
        s.settled.track();
        let n = s.campaign.with_untracked(|c| {
            let me = crate::device::Device::load().clock.replica;
            thidua_core::merge::writes_by(c, &me, l.pushed_clock).len()
        });
        let unsent = s.campaign.with_untracked(|c| has_unsent(c, &l));
        Some((n, unsent))
    };
    Some((move || {
        let l = linked.get()?;
        let (n, unsent) = waiting().unwrap_or((0, false));
        let (state, text) = match status.get() {
            Status::Syncing => ("syncing", t("Đang đồng bộ…", "Syncing…").to_string()),
            Status::Offline => (
                "offline",
                if n > 0 {
                    tf(format!("Ngoại tuyến — {n} thay đổi sẽ gửi khi có mạng"), format!("Offline — {n} changes will be sent when online"))
                } else {
                    t("Ngoại tuyến", "Offline").to_string()
                },
            ),
            Status::Failed { reason, retry_s } => (
                "error",
                tf(format!("Lỗi đồng bộ: {reason} Thử lại sau {retry_s} giây."), format!("Sync error: {reason} Retrying in {retry_s} s.")),
            ),
            Status::Synced { .. } if unsent => (
                "waiting",
                if n > 0 { tf(format!("{n} thay đổi chờ gửi"), format!("{n} changes waiting")) } else { t("Có thay đổi chờ gửi", "Changes waiting").to_string() },
            ),
            Status::Synced { at_ms } => (
                "synced",
                tf(format!("Đã đồng bộ lúc {}", hh_mm(at_ms)), format!("Synced at {}", hh_mm(at_ms))),
            ),
        };
        let server = l.server.clone();
        Some(view! {
            <div class="sync-status" id="sync-status" data-state=state role="status" title=server>
                <span class="dot" aria-hidden="true"></span>
                <span id="sync-text">{text}</span>
                <button type="button" id="sync-now" class="link" on:click=move |_| h.run()>{t("Đồng bộ ngay", "Sync now")}</button>
            </div>
        })
    }).into_any())
}

fn hh_mm(ms: u64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}
