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
