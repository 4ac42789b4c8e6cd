// SPDX-License-Identifier: GPL-2.0-or-later
// Archivist's web UI: native ES modules, no build step, served under a
// strict CSP (script-src 'self', style-src 'self'): no inline handlers or
// styles, no eval. This module routes the URL to a view, runs searches and
// wires the page's controls; the views draw (results.js, facets.js,
// document.js, suggest.js), api.js talks to searchd, state.js holds the
// state, its URL and the page's only mutable data.
//
// Security rule: every value from the API reaches the DOM as text (dom.js).

import * as api from './api.js';
import { byId, isPlainClick } from './dom.js';
import { renderDocument, renderDocumentError, renderDocumentLoading } from './document.js';
import { renderFacets, renderYearBounds } from './facets.js';
import { FOCUS_DOCUMENT, FOCUS_RESULTS } from './links.js';
import { renderFailure, renderResults, showError } from './results.js';
import {
  SORTS, activeFilterCount, cloneState, currentState, readState, session, stateUrl, withChanges,
  withoutFilters, yearParam,
} from './state.js';
import { formatNumber, plural } from './strings.js';
import { closeSuggestions, installSuggestions } from './suggest.js';

function setBusy(busy) {
  const results = byId('results');
  results.setAttribute('aria-busy', busy ? 'true' : 'false');
  results.classList.toggle('is-loading', busy);
  document.body.classList.toggle('is-loading', busy);
}

// The view's one request: a new one aborts the one before, whose answer
// would otherwise overwrite the newer view.
function beginViewRequest() {
  if (session.viewRequest) session.viewRequest.abort();
  const controller = new AbortController();
  session.viewRequest = controller;
  setBusy(true);
  return controller;
}

// Whether `controller`'s answer may still be shown (no newer request).
function endViewRequest(controller) {
  if (session.viewRequest !== controller) return false;
  session.viewRequest = null;
  setBusy(false);
  return true;
}

// Export and feed links follow the search on screen, filters included.
function syncExportLinks(state) {
  byId('export-csv').href = api.exportUrl(state, 'csv');
  byId('export-jsonl').href = api.exportUrl(state, 'jsonl');
  const feed = api.feedUrl(state);
  byId('feed-link').href = feed;
  const alternate = byId('feed-alternate');
  alternate.href = feed;
  alternate.title = state.q ? 'Archivist: newest documents for \u201c' + state.q + '\u201d'
    : 'Archivist: newest documents';
}

function syncControls(state) {
  const q = byId('q');
  if (q.value !== state.q) q.value = state.q;
  byId('sort').value = state.sort || (state.q ? 'relevance' : 'newest');
  document.title = state.q ? state.q + ' \u2013 Archivist' : 'Archivist';
  const n = activeFilterCount(state);
  const clearLink = byId('clear-filters');
  clearLink.hidden = n === 0;
  clearLink.href = stateUrl(withoutFilters(state));
  const open = byId('facets').classList.contains('is-open');
  byId('facets-toggle').textContent = (open ? 'Hide filters' : 'Show filters') +
    (n ? ' (' + n + ' active)' : '');
  if (byId('year-from').value !== state.yearFrom) byId('year-from').value = state.yearFrom;
  if (byId('year-to').value !== state.yearTo) byId('year-to').value = state.yearTo;
  syncExportLinks(state);
}

function onFacetToggle(key, value, checked) {
  const state = withChanges(currentState(), {});
  const list = state.filters[key];
  const at = list.indexOf(value);
  if (checked && at < 0) list.push(value);
  if (!checked && at >= 0) list.splice(at, 1);
  session.pendingFocus = { key, value };
  navigate(state);
}

async function runSearch(state, opts) {
  syncControls(state);
  showError(null);
  const request = beginViewRequest();
  let data;
  try {
    data = await api.search(state, request.signal);
  } catch (err) {
    if (err && err.name === 'AbortError') return;
    if (!endViewRequest(request)) return;
    session.pendingFocus = null;
    renderFailure(err);
    return;
  }
  if (!endViewRequest(request)) return;
  renderResults(state, data);
  renderFacets(state, data.facets, onFacetToggle);
  renderYearBounds(data.year_histogram);
  if (opts.focusResults) {
    byId('results').focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
}

async function showDocument(state, opts) {
  syncControls(state);
  showError(null);
  const request = beginViewRequest();
  renderDocumentLoading(state);
  let doc;
  try {
    doc = await api.getDocument(state.doc, request.signal);
  } catch (err) {
    if (err && err.name === 'AbortError') return;
    if (endViewRequest(request)) renderDocumentError(state, err);
    return;
  }
  if (endViewRequest(request)) renderDocument(state, doc, opts);
}

// The URL names either a search or a document opened from one.
function route(state, opts = {}) {
  session.current = state;
  session.renderedSearch = location.search;
  closeSuggestions();
  const inDoc = !!state.doc;
  byId('search-view').hidden = inDoc;
  byId('doc-view').hidden = !inDoc;
  document.body.classList.toggle('is-doc-view', inDoc);
  if (inDoc) showDocument(state, opts);
  else runSearch(state, opts);
}

function navigate(state, opts = {}) {
  const url = stateUrl(state);
  if (url !== location.pathname + location.search) history.pushState(null, '', url);
  route(state, opts);
}

// Links marked data-nav (links.js) are followed without a reload.
function onLinkClick(ev) {
  const a = ev.target instanceof Element ? ev.target.closest('a[data-nav]') : null;
  if (!a || !isPlainClick(ev)) return;
  ev.preventDefault();
  navigate(readState(new URL(a.href).search), {
    focusDocument: a.dataset.nav === FOCUS_DOCUMENT,
    focusResults: a.dataset.nav === FOCUS_RESULTS,
  });
}

function onChooseSuggestion(item) {
  if (item.kind === 'doc') {
    const state = cloneState(currentState());
    state.page = 1;
    state.doc = item.id;
    navigate(state, { focusDocument: true });
    return;
  }
  byId('q').value = item.text;
  navigate(withChanges(currentState(), { q: item.text, doc: '' }));
}

function installControls() {
  byId('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    closeSuggestions();
    navigate(withChanges(currentState(), { q: byId('q').value.trim(), doc: '' }));
  });
  byId('sort').addEventListener('change', () => {
    const sort = byId('sort').value;
    navigate(withChanges(currentState(), { sort: SORTS.includes(sort) ? sort : '' }));
  });
  const goPage = (delta) => {
    const state = cloneState(currentState());
    state.page = Math.max(1, state.page + delta);
    navigate(state, { focusResults: true });
  };
  byId('prev').addEventListener('click', () => goPage(-1));
  byId('next').addEventListener('click', () => goPage(1));
  byId('year-range').addEventListener('submit', (ev) => {
    ev.preventDefault();
    navigate(withChanges(currentState(), {
      yearFrom: yearParam(byId('year-from').value),
      yearTo: yearParam(byId('year-to').value),
    }));
  });
  byId('clear-filters').addEventListener('click', (ev) => {
    if (!isPlainClick(ev)) return;
    ev.preventDefault();
    navigate(withoutFilters(currentState()));
    byId('q').focus();
  });
  byId('home-link').addEventListener('click', (ev) => {
    if (!isPlainClick(ev)) return;
    ev.preventDefault();
    session.expandedFacets = {};
    navigate(readState(''));
    byId('q').focus();
  });
  byId('facets-toggle').addEventListener('click', () => {
    const open = !byId('facets').classList.contains('is-open');
    byId('facets').classList.toggle('is-open', open);
    byId('facets-toggle').setAttribute('aria-expanded', open ? 'true' : 'false');
    syncControls(currentState());
  });
}

async function showIndexSize() {
  try {
    const health = await api.health();
    if (typeof health.documents !== 'number') return;
    byId('footer-info').textContent = 'Archivist \u00b7 ' + formatNumber(health.documents) + ' ' +
      plural(health.documents, 'document', 'documents') + ' indexed';
  } catch (err) {
    // The footer stays generic.
  }
}

installControls();
installSuggestions(onChooseSuggestion);
document.addEventListener('click', onLinkClick);
window.addEventListener('popstate', () => {
  // A page anchor (#page-N) changes only the fragment: the view stays.
  if (location.search === session.renderedSearch) return;
  route(readState(location.search));
});
route(readState(location.search));
showIndexSize();
