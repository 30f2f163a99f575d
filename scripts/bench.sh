#!/usr/bin/env bash
# `make bench`: Declutter's wasm build against Mozilla Readability.js, end to end, in headless
# Chromium and Firefox over the development corpora (bench/run.mjs says how). Not part of
# `make test`: it measures, it does not pass or fail.
#   scripts/bench.sh [CORPORA_DIR]     (default ../shared/corpora)
# Environment: BENCH_SAMPLE (trafilatura-eval pages, evenly spaced; 0 = all 990; default 200),
# BENCH_RUNS (timed runs per page, default 5), BENCH_BROWSERS (default chromium,firefox),
# BENCH_FRAME (iframe: each page in a frame of one harness page, the default; top: each page the
# tab's own document).
set -euo pipefail
cd "$(dirname "$0")/.."

CORPORA="${1:-../shared/corpora}"
[ -f pkg/declutter_bg.wasm ] || { echo "bench: pkg/ is missing: run make wasm" >&2; exit 1; }
[ -d "$CORPORA" ] || { echo "bench: no corpora at $CORPORA" >&2; exit 1; }

node bench/run.mjs --corpora "$CORPORA" \
  --sample "${BENCH_SAMPLE:-200}" --runs "${BENCH_RUNS:-5}" \
  --browsers "${BENCH_BROWSERS:-chromium,firefox}" --frame "${BENCH_FRAME:-iframe}" --out bench/results
