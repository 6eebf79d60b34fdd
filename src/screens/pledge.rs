//! (placeholder, being written)

use leptos::prelude::*;

#[component]
pub fn PledgeScreen() -> impl IntoView {
    view! { <section class="panel"><p>"…"</p></section> }
}
