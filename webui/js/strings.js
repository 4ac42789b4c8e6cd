// SPDX-License-Identifier: GPL-2.0-or-later
// The interface language and its messages: every string the page shows
// that is not data comes from a catalogue (i18n/en.js, fr.js, nl.js), one
// file per language, by key. Numbers and dates are written by Intl in the
// interface language; names of countries, languages and document types
// come from the API in that language (`ui_lang`).

import en from './i18n/en.js';
import fr from './i18n/fr.js';
import nl from './i18n/nl.js';

const CATALOGUES = { en, fr, nl };
export const UI_LANGUAGES = Object.keys(CATALOGUES);
const STORAGE_KEY = 'archivist.ui_lang';

// The language the person chose before (remembered in localStorage), else
// the first of the browser's languages the page speaks, else English.
function initialLanguage() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && CATALOGUES[saved]) return saved;
  } catch (e) {
    // Storage may be off (private mode): the browser's languages decide.
  }
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (CATALOGUES[base]) return base;
  }
  return 'en';
}

let language = initialLanguage();
let numberFormat = new Intl.NumberFormat(language);
let plurals = new Intl.PluralRules(language);

// The interface language, sent to the API as `ui_lang`.
export function uiLanguage() {
  return language;
}

// Switches the interface language, remembers it and sets <html lang>.
export function setUiLanguage(lang) {
  if (!CATALOGUES[lang]) return;
  language = lang;
  numberFormat = new Intl.NumberFormat(lang);
  plurals = new Intl.PluralRules(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch (e) {
    // Not remembered: the switch still works for this page.
  }
}

function fill(template, params) {
  return template.replace(/\{(\w+)\}/g, (all, name) =>
    (params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : all));
}

// The message `key` with its {placeholders} filled from `params`; numbers
// in params are written as the language writes them. A key missing from a
// catalogue falls back to English (the test checks none is missing).
export function t(key, params) {
  const message = CATALOGUES[language][key] ?? en[key] ?? key;
  const written = {};
  for (const [name, value] of Object.entries(params || {})) {
    written[name] = typeof value === 'number' ? numberFormat.format(value) : value;
  }
  return fill(message, written);
}

// The message for a count: `key.one`, `key.other` (and whatever other
// plural categories the language has), with {n} filled.
export function tn(key, n, params) {
  const category = plurals.select(n);
  const catalogue = CATALOGUES[language];
  const chosen = key + '.' + category in catalogue || key + '.' + category in en
    ? key + '.' + category : key + '.other';
  return t(chosen, Object.assign({ n }, params));
}

// Fills the page's static text: elements with data-i18n get the message as
// their text, data-i18n-attr="attr:key;attr:key" their attributes.
export function translateStatic(root) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) node.setAttribute(attr, t(key));
    }
  }
}

export function formatNumber(n) {
  return numberFormat.format(n);
}

// "2014-03-07" → "7 March 2014" (in the interface language), "2014-03" →
// "March 2014", "2014" → "2014"; anything else as given.
export function formatDate(d) {
  const s = String(d);
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (!isNaN(date)) {
      return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
        .format(date);
    }
  }
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const date = new Date(Date.UTC(+m[1], +m[2] - 1, 1));
    if (!isNaN(date)) {
      return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
    }
  }
  return s;
}

export function formatSize(bytes) {
  if (typeof bytes !== 'number' || !isFinite(bytes) || bytes < 0) return '';
  const unit = (u, v, digits, display) => new Intl.NumberFormat(language, {
    style: 'unit', unit: u, unitDisplay: display || 'short', maximumFractionDigits: digits }).format(v);
  if (bytes < 1024) return unit('byte', bytes, 0, 'long');
  if (bytes < 1024 * 1024) return unit('kilobyte', bytes / 1024, 1);
  return unit('megabyte', bytes / (1024 * 1024), 1);
}

// A country's name in the interface language when the API gave none (a
// country of the map with no documents): Intl's, else the code.
export function regionName(code) {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) || code;
  } catch (e) {
    return code;
  }
}

export function yearName(y) {
  const s = String(y);
  return s === '' || s === '0' ? t('date.undated') : s;
}

// Topics have no names in the API: their slugs are written as words.
export function slugToWords(slug) {
  const s = String(slug).replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!s) return t('topic.unknown');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// What a failed request means to the person using the page, by the API's
// error code (docs/api/openapi.yaml, Error) or the client's own (api.js:
// network, bad_answer). A 400 names the parameter at fault; the page says
// it in words for the parameters a person reaches through the page.
export function errorText(err) {
  const code = err && err.code;
  const message = String((err && err.message) || '');
  if (code === 'invalid_argument') {
    if (/^(page|per_page)\b/.test(message)) return t('error.page');
    if (/^q\b.*wildcard/.test(message)) return t('error.wildcards');
    if (/^q\b/.test(message)) return t('error.query');
    if (/^year/.test(message)) return t('error.years');
    return t('error.invalid', { message });
  }
  const known = ['unavailable', 'internal', 'corrupt', 'network', 'bad_answer', 'not_found'];
  return known.includes(code) ? t('error.' + code) : message;
}
