//! One unit's section breakdown: per section, the points that count against the section's maximum
//! (bonus sections in gold, deductions in red), with a mark at the unit's own score where the
//! bloc's review changed it.

use super::{chars_in, clip, n, self_only_score, Frame, FONT, NARROW, WIDE};
use crate::lang::{points, t, tf};
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::scorecard::score_unit;
use thidua_core::{Campaign, CriterionKind, Points, SectionKind};

#[derive(Debug, Clone, PartialEq)]
struct Row {
    code: String,
    title: String,
    kind: SectionKind,
    max: Points,
    score: Points,
    /// The unit's own score, when the review changed it.
    own: Option<Points>,
}

#[derive(Debug, Clone, PartialEq)]
struct Data {
    name: String,
    rows: Vec<Row>,
}

impl Data {
    fn new(c: &Campaign, unit: &str) -> Data {
        let eff = score_unit(&c.template, c.inputs.get(unit));
        let own = self_only_score(c, unit);
        let rows = c
            .template
            .sections
            .iter()
            .enumerate()
            // A section of disqualifying conditions has no points to draw.
            .filter(|(_, s)| s.max > Points::ZERO && !s.criteria.iter().all(|x| x.kind == CriterionKind::Veto))
            .map(|(i, s)| {
                let score = eff.sections.get(i).map(|x| x.total).unwrap_or(Points::ZERO);
                let mine = own.sections.get(i).map(|x| x.total).unwrap_or(Points::ZERO);
                Row { code: s.code.clone(), title: s.title.clone(), kind: s.kind, max: s.max, score, own: (mine != score).then_some(mine) }
            })
            .collect();
        let name = c.unit(unit).map(|u| u.info.name.clone()).unwrap_or_else(|| unit.to_string());
        Data { name, rows }
    }
}

fn ratio(p: Points, max: Points) -> f64 {
    if max.hundredths() <= 0 {
        return 0.0;
    }
    (p.hundredths() as f64 / max.hundredths() as f64).clamp(0.0, 1.0)
}

fn kind_class(k: SectionKind) -> &'static str {
    match k {
        SectionKind::Section => "bar sec-main",
        SectionKind::Bonus => "bar sec-bonus",
        SectionKind::Penalty => "bar sec-penalty",
    }
}

fn value_text(r: &Row) -> String {
    let sign = if r.kind == SectionKind::Penalty && r.score > Points::ZERO { "−" } else { "" };
    format!("{sign}{}/{}", points(r.score), points(r.max))
}

fn draw(d: &Data, f: Frame) -> impl IntoView {
    let row = 44.0;
    let bar_h = 14.0;
    let top = 4.0;
    let span = f.width - 96.0;
    let height = top + row * d.rows.len() as f64 + 4.0;
    let rows = d
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = top + row * i as f64;
            let bar_y = y + 20.0;
            let w = span * ratio(r.score, r.max);
            let label = clip(&format!("{}. {}", r.code, r.title), chars_in(f.width));
            let mark = r.own.map(|own| {
                let x = span * ratio(own, r.max);
                view! { <line class="self-mark" x1=n(x) x2=n(x) y1=n(bar_y - 4.0) y2=n(bar_y + bar_h + 4.0) /> }
            });
            let tip = format!("{}. {} — {}", r.code, r.title, value_text(r));
            view! {
                <g class="row" data-section=r.code.clone()>
                    <title>{tip}</title>
                    <text class="name" x="0" y=n(y + FONT + 1.0)>{label}</text>
                    <rect class="track" x="0" y=n(bar_y) width=n(span) height=n(bar_h) />
                    <rect class=kind_class(r.kind) x="0" y=n(bar_y) width=n(w) height=n(bar_h) />
                    {mark}
                    <text class="value" x=n(span + 8.0) y=n(bar_y + bar_h - 2.0)>{value_text(r)}</text>
                </g>
            }
        })
        .collect_view();
    let id = format!("chart-sections-{}", f.suffix());
    let summary = d.rows.iter().map(|r| format!("{}: {}", r.code, value_text(r))).collect::<Vec<_>>().join("; ");
    view! {
        <svg class=f.class() viewBox=format!("0 0 {} {}", n(f.width), n(height)) role="img"
            aria-labelledby=format!("{id}-t {id}-d") preserveAspectRatio="xMinYMin meet">
            <title id=format!("{id}-t")>{tf(format!("Điểm theo phần — {}", d.name), format!("Points by section — {}", d.name))}</title>
            <desc id=format!("{id}-d")>{summary}</desc>
            {rows}
        </svg>
    }
}

/// The breakdown of the unit shown on the self-assessment tab or opened on the review tab.
#[component]
pub fn SectionsChart(unit: String) -> impl IntoView {
    let s = use_session();
    let unit = StoredValue::new(unit);
    let data = Memo::new(move |_| s.campaign.with(|c| Data::new(c, &unit.get_value())));
    let body = move || {
        data.with(|d| {
            if d.rows.is_empty() {
                return view! { <p class="muted">{t("Bảng chấm điểm chưa có phần nào có điểm.", "The scorecard has no scored section yet.")}</p> }.into_any();
            }
            view! { {draw(d, WIDE)} {draw(d, NARROW)} }.into_any()
        })
    };
    let reviewed = move || data.with(|d| d.rows.iter().any(|r| r.own.is_some()));
    let table = move || {
        data.with(|d| {
            d.rows
                .iter()
                .map(|r| {
                    view! {
                        <tr>
                            <th scope="row">{format!("{}. {}", r.code, r.title)}</th>
                            <td>{value_text(r)}</td>
                            <td>{r.own.map(points).unwrap_or_default()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="panel chart-panel" aria-labelledby="chart-sections-title">
            <h2 id="chart-sections-title">{move || data.with(|d| tf(format!("Điểm theo từng phần — {}", d.name), format!("Points by section — {}", d.name)))}</h2>
            <figure class="chart chart-sections" id="chart-sections">
                {body}
                <figcaption>
                    <ul class="chart-legend">
                        <li><span class="swatch sec-main"></span>{t("Điểm đạt được", "Points earned")}</li>
                        <li><span class="swatch track"></span>{t("Điểm tối đa của phần", "Section maximum")}</li>
                        <li><span class="swatch sec-bonus"></span>{t("Điểm thưởng", "Bonus")}</li>
                        <li><span class="swatch sec-penalty"></span>{t("Điểm trừ", "Deductions")}</li>
                        {move || reviewed().then(|| view! { <li><span class="swatch self-mark"></span>{t("Điểm tự chấm (trước thẩm định)", "Own score (before review)")}</li> })}
                    </ul>
                </figcaption>
                <div class="visually-hidden">
                    <table>
                        <caption>{t("Điểm theo từng phần", "Points by section")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t("Phần", "Section")}</th>
                                <th scope="col">{t("Điểm / tối đa", "Points / maximum")}</th>
                                <th scope="col">{t("Điểm tự chấm, nếu khác", "Own score, if different")}</th>
                            </tr>
                        </thead>
                        <tbody>{table}</tbody>
                    </table>
                </div>
            </figure>
        </section>
    }
}
