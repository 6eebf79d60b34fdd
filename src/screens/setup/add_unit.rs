//! Adding a member unit (leader). A code already in the bloc is refused here, since the core would
//! take it as an edit of that unit.

use super::role_label;
use crate::lang::{t, tf};
use crate::session::use_session;
use leptos::html;
use leptos::prelude::*;
use thidua_core::edit::Edit;
use thidua_core::{Role, UnitInfo};

#[derive(Clone, Default, PartialEq)]
struct Errors {
    code: Option<String>,
    name: Option<&'static str>,
}

#[component]
pub fn AddUnit() -> impl IntoView {
    let s = use_session();
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::ThanhVien);
    let email = RwSignal::new(String::new());
    let errors = RwSignal::new(Errors::default());
    let added = RwSignal::new(None::<String>);
    let code_ref = NodeRef::<html::Input>::new();

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        added.set(None);
        let c = code.get_untracked().trim().to_string();
        let n = name.get_untracked().trim().to_string();
        let mut e = Errors::default();
        if c.is_empty() {
            e.code = Some(t("Cần ghi mã đơn vị.", "The unit needs a code.").into());
        } else if let Some(other) = s.campaign.with_untracked(|k| k.unit(&c).map(|u| u.info.value.name.clone())) {
            e.code = Some(tf(format!("Mã «{c}» đã dùng cho «{other}»."), format!("Code «{c}» is already used by «{other}».")));
        }
        if n.is_empty() {
            e.name = Some(t("Cần ghi tên đơn vị.", "The unit needs a name."));
        }
        let ok = e == Errors::default();
        errors.set(e);
        if !ok {
            return;
        }
        let info = UnitInfo { name: n.clone(), role: role.get_untracked(), email: email.get_untracked().trim().to_string() };
        if s.edit(Edit::PutUnit { code: c, info }).is_ok() {
            code.set(String::new());
            name.set(String::new());
            email.set(String::new());
            role.set(Role::ThanhVien);
            added.set(Some(n));
            if let Some(el) = code_ref.get_untracked() {
                let _ = el.focus();
            }
        }
    };
    let roles = [Role::ThanhVien, Role::PhoKhoi, Role::TruongKhoi].map(|r| {
        view! { <option value=r.code() prop:selected=move || role.get() == r>{role_label(r)}</option> }
    });
    view! {
        <form class="add-unit" on:submit=add novalidate aria-labelledby="add-unit-title">
            <h4 id="add-unit-title">{t("Thêm đơn vị thành viên", "Add a member unit")}</h4>
            <div class="unit-add-grid">
                <div class="field narrow">
                    <label for="unit-code">{t("Mã đơn vị", "Unit code")}</label>
                    <input id="unit-code" type="text" node_ref=code_ref placeholder="SNV" autocomplete="off"
                        prop:value=code aria-describedby="unit-code-error"
                        aria-invalid=move || errors.with(|e| e.code.is_some()).to_string()
                        on:input=move |e| code.set(event_target_value(&e)) />
                    {move || errors.with(|e| e.code.clone()).map(|m| view! { <p class="field-error" id="unit-code-error">{m}</p> })}
                </div>
                <div class="field wide">
                    <label for="unit-name">{t("Tên đơn vị", "Unit name")}</label>
                    <input id="unit-name" type="text" placeholder=t("Sở Nội vụ", "Department of Home Affairs")
                        prop:value=name aria-describedby="unit-name-error"
                        aria-invalid=move || errors.with(|e| e.name.is_some()).to_string()
                        on:input=move |e| name.set(event_target_value(&e)) />
                    {move || errors.with(|e| e.name).map(|m| view! { <p class="field-error" id="unit-name-error">{m}</p> })}
                </div>
                <div class="field">
                    <label for="unit-role">{t("Vai trò", "Role")}</label>
                    <select id="unit-role" on:change=move |e| role.set(Role::from_code(&event_target_value(&e)).unwrap_or(Role::ThanhVien))>
                        {roles}
                    </select>
                </div>
                <div class="field">
                    <label for="unit-email">{t("Email (không bắt buộc)", "Email (optional)")}</label>
                    <input id="unit-email" type="email" autocomplete="off" prop:value=email
                        on:input=move |e| email.set(event_target_value(&e)) />
                </div>
            </div>
            <div class="form-actions">
                <button id="unit-add" type="submit" class="primary">{t("Thêm đơn vị", "Add unit")}</button>
                <span class="status" role="status">{move || added.get().map(|n| view! {
                    <span class="saved">{tf(format!("Đã thêm «{n}»."), format!("Added «{n}»."))}</span>
                })}</span>
            </div>
        </form>
    }
}
