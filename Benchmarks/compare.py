#!/usr/bin/env python3
"""coauthor next to networkx, igraph, NetworKit and leidenalg, in one run, on the same records.

Run it through `Benchmarks/compare` (installs the peers, builds the release binaries, then runs this):

    Benchmarks/compare [--datasets acl,dblp-bib,dblp,synth] [--synth-papers N] [--cap SECONDS]
                       [--mem-cap GIB] [--peers networkx,igraph,networkit,leidenalg]
                       [--steps parse,pipeline,components,…] [--output FILE.json] [--scratch DIR]

For each dataset:
  1. parse + build: `coauthor build` (release; the whole process, writing the snapshot included)
     against each peer's ordinary pipeline on the same record files: read them (json.loads per line
     for JSON Lines; a line reader for BibTeX; ElementTree for the ACL XML), intern the raw author
     strings, count the pairs in a dict, make the library's graph;
  2. pipeline: parse + build + PageRank in one process, the issue's headline row: `coauthor rank
     FILE --by pagerank` against the same peer pipeline followed by the library's weighted PageRank;
  3. every algorithm on the SAME graph: coauthor's graph is exported (`coauthor export --to csv`) and
     loaded into each peer untimed; each step runs in its own process and the table shows the
     step's own seconds (coauthor: its `--timings` compute lap; peers: time.perf_counter around
     the call) and the peak RSS of the whole process (wait4). Results are compared: component
     counts, top-10 values of each ranking, modularity.
Exact betweenness, closeness and harmonic run on graphs up to --exact-limit nodes (the ACL graph);
sampled betweenness (256 pivots, seed 1) on larger ones (DBLP); the other is marked n/a there.
A child process that exceeds --cap seconds (the whole child, graph loading included) or
--mem-cap GiB of resident memory is killed and shown as "> cap" / "> mem cap", never dropped; a
step a peer does not have is "n/a" with the reason. Every figure comes from this run; nothing
is hard-coded. The table goes to standard output and, with --output FILE.json, the same rows as
JSON to FILE.json and the text to FILE.txt.

Data (never copied into the repo): ../shared/data/acl-anthology/acl-anthology-xml-2022.tar.xz,
../shared/data/dblp/dblp-2016-50-venues-bib.tar.xz, ../shared/data/dblp/dblp-2016-authors.jsonl.xz,
unpacked once into --scratch; synthetic records made there by `coauthor-synth` (--synth-papers,
--synth-seed; kept for the next run).
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
STEPS = ["parse", "pipeline", "components", "degree", "strength", "pagerank", "eigenvector", "betweenness",
         "betweenness-256", "closeness", "harmonic", "core", "clustering", "louvain", "leiden"]
ALL_PEERS = ["networkx", "igraph", "networkit", "leidenalg"]
# Exact all-pairs steps run on graphs up to this many nodes (ACL: 64k); above, sampled betweenness.
EXACT_STEPS = ("betweenness", "closeness", "harmonic")
# Which reader a dataset's records go through (coauthor detects the format itself).
KIND = {"acl": "acl-xml", "dblp-bib": "bibtex", "dblp": "jsonl", "synth": "jsonl"}
# Steps a peer does not have, with the reason (shown as n/a).
NOT_AVAILABLE = {
    ("networkx", "leiden"): "networkx 3.6 runs Leiden only through a backend (nx-cugraph); none installed",
    ("igraph", "betweenness-256"): "igraph has no pivot-sampled betweenness (only a path-length cutoff)",
}
LEIDENALG_ONLY = "leidenalg implements Leiden only"
# Steps whose results come from iterations (agreement to 1e-5 relative) or are exact (1e-9).
# coauthor iterates like networkx (equal to it bit for bit on DBLP), stopping when the L1 change is
# below N · 1e-12; on 1.6 M nodes that leaves ~1e-6 relative error against igraph's PRPACK solve.
ITERATIVE = {"pagerank", "eigenvector"}
ITERATIVE_TOLERANCE = 1e-5
# Known differences of definition (the agreement column says so instead of "differ").
DEFINITION = {
    ("igraph", "closeness"): "igraph normalises per component, networkx/coauthor by Wasserman–Faust",
    ("networkit", "betweenness-256"): "different pivots: sampled values are estimates",
    ("networkx", "betweenness-256"): "different pivots: sampled values are estimates",
}
# Peers whose scores are ours times a constant: NetworKit's PageRank loses the teleport mass of
# isolated nodes (its scores sum to < 1; rescaled to sum 1), igraph 1.0 scales eigenvector
# centrality to maximum 1 (rescaled to unit Euclidean length, networkx's and ours).
# igraph's betweenness() counts raw pair dependencies; networkx and ours normalise by
# 2 / ((n − 1)(n − 2)) (multiplied in after timing).
RESCALE = {("networkit", "pagerank"): "sum", ("igraph", "eigenvector"): "l2", ("igraph", "betweenness"): "pairs"}
MODULARITY_TOLERANCE = 0.01  # |ours − peer| for "agree" on Louvain/Leiden modularity (heuristics)


# ------------------------------------------------------------------ data

def untar_once(directory: Path, archive: Path, what: str) -> None:
    """Unpacks `archive` into `directory` unless a previous run finished doing so (`.done`)."""
    if (directory / ".done").exists():
        return
    print(f"unpacking {what} …", file=sys.stderr)
    directory.mkdir(exist_ok=True)
    with tarfile.open(archive) as t:
        t.extractall(directory, filter="data")
    (directory / ".done").touch()


def unpack(scratch: Path, wanted: list[str], synth: dict) -> dict[str, Path]:
    scratch.mkdir(parents=True, exist_ok=True)
    out = {}
    if "acl" in wanted:
        acl = scratch / "acl"
        untar_once(acl, DATA / "acl-anthology" / "acl-anthology-xml-2022.tar.xz", "ACL Anthology")
        out["acl"] = next(p for p in acl.rglob("xml") if p.is_dir())
    if "dblp-bib" in wanted:
        bib = scratch / "dblp-bib"
        untar_once(bib, DATA / "dblp" / "dblp-2016-50-venues-bib.tar.xz", "DBLP BibTeX slice")
        out["dblp-bib"] = bib
    if "dblp" in wanted:
        jl = scratch / "dblp-2016-authors.jsonl"
        if not jl.exists():
            print("unpacking DBLP JSON Lines …", file=sys.stderr)
            tmp = jl.with_suffix(".tmp")
            with open(tmp, "wb") as f:
                subprocess.run(["xz", "-dc", str(DATA / "dblp" / "dblp-2016-authors.jsonl.xz")], stdout=f, check=True)
            tmp.rename(jl)
        out["dblp"] = jl
    if "synth" in wanted:
        jl = scratch / f"synth-{synth['papers']}-seed{synth['seed']}.jsonl"
        if not jl.exists():
            print(f"generating {synth['papers']:,} synthetic papers (seed {synth['seed']}) …", file=sys.stderr)
            subprocess.run([str(synth["binary"]), "--papers", str(synth["papers"]), "--seed", str(synth["seed"]),
                            "-o", str(jl)], check=True)
        out["synth"] = jl
    return out


# ------------------------------------------------------------------ measuring

def rss_mib(pid: int) -> float:
    """Current resident set of a live process in MiB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def measure_rss(cmd: list[str], cap: float, mem_cap_mib: float = math.inf) -> dict:
    """Runs cmd with a time cap and a resident-memory cap; returns wall seconds, the child's own peak
    RSS in MiB (wait4), stdout, stderr and the exit status, or {"capped": "time"|"memory"}."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    bufs = {}

    def drain(name, stream):
        bufs[name] = stream.read()
    threads = [threading.Thread(target=drain, args=("out", p.stdout)), threading.Thread(target=drain, args=("err", p.stderr))]
    for t in threads:
        t.start()
    deadline = t0 + cap
    polls = 0
    capped = None
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            capped = "time"
        elif mem_cap_mib < math.inf and polls % 5 == 0 and rss_mib(p.pid) > mem_cap_mib:
            capped = "memory"
        if capped:
            p.kill()
            _, status, ru = os.wait4(p.pid, 0)
            for t in threads:
                t.join()
            return {"capped": capped, "wall": time.perf_counter() - t0, "rss": ru.ru_maxrss / 1024}
        polls += 1
        time.sleep(0.01)
    wall = time.perf_counter() - t0
    for t in threads:
        t.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    return {"capped": None, "wall": wall, "rss": ru.ru_maxrss / 1024, "status": p.returncode,
            "stdout": bufs["out"].decode(errors="replace"), "stderr": bufs["err"].decode(errors="replace")}


def timings(stderr: str) -> dict[str, float]:
    out = {}
    for line in stderr.splitlines():
        if line.startswith("timing: "):
            step, secs = line[8:].rsplit(" ", 1)
            out[step] = float(secs)
    return out


def last_line(text: str) -> str:
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[-1][:100] if lines else "failed"


# ------------------------------------------------------------------ peers (run in child processes)

def peer_records(kind: str, path: Path):
    """Author lists per record, read the way a script would (raw strings, no folding)."""
    if kind in ("jsonl", "dblp"):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line).get("authors", [])
    elif kind in ("bibtex", "dblp-bib"):
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


def make_graph(lib: str, n: int, edges, weights):
    """The library's weighted graph from edge pairs and weights (the ordinary constructor)."""
    if lib == "networkx":
        import networkx as nx
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_weighted_edges_from((a, b, w) for (a, b), w in zip(edges, weights))
        return g, g.number_of_edges()
    if lib == "igraph":
        import igraph as ig
        g = ig.Graph(n=n, edges=list(edges), edge_attrs={"weight": list(weights)})
        return g, g.ecount()
    import networkit as nk
    nk.setNumberOfThreads(os.cpu_count() or 2)
    g = nk.Graph(n, weighted=True)
    for (a, b), w in zip(edges, weights):
        g.addEdge(a, b, w)
    return g, g.numberOfEdges()


def pagerank(lib: str, g) -> list[float]:
    """Weighted PageRank, α = 0.85, the library's defaults otherwise — except networkx's tolerance:
    it stops when the L1 change is below N · tol, so its default 1e-6 stops after a few
    iterations on a million nodes (top-10 not yet settled); 1e-12 as in the same-graph step."""
    if lib == "networkx":
        import networkx as nx
        pr = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
        return [pr[i] for i in range(g.number_of_nodes())]
    if lib == "igraph":
        return g.pagerank(damping=0.85, weights="weight")
    import networkit as nk
    return nk.centrality.PageRank(g, damp=0.85, tol=1e-9).run().scores()


def peer_parse(lib: str, kind: str, path: Path, with_pagerank: bool) -> None:
    """Parse + build (and PageRank for the pipeline row) the way a user of `lib` would."""
    papers, ids, pairs = count_pairs(peer_records(kind, path))
    g, m = make_graph(lib, len(ids), pairs.keys(), pairs.values())
    out = {"papers": papers, "authors": len(ids), "edges": m}
    if with_pagerank:
        v = pagerank(lib, g)
        names = list(ids)
        top = sorted(range(len(v)), key=lambda i: (-v[i], names[i]))[:10]
        out["top10"] = [names[i] for i in top]
        out["top10_values"] = [float(v[i]) for i in top]
    print(json.dumps(out))


def load_export(lib: str, directory: Path):
    """Our exported graph in a peer library, nodes in our order (the CSV is read once and cached
    as a pickle next to it; loading is not timed)."""
    import pickle
    cache = directory / "edges.pickle"
    if cache.exists() and cache.stat().st_mtime >= (directory / "edges.csv").stat().st_mtime:
        with open(cache, "rb") as fh:
            ids, edges, weights = pickle.load(fh)
    else:
        with open(directory / "nodes.csv", newline="", encoding="utf-8") as fh:
            ids = [row["id"] for row in csv.DictReader(fh)]
        index = {k: i for i, k in enumerate(ids)}
        edges, weights = [], []
        with open(directory / "edges.csv", newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                edges.append((index[row["source"]], index[row["target"]]))
                weights.append(float(row["weight"]))
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump((ids, edges, weights), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    g, _ = make_graph("igraph" if lib == "leidenalg" else lib, len(ids), edges, weights)
    return g, ids


def peer_step(lib: str, step: str, directory: Path) -> None:
    g, ids = load_export(lib, directory)
    t0 = time.perf_counter()
    result: dict = {}
    v = None
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
    elif lib == "leidenalg":
        import leidenalg
        if step != "leiden":
            raise SystemExit(2)
        part = leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, weights="weight",
                                        n_iterations=-1, seed=1)
        result["modularity"] = g.modularity(part.membership, weights="weight")
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
            # DegreeCentrality ignores weights; the weighted degree is a Graph method.
            v = dict(enumerate(g.weightedDegree(u) for u in range(g.numberOfNodes())))
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
    if v is not None and (lib, step) in RESCALE:
        # Same vector up to a constant factor (see RESCALE): rescaled after timing, for comparing.
        how, n = RESCALE[(lib, step)], len(ids)
        if how == "sum":
            norm = sum(v.values())
        elif how == "l2":
            norm = math.sqrt(sum(x * x for x in v.values()))
        else:
            norm = (n - 1) * (n - 2) / 2 if n > 2 else 1.0
        v = {k: x / norm for k, x in v.items()}
    if v is not None:
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


def rank_rows(stdout: str, column: str = "key") -> dict:
    """Top rows of `coauthor rank --format csv`: `key` (the export's node id) or `author` (the name)."""
    reader = csv.DictReader(stdout.splitlines())
    rows = list(reader)
    # The value column is named after the metric (rank, author, pagerank, …); older builds said `score`.
    value = "score" if "score" in (reader.fieldnames or []) else (reader.fieldnames or ["", "", ""])[2]
    return {"top10": [row[column] for row in rows],
            "top10_values": [float(row[value]) if row[value] else float("nan") for row in rows]}


def ours(binary: Path, snapshot: Path, step: str, cap: float, mem_cap: float) -> dict:
    sub, args = OUR_STEP[step]
    extra = ["--format", "csv", "--top", "10"] if sub == "rank" else (["--format", "json"] if sub == "stats" else [])
    r = measure_rss([str(binary), sub, str(snapshot), *args, *extra, "--timings", "-q"], cap, mem_cap)
    if r["capped"]:
        return r
    if r["status"] != 0:
        return {"error": last_line(r["stderr"]), "rss": r["rss"], "wall": r["wall"]}
    t = timings(r["stderr"])
    out = {"rss": r["rss"], "wall": r["wall"]}
    compute = next((v for k, v in t.items() if k.startswith("compute ")), None)
    if sub == "stats":
        out["seconds"] = t.get("summary", r["wall"])
        out["components"] = json.loads(r["stdout"])["components"]
    elif sub == "rank":
        out["seconds"] = compute if compute is not None else r["wall"]
        out.update(rank_rows(r["stdout"]))
    else:
        out["seconds"] = compute if compute is not None else r["wall"]
        out["modularity"] = json.loads(r["stdout"])["modularity"]
    return out


# ------------------------------------------------------------------ agreement and the table

def relative_gap(a: list[float], b: list[float]) -> float:
    return max((abs(x - y) / max(abs(x), abs(y), 1e-300) for x, y in zip(a, b)), default=0.0)


def agreement(step: str, tool: str, r: dict, b: dict, stats: dict) -> tuple[bool | None, str]:
    """(agree?, what was compared) for a peer's row against coauthor's; None = not comparable."""
    if step == "parse":
        if "papers" not in r:
            return None, ""
        # The peers count raw strings; coauthor resolves identities (case, accents, ids) and leaves
        # out records without authors. Equal counts agree; small differences are not comparable;
        # record counts more than 1 % apart mean the readers disagree.
        ours_records = stats["papers"] + stats.get("skipped_records", 0)
        dr = (r["papers"] - ours_records) / max(ours_records, 1)
        da = (r["authors"] - stats["authors"]) / max(stats["authors"], 1)
        de = (r["edges"] - stats["edges"]) / max(stats["edges"], 1)
        text = (f"{r['papers']:,} records ({dr:+.1%}), {r['authors']:,} authors ({da:+.1%}), {r['edges']:,} ties ({de:+.1%})")
        if r["papers"] == ours_records and r["authors"] == stats["authors"] and r["edges"] == stats["edges"]:
            return True, text + ": the same graph"
        if abs(dr) > 0.01:
            return False, text + ": the readers disagree"
        return None, text + " — raw strings vs resolved identities"
    if "components" in r:
        same = r["components"] == b.get("components")
        return same, "same component count" if same else f"components {r['components']:,} vs ours {b.get('components')}"
    if "top10" in r and "top10" in b:
        fold = lambda names: {x.casefold() for x in names}
        shared = len(fold(r["top10"]) & fold(b["top10"]))
        if step == "pipeline":
            return shared >= 8, f"top-10 by PageRank: {shared}/10 names shared (≥ 8: identities are resolved differently)"
        a, c = r.get("top10_values", []), b.get("top10_values", [])
        tol = ITERATIVE_TOLERANCE if step in ITERATIVE else 1e-9
        gap = relative_gap(a, c) if a and len(a) == len(c) else math.inf
        text = f"top-10 names {shared}/10, values " + (f"equal (rel. {tol:g})" if gap <= tol else f"differ (max rel. {gap:.2g})")
        if gap <= tol:
            return True, text
        if (tool, step) in DEFINITION:
            return None, text + f" — {DEFINITION[(tool, step)]}"
        return False, text
    if "modularity" in r and "modularity" in b:
        d = r["modularity"] - b["modularity"]
        return abs(d) <= MODULARITY_TOLERANCE, f"modularity {r['modularity']:.4f} vs ours {b['modularity']:.4f} ({d:+.4f}; |Δ| ≤ {MODULARITY_TOLERANCE})"
    return None, ""


def fmt_seconds(s: float) -> str:
    return "<0.001" if s < 0.0005 else f"{s:.3f}"


class Report:
    def __init__(self, text_path: Path | None):
        self.lines: list[str] = []
        self.text_path = text_path

    def say(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)

    def row(self, row: dict) -> None:
        status = row["status"]
        head = f"{row['step']:20} {row['tool']:10}"
        if status == "ok":
            ratio = row.get("ratio")
            rtext = "" if row["tool"] == "coauthor" else (f"{ratio:.2f}×" if ratio is not None else "—")
            mr = row.get("mem_ratio")
            mtext = "" if row["tool"] == "coauthor" or mr is None else f"{mr:.2f}×"
            mark = {True: "ok  ", False: "DIFF", None: "    "}[row.get("agree")] if row["tool"] != "coauthor" else "    "
            self.say(f"{head} {fmt_seconds(row['seconds']):>9} {rtext:>8} {row['peak_mib']:>9,.0f} {mtext:>7}  {mark} {row.get('note', '')}")
        elif status in ("> cap", "> mem cap"):
            self.say(f"{head} {status:>9} {'':>8} {row.get('peak_mib', 0):>9,.0f} {'':>7}       killed after {row['wall']:.0f} s")
        elif status == "n/a":
            self.say(f"{head} {'n/a':>9} {'':>8} {'':>9} {'':>7}       {row['note']}")
        else:
            self.say(f"{head} {'error':>9} {'':>8} {'':>9} {'':>7}       {row['note']}")

    def save(self) -> None:
        if self.text_path:
            self.text_path.write_text("\n".join(self.lines) + "\n", encoding="utf-8")


def machine() -> dict:
    info = {"cores": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
    try:
        with open("/proc/cpuinfo") as f:
            info["cpu"] = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
        with open("/proc/meminfo") as f:
            info["memory_gib"] = round(int(f.readline().split()[1]) / 2**20, 1)
        info["load_average_at_start"] = os.getloadavg()
    except OSError:
        pass
    return info


def versions(python: str) -> dict:
    code = ("import json, importlib.metadata as m\n"
            "out = {}\n"
            "for k in ('networkx', 'python-igraph', 'networkit', 'leidenalg'):\n"
            "    try: out[k] = m.version(k)\n"
            "    except Exception: out[k] = None\n"
            "print(json.dumps(out))")
    out = json.loads(subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout)
    git = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
    out["coauthor"] = git.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")
    return out


# ------------------------------------------------------------------ main

def setup(python: str) -> None:
    """The test venv (Tests/scripts/setup.sh: pinned networkx, igraph, leidenalg) plus NetworKit,
    pinned, for the benchmark only; then the release binaries."""
    subprocess.run(["bash", str(ROOT / "Tests" / "scripts" / "setup.sh")], check=True)
    if subprocess.run([python, "-c", "import networkit, sys; sys.exit(networkit.__version__ != '11.3')"],
                      capture_output=True).returncode != 0:
        print("installing networkit==11.3 into .venv (benchmark only)", file=sys.stderr)
        subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "networkit==11.3"], check=True)
    for product in ("coauthor", "coauthor-synth"):
        subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", default="acl,dblp-bib,dblp,synth", help="acl, dblp-bib, dblp, synth (default: all four)")
    ap.add_argument("--peers", default=",".join(ALL_PEERS))
    ap.add_argument("--steps", default=",".join(STEPS), help="default: " + ",".join(STEPS))
    ap.add_argument("--cap", type=float, default=600, help="seconds per child process (default 600)")
    ap.add_argument("--our-cap", type=float, default=None,
                    help="seconds per coauthor step (default: the same as --cap); a peer over --cap is still slower than coauthor when ours finishes under it")
    ap.add_argument("--mem-cap", type=float, default=16, help="GiB of resident memory per child process (default 16)")
    ap.add_argument("--exact-limit", type=int, default=100_000,
                    help="exact betweenness/closeness/harmonic up to this many nodes, sampled betweenness above (default 100000)")
    ap.add_argument("--synth-papers", type=int, default=1_000_000, help="synthetic papers (default 1000000; 10000000 on request)")
    ap.add_argument("--synth-seed", type=int, default=1)
    ap.add_argument("--output", "-o", help="write the rows as JSON to this file and the table to the same name with .txt")
    ap.add_argument("--scratch", default="/tmp/coauthor-bench")
    ap.add_argument("--skip-setup", action="store_true", help="do not run setup.sh / pip / swift build (Benchmarks/compare did)")
    ap.add_argument("--peer-parse", nargs=4, help=argparse.SUPPRESS)
    ap.add_argument("--peer-step", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peer_parse:
        lib, kind, path, pr = args.peer_parse
        return peer_parse(lib, kind, Path(path), pr == "pagerank")
    if args.peer_step:
        return peer_step(args.peer_step[0], args.peer_step[1], Path(args.peer_step[2]))

    python = str(ROOT / ".venv" / "bin" / "python")
    if not args.skip_setup:
        setup(python)
    binary = ROOT / ".build" / "release" / "coauthor"
    scratch = Path(args.scratch)
    datasets = [d for d in args.datasets.split(",") if d]
    peers = [p for p in args.peers.split(",") if p]
    steps = [s for s in args.steps.split(",") if s]
    for bad in [d for d in datasets if d not in KIND] + [p for p in peers if p not in ALL_PEERS] + [s for s in steps if s not in STEPS]:
        raise SystemExit(f"unknown dataset, peer or step: {bad}")
    cap, mem_cap = args.cap, args.mem_cap * 1024
    data = unpack(scratch, datasets, {"papers": args.synth_papers, "seed": args.synth_seed,
                                      "binary": ROOT / ".build" / "release" / "coauthor-synth"})
    out_json = Path(args.output) if args.output else None
    rep = Report(out_json.with_suffix(".txt") if out_json else None)
    meta = {"machine": machine(), "versions": versions(python), "cap_seconds": cap, "mem_cap_gib": args.mem_cap,
            "exact_limit": args.exact_limit, "synth": {"papers": args.synth_papers, "seed": args.synth_seed},
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    m = meta["machine"]
    rep.say(f"machine: {m['cores']} cores, {m.get('memory_gib', '?')} GiB, {m.get('cpu', '')}; load at start {m.get('load_average_at_start', '?')}")
    rep.say(f"coauthor {meta['versions']['coauthor']} (release); " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items() if k != "coauthor"))
    rep.say(f"cap {cap:.0f} s and {args.mem_cap:g} GiB per child process; seconds: the step itself (parse, pipeline: the whole process);")
    rep.say("÷ ours: peer ÷ coauthor (above 1: coauthor is faster); peak MiB: the whole process (wait4 ru_maxrss)")
    all_rows: list[dict] = []
    datasets_meta = {}

    def emit(row: dict, base: dict | None) -> None:
        if row["status"] == "ok" and row["tool"] != "coauthor" and base and base.get("status") == "ok":
            row["ratio"] = row["seconds"] / base["seconds"] if base["seconds"] >= 0.0005 else None
            row["mem_ratio"] = row["peak_mib"] / base["peak_mib"] if base.get("peak_mib") else None
            if row["ratio"] is None and row["seconds"] >= 0.0005:
                row["note"] = f"(ours < 1 ms) {row.get('note', '')}".strip()
        all_rows.append(row)
        rep.row(row)

    def result_row(ds: str, step: str, tool: str, r: dict) -> dict:
        row = {"dataset": ds, "step": step, "tool": tool}
        if r.get("capped"):
            row.update(status="> cap" if r["capped"] == "time" else "> mem cap", wall=r["wall"], peak_mib=r.get("rss", 0))
        elif "error" in r:
            row.update(status="error", note=r["error"])
        else:
            row.update(status="ok", seconds=r["seconds"], wall=r.get("wall", r["seconds"]), peak_mib=r.get("rss", 0),
                       result={k: v for k, v in r.items() if k not in ("seconds", "wall", "rss")})
        return row

    for ds in datasets:
        path = data[ds]
        kind = KIND[ds]
        snap = scratch / f"{ds}.coauthor"
        r = measure_rss([str(binary), "build", str(path), "-o", str(snap), "--timings", "-q"], cap * 3, mem_cap)
        if r.get("capped") or r.get("status") != 0:
            raise SystemExit(f"coauthor build failed on {ds}: {r.get('stderr', '')[-500:]}")
        stats = json.loads(subprocess.run([str(binary), "stats", str(snap), "--format", "json", "-q"],
                                          capture_output=True, text=True, check=True).stdout)
        n = stats["authors"]
        export = scratch / f"{ds}-export"
        subprocess.run([str(binary), "export", str(snap), "--to", "csv", "-o", str(export), "-q"], check=True)
        datasets_meta[ds] = {"input": str(path), "papers": stats["papers"], "authors": n, "ties": stats["edges"],
                             "components": stats["components"], "build_timings": timings(r["stderr"])}
        rep.say(f"\n== {ds}: {path}  ({stats['papers']:,} papers, {n:,} authors, {stats['edges']:,} ties)")
        rep.say(f"{'step':20} {'tool':10} {'seconds':>9} {'÷ ours':>8} {'peak MiB':>9} {'mem ÷':>7}  agreement")
        for step in steps:
            if step in EXACT_STEPS and n > args.exact_limit:
                emit({"dataset": ds, "step": step, "tool": "all", "status": "n/a",
                      "note": f"exact all-pairs step skipped above {args.exact_limit:,} nodes (sampled betweenness instead)"}, None)
                continue
            if step == "betweenness-256" and n <= args.exact_limit:
                emit({"dataset": ds, "step": step, "tool": "all", "status": "n/a",
                      "note": f"exact betweenness runs on this graph ({n:,} ≤ {args.exact_limit:,} nodes)"}, None)
                continue
            if step == "parse":
                base = {"dataset": ds, "step": "parse+build", "tool": "coauthor", "status": "ok", "seconds": r["wall"],
                        "wall": r["wall"], "peak_mib": r["rss"], "note": "coauthor build (snapshot written)",
                        "result": {"papers": stats["papers"], "authors": n, "edges": stats["edges"]}}
            elif step == "pipeline":
                q = measure_rss([str(binary), "rank", str(path), "--by", "pagerank", "--top", "10", "--format", "csv", "-q"], cap, mem_cap)
                if not q["capped"] and q["status"] == 0:
                    q = {"seconds": q["wall"], "wall": q["wall"], "rss": q["rss"], **rank_rows(q["stdout"], "author")}
                elif not q["capped"]:
                    q = {"error": last_line(q["stderr"])}
                base = result_row(ds, "parse+build+pagerank", "coauthor", q)
                base["note"] = "coauthor rank FILE --by pagerank"
            else:
                base = result_row(ds, step, "coauthor", ours(binary, snap, step, args.our_cap or cap, mem_cap))
            emit(base, None)
            for lib in peers:
                name = base["step"]
                if lib == "leidenalg" and step != "leiden":
                    emit({"dataset": ds, "step": name, "tool": lib, "status": "n/a", "note": LEIDENALG_ONLY}, base)
                    continue
                if (lib, step) in NOT_AVAILABLE:
                    emit({"dataset": ds, "step": name, "tool": lib, "status": "n/a", "note": NOT_AVAILABLE[(lib, step)]}, base)
                    continue
                if step in ("parse", "pipeline"):
                    p = measure_rss([python, __file__, "--peer-parse", lib, kind, str(path), "pagerank" if step == "pipeline" else "-"], cap, mem_cap)
                    if not p["capped"] and p["status"] == 0:
                        p = {"seconds": p["wall"], "wall": p["wall"], "rss": p["rss"], **json.loads(p["stdout"])}
                else:
                    p = measure_rss([python, __file__, "--peer-step", lib, step, str(export)], cap, mem_cap)
                    if not p["capped"] and p["status"] == 0:
                        p = {**json.loads(p["stdout"]), "wall": p["wall"], "rss": p["rss"]}
                if not p.get("capped") and "status" in p:  # a failed child
                    p = {"error": last_line(p["stderr"])}
                row = result_row(ds, name, lib, p)
                if row["status"] == "ok" and base.get("status") == "ok":
                    row["agree"], row["note"] = agreement(step, lib, p, {**base.get("result", {})}, stats)
                emit(row, base)
        if out_json:
            write_json(out_json, meta, datasets_meta, all_rows)
            rep.save()
    summary(rep, all_rows, datasets_meta)
    if out_json:
        write_json(out_json, meta, datasets_meta, all_rows)
        rep.save()
        print(f"\nwritten: {out_json} and {out_json.with_suffix('.txt')}", file=sys.stderr)


def write_json(path: Path, meta: dict, datasets: dict, rows: list[dict]) -> None:
    def clean(x):
        if isinstance(x, float) and not math.isfinite(x):
            return None
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            return [clean(v) for v in x]
        return x
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(clean({**meta, "datasets": datasets, "rows": rows}), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def summary(rep: Report, rows: list[dict], datasets: dict) -> None:
    """Agreement verdict and the issue's targets, from the rows of this run."""
    rep.say("\n== agreement (coauthor vs peers: component counts, top-10 values, modularity within "
            f"{MODULARITY_TOLERANCE}, parse records within 1 %, pipeline top-10 names ≥ 8/10)")
    checked = [r for r in rows if r["tool"] not in ("coauthor", "all") and r["status"] == "ok" and r.get("agree") is not None]
    bad = [r for r in checked if r["agree"] is False]
    rep.say(f"{len(checked) - len(bad)} of {len(checked)} checks agree"
            + ("" if not bad else "; differ: " + "; ".join(f"{r['dataset']} {r['step']} {r['tool']}: {r.get('note', '')}" for r in bad)))
    other = [r for r in rows if r["tool"] not in ("coauthor", "all") and r["status"] == "ok" and r.get("agree") is None and r.get("note")]
    for r in other:
        rep.say(f"not comparable: {r['dataset']} {r['step']} {r['tool']}: {r['note']}")
    rep.say("\n== targets of issue 9 (from this run)")
    by = {}
    for r in rows:
        by.setdefault((r["dataset"], r["step"]), {})[r["tool"]] = r
    for (ds, step), tools in by.items():
        ours = tools.get("coauthor")
        if not ours or ours["status"] != "ok":
            if ours:
                rep.say(f"{ds:9} {step:20} coauthor {ours['status']}")
            continue
        peers = {t: r for t, r in tools.items() if t != "coauthor" and r["status"] == "ok"}
        capped = [t for t, r in tools.items() if r["status"].startswith(">")]
        line = f"{ds:9} {step:20} "
        if step == "parse+build+pagerank":
            parts = []
            for lib, want in (("igraph", 5), ("networkit", 2), ("networkx", None)):
                if lib in peers and peers[lib].get("ratio"):
                    pr = peers[lib]
                    parts.append(f"{pr['ratio']:.2f}× faster than {lib}" + (f" (target ≥ {want}×)" if want else "")
                                 + f", memory {ours['peak_mib']:,.0f} vs {pr['peak_mib']:,.0f} MiB")
                elif lib in tools and tools[lib]["status"].startswith(">"):
                    parts.append(f"{lib} {tools[lib]['status']}")
            rep.say(line + "; ".join(parts))
            continue
        if step in ("louvain", "leiden"):
            mods = {t: r["result"]["modularity"] for t, r in peers.items() if "modularity" in r.get("result", {})}
            if mods:
                best = max(mods, key=mods.get)
                q = ours["result"]["modularity"]
                line += f"modularity {q:.4f} vs best peer {best} {mods[best]:.4f}: " + ("meets" if q >= mods[best] - 0.002 else "MISSES") + " ≥ best − 0.002; "
        timed = {t: r for t, r in peers.items() if r.get("ratio") is not None}
        if timed:
            fastest = min(timed, key=lambda t: timed[t]["seconds"])
            f = timed[fastest]
            line += (f"fastest peer {fastest} {fmt_seconds(f['seconds'])} s vs ours {fmt_seconds(ours['seconds'])} s: "
                     + ("coauthor at least as fast" if f["seconds"] >= ours["seconds"] else f"coauthor SLOWER ({f['ratio']:.2f}×)"))
        elif peers:
            line += "ours under 1 ms"
        if capped:
            line += f" ({', '.join(capped)} over the cap)"
        rep.say(line)


if __name__ == "__main__":
    main()
