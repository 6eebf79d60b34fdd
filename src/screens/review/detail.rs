//! One unit's scorecard under review: its state, its totals before and after review, every criterion
//! with the unit's answer and the leader's, and the decision.

use super::decision::DecisionBox;
use super::row::CriterionRow;
use super::{signed, state_class, state_label, state_of, totals};
use crate::lang::{points, t, tf};
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::scorecard::score_unit;
use thidua_core::{SectionKind, SubmissionState};

#[component]
pub fn Detail(unit: String) -> impl IntoView {
    let s = use_session();
    let code = StoredValue::new(unit.clone());
    let state = Memo::new(move |_| s.campaign.with(|c| state_of(c, &code.get_value())));
    let locked = Memo::new(move |_| s.campaign.with(|c| c.results_locked.value));
    let can_review = Signal::derive(move || {
        s.is_leader() && !locked.get() && matches!(state.get(), SubmissionState::Submitted { .. })
    });
    let template = Memo::new(move |_| s.campaign.with(|c| c.template.value.clone()));
    let name = move || {
        s.campaign.with(|c| c.unit(&code.get_value()).map(|u| u.info.name.clone()).unwrap_or_else(|| code.get_value()))
    };
    let sums = Memo::new(move |_| s.campaign.with(|c| totals(c, &code.get_value())));
    let progress = Memo::new(move |_| {
        s.campaign.with(|c| {
            let inputs = c.inputs.get(&code.get_value());
            let score = score_unit(&c.template, inputs);
            let changed = inputs.map(|m| m.values().filter(|e| e.review.is_some() && e.review.value != e.self_answer.value).count());
            (score.missing.len(), changed.unwrap_or(0))
        })
    });
    let submitted_on = move || {
        s.campaign.with(|c| c.members.get(&code.get_value()).and_then(|m| m.submitted.value.as_ref().map(|x| x.date.clone())))
    };

    let why_readonly = move || {
        // A unit already reads why above the scorecard.
        if can_review.get() || !s.is_leader() {
            return None;
        }
        let text = if locked.get() {
            t("Kết quả đã chốt: bảng điểm chỉ để xem.", "Results are locked: read-only.")
        } else {
            match state.get() {
                SubmissionState::Draft => t(
                    "Đơn vị chưa nộp bảng tự chấm: chỉ thẩm định được sau khi đơn vị nộp.",
                    "The unit has not submitted yet: reviewing starts once it submits.",
                ),
                SubmissionState::Returned { .. } => t(
                    "Đã trả lại cho đơn vị: chờ đơn vị sửa và nộp lại rồi mới thẩm định tiếp.",
                    "Returned to the unit: review resumes once it submits again.",
                ),
                SubmissionState::Accepted { .. } => t(
                    "Đã chấp nhận: điểm của đơn vị đã chốt, không chấm lại được nữa.",
                    "Accepted: the unit's scores are final.",
                ),
                SubmissionState::Submitted { .. } => "",
            }
        };
        Some(view! { <p class="readonly-note">{text}</p> })
    };

    let sections = move || {
        template.with(|tpl| {
            tpl.sections
                .iter()
                .map(|sec| {
                    let kind = match sec.kind {
                        SectionKind::Section => "",
                        SectionKind::Bonus => t(" (điểm thưởng)", " (bonus)"),
                        SectionKind::Penalty => t(" (điểm trừ)", " (deductions)"),
                    };
                    let head = format!("{}. {}{kind}", sec.code, sec.title);
                    let cap = tf(format!("tối đa {}", points(sec.max)), format!("max {}", points(sec.max)));
                    let rows = sec
                        .criteria
                        .iter()
                        .map(|cr| view! { <CriterionRow unit=code.get_value() crit=cr.clone() can_review=can_review /> })
                        .collect_view();
                    view! {
                        <tbody>
                            <tr class="section-head">
                                <th colspan="4" scope="colgroup">{head}<span class="cap">{cap}</span></th>
                            </tr>
                            {rows}
                        </tbody>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <section class="panel review-detail" id="review-detail" data-unit=unit.clone() aria-labelledby="review-detail-title">
            <h2 id="review-detail-title" tabindex="-1">
                {move || tf(format!("Bảng điểm: {}", name()), format!("Scorecard: {}", name()))}
                <span class="code-tag">{unit.clone()}</span>
            </h2>
            <p class="detail-state">
                <span class=move || state_class(&state.get())>{move || state_label(&state.get())}</span>
                {move || submitted_on().map(|d| view! {
                    <span class="muted">{tf(format!(" · nộp ngày {d}"), format!(" · submitted {d}"))}</span>
                })}
            </p>
            {move || match state.get() {
                SubmissionState::Returned { comment, .. } => Some(view! {
                    <p class="returned-comment"><strong>{t("Nhận xét khi trả lại: ", "Comment when returned: ")}</strong>{comment}</p>
                }),
                _ => None,
            }}
            <dl class="totals">
                <div>
                    <dt>{t("Tự chấm", "Self score")}</dt>
                    <dd id="detail-self-total">{move || points(sums.get().0)}</dd>
                </div>
                <div>
                    <dt>{t("Sau thẩm định", "After review")}</dt>
                    <dd id="detail-reviewed-total">{move || points(sums.get().1)}</dd>
                </div>
                <div>
                    <dt>{t("Chênh lệch", "Difference")}</dt>
                    <dd>{move || { let (a, b) = sums.get(); signed(b - a) }}</dd>
                </div>
                <div>
                    <dt>{t("Tiêu chí chấm lại", "Re-scored criteria")}</dt>
                    <dd>{move || progress.get().1}</dd>
                </div>
            </dl>
            {move || {
                let missing = progress.get().0;
                (missing > 0).then(|| view! {
                    <p class="warn-note">{tf(
                        format!("Còn {missing} tiêu chí chưa có điểm."),
                        format!("{missing} criteria have no score yet."),
                    )}</p>
                })
            }}
            {why_readonly}
            <div class="table-wrap">
                <table class="data review-criteria">
                    <thead>
                        <tr>
                            <th scope="col">{t("Tiêu chí", "Criterion")}</th>
                            <th scope="col">{t("Đơn vị tự chấm", "Unit's own score")}</th>
                            <th scope="col">{t("Minh chứng", "Evidence")}</th>
                            <th scope="col">{t("Điểm Khối chấm (thẩm định)", "Reviewed score")}</th>
                        </tr>
                    </thead>
                    {sections}
                </table>
            </div>
            <DecisionBox unit=code.get_value() />
        </section>
    }
}
