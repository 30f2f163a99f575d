#!/usr/bin/env bash
# The extension's checks in real browsers, on the build in dist/extension (make extension):
#   1. web-ext lint: no errors allowed (one expected warning: Firefox ignores service_worker);
#   2. the checks that need no browser (messages, settings, locales), then
#      the end-to-end cases in headless Chromium, then headless Firefox ESR, one browser at a time
#      (the machine may have two cores). Screenshots and timings land in artifacts/e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f dist/extension/manifest.json ] || { echo "test-e2e: dist/extension is missing: run 'make extension'" >&2; exit 2; }
mkdir -p artifacts/e2e

lint_json=artifacts/e2e/web-ext-lint.json
npx --no-install web-ext lint --source-dir dist/extension --output json >"$lint_json" || true
node -e '
  const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const { errors, warnings } = report.summary;
  for (const m of [...report.errors, ...report.warnings]) console.log(`web-ext lint: ${m._type} ${m.code}: ${m.message}`);
  if (errors > 0) { console.error(`web-ext lint: ${errors} error(s)`); process.exit(1); }
  console.log(`web-ext lint: 0 errors, ${warnings} warning(s)`);
' "$lint_json"

node --test --test-concurrency=1 --test-reporter=spec \
  tests/e2e/extension-static.test.mjs tests/e2e/extension-chromium.test.mjs tests/e2e/extension-firefox.test.mjs
