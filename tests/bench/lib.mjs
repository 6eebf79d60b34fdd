// Shared pieces of the browser benchmarks (scripts/bench): Chromium, the Chrome DevTools Protocol,
// the app's storage keys, statistics. Not tests: they measure and print, they assert nothing about
// the numbers (the targets are in BENCHMARKS.md).

import { chromium } from 'playwright-core';

/** Chromium as the tests launch it (Debian's, headless, no background networking). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.THIDUA_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** "Slow 3G" as the issue names it: 400 ms round trip, 400 kbit/s each way (50,000 bytes/s). */
export const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };

export function median(xs) {
  return quantile(xs, 0.5);
}

/** The q-quantile by the nearest rank of the sorted sample. */
export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export function round(x, digits = 1) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** What the home screen shows once the app runs: its "New campaign" link. */
export const HOME_READY = '#go-new';
/** The home screen's list of campaigns (or the line saying there is none): it comes with the
 *  home screen's own module, fetched once the app runs (src/lazy.rs). */
export const HOME_LISTED = '#campaigns, #no-campaigns';

/**
 * Sets `window[name]` to a promise of `performance.now()` (ms since this page's navigation started)
 * at the moment an element matching `selector` is in the DOM. Added as an init script so that it is in place
 * before the app's own script runs.
 */
export function markWhenPresent(selector, name = '__thiduaReady') {
  return `(() => {
    const sel = ${JSON.stringify(selector)};
    window[${JSON.stringify(name)}] = new Promise((resolve) => {
      const check = () => {
        if (document.querySelector(sel)) {
          obs.disconnect();
          resolve(performance.now());
          return true;
        }
        return false;
      };
      const obs = new MutationObserver(check);
      const start = () => { if (!check()) obs.observe(document, { childList: true, subtree: true }); };
      start();
    });
  })();`;
}

/** The device record the app keeps (src/device.rs), acting as `actor` in campaign `id`. */
export function deviceRecord(id, actor) {
  return JSON.stringify({
    clock: { replica: 'bench-device', last: 0 },
    lang: 'Vi',
    acting: { [id]: actor },
    archived: [],
    exported: {},
  });
}

export const campaignKey = (id) => `thidua.campaign.${id}`;

/** Puts a campaign document and a device record straight into the page's localStorage. */
export async function seedStorage(page, campaignJson, actor) {
  const id = JSON.parse(campaignJson).id;
  await page.evaluate(
    ([key, doc, devKey, dev]) => {
      localStorage.clear();
      localStorage.setItem(key, doc);
      localStorage.setItem(devKey, dev);
    },
    [campaignKey(id), campaignJson, 'thidua.device', deviceRecord(id, actor)],
  );
  return id;
}

/** Durations (ms) of the app's performance measures named `name` (src/storage.rs `timed`). */
export function measures(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
}

export function clearMeasures(page) {
  return page.evaluate(() => performance.clearMeasures());
}
