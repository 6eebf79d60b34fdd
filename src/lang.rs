//! The interface's language (Vietnamese first, English second) and how numbers and dates are shown.
//!
//! Texts are written where they are used, as a Vietnamese/English pair passed to [`t`]. Switching
//! language re-renders the page (see `shell.rs`), so `t` reads the language without tracking it.

use leptos::prelude::*;
use thidua_core::{Msg, Points};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// The language signal, provided once by the app.
#[derive(Clone, Copy)]
pub struct LangCtx(pub RwSignal<Lang>);

pub fn lang() -> Lang {
    use_context::<LangCtx>().map(|l| l.0.get_untracked()).unwrap_or_default()
}

/// The text in the interface's language.
pub fn t(vi: &'static str, en: &'static str) -> &'static str {
    match lang() {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// An owned pair, for texts built with `format!`.
pub fn tf(vi: String, en: String) -> String {
    match lang() {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A bilingual message from the core.
pub fn msg(m: &Msg) -> String {
    match lang() {
        Lang::Vi => m.vi.clone(),
        Lang::En => m.en.clone(),
    }
}

/// `8,5` in Vietnamese, `8.5` in English; never trailing zeros.
pub fn points(p: Points) -> String {
    match lang() {
        Lang::Vi => p.to_vi(),
        Lang::En => p.to_vi().replace(',', "."),
    }
}

/// Today as dd/mm/yyyy, from the browser's clock.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}/{:02}/{}", d.get_date(), d.get_month() + 1, d.get_full_year())
}

/// Milliseconds since the epoch, for merge stamps.
pub fn now_ms() -> u64 {
    let ms = js_sys::Date::now();
    if ms.is_finite() && ms > 0.0 {
        ms as u64
    } else {
        0
    }
}
