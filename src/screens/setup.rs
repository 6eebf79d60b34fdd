//! (placeholder, being written)

use leptos::prelude::*;

#[component]
pub fn Setup() -> impl IntoView {
    view! { <section class="panel"><p>"…"</p></section> }
}
