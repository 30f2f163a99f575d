// Checks of the extension that need no browser: the message validator, the settings schema, and
// the localisation files against every message key the code and the manifest use.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { repoRoot } from './lib/server.mjs';
import { settingsSchema, defaultSettings, normalizeSettings } from '../../ui/reader-view.js';

// A classic script that sets one global, as in the browser.
await import('../../extension/lib/messages.js');
const { validate, newToken, MAX_HTML_CHARS } = globalThis.DeclutterMessages;

describe('messages', () => {
  const token = newToken();
  const snapshot = { type: 'snapshot', token, html: '<p>x</p>', url: 'https://example.org/a', title: 'A' };

  it('accepts each well-formed message', () => {
    assert.match(token, /^[0-9a-f]{32}$/);
    assert.notEqual(newToken(), token);
    for (const m of [snapshot, { type: 'takeArticle', token }, { type: 'toMarkdown', html: '<p>x</p>' }, { type: 'close', token }, { type: 'diagnostics' },
      { type: 'pageTooLarge', token, chars: MAX_HTML_CHARS + 1 }]) {
      assert.deepEqual(validate(m), { ok: true, value: m });
    }
  });

  it('refuses what is not a known, complete, well-typed message', () => {
    const bad = [
      null, 'close', [], 42,
      { token },
      { type: 'unknown', token },
      { type: 'toString', token },
      { type: 'close' },
      { type: 'close', token: 'abc' },
      { type: 'close', token: token.toUpperCase() },
      { type: 'close', token, extra: 1 },
      { ...snapshot, html: 42 },
      { ...snapshot, url: 'not a url' },
      { ...snapshot, url: undefined },
      { ...snapshot, title: 'x'.repeat(5000) },
      { type: 'takeArticle', token, html: '' },
      { type: 'diagnostics', token },
      { type: 'pageTooLarge', token, chars: 1000 },
      { type: 'pageTooLarge', token, chars: '99999999999' },
      { type: 'toMarkdown', html: null },
      { type: 'toMarkdown' },
    ];
    for (const m of bad) assert.equal(validate(m).ok, false, `accepted ${JSON.stringify(m)?.slice(0, 80)}`);
    assert.match(validate({ type: 'close', token, extra: 1 }).error, /unexpected field extra/);
  });
});

describe('reader settings', () => {
  it('defaults come from the schema and are valid', () => {
    const d = defaultSettings();
    assert.deepEqual(Object.keys(d), settingsSchema.map((s) => s.key));
    assert.deepEqual(normalizeSettings(d), d);
  });

  it('stored values are clamped, snapped and type-checked', () => {
    const n = normalizeSettings({ theme: 'neon', font: 'sans', size: '22.6', lineHeight: 1.63, width: 1e9, images: 'no', junk: 1 });
    assert.deepEqual(n, { ...defaultSettings(), font: 'sans', size: 23, lineHeight: 1.6, width: 100 });
    assert.deepEqual(normalizeSettings(undefined), defaultSettings());
    assert.deepEqual(normalizeSettings({ size: -5, images: false }), { ...defaultSettings(), size: 14, images: false });
  });
});

async function filesUnder(dir, exts) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && exts.includes(extname(entry.name))) out.push(join(entry.parentPath ?? entry.path, entry.name));
  }
  return out;
}

describe('localisation', () => {
  it('every locale has the same keys and placeholders as English', async () => {
    const dir = join(repoRoot, 'extension', '_locales');
    const en = JSON.parse(await readFile(join(dir, 'en', 'messages.json'), 'utf8'));
    const locales = (await readdir(dir)).filter((l) => l !== 'en');
    assert.ok(locales.length >= 1, 'at least one language besides English');
    for (const locale of locales) {
      const other = JSON.parse(await readFile(join(dir, locale, 'messages.json'), 'utf8'));
      assert.deepEqual(Object.keys(other).sort(), Object.keys(en).sort(), `${locale} keys`);
      for (const [key, { message }] of Object.entries(en)) {
        const placeholders = (m) => (m.match(/\$\d/g) || []).sort().join();
        assert.equal(placeholders(other[key].message), placeholders(message), `${locale}.${key} placeholders`);
      }
    }
  });

  it('every message key used by the code, pages, schema and manifest exists', async () => {
    const en = JSON.parse(await readFile(join(repoRoot, 'extension', '_locales', 'en', 'messages.json'), 'utf8'));
    const used = new Set();
    const files = [
      ...await filesUnder(join(repoRoot, 'extension'), ['.js', '.html', '.json']),
      ...await filesUnder(join(repoRoot, 'ui'), ['.js']),
    ].filter((f) => !f.includes('_locales'));
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/\bt\('([A-Za-z]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/data-i18n(?:-label|-title)?="([A-Za-z]+)"/g)) used.add(m[1]);
      for (const m of text.matchAll(/__MSG_([A-Za-z]+)__/g)) used.add(m[1]);
    }
    for (const s of settingsSchema) {
      used.add(s.label);
      for (const c of s.choices || []) used.add(c.label);
    }
    assert.ok(used.size > 30, `keys found: ${used.size}`);
    const missing = [...used].filter((k) => !Object.prototype.hasOwnProperty.call(en, k));
    assert.deepEqual(missing, []);
  });
});
