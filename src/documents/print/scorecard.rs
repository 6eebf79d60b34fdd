//! Bảng tự chấm điểm: one unit's scorecard as it sends it to the leader — every criterion with its
//! maximum, the unit's own points, the points the bloc set on review, the answer and evidence, the
//! section and grand totals, and the unit head's signature.

use super::header::{number_line, place_date, DocHeader, DocTitle, Signatures, Signer};
use crate::charts::self_only_score;
use leptos::prelude::*;
use thidua_core::scorecard::score_unit;
use thidua_core::{Answer, Campaign, CriterionKind, Points, SectionKind, SubmissionState};

/// What a person reads for an answer that is not plain points.
fn result_text(kind: &CriterionKind, a: &Answer) -> Option<String> {
    Some(match (kind, a) {
        (CriterionKind::Points, _) => return None,
        (CriterionKind::Ratio { target }, Answer::Number(v)) if *target == Points::from_whole(100) => format!("Đạt {}%", v.to_vi()),
        (CriterionKind::Ratio { target }, Answer::Number(v)) => format!("Đạt {}/{}", v.to_vi(), target.to_vi()),
        (CriterionKind::Veto, Answer::Flag(true)) => "Có (thuộc trường hợp không xét thi đua)".into(),
        (_, Answer::Flag(true)) => "Có".into(),
        (_, Answer::Flag(false)) => "Không".into(),
        (_, Answer::Level(l)) => l.clone(),
        (_, Answer::Count(n)) => format!("Số lượng: {n}"),
        (_, Answer::Number(v)) => v.to_vi(),
    })
}

#[component]
pub fn ScorecardDoc(c: Campaign, unit: String) -> impl IntoView {
    let Some(u) = c.unit(&unit) else {
        return view! {
            <p class="error" role="alert" id="load-error">{format!("Không có đơn vị «{unit}» trong Khối.")}</p>
        }
        .into_any();
    };
    let name = u.info.name.clone();
    let year = c.bloc.year;
    let part = c.members.get(&unit).cloned().unwrap_or_default();
    let state = part.state();
    let own = self_only_score(&c, &unit);
    let eff = score_unit(&c.template, c.inputs.get(&unit));
    let reviewed_any = c.inputs.get(&unit).is_some_and(|m| m.values().any(|e| e.review.value.is_some()));
    // The bloc's column carries totals once it has looked at the scorecard.
    let bloc_totals = reviewed_any || matches!(state, SubmissionState::Accepted { .. });
    let date = part.submitted.value.as_ref().map(|s| s.date.clone());
    let head = part.signing.value.as_ref().map(|g| g.signatory.clone()).unwrap_or_default();
    let leader = c.leader().map(|l| l.info.name.clone());

    let mut k = 0usize;
    let mut body = Vec::new();
    for (si, sec) in c.template.sections.iter().enumerate() {
        let veto_only = !sec.criteria.is_empty() && sec.criteria.iter().all(|x| x.kind == CriterionKind::Veto);
        let sign = match sec.kind {
            SectionKind::Penalty => "−",
            SectionKind::Bonus => "+",
            SectionKind::Section => "",
        };
        let sec_total = |p: Option<Points>| {
            p.map(|p| if p == Points::ZERO { p.to_vi() } else { format!("{sign}{}", p.to_vi()) }).unwrap_or_default()
        };
        let (own_t, eff_t) = if veto_only {
            (String::new(), String::new())
        } else {
            (
                sec_total(own.sections.get(si).map(|x| x.total)),
                if bloc_totals { sec_total(eff.sections.get(si).map(|x| x.total)) } else { String::new() },
            )
        };
        let max = if veto_only { String::new() } else { sec.max.to_vi() };
        body.push(
            view! {
                <tr class="sec-row" data-section=sec.code.clone()>
                    <td class="c-code">{sec.code.clone()}</td>
                    <td class="c-crit">{sec.title.clone()}</td>
                    <td class="c-num">{max}</td>
                    <td class="c-num">{own_t}</td>
                    <td class="c-num">{eff_t}</td>
                    <td></td>
                </tr>
            }
            .into_any(),
        );
        for crit in &sec.criteria {
            let entry = c.entry(&unit, &crit.id);
            let self_answer = entry.and_then(|e| e.self_answer.value.as_ref());
            let review = entry.and_then(|e| e.review.value.as_ref());
            let veto = crit.kind == CriterionKind::Veto;
            let own_pts = match (veto, self_answer) {
                (false, Some(_)) => own.criteria.get(k).map(|p| p.to_vi()).unwrap_or_default(),
                _ => String::new(),
            };
            let eff_pts = match (veto, review) {
                (false, Some(_)) => eff.criteria.get(k).map(|p| p.to_vi()).unwrap_or_default(),
                _ => String::new(),
            };
            k += 1;
            let mut notes: Vec<AnyView> = Vec::new();
            if let Some(r) = self_answer.and_then(|a| result_text(&crit.kind, a)) {
                notes.push(view! { <span class="n-result">{r}</span> }.into_any());
            }
            if let Some(note) = entry.map(|e| e.note.value.trim().to_string()).filter(|n| !n.is_empty()) {
                notes.push(view! { <span class="n-note">{note}</span> }.into_any());
            }
            if let Some(a) = review {
                let what = result_text(&crit.kind, a).map(|r| format!(" ({r})")).unwrap_or_default();
                let reason = entry.map(|e| e.review_reason.value.trim().to_string()).unwrap_or_default();
                let text = if reason.is_empty() { format!("Khối chấm lại{what}.") } else { format!("Khối chấm lại{what}: {reason}") };
                notes.push(view! { <span class="n-review"><em>{text}</em></span> }.into_any());
            }
            let max = if veto { String::new() } else { crit.max.to_vi() };
            body.push(
                view! {
                    <tr data-crit=crit.code.clone() class:reviewed=review.is_some()>
                        <td class="c-code">{crit.code.clone()}</td>
                        <td class="c-crit">{crit.title.clone()}</td>
                        <td class="c-num">{max}</td>
                        <td class="c-num">{own_pts}</td>
                        <td class="c-num">{eff_pts}</td>
                        <td class="c-note">{notes}</td>
                    </tr>
                }
                .into_any(),
            );
        }
    }
    let max_total = thidua_core::scorecard::total_bounds(&c.template).1;
    let eff_total = if bloc_totals { eff.total.to_vi() } else { String::new() };
    let summary = {
        let mut lines = vec![format!("Tổng điểm tự chấm: {} điểm.", own.total.to_vi())];
        if bloc_totals {
            lines.push(format!("Tổng điểm sau thẩm định của Khối: {} điểm.", eff.total.to_vi()));
        }
        if !own.missing.is_empty() {
            lines.push(format!("Còn {} tiêu chí chưa chấm.", own.missing.len()));
        }
        if !eff.vetoes.is_empty() {
            lines.push("Đơn vị thuộc trường hợp không xét thi đua (xem các tiêu chí đánh dấu «Có» ở trên).".into());
        }
        lines
    };
    let recipients = {
        let mut r = Vec::new();
        if let Some(l) = leader {
            r.push(format!("{l} (đơn vị Trưởng khối);"));
        }
        r.push("Lưu: VT.".into());
        r
    };

    view! {
        <DocHeader parent=c.bloc.name.clone() issuer=name.clone() number=number_line("", "BC") place_date=place_date(date.as_deref()) />
        <DocTitle title="BẢNG TỰ CHẤM ĐIỂM THI ĐUA".to_string() subject=format!("Năm {year}") />
        <section class="doc-body">
            <p>{format!("Căn cứ Bảng chấm điểm thi đua năm {year} của {}, {name} tự chấm điểm như sau:", c.bloc.name)}</p>
            <table class="doc-table doc-score-table" id="doc-scorecard">
                <colgroup>
                    <col class="w-code" /><col class="w-crit" /><col class="w-num" /><col class="w-num" /><col class="w-num" /><col class="w-note" />
                </colgroup>
                <thead>
                    <tr>
                        <th>"TT"</th>
                        <th>"Nội dung tiêu chí"</th>
                        <th>"Điểm tối đa"</th>
                        <th>"Điểm tự chấm"</th>
                        <th>"Điểm Khối chấm"</th>
                        <th>"Kết quả, minh chứng"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
                <tbody>
                    <tr class="total-row" id="doc-total">
                        <td></td>
                        <td class="c-crit">"TỔNG CỘNG"</td>
                        <td class="c-num">{max_total.to_vi()}</td>
                        <td class="c-num">{own.total.to_vi()}</td>
                        <td class="c-num">{eff_total}</td>
                        <td></td>
                    </tr>
                </tbody>
            </table>
            <p class="doc-note"><em>"Ô «Điểm Khối chấm» để trống: Khối giữ nguyên điểm tự chấm của đơn vị."</em></p>
            {summary.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
        </section>
        <Signatures
            recipients=recipients
            right=Signer { role: "THỦ TRƯỞNG ĐƠN VỊ".into(), how: "(Ký tên, đóng dấu)".into(), name: head, on_behalf: None }
        />
    }
    .into_any()
}
