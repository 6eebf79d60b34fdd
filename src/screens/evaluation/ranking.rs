//! The ranking as the core computes it, the disqualified units with the conditions that rule them
//! out, the notes the award rules leave to the bloc, and the proposals per award tier.

use super::Ctx;
use crate::lang::{msg, points, t, tf};
use crate::session::use_session;
use leptos::prelude::*;
use std::collections::HashMap;
use thidua_core::{AwardTier, Standing};

/// How many eligible units hold each rank (more than one: tied).
fn rank_counts(standings: &[Standing]) -> HashMap<u32, usize> {
    let mut n = HashMap::new();
    for r in standings.iter().filter_map(|s| s.rank) {
        *n.entry(r).or_insert(0) += 1;
    }
    n
}

#[component]
pub fn RankingTable(ctx: Ctx) -> impl IntoView {
    let s = use_session();
    let scored = move || {
        s.campaign.with(|c| c.template.criteria().filter(|(_, x)| x.kind != thidua_core::CriterionKind::Veto).count())
    };
    let rows = move || {
        let of = scored();
        ctx.eval.with(|e| {
            let counts = rank_counts(&e.standings);
            let ranked: Vec<&Standing> = e.standings.iter().filter(|s| s.rank.is_some()).collect();
            if ranked.is_empty() {
                return view! {
                    <tr><td colspan="5" class="empty-row">{t("Chưa có đơn vị nào được xếp hạng.", "No unit is ranked yet.")}</td></tr>
                }
                .into_any();
            }
            let ranks: Vec<Option<u32>> = ranked.iter().map(|s| s.rank).collect();
            ranked
                .iter()
                .enumerate()
                .map(|(i, st)| {
                    let rank = st.rank.unwrap_or(0);
                    let tied = counts.get(&rank).copied().unwrap_or(0) > 1;
                    let first = i == 0 || ranks[i - 1] != st.rank;
                    let last = ranks.get(i + 1).copied().flatten() != st.rank;
                    let missing = st.score.missing.len();
                    let rank_cell = if tied {
                        view! { <td class="rank">{rank}" "<span class="tie">{t("(đồng hạng)", "(tied)")}</span></td> }.into_any()
                    } else {
                        view! { <td class="rank">{rank}</td> }.into_any()
                    };
                    let award = st.award.clone();
                    let flag = (missing > 0).then(|| {
                        view! {
                            <tr class="row-detail">
                                <td colspan="5">
                                    <div class="flag incomplete">{tf(
                                        format!("Bảng điểm chưa đủ: còn {missing}/{of} tiêu chí chưa có điểm — hạng tạm thời, chưa được đề nghị khen thưởng."),
                                        format!("Incomplete scorecard: {missing} of {of} criteria unanswered — provisional rank, not proposed for awards."),
                                    )}</div>
                                </td>
                            </tr>
                        }
                    });
                    view! {
                        <tr
                            data-unit=st.unit.clone()
                            data-rank=rank.to_string()
                            data-total=st.total.to_fixed2()
                            class="ranked"
                            class:tied=tied
                            class:tie-first={tied && first}
                            class:tie-last={tied && last}
                            class:awarded=award.is_some()
                            class:incomplete={missing > 0}
                        >
                            {rank_cell}
                            <td class="unit">{st.unit.clone()}</td>
                            <td class="name">{st.name.clone()}</td>
                            <td class="total">{points(st.total)}</td>
                            <td class="award" class:empty=award.is_none()>{award.clone().unwrap_or_default()}</td>
                        </tr>
                        {flag}
                    }
                    .into_any()
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <p class="scroll-hint" aria-hidden="true">{t("Vuốt ngang bảng để xem hình thức khen thưởng.", "Swipe the table sideways to see the awards.")}</p>
        <div class="table-scroll" role="region" aria-labelledby="ranking-title" tabindex="0">
            <table id="ranking">
                <thead>
                    <tr>
                        <th scope="col" class="rank">{t("Hạng", "Rank")}</th>
                        <th scope="col" class="unit">{t("Mã", "Code")}</th>
                        <th scope="col" class="name">{t("Đơn vị", "Unit")}</th>
                        <th scope="col" class="total">{t("Tổng điểm", "Total")}</th>
                        <th scope="col" class="award">{t("Đề nghị khen thưởng", "Proposed award")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn Disqualified(ctx: Ctx) -> impl IntoView {
    let s = use_session();
    let rows = move || {
        s.campaign.with(|c| {
            ctx.eval.with(|e| {
                e.standings
                    .iter()
                    .filter(|st| st.rank.is_none())
                    .map(|st| {
                        let reasons = st
                            .score
                            .vetoes
                            .iter()
                            .map(|id| {
                                let title = c
                                    .template
                                    .criteria()
                                    .find(|(_, x)| x.id == *id)
                                    .map(|(_, x)| format!("{}. {}", x.code, x.title))
                                    .unwrap_or_else(|| id.clone());
                                // The leader's reason when the veto was set on review, else the unit's note.
                                let note = c
                                    .entry(&st.unit, id)
                                    .map(|en| {
                                        let r = en.review_reason.value.trim();
                                        if r.is_empty() { en.note.value.trim().to_string() } else { r.to_string() }
                                    })
                                    .unwrap_or_default();
                                let note = (!note.is_empty()).then(|| view! { <span class="veto-note">{note}</span> });
                                view! { <li>{title}{note}</li> }
                            })
                            .collect_view();
                        view! {
                            <tr data-unit=st.unit.clone() data-total=st.total.to_fixed2()>
                                <td class="unit">{st.unit.clone()}</td>
                                <td class="name">{st.name.clone()}</td>
                                <td class="total num" data-label=t("Tổng điểm", "Total")>{points(st.total)}</td>
                                <td class="reason"><ul>{reasons}</ul></td>
                            </tr>
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    move || {
        let rows = rows();
        (!rows.is_empty()).then(|| {
            let n = rows.len();
            view! {
                <div class="disqualified-box" aria-labelledby="disqualified-title">
                    <h3 id="disqualified-title">{tf(
                        format!("Không xét thi đua ({n} đơn vị)"),
                        if n == 1 { "Not eligible (1 unit)".to_string() } else { format!("Not eligible ({n} units)") },
                    )}</h3>
                    <p class="muted">{t(
                        "Các đơn vị này vi phạm tiêu chí loại trừ nên không được xếp hạng và không được đề nghị khen thưởng, dù tổng điểm cao.",
                        "These units meet a disqualifying condition: they are neither ranked nor proposed for awards, whatever their total.",
                    )}</p>
                    <div class="table-wrap">
                        <table id="disqualified" class="data">
                            <thead>
                                <tr>
                                    <th scope="col">{t("Mã", "Code")}</th>
                                    <th scope="col">{t("Đơn vị", "Unit")}</th>
                                    <th scope="col" class="num">{t("Tổng điểm", "Total")}</th>
                                    <th scope="col">{t("Lý do", "Reason")}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </div>
            }
        })
    }
}

#[component]
pub fn AwardNotes(ctx: Ctx) -> impl IntoView {
    let items = move || ctx.eval.with(|e| e.notes.iter().map(|n| msg(&n.msg)).collect::<Vec<_>>());
    view! {
        <aside class="notes" id="award-notes" aria-labelledby="award-notes-title" class:none=move || items().is_empty()>
            <h3 id="award-notes-title">{t("Lưu ý về khen thưởng", "Notes on the awards")}</h3>
            {move || {
                let items = items();
                if items.is_empty() {
                    view! { <p class="muted">{t("Không có vấn đề nào cần Khối quyết định thêm.", "Nothing left for the bloc to decide.")}</p> }.into_any()
                } else {
                    view! { <ul>{items.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
        </aside>
    }
}

/// `Hạng 1`, `Hạng 1–3`, then the tier's conditions.
pub fn tier_rule(tier: &AwardTier) -> String {
    let mut parts = vec![if tier.rank_from == tier.rank_to {
        tf(format!("Hạng {}", tier.rank_from), format!("Rank {}", tier.rank_from))
    } else {
        tf(format!("Hạng {}–{}", tier.rank_from, tier.rank_to), format!("Ranks {}–{}", tier.rank_from, tier.rank_to))
    }];
    if let Some(m) = tier.min_total {
        parts.push(tf(format!("từ {} điểm", points(m)), format!("at least {} pts", points(m))));
    }
    if let Some(m) = tier.min_vote_share {
        parts.push(tf(format!("phiếu đồng ý từ {}%", points(m)), format!("approval at least {}%", points(m))));
    }
    if let Some(m) = tier.max_count {
        parts.push(tf(format!("tối đa {m} đơn vị"), format!("at most {m} units")));
    }
    parts.join(" · ")
}

#[component]
pub fn Proposals(ctx: Ctx) -> impl IntoView {
    let s = use_session();
    let rows = move || {
        s.campaign.with(|c| {
            ctx.eval.with(|e| {
                c.awards
                    .value
                    .iter()
                    .enumerate()
                    .map(|(i, tier)| {
                        let units: Vec<String> = e
                            .standings
                            .iter()
                            .filter(|st| st.award.as_deref() == Some(tier.name.as_str()))
                            .map(|st| format!("{} ({})", st.name, st.unit))
                            .collect();
                        let n = units.len();
                        let list = if units.is_empty() {
                            view! { <span class="muted">{t("Chưa có đơn vị", "No unit")}</span> }.into_any()
                        } else {
                            view! { <ul>{units.into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}</ul> }.into_any()
                        };
                        view! {
                            <tr data-tier=i.to_string()>
                                <th scope="row" class="proposal-tier">{tier.name.clone()}<span class="hint">{tier_rule(tier)}</span></th>
                                <td class="proposal-count num" data-label=t("Số đơn vị", "Units")>{n}</td>
                                <td class="proposal-units">{list}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="panel" id="proposals" aria-labelledby="proposals-title">
            <h2 id="proposals-title">{t("Đề nghị khen thưởng", "Award proposals")}</h2>
            <p class="intro">{t(
                "Theo hạng và các điều kiện của từng hình thức khen thưởng (sửa ở mục «Hình thức khen thưởng» bên dưới).",
                "By rank and each award's conditions (edit them under «Award tiers» below).",
            )}</p>
            <div class="table-wrap">
                <table class="data proposals">
                    <thead>
                        <tr>
                            <th scope="col">{t("Hình thức khen thưởng", "Award")}</th>
                            <th scope="col" class="num">{t("Số đơn vị", "Units")}</th>
                            <th scope="col">{t("Đơn vị được đề nghị", "Units proposed")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
