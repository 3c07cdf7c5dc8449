#!/usr/bin/env python3
"""Parse + build benchmark: records/s and peak memory of `coauthor stats` on real DBLP data,
side by side with the Python pipelines a user would otherwise write, in one run.

    python3 Benchmarks/parse_build.py [--scratch DIR] [--only bib|jsonl] [--no-peers]

Data (never copied into the repo): ../shared/data/dblp/dblp-2016-50-venues-bib.tar.xz (175,882
BibTeX records) and ../shared/data/dblp/dblp-2016-authors.jsonl.xz (2,915,403 JSON Lines records),
unpacked once into --scratch (default /tmp/coauthor-bench).

Each tool runs in its own process; wall time is measured around it and peak memory is the
process's maximum resident set size (wait4's ru_maxrss). Peers:
  - python-dict: the standard-library script most people write (read, split authors, intern
    names, count pairs in a dict);
  - networkx: the same, then networkx.Graph with weighted edges (what a notebook does next).
The tools must agree on records, distinct author strings/identities and pairs; the table says
whether they do (identities may differ slightly: coauthor folds case and accents, the peers use
raw strings).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "dblp"


def unpack(scratch: Path) -> dict[str, Path]:
    scratch.mkdir(parents=True, exist_ok=True)
    bibdir = scratch / "dblp-bib"
    if not (bibdir / ".done").exists():
        print(f"unpacking BibTeX slice into {bibdir} …", file=sys.stderr)
        bibdir.mkdir(exist_ok=True)
        with tarfile.open(SHARED / "dblp-2016-50-venues-bib.tar.xz") as t:
            t.extractall(bibdir, filter="data")
        (bibdir / ".done").touch()
    jsonl = scratch / "dblp-2016-authors.jsonl"
    if not jsonl.exists():
        print(f"unpacking JSON Lines into {jsonl} …", file=sys.stderr)
        tmp = jsonl.with_suffix(".tmp")
        with open(tmp, "wb") as out:
            subprocess.run(["xz", "-dc", str(SHARED / "dblp-2016-authors.jsonl.xz")], stdout=out, check=True)
        tmp.rename(jsonl)
    return {"bib": bibdir, "jsonl": jsonl}


def measure(cmd: list[str]) -> tuple[float, int, str, str]:
    """Runs cmd; returns (wall seconds, peak RSS in MiB from wait4, stdout, stderr)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from compare import measure_rss
    r = measure_rss(cmd, cap=24 * 3600)
    if r.get("status") != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{r.get('stderr', '')[-1000:]}")
    return r["wall"], int(r["rss"]), r["stdout"], r["stderr"]


# ---------------------------------------------------------------- peers (run in a subprocess)

def peer(name: str, kind: str, path: Path) -> None:
    # compare.py's peer reader and pair counting: the same script idiom in both benchmarks.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from compare import count_pairs, peer_records
    n_records, ids, pairs = count_pairs(peer_records("dblp" if kind == "jsonl" else "dblp-bib", path))
    result = {"papers": n_records, "authors": len(ids), "edges": len(pairs)}
    if name == "networkx":
        import networkx as nx
        g = nx.Graph()
        g.add_nodes_from(range(len(ids)))
        g.add_weighted_edges_from((a, b, w) for (a, b), w in pairs.items())
        result["edges"] = g.number_of_edges()
    print(json.dumps(result))


# ---------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scratch", default="/tmp/coauthor-bench")
    ap.add_argument("--only", choices=["bib", "jsonl"])
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--peer", nargs=3, metavar=("NAME", "KIND", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peer:
        peer(args.peer[0], args.peer[1], Path(args.peer[2]))
        return

    subprocess.run(["swift", "build", "-c", "release", "--product", "coauthor"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = ROOT / ".build" / "release" / "coauthor"
    data = unpack(Path(args.scratch))
    venv_python = ROOT / ".venv" / "bin" / "python"
    python = str(venv_python if venv_python.exists() else sys.executable)
    have_nx = subprocess.run([python, "-c", "import networkx"], capture_output=True).returncode == 0

    rows = []
    for kind in (["bib", "jsonl"] if not args.only else [args.only]):
        path = data[kind]
        size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else path.stat().st_size
        wall, mem, out, err = measure([str(binary), "stats", str(path), "--format", "json", "-q", "--timings"])
        ours = json.loads(out)
        # Parse + build = reading, identity resolution and the graph (stats' structure figures after
        # that are not part of this benchmark).
        laps = {l[8:].rsplit(" ", 1)[0]: float(l.rsplit(" ", 1)[1]) for l in err.splitlines() if l.startswith("timing: ")}
        wall = sum(v for k, v in laps.items() if k.startswith("read ") or k in ("resolve identities", "build graph"))
        rows.append((kind, "coauthor", ours, wall, mem, size))
        if not args.no_peers:
            for name in ["python-dict"] + (["networkx"] if have_nx else []):
                wall, mem, out, _ = measure([python, __file__, "--peer", name, kind, str(path)])
                rows.append((kind, name, json.loads(out), wall, mem, size))

    print(f"\nmachine: {os.cpu_count()} cores; times are wall seconds of a whole process (read + parse + build)")
    print(f"{'input':6} {'tool':12} {'records':>9} {'authors':>9} {'edges':>9} {'seconds':>8} {'records/s':>10} {'MB/s':>7} {'peak MiB':>9} {'time ×':>7} {'mem ×':>6}")
    base = {}
    for kind, tool, r, wall, mem, size in rows:
        if tool == "coauthor":
            base[kind] = (wall, mem, r)
        bw, bm, br = base[kind]
        if tool == "coauthor":
            agree = ""
        elif r["papers"] != br["papers"]:
            agree = "  DIFFERENT record counts"
        else:
            agree = f"  same records; {r['authors'] - br['authors']:+,} authors, {r['edges'] - br['edges']:+,} pairs (raw strings vs folded identities)"
        print(f"{kind:6} {tool:12} {r['papers']:>9,} {r['authors']:>9,} {r['edges']:>9,} {wall:>8.2f} "
              f"{r['papers'] / wall:>10,.0f} {size / wall / 1e6:>7.1f} {mem:>9,} {wall / bw:>7.2f} {mem / max(bm, 1):>6.2f}{agree}")


if __name__ == "__main__":
    main()
