//! Editing the sections: their code, title, kind and cap, their order, and the criteria they hold.
//! Sections and criteria are keyed by id, so a row keeps its inputs (and the focus) while the
//! scorecard around it is saved.

use super::kinds::{code_in_use, section_kind_from, section_kind_options};
use super::reorder::{refocus, shift};
use super::{field_error, use_ctx};
use crate::lang::{msg, points, t, tf};
use leptos::prelude::*;
use thidua_core::answer::parse_points;
use thidua_core::{CriterionKind, Points, Section, SectionKind, Template};

pub(super) fn section_mut<'a>(tpl: &'a mut Template, id: &str) -> Option<&'a mut Section> {
    tpl.sections.iter_mut().find(|s| s.id == id)
}

#[component]
pub(super) fn EditSections() -> impl IntoView {
    let ctx = use_ctx();
    let ids = Memo::new(move |_| ctx.template.with(|t| t.sections.iter().map(|s| s.id.clone()).collect::<Vec<_>>()));
    view! {
        <Show when=move || ids.with(Vec::is_empty)>
            <section class="panel empty-scorecard">
                <p>{t(
                    "Bảng chấm điểm chưa có phần nào. Thêm phần đầu tiên ở mẫu dưới đây (ví dụ: A — Thực hiện nhiệm vụ chính trị, 60 điểm), hoặc nhập bảng từ tệp CSV ở trang chủ.",
                    "The scorecard has no sections yet. Add the first one with the form below (e.g. A — Political tasks, 60 points), or import it from a CSV file on the home page.",
                )}</p>
            </section>
        </Show>
        <For each=move || ids.get() key=|id| id.clone() children=move |id| view! { <SectionEditor id=id /> } />
    }
}

#[derive(Clone, PartialEq)]
struct Head {
    code: String,
    title: String,
    kind: SectionKind,
    max: Points,
    /// Sum of the non-veto criteria's maxima.
    sum: Points,
    index: usize,
    count: usize,
    criteria: Vec<String>,
    veto_only: bool,
}

#[component]
fn SectionEditor(id: String) -> impl IntoView {
    let ctx = use_ctx();
    let sid = StoredValue::new(id.clone());
    let head = Memo::new(move |_| {
        ctx.template.with(|tpl| {
            let id = sid.get_value();
            tpl.sections.iter().enumerate().find(|(_, s)| s.id == id).map(|(index, s)| Head {
                code: s.code.clone(),
                title: s.title.clone(),
                kind: s.kind,
                max: s.max,
                sum: s.criteria.iter().filter(|c| c.kind != CriterionKind::Veto).map(|c| c.max).sum(),
                index,
                count: tpl.sections.len(),
                criteria: s.criteria.iter().map(|c| c.id.clone()).collect(),
                veto_only: super::kinds::veto_only(s),
            })
        })
    });
    let get = move |f: fn(&Head) -> String| head.with(|h| h.as_ref().map(f).unwrap_or_default());
    let code = move || get(|h| h.code.clone());
    let code_err = RwSignal::new(None::<String>);
    let title_err = RwSignal::new(None::<String>);
    let max_err = RwSignal::new(None::<String>);
    let confirm_remove = RwSignal::new(false);
    let up_ref = NodeRef::<leptos::html::Button>::new();
    let down_ref = NodeRef::<leptos::html::Button>::new();

    let set_code = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev).trim().to_string();
        let id = sid.get_value();
        if v.is_empty() {
            code_err.set(Some(t("Cần có mã phần", "A section needs a code").into()));
        } else if ctx.template.with_untracked(|tpl| code_in_use(tpl, &v, Some(&id))) {
            code_err.set(Some(tf(format!("Mã «{v}» đã được dùng"), format!("code «{v}» is already used"))));
        } else {
            code_err.set(None);
            ctx.change(|tpl| {
                if let Some(s) = section_mut(tpl, &id) {
                    s.code = v;
                }
            });
        }
    };
    let set_title = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev).trim().to_string();
        if v.is_empty() {
            title_err.set(Some(t("Cần có tên phần", "A section needs a title").into()));
            return;
        }
        title_err.set(None);
        ctx.change(|tpl| {
            if let Some(s) = section_mut(tpl, &sid.get_value()) {
                s.title = v;
            }
        });
    };
    let set_kind = move |ev: leptos::ev::Event| {
        let k = section_kind_from(&event_target_value(&ev));
        ctx.change(|tpl| {
            if let Some(s) = section_mut(tpl, &sid.get_value()) {
                s.kind = k;
            }
        });
    };
    let set_max = move |ev: leptos::ev::Event| match parse_points(&event_target_value(&ev)) {
        Ok(p) if p.is_negative() => max_err.set(Some(t("Điểm tối đa không được âm", "the maximum must not be negative").into())),
        Ok(p) => {
            max_err.set(None);
            ctx.change(|tpl| {
                if let Some(s) = section_mut(tpl, &sid.get_value()) {
                    s.max = p;
                }
            });
        }
        Err(m) => max_err.set(Some(msg(&m))),
    };
    let move_by = move |delta: isize| {
        let id = sid.get_value();
        let moved = ctx.change(|tpl| {
            shift(&mut tpl.sections, |s| s.id == id, delta);
        });
        if moved {
            refocus(up_ref, down_ref, delta);
        }
    };
    let remove = move |_| {
        let id = sid.get_value();
        let has_criteria = head.with_untracked(|h| h.as_ref().is_some_and(|h| !h.criteria.is_empty()));
        if has_criteria && !confirm_remove.get_untracked() {
            confirm_remove.set(true);
            return;
        }
        let gone: Vec<String> = head.with_untracked(|h| h.as_ref().map(|h| h.criteria.clone()).unwrap_or_default());
        if ctx.change(|tpl| tpl.sections.retain(|s| s.id != id)) {
            ctx.removed.update_value(|r| {
                r.insert(id);
                r.extend(gone);
            });
        }
    };

    let id = sid.get_value();
    let fid = move |part: &str| format!("sec-{}-{part}", sid.get_value());
    let sum_line = move || {
        head.with(|h| {
            h.as_ref().map(|h| {
                let ok = h.veto_only || h.kind != SectionKind::Section || h.sum == h.max;
                let class = if ok { "section-sum" } else { "section-sum off" };
                let text = match h.kind {
                    _ if h.veto_only => t(
                        "Phần chỉ gồm điều kiện không xét thi đua: không tính điểm.",
                        "Only disqualifying conditions: this section scores nothing.",
                    )
                    .to_string(),
                    SectionKind::Section => tf(
                        format!("Tổng điểm tối đa các tiêu chí: {} / {} điểm của phần", points(h.sum), points(h.max)),
                        format!("Criteria add up to {} of the section's {}", points(h.sum), points(h.max)),
                    ),
                    SectionKind::Bonus => tf(
                        format!("Các tiêu chí cộng tối đa {}; phần cộng không quá {} điểm", points(h.sum), points(h.max)),
                        format!("Criteria add up to {}; the section adds at most {}", points(h.sum), points(h.max)),
                    ),
                    SectionKind::Penalty => tf(
                        format!("Các tiêu chí trừ tối đa {}; phần trừ không quá {} điểm", points(h.sum), points(h.max)),
                        format!("Criteria deduct up to {}; the section deducts at most {}", points(h.sum), points(h.max)),
                    ),
                };
                view! { <p class=class data-section-sum=h.code.clone()>{text}</p> }
            })
        })
    };
    let issues = move || {
        let code = code();
        ctx.issues_for(&code)
            .into_iter()
            .map(|i| {
                let class = if i.blocking { "inline-issue blocking" } else { "inline-issue warning" };
                view! { <p class=class>{msg(&i.msg)}</p> }
            })
            .collect_view()
    };
    let crit_ids = Memo::new(move |_| head.with(|h| h.as_ref().map(|h| h.criteria.clone()).unwrap_or_default()));
    let at = move |f: fn(&Head) -> bool| head.with(|h| h.as_ref().is_none_or(f));

    view! {
        <section class="panel sc-section" data-section=code aria-labelledby=fid("heading")>
            <h3 class="visually-hidden" id=fid("heading")>{move || format!("{} — {}", code(), get(|h| h.title.clone()))}</h3>
            <div class="section-head">
                <div class="field f-code">
                    <label for=fid("code")>{t("Mã phần", "Code")}</label>
                    <input id=fid("code") class="section-code" type="text" autocomplete="off"
                        prop:value=code on:change=set_code />
                    {field_error(code_err, fid("code-err"))}
                </div>
                <div class="field f-title">
                    <label for=fid("title")>{t("Tên phần", "Section title")}</label>
                    <input id=fid("title") class="section-title" type="text" autocomplete="off"
                        prop:value=move || get(|h| h.title.clone()) on:change=set_title />
                    {field_error(title_err, fid("title-err"))}
                </div>
                <div class="field f-kind">
                    <label for=fid("kind")>{t("Loại phần", "Kind")}</label>
                    <select id=fid("kind") class="section-kind" on:change=set_kind>
                        {section_kind_options(move || head.with(|h| h.as_ref().map(|h| h.kind).unwrap_or(SectionKind::Section)))}
                    </select>
                </div>
                <div class="field f-max">
                    <label for=fid("max")>{t("Điểm tối đa", "Max points")}</label>
                    <input id=fid("max") class="section-max" type="text" inputmode="decimal" autocomplete="off"
                        prop:value=move || head.with(|h| h.as_ref().map(|h| points(h.max)).unwrap_or_default())
                        on:change=set_max />
                    {field_error(max_err, fid("max-err"))}
                </div>
                <div class="row-actions">
                    <button type="button" class="icon section-up" node_ref=up_ref
                        title=t("Đưa phần lên trên", "Move section up") aria-label=t("Đưa phần lên trên", "Move section up")
                        disabled=move || at(|h| h.index == 0) on:click=move |_| move_by(-1)>"↑"</button>
                    <button type="button" class="icon section-down" node_ref=down_ref
                        title=t("Đưa phần xuống dưới", "Move section down") aria-label=t("Đưa phần xuống dưới", "Move section down")
                        disabled=move || at(|h| h.index + 1 >= h.count) on:click=move |_| move_by(1)>"↓"</button>
                    <button type="button" class="danger section-remove" on:click=remove>
                        {move || if confirm_remove.get() { t("Xóa cả phần và tiêu chí?", "Remove with its criteria?") } else { t("Xóa phần", "Remove") }}
                    </button>
                    <Show when=move || confirm_remove.get()>
                        <button type="button" class="quiet section-remove-cancel" on:click=move |_| confirm_remove.set(false)>
                            {t("Không xóa", "Keep")}
                        </button>
                    </Show>
                </div>
            </div>
            {sum_line}
            {issues}
            <div class="crit-head" aria-hidden="true">
                <span>{t("Mã", "Code")}</span>
                <span>{t("Nội dung tiêu chí", "Criterion")}</span>
                <span>{t("Cách chấm", "Scored as")}</span>
                <span>{t("Tối đa", "Max")}</span>
                <span></span>
            </div>
            <ol class="crit-list">
                <For each=move || crit_ids.get() key=|id| id.clone()
                    children=move |cid| view! { <super::criterion::CriterionEditor id=cid section_id=sid.get_value() /> } />
            </ol>
            <super::add::AddCriterion section_id=id />
        </section>
    }
}
