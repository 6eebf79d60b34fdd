//! `/api/…`: what the server answers besides the app's files: its health and the sync API.

use crate::sync;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::sync::Arc;

pub fn router(state: Arc<sync::State>, max_body: usize) -> Router {
    Router::new()
        .route("/health", get(health))
        .nest("/v1", sync::router(state, max_body))
        .fallback(not_found)
}

async fn health() -> Json<Value> {
    Json(json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

/// An unknown API path is a 404 in JSON, never the app's index.html.
async fn not_found() -> (StatusCode, Json<Value>) {
    (
        StatusCode::NOT_FOUND,
        Json(json!({ "status": "error", "error": "not found" })),
    )
}
