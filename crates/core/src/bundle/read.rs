//! Reading a bundle file: the text as it arrived, checked and turned into a [`Bundle`] or refused
//! with the reason. A file this app wrote is canonical JSON and is read in one pass
//! ([`read_canonical`]); any other text goes through a strict JSON tree
//! ([`Bundle::from_json_slowly`]), which answers the same for every text the fast way takes.

use super::{Bundle, FORMAT, MAX_TEXT_BYTES};
use crate::merge::canonical_json;
use crate::model::SCHEMA_VERSION;
use crate::problem::Msg;
use serde_json::Value;
use sha2::{Digest, Sha256};

impl Bundle {
    /// Reads a bundle, refusing anything that is not an intact bundle this version can read. Never
    /// panics, whatever the text.
    ///
    /// A file this app wrote is canonical JSON: it is checked and parsed in one pass (its content's
    /// bytes hashed as they are, then parsed straight into the types). Any other text, and any
    /// text that pass does not accept, is read the slow way ([`Bundle::from_json_slowly`]), which
    /// gives the same bundle for every text the fast way accepts, and says what is wrong.
    pub fn from_json(text: &str) -> Result<Bundle, Msg> {
        if text.len() <= MAX_TEXT_BYTES {
            if let Some(b) = read_canonical(text) {
                return Ok(b);
            }
        }
        Bundle::from_json_slowly(text)
    }

    /// Reads a bundle through a strict JSON tree (`crate::untrusted`), its checksum made from that
    /// tree. What [`Bundle::from_json`] falls back to; public so that tests and the fuzzer can hold
    /// the fast way to it.
    #[doc(hidden)]
    pub fn from_json_slowly(text: &str) -> Result<Bundle, Msg> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(Msg::new(
                format!("Tệp quá lớn ({} MiB; tối đa {} MiB): không phải tệp dữ liệu Thi đua", text.len() >> 20, MAX_TEXT_BYTES >> 20),
                format!("the file is too large ({} MiB; at most {} MiB): not a Thi đua data file", text.len() >> 20, MAX_TEXT_BYTES >> 20),
            ));
        }
        let not_bundle = |detail: &str| {
            Msg::new(
                format!("Đây không phải tệp dữ liệu Thi đua ({detail})"),
                format!("this is not a Thi đua data file ({detail})"),
            )
        };
        // Strictly: no repeated key, bounded lists and texts (`crate::untrusted`).
        let v: Value = crate::untrusted::parse(text)?;
        if v.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(not_bundle("format"));
        }
        let newer = |s: u64| {
            Msg::new(
                format!("Tệp được tạo bởi phiên bản mới hơn (lược đồ {s}, bản này đọc đến {SCHEMA_VERSION}); hãy cập nhật ứng dụng"),
                format!("the file was made by a newer version (schema {s}, this one reads up to {SCHEMA_VERSION}); update the app"),
            )
        };
        for schema in [v.get("schema"), v.get("content").and_then(|c| c.get("schema"))] {
            match schema.and_then(Value::as_u64) {
                Some(s) if s > u64::from(SCHEMA_VERSION) => return Err(newer(s)),
                Some(_) => {}
                None => return Err(not_bundle("schema")),
            }
        }
        let content = v.get("content").ok_or_else(|| not_bundle("content"))?;
        let claimed = v.get("checksum").and_then(Value::as_str).ok_or_else(|| not_bundle("checksum"))?;
        if !claimed.eq_ignore_ascii_case(&checksum_of(content)) {
            return Err(Msg::new(
                "Tệp đã bị sửa hoặc hỏng (mã kiểm tra không khớp): hãy xin gửi lại tệp",
                "the file has been altered or damaged (checksum mismatch): ask for it to be sent again",
            ));
        }
        let b: Bundle = serde_json::from_value(v).map_err(|e| not_bundle(&e.to_string()))?;
        if b.content.id != b.campaign_id {
            return Err(not_bundle("campaign_id"));
        }
        Ok(b)
    }
}

/// The fast way of [`Bundle::from_json`]: `Some` only for an intact bundle this version reads,
/// written as canonical JSON the strict reader accepts (`canonical::scan`); `None` sends the text
/// to the slow way, which then also says what is wrong.
#[doc(hidden)]
pub fn read_canonical(text: &str) -> Option<Bundle> {
    let content = crate::canonical::scan(text, "content")?;
    let b: Bundle = serde_json::from_str(text).ok()?;
    let readable = b.format == FORMAT && b.schema <= SCHEMA_VERSION && b.content.schema <= SCHEMA_VERSION;
    if !readable || b.content.id != b.campaign_id {
        return None;
    }
    // Canonical: the content's bytes are the canonical JSON its checksum was made from.
    let sum = hex(&Sha256::digest(&text.as_bytes()[content]));
    b.checksum.eq_ignore_ascii_case(&sum).then_some(b)
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes.iter().flat_map(|b| [DIGITS[usize::from(b >> 4)] as char, DIGITS[usize::from(b & 15)] as char]).collect()
}

/// Hex SHA-256 of the canonical JSON of `content`: what a bundle's `checksum` says.
pub(super) fn checksum_of(content: &Value) -> String {
    hex(&Sha256::digest(canonical_json(content).as_bytes()))
}
