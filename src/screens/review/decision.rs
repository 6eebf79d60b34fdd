//! The leader's answer to a submission: return it with a comment, or accept it (its scores final).

use super::state_of;
use crate::lang::{t, tf};
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::edit::Edit;
use thidua_core::{Decision, SubmissionState};

#[component]
pub fn DecisionBox(unit: String) -> impl IntoView {
    let s = use_session();
    let unit = StoredValue::new(unit);
    let state = Memo::new(move |_| s.campaign.with(|c| state_of(c, &unit.get_value())));
    let locked = Memo::new(move |_| s.campaign.with(|c| c.results_locked.value));
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let decide = move |decision: Decision| {
        match s.edit(Edit::Decide { unit: unit.get_value(), decision }) {
            Ok(()) => {
                error.set(None);
                comment.set(String::new());
            }
            Err(m) => error.set(Some(m)),
        }
    };
    move || {
        let round = match state.get() {
            SubmissionState::Submitted { round } if s.is_leader() && !locked.get() => round,
            _ => return ().into_any(),
        };
        let give_back = move |_| {
            let text = comment.get_untracked().trim().to_string();
            if text.is_empty() {
                error.set(Some(t("Cần ghi nhận xét khi trả lại.", "Returning needs a comment.").into()));
                return;
            }
            decide(Decision::Returned { round, comment: text });
        };
        view! {
            <div class="decision" role="group" aria-labelledby="decision-title">
                <h3 id="decision-title">{tf(format!("Kết luận lần nộp {round}"), format!("Decision on round {round}"))}</h3>
                <div class="decision-grid">
                    <div class="return-box">
                        <label class="field" for="return-comment">
                            <span>{t("Nhận xét gửi đơn vị (bắt buộc khi trả lại)", "Comment to the unit (required to return)")}</span>
                        </label>
                        <textarea id="return-comment" rows="3" prop:value=move || comment.get() on:input=move |e| comment.set(event_target_value(&e))></textarea>
                        <button type="button" id="return" on:click=give_back>{t("Trả lại để đơn vị sửa", "Return for correction")}</button>
                    </div>
                    <div class="accept-box">
                        <p>{t(
                            "Chấp nhận: điểm của đơn vị (kể cả điểm Khối chấm lại) được chốt, đơn vị không sửa được nữa.",
                            "Accept: the unit's scores (with the reviewed ones) become final; the unit can no longer edit.",
                        )}</p>
                        <button type="button" id="accept" class="primary" on:click=move |_| decide(Decision::Accepted { round })>
                            {t("Chấp nhận bảng điểm", "Accept the scorecard")}
                        </button>
                    </div>
                </div>
                {move || error.get().map(|m| view! { <p class="error decision-error" role="alert">{m}</p> })}
            </div>
        }
        .into_any()
    }
}
