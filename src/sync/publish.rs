//! The "server" panel of the files tab: the leader puts the campaign on a sync server and hands
//! out the units' join codes; a unit links its copy with its code; either sees the link and can
//! undo it on this device.

use super::agent::use_sync;
use super::engine::{self, describe, SyncError};
use super::http::request_with;
use super::link::{normalise_server, Link};
use crate::lang::{msg, now_ms, t, tf};
use crate::session::{use_session, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use thidua_core::edit::Actor;
use thidua_core::sync::{IssuedCode, Published};

/// The address the app was loaded from: the usual server.
pub fn own_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

#[component]
pub fn SyncPanel() -> impl IntoView {
    let s = use_session();
    let h = use_sync()?;
    Some(
        (move || match h.linked.get() {
            Some(l) => view! { <Linked link=l /> }.into_any(),
            None if s.is_leader() => view! { <PublishForm /> }.into_any(),
            None => view! { <JoinHere /> }.into_any(),
        })
        .into_any(),
    )
}

#[component]
fn PublishForm() -> impl IntoView {
    let s = use_session();
    // Taken here: event handlers and tasks run outside the component's reactive owner.
    let sync = use_sync();
    let server = RwSignal::new(own_origin());
    let key = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let publish = move |_| {
        let Ok(base) = normalise_server(&server.get_untracked()) else {
            error.set(Some(t("Hãy nhập địa chỉ máy chủ.", "Enter the server's address.").into()));
            return;
        };
        let c = s.campaign.get_untracked();
        let bundle = thidua_core::bundle::Bundle::new(&c, engine::producer(&c, &Actor::Leader), thidua_core::bundle::Scope::Whole, now_ms());
        let key = key.get_untracked();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let headers: Vec<(&str, &str)> = if key.is_empty() { vec![] } else { vec![("x-thidua-publish-key", key.as_str())] };
            let result = request_with("POST", &format!("{base}/api/v1/publish"), None, &headers, Some(&bundle.to_json())).await;
            busy.set(false);
            match result.map_err(SyncError::Http).and_then(|text| {
                serde_json::from_str::<Published>(&text).map_err(|e| SyncError::Local(thidua_core::Msg::new(e.to_string(), e.to_string())))
            }) {
                Ok(p) => {
                    let link = Link {
                        server: base,
                        token: p.leader_token,
                        role: Actor::Leader,
                        since: Some(p.version),
                        pushed: Some(bundle.checksum.clone()),
                        pushed_clock: engine::own_clock(&c),
                        last_ok_ms: Some(now_ms()),
                        codes: p.codes,
                    };
                    let id = s.id.get_value();
                    match link.save(&id) {
                        Ok(()) => {
                            s.notice.set(Some(Notice::Info(
                                t("Đã đưa chiến dịch lên máy chủ. Hãy gửi cho mỗi đơn vị mã tham gia của mình.", "The campaign is on the server. Send each unit its join code.").into(),
                            )));
                            if let Some(h) = sync {
                                h.relink(&id);
                            }
                        }
                        Err(e) => error.set(Some(msg(&e.msg()))),
                    }
                }
                Err(e) => error.set(Some(describe(&e))),
            }
        });
    };
    view! {
        <section class="panel sync-panel" id="sync-panel">
            <h3>{t("Đồng bộ qua máy chủ", "Sync through a server")}</h3>
            <p class="intro">{t(
                "Khi có mạng, máy chủ đồng bộ giữ một bản chung của chiến dịch: mỗi đơn vị tham gia bằng mã riêng, dữ liệu tự gửi và nhận, không cần gửi tệp.",
                "When online, a sync server keeps a shared copy of the campaign: each unit joins with its own code and data is sent and received by itself, with no files.",
            )}</p>
            <label class="field">
                <span>{t("Địa chỉ máy chủ", "Server address")}</span>
                <input id="sync-server" type="url" prop:value=move || server.get() on:input=move |ev| server.set(event_target_value(&ev)) />
            </label>
            <details>
                <summary>{t("Khóa đăng tải (nếu máy chủ yêu cầu)", "Publish key (if the server asks for one)")}</summary>
                <label class="field">
                    <span>{t("Khóa đăng tải", "Publish key")}</span>
                    <input id="sync-publish-key" type="password" autocomplete="off" prop:value=move || key.get() on:input=move |ev| key.set(event_target_value(&ev)) />
                </label>
            </details>
            <button id="sync-publish" class="primary" disabled=move || busy.get() on:click=publish>
                {move || if busy.get() { t("Đang gửi…", "Sending…") } else { t("Đưa chiến dịch lên máy chủ", "Put the campaign on the server") }}
            </button>
            {move || error.get().map(|e| view! { <p class="error" role="alert" id="sync-error">{e}</p> })}
        </section>
    }
}

/// A unit linking the copy it has (received as a file) with the code the leader sent.
#[component]
fn JoinHere() -> impl IntoView {
    let s = use_session();
    let sync = use_sync();
    let server = RwSignal::new(own_origin());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let join = move |_| {
        let Ok(base) = normalise_server(&server.get_untracked()) else {
            error.set(Some(t("Hãy nhập địa chỉ máy chủ.", "Enter the server's address.").into()));
            return;
        };
        let token = code.get_untracked().trim().to_string();
        if token.is_empty() {
            error.set(Some(t("Hãy nhập mã tham gia.", "Enter the join code.").into()));
            return;
        }
        let id = s.id.get_value();
        let acting = s.actor.get_untracked();
        spawn_local(async move {
            match engine::session(&base, &token).await {
                Ok(info) if info.campaign_id != id => error.set(Some(t("Mã này thuộc một chiến dịch khác.", "This code belongs to another campaign.").into())),
                Ok(info) if acting.as_ref() != Some(&info.role) => error.set(Some(match &info.role {
                    Actor::Unit(u) => tf(format!("Mã này là của đơn vị «{u}», không phải đơn vị bạn đang làm việc thay mặt."), format!("This code is unit «{u}»'s, not the one you act for.")),
                    Actor::Leader => t("Đây là mã của trưởng khối.", "This is the leader's credential.").into(),
                })),
                Ok(info) => {
                    let link = Link { server: base, token, role: info.role, since: None, pushed: None, pushed_clock: 0, last_ok_ms: None, codes: Default::default() };
                    match link.save(&id) {
                        Ok(()) => {
                            if let Some(h) = sync {
                                h.relink(&id);
                            }
                        }
                        Err(e) => error.set(Some(msg(&e.msg()))),
                    }
                }
                Err(e) => error.set(Some(describe(&e))),
            }
        });
    };
    view! {
        <section class="panel sync-panel" id="sync-panel">
            <h3>{t("Đồng bộ qua máy chủ", "Sync through a server")}</h3>
            <p class="intro">{t(
                "Nếu Trưởng khối đã đưa chiến dịch lên máy chủ, hãy nhập mã tham gia của đơn vị: dữ liệu sẽ tự gửi và nhận khi có mạng.",
                "If the leader has put the campaign on a server, enter your unit's join code: data is then sent and received by itself when online.",
            )}</p>
            <label class="field">
                <span>{t("Địa chỉ máy chủ", "Server address")}</span>
                <input id="sync-server" type="url" prop:value=move || server.get() on:input=move |ev| server.set(event_target_value(&ev)) />
            </label>
            <label class="field">
                <span>{t("Mã tham gia", "Join code")}</span>
                <input id="sync-code" type="text" autocomplete="off" spellcheck="false" prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
            </label>
            <button id="sync-join" class="primary" on:click=join>{t("Nối với máy chủ", "Link to the server")}</button>
            {move || error.get().map(|e| view! { <p class="error" role="alert" id="sync-error">{e}</p> })}
        </section>
    }
}

#[component]
fn Linked(link: Link) -> impl IntoView {
    let s = use_session();
    let sync = use_sync();
    let error = RwSignal::new(None::<String>);
    let codes = RwSignal::new(link.codes.clone());
    let is_leader = link.role == Actor::Leader;
    let creds = StoredValue::new((link.server.clone(), link.token.clone()));
    let reissue = move |unit: String| {
        let (server, token) = creds.get_value();
        spawn_local(async move {
            let url = format!("{server}/api/v1/codes/{}", js_sys::encode_uri_component(&unit));
            match request_with("POST", &url, Some(&token), &[], Some("{}")).await {
                Ok(text) => match serde_json::from_str::<IssuedCode>(&text) {
                    Ok(issued) => {
                        let id = s.id.get_value();
                        let _ = Link::update(&id, |l| {
                            l.codes.insert(issued.unit.clone(), issued.code.clone());
                        });
                        codes.update(|c| {
                            c.insert(issued.unit, issued.code);
                        });
                    }
                    Err(e) => error.set(Some(e.to_string())),
                },
                Err(e) => error.set(Some(describe(&SyncError::Http(e)))),
            }
        });
    };
    let unlink = move |_| {
        let id = s.id.get_value();
        match Link::remove(&id) {
            Ok(()) => {
                if let Some(h) = sync {
                    h.relink(&id);
                }
            }
            Err(e) => error.set(Some(msg(&e.msg()))),
        }
    };
    let role = match &link.role {
        Actor::Leader => t("Trưởng khối", "Bloc leader").to_string(),
        Actor::Unit(u) => s.campaign.with_untracked(|c| c.unit(u).map(|x| x.info.name.clone()).unwrap_or_else(|| u.clone())),
    };
    let rows = move || {
        s.campaign.with(|c| {
            c.active_units()
                .map(|u| (u.code.clone(), u.info.name.clone(), codes.with(|m| m.get(&u.code).cloned())))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="panel sync-panel" id="sync-panel">
            <h3>{t("Đồng bộ qua máy chủ", "Sync through a server")}</h3>
            <p id="sync-linked">
                {tf(format!("Đã nối với {} — với vai trò: {role}.", link.server), format!("Linked to {} — as: {role}.", link.server))}
            </p>
            {is_leader.then(|| view! {
                <p class="intro">{t(
                    "Gửi cho mỗi đơn vị mã tham gia của mình (qua thư điện tử hoặc điện thoại). Cấp lại mã khi mã bị lộ: mã cũ hết hiệu lực ngay.",
                    "Send each unit its own join code (by email or phone). Reissue a code if it leaked: the old one stops working at once.",
                )}</p>
                <div class="table-scroll">
                    <table class="codes" id="join-codes">
                        <thead><tr><th>{t("Đơn vị", "Unit")}</th><th>{t("Mã tham gia", "Join code")}</th><th></th></tr></thead>
                        <tbody>
                            {move || rows().into_iter().map(|(code, name, join)| {
                                let (unit, attr, label, reissue_attr) = (code.clone(), code.clone(), code.clone(), code);
                                view! {
                                    <tr data-code-unit=attr>
                                        <td>{name}" "<span class="muted">"("{label}")"</span></td>
                                        <td class="code">{join.unwrap_or_else(|| t("(chưa có)", "(none yet)").into())}</td>
                                        <td><button type="button" class="link" data-reissue=reissue_attr on:click=move |_| reissue(unit.clone())>{t("Cấp mã mới", "New code")}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            <button type="button" id="sync-unlink" on:click=unlink>{t("Ngắt kết nối trên máy này", "Unlink on this device")}</button>
            {move || error.get().map(|e| view! { <p class="error" role="alert" id="sync-error">{e}</p> })}
        </section>
    }
}
