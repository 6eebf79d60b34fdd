//! (placeholder, being written)

use leptos::prelude::*;

#[component]
pub fn ScorecardEditor() -> impl IntoView {
    view! { <section class="panel"><p>"…"</p></section> }
}
