//! The three spreadsheet inputs. Each picked file is read into memory; once the scorecard, the
//! units and the scores are all there (or the user asks to rank without scores), the import runs
//! and its outcome goes to the page.

use crate::file_read::read_file;
use crate::i18n::texts;
use crate::import::{run_import, Outcome, Read};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlInputElement;

/// What one input holds: the file read into a table (CSV here, .xlsx by the Excel worker) or
/// refused with its problems, once, when it is picked.
#[derive(Debug, Clone, PartialEq)]
enum Picked {
    Read(Read),
    /// The browser could not read the file with this name.
    Failed(String),
}

impl Picked {
    fn read(&self) -> Option<&Read> {
        match self {
            Picked::Read(r) => Some(r),
            Picked::Failed(_) => None,
        }
    }
}

const ACCEPT: &str =
    ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[component]
pub fn ImportForm(set_outcome: WriteSignal<Option<Outcome>>) -> impl IntoView {
    let t = texts();
    let template = RwSignal::new(None::<Picked>);
    let units = RwSignal::new(None::<Picked>);
    let scores = RwSignal::new(None::<Picked>);
    let pending = RwSignal::new(0u32);
    // Set by the button: rank even though no scores file was chosen.
    let without_scores = RwSignal::new(false);

    let loaded = |input: RwSignal<Option<Picked>>| {
        input.with(|p| p.as_ref().is_some_and(|p| p.read().is_some()))
    };
    let can_run = move || loaded(template) && loaded(units);

    Effect::new(move |_| {
        let chosen = scores.with(Option::is_some) || without_scores.get();
        let ready = can_run() && chosen;
        let failed = [template, units, scores]
            .iter()
            .any(|s| s.with(|p| matches!(p, Some(Picked::Failed(_)))));
        let outcome = if ready || failed {
            template.with_untracked(|t| {
                units.with_untracked(|u| {
                    scores.with_untracked(|s| outcome_of(t.as_ref(), u.as_ref(), s.as_ref()))
                })
            })
        } else {
            None
        };
        set_outcome.set(outcome);
    });

    view! {
        <section class="panel import" aria-labelledby="import-title">
            <h2 id="import-title">{t.import_title}</h2>
            <p class="intro">{t.import_intro}</p>
            <form
                class="import-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    without_scores.set(true);
                }
            >
                <div class="file-grid">
                    <FileField
                        input_id="file-template"
                        label=t.template_label
                        hint=t.template_hint
                        picked=template
                        pending=pending
                    />
                    <FileField
                        input_id="file-units"
                        label=t.units_label
                        hint=t.units_hint
                        picked=units
                        pending=pending
                    />
                    <FileField
                        input_id="file-scores"
                        label=t.scores_label
                        hint=t.scores_hint
                        picked=scores
                        pending=pending
                    />
                </div>
                <div class="form-actions">
                    <button type="submit" class="primary" disabled=move || !can_run()>
                        {t.run_button}
                    </button>
                    <p class="status" aria-live="polite">
                        {move || (pending.get() > 0).then_some(t.working)}
                    </p>
                </div>
            </form>
        </section>
    }
}

/// `None` while there is nothing to show yet.
fn outcome_of(
    template: Option<&Picked>,
    units: Option<&Picked>,
    scores: Option<&Picked>,
) -> Option<Outcome> {
    let failed: Vec<String> = [template, units, scores]
        .into_iter()
        .flatten()
        .filter_map(|p| match p {
            Picked::Failed(name) => Some((texts().read_failed)(name)),
            Picked::Read(_) => None,
        })
        .collect();
    if !failed.is_empty() {
        return Some(Outcome::Problems(failed));
    }
    let template = template.and_then(Picked::read)?;
    let units = units.and_then(Picked::read)?;
    Some(run_import(template, units, scores.and_then(Picked::read)))
}

/// One labelled file input writing what it reads into `picked`.
/// (Not named `slot`: the `view!` macro reserves that attribute for Leptos slots.)
#[component]
fn FileField(
    input_id: &'static str,
    label: &'static str,
    hint: &'static str,
    picked: RwSignal<Option<Picked>>,
    /// Count of reads in flight, shared by the form's inputs.
    pending: RwSignal<u32>,
) -> impl IntoView {
    // A newer pick supersedes a read still in flight.
    let generation = StoredValue::new(0u32);
    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        generation.update_value(|g| *g = g.wrapping_add(1));
        let current = generation.get_value();
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            picked.set(None);
            return;
        };
        pending.update(|n| *n += 1);
        spawn_local(async move {
            let read = match read_file(&file).await {
                Some(loaded) => Picked::Read(Read::of(loaded).await),
                None => Picked::Failed(file.name()),
            };
            pending.update(|n| *n = n.saturating_sub(1));
            if generation.get_value() == current {
                picked.set(Some(read));
            }
        });
    };
    let t = texts();
    let hint_id = format!("{input_id}-hint");
    let button = move || {
        picked.with(|p| {
            if p.is_some() {
                t.change_file
            } else {
                t.choose_file
            }
        })
    };
    let chosen = move || {
        picked.with(|p| match p {
            None => view! { <span class="file-name none">{t.no_file}</span> }.into_any(),
            // Read but refused (a broken .xlsx, a CSV in UTF-16…): marked at once; the reasons
            // come with the others' once the scorecard and the units are there.
            Some(Picked::Read(l)) => {
                let ok = l.table.is_ok();
                view! { <span class="file-name" class:ok=ok class:failed=!ok>{l.name.clone()}</span> }.into_any()
            }
            Some(Picked::Failed(name)) => {
                view! { <span class="file-name failed">{name.clone()}</span> }.into_any()
            }
        })
    };
    // The input covers the whole picker, transparent: a click anywhere opens the browser's
    // dialog, a file dropped on it is taken, and the button text is ours rather than the
    // browser's (which follows the browser's language, not the page's).
    view! {
        <div class="file-field">
            <label for=input_id class="file-title">{label}</label>
            <span class="file-hint" id=hint_id.clone()>{hint}</span>
            <div class="file-picker">
                <span class="file-button" aria-hidden="true">{button}</span>
                {chosen}
                <input
                    type="file"
                    id=input_id
                    name=input_id
                    accept=ACCEPT
                    aria-describedby=hint_id
                    on:change=on_change
                />
            </div>
        </div>
    }
}
