// SPDX-License-Identifier: GPL-2.0-or-later
// The filters in force, summarised above the results: one link per filter
// that removes it, and one that removes them all. Names come from the
// answer's facets (in the interface language).

import { asArray, byId, clear, el, text } from './dom.js';
import { FOCUS_NONE, navLink } from './links.js';
import { FACET_KEYS, activeFilterCount, withChanges, withToggled, withoutFilters } from './state.js';
import { valueName } from './facets.js';
import { t } from './strings.js';

function nameOf(key, value, facets) {
  const bucket = asArray(facets && facets[key]).find((b) => b && String(b.value) === value);
  return valueName(key, bucket || { value });
}

function chip(state, label, without) {
  const li = el('li', 'active-filter');
  const link = navLink(without, '', 'active-filter-remove', FOCUS_NONE);
  link.appendChild(el('span', 'active-filter-name', label));
  link.appendChild(el('span', 'active-filter-x', ' \u00d7'));
  link.setAttribute('aria-label', t('active.remove', { filter: label }));
  li.appendChild(link);
  return li;
}

export function renderActiveFilters(state, facets) {
  const box = byId('active-filters');
  clear(box);
  if (!activeFilterCount(state)) {
    box.hidden = true;
    return;
  }
  box.appendChild(el('h2', 'active-filters-title', t('active.heading')));
  const ul = el('ul', 'active-filter-list');
  for (const key of FACET_KEYS) {
    for (const value of state.filters[key]) {
      const label = t('facet.' + key) + ': ' + nameOf(key, value, facets);
      ul.appendChild(chip(state, label, withToggled(state, key, value, false)));
    }
  }
  if (state.yearFrom || state.yearTo) {
    const label = state.yearFrom === state.yearTo ? t('active.year', { year: state.yearFrom })
      : state.yearFrom && state.yearTo ? t('active.years', { from: state.yearFrom, to: state.yearTo })
        : state.yearFrom ? t('active.since', { year: state.yearFrom }) : t('active.until', { year: state.yearTo });
    ul.appendChild(chip(state, label, withChanges(state, { yearFrom: '', yearTo: '' })));
  }
  box.appendChild(ul);
  if (activeFilterCount(state) > 1) {
    box.appendChild(text(' '));
    box.appendChild(navLink(withoutFilters(state), t('filters.clear'), 'active-clear', FOCUS_NONE));
  }
  box.hidden = false;
}
