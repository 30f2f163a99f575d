#!/usr/bin/env bash
# Browser tests of the demo page (built into dist/www by `make www`) in headless Chromium and
# Firefox. Screenshots land in artifacts/demo/. DEMO_BROWSERS=chromium|firefox runs one browser.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f dist/www/index.html ]; then
  echo "test-demo: dist/www is missing; build it with 'make www'" >&2
  exit 1
fi
# Node 20 has WebSocket (needed for Firefox's WebDriver BiDi log) only behind a flag; Node 22+
# has it always and may reject the flag.
flags=()
if node --experimental-websocket -e '' 2>/dev/null; then flags+=(--experimental-websocket); fi
exec node "${flags[@]}" --test --test-reporter=spec tests/e2e/demo.test.mjs
