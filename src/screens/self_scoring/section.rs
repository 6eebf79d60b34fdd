//! One section of the self-assessment: its criteria as a table and its live total.

use super::FormCtx;
use crate::lang::{points, t, tf};
use crate::screens::scorecard::kinds::{section_badge, veto_only};
use leptos::prelude::*;
use thidua_core::{Section, SectionKind};

pub(super) fn section_view(ctx: FormCtx, sec: &Section) -> impl IntoView {
    let sid = sec.id.clone();
    let total = {
        let sid = sid.clone();
        move || ctx.score.with(|sc| sc.sections.iter().find(|x| x.section_id == sid).map(|x| points(x.total)).unwrap_or_default())
    };
    let capped = {
        let sid = sid.clone();
        move || {
            ctx.score.with(|sc| {
                sc.sections.iter().find(|x| x.section_id == sid).filter(|x| x.raw > x.total).map(|x| {
                    tf(format!(" (cộng {} — giới hạn)", points(x.raw)), format!(" (sum {} — capped)", points(x.raw)))
                })
            })
        }
    };
    let sign = match sec.kind {
        SectionKind::Penalty => Some(view! { <span class="sec-sign">{t("trừ ", "minus ")}</span> }),
        _ => None,
    };
    let kind_note = section_badge(sec.kind, &sec.title).map(|k| view! { <span class="kind-badge">{k}</span> });
    // A section of disqualifying conditions scores nothing: say whether one is set instead.
    let veto_state = veto_only(sec).then(|| {
        let ids: Vec<String> = sec.criteria.iter().map(|c| c.id.clone()).collect();
        move || {
            let hit = ctx.score.with(|sc| sc.vetoes.iter().any(|v| ids.contains(v)));
            if hit {
                view! { <span class="veto-state hit">{t("Có điều kiện không xét thi đua", "A disqualifying condition is set")}</span> }.into_any()
            } else {
                view! { <span class="veto-state">{t("Không thuộc trường hợp nào", "None applies")}</span> }.into_any()
            }
        }
    });
    let total_class = if veto_only(sec) { "sec-total veto-only" } else { "sec-total" };
    let heading = format!("self-sec-{}", sec.id);
    let labelled_by = heading.clone();
    let rows = sec.criteria.iter().map(|c| view! { <super::row::ScoreRow crit=c.clone() /> }).collect_view();
    let max = points(sec.max);
    view! {
        <section class="panel score-section" data-section=sec.code.clone() aria-labelledby=labelled_by>
            <div class="score-sec-head">
                <h3 id=heading>
                    <span class="sec-code">{sec.code.clone()}</span>" "{sec.title.clone()}{kind_note}
                </h3>
                <p class=total_class>
                    {veto_state}
                    {sign}
                    <strong data-section-total=sid>{total}</strong>
                    <span class="of">{format!(" / {max}")}</span>
                    <span class="capped">{capped}</span>
                </p>
            </div>
            <table class="score-table">
                <thead>
                    <tr>
                        <th scope="col" class="code">{t("Mã", "Code")}</th>
                        <th scope="col" class="crit">{t("Tiêu chí", "Criterion")}</th>
                        <th scope="col" class="answer-col">{t("Tự chấm", "Self score")}</th>
                        <th scope="col" class="pts">{t("Điểm", "Points")}</th>
                        <th scope="col" class="note-col">{t("Minh chứng", "Evidence")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
