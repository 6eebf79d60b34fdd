// The Excel worker's loader (see crates/xlsx-worker and src/excel.rs). The page starts it as
// `/xlsx-worker.js#js=<glue>&wasm=<module>`, the two content-hashed files the build names in
// index.html; this file itself never changes, so its name needs no hash.
//
// One request per worker: {op, args} in; {ok}, {err} or {unavailable} (the wasm did not load) out.
'use strict';

const OPS = new Set(['read', 'workbook']);
const params = new URLSearchParams(self.location.hash.slice(1));
// Only this site's own files: the hash is written by the page, but never load a script from
// anywhere else whatever it says.
const own = (p) => typeof p === 'string' && p.startsWith('/') && !p.startsWith('//');
const js = params.get('js');
const wasm = params.get('wasm');

let ready;
try {
  if (!own(js) || !own(wasm)) throw new Error('xlsx-worker: bad file names');
  importScripts(js);
  // eslint-disable-next-line no-undef
  ready = wasm_bindgen({ module_or_path: wasm }).then(() => wasm_bindgen);
} catch (e) {
  ready = Promise.reject(e);
}

self.onmessage = async (event) => {
  const { op, args } = event.data || {};
  let bindings;
  try {
    bindings = await ready;
  } catch (e) {
    // Offline before the Excel part was ever fetched, or the files are gone: the page says so.
    self.postMessage({ unavailable: String((e && e.message) || e) });
    return;
  }
  let reply;
  try {
    if (!OPS.has(op) || !Array.isArray(args)) throw new Error(`xlsx-worker: unknown request ${op}`);
    const ok = bindings[op](...args);
    reply = { ok };
  } catch (e) {
    // What Rust returned as Err arrives as a thrown string; anything else is the worker failing.
    reply = { err: typeof e === 'string' ? e : String((e && e.message) || e) };
  }
  const transfer = reply.ok instanceof Uint8Array ? [reply.ok.buffer] : [];
  self.postMessage(reply, transfer);
};
