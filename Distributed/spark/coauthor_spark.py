#!/usr/bin/env python3
"""The reduce of coauthor's cluster path: authorship parts in, coauthorship graph and metrics out.

    spark-submit Distributed/spark/coauthor_spark.py PARTS OUT [--max-authors 100] [--tol 1e-6]

PARTS is a directory (or several) of parts written by `coauthor authorships` (JSON Lines, a header
line then one row per author mention; see Sources/CoauthorExport/AuthorshipTable.swift). OUT
receives, atomically:

    OUT/nodes/      Parquet: node, id, label, ids, papers, first_year, last_year, degree, strength,
                    strength_fractional, component, pagerank, label_propagation
    OUT/edges/      Parquet: src, dst, weight, fractional, first_year, last_year, papers
    OUT/_coauthor.json   the manifest coauthor checks before reading (written last)

Everything follows coauthor's definitions (docs/identity.md, docs/metrics.md, docs/distributed.md):
a paper's authors are its distinct identity keys; a paper with more than --max-authors of them adds
no pair (it still counts as a paper of each author); weight = joint papers, fractional = sum of
1/(n-1) over the joint papers in paper order (the same floating-point sum as coauthor's); PageRank
is networkx's (weighted, alpha 0.85, dangling mass spread uniformly, x0 = 1/n, stop when
sum |x - x_prev| < n * tol, tol 1e-10 by default: within 1e-8 of coauthor's 1e-12 result). Spark DataFrames do every step: GraphX's Python-reachable surface has
no weighted PageRank (its PageRank is unweighted and treats dangling nodes differently), and
GraphFrames' jar cannot be had offline.

Parquet is written uncompressed, PLAIN-encoded (no dictionary), data page v1, flat columns: the
subset coauthor's own Parquet reader decodes (Sources/CoauthorDistributed).
"""
import argparse
import json
import os
import sys
import time
import uuid

FORMAT = "coauthor-authorships"
VERSION = 1
COLUMNS = ["paper", "paper_id", "year", "position", "author", "name", "ids", "authors", "venue"]
OUTPUT_FORMAT = "coauthor-spark-graph"
OUTPUT_VERSION = 1


class BadInput(Exception):
    """A part that is not what this job reads (printed as `PART: what is wrong`, exit 65)."""


def log(msg):
    print("coauthor-spark: " + msg, file=sys.stderr, flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="coauthor_spark.py",
        description="Build coauthor's coauthorship graph and metrics from authorship parts on Spark.",
        epilog="Example: spark-submit --master local[2] Distributed/spark/coauthor_spark.py parts/ spark-out/")
    p.add_argument("parts", nargs="+", help="directories (or files) of parts from 'coauthor authorships'")
    p.add_argument("out", help="output directory (nodes/, edges/, _coauthor.json); replaced atomically")
    p.add_argument("--max-authors", type=int, default=100,
                   help="a paper with more distinct authors adds no ties (0 = no limit; coauthor's default 100)")
    p.add_argument("--alpha", type=float, default=0.85, help="PageRank damping factor")
    p.add_argument("--tol", type=float, default=1e-10,
                   help="PageRank stops when sum |x - x_prev| < n * tol (networkx's rule; networkx's default "
                        "1e-6 leaves errors of a few 1e-6, coauthor's 1e-12 costs more iterations)")
    p.add_argument("--max-iter", type=int, default=1000, help="PageRank iterations at most (then: error)")
    p.add_argument("--lpa-iterations", type=int, default=5,
                   help="rounds of synchronous label propagation")
    p.add_argument("--partitions", type=int, default=0,
                   help="shuffle partitions (0: Spark's spark.sql.shuffle.partitions)")
    p.add_argument("--inject-failure", action="store_true",
                   help="testing: the first attempt of one task fails (survived when spark.task.maxFailures > 1)")
    p.add_argument("--fail-before-commit", action="store_true",
                   help="testing: fail after the tables are written, before they are moved into place")
    a = p.parse_args(argv)
    if a.max_authors < 0:
        p.error("--max-authors must be 0 (no limit) or more")
    if not (0 <= a.alpha <= 1):
        p.error("--alpha must lie in [0, 1]")
    if a.tol <= 0:
        p.error("--tol must be positive")
    return a


def read_parts(spark, paths):
    """The mention rows of every part, checked: one header per part, its format, version and
    columns as expected, as many rows as it declares, no malformed line, no missing value."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    schema = T.StructType([
        T.StructField("paper", T.LongType()),
        T.StructField("paper_id", T.StringType()),
        T.StructField("year", T.IntegerType()),
        T.StructField("position", T.IntegerType()),
        T.StructField("author", T.StringType()),
        T.StructField("name", T.StringType()),
        T.StructField("ids", T.ArrayType(T.StringType())),
        T.StructField("authors", T.IntegerType()),
        T.StructField("venue", T.StringType()),
        # header fields
        T.StructField("format", T.StringType()),
        T.StructField("version", T.LongType()),
        T.StructField("coauthor", T.StringType()),
        T.StructField("source", T.StringType()),
        T.StructField("rows", T.LongType()),
        T.StructField("columns", T.ArrayType(T.StringType())),
        T.StructField("_corrupt", T.StringType()),
    ])
    raw = (spark.read.schema(schema)
           .option("mode", "PERMISSIVE")
           .option("columnNameOfCorruptRecord", "_corrupt")
           .option("recursiveFileLookup", "true")
           .option("pathGlobFilter", "part-*.jsonl*")
           .json(paths)
           .withColumn("file", F.input_file_name()))
    raw = raw.persist()
    headers = raw.where(F.col("format").isNotNull() | F.col("version").isNotNull() | F.col("columns").isNotNull()) \
        .select("file", "format", "version", "coauthor", "source", "rows", "columns").collect()
    rows = raw.where(F.col("format").isNull() & F.col("version").isNull() & F.col("columns").isNull())
    checks = rows.groupBy("file").agg(
        F.count(F.lit(1)).alias("n"),
        F.sum(F.col("_corrupt").isNotNull().cast("long")).alias("corrupt"),
        F.sum((F.col("paper").isNull() | F.col("position").isNull() | F.col("author").isNull()
               | F.col("name").isNull() | F.col("authors").isNull() | F.col("ids").isNull())
              .cast("long")).alias("missing"),
    ).collect()
    if not headers and not checks:
        raise BadInput("%s: no parts (part-*.jsonl from 'coauthor authorships') found" % ", ".join(paths))
    by_file = {}
    for h in headers:
        if h.file in by_file:
            raise BadInput("%s: more than one header line" % h.file)
        by_file[h.file] = h
    for h in headers:
        if h.format != FORMAT:
            raise BadInput("%s: format '%s', expected '%s'" % (h.file, h.format, FORMAT))
        if h.version != VERSION:
            raise BadInput("%s: written by coauthor %s as authorship table version %s; this job reads version %d "
                           "(rerun 'coauthor authorships' with the matching coauthor)" % (h.file, h.coauthor, h.version, VERSION))
        if list(h.columns or []) != COLUMNS:
            raise BadInput("%s: columns %s, expected %s" % (h.file, list(h.columns or []), COLUMNS))
    counted = {c.file: c for c in checks}
    for f, c in counted.items():
        if f not in by_file:
            raise BadInput("%s: no header line (not a part written by 'coauthor authorships')" % f)
        if c.corrupt:
            raise BadInput("%s: %d malformed line(s)" % (f, c.corrupt))
        if c.missing:
            raise BadInput("%s: %d row(s) without paper, position, author, name, ids or authors (schema mismatch)"
                           % (f, c.missing))
    for f, h in by_file.items():
        n = counted[f].n if f in counted else 0
        if n != h.rows:
            raise BadInput("%s: %d rows, the header declares %d (a truncated or edited part)" % (f, n, h.rows))
    # Parts in name order: the order of papers for sums in paper order.
    order = {f: i for i, f in enumerate(sorted(by_file))}
    order_df = spark.createDataFrame([(f, i) for f, i in order.items()], "file string, part long")
    mentions = rows.join(F.broadcast(order_df), "file") \
        .select((F.col("part") * F.lit(1 << 32) + F.col("paper")).alias("pid"), "paper_id", "year",
                "position", "author", "name", "ids")
    return raw, mentions, sorted(by_file), sum(h.rows for h in headers)


def inject_failure(df):
    """Testing: the first attempt of partition 0's task raises (Spark retries it)."""
    from pyspark import TaskContext

    def fail_once(it):
        ctx = TaskContext.get()
        if ctx is not None and ctx.partitionId() == 0 and ctx.attemptNumber() == 0:
            raise RuntimeError("coauthor-spark: injected task failure (first attempt)")
        return it
    return df.rdd.mapPartitions(fail_once).toDF(df.schema)


def build(spark, a, mentions):
    from pyspark.sql import functions as F
    from pyspark.sql import Window

    # A paper's authors are its distinct keys (one person listed twice counts once).
    pa = mentions.select("pid", "author", "year").distinct()
    if a.inject_failure:
        pa = inject_failure(pa)
    n_of = pa.groupBy("pid").agg(F.count(F.lit(1)).alias("n"))
    pa = pa.join(n_of, "pid").persist()

    # Nodes: every key with a paper; display name = most mentions, then longest, then smallest in
    # code-point order (Spark compares strings as UTF-8 bytes, which is code-point order).
    spell = mentions.groupBy("author", "name").agg(F.count(F.lit(1)).alias("c"))
    w = Window.partitionBy("author").orderBy(F.col("c").desc(), F.length("name").desc(), F.col("name").asc())
    label = spell.withColumn("r", F.row_number().over(w)).where("r = 1").select(F.col("author").alias("id"), F.col("name").alias("label"))
    ids = mentions.select("author", F.explode("ids").alias("i")).distinct().groupBy("author") \
        .agg(F.array_join(F.array_sort(F.collect_list("i")), "; ").alias("ids")).withColumnRenamed("author", "id")
    first = mentions.groupBy("author").agg(F.min(F.struct("pid", "position")).alias("f"))
    wn = Window.orderBy(F.col("f.pid"), F.col("f.position"))
    order = first.select(F.col("author").alias("id"), (F.row_number().over(wn) - 1).cast("int").alias("node"))
    node_papers = pa.groupBy("author").agg(
        F.count(F.lit(1)).cast("int").alias("papers"),
        F.min("year").alias("first_year"), F.max("year").alias("last_year")).withColumnRenamed("author", "id")
    nodes = order.join(label, "id").join(node_papers, "id").join(ids, "id", "left").persist()
    n = nodes.count()

    # Pairs of papers within the cap, then edges (src = the node met first, as coauthor orders them).
    capped = pa.where(F.col("n") >= 2)
    if a.max_authors > 0:
        capped = capped.where(F.col("n") <= a.max_authors)
    capped = capped.join(order.withColumnRenamed("id", "author"), "author")
    x = capped.select("pid", "year", "n", F.col("author").alias("a1"), F.col("node").alias("n1"))
    y = capped.select("pid", F.col("author").alias("a2"), F.col("node").alias("n2"))
    pairs = x.join(y, "pid").where(F.col("n1") < F.col("n2"))
    edges = pairs.groupBy("n1", "n2", "a1", "a2").agg(
        F.count(F.lit(1)).cast("int").alias("weight"),
        # coauthor's sum: 1/(n-1) added in paper order, starting from 0.
        F.expr("aggregate(array_sort(collect_list(struct(pid, n))), 0D, (acc, p) -> acc + 1D / (p.n - 1))").alias("fractional"),
        F.min("year").alias("first_year"), F.max("year").alias("last_year"),
    ).select(F.col("n1").alias("src_node"), F.col("n2").alias("dst_node"), F.col("a1").alias("src"), F.col("a2").alias("dst"),
             "weight", "fractional", "first_year", "last_year", F.col("weight").alias("papers")).persist()
    m = edges.count()
    return nodes, n, edges, m


def both_ways(edges):
    """Each undirected edge as two directed rows u → v with weight w and fractional weight f."""
    from pyspark.sql import functions as F
    cols = [F.col("weight").cast("double").alias("w"), F.col("fractional").alias("f")]
    return edges.select(F.col("src_node").alias("u"), F.col("dst_node").alias("v"), *cols) \
        .unionByName(edges.select(F.col("dst_node").alias("u"), F.col("src_node").alias("v"), *cols))


def degree_strength(nodes, edges):
    """Degree (distinct coauthors), strength (joint papers) and fractional strength per node."""
    from pyspark.sql import functions as F
    agg = both_ways(edges).groupBy("u").agg(F.count(F.lit(1)).cast("int").alias("degree"), F.sum("w").alias("strength"),
                                            F.sum("f").alias("strength_fractional")).withColumnRenamed("u", "node")
    return nodes.join(agg, "node", "left").fillna({"degree": 0, "strength": 0.0, "strength_fractional": 0.0})


def components(spark, nodes, edges):
    """Connected components: min-label propagation with shortcutting (each round a node takes the
    smallest label among itself and its neighbours, then the label of its label), until no label
    changes; a component's label is its smallest node index, numbered as coauthor numbers them
    (in order of each component's smallest node)."""
    from pyspark.sql import functions as F
    from pyspark.sql import Window
    adj = both_ways(edges).select("u", "v").persist()
    lab = nodes.select(F.col("node").alias("u"), F.col("node").alias("l")).localCheckpoint()
    rounds = 0
    while True:
        rounds += 1
        nb = adj.join(lab.withColumnRenamed("u", "v").withColumnRenamed("l", "lv"), "v").groupBy("u").agg(F.min("lv").alias("m"))
        step = lab.join(nb, "u", "left").select("u", F.least("l", F.coalesce("m", "l")).alias("l"))
        hop = step.join(step.select(F.col("u").alias("l"), F.col("l").alias("ll")), "l").select("u", F.least("l", "ll").alias("l"))
        new = hop.localCheckpoint()
        changed = new.join(lab.withColumnRenamed("l", "old"), "u").where(F.col("l") != F.col("old")).count()
        lab = new
        if changed == 0:
            break
    roots = lab.select("l").distinct()
    numbered = roots.select("l", (F.row_number().over(Window.orderBy("l")) - 1).cast("int").alias("component"))
    adj.unpersist()
    return lab.join(numbered, "l").select(F.col("u").alias("node"), "component"), rounds


def pagerank(spark, nodes, edges, n, a):
    """networkx's weighted PageRank (see the module doc), iteration by iteration, stopping at the
    first iteration whose change sum |x - x_prev| is below n * tol, as networkx and coauthor stop.
    Each iteration is one job (the pull along the edges, checkpointed) and one small aggregate (the
    change and the next dangling mass)."""
    from pyspark.sql import functions as F
    e = both_ways(edges)
    strength = e.groupBy("u").agg(F.sum("w").alias("s"))
    out = e.join(strength, "u").select("u", "v", (F.col("w") / F.col("s")).alias("p")).persist()
    x = nodes.select(F.col("node").alias("u")).join(strength, "u", "left") \
        .select("u", F.lit(1.0 / n).alias("x"), F.col("s").isNull().alias("dangling")).localCheckpoint()
    dangling_mass = x.where("dangling").agg(F.sum("x")).first()[0] or 0.0
    for it in range(1, a.max_iter + 1):
        spread = dangling_mass / n
        pulled = out.join(x.select("u", "x"), "u").groupBy("v").agg(F.sum(F.col("x") * F.col("p")).alias("t"))
        nxt = x.join(pulled.withColumnRenamed("v", "u"), "u", "left").select(
            "u", "dangling", F.col("x").alias("old"),
            (F.lit(a.alpha) * (F.coalesce("t", F.lit(0.0)) + F.lit(spread)) + F.lit((1 - a.alpha) / n)).alias("x")).localCheckpoint()
        r = nxt.agg(F.sum(F.abs(F.col("x") - F.col("old"))).alias("diff"),
                    F.sum(F.when(F.col("dangling"), F.col("x")).otherwise(F.lit(0.0))).alias("d")).first()
        x = nxt.select("u", "x", "dangling")
        dangling_mass = r.d or 0.0
        if r.diff < n * a.tol:
            out.unpersist()
            return x.select(F.col("u").alias("node"), F.col("x").alias("pagerank")), it
    raise RuntimeError("PageRank did not converge in %d iterations" % a.max_iter)


def label_propagation(spark, nodes, edges, rounds):
    """Synchronous weighted label propagation (Raghavan et al. 2007, the synchronous form GraphX's
    and GraphFrames' LabelPropagation run): every node starts with its own index; each round every
    node takes the label of largest total edge weight among its neighbours (ties: the smallest
    label); isolated nodes keep theirs. A fixed number of rounds (it may oscillate otherwise)."""
    from pyspark.sql import functions as F
    from pyspark.sql import Window
    e = both_ways(edges).persist()
    lab = nodes.select(F.col("node").alias("u"), F.col("node").alias("l")).localCheckpoint()
    for _ in range(rounds):
        score = e.join(lab.withColumnRenamed("u", "v").withColumnRenamed("l", "lv"), "v").groupBy("u", "lv").agg(F.sum("w").alias("s"))
        w = Window.partitionBy("u").orderBy(F.col("s").desc(), F.col("lv").asc())
        best = score.withColumn("r", F.row_number().over(w)).where("r = 1").select("u", F.col("lv").alias("b"))
        lab = lab.join(best, "u", "left").select("u", F.coalesce("b", "l").alias("l")).localCheckpoint()
    e.unpersist()
    return lab.select(F.col("u").alias("node"), F.col("l").cast("int").alias("label_propagation"))


def hadoop_fs(spark, path):
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    return p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), jvm.org.apache.hadoop.fs.Path


def session(master=None, app="coauthor"):
    from pyspark.sql import SparkSession
    b = SparkSession.builder.appName(app)
    if master:
        b = b.master(master)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def main(argv):
    a = parse_args(argv)
    spark = session()
    try:
        return run(spark, a)
    except BadInput as e:
        print(str(e), file=sys.stderr)
        return 65
    finally:
        spark.stop()


def run(spark, a):
    """The whole job on a running session (the tests reuse one session for several runs)."""
    from pyspark.sql import functions as F
    t0 = time.time()
    if a.partitions > 0:
        spark.conf.set("spark.sql.shuffle.partitions", str(a.partitions))
    spark.conf.set("spark.sql.parquet.compression.codec", "uncompressed")
    try:
        return build_and_write(spark, a, t0)
    finally:
        spark.catalog.clearCache()


def build_and_write(spark, a, t0):
    from pyspark.sql import functions as F
    raw, mentions, parts, rows = read_parts(spark, a.parts)
    log("read %d part(s), %d mentions (%.1f s)" % (len(parts), rows, time.time() - t0))
    nodes, n, edges, m = build(spark, a, mentions)
    log("%d nodes, %d edges (%.1f s)" % (n, m, time.time() - t0))
    nodes = degree_strength(nodes, edges)
    comp, cc_rounds = components(spark, nodes, edges)
    log("components in %d rounds (%.1f s)" % (cc_rounds, time.time() - t0))
    pr, iterations = pagerank(spark, nodes, edges, n, a)
    log("PageRank in %d iterations (%.1f s)" % (iterations, time.time() - t0))
    lpa = label_propagation(spark, nodes, edges, a.lpa_iterations)
    table = nodes.join(comp, "node").join(pr, "node").join(lpa, "node").select(
        F.col("node").cast("int").alias("node"), "id", "label", "ids", "papers", "first_year", "last_year", "degree",
        "strength", "strength_fractional", "component", "pagerank", "label_propagation").orderBy("node")
    edge_table = edges.orderBy("src_node", "dst_node").select("src", "dst", "weight", "fractional", "first_year",
                                                               "last_year", "papers")

    # Atomic output: both tables go to a staging directory beside OUT; only when both are complete
    # are they moved into place and the manifest written (coauthor reads nothing without it).
    fs, Path = hadoop_fs(spark, a.out)
    out = Path(a.out)
    stage = Path(a.out.rstrip("/") + ".tmp-" + uuid.uuid4().hex[:12])
    try:
        writer_opts = {"parquet.enable.dictionary": "false", "compression": "uncompressed"}
        table.coalesce(1).write.options(**writer_opts).parquet(stage.toString() + "/nodes")
        edge_table.coalesce(1).write.options(**writer_opts).parquet(stage.toString() + "/edges")
        if a.fail_before_commit:
            raise RuntimeError("coauthor-spark: injected failure before the output is moved into place")
        manifest = {"format": OUTPUT_FORMAT, "version": OUTPUT_VERSION, "max_authors": a.max_authors,
                    "alpha": a.alpha, "tol": a.tol, "pagerank_iterations": iterations,
                    "lpa_rounds": a.lpa_iterations, "nodes": n, "edges": m, "mentions": rows, "parts": len(parts)}
        # Replace: the old manifest first (an interrupted swap leaves no manifest, so nothing is read).
        fs.mkdirs(out)
        fs.delete(Path(out, "_coauthor.json"), False)
        for t in ("nodes", "edges"):
            fs.delete(Path(out, t), True)
            if not fs.rename(Path(stage, t), Path(out, t)):
                raise RuntimeError("cannot move %s into %s" % (t, a.out))
        tmp = Path(out, "._coauthor.json.tmp")
        s = fs.create(tmp, True)
        s.write(bytearray((json.dumps(manifest, sort_keys=True) + "\n").encode()))
        s.close()
        if not fs.rename(tmp, Path(out, "_coauthor.json")):
            raise RuntimeError("cannot write the manifest in %s" % a.out)
    finally:
        fs.delete(stage, True)
    log("wrote %s: %d nodes, %d edges (%.1f s)" % (a.out, n, m, time.time() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
