#!/usr/bin/env bash
# What --resolve evidence costs on all of DBLP 2016, side by side with the exact resolution:
#   bash Benchmarks/identity_eval/cost.sh [RUNS]        (default 2 runs of each, alternating)
# Runs `coauthor rank DBLP --by pagerank --top 15` with --resolve exact and --resolve evidence
# (release build), and prints each run's wall time, peak memory and the "resolve identities" step.
# The input is the numbers-stripped DBLP file that Benchmarks/identity_eval/identity_eval.py
# makes in /tmp/coauthor-identity-eval (made here first when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-2}
bin=.build/release/coauthor
work=/tmp/coauthor-identity-eval
input=$work/dblp-2016.jsonl
[ -x "$bin" ] || swift build -c release
[ -f "$input" ] || python3 Benchmarks/identity_eval/identity_eval.py --sets dblp-2016 --resolve exact >/dev/null
for i in $(seq "$runs"); do
  for mode in exact evidence; do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" rank "$input" --by pagerank --top 15 -q --timings \
      --resolve "$mode" > "$work/rank-$mode.txt" 2> "$work/timings-$mode.txt"
    read -r secs kb < "$work/time.txt"
    step=$(grep -E "^timing: resolve identities" "$work/timings-$mode.txt" | awk '{print $NF}')
    printf "%-8s run %d: %6.2f s wall, %5d MiB peak, resolve identities %s s\n" "$mode" "$i" "$secs" $((kb / 1024)) "$step"
  done
done
