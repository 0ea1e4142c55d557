#!/usr/bin/env bash
# The test suite: Rust (fmt, clippy, tests) and Python (build, install, ruff, pytest).
# Creates .venv if needed and installs everything into it.
#
#   bash scripts/test.sh          the whole suite (what .ci/run calls): cargo fmt, clippy,
#                                 `cargo test --profile quick` (optimised as release, without
#                                 LTO: two dozen test binaries link in a fraction of the
#                                 time), a release build of wenmai installed
#                                 with pip, ruff, every pytest test (notebooks included)
#   bash scripts/test.sh --fast   the edit loop: cargo fmt, debug `cargo test` without the
#                                 slowest Rust tests, a debug build installed with
#                                 `maturin develop`, ruff, pytest -m "not notebooks and not slow"
#
# The corpus is $WENMAI_CORPUS, default ../shared/corpus. Without it, the tests that need all
# of it skip and say so, the others run on its sample in tests/data; under CI=true a missing
# corpus fails them instead.
set -euo pipefail
fast=0
for arg in "$@"; do
  case "$arg" in
    --fast) fast=1 ;;
    -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "usage: bash scripts/test.sh [--fast]" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
root=$(pwd)
export WENMAI_CORPUS="${WENMAI_CORPUS:-$(cd "$root/.." && pwd)/shared/corpus}"
export CARGO_TERM_COLOR=never
if [ ! -d "$WENMAI_CORPUS" ]; then
  echo "note: no corpus at $WENMAI_CORPUS: the tests that need it skip (put it at" \
    "../shared/corpus or set WENMAI_CORPUS; tests/data holds a sample the others use)"
fi

# tests/test_html_report.py renders the report's page in Debian's chromium (the page embeds its
# own CJK font). Under CI=true it is installed when missing, in the background while Rust
# builds; elsewhere the test skips and says so.
apt_log=$(mktemp)
apt_pid=""
if [ "${CI:-}" = true ] && ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  ( $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
      chromium ) >"$apt_log" 2>&1 &
  apt_pid=$!
fi

echo "== rust: fmt, clippy, tests"
cargo fmt --all -- --check
if [ "$fast" = 1 ]; then
  # Debug build; the slowest tests (all of the corpus, SIGHAN F-scores, the trie against
  # jieba-rs on every line) are left to the full run.
  cargo test --workspace -- \
    --skip every_structured_file_parses \
    --skip pku_with_hmm --skip pku_without_hmm --skip msr_with_hmm --skip msr_without_hmm \
    --skip trie_and_jieba_rs_give_the_same_tokens --skip trie_counts_equal_jieba_rs_counts \
    --skip same_results_for_1_2_and_8_threads
else
  cargo clippy --workspace --all-targets --quiet -- -D warnings
  # a clean clone gains nothing from incremental data, only the time to write it
  CARGO_INCREMENTAL=0 cargo test --workspace --profile quick
fi

echo "== python: environment"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -r requirements-dev.txt

echo "== python: build and install wenmai"
if [ "$fast" = 1 ]; then
  # A debug build, installed in place (python/wenmai plus the extension module).
  maturin develop --quiet --profile dev --extras plot
else
  python -m pip install --quiet ".[plot]"
fi
ruff check python tests benchmarks

if [ -n "$apt_pid" ] && ! wait "$apt_pid"; then
  echo "note: could not install chromium (the screenshot test fails under CI=true):"
  tail -5 "$apt_log"
fi

echo "== python: tests"
# test_property.py feeds lone surrogates; a pytest-xdist worker that ran it after other
# modules died sending its report back (execnet encodes UTF-8), so it runs in this process.
if [ "$fast" = 1 ]; then
  python -m pytest tests -q -n 2 --dist loadfile -m "not notebooks and not slow" \
    --ignore=tests/test_property.py
else
  python -m pytest tests -q -n 2 --dist loadfile --ignore=tests/test_property.py
fi
python -m pytest tests/test_property.py -q
