#!/usr/bin/env python3
"""Parse + build + PageRank on one record file, the way an igraph or NetworKit user would script it
(issue 9's ingest target), for timing next to `coauthor rank FILE --by pagerank`.

    /usr/bin/time -v .venv/bin/python Benchmarks/ingest_peers.py igraph|networkit KIND PATH

KIND is compare.py's reader kind (dblp = JSON Lines, dblp-bib, acl). Reading and pair counting
are compare.py's `peer_records`/`count_pairs` (json.loads per line, names interned in a dict,
pairs counted in a dict); then the library builds the weighted graph and runs PageRank
(α = 0.85, weighted). Prints papers, authors, edges, the step times and the top PageRank value.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import count_pairs, peer_records  # noqa: E402


def main() -> None:
    lib, kind, path = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    t0 = time.perf_counter()
    papers, ids, pairs = count_pairs(peer_records(kind, path))
    n = len(ids)
    t1 = time.perf_counter()
    if lib == "igraph":
        import igraph as ig
        g = ig.Graph(n=n, edges=list(pairs.keys()))
        g.es["weight"] = list(pairs.values())
        m = g.ecount()
        t2 = time.perf_counter()
        pr = g.pagerank(weights="weight", damping=0.85)
    elif lib == "networkit":
        import networkit as nk
        g = nk.Graph(n, weighted=True)
        for (a, b), w in pairs.items():
            g.addEdge(a, b, w)
        m = g.numberOfEdges()
        t2 = time.perf_counter()
        p = nk.centrality.PageRank(g, damp=0.85, tol=1e-9)
        p.run()
        pr = p.scores()
    else:
        raise SystemExit(f"unknown library {lib}")
    t3 = time.perf_counter()
    print(json.dumps({"lib": lib, "papers": papers, "authors": n, "edges": m,
                      "parse_count_s": round(t1 - t0, 3), "graph_s": round(t2 - t1, 3),
                      "pagerank_s": round(t3 - t2, 3), "total_s": round(t3 - t0, 3),
                      "max_pagerank": max(pr) if n else 0.0}))


if __name__ == "__main__":
    main()
