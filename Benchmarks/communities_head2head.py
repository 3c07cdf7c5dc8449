"""Ours (default Leiden, Louvain; CommunityBench) next to NetworKit ParallelLeiden with all threads and with one, in the same run, interleaved round by round (seed 1). Benchmark, not a test.

Usage: .venv/bin/python Benchmarks/communities_head2head.py .build/release/CommunityBench acl,dblp [ROUNDS]
Reads the CSV exports in /tmp/coauthor-bench (as communities.py does)."""
import os, sys, time, statistics
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import communities as C
import networkit as nk
import igraph as ig
binary = sys.argv[1]
graphs = sys.argv[2].split(",")
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
threads = os.cpu_count() or 1
nk.setNumberOfThreads(threads)
for name in graphs:
    n, edges = C.load_export(os.path.join(C.SCRATCH, f"{name}-export"))
    h = ig.Graph(n=n, edges=[(a, b) for a, b, _ in edges]); w = [x for _, _, x in edges]
    gk = nk.Graph(n, weighted=True)
    for a, b, x in edges: gk.addEdge(a, b, x)
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".edges", delete=False) as f:
        f.write(f"{n}\n")
        for a, b, x in edges: f.write(f"{a} {b} {x!r}\n")
        path = f.name
    print(f"== {name}: {n} nodes, {len(edges)} edges; load {os.getloadavg()}", flush=True)
    res = {"ours leiden": [], "ours louvain": [], "nk ParallelLeiden": [], "nk ParallelLeiden 1t": []}
    qs = {k: [] for k in res}
    for r in range(rounds):
        for s in (1,):
            t, mods, _, first = C.ours(binary, path, "leiden", [s], 1.0)
            res["ours leiden"] += t; qs["ours leiden"] += mods
            t, mods, _, first = C.ours(binary, path, "louvain", [s], 1.0)
            res["ours louvain"] += t; qs["ours louvain"] += mods
            nk.engineering.setSeed(s, False)
            t0 = time.perf_counter()
            m = nk.community.ParallelLeiden(gk, gamma=1.0).run().getPartition().getVector()
            res["nk ParallelLeiden"].append(time.perf_counter() - t0)
            qs["nk ParallelLeiden"].append(h.modularity(m, weights=w))
            nk.setNumberOfThreads(1); nk.engineering.setSeed(s, False)
            t0 = time.perf_counter()
            m = nk.community.ParallelLeiden(gk, gamma=1.0).run().getPartition().getVector()
            res["nk ParallelLeiden 1t"].append(time.perf_counter() - t0)
            qs["nk ParallelLeiden 1t"].append(h.modularity(m, weights=w))
            nk.setNumberOfThreads(threads)
        print(f"  round {r}: " + ", ".join(f"{k} {v[-1]:.3f}s" for k, v in res.items()) + f"; load {os.getloadavg()[0]:.2f}", flush=True)
    for k in res:
        print(f"  {k:20s} min {min(res[k]):.3f}s median {statistics.median(res[k]):.3f}s  Q {qs[k][0]:.6f}", flush=True)
    os.unlink(path)
