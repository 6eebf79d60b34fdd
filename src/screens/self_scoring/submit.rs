//! What is still missing, and submitting the scorecard to the leader (with a confirm step).

use super::FormCtx;
use crate::lang::{points, t, tf, today};
use leptos::prelude::*;
use thidua_core::edit::Edit;
use thidua_core::SubmissionState;

/// Brings an element into view and, when given, focuses a control (the criterion's input).
pub(super) fn scroll_to(element_id: &str, focus_id: Option<&str>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(el) = doc.get_element_by_id(element_id) {
        el.scroll_into_view();
    }
    if let Some(f) = focus_id.and_then(|f| doc.get_element_by_id(f)) {
        if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(f) {
            let _ = h.focus();
        }
    }
}

#[component]
pub(super) fn SubmitPanel() -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
    let s = ctx.s;
    let confirming = RwSignal::new(false);
    let missing = Memo::new(move |_| {
        let ids = ctx.score.with(|sc| sc.missing.clone());
        ctx.template.with(|tpl| {
            ids.into_iter()
                .map(|id| {
                    let code = tpl.criteria().find(|(_, c)| c.id == id).map(|(_, c)| c.code.clone()).unwrap_or_else(|| id.clone());
                    (id, code)
                })
                .collect::<Vec<_>>()
        })
    });
    let is_self = move || s.acting_unit().is_some_and(|a| ctx.unit.with_value(|u| *u == a));
    let why_not = move || -> Option<String> {
        if !ctx.editable.get() {
            return Some(match ctx.state.get() {
                SubmissionState::Submitted { .. } => t("Đã nộp; đang chờ Trưởng khối thẩm định.", "Submitted; awaiting the leader's review.").into(),
                SubmissionState::Accepted { .. } => t("Đã được chấp nhận.", "Accepted.").into(),
                _ if !is_self() => t("Chỉ đơn vị tự nộp bảng tự chấm của mình.", "Only the unit submits its own self-assessment.").into(),
                _ => t("Chưa thể nộp lúc này (bảng chấm điểm chưa thông qua hoặc kết quả đã khóa).", "Cannot submit now (scorecard not adopted or results locked).").into(),
            });
        }
        let n = missing.with(Vec::len);
        (n > 0).then(|| {
            tf(
                format!("Chưa nộp được: còn {n} tiêu chí chưa chấm (danh sách ở trên)."),
                format!("Cannot submit yet: {n} criteria still have no answer (listed above)."),
            )
        })
    };
    let submit = move |_: leptos::ev::MouseEvent| {
        if s.edit(Edit::Submit { unit: ctx.unit.get_value(), date: today() }).is_ok() {
            confirming.set(false);
        }
    };
    let list = move || {
        missing.with(|m| {
            if m.is_empty() {
                return view! {
                    <p class="all-done" id="missing-none">{t("Đã chấm đủ tất cả tiêu chí.", "Every criterion has an answer.")}</p>
                    <ul id="missing-list" class="missing-list"></ul>
                }
                .into_any();
            }
            let items = m
                .iter()
                .map(|(id, code)| {
                    let (row, input) = (format!("row-{id}"), format!("answer-{id}"));
                    let href = format!("#{input}");
                    view! {
                        <li>
                            <a href=href data-criterion=id.clone() on:click=move |ev: leptos::ev::MouseEvent| {
                                // The hash is the app's route: move to the input without changing it.
                                ev.prevent_default();
                                scroll_to(&row, Some(&input));
                            }>{code.clone()}</a>
                        </li>
                    }
                })
                .collect_view();
            let n = m.len();
            view! {
                <p class="missing-title">{tf(format!("Còn {n} tiêu chí chưa chấm:"), format!("{n} criteria without an answer:"))}</p>
                <ul id="missing-list" class="missing-list">{items}</ul>
            }
            .into_any()
        })
    };
    let total = move || ctx.score.with(|sc| points(sc.total));

    view! {
        <section class="panel submit-panel" id="submit-panel" aria-labelledby="submit-title">
            <h3 id="submit-title">{t("Nộp bảng tự chấm", "Submit the self-assessment")}</h3>
            {list}
            <Show when=move || ctx.score.with(|sc| !sc.vetoes.is_empty())>
                <p class="veto-warning">{t(
                    "Bạn đã đánh dấu «Có» ở một điều kiện không xét thi đua: đơn vị sẽ không được xếp hạng, khen thưởng.",
                    "You answered «Yes» to a disqualifying condition: the unit will not be ranked or awarded.",
                )}</p>
            </Show>
            <Show when=move || is_self()>
                <div class="submit-actions">
                    <button type="button" class="primary" id="submit" disabled=move || why_not().is_some() || confirming.get()
                        aria-describedby="submit-why" on:click=move |_| confirming.set(true)>
                        {move || match ctx.state.get() {
                            SubmissionState::Returned { .. } => t("Nộp lại cho Trưởng khối", "Submit again to the leader"),
                            _ => t("Nộp cho Trưởng khối", "Submit to the leader"),
                        }}
                    </button>
                    <p class="hint" id="submit-why">{why_not}</p>
                </div>
                <Show when=move || confirming.get() && why_not().is_none()>
                    <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
                        <p id="confirm-text">{move || tf(
                            format!("Nộp bảng tự chấm với tổng điểm {}? Sau khi nộp, đơn vị không sửa được nữa, trừ khi Trưởng khối trả lại.", total()),
                            format!("Submit with a total of {}? After submitting, the unit cannot change it unless the leader returns it.", total()),
                        )}</p>
                        <button type="button" class="primary" id="submit-confirm" on:click=submit>{t("Xác nhận nộp", "Confirm and submit")}</button>
                        <button type="button" class="secondary" id="submit-cancel" on:click=move |_| confirming.set(false)>{t("Quay lại", "Go back")}</button>
                    </div>
                </Show>
            </Show>
        </section>
    }
}
