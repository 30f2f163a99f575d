#!/usr/bin/env bash
# Builds the browser extension from one source for both browsers:
#   dist/extension/            the unpacked extension (load it in either browser)
#   dist/declutter-firefox.zip and dist/declutter-chrome.zip, the packages for each store.
# The wasm package (pkg/, from `make wasm`) and the shared reader view (ui/) are copied in.
# Both browsers accept the same manifest (see extension/manifest.json), so the two zips hold the
# same files; they exist separately because each store takes its own upload.
set -euo pipefail
cd "$(dirname "$0")/.."

for f in pkg/declutter.js pkg/declutter_bg.wasm; do
  [ -f "$f" ] || { echo "build-extension: $f is missing; run 'make wasm' first" >&2; exit 2; }
done

out=dist/extension
rm -rf "$out" dist/declutter-firefox.zip dist/declutter-chrome.zip
mkdir -p "$out/pkg" "$out/ui"
cp -R extension/. "$out/"
rm -f "$out/README.md" "$out/icons/make-icons.mjs" "$out/icons/icon.svg"
cp ui/reader-view.js ui/reader.css "$out/ui/"
cp pkg/declutter.js pkg/declutter_bg.wasm "$out/pkg/"

# Zips with a fixed timestamp and sorted entries, so the same source gives the same bytes.
# (Python's zipfile rather than zip(1), which a fresh machine may lack.)
pack() {
  python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
src, dest = sys.argv[1], sys.argv[2]
files = sorted(os.path.relpath(os.path.join(d, f), src) for d, _, fs in os.walk(src) for f in fs)
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
    for rel in files:
        info = zipfile.ZipInfo(rel.replace(os.sep, "/"), date_time=(2020, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(os.path.join(src, rel), "rb") as fh:
            z.writestr(info, fh.read())
PY
}
pack "$out" dist/declutter-chrome.zip
pack "$out" dist/declutter-firefox.zip
printf 'build-extension: %s (%s KB), %s (%s KB)\n' \
  dist/declutter-chrome.zip "$(( $(stat -c %s dist/declutter-chrome.zip) / 1024 ))" \
  dist/declutter-firefox.zip "$(( $(stat -c %s dist/declutter-firefox.zip) / 1024 ))"
cat <<MSG
build-extension: to try the unpacked extension (dist/extension):
  Chromium/Chrome: open chrome://extensions, switch on "Developer mode", "Load unpacked", pick $(pwd)/$out
  Firefox:         open about:debugging#/runtime/this-firefox, "Load Temporary Add-on...", pick $(pwd)/$out/manifest.json
  Then click the Declutter button on any article (or press Alt+Shift+R).
MSG
