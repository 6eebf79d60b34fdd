//! The page: header, the import form, and what the import gave.

use crate::i18n::texts;
use crate::import::Outcome;
use crate::import_form::ImportForm;
use crate::problem_list::ProblemList;
use crate::ranking_table::RankingTable;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let t = texts();
    let (outcome, set_outcome) = signal(None::<Outcome>);
    let result = move || {
        outcome.get().map(|o| match o {
            Outcome::Problems(problems) => view! { <ProblemList problems=problems /> }.into_any(),
            Outcome::Ranked(ranking) => view! { <RankingTable ranking=ranking /> }.into_any(),
        })
    };
    view! {
        <header class="masthead">
            <div class="container">
                <img class="emblem" src="/favicon.svg" alt="" width="40" height="40" />
                <div>
                    <h1>{t.app_title}</h1>
                    <p class="tagline">{t.app_tagline}</p>
                </div>
            </div>
        </header>
        <main class="container">
            <ImportForm set_outcome=set_outcome />
            {result}
        </main>
        <footer class="container page-footer">
            <p>{t.footer}</p>
        </footer>
    }
}
