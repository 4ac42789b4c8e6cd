/* Archivist web UI.
 *
 * Plain script, no build step. Served under a strict CSP (script-src 'self',
 * style-src 'self'), so: no inline handlers, no inline styles, no eval.
 *
 * Security rule: every value from the API reaches the DOM through
 * textContent / createElement. innerHTML is never used with data. The single
 * exception to plain text is hit.snippet, which the server has HTML-escaped
 * and which contains only <mark>...</mark>; even that is parsed by
 * appendSnippet() into text nodes and <mark> elements, not through innerHTML.
 * Links built from data go through encodeURIComponent / URLSearchParams.
 *
 * State lives in the query string
 * (?q=&page=&sort=&lang=&type=&country=&topic=&year=&year_from=&year_to=&doc=), updated with
 * history.pushState and restored on popstate, so back/forward work and every
 * search and every open document is a link. `doc` opens the document view
 * over the search it came from; the search is kept so "Back to results"
 * returns to it.
 */
(function () {
  'use strict';

  var API_SEARCH = '/api/search';
  var API_HEALTH = '/healthz';
  var API_SUGGEST = '/api/suggest';
  var API_EXPORT = '/api/export';
  var API_FEED = '/api/feed';
  var API_DOCUMENTS = '/api/documents/';
  var SUGGEST_DELAY_MS = 150;   // debounce: one request per pause in typing
  var SIMILAR_LIMIT = 5;
  var DEFAULT_PER_PAGE = 10;
  var FACET_COLLAPSED_LIMIT = 8;

  // Facet groups in display order: key in the API response, URL parameter, heading.
  var FACETS = [
    { key: 'language', param: 'lang', heading: 'Language' },
    { key: 'type', param: 'type', heading: 'Type' },
    { key: 'year', param: 'year', heading: 'Year' },
    { key: 'country', param: 'country', heading: 'Country' },
    { key: 'topic', param: 'topic', heading: 'Topic' }
  ];
  var FILTER_PARAMS = FACETS.map(function (f) { return f.param; });
  var SORTS = ['relevance', 'newest', 'oldest'];

  var LANGUAGE_LABELS = {
    en: 'English',
    fr: 'French (Fran\u00e7ais)',
    nl: 'Dutch',
    pt: 'Portuguese',
    es: 'Spanish',
    de: 'German',
    it: 'Italian',
    und: 'Unknown'
  };
  var TYPE_LABELS = {
    press_release: 'Press release',
    news_post: 'News post',
    newsletter: 'Newsletter',
    report: 'Report',
    legislation: 'Legislation',
    speech: 'Speech',
    web_page: 'Web page',
    dataset: 'Dataset',
    other: 'Other'
  };
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
    'August', 'September', 'October', 'November', 'December'];

  var regionNames = null;
  try {
    if (typeof Intl !== 'undefined' && Intl.DisplayNames) {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
    }
  } catch (e) {
    regionNames = null;
  }

  // ---------------------------------------------------------------- DOM refs
  var els = {};
  var currentRequest = null;   // AbortController of the search in flight
  var requestSeq = 0;          // guards against out-of-order responses
  var lastState = null;        // state of the last rendered search
  var expandedFacets = {};     // facet param -> true when "Show all" was used
  var pendingFocus = null;     // {param, value} checkbox to refocus after re-render
  var renderedSearch = null;   // location.search of the view on screen
  var numberFmt = (typeof Intl !== 'undefined' && Intl.NumberFormat)
    ? new Intl.NumberFormat('en') : null;

  function $(id) { return document.getElementById(id); }

  function fmtInt(n) {
    return numberFmt ? numberFmt.format(n) : String(n);
  }

  // ------------------------------------------------------------------- state
  function toInt(s, dflt, min, max) {
    if (s === null || s === undefined || !/^\d+$/.test(String(s))) return dflt;
    var n = parseInt(s, 10);
    if (isNaN(n) || n < min) return dflt;
    if (max !== undefined && n > max) return max;
    return n;
  }

  function readState(search) {
    var p = new URLSearchParams(search);
    var state = {
      q: p.get('q') || '',
      page: toInt(p.get('page'), 1, 1),
      perPage: toInt(p.get('per_page'), DEFAULT_PER_PAGE, 1, 100),
      // '' leaves the order to the server: relevance for a query, newest
      // first when browsing without one.
      sort: SORTS.indexOf(p.get('sort')) >= 0 ? p.get('sort') : '',
      doc: p.get('doc') || '',
      yearFrom: yearParam(p.get('year_from')),
      yearTo: yearParam(p.get('year_to')),
      filters: {}
    };
    // Keep a raw page value that is not a valid positive integer so the
    // server can report it (e.g. page=0) instead of silently fixing it.
    var rawPage = p.get('page');
    if (rawPage !== null && rawPage !== '' && String(state.page) !== rawPage) {
      state.rawPage = rawPage;
    }
    FILTER_PARAMS.forEach(function (name) {
      var seen = {};
      state.filters[name] = p.getAll(name).filter(function (v) {
        if (v === '' || seen[v]) return false;
        seen[v] = true;
        return true;
      });
    });
    return state;
  }

  // A year bound as the URL and the API take it: up to four digits, or ''.
  function yearParam(v) {
    var t = String(v === null || v === undefined ? '' : v).trim();
    return /^\d{1,4}$/.test(t) ? String(parseInt(t, 10)) : '';
  }

  function appendYearRange(p, s) {
    if (s.yearFrom) p.set('year_from', s.yearFrom);
    if (s.yearTo) p.set('year_to', s.yearTo);
  }

  function cloneState(s) {
    var c = { q: s.q, page: s.page, perPage: s.perPage, sort: s.sort, doc: s.doc,
      yearFrom: s.yearFrom, yearTo: s.yearTo, filters: {} };
    FILTER_PARAMS.forEach(function (name) { c.filters[name] = s.filters[name].slice(); });
    return c;
  }

  // Query string for the page URL (only non-default values).
  function stateToQuery(s) {
    var p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    FILTER_PARAMS.forEach(function (name) {
      s.filters[name].forEach(function (v) { p.append(name, v); });
    });
    appendYearRange(p, s);
    if (s.sort) p.set('sort', s.sort);
    if (s.rawPage !== undefined) p.set('page', s.rawPage);
    else if (s.page > 1) p.set('page', String(s.page));
    if (s.perPage !== DEFAULT_PER_PAGE) p.set('per_page', String(s.perPage));
    if (s.doc) p.set('doc', s.doc);
    var str = p.toString();
    return str ? '?' + str : '';
  }

  // Query string for the API (always explicit page / per_page).
  function stateToApiQuery(s) {
    var p = new URLSearchParams();
    p.set('q', s.q);
    p.set('page', s.rawPage !== undefined ? s.rawPage : String(s.page));
    p.set('per_page', String(s.perPage));
    if (s.sort) p.set('sort', s.sort);
    FILTER_PARAMS.forEach(function (name) {
      s.filters[name].forEach(function (v) { p.append(name, v); });
    });
    appendYearRange(p, s);
    return p.toString();
  }

  // Query string for export and feed: the search and its filters, no paging
  // (export writes every hit; the feed is always the newest first).
  function stateToFilterQuery(s, extra) {
    var p = new URLSearchParams();
    Object.keys(extra || {}).forEach(function (k) { p.set(k, extra[k]); });
    if (s.q) p.set('q', s.q);
    FILTER_PARAMS.forEach(function (name) {
      s.filters[name].forEach(function (v) { p.append(name, v); });
    });
    appendYearRange(p, s);
    return p;
  }

  function activeFilterCount(s) {
    var n = (s.yearFrom ? 1 : 0) + (s.yearTo ? 1 : 0);
    FILTER_PARAMS.forEach(function (name) { n += s.filters[name].length; });
    return n;
  }

  function navigate(state, opts) {
    opts = opts || {};
    var url = location.pathname + stateToQuery(state);
    var current = location.pathname + location.search;
    if (url !== current) {
      history.pushState(null, '', url);
    }
    route(state, opts);
  }

  // The URL names either a search or a document opened from one.
  function route(state, opts) {
    renderedSearch = location.search;
    closeSuggestions();
    var inDoc = !!state.doc;
    els.searchView.hidden = inDoc;
    els.docView.hidden = !inDoc;
    document.body.classList.toggle('is-doc-view', inDoc);
    if (inDoc) {
      lastState = state;
      syncControls(state);
      showDocument(state, opts || {});
    } else {
      runSearch(state, opts);
    }
  }

  // ------------------------------------------------------------------ labels
  function languageLabel(code) {
    if (code === undefined || code === null || code === '') return 'Unknown';
    var c = String(code);
    return LANGUAGE_LABELS[c] || LANGUAGE_LABELS[c.toLowerCase()] || c;
  }

  function typeLabel(t) {
    if (t === undefined || t === null || t === '') return 'Unknown';
    var s = String(t);
    if (TYPE_LABELS[s]) return TYPE_LABELS[s];
    return slugToWords(s);
  }

  function countryLabel(code) {
    if (code === undefined || code === null || code === '') return 'Unknown';
    var c = String(code);
    if (regionNames && /^[A-Za-z]{2}$/.test(c)) {
      try {
        var name = regionNames.of(c.toUpperCase());
        if (name && name !== c.toUpperCase() && name !== 'Unknown Region') return name;
      } catch (e) { /* fall through */ }
    }
    return c;
  }

  function slugToWords(slug) {
    var s = String(slug).replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
    if (!s) return 'Unknown';
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function yearLabel(y) {
    var s = String(y);
    if (s === '' || s === '0') return 'Undated';
    return s;
  }

  function facetLabel(param, value) {
    switch (param) {
      case 'lang': return languageLabel(value);
      case 'type': return typeLabel(value);
      case 'country': return countryLabel(value);
      case 'topic': return slugToWords(value);
      case 'year': return yearLabel(value);
      default: return String(value);
    }
  }

  function formatDate(d) {
    var s = String(d);
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
    if (m) {
      var mi = parseInt(m[2], 10) - 1;
      if (mi >= 0 && mi < 12) return parseInt(m[3], 10) + ' ' + MONTHS[mi] + ' ' + m[1];
    }
    m = /^(\d{4})-(\d{2})$/.exec(s);
    if (m) {
      var mj = parseInt(m[2], 10) - 1;
      if (mj >= 0 && mj < 12) return MONTHS[mj] + ' ' + m[1];
    }
    return s;
  }

  // ----------------------------------------------------------------- helpers
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  var ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'' };

  function unescapeEntities(s) {
    return s.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, function (all, ent) {
      if (ent.charAt(0) === '#') {
        var code = (ent.charAt(1) === 'x' || ent.charAt(1) === 'X')
          ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
        if (isNaN(code) || code <= 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
          return all;
        }
        return String.fromCodePoint(code);
      }
      var lower = ent.toLowerCase();
      return Object.prototype.hasOwnProperty.call(ENTITIES, lower) ? ENTITIES[lower] : all;
    });
  }

  // Appends the server-escaped snippet to `parent` as text nodes and <mark>
  // elements. Only <mark> and </mark> are treated as markup; everything else
  // becomes text (after entity unescaping), so nothing can inject elements.
  function appendSnippet(parent, snippet) {
    var parts = String(snippet).split(/(<mark>|<\/mark>)/i);
    var target = parent;
    parts.forEach(function (part) {
      if (/^<mark>$/i.test(part)) {
        if (target === parent) {
          target = document.createElement('mark');
          parent.appendChild(target);
        }
        return;
      }
      if (/^<\/mark>$/i.test(part)) {
        target = parent;
        return;
      }
      if (part) target.appendChild(document.createTextNode(unescapeEntities(part)));
    });
  }

  function asArray(v) {
    if (Array.isArray(v)) return v;
    if (v === undefined || v === null || v === '') return [];
    return [v];
  }

  // ----------------------------------------------------------------- loading
  function setBusy(busy) {
    els.results.setAttribute('aria-busy', busy ? 'true' : 'false');
    els.results.classList.toggle('is-loading', busy);
    document.body.classList.toggle('is-loading', busy);
  }

  function showError(message) {
    if (!message) {
      els.error.hidden = true;
      clear(els.error);
      return;
    }
    clear(els.error);
    els.error.appendChild(el('strong', 'error-title', 'Search failed.'));
    els.error.appendChild(document.createTextNode(' '));
    els.error.appendChild(el('span', 'error-message', message));
    els.error.hidden = false;
  }

  function syncControls(state) {
    if (els.q.value !== state.q) els.q.value = state.q;
    els.sort.value = state.sort || (state.q ? 'relevance' : 'newest');
    document.title = state.q ? state.q + ' \u2013 Archivist' : 'Archivist';
    var n = activeFilterCount(state);
    els.clearFilters.hidden = n === 0;
    var clearState = cloneState(state);
    clearState.yearFrom = clearState.yearTo = '';
    FILTER_PARAMS.forEach(function (name) { clearState.filters[name] = []; });
    clearState.page = 1;
    els.clearFilters.href = location.pathname + stateToQuery(clearState);
    els.facetsToggle.textContent = (els.facets.classList.contains('is-open') ? 'Hide filters' : 'Show filters') +
      (n ? ' (' + n + ' active)' : '');
    if (els.yearFrom.value !== state.yearFrom) els.yearFrom.value = state.yearFrom;
    if (els.yearTo.value !== state.yearTo) els.yearTo.value = state.yearTo;
    syncExportLinks(state);
  }

  // Export and feed links follow the search on screen, filters included.
  function syncExportLinks(state) {
    els.exportCsv.href = API_EXPORT + '?' + stateToFilterQuery(state, { format: 'csv' }).toString();
    els.exportJsonl.href = API_EXPORT + '?' + stateToFilterQuery(state, { format: 'jsonl' }).toString();
    var feedQuery = stateToFilterQuery(state).toString();
    var feed = API_FEED + (feedQuery ? '?' + feedQuery : '');
    els.feedLink.href = feed;
    els.feedAlternate.href = feed;
    els.feedAlternate.title = state.q ? 'Archivist: newest documents for \u201c' + state.q + '\u201d'
      : 'Archivist: newest documents';
  }

  function runSearch(state, opts) {
    opts = opts || {};
    lastState = state;
    syncControls(state);
    showError(null);
    setBusy(true);

    if (currentRequest) currentRequest.abort();
    var controller = typeof AbortController !== 'undefined' ? new AbortController() : null;
    currentRequest = controller;
    var seq = ++requestSeq;

    var url = API_SEARCH + '?' + stateToApiQuery(state);
    fetch(url, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: controller ? controller.signal : undefined
    }).then(function (resp) {
      return resp.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        return { resp: resp, data: data };
      });
    }).then(function (r) {
      if (seq !== requestSeq) return;
      currentRequest = null;
      setBusy(false);
      if (!r.resp.ok) {
        var msg = r.data && r.data.error && r.data.error.message
          ? String(r.data.error.message)
          : 'The search service answered with HTTP ' + r.resp.status + '.';
        renderFailure(msg);
        return;
      }
      if (!r.data || typeof r.data !== 'object') {
        renderFailure('The search service sent an unreadable answer.');
        return;
      }
      render(state, r.data, opts);
    }).catch(function (err) {
      if (err && err.name === 'AbortError') return;
      if (seq !== requestSeq) return;
      currentRequest = null;
      setBusy(false);
      renderFailure('Could not reach the search service. Check that it is running and try again.');
    });
  }

  function renderFailure(message) {
    pendingFocus = null;
    showError(message);
    clear(els.hits);
    els.status.textContent = '';
    els.pager.hidden = true;
    els.resultActions.hidden = true;
  }

  // ------------------------------------------------------------------ render
  function render(state, data, opts) {
    var total = typeof data.total === 'number' ? data.total : 0;
    var hits = Array.isArray(data.hits) ? data.hits : [];
    var page = typeof data.page === 'number' && data.page >= 1 ? data.page : state.page;
    var perPage = typeof data.per_page === 'number' && data.per_page >= 1 ? data.per_page : state.perPage;
    var totalPages = Math.max(1, Math.ceil(total / perPage));

    renderStatus(state, data, total, page, perPage, hits.length);
    els.resultActions.hidden = total === 0;
    renderHits(hits);
    renderPager(page, totalPages, total);
    renderFacets(state, data.facets);
    renderYearBounds(data.year_histogram);

    if (opts.focusResults) {
      els.results.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
  }

  // The query as the status line quotes it: in curly quotes, unless the
  // user already typed it as one quoted phrase.
  function appendQuotedQuery(parent, q) {
    var quoted = q.length > 1 && q.charAt(0) === '"' && q.charAt(q.length - 1) === '"';
    if (!quoted) parent.appendChild(document.createTextNode('\u201c'));
    parent.appendChild(el('span', 'status-query', q));
    if (!quoted) parent.appendChild(document.createTextNode('\u201d'));
  }

  function renderStatus(state, data, total, page, perPage, shown) {
    var s = els.status;
    clear(s);
    var q = state.q.trim();
    if (total === 0) {
      if (q) {
        s.appendChild(document.createTextNode('No documents match '));
        appendQuotedQuery(s, q);
        s.appendChild(document.createTextNode('. Try fewer words or remove a filter.'));
      } else if (activeFilterCount(state) > 0) {
        s.textContent = 'No documents match these filters. Try removing a filter.';
      } else {
        s.textContent = 'The archive has no documents yet.';
      }
      return;
    }
    var count = fmtInt(total) + ' ' + (q ? (total === 1 ? 'result' : 'results')
      : (total === 1 ? 'document' : 'documents'));
    s.appendChild(el('strong', 'status-count', count));
    if (q) {
      s.appendChild(document.createTextNode(' for '));
      appendQuotedQuery(s, q);
    }
    if (shown > 0 && total > perPage) {
      var from = (page - 1) * perPage + 1;
      var to = from + shown - 1;
      s.appendChild(el('span', 'status-sep', ' \u00b7 '));
      s.appendChild(document.createTextNode('showing ' + fmtInt(from) + '\u2013' + fmtInt(to)));
    }
    if (typeof data.took_ms === 'number' && isFinite(data.took_ms)) {
      s.appendChild(el('span', 'status-sep', ' \u00b7 '));
      var ms = data.took_ms < 10 ? data.took_ms.toFixed(1) : String(Math.round(data.took_ms));
      s.appendChild(el('span', 'status-time', ms + ' ms'));
    }
    if (shown === 0) {
      s.appendChild(document.createTextNode('. This page is past the last result.'));
    }
    renderSpelling(s, state, data.spelling_suggestion);
  }

  // "Did you mean …?" from the index's spelling data, as a link that runs
  // the corrected search with the same filters.
  function renderSpelling(parent, state, suggestion) {
    if (typeof suggestion !== 'string' || !suggestion.trim()) return;
    var corrected = cloneState(state);
    corrected.q = suggestion;
    corrected.page = 1;
    var a = el('a', 'spelling-link', suggestion);
    a.href = location.pathname + stateToQuery(corrected);
    a.addEventListener('click', function (ev) {
      ev.preventDefault();
      navigate(corrected, { focusResults: false });
    });
    var p = el('span', 'spelling');
    p.appendChild(document.createTextNode(' \u00b7 Did you mean '));
    p.appendChild(a);
    p.appendChild(document.createTextNode('?'));
    parent.appendChild(p);
  }

  function renderHits(hits) {
    clear(els.hits);
    var frag = document.createDocumentFragment();
    hits.forEach(function (hit) {
      if (!hit || typeof hit !== 'object') return;
      frag.appendChild(renderHit(hit));
    });
    els.hits.appendChild(frag);
  }

  function renderHit(hit) {
    var art = el('article', 'hit');
    var h = el('h2', 'hit-title');
    var title = hit.title && String(hit.title).trim() ? String(hit.title) : '(untitled document)';
    var hasId = hit.id !== undefined && hit.id !== null && hit.id !== '';
    if (hasId) {
      h.appendChild(documentLink(String(hit.id), title));
    } else {
      h.textContent = title;
    }
    art.appendChild(h);

    var meta = el('p', 'hit-meta');
    var items = [];
    if (hit.type) items.push(el('span', 'hit-type', typeLabel(hit.type)));
    if (hit.language) {
      items.push(el('span', 'hit-lang', hit.language_name || languageLabel(hit.language)));
    }
    if (hit.date) {
      var t = el('time', 'hit-date', formatDate(hit.date));
      if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(String(hit.date))) t.setAttribute('datetime', String(hit.date));
      items.push(t);
    } else if (hit.year && Number(hit.year) > 0) {
      items.push(el('span', 'hit-date', String(hit.year)));
    }
    var countries = asArray(hit.countries).filter(function (c) { return c !== '' && c !== null; });
    if (countries.length) {
      items.push(el('span', 'hit-countries', countryNames(countries, hit.country_names).join(', ')));
    }
    if (typeof hit.pages === 'number' && hit.pages > 1) {
      items.push(el('span', 'hit-pages', fmtInt(hit.pages) + ' pages'));
    }
    items.forEach(function (node, i) {
      if (i > 0) meta.appendChild(el('span', 'sep', ' \u00b7 '));
      meta.appendChild(node);
    });
    if (hit.path) {
      if (items.length) meta.appendChild(el('span', 'sep', ' \u00b7 '));
      meta.appendChild(el('code', 'hit-path', hit.path));
    }
    if (meta.firstChild) art.appendChild(meta);

    if (hit.snippet) {
      var p = el('p', 'hit-snippet');
      appendSnippet(p, hit.snippet);
      art.appendChild(p);
    }

    // PDFs: the pages holding the query's words, each opening the file there.
    var pages = asArray(hit.matching_pages).filter(function (n) {
      return typeof n === 'number' && n >= 1 && isFinite(n);
    });
    if (pages.length && typeof hit.pages === 'number' && hit.pages > 1 && hit.id) {
      var pp = el('p', 'hit-matching-pages');
      pp.appendChild(document.createTextNode(pages.length === 1 ? 'Match on page ' : 'Matches on pages '));
      pages.slice(0, 12).forEach(function (n, i) {
        if (i > 0) pp.appendChild(document.createTextNode(', '));
        var link = el('a', null, String(n));
        link.href = '/api/documents/' + encodeURIComponent(String(hit.id)) + '/original#page=' + n;
        pp.appendChild(link);
      });
      if (pages.length > 12) pp.appendChild(document.createTextNode(' and ' + (pages.length - 12) + ' more'));
      art.appendChild(pp);
    }

    var topics = asArray(hit.topics).filter(function (x) { return x !== '' && x !== null; });
    if (topics.length) {
      var ul = el('ul', 'hit-topics');
      ul.setAttribute('aria-label', 'Topics');
      topics.forEach(function (tp) { ul.appendChild(el('li', 'tag', slugToWords(tp))); });
      art.appendChild(ul);
    }

    if (hasId) art.appendChild(renderHitActions(hit));
    return art;
  }

  // Under each hit: the original file, and documents like it (loaded on demand).
  function renderHitActions(hit) {
    var id = String(hit.id);
    var row = el('p', 'hit-actions');
    var original = el('a', 'hit-original', 'Original file');
    original.href = originalUrl(id);
    row.appendChild(original);
    row.appendChild(el('span', 'sep', ' \u00b7 '));
    var button = el('button', 'link-button hit-similar-toggle', 'Similar documents');
    button.type = 'button';
    button.setAttribute('aria-expanded', 'false');
    var box = el('div', 'hit-similar');
    box.id = 'similar-' + id;
    box.hidden = true;
    button.setAttribute('aria-controls', box.id);
    button.addEventListener('click', function () {
      var open = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      box.hidden = !open;
      if (open && !box.firstChild) loadSimilar(id, box);
    });
    row.appendChild(button);
    var holder = el('div', 'hit-footer');
    holder.appendChild(row);
    holder.appendChild(box);
    return holder;
  }

  function originalUrl(id) {
    return API_DOCUMENTS + encodeURIComponent(id) + '/original';
  }

  // A link that opens the document view, keeping the search behind it.
  function documentLink(id, text) {
    var target = cloneState(lastState || readState(location.search));
    target.doc = id;
    var a = el('a', 'doc-link', text);
    a.href = location.pathname + stateToQuery(target);
    a.addEventListener('click', function (ev) {
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      navigate(target, { focusDocument: true });
    });
    return a;
  }

  function countryNames(codes, names) {
    var given = asArray(names);
    return codes.map(function (c, i) {
      return typeof given[i] === 'string' && given[i] ? given[i] : countryLabel(c);
    });
  }

  // "More like this" into `box`: a short list of document links.
  function loadSimilar(id, box) {
    clear(box);
    box.appendChild(el('p', 'similar-status', 'Loading similar documents\u2026'));
    var url = API_DOCUMENTS + encodeURIComponent(id) + '/similar?limit=' + SIMILAR_LIMIT;
    fetchJson(url).then(function (data) {
      clear(box);
      var hits = data && Array.isArray(data.hits) ? data.hits : [];
      if (!hits.length) {
        box.appendChild(el('p', 'similar-status', 'No similar documents found.'));
        return;
      }
      var ul = el('ul', 'similar-list');
      hits.forEach(function (h) {
        if (!h || !h.id) return;
        var li = el('li', 'similar-item');
        var title = h.title && String(h.title).trim() ? String(h.title) : '(untitled document)';
        li.appendChild(documentLink(String(h.id), title));
        var bits = [];
        if (h.type) bits.push(typeLabel(h.type));
        if (h.date) bits.push(formatDate(h.date));
        else if (h.year && Number(h.year) > 0) bits.push(String(h.year));
        if (bits.length) li.appendChild(el('span', 'similar-meta', ' \u2014 ' + bits.join(', ')));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }).catch(function (err) {
      clear(box);
      box.appendChild(el('p', 'similar-status', 'Could not load similar documents: ' + err.message));
    });
  }

  // GET a JSON route; rejects with the API's own error message when it has one.
  function fetchJson(url, signal) {
    return fetch(url, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: signal
    }).then(function (resp) {
      return resp.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (!resp.ok) {
          var msg = data && data.error && data.error.message ? String(data.error.message)
            : 'HTTP ' + resp.status;
          var err = new Error(msg);
          err.status = resp.status;
          throw err;
        }
        return data;
      });
    });
  }

  function renderPager(page, totalPages, total) {
    if (total === 0) {
      els.pager.hidden = true;
      return;
    }
    els.pager.hidden = totalPages <= 1 && page <= 1;
    els.pageInfo.textContent = 'Page ' + fmtInt(page) + ' of ' + fmtInt(totalPages);
    els.prev.disabled = page <= 1;
    els.next.disabled = page >= totalPages;
  }

  // The oldest and newest years of the results, as hints in the range inputs.
  function renderYearBounds(histogram) {
    var years = asArray(histogram).filter(function (b) {
      return b && typeof b.year === 'number' && b.year > 0 && b.count > 0;
    }).map(function (b) { return b.year; });
    els.yearFrom.placeholder = years.length ? String(Math.min.apply(null, years)) : '';
    els.yearTo.placeholder = years.length ? String(Math.max.apply(null, years)) : '';
  }

  function onYearRange(ev) {
    ev.preventDefault();
    var state = cloneState(lastState || readState(location.search));
    state.yearFrom = yearParam(els.yearFrom.value);
    state.yearTo = yearParam(els.yearTo.value);
    state.page = 1;
    navigate(state);
  }

  function renderFacets(state, facets) {
    var container = els.facetGroups;
    clear(container);
    facets = facets && typeof facets === 'object' ? facets : {};
    var any = false;

    FACETS.forEach(function (def) {
      var selected = state.filters[def.param];
      var buckets = Array.isArray(facets[def.key]) ? facets[def.key].slice() : [];
      buckets = buckets.filter(function (b) {
        return b && b.value !== undefined && b.value !== null && String(b.value) !== '';
      });
      // Selected values that the server did not return stay visible so they
      // can be unchecked.
      var present = {};
      buckets.forEach(function (b) { present[String(b.value)] = true; });
      selected.forEach(function (v) {
        if (!present[v]) buckets.unshift({ value: v, count: 0, selected: true });
      });
      if (!buckets.length) return;
      any = true;

      var group = el('section', 'facet-group');
      var headingId = 'facet-h-' + def.param;
      var heading = el('h3', 'facet-heading', def.heading);
      heading.id = headingId;
      group.appendChild(heading);

      var ul = el('ul', 'facet-list');
      ul.setAttribute('role', 'group');
      ul.setAttribute('aria-labelledby', headingId);
      var expanded = !!expandedFacets[def.param];
      var hiddenCount = 0;

      buckets.forEach(function (b, i) {
        var value = String(b.value);
        var isChecked = selected.indexOf(value) >= 0;
        var li = el('li', 'facet-item');
        if (!expanded && i >= FACET_COLLAPSED_LIMIT && !isChecked) {
          li.hidden = true;
          hiddenCount++;
        }
        var id = 'f-' + def.param + '-' + i;
        var cb = document.createElement('input');
        cb.type = 'checkbox';
        cb.id = id;
        cb.checked = isChecked;
        cb.setAttribute('data-param', def.param);
        cb.setAttribute('data-value', value);
        cb.addEventListener('change', onFacetChange);
        var label = el('label', 'facet-label');
        label.htmlFor = id;
        var name = typeof b.name === 'string' && b.name ? b.name : facetLabel(def.param, value);
        label.appendChild(el('span', 'facet-name', name));
        if (typeof b.count === 'number') {
          label.appendChild(document.createTextNode(' '));
          label.appendChild(el('span', 'facet-count', '(' + fmtInt(b.count) + ')'));
        }
        if (def.param === 'country' || def.param === 'lang' || def.param === 'topic') {
          label.title = value;
        }
        li.appendChild(cb);
        li.appendChild(label);
        ul.appendChild(li);

        if (pendingFocus && pendingFocus.param === def.param && pendingFocus.value === value) {
          pendingFocus.node = cb;
        }
      });
      group.appendChild(ul);

      if (hiddenCount > 0 || expanded && buckets.length > FACET_COLLAPSED_LIMIT) {
        var more = el('button', 'facet-more link-button',
          expanded ? 'Show fewer' : 'Show all ' + fmtInt(buckets.length));
        more.type = 'button';
        more.setAttribute('aria-expanded', expanded ? 'true' : 'false');
        more.addEventListener('click', function () {
          expandedFacets[def.param] = !expanded;
          renderFacets(lastState, facets);
          var again = container.querySelector('.facet-more[data-param="' + def.param + '"]');
          if (again) again.focus();
        });
        more.setAttribute('data-param', def.param);
        group.appendChild(more);
      }
      container.appendChild(group);
    });

    if (!any) {
      container.appendChild(el('p', 'facet-empty', 'No filters for these results.'));
    }
    if (pendingFocus && pendingFocus.node) {
      pendingFocus.node.focus({ preventScroll: true });
    }
    pendingFocus = null;
  }


  // --------------------------------------------------------- document view
  var LANGUAGE_SOURCES = {
    sidecar: 'from the metadata file',
    file: 'declared in the file',
    detected: 'detected from the text'
  };
  var DATE_SOURCES = {
    sidecar: 'from the metadata file',
    file: 'from the file\u2019s own metadata',
    text: 'found in the text',
    filename: 'from the file name',
    folder: 'from the folder name',
    'text-year': 'a year found in the text'
  };
  var FORMAT_LABELS = { pdf: 'PDF', html: 'HTML', xml: 'XML', text: 'Text', csv: 'CSV' };

  function searchStateOf(state) {
    var s = cloneState(state);
    s.doc = '';
    return s;
  }

  function showDocument(state, opts) {
    showError(null);
    if (currentRequest) currentRequest.abort();
    var controller = typeof AbortController !== 'undefined' ? new AbortController() : null;
    currentRequest = controller;
    var seq = ++requestSeq;
    clear(els.docView);
    els.docView.appendChild(renderBackLink(state));
    els.docView.appendChild(el('p', 'doc-loading', 'Loading the document\u2026'));
    setBusy(true);
    fetchJson(API_DOCUMENTS + encodeURIComponent(state.doc), controller ? controller.signal : undefined)
      .then(function (doc) {
        if (seq !== requestSeq) return;
        currentRequest = null;
        setBusy(false);
        if (!doc || typeof doc !== 'object') throw new Error('The search service sent an unreadable answer.');
        renderDocument(state, doc, opts);
      })
      .catch(function (err) {
        if (err && err.name === 'AbortError') return;
        if (seq !== requestSeq) return;
        currentRequest = null;
        setBusy(false);
        clear(els.docView);
        els.docView.appendChild(renderBackLink(state));
        var h = el('h1', 'doc-title', err.status === 404 ? 'Document not found' : 'Could not open the document');
        h.id = 'doc-title';
        els.docView.appendChild(h);
        els.docView.appendChild(el('p', 'doc-error', err.status === 404
          ? 'The archive holds no document with this id. It may have been removed since the link was made.'
          : String(err.message)));
        document.title = h.textContent + ' \u2013 Archivist';
        els.docView.focus({ preventScroll: true });
      });
  }

  function renderBackLink(state) {
    var back = searchStateOf(state);
    var a = el('a', 'doc-back', back.q || activeFilterCount(back) ? '\u2190 Back to results' : '\u2190 All documents');
    a.href = location.pathname + stateToQuery(back);
    a.addEventListener('click', function (ev) {
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      navigate(back, {});
    });
    var p = el('p', 'doc-back-row');
    p.appendChild(a);
    return p;
  }

  // A link to a search of the whole archive for one facet value, e.g. every
  // document on one country: where a journalist goes from a document.
  function facetSearchLink(param, value, text) {
    var s = readState('');
    s.filters[param] = [value];
    var a = el('a', 'doc-facet-link', text);
    a.href = location.pathname + stateToQuery(s);
    a.title = 'Every document with this ' + (param === 'country' ? 'country' : 'topic');
    a.addEventListener('click', function (ev) {
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      navigate(s, { focusResults: true });
    });
    return a;
  }

  function appendField(dl, term, value) {
    if (value === null || value === undefined || value === '') return;
    dl.appendChild(el('dt', null, term));
    var dd = el('dd');
    if (typeof value === 'string') dd.textContent = value;
    else dd.appendChild(value);
    dl.appendChild(dd);
  }

  function formatSize(bytes) {
    if (typeof bytes !== 'number' || !isFinite(bytes) || bytes < 0) return '';
    if (bytes < 1024) return fmtInt(bytes) + ' bytes';
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KB';
    return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
  }

  function renderDocument(state, doc, opts) {
    var id = String(doc.id || state.doc);
    var isPdf = doc.format === 'pdf';
    var view = els.docView;
    clear(view);
    view.appendChild(renderBackLink(state));

    var title = doc.title && String(doc.title).trim() ? String(doc.title) : '(untitled document)';
    var h = el('h1', 'doc-title', title);
    h.id = 'doc-title';
    view.appendChild(h);
    document.title = title + ' \u2013 Archivist';

    var columns = el('div', 'doc-columns');
    var main = el('div', 'doc-main');
    columns.appendChild(main);
    view.appendChild(columns);

    var dl = el('dl', 'doc-meta');
    appendField(dl, 'Type', doc.type ? typeLabel(doc.type) : '');
    if (doc.language) {
      var lang = doc.language_name || languageLabel(doc.language);
      var ls = LANGUAGE_SOURCES[doc.language_source];
      appendField(dl, 'Language', ls ? lang + ' (' + ls + ')' : lang);
    }
    if (doc.date) {
      var dateNode = el('span');
      var t = el('time', null, formatDate(doc.date));
      if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(String(doc.date))) t.setAttribute('datetime', String(doc.date));
      dateNode.appendChild(t);
      var ds = DATE_SOURCES[doc.date_source];
      if (ds) dateNode.appendChild(el('span', 'doc-source', ' (' + ds + ')'));
      appendField(dl, 'Date', dateNode);
    } else {
      appendField(dl, 'Date', 'Undated');
    }
    var countries = asArray(doc.countries).filter(function (c) { return typeof c === 'string' && c; });
    if (countries.length) {
      var cn = countryNames(countries, doc.country_names);
      var cs = el('span', 'doc-links');
      countries.forEach(function (c, i) {
        if (i > 0) cs.appendChild(document.createTextNode(', '));
        cs.appendChild(facetSearchLink('country', c, cn[i]));
      });
      appendField(dl, countries.length === 1 ? 'Country' : 'Countries', cs);
    }
    var topics = asArray(doc.topics).filter(function (x) { return typeof x === 'string' && x; });
    if (topics.length) {
      var ts = el('span', 'doc-links');
      topics.forEach(function (tp, i) {
        if (i > 0) ts.appendChild(document.createTextNode(', '));
        ts.appendChild(facetSearchLink('topic', tp, slugToWords(tp)));
      });
      appendField(dl, topics.length === 1 ? 'Topic' : 'Topics', ts);
    }
    var fileBits = [];
    if (doc.format) fileBits.push(FORMAT_LABELS[doc.format] || String(doc.format));
    if (typeof doc.pages === 'number' && doc.pages > 1) fileBits.push(fmtInt(doc.pages) + ' pages');
    if (typeof doc.size === 'number') fileBits.push(formatSize(doc.size));
    appendField(dl, 'File', fileBits.join(', '));
    if (doc.path) appendField(dl, 'Path', el('code', 'doc-path', doc.path));
    main.appendChild(dl);

    var actions = el('p', 'doc-actions');
    var original = el('a', 'btn doc-original', 'Open the original file');
    original.href = originalUrl(id);
    actions.appendChild(original);
    main.appendChild(actions);

    var similar = el('aside', 'doc-similar');
    similar.setAttribute('aria-labelledby', 'doc-similar-heading');
    var sh = el('h2', 'doc-section-title', 'Similar documents');
    sh.id = 'doc-similar-heading';
    similar.appendChild(sh);
    var box = el('div', 'doc-similar-list');
    similar.appendChild(box);

    main.appendChild(renderDocumentText(doc, id, isPdf, state.q));
    columns.appendChild(similar);
    loadSimilar(id, box);

    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target) {
      target.scrollIntoView();
    } else if (opts.focusDocument) {
      window.scrollTo(0, 0);
      view.focus({ preventScroll: true });
    }
  }

  // The text, one section per page with an anchor (#page-N); for PDFs each
  // page also links to that page of the original. Words of the search are
  // marked, and the pages holding them are flagged in the page list.
  function renderDocumentText(doc, id, isPdf, q) {
    // Extracted text keeps the file's blank lines; runs of them are noise on screen.
    var texts = asArray(doc.page_texts).map(function (t) {
      return typeof t === 'string' ? t.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim() : '';
    });
    var pageLangs = asArray(doc.page_languages);
    var section = el('section', 'doc-text');
    section.setAttribute('aria-labelledby', 'doc-text-heading');
    var th = el('h2', 'doc-section-title', texts.length > 1 ? 'Text, page by page' : 'Text');
    th.id = 'doc-text-heading';
    section.appendChild(th);
    if (!texts.length || texts.every(function (t) { return !t.trim(); })) {
      section.appendChild(el('p', 'doc-empty', 'No text could be extracted from this file.'));
      return section;
    }
    var matcher = queryMatcher(q);
    var nav = null;
    if (texts.length > 1) {
      nav = el('nav', 'doc-pages-nav');
      nav.setAttribute('aria-label', 'Pages');
      section.appendChild(nav);
    }
    texts.forEach(function (text, i) {
      var n = i + 1;
      var page = el('section', 'doc-page');
      page.id = 'page-' + n;
      var body = el('div', 'doc-page-text');
      var marked = appendMarked(body, text, matcher);
      if (texts.length === 1) {
        // One page: no page heading, but #page-1 still names it.
        page.appendChild(body);
        section.appendChild(page);
        return;
      }
      var head = el('h3', 'doc-page-title');
      var anchor = el('a', 'doc-page-anchor', 'Page ' + n);
      anchor.href = '#page-' + n;
      head.appendChild(anchor);
      var pl = pageLangs[i];
      if (typeof pl === 'string' && pl && pl !== doc.language) {
        head.appendChild(el('span', 'doc-page-lang', ' \u00b7 ' + languageLabel(pl)));
      }
      if (isPdf) {
        head.appendChild(el('span', 'sep', ' \u00b7 '));
        var inPdf = el('a', 'doc-page-pdf', 'open page ' + n + ' in the PDF');
        inPdf.href = originalUrl(id) + '#page=' + n;
        head.appendChild(inPdf);
      }
      page.appendChild(head);
      page.appendChild(body);
      section.appendChild(page);
      if (nav) {
        var link = el('a', marked ? 'doc-page-link has-match' : 'doc-page-link', String(n));
        link.href = '#page-' + n;
        if (marked) link.title = 'Page ' + n + ' holds words of the search';
        nav.appendChild(link);
        nav.appendChild(document.createTextNode(' '));
      }
    });
    return section;
  }

  // A regular expression for the plain words of a search (operators, field
  // prefixes and short words left out), matching at the start of words so
  // "report" also marks "reports"; null when there is nothing to mark.
  function queryMatcher(q) {
    var words = String(q || '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return w.length >= 3 && ['and', 'not', 'near', 'xor'].indexOf(w) < 0;
    });
    if (!words.length) return null;
    var escaped = words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); });
    return new RegExp('(?<![\\p{L}\\p{N}])(' + escaped.join('|') + ')', 'giu');
  }

  // Appends `text` to `parent` as text nodes, with matches in <mark>
  // elements (DOM building only). Returns whether anything was marked.
  function appendMarked(parent, text, matcher) {
    if (!matcher) {
      parent.appendChild(document.createTextNode(text));
      return false;
    }
    var last = 0;
    var any = false;
    matcher.lastIndex = 0;
    var m;
    while ((m = matcher.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      parent.appendChild(el('mark', null, m[0]));
      last = m.index + m[0].length;
      any = true;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
    return any;
  }

  // ------------------------------------------------------------ completions
  var suggestTimer = null;
  var suggestController = null;
  var suggestItems = [];
  var suggestActive = -1;

  function onQueryInput() {
    if (suggestTimer) clearTimeout(suggestTimer);
    var typed = els.q.value;
    if (typed.trim().length < 2) {
      closeSuggestions();
      return;
    }
    suggestTimer = setTimeout(function () { fetchSuggestions(typed); }, SUGGEST_DELAY_MS);
  }

  function fetchSuggestions(typed) {
    if (suggestController) suggestController.abort();
    suggestController = typeof AbortController !== 'undefined' ? new AbortController() : null;
    var url = API_SUGGEST + '?' + new URLSearchParams({ q: typed, limit: '8' }).toString();
    fetchJson(url, suggestController ? suggestController.signal : undefined).then(function (data) {
      if (els.q.value !== typed || document.activeElement !== els.q) return;
      var items = [];
      var seen = {};
      asArray(data && data.completions).forEach(function (c) {
        if (typeof c !== 'string' || !c.trim() || c === typed.trim() || seen['q:' + c]) return;
        seen['q:' + c] = true;
        items.push({ kind: 'query', text: c });
      });
      asArray(data && data.titles).slice(0, 5).forEach(function (t) {
        if (!t || typeof t.id !== 'string' || typeof t.title !== 'string' || seen['d:' + t.id]) return;
        seen['d:' + t.id] = true;
        items.push({ kind: 'doc', text: t.title, id: t.id });
      });
      renderSuggestions(items);
    }).catch(function (err) {
      if (err && err.name === 'AbortError') return;
      closeSuggestions();   // completions are a convenience: searching still works
    });
  }

  function renderSuggestions(items) {
    suggestItems = items;
    suggestActive = -1;
    clear(els.suggestions);
    els.q.removeAttribute('aria-activedescendant');
    if (!items.length) {
      closeSuggestions();
      return;
    }
    items.forEach(function (item, i) {
      var li = el('li', 'suggestion suggestion-' + item.kind);
      li.id = 'suggestion-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      if (item.kind === 'doc') {
        li.appendChild(el('span', 'suggestion-kind', 'Document'));
        li.appendChild(document.createTextNode(' '));
      }
      li.appendChild(el('span', 'suggestion-text', item.text));
      // mousedown, not click: the input keeps its focus until the choice is made.
      li.addEventListener('mousedown', function (ev) {
        ev.preventDefault();
        chooseSuggestion(i);
      });
      els.suggestions.appendChild(li);
    });
    els.suggestions.hidden = false;
    els.q.setAttribute('aria-expanded', 'true');
  }

  function closeSuggestions() {
    if (suggestTimer) clearTimeout(suggestTimer);
    suggestTimer = null;
    if (suggestController) suggestController.abort();
    suggestController = null;
    suggestItems = [];
    suggestActive = -1;
    if (!els.suggestions) return;
    els.suggestions.hidden = true;
    clear(els.suggestions);
    els.q.setAttribute('aria-expanded', 'false');
    els.q.removeAttribute('aria-activedescendant');
  }

  function moveSuggestion(delta) {
    if (!suggestItems.length) return;
    var n = suggestItems.length;
    suggestActive = suggestActive < 0 ? (delta > 0 ? 0 : n - 1) : (suggestActive + delta + n) % n;
    Array.prototype.forEach.call(els.suggestions.children, function (li, i) {
      li.setAttribute('aria-selected', i === suggestActive ? 'true' : 'false');
      li.classList.toggle('is-active', i === suggestActive);
    });
    els.q.setAttribute('aria-activedescendant', 'suggestion-' + suggestActive);
  }

  function chooseSuggestion(i) {
    var item = suggestItems[i];
    closeSuggestions();
    if (!item) return;
    var state = cloneState(lastState || readState(location.search));
    state.page = 1;
    if (item.kind === 'doc') {
      state.doc = item.id;
      navigate(state, { focusDocument: true });
      return;
    }
    els.q.value = item.text;
    state.q = item.text;
    state.doc = '';
    navigate(state, {});
  }

  function onQueryKeydown(ev) {
    var open = !els.suggestions.hidden;
    if (ev.key === 'ArrowDown' && open) {
      ev.preventDefault();
      moveSuggestion(1);
    } else if (ev.key === 'ArrowUp' && open) {
      ev.preventDefault();
      moveSuggestion(-1);
    } else if (ev.key === 'Enter' && open && suggestActive >= 0) {
      ev.preventDefault();
      chooseSuggestion(suggestActive);
    } else if (ev.key === 'Escape' && open) {
      ev.preventDefault();
      closeSuggestions();
    }
  }

  // ------------------------------------------------------------------ events
  function onFacetChange(ev) {
    var cb = ev.target;
    var param = cb.getAttribute('data-param');
    var value = cb.getAttribute('data-value');
    var state = cloneState(lastState || readState(location.search));
    var list = state.filters[param];
    var idx = list.indexOf(value);
    if (cb.checked && idx < 0) list.push(value);
    if (!cb.checked && idx >= 0) list.splice(idx, 1);
    state.page = 1;
    pendingFocus = { param: param, value: value };
    navigate(state);
  }

  function onSubmit(ev) {
    ev.preventDefault();
    var state = cloneState(lastState || readState(location.search));
    state.q = els.q.value.trim();
    state.page = 1;
    state.doc = '';
    closeSuggestions();
    navigate(state, { focusResults: false });
  }

  function onSort() {
    var state = cloneState(lastState || readState(location.search));
    state.sort = SORTS.indexOf(els.sort.value) >= 0 ? els.sort.value : '';
    state.page = 1;
    navigate(state);
  }

  function goPage(delta) {
    var state = cloneState(lastState || readState(location.search));
    state.page = Math.max(1, state.page + delta);
    navigate(state, { focusResults: true });
  }

  function onClearFilters(ev) {
    if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    var state = cloneState(lastState || readState(location.search));
    state.yearFrom = state.yearTo = '';
    FILTER_PARAMS.forEach(function (name) { state.filters[name] = []; });
    state.page = 1;
    navigate(state);
    els.q.focus();
  }

  function onHome(ev) {
    if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    expandedFacets = {};
    navigate(readState(''));
    els.q.focus();
  }

  function onToggleFacets() {
    var open = !els.facets.classList.contains('is-open');
    els.facets.classList.toggle('is-open', open);
    els.facetsToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    syncControls(lastState || readState(location.search));
  }

  function loadHealth() {
    fetch(API_HEALTH, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (d && typeof d.documents === 'number') {
          els.footer.textContent = 'Archivist \u00b7 ' + fmtInt(d.documents) +
            (d.documents === 1 ? ' document' : ' documents') + ' indexed';
        }
      })
      .catch(function () { /* footer stays generic */ });
  }

  function init() {
    els.form = $('search-form');
    els.q = $('q');
    els.sort = $('sort');
    els.results = $('results');
    els.hits = $('hits');
    els.status = $('status');
    els.error = $('error');
    els.pager = $('pager');
    els.prev = $('prev');
    els.next = $('next');
    els.pageInfo = $('page-info');
    els.facets = $('facets');
    els.facetsToggle = $('facets-toggle');
    els.facetGroups = $('facet-groups');
    els.clearFilters = $('clear-filters');
    els.footer = $('footer-info');
    els.suggestions = $('suggestions');
    els.searchView = $('search-view');
    els.docView = $('doc-view');
    els.resultActions = $('result-actions');
    els.exportCsv = $('export-csv');
    els.exportJsonl = $('export-jsonl');
    els.feedLink = $('feed-link');
    els.feedAlternate = $('feed-alternate');
    els.yearFrom = $('year-from');
    els.yearTo = $('year-to');
    $('year-range').addEventListener('submit', onYearRange);

    els.form.addEventListener('submit', onSubmit);
    els.sort.addEventListener('change', onSort);
    els.prev.addEventListener('click', function () { goPage(-1); });
    els.next.addEventListener('click', function () { goPage(1); });
    els.clearFilters.addEventListener('click', onClearFilters);
    els.facetsToggle.addEventListener('click', onToggleFacets);
    $('home-link').addEventListener('click', onHome);
    els.q.addEventListener('input', onQueryInput);
    els.q.addEventListener('keydown', onQueryKeydown);
    els.q.addEventListener('blur', closeSuggestions);
    window.addEventListener('popstate', function () {
      // A page anchor (#page-N) changes only the fragment: the view stays.
      if (location.search === renderedSearch) return;
      route(readState(location.search));
    });

    var state = readState(location.search);
    els.q.value = state.q;
    route(state);
    loadHealth();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
