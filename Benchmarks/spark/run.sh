#!/usr/bin/env bash
# The cluster path on all of DBLP 2016, next to coauthor's single-process run (a benchmark, not a test):
#   bash Benchmarks/spark/run.sh [MASTERS]        default MASTERS="local[1] local[2]"
# Prints wall time and peak memory (GNU time's maximum resident set size) of
#   coauthor build (the single-process reference), coauthor authorships (the map step; target ≤ 2× build),
#   coauthor rank --by pagerank (single process: parse, build, PageRank),
#   the Spark job per master,
# checks agreement (edges exactly, PageRank within 1e-6: Benchmarks/spark/agree.py) and prints the
# extrapolation to 250 M works. The unpacked file goes to $TMPDIR (default /tmp), never into the repo.
set -euo pipefail
cd "$(dirname "$0")/../.."
masters=${1:-"local[1] local[2]"}
tmp=${TMPDIR:-/tmp}/coauthor-spark-bench
mkdir -p "$tmp"
src=../shared/data/dblp/dblp-2016-authors.jsonl.xz
data="$tmp/dblp-2016-authors.jsonl"
[ -s "$data" ] || xz -dc "$src" > "$data"
swift build -c release >&2
bin=.build/release/coauthor
py=.venv/bin/python
measure() {  # LABEL COMMAND…: one line "LABEL seconds peak-MiB"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$tmp/time.txt" "$@" > "$tmp/$label.out" 2> "$tmp/$label.err" || { cat "$tmp/$label.err" >&2; exit 1; }
  read -r secs kib < "$tmp/time.txt"
  printf '%-28s %8.1f s %8.0f MiB\n' "$label" "$secs" "$((kib / 1024))"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores, shared)"
rm -rf "$tmp/parts" "$tmp/ref.coauthor"
measure "coauthor build" "$bin" build "$data" -q -o "$tmp/ref.coauthor"
measure "coauthor authorships" "$bin" authorships "$data" -q -o "$tmp/parts"
measure "coauthor rank pagerank" "$bin" rank "$data" -q --by pagerank --top 0 --format csv
cp "$tmp/coauthor rank pagerank.out" "$tmp/rank-ref.csv"
measure "coauthor export csv" "$bin" export "$data" -q --to csv -o "$tmp/ref-csv"
export PYSPARK_PYTHON="$PWD/$py" PYSPARK_DRIVER_PYTHON="$PWD/$py"
for m in $masters; do
  out="$tmp/out-${m//[^a-z0-9]/}"
  rm -rf "$out"
  measure "spark $m" .venv/bin/spark-submit --master "$m" --driver-memory "${SPARK_DRIVER_MEMORY:-4g}" \
    --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
    --driver-java-options "-Dlog4j.configurationFile=file:$PWD/Distributed/spark/log4j2.properties" \
    Distributed/spark/coauthor_spark.py "$tmp/parts" "$out" --partitions 8
  grep coauthor-spark "$tmp/spark $m.err" | sed "s/^/    /" || true   # the job's own progress lines, if any
  "$py" Benchmarks/spark/agree.py "$out" "$tmp/ref-csv" "$tmp/rank-ref.csv"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
