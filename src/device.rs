//! What this browser remembers about itself: its replica id and clock (for merge stamps), the
//! language, which unit it acts for in each campaign, and which campaigns it has archived.

use crate::lang::Lang;
use crate::storage::{new_id, read_raw, write_raw, StoreError};
use std::collections::{BTreeMap, BTreeSet};
use thidua_core::edit::Actor;
use thidua_core::hlc::Clock;
use thidua_core::Stamp;

const KEY: &str = "thidua.device";

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Device {
    pub clock: Clock,
    #[serde(default)]
    pub lang: Lang,
    #[serde(default)]
    pub acting: BTreeMap<String, Actor>,
    #[serde(default)]
    pub archived: BTreeSet<String>,
    /// Per campaign: when this device last exported it (wall ms) and the highest clock of its own
    /// writes then, so the app can say what has not been sent since.
    #[serde(default)]
    pub exported: BTreeMap<String, Exported>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Exported {
    pub at_ms: u64,
    pub clock: u64,
}

impl Device {
    /// This browser's record, created on first use. A damaged record is replaced: it holds only
    /// preferences, and a new replica id is always safe for merging.
    pub fn load() -> Device {
        read_raw(KEY)
            .ok()
            .flatten()
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_else(|| Device {
                clock: Clock::new(new_id()),
                lang: Lang::Vi,
                acting: BTreeMap::new(),
                archived: BTreeSet::new(),
                exported: BTreeMap::new(),
            })
    }

    /// The record as stored, if there is one (`load` makes a new one when there is none): whether
    /// this browser's storage still knows this device (`storage_guard`).
    pub fn stored() -> Option<Device> {
        read_raw(KEY).ok().flatten().and_then(|raw| serde_json::from_str(&raw).ok())
    }

    pub fn save(&self) -> Result<(), StoreError> {
        write_raw(KEY, &serde_json::to_string(self).unwrap_or_default())
    }

    /// Changes the stored record with `f` (re-read first: another tab may have changed it).
    pub fn update(f: impl FnOnce(&mut Device)) -> Result<Device, StoreError> {
        let mut d = Device::load();
        f(&mut d);
        d.save()?;
        Ok(d)
    }

    /// A stamp for a write made now on this device.
    pub fn stamp() -> Stamp {
        let mut s = Stamp::default();
        let _ = Device::update(|d| s = d.clock.tick(crate::lang::now_ms()));
        s
    }
}
