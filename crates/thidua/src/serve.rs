//! The HTTP server: the built app from `dist/` (any unknown path gets `index.html`, so the app's
//! own routes survive a reload) and the API under `/api`. Stops gracefully on Ctrl-C or SIGTERM.

use crate::api;
use crate::failure::Failure;
use crate::output;
use axum::Router;
use std::path::{Path, PathBuf};
use tower_http::services::{ServeDir, ServeFile};

pub struct Config {
    pub dist: PathBuf,
    pub listen: String,
}

pub fn router(dist: &Path) -> Router {
    let app = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
    Router::new()
        .nest("/api", api::router())
        .fallback_service(app)
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
