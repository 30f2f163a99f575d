#!/usr/bin/env bash
# The WebAssembly build under test (issue 3):
#  1. the wasm-bindgen-test suites (src/wasm.rs with tests/wasm/*.rs) in Node, then in headless
#     Chromium and headless Firefox, one browser per run;
#  2. the built package in pkg/ against the native CLI, fixture by fixture, and its JS surface
#     (node --test tests/wasm/).
# Needs `make wasm` and `make cli` first (the Makefile's wasm-test target does both).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=wasm32-unknown-unknown
CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver || echo /usr/bin/chromedriver)}"
GECKODRIVER="${GECKODRIVER:-$(command -v geckodriver || echo "$HOME/.cargo/bin/geckodriver")}"
say() { printf '[wasm-test] %s\n' "$*"; }

# Release: the suites include 25,000-deep pages that an unoptimized build parses slowly.
# Each run is a subshell: the runner picks Node or a browser from the environment.
suites() { cargo test --release --target "$TARGET" --lib; }

say "wasm-bindgen-test suites in Node"
(unset WASM_BINDGEN_USE_BROWSER CHROMEDRIVER GECKODRIVER; suites)

say "wasm-bindgen-test suites in headless Chromium ($CHROMEDRIVER)"
(unset GECKODRIVER; export WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER; suites)

say "wasm-bindgen-test suites in headless Firefox ($GECKODRIVER)"
(unset CHROMEDRIVER; export WASM_BINDGEN_USE_BROWSER=1 GECKODRIVER; suites)

say "the package in pkg/: JS surface and parity with the CLI on every fixture"
node --test tests/wasm/
