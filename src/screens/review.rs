//! (placeholder, being written)

use leptos::prelude::*;

#[component]
pub fn Review() -> impl IntoView {
    view! { <section class="panel"><p>"…"</p></section> }
}
