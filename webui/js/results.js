// SPDX-License-Identifier: GPL-2.0-or-later
// The search view's results: the status line (with "Did you mean"), the
// hits, the pager, and what is shown when a search fails.

import * as api from './api.js';
import { appendSnippet, asArray, byId, clear, el, text } from './dom.js';
import { FOCUS_NONE, documentLink, navLink } from './links.js';
import { loadSimilar } from './similar.js';
import { activeFilterCount, withChanges } from './state.js';
import {
  UNTITLED, errorText, formatDate, formatNumber, plural, slugToWords,
} from './strings.js';

const MAX_PAGE_LINKS = 12;

// The query as the status line quotes it: in curly quotes, unless the
// user already typed it as one quoted phrase.
function appendQuotedQuery(parent, q) {
  const quoted = q.length > 1 && q.charAt(0) === '"' && q.charAt(q.length - 1) === '"';
  if (!quoted) parent.appendChild(text('\u201c'));
  parent.appendChild(el('span', 'status-query', q));
  if (!quoted) parent.appendChild(text('\u201d'));
}

function renderNoResults(s, state, q) {
  if (q) {
    s.appendChild(text('No documents match '));
    appendQuotedQuery(s, q);
    s.appendChild(text('. Try fewer words or remove a filter.'));
  } else if (activeFilterCount(state) > 0) {
    s.textContent = 'No documents match these filters. Try removing a filter.';
  } else {
    s.textContent = 'The archive has no documents yet.';
  }
}

// "Did you mean …?" from the index's spelling data, as a link that runs
// the corrected search with the same filters.
function appendSpelling(parent, state, suggestion) {
  if (typeof suggestion !== 'string' || !suggestion.trim()) return;
  const span = el('span', 'spelling');
  span.appendChild(text(' \u00b7 Did you mean '));
  span.appendChild(navLink(withChanges(state, { q: suggestion }), suggestion, 'spelling-link', FOCUS_NONE));
  span.appendChild(text('?'));
  parent.appendChild(span);
}

function renderStatus(state, data, total, page, perPage, shown) {
  const s = byId('status');
  clear(s);
  const q = state.q.trim();
  if (total === 0) {
    renderNoResults(s, state, q);
    return;
  }
  const count = formatNumber(total) + ' ' +
    (q ? plural(total, 'result', 'results') : plural(total, 'document', 'documents'));
  s.appendChild(el('strong', 'status-count', count));
  if (q) {
    s.appendChild(text(' for '));
    appendQuotedQuery(s, q);
  }
  if (shown > 0 && total > perPage) {
    const from = (page - 1) * perPage + 1;
    s.appendChild(el('span', 'status-sep', ' \u00b7 '));
    s.appendChild(text('showing ' + formatNumber(from) + '\u2013' + formatNumber(from + shown - 1)));
  }
  if (typeof data.took_ms === 'number' && isFinite(data.took_ms)) {
    s.appendChild(el('span', 'status-sep', ' \u00b7 '));
    const ms = data.took_ms < 10 ? data.took_ms.toFixed(1) : String(Math.round(data.took_ms));
    s.appendChild(el('span', 'status-time', ms + ' ms'));
  }
  if (shown === 0) s.appendChild(text('. This page is past the last result.'));
  appendSpelling(s, state, data.spelling_suggestion);
}

function hitMetaItems(hit) {
  const items = [];
  if (hit.type) items.push(el('span', 'hit-type', hit.type_name || hit.type));
  if (hit.language) items.push(el('span', 'hit-lang', hit.language_name || hit.language));
  if (hit.date) {
    const t = el('time', 'hit-date', formatDate(hit.date));
    if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(String(hit.date))) t.setAttribute('datetime', String(hit.date));
    items.push(t);
  } else if (hit.year && Number(hit.year) > 0) {
    items.push(el('span', 'hit-date', String(hit.year)));
  }
  const countries = asArray(hit.countries).filter((c) => c !== '' && c !== null);
  if (countries.length) {
    const names = asArray(hit.country_names);
    const shown = countries.map((c, i) => (typeof names[i] === 'string' && names[i] ? names[i] : c));
    items.push(el('span', 'hit-countries', shown.join(', ')));
  }
  if (typeof hit.pages === 'number' && hit.pages > 1) {
    items.push(el('span', 'hit-pages', formatNumber(hit.pages) + ' pages'));
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

// PDFs: the pages holding the query's words, each opening the file there.
function matchingPages(hit) {
  const pages = asArray(hit.matching_pages).filter((n) => typeof n === 'number' && n >= 1 && isFinite(n));
  if (!pages.length || typeof hit.pages !== 'number' || hit.pages <= 1 || !hit.id) return null;
  const p = el('p', 'hit-matching-pages');
  p.appendChild(text(pages.length === 1 ? 'Match on page ' : 'Matches on pages '));
  pages.slice(0, MAX_PAGE_LINKS).forEach((n, i) => {
    if (i > 0) p.appendChild(text(', '));
    const link = el('a', null, String(n));
    link.href = api.originalUrl(String(hit.id), n);
    p.appendChild(link);
  });
  if (pages.length > MAX_PAGE_LINKS) p.appendChild(text(' and ' + (pages.length - MAX_PAGE_LINKS) + ' more'));
  return p;
}

// Under each hit: the original file, and documents like it (loaded on demand).
function hitActions(id) {
  const row = el('p', 'hit-actions');
  const original = el('a', 'hit-original', 'Original file');
  original.href = api.originalUrl(id);
  row.appendChild(original);
  row.appendChild(el('span', 'sep', ' \u00b7 '));
  const button = el('button', 'link-button hit-similar-toggle', 'Similar documents');
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
  const h = el('h2', 'hit-title');
  const title = hit.title && String(hit.title).trim() ? String(hit.title) : UNTITLED;
  const hasId = hit.id !== undefined && hit.id !== null && hit.id !== '';
  if (hasId) h.appendChild(documentLink(String(hit.id), title));
  else h.textContent = title;
  art.appendChild(h);
  const meta = hitMeta(hit);
  if (meta.firstChild) art.appendChild(meta);
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
    ul.setAttribute('aria-label', 'Topics');
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
  byId('page-info').textContent = 'Page ' + formatNumber(page) + ' of ' + formatNumber(totalPages);
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

// The error banner: what went wrong in words for people, and the API's
// error code (or the client's, api.js) in data-code. null hides it.
export function showError(err) {
  const banner = byId('error');
  clear(banner);
  if (!err) {
    banner.hidden = true;
    delete banner.dataset.code;
    return;
  }
  banner.dataset.code = err.code;
  banner.appendChild(el('strong', 'error-title', 'Search failed.'));
  banner.appendChild(text(' '));
  banner.appendChild(el('span', 'error-message', errorText(err)));
  banner.hidden = false;
}

export function renderFailure(err) {
  showError(err);
  clear(byId('hits'));
  byId('status').textContent = '';
  byId('pager').hidden = true;
  byId('result-actions').hidden = true;
}
