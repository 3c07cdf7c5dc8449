"""Shared fixtures of the export round-trip suite: the CLI binary, the cases and their exports.

Every export is made by the real binary (`.build/debug/coauthor`, or $COAUTHOR_BIN) and read back
with the reader a user would use: networkx for GraphML, GEXF, node-link JSON, Pajek and GML, pandas
for CSV and VOSviewer's tab-separated files.
"""
import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"
BIN = pathlib.Path(os.environ.get("COAUTHOR_BIN", REPO / ".build" / "debug" / "coauthor"))

# Each case: the inputs, then input options, as a user would type them (paths from the repository).
CASES = {
    "seed": (["seeds/qin-huang-profile.txt"], ["--as-of", "2026-11-27"]),
    "acl": ([str(SHARED / "acl-anthology" / "xml-sample")], []),
    "examples": (["Examples/inputs"], ["--as-of", "2026-11-27"]),
    "awkward": (["Tests/exports/data/awkward.jsonl", "Tests/exports/data/awkward.csv"], []),
}
METRICS = ["pagerank", "betweenness", "constraint", "core"]
EXTRA = ["--metrics", ",".join(METRICS), "--communities", "components"]

FORMATS = {
    "graphml": "graph.graphml",
    "gexf": "graph.gexf",
    "json": "graph.json",
    "csv": "csv",
    "pajek": "graph.net",
    "vosviewer": "vos",
    "dot": "graph.dot",
    "gml": "graph.gml",
}


def run(args, check=True, **kw):
    """Runs the CLI from the repository root; returns the CompletedProcess."""
    if not BIN.exists():
        raise RuntimeError(f"{BIN} is missing: run `swift build` first")
    p = subprocess.run([str(BIN), *args], cwd=REPO, capture_output=True, text=True, **kw)
    if check and p.returncode != 0:
        raise AssertionError(f"coauthor {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p


@pytest.fixture(scope="session", params=sorted(CASES))
def case(request, tmp_path_factory):
    """One case exported in every format, with the reference figures from `rank` and `stats`."""
    name = request.param
    files, options = CASES[name]
    inputs = files + options
    if name == "acl" and not (SHARED / "acl-anthology" / "xml-sample").is_dir():
        raise RuntimeError(f"{SHARED} is missing: the suite needs shared/data beside the repository")
    out = tmp_path_factory.mktemp(f"export-{name}")
    paths = {}
    for fmt, target in FORMATS.items():
        paths[fmt] = out / target
        run(["export", *inputs, "--to", fmt, "-o", str(paths[fmt]), "-q", *EXTRA])
    rank = json.loads(run(["rank", *inputs, "--all-metrics", "--by", "papers", "--top", "0",
                           "--format", "json", "-q"]).stdout)
    stats = json.loads(run(["stats", *inputs, "--format", "json", "-q"]).stdout)
    truth = json.loads((paths["json"]).read_text(encoding="utf-8"))
    return {"name": name, "inputs": inputs, "files": files, "paths": paths, "rank": rank, "stats": stats, "truth": truth}
