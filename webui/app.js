/* Archivist web UI.
 *
 * Plain script, no build step. Served under a strict CSP (script-src 'self',
 * style-src 'self'), so: no inline handlers, no inline styles, no eval.
 *
 * Security rule: every value from the API reaches the DOM through
 * textContent / createElement. The single exception is hit.snippet, which the
 * server has HTML-escaped and which contains only <mark>...</mark>; it is
 * parsed by appendSnippet() into text nodes and <mark> elements, never through
 * innerHTML.
 *
 * State lives in the query string (?q=&page=&sort=&lang=&type=&country=&topic=&year=),
 * updated with history.pushState and restored on popstate.
 */
(function () {
  'use strict';

  var API_SEARCH = '/api/search';
  var API_HEALTH = '/healthz';
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

  function cloneState(s) {
    var c = { q: s.q, page: s.page, perPage: s.perPage, sort: s.sort, filters: {} };
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
    if (s.sort) p.set('sort', s.sort);
    if (s.rawPage !== undefined) p.set('page', s.rawPage);
    else if (s.page > 1) p.set('page', String(s.page));
    if (s.perPage !== DEFAULT_PER_PAGE) p.set('per_page', String(s.perPage));
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
    return p.toString();
  }

  function activeFilterCount(s) {
    var n = 0;
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
    runSearch(state, opts);
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
    FILTER_PARAMS.forEach(function (name) { clearState.filters[name] = []; });
    clearState.page = 1;
    els.clearFilters.href = location.pathname + stateToQuery(clearState);
    els.facetsToggle.textContent = (els.facets.classList.contains('is-open') ? 'Hide filters' : 'Show filters') +
      (n ? ' (' + n + ' active)' : '');
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
  }

  // ------------------------------------------------------------------ render
  function render(state, data, opts) {
    var total = typeof data.total === 'number' ? data.total : 0;
    var hits = Array.isArray(data.hits) ? data.hits : [];
    var page = typeof data.page === 'number' && data.page >= 1 ? data.page : state.page;
    var perPage = typeof data.per_page === 'number' && data.per_page >= 1 ? data.per_page : state.perPage;
    var totalPages = Math.max(1, Math.ceil(total / perPage));

    renderStatus(state, data, total, page, perPage, hits.length);
    renderHits(hits);
    renderPager(page, totalPages, total);
    renderFacets(state, data.facets);

    if (opts.focusResults) {
      els.results.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
  }

  function renderStatus(state, data, total, page, perPage, shown) {
    var s = els.status;
    clear(s);
    var q = state.q.trim();
    if (total === 0) {
      if (q) {
        s.appendChild(document.createTextNode('No documents match \u201c'));
        s.appendChild(el('span', 'status-query', q));
        s.appendChild(document.createTextNode('\u201d. Try fewer words or remove a filter.'));
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
      s.appendChild(document.createTextNode(' for \u201c'));
      s.appendChild(el('span', 'status-query', q));
      s.appendChild(document.createTextNode('\u201d'));
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
    if (hit.id !== undefined && hit.id !== null && hit.id !== '') {
      var a = el('a', null, title);
      a.href = '/api/documents/' + encodeURIComponent(String(hit.id)) + '/original';
      h.appendChild(a);
    } else {
      h.textContent = title;
    }
    art.appendChild(h);

    var meta = el('p', 'hit-meta');
    var items = [];
    if (hit.type) items.push(el('span', 'hit-type', typeLabel(hit.type)));
    if (hit.language) {
      var lang = el('span', 'hit-lang', languageLabel(hit.language));
      items.push(lang);
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
      items.push(el('span', 'hit-countries', countries.map(countryLabel).join(', ')));
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
    return art;
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
        label.appendChild(el('span', 'facet-name', facetLabel(def.param, value)));
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

    els.form.addEventListener('submit', onSubmit);
    els.sort.addEventListener('change', onSort);
    els.prev.addEventListener('click', function () { goPage(-1); });
    els.next.addEventListener('click', function () { goPage(1); });
    els.clearFilters.addEventListener('click', onClearFilters);
    els.facetsToggle.addEventListener('click', onToggleFacets);
    $('home-link').addEventListener('click', onHome);
    window.addEventListener('popstate', function () {
      runSearch(readState(location.search));
    });

    var state = readState(location.search);
    els.q.value = state.q;
    runSearch(state);
    loadHealth();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
