//! Where the user is, kept in the URL's hash so that reloads and the back button work offline
//! (no server needs to know the app's paths).

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Setup,
    Pledge,
    Scorecard,
    SelfScoring,
    Review,
    Evaluation,
    Exchange,
}

impl Tab {
    pub const ALL: [Tab; 8] = [
        Tab::Overview,
        Tab::Setup,
        Tab::Pledge,
        Tab::Scorecard,
        Tab::SelfScoring,
        Tab::Review,
        Tab::Evaluation,
        Tab::Exchange,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Tab::Overview => "overview",
            Tab::Setup => "setup",
            Tab::Pledge => "pledge",
            Tab::Scorecard => "scorecard",
            Tab::SelfScoring => "self",
            Tab::Review => "review",
            Tab::Evaluation => "evaluation",
            Tab::Exchange => "exchange",
        }
    }

    fn from_slug(s: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.slug() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    NewCampaign,
    Import,
    Campaign { id: String, tab: Tab },
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            ["new"] => Route::NewCampaign,
            ["import"] => Route::Import,
            ["c", id] => Route::Campaign { id: id.to_string(), tab: Tab::Overview },
            ["c", id, tab] => Route::Campaign { id: id.to_string(), tab: Tab::from_slug(tab).unwrap_or(Tab::Overview) },
            _ => Route::Home,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::NewCampaign => "#/new".into(),
            Route::Import => "#/import".into(),
            Route::Campaign { id, tab } => format!("#/c/{id}/{}", tab.slug()),
        }
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The route signal, following `hashchange`.
pub fn route_signal() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    let handle = window_event_listener_untyped("hashchange", move |_| set_route.set(Route::parse(&current_hash())));
    on_cleanup(move || handle.remove());
    route
}

pub fn go(r: &Route) {
    let _ = window().location().set_hash(&r.href());
}
