//! What a received file may hold, beyond its shape: read strictly, with bounded sizes, and only
//! values the app itself could have written.
//!
//! A data file arrives from anyone (by email, from a USB stick). `serde_json` alone accepts a key
//! repeated in one object (keeping the last, while a person or another program reading the file may
//! see the first), any number of entries and texts of any length up to the file's size limit, and
//! `edit::apply`'s checks on values (no negative score…) are not run on what a merge brings. So:
//! - [`parse`] reads the JSON refusing a repeated key, a list or map of more than [`MAX_ENTRIES`]
//!   entries and a text of more than [`MAX_TEXT_CHARS`] characters; nesting stays bounded by
//!   `serde_json`'s recursion limit (128 levels), so no file can exhaust the stack.
//! - [`implausible`] lists the scores and unit codes a file would bring that no form or import of
//!   the app can produce (a negative score, a count beyond what the importer reads, a unit code
//!   with a `/`), so that `bundle::preview` refuses them instead of storing them.
//! - [`check_opened`] is what opening a file as a new campaign (no copy to preview against) must
//!   still check: no stamp days in the future, no implausible value.

use crate::merge;
use crate::model::{Answer, Campaign};
use crate::points::Points;
use crate::problem::Msg;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::collections::BTreeSet;
use std::fmt;

/// The most entries in one list or map of a received file: a bloc's largest list (its score
/// entries, 40 units × 300 criteria per unit, its conflicts) is far below.
pub const MAX_ENTRIES: usize = 100_000;
/// The longest text in a received file, in characters: an evidence note or a pledge's contents
/// are a few thousand; a whole report pasted as a note (300 pages) still fits, so that nothing the
/// app lets a person type is refused when it arrives elsewhere.
pub const MAX_TEXT_CHARS: usize = 1_000_000;
/// The largest number of points or items the importer reads (`Points::parse`, a billion).
const MAX_POINTS: Points = Points::from_whole(1_000_000_000);
const MAX_COUNT: u64 = 1_000_000_000;

/// Why [`parse`] refused a text, besides plain JSON errors.
#[derive(Debug, Clone, PartialEq)]
enum Strict {
    Repeated(String),
    /// A number with a fraction or an exponent, or beyond 64 bits: the app writes only integers.
    NotWhole(f64),
    TooMany(usize),
    TooLong(usize),
}

struct Reader<'a> {
    why: &'a Cell<Option<Strict>>,
}

impl<'a> Reader<'a> {
    fn fail<E: de::Error>(&self, s: Strict) -> E {
        let text = format!("{s:?}");
        self.why.set(Some(s));
        E::custom(text)
    }

    fn text<E: de::Error>(&self, s: &str) -> Result<(), E> {
        // Bytes bound characters from above: count only when it could matter.
        if s.len() > MAX_TEXT_CHARS {
            let n = s.chars().count();
            if n > MAX_TEXT_CHARS {
                return Err(self.fail(Strict::TooLong(n)));
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Reader<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Reader<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Err(self.fail(Strict::NotWhole(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.text(v)?;
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.text(&v)?;
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Reader { why: self.why })? {
            if out.len() == MAX_ENTRIES {
                return Err(self.fail(Strict::TooMany(MAX_ENTRIES + 1)));
            }
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(k) = map.next_key::<String>()? {
            self.text(&k)?;
            if out.contains_key(&k) {
                return Err(self.fail(Strict::Repeated(k)));
            }
            if out.len() == MAX_ENTRIES {
                return Err(self.fail(Strict::TooMany(MAX_ENTRIES + 1)));
            }
            let v = map.next_value_seed(Reader { why: self.why })?;
            out.insert(k, v);
        }
        Ok(Value::Object(out))
    }
}

/// Reads JSON as [`serde_json::from_str`] does, refusing what the module doc says. The message
/// says what is wrong in words (for plain syntax errors, "not a Thi đua data file (JSON: …)" with
/// line and column, as `Bundle::from_json` says it).
pub fn parse(text: &str) -> Result<Value, Msg> {
    let why = Cell::new(None);
    let mut d = serde_json::Deserializer::from_str(text);
    let r = Reader { why: &why }.deserialize(&mut d).and_then(|v| d.end().map(|_| v));
    r.map_err(|e| {
        let (vi_at, en_at) = (format!("dòng {}, cột {}", e.line(), e.column()), format!("line {}, column {}", e.line(), e.column()));
        match why.take() {
            Some(Strict::Repeated(k)) => Msg::new(
                format!("Tệp có khóa «{k}» lặp lại trong cùng một đối tượng, {vi_at}: tệp bị sửa tay hoặc hỏng"),
                format!("the file repeats the key «{k}» in one object, {en_at}: hand-edited or damaged"),
            ),
            Some(Strict::NotWhole(x)) => Msg::new(
                format!("Tệp có số «{x}» ({vi_at}) không phải số nguyên hoặc quá lớn: điểm được ghi bằng số nguyên (phần trăm điểm), tệp bị sửa tay hoặc hỏng"),
                format!("the file holds the number «{x}» ({en_at}), not a whole number or too large: points are written as whole hundredths; hand-edited or damaged"),
            ),
            Some(Strict::TooMany(_)) => Msg::new(
                format!("Tệp có một danh sách quá dài (hơn {} mục, {vi_at}): không phải dữ liệu của một Khối", fmt_count(MAX_ENTRIES)),
                format!("the file has a list that is too long (more than {MAX_ENTRIES} entries, {en_at}): not a bloc's data"),
            ),
            Some(Strict::TooLong(n)) => Msg::new(
                format!("Tệp có một đoạn văn bản quá dài ({} ký tự, tối đa {}; {vi_at})", fmt_count(n), fmt_count(MAX_TEXT_CHARS)),
                format!("the file has a text that is too long ({n} characters, at most {MAX_TEXT_CHARS}; {en_at})"),
            ),
            None => Msg::new(format!("Đây không phải tệp dữ liệu Thi đua (JSON: {e})"), format!("this is not a Thi đua data file (JSON: {e})")),
        }
    })
}

/// `1.000.000`, the Vietnamese way.
fn fmt_count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// Whether a unit code is one `edit::apply` and the importer accept (letters, digits, `_ - .`).
pub fn valid_unit_code(code: &str) -> bool {
    !code.is_empty() && code.chars().all(|ch| ch.is_alphanumeric() || matches!(ch, '_' | '-' | '.'))
}

/// Why an answer is one the app never writes, if it is.
fn answer_problem(a: &Answer) -> Option<(String, String)> {
    match a {
        Answer::Number(p) if p.is_negative() => Some((format!("số điểm âm ({})", p.to_vi()), format!("a negative number ({})", p.to_fixed2()))),
        Answer::Number(p) if *p > MAX_POINTS => Some((format!("số điểm quá lớn ({})", p.to_vi()), format!("a number too large ({})", p.to_fixed2()))),
        Answer::Count(n) if *n > MAX_COUNT => Some((format!("số lượng quá lớn ({n})"), format!("a count too large ({n})"))),
        _ => None,
    }
}

/// The values at `paths` of `c` (a merge's result) that the app could not have written: scores
/// (and their history) out of any range a form or an import accepts, unit codes no form accepts.
pub fn implausible(c: &Campaign, paths: &BTreeSet<String>) -> Vec<Msg> {
    let mut out = Vec::new();
    // Unit codes: of the units, and the keys of what is kept per unit (a key with a `/` would read
    // as another unit's path).
    let keys =
        c.units.iter().map(|u| u.code.as_str()).chain(c.inputs.keys().map(String::as_str)).chain(c.members.keys().map(String::as_str)).chain(c.votes.keys().map(String::as_str));
    let bad: BTreeSet<&str> = keys.filter(|k| !valid_unit_code(k)).collect();
    for code in bad {
        let brought = ["units", "inputs", "members", "votes"].iter().any(|head| {
            let prefix = format!("{head}/{code}");
            paths.iter().any(|p| p.strip_prefix(prefix.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')))
        });
        if brought {
            out.push(Msg::new(
                format!("Mã đơn vị «{code}» không hợp lệ (chỉ chữ, số, gạch dưới, gạch nối, dấu chấm)"),
                format!("invalid unit code «{code}» (letters, digits, underscore, hyphen, dot)"),
            ));
        }
    }
    for path in paths {
        let mut parts = path.splitn(2, '/');
        if parts.next() != Some("inputs") {
            continue;
        }
        let Some(rest) = parts.next() else { continue };
        let Some((unit, rest)) = rest.split_once('/') else { continue };
        let Some((crit, field)) = rest.rsplit_once('/') else { continue };
        let Some(e) = c.entry(unit, crit) else { continue };
        let current = match field {
            "self_answer" => e.self_answer.value.as_ref(),
            "review" => e.review.value.as_ref(),
            _ => continue,
        };
        let revisions = e.history.iter().filter(|r| r.field.name() == field).filter_map(|r| r.value.as_ref());
        if let Some((vi, en)) = current.into_iter().chain(revisions).find_map(answer_problem) {
            out.push(Msg::new(format!("«{path}»: giá trị không hợp lệ: {vi}"), format!("«{path}»: invalid value: {en}")));
        }
    }
    out
}

/// What opening a received file as a new campaign must check, there being no copy to preview it
/// against: no stamp more than [`crate::bundle::MAX_AHEAD_MS`] ahead of `now_ms` (the device would
/// observe it, and its own and the sender's values would win every later merge), and no value
/// [`implausible`] anywhere in it.
pub fn check_opened(c: &Campaign, now_ms: u64) -> Result<(), Msg> {
    let newest = merge::max_stamp(c);
    if newest.clock > now_ms.saturating_add(crate::bundle::MAX_AHEAD_MS) {
        let days = (newest.clock - now_ms) / (24 * 60 * 60 * 1000);
        return Err(Msg::new(
            format!("Tệp có dữ liệu được ghi với thời điểm {days} ngày sau hiện tại (đồng hồ của máy gửi bị sai?): không mở"),
            format!("the file holds data written {days} days ahead of now (is the sender's clock wrong?): not opened"),
        ));
    }
    // Every field's path (no values made: a whole bloc is 48,000 score fields).
    let mut all: BTreeSet<String> = BTreeSet::new();
    merge::each_field(c, &mut |path, _| {
        all.insert(path.to_string());
    });
    match implausible(c, &all).into_iter().next() {
        Some(m) => Err(m),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_reads_and_refuses_the_rest() {
        let v = parse(r#"{"a":[1,-2,18446744073709551615,"x",null,true,{"b":{}}]}"#).unwrap();
        assert_eq!(v, serde_json::json!({"a":[1,-2,18446744073709551615u64,"x",null,true,{"b":{}}]}));
        assert!(parse("[1.5]").unwrap_err().en.contains("not a whole number"));
        assert!(parse("[1e30]").unwrap_err().en.contains("not a whole number"));
        assert!(parse("[18446744073709551616]").unwrap_err().en.contains("not a whole number"));
        assert!(parse(r#"{"a":1,"a":2}"#).unwrap_err().en.contains("repeats the key «a»"));
        assert!(parse(r#"{"x":{"a":1,"b":{"a":2,"a":3}}}"#).unwrap_err().en.contains("«a»"));
        let many = format!("[{}0]", "0,".repeat(MAX_ENTRIES));
        assert!(parse(&many).unwrap_err().en.contains("too long"));
        let ok = format!("[{}0]", "0,".repeat(MAX_ENTRIES - 1));
        assert!(parse(&ok).is_ok());
        let long = format!("\"{}\"", "ệ".repeat(MAX_TEXT_CHARS + 1));
        assert!(parse(&long).unwrap_err().vi.contains("quá dài"));
        assert!(parse(&format!("\"{}\"", "ệ".repeat(MAX_TEXT_CHARS))).is_ok());
        assert!(parse(&format!("{}{}", "[".repeat(100_000), "]".repeat(100_000))).unwrap_err().en.contains("recursion limit"));
        assert!(parse("[1] x").is_err());
        assert!(parse("NaN").is_err());
        assert_eq!(fmt_count(1_000_000), "1.000.000");
        assert_eq!(fmt_count(999), "999");
    }
}
