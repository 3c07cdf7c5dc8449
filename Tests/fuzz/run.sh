#!/usr/bin/env bash
# Runs every libFuzzer target (or the ones named) for SECONDS each, one after the other, on a seed
# corpus assembled at run time from Examples/inputs, seeds/ and ../shared/data (the first 16 KiB of
# each file of the target's format; nothing is committed, nothing is copied into the repository:
# the corpus lives in $FUZZ_BUILD/corpus/TARGET and keeps what the fuzzer finds between runs).
# A crash, a timeout (60 s per input, wall clock: generous for a loaded machine) or running out of memory (2 GiB) is a finding (leak checks
# are off: the Swift runtime keeps its metadata caches for the life of the process): its
# input is saved in $FUZZ_BUILD/findings/TARGET/ and the script fails.
# Usage: bash Tests/fuzz/run.sh SECONDS [TARGET…]     (targets: Tests/fuzz/build.sh lists them)
#        FUZZ_NO_BUILD=1 bash Tests/fuzz/run.sh …     runs the targets as last built
# Prints one line per target: runs, coverage (edges), features, corpus size, seconds.
set -euo pipefail
seconds=${1:?usage: run.sh SECONDS [TARGET…]}; shift
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${FUZZ_BUILD:-$root/.build-fuzz}"
shared="$root/../shared/data"
if [ "${FUZZ_NO_BUILD:-}" = 1 ]; then      # the targets as last built (a long campaign while sources change)
  mapfile -t all < <(cd "$out" && ls fuzz-* | grep -v '\.log$' | sed 's/^fuzz-//')
else
  mapfile -t all < <(bash "$root/Tests/fuzz/build.sh")
fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

# seeds TARGET: files of the target's format.
seeds() {
  local ex="$root/Examples/inputs"
  case "$1" in
    profile) echo "$root"/seeds/*.txt "$ex/profile.txt" ;;
    bibtex) find "$ex" "$shared/bibtex" "$shared/dblp/bib-sample" "$shared/scopus" -name '*.bib' ;;
    csv) find "$ex" "$shared/openalex" "$shared/scopus" "$shared/lens" -name '*.csv' ;;
    tsv) find "$ex" -name '*.tsv' ;;
    jsonl) find "$ex" -name 'papers.jsonl' ;;
    dblp-xml) echo "$ex/dblp.xml"; find "$shared/dblp/xml" -name '*.xml' ;;
    pubmed) echo "$ex/pubmed.xml"; find "$shared/pubmed" -name '*.xml' ;;
    acl) echo "$ex/acl.xml"; find "$shared/acl-anthology/xml-sample" -name '*.xml' ;;
    openalex) find "$ex" -name 'openalex-*'; find "$shared/openalex" -name '*.json' ;;
    s2) find "$shared/semanticscholar" -name '*.json' ;;
    csl-json) find "$ex" "$shared" -name '*.json' -path '*csl*' ; echo "$ex/openalex-work.json" ;;
    csl-yaml) find "$shared/dblp/csl-yaml" -name '*.yaml' ;;
    ris) find "$shared/ris-wos" -name '*.ris' ;;
    wos) find "$shared/wos" -name '*.txt'; echo "$shared/ris-wos/example_wos.ris" ;;
    medline) echo "$shared/ris-wos/example_pubmed_medline.txt" ;;
    snapshot) ;;   # made below from the example inputs with the coauthor binary
  esac
}

status=0
for t in "${targets[@]}"; do
  corpus="$out/corpus/$t" findings="$out/findings/$t"
  mkdir -p "$corpus" "$findings"
  if [ "$t" = snapshot ]; then
    bin="${COAUTHOR_BIN:-$root/.build/debug/coauthor}"
    for f in "$root/seeds/qin-huang-profile.txt" "$root/Examples/inputs/refs.bib" "$root/Examples/inputs/papers.csv"; do
      "$bin" build "$f" -q -o "$corpus/seed-$(basename "$f").coauthor" >/dev/null 2>&1 || { echo "cannot build a seed snapshot with $bin" >&2; exit 1; }
    done
  else
    while read -r f; do
      [ -f "$f" ] || continue
      head -c 16384 "$f" > "$corpus/seed-$(echo "$f" | md5sum | cut -c1-12)"
    done < <(seeds "$t" | tr ' ' '\n' | sort -u)
  fi
  log="$out/fuzz-$t.log"
  set +e
  ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1" \
    "$out/fuzz-$t" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=60 -rss_limit_mb=2048 \
      -artifact_prefix="$findings/" -print_final_stats=1 > "$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo "$seconds")
  echo "fuzz-$t: exit $rc, $runs runs, cov $cov, ft $ft, corpus $(ls "$corpus" | wc -l) files, ${took} s"
  if [ "$rc" -ne 0 ]; then
    echo "fuzz-$t found a problem: $(ls "$findings") (log: $log)" >&2
    tail -30 "$log" >&2
    status=1
  fi
done
exit $status
