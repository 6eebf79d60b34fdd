//! The pledge conference: what the bloc pledges (leader), each unit's signature and registered
//! theme (the unit itself), and how many have signed.

mod editor;
mod signatures;
mod signing;

use crate::lang::t;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn PledgeScreen() -> impl IntoView {
    let s = use_session();
    let year = move || s.campaign.with(|c| c.bloc.year);
    let pledge = move || {
        if s.is_leader() {
            view! { <editor::PledgeEditor /> }.into_any()
        } else {
            view! { <editor::PledgeView /> }.into_any()
        }
    };
    // Re-created when the acting unit changes, so the form starts from that unit's signature.
    let own = move || match s.acting_unit() {
        Some(unit) => view! { <signing::SigningPanel unit=unit /> }.into_any(),
        None => view! {
            <p class="readonly-note" id="sign-leader-note">{t(
                "Mỗi đơn vị tự ký giao ước và đăng ký chủ đề thi đua: chọn đơn vị ở ô «Làm việc với tư cách».",
                "Each unit signs the pledge and registers its theme itself: choose the unit under «Acting as».",
            )}</p>
        }
        .into_any(),
    };
    view! {
        <div class="step-screen" id="pledge-screen">
            <section class="panel" aria-labelledby="pledge-title">
                <h3 id="pledge-title">{move || format!("{} {}", t("Giao ước thi đua năm", "Emulation pledge for"), year())}</h3>
                {pledge}
                <crate::documents::print::PrintLink doc=crate::route::PrintDoc::Pledge />
            </section>
            {own}
            <signatures::Signatures />
        </div>
    }
}
