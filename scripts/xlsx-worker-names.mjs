// Trunk's post_build hook (Trunk.toml): gives the Excel worker's files content-hashed names and
// names them in index.html.
//
// Trunk names a worker's output after its binary (thidua-xlsx.js, thidua-xlsx_bg.wasm) so that the
// app can find it at run time; unhashed, a new build could not be cached for a year, and the
// service worker (which keeps what index.html names) would not know of it. So: rename both to
// thidua-xlsx-<16 hex>…, and add to index.html's <head>
//   <link rel="x-thidua-xlsx-js" href="/thidua-xlsx-<hash>.js">
//   <link rel="x-thidua-xlsx-wasm" href="/thidua-xlsx-<hash>_bg.wasm">
// A `rel` browsers do not know fetches nothing: the first load stays without Excel; src/excel.rs
// reads the names from these links, public/sw.js precaches them, and a new Excel build changes
// index.html, hence the service worker's version.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const base = (process.env.TRUNK_PUBLIC_URL || '/').replace(/\/?$/, '/');
if (!staging) {
  console.error('xlsx-worker-names: TRUNK_STAGING_DIR is not set (run by trunk only)');
  process.exit(1);
}
const NAME = 'thidua-xlsx';
const js = path.join(staging, `${NAME}.js`);
const wasm = path.join(staging, `${NAME}_bg.wasm`);
const html = path.join(staging, 'index.html');
for (const f of [js, wasm, html]) {
  if (!fs.existsSync(f)) {
    console.error(`xlsx-worker-names: ${f} is missing (is the worker's <link data-trunk rel="rust" data-type="worker"> in index.html?)`);
    process.exit(1);
  }
}
const digest = crypto.createHash('sha256');
digest.update(fs.readFileSync(js));
digest.update(fs.readFileSync(wasm));
const hash = digest.digest('hex').slice(0, 16);
const jsName = `${NAME}-${hash}.js`;
const wasmName = `${NAME}-${hash}_bg.wasm`;
fs.renameSync(js, path.join(staging, jsName));
fs.renameSync(wasm, path.join(staging, wasmName));
const links =
  `<link rel="x-thidua-xlsx-js" href="${base}${jsName}">` +
  `<link rel="x-thidua-xlsx-wasm" href="${base}${wasmName}">`;
const page = fs.readFileSync(html, 'utf8');
if (!page.includes('</head>')) {
  console.error('xlsx-worker-names: index.html has no </head>');
  process.exit(1);
}
fs.writeFileSync(html, page.replace('</head>', `${links}</head>`));
console.log(`xlsx-worker-names: ${jsName}, ${wasmName}`);
