// SPDX-License-Identifier: GPL-2.0-or-later
// Links within the page. Each is a real link to its state's URL (so it can
// be opened in a new tab, copied or bookmarked); a plain click on one is
// handled by main.js without reloading the page, which `data-nav` marks.

import { el } from './dom.js';
import { cloneState, currentState, stateUrl } from './state.js';

// Where the focus goes after the link is followed: the document view, the
// results, or nowhere (it stays on the page as it is).
export const FOCUS_DOCUMENT = 'document';
export const FOCUS_RESULTS = 'results';
export const FOCUS_NONE = 'none';

export function navLink(state, label, className, focus) {
  const a = el('a', className, label);
  a.href = stateUrl(state);
  a.dataset.nav = focus;
  return a;
}

// A link that opens a document over the search on screen.
export function documentLink(id, label) {
  const target = cloneState(currentState());
  target.doc = id;
  return navLink(target, label, 'doc-link', FOCUS_DOCUMENT);
}
