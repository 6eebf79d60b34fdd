//! `thidua merge A.json B.json… --out M.json`: the provincial board's (or the leader's) merge of
//! the files of one campaign, with the app's own checks, all or nothing.
//!
//! **Which code.** Not `merge::merge` alone: it takes anything, so a unit's file could bring the
//! leader's settings or another unit's scores. Not `bundle::apply` onto the first file either: the
//! first file would be trusted whole (the app trusts a file it *opens*; it checks the files it
//! *imports* into a copy it has) and which file is checked would depend on the order given. Each
//! file is checked with `bundle::preview` — what `bundle::apply` refuses — on top of the merge of
//! all the others (`crate::docs`); if none is refused, the result is the merge of all of them:
//! what applying them one by one in the app gives (`bundle::apply` is that merge once its checks
//! pass, and the merge does not depend on order).
//!
//! Refused, nothing is written: any file unreadable, not an intact bundle, a campaign document
//! (no sender: what it may write cannot be checked), files of different campaigns, or anything a
//! file's sender may not write. The result is a bundle of the whole campaign by the leader
//! (producer "thidua merge"), written to a temporary file beside `--out` and renamed over it.

use crate::cli::MergeArgs;
use crate::docs::{self, Doc, Group};
use crate::failure::Failure;
use crate::output;
use std::fmt::Write;
use thidua_core::bundle::{Bundle, Producer, Scope};
use thidua_core::edit::Actor;
use thidua_core::{Answer, Msg, Problem};

/// The producer of every merged file.
pub const LABEL: &str = "thidua merge";
const REPLICA: &str = "thidua-merge";
/// Conflicts listed one by one in the summary, then counted.
const CONFLICTS_LISTED: usize = 20;
/// A kept value is shown up to this many characters.
const VALUE_SHOWN: usize = 80;

pub fn run(args: &MergeArgs) -> Result<(), Failure> {
    let now = docs::now_ms();
    let loaded = docs::load(&args.files);
    let mut problems = loaded.problems;
    for d in loaded.docs.iter().filter(|d| d.bundle.is_none()) {
        problems.push(Problem::new(
            &d.name,
            None,
            None,
            Msg::new(
                "đây là tài liệu chiến dịch, không phải tệp gửi đi (bundle): không rõ ai gửi nên không kiểm tra được quyền ghi; hãy xuất tệp từ ứng dụng",
                "this is a campaign document, not a bundle: its sender is unknown, so what it may write cannot be checked; export a file from the app",
            ),
        ));
    }
    let checked = docs::cross_check(&loaded.docs, now, &mut problems);
    if checked.groups.len() > 1 {
        let ids: Vec<String> = checked
            .groups
            .iter()
            .map(|g| format!("«{}»", g.id))
            .collect();
        let (n, ids) = (ids.len(), ids.join(", "));
        for g in &checked.groups {
            for &i in &g.members {
                problems.push(Problem::new(
                    &loaded.docs[i].name,
                    None,
                    None,
                    Msg::new(
                        format!("thuộc chiến dịch «{}», nhưng các tệp đã cho thuộc {n} chiến dịch khác nhau ({ids}): chỉ hợp nhất được các tệp của cùng một chiến dịch", g.id),
                        format!("belongs to campaign «{}», but the files given belong to {n} different campaigns ({ids}): only files of one campaign can be merged", g.id),
                    ),
                ));
            }
        }
    }
    let mut failures = Vec::new();
    if !loaded.unreadable.is_empty() {
        failures.push(Failure::Unreadable(loaded.unreadable));
    }
    if !problems.is_empty() {
        failures.push(Failure::Refused(problems));
    }
    let group = match (
        Failure::combine(failures),
        checked.groups.into_iter().next(),
    ) {
        (None, Some(g)) => g,
        (failure, _) => {
            eprintln!(
                "thidua merge: không hợp nhất, không ghi tệp nào (nothing merged, nothing written)"
            );
            // No file at all is only possible if clap let fewer than two through.
            return Err(failure.unwrap_or(Failure::Refused(Default::default())));
        }
    };

    let producer = Producer {
        replica: REPLICA.into(),
        actor: Actor::Leader,
        label: LABEL.into(),
    };
    let bundle = Bundle::new(&group.merged, producer, Scope::Whole, now);
    let text = bundle.to_json();
    let to_stdout = args.out.as_os_str() == "-";
    let written = if to_stdout {
        "(đầu ra chuẩn / standard output)".to_string()
    } else {
        args.out.display().to_string()
    };
    let summary = summary(&loaded.docs, &group, &written);
    if to_stdout {
        output::stdout(&text)?;
        eprint!("{summary}");
        Ok(())
    } else {
        output::write_atomic(&args.out, &text)?;
        output::stdout(&summary)
    }
}

fn summary(all: &[Doc], g: &Group, written: &str) -> String {
    let m = &g.merged;
    let mut s = format!(
        "Đã hợp nhất (merged) {} tệp của chiến dịch (files of campaign) {}:\n",
        g.members.len(),
        docs::campaign_text(m)
    );
    for (k, &i) in g.members.iter().enumerate() {
        let d = &all[i];
        let Some(b) = &d.bundle else { continue };
        let _ = write!(
            s,
            "  {}: «{}», {}, {}, {}",
            d.name,
            b.producer.label,
            docs::actor_text(&b.producer.actor),
            docs::scope_text(&b.scope),
            docs::utc(b.created_ms)
        );
        if let Some(p) = g.previews.get(k).and_then(Option::as_ref) {
            let sum = p.summary();
            let _ = write!(
                s,
                " — so với các tệp khác (against the others): {} ({})",
                sum.vi, sum.en
            );
        }
        s.push('\n');
    }
    let open: Vec<_> = m.open_conflicts().collect();
    let _ = writeln!(s, "Xung đột được giữ lại (conflicts kept): {}", open.len());
    for k in open.iter().take(CONFLICTS_LISTED) {
        let current = thidua_core::merge::current_value(m, &k.path).unwrap_or_default();
        let _ = writeln!(
            s,
            "  {}: giữ lại (kept) {}, ghi bởi (written by) {} lúc (at) {}; giá trị hiện tại (current value) {}",
            k.path,
            shown(&k.path, &k.value),
            k.stamp.replica,
            docs::utc(k.stamp.clock),
            shown(&k.path, &current)
        );
    }
    if open.len() > CONFLICTS_LISTED {
        let more = open.len() - CONFLICTS_LISTED;
        let _ = writeln!(s, "  … và {more} xung đột khác (and {more} more)");
    }
    let _ = writeln!(s, "Kết quả (result): {}", docs::counts(m));
    let _ = writeln!(s, "Đã ghi (written): {written}");
    s
}

/// A field's value for people: an answer as the app shows it (`8,5`, `có`, «Hoàn thành tốt»), a
/// text in «», anything else as short JSON.
fn shown(path: &str, v: &serde_json::Value) -> String {
    if path.ends_with("/self_answer") || path.ends_with("/review") {
        if let Ok(a) = serde_json::from_value::<Option<Answer>>(v.clone()) {
            return match a {
                None => "(trống / empty)".into(),
                Some(Answer::Number(p)) => p.to_vi(),
                Some(Answer::Flag(true)) => "có (yes)".into(),
                Some(Answer::Flag(false)) => "không (no)".into(),
                Some(Answer::Level(l)) => format!("«{l}»"),
                Some(Answer::Count(n)) => n.to_string(),
            };
        }
    }
    let text = match v {
        serde_json::Value::String(t) => format!("«{t}»"),
        other => thidua_core::merge::canonical_json(other),
    };
    if text.chars().count() > VALUE_SHOWN {
        let cut: String = text.chars().take(VALUE_SHOWN).collect();
        format!("{cut}…")
    } else {
        text
    }
}
