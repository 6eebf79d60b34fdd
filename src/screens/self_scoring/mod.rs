//! Self-scoring (tự chấm điểm): a unit answers every criterion of the adopted scorecard, with
//! evidence notes, sees its points as the core computes them, and submits to the leader. The
//! leader sees a unit's scorecard here read-only (reviews happen in the Review step).
//!
//! Scorecards reach 300 criteria: each row owns its input and reads its own entry through a memo,
//! so saving one answer updates one row and the totals, and an input is never rebuilt while typed in.

mod row;
mod section;
mod submit;

use crate::lang::{points, t, tf};
use crate::session::{use_session, Session};
use leptos::prelude::*;
use thidua_core::edit::Actor;
use thidua_core::scorecard::{score_unit, UnitScore};
use thidua_core::{Entry, SubmissionState, Template};

/// What the parts of one unit's form share.
#[derive(Clone, Copy)]
pub(super) struct FormCtx {
    pub s: Session,
    pub unit: StoredValue<String>,
    pub template: Memo<Template>,
    pub score: Memo<UnitScore>,
    pub state: Memo<SubmissionState>,
    /// Whether this browser may change the unit's answers now.
    pub editable: Memo<bool>,
    /// Each row's entry, set by one effect only when that entry changed: an answer saved wakes its
    /// own row, not the 300 rows of a large scorecard (each would compare its entry again).
    pub rows: StoredValue<Vec<(String, RwSignal<Option<Entry>>)>>,
}

impl FormCtx {
    /// The entry of criterion `id` of the unit, kept current while the row lives.
    pub fn entry(&self, id: &str) -> RwSignal<Option<Entry>> {
        let (s, unit) = (self.s, self.unit);
        let sig = RwSignal::new(s.campaign.with_untracked(|c| unit.with_value(|u| c.entry(u, id).cloned())));
        self.rows.update_value(|r| r.push((id.to_string(), sig)));
        let rows = self.rows;
        on_cleanup(move || {
            rows.try_update_value(|r| r.retain(|(_, x)| *x != sig));
        });
        sig
    }
}

#[component]
pub fn SelfScoring() -> impl IntoView {
    let s = use_session();
    let picked = RwSignal::new(None::<String>);
    let unit = Memo::new(move |_| match s.actor.get() {
        Some(Actor::Unit(u)) => Some(u),
        Some(Actor::Leader) => {
            let p = picked.get();
            s.campaign.with(|c| {
                p.filter(|p| c.unit(p).is_some()).or_else(|| c.active_units().next().map(|u| u.code.clone()))
            })
        }
        None => None,
    });
    // A memo, so that saving an answer (a new campaign value) does not rebuild the whole form.
    let known = Memo::new(move |_| unit.get().is_some_and(|u| s.campaign.with(|c| c.unit(&u).is_some())));
    view! {
        <div class="scoring-screen" id="self-screen">
        <Show when=move || s.is_leader()>
            <UnitPicker picked=picked unit=unit />
        </Show>
        {move || match unit.get() {
            Some(u) if known.get() => view! { <UnitForm unit=u /> }.into_any(),
            Some(u) => view! {
                <section class="panel"><p class="error" role="alert">{tf(
                    format!("Đơn vị «{u}» không còn trong Khối. Hãy chọn lại đơn vị bạn làm việc thay mặt."),
                    format!("Unit «{u}» is no longer in the bloc. Choose again whom you act for."),
                )}</p></section>
            }.into_any(),
            None => view! {
                <section class="panel"><p class="intro">{t("Khối chưa có đơn vị thành viên nào.", "The bloc has no member units yet.")}</p></section>
            }.into_any(),
        }}
        </div>
    }
}

/// The leader chooses whose scorecard to look at.
#[component]
fn UnitPicker(picked: RwSignal<Option<String>>, unit: Memo<Option<String>>) -> impl IntoView {
    let s = use_session();
    // A memo of what the options show, so that an answer saved (a new campaign) does not rebuild
    // the forty options.
    let listed = Memo::new(move |_| {
        s.campaign.with(|c| {
            c.active_units()
                .map(|u| {
                    let state = c.members.get(&u.code).map(|m| m.state()).unwrap_or(SubmissionState::Draft);
                    (u.code.clone(), format!("{} ({}) — {}", u.info.name, u.code, state_short(&state)))
                })
                .collect::<Vec<_>>()
        })
    });
    let options = move || {
        listed
            .get()
            .into_iter()
            .map(|(code, label)| {
                let selected = {
                    let code = code.clone();
                    move || unit.get().as_deref() == Some(code.as_str())
                };
                view! { <option value=code prop:selected=selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <section class="panel unit-picker">
            <label for="score-unit">{t("Xem bảng tự chấm của đơn vị", "Show the self-assessment of")}</label>
            <select id="score-unit" on:change=move |ev| picked.set(Some(event_target_value(&ev)))>{options}</select>
            <p class="hint">{t(
                "Trưởng khối chỉ xem ở đây; chấm lại điểm (thẩm định) ở bước «Thẩm định».",
                "The leader only reads here; reviewed scores are set in the «Review» step.",
            )}</p>
        </section>
    }
}

fn state_short(s: &SubmissionState) -> String {
    match s {
        SubmissionState::Draft => t("chưa nộp", "not submitted").into(),
        SubmissionState::Submitted { round } => tf(format!("đã nộp lần {round}"), format!("submitted (round {round})")),
        SubmissionState::Returned { round, .. } => tf(format!("bị trả lại lần {round}"), format!("returned (round {round})")),
        SubmissionState::Accepted { .. } => t("đã chấp nhận", "accepted").into(),
    }
}

#[component]
fn UnitForm(unit: String) -> impl IntoView {
    let s = use_session();
    let u = StoredValue::new(unit);
    // The scorecard is cloned and compared only when it was written (its stamp moved), not on
    // every answer saved.
    let template_stamp = Memo::new(move |_| s.campaign.with(|c| c.template.stamp.clone()));
    let template = Memo::new(move |_| {
        template_stamp.track();
        s.campaign.with_untracked(|c| c.template.value.clone())
    });
    let score = Memo::new(move |_| s.campaign.with(|c| u.with_value(|u| score_unit(&c.template.value, c.inputs.get(u)))));
    let state = Memo::new(move |_| {
        s.campaign.with(|c| u.with_value(|u| c.members.get(u).map(|m| m.state()).unwrap_or(SubmissionState::Draft)))
    });
    let adopted = Memo::new(move |_| s.campaign.with(|c| c.adoption.adopted));
    let locked = Memo::new(move |_| s.campaign.with(|c| c.results_locked.value));
    let is_self = Memo::new(move |_| s.acting_unit().is_some_and(|a| u.with_value(|u| *u == a)));
    let editable = Memo::new(move |_| {
        is_self.get()
            && adopted.get()
            && !locked.get()
            && matches!(state.get(), SubmissionState::Draft | SubmissionState::Returned { .. })
    });
    let rows = StoredValue::new(Vec::<(String, RwSignal<Option<Entry>>)>::new());
    Effect::new(move |_| {
        s.campaign.with(|c| {
            let inputs = u.with_value(|u| c.inputs.get(u));
            rows.with_value(|rows| {
                for (id, sig) in rows {
                    let now = inputs.and_then(|m| m.get(id));
                    if sig.with_untracked(|was| was.as_ref() != now) {
                        sig.set(now.cloned());
                    }
                }
            })
        })
    });
    let ctx = FormCtx { s, unit: u, template, score, state, editable, rows };
    provide_context(ctx);

    let name = move || s.campaign.with(|c| u.with_value(|u| c.unit(u).map(|x| x.info.name.clone()).unwrap_or_else(|| u.clone())));
    let state_line = move || {
        let (class, text) = match state.get() {
            SubmissionState::Draft => ("state draft", t("Đang soạn — chưa nộp", "Draft — not submitted").to_string()),
            SubmissionState::Submitted { round } => (
                "state submitted",
                tf(format!("Đã nộp (lần {round}) — chờ Trưởng khối thẩm định"), format!("Submitted (round {round}) — awaiting the leader's review")),
            ),
            SubmissionState::Returned { round, .. } => (
                "state returned",
                tf(format!("Bị trả lại (lần {round}) — sửa và nộp lại"), format!("Returned (round {round}) — correct and submit again")),
            ),
            SubmissionState::Accepted { round } => (
                "state accepted",
                tf(format!("Đã được Trưởng khối chấp nhận (lần {round})"), format!("Accepted by the leader (round {round})")),
            ),
        };
        view! { <p class=class id="submission-state">{text}</p> }
    };
    let returned = move || match state.get() {
        SubmissionState::Returned { comment, .. } => Some(view! {
            <div class="returned" role="note">
                <h3>{t("Nhận xét của Trưởng khối", "The leader's comment")}</h3>
                <p id="returned-comment">{comment}</p>
            </div>
        }),
        _ => None,
    };
    let note = move || {
        let text = if !adopted.get() {
            Some(t(
                "Bảng chấm điểm chưa được Khối thông qua: chưa thể tự chấm. Bảng dưới đây chỉ để xem trước.",
                "The bloc has not adopted the scorecard yet: scoring cannot start. The form below is a preview.",
            ))
        } else if locked.get() {
            Some(t("Kết quả đã được khóa: không sửa được nữa.", "The results are locked: nothing can be changed."))
        } else if !is_self.get() {
            Some(t(
                "Chỉ đơn vị được sửa phần tự chấm của mình; ở đây chỉ xem.",
                "Only the unit may change its self-assessment; this is read-only.",
            ))
        } else {
            match state.get() {
                SubmissionState::Submitted { .. } => Some(t(
                    "Bảng tự chấm đã nộp nên không sửa được; nếu cần sửa, Trưởng khối sẽ trả lại kèm nhận xét.",
                    "The scorecard is submitted, so it is read-only; the leader returns it with a comment if it needs changes.",
                )),
                SubmissionState::Accepted { .. } => Some(t(
                    "Bảng tự chấm đã được chấp nhận; điểm đã chốt.",
                    "The scorecard is accepted; its scores are final.",
                )),
                _ => None,
            }
        };
        text.map(|x| view! { <p class="readonly-note" id="readonly-note">{x}</p> })
    };
    let help = move || {
        editable.get().then(|| {
            view! {
                <p class="intro">{t(
                    "Nhập điểm cho từng tiêu chí (số thập phân viết 8,5 hoặc 8.5) và ghi minh chứng. Mỗi ô được lưu ngay khi bạn rời khỏi ô đó.",
                    "Enter each criterion (decimals as 8,5 or 8.5) and its evidence. Each field is saved as soon as you leave it.",
                )}</p>
            }
        })
    };

    view! {
        <section class="panel self-head" aria-labelledby="self-title">
            <h2 id="self-title">{t("Tự chấm điểm", "Self-assessment")}" — "{name}</h2>
            {state_line}
            {returned}
            {note}
            {help}
            <crate::documents::print::PrintLink doc=crate::route::PrintDoc::Scorecard(u.get_value()) />
        </section>
        <ScoreBar />
        <form id="self-form" novalidate on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            {move || template.with(|tpl| {
                if tpl.criteria().next().is_none() {
                    return view! {
                        <section class="panel"><p class="intro">{t("Bảng chấm điểm chưa có tiêu chí nào.", "The scorecard has no criteria yet.")}</p></section>
                    }.into_any();
                }
                tpl.sections.iter().filter(|s| !s.criteria.is_empty()).map(|sec| section::section_view(ctx, sec)).collect_view().into_any()
            })}
        </form>
        <crate::charts::SectionsChart unit=u.get_value() />
        <submit::SubmitPanel />
    }
}

/// Total and what is missing, always in view while the form scrolls.
#[component]
fn ScoreBar() -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
    let total = move || ctx.score.with(|sc| points(sc.total));
    let missing = move || ctx.score.with(|sc| sc.missing.len());
    let vetoes = move || ctx.score.with(|sc| sc.vetoes.len());
    let jump = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        submit::scroll_to("submit-panel", None);
    };
    view! {
        <div class="score-bar" id="score-bar" role="status" aria-live="polite">
            <span class="bar-item">
                <span class="bar-label">{t("Tổng điểm", "Total")}</span>
                <strong id="grand-total">{total}</strong>
            </span>
            <a class="bar-item bar-missing" class:done=move || missing() == 0 href="#submit-panel" on:click=jump>
                <span class="bar-label">{t("Còn thiếu", "Missing")}</span>
                <strong id="missing-count">{missing}</strong>
                <span class="bar-unit">{t("tiêu chí", "criteria")}</span>
            </a>
            <Show when=move || { vetoes() > 0 }>
                <span class="bar-item bar-veto">{t("Có điều kiện không xét thi đua", "A disqualifying condition is set")}</span>
            </Show>
        </div>
    }
}
