//! The award tiers the bloc proposes by rank, with their conditions. Edited as a whole (add, remove,
//! change, back to the defaults) and saved in one go, so the proposals never follow a half-typed rule.

use super::Ctx;
use crate::lang::{msg, points, t, tf};
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::answer::parse_points;
use thidua_core::edit::Edit;
use thidua_core::{AwardTier, Points};

/// One tier as typed.
#[derive(Clone, Copy)]
struct Draft {
    key: u32,
    name: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    min_total: RwSignal<String>,
    min_share: RwSignal<String>,
    max_count: RwSignal<String>,
    error: RwSignal<Option<String>>,
}

impl Draft {
    fn new(key: u32, tier: &AwardTier) -> Draft {
        let opt = |p: Option<Points>| p.map(points).unwrap_or_default();
        Draft {
            key,
            name: RwSignal::new(tier.name.clone()),
            from: RwSignal::new(tier.rank_from.to_string()),
            to: RwSignal::new(tier.rank_to.to_string()),
            min_total: RwSignal::new(opt(tier.min_total)),
            min_share: RwSignal::new(opt(tier.min_vote_share)),
            max_count: RwSignal::new(tier.max_count.map(|n| n.to_string()).unwrap_or_default()),
            error: RwSignal::new(None),
        }
    }

    fn parse(&self) -> Result<AwardTier, String> {
        let name = self.name.get().trim().to_string();
        if name.is_empty() {
            return Err(t("Cần tên hình thức khen thưởng.", "The award needs a name.").into());
        }
        let rank = |s: RwSignal<String>, what_vi: &str, what_en: &str| -> Result<u32, String> {
            let v = s.get();
            match v.trim().parse::<u32>() {
                Ok(n) if n >= 1 => Ok(n),
                _ => Err(tf(
                    format!("«{what_vi}» phải là số nguyên từ 1 (đang là «{}»).", v.trim()),
                    format!("«{what_en}» must be a whole number from 1 (is «{}»).", v.trim()),
                )),
            }
        };
        let rank_from = rank(self.from, "Từ hạng", "From rank")?;
        let rank_to = rank(self.to, "Đến hạng", "To rank")?;
        if rank_from > rank_to {
            return Err(t("«Từ hạng» phải nhỏ hơn hoặc bằng «Đến hạng».", "«From rank» must not exceed «To rank».").into());
        }
        let optional = |s: RwSignal<String>| -> Result<Option<Points>, String> {
            let v = s.get();
            if v.trim().is_empty() {
                return Ok(None);
            }
            parse_points(&v).map(Some).map_err(|m| msg(&m))
        };
        let min_total = optional(self.min_total)?;
        let min_vote_share = optional(self.min_share)?;
        if min_vote_share.is_some_and(|p| p.is_negative() || p > Points::from_whole(100)) {
            return Err(t("Tỷ lệ phiếu tối thiểu phải trong khoảng 0–100%.", "The minimum share must be within 0–100%.").into());
        }
        let max_count = {
            let v = self.max_count.get();
            match v.trim() {
                "" => None,
                n => Some(n.parse::<u32>().map_err(|_| {
                    tf(
                        format!("«Số lượng tối đa» phải là số nguyên không âm (đang là «{n}»)."),
                        format!("«Max count» must be a whole number (is «{n}»)."),
                    )
                })?),
            }
        };
        Ok(AwardTier { name, rank_from, rank_to, min_total, min_vote_share, max_count })
    }
}

#[component]
pub fn TiersEditor(ctx: Ctx) -> impl IntoView {
    let s = use_session();
    let saved = Memo::new(move |_| s.campaign.with(|c| c.awards.value.clone()));
    let next_key = StoredValue::new(0u32);
    let build = move |tiers: &[AwardTier]| -> Vec<Draft> {
        tiers
            .iter()
            .map(|tier| {
                let k = next_key.get_value();
                next_key.set_value(k + 1);
                Draft::new(k, tier)
            })
            .collect()
    };
    let drafts = RwSignal::new(saved.with_untracked(|a| build(a)));
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    // Saved tiers changed (this save, another tab): the editor shows what is stored.
    Effect::new(move |prev: Option<()>| {
        saved.track();
        if prev.is_some() {
            drafts.set(saved.with_untracked(|a| build(a)));
        }
    });
    let dirty = move || {
        let parsed: Result<Vec<AwardTier>, String> = drafts.get().iter().map(Draft::parse).collect();
        match parsed {
            Ok(tiers) => saved.with(|s| *s != tiers),
            Err(_) => true,
        }
    };

    let add = move |_| {
        let last_rank = drafts.with_untracked(|d| d.iter().filter_map(|x| x.to.get_untracked().trim().parse::<u32>().ok()).max());
        let rank = last_rank.map(|r| r + 1).unwrap_or(1);
        let tier = AwardTier {
            name: String::new(),
            rank_from: rank,
            rank_to: rank,
            min_total: None,
            min_vote_share: None,
            max_count: None,
        };
        let k = next_key.get_value();
        next_key.set_value(k + 1);
        drafts.update(|d| d.push(Draft::new(k, &tier)));
        status.set(None);
    };
    let reset = move |_| {
        drafts.set(build(&AwardTier::defaults()));
        error.set(None);
        status.set(Some(t("Đã điền các hình thức mặc định; bấm «Lưu» để áp dụng.", "Defaults filled in; press «Save» to apply.").into()));
    };
    let save = move |_| {
        let list = drafts.get_untracked();
        let mut tiers = Vec::with_capacity(list.len());
        let mut bad = 0;
        for d in &list {
            match d.parse() {
                Ok(x) => {
                    d.error.set(None);
                    tiers.push(x);
                }
                Err(m) => {
                    d.error.set(Some(m));
                    bad += 1;
                }
            }
        }
        if bad > 0 {
            error.set(Some(t("Chưa lưu: sửa các dòng báo lỗi.", "Not saved: correct the rows marked in error.").into()));
            status.set(None);
            return;
        }
        match s.edit(Edit::SetAwards { tiers }) {
            Ok(()) => {
                error.set(None);
                status.set(Some(t("Đã lưu các hình thức khen thưởng.", "Award tiers saved.").into()));
            }
            Err(m) => {
                error.set(Some(m));
                status.set(None);
            }
        }
    };

    let off = move || !ctx.editable.get();
    let cell = move |label: &'static str, class: &'static str, value: RwSignal<String>, mode: &'static str| {
        view! {
            <label class="cell">
                <span class="cell-label">{label}</span>
                <input type="text" class=class inputmode=mode autocomplete="off" disabled=off
                    prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e)) />
            </label>
        }
    };
    let row = move |d: Draft| {
        let key = d.key;
        view! {
            <tr class="tier">
                <td class="c-name">{cell(t("Hình thức khen thưởng", "Award"), "tier-name", d.name, "text")}</td>
                <td class="c-n">{cell(t("Từ hạng", "From rank"), "tier-from", d.from, "numeric")}</td>
                <td class="c-n">{cell(t("Đến hạng", "To rank"), "tier-to", d.to, "numeric")}</td>
                <td class="c-n">{cell(t("Điểm tối thiểu", "Min. total"), "tier-min-total", d.min_total, "decimal")}</td>
                <td class="c-n">{cell(t("Phiếu đồng ý tối thiểu (%)", "Min. approval (%)"), "tier-min-share", d.min_share, "decimal")}</td>
                <td class="c-n">{cell(t("Số lượng tối đa", "Max. count"), "tier-max-count", d.max_count, "numeric")}</td>
                <td class="c-act">
                    <Show when=move || ctx.editable.get()>
                        <button type="button" class="tier-remove link"
                            on:click=move |_| { drafts.update(|v| v.retain(|x| x.key != key)); status.set(None); }>
                            {t("Xóa", "Remove")}
                        </button>
                    </Show>
                </td>
            </tr>
            {move || d.error.get().map(|m| view! {
                <tr class="tier-error-row"><td colspan="7"><p class="error tier-error" role="alert">{m}</p></td></tr>
            })}
        }
    };

    view! {
        <section class="panel" aria-labelledby="tiers-title">
            <h2 id="tiers-title">{t("Hình thức khen thưởng", "Award tiers")}</h2>
            <p class="intro">{t(
                "Mỗi hình thức nhận các đơn vị có hạng trong khoảng đã ghi và đạt các điều kiện (bỏ trống nếu không áp dụng). Đơn vị được xét theo thứ tự các dòng. Nếu các đơn vị đồng hạng vượt số lượng tối đa, Khối cần bỏ phiếu để quyết định.",
                "Each award takes the units ranked within its range that meet its conditions (leave empty when not used), in the order of the rows. When tied units exceed the maximum count, the bloc decides by ballot.",
            )}</p>
            <div class="table-wrap">
                <table id="tiers" class="data editor">
                    <thead>
                        <tr>
                            <th scope="col">{t("Hình thức khen thưởng", "Award")}</th>
                            <th scope="col">{t("Từ hạng", "From rank")}</th>
                            <th scope="col">{t("Đến hạng", "To rank")}</th>
                            <th scope="col">{t("Điểm tối thiểu", "Min. total")}</th>
                            <th scope="col">{t("Phiếu đồng ý tối thiểu (%)", "Min. approval (%)")}</th>
                            <th scope="col">{t("Số lượng tối đa", "Max. count")}</th>
                            <th scope="col"><span class="visually-hidden">{t("Xóa", "Remove")}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || drafts.get() key=|d| d.key children=row />
                    </tbody>
                </table>
            </div>
            <Show when=move || ctx.editable.get()>
                <div class="form-actions">
                    <button type="button" id="tier-add" on:click=add>{t("+ Thêm hình thức", "+ Add an award")}</button>
                    <button type="button" id="tiers-reset" on:click=reset>{t("Khôi phục mặc định", "Back to defaults")}</button>
                    <button type="button" id="tiers-save" class="primary" on:click=save>{t("Lưu hình thức khen thưởng", "Save award tiers")}</button>
                    {move || dirty().then(|| view! { <span class="unsaved">{t("Có thay đổi chưa lưu", "Unsaved changes")}</span> })}
                </div>
            </Show>
            {move || error.get().map(|m| view! { <p class="error" id="tiers-error" role="alert">{m}</p> })}
            {move || status.get().filter(|_| ctx.editable.get()).map(|m| view! { <p class="status" id="tiers-status" role="status">{m}</p> })}
        </section>
    }
}
