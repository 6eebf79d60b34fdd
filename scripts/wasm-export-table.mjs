// Exports a wasm module's function table a second time, as `thidua_split_table`; run by
// scripts/wasm-link on the main module it split.
//
// The lazily loaded modules call the main module's functions through its table, and their loader
// (__wasm_split.js) takes it from the main module's exports as `__indirect_function_table`. But
// wasm-bindgen, which trunk runs next, removes that export (an LLD internal, to it), and trunk
// cannot pass it --keep-lld-exports. A second name survives wasm-bindgen and wasm-opt;
// scripts/wasm-split-names.mjs points the loader at it.
//
//   node scripts/wasm-export-table.mjs MODULE.wasm   (rewritten in place)
import fs from 'node:fs';

const NAME = 'thidua_split_table';
const file = process.argv[2];
const fail = (m) => {
  console.error(`wasm-export-table: ${file}: ${m}`);
  process.exit(1);
};
if (!file) fail('usage: node scripts/wasm-export-table.mjs MODULE.wasm');
const bytes = fs.readFileSync(file);
if (bytes.readUInt32LE(0) !== 0x6d736100) fail('not a wasm module');

const readLeb = (buf, at) => {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = buf[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
};
const leb = (n) => {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
};

const parts = [bytes.subarray(0, 8)];
let pos = 8;
let done = false;
while (pos < bytes.length) {
  const id = bytes[pos];
  const [size, start] = readLeb(bytes, pos + 1);
  const end = start + size;
  if (id !== 7) {
    parts.push(bytes.subarray(pos, end));
    pos = end;
    continue;
  }
  let [count, at] = readLeb(bytes, start);
  const entries = [];
  let table = null;
  for (let i = 0; i < count; i++) {
    const from = at;
    const [len, nameAt] = readLeb(bytes, at);
    const name = bytes.toString('utf8', nameAt, nameAt + len);
    const kind = bytes[nameAt + len];
    const [index, next] = readLeb(bytes, nameAt + len + 1);
    if (name === NAME) fail(`already exports ${NAME}`);
    if (name === '__indirect_function_table' && kind === 1) table = index;
    entries.push(bytes.subarray(from, next));
    at = next;
  }
  if (table === null) fail('exports no __indirect_function_table');
  const name = Buffer.from(NAME, 'utf8');
  entries.push(Buffer.concat([leb(name.length), name, Buffer.from([1]), leb(table)]));
  const body = Buffer.concat([leb(count + 1), ...entries]);
  parts.push(Buffer.from([7]), leb(body.length), body);
  done = true;
  pos = end;
}
if (!done) fail('has no export section');
fs.writeFileSync(file, Buffer.concat(parts));
