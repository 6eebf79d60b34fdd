//! The acting unit's own part of the pledge: its signature (date, signatory, position) and the
//! emulation theme it registers for the year. Only that unit may write them.

use crate::lang::{t, tf, today};
use crate::screens::setup::normal_date;
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::edit::Edit;
use thidua_core::{MemberPart, Signing};

#[derive(Clone, Default, PartialEq)]
struct Errors {
    date: Option<&'static str>,
    signatory: Option<&'static str>,
}

#[component]
pub fn SigningPanel(unit: String) -> impl IntoView {
    let s = use_session();
    let code = StoredValue::new(unit);
    let part = move || s.campaign.with(|c| c.members.get(&code.get_value()).cloned().unwrap_or_default());
    let unit_name = move || s.campaign.with(|c| c.unit(&code.get_value()).map(|u| u.info.value.name.clone()));
    // Rebuilt only when the unit comes or goes, not on each save, so the forms keep what is typed.
    let present = Memo::new(move |_| unit_name().is_some());
    let body = move || match present.get() {
        false => view! {
            <p class="error">{tf(
                format!("Đơn vị «{}» không còn trong Khối.", code.get_value()),
                format!("Unit «{}» is no longer in the bloc.", code.get_value()),
            )}</p>
        }
        .into_any(),
        true => {
            let first = untrack(part);
            view! { <SignForm code=code.get_value() first=first.clone() /> <ThemeForm code=code.get_value() first=first.theme.value /> }.into_any()
        }
    };
    view! {
        <section class="panel own-part" aria-labelledby="own-title">
            <h3 id="own-title">{move || tf(
                format!("Ký kết của đơn vị: {}", unit_name().unwrap_or_else(|| code.get_value())),
                format!("Your unit's signature: {}", unit_name().unwrap_or_else(|| code.get_value())),
            )}</h3>
            {body}
        </section>
    }
}

#[component]
fn SignForm(code: String, first: MemberPart) -> impl IntoView {
    let s = use_session();
    let code = StoredValue::new(code);
    let signing = move || s.campaign.with(|c| c.members.get(&code.get_value()).and_then(|m| m.signing.value.clone()));
    let old = first.signing.value;
    let date = RwSignal::new(old.as_ref().map(|g| g.date.clone()).unwrap_or_else(today));
    let signatory = RwSignal::new(old.as_ref().map(|g| g.signatory.clone()).unwrap_or_default());
    let position = RwSignal::new(old.as_ref().map(|g| g.position.clone()).unwrap_or_default());
    let errors = RwSignal::new(Errors::default());
    let done = RwSignal::new(None::<&'static str>);

    let sign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let mut e = Errors::default();
        let d = normal_date(&date.get_untracked());
        if d.is_none() {
            e.date = Some(t("Ngày ký phải có dạng dd/mm/yyyy, ví dụ 15/02/2025.", "The date must be dd/mm/yyyy, e.g. 15/02/2025."));
        }
        let who = signatory.get_untracked().trim().to_string();
        if who.is_empty() {
            e.signatory = Some(t("Cần ghi họ tên người ký.", "Write the signatory's name."));
        }
        let ok = e == Errors::default();
        errors.set(e);
        let (Some(d), true) = (d, ok) else { return };
        let g = Signing { date: d.clone(), signatory: who, position: position.get_untracked().trim().to_string() };
        if s.edit(Edit::Sign { unit: code.get_value(), signing: Some(g) }).is_ok() {
            date.set(d);
            done.set(Some(t("Đã ký giao ước.", "Pledge signed.")));
        }
    };
    let withdraw = move |_| {
        done.set(None);
        if s.edit(Edit::Sign { unit: code.get_value(), signing: None }).is_ok() {
            done.set(Some(t("Đã rút chữ ký.", "Signature withdrawn.")));
        }
    };
    let state = move || match signing() {
        Some(g) => view! {
            <p class="sign-state signed-yes" id="sign-state">
                <span class="tick" aria-hidden="true">"✓"</span>
                {tf(
                    format!("Đơn vị đã ký ngày {} — {}{}", g.date, g.signatory, if g.position.is_empty() { String::new() } else { format!(", {}", g.position) }),
                    format!("Signed on {} — {}{}", g.date, g.signatory, if g.position.is_empty() { String::new() } else { format!(", {}", g.position) }),
                )}
            </p>
        }
        .into_any(),
        None => view! {
            <p class="sign-state signed-no" id="sign-state">{t(
                "Đơn vị chưa ký giao ước. Ghi ngày ký và người ký thay mặt đơn vị rồi bấm «Ký giao ước».",
                "Your unit has not signed yet. Give the date and who signs for the unit, then press «Sign the pledge».",
            )}</p>
        }
        .into_any(),
    };
    let err = move |id: &'static str, pick: fn(&Errors) -> Option<&'static str>| {
        move || errors.with(pick).map(|m| view! { <p class="field-error" id=id>{m}</p> })
    };
    view! {
        {state}
        <form class="sign-form" on:submit=sign novalidate>
            <div class="field narrow">
                <label for="sign-date">{t("Ngày ký (dd/mm/yyyy)", "Date (dd/mm/yyyy)")}</label>
                <input id="sign-date" type="text" inputmode="numeric" prop:value=date
                    aria-invalid=move || errors.with(|e| e.date.is_some()).to_string() aria-describedby="sign-date-error"
                    on:input=move |e| date.set(event_target_value(&e)) />
                {err("sign-date-error", |e| e.date)}
            </div>
            <div class="field">
                <label for="sign-signatory">{t("Người ký", "Signatory")}</label>
                <input id="sign-signatory" type="text" autocomplete="name" prop:value=signatory
                    placeholder=t("Họ và tên", "Full name")
                    aria-invalid=move || errors.with(|e| e.signatory.is_some()).to_string() aria-describedby="sign-signatory-error"
                    on:input=move |e| signatory.set(event_target_value(&e)) />
                {err("sign-signatory-error", |e| e.signatory)}
            </div>
            <div class="field">
                <label for="sign-position">{t("Chức vụ", "Position")}</label>
                <input id="sign-position" type="text" prop:value=position placeholder=t("Giám đốc", "Director")
                    on:input=move |e| position.set(event_target_value(&e)) />
            </div>
            <div class="form-actions">
                <button id="sign-submit" type="submit" class="primary">
                    {move || if signing().is_some() { t("Cập nhật chữ ký", "Update signature") } else { t("Ký giao ước", "Sign the pledge") }}
                </button>
                <button id="sign-withdraw" type="button" class="danger-outline" on:click=withdraw disabled=move || signing().is_none()>
                    {t("Rút chữ ký", "Withdraw signature")}
                </button>
                <span class="status" role="status">{move || done.get().map(|m| view! { <span class="saved">{m}</span> })}</span>
            </div>
        </form>
    }
}

#[component]
fn ThemeForm(code: String, first: String) -> impl IntoView {
    let s = use_session();
    let code = StoredValue::new(code);
    let stored = move || s.campaign.with(|c| c.members.get(&code.get_value()).map(|m| m.theme.value.clone()).unwrap_or_default());
    let theme = RwSignal::new(first);
    let saved = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let v = theme.get_untracked().trim().to_string();
        if s.edit(Edit::SetTheme { unit: code.get_value(), theme: v.clone() }).is_ok() {
            theme.set(v);
            saved.set(true);
        }
    };
    let status = move || {
        if saved.get() {
            Some(view! { <span class="saved" id="theme-saved">{t("Đã lưu chủ đề.", "Theme saved.")}</span> }.into_any())
        } else if theme.with(|v| v.trim() != stored()) {
            Some(view! { <span class="unsaved">{t("Chưa lưu.", "Not saved.")}</span> }.into_any())
        } else {
            None
        }
    };
    view! {
        <form class="theme-form" on:submit=save>
            <h4>{t("Chủ đề thi đua đăng ký", "Registered emulation theme")}</h4>
            <div class="field">
                <label for="theme-input">{t(
                    "Chủ đề (phong trào) thi đua đơn vị đăng ký trong năm",
                    "The theme (movement) your unit registers for the year",
                )}</label>
                <textarea id="theme-input" rows="2" prop:value=theme
                    placeholder=t("Ví dụ: Đẩy mạnh cải cách hành chính, chuyển đổi số trong hoạt động của đơn vị", "e.g. Administrative reform and digital transformation")
                    on:input=move |e| { theme.set(event_target_value(&e)); saved.set(false); }></textarea>
            </div>
            <div class="form-actions">
                <button id="theme-save" type="submit">{t("Lưu chủ đề", "Save theme")}</button>
                <span class="status" role="status">{status}</span>
            </div>
        </form>
    }
}
