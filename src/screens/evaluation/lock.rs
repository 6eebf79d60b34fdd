//! Locking the results (every ranking input becomes read-only) and unlocking them, each behind a
//! confirmation; and the `results.csv` download.

use super::Ctx;
use crate::download::download_text;
use crate::lang::{t, tf};
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::edit::Edit;
use thidua_core::results::results_csv;
use thidua_core::{Evaluation, SubmissionState};

/// Hands `results.csv` (the format the province's spreadsheets read) to the browser as a download.
#[component]
pub fn Download(eval: Memo<Evaluation>) -> impl IntoView {
    let failed = RwSignal::new(false);
    let save = move |_| {
        let csv = eval.with_untracked(results_csv);
        failed.set(!download_text("results.csv", "text/csv;charset=utf-8", &csv));
    };
    view! {
        <div class="download">
            <button type="button" id="results-download" on:click=save>{t("Tải results.csv", "Download results.csv")}</button>
            {move || failed.get().then(|| view! {
                <p class="error" role="alert">{t("Trình duyệt không cho tải tệp xuống.", "The browser refused the download.")}</p>
            })}
        </div>
    }
}

#[component]
pub fn LockBox(ctx: Ctx) -> impl IntoView {
    let s = use_session();
    let asking = RwSignal::new(false);
    // Scorecards still open when locking: the leader should know before making the results final.
    let open_units = move || {
        s.campaign.with(|c| {
            c.active_units()
                .filter(|u| {
                    !matches!(
                        c.members.get(&u.code).map(|m| m.state()),
                        Some(SubmissionState::Accepted { .. })
                    )
                })
                .count()
        })
    };
    let set = move |locked: bool| {
        if s.edit(Edit::LockResults { locked }).is_ok() {
            asking.set(false);
        }
    };
    move || {
        if !s.is_leader() {
            return ().into_any();
        }
        if ctx.locked.get() {
            view! {
                <section class="panel lock-box" aria-labelledby="lock-title">
                    <h2 id="lock-title">{t("Mở lại kết quả", "Unlock the results")}</h2>
                    <p>{t(
                        "Kết quả đang được chốt. Chỉ mở lại khi thật cần sửa (ví dụ sai sót phát hiện sau hội nghị).",
                        "The results are locked. Unlock only when a correction is really needed (e.g. an error found after the conference).",
                    )}</p>
                    <Show
                        when=move || asking.get()
                        fallback=move || view! {
                            <button type="button" id="unlock" on:click=move |_| asking.set(true)>{t("Mở lại kết quả…", "Unlock the results…")}</button>
                        }
                    >
                        <div class="confirm" role="group" aria-labelledby="unlock-q">
                            <p id="unlock-q"><strong>{t(
                                "Mở lại kết quả? Xếp hạng, số phiếu và khen thưởng sẽ sửa được trở lại.",
                                "Unlock the results? Ranking inputs, ballots and awards become editable again.",
                            )}</strong></p>
                            <button type="button" id="unlock-confirm" class="primary" on:click=move |_| set(false)>{t("Mở lại", "Unlock")}</button>
                            <button type="button" id="unlock-cancel" on:click=move |_| asking.set(false)>{t("Hủy", "Cancel")}</button>
                        </div>
                    </Show>
                </section>
            }
            .into_any()
        } else {
            view! {
                <section class="panel lock-box" aria-labelledby="lock-title">
                    <h2 id="lock-title">{t("Chốt kết quả", "Lock the results")}</h2>
                    <p>{t(
                        "Sau khi Khối thống nhất tại hội nghị, chốt kết quả để không ai sửa điểm, số phiếu hay khen thưởng nữa.",
                        "Once the bloc agrees at the conference, lock the results so that no score, ballot or award changes any more.",
                    )}</p>
                    <Show
                        when=move || asking.get()
                        fallback=move || view! {
                            <button type="button" id="lock" class="primary" on:click=move |_| asking.set(true)>{t("Chốt kết quả…", "Lock the results…")}</button>
                        }
                    >
                        <div class="confirm" role="group" aria-labelledby="lock-q">
                            <p id="lock-q"><strong>{t(
                                "Chốt kết quả? Sau khi chốt, mọi dữ liệu xếp hạng chỉ để xem; chỉ Trưởng khối mở lại được.",
                                "Lock the results? Everything that decides the ranking becomes read-only; only the leader can unlock.",
                            )}</strong></p>
                            {move || {
                                let n = open_units();
                                (n > 0).then(|| view! {
                                    <p class="warn-note">{tf(
                                        format!("Lưu ý: còn {n} đơn vị chưa được chấp nhận bảng điểm."),
                                        format!("Note: {n} units' scorecards are not accepted yet."),
                                    )}</p>
                                })
                            }}
                            <button type="button" id="lock-confirm" class="primary" on:click=move |_| set(true)>{t("Xác nhận chốt", "Lock now")}</button>
                            <button type="button" id="lock-cancel" on:click=move |_| asking.set(false)>{t("Hủy", "Cancel")}</button>
                        </div>
                    </Show>
                </section>
            }
            .into_any()
        }
    }
}
