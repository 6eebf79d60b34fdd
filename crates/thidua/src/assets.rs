//! The app's files as a slow line wants them: compressed ahead of time (`.br` and `.gz` beside each
//! file, made once when the server starts and whenever the file changes) and cached by the browser
//! for a year when the name carries trunk's content hash, since such a file never changes.
//! Everything else (index.html, sw.js, the manifest, icons) is revalidated on each load, so a new
//! deploy is seen at once.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Worth compressing: text and wasm. Images and fonts come compressed.
const COMPRESSIBLE: &[&str] = &["html", "js", "mjs", "wasm", "css", "svg", "json", "webmanifest", "txt", "map"];
/// Smaller files gain less than the request headers weigh.
const MIN_SIZE: u64 = 512;

/// Whether a file name carries a content hash as trunk writes it: `name-0123456789abcdef.css`,
/// `app-0123456789abcdef_bg.wasm`.
pub fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        // Trunk writes its 64-bit hash without leading zeros: one build in 16 has 15 digits.
        Some((_, hash)) => (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

/// Adds `Cache-Control` to the app's files.
pub async fn cache_headers(req: Request, next: Next) -> Response {
    let name = req.uri().path().rsplit('/').next().unwrap_or("").to_string();
    let mut res = next.run(req).await;
    if res.status().is_success() && !res.headers().contains_key(header::CACHE_CONTROL) {
        let value = if is_hashed(&name) { "public, max-age=31536000, immutable" } else { "no-cache" };
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    res
}

/// Files in `dir` and below.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn stale(compressed: &Path, source: &std::fs::Metadata) -> bool {
    match (std::fs::metadata(compressed).and_then(|m| m.modified()), source.modified()) {
        (Ok(c), Ok(s)) => c < s,
        _ => true,
    }
}

/// Writes `bytes` to `path` through a temporary file renamed over it: a half-written `.br` is never
/// served.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("{}.tmp", path.extension().and_then(|e| e.to_str()).unwrap_or("")));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes)?;
    e.finish()
}

fn brotli(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        w.write_all(bytes)?;
    }
    Ok(out)
}

/// Makes the missing or outdated `.br` and `.gz` of `dist`'s files. Returns how many files it
/// compressed; a directory it cannot write is left as it is (files are then sent uncompressed).
pub fn precompress(dist: &Path) -> std::io::Result<usize> {
    let mut all = Vec::new();
    files(dist, &mut all);
    let mut done = 0;
    for p in all {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if !COMPRESSIBLE.contains(&ext.as_str()) {
            continue;
        }
        let Ok(meta) = std::fs::metadata(&p) else { continue };
        if meta.len() < MIN_SIZE {
            continue;
        }
        let gz = PathBuf::from(format!("{}.gz", p.display()));
        let br = PathBuf::from(format!("{}.br", p.display()));
        if !stale(&gz, &meta) && !stale(&br, &meta) {
            continue;
        }
        let bytes = std::fs::read(&p)?;
        write_whole(&gz, &gzip(&bytes)?)?;
        write_whole(&br, &brotli(&bytes)?)?;
        done += 1;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_trunks() {
        assert!(is_hashed("thidua-web-ac387323f5d811ef_bg.wasm"));
        assert!(is_hashed("main-1cbcce3f93222003.css"));
        assert!(is_hashed("thidua-web-ac387323f5d811ef.js"));
        assert!(is_hashed("thidua-web-c387323f5d811ef_bg.wasm"), "a hash with a leading zero dropped");
        assert!(is_hashed("thidua-xlsx-0123456789abcdef_bg.wasm"), "the Excel worker, named by our hook");
        assert!(!is_hashed("xlsx-worker.js"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("sw.js"));
        assert!(!is_hashed("icon-192.png"));
    }

    #[test]
    fn compressed_copies_decompress_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Bảng chấm điểm thi đua ".repeat(200);
        std::fs::write(dir.path().join("app-0123456789abcdef.js"), &text).unwrap();
        std::fs::write(dir.path().join("tiny.css"), "a{}").unwrap();
        assert_eq!(precompress(dir.path()).unwrap(), 1);
        assert_eq!(precompress(dir.path()).unwrap(), 0, "nothing to redo");
        let gz = std::fs::read(dir.path().join("app-0123456789abcdef.js.gz")).unwrap();
        let mut back = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut back).unwrap();
        assert_eq!(back, text);
        let br = std::fs::read(dir.path().join("app-0123456789abcdef.js.br")).unwrap();
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(!dir.path().join("tiny.css.gz").exists());
    }
}
