//! (placeholder, being written)

use leptos::prelude::*;

#[component]
pub fn Evaluation() -> impl IntoView {
    view! { <section class="panel"><p>"…"</p></section> }
}
