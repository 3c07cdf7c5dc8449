#!/usr/bin/env bash
# Runs the whole Swift test suite under AddressSanitizer and under ThreadSanitizer (the readers,
# the builder and the metrics use threads), each built into its own scratch path (.build-asan,
# .build-tsan) so the ordinary .build is left alone. The CLI tests run the sanitized `coauthor`
# binary built beside the tests. Logs: .build-asan/test-output.txt, .build-tsan/test-output.txt.
# Usage: bash Tests/scripts/sanitizers.sh [address] [thread]     (default: both)
# Any sanitizer report fails the run (halt_on_error), as does any failing test.
set -euo pipefail
cd "$(dirname "$0")/../.."
export COAUTHOR_PYTHON="$PWD/.venv/bin/python"
# Leaks are not errors here: a command keeps its corpus and graph until exit on purpose
# (ProcessLifetime), and the Swift runtime's metadata caches live as long as the process.
export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:abort_on_error=1"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
sanitizers=("$@")
[ ${#sanitizers[@]} -eq 0 ] && sanitizers=(address thread)
for s in "${sanitizers[@]}"; do
  case "$s" in
    address) scratch=.build-asan ;;
    thread) scratch=.build-tsan ;;
    *) echo "unknown sanitizer '$s' (address or thread)" >&2; exit 64 ;;
  esac
  start=$(date +%s)
  swift build --build-tests --sanitize="$s" --scratch-path "$scratch"
  built=$(date +%s)
  unset COAUTHOR_BIN     # the tests find the sanitized binary beside themselves
  set +e
  swift test --skip-build --sanitize="$s" --scratch-path "$scratch" 2>&1 | tee "$scratch/test-output.txt"
  rc=${PIPESTATUS[0]}
  set -e
  end=$(date +%s)
  echo "$s sanitizer: build $((built - start)) s, tests $((end - built)) s, exit $rc"
  if grep -q "ERROR: AddressSanitizer\|WARNING: ThreadSanitizer\|ERROR: ThreadSanitizer" "$scratch/test-output.txt"; then
    echo "$s sanitizer reported a problem (see $scratch/test-output.txt)" >&2
    exit 1
  fi
  [ "$rc" -eq 0 ] || exit "$rc"
done
