//! Handing a file the app made to the user: a download, with no server involved.

use wasm_bindgen::JsCast;

/// Offers `text` as a file named `name`. Returns false when the browser refuses (very old browsers,
/// or blocked downloads); the caller says so.
pub fn download_text(name: &str, mime: &str, text: &str) -> bool {
    try_download(name, mime, text).is_some()
}

fn try_download(name: &str, mime: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    offer(name, &blob)
}

/// Offers binary `bytes` (a workbook, a zip) as a file named `name`; false when the browser refuses.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> bool {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
        .ok()
        .and_then(|blob| offer(name, &blob))
        .is_some()
}

/// Hands a blob to the browser's download through a temporary link.
fn offer(name: &str, blob: &web_sys::Blob) -> Option<()> {
    let url = web_sys::Url::create_object_url_with_blob(blob).ok()?;
    let document = web_sys::window()?.document()?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_attribute("style", "display:none").ok()?;
    let body = document.body()?;
    body.append_child(&a).ok()?;
    a.click();
    let _ = body.remove_child(&a);
    // The click has handed the blob to the browser's download; the URL can go.
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

/// A file name safe on every system, from a bloc name and the rest: `Khoi-tong-hop_2025_CTK.json`.
pub fn file_name(parts: &[&str], ext: &str) -> String {
    let cleaned: Vec<String> = parts
        .iter()
        .map(|p| {
            let ascii: String = p.chars().map(fold_vietnamese).collect();
            let mut out = String::new();
            for ch in ascii.chars() {
                if ch.is_ascii_alphanumeric() {
                    out.push(ch);
                } else if !out.ends_with('-') && !out.is_empty() {
                    out.push('-');
                }
            }
            out.trim_end_matches('-').chars().take(40).collect()
        })
        .filter(|s: &String| !s.is_empty())
        .collect();
    format!("{}.{ext}", cleaned.join("_"))
}

/// Drops Vietnamese diacritics so that file names survive every mail client.
fn fold_vietnamese(c: char) -> char {
    const GROUPS: [(&str, char); 14] = [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ÈÉẺẼẸÊỀẾỂỄỆ", 'E'),
        ("ìíỉĩị", 'i'),
        ("ÌÍỈĨỊ", 'I'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'),
        ("ùúủũụưừứửữự", 'u'),
        ("ÙÚỦŨỤƯỪỨỬỮỰ", 'U'),
        ("ỳýỷỹỵ", 'y'),
        ("ỲÝỶỸỴ", 'Y'),
        ("đ", 'd'),
        ("Đ", 'D'),
    ];
    GROUPS.iter().find(|(set, _)| set.contains(c)).map(|(_, base)| *base).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_are_plain_ascii() {
        assert_eq!(file_name(&["Khối các sở, ngành tổng hợp", "2025", "CTK"], "json"), "Khoi-cac-so-nganh-tong-hop_2025_CTK.json");
        assert_eq!(file_name(&["Đơn vị", ""], "csv"), "Don-vi.csv");
    }
}
