//! A place to drop a received file: it does what choosing the file in the picker does. While a
//! file is dragged over it, it is highlighted; a drop without a file is ignored; and while it is on
//! the page, a file dropped beside it does not make the browser leave the app to show the file.

use leptos::ev::DragEvent;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{File, FileList};

/// `event.dataTransfer`, read through Reflect (the `DataTransfer` web-sys feature is not enabled).
fn data_transfer(ev: &JsValue) -> Option<JsValue> {
    js_sys::Reflect::get(ev, &"dataTransfer".into()).ok().filter(|d| !d.is_null() && !d.is_undefined())
}

/// Whether a drag carries files (their names are not readable before the drop, their kind is).
fn carries_files(ev: &JsValue) -> bool {
    let Some(dt) = data_transfer(ev) else { return false };
    js_sys::Reflect::get(&dt, &"types".into())
        .ok()
        .map(|types| js_sys::Array::from(&types).includes(&"Files".into(), 0))
        .unwrap_or(false)
}

fn dropped_files(ev: &JsValue) -> Vec<File> {
    let list: Option<FileList> = data_transfer(ev).and_then(|dt| js_sys::Reflect::get(&dt, &"files".into()).ok()).and_then(|l| l.dyn_into().ok());
    list.map(|l| files_of(&l)).unwrap_or_default()
}

/// The files of a picker's or a drop's list, in their order.
pub fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Asks for a copy cursor rather than a move.
fn set_copy(ev: &JsValue) {
    if let Some(dt) = data_transfer(ev) {
        let _ = js_sys::Reflect::set(&dt, &"dropEffect".into(), &"copy".into());
    }
}

/// The zone `id`, holding `inner` (the picker and its label); `on_files` gets the dropped files
/// (one or more).
pub fn drop_zone(id: &'static str, on_files: impl Fn(Vec<File>) + Clone + 'static, inner: impl IntoView + 'static) -> impl IntoView {
    // dragenter/dragleave fire for every child crossed: count them to know when the drag has left.
    let depth = RwSignal::new(0i32);
    let guard = [
        window_event_listener(leptos::ev::dragover, |ev| {
            if carries_files(&ev) {
                ev.prevent_default();
            }
        }),
        window_event_listener(leptos::ev::drop, |ev| {
            if carries_files(&ev) {
                ev.prevent_default();
            }
        }),
    ];
    on_cleanup(move || guard.into_iter().for_each(|h| h.remove()));
    let enter = move |ev: DragEvent| {
        if carries_files(&ev) {
            ev.prevent_default();
            depth.update(|d| *d += 1);
        }
    };
    let over = move |ev: DragEvent| {
        ev.prevent_default();
        set_copy(&ev);
    };
    let leave = move |_: DragEvent| depth.update(|d| *d = (*d - 1).max(0));
    let drop = move |ev: DragEvent| {
        ev.prevent_default();
        depth.set(0);
        let files = dropped_files(&ev);
        if !files.is_empty() {
            on_files(files);
        }
    };
    let dragging = Memo::new(move |_| depth.get() > 0);
    view! {
        <div id=id class="drop-zone" class:dragging=dragging on:dragenter=enter on:dragover=over on:dragleave=leave on:drop=drop>
            {inner}
        </div>
    }
}
