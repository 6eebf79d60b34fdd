//! One criterion of the self-assessment: the input fitted to its kind, the points it earns, the
//! evidence note, and the reviewed score when the leader set one.

use super::FormCtx;
use crate::lang::{msg, points, t, tf};
use crate::screens::scorecard::kinds::how_scored;
use leptos::prelude::*;
use thidua_core::answer::{answer_text, fits, parse_answer, score};
use thidua_core::edit::Edit;
use thidua_core::{Criterion, CriterionKind, Entry};

#[component]
pub(super) fn ScoreRow(crit: Criterion) -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
    let s = ctx.s;
    let id = crit.id.clone();
    let crit = StoredValue::new(crit);
    let cid = StoredValue::new(id.clone());
    let entry = ctx.entry(&id);
    let self_text = Memo::new(move |_| entry.with(|e| e.as_ref().and_then(|e| e.self_answer.value.as_ref()).map(answer_text).unwrap_or_default()));
    let note = Memo::new(move |_| entry.with(|e| e.as_ref().map(|e| e.note.value.clone()).unwrap_or_default()));
    // The points that count: the reviewed answer when there is one, as the totals do.
    let pts = Memo::new(move |_| {
        entry.with(|e| {
            let a = e.as_ref().and_then(Entry::effective)?;
            crit.with_value(|c| Some(if fits(c, a) { score(c, a) } else { thidua_core::Points::ZERO }))
        })
    });
    let unfit = Memo::new(move |_| {
        entry.with(|e| e.as_ref().and_then(Entry::effective).is_some_and(|a| crit.with_value(|c| !fits(c, a))))
    });
    let err = RwSignal::new(None::<String>);
    let readonly = move || !ctx.editable.get();

    let send = move |text: String| match crit.with_value(|c| parse_answer(c, &text)) {
        Ok(answer) => {
            err.set(None);
            let unchanged = entry.with_untracked(|e| e.as_ref().and_then(|e| e.self_answer.value.clone())) == answer;
            if !unchanged {
                let _ = s.edit(Edit::SetSelf { unit: ctx.unit.get_value(), criterion: cid.get_value(), answer });
            }
        }
        Err(m) => err.set(Some(msg(&m))),
    };
    let on_change = move |ev: leptos::ev::Event| send(event_target_value(&ev));
    let clear_error = move |_: leptos::ev::Event| {
        if err.with_untracked(Option::is_some) {
            err.set(None);
        }
    };
    let save_note = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if note.with_untracked(|n| *n != v) {
            let _ = s.edit(Edit::SetNote { unit: ctx.unit.get_value(), criterion: cid.get_value(), note: v });
        }
    };

    let (code, title, max, kind) = crit.with_value(|c| (c.code.clone(), c.title.clone(), c.max, c.kind.clone()));
    let input_id = format!("answer-{id}");
    let err_id = format!("answer-{id}-err");
    let label = tf(format!("Tự chấm tiêu chí {code}"), format!("Self score for {code}"));
    let described = err_id.clone();
    let invalid = move || err.with(Option::is_some).then_some("true");

    let input = match &kind {
        CriterionKind::YesNo | CriterionKind::Veto => {
            let opt = move |value: &'static str, text: &'static str| {
                view! { <option value=value prop:selected=move || self_text.with(|v| v == value)>{text}</option> }
            };
            view! {
                <select id=input_id.clone() class="answer" disabled=readonly on:change=on_change aria-describedby=described.clone()>
                    {opt("", "—")}
                    {opt("1", t("Có", "Yes"))}
                    {opt("0", t("Không", "No"))}
                </select>
            }
            .into_any()
        }
        CriterionKind::Levels { levels } => {
            let options = levels
                .iter()
                .map(|l| {
                    let label = l.label.clone();
                    let sel = label.clone();
                    view! {
                        <option value=label.clone() prop:selected=move || self_text.with(|v| *v == sel)>
                            {format!("{} ({})", label, points(l.points))}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <select id=input_id.clone() class="answer" disabled=readonly on:change=on_change aria-describedby=described.clone()>
                    <option value="" prop:selected=move || self_text.with(String::is_empty)>{t("— chọn mức —", "— choose —")}</option>
                    {options}
                </select>
            }
            .into_any()
        }
        _ => {
            // No placeholders: a grey number in an empty box reads as an answer.
            let (mode, suffix) = match &kind {
                CriterionKind::Ratio { target } => ("decimal", Some(format!("/ {}", points(*target)))),
                CriterionKind::PerItem { .. } | CriterionKind::DeductPerItem { .. } => ("numeric", Some(t("lần", "times").to_string())),
                _ => ("decimal", None),
            };
            view! {
                <span class="answer-wrap">
                    <input id=input_id.clone() class="answer" type="text" inputmode=mode autocomplete="off"
                        readonly=readonly aria-invalid=invalid aria-describedby=described.clone()
                        prop:value=move || self_text.get() on:change=on_change on:input=clear_error />
                    {suffix.map(|x| view! { <span class="suffix">{x}</span> })}
                </span>
            }
            .into_any()
        }
    };

    let is_veto = kind == CriterionKind::Veto;
    let veto_yes = move || is_veto && self_text.with(|v| v == "1");
    let review = move || {
        entry.with(|e| {
            let e = e.as_ref()?;
            let a = e.review.value.as_ref()?;
            let p = crit.with_value(|c| if fits(c, a) { score(c, a) } else { thidua_core::Points::ZERO });
            let reason = (!e.review_reason.value.is_empty()).then(|| {
                view! { <span class="review-reason">{t("Lý do: ", "Reason: ")}{e.review_reason.value.clone()}</span> }
            });
            let self_pts = e.self_answer.value.as_ref().map(|sa| crit.with_value(|c| if fits(c, sa) { points(score(c, sa)) } else { "0".into() }));
            Some(view! {
                <div class="review-box">
                    <span class="review-value">
                        {t("Khối chấm: ", "Reviewed: ")}<strong>{answer_text(a)}</strong>
                        {tf(format!(" → {} điểm", points(p)), format!(" → {} points", points(p)))}
                        {self_pts.map(|sp| tf(format!(" (tự chấm {sp})"), format!(" (self {sp})")))}
                    </span>
                    {reason}
                </div>
            })
        })
    };
    let max_text = if is_veto { String::new() } else { format!("/ {}", points(max)) };
    let note_id = format!("note-{id}");
    let note_label = tf(format!("Minh chứng cho tiêu chí {code}"), format!("Evidence for {code}"));
    let how = crit.with_value(|c| how_scored(&c.kind, c.max));

    view! {
        <tr data-criterion=id.clone() id=format!("row-{id}") class:veto=is_veto class:answered=move || pts.with(Option::is_some) class:veto-yes=veto_yes>
            <td class="code">{code.clone()}</td>
            <td class="crit">
                <span class="crit-title"><span class="crit-code-inline">{code.clone()}</span>{title}</span>
                <span class="how">{how}</span>
                {review}
                <Show when=move || unfit.get()>
                    <span class="unfit">{t(
                        "Câu trả lời cũ không còn phù hợp với tiêu chí đã sửa: hãy chấm lại.",
                        "The earlier answer no longer fits the changed criterion: answer again.",
                    )}</span>
                </Show>
            </td>
            <td class="answer-cell">
                <label class="visually-hidden" for=input_id>{label}</label>
                {input}
                {move || err.get().map(|e| view! { <span class="input-error" id=err_id.clone() role="alert">{e}</span> })}
            </td>
            <td class="pts">
                <span class="crit-points">{move || pts.get().map(points).unwrap_or_else(|| "—".into())}</span>
                <Show when=veto_yes>
                    <span class="veto-flag">{t("Không xét thi đua", "Disqualified")}</span>
                </Show>
                <span class="of">{max_text}</span>
            </td>
            <td class="note-cell">
                <label class="visually-hidden" for=note_id.clone()>{note_label}</label>
                <textarea id=note_id class="note" rows="1" readonly=readonly
                    placeholder=move || if ctx.editable.get() { t("Số, ngày văn bản…", "Document no., date…") } else { "" }
                    prop:value=move || note.get() on:change=save_note></textarea>
            </td>
        </tr>
    }
}
