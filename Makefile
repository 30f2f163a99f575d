# Declutter: the two commands a new user needs are `make demo` and `make test`.
# Each target below is one step; the scripts it calls say what they do.

CARGO ?= cargo
CORPORA ?= ../shared/corpora

.PHONY: demo test setup lint native eval cli wasm extension bench fuzz clean

## demo: set up, build the CLI, the wasm and the extension, and serve the demo page
demo: setup cli
	./target/release/declutter extract --format text tests/fixtures/seed-semantic/source.html

## test: set up and pass every test
test: setup lint native eval

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

clean:
	$(CARGO) clean
	rm -rf pkg dist artifacts
