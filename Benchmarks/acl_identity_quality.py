#!/usr/bin/env python3
"""How close coauthor's author identities come to the ACL Anthology's own persons.

    python3 Benchmarks/acl_identity_quality.py [XML_DIR]   (default: ../shared/data/acl-anthology/xml-sample)

Ground truth: the Anthology's resolution — an <author id="…"> is that person; otherwise the
(first, last) string is looked up in name_variants.yaml (a variant or canonical name of an entry
belongs to that entry's person, by id when the entry has one); any other string is a person of its
own. A string claimed by several entries is ambiguous and stays its own person (the Anthology
needs an explicit id there too).

Ours: `coauthor identities DIR --format json` (no aliases: our own folding of case, accents,
hyphens and name order), and again with `--aliases name_variants.yaml`.

Scores are over pairs of distinct name strings (with their id): precision = share of the pairs we
put together that the Anthology also puts together; recall = share of the Anthology's pairs we put
together.
"""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACL = ROOT.parent / "shared" / "data" / "acl-anthology"


def variants():
    """(first, last) → set of person ids claimed by name_variants.yaml (a tiny reader for its shape)."""
    claims = defaultdict(set)
    entry = None
    names = []

    def flush():
        if entry is not None:
            person = entry.get("id") or f"canonical:{entry['canonical']}"
            for n in names:
                claims[n].add(person)

    def parse_name(s):
        s = s.strip().lstrip("-").strip().strip("{}")
        parts = dict(p.split(":", 1) for p in s.split(", ") if ":" in p)
        return (parts.get("first", "").strip().strip("'\""), parts.get("last", "").strip().strip("'\""))

    for line in (ACL / "name_variants.yaml").read_text(encoding="utf-8").splitlines():
        if line.startswith("- canonical:"):
            flush()
            name = parse_name(line.split(":", 1)[1])
            entry, names = {"canonical": name}, [name]
        elif line.startswith("  id:"):
            entry["id"] = line.split(":", 1)[1].strip()
        elif line.startswith("  - {") and entry is not None:
            names.append(parse_name(line[3:]))
    flush()
    return claims


def mentions(xml_dir: Path):
    for f in sorted(xml_dir.glob("*.xml")):
        for a in ET.parse(f).getroot().iter("author"):
            first = " ".join((a.findtext("first") or "").split())
            last = " ".join((a.findtext("last") or "").split())
            yield first, last, a.get("id")


def pair_scores(truth: dict, ours: dict):
    keys = list(truth)
    cells = Counter((truth[k], ours[k]) for k in keys)
    t = Counter(truth[k] for k in keys)
    o = Counter(ours[k] for k in keys)
    c2 = lambda n: n * (n - 1) // 2
    tp = sum(c2(n) for n in cells.values())
    ours_pairs = sum(c2(n) for n in o.values())
    truth_pairs = sum(c2(n) for n in t.values())
    return tp, ours_pairs, truth_pairs


def run_identities(binary: Path, xml_dir: Path, extra: list[str]):
    out = subprocess.run([str(binary), "identities", str(xml_dir), "--format", "json", "-q", *extra],
                         capture_output=True, text=True, check=True).stdout
    by_text = {}
    for ident in json.loads(out):
        for sp in ident["spellings"]:
            by_text.setdefault(sp["text"], set()).add(ident["key"])
    return by_text


def main():
    xml_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ACL / "xml-sample"
    subprocess.run(["swift", "build", "-c", "release", "--product", "coauthor"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = ROOT / ".build" / "release" / "coauthor"
    claims = variants()
    strings = {}
    for first, last, pid in mentions(xml_dir):
        key = (first, last, pid)
        if key in strings:
            continue
        if pid:
            strings[key] = f"id:{pid}"
        elif len(claims.get((first, last), ())) == 1:
            strings[key] = next(iter(claims[(first, last)]))
        else:
            strings[key] = f"string:{first} {last}"
    print(f"{xml_dir}: {len(strings):,} distinct name strings (with ids), "
          f"{len(set(strings.values())):,} Anthology persons")
    # (With --aliases name_variants.yaml the thesaurus rewrites names before resolution, so the
    # result matches the ground truth by construction; the measure that says something is our own
    # resolution without it.)
    for label, extra in [("coauthor (name folding, no aliases)", [])]:
        by_text = run_identities(binary, xml_dir, extra)
        ours = {}
        for (first, last, pid), _ in strings.items():
            text = f"{first} {last}".strip()
            if pid and not extra:
                ours[(first, last, pid)] = f"acl:{pid}"
                continue
            keys = by_text.get(text, set())
            name_keys = sorted(k for k in keys if not k.startswith("acl:")) or sorted(keys)
            if pid and f"acl:{pid}" in keys:
                ours[(first, last, pid)] = f"acl:{pid}"
            else:
                ours[(first, last, pid)] = name_keys[0] if name_keys else f"missing:{text}"
        tp, op, tpairs = pair_scores(strings, ours)
        merged = defaultdict(list)
        for k, v in ours.items():
            merged[v].append(k)
        wrong = [ks for ks in merged.values() if len({strings[k] for k in ks}) > 1]
        missed = defaultdict(list)
        for k, v in strings.items():
            missed[v].append(k)
        split = [ks for ks in missed.values() if len({ours[k] for k in ks}) > 1]
        print(f"  examples merged by us, not by the Anthology: {[[f'{a} {b}' for a, b, _ in ks] for ks in wrong[:5]]}")
        print(f"  examples the Anthology joins and we keep apart: {[[f'{a} {b}' for a, b, _ in ks] for ks in split[:5]]}")
        print(f"  {label:40} identities {len(set(ours.values())):>7,}  precision {tp / max(op, 1):.4f} "
              f"({tp:,}/{op:,} pairs)  recall {tp / max(tpairs, 1):.4f} ({tp:,}/{tpairs:,})")


if __name__ == "__main__":
    main()
