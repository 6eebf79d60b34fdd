//! The member units. The leader edits each row in place (saved when a field is left) and removes a
//! unit after confirming; units see the list.

use super::add_unit::AddUnit;
use super::{count_units, role_label};
use crate::lang::t;
use crate::session::{use_session, Session};
use leptos::html;
use leptos::prelude::*;
use thidua_core::edit::Edit;
use thidua_core::{Role, UnitInfo};

const ROLES: [Role; 3] = [Role::TruongKhoi, Role::PhoKhoi, Role::ThanhVien];

#[component]
pub fn Members() -> impl IntoView {
    let s = use_session();
    let codes = move || s.campaign.with(|c| c.active_units().map(|u| u.code.clone()).collect::<Vec<_>>());
    let count = move || s.campaign.with(|c| c.active_units().count());
    let leader_name = move || s.campaign.with(|c| c.leader().map(|u| u.info.value.name.clone()));
    // Only one row at a time asks "remove?".
    let confirming = RwSignal::new(None::<String>);
    let summary = move || {
        let n = count_units(count());
        match leader_name() {
            Some(l) => format!("{n} · {} {l}", t("Trưởng khối:", "Leader:")),
            None => format!("{n} · {}", t("chưa có Trưởng khối", "no leader yet")),
        }
    };
    let actions_head = move || s.is_leader().then(|| view! { <th scope="col" class="actions-col"><span class="sr-only">{t("Thao tác", "Actions")}</span></th> });
    let empty = move || {
        (count() == 0).then(|| view! { <p class="empty">{t("Chưa có đơn vị nào trong Khối.", "No unit in the bloc yet.")}</p> })
    };
    view! {
        <section class="panel" aria-labelledby="members-title">
            <div class="panel-head">
                <h3 id="members-title">{t("Đơn vị thành viên", "Member units")}</h3>
                <span class="count" id="member-count">{summary}</span>
            </div>
            {move || s.is_leader().then(|| view! {
                <p class="hint">{t(
                    "Sửa tên, vai trò, email ngay trong bảng; thay đổi được lưu khi rời khỏi ô. Mã đơn vị không đổi được.",
                    "Edit names, roles and emails in the table; a change is saved when you leave the field. Codes cannot change.",
                )}</p>
            })}
            <table id="members" class="list-table members">
                <thead>
                    <tr>
                        <th scope="col" class="code">{t("Mã", "Code")}</th>
                        <th scope="col">{t("Tên đơn vị", "Unit name")}</th>
                        <th scope="col" class="role-col">{t("Vai trò", "Role")}</th>
                        <th scope="col" class="email-col">{t("Email", "Email")}</th>
                        {actions_head}
                    </tr>
                </thead>
                <tbody>
                    <For each=codes key=|c| c.clone() let:code>
                        <MemberRow code=code confirming=confirming />
                    </For>
                </tbody>
            </table>
            {empty}
            {move || s.is_leader().then(|| view! { <AddUnit /> })}
        </section>
    }
}

fn info_of(s: Session, code: &str) -> Option<UnitInfo> {
    s.campaign.with_untracked(|c| c.unit(code).map(|u| u.info.value.clone()))
}

/// Writes one change of a unit's info; on refusal the field shows the stored value again.
fn put(s: Session, code: &str, change: impl FnOnce(&mut UnitInfo) -> bool) -> Result<(), String> {
    let Some(mut info) = info_of(s, code) else { return Err(String::new()) };
    if !change(&mut info) {
        return Ok(());
    }
    s.edit(Edit::PutUnit { code: code.to_string(), info })
}

#[component]
fn MemberRow(code: String, confirming: RwSignal<Option<String>>) -> impl IntoView {
    let s = use_session();
    let key = StoredValue::new(code.clone());
    let info = move || s.campaign.with(|c| c.unit(&key.get_value()).map(|u| u.info.value.clone()));
    let name = move || info().map(|i| i.name).unwrap_or_default();
    let email = move || info().map(|i| i.email).unwrap_or_default();
    let role = move || info().map(|i| i.role).unwrap_or(Role::ThanhVien);
    let is_leader_row = move || role() == Role::TruongKhoi;

    let cells = move || {
        if s.is_leader() {
            view! { <EditCells code=key.get_value() confirming=confirming /> }.into_any()
        } else {
            view! {
                <td class="name"><span class="unit-name">{name}</span></td>
                <td data-label=t("Vai trò", "Role")><span class="role-tag" class:lead=is_leader_row>{move || role_label(role())}</span></td>
                <td data-label=t("Email", "Email") class="email">{move || {
                    let e = email();
                    if e.is_empty() { "—".to_string() } else { e }
                }}</td>
            }
            .into_any()
        }
    };
    let data_unit = code.clone();
    let asking = move || confirming.with(|c| c.as_deref() == Some(key.get_value().as_str()));
    view! {
        <tr data-unit=data_unit class:lead=is_leader_row class:asking=asking>
            <td class="code" data-label=t("Mã", "Code")>{code}</td>
            {cells}
        </tr>
    }
}

#[component]
fn EditCells(code: String, confirming: RwSignal<Option<String>>) -> impl IntoView {
    let s = use_session();
    let key = StoredValue::new(code.clone());
    let info = move || s.campaign.with(|c| c.unit(&key.get_value()).map(|u| u.info.value.clone()));
    let id = |what: &str| format!("m-{what}-{code}");
    let (name_id, role_id, email_id) = (id("name"), id("role"), id("email"));

    let on_name = move |e: leptos::ev::Event| {
        let v = event_target_value(&e).trim().to_string();
        let r = put(s, &key.get_value(), |i| {
            let changed = i.name != v;
            i.name = v;
            changed
        });
        if r.is_err() {
            let el: web_sys::HtmlInputElement = event_target(&e);
            el.set_value(&info_of(s, &key.get_value()).map(|i| i.name).unwrap_or_default());
        }
    };
    let on_email = move |e: leptos::ev::Event| {
        let v = event_target_value(&e).trim().to_string();
        let r = put(s, &key.get_value(), |i| {
            let changed = i.email != v;
            i.email = v;
            changed
        });
        if r.is_err() {
            let el: web_sys::HtmlInputElement = event_target(&e);
            el.set_value(&info_of(s, &key.get_value()).map(|i| i.email).unwrap_or_default());
        }
    };
    let on_role = move |e: leptos::ev::Event| {
        let Some(new) = Role::from_code(&event_target_value(&e)) else { return };
        let r = put(s, &key.get_value(), |i| {
            let changed = i.role != new;
            i.role = new;
            changed
        });
        if r.is_err() {
            // The core refuses a second leader: put the select back to what is stored.
            let el: web_sys::HtmlSelectElement = event_target(&e);
            el.set_value(info_of(s, &key.get_value()).map(|i| i.role).unwrap_or(Role::ThanhVien).code());
        }
    };

    let remove_ref = NodeRef::<html::Button>::new();
    let confirm_ref = NodeRef::<html::Button>::new();
    let asking = move || confirming.with(|c| c.as_deref() == Some(key.get_value().as_str()));
    let ask = move |_| {
        confirming.set(Some(key.get_value()));
        request_animation_frame(move || {
            if let Some(b) = confirm_ref.get_untracked() {
                let _ = b.focus();
            }
        });
    };
    let cancel = move |_: ()| {
        confirming.set(None);
        request_animation_frame(move || {
            if let Some(b) = remove_ref.get_untracked() {
                let _ = b.focus();
            }
        });
    };
    let remove = move |_| {
        if s.edit(Edit::RemoveUnit { code: key.get_value() }).is_ok() {
            confirming.set(None);
        }
    };
    let unit_name = move || info().map(|i| i.name).unwrap_or_default();
    let actions = move || {
        if asking() {
            view! {
                <div class="confirm" role="group" aria-label=t("Xác nhận xóa", "Confirm removal")
                    on:keydown=move |e: leptos::ev::KeyboardEvent| if e.key() == "Escape" { cancel(()) }>
                    <span class="confirm-q">{t("Xóa khỏi Khối?", "Remove from the bloc?")}</span>
                    <button type="button" class="danger unit-remove-confirm" node_ref=confirm_ref on:click=remove
                        aria-label=move || format!("{} {}", t("Xác nhận xóa", "Confirm removing"), unit_name())>
                        {t("Xóa", "Remove")}
                    </button>
                    <button type="button" class="unit-remove-cancel" on:click=move |_| cancel(())>{t("Hủy", "Cancel")}</button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="danger-outline unit-remove" node_ref=remove_ref on:click=ask
                    aria-label=move || format!("{} {}", t("Xóa đơn vị", "Remove unit"), unit_name())>
                    {t("Xóa", "Remove")}
                </button>
            }
            .into_any()
        }
    };
    // Selected per option: a select's own value set before its options exist would be lost.
    let roles = ROLES.map(|r| {
        view! {
            <option value=r.code() prop:selected=move || info().is_some_and(|i| i.role == r)>{role_label(r)}</option>
        }
    });
    view! {
        <td class="name">
            <label class="cell-label" for=name_id.clone()>{t("Tên đơn vị", "Unit name")}</label>
            <input id=name_id type="text" class="unit-name-input"
                prop:value=move || info().map(|i| i.name).unwrap_or_default() on:change=on_name />
        </td>
        <td class="role-col">
            <label class="cell-label" for=role_id.clone()>{t("Vai trò", "Role")}</label>
            <select id=role_id class="unit-role-input" on:change=on_role>
                {roles}
            </select>
        </td>
        <td class="email">
            <label class="cell-label" for=email_id.clone()>{t("Email", "Email")}</label>
            <input id=email_id type="email" class="unit-email-input" autocomplete="off"
                prop:value=move || info().map(|i| i.email).unwrap_or_default() on:change=on_email />
        </td>
        <td class="actions-col">{actions}</td>
    }
}
