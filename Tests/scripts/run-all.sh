#!/usr/bin/env bash
# Runs every test: the Swift suites (unit, reader, CLI and oracle-conformance tests), a check that
# the main job regenerates Output/ exactly, every command once on the example inputs, the export
# round-trip suite (pytest, reading every export back with networkx and pandas), every libFuzzer
# target for 20 s (Tests/fuzz/run.sh), the report's
# browser suite (headless Chromium) and the example notebook (nbclient). Any failure fails the script; pytest collecting no test at all (exit 5) counts as a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash Tests/scripts/setup.sh --browser
export COAUTHOR_PYTHON="$PWD/.venv/bin/python"
swift build
swift test --parallel 2>&1 | tee .build/test-output.txt
export COAUTHOR_BIN="$PWD/.build/debug/coauthor"
# The committed Output/ must be what the main job makes.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash Examples/main-job.sh "$tmp"
if diff -r Output "$tmp" >/dev/null; then
  echo "Output/ check: 1 passed, 0 failed"
else
  diff -r Output "$tmp" | head -40
  echo "Output/ check: 0 passed, 1 failed"
  exit 1
fi
# Every command once on the example inputs (one file per supported format).
if bash Examples/every-command.sh "$tmp/every-command"; then
  echo "Examples/every-command.sh: 1 passed, 0 failed"
else
  echo "Examples/every-command.sh: 0 passed, 1 failed"
  exit 1
fi
# Fuzzing that stays (issue 21): every libFuzzer target (a reader per format and the snapshot
# loader, Tests/fuzz/build.sh: swiftc -sanitize=fuzzer,address into .build-fuzz) for 20 s on its
# seed corpus. A crash, a hang or running out of memory fails the run; the input is kept in
# .build-fuzz/findings/TARGET/. Cost: the build (about 5 min from scratch on 2 cores) plus 16 × 20 s.
fuzz_start=$(date +%s)
if bash Tests/fuzz/run.sh 20; then
  echo "Tests/fuzz/run.sh 20: 1 passed, 0 failed ($(( $(date +%s) - fuzz_start )) s)"
else
  echo "Tests/fuzz/run.sh 20: 0 passed, 1 failed"
  exit 1
fi
# A pytest suite; pytest collecting no test at all (exit 5) is a failure here.
run_pytest() {
  set +e
  .venv/bin/python -m pytest "$1" -q -p no:cacheprovider
  local rc=$?
  set -e
  if [ "$rc" -eq 5 ]; then
    echo "pytest collected no tests in $1: that is a failure here" >&2
    exit 1
  elif [ "$rc" -ne 0 ]; then
    exit "$rc"
  fi
}
# Exports read back with networkx and pandas (the real CLI binary, the project's venv).
run_pytest Tests/exports
# The cluster path: coauthor authorships → the Spark job in local mode → coauthor reading its
# Parquet back, checked against coauthor's own results (Tests/spark, one Spark session).
run_pytest Tests/spark
# The interactive report in a real browser (headless Chromium through Selenium, which setup.sh
# --browser installed; the main job does not need them). Screenshots of every checked state go to
# .build/report-artefacts/.
run_pytest Tests/browser
# The example notebook, executed cell by cell; a failing cell fails the run.
.venv/bin/python Tests/scripts/run-notebook.py Examples/notebooks/coauthor-analysis.ipynb
