//! Creating a campaign from scratch: the bloc, its year and its leader unit; members and the
//! scorecard are added in the campaign's own screens.

use crate::device::Device;
use crate::lang::{msg, t};
use crate::route::{go, Route, Tab};
use crate::storage::{new_id, save};
use leptos::prelude::*;
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::{BlocInfo, Campaign, Role, UnitInfo};

#[component]
pub fn NewCampaign() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let year = RwSignal::new(js_sys::Date::new_0().get_full_year().to_string());
    let decision_number = RwSignal::new(String::new());
    let decision_date = RwSignal::new(String::new());
    let leader_code = RwSignal::new(String::new());
    let leader_name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(y) = year.get_untracked().trim().parse::<u16>() else {
            error.set(Some(t("Năm không hợp lệ (ví dụ 2025).", "Invalid year (e.g. 2025).").into()));
            return;
        };
        let mut c = Campaign::new(new_id(), BlocInfo::default());
        let bloc = BlocInfo {
            name: name.get_untracked().trim().to_string(),
            year: y,
            decision_number: decision_number.get_untracked().trim().to_string(),
            decision_date: decision_date.get_untracked().trim().to_string(),
        };
        let leader = UnitInfo { name: leader_name.get_untracked().trim().to_string(), role: Role::TruongKhoi, email: String::new() };
        let stamp = Device::stamp();
        let made = apply(&mut c, &Actor::Leader, Edit::SetBloc { bloc }, &stamp)
            .and_then(|_| apply(&mut c, &Actor::Leader, Edit::PutUnit { code: leader_code.get_untracked(), info: leader }, &stamp));
        if let Err(m) = made {
            error.set(Some(msg(&m)));
            return;
        }
        match save(&mut c) {
            Ok(()) => {
                // Whoever creates the campaign runs it as the bloc leader on this device.
                let _ = Device::update(|d| {
                    d.acting.insert(c.id.clone(), Actor::Leader);
                });
                go(&Route::Campaign { id: c.id.clone(), tab: Tab::Setup });
            }
            Err(e) => error.set(Some(msg(&e.msg()))),
        }
    };
    let field = |id: &'static str, label: &'static str, value: RwSignal<String>, hint: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input id=id type="text" prop:value=value on:input=move |e| value.set(event_target_value(&e)) placeholder=hint />
            </label>
        }
    };
    view! {
        <p class="crumbs"><a href="#/">{t("← Các chiến dịch", "← Campaigns")}</a></p>
        <section class="panel">
            <h2>{t("Tạo chiến dịch thi đua mới", "New emulation campaign")}</h2>
            <p class="intro">{t(
                "Một chiến dịch là một Khối thi đua trong một năm. Bạn tạo chiến dịch với tư cách Trưởng khối; các đơn vị thành viên và bảng chấm điểm được thêm ở bước sau.",
                "A campaign is one bloc in one year. You create it as the bloc leader; members and the scorecard are added next.",
            )}</p>
            <form class="form-grid" on:submit=create>
                {field("new-name", t("Tên Khối thi đua", "Bloc name"), name, "Khối các sở, ngành tổng hợp")}
                {field("new-year", t("Năm", "Year"), year, "2025")}
                {field("new-decision-number", t("Số quyết định thành lập Khối", "Organising decision number"), decision_number, "138/QĐ-UBND")}
                {field("new-decision-date", t("Ngày quyết định (dd/mm/yyyy)", "Decision date (dd/mm/yyyy)"), decision_date, "15/02/2025")}
                {field("new-leader-code", t("Mã đơn vị Trưởng khối", "Leader unit's code"), leader_code, "VPUB")}
                {field("new-leader-name", t("Tên đơn vị Trưởng khối", "Leader unit's name"), leader_name, "Văn phòng UBND tỉnh")}
                <div class="form-actions">
                    <button id="new-create" type="submit" class="primary">{t("Tạo chiến dịch", "Create campaign")}</button>
                </div>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}
