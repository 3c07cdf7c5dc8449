#!/usr/bin/env python3
"""networkx reference values for the conformance tests (run by the Swift test suite in the same run).

Input (stdin): a JSON list of jobs, each
    {"name": str, "graph": {"nodes": N, "edges": [[a, b, w], ...]}           # an edge list, or
     "name": str, "builtin": "karate"|"florentine"|"kite"|"netscience:PATH",  # a networkx graph,
     "metrics": [...], "distance": "hops"|"inverse-weight", "alpha": 0.85}
Output (stdout): a JSON list, one object per job:
    {"name", "nodes": N, "edges": [[a, b, w], ...] (the graph as used, nodes 0..N-1),
     "<metric>": [value per node 0..N-1] (NaN as null), "stats": {...}}
Builtin graphs are relabelled 0..N-1 in sorted(G.nodes()) order (str() for the sort), so the Swift
side can rebuild the same graph from "edges". Weights: the "weight" attribute (netscience: "value").
"""
import json
import math
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import networkx as nx


def builtin(name):
    if name == "karate":
        return nx.karate_club_graph()          # has integer "weight" attributes
    if name == "florentine":
        return nx.florentine_families_graph()
    if name == "kite":
        return nx.krackhardt_kite_graph()
    if name.startswith("netscience:"):
        g = nx.read_gml(name.split(":", 1)[1], label="id")
        h = nx.Graph()
        h.add_nodes_from(g.nodes())
        for a, b, d in g.edges(data=True):
            if a != b:
                h.add_edge(a, b, weight=float(d.get("value", 1.0)))
        return h
    raise SystemExit(f"unknown builtin {name}")


def clean(x):
    x = float(x)
    return None if math.isnan(x) else x


def metric(g, m, dist, job):
    if m == "degree":
        v = dict(g.degree())
    elif m == "strength":
        v = dict(g.degree(weight="weight"))
    elif m == "betweenness":
        v = nx.betweenness_centrality(g, normalized=True, weight=dist)
    elif m == "closeness":
        v = nx.closeness_centrality(g, distance=dist, wf_improved=True)
    elif m == "harmonic":
        v = nx.harmonic_centrality(g, distance=dist)
    elif m == "eigenvector":
        v = nx.eigenvector_centrality(g, weight="weight", max_iter=1000, tol=1e-12)
    elif m == "pagerank":
        v = nx.pagerank(g, alpha=job.get("alpha", 0.85), weight="weight", tol=1e-12, max_iter=1000)
    elif m == "clustering":
        v = nx.clustering(g)
    elif m == "core":
        v = nx.core_number(g)
    elif m == "constraint":
        v = nx.constraint(g, weight="weight")
    elif m == "effective-size":
        # nodes=list(g): networkx 3.6's vectorised path (nodes=None, scipy present) divides by the
        # wrong row's maximum on weighted graphs (networkx PR #8906, open); its per-node path is
        # Burt's definition and agrees with UCINET and igraph.
        v = nx.effective_size(g, weight="weight", nodes=list(g))
    else:
        raise SystemExit(f"unknown metric {m}")
    return [clean(v[i]) for i in range(g.number_of_nodes())]


def stats(g):
    n = g.number_of_nodes()
    comps = list(nx.connected_components(g))
    largest = max(comps, key=len) if comps else set()
    return {
        "components": len(comps),
        "largest_component": len(largest),
        "triangles": sum(nx.triangles(g).values()) // 3,
        "average_clustering": nx.average_clustering(g) if n else 0.0,
        "transitivity": nx.transitivity(g),
        "diameter": nx.diameter(g.subgraph(largest)) if largest else 0,
        "max_core": max(nx.core_number(g).values()) if n else 0,
    }


def graph_of(job):
    """The job's graph (nodes 0..N-1, "weight" and "distance" = 1/weight on every edge) and the
    edge attribute the path metrics use (None: hops)."""
    if "builtin" in job:
        g0 = builtin(job["builtin"])
        order = sorted(g0.nodes(), key=lambda v: (str(type(v)), v))
        index = {v: i for i, v in enumerate(order)}
        g = nx.Graph()
        g.add_nodes_from(range(len(order)))
        for a, b, d in g0.edges(data=True):
            g.add_edge(index[a], index[b], weight=float(d.get("weight", 1.0)))
    else:
        g = nx.Graph()
        g.add_nodes_from(range(job["graph"]["nodes"]))
        for a, b, w in job["graph"]["edges"]:
            g.add_edge(a, b, weight=float(w))
    for a, b, d in g.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    dist = "distance" if job.get("distance") == "inverse-weight" else None
    return g, dist


def task(job, what):
    """One piece of a job's answer: a metric's values, "stats", or "edges" (the graph as used)."""
    g, dist = graph_of(job)
    if what == "stats":
        return stats(g)
    if what == "edges":
        return {"nodes": g.number_of_nodes(), "edges": [[a, b, d["weight"]] for a, b, d in sorted(g.edges(data=True))]}
    try:
        return metric(g, what, dist, job)
    except nx.PowerIterationFailedConvergence:
        return "not-converged"   # the Swift side must then report non-convergence too


def main():
    """Every (job, metric) pair is computed in its own task, on all cores (the values are those of
    one serial run: each task builds the job's graph afresh and networkx is deterministic); the
    largest graphs' tasks are started first."""
    jobs = json.load(sys.stdin)
    pieces = [(k, what) for k, j in enumerate(jobs) for what in ["edges", *j["metrics"], "stats"]]
    size = [len(j["graph"]["edges"]) if "graph" in j else 0 for j in jobs]
    pieces.sort(key=lambda p: -size[p[0]])
    results = [{"name": j["name"]} for j in jobs]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        futures = {p: pool.submit(task, jobs[p[0]], p[1]) for p in pieces}
        for k, j in enumerate(jobs):
            results[k].update(futures[(k, "edges")].result())
            for m in j["metrics"]:
                results[k][m] = futures[(k, m)].result()
            results[k]["stats"] = futures[(k, "stats")].result()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
