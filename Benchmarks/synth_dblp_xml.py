#!/usr/bin/env python3
"""A synthetic dblp-like XML file of any size, made from real DBLP records (a benchmark input, not
a test fixture): every record of a DBLP JSON Lines file ({"id","type","year","authors"}), repeated
--copies times under new keys, written as dblp.xml records padded with <cite> elements (dblp's own
citation field, which readers pass over) to about --record-bytes each, with a short unique title.
The same records (same keys, titles, years and authors, no padding) go as JSON Lines to --jsonl.

    python3 Benchmarks/synth_dblp_xml.py dblp-2016.jsonl --copies 2 --record-bytes 1040 \
        --jsonl /tmp/same.jsonl | gzip -1 > /tmp/synth.xml.gz

The XML goes to standard output (pipe it into gzip: the uncompressed file never needs the disk).
"""
import argparse
import json
import sys

KINDS = {"article", "inproceedings", "proceedings", "book", "incollection", "phdthesis", "mastersthesis"}


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", help="DBLP JSON Lines (dblp-2016-authors.jsonl unpacked)")
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--record-bytes", type=int, default=1040, help="bytes of XML per record (padding with <cite>)")
    ap.add_argument("--jsonl", help="also write the same records as JSON Lines here")
    args = ap.parse_args()

    records = []
    with open(args.source, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            records.append((o.get("id") or "", o.get("type") or "article", o.get("year"), o.get("authors") or []))

    out = sys.stdout.buffer
    jl = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else None
    out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE dblp SYSTEM "dblp.dtd">\n<dblp>\n')
    cite = "<cite>conf/synthetic/Padding%05d</cite>\n"
    n = 0
    written = 0
    buf = []
    for copy in range(args.copies):
        for key, kind, year, authors in records:
            n += 1
            k = key if copy == 0 else f"{key}/copy{copy}"
            title = f"Synthetic record {n}."
            kind = kind if kind in KINDS else "article"
            parts = [f'<{kind} mdate="2016-01-01" key="{esc(k)}">\n']
            for a in authors:
                name = a if isinstance(a, str) else a.get("name", "")
                parts.append(f"<author>{esc(name)}</author>\n")
            parts.append(f"<title>{esc(title)}</title>\n")
            if year is not None:
                parts.append(f"<year>{year}</year>\n")
            parts.append("<journal>Synthetic Journal</journal>\n")
            size = sum(len(p) for p in parts) + len(kind) + 4
            i = 0
            while size < args.record_bytes:
                c = cite % i
                parts.append(c)
                size += len(c)
                i += 1
            parts.append(f"</{kind}>\n")
            rec = "".join(parts).encode("utf-8")
            buf.append(rec)
            written += len(rec)
            if len(buf) >= 4096:
                out.write(b"".join(buf))
                buf = []
            if jl is not None:
                names = [a if isinstance(a, str) else a.get("name", "") for a in authors]
                jl.write(json.dumps({"id": k, "type": kind, "year": year, "title": title, "authors": names},
                                    ensure_ascii=False) + "\n")
    out.write(b"".join(buf))
    out.write(b"</dblp>\n")
    out.flush()
    if jl is not None:
        jl.close()
    print(f"synth_dblp_xml: {n} records, {written} bytes of records", file=sys.stderr)


if __name__ == "__main__":
    main()
