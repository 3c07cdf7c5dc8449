#!/usr/bin/env python3
"""coauthor next to networkx, igraph, NetworKit and leidenalg, in one run, on the same data.

    python3 Benchmarks/compare.py [--datasets acl,dblp-bib,dblp] [--cap SECONDS] [--scratch DIR]
                                  [--peers networkx,igraph,networkit] [--steps parse,components,...]

For each dataset:
  1. parse + build: `coauthor build` (release) against each peer's ordinary pipeline on the same
     records (read the file, intern raw author strings, count pairs, make the library's graph);
  2. every algorithm on the SAME graph: coauthor's graph is exported (`coauthor export --to csv`)
     and loaded into each peer untimed, then each step is timed in its own process (wall time of
     the step; peak RSS of the whole process via wait4) and the results are compared:
     component counts, top-10 by PageRank / degree / core, modularity.
A peer step that exceeds --cap seconds is killed and shown as "> cap", never dropped. Every
figure comes from this run; nothing is hard-coded.

Data (never copied into the repo): ../shared/data/acl-anthology/acl-anthology-xml-2022.tar.xz,
../shared/data/dblp/dblp-2016-50-venues-bib.tar.xz, ../shared/data/dblp/dblp-2016-authors.jsonl.xz,
unpacked once into --scratch.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
STEPS = ["parse", "components", "degree", "strength", "pagerank", "eigenvector", "betweenness",
         "betweenness-256", "closeness", "harmonic", "core", "clustering", "louvain", "leiden"]
# Steps too slow to run exactly on a graph this large (nodes) are sampled or skipped, as the issue says:
EXACT_LIMIT = 200_000


# ------------------------------------------------------------------ data

def unpack(scratch: Path) -> dict[str, Path]:
    scratch.mkdir(parents=True, exist_ok=True)
    out = {}
    acl = scratch / "acl"
    if not (acl / ".done").exists():
        print("unpacking ACL Anthology …", file=sys.stderr)
        acl.mkdir(exist_ok=True)
        with tarfile.open(DATA / "acl-anthology" / "acl-anthology-xml-2022.tar.xz") as t:
            t.extractall(acl, filter="data")
        (acl / ".done").touch()
    out["acl"] = next(p for p in acl.rglob("xml") if p.is_dir())
    bib = scratch / "dblp-bib"
    if not (bib / ".done").exists():
        print("unpacking DBLP BibTeX slice …", file=sys.stderr)
        bib.mkdir(exist_ok=True)
        with tarfile.open(DATA / "dblp" / "dblp-2016-50-venues-bib.tar.xz") as t:
            t.extractall(bib, filter="data")
        (bib / ".done").touch()
    out["dblp-bib"] = bib
    jl = scratch / "dblp-2016-authors.jsonl"
    if not jl.exists():
        print("unpacking DBLP JSON Lines …", file=sys.stderr)
        tmp = jl.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            subprocess.run(["xz", "-dc", str(DATA / "dblp" / "dblp-2016-authors.jsonl.xz")], stdout=f, check=True)
        tmp.rename(jl)
    out["dblp"] = jl
    return out


# ------------------------------------------------------------------ measuring

def measure(cmd: list[str], cap: float, env=None) -> dict:
    """Runs cmd with a time cap; returns wall seconds, peak RSS (MiB), stdout, stderr, status."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        out, err = p.communicate(timeout=cap)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        return {"capped": True, "wall": cap}
    wall = time.perf_counter() - t0
    # communicate() reaped the child; its rusage is folded into RUSAGE_CHILDREN as a maximum
    # over all children, so read the peak from /usr/bin/time-like accounting instead:
    return {"capped": False, "wall": wall, "status": p.returncode, "stdout": out.decode(), "stderr": err.decode()}


def measure_rss(cmd: list[str], cap: float) -> dict:
    """Like measure(), with the child's own peak RSS from wait4."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    import threading
    bufs = {}

    def drain(name, stream):
        bufs[name] = stream.read()
    threads = [threading.Thread(target=drain, args=("out", p.stdout)), threading.Thread(target=drain, args=("err", p.stderr))]
    for t in threads:
        t.start()
    deadline = t0 + cap
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            p.kill()
            os.wait4(p.pid, 0)
            for t in threads:
                t.join()
            return {"capped": True, "wall": cap}
        time.sleep(0.01)
    wall = time.perf_counter() - t0
    for t in threads:
        t.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    return {"capped": False, "wall": wall, "rss": ru.ru_maxrss / 1024, "status": p.returncode,
            "stdout": bufs["out"].decode(), "stderr": bufs["err"].decode()}


def timings(stderr: str) -> dict[str, float]:
    out = {}
    for line in stderr.splitlines():
        if line.startswith("timing: "):
            step, secs = line[8:].rsplit(" ", 1)
            out[step] = float(secs)
    return out


# ------------------------------------------------------------------ peers (run in child processes)

def peer_records(kind: str, path: Path):
    """Author lists per record, read the way a script would (raw strings, no folding)."""
    if kind == "dblp":
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line).get("authors", [])
    elif kind == "dblp-bib":
        for f in sorted(path.rglob("*.bib")):
            authors = None
            with open(f, encoding="utf-8") as fh:
                for line in fh:
                    s = line.lstrip()
                    if s.startswith("@"):
                        if authors is not None:
                            yield authors
                        authors = []
                    elif s.startswith("author"):
                        v = s.split("=", 1)[1].strip().rstrip(",").strip()[1:-1]
                        authors = [a.strip() for a in v.split(" and ") if a.strip()]
            if authors is not None:
                yield authors
    else:  # ACL Anthology XML
        import xml.etree.ElementTree as ET
        for f in sorted(path.glob("*.xml")):
            for paper in ET.parse(f).getroot().iter("paper"):
                names = []
                for a in paper.findall("author"):
                    first = (a.findtext("first") or "").strip()
                    last = (a.findtext("last") or "").strip()
                    names.append(f"{first} {last}".strip())
                yield names


def count_pairs(author_lists):
    """The script idiom: intern raw author strings, count each pair of a paper's authors (papers
    with over 100 authors add none). Returns (papers, interned ids, pair counts)."""
    ids: dict[str, int] = {}
    pairs: dict[tuple[int, int], int] = {}
    papers = 0
    for authors in author_lists:
        papers += 1
        idx = sorted({ids.setdefault(a, len(ids)) for a in authors})
        if len(idx) > 100:
            continue
        for i in range(len(idx)):
            for j in range(i + 1, len(idx)):
                k = (idx[i], idx[j])
                pairs[k] = pairs.get(k, 0) + 1
    return papers, ids, pairs


def peer_parse(lib: str, kind: str, path: Path) -> None:
    papers, ids, pairs = count_pairs(peer_records(kind, path))
    n = len(ids)
    if lib == "networkx":
        import networkx as nx
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_weighted_edges_from((a, b, w) for (a, b), w in pairs.items())
        m = g.number_of_edges()
    elif lib == "igraph":
        import igraph as ig
        g = ig.Graph(n=n, edges=list(pairs.keys()))
        g.es["weight"] = list(pairs.values())
        m = g.ecount()
    else:
        import networkit as nk
        g = nk.Graph(n, weighted=True)
        for (a, b), w in pairs.items():
            g.addEdge(a, b, w)
        m = g.numberOfEdges()
    print(json.dumps({"papers": papers, "authors": n, "edges": m}))


def load_export(lib: str, directory: Path):
    """Our exported graph in a peer library, nodes in our order."""
    with open(directory / "nodes.csv", newline="", encoding="utf-8") as fh:
        ids = [row["id"] for row in csv.DictReader(fh)]
    index = {k: i for i, k in enumerate(ids)}
    edges, weights = [], []
    with open(directory / "edges.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            edges.append((index[row["source"]], index[row["target"]]))
            weights.append(float(row["weight"]))
    n = len(ids)
    if lib == "networkx":
        import networkx as nx
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_weighted_edges_from((a, b, w) for (a, b), w in zip(edges, weights))
    elif lib == "igraph":
        import igraph as ig
        g = ig.Graph(n=n, edges=edges)
        g.es["weight"] = weights
    else:
        import networkit as nk
        g = nk.Graph(n, weighted=True)
        for (a, b), w in zip(edges, weights):
            g.addEdge(a, b, w)
    return g, ids


def peer_step(lib: str, step: str, directory: Path) -> None:
    g, ids = load_export(lib, directory)
    t0 = time.perf_counter()
    result: dict = {}
    if lib == "networkx":
        import networkx as nx
        if step == "components":
            result["components"] = nx.number_connected_components(g)
        elif step == "degree":
            v = dict(g.degree())
        elif step == "strength":
            v = dict(g.degree(weight="weight"))
        elif step == "pagerank":
            v = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
        elif step == "eigenvector":
            v = nx.eigenvector_centrality(g, weight="weight", max_iter=1000, tol=1e-12)
        elif step == "betweenness":
            v = nx.betweenness_centrality(g)
        elif step == "betweenness-256":
            v = nx.betweenness_centrality(g, k=min(256, len(ids)), seed=1)
        elif step == "closeness":
            v = nx.closeness_centrality(g)
        elif step == "harmonic":
            v = nx.harmonic_centrality(g)
        elif step == "core":
            v = nx.core_number(g)
        elif step == "clustering":
            v = nx.clustering(g)
        elif step == "louvain":
            c = nx.community.louvain_communities(g, weight="weight", seed=1)
            result["modularity"] = nx.community.modularity(g, c, weight="weight")
        else:
            raise SystemExit(2)
    elif lib == "igraph":
        w = g.es["weight"]
        if step == "components":
            result["components"] = len(g.connected_components())
        elif step == "degree":
            v = dict(enumerate(g.degree()))
        elif step == "strength":
            v = dict(enumerate(g.strength(weights=w)))
        elif step == "pagerank":
            v = dict(enumerate(g.pagerank(damping=0.85, weights=w)))
        elif step == "eigenvector":
            v = dict(enumerate(g.eigenvector_centrality(weights=w, scale=False)))
        elif step == "betweenness":
            v = dict(enumerate(g.betweenness()))
        elif step == "closeness":
            v = dict(enumerate(g.closeness(normalized=True)))
        elif step == "harmonic":
            v = dict(enumerate(g.harmonic_centrality(normalized=False)))
        elif step == "core":
            v = dict(enumerate(g.coreness()))
        elif step == "clustering":
            v = dict(enumerate(g.transitivity_local_undirected(mode="zero")))
        elif step == "louvain":
            c = g.community_multilevel(weights=w)
            result["modularity"] = g.modularity(c.membership, weights=w)
        elif step == "leiden":
            c = g.community_leiden(objective_function="modularity", weights=w, n_iterations=-1)
            result["modularity"] = g.modularity(c.membership, weights=w)
        else:
            raise SystemExit(2)
    else:
        import networkit as nk
        nk.setNumberOfThreads(os.cpu_count() or 2)
        if step == "components":
            cc = nk.components.ConnectedComponents(g)
            cc.run()
            result["components"] = cc.numberOfComponents()
        elif step == "degree":
            v = dict(enumerate(nk.centrality.DegreeCentrality(nk.graphtools.toUnweighted(g)).run().scores()))
        elif step == "strength":
            v = dict(enumerate(nk.centrality.DegreeCentrality(g, outDeg=True).run().scores()))
        elif step == "pagerank":
            pr = nk.centrality.PageRank(g, damp=0.85, tol=1e-12)
            v = dict(enumerate(pr.run().scores()))
        elif step == "eigenvector":
            v = dict(enumerate(nk.centrality.EigenvectorCentrality(g, tol=1e-12).run().scores()))
        elif step == "betweenness":
            v = dict(enumerate(nk.centrality.Betweenness(nk.graphtools.toUnweighted(g), normalized=True).run().scores()))
        elif step == "betweenness-256":
            v = dict(enumerate(nk.centrality.EstimateBetweenness(nk.graphtools.toUnweighted(g), 256, normalized=True, parallel=True).run().scores()))
        elif step == "closeness":
            v = dict(enumerate(nk.centrality.Closeness(nk.graphtools.toUnweighted(g), True, nk.centrality.ClosenessVariant.GENERALIZED).run().scores()))
        elif step == "harmonic":
            v = dict(enumerate(nk.centrality.HarmonicCloseness(nk.graphtools.toUnweighted(g), normalized=False).run().scores()))
        elif step == "core":
            v = dict(enumerate(nk.centrality.CoreDecomposition(nk.graphtools.toUnweighted(g)).run().scores()))
        elif step == "clustering":
            v = dict(enumerate(nk.centrality.LocalClusteringCoefficient(nk.graphtools.toUnweighted(g), turbo=True).run().scores()))
        elif step == "louvain":
            plm = nk.community.PLM(g, refine=False, gamma=1.0)
            plm.run()
            result["modularity"] = nk.community.Modularity().getQuality(plm.getPartition(), g)
        elif step == "leiden":
            lv = nk.community.ParallelLeiden(g)
            lv.run()
            result["modularity"] = nk.community.Modularity().getQuality(lv.getPartition(), g)
        else:
            raise SystemExit(2)
    result["seconds"] = time.perf_counter() - t0
    if "v" in locals():
        top = sorted(v, key=lambda i: (-v[i], ids[i]))[:10]
        result["top10"] = [ids[i] for i in top]
        result["top10_values"] = [float(v[i]) for i in top]
    print(json.dumps(result))


# ------------------------------------------------------------------ coauthor

OUR_STEP = {  # step → (subcommand, arguments)
    "components": ("stats", []),
    "degree": ("rank", ["--by", "degree"]), "strength": ("rank", ["--by", "strength"]),
    "pagerank": ("rank", ["--by", "pagerank"]), "eigenvector": ("rank", ["--by", "eigenvector"]),
    "betweenness": ("rank", ["--by", "betweenness"]),
    "betweenness-256": ("rank", ["--by", "betweenness", "--samples", "256", "--seed", "1"]),
    "closeness": ("rank", ["--by", "closeness"]), "harmonic": ("rank", ["--by", "harmonic"]),
    "core": ("rank", ["--by", "core"]), "clustering": ("rank", ["--by", "clustering"]),
    "louvain": ("communities", ["--method", "louvain", "--seed", "1", "--format", "json"]),
    "leiden": ("communities", ["--method", "leiden", "--seed", "1", "--format", "json"]),
}


def ours(binary: Path, snapshot: Path, step: str, cap: float) -> dict:
    sub, args = OUR_STEP[step]
    extra = ["--format", "csv", "--top", "10"] if sub == "rank" else (["--format", "json"] if sub == "stats" else [])
    r = measure_rss([str(binary), sub, str(snapshot), *args, *extra, "--timings", "-q"], cap)
    if r["capped"]:
        return r
    t = timings(r["stderr"])
    out = {"rss": r["rss"], "wall": r["wall"]}
    if sub == "stats":
        out["seconds"] = t.get("summary", 0.0)
        out["components"] = json.loads(r["stdout"])["components"]
    elif sub == "rank":
        out["seconds"] = next(v for k, v in t.items() if k.startswith("compute "))
        rows = list(csv.DictReader(r["stdout"].splitlines()))
        out["top10"] = [row["key"] for row in rows]
        out["top10_values"] = [float(row["score"]) if row["score"] else float("nan") for row in rows]
    else:
        out["seconds"] = next(v for k, v in t.items() if k.startswith("compute "))
        out["modularity"] = json.loads(r["stdout"])["modularity"]
    return out


# ------------------------------------------------------------------ main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", default="acl,dblp-bib,dblp")
    ap.add_argument("--peers", default="networkx,igraph,networkit")
    ap.add_argument("--steps", default=",".join(STEPS))
    ap.add_argument("--cap", type=float, default=600)
    ap.add_argument("--scratch", default="/tmp/coauthor-bench")
    ap.add_argument("--peer-parse", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--peer-step", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peer_parse:
        return peer_parse(args.peer_parse[0], args.peer_parse[1], Path(args.peer_parse[2]))
    if args.peer_step:
        return peer_step(args.peer_step[0], args.peer_step[1], Path(args.peer_step[2]))

    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run(["bash", str(ROOT / "Tests" / "scripts" / "setup.sh")], check=True)
    if subprocess.run([python, "-c", "import networkit"], capture_output=True).returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "-q", "networkit==11.3"], check=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "coauthor"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    binary = ROOT / ".build" / "release" / "coauthor"
    scratch = Path(args.scratch)
    data = unpack(scratch)
    peers = [p for p in args.peers.split(",") if p]
    steps = [s for s in args.steps.split(",") if s]
    print(f"machine: {os.cpu_count()} cores; coauthor release build; peers: {', '.join(peers)}; cap {args.cap:.0f} s per step")
    for ds in [d for d in args.datasets.split(",") if d]:
        path = data[ds]
        snap = scratch / f"{ds}.coauthor"
        rows = []
        r = measure_rss([str(binary), "build", str(path), "-o", str(snap), "--timings", "-q"], args.cap * 3)
        if r.get("capped") or r.get("status") != 0:
            raise SystemExit(f"coauthor build failed on {ds}: {r.get('stderr', '')[-500:]}")
        stats = json.loads(subprocess.run([str(binary), "stats", str(snap), "--format", "json", "-q"],
                                          capture_output=True, text=True, check=True).stdout)
        n = stats["authors"]
        export = scratch / f"{ds}-export"
        subprocess.run([str(binary), "export", str(snap), "--to", "csv", "-o", str(export), "-q"], check=True)
        print(f"\n== {ds}: {stats['papers']:,} papers, {n:,} authors, {stats['edges']:,} ties")
        if "parse" in steps:
            rows.append(("parse+build", "coauthor", {"seconds": r["wall"], "rss": r["rss"]}))
            for lib in peers:
                p = measure_rss([python, __file__, "--peer-parse", lib, ds, str(path)], args.cap)
                rows.append(("parse+build", lib, p if p.get("capped") else {"seconds": p["wall"], "rss": p["rss"]}))
        for step in steps:
            if step == "parse":
                continue
            if step in ("betweenness", "closeness", "harmonic") and n > EXACT_LIMIT:
                continue
            if step == "betweenness-256" and n <= EXACT_LIMIT:
                continue
            rows.append((step, "coauthor", ours(binary, snap, step, args.cap)))
            for lib in peers:
                if (lib, step) in {("networkx", "leiden"), ("igraph", "betweenness-256")}:
                    rows.append((step, lib, {"na": True}))
                    continue
                p = measure_rss([python, __file__, "--peer-step", lib, step, str(export)], args.cap)
                if p.get("capped"):
                    rows.append((step, lib, p))
                elif p.get("status") != 0:
                    rows.append((step, lib, {"error": p["stderr"].strip().splitlines()[-1][:60] if p["stderr"].strip() else "failed"}))
                else:
                    res = json.loads(p["stdout"])
                    res["rss"] = p["rss"]
                    rows.append((step, lib, res))
        report(rows)


def report(rows) -> None:
    print(f"{'step':16} {'tool':10} {'seconds':>9} {'÷ ours':>7} {'peak MiB':>9}  agreement")
    base = {}
    for step, tool, r in rows:
        if tool == "coauthor":
            base[step] = r
        b = base.get(step, {})
        if r.get("capped"):
            print(f"{step:16} {tool:10} {'> cap':>9} {'':>7} {'':>9}")
            continue
        if r.get("na"):
            print(f"{step:16} {tool:10} {'n/a':>9}")
            continue
        if "error" in r:
            print(f"{step:16} {tool:10} {'error':>9}  {r['error']}")
            continue
        ratio = r["seconds"] / b["seconds"] if b.get("seconds") else float("nan")
        agree = ""
        if tool != "coauthor":
            if "components" in r:
                agree = "same components" if r["components"] == b.get("components") else f"components {r['components']} vs {b.get('components')}"
            elif "top10" in r and "top10" in b:
                same = len(set(r["top10"]) & set(b["top10"]))
                agree = f"top-10 overlap {same}/10"
                # Ties make the overlap of names depend on tie-breaking; the top-10 values do not.
                a, c = r.get("top10_values", []), b.get("top10_values", [])
                if a and c and len(a) == len(c):
                    worst = max(abs(x - y) / max(abs(x), abs(y), 1e-300) for x, y in zip(a, c))
                    agree += ", top-10 values " + ("equal (rel. 1e-6)" if worst <= 1e-6 else f"differ (max rel. {worst:.2g})")
            elif "modularity" in r and "modularity" in b:
                agree = f"modularity {r['modularity']:.4f} vs ours {b['modularity']:.4f} ({r['modularity'] - b['modularity']:+.4f})"
        elif "modularity" in r:
            agree = f"modularity {r['modularity']:.4f}"
        print(f"{step:16} {tool:10} {r['seconds']:>9.3f} {ratio:>6.2f}× {r.get('rss', 0):>9,.0f}  {agree}")


if __name__ == "__main__":
    main()
