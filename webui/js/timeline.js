// SPDX-License-Identifier: GPL-2.0-or-later
// The year control, one for the whole page: a histogram of the current
// answer's years (`year_histogram`, counted with every filter but the
// years', so the bars outside a range still say what they hold), the
// From/To inputs and the count of documents without a known year. A click
// on a bar sets both bounds to its year; a drag across bars sets the
// range; the inputs and the bars always show the same range.

import { asArray, byId, clear, el } from './dom.js';
import { formatNumber, t, tn } from './strings.js';

const SVG = 'http://www.w3.org/2000/svg';
const BAR = 10;       // viewBox units per year
const HEIGHT = 100;   // viewBox height of the bars
const MIN_SLOTS = 24; // a few years are drawn as bars of a usual width, centred

function svgNode(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

function inRange(year, from, to) {
  return (from === '' || year >= Number(from)) && (to === '' || year <= Number(to));
}

// Years to label on the axis: the first, the last and round years between,
// at least `gap` years apart so that the labels never overlap.
function axisYears(first, last, gap) {
  const span = last - first;
  const step = Math.max(gap, [1, 2, 5, 10, 20, 25, 50, 100].find((s) => span / s <= 8) || 200);
  const years = [first];
  for (let y = Math.ceil((first + 1) / step) * step; y < last; y += step) {
    // The first and last labels are flush with the ends, not centred: more room beside them.
    const room = Math.max(gap, step / 2);
    const before = years.length === 1 ? 1.5 * room : room;
    if (y - years[years.length - 1] >= before && last - y >= 1.5 * room) years.push(y);
  }
  // The last year is labelled, in place of a round year too close to it.
  if (years.length > 1 && last - years[years.length - 1] < 2 * gap) years.pop();
  if (last - first >= 2 * gap) years.push(last);
  return years;
}

// A short description of the bars for those who cannot see them.
function summary(bars) {
  const dated = bars.filter((b) => b.count > 0);
  if (!dated.length) return t('years.none');
  const top = dated.slice().sort((a, b) => b.count - a.count || a.year - b.year)[0];
  return t('years.summary', { from: String(bars[0].year), to: String(bars[bars.length - 1].year),
    top: String(top.year), count: tn('count.documents', top.count) });
}

// Draws the histogram of `histogram` ([{year, count}]) for `state`;
// onRange(from, to) runs with the years chosen (strings).
export function renderTimeline(state, histogram, onRange) {
  const holder = byId('histogram');
  clear(holder);
  const bars = asArray(histogram).filter((b) => b && typeof b.year === 'number' && b.year > 0 &&
    typeof b.count === 'number');
  byId('year-from').placeholder = bars.length ? String(bars[0].year) : '';
  byId('year-to').placeholder = bars.length ? String(bars[bars.length - 1].year) : '';
  byId('year-clear').hidden = !(state.yearFrom || state.yearTo);
  if (!bars.length) {
    holder.appendChild(el('p', 'histogram-empty', t('years.none')));
    return;
  }
  const max = Math.max(1, ...bars.map((b) => b.count));
  const slots = Math.max(bars.length, MIN_SLOTS);
  const offset = Math.floor((slots - bars.length) / 2);
  const width = slots * BAR;
  const svg = svgNode('svg', { viewBox: '0 0 ' + width + ' ' + HEIGHT,
    preserveAspectRatio: 'none', class: 'histogram-svg', role: 'img', 'aria-label': summary(bars) });
  const columns = [];
  bars.forEach((bar, i) => {
    const h = bar.count ? Math.max(3, (bar.count / max) * (HEIGHT - 4)) : 0;
    const selected = (state.yearFrom || state.yearTo) && inRange(bar.year, state.yearFrom, state.yearTo);
    const g = svgNode('g', { class: 'histogram-bar' + (selected ? ' is-selected' : '') +
      (bar.count ? '' : ' is-empty') });
    g.dataset.year = String(bar.year);
    // A full-height hit area, so that thin and empty years can be clicked and dragged over.
    const x = (offset + i) * BAR;
    g.appendChild(svgNode('rect', { x, y: 0, width: BAR, height: HEIGHT, class: 'histogram-hit' }));
    g.appendChild(svgNode('rect', { x: x + 1, y: HEIGHT - h, width: BAR - 2, height: h,
      class: 'histogram-fill' }));
    const title = svgNode('title');
    title.textContent = String(bar.year) + ': ' + tn('count.documents', bar.count);
    g.appendChild(title);
    svg.appendChild(g);
    columns.push(g);
  });
  holder.appendChild(svg);
  // The axis in HTML under the stretched drawing, so its text keeps its shape.
  const axis = el('div', 'histogram-axis');
  axis.setAttribute('aria-hidden', 'true');
  // A label is about 40 px wide: the years between two labels, at this width.
  const slotPixels = (holder.clientWidth || 600) / slots;
  const gap = Math.max(1, Math.ceil(44 / slotPixels));
  const labelled = axisYears(bars[0].year, bars[bars.length - 1].year, gap);
  const axisSingle = labelled.length === 1 && bars.length > 1;
  for (const year of labelled) {
    const i = year - bars[0].year;
    const edge = offset === 0 && i === 0 ? ' is-first' : (offset === 0 && i === bars.length - 1 ? ' is-last' : '');
    // Too few years for two labels: the first names the whole span.
    const text = i === 0 && axisSingle ? String(year) + '\u2013' + String(bars[bars.length - 1].year) : String(year);
    const label = el('span', 'histogram-label' + edge, text);
    const centre = edge === ' is-first' ? 0 : (edge === ' is-last' ? 100 : ((offset + i + 0.5) / slots) * 100);
    label.style.left = centre + '%';
    axis.appendChild(label);
  }
  holder.appendChild(axis);
  installDrag(svg, bars, columns, offset, slots, onRange);
  // The same numbers as a table, for screen readers.
  const table = el('table', 'visually-hidden');
  table.appendChild(el('caption', null, t('years.table')));
  const head = el('tr');
  head.appendChild(el('th', null, t('years.year')));
  head.appendChild(el('th', null, t('years.documents')));
  table.appendChild(head);
  for (const bar of bars.filter((b) => b.count > 0)) {
    const row = el('tr');
    row.appendChild(el('td', null, String(bar.year)));
    row.appendChild(el('td', null, formatNumber(bar.count)));
    table.appendChild(row);
  }
  holder.appendChild(table);
}

// Pointer down on a bar starts a selection, moving across bars extends it,
// releasing applies it (one bar: that year).
function installDrag(svg, bars, columns, offset, slots, onRange) {
  let start = -1;
  let end = -1;
  const indexAt = (ev) => {
    const box = svg.getBoundingClientRect();
    const i = Math.floor(((ev.clientX - box.left) / box.width) * slots) - offset;
    return Math.min(bars.length - 1, Math.max(0, i));
  };
  const paint = () => {
    const lo = Math.min(start, end);
    const hi = Math.max(start, end);
    columns.forEach((g, i) => g.classList.toggle('is-dragged', start >= 0 && i >= lo && i <= hi));
  };
  svg.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    ev.preventDefault();
    start = end = indexAt(ev);
    svg.setPointerCapture(ev.pointerId);
    paint();
  });
  svg.addEventListener('pointermove', (ev) => {
    if (start < 0) return;
    end = indexAt(ev);
    paint();
  });
  const finish = (ev, apply) => {
    if (start < 0) return;
    if (ev && apply) end = indexAt(ev);
    const lo = Math.min(start, end);
    const hi = Math.max(start, end);
    start = end = -1;
    paint();
    if (apply) onRange(String(bars[lo].year), String(bars[hi].year));
  };
  svg.addEventListener('pointerup', (ev) => finish(ev, true));
  svg.addEventListener('pointercancel', () => finish(null, false));
}

// "N documents have no known year" under the bars (`undated`, the API's
// count, taken as the years are: without the year filter), and, while a
// year filter holds, the checkbox that lets them through it (`included`).
export function renderUndated(undated, rangeSet, included) {
  const box = byId('undated');
  if (typeof undated !== 'number' || undated <= 0) {
    box.hidden = true;
    return;
  }
  const key = !rangeSet ? 'years.undated' : (included ? 'years.undated.included' : 'years.undated.left-out');
  byId('undated-count').textContent = tn(key, undated);
  byId('include-undated-row').hidden = !rangeSet;
  byId('include-undated').checked = !!included;
  box.hidden = false;
}
