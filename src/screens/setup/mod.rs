//! The bloc for the year: what the organising decision says (name, year, decision) and the member
//! units with their roles. The leader edits both; units see them.

mod add_unit;
mod bloc;
mod dates;
mod members;

pub use dates::normal_date;

use crate::lang::{t, tf};
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::Role;

#[component]
pub fn Setup() -> impl IntoView {
    let s = use_session();
    let note = move || {
        (!s.is_leader()).then(|| {
            view! {
                <p class="readonly-note" id="setup-readonly">{t(
                    "Chỉ Trưởng khối được sửa thông tin Khối và danh sách thành viên. Bạn đang xem với tư cách đơn vị thành viên.",
                    "Only the bloc leader may change the bloc and its members. You are viewing as a member unit.",
                )}</p>
            }
        })
    };
    view! {
        <div class="step-screen" id="setup-screen">
            {note}
            <bloc::BlocPanel />
            <members::Members />
        </div>
    }
}

pub(crate) fn role_label(r: Role) -> &'static str {
    t(r.vi(), r.en())
}

pub(crate) fn count_units(n: usize) -> String {
    tf(format!("{n} đơn vị"), if n == 1 { "1 unit".into() } else { format!("{n} units") })
}
