#!/usr/bin/env bash
# Builds the WebAssembly package used by the extension and the demo page:
#   pkg/declutter.js (ES module, --target web), pkg/declutter_bg.wasm, pkg/declutter.d.ts
# Steps: cargo (wasm32) → wasm-bindgen (JS glue + types) → wasm-opt (npm binaryen; Debian's
# wasm-opt 108 produces modules that fail to load) → size report.
#
# The profile and wasm-opt level were chosen by measuring size and speed together (see
# README, "WebAssembly"); override them to compare: WASM_PROFILE=release WASM_OPT_LEVEL=-Oz.
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE="${WASM_PROFILE:-wasm-release}"
OPT_LEVEL="${WASM_OPT_LEVEL:--Oz}"
OUT="${WASM_OUT:-pkg}"
TARGET=wasm32-unknown-unknown
WASM_OPT=node_modules/.bin/wasm-opt

[ -x "$WASM_OPT" ] || { echo "build-wasm: $WASM_OPT is missing: run 'npm ci' (or make setup)" >&2; exit 1; }
command -v wasm-bindgen >/dev/null || { echo "build-wasm: wasm-bindgen is missing: run make setup" >&2; exit 1; }

cargo build --profile "$PROFILE" --lib --target "$TARGET"
raw="target/$TARGET/$PROFILE/declutter.wasm"

rm -rf "$OUT"
mkdir -p "$OUT"
wasm-bindgen --target web --out-dir "$OUT" --out-name declutter "$raw"

# The bulk-memory and nontrapping-float features are what rustc emits for wasm32 today; wasm-opt
# must be told it may keep (and use) them.
"$WASM_OPT" "$OPT_LEVEL" --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$OUT/declutter_bg.wasm" -o "$OUT/declutter_bg.wasm.opt"
mv "$OUT/declutter_bg.wasm.opt" "$OUT/declutter_bg.wasm"

# Node reads pkg/*.js as ES modules only with this beside them (tests and benchmarks load it).
printf '{\n  "type": "module"\n}\n' >"$OUT/package.json"

size() { wc -c <"$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
w_raw=$(size "$OUT/declutter_bg.wasm"); w_gz=$(gz "$OUT/declutter_bg.wasm")
j_raw=$(size "$OUT/declutter.js"); j_gz=$(gz "$OUT/declutter.js")
printf 'build-wasm: profile %s, wasm-opt %s\n' "$PROFILE" "$OPT_LEVEL"
printf '  %-22s %9s bytes raw %9s bytes gzipped\n' \
  declutter_bg.wasm "$w_raw" "$w_gz" \
  declutter.js "$j_raw" "$j_gz" \
  "total shipped" "$((w_raw + j_raw))" "$((w_gz + j_gz))"
