#!/usr/bin/env bash
# Builds the libFuzzer targets with swiftc -sanitize=fuzzer,address: one per reader
# (fuzz-FORMAT: sniff, general path, byte path, then corpus builder and graph) and one for the
# snapshot loader (fuzz-snapshot), into $FUZZ_BUILD (default .build-fuzz/). The library sources
# (CoauthorOutput, CoauthorParallel, CoauthorModel, CoauthorRecords, CoauthorGraph) are compiled into static libraries with the same
# instrumentation; each is rebuilt only when one of its sources is newer than it.
# Usage: bash Tests/fuzz/build.sh            prints the targets built, one a line
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${FUZZ_BUILD:-$root/.build-fuzz}"
mkdir -p "$out/src"
# -I Sources/CCompression: the C module (module map + shim) CoauthorRecords reads compressed input through.
flags=(-sanitize=fuzzer,address -parse-as-library -swift-version 6 -O -g -I "$out" -L "$out" -I "$root/Sources/CCompression"
       -package-name coauthor -module-cache-path "$out/module-cache")

# lib NAME DEPENDENCY… : Sources/NAME/**/*.swift → $out/libNAME.a + NAME.swiftmodule
lib() {
  local name=$1; shift
  local sources; mapfile -t sources < <(find "$root/Sources/$name" -name '*.swift' | sort)
  local stamp="$out/lib$name.a" newer=0
  if [ ! -f "$stamp" ] || [ -n "$(find "$root/Sources/$name" -name '*.swift' -newer "$stamp" -print -quit)" ]; then newer=1; fi
  for dep in "$@"; do [ "$out/lib$dep.a" -nt "$stamp" ] && newer=1; done
  if [ "$newer" = 1 ]; then
    echo "building lib$name.a" >&2
    swiftc "${flags[@]}" -emit-library -static -emit-module -module-name "$name" \
      -emit-module-path "$out/$name.swiftmodule" -o "$out/lib$name.a" "${sources[@]}"
  fi
}
lib CoauthorOutput
lib CoauthorParallel
lib CoauthorModel CoauthorOutput
lib CoauthorRecords CoauthorOutput CoauthorModel CoauthorParallel
lib CoauthorGraph CoauthorOutput CoauthorModel CoauthorParallel

# target NAME CALL : a fuzz target whose LLVMFuzzerTestOneInput runs CALL on the input.
target() {
  local name=$1 call=$2 src="$out/src/$1.swift"
  cat > "$src.new" <<SWIFT
import CoauthorRecords
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeBufferPointer(start: data, count: size)
    $call
    return 0
}
SWIFT
  if ! cmp -s "$src.new" "$src"; then mv "$src.new" "$src"; else rm "$src.new"; fi
  local exe="$out/fuzz-$name"
  if [ ! -f "$exe" ] || [ "$src" -nt "$exe" ] || [ "$out/libCoauthorGraph.a" -nt "$exe" ] || [ "$root/Tests/fuzz/FuzzSupport.swift" -nt "$exe" ]; then
    echo "linking fuzz-$name" >&2
    # (gold warns once per ASan helper symbol that it cannot export it: harmless, left out.)
    swiftc "${flags[@]}" "$src" "$root/Tests/fuzz/FuzzSupport.swift" \
      -lCoauthorGraph -lCoauthorRecords -lCoauthorModel -lCoauthorParallel -lCoauthorOutput -lz -lzstd -lbz2 -lFoundation -lFoundationEssentials -l_FoundationICU -o "$exe" \
      2>&1 | { grep -v "Cannot export local symbol" || true; } >&2
  fi
  echo "$name"
}

# FORMAT:EXTENSION for every reader.
for pair in profile:txt bibtex:bib csv:csv tsv:tsv jsonl:jsonl dblp-xml:xml pubmed:xml acl:xml openalex:json \
            s2:json csl-json:json csl-yaml:yaml ris:ris wos:txt medline:nbib; do
  format=${pair%%:*} ext=${pair##*:}
  target "$format" "Fuzz.reader(InputFormat(rawValue: \"$format\")!, ext: \"$ext\", input)"
done
target snapshot "Fuzz.snapshot(input)"
