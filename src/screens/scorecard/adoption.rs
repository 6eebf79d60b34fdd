//! Adopting the scorecard (blocked while the check finds blocking issues), unlocking it with a
//! reason, and the record of both.

use super::use_ctx;
use crate::lang::{t, today};
use leptos::prelude::*;
use thidua_core::edit::Edit;

#[component]
pub(super) fn AdoptionPanel() -> impl IntoView {
    let ctx = use_ctx();
    let s = ctx.s;
    let adopted = Memo::new(move |_| s.campaign.with(|c| c.adoption.adopted));
    let log = Memo::new(move |_| s.campaign.with(|c| c.adoption.log.clone()));
    let leader = Memo::new(move |_| s.is_leader());
    let blocking = Memo::new(move |_| ctx.issues.with(|v| v.iter().filter(|i| i.blocking).count()));
    let reason = RwSignal::new(String::new());

    let adopt = move |_: leptos::ev::MouseEvent| {
        let _ = s.edit(Edit::Adopt { date: today() });
    };
    let unlock = move |_: leptos::ev::MouseEvent| {
        let r = reason.get_untracked();
        if s.edit(Edit::Unlock { date: today(), reason: r.trim().to_string() }).is_ok() {
            reason.set(String::new());
        }
    };

    let status = move || {
        let last = log.with(|l| l.iter().rev().find(|e| e.adopted).map(|e| e.date.clone()));
        if adopted.get() {
            let when = last.map(|d| format!(" {} {d}", t("ngày", "on"))).unwrap_or_default();
            view! { <p class="adoption-state adopted" id="adoption-state">"✓ "{t("Đã thông qua", "Adopted")}{when}</p> }.into_any()
        } else {
            view! { <p class="adoption-state draft" id="adoption-state">{t("Chưa thông qua (đang soạn thảo)", "Not adopted (draft)")}</p> }.into_any()
        }
    };

    let actions = move || {
        if !leader.get() {
            return view! {
                <p class="readonly-note">{t("Chỉ Trưởng khối được thông qua hoặc mở khóa bảng chấm điểm.", "Only the bloc leader may adopt or unlock the scorecard.")}</p>
            }
            .into_any();
        }
        if adopted.get() {
            view! {
                <div class="unlock">
                    <label for="unlock-reason">{t("Lý do mở khóa (bắt buộc)", "Reason for unlocking (required)")}</label>
                    <textarea id="unlock-reason" rows="2"
                        placeholder=t("Ví dụ: Hội nghị Khối thống nhất điều chỉnh tiêu chí B.2", "e.g. The bloc agreed to change criterion B.2")
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    <p class="hint">{t(
                        "Khi mở khóa, các đơn vị tạm thời không tự chấm được; phần đã chấm được giữ lại. Lý do được ghi vào nhật ký bên dưới.",
                        "While unlocked, units cannot score; what they entered is kept. The reason is recorded in the log below.",
                    )}</p>
                    <button type="button" class="secondary" id="unlock"
                        disabled=move || reason.with(|r| r.trim().is_empty()) on:click=unlock>{t("Mở khóa", "Unlock")}</button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="adopt">
                    <button type="button" class="primary" id="adopt" disabled=move || { blocking.get() > 0 } on:click=adopt>
                        {t("Thông qua bảng chấm điểm", "Adopt the scorecard")}
                    </button>
                    <p class="hint" id="adopt-hint">{move || {
                        let n = blocking.get();
                        if n > 0 {
                            crate::lang::tf(
                                format!("Còn {n} vấn đề phải sửa (xem mục «Kiểm tra bảng chấm điểm») trước khi thông qua."),
                                format!("{n} problem(s) to fix first (see «Scorecard check»)."),
                            )
                        } else {
                            t(
                                "Sau khi thông qua, bảng bị khóa và các đơn vị bắt đầu tự chấm; muốn sửa phải mở khóa có lý do.",
                                "Once adopted, the scorecard is locked and units start scoring; changing it needs an unlock with a reason.",
                            )
                            .to_string()
                        }
                    }}</p>
                </div>
            }
            .into_any()
        }
    };

    let log_view = move || {
        log.with(|l| {
            if l.is_empty() {
                return ().into_any();
            }
            let items = l
                .iter()
                .map(|e| {
                    let what = if e.adopted { t("Thông qua", "Adopted") } else { t("Mở khóa", "Unlocked") };
                    let class = if e.adopted { "log-adopted" } else { "log-unlocked" };
                    let reason = (!e.reason.is_empty()).then(|| view! { <span class="log-reason">{format!("— {}", e.reason)}</span> });
                    view! {
                        <li class=class>
                            <span class="log-date">{e.date.clone()}</span>
                            <span class="log-what">{what}</span>
                            {reason}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h4>{t("Nhật ký thông qua / mở khóa", "Adoption log")}</h4>
                <ol id="adoption-log">{items}</ol>
            }
            .into_any()
        })
    };

    view! {
        <section class="panel adoption" id="adoption" aria-labelledby="adoption-title">
            <h3 id="adoption-title">{t("Thông qua bảng chấm điểm", "Adoption")}</h3>
            {status}
            {actions}
            {log_view}
        </section>
    }
}
