// SPDX-License-Identifier: GPL-2.0-or-later
// The access token of a searchd started with --token-file (docs/deploy.md):
// asked for once, when the API first answers 401, and kept for the browser
// session: in sessionStorage for the API client's Authorization header, and
// in a session cookie, because links to original files cannot carry a
// header. The cookie is SameSite=Strict: no other site's page sends it.

const KEY = 'archivist_token';

export function token() {
  try {
    return sessionStorage.getItem(KEY) || '';
  } catch (e) {
    return '';  // storage refused (private mode): ask again on the next page
  }
}

function keep(value) {
  try {
    sessionStorage.setItem(KEY, value);
  } catch (e) {
    // the cookie below still carries it for this session
  }
  // searchd accepts only printable ASCII without spaces, ';' or ',' in a
  // token, so it goes into the cookie as it is.
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = KEY + '=' + value + '; Path=/; SameSite=Strict' + secure;
}

// Headers that carry the token, if there is one.
export function authHeaders() {
  const value = token();
  return value ? { Authorization: 'Bearer ' + value } : {};
}

let asking = null;

// Asks the reader for the token, once at a time however many requests were
// refused together; resolves true when one was given.
export function askForToken() {
  if (!asking) {
    asking = Promise.resolve().then(() => {
      const value = window.prompt('This archive is protected. Its access token:', '');
      asking = null;
      const given = value ? value.trim() : '';
      if (!given) return false;
      keep(given);
      return true;
    });
  }
  return asking;
}
