//! Who has signed: every unit's signature and registered theme, and the count.

use crate::lang::{t, tf};
use crate::screens::setup::role_label;
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::{Role, Signing};

#[derive(Clone)]
struct Row {
    code: String,
    name: String,
    role: Role,
    signing: Option<Signing>,
    theme: String,
}

#[component]
pub fn Signatures() -> impl IntoView {
    let s = use_session();
    let rows = move || {
        s.campaign.with(|c| {
            c.active_units()
                .map(|u| {
                    let part = c.members.get(&u.code);
                    Row {
                        code: u.code.clone(),
                        name: u.info.value.name.clone(),
                        role: u.info.value.role,
                        signing: part.and_then(|m| m.signing.value.clone()),
                        theme: part.map(|m| m.theme.value.clone()).unwrap_or_default(),
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let me = move || s.acting_unit();
    let counts = move || {
        let r = rows();
        (r.iter().filter(|r| r.signing.is_some()).count(), r.len())
    };
    let progress = move || {
        let (n, m) = counts();
        tf(format!("Đã ký: {n}/{m} đơn vị"), format!("Signed: {n}/{m} units"))
    };
    let body = move || {
        let me = me();
        rows()
            .into_iter()
            .map(|r| {
                let mine = me.as_deref() == Some(r.code.as_str());
                let signed = match &r.signing {
                    Some(g) => view! {
                        <td class="signed yes" data-label=t("Ký kết", "Signature")>
                            <span class="tick" aria-hidden="true">"✓ "</span>
                            {tf(format!("Đã ký ngày {}", g.date), format!("Signed on {}", g.date))}
                            <span class="who">{if g.position.is_empty() { g.signatory.clone() } else { format!("{}, {}", g.signatory, g.position) }}</span>
                        </td>
                    }
                    .into_any(),
                    None => view! { <td class="signed no" data-label=t("Ký kết", "Signature")>{t("Chưa ký", "Not signed")}</td> }.into_any(),
                };
                let theme = if r.theme.trim().is_empty() {
                    view! { <td class="theme none" data-label=t("Chủ đề thi đua", "Theme")>{t("Chưa đăng ký", "None registered")}</td> }.into_any()
                } else {
                    view! { <td class="theme" data-label=t("Chủ đề thi đua", "Theme")>{r.theme}</td> }.into_any()
                };
                let lead = r.role != Role::ThanhVien;
                let is_head = r.role == Role::TruongKhoi;
                let data_unit = r.code.clone();
                view! {
                    <tr data-unit=data_unit class:mine=mine>
                        <td class="unit" data-label=t("Đơn vị", "Unit")>
                            <span class="unit-name">{r.name}</span>
                            {lead.then(|| view! { <span class="role-tag" class:lead=is_head>{role_label(r.role)}</span> })}
                            {mine.then(|| view! { <span class="me-tag">{t("đơn vị bạn", "your unit")}</span> })}
                            <span class="code-sub">{r.code}</span>
                        </td>
                        {signed}
                        {theme}
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" aria-labelledby="signatures-title">
            <div class="panel-head">
                <h3 id="signatures-title">{t("Tình hình ký kết của các đơn vị", "Signatures of the units")}</h3>
            </div>
            <div class="progress-line">
                <span id="sign-progress" class="progress-text">{progress}</span>
                <progress id="sign-bar" max=move || counts().1.max(1) value=move || counts().0 aria-labelledby="sign-progress"></progress>
            </div>
            <table id="signatures" class="list-table signatures">
                <thead>
                    <tr>
                        <th scope="col">{t("Đơn vị", "Unit")}</th>
                        <th scope="col" class="signed-col">{t("Ký kết", "Signature")}</th>
                        <th scope="col">{t("Chủ đề thi đua đăng ký", "Registered theme")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </section>
    }
}
