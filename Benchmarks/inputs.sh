#!/usr/bin/env bash
# Compressed and streamed input benchmark (not a test): builds coauthor in release mode and runs
# Benchmarks/inputs.py with it. Extra arguments go to inputs.py, e.g.
#   bash Benchmarks/inputs.sh --before /path/to/older/coauthor --cases dblp,bib,pubmed
#   bash Benchmarks/inputs.sh --cases synth --synth-gb 6.2     # ~1 GB gzip written to /tmp, deleted after
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product coauthor >&2
exec python3 Benchmarks/inputs.py .build/release/coauthor "$@"
