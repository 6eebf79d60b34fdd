//! The campaigns on this device: open one, start a new one (from scratch, from spreadsheets, or as
//! next year's), archive or delete.

use crate::device::Device;
use crate::lang::{lang, msg, t, Lang};
use crate::lazy::{self, later, later_with, Shown};
use crate::route::{go, Route, Tab};
use crate::storage::{self, Listed};
use leptos::prelude::*;
use thidua_core::edit::Actor;
use thidua_core::handover::next_year;
use thidua_core::stage::Stage;
use thidua_core::Campaign;

/// The home screen. Its head and actions are in the main module, there as soon as the app starts;
/// the list and everything else that reads stored campaigns is fetched then (`lazy`).
#[component]
pub fn Home() -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    // What the home screen receives from elsewhere is fetched once the list is here, not beside it:
    // on a slow line the two would share it. The notices and the join form come in one module: the
    // join form says so if it cannot be fetched, once for both.
    let listed = RwSignal::new(false);
    let received = RwSignal::new(0u32);
    view! {
        {move || listed.get().then(|| later_with(received, Shown::Nothing, lazy::home_notices))}
        <section class="panel">
            <div class="panel-head">
                <h2>{t("Các chiến dịch thi đua trên máy này", "Campaigns on this device")}</h2>
                <div class="actions">
                    <a class="button primary" id="go-new" href=Route::NewCampaign.href()>{t("Tạo mới", "New")}</a>
                    <a class="button" id="go-import" href=Route::Import.href()>{t("Nhập từ bảng tính", "Import spreadsheets")}</a>
                    <OpenBundle error=error />
                </div>
            </div>
            {later(Shown::All, move || lazy::home_list(error, listed))}
        </section>
        {move || listed.get().then(|| later_with(received, Shown::Failure("Tham gia bằng mã, khôi phục dữ liệu", "Join with a code, restore data"), lazy::home_join))}
    }
}

/// The campaigns stored here, and opening one by dropping its file.
#[component]
pub fn HomeList(error: RwSignal<Option<String>>, listed: RwSignal<bool>) -> impl IntoView {
    // Once: the parts that follow the list are built when it first is, never again.
    if !listed.get_untracked() {
        listed.set(true);
    }
    // Bumped after any change, to list again.
    let refresh = RwSignal::new(0u32);
    let show_archived = RwSignal::new(false);
    let rows = move || {
        let _ = refresh.get();
        let device = Device::load();
        let mut listed = storage::list();
        listed.sort_by_key(|l| match l {
            Listed::Ok(c) => (std::cmp::Reverse(c.bloc.year), c.bloc.name.clone()),
            Listed::Unreadable { id, .. } => (std::cmp::Reverse(0), id.clone()),
        });
        let archived = |id: &str| device.archived.contains(id);
        let shown: Vec<_> = listed
            .into_iter()
            .filter(|l| match l {
                Listed::Ok(c) => archived(&c.id) == show_archived.get(),
                Listed::Unreadable { .. } => true,
            })
            .collect();
        if shown.is_empty() {
            return view! {
                <p class="empty" id="no-campaigns">{if show_archived.get() {
                    t("Chưa có chiến dịch nào được lưu trữ.", "No archived campaigns.")
                } else {
                    t("Chưa có chiến dịch nào trên máy này. Hãy tạo mới hoặc nhập từ bảng tính.", "No campaign on this device yet. Create one or import spreadsheets.")
                }}</p>
            }
            .into_any();
        }
        let items = shown
            .into_iter()
            .map(|l| match l {
                Listed::Ok(c) => {
                    let acting = device.acting.get(&c.id).cloned();
                    let is_archived = archived(&c.id);
                    view! { <CampaignCard c=*c acting=acting archived=is_archived refresh=refresh error=error /> }.into_any()
                }
                Listed::Unreadable { id, error: e } => view! { <UnreadableCard id=id text=msg(&e.msg()) refresh=refresh /> }.into_any(),
            })
            .collect_view();
        view! { <ul class="campaign-list" id="campaigns">{items}</ul> }.into_any()
    };
    view! {
        <label class="toggle">
            <input type="checkbox" id="show-archived" prop:checked=show_archived on:change=move |e| show_archived.set(event_target_checked(&e)) />
            <span>{t("Hiện các chiến dịch đã lưu trữ", "Show archived campaigns")}</span>
        </label>
        <OpenDrop error=error />
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        {rows}
    }
}

/// Restoring from the sync server is joining again: the code, not this device, holds the right to
/// the campaign (the link went with the rest of the storage), so the notice points at the join form.
pub fn focus_join() {
    let el = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("join-code"));
    if let Some(input) = el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
        input.scroll_into_view();
        let _ = input.focus();
    }
}

fn role_text(c: &Campaign, a: &Option<Actor>) -> String {
    match a {
        Some(Actor::Leader) => t("Trưởng khối", "Bloc leader").into(),
        Some(Actor::Unit(u)) => c.unit(u).map(|x| x.info.name.clone()).unwrap_or_else(|| u.clone()),
        None => t("Chưa chọn vai trò", "No role chosen").into(),
    }
}

#[component]
fn CampaignCard(c: Campaign, acting: Option<Actor>, archived: bool, refresh: RwSignal<u32>, error: RwSignal<Option<String>>) -> impl IntoView {
    let id = c.id.clone();
    let stage = Stage::of(&c).label();
    let stage = if lang() == Lang::Vi { stage.vi } else { stage.en };
    let open = Route::Campaign { id: id.clone(), tab: Tab::Overview }.href();
    let confirming = RwSignal::new(false);
    let handing_over = RwSignal::new(false);
    let units: Vec<(String, String)> = c.active_units().map(|u| (u.code.clone(), u.info.name.clone())).collect();
    let current_leader = c.leader().map(|u| u.code.clone()).unwrap_or_default();
    let new_leader = RwSignal::new(units.iter().map(|u| u.0.clone()).find(|code| *code != current_leader).unwrap_or_default());
    let id_archive = id.clone();
    let toggle_archive = move |_| {
        let id = id_archive.clone();
        let _ = Device::update(|d| {
            if !d.archived.remove(&id) {
                d.archived.insert(id.clone());
            }
        });
        refresh.update(|n| *n += 1);
    };
    let id_delete = id.clone();
    let delete = move |_| {
        if let Err(e) = storage::delete(&id_delete) {
            error.set(Some(msg(&e.msg())));
        } else {
            // The server keeps its copy; this device simply forgets how to reach it.
            let _ = crate::sync::link::Link::remove(&id_delete);
        }
        refresh.update(|n| *n += 1);
    };
    let source = StoredValue::new(c.clone());
    let hand_over = move |_| {
        let new_id = storage::new_id();
        match next_year(&source.get_value(), &new_id, &new_leader.get_untracked()) {
            Ok(mut next) => match storage::save(&mut next) {
                Ok(()) => {
                    let _ = Device::update(|d| {
                        d.acting.insert(new_id.clone(), Actor::Leader);
                    });
                    go(&Route::Campaign { id: new_id, tab: Tab::Overview });
                }
                Err(e) => error.set(Some(msg(&e.msg()))),
            },
            Err(m) => error.set(Some(msg(&m))),
        }
    };
    // Built each time the dialog opens: views are not Clone when components are type-erased
    // (`--cfg erase_components`, .cargo/config.toml).
    let options = move || {
        units
            .iter()
            .map(|(code, name)| view! { <option value=code.clone()>{format!("{name} ({code})")}</option> })
            .collect_view()
    };
    view! {
        <li class="campaign-card" data-campaign=id.clone()>
            <div class="campaign-main">
                <a class="campaign-title" href=open>{format!("{} — {}", c.bloc.name, c.bloc.year)}</a>
                <p class="meta">
                    <span class="stage">{stage}</span>
                    " · "
                    <span>{format!("{} {}", c.active_units().count(), t("đơn vị", "units"))}</span>
                    " · "
                    <span class="acting">{role_text(&c, &acting)}</span>
                </p>
            </div>
            <div class="actions">
                <button class="next-year" on:click=move |_| handing_over.update(|v| *v = !*v)>{t("Năm sau…", "Next year…")}</button>
                <button class="archive" on:click=toggle_archive>{if archived { t("Bỏ lưu trữ", "Unarchive") } else { t("Lưu trữ", "Archive") }}</button>
                <button class="delete danger-outline" on:click=move |_| confirming.set(true)>{t("Xóa", "Delete")}</button>
            </div>
            <Show when=move || handing_over.get()>
                <div class="inline-dialog handover">
                    <p>{t(
                        "Tạo chiến dịch năm sau với cùng các đơn vị và bảng chấm điểm; chọn đơn vị nhận vai trò Trưởng khối. Giao ước sẽ được ký lại.",
                        "Create next year's campaign with the same units and scorecard; choose the unit taking over as leader. The pledge is signed again.",
                    )}</p>
                    <label>
                        <span>{t("Trưởng khối năm sau", "Next year's leader")}</span>
                        <select class="new-leader" prop:value=new_leader on:change=move |e| new_leader.set(event_target_value(&e))>{options.clone()}</select>
                    </label>
                    <button class="primary confirm-handover" on:click=hand_over>{t("Bàn giao và tạo năm sau", "Hand over and create")}</button>
                </div>
            </Show>
            <Show when=move || confirming.get()>
                <div class="inline-dialog danger" role="alertdialog">
                    <p>{t(
                        "Xóa chiến dịch này khỏi máy? Dữ liệu không thể khôi phục nếu chưa xuất bản sao lưu.",
                        "Delete this campaign from this device? It cannot be recovered unless you exported a backup.",
                    )}</p>
                    <button class="danger confirm-delete" on:click=delete.clone()>{t("Xóa vĩnh viễn", "Delete permanently")}</button>
                    <button on:click=move |_| confirming.set(false)>{t("Hủy", "Cancel")}</button>
                </div>
            </Show>
        </li>
    }
}

#[component]
fn UnreadableCard(id: String, text: String, refresh: RwSignal<u32>) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let id_delete = id.clone();
    view! {
        <li class="campaign-card unreadable" data-campaign=id.clone()>
            <div class="campaign-main">
                <strong>{t("Không đọc được dữ liệu đã lưu", "Stored data cannot be read")}</strong>
                <p class="error" role="alert">{text}</p>
            </div>
            <div class="actions">
                <button class="delete danger-outline" on:click=move |_| confirming.set(true)>{t("Xóa bản hỏng…", "Delete damaged copy…")}</button>
            </div>
            <Show when=move || confirming.get()>
                <div class="inline-dialog danger" role="alertdialog">
                    <p>{t("Bản sao dự phòng vẫn được giữ. Xóa bản hỏng?", "The aside copy is kept. Delete the damaged one?")}</p>
                    <button class="danger confirm-delete" on:click={
                        let id = id_delete.clone();
                        move |_| {
                            let _ = storage::delete(&id);
                            refresh.update(|n| *n += 1);
                        }
                    }>{t("Xóa", "Delete")}</button>
                </div>
            </Show>
        </li>
    }
}

/// Opens a campaign received as a bundle file (e.g. the leader's, by email) on this device.
#[component]
fn OpenBundle(error: RwSignal<Option<String>>) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
        input.set_value("");
        open_received(file, error);
    };
    view! {
        <label class="button file-button-label">
            {t("Mở tệp dữ liệu…", "Open a data file…")}
            <input id="open-bundle" type="file" accept=".json,application/json" class="visually-hidden" on:change=on_change />
        </label>
    }
}

/// The same as «Mở tệp dữ liệu…», by dropping the file on the page.
#[component]
fn OpenDrop(error: RwSignal<Option<String>>) -> impl IntoView {
    crate::exchange::drop_zone("open-drop", move |files: Vec<web_sys::File>| {
        // One campaign is opened at a time: its file is the first dropped.
        if let Some(file) = files.into_iter().next() {
            open_received(file, error)
        }
    }, view! {
        <p class="drop-hint">{t(
            "Nhận được tệp dữ liệu (.json) qua thư điện tử hoặc Zalo? Kéo thả tệp vào đây để mở, hoặc bấm «Mở tệp dữ liệu…».",
            "Received a data file (.json) by email or chat? Drop it here to open it, or use «Open a data file…».",
        )}</p>
    })
}

/// Opens a picked or dropped bundle through its module (`lazy::open_bundle`, fetched when first used).
fn open_received(file: web_sys::File, error: RwSignal<Option<String>>) {
    leptos::task::spawn_local(async move {
        if lazy::open_bundle(file, error).await.is_err() {
            error.set(Some(t(
                "Không tải được phần mở tệp của ứng dụng (mất mạng?). Hãy kết nối mạng rồi thử lại.",
                "The part of the app that opens files could not be fetched (offline?). Connect and try again.",
            ).into()));
        }
    });
}

/// Reads a picked or dropped bundle and opens its campaign (new on this device).
pub fn open_file(file: web_sys::File, error: RwSignal<Option<String>>) {
    leptos::task::spawn_local(async move {
        let Some(loaded) = crate::file_read::read_file(&file).await else {
            error.set(Some(t("Không đọc được tệp.", "Could not read the file.").into()));
            return;
        };
        let text = String::from_utf8_lossy(&loaded.bytes).into_owned();
        match thidua_core::bundle::Bundle::from_json(&text).and_then(|b| thidua_core::untrusted::check_opened(&b.content, crate::lang::now_ms()).map(|()| b)) {
            Err(m) => error.set(Some(msg(&m))),
            Ok(mut b) => {
                let id = b.campaign_id.clone();
                if storage::load(&id).is_ok() {
                    // Already here: merging goes through the preview on the exchange tab.
                    error.set(Some(t(
                        "Chiến dịch này đã có trên máy: hãy mở chiến dịch, vào tab «Gửi/nhận tệp» để nhập tệp.",
                        "This campaign is already on this device: open it and import the file in the «Send/receive files» tab.",
                    ).into()));
                    return;
                }
                match storage::save(&mut b.content) {
                    Ok(()) => {
                        let _ = Device::update(|d| d.clock.observe(&thidua_core::merge::max_stamp(&b.content)));
                        go(&Route::Campaign { id, tab: Tab::Overview });
                    }
                    Err(e) => error.set(Some(msg(&e.msg()))),
                }
            }
        }
    });
}
