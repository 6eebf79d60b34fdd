//! The campaigns this server read or wrote lately, parsed, each with the version it is. Parsing a
//! bloc's stored document costs far more than merging a unit's push into it, and every sync of a
//! bloc would otherwise parse it again. The database stays the source of truth: an entry is used
//! only while the database still holds that version (`handlers::current` asks it on every request),
//! so a write by another server on the same database makes this one read the campaign again.

use super::answer::PullMeta;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use thidua_core::Campaign;

/// A campaign as stored at one version.
pub struct Current {
    pub version: u64,
    /// With the version, what says the database still holds this document: a campaign removed and
    /// published again by hand starts again at version 1, but not at the same instant.
    pub updated_ms: u64,
    pub campaign: Campaign,
    /// `campaign` as JSON: what is stored, and the content of every pull of this version.
    pub doc: Box<RawValue>,
    /// The rest of a pull of this version (its checksum above all), made when first asked for.
    pull: OnceLock<Arc<PullMeta>>,
}

impl Current {
    /// `doc` is always written from `campaign` here, never taken from the database as it is: a
    /// document an older version wrote may read back into a campaign that writes differently,
    /// and a pull's content must be the text its checksum was computed from.
    pub fn new(version: u64, updated_ms: u64, campaign: Campaign) -> Result<Current, serde_json::Error> {
        let doc = serde_json::value::to_raw_value(&campaign)?;
        Ok(Current { version, updated_ms, campaign, doc, pull: OnceLock::new() })
    }

    fn size(&self) -> usize {
        self.doc.get().len()
    }

    /// The pull of this version, if made already.
    pub fn pull_meta(&self) -> Option<Arc<PullMeta>> {
        self.pull.get().cloned()
    }

    /// Makes the pull of this version: a copy of the campaign, its canonical JSON and SHA-256,
    /// the most costly part of a sync by far.
    pub fn make_pull(&self) -> Arc<PullMeta> {
        self.pull.get_or_init(|| Arc::new(PullMeta::of(&self.campaign))).clone()
    }
}

struct Entry {
    current: Arc<Current>,
    last_used: u64,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<String, Entry>,
    bytes: usize,
    clock: u64,
}

/// At most `budget` bytes of stored text (the parsed campaigns take a few times that), the least
/// recently used campaigns dropped first.
pub struct Cache {
    budget: usize,
    inner: Mutex<Inner>,
}

impl Cache {
    pub fn new(budget: usize) -> Cache {
        Cache { budget, inner: Mutex::new(Inner::default()) }
    }

    /// A poisoned map only means a request panicked while holding it; each entry in it is whole
    /// (entries are replaced, never changed), so the map is still good to use.
    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn get(&self, id: &str) -> Option<Arc<Current>> {
        let mut inner = self.inner();
        inner.clock += 1;
        let now = inner.clock;
        inner.entries.get_mut(id).map(|e| {
            e.last_used = now;
            e.current.clone()
        })
    }

    pub fn put(&self, id: &str, current: Arc<Current>) {
        let mut inner = self.inner();
        inner.clock += 1;
        let size = current.size();
        let entry = Entry { current, last_used: inner.clock };
        if let Some(old) = inner.entries.insert(id.to_string(), entry) {
            inner.bytes -= old.current.size();
        }
        inner.bytes += size;
        // The newest entry stays even alone over the budget: the request using it holds it anyway.
        while inner.bytes > self.budget && inner.entries.len() > 1 {
            let Some(oldest) = inner.entries.iter().filter(|(k, _)| k.as_str() != id).min_by_key(|(_, e)| e.last_used).map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(e) = inner.entries.remove(&oldest) {
                inner.bytes -= e.current.size();
            }
        }
    }

    pub fn remove(&self, id: &str) {
        let mut inner = self.inner();
        if let Some(e) = inner.entries.remove(id) {
            inner.bytes -= e.current.size();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use thidua_core::model::BlocInfo;

    fn current(version: u64, doc_len: usize) -> Arc<Current> {
        let campaign = Campaign::new("x".repeat(doc_len), BlocInfo::default());
        Arc::new(Current::new(version, version, campaign).expect("serialises"))
    }

    #[test]
    fn keeps_the_recently_used_within_the_budget() {
        // Documents of a little over 10,000 bytes: two fit, not three.
        let cache = Cache::new(25_000);
        cache.put("a", current(1, 10_000));
        cache.put("b", current(1, 10_000));
        assert!(cache.get("a").is_some());
        cache.put("c", current(1, 10_000));
        assert!(cache.get("b").is_none(), "the least recently used goes first");
        assert!(cache.get("a").is_some() && cache.get("c").is_some());
        cache.put("a", current(2, 10_000));
        assert_eq!(cache.get("a").map(|c| c.version), Some(2));
        cache.put("big", current(1, 100_000));
        assert!(cache.get("big").is_some(), "the newest stays even alone over the budget");
        assert!(cache.get("a").is_none() && cache.get("c").is_none());
        cache.remove("big");
        assert!(cache.get("big").is_none());
        assert_eq!(cache.inner().bytes, 0);
    }
}
