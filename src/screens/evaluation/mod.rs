//! Bình xét: the ranking the core computes (ties shared, disqualified units apart), the award tiers,
//! the secret-ballot tallies, the proposals they lead to, and locking the results.

mod lock;
mod meeting;
mod ranking;
mod tiers;
mod votes;

use crate::lang::t;
use crate::session::use_session;
use leptos::prelude::*;
use lock::{Download, LockBox};
use ranking::{AwardNotes, Disqualified, Proposals, RankingTable};
use tiers::TiersEditor;
use votes::VotesTable;

/// What every part of the screen reads: the evaluation, and whether this browser may change things.
#[derive(Clone, Copy)]
pub(crate) struct Ctx {
    pub eval: Memo<thidua_core::Evaluation>,
    pub locked: Memo<bool>,
    /// The leader, results not locked.
    pub editable: Signal<bool>,
}

#[component]
pub fn Evaluation() -> impl IntoView {
    let s = use_session();
    let eval = Memo::new(move |_| s.campaign.with(thidua_core::evaluate));
    let locked = Memo::new(move |_| s.campaign.with(|c| c.results_locked.value));
    let editable = Signal::derive(move || s.is_leader() && !locked.get());
    let ctx = Ctx { eval, locked, editable };

    let notice = move || {
        locked.get().then(|| {
            view! {
                <div class="locked-banner" id="results-locked" role="status">
                    <strong>{t("Đã chốt kết quả.", "Results locked.")}</strong>" "
                    {if s.is_leader() {
                        t(
                            "Xếp hạng, khen thưởng và số phiếu chỉ để xem. Trưởng khối có thể mở lại ở cuối trang nếu cần sửa.",
                            "Ranking, awards and ballots are read-only. The leader may unlock them at the bottom of the page.",
                        )
                    } else {
                        t("Xếp hạng, khen thưởng và số phiếu chỉ để xem.", "Ranking, awards and ballots are read-only.")
                    }}
                </div>
            }
        })
    };
    let readonly_note = move || {
        (!s.is_leader()).then(|| {
            view! {
                <p class="readonly-note">{t(
                    "Chỉ Trưởng khối nhập số phiếu, sửa hình thức khen thưởng và chốt kết quả; đơn vị xem kết quả.",
                    "Only the bloc leader enters ballots, edits the awards and locks the results; units see the results.",
                )}</p>
            }
        })
    };

    view! {
        <div class="evaluation-screen">
            {notice}
            <section class="panel" aria-labelledby="ranking-title">
                <div class="panel-head">
                    <h2 id="ranking-title">{t("Kết quả xếp hạng", "Ranking")}</h2>
                    <div class="actions">
                        <Download eval=eval />
                        <ExportXlsx />
                    </div>
                </div>
                <p class="intro">{t(
                    "Xếp theo tổng điểm (điểm Khối chấm thay cho điểm tự chấm). Các đơn vị bằng điểm đồng hạng; đơn vị vi phạm tiêu chí loại trừ không được xếp hạng.",
                    "Ranked by total (reviewed scores replace self scores). Equal totals share a rank; units meeting a disqualifying condition are not ranked.",
                )}</p>
                {readonly_note}
                <RankingTable ctx=ctx />
                <Disqualified ctx=ctx />
                <AwardNotes ctx=ctx />
            </section>
            <crate::charts::TotalsChart eval=eval />
            <crate::charts::DiffChart />
            <Proposals ctx=ctx />
            <VotesTable ctx=ctx />
            <TiersEditor ctx=ctx />
            <meeting::MeetingForm ctx=ctx />
            <LockBox ctx=ctx />
        </div>
    }
}

/// The Excel summary's button. The workbook is made in the Excel worker, fetched on first use: the
/// button says so while it works, and stays disabled so that one click makes one file.
#[component]
fn ExportXlsx() -> impl IntoView {
    let s = use_session();
    let busy = RwSignal::new(false);
    let export = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let making = s.campaign.with_untracked(crate::documents::xlsx::download_workbook);
        leptos::task::spawn_local(async move {
            let done = making.await;
            busy.set(false);
            if let Err(e) = done {
                s.notice.set(Some(crate::session::Notice::Error(e)));
            }
        });
    };
    view! {
        <button type="button" id="export-xlsx" on:click=export disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
            {move || if busy.get() {
                t("Đang tạo tệp Excel…", "Making the Excel file…")
            } else {
                t("Tải bảng tổng hợp Excel", "Download the Excel summary")
            }}
        </button>
    }
}
