//! Thẩm định: the leader checks each submitted scorecard, sets reviewed scores (each with a reason)
//! and returns or accepts it. A unit sees only its own scorecard as reviewed, read-only.

mod answer_input;
mod decision;
mod detail;
mod history;
mod row;

use crate::lang::{points, t, tf};
use crate::session::use_session;
use detail::Detail;
use leptos::prelude::*;
use thidua_core::scorecard::score_unit;
use thidua_core::{Campaign, Field, Points, SubmissionState};

pub(crate) fn state_of(c: &Campaign, unit: &str) -> SubmissionState {
    c.members.get(unit).map(|m| m.state()).unwrap_or(SubmissionState::Draft)
}

pub(crate) fn state_label(s: &SubmissionState) -> String {
    match s {
        SubmissionState::Draft => t("Chưa nộp", "Not submitted").into(),
        SubmissionState::Submitted { round } => {
            tf(format!("Chờ thẩm định (lần nộp {round})"), format!("Awaiting review (round {round})"))
        }
        SubmissionState::Returned { round, .. } => {
            tf(format!("Đã trả lại (lần nộp {round})"), format!("Returned (round {round})"))
        }
        SubmissionState::Accepted { round } => {
            tf(format!("Đã chấp nhận (lần nộp {round})"), format!("Accepted (round {round})"))
        }
    }
}

pub(crate) fn state_class(s: &SubmissionState) -> &'static str {
    match s {
        SubmissionState::Draft => "state st-draft",
        SubmissionState::Submitted { .. } => "state st-submitted",
        SubmissionState::Returned { .. } => "state st-returned",
        SubmissionState::Accepted { .. } => "state st-accepted",
    }
}

/// The unit's total from its own answers only, and the total that counts (reviews replacing them).
pub(crate) fn totals(c: &Campaign, unit: &str) -> (Points, Points) {
    let entries = c.inputs.get(unit);
    let reviewed = score_unit(&c.template, entries).total;
    let own_only = entries.map(|m| {
        let mut m = m.clone();
        for e in m.values_mut() {
            e.review = Field::default();
        }
        m
    });
    (score_unit(&c.template, own_only.as_ref()).total, reviewed)
}

#[component]
pub fn Review() -> impl IntoView {
    let s = use_session();
    move || {
        if s.is_leader() {
            view! { <LeaderReview /> }.into_any()
        } else if let Some(unit) = s.acting_unit() {
            view! { <UnitView unit=unit /> }.into_any()
        } else {
            ().into_any()
        }
    }
}

struct UnitLine {
    code: String,
    name: String,
    state: SubmissionState,
    own: Points,
    reviewed: Points,
}

#[component]
fn LeaderReview() -> impl IntoView {
    let s = use_session();
    let selected = RwSignal::new(None::<String>);
    let lines = move || {
        s.campaign.with(|c| {
            c.active_units()
                .map(|u| {
                    let (own, reviewed) = totals(c, &u.code);
                    UnitLine {
                        code: u.code.clone(),
                        name: u.info.name.clone(),
                        state: state_of(c, &u.code),
                        own,
                        reviewed,
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let waiting = move || {
        s.campaign.with(|c| {
            c.active_units().filter(|u| matches!(state_of(c, &u.code), SubmissionState::Submitted { .. })).count()
        })
    };
    let open = move |code: String| {
        selected.set(Some(code));
        // The scorecard opens below the list: bring it into view (and to the keyboard's focus).
        request_animation_frame(|| {
            if let Some(el) = document().get_element_by_id("review-detail-title") {
                el.scroll_into_view();
                if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = h.focus();
                }
            }
        });
    };
    let rows = move || {
        lines()
            .into_iter()
            .map(|l| {
                let code = l.code.clone();
                let is_sel = {
                    let code = code.clone();
                    move || selected.get().as_deref() == Some(code.as_str())
                };
                let diff = l.reviewed - l.own;
                let action = if matches!(l.state, SubmissionState::Submitted { .. }) {
                    t("Thẩm định", "Review")
                } else {
                    t("Xem", "View")
                };
                let label = tf(format!("{action}: {}", l.name), format!("{action}: {}", l.name));
                let (data_unit, shown_code) = (code.clone(), code.clone());
                view! {
                    <tr data-unit=data_unit class:selected=is_sel>
                        <td class="code">{shown_code}</td>
                        <td class="unit-name">{l.name}</td>
                        <td class="state-cell"><span class=state_class(&l.state)>{state_label(&l.state)}</span></td>
                        <td class="num self-total" data-label=t("Tự chấm", "Self score")>{points(l.own)}</td>
                        <td class="num reviewed-total" data-label=t("Sau thẩm định", "After review")>{points(l.reviewed)}</td>
                        <td class="num diff">
                            {(diff != Points::ZERO).then(|| view! { <span class="delta">{signed(diff)}</span> })}
                        </td>
                        <td class="act">
                            <button type="button" class="review-open" aria-label=label on:click=move |_| open(code.clone())>
                                {action}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let locked = move || s.campaign.with(|c| c.results_locked.value);
    view! {
        <div class="review-screen">
            <section class="panel" aria-labelledby="review-title">
                <h2 id="review-title">{t("Thẩm định bảng tự chấm", "Reviewing the scorecards")}</h2>
                <p class="intro">{t(
                    "Trưởng khối xem bảng tự chấm đơn vị đã nộp, chấm lại tiêu chí chưa đúng (ghi rõ lý do), rồi trả lại để đơn vị sửa hoặc chấp nhận. Điểm Khối chấm thay cho điểm tự chấm.",
                    "The leader checks each submitted scorecard, re-scores criteria where needed (with a reason), then returns it for correction or accepts it. A reviewed score replaces the self score.",
                )}</p>
                {move || locked().then(|| view! {
                    <p class="locked-note">{t("Kết quả đã chốt: không thể thẩm định thêm.", "Results are locked: no more reviewing.")}</p>
                })}
                <p class="summary">{move || tf(
                    format!("{} đơn vị đang chờ thẩm định.", waiting()),
                    format!("{} units awaiting review.", waiting()),
                )}</p>
                <div class="table-wrap">
                    <table id="review-units" class="data">
                        <thead>
                            <tr>
                                <th scope="col">{t("Mã", "Code")}</th>
                                <th scope="col">{t("Đơn vị", "Unit")}</th>
                                <th scope="col">{t("Trạng thái", "State")}</th>
                                <th scope="col" class="num">{t("Tự chấm", "Self score")}</th>
                                <th scope="col" class="num">{t("Sau thẩm định", "After review")}</th>
                                <th scope="col" class="num">{t("Chênh lệch", "Difference")}</th>
                                <th scope="col"><span class="visually-hidden">{t("Thao tác", "Action")}</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
            {move || match selected.get() {
                Some(unit) => view! { <Detail unit=unit.clone() /> <crate::charts::SectionsChart unit=unit /> }.into_any(),
                None => view! {
                    <p class="hint panel">{t(
                        "Chọn «Thẩm định» ở một đơn vị để xem bảng điểm của đơn vị đó.",
                        "Choose «Review» on a unit to open its scorecard.",
                    )}</p>
                }
                .into_any(),
            }}
        </div>
    }
}

#[component]
fn UnitView(unit: String) -> impl IntoView {
    view! {
        <div class="review-screen">
            <section class="panel">
                <h2>{t("Thẩm định bảng tự chấm", "Reviewing the scorecards")}</h2>
                <p class="readonly-note">{t(
                    "Chỉ Trưởng khối thẩm định bảng tự chấm. Dưới đây là bảng điểm của đơn vị bạn và các điểm Khối đã chấm lại (chỉ xem).",
                    "Only the bloc leader reviews scorecards. Below is your unit's scorecard with any reviewed scores (read-only).",
                )}</p>
            </section>
            <Detail unit=unit.clone() />
            <crate::charts::SectionsChart unit=unit />
        </div>
    }
}

/// `+1,5` / `−0,3`: a difference, always signed.
pub(crate) fn signed(p: Points) -> String {
    if p.is_negative() {
        format!("−{}", points(-p))
    } else {
        format!("+{}", points(p))
    }
}
