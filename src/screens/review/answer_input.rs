//! The input for one criterion's answer, by kind: a choice for yes/no and levels (so nothing can be
//! mistyped), a text box for numbers and counts (so `8,5` reads as people write it).

use crate::lang::{points, t, tf};
use leptos::prelude::*;
use thidua_core::{Criterion, CriterionKind};

/// `value` holds the text `parse_answer` reads; empty means no answer.
#[component]
pub fn AnswerInput(crit: Criterion, value: RwSignal<String>) -> impl IntoView {
    let option = move |v: String, label: String| {
        let v2 = v.clone();
        view! { <option value=v prop:selected=move || value.with(|x| *x == v2)>{label}</option> }
    };
    let none = t("— giữ nguyên —", "— keep as is —").to_string();
    let on_change = move |e: leptos::ev::Event| value.set(event_target_value(&e));
    match &crit.kind {
        CriterionKind::YesNo | CriterionKind::Veto => {
            let (yes, no) = if crit.kind == CriterionKind::Veto {
                (t("Có (bị loại trừ)", "Yes (disqualifies)"), t("Không", "No"))
            } else {
                (t("Có / Đạt", "Yes"), t("Không / Không đạt", "No"))
            };
            view! {
                <select class="review-answer" on:change=on_change>
                    {option(String::new(), none)}
                    {option("1".into(), yes.into())}
                    {option("0".into(), no.into())}
                </select>
            }
            .into_any()
        }
        CriterionKind::Levels { levels } => {
            let opts = levels
                .iter()
                .map(|l| {
                    let label = tf(format!("{} ({} điểm)", l.label, points(l.points)), format!("{} ({} pts)", l.label, points(l.points)));
                    option(l.label.clone(), label)
                })
                .collect_view();
            view! {
                <select class="review-answer" on:change=on_change>
                    {option(String::new(), none)}
                    {opts}
                </select>
            }
            .into_any()
        }
        kind => {
            let whole = matches!(kind, CriterionKind::PerItem { .. } | CriterionKind::DeductPerItem { .. });
            let placeholder = if whole {
                t("số lượng", "count").to_string()
            } else if let CriterionKind::Ratio { .. } = kind {
                t("tỷ lệ %", "percent").to_string()
            } else {
                format!("0 – {}", points(crit.max))
            };
            view! {
                <input
                    type="text"
                    class="review-answer"
                    inputmode=if whole { "numeric" } else { "decimal" }
                    autocomplete="off"
                    placeholder=placeholder
                    prop:value=move || value.get()
                    on:input=move |e| value.set(event_target_value(&e))
                />
            }
            .into_any()
        }
    }
}
