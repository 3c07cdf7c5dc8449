"""Agreement of a Spark output with coauthor's own export and PageRank:
    python agree.py SPARK_OUT REF_CSV_DIR RANK_CSV
Edges exactly (ids, weights, fractional bits, years, papers), PageRank within 1e-6 per node."""
import csv
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

out, ref, rank = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])


def table(d):
    return pa.concat_tables([pq.read_table(f) for f in sorted(d.glob("*.parquet"))])


def opt(x):
    return None if x in ("", None) else int(x)


edges = table(out / "edges").to_pydict()
mine = {tuple(sorted((edges["src"][i], edges["dst"][i]))): (edges["weight"][i], edges["fractional"][i], edges["first_year"][i],
                                                          edges["last_year"][i]) for i in range(len(edges["src"]))}
theirs = {}
with open(ref / "edges.csv", newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        theirs[tuple(sorted((r["source"], r["target"])))] = (int(r["weight"]), float(r["fractional"]), opt(r["first_year"]),
                                                          opt(r["last_year"]))
nodes = table(out / "nodes").to_pydict()
pr = dict(zip(nodes["id"], nodes["pagerank"]))
worst = 0.0
with open(rank, newline="", encoding="utf-8") as f:
    ranked = {r["key"]: float(r["pagerank"]) for r in csv.DictReader(f)}
for k, v in ranked.items():
    worst = max(worst, abs(pr[k] - v))
ok = mine == theirs and set(pr) == set(ranked) and worst <= 1e-6
print("    agreement: %d/%d edges equal, %d nodes, max |PageRank difference| %.2e: %s"
      % (sum(1 for k in mine if theirs.get(k) == mine[k]), len(theirs), len(pr), worst, "ok" if ok else "DIFFERENT"))
sys.exit(0 if ok else 1)
