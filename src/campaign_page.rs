//! One campaign: its title and stage, whom this browser acts for, the banner, and the tabs of the
//! year's steps. Loads the campaign and provides the [`Session`] to the tab shown.

use crate::lang::{lang, msg, t, Lang};
use crate::route::{Route, Tab};
use crate::screens;
use crate::session::{use_session, Notice, Session};
use crate::storage;
use leptos::prelude::*;
use thidua_core::edit::Actor;
use thidua_core::stage::Stage;

#[component]
pub fn CampaignPage(id: String, tab: Tab) -> impl IntoView {
    match storage::load(&id) {
        Ok(c) => {
            let session = Session::new(c);
            provide_context(session);
            view! { <Loaded tab=tab /> }.into_any()
        }
        Err(e) => view! {
            <p class="crumbs"><a href="#/">{t("← Các chiến dịch", "← Campaigns")}</a></p>
            <section class="panel"><p class="error" role="alert" id="load-error">{msg(&e.msg())}</p></section>
        }
        .into_any(),
    }
}

#[component]
fn Loaded(tab: Tab) -> impl IntoView {
    let s = use_session();
    crate::sync::agent::start();
    let title = move || s.campaign.with(|c| format!("{} — {}", c.bloc.name, c.bloc.year));
    let stage = move || {
        let l = s.campaign.with(|c| Stage::of(c).label());
        if lang() == Lang::Vi { l.vi } else { l.en }
    };
    let body = move || match s.actor.get() {
        None => view! { <RolePicker /> }.into_any(),
        Some(_) => screen(tab),
    };
    view! {
        <p class="crumbs"><a href="#/">{t("← Các chiến dịch", "← Campaigns")}</a></p>
        <div class="campaign-head">
            <div>
                <h2 id="campaign-title">{title}</h2>
                <p class="meta"><span class="stage" id="campaign-stage">{stage}</span></p>
            </div>
            <ActingAs />
        </div>
        <Banner />
        <crate::sync::agent::SyncStatus />
        <crate::exchange::UnsentReminder />
        <Tabs current=tab />
        {body}
    }
}

fn screen(tab: Tab) -> AnyView {
    match tab {
        Tab::Overview => view! { <screens::overview::Overview /> }.into_any(),
        Tab::Setup => view! { <screens::setup::Setup /> }.into_any(),
        Tab::Pledge => view! { <screens::pledge::PledgeScreen /> }.into_any(),
        Tab::Scorecard => view! { <screens::scorecard::ScorecardEditor /> }.into_any(),
        Tab::SelfScoring => view! { <screens::self_scoring::SelfScoring /> }.into_any(),
        Tab::Review => view! { <screens::review::Review /> }.into_any(),
        Tab::Evaluation => view! { <screens::evaluation::Evaluation /> }.into_any(),
        Tab::Exchange => view! { <crate::exchange::Exchange /> }.into_any(),
    }
}

fn tab_label(tab: Tab) -> &'static str {
    match tab {
        Tab::Overview => t("Tổng quan", "Overview"),
        Tab::Setup => t("Thiết lập Khối", "Bloc setup"),
        Tab::Pledge => t("Giao ước", "Pledge"),
        Tab::Scorecard => t("Bảng chấm điểm", "Scorecard"),
        Tab::SelfScoring => t("Tự chấm điểm", "Self-assessment"),
        Tab::Review => t("Thẩm định", "Review"),
        Tab::Evaluation => t("Bình xét", "Evaluation"),
        Tab::Exchange => t("Gửi/nhận tệp", "Send/receive files"),
    }
}

#[component]
fn Tabs(current: Tab) -> impl IntoView {
    let s = use_session();
    let id = s.id.get_value();
    let links = Tab::ALL
        .into_iter()
        .map(|tab| {
            let href = Route::Campaign { id: id.clone(), tab }.href();
            let active = tab == current;
            view! {
                <a href=href class="tab" class:active=active id=format!("tab-{}", tab.slug()) aria-current=active.then_some("page")>
                    {tab_label(tab)}
                </a>
            }
        })
        .collect_view();
    view! { <nav class="tabs" aria-label=t("Các bước trong năm", "Steps of the year")>{links}</nav> }
}

#[component]
fn Banner() -> impl IntoView {
    let s = use_session();
    move || {
        s.notice.get().map(|n| {
            let (class, text) = match n {
                Notice::Error(e) => ("banner error", e),
                Notice::Info(i) => ("banner info", i),
            };
            view! {
                <div class=class role="alert" id="banner">
                    <span>{text}</span>
                    <button class="close" aria-label=t("Đóng", "Close") on:click=move |_| s.notice.set(None)>"×"</button>
                </div>
            }
        })
    }
}

fn actor_value(a: &Option<Actor>) -> String {
    match a {
        None => String::new(),
        Some(Actor::Leader) => "@leader".into(),
        Some(Actor::Unit(u)) => u.clone(),
    }
}

/// The role this browser acts in, always visible, changeable.
#[component]
fn ActingAs() -> impl IntoView {
    let s = use_session();
    // A memo, so that an answer saved (a new campaign) does not rebuild the options.
    let units = Memo::new(move |_| s.campaign.with(|c| c.active_units().map(|u| (u.code.clone(), format!("{} ({})", u.info.name, u.code))).collect::<Vec<_>>()));
    let options = move || units.get().into_iter().map(|(code, label)| view! { <option value=code>{label}</option> }).collect_view();
    let on_change = move |e: leptos::ev::Event| {
        let v = event_target_value(&e);
        s.set_actor(match v.as_str() {
            "" => None,
            "@leader" => Some(Actor::Leader),
            u => Some(Actor::Unit(u.to_string())),
        });
    };
    view! {
        <label class="acting-as">
            <span>{t("Làm việc với tư cách", "Acting as")}</span>
            <select id="acting-as" prop:value=move || actor_value(&s.actor.get()) on:change=on_change>
                <option value="">{t("— chọn —", "— choose —")}</option>
                <option value="@leader">{t("Trưởng khối (điều hành Khối)", "Bloc leader (runs the bloc)")}</option>
                {options}
            </select>
        </label>
    }
}

/// Shown until the user says whom they act for on this device.
#[component]
fn RolePicker() -> impl IntoView {
    view! {
        <section class="panel" id="role-picker">
            <h3>{t("Bạn làm việc thay mặt ai trên máy này?", "Whom do you act for on this device?")}</h3>
            <p>{t(
                "Chọn «Trưởng khối» nếu bạn điều hành Khối (thiết lập, thẩm định, bình xét), hoặc chọn đơn vị của bạn để ký giao ước và tự chấm điểm. Quyền sửa dữ liệu theo vai trò này.",
                "Choose «Bloc leader» if you run the bloc (setup, review, evaluation), or your unit to sign the pledge and score itself. What you may edit follows from this role.",
            )}</p>
            <ActingAs />
        </section>
    }
}
