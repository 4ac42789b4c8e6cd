// SPDX-License-Identifier: GPL-2.0-or-later
// The filters beside the results: one group of checkboxes per facet, each
// value with its count and its name from the API, and the year range's hints.

import { asArray, byId, clear, el, text } from './dom.js';
import { FACET_KEYS, session } from './state.js';
import { FACET_HEADINGS, formatNumber, slugToWords, yearName } from './strings.js';

const COLLAPSED_LIMIT = 8;

// The name shown for a value: the API's (countries, languages, types), else
// one made from the value itself.
function valueName(key, bucket) {
  if (typeof bucket.name === 'string' && bucket.name) return bucket.name;
  if (key === 'year') return yearName(bucket.value);
  if (key === 'topic') return slugToWords(bucket.value);
  return String(bucket.value);
}

// The facet's values as answered, plus selected values the answer left out,
// so that they can still be unchecked.
function bucketsOf(answered, selected) {
  const buckets = asArray(answered).filter((b) =>
    b && b.value !== undefined && b.value !== null && String(b.value) !== '');
  const present = new Set(buckets.map((b) => String(b.value)));
  for (const v of selected) {
    if (!present.has(v)) buckets.unshift({ value: v, count: 0, selected: true });
  }
  return buckets;
}

function facetItem(key, bucket, i, checked, onToggle) {
  const value = String(bucket.value);
  const li = el('li', 'facet-item');
  const id = 'f-' + key + '-' + i;
  const cb = document.createElement('input');
  cb.type = 'checkbox';
  cb.id = id;
  cb.checked = checked;
  cb.dataset.param = key;
  cb.dataset.value = value;
  cb.addEventListener('change', () => onToggle(key, value, cb.checked));
  const label = el('label', 'facet-label');
  label.htmlFor = id;
  label.appendChild(el('span', 'facet-name', valueName(key, bucket)));
  if (typeof bucket.count === 'number') {
    label.appendChild(text(' '));
    label.appendChild(el('span', 'facet-count', '(' + formatNumber(bucket.count) + ')'));
  }
  if (key === 'country' || key === 'language' || key === 'topic') label.title = value;
  li.appendChild(cb);
  li.appendChild(label);
  const focus = session.pendingFocus;
  if (focus && focus.key === key && focus.value === value) focus.node = cb;
  return li;
}

function moreButton(key, expanded, count, rerender) {
  const more = el('button', 'facet-more link-button',
    expanded ? 'Show fewer' : 'Show all ' + formatNumber(count));
  more.type = 'button';
  more.dataset.param = key;
  more.setAttribute('aria-expanded', expanded ? 'true' : 'false');
  more.addEventListener('click', () => {
    session.expandedFacets[key] = !expanded;
    rerender();
    const again = byId('facet-groups').querySelector('.facet-more[data-param="' + key + '"]');
    if (again) again.focus();
  });
  return more;
}

function facetGroup(key, buckets, selected, onToggle, rerender) {
  const group = el('section', 'facet-group');
  const heading = el('h3', 'facet-heading', FACET_HEADINGS[key]);
  heading.id = 'facet-h-' + key;
  group.appendChild(heading);
  const ul = el('ul', 'facet-list');
  ul.setAttribute('role', 'group');
  ul.setAttribute('aria-labelledby', heading.id);
  const expanded = !!session.expandedFacets[key];
  let hiddenCount = 0;
  buckets.forEach((bucket, i) => {
    const checked = selected.includes(String(bucket.value));
    const li = facetItem(key, bucket, i, checked, onToggle);
    if (!expanded && i >= COLLAPSED_LIMIT && !checked) {
      li.hidden = true;
      hiddenCount++;
    }
    ul.appendChild(li);
  });
  group.appendChild(ul);
  if (hiddenCount > 0 || (expanded && buckets.length > COLLAPSED_LIMIT)) {
    group.appendChild(moreButton(key, expanded, buckets.length, rerender));
  }
  return group;
}

// Draws the facets of a search answer for `state`. `onToggle(key, value,
// checked)` runs when a checkbox changes; the focus returns to the checkbox
// named by session.pendingFocus, if any.
export function renderFacets(state, facets, onToggle) {
  const container = byId('facet-groups');
  clear(container);
  const answered = facets && typeof facets === 'object' ? facets : {};
  const rerender = () => renderFacets(state, facets, onToggle);
  let any = false;
  for (const key of FACET_KEYS) {
    const selected = state.filters[key];
    const buckets = bucketsOf(answered[key], selected);
    if (!buckets.length) continue;
    any = true;
    container.appendChild(facetGroup(key, buckets, selected, onToggle, rerender));
  }
  if (!any) container.appendChild(el('p', 'facet-empty', 'No filters for these results.'));
  const focus = session.pendingFocus;
  if (focus && focus.node) focus.node.focus({ preventScroll: true });
  session.pendingFocus = null;
}

// The oldest and newest years of the results, as hints in the range inputs.
export function renderYearBounds(histogram) {
  const years = asArray(histogram)
    .filter((b) => b && typeof b.year === 'number' && b.year > 0 && b.count > 0)
    .map((b) => b.year);
  byId('year-from').placeholder = years.length ? String(Math.min(...years)) : '';
  byId('year-to').placeholder = years.length ? String(Math.max(...years)) : '';
}
