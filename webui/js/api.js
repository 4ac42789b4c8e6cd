// SPDX-License-Identifier: GPL-2.0-or-later
// The one client of searchd's API (docs/api/openapi.yaml): its URLs, and
// fetchJson, through which every JSON request goes.

import { askForToken, authHeaders } from './auth.js';
import { filterParams, searchParams } from './state.js';
import { uiLanguage } from './strings.js';

const DOCUMENTS = '/api/documents/';

// A failed request. `code` is the API's error code from the answer's body
// (invalid_argument, not_found, unavailable, …), or the client's own:
// 'network' when searchd could not be reached, 'bad_answer' when its
// answer was not the JSON it should be. `message` is the API's message.
export class ApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

async function readJson(resp) {
  const body = await resp.text();
  try {
    return body ? JSON.parse(body) : null;
  } catch (e) {
    return null;
  }
}

// GETs a JSON route and resolves with its answer (an object); rejects with
// an ApiError, or with the AbortError of `signal`.
export async function fetchJson(url, signal, askedForToken = false) {
  let resp;
  try {
    resp = await fetch(url, {
      headers: { Accept: 'application/json', ...authHeaders() },
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError('network', 'could not reach the search service', 0);
  }
  const data = await readJson(resp);
  // A searchd with an access token: ask for it once, then try again.
  if (resp.status === 401 && !askedForToken && (await askForToken())) {
    return fetchJson(url, signal, true);
  }
  if (!resp.ok) {
    const error = data && typeof data.error === 'object' ? data.error : {};
    const code = typeof error.code === 'string' ? error.code : 'bad_answer';
    const message = typeof error.message === 'string' ? error.message : 'HTTP ' + resp.status;
    throw new ApiError(code, message, resp.status);
  }
  if (!data || typeof data !== 'object') {
    throw new ApiError('bad_answer', 'the answer is not a JSON object', resp.status);
  }
  return data;
}

function withUiLanguage(params) {
  params.set('ui_lang', uiLanguage());
  return params;
}

export function search(state, signal) {
  return fetchJson('/api/search?' + withUiLanguage(searchParams(state)), signal);
}

// A document; with the search `q` it was opened from, the answer lists the
// words that search matched in it and the pages holding them.
export function getDocument(id, q, signal) {
  const params = withUiLanguage(new URLSearchParams());
  if (q) params.set('q', q);
  return fetchJson(DOCUMENTS + encodeURIComponent(id) + '?' + params, signal);
}

export function similar(id, limit) {
  const params = withUiLanguage(new URLSearchParams({ limit: String(limit) }));
  return fetchJson(DOCUMENTS + encodeURIComponent(id) + '/similar?' + params);
}

export function suggest(typed, limit, signal) {
  return fetchJson('/api/suggest?' + new URLSearchParams({ q: typed, limit: String(limit) }), signal);
}

export function health() {
  return fetchJson('/healthz');
}

// The original file, at a page of it when `page` is given (PDF viewers
// read #page=N).
export function originalUrl(id, page) {
  return DOCUMENTS + encodeURIComponent(id) + '/original' + (page ? '#page=' + page : '');
}

export function exportUrl(state, format) {
  const params = new URLSearchParams({ format });
  for (const [k, v] of filterParams(state)) params.append(k, v);
  return '/api/export?' + params;
}

export function feedUrl(state) {
  const query = filterParams(state).toString();
  return '/api/feed' + (query ? '?' + query : '');
}
