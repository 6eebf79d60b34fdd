//! The secret-ballot tallies per unit (bỏ phiếu kín), entered by the leader after the conference.
//! They matter only for award tiers with a minimum share of approval.

use super::Ctx;
use crate::lang::{lang, t, tf, Lang};
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::edit::Edit;
use thidua_core::{Points, VoteTally};

/// `66,67%`: two decimals, the interface's separator.
fn share_text(p: Points) -> String {
    let s = p.to_fixed2();
    let s = if lang() == Lang::Vi { s.replace('.', ",") } else { s };
    format!("{s}%")
}

fn count(text: &str, vi: &str, en: &str) -> Result<u32, String> {
    text.trim().parse::<u32>().map_err(|_| {
        tf(
            format!("«{vi}» phải là số nguyên không âm (đang là «{}»).", text.trim()),
            format!("«{en}» must be a whole number (is «{}»).", text.trim()),
        )
    })
}

/// Both empty: no ballot (clears the tally). Otherwise both whole, approvals ≤ ballots ≤ members.
fn check(ballots: &str, approvals: &str, members: u32) -> Result<Option<VoteTally>, String> {
    if ballots.trim().is_empty() && approvals.trim().is_empty() {
        return Ok(None);
    }
    let b = count(ballots, "Số phiếu", "Ballots")?;
    let a = count(approvals, "Đồng ý", "Approvals")?;
    if a > b {
        return Err(tf(
            format!("Số phiếu đồng ý ({a}) không được lớn hơn số phiếu ({b})."),
            format!("Approvals ({a}) cannot exceed ballots ({b})."),
        ));
    }
    if b > members {
        return Err(tf(
            format!("Số phiếu ({b}) không được lớn hơn số đơn vị của Khối ({members})."),
            format!("Ballots ({b}) cannot exceed the bloc's members ({members})."),
        ));
    }
    Ok(Some(VoteTally { ballots: b, approvals: a }))
}

#[component]
pub fn VotesTable(ctx: Ctx) -> impl IntoView {
    let s = use_session();
    let units = Memo::new(move |_| {
        s.campaign.with(|c| c.active_units().map(|u| (u.code.clone(), u.info.name.clone())).collect::<Vec<_>>())
    });
    let members = Memo::new(move |_| s.campaign.with(|c| c.active_units().count() as u32));
    let uses_votes = move || s.campaign.with(|c| c.awards.value.iter().any(|x| x.min_vote_share.is_some()));
    view! {
        <section class="panel" aria-labelledby="votes-title">
            <h2 id="votes-title">{t("Kết quả bỏ phiếu kín", "Secret ballot")}</h2>
            <p class="intro">{move || if ctx.editable.get() {
                tf(
                    format!("Nhập số phiếu phát ra và số phiếu đồng ý cho từng đơn vị. Khối có {} đơn vị: số phiếu không vượt quá số này. Để trống cả hai ô rồi bấm «Lưu» để xóa.", members.get()),
                    format!("Enter the ballots cast and the approvals for each unit. The bloc has {} members: ballots cannot exceed that. Empty both boxes and save to clear.", members.get()),
                )
            } else {
                t("Số phiếu phát ra và số phiếu đồng ý cho từng đơn vị, do Trưởng khối nhập.", "Ballots cast and approvals per unit, as entered by the bloc leader.").to_string()
            }}</p>
            {move || (!uses_votes()).then(|| view! {
                <p class="muted">{t(
                    "Hiện chưa hình thức khen thưởng nào yêu cầu tỷ lệ phiếu tối thiểu: số phiếu chỉ để ghi nhận.",
                    "No award tier requires a minimum share yet: the tallies are for the record only.",
                )}</p>
            })}
            <div class="table-wrap">
                <table id="votes" class="data editor">
                    <thead>
                        <tr>
                            <th scope="col">{t("Đơn vị", "Unit")}</th>
                            <th scope="col">{t("Số phiếu phát ra / đồng ý", "Ballots cast / approvals")}</th>
                            <th scope="col" class="num">{t("Tỷ lệ đồng ý", "Approval share")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || units.get()
                            key=|u| u.0.clone()
                            children=move |(code, name)| view! { <VoteRow code=code name=name members=members ctx=ctx /> }
                        />
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn VoteRow(code: String, name: String, members: Memo<u32>, ctx: Ctx) -> impl IntoView {
    let s = use_session();
    let unit = StoredValue::new(code.clone());
    let stored = Memo::new(move |_| s.campaign.with(|c| c.vote(&unit.get_value())));
    let as_text = |v: Option<VoteTally>| match v {
        Some(v) => (v.ballots.to_string(), v.approvals.to_string()),
        None => (String::new(), String::new()),
    };
    let (b0, a0) = as_text(stored.get_untracked());
    let ballots = RwSignal::new(b0);
    let approvals = RwSignal::new(a0);
    let error = RwSignal::new(None::<String>);
    Effect::new(move |prev: Option<Option<VoteTally>>| {
        let now = stored.get();
        if prev.is_some_and(|p| p != now) {
            let (b, a) = as_text(now);
            ballots.set(b);
            approvals.set(a);
        }
        now
    });
    // Checked while typing, so the mistake shows next to the boxes before saving.
    let live = move || check(&ballots.get(), &approvals.get(), members.get()).err();
    let save = move |_| match check(&ballots.get_untracked(), &approvals.get_untracked(), members.get_untracked()) {
        Err(m) => error.set(Some(m)),
        Ok(tally) => match s.edit(Edit::SetVotes { unit: unit.get_value(), tally }) {
            Ok(()) => error.set(None),
            Err(m) => error.set(Some(m)),
        },
    };
    let shown_error = move || error.get().or_else(live);
    let off = move || !ctx.editable.get();
    let share = move || stored.get().and_then(|v| v.share()).map(share_text).unwrap_or_default();
    let label_b = tf(format!("Số phiếu — {name}"), format!("Ballots — {name}"));
    let label_a = tf(format!("Phiếu đồng ý — {name}"), format!("Approvals — {name}"));
    view! {
        <tr data-unit=code.clone() class:has-error=move || shown_error().is_some()>
            <th scope="row" class="unit-cell">{name.clone()}<span class="code-tag">{code.clone()}</span></th>
            <td class="tally">
                <div class="tally-inputs">
                    <label class="inline">
                        <span aria-hidden="true">{t("Số phiếu", "Ballots")}</span>
                        <span class="visually-hidden">{label_b}</span>
                        <input type="text" class="ballots" inputmode="numeric" autocomplete="off" disabled=off
                            prop:value=move || ballots.get()
                            on:input=move |e| { ballots.set(event_target_value(&e)); error.set(None); } />
                    </label>
                    <label class="inline">
                        <span aria-hidden="true">{t("Đồng ý", "Approvals")}</span>
                        <span class="visually-hidden">{label_a}</span>
                        <input type="text" class="approvals" inputmode="numeric" autocomplete="off" disabled=off
                            prop:value=move || approvals.get()
                            on:input=move |e| { approvals.set(event_target_value(&e)); error.set(None); } />
                    </label>
                    <Show when=move || ctx.editable.get()>
                        <button type="button" class="vote-save" on:click=save>{t("Lưu", "Save")}</button>
                    </Show>
                </div>
                {move || shown_error().map(|m| view! { <p class="error vote-error" role="alert">{m}</p> })}
            </td>
            <td class="share num" data-label=t("Tỷ lệ đồng ý", "Approval share") class:empty=move || share().is_empty()>{share}</td>
        </tr>
    }
}
