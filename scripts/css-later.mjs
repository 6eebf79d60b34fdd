// Trunk's post_build hook (Trunk.toml): the stylesheets of the screens fetched when first used
// are left out of the first load.
//
// Each screen's stylesheet is scoped to its screen (style/setup.css to .step-screen, and so on),
// so the home screen never needs them; yet trunk writes every `<link data-trunk rel="css">` as a
// stylesheet index.html loads, and a stylesheet blocks the first paint. Those named in LATER are
// turned into inert `<link rel="x-thidua-css" href=… integrity=…>` (a `rel` browsers do not know
// fetches nothing); src/lazy.rs switches them on, and waits for them, before the first screen that
// is fetched when opened shows; public/sw.js keeps them for offline use, as it keeps every link
// index.html names; the benchmarks count them apart from the first load.
import fs from 'node:fs';
import path from 'node:path';

/** The stylesheets of style/ that only the screens in the split modules use. */
const LATER = ['setup', 'scoring', 'evaluation', 'files', 'charts', 'print'];

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('css-later: TRUNK_STAGING_DIR is not set (run by trunk only)');
  process.exit(1);
}
const file = path.join(staging, 'index.html');
let html = fs.readFileSync(file, 'utf8');
for (const name of LATER) {
  const link = new RegExp(`<link rel="stylesheet" (href="/?${name}-[0-9a-f]+\\.css"[^>]*)>`);
  if (!link.test(html)) {
    console.error(`css-later: no stylesheet ${name}-<hash>.css in index.html (is style/${name}.css still a <link data-trunk rel="css">?)`);
    process.exit(1);
  }
  html = html.replace(link, '<link rel="x-thidua-css" $1>');
}
fs.writeFileSync(file, html);
