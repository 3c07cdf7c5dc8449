"""coauthor's cluster path checked against coauthor itself, in one Spark local-mode session.

For the seed, the ACL Anthology sample and a DBLP BibTeX slice: `coauthor authorships` (the map
step), the Spark job (Distributed/spark/coauthor_spark.py), then
- the edge table equals `coauthor export --to csv`'s edges exactly (ids, weights, fractional weights
  bit for bit, years, paper counts);
- components are the same partition, numbered the same way;
- PageRank is within 1e-6 of `coauthor rank --by pagerank` for every node; degree and strength exact;
- coauthor reads the Spark output back (its own Parquet reader) and gets the same graph and values.
Also: a task failure injected on the first attempt is survived (spark.task.maxFailures = 2); a job
that fails before its commit leaves the previous output as it was and no half-written table;
parts from another version, with other columns, truncated or malformed are refused by name.

Needs COAUTHOR_BIN (the coauthor binary) and pyspark + Java (Tests/scripts/setup.sh installs them).
"""
import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "Distributed" / "spark"))
import coauthor_spark as cs  # noqa: E402

BIN = os.environ.get("COAUTHOR_BIN", str(ROOT / ".build" / "debug" / "coauthor"))

DATASETS = {
    "seed": ([str(ROOT / "seeds" / "qin-huang-profile.txt")], ["--as-of", "2026-11-27"]),
    "acl": ([str(DATA / "acl-anthology" / "xml-sample")], []),
    "dblp": ([str(DATA / "dblp" / "bib-sample")], []),
}


def coauthor(*args, check=True):
    r = subprocess.run([BIN, *args], capture_output=True, text=True)
    if check and r.returncode != 0:
        raise AssertionError("coauthor %s failed (%d): %s" % (" ".join(args), r.returncode, r.stderr))
    return r


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    s = (SparkSession.builder.master("local[2,2]")  # two threads; a task may fail once (maxFailures 2)
         .appName("coauthor-tests")
         .config("spark.driver.memory", "1g")
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.shuffle.partitions", "2")
         .config("spark.sql.adaptive.enabled", "false")
         .config("spark.driver.extraJavaOptions",
                 "-Dlog4j.configurationFile=file:%s" % (ROOT / "Distributed" / "spark" / "log4j2.properties"))
         .getOrCreate())
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("spark")


def job(spark, parts, out, *extra):
    return cs.run(spark, cs.parse_args([str(parts), str(out), "--partitions", "2", *extra]))


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def parquet(dir_):
    files = sorted(p for p in Path(dir_).glob("*.parquet"))
    return pa.concat_tables([pq.read_table(f) for f in files]).to_pylist()


def opt_int(s):
    return int(s) if s not in ("", None) else None


def edge_map(rows, a, b):
    out = {}
    for r in rows:
        key = tuple(sorted((r[a], r[b])))
        assert key not in out, "edge %s twice" % (key,)
        out[key] = (int(r["weight"]), float(r["fractional"]), opt_int(r["first_year"]), opt_int(r["last_year"]),
                    int(r["papers"]))
    return out


def partition(labels):
    groups = {}
    for node, c in labels.items():
        groups.setdefault(c, set()).add(node)
    return sorted(sorted(g) for g in groups.values())


@pytest.fixture(scope="module")
def runs(spark, work):
    """Each data set through the whole path once (the seed's run with an injected task failure)."""
    out = {}
    for name, (inputs, opts) in DATASETS.items():
        parts, result = work / (name + "-parts"), work / (name + "-out")
        coauthor("authorships", *inputs, *opts, "-q", "-o", str(parts))
        extra = ["--inject-failure"] if name == "seed" else []
        assert job(spark, parts, result, *extra) == 0
        ref = work / (name + "-csv")
        coauthor("export", *inputs, *opts, "-q", "--no-dedupe", "--to", "csv", "--communities", "components", "-o", str(ref))
        out[name] = (inputs, opts, parts, result, ref)
    return out


@pytest.mark.parametrize("name", list(DATASETS))
def test_edges_equal_coauthor_export(runs, name):
    inputs, opts, parts, result, ref = runs[name]
    spark_edges = edge_map(parquet(result / "edges"), "src", "dst")
    ref_edges = edge_map(read_csv(ref / "edges.csv"), "source", "target")
    assert len(spark_edges) == len(ref_edges) > 0
    assert spark_edges == ref_edges  # floats compared exactly: the same sums in the same order


@pytest.mark.parametrize("name", list(DATASETS))
def test_nodes_components_degree_strength_pagerank(runs, name):
    inputs, opts, parts, result, ref = runs[name]
    nodes = parquet(result / "nodes")
    ref_nodes = read_csv(ref / "nodes.csv")
    # Same nodes, in the same order (first appearance), same labels and paper counts.
    assert [n["id"] for n in nodes] == [r["id"] for r in ref_nodes]
    assert [n["label"] for n in nodes] == [r["label"] for r in ref_nodes]
    assert [n["papers"] for n in nodes] == [int(r["papers"]) for r in ref_nodes]
    # Components: the same partition as coauthor's; the job numbers them in order of their smallest
    # node (as coauthor's connectedComponents does).
    assert partition({n["id"]: n["component"] for n in nodes}) == partition({r["id"]: r["community"] for r in ref_nodes})
    smallest = {}
    for n in nodes:
        smallest.setdefault(n["component"], n["node"])
    assert sorted(smallest, key=smallest.get) == list(range(len(smallest)))
    # Degree and strength exactly, PageRank within 1e-6, against coauthor rank.
    pr = read_csv_text(coauthor("rank", *inputs, *opts, "-q", "--no-dedupe", "--by", "pagerank", "--top", "0",
                                "--format", "csv").stdout)
    st = read_csv_text(coauthor("rank", *inputs, *opts, "-q", "--no-dedupe", "--by", "strength", "--top", "0",
                                "--format", "csv").stdout)
    assert len(pr) == len(st) == len(nodes)
    degree = {r["key"]: int(r["degree"]) for r in pr}
    pagerank = {r["key"]: float(r["pagerank"]) for r in pr}
    strength = {r["key"]: float(r["strength"]) for r in st}
    worst = 0.0
    for n in nodes:
        assert n["degree"] == degree[n["id"]], n["id"]
        assert n["strength"] == strength[n["id"]], n["id"]
        worst = max(worst, abs(n["pagerank"] - pagerank[n["id"]]))
    assert worst <= 1e-6, worst
    # Label propagation: a community never spans two components.
    comp_of_label = {}
    for n in nodes:
        assert comp_of_label.setdefault(n["label_propagation"], n["component"]) == n["component"]


def read_csv_text(text):
    return list(csv.DictReader(text.splitlines()))


@pytest.mark.parametrize("name", list(DATASETS))
def test_coauthor_reads_spark_output_back(runs, work, name):
    inputs, opts, parts, result, ref = runs[name]
    back = work / (name + "-back")
    coauthor("export", str(result), "-q", "--to", "csv", "-o", str(back))
    assert edge_map(read_csv(back / "edges.csv"), "source", "target") == edge_map(read_csv(ref / "edges.csv"), "source", "target")
    assert [r["id"] for r in read_csv(back / "nodes.csv")] == [r["id"] for r in read_csv(ref / "nodes.csv")]
    # coauthor's own PageRank on the graph read back equals its PageRank on the records.
    mine = read_csv_text(coauthor("rank", str(result), "-q", "--by", "pagerank", "--top", "0", "--format", "csv").stdout)
    theirs = read_csv_text(coauthor("rank", *inputs, *opts, "-q", "--no-dedupe", "--by", "pagerank", "--top", "0",
                                    "--format", "csv").stdout)
    assert [(r["key"], r["pagerank"]) for r in mine] == [(r["key"], r["pagerank"]) for r in theirs]


def test_render_and_rank_top_on_spark_output(runs, work):
    result = runs["acl"][3]
    svg = work / "big.svg"
    coauthor("render", str(result), "-q", "--top", "200", "-o", str(svg))
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml") or "<svg" in svg.read_text(encoding="utf-8")[:500]
    top = read_csv_text(coauthor("rank", str(result), "-q", "--by", "pagerank", "--top", "100", "--format", "csv").stdout)
    assert len(top) == 100


def tiny_parts(work):
    """One part of two papers (quick to run: the atomicity checks need a job, not a big one)."""
    src = work / "tiny.jsonl"
    src.write_text('{"id":"a","year":2020,"authors":["Ann Lee","Bo Chen"]}\n{"id":"b","year":2021,"authors":["Bo Chen"]}\n',
                   encoding="utf-8")
    parts = work / "tiny-parts"
    coauthor("authorships", str(src), "-q", "-o", str(parts))
    return parts


def test_failed_job_leaves_previous_output(spark, runs, work):
    result = runs["seed"][3]
    parts = tiny_parts(work)
    before = {p.relative_to(result): p.read_bytes() for p in result.rglob("*") if p.is_file()}
    with pytest.raises(RuntimeError, match="injected failure before the output is moved"):
        job(spark, parts, result, "--fail-before-commit")
    after = {p.relative_to(result): p.read_bytes() for p in result.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in result.parent.iterdir() if p.name.startswith(result.name + ".tmp-")]
    # A job that never finished leaves nothing coauthor would read.
    fresh = work / "never-finished"
    with pytest.raises(RuntimeError):
        job(spark, parts, fresh, "--fail-before-commit")
    assert not (fresh / "_coauthor.json").exists()
    if fresh.exists():
        r = coauthor("rank", str(fresh), check=False)
        assert r.returncode in (64, 66)
    # Half a table (no manifest) is refused by coauthor too.
    half = work / "half"
    shutil.copytree(result / "nodes", half / "nodes")
    shutil.copytree(result / "edges", half / "edges")
    r = coauthor("rank", str(half), check=False)
    assert r.returncode == 66 and "_coauthor.json: missing" in r.stderr


def bad_part(work, name, edit):
    parts = work / ("bad-" + name)
    coauthor("authorships", *DATASETS["seed"][0], *DATASETS["seed"][1], "-q", "-o", str(parts))
    f = next(parts.glob("part-*.jsonl"))
    lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
    f.write_text("".join(edit(lines)), encoding="utf-8")
    return parts


def header_edit(**changes):
    def edit(lines):
        h = json.loads(lines[0])
        h.update(changes)
        return [json.dumps(h) + "\n"] + lines[1:]
    return edit


@pytest.mark.parametrize("name,edit,message", [
    ("version", header_edit(version=2), "authorship table version 2; this job reads version 1"),
    ("columns", header_edit(columns=["paper", "paper_id", "year", "position", "author_key", "name", "ids", "authors", "venue"]),
     "columns"),
    ("format", header_edit(format="something-else"), "format 'something-else'"),
    ("truncated", lambda lines: lines[:-3], "the header declares"),
    ("renamed-field", lambda lines: [lines[0]] + [l.replace('"author":', '"writer":') for l in lines[1:]], "schema mismatch"),
    ("malformed", lambda lines: lines[:-1] + [lines[-1][:20] + "\n"], "malformed line"),
    ("no-header", lambda lines: lines[1:], "no header line"),
])
def test_bad_parts_refused(spark, work, name, edit, message):
    parts = bad_part(work, name, edit)
    with pytest.raises(cs.BadInput, match=".*part-00000-qin-huang-profile.txt.jsonl.*") as e:
        job(spark, parts, work / ("bad-out-" + name))
    assert message in str(e.value)
    assert not (work / ("bad-out-" + name) / "_coauthor.json").exists()


def test_authorships_bytes_deterministic(work):
    a, b = work / "det-a", work / "det-b"
    for d in (a, b):
        coauthor("authorships", str(DATA / "acl-anthology" / "xml-sample"), "-q", "-o", str(d))
    files = sorted(p.name for p in a.iterdir())
    assert files == sorted(p.name for p in b.iterdir()) and len(files) == 4
    for f in files:
        assert (a / f).read_bytes() == (b / f).read_bytes()
