#!/usr/bin/env bash
# The whole cluster path on this machine, in Spark local mode:
#   Distributed/spark/run-local.sh OUT INPUT… [coauthor authorships options]
# 1. `coauthor authorships INPUT… -o PARTS/` (the map step: one part per input file);
# 2. `spark-submit coauthor_spark.py PARTS/ OUT/` (edges, degree, strength, components, PageRank,
#    label propagation; OUT/nodes/ and OUT/edges/ as Parquet, OUT/_coauthor.json last).
# Then `coauthor rank OUT --by pagerank`, `coauthor render OUT -o big.svg` read OUT back.
#
# Environment: SPARK_MASTER (default local[*]), SPARK_DRIVER_MEMORY (default 2g),
# COAUTHOR_SPARK_OPTS (options of the job, e.g. "--max-authors 50"), COAUTHOR_BIN (the coauthor
# binary; default .build/release/coauthor, else .build/debug/coauthor), COAUTHOR_PYTHON (the
# Python with pyspark; default .venv/bin/python). Exit: 64 usage, else the failing step's code.
set -euo pipefail
if [ $# -lt 2 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 64
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$1
shift
coauthor=${COAUTHOR_BIN:-}
if [ -z "$coauthor" ]; then
  if [ -x "$root/.build/release/coauthor" ]; then coauthor="$root/.build/release/coauthor"; else coauthor="$root/.build/debug/coauthor"; fi
fi
python=${COAUTHOR_PYTHON:-$root/.venv/bin/python}
[ -x "$coauthor" ] || { echo "run-local.sh: $coauthor not found: run 'swift build -c release' first" >&2; exit 66; }
"$python" -c 'import pyspark' 2>/dev/null || { echo "run-local.sh: $python has no pyspark: run 'bash Tests/scripts/setup.sh'" >&2; exit 66; }
parts=$(mktemp -d "${TMPDIR:-/tmp}/coauthor-parts.XXXXXX")
trap 'rm -rf "$parts"' EXIT
"$coauthor" authorships "$@" -o "$parts"
export PYSPARK_PYTHON="$python" PYSPARK_DRIVER_PYTHON="$python"
spark_submit="$(dirname "$python")/spark-submit"
"$spark_submit" --master "${SPARK_MASTER:-local[*]}" --driver-memory "${SPARK_DRIVER_MEMORY:-2g}" \
  --conf spark.ui.enabled=false \
  --driver-java-options "-Dlog4j.configurationFile=file:$root/Distributed/spark/log4j2.properties" \
  "$root/Distributed/spark/coauthor_spark.py" "$parts" "$out" ${COAUTHOR_SPARK_OPTS:-}  # word-split on purpose
