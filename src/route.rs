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

/// A document printed on its own page (`#/c/<id>/in/…`), as the bloc files it on paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintDoc {
    /// Bản giao ước thi đua, with every unit's signing row.
    Pledge,
    /// One unit's Bảng tự chấm điểm, by unit code.
    Scorecard(String),
    /// Biên bản họp bình xét thi đua.
    Minutes,
}

impl PrintDoc {
    /// The tab the document is made from, where its back link leads.
    pub fn tab(&self) -> Tab {
        match self {
            PrintDoc::Pledge => Tab::Pledge,
            PrintDoc::Scorecard(_) => Tab::SelfScoring,
            PrintDoc::Minutes => Tab::Evaluation,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    NewCampaign,
    Import,
    Campaign { id: String, tab: Tab },
    Print { id: String, doc: PrintDoc },
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
            ["c", id, "in", "giao-uoc"] => Route::Print { id: id.to_string(), doc: PrintDoc::Pledge },
            ["c", id, "in", "bien-ban"] => Route::Print { id: id.to_string(), doc: PrintDoc::Minutes },
            ["c", id, "in", "tu-cham", unit] => {
                let unit = js_sys::decode_uri_component(unit).ok().and_then(|u| u.as_string()).unwrap_or_else(|| unit.to_string());
                Route::Print { id: id.to_string(), doc: PrintDoc::Scorecard(unit) }
            }
            _ => Route::Home,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::NewCampaign => "#/new".into(),
            Route::Import => "#/import".into(),
            Route::Campaign { id, tab } => format!("#/c/{id}/{}", tab.slug()),
            Route::Print { id, doc: PrintDoc::Pledge } => format!("#/c/{id}/in/giao-uoc"),
            Route::Print { id, doc: PrintDoc::Minutes } => format!("#/c/{id}/in/bien-ban"),
            Route::Print { id, doc: PrintDoc::Scorecard(unit) } => {
                format!("#/c/{id}/in/tu-cham/{}", String::from(js_sys::encode_uri_component(unit)))
            }
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
