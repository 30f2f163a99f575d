# Declutter: the two commands a new user needs are `make demo` and `make test`.
# Each target below is one step; the scripts it calls say what they do.

CARGO ?= cargo
CORPORA ?= ../shared/corpora

.PHONY: demo test setup lint native eval cli wasm wasm-test extension bench fuzz clean www serve demo-test e2e

## demo: set up, build the CLI, the wasm and the extension, and serve the demo page
demo: setup cli wasm extension www
	bash scripts/serve-demo.sh

## test: set up and pass every test
test: setup lint native eval demo-test e2e wasm-test

setup:
	bash scripts/setup.sh

cli:
	$(CARGO) build --release --bin declutter

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings

native:
	$(CARGO) nextest run --release --no-fail-fast
	$(CARGO) test --release --doc

## eval: quality and speed on the development corpora (floors in eval/baseline.json)
eval: cli
	bash scripts/eval.sh "$(CORPORA)"

## wasm: build the optimized WebAssembly package into pkg/ (sizes printed)
wasm:
	bash scripts/build-wasm.sh

## bench: Declutter (wasm) against Readability.js in headless Chromium and Firefox (not in test)
bench: wasm
	bash scripts/bench.sh "$(CORPORA)"

## wasm-test: the wasm build in Node, headless Chromium and Firefox, and its parity with the CLI
wasm-test: wasm cli
	bash scripts/test-wasm.sh

## www: build the demo page into dist/www, a folder any static host can serve as is
www: wasm
	bash scripts/build-www.sh

## serve: serve dist/www on http://127.0.0.1:PORT/ (PORT=8765 by default) until Ctrl-C
serve: www
	bash scripts/serve-demo.sh

## demo-test: the demo page in headless Chromium and Firefox (screenshots in artifacts/demo/)
demo-test: www
	bash scripts/test-demo.sh

## extension: build dist/extension (unpacked, both browsers) and the two store zips in dist/
extension: wasm
	bash scripts/build-extension.sh

## e2e: web-ext lint, then the extension's end-to-end tests in headless Chromium and Firefox
e2e: extension
	bash scripts/test-e2e.sh

## fuzz: fuzz extract (raw bytes and generated tag soup) for FUZZ_SECONDS per target (nightly)
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh

clean:
	$(CARGO) clean
	rm -rf pkg dist artifacts
