#!/usr/bin/env bash
# Builds the demo page into one folder that any static host can serve as is (default dist/www):
#   www/*                       the page itself
#   pkg/declutter{.js,_bg.wasm} the core, from `make wasm`
#   ui/                         the reader view shared with the extension
#   fixtures/<slug>/source.html the example pages, with fixtures/index.json listing them
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-dist/www}
# Other inputs can be given for trying the page against another build or set of pages.
PKG=${PKG:-pkg}
FIXTURES=${FIXTURES:-tests/fixtures}

for f in "$PKG/declutter.js" "$PKG/declutter_bg.wasm" ui/reader-view.js; do
  if [ ! -f "$f" ]; then
    echo "build-www: $f is missing (pkg/ comes from 'make wasm', ui/ from the extension sources)" >&2
    exit 1
  fi
done

rm -rf "$OUT"
mkdir -p "$OUT/pkg" "$OUT/fixtures"
cp -R www/. "$OUT/"
cp "$PKG/declutter.js" "$PKG/declutter_bg.wasm" "$OUT/pkg/"
if [ -f "$PKG/declutter.d.ts" ]; then cp "$PKG/declutter.d.ts" "$OUT/pkg/"; fi
# Only what a browser loads: the shared view's scripts, styles and assets, not its tests.
mkdir -p "$OUT/ui"
(cd ui && find . -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.css' -o -name '*.svg' \
  -o -name '*.png' -o -name '*.woff2' \) ! -path '*/test*' -print0) |
  while IFS= read -r -d '' f; do
    mkdir -p "$OUT/ui/$(dirname "$f")"
    cp "ui/$f" "$OUT/ui/$f"
  done

# The gallery: each fixture's page and the title its case file expects.
node --input-type=module - "$OUT/fixtures" "$FIXTURES" <<'JS'
import { readdirSync, readFileSync, existsSync, mkdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const out = process.argv[2];
const root = process.argv[3];
const entries = [];
for (const slug of existsSync(root) ? readdirSync(root).sort() : []) {
  const source = join(root, slug, 'source.html');
  if (!existsSync(source)) continue;
  let kase = {};
  const casePath = join(root, slug, 'case.json');
  if (existsSync(casePath)) kase = JSON.parse(readFileSync(casePath, 'utf8'));
  const expected = kase.expected ?? {};
  const title = kase.title ?? expected.title ?? null;
  mkdirSync(join(out, slug), { recursive: true });
  copyFileSync(source, join(out, slug, 'source.html'));
  entries.push({ slug, label: title ?? slug, title, url: kase.url ?? null });
}
writeFileSync(join(out, 'index.json'), `${JSON.stringify(entries, null, 2)}\n`);
console.log(`build-www: ${entries.length} example pages`);
JS
# The reader view's labels come from the extension's message catalogue, with a list of its
# languages so that the page asks only for files that exist.
mkdir -p "$OUT/_locales"
langs=()
for f in extension/_locales/*/messages.json; do
  [ -f "$f" ] || continue
  lang=$(basename "$(dirname "$f")")
  mkdir -p "$OUT/_locales/$lang"
  cp "$f" "$OUT/_locales/$lang/"
  langs+=("\"$lang\"")
done
(IFS=,; echo "[${langs[*]}]") >"$OUT/_locales/index.json"
echo "build-www: wrote $OUT"
