#!/usr/bin/env bash
# What --resolve evidence costs on all of DBLP 2016, side by side with the exact resolution:
#   bash Benchmarks/identity_eval/cost.sh [RUNS]        (default 3 runs of each, alternating)
#   WORK=/tmp/somewhere bash Benchmarks/identity_eval/cost.sh   (scratch folder, default /tmp/coauthor-identity-eval)
# Runs `coauthor rank DBLP --by pagerank --top 15` with --resolve exact and --resolve evidence
# (release build), and prints each run's wall time, peak memory and the "resolve identities" step,
# then the median of each mode and the ratio evidence / exact (issue 16's target: at most 1.5), of
# wall time and of CPU time (user + system: what the work costs, less sensitive than wall time to
# other processes on a shared machine), with the 1-minute load average before each run.
# The input is the numbers-stripped DBLP file that Benchmarks/identity_eval/identity_eval.py
# makes in the scratch folder (made here first when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
bin=${COAUTHOR:-.build/release/coauthor}
work=${WORK:-/tmp/coauthor-identity-eval}
input=$work/dblp-2016.jsonl
[ -x "$bin" ] || swift build -c release
[ -f "$input" ] || python3 Benchmarks/identity_eval/identity_eval.py --sets dblp-2016 --resolve exact --work "$work" >/dev/null
mkdir -p "$work"
: > "$work/cost-runs.txt"
for i in $(seq "$runs"); do
  for mode in exact evidence; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$bin" rank "$input" --by pagerank --top 15 -q --timings \
      --resolve "$mode" > "$work/rank-$mode.txt" 2> "$work/timings-$mode.txt"
    read -r secs kb user sys < "$work/time.txt"
    cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
    step=$(grep -E "^timing: resolve identities" "$work/timings-$mode.txt" | awk '{print $NF}')
    echo "$mode $secs $kb $step $cpu $load" >> "$work/cost-runs.txt"
    printf "%-8s run %d: %6.2f s wall, %6.2f s CPU, %5d MiB peak, resolve identities %s s, load %s\n" \
      "$mode" "$i" "$secs" "$cpu" $((kb / 1024)) "$step" "$load"
  done
done
python3 - "$work/cost-runs.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med, cpu = {}, {}
for mode in ("exact", "evidence"):
    wall = [float(r[1]) for r in rows if r[0] == mode]
    step = [float(r[3]) for r in rows if r[0] == mode]
    mem = [int(r[2]) // 1024 for r in rows if r[0] == mode]
    cpus = [float(r[4]) for r in rows if r[0] == mode]
    loads = [r[5] for r in rows if r[0] == mode]
    med[mode] = statistics.median(wall)
    cpu[mode] = statistics.median(cpus)
    print(f"{mode:<8} median {statistics.median(wall):6.2f} s wall (min {min(wall):.2f}), {cpu[mode]:.2f} s CPU, "
          f"resolve identities median {statistics.median(step):.2f} s, peak {max(mem)} MiB, loads {' '.join(loads)}")
print(f"evidence / exact (median wall): {med['evidence'] / med['exact']:.2f}  (target <= 1.50)")
print(f"evidence / exact (median CPU):  {cpu['evidence'] / cpu['exact']:.2f}")
PY
