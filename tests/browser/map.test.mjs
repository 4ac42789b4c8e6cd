// SPDX-License-Identifier: GPL-2.0-or-later
// Browsing by country and year in a real browser: the map is the country
// facet, the histogram the year range; and the interface in French and
// Dutch, with country names from the API.
// Its own sample archive, searchd and browser: harness.mjs.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  useArchive, testNoConsoleErrors, shownTotal, apiTotal, WEBUI,
} from './harness.mjs';

describe('map, timeline and interface languages in chromium', () => {
  const archive = useArchive();
  const { waitForIdle } = archive;
  let base;
  let page;
  before(() => ({ base, page } = archive));

  // Issue 14: browse by country. The map is the country facet: a click on
  // a country filters to it, with the count the API gives.
  test('a map click lands on the filtered search, counts as the API says', async () => {
    // Browsing without a query, the map is open (a query closes it; map=0/1 says otherwise).
    await page.goto(base + '/?q=children');
    await waitForIdle();
    assert.equal(await page.locator('#map-body').isHidden(), true);
    await page.goto(base + '/');
    await waitForIdle();
    assert.equal(await page.locator('#map-body').isVisible(), true);
    const brazil = page.locator('.map-country[data-country="BR"]');
    const label = await brazil.getAttribute('aria-label');
    const shown = Number(/: (\d+) documents?$/.exec(label)[1]);
    assert.ok(shown > 0, label);
    // Countries without documents stay neutral; a legend gives the scale.
    assert.ok(await page.locator('.map-country.map-class-none').count() > 100);
    assert.ok(await page.locator('#map-legend .map-legend-item').count() >= 2);
    await brazil.hover();
    assert.match(await page.locator('.map-tooltip').textContent(), /^Brazil: \d+ documents?$/);
    await brazil.click();
    await page.waitForFunction(() => new URLSearchParams(location.search).getAll('country').join() === 'BR');
    await waitForIdle();
    assert.equal(await shownTotal(page), shown);
    assert.equal(await shownTotal(page), await apiTotal(page, base, 'q=&country=BR'));
    await page.locator('#map[data-ready="true"]').waitFor();
    assert.equal(await page.locator('.map-country[data-country="BR"].is-selected').count(), 1);
    assert.match(await page.locator('#active-filters').textContent(), /Country: Brazil/);
  });

  test('two countries are ORed, then a topic narrows them', async () => {
    await page.goto(base + '/?map=1&country=BR');
    await page.locator('#map[data-ready="true"]').waitFor();
    // The list beside the map: a filter box when the list is long (the
    // checklist's FILTER_BOX_FROM, 9 values), then Belgium's checkbox. Since
    // countries are those a document is about (issue 18), the sample archive
    // may name fewer: then there is no box, and every country shows.
    const listed = await page.locator('#country-list li').count();
    if (listed >= 9) {
      await page.locator('#map-list-filter').fill('belg');
      assert.equal(await page.locator('#country-list li:not([hidden])').count(), 1);
    } else {
      assert.equal(await page.locator('#map-list-filter').count(), 0);
      assert.equal(await page.locator('#country-list li:not([hidden])').count(), listed);
    }
    const belgium = page.locator('#country-list input[data-value="BE"]');
    await belgium.check();
    await page.waitForFunction(() => new URLSearchParams(location.search).getAll('country').sort().join() === 'BE,BR');
    await waitForIdle();
    const both = await shownTotal(page);
    assert.equal(both, await apiTotal(page, base, 'q=&country=BR&country=BE'));
    assert.ok(both > await apiTotal(page, base, 'q=&country=BR'), 'OR within the facet adds documents');
    const topic = page.locator('#facet-groups input[data-param="topic"]').first();
    const value = await topic.getAttribute('data-value');
    const id = await topic.getAttribute('id');
    const count = Number((await page.locator(`label[for="${id}"] .facet-count`).textContent()).replace(/[(),]/g, ''));
    await topic.check();
    await page.waitForFunction((v) => new URLSearchParams(location.search).getAll('topic').includes(v), value);
    await waitForIdle();
    assert.equal(await shownTotal(page), count);
    assert.equal(count, await apiTotal(page, base,
      'q=&country=BR&country=BE&topic=' + encodeURIComponent(value)));
  });

  // Issue 14: the year dimension is one control.
  test('a histogram drag sets the year range and the URL; a click one year', async () => {
    await page.goto(base + '/');
    await waitForIdle();
    const bar = (year) => page.locator(`.histogram-bar[data-year="${year}"] .histogram-hit`);
    const from = await bar(2014).boundingBox();
    const to = await bar(2015).boundingBox();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => {
      const p = new URLSearchParams(location.search);
      return p.get('year_from') === '2014' && p.get('year_to') === '2015';
    });
    await waitForIdle();
    assert.equal(await page.locator('#year-from').inputValue(), '2014');
    assert.equal(await page.locator('#year-to').inputValue(), '2015');
    assert.equal(await shownTotal(page), await apiTotal(page, base, 'q=&year_from=2014&year_to=2015'));
    assert.equal(await page.locator('.histogram-bar.is-selected').count(), 2);
    // Documents without a year are counted, and said to be left out.
    await page.locator('#undated:not([hidden])').waitFor();
    assert.match(await page.locator('#undated-count').textContent(), /no known year are left out/);
    // No year facet offers a year the range would turn into 0 results.
    assert.equal(await page.locator('#facet-groups input[data-param="year"]').count(), 0);

    const one = await bar(2012).boundingBox();
    await page.mouse.click(one.x + one.width / 2, one.y + one.height / 2);
    await page.waitForFunction(() => {
      const p = new URLSearchParams(location.search);
      return p.get('year_from') === '2012' && p.get('year_to') === '2012';
    });
    await waitForIdle();
    assert.equal(await shownTotal(page), await apiTotal(page, base, 'q=&year_from=2012&year_to=2012'));
    await page.locator('#year-clear').click();
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('year_from'));
    await waitForIdle();
    assert.equal(await page.locator('#year-from').inputValue(), '');
    const all = await shownTotal(page);
    const dated = await page.evaluate(() => Array.from(document.querySelectorAll('.histogram-bar title'),
      (t) => Number(/: (\d+)/.exec(t.textContent)[1])).reduce((a, b) => a + b, 0));
    assert.match(await page.locator('#undated-count').textContent(), new RegExp(`^${all - dated} documents have no known year`));
  });

  test('no document data becomes markup in facets, map or histogram', async () => {
    await page.goto(base + '/?map=1&q=quarantined');
    await page.locator('#map[data-ready="true"]').waitFor();
    // The hostile fixture's topic is an <img onerror> as text.
    assert.match(await page.locator('#facet-groups').textContent(), /<img src=x onerror=/);
    for (const country of await page.locator('.map-country.has-documents').all()) await country.hover();
    await page.locator('.histogram-bar').first().hover();
    assert.equal(await page.locator('#facet-groups img, #map img, #histogram img, #active-filters img, #hits img').count(), 0);
    assert.equal(await page.evaluate(() => window.archivistInjected), undefined);
  });

  // Issue 14: the interface in French and Dutch, names from the API's ui_lang.
  test('the French and Dutch interfaces show their strings and country names', async () => {
    await page.goto(base + '/?country=BR&map=1');
    await waitForIdle();
    await page.locator('#ui-lang').selectOption('fr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.locator('#facet-groups input[data-value="BR"]').waitFor();
    await page.waitForFunction(() => /Brésil/.test(document.getElementById('facet-groups').textContent));
    assert.equal(await page.locator('.skip-link').textContent(), 'Aller aux résultats');
    assert.equal(await page.locator('#facets-heading').textContent(), 'Filtres');
    assert.match(await page.locator('#status').textContent(), /^\d+ documents?/);
    assert.match(await page.locator('#active-filters').textContent(), /Pays : Brésil|Pays: Brésil/);
    assert.equal(await page.locator('#map-toggle').textContent(), 'Masquer la carte');

    // Remembered across a reload, with the state of the URL.
    await page.reload();
    await waitForIdle();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    assert.equal(await page.locator('#facet-groups input[data-value="BR"]').isChecked(), true);

    await page.locator('#ui-lang').selectOption('nl');
    await page.waitForFunction(() => document.documentElement.lang === 'nl');
    await page.waitForFunction(() => /Brazilië/.test(document.getElementById('facet-groups').textContent));
    assert.equal(await page.locator('.skip-link').textContent(), 'Naar de resultaten');
    assert.match(await page.locator('#country-list').textContent(), /Brazilië/);
    const languages = await page.locator('#facet-h-language').textContent();
    assert.equal(languages, 'Taal');
    await page.locator('#ui-lang').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await waitForIdle();
  });

  test('every catalogue has every key of the English one', async () => {
    const load = async (lang) => (await import(path.join(WEBUI, 'js/i18n', lang + '.js'))).default;
    const en = Object.keys(await load('en')).sort();
    for (const lang of ['fr', 'nl']) {
      assert.deepEqual(Object.keys(await load(lang)).sort(), en, lang);
    }
  });

  testNoConsoleErrors(archive);
});
