//! A campaign's link to its sync server, kept per campaign under `thidua.sync.<id>` beside the
//! campaign (a device record of its own, so that a damaged one costs only the link).

use crate::storage::{read_raw, write_raw, StoreError};
use std::collections::BTreeMap;
use thidua_core::edit::Actor;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    /// The server's address, e.g. `https://thidua.example.gov.vn` (no trailing slash).
    pub server: String,
    /// The credential: the leader's token or the unit's join code.
    pub token: String,
    pub role: Actor,
    /// The server version this device last merged.
    #[serde(default)]
    pub since: Option<u64>,
    /// The checksum of the last push the server accepted: the same state is not sent twice.
    #[serde(default)]
    pub pushed: Option<String>,
    /// The highest clock of this device's own writes at that push ("N changes waiting").
    #[serde(default)]
    pub pushed_clock: u64,
    /// When the last sync succeeded (wall ms).
    #[serde(default)]
    pub last_ok_ms: Option<u64>,
    /// The units' join codes, on the leader's device, to send them again.
    #[serde(default)]
    pub codes: BTreeMap<String, String>,
}

fn key(id: &str) -> String {
    format!("thidua.sync.{id}")
}

impl Link {
    pub fn load(id: &str) -> Option<Link> {
        read_raw(&key(id)).ok().flatten().and_then(|raw| serde_json::from_str(&raw).ok())
    }

    pub fn save(&self, id: &str) -> Result<(), StoreError> {
        write_raw(&key(id), &serde_json::to_string(self).unwrap_or_default())
    }

    /// Changes the stored link with `f` (re-read first: another tab may have synced).
    pub fn update(id: &str, f: impl FnOnce(&mut Link)) -> Result<Option<Link>, StoreError> {
        let Some(mut l) = Link::load(id) else { return Ok(None) };
        f(&mut l);
        l.save(id)?;
        Ok(Some(l))
    }

    pub fn remove(id: &str) -> Result<(), StoreError> {
        crate::storage::remove_raw(&key(id))
    }
}

/// `https://host/` or `host:8080` as typed → `https://host` / `http://host:8080`.
pub fn normalise_server(typed: &str) -> Result<String, &'static str> {
    let t = typed.trim().trim_end_matches('/');
    if t.is_empty() {
        return Err("empty");
    }
    let with_scheme = if t.starts_with("http://") || t.starts_with("https://") { t.to_string() } else { format!("http://{t}") };
    if with_scheme.contains(char::is_whitespace) {
        return Err("spaces");
    }
    Ok(with_scheme)
}
