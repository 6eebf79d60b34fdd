//! Every unit's state this year: pledge signed, scorecard drafted / submitted / returned / accepted.

use super::facts::{Facts, UnitFacts};
use crate::lang::{t, tf};
use crate::screens::setup::role_label;
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::{Role, SubmissionState};

fn state_text(u: &UnitFacts) -> (&'static str, String) {
    match &u.state {
        SubmissionState::Draft => {
            let text = if u.of == 0 {
                t("Chưa nộp", "Not submitted").to_string()
            } else {
                tf(format!("Chưa nộp · đã chấm {}/{} tiêu chí", u.answered, u.of), format!("Not submitted · {}/{} criteria scored", u.answered, u.of))
            };
            ("draft", text)
        }
        SubmissionState::Submitted { round } => ("submitted", tf(format!("Đã nộp (lần {round}), chờ thẩm định"), format!("Submitted (round {round}), awaiting review"))),
        SubmissionState::Returned { round, .. } => ("returned", tf(format!("Bị trả lại (lần {round})"), format!("Returned (round {round})"))),
        SubmissionState::Accepted { .. } => ("accepted", t("Đã duyệt", "Accepted").to_string()),
    }
}

#[component]
pub fn UnitStatus() -> impl IntoView {
    let s = use_session();
    let rows = move || {
        let me = s.acting_unit();
        let facts = s.campaign.with(Facts::of);
        facts
            .units
            .into_iter()
            .map(|u| {
                let (state, text) = state_text(&u);
                let why = match &u.state {
                    SubmissionState::Returned { comment, .. } if !comment.trim().is_empty() => Some(format!("«{comment}»")),
                    _ => None,
                };
                let mine = me.as_deref() == Some(u.code.as_str());
                let signed = match &u.signed_on {
                    Some(d) => view! { <td class="sign yes" data-label=t("Giao ước", "Pledge")>{tf(format!("✓ Đã ký {d}"), format!("✓ Signed {d}"))}</td> }.into_any(),
                    None => view! { <td class="sign no" data-label=t("Giao ước", "Pledge")>{t("Chưa ký", "Not signed")}</td> }.into_any(),
                };
                let lead = u.role != Role::ThanhVien;
                let is_head = u.role == Role::TruongKhoi;
                let data_unit = u.code.clone();
                view! {
                    <tr data-unit=data_unit class:mine=mine>
                        <td class="unit" data-label=t("Đơn vị", "Unit")>
                            <span class="unit-name">{u.name}</span>
                            {lead.then(|| view! { <span class="role-tag" class:lead=is_head>{role_label(u.role)}</span> })}
                            {mine.then(|| view! { <span class="me-tag">{t("đơn vị bạn", "your unit")}</span> })}
                            <span class="code-sub">{u.code}</span>
                        </td>
                        {signed}
                        <td class=format!("state {state}") data-state=state data-label=t("Bảng tự chấm", "Scorecard")>
                            <span class="pill">{text}</span>
                            {why.map(|w| view! { <span class="why">{w}</span> })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let empty = move || {
        s.campaign.with(|c| c.active_units().next().is_none()).then(|| view! { <p class="empty">{t("Chưa có đơn vị nào.", "No units yet.")}</p> })
    };
    view! {
        <section class="panel" aria-labelledby="unit-status-title">
            <h3 id="unit-status-title">{t("Tình hình từng đơn vị", "Each unit")}</h3>
            <table id="unit-status" class="list-table unit-status">
                <thead>
                    <tr>
                        <th scope="col">{t("Đơn vị", "Unit")}</th>
                        <th scope="col">{t("Giao ước", "Pledge")}</th>
                        <th scope="col">{t("Bảng tự chấm", "Scorecard")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {empty}
        </section>
    }
}
