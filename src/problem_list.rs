//! Why the files were refused: one line per problem, in an alert the screen reader announces.

use crate::i18n::texts;
use leptos::prelude::*;

#[component]
pub fn ProblemList(problems: Vec<String>) -> impl IntoView {
    let t = texts();
    view! {
        <div class="alert" role="alert" id="import-problems">
            <h2>{t.problems_title}</h2>
            <p>{t.problems_intro}</p>
            <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
        </div>
    }
}
