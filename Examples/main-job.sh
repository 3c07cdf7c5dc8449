#!/usr/bin/env bash
# The main job: everything coauthor makes from seeds/, written into Output/ (or the folder given).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-Output}"
mkdir -p "$out"
bin="${COAUTHOR_BIN:-}"
if [ -z "$bin" ]; then
  bash Tests/scripts/setup.sh --main-job   # Graphviz and fonts only (the tests' venv is not needed here)
  swift build -c release >&2
  bin=.build/release/coauthor
fi
seed=seeds/qin-huang-profile.txt
asof=2026-11-27   # the day the seed page was saved: dates without a year are read against it
"$bin" stats "$seed" --as-of "$asof" > "$out/qin-huang-stats.txt"
"$bin" stats "$seed" --as-of "$asof" --format json > "$out/qin-huang-stats.json"
"$bin" rank "$seed" --as-of "$asof" --all-metrics --top 0 --format csv > "$out/qin-huang-rankings.csv"
"$bin" communities "$seed" --as-of "$asof" --seed 1 --format json > "$out/qin-huang-communities.json"
"$bin" communities "$seed" --as-of "$asof" --seed 1 --format csv > "$out/qin-huang-communities.csv"
# Collaboration over time for the page's owner: yearly rows and the collaboration Gantt chart.
"$bin" timeline "$seed" --as-of "$asof" --author "Qin Huang" --format csv -o "$out/qin-huang-timeline.csv"
"$bin" timeline "$seed" --as-of "$asof" --author "Qin Huang" --format svg -o "$out/qin-huang-timeline.svg"
# The collaboration network (sfdp; colour = Leiden community, named by its title terms) and the
# ego view (twopi, Qin Huang in the centre; colour = year of each coauthor's first paper).
"$bin" render "$seed" --as-of "$asof" --title "Qin Huang: collaboration network" \
  -o "$out/qin-huang-network.svg"
"$bin" render "$seed" --as-of "$asof" --ego "Qin Huang" --color-by first-year --labels 39 \
  --title "Qin Huang: coauthors by year of first paper" -o "$out/qin-huang-ego.svg"
# The interactive map (one self-contained HTML page: search, filters, papers behind each tie, tables).
"$bin" report "$seed" --as-of "$asof" --title "Qin Huang: collaboration network" -q -o "$out/qin-huang-report.html"
# The graph for Gephi, VOSviewer, Cytoscape, Pajek, Graphviz and notebooks, with two metrics and the
# Leiden communities (seed 1), and sfdp positions.
extra=(--metrics pagerank,betweenness --communities leiden --seed 1 --layout sfdp -q)
for fmt in graphml gexf json gml dot; do
  "$bin" export "$seed" --as-of "$asof" --to "$fmt" -o "$out/qin-huang.$fmt" "${extra[@]}"
done
"$bin" export "$seed" --as-of "$asof" --to pajek -o "$out/qin-huang.net" "${extra[@]}"
"$bin" export "$seed" --as-of "$asof" --to csv -o "$out/qin-huang-csv" "${extra[@]}"
"$bin" export "$seed" --as-of "$asof" --to vosviewer -o "$out/qin-huang-vosviewer" "${extra[@]}"
echo "wrote $(ls "$out" | wc -l) files to $out/" >&2
