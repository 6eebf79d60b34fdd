//! Charts drawn as SVG with Leptos' own elements (no chart library): totals by unit, one unit's
//! sections, and self vs reviewed differences.
//!
//! SVG text scales with its viewBox, so one drawing cannot be legible both on a phone and on a
//! desktop. Each chart is therefore drawn twice from the same data — wide (labels beside the bars)
//! and narrow (labels above them) — and `style/charts.css` shows the one that fits. Every chart is
//! a `role="img"` with a title and a description, and its figures are also in a visually hidden
//! table for screen readers.

mod diff;
mod sections;
mod totals;

pub use diff::DiffChart;
pub use sections::SectionsChart;
pub use totals::TotalsChart;

use thidua_core::scorecard::{score_unit, UnitScore};
use thidua_core::{Campaign, Field};

/// A unit's scorecard scored on its own answers only, as if nothing had been reviewed.
pub(crate) fn self_only_score(c: &Campaign, unit: &str) -> UnitScore {
    let own = c.inputs.get(unit).map(|m| {
        let mut m = m.clone();
        for e in m.values_mut() {
            e.review = Field::default();
        }
        m
    });
    score_unit(&c.template, own.as_ref())
}

/// One of a chart's two drawings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    /// The viewBox's width; its text is `FONT` units high.
    pub width: f64,
    /// Labels above the bars instead of beside them.
    pub narrow: bool,
}

pub(crate) const WIDE: Frame = Frame { width: 760.0, narrow: false };
pub(crate) const NARROW: Frame = Frame { width: 300.0, narrow: true };

/// Text size in viewBox units (see `charts.css` for how wide each drawing is shown).
pub(crate) const FONT: f64 = 13.0;

impl Frame {
    pub fn class(self) -> &'static str {
        if self.narrow {
            "chart-svg chart-narrow"
        } else {
            "chart-svg chart-wide"
        }
    }

    pub fn suffix(self) -> &'static str {
        if self.narrow {
            "n"
        } else {
            "w"
        }
    }
}

/// How many characters of 13-unit text fit in `room` units (a generous average glyph width, so
/// that Vietnamese names never run into the bars).
pub(crate) fn chars_in(room: f64) -> usize {
    (room / (FONT * 0.56)).floor().max(4.0) as usize
}

/// The text cut to `max` characters with an ellipsis.
pub(crate) fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}

/// A coordinate as SVG wants it.
pub(crate) fn n(x: f64) -> String {
    format!("{:.1}", x)
}

/// Round steps for an axis from 0 to `max` (points): 1, 2, 5, 10, 20, 25, 50… about five of them.
pub(crate) fn ticks(max: f64) -> Vec<f64> {
    if max <= 0.0 {
        return vec![0.0];
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    let mut out = Vec::new();
    let mut v = 0.0;
    while v <= max + 1e-9 {
        out.push(v);
        v += step;
    }
    out
}

/// A tick's label the Vietnamese way (`2,5`).
pub(crate) fn tick_label(v: f64) -> String {
    let p = thidua_core::Points::from_hundredths((v * 100.0).round() as i64);
    crate::lang::points(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(105.0), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(ticks(60.0), vec![0.0, 20.0, 40.0, 60.0]);
        assert_eq!(ticks(5.0), vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(ticks(0.0), vec![0.0]);
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(clip("Sở Ngoại vụ", 20), "Sở Ngoại vụ");
        assert_eq!(clip("Văn phòng Đoàn Đại biểu Quốc hội tỉnh", 12), "Văn phòng Đ…");
        assert!(chars_in(290.0) >= 37, "the sample's longest name fits the wide drawing");
    }
}
