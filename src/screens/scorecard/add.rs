//! Adding a section to the scorecard, and a criterion to a section. A new item takes the code the
//! leader typed as its id when no id (present, answered or removed) equals it yet.

use super::kinds::{code_in_use, fresh_id, kind_from, next_code, param_label, param_placeholder, section_kind_from, section_kind_options, taken_ids, criterion_kind_options};
use super::section::section_mut;
use super::{field_error, use_ctx};
use crate::lang::{msg, t, tf};
use leptos::prelude::*;
use thidua_core::answer::parse_points;
use thidua_core::{Criterion, CriterionKind, Points, Section, SectionKind};

/// A code not used yet: the next letter after the sections' codes.
fn next_section_code(tpl: &thidua_core::Template) -> String {
    ('A'..='Z')
        .map(String::from)
        .find(|c| !code_in_use(tpl, c, None))
        .unwrap_or_else(|| format!("P{}", tpl.sections.len() + 1))
}

fn text_signal() -> RwSignal<String> {
    RwSignal::new(String::new())
}

fn error_signal() -> RwSignal<Option<String>> {
    RwSignal::new(None)
}

#[component]
pub(super) fn AddSection() -> impl IntoView {
    let ctx = use_ctx();
    let (code, title, kind, max) = (text_signal(), text_signal(), RwSignal::new("section".to_string()), text_signal());
    let (code_err, title_err, max_err) = (error_signal(), error_signal(), error_signal());
    let suggested = Memo::new(move |_| ctx.template.with(next_section_code));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut ok = true;
        let typed = code.get_untracked().trim().to_string();
        let c = if typed.is_empty() { suggested.get_untracked() } else { typed };
        if ctx.template.with_untracked(|tpl| code_in_use(tpl, &c, None)) {
            code_err.set(Some(tf(format!("Mã «{c}» đã được dùng"), format!("code «{c}» is already used"))));
            ok = false;
        } else {
            code_err.set(None);
        }
        let ti = title.get_untracked().trim().to_string();
        if ti.is_empty() {
            title_err.set(Some(t("Cần có tên phần", "A section needs a title").into()));
            ok = false;
        } else {
            title_err.set(None);
        }
        let k = section_kind_from(&kind.get_untracked());
        let m = match parse_points(&max.get_untracked()) {
            Ok(p) if p.is_negative() => Err(t("Điểm tối đa không được âm", "the maximum must not be negative").to_string()),
            Ok(p) => Ok(p),
            Err(e) => Err(msg(&e)),
        };
        let m = match m {
            Ok(p) => {
                max_err.set(None);
                p
            }
            Err(e) => {
                max_err.set(Some(e));
                return;
            }
        };
        if !ok {
            return;
        }
        let taken = ctx.s.campaign.with_untracked(|cam| ctx.removed.with_value(|r| taken_ids(cam, r)));
        let id = fresh_id(&c, &taken);
        let added = ctx.change(|tpl| {
            tpl.sections.push(Section { id, code: c, title: ti, kind: k, max: m, criteria: Vec::new() });
        });
        if added {
            code.set(String::new());
            title.set(String::new());
            max.set(String::new());
        }
    };

    view! {
        <form class="panel add-form" id="add-section" on:submit=submit novalidate>
            <h3>{t("Thêm phần", "Add a section")}</h3>
            <div class="add-grid">
                <div class="field f-code">
                    <label for="new-section-code">{t("Mã phần", "Code")}</label>
                    <input id="new-section-code" type="text" autocomplete="off" placeholder=move || suggested.get()
                        prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                    {field_error(code_err, "new-section-code-err".into())}
                </div>
                <div class="field f-title">
                    <label for="new-section-title">{t("Tên phần", "Section title")}</label>
                    <input id="new-section-title" type="text" autocomplete="off"
                        placeholder=t("Ví dụ: Công tác thi đua, khen thưởng", "e.g. Emulation and awards work")
                        prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                    {field_error(title_err, "new-section-title-err".into())}
                </div>
                <div class="field f-kind">
                    <label for="new-section-kind">{t("Loại phần", "Kind")}</label>
                    <select id="new-section-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        {section_kind_options(move || section_kind_from(&kind.get()))}
                    </select>
                </div>
                <div class="field f-max">
                    <label for="new-section-max">{t("Điểm tối đa", "Max points")}</label>
                    <input id="new-section-max" type="text" inputmode="decimal" autocomplete="off" placeholder=t("vd. 15", "e.g. 15")
                        prop:value=move || max.get() on:input=move |ev| max.set(event_target_value(&ev)) />
                    {field_error(max_err, "new-section-max-err".into())}
                </div>
                <div class="f-submit">
                    <button type="submit" class="secondary" id="new-section-add">{t("Thêm phần", "Add section")}</button>
                </div>
            </div>
        </form>
    }
}

#[component]
pub(super) fn AddCriterion(section_id: String) -> impl IntoView {
    let ctx = use_ctx();
    let sid = StoredValue::new(section_id);
    let (code, title, kind, max, param) =
        (text_signal(), text_signal(), RwSignal::new("points".to_string()), text_signal(), text_signal());
    let (code_err, title_err, max_err, param_err) = (error_signal(), error_signal(), error_signal(), error_signal());
    let suggested = Memo::new(move |_| {
        ctx.template.with(|tpl| {
            let sc = tpl.sections.iter().find(|s| s.id == sid.get_value()).map(|s| s.code.clone()).unwrap_or_default();
            next_code(tpl, &sc)
        })
    });
    let section_kind = Memo::new(move |_| {
        ctx.template.with(|tpl| tpl.sections.iter().find(|s| s.id == sid.get_value()).map(|s| s.kind).unwrap_or(SectionKind::Section))
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked().trim().to_string();
        let c = if typed.is_empty() { suggested.get_untracked() } else { typed };
        let code_ok = !ctx.template.with_untracked(|tpl| code_in_use(tpl, &c, None));
        code_err.set((!code_ok).then(|| tf(format!("Mã «{c}» đã được dùng"), format!("code «{c}» is already used"))));
        let ti = title.get_untracked().trim().to_string();
        title_err.set(ti.is_empty().then(|| t("Cần có nội dung tiêu chí", "A criterion needs a title").to_string()));
        let slug = kind.get_untracked();
        let mx = max.get_untracked();
        let m = if slug == "veto" && mx.trim().is_empty() {
            Ok(Points::ZERO)
        } else {
            match parse_points(&mx) {
                Ok(p) if p.is_negative() => Err(t("Điểm tối đa không được âm", "the maximum must not be negative").to_string()),
                Ok(p) => Ok(p),
                Err(e) => Err(msg(&e)),
            }
        };
        max_err.set(m.clone().err());
        let k = kind_from(&slug, &param.get_untracked()).map_err(|e| msg(&e));
        param_err.set(k.clone().err());
        let (Ok(m), Ok(k), true, false) = (m, k, code_ok, ti.is_empty()) else { return };
        let taken = ctx.s.campaign.with_untracked(|cam| ctx.removed.with_value(|r| taken_ids(cam, r)));
        let id = fresh_id(&c, &taken);
        let crit_max = if k == CriterionKind::Veto { Points::ZERO } else { m };
        let added = ctx.change(|tpl| {
            if let Some(s) = section_mut(tpl, &sid.get_value()) {
                s.criteria.push(Criterion { id, code: c, title: ti, max: crit_max, kind: k });
            }
        });
        if added {
            for f in [code, title, max, param] {
                f.set(String::new());
            }
        }
    };
    let base = move |part: &str| format!("new-{}-{part}", sid.get_value());
    let hint = move || match section_kind.get() {
        SectionKind::Penalty => t("Trong phần điểm trừ, dùng «Cộng theo số lần» để tính số điểm bị trừ.", "In a deductions section use «Points per item» for the points deducted."),
        _ => "",
    };

    view! {
        <form class="add-crit" on:submit=submit novalidate>
            <p class="add-crit-title">{t("Thêm tiêu chí vào phần này", "Add a criterion to this section")}<span class="hint">{hint}</span></p>
            <div class="add-grid">
                <div class="field f-code">
                    <label for=base("code")>{t("Mã", "Code")}</label>
                    <input id=base("code") class="new-crit-code" type="text" autocomplete="off" placeholder=move || suggested.get()
                        prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                    {field_error(code_err, base("code-err"))}
                </div>
                <div class="field f-title">
                    <label for=base("title")>{t("Nội dung tiêu chí", "Criterion")}</label>
                    <input id=base("title") class="new-crit-title" type="text" autocomplete="off"
                        prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                    {field_error(title_err, base("title-err"))}
                </div>
                <div class="field f-kind">
                    <label for=base("kind")>{t("Cách chấm", "Scored as")}</label>
                    <select id=base("kind") class="new-crit-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        {criterion_kind_options(move || {
                            let k = kind.get();
                            super::kinds::CRITERION_SLUGS.into_iter().find(|s| *s == k).unwrap_or("points")
                        })}
                    </select>
                </div>
                <div class="field f-max">
                    <label for=base("max")>{t("Tối đa", "Max")}</label>
                    <input id=base("max") class="new-crit-max" type="text" inputmode="decimal" autocomplete="off"
                        placeholder=move || if kind.get() == "veto" { "0" } else { t("vd. 5", "e.g. 5") }
                        prop:value=move || max.get() on:input=move |ev| max.set(event_target_value(&ev)) />
                    {field_error(max_err, base("max-err"))}
                </div>
                <div class="field f-param" class:unused=move || param_label(&kind.get()).is_none()>
                    <label for=base("param")>{move || param_label(&kind.get()).unwrap_or(t("Tham số", "Parameter"))}</label>
                    <input id=base("param") class="new-crit-param" type="text" autocomplete="off"
                        placeholder=move || param_placeholder(&kind.get())
                        prop:value=move || param.get() on:input=move |ev| param.set(event_target_value(&ev)) />
                    {field_error(param_err, base("param-err"))}
                </div>
                <div class="f-submit">
                    <button type="submit" class="secondary new-crit-add">{t("Thêm tiêu chí", "Add criterion")}</button>
                </div>
            </div>
        </form>
    }
}
