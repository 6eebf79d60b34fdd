#!/usr/bin/env node
// What the app's wasm code is made of, by crate: the size audit of BENCHMARKS.md ("What the size is
// made of"), with no tool to install (twiggy is not needed).
//
//   node scripts/wasm-code.mjs [WASM] [--match REGEX]…
//
// WASM defaults to the release build before wasm-opt, which keeps the function names
// (target/wasm32-unknown-unknown/release/thidua-web.wasm, left by `trunk build --release`): since
// the app is split at its link (scripts/wasm-link), that is the main module; the modules fetched
// when first used are beside it, in target/wasm32-unknown-unknown/release/wasm-split/. Each
// function body is counted once: for the app (`thidua_web`) or the domain (`thidua_core`) when
// their name appears in it (a generic of theirs instantiated), else for the first crate its
// mangled name starts with. `--match` adds a line for the functions whose name matches REGEX.

import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const patterns = [];
let file = path.join(process.env.CARGO_TARGET_DIR || 'target', 'wasm32-unknown-unknown/release/thidua-web.wasm');
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--match') patterns.push(new RegExp(args[++i]));
  else file = args[i];
}

const bytes = fs.readFileSync(file);
if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${file}: not a wasm module`);

let pos = 0;
const leb = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return result;
  }
};
const name = () => {
  const n = leb();
  const s = bytes.toString('utf8', pos, pos + n);
  pos += n;
  return s;
};

let importedFunctions = 0;
const bodies = [];
const names = new Map();
pos = 8;
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = leb();
  const end = pos + size;
  if (id === 2) {
    // Imports: functions imported come first in the function index space.
    for (let n = leb(); n > 0; n--) {
      name();
      name();
      const kind = bytes[pos++];
      if (kind === 0) {
        leb();
        importedFunctions++;
      } else if (kind === 1) {
        pos++;
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 2) {
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 3) {
        pos += 2;
      }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) {
      const start = pos;
      const len = leb();
      bodies.push(pos - start + len);
      pos += len;
    }
  } else if (id === 0 && name() === 'name') {
    while (pos < end) {
      const sub = bytes[pos++];
      const subSize = leb();
      const subEnd = pos + subSize;
      if (sub === 1) {
        for (let n = leb(); n > 0; n--) {
          const index = leb();
          names.set(index, name());
        }
      }
      pos = subEnd;
    }
  }
  pos = end;
}
if (names.size === 0) throw new Error(`${file}: no name section (a build after wasm-opt strips it; use the one before)`);

const crateOf = (n) => {
  if (n.includes('thidua_web')) return 'thidua_web';
  if (n.includes('thidua_core')) return 'thidua_core';
  if (n.startsWith('_ZN')) {
    // `_ZN6tachys4html…` → tachys; `_ZN106_$LT$tachys..html…$u20$as$u20$…` (a trait impl) → the
    // first path in it.
    const direct = n.match(/^_ZN(\d+)([A-Za-z][A-Za-z0-9_]*)/);
    if (direct) return direct[2].slice(0, Number(direct[1]));
    const inner = n.match(/([A-Za-z][A-Za-z0-9_]*)\.\./);
    if (inner) return inner[1];
  }
  if (n.startsWith('_R')) {
    // v0 mangling (the standard library): the first crate root, `Cs<hash>_<len><name>`.
    const root = n.match(/C[sr]?[0-9A-Za-z]*_(\d+)([A-Za-z_][A-Za-z0-9_]*)/);
    if (root) return root[2].slice(0, Number(root[1])).replace(/^_+/, '') || '(other)';
  }
  const plain = n.match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
  return plain ? plain[1] : '(other)';
};

const byCrate = new Map();
const matched = patterns.map(() => 0);
let total = 0;
bodies.forEach((size, i) => {
  const n = names.get(i + importedFunctions) ?? '';
  total += size;
  const c = crateOf(n);
  byCrate.set(c, (byCrate.get(c) ?? 0) + size);
  patterns.forEach((p, k) => {
    if (p.test(n)) matched[k] += size;
  });
});

const pct = (x) => `${((100 * x) / total).toFixed(1)} %`;
console.log(`${file}: ${bodies.length} functions, ${total.toLocaleString('en')} B of code`);
console.log('| crate | code | share |\n|---|---|---|');
for (const [c, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`| ${c} | ${size.toLocaleString('en')} B | ${pct(size)} |`);
}
patterns.forEach((p, k) => console.log(`matching /${p.source}/: ${matched[k].toLocaleString('en')} B (${pct(matched[k])})`));
