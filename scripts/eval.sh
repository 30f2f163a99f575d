#!/usr/bin/env bash
# Runs `declutter eval` over each development corpus that is present; fails when a score drops
# under its floor in eval/baseline.json.
set -euo pipefail
cd "$(dirname "$0")/.."
corpora="${1:-../shared/corpora}"
if [ ! -d "$corpora" ]; then
  echo "[eval] no corpora at $corpora: quality evaluation skipped"
  exit 0
fi
status=0
for name in trafilatura-eval readability-test-pages; do
  if [ -d "$corpora/$name" ]; then
    "${CARGO_TARGET_DIR:-target}/release/declutter" eval "$corpora/$name" --worst 8 || status=1
  else
    echo "[eval] $corpora/$name is missing: skipped"
  fi
done
exit $status
