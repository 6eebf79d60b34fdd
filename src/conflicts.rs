//! Conflicts the merge kept: two devices changed the same value without seeing each other's change.
//! The later one counts; the other is listed here so that nothing is silently lost, and whoever may
//! write that value can restore it or dismiss it.

use crate::lang::{t, tf};
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::answer::answer_text;
use thidua_core::edit::{Actor, Edit};
use thidua_core::merge::{current_value, writer_of};
use thidua_core::{Answer, Conflict, Stamp};

/// "Điểm tự chấm · CTK · A.3" from `inputs/CTK/A.3/self_answer`.
pub fn describe_path(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let what = |vi: &'static str, en: &'static str| t(vi, en).to_string();
    match parts.as_slice() {
        ["inputs", unit, crit, field] => {
            let f = match *field {
                "self_answer" => what("Điểm tự chấm", "Self score"),
                "note" => what("Minh chứng", "Evidence"),
                "review" => what("Điểm Khối chấm", "Reviewed score"),
                "review_reason" => what("Lý do chấm lại", "Review reason"),
                other => other.to_string(),
            };
            format!("{f} · {unit} · {crit}")
        }
        ["members", unit, field] => {
            let f = match *field {
                "signing" => what("Ký giao ước", "Signing"),
                "theme" => what("Chủ đề thi đua", "Emulation theme"),
                "submitted" => what("Nộp bảng tự chấm", "Submission"),
                "decision" => what("Quyết định thẩm định", "Review decision"),
                other => other.to_string(),
            };
            format!("{f} · {unit}")
        }
        ["units", unit, _] => format!("{} · {unit}", what("Thông tin đơn vị", "Unit details")),
        ["votes", unit] => format!("{} · {unit}", what("Phiếu bầu", "Ballot")),
        [single] => match *single {
            "bloc" => what("Thông tin Khối", "Bloc details"),
            "template" => what("Bảng chấm điểm", "Scorecard"),
            "pledge" => what("Nội dung giao ước", "Pledge"),
            "awards" => what("Hình thức khen thưởng", "Award tiers"),
            "adoption" => what("Thông qua bảng chấm điểm", "Scorecard adoption"),
            "results_locked" => what("Khóa kết quả", "Results lock"),
            "meeting" => what("Biên bản họp bình xét", "Evaluation meeting"),
            other => other.to_string(),
        },
        _ => path.to_string(),
    }
}

/// A value as a person reads it: answers as typed, text as is, anything else compactly.
fn show_value(v: &serde_json::Value) -> String {
    if let Ok(a) = serde_json::from_value::<Option<Answer>>(v.clone()) {
        return a.map(|a| answer_text(&a)).unwrap_or_else(|| "—".into());
    }
    match v {
        serde_json::Value::String(s) if s.is_empty() => "—".into(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".into(),
        other => {
            let s = other.to_string();
            if s.chars().count() > 80 { format!("{}…", s.chars().take(80).collect::<String>()) } else { s }
        }
    }
}

/// dd/mm/yyyy HH:MM of a stamp, in the browser's time zone.
pub fn stamp_time(s: &Stamp) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(s.clock as f64));
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

#[component]
pub fn Conflicts() -> impl IntoView {
    let s = use_session();
    let list = move || s.campaign.with(|c| c.open_conflicts().cloned().collect::<Vec<Conflict>>());
    move || {
        let items = list();
        if items.is_empty() {
            return view! {
                <section class="panel" id="conflicts">
                    <h3>{t("Xung đột khi hợp nhất", "Merge conflicts")}</h3>
                    <p class="muted" id="no-conflicts">{t("Không có xung đột nào.", "No conflicts.")}</p>
                </section>
            }
            .into_any();
        }
        let actor = s.actor.get();
        let rows = items
            .into_iter()
            .map(|k| {
                let may = actor.as_ref().is_some_and(|a| *a == Actor::Leader || *a == writer_of(&k.path));
                let current = s.campaign.with(|c| current_value(c, &k.path)).map(|v| show_value(&v)).unwrap_or_default();
                let (path, stamp) = (k.path.clone(), k.stamp.clone());
                let (path2, stamp2) = (k.path.clone(), k.stamp.clone());
                view! {
                    <tr class="conflict" data-path=k.path.clone()>
                        <td>{describe_path(&k.path)}</td>
                        <td class="kept">{show_value(&k.value)}<br /><small>{stamp_time(&k.stamp)}</small></td>
                        <td class="current">{current}<br /><small>{stamp_time(&k.winner)}</small></td>
                        <td class="actions">
                            <Show when=move || may>
                                <button class="conflict-restore" on:click={
                                    let (p, st) = (path.clone(), stamp.clone());
                                    move |_| { let _ = s.edit(Edit::RestoreConflict { path: p.clone(), stamp: st.clone() }); }
                                }>{t("Khôi phục giá trị này", "Restore this value")}</button>
                                <button class="conflict-dismiss" on:click={
                                    let (p, st) = (path2.clone(), stamp2.clone());
                                    move |_| { let _ = s.edit(Edit::DismissConflict { path: p.clone(), stamp: st.clone() }); }
                                }>{t("Giữ giá trị hiện tại", "Keep the current value")}</button>
                            </Show>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="panel" id="conflicts">
                <h3>{tf(
                    format!("Xung đột khi hợp nhất ({})", s.campaign.with(|c| c.open_conflicts().count())),
                    format!("Merge conflicts ({})", s.campaign.with(|c| c.open_conflicts().count())),
                )}</h3>
                <p class="intro">{t(
                    "Hai máy đã sửa cùng một giá trị mà không thấy thay đổi của nhau. Giá trị sửa sau được dùng; giá trị kia được giữ ở đây để bạn khôi phục nếu cần.",
                    "Two devices changed the same value without seeing each other's change. The later one is used; the other is kept here so you can restore it.",
                )}</p>
                <div class="table-scroll">
                    <table class="plain">
                        <thead><tr>
                            <th>{t("Giá trị", "Value")}</th>
                            <th>{t("Giá trị được giữ lại", "Kept value")}</th>
                            <th>{t("Giá trị hiện tại", "Current value")}</th>
                            <th></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
        .into_any()
    }
}
