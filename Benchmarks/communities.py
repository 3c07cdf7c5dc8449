#!/usr/bin/env python3
"""Community-detection benchmark: coauthor's Leiden and Louvain next to igraph's community_leiden and
community_multilevel, leidenalg, NetworKit's PLM and ParallelLeiden and networkx's louvain_communities,
on the largest coauthorship graphs in ../shared/data/networks and on coauthor's own ACL Anthology and
DBLP 2016 graphs (the CSV exports Benchmarks/compare.py makes in --scratch). Prints time and
modularity per method and the ratios ours / theirs. A benchmark, not a test: run it with
Benchmarks/communities.sh.

Usage: communities.py BENCH_BINARY [--graphs netscience,condmat,astro-ph,acl,dblp] [--seeds 5]
                      [--no-networkx] [--cap SECONDS] [--scratch /tmp/coauthor-bench]

Pairs for the ratios: igraph's multilevel, NetworKit's PLM and networkx's Louvain against our Louvain;
the n_iterations=2 runs of igraph and leidenalg against our Leiden capped at 2 iterations; their
n_iterations=-1 runs against ours until stable (tolerance 0); NetworKit's ParallelLeiden (its default,
3 iterations) against our default Leiden (until an iteration gains less than 10^-3).

Timing: each method's call only (graph construction excluded), median over the seeds. Ours, igraph,
leidenalg and networkx run on one thread; NetworKit runs with every core (os.cpu_count()), as
issue 9 asks ("NetworKit with both threads"). Every reference runs in a forked child: one whose seeds
take longer than --cap seconds in all is killed and reported as "> cap", never dropped. Modularity:
every partition is scored by igraph's Graph.modularity(membership, weights, resolution) (networkx's
definition; the test suite checks ours equals networkx's to 1e-9), median over the seeds.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data", "networks"))


def load_netscience():
    sys.path.insert(0, os.path.join(HERE, "..", "Tests", "conformance"))
    from nx_reference import builtin
    g0 = builtin("netscience:" + os.path.join(DATA, "netscience.gml"))
    order = sorted(g0.nodes())
    index = {v: i for i, v in enumerate(order)}
    return len(order), [(index[a], index[b], float(d["weight"])) for a, b, d in g0.edges(data=True)]


def load_snap(path):
    pairs = set()
    ids = set()
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                continue
            a, b = map(int, line.split())
            ids.add(a)
            ids.add(b)
            if a != b:
                pairs.add((min(a, b), max(a, b)))
    index = {v: i for i, v in enumerate(sorted(ids))}
    return len(index), [(index[a], index[b], 1.0) for a, b in sorted(pairs)]


def load_metis(path):
    with open(path) as f:
        header = f.readline().split()
        n = int(header[0])
        fmt = header[2] if len(header) > 2 else "0"
        if fmt not in ("0", "000"):
            raise SystemExit(f"{path}: weighted METIS (fmt {fmt}) not supported here")
        pairs = set()
        for i in range(n):
            for tok in f.readline().split():
                j = int(tok) - 1
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
    return n, [(a, b, 1.0) for a, b in sorted(pairs)]


def load_export(directory):
    """A coauthor CSV export (nodes.csv, edges.csv; weight = joint papers), nodes in its order."""
    import csv
    with open(os.path.join(directory, "nodes.csv"), newline="", encoding="utf-8") as fh:
        index = {row["id"]: i for i, row in enumerate(csv.DictReader(fh))}
    with open(os.path.join(directory, "edges.csv"), newline="", encoding="utf-8") as fh:
        edges = [(index[r["source"]], index[r["target"]], float(r["weight"])) for r in csv.DictReader(fh)]
    return len(index), edges


SCRATCH = "/tmp/coauthor-bench"
GRAPHS = {
    "acl": lambda: load_export(os.path.join(SCRATCH, "acl-export")),
    "dblp": lambda: load_export(os.path.join(SCRATCH, "dblp-export")),
    "netscience": load_netscience,
    "condmat": lambda: load_snap(os.path.join(DATA, "CA-CondMat.txt")),
    "astro-ph": lambda: load_metis(os.path.join(DATA, "astro-ph.graph")),
}


def ensure_networkit():
    try:
        import networkit  # noqa: F401
    except ImportError:
        print("installing networkit==11.3 into the venv (benchmark only)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        "networkit==11.3"], check=True)


def ours(binary, path, method, seeds, gamma, iterations=0, tolerance=None, cap=None):
    """Our runs (None when the cap is exceeded): times, modularities, community counts, first membership."""
    extra = [] if tolerance is None else ["--tolerance", repr(tolerance)]
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as mfile:
        try:
            out = subprocess.run([binary, path, "--method", method, "--resolution", str(gamma), "--seeds",
                                  ",".join(map(str, seeds)), "--iterations", str(iterations), "--membership",
                                  mfile.name, *extra], check=True, capture_output=True, text=True, timeout=cap).stdout
        except subprocess.TimeoutExpired:
            return None
        first = [int(x) for x in open(mfile.name).read().split()]
    runs = json.loads(out)["runs"]
    return [r["seconds"] for r in runs], [r["modularity"] for r in runs], [r["communities"] for r in runs], first


def in_child(fn, cap):
    """fn() in a forked child, its JSON-able result back through a pipe; None past `cap` seconds."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            data = json.dumps(fn()).encode()
        except BaseException as e:  # noqa: BLE001 — reported by the parent
            data = json.dumps({"error": repr(e)}).encode()
        with os.fdopen(w, "wb") as f:
            f.write(data)
        os._exit(0)
    os.close(w)
    chunks = []
    deadline = time.monotonic() + cap
    import select
    with os.fdopen(r, "rb") as f:
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([f], [], [], max(0, left))
            if not ready:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                return None
            chunk = os.read(f.fileno(), 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    os.waitpid(pid, 0)
    out = json.loads(b"".join(chunks))
    if isinstance(out, dict) and "error" in out:
        raise SystemExit(f"reference failed: {out['error']}")
    return out


def timed(fn, seeds):
    times, memberships = [], []
    for s in seeds:
        t0 = time.perf_counter()
        m = fn(s)
        times.append(time.perf_counter() - t0)
        memberships.append(m)
    return times, memberships


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--graphs", default="netscience,condmat,astro-ph")
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--resolution", type=float, default=1.0)
    ap.add_argument("--no-networkx", action="store_true", help="skip networkx's (slow) Louvain")
    ap.add_argument("--cap", type=float, default=300, help="seconds per method (all seeds) before it is killed")
    ap.add_argument("--scratch", default=SCRATCH, help="where compare.py left acl-export/ and dblp-export/")
    args = ap.parse_args()
    GRAPHS["acl"] = lambda: load_export(os.path.join(args.scratch, "acl-export"))
    GRAPHS["dblp"] = lambda: load_export(os.path.join(args.scratch, "dblp-export"))
    ensure_networkit()
    import igraph as ig
    import leidenalg
    import networkit as nk
    import networkx as nx
    threads = os.cpu_count() or 1
    nk.setNumberOfThreads(threads)
    gamma = args.resolution
    seeds = list(range(1, args.seeds + 1))
    rows = []
    for name in args.graphs.split(","):
        n, edges = GRAPHS[name]()
        print(f"\n== {name}: {n} nodes, {len(edges)} edges, resolution {gamma}, {len(seeds)} seeds", flush=True)
        h = ig.Graph(n=n, edges=[(a, b) for a, b, _ in edges])
        w = [x for _, _, x in edges]
        h.es["weight"] = w

        def q(m):
            return h.modularity(m, weights=w, resolution=gamma)

        results = {}
        with tempfile.NamedTemporaryFile("w", suffix=".edges", delete=False) as f:
            f.write(f"{n}\n")
            for a, b, x in edges:
                f.write(f"{a} {b} {x!r}\n")
            path = f.name
        try:
            for label, method, iterations, tol in (("coauthor leiden (default)", "leiden", 0, None),
                                                   ("coauthor leiden (until stable)", "leiden", 0, 0.0),
                                                   ("coauthor leiden (2 iterations)", "leiden", 2, None),
                                                   ("coauthor louvain", "louvain", 0, None)):
                got = ours(args.binary, path, method, seeds, gamma, iterations, tol, args.cap)
                if got is None:
                    results[label] = None
                    continue
                t, mods, counts, first = got
                check = q(first)
                if abs(check - mods[0]) > 1e-9:
                    print(f"  WARNING: our {label} modularity {mods[0]} != igraph's {check}", file=sys.stderr)
                results[label] = (t, mods, counts)
        finally:
            os.unlink(path)

        def reference(label, fn):
            def run():
                t, ms = timed(fn, seeds)
                return t, [q(m) for m in ms], [len(set(m)) for m in ms]
            results[label] = in_child(run, args.cap)

        def ig_leiden(s, iters):
            random.seed(s)
            return h.community_leiden(objective_function="modularity", weights="weight", resolution=gamma,
                                      n_iterations=iters).membership
        reference("igraph community_leiden (n_iterations=2)", lambda s: ig_leiden(s, 2))
        reference("igraph community_leiden (n_iterations=-1)", lambda s: ig_leiden(s, -1))

        def ig_multilevel(s):
            random.seed(s)
            return h.community_multilevel(weights="weight", resolution=gamma).membership
        reference("igraph community_multilevel", ig_multilevel)

        def la(s):
            return leidenalg.find_partition(h, leidenalg.RBConfigurationVertexPartition, weights="weight",
                                            resolution_parameter=gamma, seed=s).membership
        reference("leidenalg RBConfiguration (n_iterations=2)", la)

        def la_stable(s):
            return leidenalg.find_partition(h, leidenalg.RBConfigurationVertexPartition, weights="weight",
                                            resolution_parameter=gamma, seed=s, n_iterations=-1).membership
        reference("leidenalg RBConfiguration (n_iterations=-1)", la_stable)

        gk = nk.Graph(n, weighted=True)
        for a, b, x in edges:
            gk.addEdge(a, b, x)

        def plm(s):
            nk.engineering.setSeed(s, False)
            p = nk.community.PLM(gk, refine=True, gamma=gamma).run().getPartition()
            return p.getVector()
        reference(f"networkit PLM (refine, {threads} threads)", plm)

        def plm_plain(s):
            nk.engineering.setSeed(s, False)
            return nk.community.PLM(gk, refine=False, gamma=gamma).run().getPartition().getVector()
        reference(f"networkit PLM (no refine, {threads} threads)", plm_plain)

        def parallel_leiden(s):
            nk.engineering.setSeed(s, False)
            return nk.community.ParallelLeiden(gk, gamma=gamma).run().getPartition().getVector()
        reference(f"networkit ParallelLeiden ({threads} threads)", parallel_leiden)

        if not args.no_networkx:
            gx = nx.Graph()
            gx.add_nodes_from(range(n))
            gx.add_weighted_edges_from(edges)

            def nxl(s):
                m = [0] * n
                for i, c in enumerate(nx.community.louvain_communities(gx, weight="weight", resolution=gamma, seed=s)):
                    for v in c:
                        m[v] = i
                return m
            reference("networkx louvain_communities", nxl)

        # Each reference is paired with ours of the same kind: Louvain-type methods with our Louvain,
        # 2-iteration Leiden with ours capped at 2, until-stable Leiden with ours until stable.
        print(f"  {'method':44} {'time ms':>9} {'modularity':>11} {'comms':>6} {'Q ours/ref':>11} {'t ours/ref':>11}")
        for label, got in results.items():
            if "multilevel" in label or "louvain" in label or "PLM" in label:
                mine = results["coauthor louvain"]
            elif "n_iterations=2" in label:
                mine = results["coauthor leiden (2 iterations)"]
            elif "ParallelLeiden" in label:
                mine = results["coauthor leiden (default)"]
            else:
                mine = results["coauthor leiden (until stable)"]
            if got is None:
                print(f"  {label:44} {'> cap':>9}")
                rows.append({"graph": name, "method": label, "capped": args.cap})
                continue
            t, mods, counts = got
            tm, qm = statistics.median(t), statistics.median(mods)
            if mine is None or label.startswith("coauthor"):
                tag = ""
            else:
                qr = statistics.median(mine[1]) / qm if qm else float("nan")
                tr = statistics.median(mine[0]) / tm if tm else float("nan")
                tag = f"{qr:11.4f} {tr:11.3f}"
            print(f"  {label:44} {tm * 1000:9.1f} {qm:11.6f} {statistics.median(counts):6.0f} {tag}", flush=True)
            rows.append({"graph": name, "method": label, "median_seconds": tm, "median_modularity": qm,
                         "modularity": mods, "seconds": t})
    if os.environ.get("BENCH_JSON"):
        with open(os.environ["BENCH_JSON"], "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
