//! Reading a file the user picked into memory, in the browser.

use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

/// A file's name and whole content.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads the whole file; `None` when the browser cannot (file moved, permission withdrawn…).
pub async fn read_file(file: &File) -> Option<Loaded> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(Loaded {
        name: file.name(),
        bytes: Uint8Array::new(&buffer).to_vec(),
    })
}
