// SPDX-License-Identifier: GPL-2.0-or-later
// What the browser test files share: the binaries and source tree ctest
// names (tests/CMakeLists.txt), searchd started on a free loopback port,
// Debian's chromium through playwright-core, and the sample archive —
// corpus/ plus tests/browser/data/archive indexed by the real
// archivist-index into a temporary folder, served by the real searchd and
// opened in a page that keeps its console errors, CSP violations and
// dialogs for the file's last check.
//
// Each *.test.mjs file opens an archive of its own, so that ctest runs the
// files side by side and a failure in one view leaves the others' state
// alone. Run one by hand: node --test tests/browser/FILE.test.mjs, with
// ARCHIVIST_INDEX_BIN, ARCHIVIST_SEARCHD_BIN and ARCHIVIST_SOURCE_DIR set.
import { after, before, test } from 'node:test';
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

export const INDEX_BIN = requiredEnv('ARCHIVIST_INDEX_BIN');
export const SEARCHD_BIN = requiredEnv('ARCHIVIST_SEARCHD_BIN');
export const SOURCE_DIR = requiredEnv('ARCHIVIST_SOURCE_DIR');
export const CHROMIUM = process.env.ARCHIVIST_CHROMIUM || '/usr/bin/chromium';
export const WEBUI = path.join(SOURCE_DIR, 'webui');
const AXE = path.join(SOURCE_DIR, 'tests/browser/node_modules/axe-core/axe.min.js');

export let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  throw new Error('playwright-core is missing: run tools/install-deps (npm ci in tests/browser)');
}

// Indexes `folders` into `db` with the real indexer; fails the caller's
// setup with the indexer's own words when it does not exit 0.
export function indexInto(db, folders) {
  const indexed = spawnSync(INDEX_BIN, ['--db', db, ...folders], { encoding: 'utf8', timeout: 240000 });
  assert.equal(indexed.status, 0, `archivist-index failed:\n${indexed.stderr}`);
}

// Starts searchd over `db` (with `extraArgs`, e.g. a token file) on a free
// port and resolves with its base URL once it prints "listening on
// http://HOST:PORT".
export function startSearchd(db, extraArgs = []) {
  const child = spawn(SEARCHD_BIN, ['--db', db, '--listen', '127.0.0.1:0', '--webui', WEBUI,
    ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
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
export async function shownTotal(page) {
  const text = await page.locator('#status').textContent();
  if (/^No documents match/.test(text)) return 0;
  const m = /^([\d,]+) (results?|documents?)/.exec(text);
  assert.ok(m, `status line without a total: ${text}`);
  return Number(m[1].replace(/,/g, ''));
}

export function searchParams(page) {
  return new URL(page.url()).searchParams;
}

// The API's own total for a page URL's search (its query string as is).
export async function apiTotal(page, base, query) {
  const resp = await page.request.get(base + '/api/search?' + query);
  assert.equal(resp.status(), 200, query);
  return (await resp.json()).total;
}

// axe-core's WCAG 2.1 A and AA rules on the page as it is. axe is evaluated
// through the devtools protocol, which the page's CSP does not govern.
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(fs.readFileSync(AXE, 'utf8'));
  }
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  });
}

// The sample archive indexed, served and open at its first view in a
// 1280 × 1000 page before the calling describe()'s tests, and stopped and
// removed after them. Its searchFor() and waitForIdle() can be taken at
// once; page, base, browser and tmp are set once its before() has run.
export function useArchive() {
  const archive = { consoleErrors: [], cspViolations: [], dialogs: [] };

  // Runs a search from the search box and waits until its results are shown.
  archive.searchFor = async (q) => {
    await archive.page.locator('#q').fill(q);
    await archive.page.locator('#q').press('Enter');
    await archive.page.waitForFunction((expected) => {
      const params = new URLSearchParams(location.search);
      const results = document.getElementById('results');
      return (params.get('q') || '') === expected && results.getAttribute('aria-busy') === 'false' &&
        document.getElementById('status').textContent !== '' &&
        document.getElementById('map').dataset.ready === 'true';
    }, q);
  };
  // The search view is drawn: results, and the map when it is open
  // (#map's data-ready is set once the answer is fully drawn).
  archive.waitForIdle = () => archive.page.waitForFunction(() =>
    document.getElementById('results').getAttribute('aria-busy') === 'false' &&
    document.getElementById('map').dataset.ready === 'true');

  before(async () => {
    archive.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archivist-browser-'));
    await open(archive);
  });
  // Whatever was started, even when a step of the setup failed.
  after(async () => {
    if (archive.browser) await archive.browser.close();
    if (archive.searchd) archive.searchd.kill('SIGTERM');
    if (archive.tmp) fs.rmSync(archive.tmp, { recursive: true, force: true });
  });
  return archive;
}

async function open(archive) {
  const db = path.join(archive.tmp, 'index');
  indexInto(db, [path.join(SOURCE_DIR, 'corpus'), path.join(SOURCE_DIR, 'tests/browser/data/archive')]);
  const searchd = await startSearchd(db);
  archive.searchd = searchd.child;
  archive.base = searchd.base;

  archive.browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const page = await archive.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  archive.page = page;
  // Violations of the page's CSP, reported by every document the page loads.
  await page.exposeFunction('reportCspViolation', (v) => archive.cspViolations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.reportCspViolation(`${e.violatedDirective}: ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') archive.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => archive.consoleErrors.push(String(err)));
  page.on('dialog', async (dialog) => {
    archive.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(archive.base + '/');
  await page.waitForFunction(() => /documents?/.test(document.getElementById('status').textContent));
}

// A file's last test: nothing its page did logged an error or broke the CSP.
export function testNoConsoleErrors(archive) {
  test('no console errors and no CSP violations during the run', () => {
    assert.deepEqual(archive.cspViolations, []);
    assert.deepEqual(archive.consoleErrors, []);
  });
}
