// Working in a large bloc (40 units × 300 criteria, from `cargo run --example synthetic`): one
// answer changed in the self-scoring form, the storage write behind it, and the leader importing
// the 40 units' files one after the other through the files tab.

import fs from 'node:fs';
import path from 'node:path';
import { clearMeasures, measures, median, quantile, round, seedStorage } from './lib.mjs';

const stats = (xs) => ({ n: xs.length, median: round(median(xs), 2), p95: round(quantile(xs, 0.95), 2), max: round(Math.max(...xs), 2) });

/**
 * One answer changed in unit DV01's self-scoring form, `runs` times: the value is typed (an
 * `input` event) and committed (`change`, as when the field is left), and the time runs from
 * there to the first animation frame after the grand total on screen shows the new value. The
 * answer alternates between 7 points and no answer, so the total and what is missing both move.
 */
export async function keystroke(browser, url, scoredJson, runs = 20) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  const id = await seedStorage(page, scoredJson, { as: 'unit', unit: 'DV01' });
  const openStart = Date.now();
  await page.goto(`${url}#/c/${id}/self`);
  await page.reload();
  const input = '[id="answer-S1.1"]';
  await page.waitForSelector(input, { timeout: 120_000 });
  await page.waitForSelector('#grand-total');
  const openMs = Date.now() - openStart;
  await page.waitForTimeout(500);
  await clearMeasures(page);
  const samples = [];
  for (let i = 0; i < runs + 2; i++) {
    const value = i % 2 === 0 ? '7' : '';
    const r = await page.evaluate(
      async ({ sel, value }) => {
        const field = document.querySelector(sel);
        const total = document.getElementById('grand-total');
        const missing = document.getElementById('missing-count');
        const before = total.textContent;
        let domAt = 0;
        const shown = new Promise((resolve, reject) => {
          const obs = new MutationObserver(() => {
            if (total.textContent !== before) {
              domAt = performance.now();
              obs.disconnect();
              resolve();
            }
          });
          obs.observe(total, { childList: true, characterData: true, subtree: true });
          setTimeout(() => reject(new Error('the total did not change')), 10_000);
        });
        const t0 = performance.now();
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        field.dispatchEvent(new Event('change', { bubbles: true }));
        const handled = performance.now();
        await shown;
        await new Promise((r) => requestAnimationFrame(r));
        const framed = performance.now();
        return { handler: handled - t0, dom: domAt - t0, frame: framed - t0, total: total.textContent, missing: missing.textContent };
      },
      { sel: input, value },
    );
    // The first two warm the page up (first use of each code path).
    if (i >= 2) samples.push(r);
    await page.waitForTimeout(100);
  }
  // After an edit the journal is written (`thidua-save`, `thidua-encode`); the base is rewritten
  // whole at the first edit of the seeded document (a bare one, as earlier versions stored) and
  // after a pause once the journal has grown (`thidua-save-base`, `thidua-encode-base`).
  const save = await measures(page, 'thidua-save');
  const encode = await measures(page, 'thidua-encode');
  const saveBase = await measures(page, 'thidua-save-base');
  const encodeBase = await measures(page, 'thidua-encode-base');
  const parse = await measures(page, 'thidua-parse');
  const docBytes = await page.evaluate((k) => (localStorage.getItem(k) || '').length, `thidua.campaign.${id}`);
  // Let a debounced save, if any, finish before the page goes.
  await page.waitForTimeout(1500);
  await context.close();
  if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
  return {
    open_ms: openMs,
    document_chars: docBytes,
    frame: stats(samples.map((s) => s.frame)),
    dom: stats(samples.map((s) => s.dom)),
    handler: stats(samples.map((s) => s.handler)),
    save: save.length ? stats(save) : null,
    encode: encode.length ? stats(encode) : null,
    save_base: saveBase.length ? stats(saveBase) : null,
    encode_base: encodeBase.length ? stats(encodeBase) : null,
    parse: parse.length ? stats(parse) : null,
    last_total: samples.at(-1)?.total,
  };
}

/** A new browser context holding the leader's campaign, on its files tab. */
/**
 * The leader's campaign open on the files tab. Unless `atOnce`, then waits as a person opening the
 * file chooser does, until the tab has rehearsed an import (src/exchange/rehearsal.rs: about a
 * second at most), and answers how long the rehearsal took.
 */
async function leaderOnFilesTab(browser, url, leaderJson, atOnce = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  const id = await seedStorage(page, leaderJson, { as: 'leader' });
  await page.goto(`${url}#/c/${id}/exchange`);
  await page.reload();
  await page.waitForSelector('#import-bundle', { timeout: 60_000 });
  let rehearsal = null;
  if (!atOnce) {
    await page.waitForFunction(() => performance.getEntriesByName('thidua-import-rehearsal').length > 0, null, { timeout: 30_000 });
    rehearsal = (await measures(page, 'thidua-import-rehearsal'))[0];
  }
  return { context, page, id, errors, rehearsal };
}

/** How many score entries the stored campaign holds (12,000 once the 40 files are in). */
function storedAnswers(page, id) {
  // Read by the app itself (its base and journal of edits), after the timings.
  return page.evaluate(async (id) => {
    const c = JSON.parse(await window.wasmBindings.storedCampaign(id));
    return Object.values(c.inputs).reduce((a, m) => a + Object.keys(m).length, 0);
  }, id);
}

/** Picks `files` in the files tab; answers the time to the preview (or refusal) shown. */
async function pickAndPreview(page, files) {
  await page.evaluate(() => {
    window.__bench = {};
    document.addEventListener('change', (e) => { if (e.target.id === 'import-bundle') window.__bench.picked = performance.now(); }, { capture: true, once: true });
    window.__bench.previewed = new Promise((resolve) => {
      const done = () => document.querySelector('#import-preview, #import-error');
      const obs = new MutationObserver(() => { if (done()) { obs.disconnect(); resolve(performance.now()); } });
      obs.observe(document.body, { childList: true, subtree: true });
    });
  });
  await page.setInputFiles('#import-bundle', files);
  return page.evaluate(async () => {
    const at = await window.__bench.previewed;
    return { ms: at - window.__bench.picked, error: document.querySelector('#import-error')?.textContent ?? null, refused: document.querySelectorAll('#import-files li.refused').length };
  });
}

/** Clicks «Nhập»; answers the time until the preview is gone (merged, written, shown). */
async function applyPreview(page) {
  await page.evaluate(() => {
    document.addEventListener('click', (e) => { if (e.target.id === 'import-apply') window.__bench.clicked = performance.now(); }, { capture: true, once: true });
    window.__bench.applied = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (!document.querySelector('#import-preview')) { obs.disconnect(); resolve(performance.now()); }
      });
      obs.observe(document.body, { childList: true, subtree: true });
    });
  });
  await page.click('#import-apply');
  return page.evaluate(async () => (await window.__bench.applied) - window.__bench.clicked);
}

/**
 * The leader's campaign before any unit's file; the 40 units' files imported through the files
 * tab one after the other (`#import-bundle`, then `#import-apply`). Per file: from the file
 * chosen to the preview shown (read, check, preview), and from the click on apply to the preview
 * gone (merge, save, screen updated).
 */
export async function importBundles(browser, url, leaderJson, bundleDir) {
  const files = fs.readdirSync(bundleDir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(bundleDir, f));
  const { context, page, id, errors } = await leaderOnFilesTab(browser, url, leaderJson);
  const preview = [];
  const apply = [];
  for (const file of files) {
    const shown = await pickAndPreview(page, file);
    if (shown.error) throw new Error(`${path.basename(file)}: ${shown.error}`);
    preview.push(shown.ms);
    apply.push(await applyPreview(page));
  }
  const answers = await storedAnswers(page, id);
  await context.close();
  if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const per = preview.map((p, i) => p + apply[i]);
  return {
    files: files.length,
    answers_after: answers,
    total_ms: round(sum(per), 0),
    preview: stats(preview),
    apply: stats(apply),
    per_file: stats(per),
  };
}

/**
 * The same 40 files picked at once (`#import-bundle` takes several): from the files chosen to the
 * preview of all 40 shown, and from «Nhập 40 tệp» to the preview gone (one write).
 */
export async function importBatch(browser, url, leaderJson, bundleDir, atOnce = false) {
  const files = fs.readdirSync(bundleDir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(bundleDir, f));
  const { context, page, id, errors, rehearsal } = await leaderOnFilesTab(browser, url, leaderJson, atOnce);
  await clearMeasures(page);
  const shown = await pickAndPreview(page, files);
  if (shown.error || shown.refused) throw new Error(`refused: ${shown.error ?? `${shown.refused} files`}`);
  // Where the preview's time goes (src/exchange/import.rs), summed over the files.
  const steps = {};
  for (const step of ['copy', 'read', 'parse', 'merge']) {
    steps[step] = round((await measures(page, `thidua-import-${step}`)).reduce((a, b) => a + b, 0), 0);
  }
  await clearMeasures(page);
  const applied = await applyPreview(page);
  for (const [step, name] of [['encode', 'thidua-encode-base'], ['write', 'thidua-save-base']]) {
    steps[step] = round((await measures(page, name)).reduce((a, b) => a + b, 0), 0);
  }
  const answers = await storedAnswers(page, id);
  await context.close();
  if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
  return { files: files.length, answers_after: answers, preview_ms: round(shown.ms, 0), apply_ms: round(applied, 0), total_ms: round(shown.ms + applied, 0), steps, rehearsal_ms: rehearsal == null ? null : round(rehearsal, 0) };
}
