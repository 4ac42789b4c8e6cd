// SPDX-License-Identifier: GPL-2.0-or-later
// The page's state and its URL, and the page's only mutable data.
//
// A state is what the URL's query string says
// (?q=&page=&per_page=&sort=&language=&type=&country=&topic=&year=&year_from=&year_to=
// &include_undated=&collapse=&map=&doc=):
// a search, whether its country map is open (`map=1` or `map=0`; without
// it, open when browsing without a query), and optionally a document
// (`doc`) opened from it; `include_undated=1` lets documents without a
// year through the year filter, `collapse=work` shows each work once. States are
// plain values: functions here return new ones and never change their
// arguments. The URL is the truth; history.pushState keeps it, so back,
// forward and every link work.

export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 100;
export const SORTS = ['relevance', 'newest', 'oldest'];

// Facets in display order. `key` names the facet in the API's answers and
// its filter parameter: one name for both (docs/api/openapi.yaml).
export const FACET_KEYS = ['language', 'type', 'year', 'country', 'topic'];

// Older parameter names still read from URLs, and the name each stands for.
const FILTER_ALIASES = { lang: 'language' };

// What the page remembers between renders. Only main.js and the view
// modules read and write it, each the fields it documents here.
export const session = {
  current: null,          // the state on screen (search or document)
  renderedSearch: null,   // location.search of the view on screen
  expandedFacets: {},     // facet key → true after "Show all"
  facetFilters: {},       // facet key → what its filter box holds ('country-list': the map's list)
  countrySort: 'count',   // the map's country list: 'count' or 'name'
  pendingFocus: null,     // {selector} of what to focus once the next answer is drawn
  viewRequest: null,      // AbortController of the search or document request in flight
  suggestions: {          // the completions under the search box (suggest.js)
    timer: null,          // the pause in typing being waited out
    request: null,        // AbortController of the completion request in flight
    items: [],            // what is listed: {kind: 'query'|'doc', text, id}
    active: -1,           // the index of the item chosen with the arrow keys
  },
};

// The state on screen, or the URL's when nothing is shown yet.
export function currentState() {
  return session.current || readState(location.search);
}

function toInt(s, fallback, min, max) {
  if (s === null || s === undefined || !/^\d+$/.test(String(s))) return fallback;
  const n = parseInt(s, 10);
  if (isNaN(n) || n < min) return fallback;
  if (max !== undefined && n > max) return max;
  return n;
}

// A year bound as the URL and the API take it: up to four digits, or ''.
export function yearParam(v) {
  const t = String(v === null || v === undefined ? '' : v).trim();
  return /^\d{1,4}$/.test(t) ? String(parseInt(t, 10)) : '';
}

function distinctValues(params, names) {
  const seen = new Set();
  const values = [];
  for (const name of names) {
    for (const v of params.getAll(name)) {
      if (v === '' || seen.has(v)) continue;
      seen.add(v);
      values.push(v);
    }
  }
  return values;
}

export function readState(search) {
  const p = new URLSearchParams(search);
  const state = {
    q: p.get('q') || '',
    page: toInt(p.get('page'), 1, 1),
    perPage: toInt(p.get('per_page'), DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    // '' leaves the order to the server: relevance for a query, newest
    // first when browsing without one.
    sort: SORTS.includes(p.get('sort')) ? p.get('sort') : '',
    doc: p.get('doc') || '',
    map: p.get('map') === '1' ? true : (p.get('map') === '0' ? false : null),
    yearFrom: yearParam(p.get('year_from')),
    yearTo: yearParam(p.get('year_to')),
    undated: p.get('include_undated') === '1',
    works: p.get('collapse') === 'work',
    filters: {},
  };
  // A page value that is not a positive integer is kept as typed, so the
  // server can say what is wrong with it (page=0) instead of the page fixing it.
  const rawPage = p.get('page');
  if (rawPage !== null && rawPage !== '' && String(state.page) !== rawPage) state.rawPage = rawPage;
  for (const key of FACET_KEYS) {
    const aliases = Object.keys(FILTER_ALIASES).filter((alias) => FILTER_ALIASES[alias] === key);
    state.filters[key] = distinctValues(p, [key, ...aliases]);
  }
  return state;
}

// A copy to change; a raw page value is not carried over.
export function cloneState(s) {
  const c = {
    q: s.q, page: s.page, perPage: s.perPage, sort: s.sort, doc: s.doc, map: s.map,
    yearFrom: s.yearFrom, yearTo: s.yearTo, undated: !!s.undated, works: !!s.works, filters: {},
  };
  for (const key of FACET_KEYS) c.filters[key] = s.filters[key].slice();
  return c;
}

// A copy of `s` with `changes` applied, back on the first page.
export function withChanges(s, changes) {
  return Object.assign(cloneState(s), { page: 1 }, changes);
}

export function withoutFilters(s) {
  const filters = {};
  for (const key of FACET_KEYS) filters[key] = [];
  return withChanges(s, { yearFrom: '', yearTo: '', undated: false, filters });
}

export function activeFilterCount(s) {
  let n = (s.yearFrom ? 1 : 0) + (s.yearTo ? 1 : 0);
  for (const key of FACET_KEYS) n += s.filters[key].length;
  return n;
}

function appendFilters(p, s) {
  for (const key of FACET_KEYS) {
    for (const v of s.filters[key]) p.append(key, v);
  }
  if (s.yearFrom) p.set('year_from', s.yearFrom);
  if (s.yearTo) p.set('year_to', s.yearTo);
  if (s.undated) p.set('include_undated', '1');
}

// The page URL's query string ('' or '?…'), with only non-default values.
export function stateToQuery(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  appendFilters(p, s);
  if (s.sort) p.set('sort', s.sort);
  if (s.works) p.set('collapse', 'work');
  if (s.rawPage !== undefined) p.set('page', s.rawPage);
  else if (s.page > 1) p.set('page', String(s.page));
  if (s.perPage !== DEFAULT_PER_PAGE) p.set('per_page', String(s.perPage));
  if (s.map !== null && s.map !== undefined) p.set('map', s.map ? '1' : '0');
  if (s.doc) p.set('doc', s.doc);
  const str = p.toString();
  return str ? '?' + str : '';
}

// The page URL of a state.
export function stateUrl(s) {
  return location.pathname + stateToQuery(s);
}

// /api/search parameters: always an explicit page and per_page.
export function searchParams(s) {
  const p = new URLSearchParams();
  p.set('q', s.q);
  p.set('page', s.rawPage !== undefined ? s.rawPage : String(s.page));
  p.set('per_page', String(s.perPage));
  if (s.sort) p.set('sort', s.sort);
  // The server shows each work in the interface language (ui_lang) when it can.
  if (s.works) p.set('collapse', 'work');
  appendFilters(p, s);
  return p;
}

// /api/export and /api/feed parameters: the search and its filters, no
// paging (export writes every hit; the feed is always the newest first).
export function filterParams(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  appendFilters(p, s);
  return p;
}

// Whether the state's country map is shown: as the URL says, else when
// browsing without a query (where a journalist starts from a country).
export function mapOpen(s) {
  return s.map === null || s.map === undefined ? !s.q : s.map;
}

// A copy of `s` with `value` added to (on) or removed from facet `key`'s
// selection, back on the first page.
export function withToggled(s, key, value, on) {
  const state = withChanges(s, {});
  const list = state.filters[key];
  const at = list.indexOf(value);
  if (on && at < 0) list.push(value);
  if (!on && at >= 0) list.splice(at, 1);
  return state;
}
