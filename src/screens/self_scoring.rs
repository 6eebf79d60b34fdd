//! (placeholder, being written)

use leptos::prelude::*;

#[component]
pub fn SelfScoring() -> impl IntoView {
    view! { <section class="panel"><p>"…"</p></section> }
}
