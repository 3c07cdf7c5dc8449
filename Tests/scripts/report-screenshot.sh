#!/usr/bin/env bash
# Refreshes the README's picture of the interactive report (docs/images/qin-huang-report.png): runs
# the browser test that loads the seed's report and copies the screenshot it kept as its artefact.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash Tests/scripts/setup.sh --browser
swift build >&2
export COAUTHOR_BIN="${COAUTHOR_BIN:-$PWD/.build/debug/coauthor}"
.venv/bin/python -m pytest Tests/browser -q -p no:cacheprovider -k test_seed_report_loads_without_console_errors
mkdir -p docs/images
cp .build/report-artefacts/seed-loaded.png docs/images/qin-huang-report.png
echo "wrote docs/images/qin-huang-report.png" >&2
