//! The page's end of the Excel worker (`crates/xlsx-worker`, loaded by `public/xlsx-worker.js`):
//! reading an .xlsx into the core's table and writing the results workbook happen in a second
//! wasm that is fetched on first use, not with the app.
//!
//! Each request starts a worker and ends it once answered: Excel is used a few times a year, and a
//! worker per request has no state to go stale. The worker's file names carry a content hash; the
//! build writes them into index.html as inert `<link>`s (scripts/xlsx-worker-names.mjs), which is
//! also how the service worker knows to keep them for offline use.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use serde::Deserialize;
use thidua_core::import::{is_xlsx, read_table as read_csv_table, Table};
use thidua_core::problem::{Msg, Problem, Problems};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

/// The `rel` of index.html's links naming the worker's JS glue and its wasm.
const JS_REL: &str = "x-thidua-xlsx-js";
const WASM_REL: &str = "x-thidua-xlsx-wasm";
const LOADER: &str = "/xlsx-worker.js";

fn unavailable() -> Msg {
    Msg::new(
        "không tải được phần xử lý Excel của ứng dụng (lần dùng đầu tiên cần có mạng); hãy thử lại khi có mạng, hoặc lưu tệp thành CSV",
        "the app's Excel part could not be loaded (its first use needs the network); try again when online, or save the file as CSV",
    )
}

fn link(rel: &str) -> Option<String> {
    let doc = web_sys::window()?.document()?;
    doc.query_selector(&format!("link[rel='{rel}']"))
        .ok()??
        .get_attribute("href")
}

/// Sends one request to a new worker and waits for its answer: the `ok` value, or the `err` text
/// (a core `Msg` as JSON when the Excel code itself refused).
async fn call(op: &str, args: Array, transfer: Array) -> Result<JsValue, Msg> {
    let (Some(js), Some(wasm)) = (link(JS_REL), link(WASM_REL)) else {
        return Err(unavailable());
    };
    let encode = |s: &str| String::from(js_sys::encode_uri_component(s));
    let url = format!("{LOADER}#js={}&wasm={}", encode(&js), encode(&wasm));
    let worker = Worker::new(&url).map_err(|_| unavailable())?;
    let mut handlers = None;
    let answer = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &e.data());
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            let _ = reject.call0(&JsValue::NULL);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        handlers = Some((on_message, on_error));
    });
    let request = Object::new();
    let _ = Reflect::set(&request, &"op".into(), &op.into());
    let _ = Reflect::set(&request, &"args".into(), &args);
    let sent = worker.post_message_with_transfer(&request, &transfer);
    let reply = match sent {
        Ok(()) => JsFuture::from(answer).await,
        Err(e) => Err(e),
    };
    worker.terminate();
    drop(handlers);
    let reply = reply.map_err(|_| unavailable())?;
    let field = |name: &str| Reflect::get(&reply, &name.into()).ok().filter(|v| !v.is_undefined());
    if field("unavailable").is_some() {
        return Err(unavailable());
    }
    if let Some(ok) = field("ok") {
        return Ok(ok);
    }
    let err = field("err").and_then(|e| e.as_string()).unwrap_or_default();
    Err(serde_json::from_str::<Msg>(&err).unwrap_or_else(|_| {
        Msg::new(format!("lỗi khi xử lý tệp Excel: {err}"), format!("error while handling the Excel file: {err}"))
    }))
}

/// What the worker's `read` answers.
#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Read {
    Ok(Table),
    Err(Problems),
}

/// A picked spreadsheet as the core's table: CSV is read here, an .xlsx (a zip file) by the worker.
pub async fn read_table(name: &str, bytes: &[u8]) -> Result<Table, Problems> {
    // The size limit and the CSV reading need no Excel code: only zip files go to the worker.
    if !is_xlsx(bytes) || bytes.len() > thidua_core::import::MAX_BYTES {
        return read_csv_table(name, bytes);
    }
    let data = Uint8Array::from(bytes);
    let args = Array::of2(&name.into(), &data);
    let refused = |m: Msg| Problems(vec![Problem::new(name, None, None, m)]);
    let text = call("read", args, Array::of1(&data.buffer()))
        .await
        .map_err(refused)?
        .as_string()
        .unwrap_or_default();
    match serde_json::from_str::<Read>(&text) {
        Ok(Read::Ok(t)) => Ok(t),
        Ok(Read::Err(p)) => Err(p),
        Err(e) => Err(refused(Msg::new(
            format!("phần xử lý Excel trả lời không đúng ({e})"),
            format!("the Excel part answered wrongly ({e})"),
        ))),
    }
}

/// The results workbook of the campaign stored as `campaign` (its JSON document), in "vi" or "en".
pub async fn workbook(campaign: String, lang: &str) -> Result<Vec<u8>, Msg> {
    let args = Array::of2(&campaign.into(), &lang.into());
    let bytes = call("workbook", args, Array::new()).await?;
    match bytes.dyn_into::<Uint8Array>() {
        Ok(b) => Ok(b.to_vec()),
        Err(_) => Err(unavailable()),
    }
}
