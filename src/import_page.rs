//! Starting a campaign from the bloc's spreadsheets: pick the three files, preview the ranking the
//! core computes, then keep it as a campaign in this browser.

use crate::import::Outcome;
use crate::import_form::ImportForm;
use crate::lang::{t, today};
use crate::problem_list::ProblemList;
use crate::ranking_table::RankingTable;
use crate::route::{go, Route, Tab};
use crate::storage::{new_id, save};
use leptos::prelude::*;
use thidua_core::{AdoptionEvent, BlocInfo, Campaign};

#[component]
pub fn ImportPage() -> impl IntoView {
    let (outcome, set_outcome) = signal(None::<Outcome>);
    let result = move || {
        outcome.get().map(|o| match o {
            Outcome::Problems(problems) => view! { <ProblemList problems=problems /> }.into_any(),
            Outcome::Ranked(ranking, campaign) => view! {
                <KeepImported campaign=*campaign />
                <RankingTable ranking=ranking />
            }
            .into_any(),
        })
    };
    view! {
        <p class="crumbs"><a href="#/">{t("← Các chiến dịch", "← Campaigns")}</a></p>
        <ImportForm set_outcome=set_outcome />
        {result}
    }
}

/// Names the imported bloc and stores it as a campaign.
#[component]
fn KeepImported(campaign: Campaign) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let year = RwSignal::new(js_sys::Date::new_0().get_full_year().to_string());
    let error = RwSignal::new(None::<String>);
    let campaign = StoredValue::new(campaign);
    let keep = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let bloc_name = name.get_untracked().trim().to_string();
        let Ok(y) = year.get_untracked().trim().parse::<u16>() else {
            error.set(Some(t("Năm không hợp lệ (ví dụ 2025).", "Invalid year (e.g. 2025).").into()));
            return;
        };
        if bloc_name.is_empty() {
            error.set(Some(t("Hãy nhập tên Khối thi đua.", "Enter the bloc's name.").into()));
            return;
        }
        let mut c = campaign.get_value();
        c.id = new_id();
        c.bloc.value = BlocInfo { name: bloc_name, year: y, ..Default::default() };
        // Spreadsheets that carry scores are a scorecard already in use: adopted as imported.
        if !c.inputs.is_empty() {
            c.adoption.value.adopted = true;
            c.adoption.value.log.push(AdoptionEvent {
                adopted: true,
                date: today(),
                reason: "Nhập từ bảng tính / imported from spreadsheets".into(),
            });
        }
        match save(&mut c) {
            Ok(()) => go(&Route::Campaign { id: c.id.clone(), tab: Tab::Overview }),
            Err(e) => error.set(Some(crate::lang::msg(&e.msg()))),
        }
    };
    view! {
        <section class="panel keep-imported">
            <h2>{t("Lưu thành chiến dịch", "Keep as a campaign")}</h2>
            <form class="inline-form" on:submit=keep>
                <label>
                    <span>{t("Tên Khối thi đua", "Bloc name")}</span>
                    <input id="keep-name" type="text" required prop:value=name on:input=move |e| name.set(event_target_value(&e)) />
                </label>
                <label class="narrow">
                    <span>{t("Năm", "Year")}</span>
                    <input id="keep-year" type="text" inputmode="numeric" prop:value=year on:input=move |e| year.set(event_target_value(&e)) />
                </label>
                <button id="keep-save" type="submit" class="primary">{t("Lưu vào máy này", "Save on this device")}</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}
