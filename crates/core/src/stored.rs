//! Reading a campaign document back (from browser storage, a file or the server), whatever schema
//! version wrote it: older ones are migrated, newer ones refused, damaged ones reported.

use crate::model::{Campaign, SCHEMA_VERSION};
use crate::problem::Msg;

mod implied;
pub mod journal;

/// Why a stored campaign could not be read. The caller keeps the text aside, untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON, or not a campaign.
    Damaged(String),
    /// Written by a newer version of the app.
    Newer(u32),
}

impl LoadError {
    pub fn msg(&self) -> Msg {
        match self {
            LoadError::Damaged(detail) => Msg::new(
                format!("dữ liệu đã lưu bị hỏng, không đọc được ({detail})"),
                format!("the stored data is damaged and cannot be read ({detail})"),
            ),
            LoadError::Newer(v) => Msg::new(
                format!("dữ liệu được lưu bởi phiên bản mới hơn (lược đồ {v}, bản này đọc đến {SCHEMA_VERSION}); hãy cập nhật ứng dụng"),
                format!("the data was saved by a newer version (schema {v}, this one reads up to {SCHEMA_VERSION}); update the app"),
            ),
        }
    }
}

/// Parses a campaign document, migrating older schemas.
///
/// A document of this version's schema is parsed straight into the types (at 40 units × 300
/// criteria the JSON tree the other way builds first doubled the time of opening a campaign);
/// anything else (an older schema to migrate, a newer one, a damaged text) is read through the
/// tree ([`campaign_from_json_slowly`]), which gives the same campaign for every text the quick
/// way reads and says what is wrong with the others.
pub fn campaign_from_json(text: &str) -> Result<Campaign, LoadError> {
    current_campaign(text).map_or_else(|| campaign_from_json_slowly(text), Ok)
}

/// The quick way alone: a campaign of this version's schema, or `None` for the slow way to read.
pub(crate) fn current_campaign(text: &str) -> Option<Campaign> {
    serde_json::from_str::<Campaign>(text).ok().filter(|c| c.schema == SCHEMA_VERSION)
}

/// [`campaign_from_json`] through a `serde_json::Value`; public so that tests can hold the quick
/// way to it.
#[doc(hidden)]
pub fn campaign_from_json_slowly(text: &str) -> Result<Campaign, LoadError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| LoadError::Damaged(e.to_string()))?;
    campaign_from_value(value)
}

/// [`campaign_from_json`] for a document already parsed (the base [`journal`] wraps).
pub fn campaign_from_value(value: serde_json::Value) -> Result<Campaign, LoadError> {
    let schema = value
        .get("schema")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| LoadError::Damaged("thiếu «schema» / no «schema»".into()))?;
    let schema = u32::try_from(schema).map_err(|_| LoadError::Newer(u32::MAX))?;
    if schema > SCHEMA_VERSION {
        return Err(LoadError::Newer(schema));
    }
    // Schema 1 is the first; migrations from older documents go here, one step per version.
    serde_json::from_value(value).map_err(|e| LoadError::Damaged(e.to_string()))
}

pub fn campaign_to_json(c: &Campaign) -> String {
    // A campaign holds only strings, numbers, maps with string keys and vectors: it always serialises.
    serde_json::to_string(c).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlocInfo;

    #[test]
    fn round_trip_and_refusals() {
        let c = Campaign::new("x", BlocInfo { name: "Khối".into(), year: 2025, ..Default::default() });
        assert_eq!(campaign_from_json(&campaign_to_json(&c)), Ok(c.clone()));
        assert_eq!(campaign_from_json_slowly(&campaign_to_json(&c)), Ok(c));
        assert!(matches!(campaign_from_json("{\"schema\":1"), Err(LoadError::Damaged(_))));
        assert!(matches!(campaign_from_json("[]"), Err(LoadError::Damaged(_))));
        assert!(matches!(campaign_from_json("{\"schema\":1}"), Err(LoadError::Damaged(_))));
        assert_eq!(campaign_from_json("{\"schema\":99}"), Err(LoadError::Newer(99)));
        assert!(campaign_from_json("").is_err());
    }
}
