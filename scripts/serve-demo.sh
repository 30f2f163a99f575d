#!/usr/bin/env bash
# Serves the built demo page (dist/www) on http://127.0.0.1:PORT/ until Ctrl-C.
# PORT defaults to 8765; when it is taken the next free one is used (the URL printed is the one).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${1:-dist/www}
if [ ! -f "$ROOT/index.html" ]; then
  echo "serve-demo: $ROOT/index.html is missing; build it with 'make www'" >&2
  exit 1
fi
exec node tests/e2e/demo-server.mjs "$ROOT" "${PORT:-8765}"
