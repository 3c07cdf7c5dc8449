#!/usr/bin/env python3
"""Independent counts of affiliations and countries in real exports (standard library only).

    python3 Tests/oracle/affiliations.py FORMAT FILE

FORMAT is openalex, pubmed, medline, wos, wos-tsv, scopus or scopus-bib. Prints one JSON object:
records, mentions (authors), affiliated_mentions (authors with at least one affiliation), links
(distinct author-affiliation pairs), unlinked (affiliations a record names for no author) and
countries (links per ISO code of the country the affiliation is placed in; "?" for none).

Written from the format descriptions and docs/organizations.md (the placement rule), not from the
Swift sources. The country names are read from the data table
Sources/CoauthorModel/Data/CountryData.swift (the table is data; the rule is re-implemented here).
"""
import csv, json, os, re, sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def fold(s):
    out, space = [], False
    for ch in s.lower():
        if ch.isalpha() or ch.isdigit():
            if space and out:
                out.append(" ")
            out.append(ch)
            space = False
        else:
            space = True
    return "".join(out)


def load_table():
    src = open(os.path.join(ROOT, "Sources/CoauthorModel/Data/CountryData.swift"), encoding="utf-8").read()
    table = src.split('static let table = """\n', 1)[1].split('\n"""', 1)[0]
    states = src.split('static let usStates = "', 1)[1].split('"', 1)[0]
    names = {}
    for line in table.split("\n"):
        f = line.split("\t")
        if len(f) != 5:
            continue
        for n in [f[1]] + [v for v in f[4].split("|") if v]:
            names.setdefault(fold(n), f[0])
    codes = {line.split("\t")[0] for line in table.split("\n") if len(line.split("\t")) == 5}
    return names, {fold(s) for s in states.split("|")}, codes


NAMES, STATES, CODES = load_table()


def lookup(folded):
    if folded in NAMES:
        return NAMES[folded]
    if folded in STATES:
        return "US"
    return None


def place(address):
    for marker in ["Electronic address:", "electronic address:", "email:", "Email:", "E-mail:", "e-mail:"]:
        k = address.find(marker)
        if k >= 0:
            address = address[:k]
    words = address.split(" ")
    for i, w in enumerate(words):
        if "@" in w:
            address = " ".join(words[:i])
            break
    parts = [fold(p) for p in address.split(",")]
    parts = [p for p in parts if p]
    for k, part in enumerate(reversed(parts)):
        words = [w for w in part.split(" ") if not all(c.isdigit() for c in w)]
        if not words:
            continue
        whole = " ".join(words)
        c = lookup(whole)
        if c:
            return c
        if k > 0 or whole in STATES:
            continue
        if len(words) > 2 and " ".join(words[-2:]) in NAMES:
            return NAMES[" ".join(words[-2:])]
        if len(words) > 1 and words[-1] in NAMES:
            return NAMES[words[-1]]
    return None


class Counts:
    def __init__(self):
        self.records = self.mentions = self.affiliated = self.links = self.unlinked = 0
        self.countries = {}

    def author(self, affs):
        """affs: list of (name, code or None) for one author, in order; duplicates count once."""
        self.mentions += 1
        seen = []
        for a in affs:
            if a not in seen:
                seen.append(a)
        if seen:
            self.affiliated += 1
        for name, code in seen:
            self.links += 1
            c = code or place(name) or "?"
            self.countries[c] = self.countries.get(c, 0) + 1

    def dump(self):
        return {"records": self.records, "mentions": self.mentions, "affiliated_mentions": self.affiliated,
                "links": self.links, "unlinked": self.unlinked,
                "countries": dict(sorted(self.countries.items()))}


def openalex(path):
    c = Counts()
    d = json.load(open(path, encoding="utf-8"))
    for w in d["results"]:
        c.records += 1
        for a in w.get("authorships") or []:
            name = ((a.get("author") or {}).get("display_name") or a.get("raw_author_name") or "").strip()
            if not name:
                continue
            affs, codes = [], set()
            for inst in a.get("institutions") or []:
                nm = (inst.get("display_name") or "").strip()
                if not nm and not inst.get("id") and not inst.get("ror"):
                    continue
                cc = (inst.get("country_code") or "").strip().upper() or None
                if cc:
                    codes.add(cc)
                affs.append((nm + "|" + (inst.get("id") or ""), cc))
            country_only = False
            for cc in a.get("countries") or []:
                cc = cc.strip().upper()
                if cc and cc not in codes:
                    codes.add(cc)
                    affs.append(("", cc))
                    country_only = True
            if not affs and not country_only:
                affs = [(s.strip(), None) for s in a.get("raw_affiliation_strings") or [] if s.strip()]
            c.author(affs)
    return c


def text(e):
    return " ".join("".join(e.itertext()).split())


def pubmed(path):
    c = Counts()
    for art in ET.parse(path).getroot().iter("PubmedArticle"):
        c.records += 1
        for au in art.iter("Author"):
            if au.get("ValidYN") == "N" or au.find("LastName") is None:
                continue
            c.author([(text(a), None) for a in au.findall("AffiliationInfo/Affiliation") if text(a)])
    return c


def wos_groups(values):
    out = []
    for v in values:
        rest = v
        while True:
            rest = rest.lstrip(" ;")
            if not rest:
                break
            names = []
            if rest.startswith("[") and "]" in rest:
                close = rest.index("]")
                names = [n.strip() for n in rest[1:close].split(";") if n.strip()]
                rest = rest[close + 1:]
            sep = "; [" if names else "; "
            end = rest.find(sep)
            end = len(rest) if end < 0 else end
            address = rest[:end].strip()
            if address.endswith("."):
                address = address[:-1]
            if address:
                out.append((names, address))
            rest = rest[end:]
    return out


def letters(t):
    return "".join(ch for ch in t.lower() if ch.isalpha() or ch.isdigit())


def family_initial(t):
    """'Bruna, Emilio M.' -> 'bruna|e' (names are 'Family, Given')."""
    if "," not in t:
        return None
    family, given = t.split(",", 1)
    given = given.strip()
    return letters(family) + "|" + letters(given[:1]) if family.strip() and given else None


def wos_record(c, fields):
    af = fields.get("AF") or fields.get("AU") or []
    au = fields.get("AU") or []
    c.records += 1
    # A C1 name is matched to an author by the exact text (AF or AU), else the folded text, else
    # family name + first given letter when exactly one author has it.
    exact, folded, fi = {}, {}, {}
    for i, n in enumerate(af):
        for f in [n] + ([au[i]] if fields.get("AF") and len(au) == len(af) else []):
            exact.setdefault(f, i)
            folded.setdefault(letters(f), i)
            k = family_initial(f)
            if k:
                fi.setdefault(k, set()).add(i)
    by_author = [[] for _ in af]
    groups = wos_groups(fields.get("C1", []))
    if not groups and fields.get("RP"):
        # No C1: the reprint address(es), "Name (corresponding author), Address.; Name (…), Address."
        rp = " ".join(fields["RP"])
        for marker in (" (corresponding author), ", " (reprint author), "):
            if marker in rp:
                pieces = rp.split(marker)
                name = pieces[0].strip()
                for k in range(1, len(pieces)):
                    address, nxt = pieces[k], ""
                    if k + 1 < len(pieces) and "; " in address:
                        address, nxt = address.rsplit("; ", 1)
                    address = address.strip()
                    if address.endswith("."):
                        address = address[:-1]
                    if address:
                        groups.append(([name], address))
                    name = nxt.strip()
                break
    for names, address in groups:
        if not names:
            c.unlinked += 1
        for n in names:
            i = exact.get(n, folded.get(letters(n)))
            if i is None:
                k = family_initial(n)
                if k and len(fi.get(k, ())) == 1:
                    i = next(iter(fi[k]))
            if i is None:
                c.unlinked += 1
            else:
                by_author[i].append((address, None))
    for a in by_author:
        c.author(a)


def wos_field_records(path):
    """The records of a plain-text Web of Science export as {tag: [values]} (AF, AU, C1: one value
    per line; RP: continuation lines joined)."""
    fields, tag = None, None
    for line in open(path, encoding="utf-8-sig"):
        line = line.rstrip("\n")
        if line.startswith("PT "):
            fields, tag = {}, None
            continue
        if fields is None:
            continue
        if line == "ER":
            yield fields
            fields = None
            continue
        if len(line) >= 2 and line[:2].strip() and (len(line) == 2 or line[2] == " ") and not line.startswith("   "):
            tag = line[:2]
            fields.setdefault(tag, []).append(" ".join(line[3:].split()))
        elif line.startswith("   ") and tag in ("AF", "AU", "C1"):
            fields[tag].append(" ".join(line.split()))
        elif line.startswith("   ") and tag == "RP":
            fields[tag][-1] += " " + " ".join(line.split())


def wos(path):
    c = Counts()
    for fields in wos_field_records(path):
        wos_record(c, fields)
    return c


def wos_tsv(path):
    c = Counts()
    rows = list(csv.reader(open(path, encoding="utf-8-sig", newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
    header = rows[0]
    for row in rows[1:]:
        if not any(x.strip() for x in row):
            continue
        r = dict(zip(header, row))
        fields = {"AF": [n.strip() for n in r.get("AF", "").split(";") if n.strip()],
                  "AU": [n.strip() for n in r.get("AU", "").split(";") if n.strip()],
                  "C1": [r.get("C1", "")],
                  "RP": [r["RP"]] if r.get("RP", "").strip() else []}
        wos_record(c, fields)
    return c


def split_after_country(parts):
    out, cur = [], []
    for k, p in enumerate(parts):
        cur.append(p)
        if k < len(parts) - 1 and fold(p) in NAMES:
            out.append(", ".join(cur).strip())
            cur = []
    if cur:
        out.append(", ".join(cur).strip())
    return [o for o in out if o]


def scopus(path):
    c = Counts()
    rows = list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
    header = [h.strip().lower() for h in rows[0]]
    for row in rows[1:]:
        if not any(x.strip() for x in row):
            continue
        r = dict(zip(header, row))
        c.records += 1
        short = r.get("authors", "")
        sep = ";" if ";" in short else ","
        shorts = [s.strip() for s in short.split(sep) if s.strip() and s.strip() != "[No author name available]"]
        full = [s.strip() for s in r.get("author full names", "").split(";") if s.strip()]
        names = full if full else shorts
        forms = shorts if len(shorts) == len(names) else names
        affs = [[] for _ in names]
        awa = r.get("authors with affiliations", "").strip()
        nxt = 0
        for entry in awa.split("; ") if awa else []:
            parts = entry.split(", ")
            hit = None
            for k in (2, 1):
                if len(parts) > k and hit is None:
                    cands = [i for i, f in enumerate(forms) if fold(f) == fold(" ".join(parts[:k]))]
                    if cands:
                        hit = (next((i for i in cands if i >= nxt), cands[0]), k)
            if hit is None:
                c.unlinked += len(split_after_country(parts))
                continue
            nxt = hit[0] + 1
            affs[hit[0]] += [(a, None) for a in split_after_country(parts[hit[1]:])]
        unlinked = paper_affiliations(r["affiliations"], affs) if not awa and r.get("affiliations", "").strip() else []
        families = []
        for f in full:
            f = re.sub(r"\s*\(\d+\)$", "", f)
            families.append(tuple(x.strip() for x in f.split(",", 1)) if "," in f else (f, ""))
        if not full:
            for sname in shorts:
                toks = sname.split()
                k = len(toks)
                while k > 1 and toks[k - 1].endswith("."):
                    k -= 1
                families.append((" ".join(toks[:k]), " ".join(toks[k:])))
        correspondents(r.get("correspondence address", ""), families, affs, unlinked)
        c.unlinked += len(unlinked)
        for a in affs:
            c.author(a)
    return c


def paper_affiliations(text, affs):
    """Scopus `Affiliations`: the paper's, linked on a one-author paper; else the unlinked list."""
    seen = []
    for a in text.split("; "):
        a = a.strip()
        if a and a not in seen:
            seen.append(a)
    if len(affs) == 1:
        affs[0] += [(a, None) for a in seen]
        return []
    return seen


def last_word(family):
    w = fold(family).split(" ")
    return w[-1] if w else ""


def correspondents(text, families, affs, unlinked=()):
    """Scopus `Correspondence Address`: `Name; Address; email: x` per corresponding author; each
    links the first author without an affiliation whose family's last word and first initial match;
    an address that is also one of the paper's (unlinked) affiliations is then linked: removed from
    `unlinked`."""
    entries, name, addr = [], None, []
    for part in [p.strip() for p in text.split("; ")]:
        if not part:
            continue
        if part.lower().startswith("email:"):
            if name is not None and addr:
                entries.append((name, "; ".join(addr)))
            name, addr = None, []
        elif name is None:
            name = part
        else:
            addr.append(part)
    if name is not None and addr:
        entries.append((name, "; ".join(addr)))
    for name, address in entries:
        if "," in name:
            fam, giv = [x.strip() for x in name.split(",", 1)]
        else:
            toks = name.split()
            fam, giv = toks[-1], (toks[0] if len(toks) > 1 else "")
        ini = fold(giv)[:1]
        for i, (f, g) in enumerate(families):
            if not affs[i] and last_word(f) == last_word(fam) and (not ini or fold(g)[:1] == ini):
                affs[i] = [(address, None)]
                if address in unlinked:
                    unlinked.remove(address)
                break


def bib_fields(body):
    """name -> value of a BibTeX entry body with braced values (Scopus writes only those)."""
    out, i, n = {}, 0, len(body)
    while i < n:
        m = re.compile(r"\s*,?\s*([^=,{}\s][^=,{}]*?)\s*=\s*").match(body, i)  # Scopus: `funding_text\xa01`
        if not m:
            break
        i = m.end()
        if i < n and body[i] == "{":
            depth, j = 0, i
            while j < n:
                if body[j] == "{":
                    depth += 1
                elif body[j] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            out[m.group(1).lower()] = re.sub(r"\s+", " ", body[i + 1:j].replace("{", "").replace("}", "")).strip()
            i = j + 1
        else:
            j = body.find(",", i)
            j = n if j < 0 else j
            out[m.group(1).lower()] = body[i:j].strip()
            i = j
    return out


def scopus_bib(path):
    c = Counts()
    text = open(path, encoding="utf-8-sig").read()
    for m in re.finditer(r"@(\w+)\s*\{", text):
        if m.group(1).lower() in ("comment", "string", "preamble"):
            continue
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        body = text[m.end():j - 1]
        body = body[body.find(",") + 1:]
        f = bib_fields(body)
        c.records += 1
        families = []
        for a in re.split(r"\s+and\s+", f.get("author", "")) if f.get("author", "").strip() else []:
            families.append(tuple(x.strip() for x in a.split(",", 1)) if "," in a else (a.split()[-1], " ".join(a.split()[:-1])))
        affs = [[] for _ in families]
        aff = f.get("affiliations", f.get("affiliation", ""))
        unlinked = paper_affiliations(aff, affs) if aff else []
        correspondents(f.get("correspondence_address", f.get("correspondence_address1", "")), families, affs, unlinked)
        c.unlinked += len(unlinked)
        for a in affs:
            c.author(a)
    return c


if __name__ == "__main__":
    fmt, path = sys.argv[1], sys.argv[2]
    c = {"openalex": openalex, "pubmed": pubmed, "wos": wos, "wos-tsv": wos_tsv, "scopus": scopus,
         "scopus-bib": scopus_bib}[fmt](path)
    print(json.dumps(c.dump(), sort_keys=False))
