// SPDX-License-Identifier: GPL-2.0-or-later
// What every reader gets in a real browser: the page's own modules under its
// CSP, WCAG 2.1 AA as axe-core checks it, a keyboard-only walk, a phone's
// drawer and touch targets, the page's weight and first paint, and the
// README's screenshots (desktop and 390 px wide) into
// ARCHIVIST_SCREENSHOT_DIR (ctest: the build folder's screenshots/, so that a
// test run leaves the tree clean; by hand, docs/screenshots/ unless set: that
// is how the README's copies are refreshed).
// Its own sample archive, searchd and browser: harness.mjs.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  useArchive, testNoConsoleErrors, searchParams, axeViolations, WEBUI, SOURCE_DIR,
} from './harness.mjs';

const SCREENSHOTS = process.env.ARCHIVIST_SCREENSHOT_DIR || path.join(SOURCE_DIR, 'docs', 'screenshots');

describe('accessibility, weight and screenshots in chromium', () => {
  const archive = useArchive();
  const { searchFor, waitForIdle } = archive;
  let base;
  let browser;
  let page;
  before(() => ({ base, browser, page } = archive));

  test('the page is native modules from its own origin, under the CSP', async () => {
    const main = await page.request.get(base + '/js/main.js');
    assert.equal(main.status(), 200);
    assert.match(main.headers()['content-type'], /^(text|application)\/javascript/);
    assert.equal(main.headers()['x-content-type-options'], 'nosniff');
    const html = await page.request.get(base + '/');
    assert.match(html.headers()['content-security-policy'], /script-src 'self'/);
    assert.doesNotMatch(html.headers()['content-security-policy'], /unsafe-inline|unsafe-eval/);
    // The page's one entry module; the map's libraries come later, from
    // the same origin (webui/vendor/), never inline.
    const scripts = await page.evaluate(() => Array.from(document.scripts, (s) => ({
      type: s.type, src: s.src, inline: !s.src && s.textContent.trim() !== '' })));
    assert.deepEqual(scripts[0], { type: 'module', src: base + '/js/main.js', inline: false });
    for (const script of scripts.slice(1)) {
      assert.ok(script.src.startsWith(base + '/vendor/') && !script.inline, JSON.stringify(script));
    }
  });

  // Issue 14: WCAG 2.1 AA as axe-core checks it, on every view.
  test('axe-core finds no violation on search, filters, map, timeline, document', async () => {
    const views = {
      search: '/',
      filtered: '/?q=children&country=BE&language=en',
      map: '/?map=1',
      timeline: '/?year_from=2010&year_to=2015',
      none: '/?q=zqxwvjk',
    };
    for (const [name, url] of Object.entries(views)) {
      await page.goto(base + url);
      await waitForIdle();
      if (url.includes('map=1')) await page.locator('#map[data-ready="true"]').waitFor();
      assert.deepEqual(await axeViolations(page), [], name);
    }
    await searchFor('angola');
    await page.locator('.hit', { has: page.locator('.hit-matching-pages') }).first().locator('.hit-title a').click();
    await page.locator('#doc-title').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'document');
  });

  // Issue 14: the keyboard alone: query → facet → map list → result → document → back.
  test('a keyboard-only walk reaches everything, and a skip link leads to the results', async () => {
    await page.goto(base + '/?map=1');
    await waitForIdle();
    await page.locator('#map[data-ready="true"]').waitFor();
    const focused = () => page.evaluate(() => {
      const a = document.activeElement;
      return a ? (a.id ? '#' + a.id : a.className || a.tagName) : '';
    });
    // Tab until `test(activeElement)` holds; returns the presses it took.
    const tabTo = async (check, what, max = 400) => {
      for (let i = 1; i <= max; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(check)) return i;
      }
      throw new Error(`no Tab reaches ${what} (at ${await focused()})`);
    };
    await page.locator('body').focus();
    assert.equal(await tabTo(() => document.activeElement.classList.contains('skip-link'), 'the skip link'), 1);
    await page.keyboard.press('Enter');
    const toResult = await tabTo(() => !!document.activeElement.closest('.hit-title'), 'a result');
    assert.ok(toResult <= 2, `${toResult} presses from the skip link to the first result`);

    await page.locator('#q').focus();
    await page.keyboard.type('children');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'children');
    await waitForIdle();
    // A facet value, checked with the space bar; the focus stays on it.
    await tabTo(() => document.activeElement.matches('#facet-groups input[data-param="language"]'), 'a facet');
    const facetValue = await page.evaluate(() => document.activeElement.dataset.value);
    await page.keyboard.press('Space');
    await page.waitForFunction((v) => new URLSearchParams(location.search).getAll('language').includes(v), facetValue);
    await waitForIdle();
    await page.waitForFunction((v) => document.activeElement.dataset.value === v, facetValue);
    // The map's country list, backwards from the facets.
    await page.locator('#q').focus();
    await tabTo(() => document.activeElement.matches('#country-list input[type="checkbox"]'), 'the map list');
    const country = await page.evaluate(() => document.activeElement.dataset.value);
    await page.keyboard.press('Space');
    await page.waitForFunction((c) => new URLSearchParams(location.search).getAll('country').includes(c), country);
    await waitForIdle();
    // A result, opened with Enter; back with the back link.
    await tabTo(() => !!document.activeElement.closest('.hit-title'), 'a result');
    await page.keyboard.press('Enter');
    await page.locator('#doc-title').waitFor();
    await page.waitForFunction(() => document.activeElement.id === 'doc-view');
    await tabTo(() => document.activeElement.classList.contains('doc-back'), 'the back link');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('doc'));
    await waitForIdle();
    assert.deepEqual(searchParams(page).getAll('country'), [country]);
    // The focus is visible: an outline on what has it.
    await page.locator('#q').focus();
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');
  });

  // Issue 14: a phone (390 px): the filters in a drawer that closes on
  // apply, touch targets of 44 px, no sideways scrolling.
  test('at 390 px the filters are a drawer, targets are 44 px, nothing scrolls sideways', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      for (const url of ['/', '/?map=1', '/?q=children&country=BE']) {
        await phone.goto(base + url);
        await phone.waitForFunction(() => document.getElementById('results').getAttribute('aria-busy') === 'false' &&
          document.getElementById('status').textContent !== '');
        assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= 390),
          `${url} scrolls sideways: ${await phone.evaluate(() => document.documentElement.scrollWidth)}`);
      }
      assert.equal(await phone.locator('#facets').isVisible(), false);
      await phone.locator('#facets-open').tap();
      await phone.locator('#facets').waitFor({ state: 'visible' });
      const item = phone.locator('#facet-groups .facet-item').first();
      assert.ok((await item.boundingBox()).height >= 44, 'a facet value is under 44 px high');
      const value = await item.locator('input').getAttribute('data-value');
      await item.locator('label').tap();
      await phone.waitForFunction(() => !document.body.classList.contains('drawer-open'));
      await phone.waitForFunction((v) => location.search.includes(encodeURIComponent(v)), value);
      for (const target of ['#facets-open', '#prev', '#year-from', '#map-toggle']) {
        const box = await phone.locator(target).boundingBox();
        if (box) assert.ok(box.height >= 44, `${target} is ${box.height} px high`);
      }
    } finally {
      await phone.close();
    }
  });

  // Issue 14: the drawer holds the keyboard while open and gives the focus back.
  test('the filter drawer traps the focus and gives it back on close', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(base + '/?q=children');
      await phone.waitForFunction(() => document.getElementById('results').getAttribute('aria-busy') === 'false' &&
        document.getElementById('status').textContent !== '');
      await phone.locator('#facets-open').focus();
      await phone.keyboard.press('Enter');
      await phone.waitForFunction(() => document.body.classList.contains('drawer-open'));
      const inside = () => phone.evaluate(() => document.getElementById('facets').contains(document.activeElement));
      assert.equal(await inside(), true, 'the drawer takes the focus');
      const reached = new Set();
      for (let i = 0; i < 60; i++) {
        await phone.keyboard.press('Tab');
        assert.equal(await inside(), true, `Tab ${i + 1} left the drawer`);
        reached.add(await phone.evaluate(() => document.activeElement.id || document.activeElement.textContent));
      }
      for (let i = 0; i < 30; i++) {
        await phone.keyboard.press('Shift+Tab');
        assert.equal(await inside(), true, `Shift+Tab ${i + 1} left the drawer`);
      }
      assert.ok(reached.has('facets-close'), 'Tab reaches the drawer\'s close button');
      await phone.keyboard.press('Escape');
      await phone.waitForFunction(() => !document.body.classList.contains('drawer-open'));
      assert.equal(await phone.evaluate(() => document.activeElement.id), 'facets-open');
      assert.equal(await phone.evaluate(() => document.getElementById('main').inert), false);
    } finally {
      await phone.close();
    }
  });

  test('the page is light: its own files under 400 KB compressed', () => {
    const files = [];
    const walk = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (!/^LICENSE/.test(entry.name)) files.push(full);
      }
    };
    walk(WEBUI);
    const compressed = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
    console.log(`# the page's own files: ${files.length} files, ${(compressed / 1024).toFixed(1)} KB gzipped`);
    assert.ok(compressed < 400 * 1024, `${compressed} bytes compressed`);
  });

  test('first results painted: reported', async () => {
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await fresh.goto(base + '/');
      await fresh.waitForFunction(() => performance.getEntriesByName('archivist:first-results').length > 0);
      const ms = await fresh.evaluate(() => performance.getEntriesByName('archivist:first-results')[0].startTime);
      console.log(`# first results painted ${ms.toFixed(0)} ms after navigation start (not asserted)`);
    } finally {
      await fresh.close();
    }
  });

  // The README's pictures: what the page looks like now.
  test('screenshots of search, map, timeline and document, desktop and phone', async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const views = [
      ['search', '/?q=children'],
      ['map', '/?map=1&country=BR'],
      ['timeline', '/?year_from=2014&year_to=2015'],
    ];
    for (const [width, height, suffix] of [[1280, 900, 'desktop'], [390, 844, 'phone']]) {
      const shot = await browser.newPage({ viewport: { width, height } });
      try {
        for (const [name, url] of views) {
          await shot.goto(base + url);
          await shot.waitForFunction(() => document.getElementById('results').getAttribute('aria-busy') === 'false' &&
            document.getElementById('status').textContent !== '');
          if (url.includes('map=1')) {
            await shot.locator('#map[data-ready="true"]').waitFor();
            await shot.locator('#map-section').scrollIntoViewIfNeeded();
          }
          if (name === 'timeline') await shot.locator('#timeline').scrollIntoViewIfNeeded();
          await shot.screenshot({ path: path.join(SCREENSHOTS, `${name}-${suffix}.png`) });
        }
        await shot.goto(base + '/?q=angola');
        await shot.locator('.hit', { has: shot.locator('.hit-matching-pages') }).first().locator('.hit-title a').click();
        await shot.locator('#doc-title').waitFor();
        await shot.screenshot({ path: path.join(SCREENSHOTS, `document-${suffix}.png`) });
      } finally {
        await shot.close();
      }
    }
  });

  testNoConsoleErrors(archive);
});
