//! JSON over `fetch`, with a time limit: a request that hangs on a bad line is a failure to retry,
//! not a sync that never ends.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestInit, Response};

/// How long one request may take (a campaign of 40 units on a slow line is a few hundred KB).
const TIMEOUT_MS: i32 = 60_000;

/// Why a request got no usable answer.
#[derive(Debug, Clone, PartialEq)]
pub enum HttpError {
    /// No answer at all: offline, server down, timed out.
    Network(String),
    /// The server answered with an error: its status, machine code and message.
    Status { status: u16, code: String, message: thidua_core::Msg },
}

fn js_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch failed".into())
}

/// Sends a request; `Ok` with the body of a 2xx answer.
pub async fn request(method: &str, url: &str, token: Option<&str>, body: Option<&str>) -> Result<String, HttpError> {
    request_with(method, url, token, &[], body).await
}

/// [`request`] with more headers.
pub async fn request_with(method: &str, url: &str, token: Option<&str>, extra: &[(&str, &str)], body: Option<&str>) -> Result<String, HttpError> {
    let window = web_sys::window().ok_or_else(|| HttpError::Network("no window".into()))?;
    let init = RequestInit::new();
    init.set_method(method);
    let headers = Headers::new().map_err(|e| HttpError::Network(js_text(&e)))?;
    let _ = headers.set("content-type", "application/json");
    if let Some(t) = token {
        let _ = headers.set("authorization", &format!("Bearer {t}"));
    }
    for (k, v) in extra {
        let _ = headers.set(k, v);
    }
    init.set_headers(&headers);
    if let Some(b) = body {
        init.set_body(&JsValue::from_str(b));
    }
    let abort = AbortController::new().ok();
    if let Some(a) = &abort {
        init.set_signal(Some(&a.signal()));
        let a = a.clone();
        let cb = wasm_bindgen::closure::Closure::once_into_js(move || a.abort());
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), TIMEOUT_MS);
    }
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(|e| HttpError::Network(js_text(&e)))?;
    let response: Response = response.dyn_into().map_err(|e| HttpError::Network(js_text(&e)))?;
    let text = match response.text() {
        Ok(p) => JsFuture::from(p).await.map_err(|e| HttpError::Network(js_text(&e)))?.as_string().unwrap_or_default(),
        Err(e) => return Err(HttpError::Network(js_text(&e))),
    };
    if response.ok() {
        return Ok(text);
    }
    let status = response.status();
    match serde_json::from_str::<thidua_core::sync::ErrorBody>(&text) {
        Ok(e) => Err(HttpError::Status { status, code: e.code, message: e.error }),
        Err(_) => Err(HttpError::Status {
            status,
            code: String::new(),
            message: thidua_core::Msg::new(format!("Máy chủ trả lời lỗi {status}"), format!("the server answered {status}")),
        }),
    }
}
