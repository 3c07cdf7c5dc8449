#!/usr/bin/env python3
"""Speed and peak memory of `coauthor stats` (release build) for each scholarly-source reader.

usage: python3 Benchmarks/readers.py [--scale F] [--bin PATH] [--keep] [--runs N]

For each reader it takes the largest sample there is (shared/data, or Examples/inputs for
OpenAlex, which has no real sample), makes a bigger input from it in a scratch folder under
/tmp (never in the repository), runs `coauthor stats FILE --format json -q` on it and reports
records/s (the `papers` it counted over the wall time), MB/s and the peak resident memory of
the child (wait4's ru_maxrss). The whole run is one `stats` per reader per run; with --runs N the
best time of N is kept. `stats` also builds the graph and its structure figures: the inputs are
made of copies of the same authors, so those stay small and reading dominates.

How the inputs are made (--scale multiplies the copies):
  openalex   Examples/inputs/openalex-*.json(l) works, as JSON Lines, 12,000 works (ids made unique)
  s2         semanticscholar/Paper.json with its 1,000 citing papers repeated 12 times (unique paperIds)
  csl-json   dblp/csl-yaml/*.yaml items as a CSL-JSON array, 3 copies (33,756 items)
  csl-yaml   the five dblp/csl-yaml files as one references list, 3 copies (33,756 items)
  ris        the seven ris-wos/*.ris files' records, 40,000 records
  wos        ris-wos/example_wos.ris (2 records) repeated to 10,000 records
  medline    ris-wos/example_pubmed_medline.txt (10 records) repeated to 10,000 records
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")
sys.path.insert(0, os.path.join(ROOT, "Tests", "oracle"))
import scholarly_formats  # noqa: E402  (its CSL-YAML reader turns the YAML items into JSON)


def read(path):
    with open(path, encoding="utf-8-sig") as f:
        return f.read()


def make_openalex(out, scale):
    works = []
    for name in ("openalex-work.json", "openalex-page.json", "openalex-works.jsonl"):
        text = read(os.path.join(ROOT, "Examples", "inputs", name))
        if name.endswith(".jsonl"):
            works += [json.loads(l) for l in text.splitlines() if l.strip()]
        else:
            doc = json.loads(text)
            works += doc["results"] if "results" in doc else [doc]
    n = int(12000 * scale)
    with open(out, "w") as f:
        for i in range(n):
            w = dict(works[i % len(works)])
            w["id"] = "https://openalex.org/W9%08d" % i
            f.write(json.dumps(w, ensure_ascii=False) + "\n")
    return n


def make_s2(out, scale):
    doc = json.loads(read(os.path.join(DATA, "semanticscholar", "Paper.json")))
    base = doc["citations"]
    copies = max(1, int(12 * scale))
    cites = []
    for c in range(copies):
        for p in base:
            q = dict(p)
            q["paperId"] = "%s%04d" % (p["paperId"], c)
            cites.append(q)
    doc["citations"] = cites
    with open(out, "w") as f:
        json.dump(doc, f, ensure_ascii=False)
    return None


def csl_items():
    items = []
    for sub in ("conf/acl", "conf/sigmod", "conf/wsdm", "journals/jmlr", "books/mit"):
        y = scholarly_formats.MiniYAML(read(os.path.join(DATA, "dblp", "csl-yaml", sub + ".yaml")))
        ind, _ = y.peek()
        items += y.mapping(ind, None)["references"]
    return items


def make_csl_json(out, scale):
    items = csl_items()
    copies = max(1, int(3 * scale))
    allitems = []
    for c in range(copies):
        for it in items:
            j = dict(it)
            j["id"] = "%s/%d" % (it.get("id"), c)
            allitems.append(j)
    with open(out, "w") as f:
        json.dump(allitems, f, ensure_ascii=False, indent=1)
    return None


def make_csl_yaml(out, scale):
    bodies = []
    for sub in ("conf/acl", "conf/sigmod", "conf/wsdm", "journals/jmlr", "books/mit"):
        text = read(os.path.join(DATA, "dblp", "csl-yaml", sub + ".yaml"))
        body = text.split("references:\n", 1)[1]
        body = re.sub(r"^\.\.\.\s*$", "", body, flags=re.M)
        bodies.append(body.rstrip("\n") + "\n")
    copies = max(1, int(3 * scale))
    with open(out, "w") as f:
        f.write("---\nreferences:\n")
        for c in range(copies):
            for b in bodies:
                f.write(re.sub(r"^- id: (.*)$", lambda m: "- id: %s/%d" % (m.group(1), c), b, flags=re.M))
        f.write("...\n")
    return None


def make_ris(out, scale):
    records = []
    for name in sorted(os.listdir(os.path.join(DATA, "ris-wos"))):
        if name.endswith(".ris") and name != "example_wos.ris":
            text = read(os.path.join(DATA, "ris-wos", name))
            records += re.findall(r"^TY  - .*?^ER  -[^\n]*\n?", text, flags=re.M | re.S)
    n = int(40000 * scale)
    with open(out, "w") as f:
        for i in range(n):
            f.write(records[i % len(records)].rstrip("\n") + "\n\n")
    return n


def repeat_file(src, out, count, head=None, tail=None):
    text = read(src)
    if head:
        text = text.split(head, 1)[1]
    if tail:
        text = text.rsplit(tail, 1)[0]
    with open(out, "w") as f:
        f.write("FN Clarivate Analytics Web of Science\nVR 1.0\n" if head else "")
        for _ in range(count):
            f.write(text.rstrip("\n") + "\n\n")
        f.write("EF\n" if head else "")


def make_wos(out, scale):
    repeat_file(os.path.join(DATA, "ris-wos", "example_wos.ris"), out, max(1, int(5000 * scale)),
                head="VR 1.0\n", tail="\nEF")
    return None


def make_medline(out, scale):
    repeat_file(os.path.join(DATA, "ris-wos", "example_pubmed_medline.txt"), out, max(1, int(1000 * scale)))
    return None


FORMATS = [("openalex", "works.jsonl", make_openalex), ("s2", "paper.json", make_s2),
           ("csl-json", "items.json", make_csl_json), ("csl-yaml", "refs.yaml", make_csl_yaml),
           ("ris", "refs.ris", make_ris), ("wos", "savedrecs.ris", make_wos), ("medline", "pubmed.nbib", make_medline)]


def run(binary, path, fmt):
    start = time.perf_counter()
    proc = subprocess.Popen([binary, "stats", path, "--format", "json", "-q", "--input-format", fmt],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{fmt}: coauthor stats exited {proc.returncode}: {err.decode()[-2000:]}")
    return wall, usage.ru_maxrss * 1024, json.loads(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--bin", default=None, help="coauthor binary (default: build and use .build/release/coauthor)")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    ap.add_argument("--only", default=None, help="comma-separated formats")
    args = ap.parse_args()
    binary = args.bin
    if binary is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "coauthor"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        binary = os.path.join(ROOT, ".build", "release", "coauthor")
    scratch = tempfile.mkdtemp(prefix="coauthor-readers-bench-", dir="/tmp")
    only = set(args.only.split(",")) if args.only else None
    rows = []
    try:
        for fmt, name, make in FORMATS:
            if only and fmt not in only:
                continue
            path = os.path.join(scratch, name)
            make(path, args.scale)
            size = os.path.getsize(path)
            best = None
            for _ in range(args.runs):
                wall, rss, j = run(binary, path, fmt)
                if best is None or wall < best[0]:
                    best = (wall, rss, j)
            wall, rss, j = best
            records = j["papers"] + j["skipped_records"]
            rows.append((fmt, name, size, records, j["authors"], wall, rss))
            print(f"{fmt:9} {size / 1e6:8.1f} MB {records:9,d} records {records / wall:12,.0f} records/s "
                  f"{size / 1e6 / wall:7.1f} MB/s  peak {rss / 2**20:7.1f} MiB  ({wall:.2f} s)", flush=True)
    finally:
        if args.keep:
            print("inputs kept in", scratch)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps([{"format": f, "input": n, "bytes": s, "records": r, "authors": a, "seconds": round(w, 3),
                       "records_per_second": round(r / w), "peak_rss_bytes": m} for f, n, s, r, a, w, m in rows]))


if __name__ == "__main__":
    main()
