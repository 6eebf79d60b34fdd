//! `thidua serve` on a free loopback port, with a temporary dist directory.

mod common;

use common::thidua;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const INDEX: &str = "<!doctype html><title>Thi đua test index</title>";

/// The running server; killed if a test fails before stopping it.
struct Server {
    child: Child,
    addr: String,
    _dist: tempfile::TempDir,
    _db: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let dist = tempfile::tempdir().expect("tempdir");
    let db = tempfile::tempdir().expect("tempdir");
    std::fs::write(dist.path().join("index.html"), INDEX).expect("index.html");
    std::fs::write(dist.path().join("app.js"), "console.log('thidua');").expect("app.js");
    std::fs::write(dist.path().join("thidua-web-0123456789abcdef_bg.wasm"), vec![7u8; 4096]).expect("wasm");
    let mut child = thidua()
        .arg("serve")
        .arg("--dist")
        .arg(dist.path())
        .arg("--listen")
        .arg("127.0.0.1:0")
        .arg("--database-url")
        .arg(format!("sqlite://{}", db.path().join("thidua.sqlite3").display()))
        .env_remove("THIDUA_LISTEN")
        .env_remove("THIDUA_DIST")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn thidua serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read the URL line");
    let addr = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://"))
        .map(|a| a.trim_end_matches('/').to_string())
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    Server {
        child,
        addr,
        _dist: dist,
        _db: db,
    }
}

/// A raw HTTP/1.1 GET: (status, headers and body as text).
fn get(addr: &str, path: &str) -> (u16, String) {
    get_with(addr, path, "")
}

/// [`get`] with more header lines (each ending in `\r\n`).
fn get_with(addr: &str, path: &str, headers: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n"
    )
    .expect("send");
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).expect("read response");
    let text = String::from_utf8_lossy(&resp).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

#[test]
fn serves_health_app_and_fallback() {
    let server = start();
    let (status, body) = get(&server.addr, "/api/health");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(r#""status":"ok""#), "{body}");
    assert!(
        body.contains(&format!(r#""version":"{}""#, env!("CARGO_PKG_VERSION"))),
        "{body}"
    );
    assert!(
        body.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{body}"
    );

    let (status, body) = get(&server.addr, "/");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(INDEX), "{body}");

    let (status, body) = get(&server.addr, "/app.js");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("console.log('thidua');"), "{body}");

    // The app's own routes get index.html, so a reload does not 404.
    let (status, body) = get(&server.addr, "/xep-hang/2024");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(INDEX), "{body}");

    // A missing file is a 404, never the page: a service worker must not cache HTML as a script.
    let (status, body) = get(&server.addr, "/thidua-web-0123abcd_bg.wasm");
    assert_eq!(status, 404, "{body}");
    assert!(!body.contains(INDEX), "{body}");

    // Unknown API paths are JSON 404s, not the app.
    let (status, body) = get(&server.addr, "/api/khong-co");
    assert_eq!(status, 404, "{body}");
    assert!(!body.contains(INDEX), "{body}");
}

/// Hashed files are cached for a year and sent compressed (made when the server starts); the
/// page and the service worker are revalidated on each load.
#[test]
fn assets_are_precompressed_and_cached_by_their_hash() {
    let server = start();
    let hashed = "/thidua-web-0123456789abcdef_bg.wasm";
    let deadline = Instant::now() + Duration::from_secs(20);
    while !server._dist.path().join("thidua-web-0123456789abcdef_bg.wasm.br").exists() {
        assert!(Instant::now() < deadline, "no .br made");
        std::thread::sleep(Duration::from_millis(50));
    }
    let (status, head) = get_with(&server.addr, hashed, "Accept-Encoding: gzip, br\r\n");
    assert_eq!(status, 200);
    let head = head.to_ascii_lowercase();
    assert!(head.contains("content-encoding: br"), "{head}");
    assert!(head.contains("cache-control: public, max-age=31536000, immutable"), "{head}");
    let (_, head) = get_with(&server.addr, hashed, "Accept-Encoding: gzip\r\n");
    assert!(head.to_ascii_lowercase().contains("content-encoding: gzip"));
    let (_, plain) = get(&server.addr, hashed);
    assert!(!plain.to_ascii_lowercase().contains("content-encoding"), "no encoding unless asked");
    let (_, page) = get(&server.addr, "/");
    assert!(page.to_ascii_lowercase().contains("cache-control: no-cache"), "{page}");
}

#[cfg(unix)]
#[test]
fn stops_gracefully_on_sigterm() {
    let mut server = start();
    let (status, _) = get(&server.addr, "/api/health");
    assert_eq!(status, 200);
    let pid = server.child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = server.child.try_wait().expect("try_wait") {
            assert!(status.success(), "exit after SIGTERM: {status:?}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still running 10 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn busy_address_is_a_clear_error() {
    let server = start();
    let out = thidua()
        .arg("serve")
        .arg("--listen")
        .arg(&server.addr)
        .output()
        .expect("run thidua serve");
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&server.addr), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
