//! The pledge text: its contents (an ordered list), the year's slogan and its movements. The leader
//! edits a draft here and saves it with one button; units read it.

use crate::lang::{t, tf};
use crate::session::use_session;
use leptos::html;
use leptos::prelude::*;
use thidua_core::edit::Edit;
use thidua_core::Pledge;

#[component]
pub fn PledgeView() -> impl IntoView {
    let s = use_session();
    let p = move || s.campaign.with(|c| c.pledge.value.clone());
    let contents = move || {
        let items = p().contents;
        if items.is_empty() {
            view! { <p class="empty" id="pledge-contents-empty">{t("Trưởng khối chưa soạn nội dung giao ước.", "The leader has not written the pledge yet.")}</p> }.into_any()
        } else {
            view! { <ol id="pledge-contents" class="pledge-list">{items.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ol> }.into_any()
        }
    };
    let slogan = move || {
        let v = p().slogan;
        if v.trim().is_empty() { "—".to_string() } else { format!("«{v}»") }
    };
    let movements = move || {
        let items = p().movements;
        if items.is_empty() {
            view! { <p class="muted" id="pledge-movements">"—"</p> }.into_any()
        } else {
            view! { <ul id="pledge-movements" class="movement-list">{items.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul> }.into_any()
        }
    };
    view! {
        <p class="readonly-note">{t(
            "Nội dung giao ước do Trưởng khối soạn theo kết quả hội nghị ký kết. Đơn vị xem và ký ở phần dưới.",
            "The leader writes the pledge as adopted at the conference. Units read it and sign below.",
        )}</p>
        <h4>{t("Nội dung giao ước", "Pledge contents")}</h4>
        {contents}
        <h4>{t("Khẩu hiệu thi đua", "The year's slogan")}</h4>
        <p class="slogan" id="pledge-slogan">{slogan}</p>
        <h4>{t("Các phong trào thi đua", "Emulation movements")}</h4>
        {movements}
    }
}

/// One line of the contents while it is being edited; `key` keeps its row (and what is typed in
/// it) through moves. Plain data rather than a signal per line: signals made while reloading from
/// an effect would be disposed with that effect's next run.
#[derive(Clone)]
struct Item {
    key: u32,
    text: String,
}

#[derive(Clone, Copy)]
struct Draft {
    items: RwSignal<Vec<Item>>,
    slogan: RwSignal<String>,
    movements: RwSignal<String>,
    next_key: StoredValue<u32>,
}

impl Draft {
    fn item(&self, text: String) -> Item {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        Item { key, text }
    }

    fn load(&self, p: &Pledge) {
        let items = p.contents.iter().map(|c| self.item(c.clone())).collect();
        self.items.set(items);
        self.slogan.set(p.slogan.clone());
        self.movements.set(p.movements.join("\n"));
    }

    /// The pledge the draft says, with blank lines dropped.
    fn value(&self) -> Pledge {
        let lines = |s: &str| s.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect::<Vec<_>>();
        Pledge {
            contents: self.items.with(|v| {
                v.iter().map(|i| i.text.trim().to_string()).filter(|t| !t.is_empty()).collect()
            }),
            slogan: self.slogan.with(|s| s.trim().to_string()),
            movements: self.movements.with(|m| lines(m)),
        }
    }
}

#[component]
pub fn PledgeEditor() -> impl IntoView {
    let s = use_session();
    let stored = move || s.campaign.with(|c| c.pledge.value.clone());
    let first = s.campaign.with_untracked(|c| c.pledge.value.clone());
    let draft = Draft {
        items: RwSignal::new(Vec::new()),
        slogan: RwSignal::new(String::new()),
        movements: RwSignal::new(String::new()),
        next_key: StoredValue::new(0),
    };
    draft.load(&first);
    // Follow another tab's save unless the leader has unsaved changes here.
    let base = StoredValue::new(first);
    Effect::new(move |_| {
        let now = stored();
        if now != base.get_value() {
            if untrack(|| draft.value()) == base.get_value() {
                draft.load(&now);
            }
            base.set_value(now);
        }
    });
    let dirty = move || draft.value() != stored();
    let saved = RwSignal::new(false);
    Effect::new(move |_| {
        if dirty() {
            saved.set(false);
        }
    });

    let new_text = RwSignal::new(String::new());
    let add_error = RwSignal::new(false);
    let add_ref = NodeRef::<html::Input>::new();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = new_text.get_untracked().trim().to_string();
        if text.is_empty() {
            add_error.set(true);
            return;
        }
        add_error.set(false);
        let item = draft.item(text);
        draft.items.update(|v| v.push(item));
        new_text.set(String::new());
        if let Some(el) = add_ref.get_untracked() {
            let _ = el.focus();
        }
    };
    let save = move |_| {
        let p = draft.value();
        if s.edit(Edit::SetPledge { pledge: p.clone() }).is_ok() {
            draft.load(&p);
            base.set_value(p);
            saved.set(true);
        }
    };
    let status = move || {
        if saved.get() {
            Some(view! { <span class="saved" id="pledge-saved">{t("Đã lưu giao ước.", "Pledge saved.")}</span> }.into_any())
        } else if dirty() {
            Some(view! { <span class="unsaved">{t("Có thay đổi chưa lưu.", "Unsaved changes.")}</span> }.into_any())
        } else {
            None
        }
    };
    let empty = move || {
        draft.items.with(Vec::is_empty).then(|| {
            view! { <p class="empty compact">{t("Chưa có nội dung nào. Thêm từng nội dung ở ô bên dưới.", "No contents yet. Add them one by one below.")}</p> }
        })
    };
    view! {
        <p class="hint">{t(
            "Soạn theo kết quả hội nghị ký kết giao ước. Các thay đổi chỉ được lưu khi bấm «Lưu giao ước».",
            "Write it as adopted at the pledge conference. Changes are kept only when you press «Save pledge».",
        )}</p>
        <h4 id="contents-title">{t("Nội dung giao ước", "Pledge contents")}</h4>
        <ol id="pledge-contents" class="pledge-list editing" aria-labelledby="contents-title">
            <For each=move || draft.items.get() key=|i| i.key let:item>
                <ContentRow key=item.key text=item.text items=draft.items />
            </For>
        </ol>
        {empty}
        <form class="add-line" on:submit=add>
            <div class="field grow">
                <label for="pledge-add-content">{t("Thêm nội dung", "Add a line")}</label>
                <input id="pledge-add-content" type="text" node_ref=add_ref prop:value=new_text
                    aria-invalid=move || add_error.get().to_string() aria-describedby="pledge-add-content-error"
                    placeholder=t("Ví dụ: Hoàn thành xuất sắc nhiệm vụ chính trị được giao", "e.g. Fully accomplish the assigned tasks")
                    on:input=move |e| { new_text.set(event_target_value(&e)); add_error.set(false); } />
                {move || add_error.get().then(|| view! { <p class="field-error" id="pledge-add-content-error">{t("Hãy nhập nội dung trước khi thêm.", "Type the line before adding it.")}</p> })}
            </div>
            <button id="pledge-add-content-btn" type="submit">{t("+ Thêm", "+ Add")}</button>
        </form>
        <div class="field">
            <label for="pledge-slogan">{t("Khẩu hiệu thi đua của năm", "The year's slogan")}</label>
            <input id="pledge-slogan" type="text" prop:value=draft.slogan
                on:input=move |e| draft.slogan.set(event_target_value(&e)) />
        </div>
        <div class="field">
            <label for="pledge-movements">{t("Các phong trào thi đua (mỗi dòng một phong trào)", "Emulation movements (one per line)")}</label>
            <textarea id="pledge-movements" rows="4" prop:value=draft.movements
                on:input=move |e| draft.movements.set(event_target_value(&e))></textarea>
        </div>
        <div class="form-actions">
            <button id="pledge-save" type="button" class="primary" on:click=save>{t("Lưu giao ước", "Save pledge")}</button>
            <span class="status" role="status">{status}</span>
        </div>
    }
}

#[component]
fn ContentRow(key: u32, text: String, items: RwSignal<Vec<Item>>) -> impl IntoView {
    let pos = move || items.with(|v| v.iter().position(|i| i.key == key).unwrap_or(0));
    let last = move || items.with(|v| v.len().saturating_sub(1));
    let input_id = format!("pledge-content-{key}");
    let up_ref = NodeRef::<html::Button>::new();
    let down_ref = NodeRef::<html::Button>::new();
    // Moving a row moves its buttons in the page, which drops the focus: give it back.
    let refocus = move |prefer_up: bool| {
        request_animation_frame(move || {
            let (i, last) = untrack(|| (pos(), last()));
            let target = if (prefer_up && i > 0) || i >= last { up_ref } else { down_ref };
            if let Some(b) = target.get_untracked() {
                let _ = b.focus();
            }
        });
    };
    let up = move |_| {
        let i = pos();
        if i > 0 {
            items.update(|v| v.swap(i, i - 1));
            refocus(true);
        }
    };
    let down = move |_| {
        let i = pos();
        if i < last() {
            items.update(|v| v.swap(i, i + 1));
            refocus(false);
        }
    };
    let remove = move |_| items.update(|v| v.retain(|i| i.key != key));
    let edit = move |e: leptos::ev::Event| {
        let value = event_target_value(&e);
        items.update(|v| {
            if let Some(i) = v.iter_mut().find(|i| i.key == key) {
                i.text = value;
            }
        });
    };
    let n = move || pos() + 1;
    view! {
        <li data-key=key>
            <label class="sr-only" for=input_id.clone()>{move || tf(format!("Nội dung {}", n()), format!("Line {}", n()))}</label>
            // The text is also the textarea's content, so the line reads as text in the page too.
            <textarea id=input_id class="content-text" rows="1" on:input=edit>{text}</textarea>
            <span class="row-tools">
                <button type="button" class="icon content-up" node_ref=up_ref on:click=up disabled=move || pos() == 0
                    aria-label=move || tf(format!("Chuyển nội dung {} lên", n()), format!("Move line {} up", n()))>"↑"</button>
                <button type="button" class="icon content-down" node_ref=down_ref on:click=down disabled=move || { pos() >= last() }
                    aria-label=move || tf(format!("Chuyển nội dung {} xuống", n()), format!("Move line {} down", n()))>"↓"</button>
                <button type="button" class="icon danger-outline content-remove" on:click=remove
                    aria-label=move || tf(format!("Bỏ nội dung {}", n()), format!("Remove line {}", n()))>"✕"</button>
            </span>
        </li>
    }
}
