//! Self vs reviewed: for each unit, how far the bloc's review moved its total from the unit's own
//! score — bars diverging from zero, lower to the left in red, higher to the right in blue.

use super::{chars_in, clip, n, self_only_score, Frame, FONT, NARROW, WIDE};
use crate::lang::{points, t, tf};
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::scorecard::score_unit;
use thidua_core::{Campaign, Points};

#[derive(Debug, Clone, PartialEq)]
struct Row {
    code: String,
    name: String,
    own: Points,
    reviewed: Points,
}

impl Row {
    fn diff(&self) -> Points {
        self.reviewed - self.own
    }
}

fn rows(c: &Campaign) -> Vec<Row> {
    c.active_units()
        .map(|u| Row {
            code: u.code.clone(),
            name: u.info.name.clone(),
            own: self_only_score(c, &u.code).total,
            reviewed: score_unit(&c.template, c.inputs.get(&u.code)).total,
        })
        .collect()
}

/// `+1,5`, `−0,3`, `0`.
fn signed(p: Points) -> String {
    if p.is_negative() {
        format!("−{}", points(-p))
    } else if p == Points::ZERO {
        "0".into()
    } else {
        format!("+{}", points(p))
    }
}

fn draw(d: &[Row], f: Frame) -> impl IntoView {
    let row = if f.narrow { 42.0 } else { 28.0 };
    let bar_h = if f.narrow { 14.0 } else { 16.0 };
    let top = 4.0;
    // Wide: names on the left, the bars' zero in the middle of what is left.
    let (left, label_room) = if f.narrow { (0.0, f.width) } else { (320.0, 300.0) };
    let half = (f.width - left) / 2.0 - 52.0;
    let zero = left + (f.width - left) / 2.0;
    let biggest = d.iter().map(|r| r.diff().hundredths().abs()).max().unwrap_or(0).max(100) as f64;
    let len = |p: Points| p.hundredths() as f64 / biggest * half;
    let axis_y = top + row * d.len() as f64;
    let height = axis_y + 24.0;
    let bars = d
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = top + row * i as f64;
            let bar_y = if f.narrow { y + 20.0 } else { y + (row - bar_h) / 2.0 };
            let dx = len(r.diff());
            let (x, w, class) = if dx < 0.0 { (zero + dx, -dx, "bar lower") } else { (zero, dx, "bar higher") };
            let (vx, anchor) = if dx < 0.0 { (zero + dx - 6.0, "end") } else { (zero + dx + 6.0, "start") };
            let label = if f.narrow {
                view! { <text class="name" x="0" y=n(y + FONT + 1.0)>{clip(&r.name, chars_in(label_room))}</text> }.into_any()
            } else {
                view! { <text class="name" x="0" y=n(bar_y + bar_h - 3.0)>{clip(&r.name, chars_in(label_room))}</text> }.into_any()
            };
            let tip = tf(
                format!("{}: tự chấm {}, sau thẩm định {} ({})", r.name, points(r.own), points(r.reviewed), signed(r.diff())),
                format!("{}: own {}, after review {} ({})", r.name, points(r.own), points(r.reviewed), signed(r.diff())),
            );
            let bar = (r.diff() != Points::ZERO).then(|| view! { <rect class=class x=n(x) y=n(bar_y) width=n(w.max(1.5)) height=n(bar_h) /> });
            // Narrow: the zero line only beside the bar, so that it never crosses a name.
            let axis = f.narrow.then(|| view! { <line class="zero-axis" x1=n(zero) x2=n(zero) y1=n(bar_y - 3.0) y2=n(bar_y + bar_h + 3.0) /> });
            view! {
                <g class="row" data-unit=r.code.clone()>
                    <title>{tip}</title>
                    {label}
                    {axis}
                    {bar}
                    <text class="value" class:zero=r.diff() == Points::ZERO x=n(vx) y=n(bar_y + bar_h - 3.0) text-anchor=anchor>{signed(r.diff())}</text>
                </g>
            }
        })
        .collect_view();
    let id = format!("chart-diff-{}", f.suffix());
    let changed: Vec<String> = d.iter().filter(|r| r.diff() != Points::ZERO).map(|r| format!("{} {}", r.name, signed(r.diff()))).collect();
    let summary = if changed.is_empty() {
        t("Không đơn vị nào bị chấm lại.", "No unit's total was changed by the review.").to_string()
    } else {
        changed.join("; ")
    };
    view! {
        <svg class=f.class() viewBox=format!("0 0 {} {}", n(f.width), n(height)) role="img"
            aria-labelledby=format!("{id}-t {id}-d") preserveAspectRatio="xMinYMin meet">
            <title id=format!("{id}-t")>{t("Chênh lệch điểm sau thẩm định so với điểm tự chấm", "Reviewed minus own score")}</title>
            <desc id=format!("{id}-d")>{summary}</desc>
            {(!f.narrow).then(|| view! { <line class="zero-axis" x1=n(zero) x2=n(zero) y1=n(top - 2.0) y2=n(axis_y + 2.0) /> })}
            {bars}
            <text class="axis-note" x=n(zero - 8.0) y=n(axis_y + 18.0) text-anchor="end">{t("← Khối chấm thấp hơn", "← reviewed lower")}</text>
            <text class="axis-note" x=n(zero + 8.0) y=n(axis_y + 18.0)>{t("cao hơn →", "higher →")}</text>
        </svg>
    }
}

/// On the evaluation tab: every unit's reviewed total against its own.
#[component]
pub fn DiffChart() -> impl IntoView {
    let s = use_session();
    let data = Memo::new(move |_| s.campaign.with(rows));
    let changed = move || data.with(|d| d.iter().filter(|r| r.diff() != Points::ZERO).count());
    let body = move || data.with(|d| view! { {draw(d, WIDE)} {draw(d, NARROW)} });
    let table = move || {
        data.with(|d| {
            d.iter()
                .map(|r| {
                    view! {
                        <tr>
                            <th scope="row">{r.name.clone()}</th>
                            <td>{points(r.own)}</td>
                            <td>{points(r.reviewed)}</td>
                            <td>{signed(r.diff())}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="panel chart-panel" aria-labelledby="chart-diff-title">
            <h2 id="chart-diff-title">{t("Chênh lệch giữa điểm tự chấm và điểm Khối chấm", "Own score vs reviewed score")}</h2>
            <p class="intro">{move || match changed() {
                0 => t("Chưa đơn vị nào bị Khối chấm lại làm thay đổi tổng điểm.", "The review has not changed any unit's total yet.").to_string(),
                k => tf(
                    format!("{k} đơn vị có tổng điểm thay đổi sau thẩm định. Cột sang trái: Khối chấm thấp hơn điểm tự chấm; sang phải: cao hơn."),
                    format!("{k} units' totals changed on review. Bars to the left: reviewed lower than the unit's own score; to the right: higher."),
                ),
            }}</p>
            <figure class="chart" id="chart-diff">
                {body}
                <figcaption>
                    <ul class="chart-legend">
                        <li><span class="swatch lower"></span>{t("Khối chấm thấp hơn", "Reviewed lower")}</li>
                        <li><span class="swatch higher"></span>{t("Khối chấm cao hơn", "Reviewed higher")}</li>
                    </ul>
                </figcaption>
                <div class="visually-hidden">
                    <table>
                        <caption>{t("Điểm tự chấm và điểm sau thẩm định", "Own and reviewed totals")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t("Đơn vị", "Unit")}</th>
                                <th scope="col">{t("Tự chấm", "Own")}</th>
                                <th scope="col">{t("Sau thẩm định", "After review")}</th>
                                <th scope="col">{t("Chênh lệch", "Difference")}</th>
                            </tr>
                        </thead>
                        <tbody>{table}</tbody>
                    </table>
                </div>
            </figure>
        </section>
    }
}
