// SPDX-License-Identifier: GPL-2.0-or-later
// Searching the sample archive in a real browser: results and their snippets,
// facets, spelling, paging, completions, the year range, exports and feeds,
// and the URL that holds it all (back, reload).
// Its own sample archive, searchd and browser: harness.mjs.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  useArchive, testNoConsoleErrors, shownTotal, searchParams, apiTotal,
} from './harness.mjs';

describe('searching and filtering in chromium', () => {
  const archive = useArchive();
  const { searchFor, waitForIdle } = archive;
  let base;
  let browser;
  let page;
  before(() => ({ base, browser, page } = archive));

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
    const boxes = page.locator('#facet-groups input[data-param="country"]');
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
    const box = page.locator(`#facet-groups input[data-param="country"][data-value="${chosen.value}"]`);
    assert.equal(await box.isChecked(), false);
    await box.check();
    await page.waitForFunction((c) => new URLSearchParams(location.search).getAll('country').includes(c),
      chosen.value);
    await waitForIdle();
    assert.equal(await shownTotal(page), chosen.count, 'total is not the facet count');
    assert.equal(await page.locator(`#facet-groups input[data-param="country"][data-value="${chosen.value}"]`).isChecked(), true);
    assert.equal(searchParams(page).get('q'), 'children');

    await page.goBack();
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('country'));
    await waitForIdle();
    assert.equal(await shownTotal(page), before);
    assert.equal(await page.locator(`#facet-groups input[data-param="country"][data-value="${chosen.value}"]`).isChecked(), false);
    assert.equal(await page.locator('#q').inputValue(), 'children');
  });

  test('a misspelt query offers "Did you mean", and the link searches', async () => {
    await searchFor('grooming trafficing');
    const link = page.locator('.spelling-link');
    await link.waitFor();
    const suggestion = (await link.textContent()).trim();
    // After the count and the time, set off as they are from each other.
    assert.ok(await shownTotal(page) > 0);
    assert.match(await page.locator('#status').textContent(), /ms \u00b7 Did you mean /);
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
    const csvText = await csv.text();
    assert.ok(csvText.startsWith('\uFEFF'), 'no UTF-8 byte-order mark');
    const csvLines = csvText.slice(1).split(/\r?\n/).filter((l) => l !== '');
    assert.match(csvLines[0], /^id,path,title,link,/);
    assert.match(csvLines[1], new RegExp(',http://127\\.0\\.0\\.1:\\d+/\\?doc=[0-9a-f]{16},'));
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

  test('a zero-result search with a spelling suggestion offers it', async () => {
    await searchFor('traffiking');
    assert.match(await page.locator('#status').textContent(), /^No documents match/);
    assert.equal((await page.locator('#status .spelling-link').textContent()).trim(), 'trafficking');
  });

  test('country:BR in the query finds what the country filter finds', async () => {
    // From a view with no filters: a search from the box keeps those set.
    await page.goto(base + '/');
    await waitForIdle();
    await searchFor('country:BR');
    assert.equal(await shownTotal(page), await apiTotal(page, base, 'q=&country=BR'));
  });

  test('a reload reproduces the state: query, filters, years, map', async () => {
    const url = base + '/?q=children&country=BE&year_from=2010&year_to=2016&map=1&sort=oldest';
    await page.goto(url);
    await waitForIdle();
    const total = await shownTotal(page);
    const first = await page.locator('.hit-path').first().textContent();
    await page.reload();
    await waitForIdle();
    assert.equal(page.url(), url);
    assert.equal(await shownTotal(page), total);
    assert.equal(await page.locator('.hit-path').first().textContent(), first);
    assert.equal(await page.locator('#q').inputValue(), 'children');
    assert.equal(await page.locator('#year-from').inputValue(), '2010');
    assert.equal(await page.locator('#sort').inputValue(), 'oldest');
    assert.equal(await page.locator('#map-body').isVisible(), true);
    assert.equal(await page.locator('#facet-groups input[data-value="BE"]').isChecked(), true);
  });

  // Issue 14: documents without a year, counted and let through a range on request.
  test('documents without a year can be included while a year range is set', async () => {
    await page.goto(base + '/?year_from=2010&year_to=2012');
    await waitForIdle();
    const ranged = await shownTotal(page);
    assert.match(await page.locator('#undated-count').textContent(), /left out by the year range/);
    const box = page.locator('#include-undated');
    assert.equal(await box.isVisible(), true);
    assert.equal(await box.isChecked(), false);
    const undated = (await (await page.request.get(base + '/api/search?year_from=2010&year_to=2012')).json()).undated;
    assert.ok(undated > 0, 'the sample archive has documents without a year');
    await box.check();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('include_undated') === '1');
    await waitForIdle();
    assert.equal(await shownTotal(page), ranged + undated);
    assert.equal(await shownTotal(page), await apiTotal(page, base, 'year_from=2010&year_to=2012&include_undated=1'));
    assert.match(await page.locator('#undated-count').textContent(), /are included/);
    assert.equal(await page.locator('#include-undated').isChecked(), true);
    // Clearing the years drops the choice with them.
    await page.locator('#year-clear').click();
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('include_undated'));
    await waitForIdle();
    assert.equal(await page.locator('#include-undated-row').isVisible(), false);
  });

  testNoConsoleErrors(archive);
});
