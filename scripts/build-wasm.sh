#!/usr/bin/env bash
# Builds the WebAssembly package used by the extension and the demo page:
#   pkg/declutter.js (ES module, --target web), pkg/declutter_bg.wasm, pkg/declutter.d.ts
# Steps: cargo (wasm32) → wasm-bindgen (JS glue + types) → wasm-opt (npm binaryen; Debian's
# wasm-opt 108 produces modules that fail to load) → size report.
#
# Levels, measured together for size (gzipped, wasm + glue) and speed (extract over 230 corpus
# pages in Node, both builds in one process, alternating: bench/node-ab.mjs): the profile
# wasm-release builds what runs on every page (this crate, html5ever's tree builder, tendril,
# markup5ever, string_cache) at rustc opt-level 3 and the rest at "z" (see Cargo.toml): 278 KB.
# "z" throughout is 233 KB and 2.1x slower; 3 throughout 288 KB and no faster. After that,
# wasm-opt at a fixed point. Its inlining-optimizing pass is skipped: rustc has already chosen
# what to inline, and the pass adds bytes (288.4 KB against 287.8 KB at 3 throughout) and no
# speed (1.01x the time).
# The JS glue is minified (terser); the size report at the end covers it.
# Compare with WASM_OPT_LEVEL=-Os, WASM_OPT_SKIP= (empty: run every pass), WASM_OUT=/tmp/x and
# WASM_CARGO_ARGS='--config profile.wasm-release.opt-level="s"'.
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE="${WASM_PROFILE:-wasm-release}"
OPT_LEVEL="${WASM_OPT_LEVEL:--O3}"
OPT_SKIP="${WASM_OPT_SKIP---skip-pass=inlining-optimizing}"
OUT="${WASM_OUT:-pkg}"
TARGET=wasm32-unknown-unknown
WASM_OPT=node_modules/.bin/wasm-opt
TERSER=node_modules/.bin/terser

[ -x "$WASM_OPT" ] || { echo "build-wasm: $WASM_OPT is missing: run 'npm ci' (or make setup)" >&2; exit 1; }
[ -x "$TERSER" ] || { echo "build-wasm: $TERSER is missing: run 'npm ci' (or make setup)" >&2; exit 1; }
command -v wasm-bindgen >/dev/null || { echo "build-wasm: wasm-bindgen is missing: run make setup" >&2; exit 1; }

# WASM_CARGO_ARGS passes extra flags, e.g. --config 'profile.wasm-release.opt-level="s"' to compare.
# shellcheck disable=SC2086
cargo build --profile "$PROFILE" --lib --target "$TARGET" ${WASM_CARGO_ARGS:-}
raw="${CARGO_TARGET_DIR:-target}/$TARGET/$PROFILE/declutter.wasm"

rm -rf "$OUT"
mkdir -p "$OUT"
wasm-bindgen --target web --out-dir "$OUT" --out-name declutter "$raw"

# The bulk-memory and nontrapping-float features are what rustc emits for wasm32 today, SIMD what
# .cargo/config.toml asks for; wasm-opt must be told it may keep (and use) them. Memory packing is skipped: it splits the data section
# at every run of zeros (8,000+ segments here), which saves raw bytes but costs about 19 KB once
# gzipped, and the module ships gzipped.
# shellcheck disable=SC2086
"$WASM_OPT" "$OPT_LEVEL" $OPT_SKIP --converge --strip-producers --strip-target-features --skip-pass=memory-packing --enable-bulk-memory --enable-simd --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$OUT/declutter_bg.wasm" -o "$OUT/declutter_bg.wasm.opt"
mv "$OUT/declutter_bg.wasm.opt" "$OUT/declutter_bg.wasm"

# JS that src/wasm.rs imports (src/rendered.js) goes into the glue: the package stays two files.
node scripts/inline-snippets.mjs "$OUT/declutter.js"

# The glue ships minified; its types stay readable in declutter.d.ts.
"$TERSER" "$OUT/declutter.js" --module --compress --mangle --comments false -o "$OUT/declutter.min.js"
mv "$OUT/declutter.min.js" "$OUT/declutter.js"

# Node reads pkg/*.js as ES modules only with this beside them (tests and benchmarks load it).
printf '{\n  "type": "module"\n}\n' >"$OUT/package.json"

size() { wc -c <"$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
w_raw=$(size "$OUT/declutter_bg.wasm"); w_gz=$(gz "$OUT/declutter_bg.wasm")
j_raw=$(size "$OUT/declutter.js"); j_gz=$(gz "$OUT/declutter.js")
printf 'build-wasm: profile %s, wasm-opt %s %s\n' "$PROFILE" "$OPT_LEVEL" "$OPT_SKIP"
printf '  %-22s %9s bytes raw %9s bytes gzipped\n' \
  declutter_bg.wasm "$w_raw" "$w_gz" \
  declutter.js "$j_raw" "$j_gz" \
  "total shipped" "$((w_raw + j_raw))" "$((w_gz + j_gz))"
