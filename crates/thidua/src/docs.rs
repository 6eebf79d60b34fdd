//! Bundle files and campaign documents named on the command line (`validate FILE…`, `merge`,
//! `score --bundle`): read and checked by the core exactly as the app checks a file it imports,
//! then checked against each other.
//!
//! **What a file is** is decided by its content, not its name: a JSON object with a `format` is a
//! bundle, read by [`Bundle::from_json`] (not a bundle, damaged, altered — checksum —, newer
//! schema, …); a JSON object with `schema` and `id` but no `format` is a campaign document (what
//! the app's `storedCampaign` gives, and what the browser stored before its journal), read by
//! [`stored::campaign_from_json`]; anything else is refused.
//!
//! **Files of the same campaign** are each checked on top of the merge of all the others
//! ([`bundle::preview`]): what the app would refuse in that file if it already held the others
//! (a unit's file bringing another unit's scores or the leader's settings, stamps days in the
//! future). Every file is checked against the same "others" whatever the order on the command
//! line, and the merge is commutative and associative, so neither the verdict nor the merged
//! campaign depends on the order the files are given in. A campaign document has no sender: it
//! counts among the others but is not itself checked. A file alone of its campaign cannot be
//! checked this way (there is nothing to compare it with).

use crate::failure::Failure;
use crate::input::read_limited;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::io;
use std::path::{Path, PathBuf};
use thidua_core::bundle::{self, Bundle, Preview, Scope, MAX_TEXT_BYTES};
use thidua_core::edit::Actor;
use thidua_core::{merge, stored, Campaign, Msg, Problem, Problems};

/// A file read and accepted on its own.
pub struct Doc {
    /// The path as typed: how messages name the file.
    pub name: String,
    /// The campaign it carries, in normal form (`merge::normalize`).
    pub content: Campaign,
    /// `None` for a bare campaign document (no sender, no checksum).
    pub bundle: Option<Bundle>,
}

/// What reading the files gave: the accepted ones, the problems of the others, the unreadable.
pub struct Loaded {
    pub docs: Vec<Doc>,
    pub problems: Problems,
    pub unreadable: Vec<(PathBuf, io::Error)>,
}

/// Reads every file; one that cannot be read or is refused does not stop the others.
pub fn load(paths: &[PathBuf]) -> Loaded {
    let mut out = Loaded {
        docs: Vec::new(),
        problems: Problems::default(),
        unreadable: Vec::new(),
    };
    for path in paths {
        let name = path.display().to_string();
        match read_limited(path) {
            Err(e) => out.unreadable.push((path.clone(), e)),
            Ok(bytes) => match parse(&bytes) {
                Ok((bundle, content)) => out.docs.push(Doc {
                    name,
                    content: merge::normalize(&content),
                    bundle,
                }),
                Err(msg) => out
                    .problems
                    .push(Problem::new(&name, None, None, hint(path, msg))),
            },
        }
    }
    out
}

/// Reads one file for a command that needs exactly one campaign (`score --bundle`).
pub fn load_one(path: &Path) -> Result<Campaign, Failure> {
    let mut loaded = load(&[path.to_path_buf()]);
    if !loaded.unreadable.is_empty() {
        return Err(Failure::Unreadable(loaded.unreadable));
    }
    match loaded.docs.pop() {
        Some(d) if loaded.problems.is_empty() => Ok(d.content),
        _ => Err(Failure::Refused(loaded.problems)),
    }
}

fn parse(bytes: &[u8]) -> Result<(Option<Bundle>, Campaign), Msg> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Msg::new(
            "Đây không phải tệp dữ liệu Thi đua (không phải văn bản UTF-8)",
            "this is not a Thi đua data file (not UTF-8 text)",
        )
    })?;
    // Too large, not JSON, a `format`: the bundle reader says what is wrong, as in the app.
    let document = text.len() <= MAX_TEXT_BYTES
        && matches!(
            serde_json::from_str::<serde_json::Value>(text),
            Ok(serde_json::Value::Object(m))
                if !m.contains_key("format") && m.contains_key("schema") && m.contains_key("id")
        );
    if document {
        let c = stored::campaign_from_json(text).map_err(|e| {
            let m = e.msg();
            Msg::new(
                format!("tài liệu chiến dịch: {}", m.vi),
                format!("campaign document: {}", m.en),
            )
        })?;
        return Ok((None, c));
    }
    let b = Bundle::from_json(text)?;
    let c = b.content.clone();
    Ok((Some(b), c))
}

/// A spreadsheet given where a bundle was expected: say where spreadsheets go.
fn hint(path: &Path, msg: Msg) -> Msg {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv" | "xlsx" | "xls") => Msg::new(
            format!(
                "{}; bảng tính hãy đưa qua --template/--units/--scores",
                msg.vi
            ),
            format!(
                "{}; give spreadsheets with --template/--units/--scores",
                msg.en
            ),
        ),
        _ => msg,
    }
}

/// The files of one campaign, checked against each other.
pub struct Group {
    pub id: String,
    /// Indices into the docs, in command-line order.
    pub members: Vec<usize>,
    /// The merge of all the members' contents (normal form; independent of their order).
    pub merged: Campaign,
    /// Per member: what its bundle would change on top of the others (`None` for a campaign
    /// document, for a file alone of its campaign, or when the core refused to preview it).
    pub previews: Vec<Option<Preview>>,
}

pub struct Checked {
    pub groups: Vec<Group>,
    /// Per doc: whether the check against the others refused it.
    pub refused: Vec<bool>,
}

fn join(a: Option<&Campaign>, b: Option<&Campaign>) -> Result<Option<Campaign>, Msg> {
    match (a, b) {
        (Some(a), Some(b)) => merge::merge(a, b).map(Some),
        (Some(x), None) | (None, Some(x)) => Ok(Some(x.clone())),
        (None, None) => Ok(None),
    }
}

/// Groups the docs by campaign and checks each bundle on top of the merge of the others of its
/// campaign (see the module doc); every refusal is added to `problems`, naming the file.
pub fn cross_check(docs: &[Doc], now_ms: u64, problems: &mut Problems) -> Checked {
    let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        by_id.entry(d.content.id.as_str()).or_default().push(i);
    }
    let mut refused = vec![false; docs.len()];
    let mut groups = Vec::new();
    for (id, members) in by_id {
        let n = members.len();
        // prefix[k]: the merge of the first k members; suffix[k]: of members k.. — so that the
        // merge of "all but k" costs two merges, not n.
        let mut prefix: Vec<Option<Campaign>> = vec![None];
        let mut suffix: Vec<Option<Campaign>> = vec![None; n + 1];
        let mut failed: Option<(usize, Msg)> = None;
        for (k, &i) in members.iter().enumerate() {
            match join(prefix[k].as_ref(), Some(&docs[i].content)) {
                Ok(m) => prefix.push(m),
                Err(e) => {
                    failed = Some((i, e));
                    break;
                }
            }
        }
        if failed.is_none() {
            for k in (0..n).rev() {
                match join(Some(&docs[members[k]].content), suffix[k + 1].as_ref()) {
                    Ok(m) => suffix[k] = m,
                    Err(e) => {
                        failed = Some((members[k], e));
                        break;
                    }
                }
            }
        }
        let merged = match (failed, prefix.get(n).cloned().flatten()) {
            (None, Some(m)) => m,
            (failed, _) => {
                // Same campaign id, so the core cannot refuse to merge; said if it ever does.
                if let Some((i, e)) = failed {
                    problems.push(Problem::new(&docs[i].name, None, None, e));
                    refused[i] = true;
                }
                continue;
            }
        };
        let mut previews = Vec::with_capacity(n);
        for (k, &i) in members.iter().enumerate() {
            let Some(b) = docs[i].bundle.as_ref().filter(|_| n > 1) else {
                previews.push(None);
                continue;
            };
            let others = match join(prefix[k].as_ref(), suffix[k + 1].as_ref()) {
                Ok(Some(o)) => o,
                Ok(None) => {
                    previews.push(None);
                    continue;
                }
                Err(e) => {
                    problems.push(Problem::new(&docs[i].name, None, None, e));
                    refused[i] = true;
                    previews.push(None);
                    continue;
                }
            };
            match bundle::preview(&others, b, now_ms) {
                Ok(p) => {
                    for m in &p.refused {
                        problems.push(Problem::new(
                            &docs[i].name,
                            None,
                            None,
                            Msg::new(
                                format!("bị từ chối khi nhập sau các tệp khác của cùng chiến dịch: {}", m.vi),
                                format!("refused when applied on top of the other files of the same campaign: {}", m.en),
                            ),
                        ));
                    }
                    refused[i] |= !p.refused.is_empty();
                    previews.push(Some(p));
                }
                Err(e) => {
                    problems.push(Problem::new(&docs[i].name, None, None, e));
                    refused[i] = true;
                    previews.push(None);
                }
            }
        }
        groups.push(Group {
            id: id.to_string(),
            members,
            merged,
            previews,
        });
    }
    Checked { groups, refused }
}

/// Milliseconds since 1970 by this machine's clock (0 if it is set before 1970).
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// `dd/mm/yyyy HH:MM UTC`.
pub fn utc(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(i64::try_from(days).unwrap_or(i64::MAX / 2));
    format!(
        "{d:02}/{m:02}/{y:04} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m as u32, d as u32)
}

/// "Trưởng khối (leader)", "đơn vị CTK (unit CTK)".
pub fn actor_text(a: &Actor) -> String {
    match a {
        Actor::Leader => "Trưởng khối (leader)".into(),
        Actor::Unit(u) => format!("đơn vị {u} (unit {u})"),
    }
}

pub fn scope_text(s: &Scope) -> String {
    match s {
        Scope::Whole => "toàn bộ chiến dịch (whole campaign)".into(),
        Scope::Unit(u) => format!("phần của đơn vị {u} (unit {u}'s part)"),
    }
}

/// "«khoi-2025», Khối VII/2025".
pub fn campaign_text(c: &Campaign) -> String {
    let name = if c.bloc.name.trim().is_empty() {
        "(chưa đặt tên / unnamed)"
    } else {
        c.bloc.name.as_str()
    };
    format!("«{}», {name}/{}", c.id, c.bloc.year)
}

/// What the campaign holds, counted.
pub fn counts(c: &Campaign) -> String {
    let entries = || c.inputs.values().flat_map(|m| m.values());
    let selfs = entries().filter(|e| e.self_answer.is_some()).count();
    let reviews = entries().filter(|e| e.review.is_some()).count();
    let submitted = c.members.values().filter(|m| m.submitted.is_some()).count();
    format!(
        "{} đơn vị (units), {} tiêu chí (criteria), {selfs} điểm tự chấm (self scores), \
         {reviews} điểm thẩm định (reviewed scores), {submitted} đơn vị đã nộp (submitted), \
         {} xung đột (open conflicts)",
        c.active_units().count(),
        c.template.criteria().count(),
        c.open_conflicts().count()
    )
}

/// One line about an accepted file.
pub fn summary(d: &Doc, refused: bool) -> String {
    let status = if refused {
        "Đọc được nhưng bị từ chối, xem lỗi (readable but refused, see the problems)"
    } else {
        "Hợp lệ (OK)"
    };
    let mut s = format!(
        "{}: {status}: chiến dịch (campaign) {}; ",
        d.name,
        campaign_text(&d.content)
    );
    match &d.bundle {
        Some(b) => {
            let _ = write!(
                s,
                "gửi bởi (from) «{}», {}; {}; tạo lúc (created) {}; ",
                b.producer.label,
                actor_text(&b.producer.actor),
                scope_text(&b.scope),
                utc(b.created_ms)
            );
        }
        None => {
            s.push_str("tài liệu chiến dịch, không có người gửi (campaign document, no sender); ")
        }
    }
    s.push_str(&counts(&d.content));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(utc(0), "01/01/1970 00:00 UTC");
        // 2024-02-29 12:34 UTC
        assert_eq!(utc(1_709_210_040_000), "29/02/2024 12:34 UTC");
        assert_eq!(utc(1_740_000_000_000), "19/02/2025 21:20 UTC");
        let _ = utc(u64::MAX);
    }
}
