//! The levels of a `levels` criterion, edited as a short list of name = points rows.

use super::field_error;
use crate::lang::{msg, points, t};
use leptos::prelude::*;
use thidua_core::answer::parse_points;
use thidua_core::{Criterion, CriterionKind, Level};

pub(super) type Update = Box<dyn FnOnce(&mut Criterion)>;
type LevelsUpdate = Box<dyn FnOnce(&mut Vec<Level>)>;

/// The levels of a `levels` criterion, one row each, keyed by position so that the inputs stay
/// while the list is saved.
#[component]
pub(super) fn LevelsEditor(
    kind: Memo<CriterionKind>,
    fid: String,
    update: impl Fn(Update) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let levels = Memo::new(move |_| match kind.get() {
        CriterionKind::Levels { levels } => levels,
        _ => Vec::new(),
    });
    let fid = StoredValue::new(fid);
    let set_levels = move |f: LevelsUpdate| {
        update(Box::new(move |c| {
            if let CriterionKind::Levels { levels } = &mut c.kind {
                f(levels);
            }
        }))
    };
    let new_label = RwSignal::new(String::new());
    let new_points = RwSignal::new(String::new());
    let add_err = RwSignal::new(None::<String>);
    let add = move |_| {
        let label = new_label.get_untracked().trim().to_string();
        if label.is_empty() {
            add_err.set(Some(t("Cần có tên mức", "the level needs a name").into()));
            return;
        }
        match parse_points(&new_points.get_untracked()) {
            Ok(p) => {
                add_err.set(None);
                if set_levels(Box::new(move |l| l.push(Level { label, points: p }))) {
                    new_label.set(String::new());
                    new_points.set(String::new());
                }
            }
            Err(m) => add_err.set(Some(msg(&m))),
        }
    };
    let row = move |i: usize| {
        let err = RwSignal::new(None::<String>);
        let base = format!("{}-{i}", fid.get_value());
        let value = move |f: fn(&Level) -> String| levels.with(|l| l.get(i).map(f).unwrap_or_default());
        let set_label = move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev).trim().to_string();
            if v.is_empty() {
                err.set(Some(t("Cần có tên mức", "the level needs a name").into()));
                return;
            }
            err.set(None);
            set_levels(Box::new(move |l| {
                if let Some(x) = l.get_mut(i) {
                    x.label = v;
                }
            }));
        };
        let set_points = move |ev: leptos::ev::Event| match parse_points(&event_target_value(&ev)) {
            Ok(p) => {
                err.set(None);
                set_levels(Box::new(move |l| {
                    if let Some(x) = l.get_mut(i) {
                        x.points = p;
                    }
                }));
            }
            Err(m) => err.set(Some(msg(&m))),
        };
        let remove = move |_| {
            set_levels(Box::new(move |l| {
                if i < l.len() {
                    l.remove(i);
                }
            }));
        };
        view! {
            <li class="level-row">
                <label class="visually-hidden" for=format!("{base}-label")>{t("Tên mức", "Level name")}</label>
                <input id=format!("{base}-label") class="level-label" type="text" autocomplete="off"
                    prop:value=move || value(|l| l.label.clone()) on:change=set_label />
                <span aria-hidden="true">"="</span>
                <label class="visually-hidden" for=format!("{base}-points")>{t("Điểm của mức", "Level points")}</label>
                <input id=format!("{base}-points") class="level-points" type="text" inputmode="decimal" autocomplete="off"
                    prop:value=move || value(|l| points(l.points)) on:change=set_points />
                <button type="button" class="icon danger level-remove" title=t("Xóa mức", "Remove level")
                    aria-label=t("Xóa mức", "Remove level") on:click=remove>"✕"</button>
                {field_error(err, format!("{base}-err"))}
            </li>
        }
    };
    let add_id = format!("{}-new", fid.get_value());
    view! {
        <fieldset class="levels">
            <legend>{t("Các mức (tên = điểm)", "Levels (name = points)")}</legend>
            <ol class="level-list">
                <For each=move || 0..levels.with(Vec::len) key=|i| *i children=row />
            </ol>
            <div class="level-row level-new">
                <label class="visually-hidden" for=format!("{add_id}-label")>{t("Tên mức mới", "New level name")}</label>
                <input id=format!("{add_id}-label") class="level-new-label" type="text" autocomplete="off"
                    placeholder=t("Mức mới", "New level")
                    prop:value=move || new_label.get() on:input=move |ev| new_label.set(event_target_value(&ev)) />
                <span aria-hidden="true">"="</span>
                <label class="visually-hidden" for=format!("{add_id}-points")>{t("Điểm", "Points")}</label>
                <input id=format!("{add_id}-points") class="level-new-points" type="text" inputmode="decimal" autocomplete="off"
                    placeholder=t("điểm", "points")
                    prop:value=move || new_points.get() on:input=move |ev| new_points.set(event_target_value(&ev)) />
                <button type="button" class="level-add" on:click=add>{t("Thêm mức", "Add level")}</button>
                {field_error(add_err, format!("{add_id}-err"))}
            </div>
        </fieldset>
    }
}
