//! The bundle: a campaign copy packed to travel, as the JSON file sent by email and as the sync
//! payload. The receiver reads it ([`Bundle::from_json`]), sees what it would change ([`preview`])
//! and applies it all or nothing ([`apply`], which is [`crate::merge::merge`] after the checks).
//!
//! **What the checks are worth.** A bundle file is not signed. `producer` is what the file claims,
//! and the checksum only proves that `content` is the one the file was written with: anyone can
//! edit the file and recompute it. The checks stop mistakes (a file of another campaign, a damaged
//! or hand-edited file, a newer app's file, a device whose clock is days ahead) and casual tampering
//! (a unit's file that tries to change another unit's scores or the leader's settings); they do not
//! stop a forger, who can claim to be the leader. The server, later, authenticates who sends what.

use crate::edit::Actor;
use crate::history::{self, RevField};
use crate::merge::{self, canonical_json, to_json};
use crate::model::*;
use crate::problem::Msg;
use serde::{Deserialize, Serialize};
use before::Before;
use read::checksum_of;
use std::collections::BTreeSet;

mod before;
mod in_place;
mod read;
pub use in_place::InPlace;
pub use read::read_canonical;

/// The `format` of every bundle.
pub const FORMAT: &str = "thidua-bundle";
/// The largest bundle text read (32 MiB): far beyond a bloc's year, small enough for a phone.
pub const MAX_TEXT_BYTES: usize = 32 * 1024 * 1024;
/// How far ahead of the receiver's clock a stamp may be (7 days): a device whose clock is wrong by
/// more must be corrected before its writes are accepted, or they would win every later merge.
pub const MAX_AHEAD_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// Who made a bundle, as the file says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Producer {
    /// The device (replica id of its clock).
    pub replica: String,
    /// Whom the device acts for.
    pub actor: Actor,
    /// For people: the unit's name, or "Trưởng khối".
    pub label: String,
}

/// What a bundle carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "unit", rename_all = "snake_case")]
pub enum Scope {
    /// The whole campaign.
    Whole,
    /// One unit's own data (its inputs and member part), with the leader's data as the sender has it.
    Unit(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// Always [`FORMAT`].
    pub format: String,
    /// The schema of `content`.
    pub schema: u32,
    pub campaign_id: String,
    pub producer: Producer,
    /// When it was made, by the producer's clock (ms since 1970).
    pub created_ms: u64,
    pub scope: Scope,
    pub content: Campaign,
    /// Hex SHA-256 of the canonical JSON of `content` ([`canonical_json`]).
    pub checksum: String,
}

/// The part of a campaign a unit sends: its own inputs and member part, and the leader's data as
/// it has it (so that the receiver can still merge); other units' records are left out.
fn unit_part(c: &Campaign, code: &str) -> Campaign {
    let mut p = c.clone();
    p.inputs.retain(|u, _| u == code);
    p.members.retain(|u, _| u == code);
    let keep = |path: &str| match merge::parse_path(path) {
        Some(merge::PathRef::Input(u, _, _)) | Some(merge::PathRef::Member(u, _)) => u == code,
        _ => true,
    };
    p.conflicts.retain(|k| keep(&k.path));
    p.dismissed.retain(|d| keep(&d.path));
    // Of a score's history, a unit sends only its own self scores: the leader's reviews travel in
    // the leader's files (the receiver keeps the revisions it has; a merge only adds).
    for e in p.inputs.values_mut().flat_map(|m| m.values_mut()) {
        e.history.retain(|r| r.field == RevField::SelfAnswer);
    }
    p
}

impl Bundle {
    /// Packs a campaign (or one unit's part of it) made by `producer` at `now_ms`.
    pub fn new(c: &Campaign, producer: Producer, scope: Scope, now_ms: u64) -> Bundle {
        let content = match &scope {
            Scope::Whole => c.clone(),
            Scope::Unit(code) => unit_part(c, code),
        };
        let checksum = checksum_of(&to_json(&content));
        Bundle {
            format: FORMAT.to_string(),
            schema: content.schema.max(SCHEMA_VERSION),
            campaign_id: c.id.clone(),
            producer,
            created_ms: now_ms,
            scope,
            content,
            checksum,
        }
    }

    /// The file's text: canonical JSON (`crate::canonical`), so that a receiver can check the
    /// checksum over the content's own bytes and parse it once ([`Bundle::from_json`]).
    pub fn to_json(&self) -> String {
        // Strings, integers and string-keyed maps only: it serialises.
        serde_json::to_value(self).map(|v| canonical_json(&v)).unwrap_or_default()
    }

}

/// What applying a bundle would change, by kind, and what in it is refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    /// Self-assessment answers (tự chấm).
    pub scores: usize,
    /// Evidence notes (minh chứng).
    pub notes: usize,
    /// Reviewed scores, their reasons, the leader's decisions on submissions.
    pub reviews: usize,
    /// Signings, themes, submissions.
    pub members: usize,
    /// The bloc's settings: bloc, units, scorecard, pledge, adoption, awards, votes, results lock.
    pub settings: usize,
    /// Conflicts the merge would add (values that lose to a concurrent write and are kept).
    pub new_conflicts: usize,
    /// Revisions the scores' histories would gain (`crate::history`).
    pub revisions: usize,
    /// The paths of the fields whose value would change.
    pub changed: Vec<String>,
    /// Why the bundle cannot be applied; empty when it can.
    pub refused: Vec<Msg>,
}

impl Preview {
    /// Whether applying would change nothing.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.new_conflicts == 0 && self.revisions == 0
    }

    /// One sentence for the receiver: "Sẽ cập nhật 12 điểm tự chấm, 3 minh chứng; 1 xung đột mới".
    pub fn summary(&self) -> Msg {
        if !self.refused.is_empty() {
            return Msg::new(
                format!("Tệp bị từ chối ({} mục không được phép)", self.refused.len()),
                format!("the file is refused ({} item(s) not allowed)", self.refused.len()),
            );
        }
        if self.is_empty() {
            return Msg::new("Tệp không có gì mới so với dữ liệu hiện có", "nothing in the file is new here");
        }
        let kinds = [
            (self.scores, "điểm tự chấm", "self score(s)"),
            (self.notes, "minh chứng", "evidence note(s)"),
            (self.reviews, "mục thẩm định", "review item(s)"),
            (self.members, "mục ký kết/chủ đề/nộp bài", "signing/theme/submission item(s)"),
            (self.settings, "thiết lập của Khối", "bloc setting(s)"),
        ];
        let (mut vi, mut en) = (Vec::new(), Vec::new());
        for (n, v, e) in kinds {
            if n > 0 {
                vi.push(format!("{n} {v}"));
                en.push(format!("{n} {e}"));
            }
        }
        let (mut vi, mut en) = match (vi.is_empty(), self.revisions) {
            (false, _) => (format!("Sẽ cập nhật {}", vi.join(", ")), format!("Will update {}", en.join(", "))),
            (true, 0) => ("Không thay đổi giá trị nào".to_string(), "No value changes".to_string()),
            (true, n) => (format!("Chỉ bổ sung lịch sử điểm ({n} mục)"), format!("Only adds to the scores' history ({n} item(s))")),
        };
        if self.new_conflicts > 0 {
            vi.push_str(&format!("; {} xung đột mới (giá trị bị thay được giữ lại để xem và khôi phục)", self.new_conflicts));
            en.push_str(&format!("; {} new conflict(s) (the replaced values are kept to review and restore)", self.new_conflicts));
        }
        Msg::new(vi, en)
    }
}

/// How a field is counted in a preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Score,
    Note,
    Review,
    Member,
    Setting,
}

fn kind_of(path: &str) -> Kind {
    match merge::parse_path(path) {
        Some(merge::PathRef::Input(_, _, "self_answer")) => Kind::Score,
        Some(merge::PathRef::Input(_, _, "note")) => Kind::Note,
        Some(merge::PathRef::Input(_, _, _)) | Some(merge::PathRef::Member(_, "decision")) => Kind::Review,
        Some(merge::PathRef::Member(_, _)) => Kind::Member,
        _ => Kind::Setting,
    }
}

/// A field described for people: "điểm tự chấm của đơn vị SNGV, tiêu chí A.3".
fn describe(path: &str) -> Msg {
    use merge::PathRef as P;
    let (vi, en) = match merge::parse_path(path) {
        Some(P::Input(u, k, f)) => {
            let (v, e) = match f {
                "self_answer" => ("điểm tự chấm", "self score"),
                "note" => ("minh chứng", "evidence note"),
                "review" => ("điểm thẩm định", "reviewed score"),
                _ => ("lý do thẩm định", "review reason"),
            };
            (format!("{v} của đơn vị {u}, tiêu chí {k}"), format!("{e} of unit {u}, criterion {k}"))
        }
        Some(P::Member(u, f)) => {
            let (v, e) = match f {
                "signing" => ("việc ký giao ước", "pledge signing"),
                "theme" => ("chủ đề thi đua", "emulation theme"),
                "submitted" => ("việc nộp bảng tự chấm", "scorecard submission"),
                _ => ("kết quả duyệt", "review decision"),
            };
            (format!("{v} của đơn vị {u}"), format!("{e} of unit {u}"))
        }
        Some(P::Vote(u)) => (format!("kết quả bỏ phiếu của đơn vị {u}"), format!("ballot of unit {u}")),
        Some(P::UnitInfo(u)) | Some(P::UnitRemoved(u)) => (format!("thông tin đơn vị {u}"), format!("unit {u}'s details")),
        Some(P::Bloc) => ("thông tin Khối".into(), "bloc details".into()),
        Some(P::Template) => ("bảng chấm điểm".into(), "scorecard".into()),
        Some(P::Awards) => ("hình thức khen thưởng".into(), "award tiers".into()),
        Some(P::Pledge) => ("nội dung giao ước".into(), "pledge".into()),
        Some(P::Adoption) => ("việc thông qua bảng chấm điểm".into(), "scorecard adoption".into()),
        Some(P::ResultsLocked) => ("khóa kết quả".into(), "results lock".into()),
        Some(P::Meeting) => ("biên bản họp bình xét".into(), "evaluation meeting".into()),
        Some(P::UnitOrder) => ("thứ tự đơn vị".into(), "order of the units".into()),
        None => (path.to_string(), path.to_string()),
    };
    Msg::new(format!("{vi} («{path}»)"), format!("{en} («{path}»)"))
}

/// The refusals listed one by one up to this many, then counted.
const REFUSALS_LISTED: usize = 20;

/// What applying `b` to `ours` would change, and what in it is refused (see the module doc).
/// Refuses outright (`Err`) a bundle of another campaign.
pub fn preview(ours: &Campaign, b: &Bundle, now_ms: u64) -> Result<Preview, Msg> {
    checked(ours, b, now_ms).map(|(p, _)| p)
}

/// [`preview`], and the merged campaign when nothing is refused: what [`apply`] would give, for a
/// caller previewing several files in turn (each on top of the ones before) that will apply them
/// all at once.
pub fn preview_and_merge(ours: &Campaign, b: &Bundle, now_ms: u64) -> Result<(Preview, Option<Campaign>), Msg> {
    let (p, merged) = checked(ours, b, now_ms)?;
    let merged = p.refused.is_empty().then_some(merged);
    Ok((p, merged))
}

/// [`preview`] and the merge it is made from, so that [`apply`] merges once.
fn checked(ours: &Campaign, b: &Bundle, now_ms: u64) -> Result<(Preview, Campaign), Msg> {
    same_campaign(ours, b)?;
    let mut merged = ours.clone();
    merge::merge_into(&mut merged, &b.content)?;
    Ok((preview_of(ours, &merged, b, now_ms), merged))
}

/// [`preview_and_merge`] without copying the campaign: `ours` becomes the merge when nothing is
/// refused, and is left as it was (its scores' histories in normal form) when something is. For a
/// caller taking in many files in turn, whose cost then follows the files, not the campaign.
pub fn preview_and_merge_into(ours: &mut Campaign, b: &Bundle, now_ms: u64) -> Result<Preview, Msg> {
    take_in_place(ours, b, now_ms, merge::Histories::All)
}

/// [`preview_and_merge_into`], with the histories normalized as `h` says ([`InPlace`]).
fn take_in_place(ours: &mut Campaign, b: &Bundle, now_ms: u64, h: merge::Histories) -> Result<Preview, Msg> {
    same_campaign(ours, b)?;
    let before = Before::of(ours, &b.content);
    merge::merge_in_place(ours, &b.content, h)?;
    // Only what the file can change is in `before`, and only that is compared.
    let p = preview_of(&before.copy, ours, b, now_ms);
    if !p.refused.is_empty() {
        before.restore(ours, &b.content);
    }
    Ok(p)
}

fn same_campaign(ours: &Campaign, b: &Bundle) -> Result<(), Msg> {
    if b.campaign_id != ours.id || b.content.id != ours.id {
        return Err(Msg::new(
            format!("Tệp thuộc một chiến dịch khác («{}»), không phải chiến dịch đang mở («{}»)", b.content.id, ours.id),
            format!("the file belongs to another campaign («{}»), not the open one («{}»)", b.content.id, ours.id),
        ));
    }
    Ok(())
}

/// What merging `b` into `ours` changed (`merged`), and what in it is refused. `ours` need hold
/// only the parts `b` could change (see [`Before`]).
fn preview_of(ours: &Campaign, merged: &Campaign, b: &Bundle, now_ms: u64) -> Preview {
    let mut p = Preview::default();

    // The paths where the merge changes something: a field's value, a conflict, a dismissal.
    // A field the bundle does not hold keeps our copy's write, so only the bundle's fields are
    // compared: its cost follows the file (one unit's part), not the bloc.
    let mut touched: BTreeSet<String> = BTreeSet::new();
    let count = |p: &mut Preview, path: &str| match kind_of(path) {
        Kind::Score => p.scores += 1,
        Kind::Note => p.notes += 1,
        Kind::Review => p.reviews += 1,
        Kind::Member => p.members += 1,
        Kind::Setting => p.settings += 1,
    };
    // Whether the merge changed a field: `o` is ours, `f` the merge's.
    let changed = |o: &dyn merge::AnyField, f: &dyn merge::AnyField| o.stamp() != f.stamp() || o.seen() != f.seen() || !o.same_value(f);
    // The fields that are not score entries, by path (a few dozen).
    let others = |theirs: Vec<String>, p: &mut Preview, touched: &mut BTreeSet<String>| {
        for path in theirs {
            if path == "unit_order" || touched.contains(&path) {
                continue;
            }
            let Some(f) = merge::field_ref(merged, &path) else { continue };
            let differs = match merge::field_ref(ours, &path) {
                Some(o) => changed(o, f),
                // Our copy lacks its record: compared with what a missing record holds.
                None => *f.stamp() != Stamp::default() || !f.seen().is_empty() || merge::absent_json(&path) != Some(f.json()),
            };
            if differs {
                count(p, &path);
                p.changed.push(path.clone());
                touched.insert(path);
            }
        }
    };
    let mut head: Vec<String> = Vec::new();
    merge::fields_before_inputs(&b.content, &mut |path, _| head.push(path.to_string()));
    others(head, &mut p, &mut touched);
    // The score entries, looked up once each: a path is made only for a field that changed. An
    // entry our copy lacks compares as a blank one (unstamped, unwritten), as its fields' types,
    // not as JSON.
    let blank = Entry::default();
    for (unit, entries) in &b.content.inputs {
        let (merged_unit, our_unit) = (merged.inputs.get(unit), ours.inputs.get(unit));
        for crit in entries.keys() {
            let Some(m) = merged_unit.and_then(|x| x.get(crit)) else { continue };
            let o = our_unit.and_then(|x| x.get(crit)).unwrap_or(&blank);
            merge::each_entry_field(m, &mut |name, f| {
                if merge::entry_field(o, name).is_none_or(|o| changed(o, f)) {
                    let path = merge::input_path(unit, crit, name);
                    count(&mut p, &path);
                    p.changed.push(path.clone());
                    touched.insert(path);
                }
            });
        }
    }
    let mut tail: Vec<String> = Vec::new();
    merge::fields_after_inputs(&b.content, &mut |path, _| tail.push(path.to_string()));
    others(tail, &mut p, &mut touched);
    if merge::effective_unit_order(ours).value != merge::effective_unit_order(merged).value {
        p.settings += 1;
        p.changed.push("unit_order".into());
        touched.insert("unit_order".into());
    }
    // The same order with a new stamp is a write too: who sent it and its clock are checked below
    // (a stamp years ahead would otherwise win every later reordering).
    if merged.unit_order.stamp != ours.unit_order.stamp || merged.unit_order.seen != ours.unit_order.seen {
        touched.insert("unit_order".into());
    }
    let key = |k: &Conflict| (k.path.clone(), k.stamp.clone(), canonical_json(&k.value), k.seen.clone());
    let before: BTreeSet<_> = ours.conflicts.iter().map(key).collect();
    for k in &merged.conflicts {
        if !before.contains(&key(k)) {
            touched.insert(k.path.clone());
            if merge::current_value(merged, &k.path).as_ref() != Some(&k.value) {
                p.new_conflicts += 1;
            }
        }
    }
    for d in merged.dismissed.difference(&ours.dismissed) {
        touched.insert(d.path.clone());
    }
    // A revision the history would gain is a write of its score: the same rules hold for it.
    let new_revisions = history::added_in(ours, merged, &b.content);
    p.revisions = new_revisions.len();
    touched.extend(new_revisions.iter().map(|(path, _)| path.clone()));

    // Who may bring what.
    let mut refused: Vec<Msg> = Vec::new();
    if let Actor::Unit(x) = &b.producer.actor {
        if !ours.units.iter().any(|u| u.code == *x) {
            refused.push(Msg::new(
                format!("Tệp do đơn vị «{x}» gửi, nhưng Khối không có đơn vị này"),
                format!("the file was sent by unit «{x}», which is not in the bloc"),
            ));
        }
    }
    refused.extend(revisions_out_of_place(b, &new_revisions));
    refused.extend(crate::untrusted::implausible(merged, &touched));
    for path in &touched {
        let allowed = match &b.producer.actor {
            Actor::Leader => true,
            unit => merge::is_writer_of(unit, path),
        };
        if !allowed {
            let what = describe(path);
            refused.push(Msg::new(
                format!("{}: {} không được ghi dữ liệu này", what.vi, b.producer.label),
                format!("{}: {} may not write this", what.en, b.producer.label),
            ));
        }
    }
    // Stamps from the future, in whatever the bundle brings.
    let limit = now_ms.saturating_add(MAX_AHEAD_MS);
    for path in &touched {
        let field = merge::field_ref(&b.content, path).into_iter().flat_map(|f| std::iter::once(f.stamp()).chain(f.seen()));
        let conflicts = b.content.conflicts.iter().filter(|k| k.path == *path).flat_map(|k| std::iter::once(&k.stamp).chain(&k.seen));
        let dismissed = b.content.dismissed.iter().filter(|d| d.path == *path).flat_map(|d| std::iter::once(&d.stamp).chain(&d.seen));
        let revisions = history::at_path(&b.content, path).into_iter().map(|r| &r.stamp);
        if let Some(s) = field.chain(conflicts).chain(dismissed).chain(revisions).filter(|s| s.clock > limit).max() {
            let days = (s.clock - now_ms) / (24 * 60 * 60 * 1000);
            let what = describe(path);
            refused.push(Msg::new(
                format!("{}: được ghi với thời điểm {days} ngày sau hiện tại (đồng hồ của máy gửi bị sai?)", what.vi),
                format!("{}: written with a time {days} days ahead of now (is the sender's clock wrong?)", what.en),
            ));
        }
    }
    if refused.len() > REFUSALS_LISTED {
        let more = refused.len() - REFUSALS_LISTED;
        refused.truncate(REFUSALS_LISTED);
        refused.push(Msg::new(format!("… và {more} mục khác"), format!("… and {more} more")));
    }
    p.refused = refused;
    p
}

/// Revisions a bundle may not carry whatever the receiver has: in a unit's part, any but the unit's
/// own self scores (`unit_part` sends no other); anywhere, a new revision claiming a writer the
/// field does not have (a self score "by the leader").
fn revisions_out_of_place(b: &Bundle, new_revisions: &[(String, &history::Revision)]) -> Vec<Msg> {
    let mut out = Vec::new();
    if let Scope::Unit(code) = &b.scope {
        for (unit, entries) in &b.content.inputs {
            for (crit, e) in entries {
                for r in e.history.iter().filter(|r| unit != code || r.field != RevField::SelfAnswer) {
                    let what = describe(&history::path_of(unit, crit, r.field));
                    out.push(Msg::new(
                        format!("{} (lịch sử điểm): {} không được ghi dữ liệu này", what.vi, b.producer.label),
                        format!("{} (score history): {} may not write this", what.en, b.producer.label),
                    ));
                }
            }
        }
    }
    for (path, r) in new_revisions {
        if !merge::is_writer_of(&r.by, path) {
            let what = describe(path);
            out.push(Msg::new(
                format!("{} (lịch sử điểm): ghi sai người sửa", what.vi),
                format!("{} (score history): names the wrong writer", what.en),
            ));
        }
    }
    out
}

/// Applies a bundle, all or nothing: refused if [`preview`] refuses anything in it, otherwise the
/// merge of our copy and its content.
pub fn apply(ours: &Campaign, b: &Bundle, now_ms: u64) -> Result<Campaign, Msg> {
    let (p, merged) = checked(ours, b, now_ms)?;
    if !p.refused.is_empty() {
        let vi: Vec<&str> = p.refused.iter().map(|m| m.vi.as_str()).collect();
        let en: Vec<&str> = p.refused.iter().map(|m| m.en.as_str()).collect();
        return Err(Msg::new(
            format!("Tệp bị từ chối, không nhập gì: {}", vi.join("; ")),
            format!("the file is refused, nothing imported: {}", en.join("; ")),
        ));
    }
    Ok(merged)
}
