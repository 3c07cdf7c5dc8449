#!/usr/bin/env python3
"""Scores coauthor's author identities against gold sets built from real data.

    python3 Benchmarks/identity_eval/identity_eval.py [--sets small|all|NAME,NAME] [--work DIR]
        [--coauthor PATH] [--resolve exact,evidence]

Gold sets (each built from ../shared/data into the scratch folder --work, default
/tmp/coauthor-identity-eval, never into the repository):

- dblp-bib-sample: DBLP's BibTeX sample (4 files): every author name loses DBLP's homonym number
  ("Wei Wang 0001" → "Wei Wang"); the numbered mentions are the gold, the number is the person.
- dblp-2016: every DBLP record of January 2016 (dblp-2016-authors.jsonl.xz), numbers stripped the
  same way, the venue added from the record key's stream (conf/sigmod/… → conf/sigmod, as DBLP's
  own records carry a venue); gold = the mentions of the 1,280 names DBLP split into 2+ persons.
- acl-sample / acl-2022: the ACL Anthology XML as published (no --aliases; --no-dedupe, as every
  Anthology paper has its own id): the person of a mention is its <author id>, else the entry of
  name_variants.yaml that claims its (first, last) (by the entry's id, else its canonical name),
  else the name itself.
- orcid-pubmed / orcid-openalex: the PubMed sample (300 articles) and the OpenAlex page, with every
  ORCID (and OpenAlex author id) removed from the input; gold = the mentions that carried an ORCID.
- s2and-dummy: S2AND's toy set (disambiguation/s2and-dummy: 7 papers, 9 signatures) in S2AND's
  signature format, converted to JSON Lines; gold = clusters.json (5 signatures, 3 persons). Its
  cluster_seeds.json (must-link / cannot-link) is not used: coauthor reads no seeds.

For each set and each --resolve mode, `coauthor identities INPUT --resolve MODE --mentions --format
csv` gives the assignment and `coauthor identities … --score GOLD --format json` its scores; this
script also scores the same mentions itself (independent B³ and pairwise code) and stops if the two
disagree, and adds two baselines: one node per name as written, one node per mention.
Every gold row is checked against the name coauthor read at that position (its family name must
appear in it); a mismatch stops the run.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import lzma
import re
import subprocess
import sys
import tarfile
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
NUM = re.compile(r"^(.*\S) (\d{4})$")


# ---------------------------------------------------------------- scoring (independent of Swift)
def scores(pred: list, gold: list) -> dict:
    """B³ and pairwise precision/recall/F1 of label lists (Bagga & Baldwin 1998)."""
    n = len(pred)
    pc, gc, pg = Counter(pred), Counter(gold), Counter(zip(pred, gold))
    b3p = sum(c * c / pc[p] for (p, _), c in pg.items()) / n if n else 1.0
    b3r = sum(c * c / gc[g] for (_, g), c in pg.items()) / n if n else 1.0
    pairs = lambda x: x * (x - 1) / 2
    tp = sum(pairs(c) for c in pg.values())
    pp = sum(pairs(c) for c in pc.values())
    gp = sum(pairs(c) for c in gc.values())
    pwp = tp / pp if pp else 1.0
    pwr = tp / gp if gp else 1.0
    f1 = lambda p, r: 0.0 if p + r == 0 else 2 * p * r / (p + r)
    return {"b3_precision": b3p, "b3_recall": b3r, "b3_f1": f1(b3p, b3r),
            "pairwise_precision": pwp, "pairwise_recall": pwr, "pairwise_f1": f1(pwp, pwr),
            "mentions": n, "predicted_clusters": len(pc), "gold_clusters": len(gc)}


def fold(s: str) -> str:
    d = unicodedata.normalize("NFKD", s)
    return "".join(c for c in d if unicodedata.category(c) != "Mn").lower()


# ---------------------------------------------------------------- gold sets
def write_gold(path: Path, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["paper", "position", "person"])
        for r in rows:
            w.writerow(r)


def dblp_bib_sample(work: Path):
    out = work / "dblp-bib-sample"
    out.mkdir(parents=True, exist_ok=True)
    gold, family = [], {}
    for src in sorted((DATA / "dblp" / "bib-sample").rglob("*.bib")):
        text = src.read_text(encoding="utf-8")
        key = None
        lines = []
        for line in text.splitlines():
            m = re.match(r"@\w+\{([^,]+),", line)
            if m:
                key = m.group(1)
            m = re.match(r"(\s*author\s*=\s*\{)(.*)(\},?)$", line)
            if m and key:
                names = m.group(2).split(" and ")
                stripped = []
                for i, name in enumerate(names):
                    nm = NUM.match(name)
                    if nm:
                        gold.append((key, i + 1, name))
                        family[(key, str(i + 1))] = nm.group(1).split()[-1]
                        stripped.append(nm.group(1))
                    else:
                        stripped.append(name)
                line = m.group(1) + " and ".join(stripped) + m.group(3)
            lines.append(line)
        dst = out / src.relative_to(DATA / "dblp" / "bib-sample")
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_gold(work / "dblp-bib-sample.gold.csv", gold)
    return [str(out)], work / "dblp-bib-sample.gold.csv", family


def dblp_2016(work: Path):
    src = DATA / "dblp" / "dblp-2016-authors.jsonl.xz"
    inp, goldp = work / "dblp-2016.jsonl", work / "dblp-2016.gold.csv"
    famp = work / "dblp-2016.family.json"
    if inp.exists() and goldp.exists() and famp.exists():
        return [str(inp)], goldp, {tuple(k.split("\t")): v for k, v in json.loads(famp.read_text()).items()}
    persons = defaultdict(set)
    rows = []
    with lzma.open(src, "rt", encoding="utf-8") as f, inp.open("w", encoding="utf-8") as out:
        for line in f:
            r = json.loads(line)
            names = r.get("authors") or []
            stripped = []
            for i, name in enumerate(names):
                m = NUM.match(name)
                if m:
                    persons[m.group(1)].add(name)
                    rows.append((r["id"], i + 1, name, m.group(1)))
                    stripped.append(m.group(1))
                else:
                    stripped.append(name)
            r["authors"] = stripped
            r["venue"] = r["id"].rsplit("/", 1)[0]
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    split = {n for n, s in persons.items() if len(s) >= 2}
    gold = [(p, i, name) for p, i, name, base in rows if base in split]
    family = {(p, str(i)): base.split()[-1] for p, i, _, base in rows if base in split}
    write_gold(goldp, gold)
    famp.write_text(json.dumps({f"{k[0]}\t{k[1]}": v for k, v in family.items()}))
    return [str(inp)], goldp, family


def acl_variants():
    """(first, last) → set of persons claimed by name_variants.yaml (the reader of
    Benchmarks/acl_identity_quality.py)."""
    spec = importlib.util.spec_from_file_location("acl_identity_quality", ROOT / "Benchmarks" / "acl_identity_quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.variants()


def acl_gold_rows(xml_bytes: bytes, claims, gold, family):
    root = ET.fromstring(xml_bytes)
    coll = root.get("id")
    for vol in root.iter("volume"):
        vid = vol.get("id")
        for paper in vol.iter("paper"):
            pid = paper.get("id")
            # The Anthology ID (https://aclanthology.org/info/ids/): new style COLL-VOL.PAPER; old
            # style the volume number and the paper number padded to three digits, or both to two
            # in workshops (W…), C69 and D19 volumes 5 and up.
            if re.match(r"^\d{4}\.", coll):
                key = f"{coll}-{vid}.{pid}"
            elif coll.startswith("W") or coll == "C69" or (coll == "D19" and int(vid) >= 5):
                key = f"{coll}-{int(vid):02d}{int(pid):02d}"
            else:
                key = f"{coll}-{int(vid)}{int(pid):03d}"
            pos = 0
            for a in paper.findall("author"):
                first = "".join(a.find("first").itertext()).strip() if a.find("first") is not None else ""
                last = "".join(a.find("last").itertext()).strip() if a.find("last") is not None else ""
                # coauthor leaves out a mention whose family name has no letter or digit ("Mamta ."):
                # it takes no position.
                if not any(ch.isalnum() for ch in (last or first)):
                    continue
                pos += 1
                if a.get("id"):
                    person = a.get("id")
                else:
                    c = claims.get((first, last), set())
                    person = next(iter(c)) if len(c) == 1 else f"name:{first} {last}"
                gold.append((key, pos, person))
                family[(key, str(pos))] = (last or first).split()[-1]


def acl(work: Path, name: str):
    claims = acl_variants()
    gold, family = [], {}
    if name == "acl-sample":
        inputs = sorted(str(p) for p in (DATA / "acl-anthology" / "xml-sample").glob("*.xml"))
        for p in inputs:
            acl_gold_rows(Path(p).read_bytes(), claims, gold, family)
    else:
        out = work / "acl-2022"
        if not out.exists():
            out.mkdir(parents=True)
            with tarfile.open(DATA / "acl-anthology" / "acl-anthology-xml-2022.tar.xz") as t:
                for m in t.getmembers():
                    if m.isfile() and m.name.endswith(".xml"):
                        (out / Path(m.name).name).write_bytes(t.extractfile(m).read())
        inputs = [str(out)]
        for p in sorted(out.glob("*.xml")):
            acl_gold_rows(p.read_bytes(), claims, gold, family)
    goldp = work / f"{name}.gold.csv"
    write_gold(goldp, gold)
    # Every Anthology paper is its own record: --no-dedupe keeps papers of other files with the same
    # title, year and an author (workshop reprints) apart, as the Anthology's ids do.
    return inputs + ["--no-dedupe"], goldp, family


def orcid_pubmed(work: Path):
    src = DATA / "pubmed" / "pubmed21n1298-first300.xml"
    text = src.read_text(encoding="utf-8")
    root = ET.fromstring(src.read_bytes())
    gold, family = [], {}
    seen = set()
    for art in root.iter("PubmedArticle"):
        pmid = art.find("MedlineCitation/PMID").text.strip()
        if pmid in seen:   # a later version of an article already read: coauthor scores the first
            continue
        seen.add(pmid)
        pos = 0
        for a in art.findall(".//AuthorList/Author"):
            last, coll = a.find("LastName"), a.find("CollectiveName")
            if last is None and coll is None:
                continue
            pos += 1
            for ident in a.findall("Identifier"):
                if ident.get("Source") == "ORCID" and ident.text:
                    orcid = re.search(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", ident.text.replace(" ", ""))
                    if orcid:
                        gold.append((pmid, pos, orcid.group(1)))
                        family[(pmid, str(pos))] = (last.text if last is not None else coll.text).split()[-1]
    stripped = re.sub(r"<Identifier Source=\"ORCID\">[^<]*</Identifier>", "", text)
    inp = work / "orcid-pubmed.xml"
    inp.write_text(stripped, encoding="utf-8")
    goldp = work / "orcid-pubmed.gold.csv"
    write_gold(goldp, gold)
    return [str(inp)], goldp, family


def orcid_openalex(work: Path):
    src = DATA / "openalex" / "openalexpro_search_biodiversity_finance_page1.json"
    d = json.loads(src.read_text(encoding="utf-8"))
    gold, family = [], {}
    for w in d["results"]:
        wid = w["id"].rsplit("/", 1)[-1]
        pos = 0
        for au in w.get("authorships") or []:
            a = au.get("author") or {}
            if not (a.get("display_name") or "").strip():
                continue
            pos += 1
            if a.get("orcid"):
                gold.append((wid, pos, a["orcid"].rsplit("/", 1)[-1]))
                family[(wid, str(pos))] = a["display_name"].split()[-1]
            a["orcid"] = None
            a["id"] = None
    inp = work / "orcid-openalex.json"
    inp.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    goldp = work / "orcid-openalex.gold.csv"
    write_gold(goldp, gold)
    return [str(inp)], goldp, family


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of needle in text (1 when absent)."""
    i = text.find(needle)
    return text.count("\n", 0, i) + 1 if i >= 0 else 1


def s2and(work: Path, src: Path = DATA / "disambiguation" / "s2and-dummy"):
    """S2AND's signature format (Subramanian et al. 2021): papers.json (papers with their author
    lists), signatures.json (one author mention each: paper_id and 0-based position), clusters.json
    (the gold: signature ids per person). The input for coauthor is one JSON Lines record per paper
    (id, title, year, venue, the byline of papers.json in position order); the gold row of a
    signature is (paper, position + 1, cluster). A signature or cluster naming an unknown paper,
    position or signature is an error with its FILE:LINE."""
    ptext = (src / "papers.json").read_text(encoding="utf-8")
    stext = (src / "signatures.json").read_text(encoding="utf-8")
    ctext = (src / "clusters.json").read_text(encoding="utf-8")
    papers, sigs, clusters = json.loads(ptext), json.loads(stext), json.loads(ctext)
    out = work / "s2and-dummy.jsonl"
    bylines = {}
    with out.open("w", encoding="utf-8") as f:
        for pid, paper in papers.items():
            authors = sorted(paper.get("authors") or [], key=lambda a: a["position"])
            positions = [a["position"] for a in authors]
            if positions != list(range(len(authors))):
                sys.exit(f"{src / 'papers.json'}:{line_of(ptext, chr(34) + pid + chr(34) + ':')}: "
                         f"paper {pid}: author positions {positions} are not 0, 1, 2, ...")
            bylines[str(pid)] = [a["author_name"] for a in authors]
            rec = {"id": str(pid), "title": paper.get("title") or "", "year": paper.get("year"),
                   "venue": paper.get("venue") or paper.get("journal_name"), "abstract": paper.get("abstract"),
                   "authors": bylines[str(pid)]}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    gold, family, seen = [], {}, {}
    for cid, cluster in clusters.items():
        for sid in cluster["signature_ids"]:
            where = f"{src / 'clusters.json'}:{line_of(ctext, chr(34) + cid + chr(34) + ':')}"
            if sid not in sigs:
                sys.exit(f"{where}: cluster {cid} names signature {sid}, which signatures.json does not have")
            sig = sigs[sid]
            pid, pos = str(sig["paper_id"]), sig["author_info"]["position"]
            sline = f"{src / 'signatures.json'}:{line_of(stext, chr(34) + sid + chr(34) + ':')}"
            if pid not in bylines:
                sys.exit(f"{sline}: signature {sid} names paper {pid}, which papers.json does not have")
            if not isinstance(pos, int) or not 0 <= pos < len(bylines[pid]):
                sys.exit(f"{sline}: signature {sid} names position {pos} of paper {pid}, which has "
                         f"{len(bylines[pid])} authors (positions 0-{len(bylines[pid]) - 1})")
            if (pid, pos) in seen:
                sys.exit(f"{sline}: signature {sid} names the mention of signature {seen[(pid, pos)]} "
                         f"(paper {pid}, position {pos}) again")
            seen[(pid, pos)] = sid
            gold.append((pid, pos + 1, cid))
            family[(pid, str(pos + 1))] = sig["author_info"]["last"]
    goldp = work / "s2and-dummy.gold.csv"
    write_gold(goldp, gold)
    return [str(out)], goldp, family


SETS = {
    "dblp-bib-sample": dblp_bib_sample,
    "acl-sample": lambda w: acl(w, "acl-sample"),
    "orcid-pubmed": orcid_pubmed,
    "orcid-openalex": orcid_openalex,
    "dblp-2016": dblp_2016,
    "acl-2022": lambda w: acl(w, "acl-2022"),
    "s2and-dummy": s2and,
}
SMALL = ["dblp-bib-sample", "acl-sample", "orcid-pubmed", "orcid-openalex", "s2and-dummy"]


# ---------------------------------------------------------------- running coauthor
def run(coauthor, args):
    p = subprocess.run([coauthor, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"identity_eval: coauthor {' '.join(args)} failed ({p.returncode}):\n{p.stderr}")
    return p.stdout


def evaluate(coauthor, name, inputs, goldp, family, modes):
    gold = {}
    with goldp.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            gold[(r["paper"], r["position"])] = r["person"]
    rows = {}
    for mode in modes:
        t0 = time.perf_counter()
        out = run(coauthor, ["identities", *inputs, "-q", "--resolve", mode, "--mentions", "--format", "csv"])
        elapsed = time.perf_counter() - t0
        mentions = {}
        for r in csv.DictReader(io.StringIO(out)):
            mentions[(r["paper"], r["position"])] = (r["name"], r["author"])
        missing = [k for k in gold if k not in mentions]
        if missing:
            sys.exit(f"identity_eval: {name}: {len(missing)} gold mentions not in coauthor's output, e.g. {missing[:3]}")
        bad = [(k, mentions[k][0], family[k]) for k in gold if k in family and fold(family[k]) not in fold(mentions[k][0])]
        if bad:
            sys.exit(f"identity_eval: {name}: {len(bad)} gold rows point at another name, e.g. {bad[:3]}")
        keys = sorted(gold)
        ours = scores([mentions[k][1] for k in keys], [gold[k] for k in keys])
        swift = json.loads(run(coauthor, ["identities", *inputs, "-q", "--resolve", mode, "--score", str(goldp), "--format", "json"]))
        for m, v in ours.items():
            if abs(swift[m] - v) > 1e-4:
                sys.exit(f"identity_eval: {name} {mode}: coauthor says {m} = {swift[m]}, this script {v}")
        rows[mode] = dict(ours, seconds=elapsed)
        if "name" not in rows:
            rows["name"] = scores([fold(mentions[k][0]) for k in keys], [gold[k] for k in keys])
            rows["mention"] = scores(list(range(len(keys))), [gold[k] for k in keys])
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="small", help="small (the five small sets), all, or names joined by commas")
    ap.add_argument("--work", default="/tmp/coauthor-identity-eval")
    ap.add_argument("--coauthor", default=str(ROOT / ".build" / "release" / "coauthor"))
    ap.add_argument("--resolve", default="exact,evidence")
    ap.add_argument("--json", help="also write the table as JSON to this file")
    a = ap.parse_args()
    names = SMALL if a.sets == "small" else list(SETS) if a.sets == "all" else a.sets.split(",")
    for n in names:
        if n not in SETS:
            sys.exit(f"identity_eval: unknown gold set '{n}' (known: {', '.join(SETS)})")
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    modes = a.resolve.split(",")
    results = {}
    head = f"{'gold set':<16} {'resolution':<10} {'mentions':>8} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'pw P':>6} {'pw R':>6} {'pw F1':>6} {'clusters':>8} {'gold':>6} {'secs':>6}"
    print(head)
    for n in names:
        inputs, goldp, family = SETS[n](work)
        rows = evaluate(a.coauthor, n, inputs, goldp, family, modes)
        results[n] = rows
        for mode in ["name", "mention", *modes]:
            r = rows[mode]
            label = {"name": "per name", "mention": "per mention"}.get(mode, mode)
            secs = f"{r['seconds']:6.2f}" if "seconds" in r else "     -"
            print(f"{n:<16} {label:<10} {r['mentions']:>8} {r['b3_precision']:6.3f} {r['b3_recall']:6.3f} {r['b3_f1']:6.3f} "
                  f"{r['pairwise_precision']:6.3f} {r['pairwise_recall']:6.3f} {r['pairwise_f1']:6.3f} "
                  f"{r['predicted_clusters']:>8} {r['gold_clusters']:>6} {secs}", flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
