"""How `coauthor export` behaves around the formats: counting, standard output, determinism, and
files that are never half-written."""
import json
import os
import resource
import subprocess

import networkx as nx
import pytest

from conftest import BIN, REPO, SHARED, run

SEED = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"]
ACL = [str(SHARED / "acl-anthology" / "xml-sample")]


def test_fractional_counting_sets_the_weight(tmp_path):
    out = tmp_path / "f.graphml"
    run(["export", *SEED, "--to", "graphml", "-o", str(out), "--counting", "fractional", "-q"])
    G = nx.read_graphml(out)
    for a, b, d in G.edges(data=True):
        assert isinstance(d["weight"], float) and d["weight"] == d["fractional"]
    # Newman's fractional strength of an author is their number of papers with coauthors.
    strength = dict(G.degree(weight="weight"))
    assert abs(strength["qin|huang"] - 18) < 1e-9
    vos = tmp_path / "vos"
    run(["export", *SEED, "--to", "vosviewer", "-o", str(vos), "--counting", "fractional", "-q"])
    rows = [l.split("\t") for l in (vos / "network.txt").read_text().splitlines()]
    assert abs(sum(float(r[2]) for r in rows) - 32.5) < 1e-9  # the oracle's total_fractional


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "pajek", "dot", "gml"])
def test_standard_output_equals_the_file(tmp_path, fmt):
    f = tmp_path / f"g.{fmt}"
    run(["export", *SEED, "--to", fmt, "-o", str(f), "-q"])
    p = run(["export", *SEED, "--to", fmt, "-o", "-"])
    assert p.stdout.encode("utf-8") == f.read_bytes()
    assert p.stderr == ""


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv", "pajek", "vosviewer", "dot", "gml"])
def test_exports_are_deterministic(tmp_path, fmt):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    args = ["--metrics", "pagerank,betweenness", "--communities", "components", "-q"]
    target = "out" if fmt in ("csv", "vosviewer") else "out.x"
    run(["export", *SEED, "--to", fmt, "-o", str(a / target), *args])
    run(["export", *SEED, "--to", fmt, "-o", str(b / target), *args])
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b and files_a
    for f in files_a:
        assert (a / f).read_bytes() == (b / f).read_bytes(), f


def limited(kbytes):
    def set_limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (kbytes * 1024, kbytes * 1024))
    return set_limit


@pytest.mark.parametrize("fmt,target", [("graphml", "g.graphml"), ("csv", "csv"), ("vosviewer", "vos"),
                                        ("pajek", "g.net")])
def test_a_failed_run_leaves_no_partial_export(tmp_path, fmt, target):
    """Writing stops at a file-size limit: the run fails with 73, the previous export is untouched,
    and no temporary file is left behind."""
    out = tmp_path / target
    args = ["export", *ACL, "--to", fmt, "-o", str(out), "--communities", "components", "--metrics", "core", "-q"]
    # A complete export of the seed first.
    first = ["export", *SEED, "--to", fmt, "-o", str(out), "--communities", "components", "--metrics", "core", "-q"]
    run(first)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert before
    p = subprocess.run([str(BIN), *args], cwd=REPO, capture_output=True, text=True, preexec_fn=limited(64))
    assert p.returncode == 73, p.stderr
    assert "cannot write" in p.stderr
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # same files, same bytes: nothing half-written, no temporary left
    # Without the limit the same run succeeds and replaces every file.
    run(args)
    assert all(p.read_bytes() != before[p] for p in before)


def test_output_errors(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    p = run(["export", *SEED, "--to", "gml", "-o", str(blocker / "g.gml")], check=False)
    assert p.returncode == 73 and "cannot write" in p.stderr
    p = run(["export", *SEED, "--to", "csv", "-o", str(blocker)], check=False)
    assert p.returncode == 64 and "not a directory" in p.stderr
    p = run(["export", *SEED, "--to", "graphml", "-o", str(tmp_path)], check=False)
    assert p.returncode == 64 and "is a directory" in p.stderr
    p = run(["export", *SEED, "--to", "csv", "-o", "-"], check=False)
    assert p.returncode == 64
    assert sorted(os.listdir(tmp_path)) == ["file"]


def test_json_metadata(tmp_path):
    out = tmp_path / "g.json"
    run(["export", *SEED, "--to", "json", "-o", str(out), "--min-weight", "2", "--from-year", "2018", "-q"])
    g = json.loads(out.read_text())["graph"]
    assert g["inputs"] == ["seeds/qin-huang-profile.txt"]
    assert g["options"]["min_weight"] == "2" and g["options"]["from_year"] == "2018"
    assert g["options"]["as_of"] == "2026-11-27"
    stats = json.loads(run(["stats", *SEED, "--min-weight", "2", "--from", "2018", "--format", "json"]).stdout)
    assert g["counts"] == {"nodes": stats["authors"], "edges": stats["edges"], "papers": stats["papers"]}
