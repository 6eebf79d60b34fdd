//! Reading a file the user picked into memory, in the browser.

use js_sys::Uint8Array;
use std::future::Future;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

/// A file's name and whole content.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads the whole file; `None` when the browser cannot (file moved, permission withdrawn…). The
/// browser starts reading when this is called, not when it is awaited: several files can be read
/// at once.
pub fn read_file(file: &File) -> impl Future<Output = Option<Loaded>> + use<> {
    let name = file.name();
    let reading = JsFuture::from(file.array_buffer());
    async move {
        let buffer = reading.await.ok()?;
        Some(Loaded { name, bytes: Uint8Array::new(&buffer).to_vec() })
    }
}
