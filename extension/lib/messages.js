/*
 * Messages between the content script, the background and the reader page: a tagged union keyed
 * on `type`, and a validator that checks every field (type, shape, bounds) and refuses extra keys.
 * A classic script setting one global, for the same reason as platform.js.
 *
 *   snapshot      content → background  {token, html, url, title}  the serialized live page
 *   pageTooLarge  content → background  {token, chars}  instead of a snapshot over MAX_HTML_CHARS
 *   takeArticle   reader  → background  {token}    reply {type: 'article', article, url, extractMs}
 *                                                  or {type: 'error', message}
 *   toMarkdown    reader  → background  {html}     reply {type: 'markdown', markdown}
 *   close         reader  → background → content  {token}          close the view, restore the page
 *   diagnostics   extension page → background  {}  reply {type: 'diagnostics', version,
 *                                                  wasmMemoryBytes, pendingSnapshots, waitingReaders}
 */
(() => {
  if (globalThis.DeclutterMessages) return;

  /**
   * The page HTML may be large, but not unbounded: Chromium refuses extension messages over
   * 64 MiB of JSON, and the core refuses input over 64 MiB. 48 Mi characters leaves room for
   * JSON escaping; a larger page gets a clear "too large" answer instead of a snapshot.
   */
  const MAX_HTML_CHARS = 48 * 1024 * 1024;
  const MAX_URL_CHARS = 16 * 1024;
  const MAX_TITLE_CHARS = 4096;

  const isToken = (v) => typeof v === 'string' && /^[0-9a-f]{32}$/.test(v);
  const isUrl = (v) => {
    if (typeof v !== 'string' || v.length > MAX_URL_CHARS) return false;
    try {
      new URL(v);
      return true;
    } catch {
      return false;
    }
  };
  const boundedString = (max) => (v) => typeof v === 'string' && v.length <= max;

  const SCHEMAS = {
    snapshot: { token: isToken, html: boundedString(MAX_HTML_CHARS), url: isUrl, title: boundedString(MAX_TITLE_CHARS) },
    pageTooLarge: { token: isToken, chars: (v) => Number.isSafeInteger(v) && v > MAX_HTML_CHARS },
    takeArticle: { token: isToken },
    toMarkdown: { html: boundedString(MAX_HTML_CHARS) },
    close: { token: isToken },
    diagnostics: {},
  };

  /** Returns {ok: true, value} for a well-formed message, else {ok: false, error}. */
  function validate(message) {
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      return { ok: false, error: 'not an object' };
    }
    const schema = Object.prototype.hasOwnProperty.call(SCHEMAS, message.type) ? SCHEMAS[message.type] : null;
    if (!schema) return { ok: false, error: `unknown type ${JSON.stringify(String(message.type)).slice(0, 40)}` };
    for (const key of Object.keys(message)) {
      if (key !== 'type' && !Object.prototype.hasOwnProperty.call(schema, key)) {
        return { ok: false, error: `${message.type}: unexpected field ${key}` };
      }
    }
    for (const [key, check] of Object.entries(schema)) {
      if (!check(message[key])) return { ok: false, error: `${message.type}: bad field ${key}` };
    }
    return { ok: true, value: message };
  }

  function newToken() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  globalThis.DeclutterMessages = Object.freeze({ validate, newToken, MAX_HTML_CHARS, types: Object.freeze(Object.keys(SCHEMAS)) });
})();
