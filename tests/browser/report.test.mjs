// Opens an onmessage HTML report in headless Debian Chromium and checks that
// the header names the repo, date and commit; that the coverage matrix
// renders, grouped by brand section; that clicking a column header re-orders
// it within each section; that a cell shows the sales lines carrying the
// message on hover and on keyboard focus; that filtering works; that risky
// findings are listed with file:line and text; that baselined findings stay
// hidden until asked for; that no content script ran, that the page made no
// network request and logged no console error; saves a screenshot.
//
// usage: EXPECT_REPO=name EXPECT_DATE=YYYY-MM-DD EXPECT_COMMIT=abc1234 \
//        node report.test.mjs REPORT.html SCREENSHOT.png
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

  // The header: repo, date and commit, so a forwarded copy has context.
  const expect = (name) => process.env[name] || '';
  const title = (await page.locator('header h1').textContent()).trim();
  check(title.includes(expect('EXPECT_REPO')), `header title: ${title}`);
  const meta = (await page.locator('header #context').textContent()).trim();
  check(meta.includes(expect('EXPECT_DATE')), `header has no date: ${meta}`);
  check(meta.includes(expect('EXPECT_COMMIT')), `header has no commit: ${meta}`);
  check(await page.locator('header #context').isVisible(), 'header context hidden');
  check((await page.title()).includes(expect('EXPECT_REPO')), `page title: ${await page.title()}`);

  // The matrix renders: rows under one heading row per brand section, one
  // column per sales file, visible.
  const matrix = page.locator('table#matrix');
  await matrix.waitFor({ state: 'visible' });
  const rows = await matrix.locator('tbody tr[data-row]').count();
  const groups = await matrix.locator('tbody tr.group').count();
  const columns = await matrix.locator('thead th').count();
  check(rows >= 2, `matrix has ${rows} rows`);
  check(groups >= 2, `matrix has ${groups} section rows`);
  check(columns >= 3, `matrix has ${columns} columns`);
  const box = await matrix.boundingBox();
  check(box && box.height > 50 && box.width > 300, `matrix box ${JSON.stringify(box)}`);

  // Per section (tbody): [message, files carrying] of each row, in order.
  const bySection = () =>
    matrix.locator('tbody').evaluateAll((bodies) =>
      bodies.map((b) =>
        Array.from(b.querySelectorAll('tr[data-row]')).map((tr) => [
          tr.cells[0].textContent.trim(),
          Number(tr.cells[1].textContent.trim()),
        ])
      )
    );
  const sorted = (sections, up) =>
    sections.every((rs) => rs.every((r, i) => i === 0 || (up ? rs[i - 1][1] <= r[1] : rs[i - 1][1] >= r[1])));
  const firstRows = () =>
    matrix.locator('tbody').evaluateAll((bodies) => bodies.map((b) => b.rows[0].classList.contains('group')));

  // Click "Key message": rows sort by text within each section; again:
  // each section is reversed, so the order changes.
  const byText = matrix.locator('thead th button', { hasText: 'Key message' });
  await byText.click();
  const textAsc = await bySection();
  await byText.click();
  const textDesc = await bySection();
  check(JSON.stringify(textAsc) !== JSON.stringify(textDesc), 'clicking the header again did not change the order');
  check(
    textAsc.every((rs, i) => JSON.stringify(rs.slice().reverse()) === JSON.stringify(textDesc[i])),
    `not reversed within each section: ${JSON.stringify(textAsc)} / ${JSON.stringify(textDesc)}`
  );
  check((await firstRows()).every(Boolean), 'a section row left the top of its section');

  // Click "Files carrying": ascending within each section, the section rows
  // on top; Enter on the focused header reverses it.
  const header = matrix.locator('thead th button', { hasText: 'Files carrying' });
  await header.click();
  const afterAsc = await bySection();
  check(sorted(afterAsc, true), `not ascending: ${JSON.stringify(afterAsc)}`);
  check((await firstRows()).every(Boolean), 'a section row left the top of its section');
  check(
    (await matrix.locator('thead th[aria-sort="ascending"]').count()) === 1,
    'aria-sort not set on the sorted column'
  );
  await header.focus();
  await page.keyboard.press('Enter');
  const afterDesc = await bySection();
  check(sorted(afterDesc, false), `not descending: ${JSON.stringify(afterDesc)}`);

  // A carrying cell shows the sales line behind it, on focus and on hover.
  const cells = matrix.locator('td.cell[tabindex="0"]');
  check((await cells.count()) >= 2, 'no focusable coverage cell');
  const tip = cells.first().locator('.tip');
  check(!(await tip.isVisible()), 'a cell tip shows before focus');
  await cells.first().focus();
  check(await tip.isVisible(), 'focusing a cell does not show its sales line');
  const tipText = (await tip.textContent()).trim();
  check(/L\d+: \S/.test(tipText), `cell tip: ${tipText}`);
  const described = await cells.first().getAttribute('aria-describedby');
  check(described === (await tip.getAttribute('id')), 'cell not described by its tip');
  // Not clipped by the scrolling table: the note is what shows at its own
  // centre, also for the matrix's last row.
  const unclipped = async (cell) => {
    await cell.scrollIntoViewIfNeeded();
    await cell.focus();
    return cell.locator('.tip').evaluate((t) => {
      const r = t.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return r.width > 0 && r.height > 0 && r.bottom <= window.innerHeight && t.contains(hit);
    });
  };
  check(await unclipped(cells.first()), 'the first cell note is clipped or covered');
  await cells.first().blur();
  await cells.nth(1).hover();
  check(await cells.nth(1).locator('.tip').isVisible(), 'hovering a cell does not show its sales line');
  await page.mouse.move(0, 0);

  // Filter: only the messages no file carries.
  const uncarried = await matrix.locator('tbody tr.uncarried').count();
  await page.locator('input[type=checkbox][data-filter="matrix"]').check();
  const visible = await matrix.locator('tbody tr[data-row]:visible').count();
  check(visible === uncarried, `uncarried filter shows ${visible}, expected ${uncarried}`);
  await page.locator('input[type=checkbox][data-filter="matrix"]').uncheck();
  await page.locator('input[type=search][data-filter="matrix"]').fill('SOC 2');
  const soc = await matrix.locator('tbody tr[data-row]:visible').count();
  check(soc >= 1 && soc < rows, `text filter shows ${soc} of ${rows}`);
  const socGroups = await matrix.locator('tbody tr.group:visible').count();
  check(socGroups >= 1 && socGroups < groups, `text filter leaves ${socGroups} of ${groups} section rows`);
  // The one row left is the table's last: its cell note reaches past the
  // table, and still shows whole.
  const socCell = matrix.locator('tbody tr[data-row]:visible td.cell[tabindex="0"]').first();
  check(await unclipped(socCell), 'the last row\'s cell note is clipped by the table');
  await socCell.blur();
  await page.locator('input[type=search][data-filter="matrix"]').fill('');

  // Risky wording is listed, not only counted: file:line:column, plain
  // words, the text with the risky words marked, the rule id.
  const other = page.locator('table#other');
  await other.waitFor({ state: 'visible' });
  const risky = other.locator('tbody tr', { hasText: 'risky.guarantee' });
  check((await risky.count()) === 1, 'risky.guarantee is not listed');
  const riskyText = (await risky.textContent()).replace(/\s+/g, ' ');
  check(/sales\/call-script\.md:3:\d+/.test(riskyText), `risky row has no file:line: ${riskyText}`);
  check(riskyText.includes('Risky wording'), `risky row has no plain words: ${riskyText}`);
  check(riskyText.includes('We cut manual reconciliation by 80%'), `risky row has no text: ${riskyText}`);
  check((await risky.locator('mark').textContent()) === 'guaranteed', 'risky words not marked');
  check((await other.locator('tbody tr', { hasText: 'team.' }).count()) >= 1, 'team rule not listed');

  // Baselined findings: hidden, as check hides them, until the box is ticked.
  const baselined = page.locator('section#baselined');
  check((await baselined.count()) === 1, 'no baselined section');
  check(!(await baselined.isVisible()), 'baselined findings shown before asking');
  await page.locator('#show-baselined').check();
  check(await baselined.isVisible(), 'ticking the box does not show baselined findings');
  check((await baselined.locator('tbody tr').count()) >= 1, 'baselined findings not listed');
  await page.locator('#show-baselined').uncheck();
  check(!(await baselined.isVisible()), 'unticking the box does not hide baselined findings');

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

  console.log(`browser report test: ok (${rows} key messages, ${columns - 2} sales files; screenshot ${screenshotPath})`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
