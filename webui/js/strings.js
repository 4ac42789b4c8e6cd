// SPDX-License-Identifier: GPL-2.0-or-later
// Every string the page shows that is not data, and how numbers, dates and
// sizes are written. Names of countries, languages and document types are
// not here: the API gives them in UI_LANGUAGE (`ui_lang`).

// The interface language, sent to the API as `ui_lang`.
export const UI_LANGUAGE = document.documentElement.lang || 'en';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December'];

export const FACET_HEADINGS = {
  language: 'Language',
  type: 'Type',
  year: 'Year',
  country: 'Country',
  topic: 'Topic',
};

// Where a record's language and date came from (DocumentRecord's
// language_source and date_source).
export const LANGUAGE_SOURCES = {
  sidecar: 'from the metadata file',
  file: 'declared in the file',
  detected: 'detected from the text',
};
export const DATE_SOURCES = {
  sidecar: 'from the metadata file',
  file: 'from the file\u2019s own metadata',
  text: 'found in the text',
  filename: 'from the file name',
  folder: 'from the folder name',
  'text-year': 'a year found in the text',
};
export const FORMAT_NAMES = { pdf: 'PDF', html: 'HTML', xml: 'XML', text: 'Text', csv: 'CSV' };

export const UNTITLED = '(untitled document)';

// What a failed request means to the person using the page, by the API's
// error code (docs/api/openapi.yaml, Error) or the client's own
// (api.js: network, bad_answer). Codes not listed show the API's message,
// which names the parameter at fault.
const ERROR_TEXTS = {
  unavailable: 'The archive\u2019s index is not available right now. Try again in a moment.',
  internal: 'The search service failed. Try again; if it keeps failing, tell whoever runs it.',
  corrupt: 'The search service failed. Try again; if it keeps failing, tell whoever runs it.',
  network: 'Could not reach the search service. Check that it is running and try again.',
  bad_answer: 'The search service sent an unreadable answer.',
};

export function errorText(err) {
  return ERROR_TEXTS[err.code] || String(err.message);
}

const numberFormat = new Intl.NumberFormat(UI_LANGUAGE);

export function formatNumber(n) {
  return numberFormat.format(n);
}

// "2014-03-07" → "7 March 2014"; "2014-03" → "March 2014"; anything else as given.
export function formatDate(d) {
  const s = String(d);
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) {
    const month = parseInt(m[2], 10) - 1;
    if (month >= 0 && month < 12) return parseInt(m[3], 10) + ' ' + MONTHS[month] + ' ' + m[1];
  }
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const month = parseInt(m[2], 10) - 1;
    if (month >= 0 && month < 12) return MONTHS[month] + ' ' + m[1];
  }
  return s;
}

export function formatSize(bytes) {
  if (typeof bytes !== 'number' || !isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return formatNumber(bytes) + ' bytes';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KB';
  return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
}

export function yearName(y) {
  const s = String(y);
  return s === '' || s === '0' ? 'Undated' : s;
}

// Topics have no names in the API: their slugs are written as words.
export function slugToWords(slug) {
  const s = String(slug).replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!s) return 'Unknown';
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function plural(n, one, many) {
  return n === 1 ? one : many;
}
