// Trunk's one post_build hook (Trunk.toml): the build's own steps, one after the other.
//
// Trunk starts every hook of a stage at once, and these steps all rewrite index.html: run side by
// side, one could write over another's change. So trunk runs this script, which runs them in turn,
// each with trunk's environment (TRUNK_STAGING_DIR…), and stops at the first that fails.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const STEPS = [
  // The Excel worker's files, renamed by content and named in index.html.
  'xlsx-worker-names.mjs',
  // The app's lazily loaded modules (split at the link by scripts/wasm-link): optimised, named,
  // put in the build and named in index.html for the service worker.
  'wasm-split-names.mjs',
  // The screens' own stylesheets, off the first load.
  'css-later.mjs',
];
for (const step of STEPS) {
  const r = spawnSync(process.execPath, [path.join(here, step)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`post-build: ${step} failed (${r.error ?? `exit ${r.status}`})`);
    process.exit(1);
  }
}
