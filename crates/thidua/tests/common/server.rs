//! A real `thidua serve` on loopback over a real database, and a small JSON client for it.
#![allow(dead_code)]

use super::thidua;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::Duration;

/// The database the tests run on: a SQLite file in a temporary directory, or the PostgreSQL server
/// `scripts/test` starts (its URL in `THIDUA_TEST_POSTGRES_URL`).
pub enum Db {
    Sqlite(tempfile::TempDir),
    Postgres(String),
}

impl Db {
    pub fn sqlite() -> Db {
        Db::Sqlite(tempfile::tempdir().expect("tempdir"))
    }

    /// The PostgreSQL of the test run. Without one the test fails, saying how to get one,
    /// unless `THIDUA_SKIP_POSTGRES=1` says to skip it (`None`).
    pub fn postgres() -> Option<Db> {
        match std::env::var("THIDUA_TEST_POSTGRES_URL") {
            Ok(url) if !url.is_empty() => Some(Db::Postgres(url)),
            _ if std::env::var("THIDUA_SKIP_POSTGRES").as_deref() == Ok("1") => {
                eprintln!("skipped: no PostgreSQL (THIDUA_SKIP_POSTGRES=1)");
                None
            }
            _ => panic!(
                "THIDUA_TEST_POSTGRES_URL is not set: `scripts/test` starts PostgreSQL on loopback and sets it \
                 (or set THIDUA_SKIP_POSTGRES=1 to skip the PostgreSQL tests)"
            ),
        }
    }

    pub fn url(&self) -> String {
        match self {
            Db::Sqlite(dir) => format!("sqlite://{}", dir.path().join("thidua.sqlite3").display()),
            Db::Postgres(url) => url.clone(),
        }
    }
}

/// Both databases, for the tests that must hold on each.
pub fn databases() -> Vec<Db> {
    let mut all = vec![Db::sqlite()];
    all.extend(Db::postgres());
    all
}

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
    pub db_url: String,
    dist: tempfile::TempDir,
    extra: Vec<String>,
    /// Environment of the server process (fault injection), kept for restarts.
    pub env: Vec<(String, String)>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(db_url: &str, listen: &str, dist: &std::path::Path, extra: &[String], env: &[(String, String)]) -> (Child, String) {
    let mut child = thidua()
        .arg("serve")
        .arg("--dist")
        .arg(dist)
        .arg("--listen")
        .arg(listen)
        .arg("--database-url")
        .arg(db_url)
        .args(extra)
        .env_remove("THIDUA_LISTEN")
        .env_remove("THIDUA_DIST")
        .env_remove("THIDUA_DATABASE_URL")
        .env_remove("THIDUA_PUBLISH_KEY")
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn thidua serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("read the URL line");
    let addr = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://"))
        .map(|a| a.trim_end_matches('/').to_string())
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    (child, addr)
}

impl Server {
    /// `extra`: more `serve` flags, e.g. `--rate-per-minute 0`.
    pub fn start(db: &Db, extra: &[&str]) -> Server {
        Server::start_env(db, extra, &[])
    }

    /// [`Server::start`] with environment variables for the server (kept for restarts).
    pub fn start_env(db: &Db, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let dist = tempfile::tempdir().expect("tempdir");
        std::fs::write(dist.path().join("index.html"), "<!doctype html><title>t</title>").expect("index");
        let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let (child, addr) = spawn(&db.url(), "127.0.0.1:0", dist.path(), &extra, &env);
        Server { child, addr, db_url: db.url(), dist, extra, env }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Kills the server at once (SIGKILL: no graceful shutdown, whatever it was doing).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts it again on the same address and database (and `env`).
    pub fn restart(&mut self) {
        self.kill();
        for _ in 0..50 {
            let (child, addr) = spawn(&self.db_url, &self.addr, self.dist.path(), &self.extra, &self.env);
            if addr == self.addr {
                self.child = child;
                return;
            }
            drop(child);
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("could not restart on {}", self.addr);
    }
}

/// What the server answered: status and JSON body (`Value::Null` when none or not JSON).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub retry_after: Option<String>,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn reply(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Result<Reply, String> {
    let mut r = r.map_err(|e| e.to_string())?;
    let status = r.status().as_u16();
    let retry_after = r.headers().get("retry-after").and_then(|v| v.to_str().ok()).map(str::to_string);
    let text = r.body_mut().with_config().limit(256 * 1024 * 1024).read_to_string().map_err(|e| e.to_string())?;
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Ok(Reply { status, body, retry_after })
}

/// POST `body` (raw text) to `url` with an optional bearer token. `Err` when no answer came.
pub fn post_raw(url: &str, token: Option<&str>, body: &str) -> Result<Reply, String> {
    let mut req = agent().post(url).header("content-type", "application/json");
    if let Some(t) = token {
        req = req.header("authorization", &format!("Bearer {t}"));
    }
    reply(req.send(body))
}

/// POST a body the server refuses before reading it all (over its size limit) to `path` on `addr`.
/// The server answers and closes while the body is still being sent, so the write may fail
/// (broken pipe, reset) depending on timing; a browser reads the answer all the same, and so does
/// this, where ureq gives up at the write. The body is sent from a thread while the answer is read.
pub fn post_too_large(addr: &str, path: &str, token: Option<&str>, body: &str) -> Result<Reply, String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(60))).map_err(|e| e.to_string())?;
    let auth = token.map(|t| format!("authorization: Bearer {t}\r\n")).unwrap_or_default();
    let head = format!(
        "POST {path} HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\n{auth}content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let payload = [head.as_bytes(), body.as_bytes()].concat();
    let mut writer = stream.try_clone().map_err(|e| e.to_string())?;
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(&payload);
    });
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            // A reset after the answer came: the answer is what counts.
            Err(_) if !raw.is_empty() => break,
            Err(e) => return Err(e.to_string()),
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = sender.join();
    parse_http(&raw)
}

/// An HTTP/1.1 answer read off the socket: status, headers, and the body (whole or chunked).
fn parse_http(raw: &[u8]) -> Result<Reply, String> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or("no end of headers in the answer")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut rest = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).ok_or("no status line")?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string())))
        .collect();
    let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        let mut body = Vec::new();
        let mut at = 0;
        loop {
            let line_end = rest[at..].windows(2).position(|w| w == b"\r\n").ok_or("a chunk without its size")? + at;
            let size = usize::from_str_radix(String::from_utf8_lossy(&rest[at..line_end]).trim(), 16).map_err(|e| e.to_string())?;
            if size == 0 {
                break;
            }
            let start = line_end + 2;
            body.extend_from_slice(rest.get(start..start + size).ok_or("a chunk cut short")?);
            at = start + size + 2;
        }
        rest = body;
    } else if let Some(n) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
        rest.truncate(n);
    }
    let body = serde_json::from_slice(&rest).unwrap_or(Value::Null);
    Ok(Reply { status, body, retry_after: header("retry-after") })
}

pub fn post(url: &str, token: Option<&str>, body: &Value) -> Result<Reply, String> {
    post_raw(url, token, &body.to_string())
}

pub fn get(url: &str, token: Option<&str>) -> Result<Reply, String> {
    let mut req = agent().get(url);
    if let Some(t) = token {
        req = req.header("authorization", &format!("Bearer {t}"));
    }
    reply(req.call())
}
