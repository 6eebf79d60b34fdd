//! The sync API, `/api/v1/…`: publish a campaign, see whom a credential stands for, sync, reissue
//! a unit's code. Every push is merged by the core (`thidua_core::sync::accept`), the same merge as
//! a file's; the server adds who is asking (the credential), and keeps the merged state.

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
    /// One lock per campaign, so that this server merges one push of a campaign at a time
    /// (the store's compare-and-swap keeps several servers right; the lock saves them retries).
    locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl State {
    pub fn new(store: Store, limits: Limits, publish_key: Option<String>) -> State {
        State { store, limits, publish_key, locks: Mutex::new(HashMap::new()) }
    }

    fn lock_of(&self, campaign: &str) -> Arc<tokio::sync::Mutex<()>> {
        match self.locks.lock() {
            Ok(mut locks) => locks.entry(campaign.to_string()).or_default().clone(),
            // A poisoned map only means another request panicked while holding it; a fresh
            // lock is still correct because the store's swap is.
            Err(_) => Arc::new(tokio::sync::Mutex::new(())),
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
