//! The HTTP server: the built app from `dist/` (an unknown page path gets `index.html`, so the app's
//! own routes survive a reload; an unknown *file* — a path with an extension — is a 404, so that a
//! half-uploaded deploy is never cached by the service worker as a script) and the API under `/api`.
//! Stops gracefully on Ctrl-C or SIGTERM.

use crate::api;
use crate::failure::Failure;
use crate::output;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

pub struct Config {
    pub dist: PathBuf,
    pub listen: String,
}

pub fn router(dist: &Path) -> Router {
    let index = dist.join("index.html");
    let fallback = axum::routing::any(move |uri: Uri| {
        let index = index.clone();
        async move { app_page_or_404(uri, &index).await }
    });
    let app = ServeDir::new(dist).fallback(fallback);
    Router::new()
        .nest("/api", api::router())
        .fallback_service(app)
}

async fn app_page_or_404(uri: Uri, index: &Path) -> Response {
    let last = uri.path().rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return (StatusCode::NOT_FOUND, "không có tệp này (not found)").into_response();
    }
    match tokio::fs::read_to_string(index).await {
        Ok(html) => Html(html).into_response(),
        Err(_) => (StatusCode::NOT_FOUND, "chưa có ứng dụng: hãy chạy trunk build (app not built)").into_response(),
    }
}

pub async fn run(config: Config) -> Result<(), Failure> {
    if !config.dist.join("index.html").is_file() {
        eprintln!(
            "thidua serve: cảnh báo: không có {0}/index.html, hãy chạy `trunk build --release` \
             (warning: {0}/index.html not found; run `trunk build --release`)",
            config.dist.display()
        );
    }
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .map_err(|e| {
            Failure::Server(format!(
                "không lắng nghe được (cannot listen on) {}: {e}",
                config.listen
            ))
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Failure::Server(format!("không rõ địa chỉ (no local address): {e}")))?;
    // Scripts and tests read the URL from this line (port 0 picks a free port).
    // A server keeps running when nobody reads its standard output.
    let _ = output::stdout(&format!(
        "thidua serve: http://{addr}/ (dist: {})\n",
        config.dist.display()
    ));
    axum::serve(listener, router(&config.dist))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| Failure::Server(format!("lỗi máy chủ (server error): {e}")))?;
    eprintln!("thidua serve: đã dừng (stopped)");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM. A signal that cannot be watched is simply never awaited.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
