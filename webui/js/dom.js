// SPDX-License-Identifier: GPL-2.0-or-later
// Building the page from data without ever parsing data as markup: every
// value reaches the DOM through textContent or text nodes. The one
// exception, a hit's snippet, is HTML-escaped by the server and holds only
// <mark>…</mark>; appendSnippet() still builds it from text nodes and
// <mark> elements, never through innerHTML.

export function byId(id) {
  return document.getElementById(id);
}

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function text(s) {
  return document.createTextNode(s);
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

// A click the page may handle itself: the primary button, no modifier (a
// modified click opens the link's href in a new tab or window as usual).
export function isPlainClick(ev) {
  return ev.button === 0 && !ev.metaKey && !ev.ctrlKey && !ev.shiftKey && !ev.altKey;
}

export function asArray(v) {
  if (Array.isArray(v)) return v;
  if (v === undefined || v === null || v === '') return [];
  return [v];
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'' };

function unescapeEntities(s) {
  return s.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, (all, ent) => {
    if (ent.charAt(0) === '#') {
      const code = (ent.charAt(1) === 'x' || ent.charAt(1) === 'X')
        ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      if (isNaN(code) || code <= 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return all;
      }
      return String.fromCodePoint(code);
    }
    const lower = ent.toLowerCase();
    return Object.prototype.hasOwnProperty.call(ENTITIES, lower) ? ENTITIES[lower] : all;
  });
}

// Appends the server-escaped snippet to `parent` as text nodes and <mark>
// elements. Only <mark> and </mark> are treated as markup; everything else
// becomes text (after entity unescaping), so nothing can inject elements.
export function appendSnippet(parent, snippet) {
  let target = parent;
  for (const part of String(snippet).split(/(<mark>|<\/mark>)/i)) {
    if (/^<mark>$/i.test(part)) {
      if (target === parent) {
        target = document.createElement('mark');
        parent.appendChild(target);
      }
    } else if (/^<\/mark>$/i.test(part)) {
      target = parent;
    } else if (part) {
      target.appendChild(text(unescapeEntities(part)));
    }
  }
}

// `s` lower-cased without accents, and for each of its characters the
// index in `s` of the character it came from: "Sécurité" → "securite".
export function foldWithMap(s) {
  let folded = '';
  const from = [];
  let i = 0;
  for (const ch of s) {
    const f = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (let k = 0; k < f.length; k++) from.push(i);
    folded += f;
    i += ch.length;
  }
  from.push(s.length);
  return { folded, from };
}

// Appends `s` to `parent` as text nodes, with the matches of `matcher` (a
// global RegExp over the folded text, see foldWithMap, or null) in <mark>
// elements. Returns whether anything was marked.
export function appendMarked(parent, s, matcher) {
  if (!matcher) {
    parent.appendChild(text(s));
    return false;
  }
  const { folded, from } = foldWithMap(s);
  let last = 0;
  let any = false;
  matcher.lastIndex = 0;
  let m;
  while ((m = matcher.exec(folded)) !== null) {
    if (m[0] === '') {
      matcher.lastIndex++;
      continue;
    }
    const start = from[m.index];
    const end = from[m.index + m[0].length];
    if (start > last) parent.appendChild(text(s.slice(last, start)));
    parent.appendChild(el('mark', null, s.slice(start, end)));
    last = end;
    any = true;
  }
  if (last < s.length) parent.appendChild(text(s.slice(last)));
  return any;
}
