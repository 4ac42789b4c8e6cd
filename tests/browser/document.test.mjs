// SPDX-License-Identifier: GPL-2.0-or-later
// The document view in a real browser: metadata, the text page by page, a
// PDF's pages and matches, parts in other languages, editions of one work,
// markup in documents shown as text, and the API's errors in words.
// Its own sample archive, searchd and browser: harness.mjs.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  useArchive, testNoConsoleErrors, shownTotal, searchParams, apiTotal, startSearchd,
} from './harness.mjs';

describe('the document view in chromium', () => {
  const archive = useArchive();
  const { searchFor, waitForIdle } = archive;
  let base;
  let browser;
  let page;
  before(() => ({ base, browser, page } = archive));

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

    // Issue 14: the words are marked as the server matched them (stems,
    // accents folded), not by a guess at word starts: "protections" marks
    // "protect", which begins no word of the query.
    await page.goto(base + `/?q=protections&doc=${docId}`);
    await page.locator('#page-1 .doc-page-text mark').first().waitFor();
    assert.deepEqual(await page.locator('#page-1 .doc-page-text mark').allTextContents(), ['protect']);
    await page.goto(base + '/?q=kaka');
    await waitForIdle();
    await page.locator('.hit-title a').first().click();
    await page.locator('#page-1 .doc-page-text mark').first().waitFor();
    assert.ok((await page.locator('.doc-page-text mark').allTextContents()).includes('Kaká'));
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
    // Issue 14: the matching pages are listed first; "next match" walks the marks.
    assert.match(await page.locator('.doc-matching-pages').textContent(), /^\d+ pages? holds? words of the search: \d/);
    await page.locator('.doc-next-match').click();
    await page.waitForFunction(() => /^Match 1 of \d+$/.test(document.querySelector('.doc-match-status').textContent));
    assert.match(await page.locator('mark.is-current').textContent(), /angola/i);
    await page.locator('.doc-prev-match').click();
    assert.match(await page.locator('.doc-match-status').textContent(), /^Match (\d+) of \1$/);
    // Pages far from the screen are not drawn until they are needed.
    const pending = await page.locator('.doc-page-text.is-pending').count();
    assert.ok(pending > 0, 'every page drawn at once');
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
    assert.deepEqual(archive.dialogs, []);
  });

  // Issue 18: a French page whose manufacturer's notice was left in English
  // says so where the notice stands, in the metadata and in the text, and
  // the notice's words are matched as English words ("configured" marks
  // "configuring", which only English stemming joins to it).
  test('a page\'s part in another language is labelled, placed and matched in its language', async () => {
    await page.goto(base + '/');
    await waitForIdle();
    await searchFor('configured');
    const hit = page.locator('.hit', { hasText: 'arrosage automatique' });
    assert.ok((await hit.locator('.hit-snippet mark').allTextContents()).includes('configuring'),
      await hit.locator('.hit-snippet').innerHTML());
    await hit.locator('.hit-title a').click();
    await page.locator('#doc-title').waitFor();
    const meta = page.locator('.doc-meta');
    assert.match(await meta.textContent(), /Parts in other languagesEnglish, from “Controller instructions The controller is configured …”/);
    const link = meta.locator('.doc-section-lang-link');
    assert.equal(await link.count(), 1);
    const target = (await link.getAttribute('href')).slice(1);
    const part = page.locator('#page-1 .doc-lang-section');
    assert.equal(await part.count(), 1);
    assert.equal(await part.getAttribute('id'), target);
    assert.equal(await part.getAttribute('lang'), 'en');
    assert.equal(await part.locator('.doc-lang-section-label').textContent(), 'In English');
    const partText = await part.textContent();
    assert.match(partText, /^In EnglishController instructions\s+The controller is configured/);
    assert.match(partText, /write <b>sensor<\/b> on the label/);
    assert.doesNotMatch(partText, /Qui contacter|Chaque bénévole/);
    assert.equal(await page.locator('#doc-view b').count(), 0);
    assert.ok((await part.locator('mark').allTextContents()).includes('configuring'));
    // The French text around it is drawn as it was, in the page's language.
    assert.match(await page.locator('#page-1 .doc-page-text').textContent(), /Qui contacter/);
    await page.goBack();
    await waitForIdle();
  });

  // Issue 14: a date the text only names reads as a guess; a law names its jurisdiction.
  test('a weak date reads "about", and a law shows its jurisdiction', async () => {
    await page.goto(base + '/?country=NL&sort=newest&per_page=50');
    await waitForIdle();
    const hit = page.locator('.hit', { hasText: 'BWBR0033564.md' });
    const date = hit.locator('.hit-date');
    assert.match(await date.textContent(), /^about .*2011/);
    assert.equal(await date.getAttribute('title'), 'year named in the text');
    assert.equal((await hit.locator('.hit-jurisdiction').textContent()).trim(), 'Law of Netherlands');
    // A date the indexer trusts (here the year in a speech's file name) reads plainly.
    const firm = page.locator('.hit', { hasText: 'NLD_70_2015.txt' }).locator('.hit-date');
    assert.doesNotMatch(await firm.textContent(), /about/);
    await hit.locator('.hit-title a').click();
    await page.locator('#doc-title').waitFor();
    const meta = page.locator('.doc-meta');
    assert.match(await meta.textContent(), /about .*2011 \(year named in the text\)/);
    assert.match(await meta.textContent(), /JurisdictionNetherlands/);
    await page.goBack();
    await waitForIdle();
  });

  // Issue 15: two editions of one statute (English and French), linked by
  // the indexer's own linking pass in before() (their numbers in order and
  // the bill's identifiers), as a reader's archive would be.
  test('"Also in" links editions; one hit per work shows the reader\'s language', async () => {
    const hits = (await (await page.request.get(base + '/api/search?country=CA&year=2005&per_page=100')).json()).hits;
    const en = hits.find((h) => /2005-c43_E\.XML$/.test(h.path));
    const fr = hits.find((h) => /2005-c43_F\.XML$/.test(h.path));
    assert.ok(en && fr, 'the 2005 statute in English and in French');
    const doc = await (await page.request.get(base + '/api/documents/' + en.id)).json();
    assert.deepEqual(doc.translations.map((t) => [t.id, t.language]), [[fr.id, 'fr']],
      'the indexer linked the English statute to its French edition');
    assert.deepEqual(doc.versions, []);

    await page.goto(base + '/?country=CA&year=2005&sort=newest');
    await waitForIdle();
    const englishHit = page.locator('.hit', { hasText: '2005-c43_E.XML' });
    const also = englishHit.locator('.hit-editions a');
    assert.equal(await also.count(), 1);
    assert.equal((await also.textContent()).trim(), 'FR');
    assert.match(await also.getAttribute('aria-label'), /^French edition: /);
    await also.click();
    await page.waitForFunction((id) => new URLSearchParams(location.search).get('doc') === id, fr.id);
    await page.locator('#doc-title').waitFor();
    const back = page.locator('.doc-editions a');
    assert.equal((await back.textContent()).trim(), 'EN');
    assert.equal(await back.getAttribute('lang'), 'en');
    await page.goBack();
    await waitForIdle();

    const documents = await shownTotal(page);
    await page.locator('#works').check();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('collapse') === 'work');
    await waitForIdle();
    assert.equal(await shownTotal(page), documents - 1, 'the two editions are one hit');
    assert.equal(await shownTotal(page),
      await apiTotal(page, base, 'country=CA&year=2005&collapse=work'));
    assert.equal(await page.locator('.hit', { hasText: '2005-c43_E.XML' }).count(), 1, 'English for English readers');
    assert.equal(await page.locator('.hit', { hasText: '2005-c43_F.XML' }).count(), 0);
    assert.match(await page.locator('#status').textContent(), /one hit per work, of \d+ documents/);
    // In French, the French edition stands for the work; a reload keeps it.
    await page.locator('#ui-lang').selectOption('fr');
    await waitForIdle();
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.locator('.hit', { hasText: '2005-c43_F.XML' }).waitFor();
    assert.equal(await page.locator('.hit', { hasText: '2005-c43_E.XML' }).count(), 0);
    await page.reload();
    await waitForIdle();
    assert.equal(await page.locator('#works').isChecked(), true);
    assert.equal(await page.locator('.hit', { hasText: '2005-c43_F.XML' }).count(), 1);
    await page.locator('#ui-lang').selectOption('en');
    await waitForIdle();
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
    assert.match(await banner.textContent(), /^The search could not be run\. That page of results does not exist/);
    assert.equal(await errorPage.locator('.hit').count(), 0);

    // Issue 14: a page past what the API allows says so in words and
    // offers the way back, which leads to results.
    await errorPage.goto(base + '/?q=children&page=9999');
    await banner.waitFor();
    assert.doesNotMatch(await banner.textContent(), /per_page|×/);
    await banner.locator('.error-back').click();
    await errorPage.waitForFunction(() => !new URLSearchParams(location.search).has('page'));
    await errorPage.locator('.hit').first().waitFor();
    assert.equal(await banner.isHidden(), true);

    // A page past the last result names the last page and links to it.
    await errorPage.goto(base + '/?page=30');
    await errorPage.locator('#status .way-back').waitFor();
    assert.match(await errorPage.locator('#page-info').textContent(), /^Past the last page \(\d+\)$/);
    await errorPage.locator('#status .way-back').click();
    await errorPage.locator('.hit').first().waitFor();

    // A query Xapian cannot parse is told in words, not in Xapian's.
    await errorPage.goto(base + '/?q=' + encodeURIComponent('a AND'));
    await banner.waitFor();
    assert.match(await banner.textContent(), /could not be read/);
    assert.doesNotMatch(await banner.textContent(), /Syntax|Xapian|q:/);

    await errorPage.goto(base + '/?q=children&doc=0000000000000000');
    await errorPage.locator('#doc-title').waitFor();
    assert.equal(await errorPage.locator('#doc-title').textContent(), 'Document not found');

    // A searchd whose index does not exist yet answers 503 unavailable.
    const waiting = await startSearchd(path.join(archive.tmp, 'no-index-yet'));
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

  testNoConsoleErrors(archive);
});
