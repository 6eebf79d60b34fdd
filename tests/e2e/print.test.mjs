// The printed documents: the pledge, a unit's self-assessment and the evaluation minutes, each on
// its own page, rendered to PDF by headless Chromium on A4 and read back with pdftotext (poppler):
// the national motto, the title, every unit's name with its diacritics, the totals the screens
// show, and no table row cut across two pages. With THIDUA_SCREENSHOTS=1 the pages are also turned
// into PNGs (pdftoppm) in docs/print/, which the README links.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { actAs, importSample, newDevice, openTab, records, repoRoot, samples, useApp } from './lib.mjs';

const app = useApp('print');
const save = process.env.THIDUA_SCREENSHOTS === '1';
const docsPrint = path.join(repoRoot, 'docs/print');

/** Text as compared here: Unicode NFC, every run of whitespace one space. */
const flat = (s) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The PDF's text, page by page (pdftotext separates pages with a form feed): `text`, each page's
 *  text flattened (a table cell's wrapped lines stay together); `lines`, each page's lines as laid
 *  out (a table row's cells side by side on its first line). */
function pages(pdf) {
  const read = (...args) => execFileSync('pdftotext', ['-enc', 'UTF-8', ...args, pdf, '-'], { encoding: 'utf8' }).split('\f');
  const text = read().map(flat);
  const lines = read('-layout').map((p) => p.split('\n').map(flat).filter((l) => l !== ''));
  const n = Math.max(...text.map((p, i) => (p !== '' ? i + 1 : 0)));
  return { text: text.slice(0, n), lines: lines.slice(0, n) };
}

/** Whether a laid-out line on some page holds all the parts, in order, each standing alone (not
 *  part of a longer word or number): a table row printed whole. */
function rowOnOnePage(doc, parts) {
  const re = new RegExp(parts.map((p) => `(?<!\\S)${escape(p)}(?!\\S)`).join('.*'));
  return doc.lines.some((page) => page.some((line) => re.test(line)));
}

/** A name's first words: what the first line of its (possibly wrapped) table cell starts with. */
const start = (name) => name.split(' ').slice(0, 3).join(' ');

/** Renders the document at `route` to A4 PDF; returns its pages' text. */
async function printed(page, route, name) {
  await page.goto(route);
  await page.waitForSelector('#print-doc');
  assert.ok(await page.locator('#print-now').isVisible(), 'the print button is on screen');
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('#print-now').isHidden(), 'the print button is not printed');
  const file = path.join(process.env.THIDUA_PDF_DIR ?? app.dir, `${name}.pdf`);
  await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  if (save) {
    fs.mkdirSync(docsPrint, { recursive: true });
    for (const old of fs.readdirSync(docsPrint).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))) {
      fs.rmSync(path.join(docsPrint, old));
    }
    execFileSync('pdftoppm', ['-r', '80', '-png', file, path.join(docsPrint, name)]);
  }
  const doc = pages(file);
  doc.all = doc.text.join(' ');
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']) {
    assert.ok(doc.all.includes(s), `${name}: «${s}» missing`);
  }
  return doc;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `needle` must be whole on one page (a table cell not cut across two). */
function onOnePage(doc, needle, what) {
  assert.ok(doc.text.some((p) => p.includes(flat(needle))), `${what}: «${needle}» is on no page (cut across two, or missing)`);
}

test('the pledge, a self-assessment and the minutes print on A4 as the screens show them', { timeout: 300_000 }, async (t) => {
  const units = records(path.join(samples, 'units.csv'));
  const device = await newDevice(t, app.browser);
  const page = await device.newPage();
  const id = await importSample(page, app.baseUrl);

  // The pledge: the leader writes it, three units sign, one registers its theme.
  await actAs(page, '@leader');
  await openTab(page, app.baseUrl, id, 'pledge');
  const contents = [
    'Thi đua hoàn thành xuất sắc các chỉ tiêu, nhiệm vụ chính trị được giao năm 2018.',
    'Đẩy mạnh cải cách hành chính, ứng dụng công nghệ thông tin và chuyển đổi số.',
  ];
  for (const line of contents) {
    await page.fill('#pledge-add-content', line);
    await page.click('#pledge-add-content-btn');
  }
  await page.fill('#pledge-slogan', 'Đoàn kết, kỷ cương, sáng tạo, hiệu quả');
  await page.fill('#pledge-movements', 'Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau\nCán bộ, công chức thi đua thực hiện văn hóa công sở');
  await page.click('#pledge-save');
  await page.waitForSelector('#pledge-saved');
  await page.waitForSelector('#print-pledge');
  const signers = { VPUB: 'Nguyễn Văn Hùng', LMHTX: 'Lê Thị Hoa', CTK: 'Phạm Quốc Việt' };
  for (const [code, who] of Object.entries(signers)) {
    await actAs(page, code);
    await page.fill('#sign-date', '09/03/2018');
    await page.fill('#sign-signatory', who);
    await page.fill('#sign-position', 'Giám đốc');
    await page.click('#sign-submit');
    await page.waitForSelector('#sign-state.signed-yes');
  }
  await page.fill('#theme-input', 'Hoàn thành tốt Điều tra biến động dân số bằng thiết bị di động (CAPI)');
  await page.click('#theme-save');
  await page.waitForSelector('#theme-saved');
  assert.equal(await page.getAttribute('#print-pledge', 'href'), `#/c/${id}/in/giao-uoc`);

  // The minutes' data: the meeting and one ballot, entered by the leader.
  await actAs(page, '@leader');
  await openTab(page, app.baseUrl, id, 'evaluation');
  await page.fill('#meeting-date', '8/1/2019');
  await page.fill('#meeting-number', '01/BB-KTĐ');
  await page.fill('#meeting-place', 'Hội trường Văn phòng UBND tỉnh');
  await page.fill('#meeting-chair', 'Nguyễn Văn Hùng');
  await page.fill('#meeting-secretary', 'Trần Thị Mai');
  await page.uncheck('[data-present="KBNN"]');
  assert.equal(await page.inputValue('#next-leader'), 'LMHTX', 'the deputy takes the lead by rotation');
  await page.selectOption('#next-deputy', 'CTK');
  await page.click('#meeting-save');
  await page.waitForSelector('#meeting-status');
  assert.equal(await page.inputValue('#meeting-date'), '08/01/2019');
  const vote = page.locator('#votes tr[data-unit="VPUB"]');
  await vote.locator('input.ballots').fill('7');
  await vote.locator('input.approvals').fill('6');
  await vote.locator('button.vote-save').click();
  await page.waitForSelector('#votes tr[data-unit="VPUB"] td.share:has-text("85,71%")');

  // What the evaluation screen shows: every unit's name and total.
  const shown = await page.$$eval('#ranking tr[data-unit], #disqualified tr[data-unit]', (rows) =>
    rows.map((r) => ({ unit: r.dataset.unit, name: r.querySelector('td.name').textContent.trim(), total: r.querySelector('td.total').textContent.trim() })),
  );
  assert.equal(shown.length, units.length, 'every unit is on the evaluation screen');
  assert.equal(await page.getAttribute('#print-minutes', 'href'), `#/c/${id}/in/bien-ban`);

  // A unit whose score the bloc changed on review: its screen totals.
  await openTab(page, app.baseUrl, id, 'review');
  const row = page.locator('#review-units tr[data-unit="VPDBQH"]');
  const ownTotal = (await row.locator('.self-total').textContent()).trim();
  const reviewedTotal = (await row.locator('.reviewed-total').textContent()).trim();
  assert.notEqual(ownTotal, reviewedTotal);
  await openTab(page, app.baseUrl, id, 'self');
  await actAs(page, 'VPDBQH');
  assert.equal((await page.textContent('#grand-total')).trim(), reviewedTotal);
  assert.equal(await page.getAttribute('#print-scorecard', 'href'), `#/c/${id}/in/tu-cham/VPDBQH`);

  await t.test('the signed pledge', async () => {
    const doc = await printed(page, `${app.baseUrl}#/c/${id}/in/giao-uoc`, 'pledge');
    for (const s of ['BẢN GIAO ƯỚC THI ĐUA', 'KHỐI CÁC SỞ, NGÀNH TỔNG HỢP', 'Đoàn kết, kỷ cương, sáng tạo, hiệu quả', ...contents]) {
      assert.ok(doc.all.includes(s), `pledge: «${s}» missing`);
    }
    for (const [i, u] of units.entries()) {
      onOnePage(doc, u.name, 'pledge');
      const row = [String(i + 1), start(u.name)];
      if (signers[u.code]) row.push(signers[u.code].split(' ').slice(0, 2).join(' '), '09/03/2018');
      assert.ok(rowOnOnePage(doc, row), `pledge: ${u.code}'s signing row is not whole on one page`);
    }
  });

  await t.test('a unit’s self-assessment', async () => {
    const doc = await printed(page, `${app.baseUrl}#/c/${id}/in/tu-cham/VPDBQH`, 'scorecard');
    for (const s of ['BẢNG TỰ CHẤM ĐIỂM THI ĐUA', 'VĂN PHÒNG ĐOÀN ĐẠI BIỂU QUỐC HỘI TỈNH', 'THỦ TRƯỞNG ĐƠN VỊ',
      `Tổng điểm tự chấm: ${ownTotal} điểm.`, `Tổng điểm sau thẩm định của Khối: ${reviewedTotal} điểm.`]) {
      assert.ok(doc.all.includes(s), `scorecard: «${s}» missing`);
    }
    assert.ok(rowOnOnePage(doc, ['TỔNG CỘNG', '105', ownTotal, reviewedTotal]), 'scorecard: the totals row');
    assert.ok(rowOnOnePage(doc, ['A.3', start('Cải cách hành chính'), '10', '9,5', '9,2']), 'scorecard: the reviewed row A.3');
    // Every criterion's row whole on one page: its code and its whole (wrapped) title together.
    const template = records(path.join(samples, 'template.csv'));
    for (const c of template) onOnePage(doc, c.code.includes('.') ? `${c.code} ${c.title}` : c.title, 'scorecard');
  });

  await t.test('the evaluation minutes', async () => {
    const doc = await printed(page, `${app.baseUrl}#/c/${id}/in/bien-ban`, 'minutes');
    for (const s of ['BIÊN BẢN', 'Họp bình xét thi đua năm 2018', 'Số: 01/BB-KTĐ', 'ngày 08 tháng 01 năm 2019',
      'Địa điểm: Hội trường Văn phòng UBND tỉnh.', 'Vắng mặt: 01 đơn vị (Kho bạc Nhà nước tỉnh).',
      'bàn giao vai trò Trưởng khối thi đua năm 2019 từ Văn phòng UBND tỉnh cho Liên minh Hợp tác xã tỉnh',
      'Đơn vị Phó khối thi đua năm 2019: Cục Thống kê tỉnh.', 'THƯ KÝ', 'CHỦ TRÌ', 'Trần Thị Mai']) {
      assert.ok(doc.all.includes(s), `minutes: «${s}» missing`);
    }
    assert.ok(rowOnOnePage(doc, ['Văn phòng UBND tỉnh', '7', '6', '85,71%']), 'minutes: the ballot row');
    // Each unit's results row whole on one page, with the total the screen shows.
    for (const u of shown) {
      onOnePage(doc, u.name, 'minutes');
      assert.ok(rowOnOnePage(doc, [start(u.name), u.total]), `minutes: ${u.unit}'s row (${u.name}, ${u.total}) is not whole on one page`);
    }
  });
});
