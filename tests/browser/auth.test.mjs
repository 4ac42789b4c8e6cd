// SPDX-License-Identifier: GPL-2.0-or-later
// The web UI's access-token prompt (webui/js/auth.js) in a real browser:
// Debian's chromium, driven by playwright-core, against the real
// archivist-searchd started with --token-file over an index the real
// archivist-index builds from corpus/. Each test is a new browser context,
// that is a new browser session: no token kept from another test.
//
// ctest passes ARCHIVIST_INDEX_BIN, ARCHIVIST_SEARCHD_BIN and
// ARCHIVIST_SOURCE_DIR (tests/CMakeLists.txt). Run by hand:
// node --test tests/browser/auth.test.mjs, with those three set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, SOURCE_DIR, chromium, indexInto, startSearchd } from './harness.mjs';

// What the page asks (webui/js/auth.js).
const PROMPT = /This archive is protected\. Its access token:/;

describe('access token prompt in chromium', () => {
  let tmp;
  let searchd;
  let base;
  let browser;
  let token;
  const contexts = [];

  // A new session whose prompts are answered with `answer` (null: the
  // reader cancels), every prompt's text kept in `dialogs`.
  async function newSession(answer) {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const dialogs = [];
    const pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    page.on('dialog', async (dialog) => {
      dialogs.push({ type: dialog.type(), message: dialog.message() });
      if (answer === null) await dialog.dismiss();
      else await dialog.accept(answer);
    });
    return { context, page, dialogs, pageErrors };
  }

  // The search view once it has settled: the results drawn, or the error shown.
  async function settled(page) {
    await page.waitForFunction(() => {
      const error = document.getElementById('error');
      const status = document.getElementById('status').textContent;
      return (!error.hidden && error.dataset.code) || /documents?|results?/.test(status);
    });
  }

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archivist-browser-auth-'));
    const db = path.join(tmp, 'index');
    indexInto(db, [path.join(SOURCE_DIR, 'corpus')]);
    token = crypto.randomBytes(24).toString('hex');
    const tokenFile = path.join(tmp, 'token');
    fs.writeFileSync(tokenFile, token + '\n', { mode: 0o600 });
    ({ child: searchd, base } = await startSearchd(db, ['--token-file', tokenFile]));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  after(async () => {
    for (const context of contexts) await context.close();
    if (browser) await browser.close();
    if (searchd) searchd.kill('SIGTERM');
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the API refuses a request without the token', async () => {
    const { page } = await newSession(null);
    const resp = await page.request.get(base + '/api/search?q=children');
    assert.equal(resp.status(), 401);
    assert.equal((await resp.json()).error.code, 'unauthorized');
    const authorized = await page.request.get(base + '/api/search?q=children',
      { headers: { Authorization: 'Bearer ' + token } });
    assert.equal(authorized.status(), 200);
  });

  test('cancelling the prompt shows the refusal, asked once, and keeps nothing', async () => {
    const { page, dialogs, pageErrors } = await newSession(null);
    await page.goto(base + '/?q=children');
    await settled(page);
    assert.equal(await page.locator('#error').getAttribute('data-code'), 'unauthorized');
    assert.equal(await page.locator('.hit').count(), 0);
    // The page's first requests are refused together: one prompt for them all.
    assert.equal(dialogs.length, 1, JSON.stringify(dialogs));
    assert.equal(dialogs[0].type, 'prompt');
    assert.match(dialogs[0].message, PROMPT);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('archivist_token')), null);
    assert.deepEqual(pageErrors, []);
  });

  test('a wrong token is tried once and the refusal shown, with no prompt loop', async () => {
    const { page, dialogs } = await newSession('not-the-token-' + crypto.randomBytes(8).toString('hex'));
    await page.goto(base + '/?q=children');
    await settled(page);
    assert.equal(await page.locator('#error').getAttribute('data-code'), 'unauthorized');
    assert.equal(await page.locator('.hit').count(), 0);
    // Each request refused asks at most once: the page's first view makes
    // a handful, never a prompt after every answer.
    assert.ok(dialogs.length >= 1 && dialogs.length <= 3, JSON.stringify(dialogs));
  });

  test('the right token shows the results, is kept for the session and opens originals', async () => {
    const { context, page, dialogs, pageErrors } = await newSession(token);
    await page.goto(base + '/?q=children');
    await settled(page);
    assert.equal(await page.locator('#error').isHidden(), true);
    assert.ok(await page.locator('.hit').count() > 0, 'no hits after the token was given');
    assert.equal(dialogs.length, 1, JSON.stringify(dialogs));
    assert.equal(await page.evaluate(() => sessionStorage.getItem('archivist_token')), token);
    const cookie = (await context.cookies(base)).find((c) => c.name === 'archivist_token');
    assert.ok(cookie, 'no archivist_token cookie');
    assert.equal(cookie.value, token);
    assert.equal(cookie.sameSite, 'Strict');

    // Another search in the same session: no new prompt.
    await page.goto(base + '/?q=grooming');
    await settled(page);
    assert.ok(await page.locator('.hit').count() > 0);
    assert.equal(dialogs.length, 1, JSON.stringify(dialogs));

    // A link to an original file carries no header: the session's cookie opens it.
    const answer = await page.request.get(base + '/api/search?q=grooming',
      { headers: { Authorization: 'Bearer ' + token } });
    const id = (await answer.json()).hits[0].id;
    const original = await page.goto(base + '/api/documents/' + encodeURIComponent(id) + '/original');
    assert.equal(original.status(), 200);
    assert.deepEqual(pageErrors, []);

    // Another session has neither: the original is refused there.
    const { page: stranger } = await newSession(null);
    const refused = await stranger.request.get(base + '/api/documents/' + encodeURIComponent(id) + '/original');
    assert.equal(refused.status(), 401);
  });
});
