// SPDX-License-Identifier: GPL-2.0-or-later
// Archivist's web UI: native ES modules, no build step, served under a
// strict CSP (script-src 'self', style-src 'self'): no inline handlers or
// styles, no eval. This module routes the URL to a view, runs searches and
// wires the page's controls; the views draw (results.js, facets.js,
// timeline.js, map.js, active_filters.js, document.js, suggest.js), api.js
// talks to searchd, state.js holds the state, its URL and the page's only
// mutable data, strings.js the interface language and its messages.
//
// Security rule: every value from the API reaches the DOM as text (dom.js).

import * as api from './api.js';
import { renderActiveFilters } from './active_filters.js';
import { restoreFocus } from './checklist.js';
import { byId, isPlainClick } from './dom.js';
import { renderDocument, renderDocumentError, renderDocumentLoading } from './document.js';
import { renderFacets } from './facets.js';
import { FOCUS_DOCUMENT, FOCUS_RESULTS } from './links.js';
import { renderMap } from './map.js';
import { renderFailure, renderResults, showError } from './results.js';
import {
  SORTS, activeFilterCount, cloneState, currentState, mapOpen, readState, session, stateUrl, withChanges,
  withToggled, withoutFilters, yearParam,
} from './state.js';
import { setUiLanguage, t, tn, translateStatic, uiLanguage } from './strings.js';
import { closeSuggestions, installSuggestions } from './suggest.js';
import { renderTimeline, renderUndated } from './timeline.js';

const PHONE = window.matchMedia('(max-width: 859px)');

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
  alternate.title = state.q ? t('feed.title.query', { query: state.q }) : t('feed.title');
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
  byId('facets-open').textContent = n ? t('filters.open.active', { n }) : t('filters.open');
  if (byId('year-from').value !== state.yearFrom) byId('year-from').value = state.yearFrom;
  if (byId('year-to').value !== state.yearTo) byId('year-to').value = state.yearTo;
  byId('ui-lang').value = uiLanguage();
  byId('works').checked = !!state.works;
  syncExportLinks(state);
}

// What the open drawer makes unreachable: everything but the drawer.
const OUTSIDE_DRAWER = ['.skip-link', '.site-header', '.heading-wrap', '#main', '.site-footer'];

// The filter drawer (phone widths): open over the results, closed again
// when a filter is applied so the results show. While open it holds the
// focus (the rest of the page is inert, Tab cycles inside it); closed by
// its button or Escape, the focus goes back to the button that opened it.
function setDrawer(open) {
  document.body.classList.toggle('drawer-open', open);
  byId('facets-open').setAttribute('aria-expanded', open ? 'true' : 'false');
  for (const selector of OUTSIDE_DRAWER) {
    const node = document.querySelector(selector);
    if (node) node.inert = open;
  }
  if (open) byId('facets-heading').focus();
}

// Tab and Shift+Tab at the drawer's ends wrap to its other end.
function trapDrawerFocus(ev) {
  if (ev.key !== 'Tab' || !document.body.classList.contains('drawer-open')) return;
  const focusable = Array.from(byId('facets').querySelectorAll(
    'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'))
    .filter((node) => !node.disabled && node.getClientRects().length > 0);
  if (!focusable.length) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = document.activeElement;
  const inside = byId('facets').contains(active);
  if (ev.shiftKey && (active === first || !inside || active === byId('facets-heading'))) {
    ev.preventDefault();
    last.focus();
  } else if (!ev.shiftKey && (active === last || !inside)) {
    ev.preventDefault();
    first.focus();
  }
}

function onFacetToggle(key, value, checked) {
  // The focus comes back to the same value's checkbox in the same list
  // (the facet group or the map's list) once the new answer is drawn.
  const active = document.activeElement;
  if (!session.pendingFocus && active && active.matches('input[type="checkbox"]') && active.id) {
    const list = active.id.replace(/-\d+$/, '');
    session.pendingFocus = {
      selector: 'input[id^="' + list + '-"][data-value="' + CSS.escape(value) + '"]',
    };
  }
  const drawer = document.body.classList.contains('drawer-open');
  navigate(withToggled(currentState(), key, value, checked));
  if (drawer) {
    session.pendingFocus = null;
    setDrawer(false);
    byId('results').focus({ preventScroll: true });
  }
}

function onYearRange(from, to) {
  const state = currentState();
  const yearFrom = yearParam(from);
  const yearTo = yearParam(to);
  // Letting undated documents through means nothing without a year filter.
  const undated = state.undated && !!(yearFrom || yearTo || state.filters.year.length);
  navigate(withChanges(state, { yearFrom, yearTo, undated }));
}

// The count of documents without a known year, for the year control,
// and whether they pass the year filter.
function showUndated(state, data) {
  const rangeSet = !!(state.yearFrom || state.yearTo || state.filters.year.length);
  renderUndated(typeof data.undated === 'number' ? data.undated : null, rangeSet, state.undated);
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
    renderFailure(err, state);
    return;
  }
  if (!endViewRequest(request)) return;
  renderResults(state, data);
  renderActiveFilters(state, data.facets);
  renderFacets(state, data.facets, onFacetToggle);
  renderTimeline(state, data.year_histogram, onYearRange);
  showUndated(state, data);
  if (!session.firstResults) {
    session.firstResults = true;
    performance.mark('archivist:first-results');
  }
  const mapDrawn = renderMap(state, data.facets, onFacetToggle);
  restoreFocus(false);
  mapDrawn.then(() => {
    if (session.current !== state) return;
    byId('map').dataset.ready = 'true';
    restoreFocus(true);
  });
  if (opts.focusResults) {
    byId('results').focus({ preventScroll: true });
    byId('results').scrollIntoView();
  }
}

async function showDocument(state, opts) {
  syncControls(state);
  showError(null);
  const request = beginViewRequest();
  renderDocumentLoading(state);
  let doc;
  try {
    doc = await api.getDocument(state.doc, state.q, request.signal);
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
  byId('page-heading').hidden = inDoc;
  byId('map').dataset.ready = 'false';
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
    let from = yearParam(byId('year-from').value);
    let to = yearParam(byId('year-to').value);
    if (from && to && Number(from) > Number(to)) [from, to] = [to, from];
    onYearRange(from, to);
  });
  byId('year-clear').addEventListener('click', () => {
    onYearRange('', '');
    byId('year-from').focus();
  });
  byId('map-toggle').addEventListener('click', () => {
    const state = cloneState(currentState());
    state.map = !mapOpen(state);
    session.pendingFocus = { selector: '#map-toggle' };
    navigate(state);
  });
  byId('clear-filters').addEventListener('click', (ev) => {
    if (!isPlainClick(ev)) return;
    ev.preventDefault();
    setDrawer(false);
    navigate(withoutFilters(currentState()));
    byId('q').focus();
  });
  byId('home-link').addEventListener('click', (ev) => {
    if (!isPlainClick(ev)) return;
    ev.preventDefault();
    session.expandedFacets = {};
    session.facetFilters = {};
    navigate(readState(''));
    byId('q').focus();
  });
  byId('facets-open').addEventListener('click', () => {
    if (PHONE.matches) setDrawer(true);
    else byId('facets-heading').focus();
  });
  byId('facets-close').addEventListener('click', () => {
    setDrawer(false);
    byId('facets-open').focus();
  });
  document.addEventListener('keydown', trapDrawerFocus);
  byId('works').addEventListener('change', () => {
    session.pendingFocus = { selector: '#works' };
    navigate(withChanges(currentState(), { works: byId('works').checked }));
  });
  byId('include-undated').addEventListener('change', () => {
    session.pendingFocus = { selector: '#include-undated' };
    navigate(withChanges(currentState(), { undated: byId('include-undated').checked }));
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && document.body.classList.contains('drawer-open')) {
      setDrawer(false);
      byId('facets-open').focus();
    }
  });
  byId('facets-heading').tabIndex = -1;
  byId('ui-lang').addEventListener('change', () => {
    setUiLanguage(byId('ui-lang').value);
    translateStatic(document);
    showIndexSize();
    route(currentState());
  });
}

async function showIndexSize() {
  try {
    const health = await api.health();
    if (typeof health.documents !== 'number') return;
    byId('footer-info').textContent = 'Archivist \u00b7 ' + tn('footer.indexed', health.documents);
  } catch (err) {
    // The footer stays generic.
  }
}

setUiLanguage(uiLanguage());
translateStatic(document);
installControls();
installSuggestions(onChooseSuggestion);
document.addEventListener('click', onLinkClick);
window.addEventListener('popstate', () => {
  // A page anchor (#page-N) changes only the fragment: the view stays.
  if (location.search === session.renderedSearch) return;
  route(readState(location.search));
});
window.addEventListener('hashchange', () => {
  const view = byId('doc-view');
  if (!view.hidden && view.onHashChange) view.onHashChange();
});
route(readState(location.search));
showIndexSize();
