//! The scorecard as everyone reads it once adopted (and as units read the draft).

use super::kinds::{how_scored, section_badge, veto_only};
use super::use_ctx;
use crate::lang::{points, t};
use leptos::prelude::*;
use thidua_core::{CriterionKind, Section};

#[component]
pub(super) fn ReadOnly() -> impl IntoView {
    let ctx = use_ctx();
    move || {
        ctx.template.with(|tpl| {
            if tpl.sections.is_empty() {
                return view! {
                    <section class="panel"><p class="intro">{t("Bảng chấm điểm chưa có nội dung.", "The scorecard is empty.")}</p></section>
                }
                .into_any();
            }
            tpl.sections.iter().map(section).collect_view().into_any()
        })
    }
}

fn section(s: &Section) -> impl IntoView {
    let badge = section_badge(s.kind, &s.title).map(|b| view! { <span class="kind-badge">{b}</span> });
    let max = (!veto_only(s)).then(|| view! { <span class="sec-max">{points(s.max)}" "{t("điểm", "pts")}</span> });
    let rows = s
        .criteria
        .iter()
        .map(|c| {
            let max = if c.kind == CriterionKind::Veto { String::from("—") } else { points(c.max) };
            view! {
                <tr data-criterion=c.id.clone()>
                    <td class="code">{c.code.clone()}</td>
                    <td class="title">{c.title.clone()}<span class="how">{how_scored(&c.kind, c.max)}</span></td>
                    <td class="how-col">{how_scored(&c.kind, c.max)}</td>
                    <td class="num">{max}</td>
                </tr>
            }
        })
        .collect_view();
    let heading_id = format!("ro-{}", s.id);
    let labelled_by = heading_id.clone();
    view! {
        <section class="panel sc-section readonly" data-section=s.code.clone() aria-labelledby=labelled_by>
            <h3 id=heading_id class="sec-heading">
                <span class="sec-code">{s.code.clone()}</span>
                <span class="sec-title">{s.title.clone()}</span>
                {max}
                {badge}
            </h3>
            <table class="sc-table">
                <thead>
                    <tr>
                        <th scope="col" class="code">{t("Mã", "Code")}</th>
                        <th scope="col" class="title">{t("Nội dung tiêu chí", "Criterion")}</th>
                        <th scope="col" class="how-col">{t("Cách chấm", "How it is scored")}</th>
                        <th scope="col" class="num">{t("Tối đa", "Max")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
