#!/usr/bin/env bash
# Runs every test: the Swift suites (unit, reader, CLI and oracle-conformance tests) and a check that
# the main job regenerates Output/ exactly.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash Tests/scripts/setup.sh
export COAUTHOR_PYTHON="$PWD/.venv/bin/python"
swift build
swift test --parallel 2>&1 | tee .build/test-output.txt
# The committed Output/ must be what the main job makes.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
COAUTHOR_BIN=.build/debug/coauthor bash Examples/main-job.sh "$tmp"
if diff -r Output "$tmp" >/dev/null; then
  echo "Output/ check: 1 passed, 0 failed"
else
  diff -r Output "$tmp" | head -40
  echo "Output/ check: 0 passed, 1 failed"
  exit 1
fi
