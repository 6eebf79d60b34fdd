//! Handing a bundle to the phone's apps (mail, Zalo…) through the Web Share API, where the browser
//! can share files. Called through `js_sys::Reflect`: the enabled web-sys features have neither
//! `Navigator::share` with files nor `FilePropertyBag`, and `canShare` must be probed anyway since
//! most desktop browsers lack it.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

/// A JSON file of `text` named `name`, as a download would save it.
pub fn json_file(name: &str, text: &str) -> Option<File> {
    let ctor: Function = Reflect::get(&js_sys::global(), &"File".into()).ok()?.dyn_into().ok()?;
    let opts = Object::new();
    Reflect::set(&opts, &"type".into(), &"application/json".into()).ok()?;
    let args = Array::of3(&Array::of1(&JsValue::from_str(text)), &JsValue::from_str(name), &opts);
    Reflect::construct(&ctor, &args).ok()?.dyn_into().ok()
}

fn navigator() -> Option<JsValue> {
    Some(web_sys::window()?.navigator().into())
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &name.into()).ok()?.dyn_into().ok()
}

fn data(file: &File, title: &str, text: &str) -> Option<Object> {
    let d = Object::new();
    Reflect::set(&d, &"files".into(), &Array::of1(file)).ok()?;
    if !title.is_empty() {
        Reflect::set(&d, &"title".into(), &title.into()).ok()?;
        Reflect::set(&d, &"text".into(), &text.into()).ok()?;
    }
    Some(d)
}

/// Whether the browser would share this file: `navigator.canShare({files: [file]})`.
pub fn can_share(file: &File) -> bool {
    let Some(nav) = navigator() else { return false };
    let (Some(can), Some(d)) = (method(&nav, "canShare"), data(file, "", "")) else { return false };
    method(&nav, "share").is_some() && can.call1(&nav, &d).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// How a share ended.
pub enum Shared {
    Done,
    /// The person closed the share sheet: not an error.
    Cancelled,
    Failed(String),
}

/// Opens the share sheet. Must run within the click (browsers require a user gesture), before any
/// `await`; the returned future says how it ended.
pub fn share(file: &File, title: &str, text: &str) -> Result<impl std::future::Future<Output = Shared>, String> {
    let nav = navigator().ok_or("navigator")?;
    let share = method(&nav, "share").ok_or("navigator.share")?;
    let d = data(file, title, text).ok_or("share data")?;
    let promise: Promise = share.call1(&nav, &d).map_err(|e| error_text(&e))?.dyn_into().map_err(|_| "share() gave no promise".to_string())?;
    Ok(async move {
        match JsFuture::from(promise).await {
            Ok(_) => Shared::Done,
            Err(e) if error_name(&e).as_deref() == Some("AbortError") => Shared::Cancelled,
            Err(e) => Shared::Failed(error_text(&e)),
        }
    })
}

fn error_name(e: &JsValue) -> Option<String> {
    Reflect::get(e, &"name".into()).ok()?.as_string()
}

fn error_text(e: &JsValue) -> String {
    let message = Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_default();
    match error_name(e) {
        Some(name) if !message.is_empty() => format!("{name}: {message}"),
        Some(name) => name,
        None => e.as_string().unwrap_or(message),
    }
}
