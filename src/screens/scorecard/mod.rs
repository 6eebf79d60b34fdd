//! The scorecard (Bảng chấm điểm): the leader drafts it until the bloc adopts it; after that, and
//! for units, it is shown read-only. Every change replaces the whole template through
//! `Edit::SetTemplate`, so the core checks the lock in one place.

mod adoption;
mod add;
mod criterion;
pub(crate) mod kinds;
mod levels;
mod read_only;
mod reorder;
mod section;

use crate::lang::{msg, points, t, tf};
use crate::session::{use_session, Session};
use leptos::prelude::*;
use std::collections::HashSet;
use thidua_core::edit::Edit;
use thidua_core::template_check::{self, TemplateIssue};
use thidua_core::{SectionKind, Template};

/// What the parts of the editor share.
#[derive(Clone, Copy)]
pub(super) struct EditorCtx {
    pub s: Session,
    pub template: Memo<Template>,
    pub issues: Memo<Vec<TemplateIssue>>,
    /// Ids removed while the screen is open: never handed out again.
    pub removed: StoredValue<HashSet<String>>,
}

impl EditorCtx {
    /// Changes a copy of the current scorecard and saves it; the banner says why when refused.
    pub fn change(&self, f: impl FnOnce(&mut Template)) -> bool {
        let mut tpl = self.s.campaign.with_untracked(|c| c.template.value.clone());
        f(&mut tpl);
        self.s.edit(Edit::SetTemplate { template: tpl }).is_ok()
    }

    /// The issues concerning one section or criterion code.
    pub fn issues_for(&self, code: &str) -> Vec<TemplateIssue> {
        self.issues.with(|v| v.iter().filter(|i| i.code.as_deref() == Some(code)).cloned().collect())
    }
}

fn use_ctx() -> EditorCtx {
    expect_context::<EditorCtx>()
}

#[component]
pub fn ScorecardEditor() -> impl IntoView {
    let s = use_session();
    let template = Memo::new(move |_| s.campaign.with(|c| c.template.value.clone()));
    let issues = Memo::new(move |_| template.with(template_check::check));
    let ctx = EditorCtx { s, template, issues, removed: StoredValue::new(HashSet::new()) };
    provide_context(ctx);

    let adopted = Memo::new(move |_| s.campaign.with(|c| c.adoption.adopted));
    let leader = Memo::new(move |_| s.is_leader());
    let editable = Memo::new(move |_| leader.get() && !adopted.get());

    let status = move || {
        if editable.get() {
            t(
                "Bản dự thảo: Trưởng khối soạn và sửa các phần, tiêu chí; các thay đổi được lưu ngay. Khi Khối đã thống nhất, bấm «Thông qua» để các đơn vị bắt đầu tự chấm.",
                "Draft: the bloc leader writes the sections and criteria; changes are saved at once. When the bloc agrees, press «Adopt» so units can start scoring themselves.",
            )
        } else if adopted.get() {
            if leader.get() {
                t(
                    "Bảng chấm điểm đã được thông qua nên chỉ xem được. Muốn sửa, hãy mở khóa và ghi lý do ở cuối trang.",
                    "The scorecard is adopted, so it is read-only. To change it, unlock it with a reason at the bottom of the page.",
                )
            } else {
                t(
                    "Bảng chấm điểm đã được Khối thông qua. Chỉ Trưởng khối được sửa (sau khi mở khóa có lý do).",
                    "The bloc has adopted the scorecard. Only the bloc leader may change it (after unlocking it with a reason).",
                )
            }
        } else {
            t(
                "Bảng chấm điểm đang được Trưởng khối soạn thảo; chỉ Trưởng khối được sửa. Đơn vị tự chấm sau khi bảng được thông qua.",
                "The bloc leader is drafting the scorecard; only the leader may change it. Units score themselves once it is adopted.",
            )
        }
    };

    let totals = move || {
        template.with(|tpl| {
            let cap = |k: SectionKind| tpl.sections.iter().filter(|s| s.kind == k).map(|s| s.max).sum();
            let (base, bonus, penalty) = (template_check::base_total(tpl), cap(SectionKind::Bonus), cap(SectionKind::Penalty));
            let criteria = tpl.criteria().count();
            view! {
                <p class="base-total">
                    {t("Tổng điểm chuẩn: ", "Base total: ")}
                    <strong id="base-total">{points(base)}</strong>
                    {t(" điểm", " points")}
                    <span class="sep">" · "</span>
                    {tf(format!("thưởng tối đa {}", points(bonus)), format!("bonus up to {}", points(bonus)))}
                    <span class="sep">" · "</span>
                    {tf(format!("trừ tối đa {}", points(penalty)), format!("deductions up to {}", points(penalty)))}
                    <span class="sep">" · "</span>
                    {tf(format!("{criteria} tiêu chí"), format!("{criteria} criteria"))}
                </p>
            }
        })
    };

    let body = move || {
        if editable.get() {
            view! { <section::EditSections /> <add::AddSection /> }.into_any()
        } else {
            view! { <read_only::ReadOnly /> }.into_any()
        }
    };

    view! {
        <div class="scoring-screen" id="scorecard-screen">
        <section class="panel scorecard-head" aria-labelledby="scorecard-title">
            <h2 id="scorecard-title">{t("Bảng chấm điểm", "Scorecard")}</h2>
            <p class="intro" id="scorecard-status">{status}</p>
            {totals}
        </section>
        <Show when=move || leader.get()>
            <Issues />
        </Show>
        <div id="scorecard" class:editing=move || editable.get()>{body}</div>
        <adoption::AdoptionPanel />
        </div>
    }
}

/// What `template_check` finds: blocking issues in red, warnings in amber.
#[component]
fn Issues() -> impl IntoView {
    let ctx = use_ctx();
    let list = move || {
        ctx.issues.with(|issues| {
            if issues.is_empty() {
                return view! {
                    <p class="issues-ok">{t("Không phát hiện vấn đề nào trong bảng chấm điểm.", "No problems found in the scorecard.")}</p>
                }
                .into_any();
            }
            let blocking = issues.iter().filter(|i| i.blocking).count();
            let warnings = issues.len() - blocking;
            let items = issues
                .iter()
                .map(|i| {
                    let class = if i.blocking { "issue blocking" } else { "issue warning" };
                    let kind = if i.blocking { t("Phải sửa", "Must fix") } else { t("Lưu ý", "Note") };
                    view! {
                        <li class=class data-code=i.code.clone().unwrap_or_default()>
                            <span class="issue-kind">{kind}</span>
                            {msg(&i.msg)}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p class="issues-count">
                    {tf(
                        format!("{blocking} vấn đề phải sửa trước khi thông qua, {warnings} lưu ý."),
                        format!("{blocking} to fix before adoption, {warnings} to note."),
                    )}
                </p>
                <ul class="issues">{items}</ul>
            }
            .into_any()
        })
    };
    view! {
        <section class="panel" id="template-issues" aria-labelledby="issues-title" aria-live="polite">
            <h3 id="issues-title">{t("Kiểm tra bảng chấm điểm", "Scorecard check")}</h3>
            {list}
        </section>
    }
}

/// An error message under a field, when there is one.
pub(crate) fn field_error(err: RwSignal<Option<String>>, id: String) -> impl IntoView {
    move || {
        err.get().map(|e| {
            view! { <span class="input-error" id=id.clone() role="alert">{e}</span> }
        })
    }
}
