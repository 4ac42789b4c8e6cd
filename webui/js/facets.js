// SPDX-License-Identifier: GPL-2.0-or-later
// The filters beside the results: one group of checkboxes per facet, each
// value with its count and its name from the API (in the interface
// language), long groups with a filter box. Years are not here: the
// timeline (timeline.js) is the one year control.

import { asArray, byId, clear, el } from './dom.js';
import { checklist } from './checklist.js';
import { slugToWords, t, yearName } from './strings.js';

// The facets listed here, in display order.
const LISTED = ['language', 'type', 'country', 'topic'];

// The name shown for a value: the API's (countries, languages, types), else
// one made from the value itself.
export function valueName(key, bucket) {
  if (typeof bucket.name === 'string' && bucket.name) return bucket.name;
  if (key === 'year') return yearName(bucket.value);
  if (key === 'topic') return slugToWords(bucket.value);
  if (key === 'language' && bucket.value === 'und') return t('language.und');
  return String(bucket.value);
}

// The facet's values as answered, plus selected values the answer left
// out, so that they can still be unchecked: {value, name, count, selected}.
export function entriesOf(key, answered, selected) {
  const buckets = asArray(answered).filter((b) =>
    b && b.value !== undefined && b.value !== null && String(b.value) !== '');
  const present = new Set(buckets.map((b) => String(b.value)));
  for (const v of selected) {
    if (!present.has(v)) buckets.unshift({ value: v, count: 0 });
  }
  return buckets.map((b) => ({
    value: String(b.value),
    name: valueName(key, b),
    count: typeof b.count === 'number' ? b.count : undefined,
    selected: selected.includes(String(b.value)),
  }));
}

// Draws the facets of a search answer for `state`. `onToggle(key, value,
// checked)` runs when a checkbox changes.
export function renderFacets(state, facets, onToggle) {
  const container = byId('facet-groups');
  clear(container);
  const answered = facets && typeof facets === 'object' ? facets : {};
  let any = false;
  for (const key of LISTED) {
    const entries = entriesOf(key, answered[key], state.filters[key]);
    if (!entries.length) continue;
    any = true;
    const group = el('section', 'facet-group');
    const heading = el('h3', 'facet-heading', t('facet.' + key));
    heading.id = 'facet-h-' + key;
    group.appendChild(heading);
    group.appendChild(checklist(entries, {
      listId: 'f-' + key, key, labelledBy: heading.id, collapse: true,
      filterLabel: t('filter.' + key), onToggle,
    }));
    container.appendChild(group);
  }
  if (!any) container.appendChild(el('p', 'facet-empty', t('facets.empty')));
}
