//! The HTTP server: the built app from `dist/` (an unknown page path gets `index.html`, so the app's
//! own routes survive a reload; an unknown *file* — a path with an extension — is a 404, so that a
//! half-uploaded deploy is never cached by the service worker as a script) and the API under `/api`.
//! Stops gracefully on Ctrl-C or SIGTERM.

use crate::api;
use crate::assets;
use crate::failure::Failure;
use crate::output;
use crate::store::Store;
use crate::sync;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::CompressionLevel;

pub struct Config {
    pub dist: PathBuf,
    pub listen: String,
    pub database_url: String,
    pub max_body: usize,
    pub rate_per_minute: u32,
    pub rate_burst: u32,
    pub publish_key: Option<String>,
    pub cache_bytes: usize,
}

pub fn router(dist: &Path, state: Arc<sync::State>, max_body: usize) -> Router {
    let index = dist.join("index.html");
    let fallback = axum::routing::any(move |uri: Uri| {
        let index = index.clone();
        async move { app_page_or_404(uri, &index).await }
    });
    let app = ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(fallback);
    let app = Router::new().fallback_service(app).layer(axum::middleware::from_fn(assets::cache_headers));
    // The API's answers (a campaign is a few hundred KB of JSON) are compressed as they go.
    let api = api::router(state, max_body).layer(CompressionLayer::new().gzip(true).quality(CompressionLevel::Fastest));
    Router::new().nest("/api", api).merge(app)
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
    // Compressing the wasm at the best settings takes seconds: the server answers meanwhile, with
    // uncompressed files until each compressed copy is whole.
    let dist = config.dist.clone();
    tokio::task::spawn_blocking(move || match assets::precompress(&dist) {
        Ok(0) => {}
        Ok(n) => eprintln!("thidua serve: đã nén {n} tệp (compressed {n} files)"),
        Err(e) => eprintln!("thidua serve: không nén được tệp trong {} (cannot precompress): {e}", dist.display()),
    });
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
    let store = Store::open(&config.database_url).await.map_err(|e| {
        Failure::Server(format!(
            "không mở được cơ sở dữ liệu (cannot open the database) {}: {e}",
            redact(&config.database_url)
        ))
    })?;
    eprintln!("thidua serve: dữ liệu ở (data in) {} {}", store.kind(), redact(&config.database_url));
    let limits = sync::Limits::new(config.rate_per_minute, config.rate_burst);
    let state = Arc::new(sync::State::new(store, limits, config.publish_key.clone(), config.cache_bytes));

    // Scripts and tests read the URL from this line (port 0 picks a free port).
    // A server keeps running when nobody reads its standard output.
    let _ = output::stdout(&format!(
        "thidua serve: http://{addr}/ (dist: {})\n",
        config.dist.display()
    ));
    let app = router(&config.dist, state, config.max_body);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| Failure::Server(format!("lỗi máy chủ (server error): {e}")))?;
    eprintln!("thidua serve: đã dừng (stopped)");
    Ok(())
}

/// A database URL without its password, for logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..scheme + 3], &userinfo[..colon], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
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
