//! The year at a glance: where the bloc stands, each step with what is done, the next thing for
//! whoever acts on this device, and every unit's state.

mod facts;
mod next_step;
mod steps;
mod unit_status;

use crate::lang::msg;
use crate::lang::t;
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::stage::Stage;

#[component]
pub fn Overview() -> impl IntoView {
    let s = use_session();
    let stage = move || s.campaign.with(|c| msg(&Stage::of(c).label()));
    let decision = move || {
        s.campaign.with(|c| {
            let b = &c.bloc.value;
            (!b.decision_number.trim().is_empty()).then(|| {
                let date = if b.decision_date.is_empty() { String::new() } else { format!(" {} {}", t("ngày", "of"), b.decision_date) };
                format!("{} {}{}", t("Quyết định số", "Decision no."), b.decision_number, date)
            })
        })
    };
    view! {
        <div class="step-screen" id="overview-screen">
            <section class="panel overview-head" aria-labelledby="overview-title">
                <h3 id="overview-title">{t("Tổng quan năm thi đua", "The year at a glance")}</h3>
                <p class="now">
                    <span class="now-label">{t("Giai đoạn hiện tại:", "Current stage:")}</span>" "
                    <strong id="overview-stage">{stage}</strong>
                </p>
                {move || decision().map(|d| view! { <p class="muted">{d}</p> })}
            </section>
            <next_step::NextStep />
            <steps::Steps />
            <unit_status::UnitStatus />
        </div>
    }
}
