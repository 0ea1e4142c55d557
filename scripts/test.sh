#!/usr/bin/env bash
# The whole test suite: Rust (fmt, clippy, tests) and Python (build, install, pytest).
# Creates .venv if needed and installs everything into it. Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export WENMAI_CORPUS="${WENMAI_CORPUS:-$(cd "$root/.." && pwd)/shared/corpus}"
export CARGO_TERM_COLOR=never

echo "== rust: fmt, clippy, tests"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo test --workspace --release

echo "== python: environment"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -r requirements-dev.txt

echo "== python: build and install wenmai"
python -m pip install --quiet ".[plot]"
ruff check python tests benchmarks

echo "== python: tests"
python -m pytest tests -q
