// The shipped package as a JS caller meets it: the exports, their types in the .d.ts, and
// errors as real exceptions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import declutter, { root } from './load.mjs';

const dts = readFileSync(path.join(root, 'pkg/declutter.d.ts'), 'utf8');

test('every export is typed, none is any', () => {
  const expected = {
    extract: 'extract(html: string, url?: string | null, options?: ExtractOptions | null): Article;',
    extractDocument: 'extractDocument(document: Document, options?: ExtractOptions | null): Article;',
    isReaderable: 'isReaderable(html: string): Readerable;',
    defaultOptions: 'defaultOptions(): Required<ExtractOptions>;',
    toMarkdown: 'toMarkdown(content_html: string): string;',
    version: 'version(): string;',
  };
  for (const [name, signature] of Object.entries(expected)) {
    assert.equal(typeof declutter[name], 'function', `${name} is exported`);
    assert.ok(dts.includes(`export function ${signature}`), `${name} is declared as ${signature}`);
  }
  for (const iface of ['Article', 'ExtractOptions', 'BlockReport', 'MetadataSources', 'Readerable']) {
    assert.match(dts, new RegExp(`export interface ${iface} \\{`), `${iface} is declared`);
  }
  const anyLines = dts.split('\n').filter((l) => /^export function/.test(l) && /\bany\b/.test(l));
  assert.deepEqual(anyLines, []);
});

test('the defaults come from the core and round-trip', () => {
  const defaults = declutter.defaultOptions();
  assert.deepEqual(defaults, { explain: false, images: true, links: true, maxInputBytes: 64 * 1024 * 1024 });
  defaults.explain = true;
  assert.equal(declutter.defaultOptions().explain, false, 'each call returns a fresh object');
});

test('errors are Error instances with the core message', () => {
  assert.throws(() => declutter.extract(''), { name: 'Error', message: 'the input is empty' });
  assert.throws(() => declutter.extract('<p>hello</p>', null, { maxInputBytes: 3 }), {
    message: 'the input is 12 bytes, more than the limit of 3 bytes',
  });
  assert.throws(() => declutter.extract('<p>hello</p>', null, { explain: 'yes' }), /^Error: invalid options: /);
  // The module still works after an error: errors are results, not traps.
  assert.equal(declutter.isReaderable('').readerable, false);
});

test('a missing field is null, as in the CLI JSON', () => {
  const a = declutter.extract('<html><body><p>One paragraph of plain text, long enough to keep, with a comma, and an end.</p></body></html>');
  for (const key of ['title', 'byline', 'published', 'siteName', 'leadImage']) {
    assert.ok(key in a, `${key} is present`);
    assert.equal(a[key], null, `${key} is null`);
  }
  assert.ok(!('blocks' in a), 'blocks only with explain');
});

test('what ships (the wasm and its JS glue) stays within 300 KB gzipped', async () => {
  // Measured as scripts/build-wasm.sh reports it: `gzip -9`.
  const { execFileSync } = await import('node:child_process');
  const gz = (file) => execFileSync('gzip', ['-9', '-c', path.join(root, 'pkg', file)], { maxBuffer: 1 << 26 }).length;
  const total = gz('declutter_bg.wasm') + gz('declutter.js');
  assert.ok(total <= 300_000, `${total} bytes gzipped, over the 300,000-byte budget`);
});
