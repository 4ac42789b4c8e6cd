// SPDX-License-Identifier: GPL-2.0-or-later
// Completions under the search box as the user types (an ARIA combobox):
// completed queries and matching document titles from /api/suggest,
// chosen with the mouse or the arrow keys and Enter.

import * as api from './api.js';
import { asArray, byId, clear, el, text } from './dom.js';
import { session } from './state.js';
import { t } from './strings.js';

const SUGGEST_DELAY_MS = 150;  // debounce: one request per pause in typing
const SUGGEST_LIMIT = 8;
const MAX_TITLES = 5;

function listItems(typed, data) {
  const items = [];
  const seen = new Set();
  for (const c of asArray(data.completions)) {
    if (typeof c !== 'string' || !c.trim() || c === typed.trim() || seen.has('q:' + c)) continue;
    seen.add('q:' + c);
    items.push({ kind: 'query', text: c });
  }
  for (const t of asArray(data.titles).slice(0, MAX_TITLES)) {
    if (!t || typeof t.id !== 'string' || typeof t.title !== 'string' || seen.has('d:' + t.id)) continue;
    seen.add('d:' + t.id);
    items.push({ kind: 'doc', text: t.title, id: t.id });
  }
  return items;
}

export function closeSuggestions() {
  const s = session.suggestions;
  if (s.timer) clearTimeout(s.timer);
  s.timer = null;
  if (s.request) s.request.abort();
  s.request = null;
  s.items = [];
  s.active = -1;
  const list = byId('suggestions');
  list.hidden = true;
  clear(list);
  const input = byId('q');
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
}

function renderSuggestions(items, onChoose) {
  const s = session.suggestions;
  const list = byId('suggestions');
  const input = byId('q');
  s.items = items;
  s.active = -1;
  clear(list);
  input.removeAttribute('aria-activedescendant');
  if (!items.length) {
    closeSuggestions();
    return;
  }
  items.forEach((item, i) => {
    const li = el('li', 'suggestion suggestion-' + item.kind);
    li.id = 'suggestion-' + i;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    if (item.kind === 'doc') {
      li.appendChild(el('span', 'suggestion-kind', t('suggest.document')));
      li.appendChild(text(' '));
    }
    li.appendChild(el('span', 'suggestion-text', item.text));
    // mousedown, not click: the input keeps its focus until the choice is made.
    li.addEventListener('mousedown', (ev) => {
      ev.preventDefault();
      choose(i, onChoose);
    });
    list.appendChild(li);
  });
  list.hidden = false;
  input.setAttribute('aria-expanded', 'true');
}

async function fetchSuggestions(typed, onChoose) {
  const s = session.suggestions;
  if (s.request) s.request.abort();
  const controller = new AbortController();
  s.request = controller;
  let data;
  try {
    data = await api.suggest(typed, SUGGEST_LIMIT, controller.signal);
  } catch (err) {
    // Completions are a convenience: searching still works without them.
    if (!(err && err.name === 'AbortError')) closeSuggestions();
    return;
  }
  const input = byId('q');
  if (input.value !== typed || document.activeElement !== input) return;
  renderSuggestions(listItems(typed, data), onChoose);
}

function move(delta) {
  const s = session.suggestions;
  const n = s.items.length;
  if (!n) return;
  s.active = s.active < 0 ? (delta > 0 ? 0 : n - 1) : (s.active + delta + n) % n;
  Array.from(byId('suggestions').children).forEach((li, i) => {
    li.setAttribute('aria-selected', i === s.active ? 'true' : 'false');
    li.classList.toggle('is-active', i === s.active);
  });
  byId('q').setAttribute('aria-activedescendant', 'suggestion-' + s.active);
}

function choose(i, onChoose) {
  const item = session.suggestions.items[i];
  closeSuggestions();
  if (item) onChoose(item);
}

// Wires the search box. `onChoose(item)` runs with the chosen
// {kind: 'query', text} or {kind: 'doc', text, id}.
export function installSuggestions(onChoose) {
  const input = byId('q');
  input.addEventListener('input', () => {
    const s = session.suggestions;
    if (s.timer) clearTimeout(s.timer);
    const typed = input.value;
    if (typed.trim().length < 2) {
      closeSuggestions();
      return;
    }
    s.timer = setTimeout(() => fetchSuggestions(typed, onChoose), SUGGEST_DELAY_MS);
  });
  input.addEventListener('keydown', (ev) => {
    const open = !byId('suggestions').hidden;
    const s = session.suggestions;
    if (ev.key === 'ArrowDown' && open) {
      ev.preventDefault();
      move(1);
    } else if (ev.key === 'ArrowUp' && open) {
      ev.preventDefault();
      move(-1);
    } else if (ev.key === 'Enter' && open && s.active >= 0) {
      ev.preventDefault();
      choose(s.active, onChoose);
    } else if (ev.key === 'Escape' && open) {
      ev.preventDefault();
      closeSuggestions();
    }
  });
  input.addEventListener('blur', closeSuggestions);
}
