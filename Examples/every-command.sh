#!/usr/bin/env bash
# Runs every coauthor command once on the example inputs (Examples/inputs holds a short file per
# supported format: profile page, BibTeX, CSV, TSV, JSON Lines, dblp XML, PubMed XML, ACL Anthology
# XML) and writes what they print and export into a folder (default: a new temporary one).
#   bash Examples/every-command.sh [OUT]      COAUTHOR_BIN=path/to/coauthor to use a built binary
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
bin="${COAUTHOR_BIN:-}"
if [ -z "$bin" ]; then
  swift build >&2
  bin=.build/debug/coauthor
fi
in=Examples/inputs
asof=(--as-of 2026-11-27)   # completes the profile page's dates without a year

# stats: every file on its own (format detected by extension, then content), then all together.
for f in "$in"/*; do
  name=$(basename "$f")
  "$bin" stats "$f" "${asof[@]}" --format json > "$out/stats-$name.json"
done
"$bin" stats "$in" "${asof[@]}" > "$out/stats-all.txt"
# A forced reader on standard input.
"$bin" stats - --input-format acl --format json < "$in/acl.xml" > "$out/stats-stdin-acl.json"
# rank, path, identities.
"$bin" rank "$in" "${asof[@]}" --by pagerank --top 10 > "$out/rank.txt"
"$bin" rank "$in" "${asof[@]}" --all-metrics --top 0 --format csv > "$out/rank-all.csv"
"$bin" path "$in" "${asof[@]}" --from "Mary Somerville" --to "Luigi Menabrea" > "$out/path.txt"
"$bin" identities "$in" "${asof[@]}" --format csv > "$out/identities.csv"
"$bin" identities "$in" "${asof[@]}" --suggest > "$out/suggestions.txt"
# authorships: the map step of the Spark path (one part per input file).
"$bin" authorships "$in" "${asof[@]}" -q -o "$out/authorships"
# export: every format, with two metrics and the components as communities.
extra=(--metrics pagerank,betweenness --communities components -q)
for fmt in graphml gexf json gml dot; do
  "$bin" export "$in" "${asof[@]}" --to "$fmt" -o "$out/graph.$fmt" "${extra[@]}"
done
"$bin" export "$in" "${asof[@]}" --to pajek -o "$out/graph.net" "${extra[@]}"
"$bin" export "$in" "${asof[@]}" --to csv -o "$out/csv" "${extra[@]}"
"$bin" export "$in" "${asof[@]}" --to vosviewer -o "$out/vosviewer" "${extra[@]}"
# report: the interactive HTML map, and its data alone (VOSviewer Online JSON).
"$bin" report "$in" "${asof[@]}" -q -o "$out/report.html"
"$bin" report "$in" "${asof[@]}" -q --data-only -o "$out/report.json"
echo "every command ran on $(ls "$in" | wc -l) example inputs; results in $out" >&2
