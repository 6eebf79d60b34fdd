//! The bloc's identity for the year. The leader saves it with an explicit button, so a half-typed
//! decision number is never stored; each field says what is wrong with it.

use super::dates::normal_date;
use crate::lang::t;
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::edit::Edit;
use thidua_core::BlocInfo;

#[component]
pub fn BlocPanel() -> impl IntoView {
    let s = use_session();
    let body = move || {
        if s.is_leader() {
            view! { <BlocForm /> }.into_any()
        } else {
            view! { <BlocView /> }.into_any()
        }
    };
    view! {
        <section class="panel" aria-labelledby="bloc-title">
            <h3 id="bloc-title">{t("Thông tin Khối thi đua", "The emulation bloc")}</h3>
            {body}
        </section>
    }
}

#[component]
fn BlocView() -> impl IntoView {
    let s = use_session();
    let b = move || s.campaign.with(|c| c.bloc.value.clone());
    let or_dash = |v: String| if v.trim().is_empty() { "—".to_string() } else { v };
    view! {
        <dl class="facts" id="bloc-facts">
            <div><dt>{t("Tên Khối", "Bloc name")}</dt><dd>{move || b().name}</dd></div>
            <div><dt>{t("Năm", "Year")}</dt><dd>{move || b().year}</dd></div>
            <div><dt>{t("Quyết định thành lập số", "Organising decision no.")}</dt><dd>{move || or_dash(b().decision_number)}</dd></div>
            <div><dt>{t("Ngày quyết định", "Decision date")}</dt><dd>{move || or_dash(b().decision_date)}</dd></div>
        </dl>
    }
}

#[derive(Clone, Copy)]
struct Form {
    name: RwSignal<String>,
    year: RwSignal<String>,
    number: RwSignal<String>,
    date: RwSignal<String>,
}

impl Form {
    fn load(&self, b: &BlocInfo) {
        self.name.set(b.name.clone());
        self.year.set(b.year.to_string());
        self.number.set(b.decision_number.clone());
        self.date.set(b.decision_date.clone());
    }

    /// Whether the form says the same as `b` (ignoring spaces around values).
    fn same_as(&self, b: &BlocInfo) -> bool {
        self.name.with(|v| v.trim() == b.name)
            && self.year.with(|v| v.trim() == b.year.to_string())
            && self.number.with(|v| v.trim() == b.decision_number)
            && self.date.with(|v| v.trim() == b.decision_date)
    }
}

#[derive(Clone, Default, PartialEq)]
struct Errors {
    name: Option<&'static str>,
    year: Option<&'static str>,
    date: Option<&'static str>,
}

#[component]
fn BlocForm() -> impl IntoView {
    let s = use_session();
    let stored = move || s.campaign.with(|c| c.bloc.value.clone());
    let first = s.campaign.with_untracked(|c| c.bloc.value.clone());
    let form = Form {
        name: RwSignal::new(String::new()),
        year: RwSignal::new(String::new()),
        number: RwSignal::new(String::new()),
        date: RwSignal::new(String::new()),
    };
    form.load(&first);
    let errors = RwSignal::new(Errors::default());
    let saved = RwSignal::new(false);
    // When another tab changes the bloc, follow it unless the leader is in the middle of an edit.
    let base = StoredValue::new(first);
    Effect::new(move |_| {
        let now = stored();
        if now != base.get_value() {
            if untrack(|| form.same_as(&base.get_value())) {
                form.load(&now);
            }
            base.set_value(now);
        }
    });
    let dirty = move || !form.same_as(&stored());

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let mut e = Errors::default();
        let name = form.name.get_untracked().trim().to_string();
        if name.is_empty() {
            e.name = Some(t("Cần ghi tên Khối.", "The bloc needs a name."));
        }
        let year = form.year.get_untracked().trim().parse::<u16>().ok().filter(|y| (1990..=2100).contains(y));
        if year.is_none() {
            e.year = Some(t("Năm phải là một số có 4 chữ số, ví dụ 2025.", "The year must be a 4-digit number, e.g. 2025."));
        }
        let date_text = form.date.get_untracked().trim().to_string();
        let date = if date_text.is_empty() { Some(String::new()) } else { normal_date(&date_text) };
        if date.is_none() {
            e.date = Some(t(
                "Ngày phải có dạng dd/mm/yyyy, ví dụ 15/02/2025.",
                "The date must be dd/mm/yyyy, e.g. 15/02/2025.",
            ));
        }
        let ok = e == Errors::default();
        errors.set(e);
        let (Some(year), Some(decision_date), true) = (year, date, ok) else { return };
        let bloc = BlocInfo { name, year, decision_number: form.number.get_untracked().trim().to_string(), decision_date };
        if s.edit(Edit::SetBloc { bloc: bloc.clone() }).is_ok() {
            form.load(&bloc);
            base.set_value(bloc);
            saved.set(true);
        }
    };
    let touched = move || saved.set(false);

    let err = move |id: &'static str, pick: fn(&Errors) -> Option<&'static str>| {
        move || errors.with(pick).map(|m| view! { <p class="field-error" id=id>{m}</p> })
    };
    let status = move || {
        if saved.get() {
            Some(view! { <span class="saved" id="bloc-saved">{t("Đã lưu.", "Saved.")}</span> }.into_any())
        } else if dirty() {
            Some(view! { <span class="unsaved">{t("Có thay đổi chưa lưu.", "Unsaved changes.")}</span> }.into_any())
        } else {
            None
        }
    };
    view! {
        <form class="bloc-form" on:submit=save novalidate>
            <div class="field wide">
                <label for="bloc-name">{t("Tên Khối thi đua", "Bloc name")}</label>
                <input id="bloc-name" type="text" prop:value=form.name
                    aria-invalid=move || errors.with(|e| e.name.is_some()).to_string()
                    aria-describedby="bloc-name-error"
                    on:input=move |e| { form.name.set(event_target_value(&e)); touched(); } />
                {err("bloc-name-error", |e| e.name)}
            </div>
            <div class="field narrow">
                <label for="bloc-year">{t("Năm", "Year")}</label>
                <input id="bloc-year" type="text" inputmode="numeric" maxlength="4" prop:value=form.year
                    aria-invalid=move || errors.with(|e| e.year.is_some()).to_string()
                    aria-describedby="bloc-year-error"
                    on:input=move |e| { form.year.set(event_target_value(&e)); touched(); } />
                {err("bloc-year-error", |e| e.year)}
            </div>
            <div class="field">
                <label for="bloc-decision-number">{t("Quyết định thành lập số", "Organising decision no.")}</label>
                <input id="bloc-decision-number" type="text" placeholder="138/QĐ-UBND" prop:value=form.number
                    on:input=move |e| { form.number.set(event_target_value(&e)); touched(); } />
            </div>
            <div class="field">
                <label for="bloc-decision-date">{t("Ngày quyết định (dd/mm/yyyy)", "Decision date (dd/mm/yyyy)")}</label>
                <input id="bloc-decision-date" type="text" inputmode="numeric" placeholder="15/02/2025" prop:value=form.date
                    aria-invalid=move || errors.with(|e| e.date.is_some()).to_string()
                    aria-describedby="bloc-decision-date-error"
                    on:input=move |e| { form.date.set(event_target_value(&e)); touched(); } />
                {err("bloc-decision-date-error", |e| e.date)}
            </div>
            <div class="form-actions">
                <button id="bloc-save" type="submit" class="primary">{t("Lưu thông tin Khối", "Save bloc details")}</button>
                <span class="status" role="status">{status}</span>
            </div>
        </form>
    }
}
