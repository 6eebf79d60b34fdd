//! Exchanging work as files when there is no network: export this device's part (a unit) or the
//! whole campaign (the leader) as a bundle, as a download or through the phone's share sheet;
//! import a bundle received by email (picked or dropped) after seeing what it would change.
//! Everything is checked and merged by the core.

use crate::device::Device;
use crate::download::{download_text, file_name};
use crate::lang::{now_ms, t, tf};
use crate::session::{use_session, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use thidua_core::bundle::{Bundle, Producer, Scope};
use thidua_core::edit::Actor;

mod drop_zone;
mod import;
mod rehearsal;
mod share;

pub use drop_zone::drop_zone;

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
        <import::ImportBundle />
        <crate::sync::publish::SyncPanel />
        <crate::conflicts::Conflicts />
    }
}

/// Notes that everything this device wrote so far has left it in a file.
fn remember_export(c: &thidua_core::Campaign) {
    let id = c.id.clone();
    let _ = Device::update(|d| {
        let clock = thidua_core::merge::writes_by(c, &d.clock.replica, 0).into_iter().max().unwrap_or(0);
        d.exported.insert(id, crate::device::Exported { at_ms: now_ms(), clock });
    });
}

/// "3 changes on this device have not been sent since …": shown on every screen of a campaign.
#[component]
pub fn UnsentReminder() -> impl IntoView {
    let s = use_session();
    // Follows `settled`, not each edit: the count walks every field of the campaign.
    move || {
        let device = Device::load();
        let id = s.id.get_value();
        let last = device.exported.get(&id).copied();
        // A campaign linked to a server says what is waiting in its sync status instead.
        if crate::sync::link::Link::load(&id).is_some() {
            return None;
        }
        s.settled.track();
        let pending = s.campaign.with_untracked(|c| thidua_core::merge::writes_by(c, &device.clock.replica, last.map(|e| e.clock).unwrap_or(0)).len());
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

/// The file an export makes, downloaded or shared alike: its name (bloc, year, whose, date) and text.
fn export_file(c: &thidua_core::Campaign, actor: &Actor, scope: &Scope) -> (String, String) {
    let b = Bundle::new(c, producer(c, actor), scope.clone(), now_ms());
    let who = match scope {
        Scope::Whole => "toan-bo".to_string(),
        Scope::Unit(u) => u.clone(),
    };
    let date = crate::lang::today().replace('/', "-");
    (file_name(&[&c.bloc.name, &c.bloc.year.to_string(), &who, &date], "json"), b.to_json())
}

#[component]
fn ExportButtons() -> impl IntoView {
    let s = use_session();
    let export = move |scope: Scope| {
        let Some(actor) = s.actor.get_untracked() else { return };
        let c = s.campaign.get_untracked();
        let (name, text) = export_file(&c, &actor, &scope);
        if download_text(&name, "application/json", &text) {
            remember_export(&c);
        } else {
            s.notice.set(Some(Notice::Error(t("Trình duyệt không cho tải tệp xuống.", "The browser refused the download.").into())));
        }
    };
    let share_it = move |scope: Scope| {
        let Some(actor) = s.actor.get_untracked() else { return };
        let c = s.campaign.get_untracked();
        let (name, text) = export_file(&c, &actor, &scope);
        let fail = move |why: String| {
            s.notice.set(Some(Notice::Error(tf(format!("Không chia sẻ được tệp ({why})."), format!("Could not share the file ({why}).")))));
        };
        let Some(file) = share::json_file(&name, &text) else { return fail("File".into()) };
        let title = format!("Thi đua — {} {}", c.bloc.name, c.bloc.year);
        let body = tf(format!("Tệp dữ liệu Thi đua: {name}"), format!("Thi đua data file: {name}"));
        match share::share(&file, &title, &body) {
            Err(why) => fail(why),
            Ok(done) => spawn_local(async move {
                match done.await {
                    share::Shared::Done => {
                        remember_export(&c);
                        s.notice.set(Some(Notice::Info(tf(format!("Đã chia sẻ tệp {name}."), format!("Shared the file {name}.")))));
                    }
                    share::Shared::Cancelled => {}
                    share::Shared::Failed(why) => fail(why),
                }
            }),
        }
    };
    // Probed once with a file like the exports: desktop browsers mostly cannot share files.
    let can_share = share::json_file("thidua.json", "{}").is_some_and(|f| share::can_share(&f));
    move || {
        let mine = s.acting_unit().map(|u| {
            let (u2, u3) = (u.clone(), u.clone());
            view! {
                <span class="export-pair">
                    <button id="export-mine" class="primary" on:click=move |_| export(Scope::Unit(u2.clone()))>
                        {tf(format!("Xuất phần của đơn vị {u}"), format!("Export unit {u}'s part"))}
                    </button>
                    {can_share.then(|| view! {
                        <button id="share-mine" class="share" title=tf(format!("Chia sẻ phần của đơn vị {u3} qua ứng dụng khác (thư, Zalo…)"), format!("Share unit {u3}'s part with another app (mail, chat…)"))
                            on:click=move |_| share_it(Scope::Unit(u3.clone()))>
                            {t("Chia sẻ…", "Share…")}
                        </button>
                    })}
                </span>
            }
        });
        view! {
            <div class="actions">
                {mine}
                <span class="export-pair">
                    <button id="export-whole" class:primary=s.is_leader() on:click=move |_| export(Scope::Whole)>
                        {t("Xuất toàn bộ chiến dịch", "Export the whole campaign")}
                    </button>
                    {can_share.then(|| view! {
                        <button id="share-whole" class="share" title=t("Chia sẻ toàn bộ chiến dịch qua ứng dụng khác (thư, Zalo…)", "Share the whole campaign with another app (mail, chat…)")
                            on:click=move |_| share_it(Scope::Whole)>
                            {t("Chia sẻ…", "Share…")}
                        </button>
                    })}
                </span>
            </div>
        }
    }
}
