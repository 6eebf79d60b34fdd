//! Exchanging work as files when there is no network: export this device's part (a unit) or the
//! whole campaign (the leader) as a bundle; import a bundle received by email after seeing what
//! it would change. Everything is checked and merged by the core.

use crate::device::Device;
use crate::download::{download_text, file_name};
use crate::file_read::read_file;
use crate::lang::{msg, now_ms, t, tf};
use crate::session::{use_session, Notice};
use crate::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use thidua_core::bundle::{self, Bundle, Producer, Scope};
use thidua_core::edit::Actor;
use web_sys::HtmlInputElement;

/// Who this device says it is, for the bundle's producer.
fn producer(c: &thidua_core::Campaign, actor: &Actor) -> Producer {
    let label = match actor {
        Actor::Leader => "Trưởng khối".to_string(),
        Actor::Unit(u) => c.unit(u).map(|x| x.info.name.clone()).unwrap_or_else(|| u.clone()),
    };
    Producer { replica: Device::load().clock.replica, actor: actor.clone(), label }
}

#[component]
pub fn Exchange() -> impl IntoView {
    view! {
        <section class="panel exchange">
            <h3>{t("Gửi dữ liệu bằng tệp", "Send data as a file")}</h3>
            <p class="intro">{t(
                "Khi không có mạng, hãy xuất tệp dữ liệu và gửi qua thư điện tử (hoặc Zalo). Bên nhận mở tab này và nhập tệp: các thay đổi được hợp nhất, không mất dữ liệu của ai.",
                "With no network, export a data file and send it by email (or chat). The receiver opens this tab and imports it: changes are merged and nobody's work is lost.",
            )}</p>
            <ExportButtons />
        </section>
        <ImportBundle />
        <crate::conflicts::Conflicts />
    }
}

/// Notes that everything this device wrote so far has left it in a file.
fn remember_export(c: &thidua_core::Campaign) {
    let id = c.id.clone();
    let _ = Device::update(|d| {
        let clock = own_writes(c, &d.clock.replica, 0).into_iter().max().unwrap_or(0);
        d.exported.insert(id, crate::device::Exported { at_ms: now_ms(), clock });
    });
}

/// Clocks of the writes this replica made after `since`.
fn own_writes(c: &thidua_core::Campaign, replica: &str, since: u64) -> Vec<u64> {
    thidua_core::merge::fields(c)
        .into_iter()
        .filter(|f| f.stamp.replica == replica && f.stamp.clock > since)
        .map(|f| f.stamp.clock)
        .collect()
}

/// "3 changes on this device have not been sent since …": shown on every screen of a campaign.
#[component]
pub fn UnsentReminder() -> impl IntoView {
    let s = use_session();
    move || {
        let device = Device::load();
        let id = s.id.get_value();
        let last = device.exported.get(&id).copied();
        let pending = s.campaign.with(|c| own_writes(c, &device.clock.replica, last.map(|e| e.clock).unwrap_or(0)).len());
        if pending == 0 {
            return None;
        }
        let since = match last {
            Some(e) => tf(
                format!(" kể từ lần xuất tệp lúc {}", crate::conflicts::stamp_time(&thidua_core::Stamp { clock: e.at_ms, replica: String::new() })),
                format!(" since the export at {}", crate::conflicts::stamp_time(&thidua_core::Stamp { clock: e.at_ms, replica: String::new() })),
            ),
            None => t(" (chưa xuất tệp lần nào)", " (never exported)").to_string(),
        };
        let href = crate::route::Route::Campaign { id, tab: crate::route::Tab::Exchange }.href();
        Some(view! {
            <p class="reminder" id="unsent">
                <span id="unsent-count">{tf(
                    format!("{pending} thay đổi trên máy này chưa được gửi đi{since}."),
                    format!("{pending} changes on this device have not been sent{since}."),
                )}</span>
                " "
                <a href=href>{t("Xuất tệp / sao lưu", "Export / back up")}</a>
            </p>
        })
    }
}

#[component]
fn ExportButtons() -> impl IntoView {
    let s = use_session();
    let export = move |scope: Scope| {
        let Some(actor) = s.actor.get_untracked() else { return };
        let c = s.campaign.get_untracked();
        let b = Bundle::new(&c, producer(&c, &actor), scope.clone(), now_ms());
        let who = match &scope {
            Scope::Whole => "toan-bo".to_string(),
            Scope::Unit(u) => u.clone(),
        };
        let date = crate::lang::today().replace('/', "-");
        let name = file_name(&[&c.bloc.name, &c.bloc.year.to_string(), &who, &date], "json");
        if download_text(&name, "application/json", &b.to_json()) {
            remember_export(&c);
        } else {
            s.notice.set(Some(Notice::Error(t("Trình duyệt không cho tải tệp xuống.", "The browser refused the download.").into())));
        }
    };
    move || {
        let mine = s.acting_unit().map(|u| {
            let u2 = u.clone();
            view! {
                <button id="export-mine" class="primary" on:click=move |_| export(Scope::Unit(u2.clone()))>
                    {tf(format!("Xuất phần của đơn vị {u}"), format!("Export unit {u}'s part"))}
                </button>
            }
        });
        view! {
            <div class="actions">
                {mine}
                <button id="export-whole" class:primary=s.is_leader() on:click=move |_| export(Scope::Whole)>
                    {t("Xuất toàn bộ chiến dịch", "Export the whole campaign")}
                </button>
            </div>
        }
    }
}

#[component]
fn ImportBundle() -> impl IntoView {
    let s = use_session();
    // The bundle read from a file and what it would change; applied only on confirmation.
    let pending = RwSignal::new(None::<(Bundle, String)>);
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
        input.set_value("");
        spawn_local(async move {
            pending.set(None);
            error.set(None);
            let Some(loaded) = read_file(&file).await else {
                error.set(Some(t("Không đọc được tệp.", "Could not read the file.").into()));
                return;
            };
            let text = String::from_utf8_lossy(&loaded.bytes).into_owned();
            let ours = s.campaign.get_untracked();
            match Bundle::from_json(&text).and_then(|b| bundle::preview(&ours, &b, now_ms()).map(|p| (b, p))) {
                Ok((b, p)) => {
                    if p.refused.is_empty() {
                        pending.set(Some((b, msg(&p.summary()))));
                    } else {
                        let reasons: Vec<String> = p.refused.iter().map(msg).collect();
                        error.set(Some(format!("{} {}", t("Tệp bị từ chối:", "File refused:"), reasons.join("; "))));
                    }
                }
                Err(m) => error.set(Some(msg(&m))),
            }
        });
    };
    let apply = move |_| {
        let Some((b, _)) = pending.get_untracked() else { return };
        let id = s.id.get_value();
        let now = now_ms();
        match storage::update(&id, |c| {
            let merged = bundle::apply(c, &b, now)?;
            *c = merged;
            Ok(())
        }) {
            Ok(c) => {
                let _ = Device::update(|d| d.clock.observe(&thidua_core::merge::max_stamp(&c)));
                s.campaign.set(c);
                pending.set(None);
                s.notice.set(Some(Notice::Info(tf(
                    format!("Đã nhập dữ liệu từ {}.", b.producer.label),
                    format!("Imported the data from {}.", b.producer.label),
                ))));
            }
            Err(e) => error.set(Some(msg(&e.msg()))),
        }
    };
    view! {
        <section class="panel exchange">
            <h3>{t("Nhập tệp dữ liệu nhận được", "Import a received data file")}</h3>
            <label class="field">
                <span>{t("Tệp dữ liệu (.json)", "Data file (.json)")}</span>
                <input id="import-bundle" type="file" accept=".json,application/json" on:change=on_change />
            </label>
            {move || error.get().map(|e| view! { <p class="error" role="alert" id="import-error">{e}</p> })}
            {move || pending.get().map(|(b, summary)| view! {
                <div class="inline-dialog" id="import-preview">
                    <p>
                        <strong>{tf(format!("Từ: {}", b.producer.label), format!("From: {}", b.producer.label))}</strong>
                        " — "
                        <span id="import-summary">{summary}</span>
                    </p>
                    <button id="import-apply" class="primary" on:click=apply>{t("Nhập tất cả thay đổi", "Apply all changes")}</button>
                    <button id="import-cancel" on:click=move |_| pending.set(None)>{t("Bỏ qua", "Cancel")}</button>
                </div>
            })}
        </section>
    }
}
