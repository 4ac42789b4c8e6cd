// SPDX-License-Identifier: GPL-2.0-or-later
// The document view: a document's metadata, links to searches for its
// countries and topics, its text page by page with the search's words
// marked, and documents like it.

import * as api from './api.js';
import { appendMarked, asArray, byId, clear, el, text } from './dom.js';
import { FOCUS_NONE, FOCUS_RESULTS, navLink } from './links.js';
import { loadSimilar } from './similar.js';
import { activeFilterCount, cloneState, readState } from './state.js';
import {
  DATE_SOURCES, FORMAT_NAMES, LANGUAGE_SOURCES, UNTITLED, errorText, formatDate, formatNumber,
  formatSize, slugToWords,
} from './strings.js';

function backLink(state) {
  const back = cloneState(state);
  back.doc = '';
  const label = back.q || activeFilterCount(back) ? '\u2190 Back to results' : '\u2190 All documents';
  const p = el('p', 'doc-back-row');
  p.appendChild(navLink(back, label, 'doc-back', FOCUS_NONE));
  return p;
}

// A link to a search of the whole archive for one facet value, e.g. every
// document on one country: where a journalist goes from a document.
function facetSearchLink(key, value, label) {
  const s = readState('');
  s.filters[key] = [value];
  const a = navLink(s, label, 'doc-facet-link', FOCUS_RESULTS);
  a.title = 'Every document with this ' + (key === 'country' ? 'country' : 'topic');
  return a;
}

function appendField(dl, term, value) {
  if (value === null || value === undefined || value === '') return;
  dl.appendChild(el('dt', null, term));
  const dd = el('dd');
  if (typeof value === 'string') dd.textContent = value;
  else dd.appendChild(value);
  dl.appendChild(dd);
}

function linkList(links) {
  const span = el('span', 'doc-links');
  links.forEach((link, i) => {
    if (i > 0) span.appendChild(text(', '));
    span.appendChild(link);
  });
  return span;
}

function dateField(doc) {
  if (!doc.date) return 'Undated';
  const node = el('span');
  const t = el('time', null, formatDate(doc.date));
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(String(doc.date))) t.setAttribute('datetime', String(doc.date));
  node.appendChild(t);
  const source = DATE_SOURCES[doc.date_source];
  if (source) node.appendChild(el('span', 'doc-source', ' (' + source + ')'));
  return node;
}

function metadata(doc) {
  const dl = el('dl', 'doc-meta');
  appendField(dl, 'Type', doc.type ? doc.type_name || doc.type : '');
  if (doc.language) {
    const name = doc.language_name || doc.language;
    const source = LANGUAGE_SOURCES[doc.language_source];
    appendField(dl, 'Language', source ? name + ' (' + source + ')' : name);
  }
  appendField(dl, 'Date', dateField(doc));
  const countries = asArray(doc.countries).filter((c) => typeof c === 'string' && c);
  if (countries.length) {
    const names = asArray(doc.country_names);
    const links = countries.map((c, i) =>
      facetSearchLink('country', c, typeof names[i] === 'string' && names[i] ? names[i] : c));
    appendField(dl, countries.length === 1 ? 'Country' : 'Countries', linkList(links));
  }
  const topics = asArray(doc.topics).filter((x) => typeof x === 'string' && x);
  if (topics.length) {
    const links = topics.map((t) => facetSearchLink('topic', t, slugToWords(t)));
    appendField(dl, topics.length === 1 ? 'Topic' : 'Topics', linkList(links));
  }
  const file = [];
  if (doc.format) file.push(FORMAT_NAMES[doc.format] || String(doc.format));
  if (typeof doc.pages === 'number' && doc.pages > 1) file.push(formatNumber(doc.pages) + ' pages');
  if (typeof doc.size === 'number') file.push(formatSize(doc.size));
  appendField(dl, 'File', file.join(', '));
  if (doc.path) appendField(dl, 'Path', el('code', 'doc-path', doc.path));
  return dl;
}

// A regular expression for the plain words of a search (operators, field
// prefixes and short words left out), matching at the start of words so
// "report" also marks "reports"; null when there is nothing to mark.
function queryMatcher(q) {
  const words = String(q || '').toLowerCase().split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && !['and', 'not', 'near', 'xor'].includes(w));
  if (!words.length) return null;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp('(?<![\\p{L}\\p{N}])(' + escaped.join('|') + ')', 'giu');
}

// Extracted text keeps the file's blank lines; runs of them are noise on screen.
function pageTexts(doc) {
  return asArray(doc.page_texts).map((t) => (typeof t === 'string'
    ? t.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim() : ''));
}

function pageHeading(doc, id, n, isPdf) {
  const head = el('h3', 'doc-page-title');
  const anchor = el('a', 'doc-page-anchor', 'Page ' + n);
  anchor.href = '#page-' + n;
  head.appendChild(anchor);
  const language = asArray(doc.page_languages)[n - 1];
  if (typeof language === 'string' && language && language !== doc.language) {
    const name = asArray(doc.page_language_names)[n - 1];
    head.appendChild(el('span', 'doc-page-lang', ' \u00b7 ' + (name || language)));
  }
  if (isPdf) {
    head.appendChild(el('span', 'sep', ' \u00b7 '));
    const inPdf = el('a', 'doc-page-pdf', 'open page ' + n + ' in the PDF');
    inPdf.href = api.originalUrl(id, n);
    head.appendChild(inPdf);
  }
  return head;
}

// The text, one section per page with an anchor (#page-N); for PDFs each
// page also links to that page of the original. Words of the search are
// marked, and the pages holding them are flagged in the page list.
function documentText(doc, id, isPdf, q) {
  const texts = pageTexts(doc);
  const section = el('section', 'doc-text');
  section.setAttribute('aria-labelledby', 'doc-text-heading');
  const th = el('h2', 'doc-section-title', texts.length > 1 ? 'Text, page by page' : 'Text');
  th.id = 'doc-text-heading';
  section.appendChild(th);
  if (!texts.length || texts.every((t) => !t.trim())) {
    section.appendChild(el('p', 'doc-empty', 'No text could be extracted from this file.'));
    return section;
  }
  const matcher = queryMatcher(q);
  const nav = texts.length > 1 ? el('nav', 'doc-pages-nav') : null;
  if (nav) {
    nav.setAttribute('aria-label', 'Pages');
    section.appendChild(nav);
  }
  texts.forEach((pageText, i) => {
    const n = i + 1;
    const page = el('section', 'doc-page');
    page.id = 'page-' + n;
    const body = el('div', 'doc-page-text');
    const marked = appendMarked(body, pageText, matcher);
    // One page: no page heading, but #page-1 still names it.
    if (nav) page.appendChild(pageHeading(doc, id, n, isPdf));
    page.appendChild(body);
    section.appendChild(page);
    if (!nav) return;
    const link = el('a', marked ? 'doc-page-link has-match' : 'doc-page-link', String(n));
    link.href = '#page-' + n;
    if (marked) link.title = 'Page ' + n + ' holds words of the search';
    nav.appendChild(link);
    nav.appendChild(text(' '));
  });
  return section;
}

function similarAside() {
  const aside = el('aside', 'doc-similar');
  aside.setAttribute('aria-labelledby', 'doc-similar-heading');
  const heading = el('h2', 'doc-section-title', 'Similar documents');
  heading.id = 'doc-similar-heading';
  aside.appendChild(heading);
  const box = el('div', 'doc-similar-list');
  aside.appendChild(box);
  return { aside, box };
}

function title(h) {
  h.id = 'doc-title';
  document.title = h.textContent + ' \u2013 Archivist';
  return h;
}

export function renderDocumentLoading(state) {
  const view = byId('doc-view');
  clear(view);
  view.appendChild(backLink(state));
  view.appendChild(el('p', 'doc-loading', 'Loading the document\u2026'));
}

// Shows an answer of /api/documents/{id}. opts.focusDocument moves the
// focus to the view; a #page-N in the URL scrolls to that page instead.
export function renderDocument(state, doc, opts) {
  const id = String(doc.id || state.doc);
  const isPdf = doc.format === 'pdf';
  const view = byId('doc-view');
  clear(view);
  view.appendChild(backLink(state));
  view.appendChild(title(el('h1', 'doc-title', doc.title && String(doc.title).trim()
    ? String(doc.title) : UNTITLED)));
  const columns = el('div', 'doc-columns');
  const main = el('div', 'doc-main');
  columns.appendChild(main);
  view.appendChild(columns);
  main.appendChild(metadata(doc));
  const actions = el('p', 'doc-actions');
  const original = el('a', 'btn doc-original', 'Open the original file');
  original.href = api.originalUrl(id);
  actions.appendChild(original);
  main.appendChild(actions);
  main.appendChild(documentText(doc, id, isPdf, state.q));
  const similar = similarAside();
  columns.appendChild(similar.aside);
  loadSimilar(id, similar.box);

  const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (target) {
    target.scrollIntoView();
  } else if (opts.focusDocument) {
    window.scrollTo(0, 0);
    view.focus({ preventScroll: true });
  }
}

export function renderDocumentError(state, err) {
  const view = byId('doc-view');
  clear(view);
  view.appendChild(backLink(state));
  const missing = err.code === 'not_found';
  view.appendChild(title(el('h1', 'doc-title', missing ? 'Document not found' : 'Could not open the document')));
  view.appendChild(el('p', 'doc-error', missing
    ? 'The archive holds no document with this id. It may have been removed since the link was made.'
    : errorText(err)));
  view.focus({ preventScroll: true });
}
