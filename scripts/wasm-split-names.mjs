// Trunk's post_build hook (Trunk.toml): puts the app's lazily loaded modules in the build.
//
// scripts/wasm-link split the app's wasm at its link (the split points are in src/lazy.rs): trunk
// then built the main module as usual, and the others were left in
// <target>/wasm32-unknown-unknown/<profile>/wasm-split/ with their loader, __wasm_split.js, which
// the main module's glue (trunk's thidua-web-<hash>.js) imports as ./__wasm_split.js. Here:
// - each module is optimised as trunk optimises the main one (wasm-opt -Oz, release only) and
//   named after its content, thidua-<name>-<16 hex>.wasm, so that it can be cached for a year;
// - the loader, with those names, becomes thidua-split-<V>.js, and the glue, importing it under
//   that name, thidua-web-<V>.js; V is a hash of the main module, the glue and every module's
//   name. Both must change name with every build that changes any part: after a deploy, a page
//   served the new index.html while the old service worker still answers the files must never
//   join a new glue and an old loader (or the reverse). index.html is pointed at the new glue
//   (its link's integrity recomputed);
// - index.html names the loader and the modules in inert links (<link rel="x-thidua-split">) for
//   the service worker, which keeps what index.html names.
import crypto from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const fail = (m) => {
  console.error(`wasm-split-names: ${m}`);
  process.exit(1);
};
const staging = process.env.TRUNK_STAGING_DIR;
const profile = process.env.TRUNK_PROFILE;
const base = (process.env.TRUNK_PUBLIC_URL || '/').replace(/\/?$/, '/');
if (!staging || !profile) fail('TRUNK_STAGING_DIR or TRUNK_PROFILE is not set (run by trunk only)');

const meta = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { encoding: 'utf8' }));
const dir = path.join(meta.target_directory, 'wasm32-unknown-unknown', profile, 'wasm-split');
const loaderPath = path.join(dir, '__wasm_split.js');
if (!fs.existsSync(loaderPath)) fail(`${loaderPath} is missing (was the app linked by scripts/wasm-link?)`);

const glues = fs.readdirSync(staging).filter((f) => /^thidua-web-[0-9a-f]+\.js$/.test(f));
if (glues.length !== 1) fail(`expected one thidua-web-<hash>.js in ${staging}, found ${glues.length}`);
const oldGlue = glues[0];
const mainWasm = oldGlue.replace(/\.js$/, '_bg.wasm');
if (!fs.existsSync(path.join(staging, mainWasm))) fail(`${mainWasm} is missing`);

// The features rustc's wasm32 target uses; wasm-opt must accept them, and keep to them.
const FEATURES = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];
const sha = (algo, bytes) => crypto.createHash(algo).update(bytes);
const hex16 = (bytes) => sha('sha256', bytes).digest('hex').slice(0, 16);

/**
 * wasm-opt on one module, quietly: it warns of every module's name section, which it drops.
 * THIDUA_WASM_NAMES=1 keeps the names, for a browser profile that names functions (BENCHMARKS.md).
 */
function optimise(from, to) {
  return new Promise((resolve, reject) => {
    const child = spawn('wasm-opt', ['-Oz', ...(process.env.THIDUA_WASM_NAMES ? ['-g'] : []), ...FEATURES, from, '-o', to], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`wasm-opt ${path.basename(from)}: ${err}`))));
  });
}

/** Runs `jobs` (functions returning promises) `width` at a time. */
async function pool(jobs, width) {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: width }, worker));
}

const files = fs.readdirSync(dir).filter((f) => f.endsWith('.wasm')).sort();
await pool(
  files.map((file) => async () => {
    const from = path.join(dir, file);
    const to = path.join(staging, file);
    if (profile === 'release') await optimise(from, to);
    else fs.copyFileSync(from, to);
  }),
  Math.max(1, os.availableParallelism?.() ?? os.cpus().length),
).catch((e) => fail(e.message));

let loader = fs.readFileSync(loaderPath, 'utf8');
const named = [];
for (const file of files) {
  const to = path.join(staging, file);
  // split_campaign → split-campaign; chunk_7 → chunk7 (code several of them share).
  const stem = file
    .replace(/\.wasm$/, '')
    .replace(/^split_(.*?)(_\d+)?$/, 'split-$1')
    .replace(/^chunk_(\d+)$/, 'chunk$1')
    .replace(/_/g, '');
  const name = `thidua-${stem}-${hex16(fs.readFileSync(to))}.wasm`;
  fs.renameSync(to, path.join(staging, name));
  const literal = `"./${file}"`;
  if (!loader.includes(literal)) fail(`__wasm_split.js does not name ${file}`);
  loader = loader.split(literal).join(`"./${name}"`);
  named.push(name);
}

let glue = fs.readFileSync(path.join(staging, oldGlue), 'utf8');
// This script's own text too: what it writes into the glue and the loader is part of them.
const version = hex16(
  Buffer.concat([
    fs.readFileSync(path.join(staging, mainWasm)),
    Buffer.from(glue),
    Buffer.from(named.join('\n')),
    fs.readFileSync(new URL(import.meta.url)),
  ]),
);
const loaderName = `thidua-split-${version}.js`;
const glueName = `thidua-web-${version}.js`;

const replaceAll = (text, from, to, what) => {
  if (!text.includes(from)) fail(`${what} does not contain ${from}`);
  return text.split(from).join(to);
};
loader = replaceAll(loader, 'from "./thidua-web.js"', `from "./${glueName}"`, '__wasm_split.js');
// wasm-bindgen drops the table's own export name; scripts/wasm-export-table.mjs added this one.
loader = replaceAll(loader, 'const { __indirect_function_table,', 'const { thidua_split_table: __indirect_function_table,', '__wasm_split.js');
// Only where the glue imports it: the wasm module's own import names stay ./__wasm_split.js.
glue = replaceAll(glue, 'from "./__wasm_split.js"', `from "./${loaderName}"`, oldGlue);
fs.writeFileSync(path.join(staging, loaderName), loader);
fs.writeFileSync(path.join(staging, glueName), glue);
fs.rmSync(path.join(staging, oldGlue));

const html = path.join(staging, 'index.html');
let page = fs.readFileSync(html, 'utf8');
page = replaceAll(page, `${base}${oldGlue}`, `${base}${glueName}`, 'index.html');
const integrity = (text) => `sha384-${sha('sha384', text).digest('base64')}`;
page = page.replace(/(<link\b[^>]*\bhref="[^"]*\/thidua-web-[0-9a-f]+\.js"[^>]*\bintegrity=")sha384-[^"]*(")/, `$1${integrity(glue)}$2`);
if (!page.includes('</head>')) fail('index.html has no </head>');
const links = [loaderName, ...named].map((n) => `<link rel="x-thidua-split" href="${base}${n}">`).join('');
fs.writeFileSync(html, page.replace('</head>', `${links}</head>`));
console.log(`wasm-split-names: ${named.length} modules, ${loaderName}, ${glueName}`);
