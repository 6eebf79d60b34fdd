//! The evaluation meeting as its minutes record it (biên bản họp bình xét): date, place, chair and
//! secretary, the minutes' number, which units attended, and next year's leader and deputy (the
//! handover). The leader writes it before locking the results; everyone can print the minutes.

use super::Ctx;
use crate::documents::print::PrintLink;
use crate::lang::{t, tf, today};
use crate::route::PrintDoc;
use crate::screens::setup::normal_date;
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::edit::Edit;
use thidua_core::{Campaign, Meeting, Role};

/// Next year's leader and deputy by the usual rotation: the deputy (else the unit after the
/// leader in the bloc's list) takes the lead, the unit after it becomes deputy.
fn rotation(c: &Campaign) -> (Option<String>, Option<String>) {
    let units: Vec<(&str, Role)> = c.active_units().map(|u| (u.code.as_str(), u.info.value.role)).collect();
    let Some(lead) = units.iter().position(|(_, r)| *r == Role::TruongKhoi) else { return (None, None) };
    if units.len() < 2 {
        return (None, None);
    }
    let next = units
        .iter()
        .position(|(_, r)| *r == Role::PhoKhoi)
        .unwrap_or((lead + 1) % units.len());
    let deputy = (1..units.len())
        .map(|k| (next + k) % units.len())
        .find(|&i| i != lead && i != next)
        .map(|i| units[i].0.to_string());
    (Some(units[next].0.to_string()), deputy)
}

/// The form's starting values: what is stored, or (never recorded) today, everyone present and
/// the rotation's handover.
fn draft_of(c: &Campaign) -> (Meeting, bool) {
    if c.meeting.value != Meeting::default() {
        return (c.meeting.value.clone(), false);
    }
    let (next_leader, next_deputy) = rotation(c);
    let m = Meeting {
        date: today(),
        present: c.active_units().map(|u| u.code.clone()).collect(),
        next_leader,
        next_deputy,
        ..Meeting::default()
    };
    (m, true)
}

#[component]
pub fn MeetingForm(ctx: Ctx) -> impl IntoView {
    let s = use_session();
    let stored = Memo::new(move |_| s.campaign.with(|c| c.meeting.value.clone()));
    let units = Memo::new(move |_| s.campaign.with(|c| c.active_units().map(|u| (u.code.clone(), u.info.name.clone())).collect::<Vec<_>>()));
    let (first, suggested) = s.campaign.with_untracked(draft_of);
    let date = RwSignal::new(first.date.clone());
    let place = RwSignal::new(first.place.clone());
    let chair = RwSignal::new(first.chair.clone());
    let secretary = RwSignal::new(first.secretary.clone());
    let number = RwSignal::new(first.number.clone());
    let present = RwSignal::new(first.present.clone());
    let next_leader = RwSignal::new(first.next_leader.clone().unwrap_or_default());
    let next_deputy = RwSignal::new(first.next_deputy.clone().unwrap_or_default());
    let hint = RwSignal::new(suggested);
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    // Stored meeting changed (this save, another tab, an imported file): the form shows it.
    Effect::new(move |prev: Option<()>| {
        stored.track();
        if prev.is_some() {
            let (m, suggested) = s.campaign.with_untracked(draft_of);
            date.set(m.date);
            place.set(m.place);
            chair.set(m.chair);
            secretary.set(m.secretary);
            number.set(m.number);
            present.set(m.present);
            next_leader.set(m.next_leader.unwrap_or_default());
            next_deputy.set(m.next_deputy.unwrap_or_default());
            hint.set(suggested);
        }
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let raw = date.get_untracked();
        let day = if raw.trim().is_empty() { Some(String::new()) } else { normal_date(&raw) };
        let Some(day) = day else {
            error.set(Some(t("Ngày họp phải có dạng dd/mm/yyyy, ví dụ 08/01/2019.", "The date must be dd/mm/yyyy, e.g. 08/01/2019.").into()));
            return;
        };
        let pick = |v: String| (!v.is_empty()).then_some(v);
        // Kept in the bloc's order of units, whatever order they were ticked in.
        let ticked = present.get_untracked();
        let order = units.get_untracked();
        let meeting = Meeting {
            date: day.clone(),
            place: place.get_untracked().trim().to_string(),
            chair: chair.get_untracked().trim().to_string(),
            secretary: secretary.get_untracked().trim().to_string(),
            present: order.into_iter().map(|(code, _)| code).filter(|code| ticked.contains(code)).collect(),
            next_leader: pick(next_leader.get_untracked()),
            next_deputy: pick(next_deputy.get_untracked()),
            number: number.get_untracked().trim().to_string(),
        };
        match s.edit(Edit::SetMeeting { meeting }) {
            Ok(()) => {
                error.set(None);
                date.set(day);
                hint.set(false);
                status.set(Some(t("Đã lưu thông tin cuộc họp.", "Meeting saved.").into()));
            }
            Err(m) => error.set(Some(m)),
        }
    };

    let off = move || !ctx.editable.get();
    let text = move |id: &'static str, label: &'static str, value: RwSignal<String>, placeholder: &'static str| {
        view! {
            <label class="field" for=id>
                <span>{label}</span>
                <input type="text" id=id autocomplete="off" placeholder=placeholder disabled=off
                    prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e)) />
            </label>
        }
    };
    let checks = move || {
        units
            .get()
            .into_iter()
            .map(|(code, name)| {
                let c1 = code.clone();
                let c2 = code.clone();
                view! {
                    <label class="check">
                        <input type="checkbox" data-present=code.clone() disabled=off
                            prop:checked=move || present.with(|p| p.contains(&c1))
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                present.update(|p| {
                                    p.retain(|x| *x != c2);
                                    if on {
                                        p.push(c2.clone());
                                    }
                                });
                            } />
                        <span>{name}</span>
                    </label>
                }
            })
            .collect_view()
    };
    let select = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        let options = move || {
            units
                .get()
                .into_iter()
                .map(|(code, name)| {
                    let c = code.clone();
                    view! { <option value=code.clone() prop:selected=move || value.get() == c>{format!("{name} ({code})")}</option> }
                })
                .collect_view()
        };
        view! {
            <label class="field" for=id>
                <span>{label}</span>
                <select id=id disabled=off on:change=move |e| value.set(event_target_value(&e))>
                    <option value="" prop:selected=move || value.get().is_empty()>{t("— chưa chọn —", "— not chosen —")}</option>
                    {options}
                </select>
            </label>
        }
    };
    let year = move || s.campaign.with(|c| c.bloc.year.saturating_add(1));
    let count = move || {
        let (n, m) = (present.with(|p| p.len()), units.with(|u| u.len()));
        tf(format!("Có mặt {n}/{m} đơn vị"), format!("{n} of {m} units present"))
    };
    let note = move || {
        if !s.is_leader() {
            Some(t("Chỉ Trưởng khối ghi thông tin cuộc họp; đơn vị xem và in biên bản.", "Only the bloc leader records the meeting; units see and print the minutes."))
        } else if ctx.locked.get() {
            Some(t("Kết quả đã chốt: thông tin cuộc họp chỉ để xem. Mở lại kết quả nếu cần sửa.", "The results are locked: the meeting is read-only. Unlock the results to change it."))
        } else {
            None
        }
    };

    view! {
        <section class="panel meeting-panel" aria-labelledby="meeting-title">
            <h2 id="meeting-title">{t("Biên bản họp bình xét", "Evaluation meeting minutes")}</h2>
            <p class="intro">{t(
                "Ghi ngày, địa điểm, thành phần dự họp và việc bàn giao Trưởng khối năm sau (trước khi chốt kết quả), rồi in biên bản để ký.",
                "Record the date, place, attendance and next year's handover (before locking the results), then print the minutes to sign.",
            )}</p>
            {move || note().map(|x| view! { <p class="readonly-note">{x}</p> })}
            <form id="meeting-form" novalidate on:submit=save>
                <div class="form-grid">
                    {text("meeting-date", t("Ngày họp (dd/mm/yyyy)", "Date (dd/mm/yyyy)"), date, "08/01/2019")}
                    {text("meeting-number", t("Số biên bản (số ký hiệu)", "Minutes number"), number, "01/BB-KTĐ")}
                    {text("meeting-chair", t("Chủ trì", "Chair"), chair, "")}
                    {text("meeting-secretary", t("Thư ký", "Secretary"), secretary, "")}
                    <div class="wide-field">{text("meeting-place", t("Địa điểm", "Place"), place, "")}</div>
                </div>
                <fieldset class="present-set">
                    <legend>{t("Đơn vị có mặt", "Units present")}" · "{count}</legend>
                    <div class="present-grid">{checks}</div>
                </fieldset>
                <fieldset class="handover-set">
                    <legend>{move || tf(format!("Bàn giao: Trưởng khối, Phó khối năm {}", year()), format!("Handover: leader and deputy for {}", year()))}</legend>
                    <div class="form-grid">
                        {select("next-leader", t("Đơn vị Trưởng khối năm sau", "Next year's leader"), next_leader)}
                        {select("next-deputy", t("Đơn vị Phó khối năm sau", "Next year's deputy"), next_deputy)}
                    </div>
                    {move || (hint.get() && ctx.editable.get()).then(|| view! {
                        <p class="hint" id="meeting-hint">{t(
                            "Chưa lưu: đã điền sẵn hôm nay, tất cả đơn vị có mặt và Trưởng khối, Phó khối theo thứ tự luân phiên. Sửa nếu cần rồi bấm «Lưu».",
                            "Not saved yet: today, everyone present and the usual rotation are filled in. Change them if needed, then press «Save».",
                        )}</p>
                    })}
                </fieldset>
                <Show when=move || ctx.editable.get()>
                    <div class="form-actions">
                        <button type="submit" id="meeting-save" class="primary">{t("Lưu thông tin cuộc họp", "Save the meeting")}</button>
                    </div>
                </Show>
                {move || error.get().map(|m| view! { <p class="error" id="meeting-error" role="alert">{m}</p> })}
                {move || status.get().map(|m| view! { <p class="status" id="meeting-status" role="status">{m}</p> })}
            </form>
            <PrintLink doc=PrintDoc::Minutes />
        </section>
    }
}
