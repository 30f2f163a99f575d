// Every fixture page through the wasm package and through the native CLI: the article JSON must
// be the same, key for key and digit for digit (object key order aside). One test per folder
// under tests/fixtures/, with the folder's `case.json` URL when it has one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import declutter, { root, decodePage, sortKeys, firstDifference } from './load.mjs';

const cli = path.join(process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target'), 'release/declutter');
const fixtures = path.join(root, 'tests/fixtures');
const slugs = readdirSync(fixtures, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(fixtures, d.name, 'source.html')))
  .map((d) => d.name)
  .sort();

test('there are fixtures to compare', () => {
  assert.ok(existsSync(cli), `${cli} is missing: run make cli first`);
  assert.ok(slugs.length > 0, 'no tests/fixtures/*/source.html found');
});

for (const slug of slugs) {
  test(`wasm matches the CLI: ${slug}`, () => {
    const dir = path.join(fixtures, slug);
    const source = path.join(dir, 'source.html');
    const casePath = path.join(dir, 'case.json');
    const url = existsSync(casePath) ? JSON.parse(readFileSync(casePath, 'utf8')).url : undefined;

    const args = ['extract', '--format', 'json', ...(url ? ['--url', url] : []), source];
    let native;
    try {
      native = { article: JSON.parse(execFileSync(cli, args, { encoding: 'utf8', maxBuffer: 1 << 28 })) };
    } catch (e) {
      if (e.status == null) throw e;
      // The CLI refused the page (exit 2 or 3): wasm must refuse it with the same message.
      native = { error: String(e.stderr).trim().replace(/^declutter: [^:]*: /, '') };
    }

    let wasm;
    try {
      wasm = { article: declutter.extract(decodePage(readFileSync(source)), url ?? null) };
    } catch (e) {
      wasm = { error: e.message };
    }
    const diff = firstDifference(sortKeys(wasm), sortKeys(native));
    assert.equal(diff, null, `wasm differs from the CLI at ${diff}`);
  });
}
