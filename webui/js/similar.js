// SPDX-License-Identifier: GPL-2.0-or-later
// "More like this": a short list of documents like one, loaded on demand,
// under a hit and beside an open document.

import * as api from './api.js';
import { clear, el } from './dom.js';
import { documentLink } from './links.js';
import { shortTitle } from './results.js';
import { errorText, formatDate, t } from './strings.js';

const SIMILAR_LIMIT = 5;

function similarItem(hit) {
  const li = el('li', 'similar-item');
  const title = hit.title && String(hit.title).trim() ? String(hit.title) : t('doc.untitled');
  li.appendChild(documentLink(String(hit.id), shortTitle(title)));
  const bits = [];
  if (hit.type_name) bits.push(hit.type_name);
  if (hit.date) bits.push(formatDate(hit.date));
  else if (hit.year && Number(hit.year) > 0) bits.push(String(hit.year));
  if (bits.length) li.appendChild(el('span', 'similar-meta', ' \u2014 ' + bits.join(', ')));
  return li;
}

// Fills `box` with the documents most like document `id`.
export async function loadSimilar(id, box) {
  clear(box);
  box.appendChild(el('p', 'similar-status', t('similar.loading')));
  let data;
  try {
    data = await api.similar(id, SIMILAR_LIMIT);
  } catch (err) {
    clear(box);
    box.appendChild(el('p', 'similar-status', t('similar.failed', { reason: errorText(err) })));
    return;
  }
  clear(box);
  const hits = Array.isArray(data.hits) ? data.hits.filter((h) => h && h.id) : [];
  if (!hits.length) {
    box.appendChild(el('p', 'similar-status', t('similar.none')));
    return;
  }
  const ul = el('ul', 'similar-list');
  for (const hit of hits) ul.appendChild(similarItem(hit));
  box.appendChild(ul);
}
