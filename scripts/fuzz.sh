#!/usr/bin/env bash
# Fuzzes the extractor for a bounded time: FUZZ_SECONDS per target (default 60), targets from
# FUZZ_TARGETS (default: extract tag_soup). Installs cargo-fuzz if it is missing; needs the
# nightly toolchain. Crashes land in fuzz/artifacts/<target>/ and make the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TARGETS=${FUZZ_TARGETS:-"extract tag_soup"}

say() { printf '[fuzz] %s\n' "$*"; }

if ! rustup toolchain list | grep -q '^nightly'; then
  say "installing the nightly toolchain (cargo fuzz needs it)"
  rustup toolchain install nightly --profile minimal
fi
if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (a few minutes, once)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

# Seed corpus: the fixture pages. The extract target reads its first byte as option flags,
# so each page gets a zero byte in front.
mkdir -p fuzz/corpus/extract fuzz/corpus/tag_soup
for page in tests/fixtures/*/source.html; do
  name=$(basename "$(dirname "$page")")
  { printf '\0'; cat "$page"; } > "fuzz/corpus/extract/fixture-$name"
done

status=0
for target in $FUZZ_TARGETS; do
  say "$target for ${FUZZ_SECONDS}s"
  # rss_limit: a page may cost ten times its size; timeout: no single page takes 10 s.
  if ! cargo +nightly fuzz run -O "$target" -- \
      -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=4096 -timeout=10 -max_len=65536 \
      -print_final_stats=1; then
    say "$target found a problem: see fuzz/artifacts/$target/"
    status=1
  fi
done
exit $status
