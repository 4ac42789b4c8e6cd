// SPDX-License-Identifier: GPL-2.0-or-later
// The country map: a choropleth of the current answer's country facet,
// drawn in the browser from Natural Earth's 1:110m countries (world-atlas
// TopoJSON, ids made ISO alpha-2 by tools/vendor-webui) with d3-geo and
// topojson-client, all served from webui/vendor/: nothing from another
// origin. Beside it, the same countries as a list, sortable and filterable,
// which is also the keyboard's way to every country (the map is one tab
// stop, its countries reached with the arrow keys).
//
// Names and counts reach the page as text only (tooltip, labels, caption).

import { byId, clear, el, text } from './dom.js';
import { checklist } from './checklist.js';
import { entriesOf } from './facets.js';
import { mapOpen, session } from './state.js';
import { formatNumber, regionName, t, tn } from './strings.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 960;
const HEIGHT = 500;
// Sequential blues, light to dark; neutral for countries without documents.
const CLASS_COUNT = 5;

let libraries = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error('could not load ' + src));
    document.head.appendChild(script);
  });
}

// Loads the map's libraries (classic scripts: their ES sources import bare
// package names a browser cannot resolve without an import map, which the
// CSP would have to allow inline) and the countries, once.
function loadMapData() {
  if (!libraries) {
    libraries = (async () => {
      const atlas = fetch('vendor/countries-110m.json').then((r) => {
        if (!r.ok) throw new Error('map data: HTTP ' + r.status);
        return r.json();
      });
      await loadScript('vendor/d3-array.min.js');
      await loadScript('vendor/d3-geo.min.js');
      await loadScript('vendor/topojson-client.min.js');
      const world = await atlas;
      const shapes = window.topojson.feature(world, world.objects.countries).features;
      const projection = window.d3.geoNaturalEarth1()
        .fitExtent([[4, 4], [WIDTH - 4, HEIGHT - 4]], { type: 'Sphere' });
      const path = window.d3.geoPath(projection);
      return {
        sphere: path({ type: 'Sphere' }),
        countries: shapes.map((f) => ({ id: f.id || '', d: path(f), x: path.centroid(f)[0] })),
      };
    })();
    libraries.catch(() => { libraries = null; });
  }
  return libraries;
}

// Class bounds for counts up to `max`: one class per count while there
// are few, else steps growing geometrically (counts are skewed: one
// country often holds most of an archive).
function classBounds(max) {
  if (max <= CLASS_COUNT) return Array.from({ length: max }, (_, i) => i + 1);
  const bounds = [];
  for (let k = 1; k <= CLASS_COUNT; k++) {
    const b = Math.max(1, Math.round(Math.pow(max, k / CLASS_COUNT)));
    if (!bounds.length || b > bounds[bounds.length - 1]) bounds.push(b);
  }
  bounds[bounds.length - 1] = max;
  return bounds;
}

function classOf(count, bounds) {
  if (!count) return -1;
  return bounds.findIndex((b) => count <= b);
}

function svgNode(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

function countLabel(name, count) {
  return name + ': ' + tn('count.documents', count);
}

function renderLegend(bounds, palette) {
  const legend = byId('map-legend');
  clear(legend);
  legend.appendChild(el('span', 'map-legend-title', t('map.legend')));
  const ul = el('ul', 'map-legend-list');
  const add = (cls, label) => {
    const li = el('li', 'map-legend-item');
    li.appendChild(el('span', 'map-swatch ' + cls));
    li.appendChild(text(label));
    ul.appendChild(li);
  };
  add('map-class-none', t('map.none'));
  let low = 1;
  bounds.forEach((high, i) => {
    add('map-class-' + palette[i], low === high ? formatNumber(low)
      : formatNumber(low) + '\u2013' + formatNumber(high));
    low = high + 1;
  });
  legend.appendChild(ul);
}

// The bounds' classes spread over the five shades.
function paletteFor(bounds) {
  if (bounds.length >= CLASS_COUNT) return bounds.map((_, i) => i);
  return bounds.map((_, i) => (bounds.length === 1 ? CLASS_COUNT - 1
    : Math.round((i * (CLASS_COUNT - 1)) / (bounds.length - 1))));
}

function showTooltip(tooltip, label, x, y) {
  tooltip.textContent = label;
  tooltip.hidden = false;
  tooltip.style.left = x + 'px';
  tooltip.style.top = y + 'px';
}

// Draws the map of `entries` ({value, name, count, selected}).
async function drawMap(entries, onToggle) {
  const holder = byId('map');
  let data;
  try {
    data = await loadMapData();
  } catch (err) {
    clear(holder);
    holder.appendChild(el('p', 'map-error', t('map.error')));
    return;
  }
  const byCode = new Map(entries.map((e) => [e.value, e]));
  const max = Math.max(0, ...entries.map((e) => e.count || 0));
  const bounds = classBounds(max);
  const palette = paletteFor(bounds);
  clear(holder);
  const svg = svgNode('svg', { viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, class: 'map-svg',
    role: 'group', 'aria-labelledby': 'map-caption' });
  svg.appendChild(svgNode('path', { d: data.sphere, class: 'map-sphere' }));
  const tooltip = el('div', 'map-tooltip');
  tooltip.hidden = true;
  tooltip.setAttribute('aria-hidden', 'true');
  const focusable = [];
  for (const country of data.countries) {
    const entry = byCode.get(country.id);
    const count = entry ? entry.count || 0 : 0;
    const cls = classOf(count, bounds);
    const shape = svgNode('path', {
      d: country.d,
      class: 'map-country ' + (cls < 0 ? 'map-class-none' : 'map-class-' + palette[cls]) +
        (entry && entry.selected ? ' is-selected' : ''),
    });
    if (country.id) shape.dataset.country = country.id;
    const name = entry ? entry.name : (country.id ? regionName(country.id) : '');
    const label = countLabel(name || t('map.unnamed'), count);
    shape.addEventListener('pointermove', (ev) => {
      const box = holder.getBoundingClientRect();
      showTooltip(tooltip, label, ev.clientX - box.left, ev.clientY - box.top);
    });
    shape.addEventListener('pointerleave', () => { tooltip.hidden = true; });
    if (count > 0) {
      shape.setAttribute('role', 'checkbox');
      shape.setAttribute('aria-checked', entry.selected ? 'true' : 'false');
      shape.setAttribute('aria-label', label);
      shape.setAttribute('tabindex', '-1');
      shape.classList.add('has-documents');
      const toggle = () => {
        session.pendingFocus = { selector: '.map-country[data-country="' + country.id + '"]' };
        onToggle('country', country.id, !entry.selected);
      };
      shape.addEventListener('click', toggle);
      shape.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          toggle();
        }
      });
      shape.addEventListener('focus', () => {
        const box = holder.getBoundingClientRect();
        const r = shape.getBoundingClientRect();
        showTooltip(tooltip, label, r.left + r.width / 2 - box.left, r.top + r.height / 2 - box.top);
      });
      shape.addEventListener('blur', () => { tooltip.hidden = true; });
      focusable.push({ node: shape, x: country.x });
    }
    svg.appendChild(shape);
  }
  // Selected countries drawn last, so their outline is not hidden by a neighbour's.
  for (const node of Array.from(svg.querySelectorAll('.is-selected'))) svg.appendChild(node);
  // One tab stop: the arrow keys move west to east through the countries with documents.
  focusable.sort((a, b) => a.x - b.x);
  if (focusable.length) focusable[0].node.setAttribute('tabindex', '0');
  focusable.forEach((f, i) => {
    f.node.addEventListener('keydown', (ev) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
      if (!step) return;
      ev.preventDefault();
      const next = focusable[(i + step + focusable.length) % focusable.length].node;
      f.node.setAttribute('tabindex', '-1');
      next.setAttribute('tabindex', '0');
      next.focus();
    });
  });
  holder.appendChild(svg);
  holder.appendChild(tooltip);
  renderLegend(bounds, palette);
}

function caption(entries) {
  const withDocs = entries.filter((e) => e.count > 0);
  if (!withDocs.length) return t('map.caption.empty');
  const top = withDocs.slice().sort((a, b) => b.count - a.count).slice(0, 3)
    .map((e) => e.name + ' (' + formatNumber(e.count) + ')').join(', ');
  return tn('map.caption', withDocs.length, { top });
}

function renderCountryList(entries, onToggle) {
  const box = byId('country-list');
  clear(box);
  const heading = el('h3', 'country-list-title', t('map.list'));
  heading.id = 'country-list-heading';
  box.appendChild(heading);
  const sortRow = el('div', 'country-sort');
  const select = document.createElement('select');
  select.id = 'country-sort';
  for (const [value, key] of [['count', 'map.sort.count'], ['name', 'map.sort.name']]) {
    const option = el('option', null, t(key));
    option.value = value;
    select.appendChild(option);
  }
  select.value = session.countrySort;
  const label = el('label', null, t('map.sort'));
  label.htmlFor = select.id;
  sortRow.appendChild(label);
  sortRow.appendChild(select);
  box.appendChild(sortRow);
  const sorted = entries.slice();
  const collator = new Intl.Collator(document.documentElement.lang);
  if (session.countrySort === 'name') sorted.sort((a, b) => collator.compare(a.name, b.name));
  else sorted.sort((a, b) => (b.count || 0) - (a.count || 0) || collator.compare(a.name, b.name));
  const list = checklist(sorted, {
    listId: 'map-list', key: 'country', labelledBy: heading.id, collapse: false,
    filterLabel: t('filter.country'), onToggle,
  });
  list.classList.add('country-checklist');
  box.appendChild(list);
  select.addEventListener('change', () => {
    session.countrySort = select.value === 'name' ? 'name' : 'count';
    renderCountryList(entries, onToggle);
    byId('country-sort').focus();
  });
}

// Shows or hides the map section for `state`, and draws the country facet
// of its answer when open.
export function renderMap(state, facets, onToggle) {
  const open = mapOpen(state);
  byId('map-body').hidden = !open;
  const toggle = byId('map-toggle');
  toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  toggle.textContent = open ? t('map.hide') : t('map.show');
  if (!open) return Promise.resolve();
  const entries = entriesOf('country', facets && facets.country, state.filters.country);
  byId('map-caption').textContent = caption(entries);
  renderCountryList(entries, onToggle);
  return drawMap(entries, onToggle);
}
