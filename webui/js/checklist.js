// SPDX-License-Identifier: GPL-2.0-or-later
// A list of facet values as checkboxes, each with its name and count, with
// a filter box when the list is long and "show all" past the first few:
// the filters beside the results and the country list beside the map.

import { el, text } from './dom.js';
import { session } from './state.js';
import { formatNumber, t, tn } from './strings.js';

export const FILTER_BOX_FROM = 9;  // values: a list this long gets a filter box
const COLLAPSED_LIMIT = 8;

// Lower case without accents, so "cote" finds "Côte d'Ivoire".
function folded(s) {
  return String(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function item(listId, key, entry, i, onToggle) {
  const li = el('li', 'facet-item');
  const id = listId + '-' + i;
  const cb = document.createElement('input');
  cb.type = 'checkbox';
  cb.id = id;
  cb.checked = entry.selected;
  cb.dataset.param = key;
  cb.dataset.value = entry.value;
  cb.addEventListener('change', () => onToggle(key, entry.value, cb.checked));
  const label = el('label', 'facet-label');
  label.htmlFor = id;
  label.appendChild(el('span', 'facet-name', entry.name));
  if (typeof entry.count === 'number') {
    label.appendChild(text(' '));
    label.appendChild(el('span', 'facet-count', '(' + formatNumber(entry.count) + ')'));
  }
  li.appendChild(cb);
  li.appendChild(label);
  li.dataset.match = folded(entry.name + ' ' + entry.value);
  return li;
}

// Builds the list into a new element and returns it. `entries`: {value,
// name, count, selected}. opts: listId (unique, names the checkboxes and
// the remembered filter text), key (the facet), labelledBy (the heading's
// id), collapse (show the first few and "show all"), filterLabel (the
// filter box's label), onToggle(key, value, checked).
export function checklist(entries, opts) {
  const box = el('div', 'checklist');
  const ul = el('ul', 'facet-list');
  ul.setAttribute('aria-labelledby', opts.labelledBy);
  const items = entries.map((entry, i) => item(opts.listId, opts.key, entry, i, opts.onToggle));
  items.forEach((li) => ul.appendChild(li));
  const none = el('p', 'facet-none', t('filter.none'));
  none.hidden = true;
  const status = el('p', 'visually-hidden');
  status.setAttribute('role', 'status');
  let filterInput = null;
  let more = null;

  const update = () => {
    const wanted = filterInput ? folded(filterInput.value.trim()) : '';
    const expanded = !opts.collapse || !!session.expandedFacets[opts.listId] || wanted !== '';
    let shown = 0;
    let hidden = 0;
    items.forEach((li, i) => {
      const matches = !wanted || li.dataset.match.includes(wanted);
      const checked = entries[i].selected;
      const visible = matches && (expanded || i < COLLAPSED_LIMIT || checked);
      li.hidden = !visible;
      if (visible) shown++;
      else if (matches) hidden++;
    });
    none.hidden = shown > 0;
    if (wanted) status.textContent = tn('filter.shown', shown);
    if (more) {
      more.hidden = wanted !== '' || (hidden === 0 && !session.expandedFacets[opts.listId]);
      const open = !!session.expandedFacets[opts.listId];
      more.textContent = open ? t('facet.fewer') : t('facet.all', { n: entries.length });
      more.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
  };

  if (entries.length >= FILTER_BOX_FROM) {
    const row = el('div', 'facet-filter');
    filterInput = document.createElement('input');
    filterInput.type = 'search';
    filterInput.id = opts.listId + '-filter';
    filterInput.className = 'facet-filter-input';
    filterInput.autocomplete = 'off';
    filterInput.value = session.facetFilters[opts.listId] || '';
    filterInput.dataset.filterFor = opts.key;
    const label = el('label', 'visually-hidden', opts.filterLabel);
    label.htmlFor = filterInput.id;
    filterInput.placeholder = opts.filterLabel;
    filterInput.addEventListener('input', () => {
      session.facetFilters[opts.listId] = filterInput.value;
      update();
    });
    row.appendChild(label);
    row.appendChild(filterInput);
    box.appendChild(row);
  }
  box.appendChild(ul);
  box.appendChild(none);
  box.appendChild(status);
  if (opts.collapse && entries.length > COLLAPSED_LIMIT) {
    more = el('button', 'facet-more link-button');
    more.type = 'button';
    more.dataset.param = opts.key;
    more.addEventListener('click', () => {
      session.expandedFacets[opts.listId] = !session.expandedFacets[opts.listId];
      update();
    });
    box.appendChild(more);
  }
  update();
  return box;
}

// After a render: focus what session.pendingFocus names ({selector}), if
// drawn; `last` says no later render will draw it.
export function restoreFocus(last) {
  const focus = session.pendingFocus;
  const node = focus && focus.selector ? document.querySelector(focus.selector) : null;
  if (node) node.focus({ preventScroll: true });
  if (node || last) session.pendingFocus = null;
}
