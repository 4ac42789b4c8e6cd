// SPDX-License-Identifier: GPL-2.0-or-later
// The document view: a document's metadata, links to searches for its
// countries and topics, its text page by page with the search's words
// marked, and documents like it.
//
// Long documents (a 300-page report) are drawn on demand: every page gets
// its heading at once, its text only when it comes near the screen or is
// jumped to; the pages holding the search's words are listed first, and
// "next match" / "previous match" walk through them.

import * as api from './api.js';
import { appendMarked, asArray, byId, clear, el, foldWithMap, text } from './dom.js';
import { FOCUS_NONE, FOCUS_RESULTS, navLink } from './links.js';
import { dateNode, shortTitle } from './results.js';
import { editionsLine } from './editions.js';
import { loadSimilar } from './similar.js';
import { activeFilterCount, cloneState, readState } from './state.js';
import { errorText, formatNumber, formatSize, slugToWords, t, tn } from './strings.js';

const FORMAT_NAMES = {
  pdf: 'PDF', html: 'HTML', xml: 'XML', text: 'Text', csv: 'CSV', png: 'PNG', jpeg: 'JPEG', tiff: 'TIFF',
};

// The pages whose text was read by OCR (a scan's), as a set of numbers.
function ocrPages(doc) {
  return new Set(asArray(doc.ocr_pages).filter((n) => Number.isInteger(n) && n > 0));
}

// "Text from OCR, confidence 91%": a reader weighs a scan's text (and its
// misreadings) knowing where it came from.
function ocrField(doc) {
  const pages = ocrPages(doc);
  if (!pages.size) return '';
  const confidence = Number.isInteger(doc.ocr_confidence) ? doc.ocr_confidence : 0;
  const all = typeof doc.pages !== 'number' || pages.size >= doc.pages;
  return all ? t('doc.ocr', { n: confidence })
    : t('doc.ocr-some', { count: formatNumber(pages.size), n: confidence });
}

function backLink(state) {
  const back = cloneState(state);
  back.doc = '';
  const label = back.q || activeFilterCount(back) ? t('doc.back') : t('doc.all');
  const p = el('p', 'doc-back-row');
  p.appendChild(navLink(back, '\u2190 ' + label, 'doc-back', FOCUS_NONE));
  return p;
}

// A link to a search of the whole archive for one facet value, e.g. every
// document on one country: where a journalist goes from a document.
function facetSearchLink(key, value, label) {
  const s = readState('');
  s.filters[key] = [value];
  const a = navLink(s, label, 'doc-facet-link', FOCUS_RESULTS);
  a.title = t(key === 'country' ? 'doc.every.country' : 'doc.every.topic');
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

// What is known of the date: the day, the month or only the year.
function dateField(doc) {
  const weak = doc.date_weak === true;
  const date = dateNode(null, doc.date, doc.year, weak);
  if (!date) return t('date.undated');
  const node = el('span');
  node.appendChild(date);
  if (weak) {
    node.appendChild(el('span', 'doc-source', ' (' + t('date.weak') + ')'));
  } else if (doc.date_source) {
    const source = t('date.source.' + doc.date_source);
    if (source !== 'date.source.' + doc.date_source) node.appendChild(el('span', 'doc-source', ' (' + source + ')'));
  }
  return node;
}

function metadata(doc) {
  const dl = el('dl', 'doc-meta');
  appendField(dl, t('doc.type'), doc.type ? doc.type_name || doc.type : '');
  if (doc.language) {
    const name = doc.language === 'und' ? t('language.und') : doc.language_name || doc.language;
    const key = 'language.source.' + doc.language_source;
    const source = t(key);
    appendField(dl, t('doc.language'), source !== key ? name + ' (' + source + ')' : name);
  }
  appendField(dl, t('doc.date'), dateField(doc));
  if (typeof doc.jurisdiction === 'string' && doc.jurisdiction) {
    appendField(dl, t('doc.jurisdiction'),
      facetSearchLink('country', doc.jurisdiction, doc.jurisdiction_name || doc.jurisdiction));
  }
  const countries = asArray(doc.countries).filter((c) => typeof c === 'string' && c);
  if (countries.length) {
    const names = asArray(doc.country_names);
    const links = countries.map((c, i) =>
      facetSearchLink('country', c, typeof names[i] === 'string' && names[i] ? names[i] : c));
    appendField(dl, countries.length === 1 ? t('doc.country') : t('doc.countries'), linkList(links));
  }
  const topics = asArray(doc.topics).filter((x) => typeof x === 'string' && x);
  if (topics.length) {
    const links = topics.map((x) => facetSearchLink('topic', x, slugToWords(x)));
    appendField(dl, topics.length === 1 ? t('doc.topic') : t('doc.topics'), linkList(links));
  }
  const file = [];
  if (doc.format) file.push(FORMAT_NAMES[doc.format] || String(doc.format));
  if (typeof doc.pages === 'number' && doc.pages > 1) file.push(tn('count.pages', doc.pages));
  if (typeof doc.size === 'number') file.push(formatSize(doc.size));
  appendField(dl, t('doc.file'), file.join(', '));
  appendField(dl, t('doc.text'), ocrField(doc));
  appendField(dl, t('doc.section-languages'), sectionLanguagesField(languageParts(doc)));
  if (doc.path) appendField(dl, t('doc.path'), el('code', 'doc-path', doc.path));
  return dl;
}

// A regular expression for the words the server matched in this document
// (matched_words: its terms, stemmed and accent-folded as the document was
// indexed), as whole words over text folded as foldWithMap folds it; null
// when there is nothing to mark.
function matchedWordsMatcher(words) {
  const folded = Array.from(new Set(asArray(words).filter((w) => typeof w === 'string' && w)
    .map((w) => foldWithMap(w).folded)));
  if (!folded.length) return null;
  // Longest first, so that "reports" is not marked as "report" + "s".
  folded.sort((a, b) => b.length - a.length);
  const escaped = folded.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp('(?<![\\p{L}\\p{N}_])(' + escaped.join('|') + ')(?![\\p{L}\\p{N}_])', 'gu');
}

// Extracted text keeps the file's blank lines; runs of them are noise on screen.
function tidyText(s) {
  return s.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

function pageTexts(doc) {
  return asArray(doc.page_texts).map((s) => (typeof s === 'string' ? tidyText(s) : ''));
}

// A web page's stretches in languages other than its own (section_languages:
// byte ranges of its one page's UTF-8 text), cut from the raw text in
// order: [{ text, language, name }], the text around them with language
// ''. Null when there are none (or none that fits the text).
function languageParts(doc) {
  const raw = asArray(doc.page_texts)[0];
  if (typeof raw !== 'string' || asArray(doc.page_texts).length !== 1) return null;
  const sections = asArray(doc.section_languages)
    .filter((s) => s && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end
      && typeof s.language === 'string' && s.language && s.language !== doc.language)
    .sort((a, b) => a.start - b.start);
  if (!sections.length) return null;
  const bytes = new TextEncoder().encode(raw);
  const decoder = new TextDecoder();
  const cut = (from, to) => tidyText(decoder.decode(bytes.subarray(from, to)));
  const parts = [];
  let at = 0;
  for (const s of sections) {
    if (s.start < at || s.end > bytes.length) continue;
    if (s.start > at) parts.push({ text: cut(at, s.start), language: '' });
    const name = typeof s.language_name === 'string' && s.language_name ? s.language_name : s.language;
    parts.push({ text: cut(s.start, s.end), language: s.language, name });
    at = s.end;
  }
  if (at < bytes.length) parts.push({ text: cut(at, bytes.length), language: '' });
  const shown = parts.filter((p) => p.text);
  return shown.some((p) => p.language) ? shown : null;
}

// "English, from “Installing the package …”": where in the page each
// stretch in another language starts, linked to it.
function sectionLanguagesField(parts) {
  if (!parts) return '';
  const links = [];
  parts.forEach((part, i) => {
    if (!part.language) return;
    const words = part.text.split(/\s+/).slice(0, 6).join(' ');
    const a = el('a', 'doc-section-lang-link',
      t('doc.section-from', { name: part.name, start: words + (part.text.length > words.length ? ' \u2026' : '') }));
    a.href = '#lang-section-' + (i + 1);
    links.push(a);
  });
  return links.length ? linkList(links) : '';
}

function pageHeading(doc, id, n, isPdf) {
  const head = el('h3', 'doc-page-title');
  const anchor = el('a', 'doc-page-anchor', t('doc.page', { n }));
  anchor.href = '#page-' + n;
  head.appendChild(anchor);
  const language = asArray(doc.page_languages)[n - 1];
  if (typeof language === 'string' && language && language !== doc.language) {
    const name = asArray(doc.page_language_names)[n - 1];
    head.appendChild(el('span', 'doc-page-lang', ' \u00b7 ' + (name || language)));
  }
  if (ocrPages(doc).has(n)) head.appendChild(el('span', 'doc-page-ocr', ' \u00b7 ' + t('doc.page-ocr')));
  if (isPdf) {
    head.appendChild(el('span', 'sep', ' \u00b7 '));
    const inPdf = el('a', 'doc-page-pdf', t('doc.page-in-pdf', { n }));
    inPdf.href = api.originalUrl(id, n);
    head.appendChild(inPdf);
  }
  return head;
}

// Draws page `n`'s text into its section, once; a stretch in another
// language in a block of its own, labelled and marked with its language.
function fillPage(page) {
  if (page.filled) return;
  page.filled = true;
  if (page.parts) {
    page.parts.forEach((part, i) => {
      const block = el('div', part.language ? 'doc-lang-section' : 'doc-text-part');
      if (part.language) {
        block.id = 'lang-section-' + (i + 1);
        block.lang = part.language;
        block.appendChild(el('p', 'doc-lang-section-label', t('doc.section-lang', { name: part.name })));
      }
      const body = el('div', 'doc-text-part-body');
      appendMarked(body, part.text, page.matcher);
      block.appendChild(body);
      page.body.appendChild(block);
    });
  } else {
    appendMarked(page.body, page.text, page.matcher);
  }
  page.body.classList.remove('is-pending');
}

// The pages' texts drawn as they come near the screen.
function lazyPages(pages) {
  if (!('IntersectionObserver' in window)) {
    pages.forEach(fillPage);
    return;
  }
  const byNode = new Map(pages.map((p) => [p.section, p]));
  const observer = new IntersectionObserver((seen) => {
    for (const entry of seen) {
      if (!entry.isIntersecting) continue;
      fillPage(byNode.get(entry.target));
      observer.unobserve(entry.target);
    }
  }, { rootMargin: '800px 0px' });
  pages.forEach((p) => observer.observe(p.section));
}

// "Next match" / "Previous match": from the match nearest the screen's top.
function matchWalker(pages, status) {
  const marks = () => {
    pages.filter((p) => p.matches).forEach(fillPage);
    return Array.from(byId('doc-view').querySelectorAll('.doc-page-text mark'));
  };
  let current = -1;
  const go = (step) => {
    const all = marks();
    if (!all.length) return;
    if (current < 0 || current >= all.length) {
      const top = all.findIndex((m) => m.getBoundingClientRect().top > 80);
      current = step > 0 ? (top < 0 ? 0 : top) : (top <= 0 ? all.length - 1 : top - 1);
    } else {
      current = (current + step + all.length) % all.length;
    }
    all.forEach((m) => m.classList.remove('is-current'));
    const mark = all[current];
    mark.classList.add('is-current');
    mark.scrollIntoView({ block: 'center' });
    status.textContent = t('doc.match-of', { n: current + 1, total: all.length });
  };
  return go;
}

// The text, one section per page with an anchor (#page-N); for PDFs each
// page also links to that page of the original.
function documentText(doc, id, isPdf, q) {
  const texts = pageTexts(doc);
  const section = el('section', 'doc-text');
  section.setAttribute('aria-labelledby', 'doc-text-heading');
  const th = el('h2', 'doc-section-title', texts.length > 1 ? t('doc.text.pages') : t('doc.text'));
  th.id = 'doc-text-heading';
  section.appendChild(th);
  if (!texts.length || texts.every((s) => !s.trim())) {
    section.appendChild(el('p', 'doc-empty', t('doc.no-text')));
    return { section, pages: [] };
  }
  const matcher = q ? matchedWordsMatcher(doc.matched_words) : null;
  const serverPages = new Set(asArray(doc.matching_pages).filter((n) => typeof n === 'number'));
  const pages = texts.map((pageText, i) => {
    const n = i + 1;
    const page = el('section', 'doc-page');
    page.id = 'page-' + n;
    const body = el('div', 'doc-page-text is-pending');
    if (texts.length > 1) page.appendChild(pageHeading(doc, id, n, isPdf));
    page.appendChild(body);
    const matches = !!matcher && serverPages.has(n);
    const parts = texts.length === 1 ? languageParts(doc) : null;
    return { n, section: page, body, text: pageText, parts, matcher, matches, filled: false };
  });
  const matching = pages.filter((p) => p.matches);
  if (q) {
    const tools = el('div', 'doc-matches');
    const status = el('p', 'doc-match-status');
    status.setAttribute('role', 'status');
    if (matching.length) {
      const list = el('p', 'doc-matching-pages');
      if (texts.length > 1) {
        list.appendChild(text(tn('doc.matching-pages', matching.length) + ' '));
        matching.slice(0, 50).forEach((p, i) => {
          if (i > 0) list.appendChild(text(', '));
          const a = el('a', 'doc-page-link has-match', String(p.n));
          a.href = '#page-' + p.n;
          list.appendChild(a);
        });
        if (matching.length > 50) list.appendChild(text(' \u2026'));
        tools.appendChild(list);
      }
      const go = matchWalker(pages, status);
      const row = el('p', 'doc-match-buttons');
      const prev = el('button', 'btn btn-small doc-prev-match', t('doc.prev-match'));
      prev.type = 'button';
      prev.addEventListener('click', () => go(-1));
      const next = el('button', 'btn btn-small doc-next-match', t('doc.next-match'));
      next.type = 'button';
      next.addEventListener('click', () => go(1));
      row.appendChild(prev);
      row.appendChild(next);
      tools.appendChild(row);
    } else {
      status.textContent = t('doc.no-match');
    }
    tools.appendChild(status);
    section.appendChild(tools);
  }
  if (texts.length > 1) {
    const nav = el('nav', 'doc-pages-nav');
    nav.setAttribute('aria-label', t('doc.pages'));
    nav.appendChild(el('span', 'doc-pages-label', t('doc.pages') + ': '));
    for (const p of pages) {
      const link = el('a', p.matches ? 'doc-page-link has-match' : 'doc-page-link', String(p.n));
      link.href = '#page-' + p.n;
      if (p.matches) link.title = t('doc.page-has-match', { n: p.n });
      nav.appendChild(link);
      nav.appendChild(text(' '));
    }
    section.appendChild(nav);
  }
  for (const p of pages) section.appendChild(p.section);
  return { section, pages };
}

function similarAside() {
  const aside = el('aside', 'doc-similar');
  aside.setAttribute('aria-labelledby', 'doc-similar-heading');
  const heading = el('h2', 'doc-section-title', t('hit.similar'));
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
  view.appendChild(el('p', 'doc-loading', t('doc.loading')));
}

// Fills the page a #page-N fragment names (and the ones jumped to later).
function showPageOfHash(pages) {
  const m = /^#page-(\d+)$/.exec(location.hash);
  const page = m ? pages[Number(m[1]) - 1] : null;
  if (page) fillPage(page);
  return page ? page.section : null;
}

// Shows an answer of /api/documents/{id}. opts.focusDocument moves the
// focus to the view; a #page-N in the URL scrolls to that page instead.
export function renderDocument(state, doc, opts) {
  const id = String(doc.id || state.doc);
  const isPdf = doc.format === 'pdf';
  const view = byId('doc-view');
  clear(view);
  view.appendChild(backLink(state));
  const full = doc.title && String(doc.title).trim() ? String(doc.title).replace(/\s+/g, ' ').trim()
    : t('doc.untitled');
  const h1 = title(el('h1', 'doc-title', full.length > 300 ? shortTitle(full) : full));
  view.appendChild(h1);
  const columns = el('div', 'doc-columns');
  const main = el('div', 'doc-main');
  columns.appendChild(main);
  view.appendChild(columns);
  const editions = editionsLine(doc, 'doc-editions');
  if (editions) main.appendChild(editions);
  main.appendChild(metadata(doc));
  const actions = el('p', 'doc-actions');
  const original = el('a', 'btn doc-original', t('doc.original'));
  original.href = api.originalUrl(id);
  actions.appendChild(original);
  main.appendChild(actions);
  const { section, pages } = documentText(doc, id, isPdf, state.q);
  main.appendChild(section);
  const similar = similarAside();
  columns.appendChild(similar.aside);
  loadSimilar(id, similar.box);
  // The first pages and the matching ones are drawn now, the rest on demand.
  pages.slice(0, 3).forEach(fillPage);
  pages.filter((p) => p.matches).slice(0, 3).forEach(fillPage);
  lazyPages(pages);
  view.onHashChange = () => {
    const target = showPageOfHash(pages);
    if (target) target.scrollIntoView();
  };

  const target = showPageOfHash(pages);
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
  view.appendChild(title(el('h1', 'doc-title', missing ? t('doc.missing') : t('doc.failed'))));
  view.appendChild(el('p', 'doc-error', missing ? t('doc.missing.text') : errorText(err)));
  view.focus({ preventScroll: true });
}
