// SPDX-License-Identifier: GPL-2.0-or-later
// "Also in: FR · NL": the other editions of a hit's or a document's work
// (issue 15), from the API's `translations` (other languages) and
// `versions` (the same language), each a link to that edition's page over
// the search on screen. Codes are shown, names (in the interface language,
// from the API's ui_lang) are the links' accessible names. On a hit, the
// editions the search matched too (the API's `also_matched`) are marked as
// matched words are.

import { asArray, el, text } from './dom.js';
import { documentLink } from './links.js';
import { shortTitle } from './results.js';
import { t } from './strings.js';

function editionsOf(list) {
  return asArray(list).filter((e) => e && typeof e === 'object' && typeof e.id === 'string' && e.id);
}

function editionLink(edition, label, matched) {
  const a = documentLink(edition.id, label);
  a.classList.add('edition-link');
  const name = typeof edition.language_name === 'string' && edition.language_name
    ? edition.language_name : String(edition.language || '');
  const title = typeof edition.title === 'string' ? edition.title : '';
  let accessible = title ? t('editions.link', { language: name, title }) : name;
  a.title = title ? name + ': ' + title : name;
  if (matched) {
    a.classList.add('edition-matched');
    accessible += ' (' + t('editions.matched') + ')';
    a.title += ' (' + t('editions.matched') + ')';
  }
  a.setAttribute('aria-label', accessible);
  if (typeof edition.language === 'string' && /^[a-z]{2,3}$/.test(edition.language) &&
      edition.language !== 'und') {
    a.lang = edition.language;
  }
  return a;
}

// A paragraph listing `item`'s other editions, or null when it has none.
export function editionsLine(item, className) {
  const translations = editionsOf(item.translations);
  const versions = editionsOf(item.versions);
  if (!translations.length && !versions.length) return null;
  const matched = new Set(asArray(item.also_matched).filter((id) => typeof id === 'string'));
  const p = el('p', 'editions ' + className);
  if (translations.length) {
    p.appendChild(el('span', 'editions-label', t('editions.also-in') + ' '));
    translations.forEach((edition, i) => {
      if (i > 0) p.appendChild(el('span', 'sep', ' \u00b7 '));
      const code = String(edition.language || '?').toUpperCase();
      p.appendChild(editionLink(edition, code, matched.has(edition.id)));
    });
  }
  if (versions.length) {
    if (translations.length) p.appendChild(el('span', 'sep', ' \u2014 '));
    p.appendChild(el('span', 'editions-label', t('editions.versions') + ' '));
    versions.forEach((edition, i) => {
      if (i > 0) p.appendChild(text(', '));
      const title = typeof edition.title === 'string' && edition.title.trim()
        ? shortTitle(edition.title) : t('doc.untitled');
      p.appendChild(editionLink(edition, title, matched.has(edition.id)));
    });
  }
  return p;
}
