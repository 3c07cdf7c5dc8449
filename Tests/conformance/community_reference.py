#!/usr/bin/env python3
"""Community-detection references for the quality tests (run by the Swift test suite in the same run).

Input (stdin): a JSON list of jobs, each
    {"name": str,
     "graph": {"nodes": N, "edges": [[a, b, w], ...]}  or  "builtin": "karate"|"netscience:PATH"|...,
     "resolution": 1.0,
     "seeds": [1, 2, ...],                       # seeds of the reference runs (may be empty)
     "references": ["leidenalg", "louvain"],     # which references to run (may be empty)
     "partitions": [[label per node], ...]}      # optional: partitions to evaluate
Output (stdout): a JSON list, one object per job:
    {"name", "nodes": N, "edges": [[a, b, w], ...] (the graph as used, nodes 0..N-1),
     "leidenalg": {"modularity": [Q per seed], "count": [communities per seed], "membership": [...]},
     "louvain":   {"modularity": [...], "count": [...], "membership": [...]},
     "modularity": [networkx Q of each given partition]}
Every Q is networkx's `modularity(G, communities, weight="weight", resolution=γ)`, so references and
our partitions are scored by the same function. leidenalg: `find_partition(G,
RBConfigurationVertexPartition, weights="weight", resolution_parameter=γ, seed=s)` (its defaults:
n_iterations=2). networkx Louvain: `louvain_communities(G, weight="weight", resolution=γ, seed=s)`.
Builtin graphs are relabelled as in nx_reference.py (sorted node order → 0..N-1).
"""
import json
import os
import sys

import networkx as nx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nx_reference import builtin  # noqa: E402


def load(job):
    if "builtin" in job:
        g0 = builtin(job["builtin"])
        order = sorted(g0.nodes(), key=lambda v: (str(type(v)), v))
        index = {v: i for i, v in enumerate(order)}
        g = nx.Graph()
        g.add_nodes_from(range(len(order)))
        for a, b, d in g0.edges(data=True):
            if a != b:
                g.add_edge(index[a], index[b], weight=float(d.get("weight", 1.0)))
        return g
    g = nx.Graph()
    g.add_nodes_from(range(job["graph"]["nodes"]))
    for a, b, w in job["graph"]["edges"]:
        g.add_edge(a, b, weight=float(w))
    return g


def groups(membership):
    out = {}
    for v, c in enumerate(membership):
        out.setdefault(c, set()).add(v)
    return list(out.values())


def leidenalg_runs(g, gamma, seeds):
    import igraph as ig
    import leidenalg
    h = ig.Graph(n=g.number_of_nodes(), edges=[(a, b) for a, b in g.edges()])
    h.es["weight"] = [d["weight"] for _, _, d in g.edges(data=True)]
    out = {"modularity": [], "count": [], "membership": []}
    for s in seeds:
        p = leidenalg.find_partition(h, leidenalg.RBConfigurationVertexPartition, weights="weight",
                                     resolution_parameter=gamma, seed=s)
        m = list(p.membership)
        out["modularity"].append(nx.community.modularity(g, groups(m), weight="weight", resolution=gamma))
        out["count"].append(len(set(m)))
        out["membership"].append(m)
    return out


def louvain_runs(g, gamma, seeds):
    out = {"modularity": [], "count": [], "membership": []}
    for s in seeds:
        comms = nx.community.louvain_communities(g, weight="weight", resolution=gamma, seed=s)
        m = [0] * g.number_of_nodes()
        for i, c in enumerate(comms):
            for v in c:
                m[v] = i
        out["modularity"].append(nx.community.modularity(g, comms, weight="weight", resolution=gamma))
        out["count"].append(len(comms))
        out["membership"].append(m)
    return out


def run(job):
    g = load(job)
    gamma = float(job.get("resolution", 1.0))
    seeds = job.get("seeds", [])
    out = {"name": job["name"], "nodes": g.number_of_nodes(),
           "edges": [[a, b, d["weight"]] for a, b, d in sorted(g.edges(data=True))]}
    refs = job.get("references", [])
    if "leidenalg" in refs:
        out["leidenalg"] = leidenalg_runs(g, gamma, seeds)
    if "louvain" in refs:
        out["louvain"] = louvain_runs(g, gamma, seeds)
    out["modularity"] = [nx.community.modularity(g, groups(p), weight="weight", resolution=gamma)
                         for p in job.get("partitions", [])]
    return out


def main():
    jobs = json.load(sys.stdin)
    json.dump([run(j) for j in jobs], sys.stdout)


if __name__ == "__main__":
    main()
