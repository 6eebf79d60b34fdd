// The browser benchmarks, in real Chromium against a running `thidua serve`:
//
//   node tests/bench/run.mjs --url http://127.0.0.1:PORT/ --dist DIR --data DIR [--out results.json] [--only a,b]
//
// --dist is the built app the server serves (for the files' compressed sizes), --data the output
// directory of `cargo run --release -p thidua --example synthetic -- 40 300 DIR`. Prints a
// Markdown table and writes every number as JSON to --out. Rows: transfer, slow3g, offline,
// keystroke (with the storage write), import.

import fs from 'node:fs';
import path from 'node:path';
import { launch } from './lib.mjs';
import { distSizes, firstLoadTransfer, offlineReload, slow3g } from './load.mjs';
import { importBatch, importBundles, keystroke } from './interact.mjs';

function args() {
  const out = {};
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i += 2) out[a[i].replace(/^--/, '')] = a[i + 1];
  if (!out.url) throw new Error('--url is required');
  out.url = out.url.replace(/\/?$/, '/');
  return out;
}

const kb = (b) => `${(b / 1000).toFixed(1)} KB`;

async function main() {
  const opt = args();
  const only = opt.only ? new Set(opt.only.split(',')) : null;
  const want = (name) => !only || only.has(name);
  const browser = await launch();
  const results = { chromium: browser.version() };
  const step = async (name, f) => {
    if (!want(name)) return;
    const start = Date.now();
    process.stderr.write(`bench: ${name}…\n`);
    try {
      results[name] = await f();
    } catch (e) {
      results[name] = { error: String(e?.stack || e) };
    }
    process.stderr.write(`bench: ${name} done in ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
  };
  try {
    if (opt.dist) await step('sizes', async () => distSizes(opt.dist));
    await step('transfer', () => firstLoadTransfer(browser, opt.url));
    await step('slow3g', () => slow3g(browser, opt.url, Number(opt.runs || 3)));
    await step('offline', () => offlineReload(browser, opt.url, 5));
    if (opt.data) {
      const scored = fs.readFileSync(path.join(opt.data, 'scored.json'), 'utf8');
      const leader = fs.readFileSync(path.join(opt.data, 'leader.json'), 'utf8');
      await step('keystroke', () => keystroke(browser, opt.url, scored, 20));
      await step('import', () => importBundles(browser, opt.url, leader, path.join(opt.data, 'bundles')));
      await step('import_batch', () => importBatch(browser, opt.url, leader, path.join(opt.data, 'bundles')));
      await step('import_batch_at_once', () => importBatch(browser, opt.url, leader, path.join(opt.data, 'bundles'), true));
    }
  } finally {
    await browser.close();
  }
  if (opt.out) fs.writeFileSync(opt.out, JSON.stringify(results, null, 2));
  printTable(results);
}

function printTable(r) {
  const rows = [];
  const err = (x) => (x?.error ? `error: ${x.error.split('\n')[0]}` : null);
  if (r.sizes) {
    const s = r.sizes;
    rows.push(['first-load files (index.html, JS, WASM, CSS), gzip -9 / brotli 11', '≤ 250 KB gzip', `${kb(s.gzip)} gzip, ${kb(s.brotli)} br (raw ${kb(s.raw)})`]);
    if (s.home?.files.length) {
      rows.push(['  then: the home screen\'s list (its module, fetched once the app runs)', '', `${kb(s.home.gzip)} gzip, ${kb(s.home.brotli)} br (raw ${kb(s.home.raw)}), ${s.home.files.length} files`]);
      rows.push(['  all the split modules (each screen\'s, fetched when opened)', '', `${kb(s.lazy.gzip)} gzip, ${kb(s.lazy.brotli)} br (raw ${kb(s.lazy.raw)}), ${s.lazy.files.length} files`]);
    }
    if (s.screen_css?.files.length) {
      rows.push(['  the screens\' own stylesheets (with the first screen that needs them)', '', `${kb(s.screen_css.gzip)} gzip, ${kb(s.screen_css.brotli)} br (raw ${kb(s.screen_css.raw)}), ${s.screen_css.files.length} files`]);
    }
    if (s.excel?.files.length) {
      rows.push(['  not in it: the Excel worker, fetched on first use', '', `${kb(s.excel.gzip)} gzip, ${kb(s.excel.brotli)} br (raw ${kb(s.excel.raw)})`]);
    }
  }
  if (r.transfer) {
    const t = r.transfer;
    const kinds = t.byKind ? Object.entries(t.byKind).map(([k, v]) => `${k} ${kb(v)}`).join(', ') : '';
    rows.push(['first-load transfer on the wire (CDP), as served', '≤ 250 KB', err(t) ?? `${kb(t.essential)} essential, ${kb(t.listed ?? t.essential)} with the rest of the home screen (its list and join form), ${kb(t.total)} all (${kinds})`]);
  }
  if (r.slow3g) {
    const listed = r.slow3g.listed ? `; its list ${(r.slow3g.listed.median / 1000).toFixed(2)} s (runs ${r.slow3g.listed.runs.join(', ')} ms)` : '';
    rows.push(['first load → interactive home, Slow 3G', '≤ 6 s', err(r.slow3g) ?? `${(r.slow3g.median / 1000).toFixed(2)} s (runs ${r.slow3g.runs.join(', ')} ms)${listed}`]);
  }
  if (r.offline) rows.push(['repeat load offline (service worker) → interactive', '≤ 1 s', err(r.offline) ?? `${r.offline.median} ms (runs ${r.offline.runs.join(', ')})`]);
  if (r.keystroke) {
    const k = r.keystroke;
    rows.push(['keystroke → totals updated, 40 × 300 (to next frame)', '≤ 16 ms', err(k) ?? `median ${k.frame.median} ms, p95 ${k.frame.p95} ms (DOM updated: median ${k.dom.median}, p95 ${k.dom.p95}; event handler ${k.handler.median})`]);
    if (!k.error) {
      const sv = k.save ? `journal setItem median ${k.save.median} ms, p95 ${k.save.p95} ms` : 'no journal write measured';
      const en = k.encode ? ` + encode median ${k.encode.median} ms, p95 ${k.encode.p95} ms` : '';
      const base = k.save_base ? `; the base rewritten whole (first edit of a bare document, and after a pause once the journal is long): setItem ${k.save_base.median} ms + encode ${k.encode_base?.median} ms` : '';
      const pa = k.parse ? `; read on open ${k.parse.median} ms` : '';
      rows.push(['storage write after an edit, 40 × 300', '≤ 10 ms', `${sv}${en}${base}${pa} (base ${kb(k.document_chars)} chars)`]);
    }
  }
  if (r.import) {
    const i = r.import;
    rows.push(['import + merge 40 unit files, browser', '≤ 100 ms', err(i) ?? `${i.total_ms} ms total; per file median ${i.per_file.median} ms (preview ${i.preview.median}, apply ${i.apply.median}), p95 ${i.per_file.p95} ms`]);
  }
  if (r.import_batch) {
    const i = r.import_batch;
    const st = i.steps ?? {};
    const parts = `copy of the campaign ${st.copy} ms, files read ${st.read} ms, checked ${st.parse} ms, merged ${st.merge} ms; the write: encode ${st.encode} ms, setItem ${st.write} ms`;
    rows.push(['import + merge 40 unit files picked at once, browser', '≤ 100 ms', err(i) ?? `${i.total_ms} ms total (preview of the 40: ${i.preview_ms} ms, apply and one write: ${i.apply_ms} ms; ${parts}); picked once the tab had rehearsed an import (${i.rehearsal_ms} ms, as the file chooser opens)`]);
  }
  if (r.import_batch_at_once) {
    const i = r.import_batch_at_once;
    const st = i.steps ?? {};
    rows.push(['  the same, picked as soon as the files tab shows (before its rehearsal)', '', err(i) ?? `${i.total_ms} ms total (preview ${i.preview_ms} ms: read ${st.read}, checked ${st.parse}, merged ${st.merge}; apply and one write ${i.apply_ms} ms)`]);
  }
  console.log(`Chromium ${r.chromium}`);
  console.log('| what | target | measured |');
  console.log('|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
