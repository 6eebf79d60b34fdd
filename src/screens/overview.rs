//! (placeholder, being written)

use leptos::prelude::*;

#[component]
pub fn Overview() -> impl IntoView {
    view! { <section class="panel"><p>"…"</p></section> }
}
