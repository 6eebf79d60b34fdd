//! The one thing to do next for whoever acts on this device, with a link to where it is done.

use super::facts::{state_of, Facts};
use crate::lang::{t, tf};
use crate::route::{Route, Tab};
use crate::session::use_session;
use leptos::prelude::*;
use thidua_core::edit::Actor;
use thidua_core::{Campaign, SubmissionState};

struct Next {
    text: String,
    /// Where to do it, and what the link says.
    tab: Tab,
    link: &'static str,
    /// Nothing left to do but wait for others.
    waiting: bool,
}

fn next(c: &Campaign, f: &Facts, actor: &Actor) -> Next {
    let go = |text: String, tab: Tab, link: &'static str| Next { text, tab, link, waiting: false };
    let wait = |text: String, tab: Tab, link: &'static str| Next { text, tab, link, waiting: true };
    match actor {
        Actor::Leader => {
            let m = f.members;
            if f.locked {
                wait(t("Kết quả năm đã được chốt. Xem kết quả và lập chiến dịch năm sau khi bàn giao.", "The year's results are locked. See them, and start next year's campaign at handover.").into(), Tab::Evaluation, t("Xem kết quả", "See results"))
            } else if f.leader.is_none() {
                go(t("Khối chưa có Trưởng khối: hãy chỉ định một đơn vị làm Trưởng khối.", "The bloc has no leader: give one unit the leader's role.").into(), Tab::Setup, t("Thiết lập Khối", "Bloc setup"))
            } else if m < 2 {
                go(t("Thêm các đơn vị thành viên của Khối theo quyết định thành lập.", "Add the bloc's member units as the organising decision lists them.").into(), Tab::Setup, t("Thêm đơn vị", "Add units"))
            } else if !f.adopted {
                let text = if f.criteria == 0 {
                    t("Soạn hoặc nhập bảng chấm điểm, rồi thông qua tại hội nghị.", "Write or import the scorecard, then adopt it at the conference.")
                } else {
                    t("Hoàn thiện và thông qua bảng chấm điểm để các đơn vị bắt đầu tự chấm.", "Finish and adopt the scorecard so units can start scoring.")
                };
                go(text.into(), Tab::Scorecard, t("Bảng chấm điểm", "Scorecard"))
            } else if f.waiting > 0 {
                let w = f.waiting;
                go(tf(format!("{w} bảng tự chấm đang chờ thẩm định."), format!("{w} scorecard(s) awaiting review.")), Tab::Review, t("Thẩm định", "Review"))
            } else if f.all_accepted() {
                go(t("Mọi bảng tự chấm đã được duyệt: bình xét, đề nghị khen thưởng và chốt kết quả.", "Every scorecard is accepted: evaluate, propose awards and lock the results.").into(), Tab::Evaluation, t("Bình xét", "Evaluation"))
            } else if !f.pledge_written {
                go(t("Ghi nội dung giao ước, khẩu hiệu và các phong trào thi đua của năm.", "Write the year's pledge, slogan and movements.").into(), Tab::Pledge, t("Giao ước", "Pledge"))
            } else if !f.all_signed() {
                let (n, m) = (f.signed, f.members);
                wait(tf(format!("Chờ các đơn vị ký giao ước (đã ký {n}/{m})."), format!("Waiting for units to sign the pledge ({n}/{m} signed).")), Tab::Pledge, t("Xem ký kết", "See signatures"))
            } else {
                let (s, m) = (f.submitted, f.members);
                wait(tf(format!("Chờ các đơn vị tự chấm và nộp (đã nộp {s}/{m})."), format!("Waiting for units to score themselves and submit ({s}/{m} submitted).")), Tab::Review, t("Thẩm định", "Review"))
            }
        }
        Actor::Unit(code) => {
            if c.unit(code).is_none() {
                return wait(tf(format!("Đơn vị «{code}» không còn trong Khối."), format!("Unit «{code}» is no longer in the bloc.")), Tab::Setup, t("Xem thành viên", "See members"));
            }
            let signed = c.members.get(code).is_some_and(|m| m.signing.is_some());
            if f.locked {
                return wait(t("Kết quả năm đã được chốt.", "The year's results are locked.").into(), Tab::Evaluation, t("Xem kết quả", "See results"));
            }
            if !signed {
                return go(t("Ký giao ước thi đua và đăng ký chủ đề thi đua của đơn vị.", "Sign the emulation pledge and register your unit's theme.").into(), Tab::Pledge, t("Ký giao ước", "Sign the pledge"));
            }
            if !f.adopted {
                return wait(t("Chờ Trưởng khối thông qua bảng chấm điểm; bạn có thể xem dự thảo.", "Waiting for the leader to adopt the scorecard; you can read the draft.").into(), Tab::Scorecard, t("Xem bảng chấm điểm", "See the scorecard"));
            }
            match state_of(c, code) {
                SubmissionState::Draft => go(t("Tự chấm điểm theo từng tiêu chí, ghi minh chứng rồi nộp cho Trưởng khối.", "Score each criterion, note the evidence, then submit to the leader.").into(), Tab::SelfScoring, t("Tự chấm điểm", "Self-assessment")),
                SubmissionState::Returned { comment, .. } => go(tf(format!("Bảng tự chấm bị trả lại: «{comment}». Sửa và nộp lại."), format!("Your scorecard was returned: «{comment}». Correct it and submit again.")), Tab::SelfScoring, t("Sửa bảng tự chấm", "Correct the scorecard")),
                SubmissionState::Submitted { round } => wait(tf(format!("Đã nộp (lần {round}); chờ Trưởng khối thẩm định."), format!("Submitted (round {round}); waiting for the leader's review.")), Tab::SelfScoring, t("Xem bảng đã nộp", "See what you submitted")),
                SubmissionState::Accepted { .. } => wait(t("Bảng tự chấm đã được duyệt; chờ bình xét của Khối.", "Your scorecard is accepted; waiting for the bloc's evaluation.").into(), Tab::Evaluation, t("Bình xét", "Evaluation")),
            }
        }
    }
}

#[component]
pub fn NextStep() -> impl IntoView {
    let s = use_session();
    let id = s.id.get_value();
    move || {
        let actor = s.actor.get()?;
        let n = s.campaign.with(|c| next(c, &Facts::of(c), &actor));
        let href = Route::Campaign { id: id.clone(), tab: n.tab }.href();
        let who = match &actor {
            Actor::Leader => t("Việc tiếp theo của Trưởng khối", "Next for the bloc leader").to_string(),
            Actor::Unit(code) => {
                let name = s.campaign.with(|c| c.unit(code).map(|u| u.info.value.name.clone())).unwrap_or_else(|| code.clone());
                tf(format!("Việc tiếp theo của {name}"), format!("Next for {name}"))
            }
        };
        let class = if n.waiting { "panel next-step waiting" } else { "panel next-step" };
        let link_class = if n.waiting { "button" } else { "button primary" };
        Some(view! {
            <section class=class id="next-action" aria-labelledby="next-title">
                <h3 id="next-title">{who}</h3>
                <p class="next-text" id="next-action-text">{n.text}</p>
                <a class=link_class id="next-action-link" href=href data-tab=n.tab.slug()>{n.link}" →"</a>
            </section>
        })
    }
}
