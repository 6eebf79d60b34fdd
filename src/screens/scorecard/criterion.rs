//! One criterion being edited: code, title, kind, maximum and the kind's parameter; its place in
//! the section; removal. Levels are edited as a short list of name = points rows.

use super::kinds::{code_in_use, criterion_kind_options, criterion_slug, switch_kind};
use super::reorder::{refocus, shift};
use super::{field_error, use_ctx};
use crate::lang::{msg, points, t, tf};
use leptos::prelude::*;
use thidua_core::answer::parse_points;
use thidua_core::{Criterion, CriterionKind, Template};

fn crit_mut<'a>(tpl: &'a mut Template, section: &str, id: &str) -> Option<&'a mut Criterion> {
    tpl.sections.iter_mut().find(|s| s.id == section)?.criteria.iter_mut().find(|c| c.id == id)
}

#[derive(Clone, PartialEq)]
struct Place {
    crit: Criterion,
    index: usize,
    count: usize,
}

#[component]
pub(super) fn CriterionEditor(id: String, section_id: String) -> impl IntoView {
    let ctx = use_ctx();
    let cid = StoredValue::new(id);
    let sec = StoredValue::new(section_id);
    let place = Memo::new(move |_| {
        ctx.template.with(|tpl| {
            let s = tpl.sections.iter().find(|s| s.id == sec.get_value())?;
            let id = cid.get_value();
            s.criteria.iter().enumerate().find(|(_, c)| c.id == id).map(|(index, c)| Place {
                crit: c.clone(),
                index,
                count: s.criteria.len(),
            })
        })
    });
    let get = move |f: fn(&Criterion) -> String| place.with(|p| p.as_ref().map(|p| f(&p.crit)).unwrap_or_default());
    let kind = Memo::new(move |_| place.with(|p| p.as_ref().map(|p| p.crit.kind.clone()).unwrap_or(CriterionKind::Points)));
    let slug_memo = Memo::new(move |_| kind.with(criterion_slug));
    let slug = move || slug_memo.get();
    // The parameter's value alone, so that saving it does not rebuild its field.
    let param_value = Memo::new(move |_| match kind.get() {
        CriterionKind::Ratio { target } => points(target),
        CriterionKind::PerItem { each } | CriterionKind::DeductPerItem { each } => points(each),
        _ => String::new(),
    });
    let update = move |f: Box<dyn FnOnce(&mut Criterion)>| {
        ctx.change(|tpl| {
            if let Some(c) = crit_mut(tpl, &sec.get_value(), &cid.get_value()) {
                f(c);
            }
        })
    };

    let code_err = RwSignal::new(None::<String>);
    let title_err = RwSignal::new(None::<String>);
    let max_err = RwSignal::new(None::<String>);
    let param_err = RwSignal::new(None::<String>);
    let up_ref = NodeRef::<leptos::html::Button>::new();
    let down_ref = NodeRef::<leptos::html::Button>::new();

    let set_code = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev).trim().to_string();
        if v.is_empty() {
            code_err.set(Some(t("Cần có mã tiêu chí", "A criterion needs a code").into()));
        } else if ctx.template.with_untracked(|tpl| code_in_use(tpl, &v, Some(&cid.get_value()))) {
            code_err.set(Some(tf(format!("Mã «{v}» đã được dùng"), format!("code «{v}» is already used"))));
        } else {
            code_err.set(None);
            update(Box::new(move |c| c.code = v));
        }
    };
    let set_title = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev).trim().to_string();
        if v.is_empty() {
            title_err.set(Some(t("Cần có nội dung tiêu chí", "A criterion needs a title").into()));
            return;
        }
        title_err.set(None);
        update(Box::new(move |c| c.title = v));
    };
    let set_kind = move |ev: leptos::ev::Event| {
        let slug = event_target_value(&ev);
        param_err.set(None);
        update(Box::new(move |c| {
            c.kind = switch_kind(&c.kind, &slug);
            if c.kind == CriterionKind::Veto {
                c.max = thidua_core::Points::ZERO;
            }
        }));
    };
    let set_max = move |ev: leptos::ev::Event| match parse_points(&event_target_value(&ev)) {
        Ok(p) if p.is_negative() => max_err.set(Some(t("Điểm tối đa không được âm", "the maximum must not be negative").into())),
        Ok(p) => {
            max_err.set(None);
            update(Box::new(move |c| c.max = p));
        }
        Err(m) => max_err.set(Some(msg(&m))),
    };
    let set_param = move |ev: leptos::ev::Event| match parse_points(&event_target_value(&ev)) {
        Ok(p) if p.hundredths() <= 0 => param_err.set(Some(t("Phải lớn hơn 0", "must be greater than 0").into())),
        Ok(p) => {
            param_err.set(None);
            update(Box::new(move |c| match &mut c.kind {
                CriterionKind::Ratio { target } => *target = p,
                CriterionKind::PerItem { each } | CriterionKind::DeductPerItem { each } => *each = p,
                _ => {}
            }));
        }
        Err(m) => param_err.set(Some(msg(&m))),
    };
    let move_by = move |delta: isize| {
        let (s, id) = (sec.get_value(), cid.get_value());
        let moved = ctx.change(|tpl| {
            if let Some(sec) = tpl.sections.iter_mut().find(|x| x.id == s) {
                shift(&mut sec.criteria, |c| c.id == id, delta);
            }
        });
        if moved {
            refocus(up_ref, down_ref, delta);
        }
    };
    let remove = move |_| {
        let (s, id) = (sec.get_value(), cid.get_value());
        let gone = id.clone();
        if ctx.change(|tpl| {
            if let Some(sec) = tpl.sections.iter_mut().find(|x| x.id == s) {
                sec.criteria.retain(|c| c.id != id);
            }
        }) {
            ctx.removed.update_value(|r| {
                r.insert(gone);
            });
        }
    };

    let fid = move |part: &str| format!("crit-{}-{part}", cid.get_value());
    let at = move |f: fn(&Place) -> bool| place.with(|p| p.as_ref().is_none_or(f));
    let param = move || match slug_memo.get() {
        "ratio" => param_field(fid("param"), t("Chỉ tiêu", "Target"), "crit-target", param_value, set_param, param_err).into_any(),
        "per_item" => param_field(fid("param"), t("Điểm mỗi lần", "Points each"), "crit-each", param_value, set_param, param_err).into_any(),
        "deduct_per_item" => {
            param_field(fid("param"), t("Trừ mỗi lần", "Deducted each"), "crit-each", param_value, set_param, param_err).into_any()
        }
        "levels" => view! { <super::levels::LevelsEditor kind=kind fid=fid("levels") update=update /> }.into_any(),
        _ => ().into_any(),
    };
    let issues = move || {
        ctx.issues_for(&get(|c| c.code.clone()))
            .into_iter()
            .map(|i| {
                let class = if i.blocking { "inline-issue blocking" } else { "inline-issue warning" };
                view! { <p class=class>{msg(&i.msg)}</p> }
            })
            .collect_view()
    };

    view! {
        <li class="crit-edit" data-criterion=cid.get_value() data-kind=slug>
            <div class="crit-grid">
                <div class="field f-code">
                    <label for=fid("code")>{t("Mã", "Code")}</label>
                    <input id=fid("code") class="crit-code" type="text" autocomplete="off"
                        prop:value=move || get(|c| c.code.clone()) on:change=set_code />
                    {field_error(code_err, fid("code-err"))}
                </div>
                <div class="field f-title">
                    <label for=fid("title")>{t("Nội dung tiêu chí", "Criterion")}</label>
                    <textarea id=fid("title") class="crit-title" rows="2"
                        prop:value=move || get(|c| c.title.clone()) on:change=set_title></textarea>
                    {field_error(title_err, fid("title-err"))}
                </div>
                <div class="field f-kind">
                    <label for=fid("kind")>{t("Cách chấm", "Scored as")}</label>
                    <select id=fid("kind") class="crit-kind" on:change=set_kind>{criterion_kind_options(slug)}</select>
                </div>
                <div class="field f-max">
                    <label for=fid("max")>{t("Tối đa", "Max")}</label>
                    <input id=fid("max") class="crit-max" type="text" inputmode="decimal" autocomplete="off"
                        prop:value=move || place.with(|p| p.as_ref().map(|p| points(p.crit.max)).unwrap_or_default())
                        disabled=move || kind.with(|k| *k == CriterionKind::Veto)
                        on:change=set_max />
                    {field_error(max_err, fid("max-err"))}
                </div>
                <div class="f-param">{param}</div>
                <div class="row-actions">
                    <button type="button" class="icon crit-up" node_ref=up_ref
                        title=t("Đưa lên", "Move up") aria-label=t("Đưa tiêu chí lên", "Move criterion up")
                        disabled=move || at(|p| p.index == 0) on:click=move |_| move_by(-1)>"↑"</button>
                    <button type="button" class="icon crit-down" node_ref=down_ref
                        title=t("Đưa xuống", "Move down") aria-label=t("Đưa tiêu chí xuống", "Move criterion down")
                        disabled=move || at(|p| p.index + 1 >= p.count) on:click=move |_| move_by(1)>"↓"</button>
                    <button type="button" class="icon danger crit-remove"
                        title=t("Xóa tiêu chí", "Remove criterion")
                        aria-label=move || tf(format!("Xóa tiêu chí {}", get(|c| c.code.clone())), format!("Remove criterion {}", get(|c| c.code.clone())))
                        on:click=remove>"✕"</button>
                </div>
            </div>
            {issues}
        </li>
    }
}

fn param_field(
    id: String,
    label: &'static str,
    class: &'static str,
    value: Memo<String>,
    on_change: impl Fn(leptos::ev::Event) + 'static,
    err: RwSignal<Option<String>>,
) -> impl IntoView {
    let err_id = format!("{id}-err");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id class=class type="text" inputmode="decimal" autocomplete="off" prop:value=move || value.get() on:change=on_change />
            {field_error(err, err_id)}
        </div>
    }
}
