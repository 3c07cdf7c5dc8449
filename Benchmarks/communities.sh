#!/usr/bin/env bash
# Community-detection benchmark (not a test): builds CommunityBench in release mode and runs
# Benchmarks/communities.py against igraph, leidenalg, networkit (installed into .venv if missing)
# and networkx on netscience, CA-CondMat and astro-ph. Extra arguments go to communities.py,
# e.g. --graphs condmat --seeds 3 --no-networkx.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Tests/scripts/setup.sh
swift build -c release --product CommunityBench >&2
exec .venv/bin/python Benchmarks/communities.py .build/release/CommunityBench "$@"
