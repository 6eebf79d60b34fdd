//! Totals by unit: horizontal bars in rank order, units tied at a rank on a shaded band, bars
//! coloured by the award tier proposed, units that cannot be ranked last with a dashed outline.

use super::{chars_in, clip, n, tick_label, ticks, Frame, FONT, NARROW, WIDE};
use crate::lang::{points, t, tf};
use crate::session::use_session;
use leptos::prelude::*;
use std::collections::HashMap;
use thidua_core::{Campaign, Evaluation, Points};

#[derive(Debug, Clone, PartialEq)]
struct Bar {
    code: String,
    name: String,
    rank: Option<u32>,
    tied: bool,
    total: Points,
    /// Position of the proposed award among the bloc's tiers.
    tier: Option<usize>,
    award: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct Data {
    bars: Vec<Bar>,
    tiers: Vec<String>,
    /// The axis's end: the scorecard's highest possible total (or a higher total).
    max: f64,
}

impl Data {
    fn new(c: &Campaign, e: &Evaluation) -> Data {
        let tiers: Vec<String> = c.awards.value.iter().map(|t| t.name.clone()).collect();
        let mut count: HashMap<u32, usize> = HashMap::new();
        for r in e.standings.iter().filter_map(|s| s.rank) {
            *count.entry(r).or_default() += 1;
        }
        let bars: Vec<Bar> = e
            .standings
            .iter()
            .map(|s| Bar {
                code: s.unit.clone(),
                name: s.name.clone(),
                rank: s.rank,
                tied: s.rank.is_some_and(|r| count.get(&r).copied().unwrap_or(0) > 1),
                total: s.total,
                tier: s.award.as_ref().and_then(|a| tiers.iter().position(|x| x == a)),
                award: s.award.clone(),
            })
            .collect();
        let hi = thidua_core::scorecard::total_bounds(&c.template).1;
        let top = bars.iter().map(|b| b.total).max().unwrap_or(Points::ZERO).max(hi);
        Data { bars, tiers, max: (top.hundredths() as f64 / 100.0).max(1.0) }
    }
}

fn value(p: Points) -> f64 {
    p.hundredths() as f64 / 100.0
}

fn tier_class(tier: Option<usize>) -> String {
    match tier {
        Some(i) => format!("bar tier-{}", i % 5),
        None => "bar tier-none".into(),
    }
}

fn rank_text(b: &Bar) -> String {
    match b.rank {
        Some(r) if b.tied => format!("{r}="),
        Some(r) => r.to_string(),
        None => "—".into(),
    }
}

fn draw(d: &Data, f: Frame) -> impl IntoView {
    let row = if f.narrow { 44.0 } else { 30.0 };
    let bar_h = if f.narrow { 16.0 } else { 18.0 };
    let top = 6.0;
    // Where the bars start: under their label (narrow, clear of the tie band's edge) or after it.
    let (x0, label_room) = if f.narrow { (8.0, f.width) } else { (330.0, 286.0) };
    let span = f.width - x0 - 60.0;
    let scale = |v: f64| (v.max(0.0) / d.max * span).min(span);
    let height = top + row * d.bars.len() as f64 + 26.0;
    let axis_y = top + row * d.bars.len() as f64 + 4.0;

    // Bands behind units tied at a rank: one per run of equal ranks.
    let mut bands = Vec::new();
    let mut i = 0;
    while i < d.bars.len() {
        let run = d.bars[i..].iter().take_while(|b| b.tied && b.rank == d.bars[i].rank).count();
        if run > 1 {
            let y = top + row * i as f64;
            let h = row * run as f64;
            bands.push(view! {
                <g class="tie">
                    <rect class="tie-band" x="0" y=n(y) width=n(f.width) height=n(h) />
                    <rect class="tie-edge" x="0" y=n(y) width="4" height=n(h) />
                </g>
            });
            i += run;
        } else {
            i += 1;
        }
    }
    let grid = ticks(d.max)
        .into_iter()
        .map(|v| {
            let x = x0 + scale(v);
            view! {
                <g class="tick">
                    <line class="grid" x1=n(x) x2=n(x) y1=n(top) y2=n(axis_y) />
                    <text class="tick-label" x=n(x) y=n(axis_y + FONT + 2.0) text-anchor="middle">{tick_label(v)}</text>
                </g>
            }
        })
        .collect_view();
    let bars = d
        .bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = top + row * i as f64;
            let bar_y = if f.narrow { y + 22.0 } else { y + (row - bar_h) / 2.0 };
            let w = scale(value(b.total));
            let class = if b.rank.is_none() { "bar dq".to_string() } else { tier_class(b.tier) };
            // A unit that cannot be ranked says so after its name (cut first, so the note stays).
            let out = if b.rank.is_none() { t(" (không xét)", " (not ranked)") } else { "" };
            let label = if f.narrow {
                let text = format!("{} {}", rank_text(b), b.name);
                let room = chars_in(label_room - 8.0).saturating_sub(out.chars().count());
                view! { <text class="name" x="8" y=n(y + 15.0)>{clip(&text, room)}{out}</text> }.into_any()
            } else {
                let room = chars_in(label_room).saturating_sub(out.chars().count());
                view! {
                    <text class="rank" x="36" y=n(bar_y + bar_h - 4.0) text-anchor="end">{rank_text(b)}</text>
                    <text class="name" x="44" y=n(bar_y + bar_h - 4.0)>{clip(&b.name, room)}{out}</text>
                }
                .into_any()
            };
            let shown = points(b.total);
            let tip = format!("{} — {} {}", b.name, points(b.total), t("điểm", "points"));
            view! {
                <g class="row" data-unit=b.code.clone()>
                    <title>{tip}</title>
                    {label}
                    <rect class=class x=n(x0) y=n(bar_y) width=n(w.max(1.0)) height=n(bar_h) />
                    <text class="value" x=n(x0 + w + 6.0) y=n(bar_y + bar_h - 4.0)>{shown}</text>
                </g>
            }
        })
        .collect_view();
    let id = format!("chart-totals-{}", f.suffix());
    let summary = summary(d);
    view! {
        <svg class=f.class() viewBox=format!("0 0 {} {}", n(f.width), n(height)) role="img"
            aria-labelledby=format!("{id}-t {id}-d") preserveAspectRatio="xMinYMin meet">
            <title id=format!("{id}-t")>{t("Tổng điểm theo đơn vị", "Totals by unit")}</title>
            <desc id=format!("{id}-d")>{summary}</desc>
            {bands}
            {grid}
            {bars}
        </svg>
    }
}

fn summary(d: &Data) -> String {
    let parts: Vec<String> = d
        .bars
        .iter()
        .map(|b| {
            let rank = b.rank.map(|r| tf(format!("hạng {r}"), format!("rank {r}"))).unwrap_or_else(|| t("không xét", "not ranked").to_string());
            let award = b.award.as_ref().map(|a| format!(", {a}")).unwrap_or_default();
            format!("{}: {} ({rank}{award})", b.name, points(b.total))
        })
        .collect();
    parts.join("; ")
}

#[component]
pub fn TotalsChart(eval: Memo<Evaluation>) -> impl IntoView {
    let s = use_session();
    let data = Memo::new(move |_| s.campaign.with(|c| eval.with(|e| Data::new(c, e))));
    let drawings = move || data.with(|d| view! { {draw(d, WIDE)} {draw(d, NARROW)} });
    let legend = move || {
        data.with(|d| {
            let used = |i: usize| d.bars.iter().any(|b| b.tier == Some(i));
            let tiers = d
                .tiers
                .iter()
                .enumerate()
                .filter(|(i, _)| used(*i))
                .map(|(i, name)| view! { <li><span class=format!("swatch tier-{}", i % 5)></span>{name.clone()}</li> })
                .collect_view();
            let ties = d.bars.iter().any(|b| b.tied).then(|| view! { <li><span class="swatch tie"></span>{t("Đồng hạng", "Tied")}</li> });
            let dq = d.bars.iter().any(|b| b.rank.is_none()).then(|| view! { <li><span class="swatch dq"></span>{t("Không xét thi đua", "Not ranked (disqualified)")}</li> });
            view! {
                {tiers}
                <li><span class="swatch tier-none"></span>{t("Chưa được đề nghị khen thưởng", "No award proposed")}</li>
                {ties}
                {dq}
            }
        })
    };
    let table = move || {
        data.with(|d| {
            d.bars
                .iter()
                .map(|b| {
                    view! {
                        <tr>
                            <td>{b.rank.map(|r| r.to_string()).unwrap_or_default()}</td>
                            <th scope="row">{b.name.clone()}</th>
                            <td>{points(b.total)}</td>
                            <td>{b.award.clone().unwrap_or_default()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="panel chart-panel" aria-labelledby="chart-totals-title">
            <h2 id="chart-totals-title">{t("Biểu đồ tổng điểm", "Totals chart")}</h2>
            <p class="intro">{t(
                "Tổng điểm của từng đơn vị theo thứ tự xếp hạng; màu cột theo hình thức khen thưởng được đề nghị, các đơn vị đồng hạng nằm trên cùng một dải.",
                "Each unit's total in rank order; bars coloured by the proposed award, tied units on one band.",
            )}</p>
            <figure class="chart" id="chart-totals">
                {drawings}
                <figcaption>
                    <ul class="chart-legend">{legend}</ul>
                </figcaption>
                <div class="visually-hidden">
                    <table>
                        <caption>{t("Tổng điểm theo đơn vị", "Totals by unit")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t("Hạng", "Rank")}</th>
                                <th scope="col">{t("Đơn vị", "Unit")}</th>
                                <th scope="col">{t("Tổng điểm", "Total")}</th>
                                <th scope="col">{t("Đề nghị khen thưởng", "Proposed award")}</th>
                            </tr>
                        </thead>
                        <tbody>{table}</tbody>
                    </table>
                </div>
            </figure>
        </section>
    }
}
