//! The bloc's ranking: eligible units by rank (tied units grouped), then the units that cannot be
//! ranked with the condition that rules them out, then what the award rules leave to the bloc.

use crate::i18n::texts;
use crate::standings::{Ranking, Row};
use leptos::prelude::*;

#[component]
pub fn RankingTable(ranking: Ranking) -> impl IntoView {
    let t = texts();
    let units = ranking.ranked.len() + ranking.disqualified.len();
    let summary = (t.summary)(
        units,
        ranking.ranked.len(),
        ranking.disqualified.len(),
        ranking.scored_criteria,
    );
    let of = ranking.scored_criteria;
    let incomplete = ranking.incomplete();
    let provisional = (incomplete > 0)
        .then(|| view! { <p class="provisional">{(t.provisional)(incomplete)}</p> });

    // Tied units share a band; the first and last rows of a band close it visually.
    let ranks: Vec<Option<u32>> = ranking.ranked.iter().map(|r| r.rank).collect();
    let ranked = ranking
        .ranked
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let first = i == 0 || ranks.get(i - 1).copied().flatten() != row.rank;
            let last = ranks.get(i + 1).copied().flatten() != row.rank;
            let mut class = String::from("ranked");
            if row.tied {
                class.push_str(" tied");
                if first {
                    class.push_str(" tie-first");
                }
                if last {
                    class.push_str(" tie-last");
                }
            }
            if row.award.is_some() {
                class.push_str(" awarded");
            }
            view! { <RankingRow row=row class=class of=of /> }
        })
        .collect_view();

    let disqualified = (!ranking.disqualified.is_empty()).then(|| {
        let count = ranking.disqualified.len();
        view! {
            <tbody class="disqualified">
                <tr class="group">
                    <th colspan="5" scope="colgroup">{(t.disqualified_group)(count)}</th>
                </tr>
                {ranking
                    .disqualified
                    .into_iter()
                    .map(|row| view! { <RankingRow row=row class="dq".to_string() of=of /> })
                    .collect_view()}
            </tbody>
        }
    });

    let notes = (!ranking.notes.is_empty()).then(|| {
        view! {
            <aside class="notes" aria-labelledby="notes-title">
                <h3 id="notes-title">{t.notes_title}</h3>
                <ul>{ranking.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </aside>
        }
    });

    view! {
        <section class="panel results" aria-labelledby="ranking-title">
            <h2 id="ranking-title">{t.ranking_title}</h2>
            <p class="summary">{summary}</p>
            {provisional}
            <p class="scroll-hint" aria-hidden="true">{t.scroll_hint}</p>
            <div class="table-scroll" role="region" aria-labelledby="ranking-title" tabindex="0">
                <table id="ranking">
                    <thead>
                        <tr>
                            <th scope="col" class="rank">{t.col_rank}</th>
                            <th scope="col" class="unit">{t.col_code}</th>
                            <th scope="col" class="name">{t.col_unit}</th>
                            <th scope="col" class="total">{t.col_total}</th>
                            <th scope="col" class="award">{t.col_award}</th>
                        </tr>
                    </thead>
                    <tbody>{ranked}</tbody>
                    {disqualified}
                </table>
            </div>
            {notes}
        </section>
    }
}

/// One unit. `of` is how many criteria a complete scorecard answers.
#[component]
fn RankingRow(row: Row, class: String, of: usize) -> impl IntoView {
    let t = texts();
    let rank = match row.rank {
        Some(rank) if row.tied => view! {
            <td class="rank">{rank}" "<span class="tie">"(" {t.tied} ")"</span></td>
        }
        .into_any(),
        Some(rank) => view! { <td class="rank">{rank}</td> }.into_any(),
        None => view! { <td class="rank empty"></td> }.into_any(),
    };
    let award = match row.award {
        Some(award) => view! { <td class="award">{award}</td> }.into_any(),
        None => view! { <td class="award empty"></td> }.into_any(),
    };
    let role = row
        .role
        .map(|role| view! { <span class="role">{role}</span> });
    // Why a unit is out: a short badge by its name, the conditions in a row of their own below
    // (full width, so they stay readable on a phone).
    let detail_id = format!("veto-{}", row.unit);
    let disqualified = !row.vetoes.is_empty();
    let badge = disqualified.then(|| {
        view! {
            <span class="badge-dq" aria-describedby=detail_id.clone()>{t.disqualified}</span>
        }
    });
    let detail = disqualified.then(|| {
        let vetoes = row
            .vetoes
            .into_iter()
            .map(|v| {
                let note =
                    (!v.note.is_empty()).then(|| view! { <span class="veto-note">{v.note}</span> });
                view! { <li>{t.veto_reason}": "{v.title}{note}</li> }
            })
            .collect_view();
        view! {
            <tr class="dq-detail" data-detail-for=row.unit.clone()>
                <td colspan="5">
                    <div class="flag veto" id=detail_id>
                        <ul>{vetoes}</ul>
                    </div>
                </td>
            </tr>
        }
    });
    let missing = (row.missing > 0)
        .then(|| view! { <div class="flag incomplete">{(t.incomplete)(row.missing, of)}</div> });
    let data_unit = row.unit.clone();
    let code_inline = row.unit.clone();
    view! {
        <tr class=class data-unit=data_unit>
            {rank}
            <td class="unit">{row.unit}</td>
            <td class="name">
                // Shown instead of the code column on narrow screens.
                <span class="code-inline">{code_inline}</span>
                <span class="unit-name">{row.name}</span>
                {role}
                {badge}
                {missing}
            </td>
            <td class="total">{row.total}</td>
            {award}
        </tr>
        {detail}
    }
}
