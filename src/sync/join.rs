//! On the home page: a unit (or the leader on another device) joins a campaign that is on a sync
//! server with its code; the campaign arrives from the server and syncs from then on.

use super::engine::{self, describe};
use super::link::{normalise_server, Link};
use super::publish::own_origin;
use crate::device::Device;
use crate::lang::{now_ms, t};
use crate::route::{go, Route, Tab};
use crate::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn JoinForm() -> impl IntoView {
    let server = RwSignal::new(own_origin());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let join = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(base) = normalise_server(&server.get_untracked()) else {
            error.set(Some(t("Hãy nhập địa chỉ máy chủ.", "Enter the server's address.").into()));
            return;
        };
        let token = code.get_untracked().trim().to_string();
        if token.is_empty() {
            error.set(Some(t("Hãy nhập mã tham gia.", "Enter the join code.").into()));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = async {
                let info = engine::session(&base, &token).await?;
                let (mut b, version) = engine::pull_all(&base, &token).await?;
                let id = info.campaign_id.clone();
                let stored = if storage::load(&id).is_ok() {
                    storage::update(&id, |c| {
                        *c = thidua_core::bundle::apply(c, &b, now_ms())?;
                        Ok(())
                    })
                } else {
                    // The server is trusted no more than a file: a campaign new to this device is
                    // checked as opening a file checks it (nothing to preview against).
                    thidua_core::untrusted::check_opened(&b.content, now_ms()).map_err(engine::SyncError::Local)?;
                    storage::save(&mut b.content).map(|()| b.content.clone())
                }
                .map_err(|e| engine::SyncError::Local(e.msg()))?;
                let _ = Device::update(|d| {
                    d.clock.observe(&thidua_core::merge::max_stamp(&stored));
                    d.acting.insert(id.clone(), info.role.clone());
                });
                let link = Link { server: base.clone(), token: token.clone(), role: info.role, since: Some(version), pushed: None, pushed_clock: 0, last_ok_ms: Some(now_ms()), codes: Default::default() };
                link.save(&id).map_err(|e| engine::SyncError::Local(e.msg()))?;
                Ok::<String, engine::SyncError>(id)
            }
            .await;
            busy.set(false);
            match result {
                Ok(id) => go(&Route::Campaign { id, tab: Tab::Overview }),
                Err(e) => error.set(Some(describe(&e))),
            }
        });
    };
    view! {
        <form class="panel join" id="join-form" on:submit=join>
            <h3>{t("Tham gia bằng mã", "Join with a code")}</h3>
            <p class="intro">{t(
                "Nhập mã tham gia Trưởng khối gửi cho đơn vị: chiến dịch được tải về từ máy chủ và tự đồng bộ khi có mạng.",
                "Enter the join code the bloc leader sent your unit: the campaign is fetched from the server and syncs by itself when online.",
            )}</p>
            <div class="join-fields">
                <label class="field">
                    <span>{t("Mã tham gia", "Join code")}</span>
                    <input id="join-code" type="text" autocomplete="off" spellcheck="false" placeholder="XXXX-XXXX-XXXX-XXXX"
                        prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{t("Địa chỉ máy chủ", "Server address")}</span>
                    <input id="join-server" type="url" prop:value=move || server.get() on:input=move |ev| server.set(event_target_value(&ev)) />
                </label>
            </div>
            <button id="join-submit" class="primary" type="submit" disabled=move || busy.get()>
                {move || if busy.get() { t("Đang tải…", "Fetching…") } else { t("Tham gia", "Join") }}
            </button>
            {move || error.get().map(|e| view! { <p class="error" role="alert" id="join-error">{e}</p> })}
        </form>
    }
}
