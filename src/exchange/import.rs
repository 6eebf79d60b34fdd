//! Importing received files on the files tab: one, or the many a leader gets by email at the end of
//! the year (pick or drop them all at once). Each file is checked and previewed on top of the ones
//! before it; nothing changes until «Nhập»; then every accepted file is merged and the campaign is
//! written once. A refused file is listed with its reasons and brings nothing (each file is all or
//! nothing); the others still apply.

use super::drop_zone::{drop_zone, files_of};
use crate::device::Device;
use crate::file_read::read_file;
use crate::lang::{msg, now_ms, t, tf};
use crate::session::{use_session, Notice};
use crate::storage::{timed, Span};
use leptos::prelude::*;
use std::borrow::Cow;
use leptos::task::spawn_local;
use thidua_core::bundle::{self, Bundle};
use thidua_core::Campaign;
use web_sys::{File, HtmlInputElement};

/// One received file, as previewed.
struct Received {
    file: String,
    /// Who sent it (the bundle's producer), when it could be read.
    from: Option<String>,
    outcome: Result<String, String>,
}

/// What the preview found, kept until applied or cancelled.
struct Batch {
    files: Vec<Received>,
    accepted: Vec<Bundle>,
    /// The campaign the preview started from and what merging every accepted file gave: applied as
    /// is when the campaign has not changed meanwhile.
    base: Campaign,
    merged: Campaign,
}

/// Reads, checks and previews `files` in turn on top of `ours`.
async fn preview_all(ours: Campaign, files: Vec<File>) -> Batch {
    let now = now_ms();
    // Taken in turn, in place: after the first file, each costs what it holds.
    let mut merged = bundle::InPlace::new(timed("thidua-import-copy", || ours.clone()));
    let mut out = Vec::new();
    let mut accepted = Vec::new();
    // All read at once (the browser reads while the files before are checked); each step is
    // measured for the benchmarks (tests/bench, `thidua-import-*`).
    let reads: Vec<_> = files.iter().map(|f| (f.name(), read_file(f))).collect();
    for (name, read) in reads {
        let reading = Span::start("thidua-import-read");
        let loaded = read.await;
        reading.end();
        let Some(loaded) = loaded else {
            out.push(Received { file: name, from: None, outcome: Err(t("Không đọc được tệp.", "Could not read the file.").into()) });
            continue;
        };
        let parsed = timed("thidua-import-parse", || {
            // Checked as UTF-8 the quick way first; a file that is not is read as the fuzzer reads it.
            let text = std::str::from_utf8(&loaded.bytes).map(Cow::Borrowed).unwrap_or_else(|_| String::from_utf8_lossy(&loaded.bytes));
            Bundle::from_json(&text)
        });
        let b = match parsed {
            Ok(b) => b,
            Err(m) => {
                out.push(Received { file: name, from: None, outcome: Err(msg(&m)) });
                continue;
            }
        };
        let from = Some(b.producer.label.clone());
        match timed("thidua-import-merge", || merged.take(&b, now)) {
            Ok(p) if p.refused.is_empty() => {
                out.push(Received { file: name, from, outcome: Ok(msg(&p.summary())) });
                accepted.push(b);
            }
            Ok(p) => {
                let reasons: Vec<String> = p.refused.iter().map(msg).collect();
                out.push(Received { file: name, from, outcome: Err(format!("{} {}", t("Tệp bị từ chối:", "File refused:"), reasons.join("; "))) });
            }
            Err(m) => out.push(Received { file: name, from, outcome: Err(msg(&m)) }),
        }
    }
    Batch { files: out, accepted, base: ours, merged: merged.into_campaign() }
}

#[component]
pub(super) fn ImportBundle() -> impl IntoView {
    let s = use_session();
    super::rehearsal::soon(s.campaign);
    let pending = RwSignal::new(None::<Batch>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let load = move |files: Vec<File>| {
        super::rehearsal::not_needed();
        pending.set(None);
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            let batch = preview_all(s.campaign.get_untracked(), files).await;
            busy.set(false);
            let refused: Vec<&Received> = batch.files.iter().filter(|r| r.outcome.is_err()).collect();
            if batch.accepted.is_empty() && !refused.is_empty() {
                let single = batch.files.len() == 1;
                let lines: Vec<String> = refused
                    .iter()
                    .map(|r| {
                        let why = r.outcome.as_ref().err().cloned().unwrap_or_default();
                        if single {
                            why
                        } else {
                            format!("«{}»: {why}", r.file)
                        }
                    })
                    .collect();
                error.set(Some(lines.join(" — ")));
            } else {
                pending.set(Some(batch));
            }
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files = input.files().map(|l| files_of(&l)).unwrap_or_default();
        input.set_value("");
        if !files.is_empty() {
            load(files);
        }
    };
    let apply = move |_| {
        let now = now_ms();
        // Read in place: the batch holds two copies of the campaign, not to be cloned for a click.
        let done = pending.with_untracked(|p| {
            let batch = p.as_ref()?;
            let written = s.replace(|c| {
                if *c == batch.base {
                    return Ok(batch.merged.clone());
                }
                // Changed since the preview (an edit, another tab, a sync): merged again, all or nothing.
                batch.accepted.iter().try_fold(c.clone(), |acc, b| bundle::apply(&acc, b, now))
            });
            let from = match batch.accepted.as_slice() {
                [one] => tf(format!("Đã nhập dữ liệu từ {}.", one.producer.label), format!("Imported the data from {}.", one.producer.label)),
                many => tf(format!("Đã nhập {} tệp dữ liệu.", many.len()), format!("Imported {} data files.", many.len())),
            };
            Some(written.map(|()| from))
        });
        match done {
            None => {}
            Some(Ok(text)) => {
                let _ = Device::update(|d| s.campaign.with_untracked(|c| d.clock.observe(&thidua_core::merge::max_stamp(c))));
                pending.set(None);
                s.notice.set(Some(Notice::Info(text)));
            }
            Some(Err(e)) => error.set(Some(msg(&e.msg()))),
        }
    };
    view! {
        <section class="panel exchange">
            <h3>{t("Nhập tệp dữ liệu nhận được", "Import received data files")}</h3>
            {drop_zone("bundle-drop", load, view! {
                <p class="drop-hint">{t(
                    "Kéo thả các tệp dữ liệu nhận được vào đây (có thể nhiều tệp một lúc), hoặc chọn tệp:",
                    "Drop the received data files here (several at once if you like), or choose them:",
                )}</p>
                <label class="field">
                    <span>{t("Tệp dữ liệu (.json)", "Data files (.json)")}</span>
                    <input id="import-bundle" type="file" multiple accept=".json,application/json" on:change=on_change />
                </label>
            })}
            {move || busy.get().then(|| view! { <p class="muted" id="import-busy" role="status">{t("Đang kiểm tra tệp…", "Checking the files…")}</p> })}
            {move || error.get().map(|e| view! { <p class="error" role="alert" id="import-error">{e}</p> })}
            {move || pending.with(|p| p.as_ref().map(|batch| preview_view(batch, apply, move || pending.set(None))))}
        </section>
    }
}

/// The preview of one file as before, or the list of several with what each brings or why not.
fn preview_view(batch: &Batch, apply: impl Fn(leptos::ev::MouseEvent) + 'static, cancel: impl Fn() + 'static) -> impl IntoView {
    let n = batch.accepted.len();
    let body = if let [one] = batch.files.as_slice() {
        let from = one.from.clone().unwrap_or_default();
        let summary = one.outcome.clone().unwrap_or_default();
        view! {
            <p>
                <strong>{tf(format!("Từ: {from}"), format!("From: {from}"))}</strong>
                " — "
                <span id="import-summary">{summary}</span>
            </p>
        }
        .into_any()
    } else {
        let items = batch
            .files
            .iter()
            .map(|r| {
                let refused = r.outcome.is_err();
                let text = match &r.outcome {
                    Ok(s) => s.clone(),
                    Err(why) => format!("{} {why}", t("Không nhập —", "Not imported —")),
                };
                let from = r.from.clone().map(|f| format!(" ({f})")).unwrap_or_default();
                view! {
                    <li class:refused=refused data-file=r.file.clone()>
                        <strong>{r.file.clone()}</strong>{from}" — "<span class="what">{text}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p id="import-summary">{tf(
                format!("{} tệp: {} tệp sẽ được nhập.", batch.files.len(), n),
                format!("{} files: {} will be imported.", batch.files.len(), n),
            )}</p>
            <ul class="import-files" id="import-files">{items}</ul>
        }
        .into_any()
    };
    let label = if batch.files.len() == 1 { t("Nhập tất cả thay đổi", "Apply all changes").to_string() } else { tf(format!("Nhập {n} tệp"), format!("Import {n} files")) };
    view! {
        <div class="inline-dialog" id="import-preview">
            {body}
            <button id="import-apply" class="primary" disabled=n == 0 on:click=apply>{label}</button>
            <button id="import-cancel" on:click=move |_| cancel()>{t("Bỏ qua", "Cancel")}</button>
        </div>
    }
}
