// Thi đua's service worker: after the first visit the app opens with no network.
//
// - install: fetches index.html ("/"), reads the files it names (trunk writes hashed names into it,
//   so no list is kept here), fetches them all and only then writes one new cache, marked complete
//   last. Any missing file fails the install: the worker in charge keeps serving its own complete
//   cache, so the app can never be left unable to open offline.
// - A new worker waits. The page offers "Tải lại để cập nhật" and posts SKIP_WAITING; old caches
//   are deleted only in activate, when the new cache is known complete.
// - fetch: pages → network first, the cached "/" after a short wait or on failure; files → cache
//   first; /api/* → network only, never cached.
//
// The page registers "/sw.js?v=<fingerprint of its index.html>", so a new deploy is a new script
// URL and the browser installs a new worker even when this file has not changed.
'use strict';

const SHELL = 'thidua-shell-';
const META = 'thidua-sw-meta';
const COMPLETE = '/__thidua/complete';
const NAV_TIMEOUT_MS = 3000;
// Files from public/ that index.html does not name but the installed app uses.
const EXTRA = [
  '/favicon.svg',
  '/manifest.webmanifest',
  // The Excel worker's loader; its wasm and glue are named in index.html (inert links).
  '/xlsx-worker.js',
  '/icons/icon.svg',
  '/icons/maskable.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/maskable-192.png',
  '/icons/maskable-512.png',
];

let installedCache = null; // the cache this worker built (or reused) in install
let activeCache = null; // the cache this worker serves from, once active

self.addEventListener('install', (event) => {
  event.waitUntil(install());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(activate());
});

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data === 'SKIP_WAITING' || (data && data.type === 'SKIP_WAITING')) self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate' || url.pathname === '/' || url.pathname === '/index.html') {
    event.respondWith(page(request));
  } else {
    event.respondWith(file(request));
  }
});

// --- install and activate ------------------------------------------------------------------

async function install() {
  const index = await download(new URL('/', self.location.origin).href, 'reload');
  const html = new TextDecoder().decode(index.body);
  const files = [];
  const seen = new Set([index.url]);
  let next = [...namedIn(html), ...EXTRA.map(absolute)].filter((u) => !seen.has(u) && seen.add(u));
  while (next.length > 0) {
    const got = await Promise.all(next.map((u) => download(u, 'no-cache')));
    files.push(...got);
    next = got
      .flatMap(importsOf)
      .filter((u) => !seen.has(u) && seen.add(u));
  }
  const name = SHELL + (await hash([index])) + '-' + (await hash(files)).slice(0, 8);
  if (!(await isComplete(name))) {
    // Leftovers of an interrupted install under this name are never anyone's cache: rebuild.
    await caches.delete(name);
    const cache = await caches.open(name);
    try {
      for (const f of files) await cache.put(f.url, respond(f));
      await cache.put(absolute('/'), respond(index));
      await cache.put(absolute(COMPLETE), new Response(new Date().toISOString()));
    } catch (e) {
      await caches.delete(name);
      throw e;
    }
  }
  installedCache = name;
  await setMeta('installed', name);
}

async function activate() {
  const name = installedCache || (await getMeta('installed'));
  if (name && (await isComplete(name))) {
    await setMeta('active', name);
    activeCache = name;
    for (const key of await caches.keys()) {
      if (key.startsWith(SHELL) && key !== name) await caches.delete(key);
    }
  }
  await self.clients.claim();
}

/** One file as bytes; fails on anything but a real 200 answer for that file. */
async function download(url, cacheMode) {
  const res = await fetch(url, { cache: cacheMode, credentials: 'same-origin' });
  if (!res.ok) throw new Error(`sw: ${url}: HTTP ${res.status}`);
  const type = res.headers.get('content-type') || '';
  // A server that answers unknown paths with index.html must not pass for the missing file.
  if (new URL(url).pathname !== '/' && /text\/html/i.test(type) && !/\.html?$/i.test(url)) {
    throw new Error(`sw: ${url}: missing (the server answered with a page)`);
  }
  return { url, type, body: await res.arrayBuffer() };
}

function respond(f) {
  return new Response(f.body, { status: 200, headers: f.type ? { 'content-type': f.type } : {} });
}

/** Same-origin files that index.html loads: <link href>, <script src>, and the paths its inline
 *  module script imports (trunk's loader names the JS and the WASM there). */
function namedIn(html) {
  const text = html.replace(/<!--[\s\S]*?-->/g, '');
  const found = [];
  for (const tag of text.matchAll(/<(?:link|script)\b[^>]*>/gi)) {
    const m = /\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag[0]);
    if (m) found.push(m[1] ?? m[2] ?? m[3]);
  }
  for (const script of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
    for (const lit of script[1].matchAll(/["'`]([^"'`\s]+\.(?:m?js|wasm|css))["'`]/g)) found.push(lit[1]);
  }
  return found.map(absolute).filter(ownFile);
}

/** wasm-bindgen's glue imports its JS snippets from ./snippets/…; those must be kept too. */
function importsOf(f) {
  if (!/javascript/i.test(f.type) && !/\.m?js$/i.test(f.url)) return [];
  const js = new TextDecoder().decode(f.body);
  return [...js.matchAll(/["'](\.\/snippets\/[^"']+)["']/g)].map((m) => new URL(m[1], f.url).href).filter(ownFile);
}

function absolute(path) {
  const u = new URL(path, self.location.origin + '/');
  u.hash = '';
  return u.href;
}

function ownFile(href) {
  const u = new URL(href);
  return u.origin === self.location.origin && !u.pathname.startsWith('/api/') && u.pathname !== '/';
}

async function hash(files) {
  const enc = new TextEncoder();
  const parts = [];
  for (const f of files) parts.push(enc.encode(f.url + '\n'), new Uint8Array(f.body));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function isComplete(name) {
  if (!(await caches.has(name))) return false;
  const cache = await caches.open(name);
  return (await cache.match(absolute(COMPLETE))) !== undefined;
}

// Which cache is whose survives the worker being stopped and restarted: kept in a small cache.
async function getMeta(key) {
  const r = await (await caches.open(META)).match(absolute('/__thidua/' + key));
  return r ? r.text() : null;
}

async function setMeta(key, value) {
  await (await caches.open(META)).put(absolute('/__thidua/' + key), new Response(value));
}

// --- serving -------------------------------------------------------------------------------

async function shell() {
  if (!activeCache) activeCache = await getMeta('active');
  if (!activeCache || !(await caches.has(activeCache))) return null;
  return caches.open(activeCache);
}

async function page(request) {
  const cache = await shell();
  const cached = cache ? await cache.match(absolute('/')) : undefined;
  if (!cached) return fetch(request);
  const network = fetch(request).then(
    (r) => (r.ok || r.type === 'opaqueredirect' ? r : null),
    () => null,
  );
  const late = new Promise((resolve) => setTimeout(() => resolve(null), NAV_TIMEOUT_MS));
  return (await Promise.race([network, late])) || cached;
}

async function file(request) {
  const cache = await shell();
  const hit = cache ? await cache.match(request, { ignoreVary: true }) : undefined;
  return hit || fetch(request);
}
