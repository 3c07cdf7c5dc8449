#!/usr/bin/env bash
# The main job: everything coauthor makes from seeds/, written into Output/ (or the folder given).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-Output}"
mkdir -p "$out"
bin="${COAUTHOR_BIN:-}"
if [ -z "$bin" ]; then
  bash Tests/scripts/setup.sh
  swift build -c release >&2
  bin=.build/release/coauthor
fi
seed=seeds/qin-huang-profile.txt
asof=2026-11-27   # the day the seed page was saved: dates without a year are read against it
"$bin" stats "$seed" --as-of "$asof" > "$out/qin-huang-stats.txt"
"$bin" stats "$seed" --as-of "$asof" --format json > "$out/qin-huang-stats.json"
"$bin" rank "$seed" --as-of "$asof" --all-metrics --top 0 --format csv > "$out/qin-huang-rankings.csv"
# The graph for Gephi, VOSviewer, Cytoscape, Pajek, Graphviz and notebooks, with two metrics and the
# connected components as communities.
extra=(--metrics pagerank,betweenness --communities components -q)
for fmt in graphml gexf json gml dot; do
  "$bin" export "$seed" --as-of "$asof" --to "$fmt" -o "$out/qin-huang.$fmt" "${extra[@]}"
done
"$bin" export "$seed" --as-of "$asof" --to pajek -o "$out/qin-huang.net" "${extra[@]}"
"$bin" export "$seed" --as-of "$asof" --to csv -o "$out/qin-huang-csv" "${extra[@]}"
"$bin" export "$seed" --as-of "$asof" --to vosviewer -o "$out/qin-huang-vosviewer" "${extra[@]}"
echo "wrote $(ls "$out" | wc -l) files to $out/" >&2
