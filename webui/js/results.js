// SPDX-License-Identifier: GPL-2.0-or-later
// The search view's results: the status line (with "Did you mean"), the
// hits, the pager, and what is shown when a search fails (in words, with
// the way back).

import * as api from './api.js';
import { appendSnippet, asArray, byId, clear, el, text } from './dom.js';
import { FOCUS_NONE, FOCUS_RESULTS, documentLink, navLink } from './links.js';
import { editionsLine } from './editions.js';
import { loadSimilar } from './similar.js';
import { activeFilterCount, cloneState, readState, withChanges, withoutFilters } from './state.js';
import { errorText, formatDate, formatNumber, slugToWords, t, tn } from './strings.js';

const MAX_PAGE_LINKS = 12;
const TITLE_CHARS = 140;

// The query as the status line quotes it: in quotes, unless the user
// already typed it as one quoted phrase.
function quotedQuery(q) {
  const quoted = q.length > 1 && q.charAt(0) === '"' && q.charAt(q.length - 1) === '"';
  return quoted ? q : t('quote.open') + q + t('quote.close');
}

// "Did you mean …?" from the index's spelling data, as a link that runs
// the corrected search with the same filters; `separated` after the
// status line's figures, set off from them as they are from each other.
function appendSpelling(parent, state, suggestion, separated = false) {
  if (typeof suggestion !== 'string' || !suggestion.trim() || suggestion === state.q) return;
  if (separated) parent.appendChild(el('span', 'status-sep', ' \u00b7 '));
  const span = el('span', 'spelling');
  span.appendChild(text((separated ? '' : ' ') + t('spelling.before')));
  span.appendChild(navLink(withChanges(state, { q: suggestion }), suggestion, 'spelling-link', FOCUS_NONE));
  span.appendChild(text(t('spelling.after')));
  parent.appendChild(span);
}

function renderNoResults(s, state, q, data) {
  if (q) s.appendChild(text(t('results.none.query', { query: quotedQuery(q) })));
  else if (activeFilterCount(state) > 0) s.appendChild(text(t('results.none.filters')));
  else s.appendChild(text(t('results.none.archive')));
  appendSpelling(s, state, data.spelling_suggestion);
  if (q || activeFilterCount(state)) {
    s.appendChild(text(' '));
    if (activeFilterCount(state) > 0) {
      s.appendChild(navLink(withoutFilters(state), t('results.remove-filters'), 'way-back', FOCUS_RESULTS));
    } else {
      s.appendChild(text(t('results.fewer-words')));
    }
  }
}

function renderStatus(state, data, total, page, perPage, shown) {
  const s = byId('status');
  clear(s);
  const q = state.q.trim();
  if (total === 0) {
    renderNoResults(s, state, q, data);
    return;
  }
  s.appendChild(el('strong', 'status-count', tn(q ? 'count.results' : 'count.documents', total)));
  // One hit per work: the total counts works; say how many documents they hold.
  if (data.collapse === 'work' && typeof data.total_documents === 'number' &&
      data.total_documents > total) {
    s.appendChild(text(' ' + tn('results.works-of', data.total_documents)));
  }
  if (q) s.appendChild(text(' ' + t('results.for', { query: quotedQuery(q) })));
  if (shown > 0 && total > perPage) {
    const from = (page - 1) * perPage + 1;
    s.appendChild(el('span', 'status-sep', ' \u00b7 '));
    s.appendChild(text(t('results.showing', { from, to: from + shown - 1 })));
  }
  if (typeof data.took_ms === 'number' && isFinite(data.took_ms)) {
    s.appendChild(el('span', 'status-sep', ' \u00b7 '));
    const ms = data.took_ms < 10 ? data.took_ms.toFixed(1) : String(Math.round(data.took_ms));
    s.appendChild(el('span', 'status-time', ms + '\u00a0ms'));
  }
  if (shown === 0) {
    const last = Math.max(1, Math.ceil(total / perPage));
    const back = cloneState(state);
    back.page = last;
    s.appendChild(text(' ' + t('results.past-end') + ' '));
    s.appendChild(navLink(back, t('results.last-page', { n: last }), 'way-back', FOCUS_RESULTS));
  }
  appendSpelling(s, state, data.spelling_suggestion, /* separated= */ true);
}

// A title as a hit shows it: whole, or cut at a word before TITLE_CHARS
// (titles taken from a document's first sentence can run to paragraphs).
export function shortTitle(title) {
  const s = String(title).replace(/\s+/g, ' ').trim();
  if (s.length <= TITLE_CHARS) return s;
  const cut = s.slice(0, TITLE_CHARS);
  const space = cut.lastIndexOf(' ');
  return (space > TITLE_CHARS * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.\u2013\u2014-]+$/, '') + '\u2026';
}

// A date as known: the day, the month or the year. `weak` (the API's
// date_weak: a year the text names, nothing saying it is the document's)
// reads "about 2009", with why in its title.
export function dateNode(className, date, year, weak) {
  let node = null;
  if (date) {
    node = el('time', className, formatDate(date));
    if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(String(date))) node.setAttribute('datetime', String(date));
  } else if (year && Number(year) > 0) {
    node = el('time', className, String(year));
    node.setAttribute('datetime', String(year));
  }
  if (node && weak) {
    node.textContent = t('date.about', { date: node.textContent });
    node.classList.add('is-weak');
    node.title = t('date.weak');
  }
  return node;
}

function hitMetaItems(hit) {
  const items = [];
  if (hit.type) items.push(el('span', 'hit-type', hit.type_name || hit.type));
  if (hit.language) {
    items.push(el('span', 'hit-lang', hit.language === 'und' ? t('language.und')
      : hit.language_name || hit.language));
  }
  const date = dateNode('hit-date', hit.date, hit.year, hit.date_weak === true);
  if (date) items.push(date);
  if (typeof hit.jurisdiction === 'string' && hit.jurisdiction) {
    items.push(el('span', 'hit-jurisdiction', t('hit.jurisdiction',
      { country: hit.jurisdiction_name || hit.jurisdiction })));
  }
  const countries = asArray(hit.countries).filter((c) => c !== '' && c !== null);
  if (countries.length) {
    const names = asArray(hit.country_names);
    const shown = countries.map((c, i) => (typeof names[i] === 'string' && names[i] ? names[i] : c));
    items.push(el('span', 'hit-countries', shown.join(', ')));
  }
  if (typeof hit.pages === 'number' && hit.pages > 1) {
    items.push(el('span', 'hit-pages', tn('count.pages', hit.pages)));
  }
  return items;
}

function hitMeta(hit) {
  const meta = el('p', 'hit-meta');
  const items = hitMetaItems(hit);
  items.forEach((node, i) => {
    if (i > 0) meta.appendChild(el('span', 'sep', ' \u00b7 '));
    meta.appendChild(node);
  });
  if (hit.path) {
    if (items.length) meta.appendChild(el('span', 'sep', ' \u00b7 '));
    meta.appendChild(el('code', 'hit-path', hit.path));
  }
  return meta;
}

// PDFs: the pages holding the query's words, each opening the document
// view at that page.
function matchingPages(hit) {
  const pages = asArray(hit.matching_pages).filter((n) => typeof n === 'number' && n >= 1 && isFinite(n));
  if (!pages.length || typeof hit.pages !== 'number' || hit.pages <= 1 || !hit.id) return null;
  const p = el('p', 'hit-matching-pages');
  p.appendChild(text(pages.length === 1 ? t('hit.match-page') : t('hit.match-pages')));
  pages.slice(0, MAX_PAGE_LINKS).forEach((n, i) => {
    if (i > 0) p.appendChild(text(', '));
    const link = el('a', null, String(n));
    link.href = api.originalUrl(String(hit.id), n);
    link.setAttribute('aria-label', t('hit.page-in-original', { n }));
    p.appendChild(link);
  });
  if (pages.length > MAX_PAGE_LINKS) {
    p.appendChild(text(' ' + t('hit.more-pages', { n: pages.length - MAX_PAGE_LINKS })));
  }
  return p;
}

// Under each hit: the original file, and documents like it (loaded on demand).
function hitActions(id) {
  const row = el('p', 'hit-actions');
  const original = el('a', 'hit-original', t('hit.original'));
  original.href = api.originalUrl(id);
  row.appendChild(original);
  row.appendChild(el('span', 'sep', ' \u00b7 '));
  const button = el('button', 'link-button hit-similar-toggle', t('hit.similar'));
  button.type = 'button';
  button.setAttribute('aria-expanded', 'false');
  const box = el('div', 'hit-similar');
  box.id = 'similar-' + id;
  box.hidden = true;
  button.setAttribute('aria-controls', box.id);
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    box.hidden = !open;
    if (open && !box.firstChild) loadSimilar(id, box);
  });
  row.appendChild(button);
  const holder = el('div', 'hit-footer');
  holder.appendChild(row);
  holder.appendChild(box);
  return holder;
}

function renderHit(hit) {
  const art = el('article', 'hit');
  const h = el('h3', 'hit-title');
  const full = hit.title && String(hit.title).trim() ? String(hit.title) : t('doc.untitled');
  const title = shortTitle(full);
  const hasId = hit.id !== undefined && hit.id !== null && hit.id !== '';
  if (hasId) h.appendChild(documentLink(String(hit.id), title));
  else h.textContent = title;
  if (title !== full.replace(/\s+/g, ' ').trim()) h.title = full;
  art.appendChild(h);
  const meta = hitMeta(hit);
  if (meta.firstChild) art.appendChild(meta);
  const editions = editionsLine(hit, 'hit-editions');
  if (editions) art.appendChild(editions);
  if (hit.snippet) {
    const p = el('p', 'hit-snippet');
    appendSnippet(p, hit.snippet);
    art.appendChild(p);
  }
  const pages = matchingPages(hit);
  if (pages) art.appendChild(pages);
  const topics = asArray(hit.topics).filter((x) => x !== '' && x !== null);
  if (topics.length) {
    const ul = el('ul', 'hit-topics');
    ul.setAttribute('aria-label', t('hit.topics'));
    for (const topic of topics) ul.appendChild(el('li', 'tag', slugToWords(topic)));
    art.appendChild(ul);
  }
  if (hasId) art.appendChild(hitActions(String(hit.id)));
  return art;
}

function renderHits(hits) {
  const container = byId('hits');
  clear(container);
  const frag = document.createDocumentFragment();
  for (const hit of hits) {
    if (hit && typeof hit === 'object') frag.appendChild(renderHit(hit));
  }
  container.appendChild(frag);
}

function renderPager(page, totalPages, total) {
  const pager = byId('pager');
  if (total === 0) {
    pager.hidden = true;
    return;
  }
  pager.hidden = totalPages <= 1 && page <= 1;
  byId('page-info').textContent = page > totalPages
    ? t('pager.past', { last: totalPages }) : t('pager.info', { page, pages: totalPages });
  byId('prev').disabled = page <= 1;
  byId('next').disabled = page >= totalPages;
}

// Shows one answer of /api/search.
export function renderResults(state, data) {
  const total = typeof data.total === 'number' ? data.total : 0;
  const hits = Array.isArray(data.hits) ? data.hits : [];
  const page = typeof data.page === 'number' && data.page >= 1 ? data.page : state.page;
  const perPage = typeof data.per_page === 'number' && data.per_page >= 1 ? data.per_page : state.perPage;
  renderStatus(state, data, total, page, perPage, hits.length);
  byId('result-actions').hidden = total === 0;
  renderHits(hits);
  renderPager(page, Math.max(1, Math.ceil(total / perPage)), total);
}

// The error banner: what went wrong in words for people, the way back (a
// link to the search without what was wrong), and the API's error code
// (or the client's, api.js) in data-code. null hides it.
export function showError(err, state) {
  const banner = byId('error');
  clear(banner);
  if (!err) {
    banner.hidden = true;
    delete banner.dataset.code;
    return;
  }
  banner.dataset.code = err.code;
  banner.appendChild(el('strong', 'error-title', t('error.title')));
  banner.appendChild(text(' '));
  banner.appendChild(el('span', 'error-message', errorText(err)));
  if (state && err.code === 'invalid_argument') {
    const message = String(err.message || '');
    let back = null;
    let label = '';
    if (/^(page|per_page)\b/.test(message)) {
      back = withChanges(state, {});
      back.perPage = readState('').perPage;
      label = t('error.back.first-page');
    } else if (/^q\b/.test(message)) {
      back = withChanges(state, { q: '' });
      label = t('error.back.no-query');
    } else {
      back = withoutFilters(state);
      label = t('error.back.no-filters');
    }
    banner.appendChild(text(' '));
    banner.appendChild(navLink(back, label, 'error-back', FOCUS_RESULTS));
  }
  banner.hidden = false;
}

export function renderFailure(err, state) {
  showError(err, state);
  clear(byId('hits'));
  byId('status').textContent = '';
  byId('pager').hidden = true;
  byId('result-actions').hidden = true;
}
