// Opens an onmessage HTML report in headless Debian Chromium and checks that
// the coverage matrix renders, that clicking a column header re-orders it,
// that filtering works, that no content script ran, that the page made no
// network request and logged no console error; saves a screenshot.
//
// usage: node report.test.mjs REPORT.html SCREENSHOT.png
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [reportPath, screenshotPath] = process.argv.slice(2);
if (!reportPath || !screenshotPath) {
  console.error('usage: node report.test.mjs REPORT.html SCREENSHOT.png');
  process.exit(2);
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const profile = mkdtempSync(join(tmpdir(), 'onmessage-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

try {
  const page = context.pages()[0] || (await context.newPage());
  const consoleErrors = [];
  const requests = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  page.on('request', (req) => requests.push(req.url()));

  const url = pathToFileURL(resolve(reportPath)).href;
  await page.goto(url, { waitUntil: 'load' });

  // The matrix renders: rows, one column per sales file, visible.
  const matrix = page.locator('table#matrix');
  await matrix.waitFor({ state: 'visible' });
  const rows = await matrix.locator('tbody tr').count();
  const columns = await matrix.locator('thead th').count();
  check(rows >= 2, `matrix has ${rows} rows`);
  check(columns >= 4, `matrix has ${columns} columns`);
  const box = await matrix.boundingBox();
  check(box && box.height > 50 && box.width > 300, `matrix box ${JSON.stringify(box)}`);

  const carried = () =>
    matrix.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.cells[2].textContent.trim())));
  const messages = () =>
    matrix.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.cells[1].textContent.trim()));

  // Click "Files carrying": the order changes and ascends; click again: descends.
  const before = await messages();
  const header = matrix.locator('thead th button', { hasText: 'Files carrying' });
  await header.click();
  const afterAsc = await messages();
  const countsAsc = await carried();
  check(JSON.stringify(afterAsc) !== JSON.stringify(before), 'clicking the header did not change the order');
  check(countsAsc.every((n, i) => i === 0 || countsAsc[i - 1] <= n), `not ascending: ${countsAsc}`);
  check(
    (await matrix.locator('thead th[aria-sort="ascending"]').count()) === 1,
    'aria-sort not set on the sorted column'
  );
  // Keyboard: focus the header button and press Enter to reverse.
  await header.focus();
  await page.keyboard.press('Enter');
  const countsDesc = await carried();
  check(countsDesc.every((n, i) => i === 0 || countsDesc[i - 1] >= n), `not descending: ${countsDesc}`);

  // Filter: only the messages no file carries.
  const uncarried = await matrix.locator('tbody tr.uncarried').count();
  await page.locator('input[type=checkbox][data-filter="matrix"]').check();
  const visible = await matrix.locator('tbody tr:visible').count();
  check(visible === uncarried, `uncarried filter shows ${visible}, expected ${uncarried}`);
  await page.locator('input[type=checkbox][data-filter="matrix"]').uncheck();
  await page.locator('input[type=search][data-filter="matrix"]').fill('SOC 2');
  const soc = await matrix.locator('tbody tr:visible').count();
  check(soc >= 1 && soc < rows, `text filter shows ${soc} of ${rows}`);
  await page.locator('input[type=search][data-filter="matrix"]').fill('');

  // Content stayed text: no script from the content ran.
  check((await page.evaluate(() => window.pwned)) === undefined, 'content script ran');

  // Self-contained: the only request is the page itself.
  const foreign = requests.filter((r) => r !== url && !r.startsWith('data:'));
  check(foreign.length === 0, `network requests: ${foreign.join(', ')}`);
  check(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);

  await page.screenshot({ path: screenshotPath, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  const printedNav = await page.locator('nav').isVisible();
  check(!printedNav, 'navigation is printed');

  console.log(`browser report test: ok (${rows} key messages, ${columns - 3} sales files; screenshot ${screenshotPath})`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
