//! The sync API, `/api/v1/…`: publish a campaign, see whom a credential stands for, sync, reissue
//! a unit's code. Every push is merged by the core (`thidua_core::sync::accept`), the same merge as
//! a file's; the server adds who is asking (the credential), and keeps the merged state.

mod answer;
mod cache;
mod credential;
mod error;
mod handlers;
mod limit;

pub use credential::{hash as credential_hash, new_join_code, new_leader_token, role_text};
pub use limit::Limits;

use crate::store::Store;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What every request may use.
pub struct State {
    pub store: Store,
    pub limits: Limits,
    /// When set, publishing a campaign needs this key (header `X-Thidua-Publish-Key`): a server
    /// open to the Internet is not a free store for anyone's data.
    pub publish_key: Option<String>,
    locks: Mutex<HashMap<String, Arc<Locks>>>,
    /// Campaigns as last read or written, parsed; replaced only under their `merge` lock.
    cache: cache::Cache,
}

/// A campaign's locks on this server.
#[derive(Default)]
struct Locks {
    /// One push merged at a time (the store's compare-and-swap keeps several servers right; the
    /// lock saves them retries).
    merge: tokio::sync::Mutex<()>,
    /// One pull made at a time: the requests that wait meanwhile all take the next one made.
    pull: tokio::sync::Mutex<()>,
}

impl State {
    /// `cache_bytes`: how much stored text the campaigns kept parsed in memory may add up to.
    pub fn new(store: Store, limits: Limits, publish_key: Option<String>, cache_bytes: usize) -> State {
        State { store, limits, publish_key, locks: Mutex::new(HashMap::new()), cache: cache::Cache::new(cache_bytes) }
    }

    fn locks_of(&self, campaign: &str) -> Arc<Locks> {
        match self.locks.lock() {
            Ok(mut locks) => locks.entry(campaign.to_string()).or_default().clone(),
            // A poisoned map only means another request panicked while holding it; fresh locks
            // are still correct because the store's swap is.
            Err(_) => Arc::new(Locks::default()),
        }
    }
}

pub fn router(state: Arc<State>, max_body: usize) -> Router {
    Router::new()
        .route("/publish", post(handlers::publish))
        .route("/session", get(handlers::session))
        .route("/sync", post(handlers::sync))
        .route("/codes/{unit}", post(handlers::reissue_code))
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(state)
}
