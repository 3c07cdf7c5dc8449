#!/usr/bin/env python3
"""Compressed and streamed input, side by side in one run (a benchmark, not a test).

Each row runs one command in a child process and reports its wall time and peak resident memory
(the child's ru_maxrss from wait4); rows that belong together run one after the other, in the same
run, so that the machine's load is the same for both. Run it through Benchmarks/inputs.sh.

Cases (choose with --cases):
  dblp      all DBLP 2016 records (../shared/data/dblp/dblp-2016-authors.jsonl.xz unpacked into the
            scratch folder) as plain .jsonl and as .jsonl.gz (gzip -6): rank --by pagerank (parse,
            build, PageRank). With --before BINARY, the plain file read by that binary too.
  bib       the BibTeX slice (dblp-2016-50-venues-bib.tar.xz unpacked): stats, with --before too.
  bibone    the same 50 files joined into one 59 MB .bib (read in pieces since BibTeX streams):
            stats after and --before, their JSON outputs compared byte for byte (cmp).
  pubmed    a PubMed baseline-size file: 30,000 articles made from the real sample
            (pubmed21n1298-first300.xml, PMIDs and DOIs renumbered), as .xml.gz: stats, with --before too
            (JSON outputs compared).
  pubdir    a baseline-like folder of 8 PubMed .xml.gz files (3,000 articles each): stats with
            --threads 1 and --threads 2 (files read ahead and parsed on the second core).
  synth     a synthetic dblp-like XML of --synth-gb GB uncompressed (Benchmarks/synth_dblp_xml.py,
            from the DBLP 2016 records) as .xml.gz, the same records as JSON Lines, and Python's
            xml.etree.iterparse + gzip counting the same coauthor pairs. Deleted afterwards.
  all       dblp, bib, bibone, pubmed, pubdir, synth: every target of issue 17 in one run.

Every run writes its lines (with the load averages at the start, between cases and at the end)
to Benchmarks/results/results-inputs-DATE.txt (or --output) and the figures to the .json beside it.
"""
import argparse
import datetime
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")


class Tee:
    """Standard output also written to the results file."""
    def __init__(self, path):
        self.file = open(path, "w")
        self.out = sys.stdout

    def write(self, text):
        self.out.write(text)
        self.file.write(text)

    def flush(self):
        self.out.flush()
        self.file.flush()


LAST = {}


def run(label, cmd, stdout=subprocess.DEVNULL, shell=False):
    """Runs cmd; returns (wall seconds, peak RSS in MiB, stdout text or None); prints CPU seconds
    too, and keeps them in LAST["cpu"]."""
    t = time.perf_counter()
    out = subprocess.PIPE if stdout is None else stdout
    p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, shell=shell)
    text = p.stdout.read() if out == subprocess.PIPE else None
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    dt = time.perf_counter() - t
    rss = usage.ru_maxrss / 1024
    cpu = usage.ru_utime + usage.ru_stime
    if p.returncode != 0:
        sys.exit(f"{label}: exit {p.returncode}: {err.decode(errors='replace')[-2000:]}")
    # CPU seconds (user + system, all threads) beside the wall time: on a machine shared with other
    # jobs the wall time grows with their load, the CPU time much less.
    print(f"{label:60s} {dt:8.2f} s wall {cpu:8.2f} s cpu {rss:9.0f} MiB  (load {load_average():.1f})", flush=True)
    LAST["cpu"] = cpu
    return dt, rss, (text.decode() if text is not None else None)


def sh(cmd):
    subprocess.run(cmd, shell=True, check=True)


def load_average():
    return os.getloadavg()[0]


def dblp_source(args):
    """All DBLP 2016 records as JSON Lines (or, with --dblp-lines N, the first N: for trying the script)."""
    src = os.path.join(args.scratch, "dblp-2016.jsonl")
    if not os.path.exists(src):
        sh(f"xz -dc '{SHARED}/dblp/dblp-2016-authors.jsonl.xz' > '{src}'")
    if args.dblp_lines:
        head = os.path.join(args.scratch, f"dblp-2016-first{args.dblp_lines}.jsonl")
        if not os.path.exists(head):
            sh(f"head -n {args.dblp_lines} '{src}' > '{head}'")
        return head
    return src


def dblp(args, coauthor, results):
    src = dblp_source(args)
    gz = src + ".gz"
    if not os.path.exists(gz):
        sh(f"gzip -6 -n -c '{src}' > '{gz}'")
    rows = {}
    for rep in range(args.repeat):
        for label, binary, path in [("plain", coauthor, src), ("gzip", coauthor, gz)] + \
                ([("plain, before", args.before, src)] if args.before else []):
            dt, rss, _ = run(f"dblp 2016 rank pagerank ({label}) #{rep + 1}",
                             [binary, "rank", path, "--by", "pagerank", "--top", "10", "-q"])
            rows.setdefault(label, []).append((dt, rss, LAST["cpu"]))
    best = {k: (min(t for t, _, _ in v), max(r for _, r, _ in v), min(c for _, _, c in v)) for k, v in rows.items()}
    results["dblp"] = {k: {"wall_s": v[0], "peak_mib": v[1], "cpu_s": v[2]} for k, v in best.items()}
    p, g = best["plain"], best["gzip"]
    print(f"  gzip / plain: time {g[0] / p[0]:.2f}x wall, {g[2] / p[2]:.2f}x cpu (target <= 1.25), "
          f"peak memory {g[1] / p[1]:.2f}x (target within 10 %)")
    if "plain, before" in best:
        b = best["plain, before"]
        print(f"  plain after / before: time {p[0] / b[0]:.2f}x wall, {p[2] / b[2]:.2f}x cpu, peak memory {p[1] / b[1]:.2f}x")


def bib_slice(args):
    d = os.path.join(args.scratch, "bib50")
    if not os.path.isdir(d):
        os.makedirs(d)
        sh(f"tar -xJf '{SHARED}/dblp/dblp-2016-50-venues-bib.tar.xz' -C '{d}'")
    return d


def bibone(args, coauthor, results):
    """The BibTeX slice as one file: read in pieces (BibTeX streams), against --before."""
    d = bib_slice(args)
    one = os.path.join(args.scratch, "bib50-one.bib")
    if not os.path.exists(one):
        files = sorted(os.path.join(r, f) for r, _, fs in os.walk(d) for f in fs if f.endswith(".bib"))
        with open(one, "wb") as out:
            for f in files:
                out.write(open(f, "rb").read())
    results["bibone"], _ = stats_before_after(args, coauthor, one, f"BibTeX slice as one {os.path.getsize(one) / 1e6:.0f} MB file, stats")


def stats_before_after(args, coauthor, path, title):
    """`stats --format json` of path by coauthor and (with --before) the before binary, interleaved,
    --repeat times: the best wall and CPU and the highest peak of each, their ratio, and whether the
    JSON outputs are identical. Returns (figures, the after binary's JSON output)."""
    rows, outputs = {}, {}
    for rep in range(args.repeat):
        for label, binary in [("after", coauthor)] + ([("before", args.before)] if args.before else []):
            dt, rss, out = run(f"{title} ({label}) #{rep + 1}", [binary, "stats", path, "-q", "--format", "json"], stdout=None)
            rows.setdefault(label, []).append((dt, LAST["cpu"], rss))
            outputs[label] = out
    best = {k: {"wall_s": min(r[0] for r in v), "cpu_s": min(r[1] for r in v), "peak_mib": max(r[2] for r in v)} for k, v in rows.items()}
    if "before" in best:
        a, b = best["after"], best["before"]
        same = outputs["after"] == outputs["before"]
        print(f"  after / before: time {a['wall_s'] / b['wall_s']:.2f}x wall, {a['cpu_s'] / b['cpu_s']:.2f}x cpu, "
              f"peak memory {a['peak_mib'] / b['peak_mib']:.2f}x; stats JSON {'identical' if same else 'DIFFERENT'}")
        best["identical"] = same
    return best, outputs["after"]


def bib(args, coauthor, results):
    d = bib_slice(args)
    rows = {}
    for rep in range(args.repeat):
        for label, binary in [("after", coauthor)] + ([("before", args.before)] if args.before else []):
            dt, rss, _ = run(f"BibTeX slice stats ({label}) #{rep + 1}", [binary, "stats", d, "-q", "--format", "json"])
            rows.setdefault(label, []).append((dt, rss, LAST["cpu"]))
    best = {k: (min(t for t, _, _ in v), max(r for _, r, _ in v), min(c for _, _, c in v)) for k, v in rows.items()}
    results["bib"] = {k: {"wall_s": v[0], "peak_mib": v[1], "cpu_s": v[2]} for k, v in best.items()}
    if "before" in best:
        a, b = best["after"], best["before"]
        print(f"  after / before: time {a[0] / b[0]:.2f}x wall, {a[2] / b[2]:.2f}x cpu, peak memory {a[1] / b[1]:.2f}x")


def write_pubmed(path, copies, first_copy=0):
    """A PubMed XML file of 300 × copies articles from the real sample, PMIDs and DOIs renumbered per copy."""
    sample = open(os.path.join(SHARED, "pubmed", "pubmed21n1298-first300.xml"), encoding="utf-8").read()
    start = sample.index("<PubmedArticle>")
    end = sample.rindex("</PubmedArticleSet>")
    head, body = sample[:start], sample[start:end]
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as f:
        f.write(head)
        for copy in range(first_copy, first_copy + copies):
            # New PMIDs and DOIs per copy, so the articles are distinct records (the same PMID or
            # DOI would make them one paper: coauthor counts a paper once).
            text = re.sub(r'<PMID Version="1">(\d+)</PMID>', lambda m: f'<PMID Version="1">{copy}{m.group(1)}</PMID>', body)
            text = re.sub(r'((?:IdType|EIdType)="doi"[^>]*>)([^<]+)<', lambda m: f'{m.group(1)}{m.group(2)}.c{copy}<', text)
            f.write(text)
        f.write("</PubmedArticleSet>\n")


def pubdir(args, coauthor, results):
    """A baseline-like folder: 8 files of 3,000 articles (.xml.gz), read with one core and with two."""
    d = os.path.join(args.scratch, "pubmed-dir")
    os.makedirs(d, exist_ok=True)
    for k in range(8):
        write_pubmed(os.path.join(d, f"pubmed26n{k + 1:04d}.xml.gz"), 10, first_copy=10 * k)
    rows = {}
    for rep in range(args.repeat):
        for threads in ("1", "2"):
            dt, rss, out = run(f"PubMed folder, 8 x 3,000 articles, --threads {threads} #{rep + 1}",
                               [coauthor, "stats", d, "--format", "json", "-q", "--threads", threads], stdout=None)
            rows.setdefault(threads, []).append(dt)
            papers = json.loads(out)["papers"]
    print(f"  papers {papers}; two cores / one: time {min(rows['2']) / min(rows['1']):.2f}x")
    results["pubdir"] = {"one_core_s": min(rows["1"]), "two_cores_s": min(rows["2"]), "papers": papers}
    shutil.rmtree(d)


def pubmed(args, coauthor, results):
    path = os.path.join(args.scratch, f"pubmed-{300 * args.pubmed_copies}.xml.gz")
    write_pubmed(path, args.pubmed_copies)
    best, out = stats_before_after(args, coauthor, path, f"PubMed {300 * args.pubmed_copies:,} articles .xml.gz stats")
    papers = json.loads(out)["papers"]
    a = best["after"]
    print(f"  papers {papers}; best {a['wall_s']:.2f} s wall, {a['cpu_s']:.2f} s cpu (target < 2 s)")
    results["pubmed"] = {"seconds": a["wall_s"], "papers": papers, **best}
    os.remove(path)


PY_PAIRS = r"""
import gzip, sys, xml.etree.ElementTree as ET
KINDS = {"article", "inproceedings", "proceedings", "book", "incollection", "phdthesis", "mastersthesis"}
ids = {}
pairs = set()
papers = 0
with gzip.open(sys.argv[1], "rb") as f:
    for event, e in ET.iterparse(f, events=("end",)):
        if e.tag in KINDS:
            papers += 1
            names = sorted({ids.setdefault(a.text or "", len(ids)) for a in e.findall("author") if (a.text or "").strip() not in ("et al.", "et al")})
            for i in range(len(names)):
                for j in range(i + 1, len(names)):
                    pairs.add(names[i] << 32 | names[j])
            e.clear()
        elif e.tag in ("www", "person", "data"):
            e.clear()
print(papers, len(ids), len(pairs))
"""


def synth(args, coauthor, results):
    src = dblp_source(args)
    xml = os.path.join(args.scratch, "synth-dblp.xml.gz")
    same = os.path.join(args.scratch, "synth-dblp.jsonl")
    records = sum(1 for _ in open(src, "rb"))
    copies = 2
    record_bytes = int(args.synth_gb * 1e9 / (records * copies))
    t = time.perf_counter()
    if not (args.keep and os.path.exists(xml) and os.path.exists(same)):
        sh(f"'{sys.executable}' '{ROOT}/Benchmarks/synth_dblp_xml.py' '{src}' --copies {copies} --record-bytes {record_bytes} "
           f"--jsonl '{same}.part' | gzip -1 -n > '{xml}.part'")
        os.rename(xml + ".part", xml)
        os.rename(same + ".part", same)
    raw = int(subprocess.run(f"gzip -l '{xml}' | tail -1", shell=True, capture_output=True, text=True).stdout.split()[1])
    print(f"  generated in {time.perf_counter() - t:.0f} s: {os.path.getsize(xml) / 1e9:.2f} GB gzip, "
          f"{raw / 1e9:.2f} GB of XML (gzip -l counts modulo 4 GiB: see the reader's byte count below)", flush=True)
    try:
        dx, rx, ox = run("synthetic dblp XML .xml.gz stats", [coauthor, "stats", xml, "--format", "json", "-q"], stdout=None)
        cx = LAST["cpu"]
        dj, rj, oj = run("same records as JSON Lines stats", [coauthor, "stats", same, "--format", "json", "-q"], stdout=None)
        sx, sj = json.loads(ox), json.loads(oj)
        print(f"  XML: papers {sx['papers']} authors {sx['authors']} edges {sx['edges']}; "
              f"JSON Lines: papers {sj['papers']} authors {sj['authors']} edges {sj['edges']}")
        print(f"  peak memory XML.gz / JSON Lines: {rx / rj:.2f}x (target <= 1.5)")
        dp, rp, op = run("python iterparse + gzip, pair counting", [sys.executable, "-c", PY_PAIRS, xml], stdout=None)
        cp = LAST["cpu"]
        print(f"  python: papers, names, distinct pairs = {op.strip()}")
        print(f"  python / coauthor stats time: {dp / dx:.1f}x wall, {cp / cx:.1f}x cpu (stats also computes the diameter,"
              f" triangles, cores and the ambiguity of every author)")
        # The same work as the Python script: read, key the authors, count the pairs (graph built),
        # nothing computed on the graph beyond degrees; the top author printed.
        dr, rr, _ = run("synthetic dblp XML .xml.gz rank --by degree --top 1 (read + graph)",
                        [coauthor, "rank", xml, "--by", "degree", "--top", "1", "--format", "csv", "-q"])
        cr = LAST["cpu"]
        print(f"  python / coauthor read + graph time: {dp / dr:.1f}x wall, {cp / cr:.1f}x cpu (target >= 3)")
        results["synth"] = {"xml_s": dx, "xml_cpu_s": cx, "xml_mib": rx, "jsonl_s": dj, "jsonl_mib": rj, "python_s": dp,
                            "python_cpu_s": cp, "python_mib": rp, "xml": sx, "jsonl": sj, "python": op.strip(),
                            "xml_gb": raw / 1e9, "xml_rank_s": dr, "xml_rank_cpu_s": cr, "xml_rank_mib": rr}
    finally:
        for p in (xml, same) if not args.keep else ():
            if os.path.exists(p):
                os.remove(p)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("coauthor", help="the coauthor binary to measure (release build)")
    ap.add_argument("--before", help="an earlier coauthor binary for the before/after rows")
    ap.add_argument("--cases", default="dblp,bib,pubmed", help="comma-separated: dblp, bib, bibone, pubmed, pubdir, synth, or all")
    ap.add_argument("--output", help="the results file (.txt; the .json goes beside it); default "
                    "Benchmarks/results/results-inputs-DATE.txt")
    ap.add_argument("--scratch", default="/tmp/coauthor-inputs-bench")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--synth-gb", type=float, default=6.2)
    ap.add_argument("--dblp-lines", type=int, default=0,
                    help="dblp and synth: only the first N DBLP 2016 records (to try the script on small sizes)")
    ap.add_argument("--pubmed-copies", type=int, default=100, help="pubmed: copies of the 300-article sample (100: 30,000)")
    ap.add_argument("--json", help="write the results here (default: the --output file with .json)")
    ap.add_argument("--keep", action="store_true",
                    help="synth: reuse the generated files in --scratch if there, and keep them (delete them yourself)")
    args = ap.parse_args()
    os.makedirs(args.scratch, exist_ok=True)
    output = args.output or os.path.join(ROOT, "Benchmarks", "results",
                                         f"results-inputs-{datetime.date.today().isoformat()}.txt")
    args.json = args.json or os.path.splitext(output)[0] + ".json"
    sys.stdout = Tee(output)
    cases = ["dblp", "bib", "bibone", "pubmed", "pubdir", "synth"] if args.cases == "all" else args.cases.split(",")
    commit = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h %s"], capture_output=True, text=True).stdout.strip()
    print(f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}")
    print(f"{' '.join(sys.argv)}")
    print(f"load averages at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores", flush=True)
    results = {"load_averages_start": os.getloadavg(), "commit": commit, "cases": cases}
    for case in cases:
        {"dblp": dblp, "bib": bib, "bibone": bibone, "pubmed": pubmed, "pubdir": pubdir, "synth": synth}[case](
            args, os.path.abspath(args.coauthor), results)
        print(f"  (load averages after {case}: {' '.join(f'{x:.2f}' for x in os.getloadavg())})", flush=True)
    results["load_averages_end"] = os.getloadavg()
    print(f"load averages at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"results: {output} and {args.json}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
