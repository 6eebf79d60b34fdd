//! One criterion of the scorecard under review: what the unit answered and the leader's reviewed
//! answer with its reason. The reason is required because the reviewed score replaces the unit's own.

use super::answer_input::AnswerInput;
use super::history::{stamp_text, ScoreHistory};
use super::signed;
use crate::lang::{msg, points, t, tf};
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::answer::{answer_text, fits, parse_answer, score};
use thidua_core::edit::Edit;
use thidua_core::{Answer, Criterion, CriterionKind, Entry, Points};

/// What a person reads for an answer: yes/no spelled out, the typed value otherwise.
pub(super) fn shown(c: &Criterion, a: &Answer) -> String {
    match a {
        Answer::Flag(true) => tf(format!("Có ({})", answer_text(a)), format!("Yes ({})", answer_text(a))),
        Answer::Flag(false) => tf(format!("Không ({})", answer_text(a)), format!("No ({})", answer_text(a))),
        Answer::Number(_) if matches!(c.kind, CriterionKind::Ratio { .. }) => format!("{}%", answer_text(a)),
        _ => answer_text(a),
    }
}

fn points_of(c: &Criterion, a: Option<&Answer>) -> Points {
    match a {
        Some(a) if fits(c, a) => score(c, a),
        _ => Points::ZERO,
    }
}

fn pts_text(c: &Criterion, p: Points) -> String {
    if c.kind == CriterionKind::Veto {
        return t("tiêu chí loại trừ", "disqualifying condition").into();
    }
    tf(format!("{} điểm", points(p)), format!("{} pts", points(p)))
}

/// A one-line hint on what the criterion's input means.
fn kind_hint(c: &Criterion) -> String {
    let max = points(c.max);
    match &c.kind {
        CriterionKind::Points => tf(format!("Điểm 0 – {max}"), format!("Points 0 – {max}")),
        CriterionKind::YesNo => tf(format!("Có/không: có = {max} điểm"), format!("Yes/no: yes = {max} pts")),
        CriterionKind::Levels { .. } => tf(format!("Chọn mức, tối đa {max} điểm"), format!("Choose a level, max {max}")),
        CriterionKind::Ratio { target } => tf(
            format!("Tỷ lệ đạt được; đạt {}% được {max} điểm", points(*target)),
            format!("Achieved value; {}% gives {max} pts", points(*target)),
        ),
        CriterionKind::PerItem { each } => {
            tf(format!("Số lượng × {} điểm, tối đa {max}", points(*each)), format!("Count × {} pts, max {max}", points(*each)))
        }
        CriterionKind::DeductPerItem { each } => {
            tf(format!("Trừ {} điểm mỗi lần, tối đa {max}", points(*each)), format!("{} pts off each, max {max}", points(*each)))
        }
        CriterionKind::Veto => t("Có = không được xét thi đua", "Yes = not eligible for awards").into(),
    }
}

#[component]
pub fn CriterionRow(unit: String, crit: Criterion, can_review: Signal<bool>) -> impl IntoView {
    let s = use_session();
    let id = crit.id.clone();
    let crit = StoredValue::new(crit);
    let unit = StoredValue::new(unit);
    let entry = Memo::new({
        let id = id.clone();
        move |_| s.campaign.with(|c| c.entry(&unit.get_value(), &id).cloned().unwrap_or_default())
    });
    let stored_review = move || {
        entry.with(|e| (e.review.value.as_ref().map(answer_text).unwrap_or_default(), e.review_reason.value.clone()))
    };
    let (text0, reason0) = entry.with_untracked(|e| {
        (e.review.value.as_ref().map(answer_text).unwrap_or_default(), e.review_reason.value.clone())
    });
    let text = RwSignal::new(text0);
    let reason = RwSignal::new(reason0);
    let error = RwSignal::new(None::<String>);
    // What is stored changed (a save here, another tab): the inputs show it again.
    Effect::new(move |prev: Option<(String, String)>| {
        let now = stored_review();
        if prev.is_some_and(|p| p != now) {
            text.set(now.0.clone());
            reason.set(now.1.clone());
        }
        now
    });

    let self_pts = move || entry.with(|e| crit.with_value(|c| points_of(c, e.self_answer.value.as_ref())));
    let reviewed_pts = move || entry.with(|e| crit.with_value(|c| points_of(c, e.effective())));
    let differs = move || entry.with(|e| e.review.is_some() && e.review.value != e.self_answer.value);

    let edit_review = move |answer: Option<Answer>, why: String| {
        let e = Edit::SetReview { unit: unit.get_value(), criterion: crit.with_value(|c| c.id.clone()), answer, reason: why };
        match s.edit(e) {
            Ok(()) => error.set(None),
            Err(m) => error.set(Some(m)),
        }
    };
    let save = move |_| {
        let typed = text.get_untracked();
        let why = reason.get_untracked().trim().to_string();
        match crit.with_value(|c| parse_answer(c, &typed)) {
            Err(m) => error.set(Some(msg(&m))),
            Ok(None) => edit_review(None, String::new()),
            Ok(Some(_)) if why.is_empty() => {
                error.set(Some(t("Cần ghi lý do khi chấm lại điểm.", "A reviewed score needs a reason.").into()));
            }
            Ok(Some(a)) => edit_review(Some(a), why),
        }
    };
    let clear = move |_| edit_review(None, String::new());

    let self_cell = move || {
        entry.with(|e: &Entry| {
            crit.with_value(|c| match e.self_answer.value.as_ref() {
                Some(a) => view! {
                    <span class="answer">{shown(c, a)}</span>
                    <span class="pts">{pts_text(c, points_of(c, Some(a)))}</span>
                }
                .into_any(),
                None => view! { <span class="answer none">{t("Chưa chấm", "No answer")}</span> }.into_any(),
            })
        })
    };
    let self_history = move || {
        entry.with(|e| {
            stamp_text(&e.self_answer.stamp).map(|when| {
                view! { <span class="history">{tf(format!("Đơn vị · {when}"), format!("Unit · {when}"))}</span> }
            })
        })
    };
    let review_history = move || {
        entry.with(|e| {
            stamp_text(&e.review.stamp).map(|when| {
                view! { <span class="history">{tf(format!("Trưởng khối · {when}"), format!("Bloc leader · {when}"))}</span> }
            })
        })
    };
    let delta = move || {
        differs().then(|| {
            let d = reviewed_pts() - self_pts();
            view! {
                <span class="delta" title=t("Chênh lệch so với tự chấm", "Difference from the self score")>
                    {tf(format!("{} điểm", signed(d)), format!("{} pts", signed(d)))}
                </span>
            }
        })
    };

    let review_readonly = move || {
        entry.with(|e| {
            crit.with_value(|c| match e.review.value.as_ref() {
                Some(a) => view! {
                    <span class="answer review-value">{shown(c, a)}</span>
                    <span class="pts">{pts_text(c, points_of(c, Some(a)))}</span>
                    {delta}
                    <span class="reason">{e.review_reason.value.clone()}</span>
                }
                .into_any(),
                None => view! { <span class="answer none">{t("Không chấm lại", "Not re-scored")}</span> }.into_any(),
            })
        })
    };
    let has_review = move || entry.with(|e| e.review.is_some());
    let review_edit = move || {
        view! {
            <div class="review-edit">
                <label class="field f-answer">
                    <span>{t("Khối chấm", "Reviewed")}</span>
                    <AnswerInput crit=crit.get_value() value=text />
                </label>
                <label class="field f-reason">
                    <span>{t("Lý do (bắt buộc)", "Reason (required)")}</span>
                    <input type="text" class="review-reason" prop:value=move || reason.get() on:input=move |e| reason.set(event_target_value(&e)) />
                </label>
                <button type="button" class="review-save" on:click=save>{t("Lưu", "Save")}</button>
                <Show when=has_review>
                    <div class="row-extra">
                        {delta}
                        <button type="button" class="review-clear link" on:click=clear>{t("Bỏ chấm lại", "Clear review")}</button>
                    </div>
                </Show>
                {move || error.get().map(|m| view! { <p class="error review-error" role="alert">{m}</p> })}
            </div>
        }
    };

    let (code, title, hint) = crit.with_value(|c| (c.code.clone(), c.title.clone(), kind_hint(c)));
    view! {
        <tr data-criterion=id class:differs=differs>
            <th scope="row" class="crit">
                <span class="crit-code">{code}</span>" "{title}
                <span class="hint">{hint}</span>
            </th>
            <td class="self-answer" data-label=t("Đơn vị tự chấm", "Unit's own score")>{self_cell}{self_history}</td>
            <td class="note">{move || entry.with(|e| e.note.value.clone())}</td>
            <td class="review-cell" data-label=t("Điểm Khối chấm", "Reviewed score")>
                {move || if can_review.get() { review_edit().into_any() } else { review_readonly().into_any() }}
                {review_history}
                <ScoreHistory entry=entry crit=crit />
            </td>
        </tr>
    }
}
