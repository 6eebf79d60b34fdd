//! When a value was written and by whom: the time of its last write, from its merge stamp (the
//! stamp's clock follows the wall clock in milliseconds unless the device's clock went backwards),
//! and the score's history of revisions (`thidua_core::history`).

use super::row::shown;
use crate::conflicts::stamp_time;
use crate::lang::{t, tf};
use leptos::prelude::*;
use thidua_core::edit::Actor;
use thidua_core::history::{RevField, Revision};
use thidua_core::{Criterion, Entry, Stamp};

/// `dd/mm/yyyy hh:mm` in the browser's time zone; `None` for values never written here (imported).
pub fn stamp_text(s: &Stamp) -> Option<String> {
    if s.clock == 0 {
        return None;
    }
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(s.clock as f64));
    if d.get_time().is_nan() {
        return None;
    }
    Some(format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    ))
}

/// Who wrote a revision, as the history names them: the unit's code, or the leader.
fn who(by: &Actor) -> String {
    match by {
        Actor::Leader => t("Trưởng khối", "bloc leader").into(),
        Actor::Unit(code) => code.clone(),
    }
}

/// One revision as a sentence: "Đơn vị tự chấm 8,5 (CTK, 12/03/2026 10:20)", "Trưởng khối sửa
/// thành 8 (lý do: …; 12/03/2026 10:25)".
fn line(c: &Criterion, r: &Revision) -> String {
    let when = stamp_time(&r.stamp);
    let by = who(&r.by);
    let value = r.value.as_ref().map(|a| shown(c, a));
    let reason = r.reason.trim();
    match (r.field, value) {
        (RevField::SelfAnswer, Some(v)) => tf(format!("Đơn vị tự chấm {v} ({by}, {when})"), format!("Unit scored itself {v} ({by}, {when})")),
        (RevField::SelfAnswer, None) => tf(format!("Đơn vị xóa điểm tự chấm ({by}, {when})"), format!("Unit cleared its score ({by}, {when})")),
        (RevField::Review, Some(v)) if reason.is_empty() => {
            tf(format!("Trưởng khối sửa thành {v} ({when})"), format!("Bloc leader changed it to {v} ({when})"))
        }
        (RevField::Review, Some(v)) => tf(
            format!("Trưởng khối sửa thành {v} (lý do: {reason}; {when})"),
            format!("Bloc leader changed it to {v} (reason: {reason}; {when})"),
        ),
        (RevField::Review, None) => {
            tf(format!("Trưởng khối bỏ điểm chấm lại ({when})"), format!("Bloc leader cleared the reviewed score ({when})"))
        }
    }
}

/// The criterion's score history, oldest first, folded under "Lịch sử (n)"; nothing while empty.
/// The list stays mounted while it has items, so an opened history stays open as it grows.
#[component]
pub fn ScoreHistory(entry: Memo<Entry>, crit: StoredValue<Criterion>) -> impl IntoView {
    let count = move || entry.with(|e| e.history.len());
    let items = move || {
        entry.with(|e| {
            e.history
                .iter()
                .map(|r| {
                    let text = crit.with_value(|c| line(c, r));
                    let by = match &r.by {
                        Actor::Leader => "leader".to_string(),
                        Actor::Unit(code) => code.clone(),
                    };
                    view! { <li data-history=r.field.name() data-by=by>{text}</li> }
                })
                .collect_view()
        })
    };
    view! {
        <Show when=move || { count() > 0 }>
            <details class="score-history">
                <summary>{move || tf(format!("Lịch sử ({})", count()), format!("History ({})", count()))}</summary>
                <ol>{items}</ol>
            </details>
        </Show>
    }
}
