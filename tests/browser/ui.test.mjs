// SPDX-License-Identifier: GPL-2.0-or-later
// The web UI in a real browser: Debian's chromium, driven by playwright-core,
// against the real archivist-searchd over an index the real archivist-index
// builds from corpus/ (plus tests/browser/data/archive) in a temporary folder.
//
// ctest passes the binaries' paths (ARCHIVIST_INDEX_BIN, ARCHIVIST_SEARCHD_BIN)
// and the source tree (ARCHIVIST_SOURCE_DIR); see tests/CMakeLists.txt.
// Run by hand: node --test tests/browser/ui.test.mjs, with those three set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (ctest sets it; see tests/CMakeLists.txt)`);
  return value;
}

const INDEX_BIN = requiredEnv('ARCHIVIST_INDEX_BIN');
const SEARCHD_BIN = requiredEnv('ARCHIVIST_SEARCHD_BIN');
const SOURCE_DIR = requiredEnv('ARCHIVIST_SOURCE_DIR');
const CHROMIUM = process.env.ARCHIVIST_CHROMIUM || '/usr/bin/chromium';

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  throw new Error('playwright-core is missing: run tools/install-deps (npm ci in tests/browser)');
}

// Starts searchd on a free port and resolves with its base URL once it
// prints "listening on http://HOST:PORT".
function startSearchd(db) {
  const child = spawn(SEARCHD_BIN, ['--db', db, '--listen', '127.0.0.1:0',
    '--webui', path.join(SOURCE_DIR, 'webui')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (m) resolve({ child, base: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`searchd exited (${code}) before listening:\n${stderr}`)));
    child.on('error', reject);
  });
}

// The number in "12 results" / "12 documents".
async function shownTotal(page) {
  const text = await page.locator('#status').textContent();
  if (/^No documents match/.test(text)) return 0;
  const m = /^([\d,]+) (results?|documents?)/.exec(text);
  assert.ok(m, `status line without a total: ${text}`);
  return Number(m[1].replace(/,/g, ''));
}

function searchParams(page) {
  return new URL(page.url()).searchParams;
}

describe('web UI in chromium', () => {
  let tmp;
  let searchd;
  let base;
  let browser;
  let page;
  const consoleErrors = [];
  const dialogs = [];
  const cspViolations = [];

  // Runs a search from the search box and waits until its results are shown.
  async function searchFor(q) {
    await page.locator('#q').fill(q);
    await page.locator('#q').press('Enter');
    await page.waitForFunction((expected) => {
      const params = new URLSearchParams(location.search);
      const results = document.getElementById('results');
      return (params.get('q') || '') === expected && results.getAttribute('aria-busy') === 'false' &&
        document.getElementById('status').textContent !== '';
    }, q);
  }

  async function waitForIdle() {
    await page.waitForFunction(() =>
      document.getElementById('results').getAttribute('aria-busy') === 'false');
  }

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archivist-browser-'));
    const db = path.join(tmp, 'index');
    const indexed = spawnSync(INDEX_BIN, ['--db', db, path.join(SOURCE_DIR, 'corpus'),
      path.join(SOURCE_DIR, 'tests/browser/data/archive')], { encoding: 'utf8', timeout: 240000 });
    assert.equal(indexed.status, 0, `archivist-index failed:\n${indexed.stderr}`);
    ({ child: searchd, base } = await startSearchd(db));

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // Violations of the page's CSP, reported by every document the page loads.
    await page.exposeFunction('reportCspViolation', (v) => cspViolations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.reportCspViolation(`${e.violatedDirective}: ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(base + '/');
    await page.waitForFunction(() => /documents?/.test(document.getElementById('status').textContent));
  });

  after(async () => {
    if (browser) await browser.close();
    if (searchd) searchd.kill('SIGTERM');
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('a search puts the online-grooming post first, its snippet marked', async () => {
    await searchFor('grooming');
    const first = page.locator('.hit').first();
    assert.match(await first.locator('.hit-path').textContent(), /02-online-grooming-belgium-law\.html$/);
    assert.match(await first.locator('.hit-title').textContent(), /Online grooming/);
    assert.ok(await first.locator('.hit-snippet mark').count() > 0, 'no <mark> in the first snippet');
    assert.match(await page.title(), /^grooming/);

    // Similar documents, loaded under the hit on demand, open the document view.
    const toggle = first.locator('.hit-similar-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const similar = first.locator('.hit-similar .similar-item a');
    await similar.first().waitFor();
    const href = new URL(await similar.first().getAttribute('href'), base);
    assert.match(href.searchParams.get('doc'), /^[0-9a-f]{16}$/);
    assert.equal(href.searchParams.get('q'), 'grooming');
  });

  test('a country facet narrows the results, the URL holds it, back restores', async () => {
    await searchFor('children');
    const before = await shownTotal(page);
    const boxes = page.locator('input[data-param="country"]');
    const n = await boxes.count();
    assert.ok(n > 1, 'fewer than two country values');
    // The first value that would narrow the results (its count is below the total).
    let chosen = null;
    for (let i = 0; i < n && !chosen; i++) {
      const id = await boxes.nth(i).getAttribute('id');
      const count = Number((await page.locator(`label[for="${id}"] .facet-count`).textContent())
        .replace(/[(),]/g, ''));
      if (count > 0 && count < before) {
        chosen = { value: await boxes.nth(i).getAttribute('data-value'), count };
      }
    }
    assert.ok(chosen, 'no country value narrows the results');
    const box = page.locator(`input[data-param="country"][data-value="${chosen.value}"]`);
    assert.equal(await box.isChecked(), false);
    await box.check();
    await page.waitForFunction((c) => new URLSearchParams(location.search).getAll('country').includes(c),
      chosen.value);
    await waitForIdle();
    assert.equal(await shownTotal(page), chosen.count, 'total is not the facet count');
    assert.equal(await page.locator(`input[data-param="country"][data-value="${chosen.value}"]`).isChecked(), true);
    assert.equal(searchParams(page).get('q'), 'children');

    await page.goBack();
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('country'));
    await waitForIdle();
    assert.equal(await shownTotal(page), before);
    assert.equal(await page.locator(`input[data-param="country"][data-value="${chosen.value}"]`).isChecked(), false);
    assert.equal(await page.locator('#q').inputValue(), 'children');
  });

  test('a misspelt query offers "Did you mean", and the link searches', async () => {
    await searchFor('grooming trafficing');
    const link = page.locator('.spelling-link');
    await link.waitFor();
    const suggestion = (await link.textContent()).trim();
    assert.notEqual(suggestion, 'grooming trafficing');
    assert.match(suggestion, /trafficking/);
    await link.click();
    await page.waitForFunction((s) => new URLSearchParams(location.search).get('q') === s, suggestion);
    await waitForIdle();
    assert.ok(await shownTotal(page) > 0);
    assert.equal(await page.locator('#q').inputValue(), suggestion);
  });

  test('paging moves through the results and keeps the page in the URL', async () => {
    await searchFor('');
    const total = await shownTotal(page);
    assert.ok(total > 10, `only ${total} documents: no second page`);
    assert.equal(await page.locator('#prev').isDisabled(), true);
    const firstOnPage1 = await page.locator('.hit-path').first().textContent();
    await page.locator('#next').click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('page') === '2');
    await waitForIdle();
    assert.match(await page.locator('#page-info').textContent(), /^Page 2 of \d+$/);
    assert.notEqual(await page.locator('.hit-path').first().textContent(), firstOnPage1);
    assert.equal(await page.locator('#prev').isDisabled(), false);
    await page.locator('#prev').click();
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('page'));
    await waitForIdle();
    assert.equal(await page.locator('.hit-path').first().textContent(), firstOnPage1);
  });

  test('a query without results says so', async () => {
    await searchFor('zqxwvjk');
    assert.equal(await page.locator('.hit').count(), 0);
    assert.match(await page.locator('#status').textContent(), /No documents match \u201czqxwvjk\u201d/);
    // A phrase the user quoted is not quoted twice.
    await searchFor('"zqxwvjk qwvzx"');
    assert.match(await page.locator('#status').textContent(), /^No documents match "zqxwvjk qwvzx"\. /);
    assert.equal(await page.locator('#result-actions').isHidden(), true);
    assert.equal(await page.locator('#pager').isHidden(), true);
  });

  test('typing shows completions, and the keyboard picks one', async () => {
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially('groo', { delay: 40 });
    const listbox = page.locator('#suggestions');
    await listbox.waitFor({ state: 'visible' });
    assert.equal(await page.locator('#q').getAttribute('aria-expanded'), 'true');
    const options = page.locator('#suggestions [role="option"]');
    const texts = await options.allTextContents();
    assert.ok(texts.some((t) => /grooming/i.test(t)), `no completion with "grooming": ${texts}`);
    await page.locator('#q').press('ArrowDown');
    assert.equal(await page.locator('#q').getAttribute('aria-activedescendant'), 'suggestion-0');
    const picked = (await options.first().locator('.suggestion-text').textContent());
    await page.locator('#q').press('Enter');
    await page.waitForFunction((p) => {
      const params = new URLSearchParams(location.search);
      return params.get('q') === p || params.has('doc');
    }, picked);
    assert.equal(await listbox.isHidden(), true);
  });

  test('the document view shows metadata and the text page by page', async () => {
    await searchFor('grooming');
    await page.locator('.hit .hit-title a').first().click();
    await page.waitForFunction(() => new URLSearchParams(location.search).has('doc'));
    await page.locator('#doc-title').waitFor();
    assert.match(await page.locator('#doc-title').textContent(), /Online grooming/);
    assert.equal(await page.locator('#search-view').isHidden(), true);
    const meta = await page.locator('.doc-meta').textContent();
    assert.match(meta, /Belgium/);
    assert.match(meta, /News post/);
    assert.ok(await page.locator('.doc-page').count() >= 1);
    assert.match(await page.locator('#page-1 .doc-page-text').textContent(), /grooming/i);
    assert.ok(await page.locator('#page-1 .doc-page-text mark').count() > 0, 'search words not marked');
    const original = await page.locator('.doc-original').getAttribute('href');
    const docId = searchParams(page).get('doc');
    assert.equal(original, `/api/documents/${docId}/original`);
    await page.locator('.doc-similar-list .similar-item a').first().waitFor();

    // Back to the results: the search comes back.
    await page.goBack();
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('doc'));
    await waitForIdle();
    assert.equal(await page.locator('#doc-view').isHidden(), true);
    assert.match(await page.locator('.hit-path').first().textContent(), /02-online-grooming/);
  });

  test('a PDF opens page by page, each page linking into the original', async () => {
    // "Angola" is in the US military training reports (PDFs of 32+ pages).
    await searchFor('angola');
    const pdfHit = page.locator('.hit', { has: page.locator('.hit-matching-pages') }).first();
    await pdfHit.locator('.hit-title a').click();
    await page.locator('#doc-title').waitFor();
    const pages = await page.locator('.doc-page').count();
    assert.ok(pages > 1, `a PDF hit shown with ${pages} page(s)`);
    const docId = searchParams(page).get('doc');
    assert.equal(await page.locator('#page-2 .doc-page-pdf').getAttribute('href'),
      `/api/documents/${docId}/original#page=2`);
    assert.ok(await page.locator('.doc-pages-nav .has-match').count() > 0, 'no page flagged as matching');
    // A page anchor changes only the fragment: the view stays.
    await page.locator('.doc-pages-nav a[href="#page-2"]').click();
    await page.waitForFunction(() => location.hash === '#page-2');
    assert.equal(await page.locator('#doc-view').isVisible(), true);
    // The document view is a link: opened afresh, it lands on the page named.
    await page.goto(page.url());
    await page.locator('#page-2').waitFor();
    assert.equal(await page.locator('#doc-view').isVisible(), true);
    assert.ok(await page.evaluate(() => {
      const box = document.getElementById('page-2').getBoundingClientRect();
      return box.top >= -1 && box.top < window.innerHeight;
    }), 'page 2 is not in view');
    const resp = await page.request.get(base + `/api/documents/${docId}/original`);
    assert.equal(resp.status(), 200);
    assert.match(resp.headers()['content-type'], /^application\/pdf/);
  });

  test('export and feed links carry the search and filters, and parse', async () => {
    await page.goto(base + '/?q=children&country=BE');
    await waitForIdle();
    const total = await shownTotal(page);
    assert.ok(total > 0);
    const hrefs = {
      csv: await page.locator('#export-csv').getAttribute('href'),
      jsonl: await page.locator('#export-jsonl').getAttribute('href'),
      feed: await page.locator('#feed-link').getAttribute('href'),
      alternate: await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')
    };
    for (const [name, href] of Object.entries(hrefs)) {
      const params = new URL(href, base).searchParams;
      assert.equal(params.get('q'), 'children', `${name}: ${href}`);
      assert.deepEqual(params.getAll('country'), ['BE'], `${name}: ${href}`);
    }
    assert.equal(hrefs.alternate, hrefs.feed);

    const csv = await page.request.get(new URL(hrefs.csv, base).href);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'], /^text\/csv/);
    const csvLines = (await csv.text()).split(/\r?\n/).filter((l) => l !== '');
    assert.match(csvLines[0], /(^|,)id(,|$)/);
    assert.equal(Number(csv.headers()['x-total-count']), total);

    const jsonl = await page.request.get(new URL(hrefs.jsonl, base).href);
    assert.equal(jsonl.status(), 200);
    assert.match(jsonl.headers()['content-type'], /^application\/x-ndjson/);
    const records = (await jsonl.text()).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
    assert.equal(records.length, total);
    for (const r of records) assert.ok(r.countries.includes('BE'), `${r.path} is not about BE`);

    // The feed, parsed as XML by the browser itself.
    const feed = await page.evaluate(async (href) => {
      const resp = await fetch(href);
      const doc = new DOMParser().parseFromString(await resp.text(), 'application/xml');
      return {
        type: resp.headers.get('content-type'),
        parseError: doc.getElementsByTagName('parsererror').length > 0,
        root: doc.documentElement.localName,
        entries: doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry').length
      };
    }, hrefs.feed);
    assert.match(feed.type, /^application\/atom\+xml/);
    assert.equal(feed.parseError, false);
    assert.equal(feed.root, 'feed');
    assert.equal(feed.entries, Math.min(total, 20));

    // The links follow the state: a new search changes them.
    await searchFor('grooming');
    const moved = new URL(await page.locator('#export-csv').getAttribute('href'), base).searchParams;
    assert.equal(moved.get('q'), 'grooming');
    assert.deepEqual(moved.getAll('country'), ['BE']);
  });

  test('a year range narrows the results and follows into the export', async () => {
    await page.goto(base + '/');
    await waitForIdle();
    const all = await shownTotal(page);
    await page.locator('#year-from').fill('2012');
    await page.locator('#year-range button[type="submit"]').click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('year_from') === '2012');
    await waitForIdle();
    const since = await shownTotal(page);
    assert.ok(since > 0 && since < all, `${since} of ${all} documents since 2012`);
    const href = await page.locator('#export-jsonl').getAttribute('href');
    assert.equal(new URL(href, base).searchParams.get('year_from'), '2012');
    const rows = (await (await page.request.get(new URL(href, base).href)).text())
      .split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
    assert.equal(rows.length, since);
    for (const r of rows) assert.ok(r.year >= 2012, `${r.path}: ${r.year}`);
    await page.goBack();
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('year_from'));
    await waitForIdle();
    assert.equal(await page.locator('#year-from').inputValue(), '');
    assert.equal(await shownTotal(page), all);
  });

  test('markup in a document is shown as text and never runs', async () => {
    await page.goto(base + '/');
    await waitForIdle();
    await searchFor('quarantined');
    const hit = page.locator('.hit').first();
    const title = await hit.locator('.hit-title').textContent();
    assert.match(title, /<script>window\.archivistInjected = "title"<\/script>/);
    assert.match(await hit.locator('.hit-snippet').textContent(), /<script>|<img src=x/);
    assert.equal(await page.locator('#hits script, #hits img, #hits b').count(), 0);

    await hit.locator('.hit-title a').click();
    await page.locator('#doc-title').waitFor();
    assert.match(await page.locator('#doc-title').textContent(), /<script>/);
    const text = await page.locator('#page-1 .doc-page-text').textContent();
    assert.match(text, /<img src=x onerror=/);
    assert.equal(await page.locator('#doc-view script, #doc-view img, #doc-view b').count(), 0);
    // Completions of the same words are text too.
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially('quarant', { delay: 40 });
    await page.locator('#suggestions').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#suggestions script, #suggestions img').count(), 0);
    await page.locator('#q').press('Escape');

    assert.equal(await page.evaluate(() => window.archivistInjected), undefined);
    assert.deepEqual(dialogs, []);
  });

  // Issue 13: the language facet is filtered as `language`, the name it is
  // answered under; links made with the old `lang` still work.
  test('the language filter is written as "language" and the old "lang" still reads', async () => {
    await searchFor('children');
    const box = page.locator('input[data-param="language"][data-value="en"]');
    const id = await box.getAttribute('id');
    const count = Number((await page.locator(`label[for="${id}"] .facet-count`).textContent())
      .replace(/[(),]/g, ''));
    assert.equal(await page.locator(`label[for="${id}"] .facet-name`).textContent(), 'English');
    await box.check();
    await page.waitForFunction(() => new URLSearchParams(location.search).getAll('language').includes('en'));
    await waitForIdle();
    assert.equal(searchParams(page).has('lang'), false);
    assert.equal(await shownTotal(page), count);
    const exported = new URL(await page.locator('#export-csv').getAttribute('href'), base).searchParams;
    assert.deepEqual(exported.getAll('language'), ['en']);

    await page.goto(base + '/?q=children&lang=en');
    await waitForIdle();
    assert.equal(await shownTotal(page), count);
    assert.equal(await page.locator('input[data-param="language"][data-value="en"]').isChecked(), true);
    await page.locator('#sort').selectOption('newest');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('sort') === 'newest');
    await waitForIdle();
    assert.deepEqual(searchParams(page).getAll('language'), ['en']);
    assert.equal(searchParams(page).has('lang'), false, 'the alias is not written back');
    assert.equal(await shownTotal(page), count);
  });

  test('the page is native modules from its own origin, under the CSP', async () => {
    const main = await page.request.get(base + '/js/main.js');
    assert.equal(main.status(), 200);
    assert.match(main.headers()['content-type'], /^(text|application)\/javascript/);
    assert.equal(main.headers()['x-content-type-options'], 'nosniff');
    const html = await page.request.get(base + '/');
    assert.match(html.headers()['content-security-policy'], /script-src 'self'/);
    assert.doesNotMatch(html.headers()['content-security-policy'], /unsafe-inline|unsafe-eval/);
    const scripts = await page.evaluate(() => Array.from(document.scripts, (s) => ({
      type: s.type, src: s.src, inline: !s.src && s.textContent.trim() !== '' })));
    assert.deepEqual(scripts, [{ type: 'module', src: base + '/js/main.js', inline: false }]);
  });

  // The API's error code reaches the person as words, and the page says
  // which code it was (data-code); a 4xx or 5xx in the browser's console is
  // expected here, so these run in a page of their own.
  test('API errors are shown by their code', async () => {
    const errorPage = await browser.newPage();
    const unexpected = [];
    errorPage.on('console', (msg) => {
      const expected = /Failed to load resource: the server responded with a status of (400|404|503)/;
      if (msg.type() === 'error' && !expected.test(msg.text())) unexpected.push(msg.text());
    });
    errorPage.on('pageerror', (err) => unexpected.push(String(err)));
    const banner = errorPage.locator('#error');

    await errorPage.goto(base + '/?q=children&page=0');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-code'), 'invalid_argument');
    assert.match(await banner.textContent(), /^Search failed\. page: /);
    assert.equal(await errorPage.locator('.hit').count(), 0);

    await errorPage.goto(base + '/?q=children&doc=0000000000000000');
    await errorPage.locator('#doc-title').waitFor();
    assert.equal(await errorPage.locator('#doc-title').textContent(), 'Document not found');

    // A searchd whose index does not exist yet answers 503 unavailable.
    const waiting = await startSearchd(path.join(tmp, 'no-index-yet'));
    try {
      await errorPage.goto(waiting.base + '/?q=children');
      await banner.waitFor();
      assert.equal(await banner.getAttribute('data-code'), 'unavailable');
      assert.match(await banner.textContent(), /index is not available right now/);
      assert.doesNotMatch(await banner.textContent(), /no-index-yet/);
    } finally {
      waiting.child.kill('SIGTERM');
      await errorPage.close();
    }
    assert.deepEqual(unexpected, []);
  });

  test('no console errors and no CSP violations during the run', async () => {
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(consoleErrors, []);
  });
});
