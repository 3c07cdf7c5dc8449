#!/usr/bin/env python3
"""Independent readers for the scholarly-source formats (Python standard library only).

usage: scholarly_formats.py [--records] [--format NAME] FILE

Formats (NAME): openalex, s2, csl-json, csl-yaml, ris, wos, medline. Without --format the
format comes from the content (a .ris file that starts with "FN " is Web of Science).
Written from the format descriptions (OpenAlex and Semantic Scholar API docs, the CSL data
schema, the RIS/WoS/MEDLINE tag lists) and the rules in docs/identity.md, not from the Swift
sources. JSON is read with `json`; CSL-YAML with a small line-based reader for the subset
pandoc writes (block mappings and lists, plain and quoted scalars over several lines, flow
lists), written separately from the Swift parser.

Prints one JSON object:
  format, records, mentions, distinct_authors, pairs, orcid_mentions, distinct_orcids,
  id_mentions (mentions with any persistent id), records_without_authors, group_authors,
  skipped (records left out as malformed), and with --records
  details: one [id, year, title, [author keys]] per record in file order.
An author key is the first persistent id in the order orcid, dblp, openalex, s2, acl
("kind:value"), else "given|family" as read (not folded).

The module's read(path, kind=None) -> (kind, records, skipped) is what coauthor_oracle.py uses;
a record is {"id", "year", "title", "authors": [{"given", "family", "ids", "corporate"}],
"groups"}.
"""
import itertools
import json
import re
import sys

ID_ORDER = ("orcid", "dblp", "openalex", "s2", "acl")
GENERATIONAL = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}
YEAR4 = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def collapse(s):
    return " ".join(str(s).split())


def first_year(s):
    m = YEAR4.search(str(s))
    return int(m.group(1)) if m else None


def orcid_bare(s):
    """'https://orcid.org/0000-0002-1825-0097' -> '0000-0002-1825-0097'; None if the check fails."""
    s = str(s).strip()
    if "orcid.org/" in s:
        s = s.split("orcid.org/", 1)[1]
    d = s.replace("-", "").replace(" ", "").upper()
    if not re.fullmatch(r"\d{15}[\dX]", d):
        return None
    total = 0
    for c in d[:15]:
        total = (total + int(c)) * 2
    r = (12 - total % 11) % 11
    if ("X" if r == 10 else str(r)) != d[15]:
        return None
    return "-".join(d[i:i + 4] for i in range(0, 16, 4))


def person(given, family, ids=None, corporate=False):
    return {"given": given or "", "family": family or "", "ids": ids or {}, "corporate": corporate}


def has_letter_or_digit(a):
    return any(ch.isalnum() for ch in (a["family"] or ""))


# ---- plain-text names (docs/identity.md "Plain text") ------------------------------------------

def plain_name(text):
    """Family/given of a plain-text name; a trailing 4-digit token is a DBLP id. None if empty."""
    tokens = str(text).split()
    if not tokens:
        return None
    ids = {}
    if len(tokens) >= 2 and re.fullmatch(r"\d{4}", tokens[-1]):
        ids["dblp"] = " ".join(tokens)
        tokens = tokens[:-1]
    name = " ".join(tokens)
    if "," in name:
        parts = [p.strip() for p in name.split(",")]
        family = parts[0]
        given = parts[-1] if len(parts) >= 2 else ""
        if len(parts) >= 3:
            jr = " ".join(p for p in parts[1:-1] if p)
            if jr:
                family += " " + jr
        if not family:
            family, given = given, ""
        return person(given, family, ids)
    if len(tokens) == 1:
        return person("", tokens[0], ids)
    start = len(tokens) - 1
    if len(tokens) >= 3 and tokens[-1].lower() in {g.lower() for g in GENERATIONAL}:
        start -= 1
    while start > 1 and tokens[start - 1][:1].islower():
        start -= 1
    return person(" ".join(tokens[:start]), " ".join(tokens[start:]), ids)


def initials_last(text):
    """'Griffin DK', 'Fanning E.': family + initials (1-3 capitals with dots/hyphens); else plain."""
    tokens = str(text).split()
    if "," not in text and len(tokens) >= 2 and not re.fullmatch(r"\d{4}", tokens[-1]):
        letters = [c for c in tokens[-1] if c not in ".-"]
        if 1 <= len(letters) <= 3 and all(c.isupper() for c in letters):
            return person(tokens[-1], " ".join(tokens[:-1]))
    return plain_name(text)


def bare_doi(s):
    if s is None:
        return None
    s = str(s).strip()
    s = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", s, flags=re.I).strip()
    return s or None


# ---- OpenAlex --------------------------------------------------------------------------------

def strip_openalex(s):
    return re.sub(r"^https?://openalex\.org/", "", str(s).strip())


def openalex_work(w, fallback):
    authors = []
    for a in w.get("authorships") or []:
        if not isinstance(a, dict):
            continue
        au = a.get("author") or {}
        name = au.get("display_name") or ""
        if not name.strip():
            name = a.get("raw_author_name") or ""
        p = plain_name(name)
        if p is None:
            continue
        ids = {}
        if au.get("orcid"):
            o = orcid_bare(au["orcid"])
            if o:
                ids["orcid"] = o
        if au.get("id"):
            ids["openalex"] = strip_openalex(au["id"])
        if "dblp" in p["ids"]:
            ids.setdefault("dblp", p["ids"]["dblp"])
        p["ids"] = ids
        if has_letter_or_digit(p):
            authors.append(p)
    title = w.get("title")
    if title is None:
        title = w.get("display_name")
    return {"id": strip_openalex(w["id"]) if w.get("id") else fallback, "year": w.get("publication_year"),
            "title": title or "", "authors": authors, "groups": []}


def read_openalex(text):
    records, skipped = [], 0
    stripped = text.strip()
    try:
        doc = json.loads(stripped)
        lines = None
    except ValueError:
        doc, lines = None, text.split("\n")
    if lines is not None:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                w = json.loads(line)
            except ValueError:
                skipped += 1
                continue
            if not isinstance(w, dict):
                skipped += 1
                continue
            records.append(openalex_work(w, f"line {n}"))
        return records, skipped
    if isinstance(doc, dict) and "results" in doc and "authorships" not in doc:
        works, path = doc["results"], "results"
    elif isinstance(doc, list):
        works, path = doc, ""
    else:
        works, path = [doc], None
    for i, w in enumerate(works):
        if not isinstance(w, dict):
            skipped += 1
            continue
        records.append(openalex_work(w, "work" if path is None else f"{path}[{i}]"))
    return records, skipped


# ---- Semantic Scholar ------------------------------------------------------------------------

def s2_paper(p, path):
    """None for an unresolved reference (no paperId, no authors)."""
    listed = p.get("authors")
    if p.get("paperId") is None and not listed:
        return None
    authors = []
    for a in listed or []:
        if not isinstance(a, dict) or not (a.get("name") or "").strip():
            continue
        q = plain_name(a["name"].strip())
        ids = {}
        ext = a.get("externalIds") or {}
        if isinstance(ext, dict) and ext.get("ORCID"):
            o = orcid_bare(ext["ORCID"])
            if o:
                ids["orcid"] = o
        if a.get("authorId") is not None and str(a["authorId"]).strip():
            ids["s2"] = str(a["authorId"]).strip()
        if "dblp" in q["ids"]:
            ids["dblp"] = q["ids"]["dblp"]
        q["ids"] = ids
        if has_letter_or_digit(q):
            authors.append(q)
    return {"id": p.get("paperId") or path, "year": p.get("year"), "title": (p.get("title") or "").strip(),
            "authors": authors, "groups": []}


def read_s2(text):
    doc = json.loads(text)
    records, seen = [], set()

    def add(p, path):
        if isinstance(p, dict):
            for k in ("citingPaper", "citedPaper"):
                if "paperId" not in p and isinstance(p.get(k), dict):
                    p = p[k]
                    path += "." + k
        if not isinstance(p, dict):
            return
        r = s2_paper(p, path)
        if r is None:
            return
        if p.get("paperId") is not None:
            if r["id"] in seen:
                return
            seen.add(r["id"])
        records.append(r)

    if isinstance(doc, list):
        for i, p in enumerate(doc):
            add(p, f"[{i}]")
    elif "paperId" in doc:
        lists = any(isinstance(doc.get(k), list) and doc[k] for k in ("citations", "references"))
        if isinstance(doc.get("authors"), list) or not lists:
            add(doc, "paper")
        for k in ("citations", "references"):
            for i, p in enumerate(doc.get(k) or []):
                add(p, f"{k}[{i}]")
    elif "citingPaper" in doc or "citedPaper" in doc:
        add(doc, "")
    elif isinstance(doc.get("data"), list):
        for i, p in enumerate(doc["data"]):
            add(p, f"data[{i}]")
    else:
        raise ValueError("not a Semantic Scholar paper response (author response or other)")
    return records, 0


# ---- CSL (JSON and YAML) ---------------------------------------------------------------------

def csl_text(v):
    if v is None:
        return None
    if isinstance(v, list):
        for e in v:
            t = csl_text(e)
            if t:
                return t
        return None
    if isinstance(v, bool) or isinstance(v, dict):
        return None
    t = str(v).strip()
    return t or None


def csl_year(v):
    if isinstance(v, list):
        return csl_year(v[0]) if v else None
    if isinstance(v, dict):
        dp = v.get("date-parts")
        if isinstance(dp, list) and dp and isinstance(dp[0], list) and dp[0]:
            try:
                return int(str(dp[0][0]).strip())
            except ValueError:
                return None
        if "year" in v:
            try:
                return int(str(v["year"]).strip())
            except ValueError:
                return None
        for k in ("raw", "literal"):
            if isinstance(v.get(k), str) and first_year(v[k]) is not None:
                return first_year(v[k])
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, str):
        return first_year(v)
    return None


def csl_name(n):
    if isinstance(n, str):
        return plain_name(n)
    if not isinstance(n, dict):
        return None
    family, given, literal = csl_text(n.get("family")), csl_text(n.get("given")), csl_text(n.get("literal"))
    if family is None and given is None and literal:
        return person("", collapse(literal), corporate=True)
    # particles: von parts when their first letter is lower-case (BibTeX), else given names
    parts = [x for x in (csl_text(n.get("dropping-particle")), csl_text(n.get("non-dropping-particle"))) if x]

    def lower_first(w):
        letters = [c for c in w if c.isalpha()]
        return bool(letters) and letters[0].islower()
    gw = " ".join([given or ""] + [x for x in parts if not lower_first(x)]).split()
    fw = " ".join([x for x in parts if lower_first(x)] + [family or ""]).split()
    ids = {}
    if fw and re.fullmatch(r"\d{4}", fw[-1]) and len(gw) + len(fw) >= 2:
        ids["dblp"] = " ".join(gw + fw)
        fw = fw[:-1]
        if not fw:
            # BibTeX's First von Last on the words before the number.
            start = len(gw) - 1
            for k in range(len(gw) - 1):
                letters = [c for c in gw[k] if c.isalpha()]
                if letters and letters[0].islower():
                    start = k
                    break
            gw, fw = gw[:start], gw[start:]
    fam = " ".join(fw)
    suffix = csl_text(n.get("suffix"))
    if suffix:
        fam = (fam + " " + collapse(suffix)).strip()
    giv = " ".join(gw)
    if not fam:
        if not giv:
            return None
        fam, giv = giv, ""
    return person(giv, fam, ids)


def csl_item(item, fallback):
    authors = []
    for a in item.get("author") or []:
        p = csl_name(a)
        if p is not None and has_letter_or_digit(p):
            authors.append(p)
    return {"id": csl_text(item.get("id")) or fallback, "year": csl_year(item.get("issued")),
            "title": csl_text(item.get("title")) or "", "authors": authors, "groups": []}


def read_csl_json(text):
    doc = json.loads(text)
    items = doc if isinstance(doc, list) else [doc]
    records, skipped = [], 0
    for i, it in enumerate(items):
        if not isinstance(it, dict):
            skipped += 1
            continue
        records.append(csl_item(it, f"item {i + 1}"))
    return records, skipped


class MiniYAML:
    """Block YAML as pandoc writes it: a line-based reader over (indent, text) lines."""

    def __init__(self, text):
        self.lines = []
        for raw in text.split("\n"):
            raw = raw.rstrip("\r")
            if raw in ("---", "...") and self.lines:
                break
            if raw == "---" or raw.strip() == "" or raw.lstrip().startswith("#"):
                # blank lines matter only inside multi-line scalars; keep a marker
                self.lines.append((None, ""))
                continue
            self.lines.append((len(raw) - len(raw.lstrip(" ")), raw.strip()))
        self.i = 0

    def peek(self):
        while self.i < len(self.lines) and self.lines[self.i][0] is None:
            self.i += 1
        return self.lines[self.i] if self.i < len(self.lines) else (None, None)

    @staticmethod
    def split_key(text):
        m = re.match(r"^([^'\"\[\{#][^:]*?|'[^']*'|\"[^\"]*\"):(?:\s+(.*))?$", text)
        if not m:
            return None
        key = m.group(1).strip()
        if key[:1] in "'\"":
            key = key[1:-1]
        return key, (m.group(2) or "").strip()

    def scalar(self, first, indent):
        """A scalar whose text starts with `first`; continuation lines are indented > indent."""
        if first.startswith("'") or first.startswith('"'):
            q = first[0]
            buf = first[1:]
            while True:
                if q == "'":
                    body = buf.replace("''", "\0")
                    if "'" in body:
                        return body[:body.index("'")].replace("\0", "'")
                else:
                    m = re.search(r'(?<!\\)"', buf)
                    if m:
                        return json.loads('"' + buf[:m.start()] + '"')
                # continues on the next line (folded)
                self.i += 1
                if self.i >= len(self.lines):
                    raise ValueError("unterminated quoted scalar")
                ind, t = self.lines[self.i]
                buf = buf.rstrip() + ("\n" if ind is None else " ") + (t or "")
        if first.startswith("["):
            return [x.strip().strip("'\"") for x in first.strip("[]").split(",") if x.strip()]
        parts = [first.split(" #")[0].strip()]
        while self.i + 1 < len(self.lines):
            ind, t = self.lines[self.i + 1]
            if ind is None or ind <= indent:
                break
            self.i += 1
            parts.append(t)
        s = " ".join(parts)
        return None if s in ("", "~", "null") else s

    def node(self, indent):
        ind, text = self.peek()
        if ind is None or ind < indent:
            return None
        if text.startswith("- ") or text == "-":
            return self.seq(ind)
        if self.split_key(text):
            return self.mapping(ind, None)
        self.i += 1
        return self.scalar(text, indent - 1)

    def mapping(self, indent, first_text):
        out = {}
        while True:
            if first_text is None:
                ind, text = self.peek()
                if ind is None or ind != indent or text.startswith("- ") or text == "-":
                    return out
            else:
                text, first_text = first_text, None
            key, rest = self.split_key(text)
            if rest:
                out[key] = self.scalar(rest, indent)
                self.i += 1
            else:
                self.i += 1
                ind, t = self.peek()
                if ind is not None and (ind > indent or (ind == indent and (t.startswith("- ") or t == "-"))):
                    out[key] = self.seq(ind) if (t.startswith("- ") or t == "-") else self.node(ind)
                else:
                    out[key] = None

    def seq(self, indent):
        out = []
        while True:
            ind, text = self.peek()
            if ind is None or ind != indent or not (text.startswith("- ") or text == "-"):
                return out
            rest = text[1:].strip()
            inner = indent + 1 + (len(text) - 1 - len(text[1:].lstrip()))
            if not rest:
                self.i += 1
                out.append(self.node(indent + 1))
            elif rest.startswith("- "):
                # compact nested list: rewrite the line as its inner list
                self.lines[self.i] = (inner, rest)
                out.append(self.seq(inner))
            elif self.split_key(rest) and not rest.startswith(("'", '"')):
                out.append(self.mapping(inner, rest))
            else:
                out.append(self.scalar(rest, indent))
                self.i += 1


def read_csl_yaml(text):
    y = MiniYAML(text)
    ind, t = y.peek()
    if t is not None and (t.startswith("- ") or t == "-"):
        items = y.seq(ind)
    else:
        root = y.mapping(ind, None) if ind is not None else {}
        items = root.get("references") or []
    records, skipped = [], 0
    for i, it in enumerate(items):
        if not isinstance(it, dict):
            skipped += 1
            continue
        records.append(csl_item(it, f"item {i + 1}"))
    return records, skipped


# ---- RIS, Web of Science, MEDLINE ------------------------------------------------------------

RIS_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")


def read_ris(text):
    records, skipped = [], 0
    cur = None
    for n, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        m = RIS_TAG.match(line)
        if m:
            tag, value = m.group(1), collapse(m.group(2) or "")
            if tag == "TY":
                if cur is not None:
                    skipped += 1
                cur = {"line": n, "tags": [["TY", value]]}
            elif tag == "ER":
                if cur is not None:
                    records.append(ris_record(cur))
                cur = None
            elif cur is not None:
                cur["tags"].append([tag, value])
        elif cur is not None and line.strip():
            last = cur["tags"][-1]
            last[1] = (last[1] + " " + collapse(line)).strip()
    if cur is not None:
        skipped += 1
    return records, skipped


def ris_record(cur):
    def first(*tags):
        for t in tags:
            for k, v in cur["tags"]:
                if k == t and v:
                    return v
        return None
    authors = []
    for k, v in cur["tags"]:
        if k in ("AU", "A1") and v:
            p = initials_last(v)
            if p is not None and has_letter_or_digit(p):
                authors.append(p)
    year = None
    for t in ("PY", "Y1", "DA"):
        if first(t) and first_year(first(t)) is not None:
            year = first_year(first(t))
            break
    return {"id": first("ID") or f"line {cur['line']}", "year": year, "title": first("TI", "T1") or "",
            "authors": authors, "groups": []}


def read_wos(text):
    records, skipped = [], 0
    cur = None
    for n, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        m = re.match(r"^([A-Z][A-Z0-9])(?: (.*))?$", line)
        if m:
            tag, value = m.group(1), collapse(m.group(2) or "")
            if tag == "PT":
                if cur is not None:
                    skipped += 1
                cur = {"line": n, "tags": [["PT", [value]]]}
            elif tag == "ER":
                if cur is not None:
                    records.append(wos_record(cur))
                cur = None
            elif tag == "EF":
                break
            elif cur is not None:
                cur["tags"].append([tag, [value]])
        elif cur is not None and line.startswith((" ", "\t")) and line.strip():
            cur["tags"][-1][1].append(collapse(line))
    if cur is not None:
        skipped += 1
    return records, skipped


def wos_record(cur):
    def values(tag):
        return [v for k, vs in cur["tags"] if k == tag for v in vs if v]

    def text(tag):
        for k, vs in cur["tags"]:
            if k == tag:
                return " ".join(v for v in vs if v) or None
        return None
    names = values("AF") or values("AU")
    short = values("AU") if values("AF") and len(values("AF")) == len(values("AU")) else []
    authors, forms = [], []
    for k, x in enumerate(names):
        p = plain_name(x)
        if p is None or not has_letter_or_digit(p):
            continue
        forms.append([x] + ([short[k]] if short else []))
        authors.append(p)
    # OI (ORCIDs) and RI (ResearcherIDs, or ORCIDs): "Family, Given/ID; ...", matched to an author
    # by the exact name, the folded name, or family name + first given letter when unique.
    def fold(t):
        return "".join(ch for ch in t.lower() if ch.isalpha() or ch.isdigit())
    def fam_init(t):
        q = plain_name(t)
        return (fold(q["family"]) + "|" + fold(q["given"][:1])) if q and q["family"] and q["given"] else None
    exact, folded, fi = {}, {}, {}
    for i, fs in enumerate(forms):
        for f in fs:
            exact.setdefault(f, i)
            folded.setdefault(fold(f), i)
            k = fam_init(f)
            if k:
                fi.setdefault(k, set()).add(i)
    for tag in ("OI", "RI"):
        for part in (text(tag) or "").split(";"):
            if "/" not in part:
                continue
            name, value = part.rsplit("/", 1)
            name, value = name.strip(), value.strip()
            if not name or not value:
                continue
            i = exact.get(name, folded.get(fold(name)))
            if i is None:
                k = fam_init(name)
                if k and len(fi.get(k, ())) == 1:
                    i = next(iter(fi[k]))
            if i is None:
                continue
            if orcid_bare(value):
                authors[i]["ids"].setdefault("orcid", orcid_bare(value))
            elif tag == "RI":
                authors[i]["ids"].setdefault("researcherid", value)
    return {"id": text("UT") or f"line {cur['line']}", "year": first_year(text("PY") or ""),
            "title": text("TI") or "", "authors": authors, "groups": values("CA")}


MEDLINE_TAG = re.compile(r"^([A-Z0-9]{2,4}) {0,2}- ?(.*)$")


def read_medline(text):
    records = []
    cur = None
    for n, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        m = MEDLINE_TAG.match(line)
        if m and len(line) >= 5 and line[4] == "-":
            tag, value = m.group(1), collapse(m.group(2))
            if tag == "PMID":
                if cur is not None:
                    records.append(medline_record(cur))
                cur = {"line": n, "tags": [["PMID", value]]}
            elif cur is not None:
                cur["tags"].append([tag, value])
        elif cur is not None and line.startswith((" ", "\t")) and line.strip():
            cur["tags"][-1][1] = (cur["tags"][-1][1] + " " + collapse(line)).strip()
    if cur is not None:
        records.append(medline_record(cur))
    return records, 0


def medline_record(cur):
    people, groups = [], []
    after_fau = False
    for k, v in cur["tags"]:
        if k == "FAU":
            people.append({"full": v, "short": None, "orcid": None})
            after_fau = True
        elif k == "AU":
            if after_fau and people and people[-1]["short"] is None:
                people[-1]["short"] = v
            else:
                people.append({"full": None, "short": v, "orcid": None})
                after_fau = False
        elif k == "AUID" and people and v.upper().startswith("ORCID:"):
            people[-1]["orcid"] = v[6:].strip()
        elif k == "CN" and v:
            groups.append(v)
    authors = []
    for p in people:
        q = plain_name(p["full"]) if p["full"] else (initials_last(p["short"]) if p["short"] else None)
        if q is None or not has_letter_or_digit(q):
            continue
        if p["orcid"] and orcid_bare(p["orcid"]):
            q["ids"] = {"orcid": orcid_bare(p["orcid"])}
        authors.append(q)

    def first(*tags):
        for t in tags:
            for k, v in cur["tags"]:
                if k == t and v:
                    return v
        return None
    return {"id": first("PMID") or f"line {cur['line']}", "year": first_year(first("DP") or ""),
            "title": first("TI", "BTI") or "", "authors": authors, "groups": groups}


# ---- detection and counts --------------------------------------------------------------------

READERS = {"openalex": read_openalex, "s2": read_s2, "csl-json": read_csl_json, "csl-yaml": read_csl_yaml,
           "ris": read_ris, "wos": read_wos, "medline": read_medline}


def detect(path, text):
    """The format by content (None when it is none of these)."""
    low = path.lower()
    head = text.lstrip()
    first_line = head.split("\n", 1)[0].rstrip("\r")
    if first_line.startswith("FN ") or re.match(r"^PT [A-Z]$", first_line):
        return "wos"
    if first_line.startswith("PMID-"):
        return "medline"
    if re.search(r"^TY  - ", text[:65536], re.M):
        return "ris"
    if re.search(r"^references:", text[:65536], re.M) and (low.endswith((".yaml", ".yml")) or head.startswith("---")):
        return "csl-yaml"
    if head[:1] in "[{":
        try:
            doc = json.loads(text)
        except ValueError:
            try:
                doc = json.loads(first_line)
            except ValueError:
                return None
            return "openalex" if isinstance(doc, dict) and "authorships" in doc else None
        probe = doc[0] if isinstance(doc, list) and doc else doc
        if isinstance(doc, dict) and "results" in doc and isinstance(doc["results"], list) and doc["results"]:
            probe = doc["results"][0]
        if isinstance(probe, dict):
            if "authorships" in probe or str(probe.get("id", "")).startswith("https://openalex.org/W"):
                return "openalex"
            if {"paperId", "citingPaper", "citedPaper"} & set(probe) or \
                    (isinstance(doc, dict) and isinstance(doc.get("data"), list)):
                return "s2"
            if "type" in probe:
                return "csl-json"
    return None


def read(path, kind=None):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8-sig")
    kind = kind or detect(path, text)
    if kind is None:
        raise ValueError(f"{path}: not one of " + ", ".join(READERS))
    records, skipped = READERS[kind](text)
    return kind, records, skipped


def author_key(a):
    for k in ID_ORDER:
        if a["ids"].get(k):
            return f"{k}:{a['ids'][k]}"
    return a["given"] + "|" + a["family"]


def counts(kind, records, skipped, details):
    keys, pairs = set(), set()
    out = {"format": kind, "records": len(records), "mentions": 0, "distinct_authors": 0, "pairs": 0,
           "orcid_mentions": 0, "distinct_orcids": 0, "id_mentions": 0, "records_without_authors": 0,
           "group_authors": 0, "skipped": skipped}
    orcids = set()
    rows = []
    for r in records:
        names = [author_key(a) for a in r["authors"]]
        out["mentions"] += len(names)
        out["group_authors"] += len(r["groups"])
        if not names:
            out["records_without_authors"] += 1
        keys.update(names)
        pairs.update(itertools.combinations(sorted(set(names)), 2))
        for a in r["authors"]:
            if a["ids"]:
                out["id_mentions"] += 1
            if a["ids"].get("orcid"):
                out["orcid_mentions"] += 1
                orcids.add(a["ids"]["orcid"])
        rows.append([r["id"], r["year"], r["title"], names])
    out["distinct_authors"] = len(keys)
    out["pairs"] = len(pairs)
    out["distinct_orcids"] = len(orcids)
    if details:
        out["details"] = rows
    return out


def main(argv):
    details = "--records" in argv
    args = [a for a in argv if a != "--records"]
    kind = None
    if "--format" in args:
        i = args.index("--format")
        kind = args[i + 1]
        del args[i:i + 2]
    k, records, skipped = read(args[0], kind)
    json.dump(counts(k, records, skipped, details), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
