//! The steps of the year in order, each with what is done and a link to its tab.

use super::facts::Facts;
use crate::lang::{t, tf};
use crate::route::{Route, Tab};
use crate::session::use_session;
use leptos::prelude::*;

struct Step {
    key: &'static str,
    title: &'static str,
    detail: String,
    done: bool,
    tab: Tab,
}

fn steps(f: &Facts) -> Vec<Step> {
    let (n, m) = (f.signed, f.members);
    let members = Step {
        key: "members",
        title: t("Thành viên Khối", "Bloc members"),
        detail: match &f.leader {
            Some(l) => tf(format!("{m} đơn vị · Trưởng khối: {l}"), format!("{m} units · leader: {l}")),
            None => tf(format!("{m} đơn vị · chưa có Trưởng khối"), format!("{m} units · no leader yet")),
        },
        done: m >= 2 && f.leader.is_some(),
        tab: Tab::Setup,
    };
    let k = f.criteria;
    let scorecard = Step {
        key: "scorecard",
        title: t("Bảng chấm điểm", "Scorecard"),
        detail: if f.adopted {
            match f.adopted_on.as_deref().filter(|d| !d.is_empty()) {
                Some(on) => tf(format!("Đã thông qua ngày {on} · {k} tiêu chí"), format!("Adopted on {on} · {k} criteria")),
                None => tf(format!("Đã thông qua · {k} tiêu chí"), format!("Adopted · {k} criteria")),
            }
        } else if k == 0 {
            t("Chưa có tiêu chí nào", "No criteria yet").to_string()
        } else {
            tf(format!("Dự thảo {k} tiêu chí, chưa thông qua"), format!("Draft of {k} criteria, not adopted"))
        },
        done: f.adopted,
        tab: Tab::Scorecard,
    };
    let mut pledge_detail = tf(format!("Đã ký: {n}/{m} đơn vị"), format!("Signed: {n}/{m} units"));
    if !f.pledge_written {
        pledge_detail.push_str(t(" · chưa có nội dung giao ước", " · pledge not written yet"));
    }
    let pledge = Step {
        key: "pledge",
        title: t("Ký kết giao ước", "Signing the pledge"),
        detail: pledge_detail,
        done: f.all_signed(),
        tab: Tab::Pledge,
    };
    let s = f.submitted;
    let self_scoring = Step {
        key: "self",
        title: t("Tự chấm điểm và nộp", "Self-assessment and submission"),
        detail: tf(format!("Đã nộp: {s}/{m} đơn vị"), format!("Submitted: {s}/{m} units")),
        done: m > 0 && s == m,
        tab: Tab::SelfScoring,
    };
    let (a, w, r) = (f.accepted, f.waiting, f.returned);
    let review = Step {
        key: "review",
        title: t("Thẩm định", "Review"),
        detail: tf(
            format!("Đã duyệt: {a}/{m} · chờ thẩm định: {w} · trả lại: {r}"),
            format!("Accepted: {a}/{m} · awaiting review: {w} · returned: {r}"),
        ),
        done: f.all_accepted(),
        tab: Tab::Review,
    };
    let evaluation = Step {
        key: "evaluation",
        title: t("Bình xét, chốt kết quả", "Evaluation and results"),
        detail: if f.locked {
            t("Đã chốt kết quả", "Results locked").to_string()
        } else {
            t("Chưa chốt kết quả", "Results not locked").to_string()
        },
        done: f.locked,
        tab: Tab::Evaluation,
    };
    let mut all = vec![members, scorecard, pledge, self_scoring, review, evaluation];
    // Locked results close the year whatever was left undone before.
    if f.locked {
        all.iter_mut().for_each(|s| s.done = true);
    }
    all
}

#[component]
pub fn Steps() -> impl IntoView {
    let s = use_session();
    let id = s.id.get_value();
    let list = move || {
        let all = s.campaign.with(|c| steps(&Facts::of(c)));
        let current = all.iter().position(|s| !s.done);
        all.into_iter()
            .enumerate()
            .map(|(i, step)| {
                let state = if step.done {
                    "done"
                } else if Some(i) == current {
                    "current"
                } else {
                    "todo"
                };
                let status = match state {
                    "done" => t("Đã xong", "Done"),
                    "current" => t("Đang thực hiện", "In progress"),
                    _ => t("Chưa đến", "Not yet"),
                };
                let marker = if step.done { "✓".to_string() } else { (i + 1).to_string() };
                let href = Route::Campaign { id: id.clone(), tab: step.tab }.href();
                view! {
                    <li class=format!("step {state}") data-step=step.key data-done=step.done.to_string()
                        aria-current=(state == "current").then_some("step")>
                        <span class="marker" aria-hidden="true">{marker}</span>
                        <div class="step-body">
                            <span class="step-title">{step.title}</span>
                            <span class="sr-only">{format!(" ({status})")}</span>
                            <span class="detail">{step.detail}</span>
                        </div>
                        <a class="step-link" href=href>{t("Mở", "Open")}<span class="sr-only">{format!(" {}", step.title)}</span></a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" aria-labelledby="steps-title">
            <h3 id="steps-title">{t("Các bước trong năm", "Steps of the year")}</h3>
            <ol id="overview-steps" class="steps">{list}</ol>
        </section>
    }
}
