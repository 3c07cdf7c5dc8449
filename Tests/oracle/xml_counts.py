#!/usr/bin/env python3
"""Independent counts for the XML readers' test files (Python standard library only).

usage: xml_counts.py [--records] FILE

Reads a dblp XML, PubMed XML or ACL Anthology XML file with xml.etree.ElementTree.iterparse and
prints one JSON object:

  format            "dblp" | "pubmed" | "acl" (from the root element)
  records           papers: dblp article/inproceedings/proceedings/book/incollection/phdthesis/
                    mastersthesis (not www/person/data); PubmedArticle + PubmedBookArticle; ACL <paper>
  mentions          person author mentions
  distinct_authors  distinct author strings: dblp the <author> text (homonym number included);
                    PubMed (LastName [+ " " Suffix], ForeName or else Initials); ACL (first, last)
  pairs             distinct unordered pairs of distinct author strings that share a record
  orcid_mentions, distinct_orcids   author ORCIDs (dblp orcid=, PubMed Identifier Source="ORCID"),
                    written 0000-0000-0000-000X
  id_mentions, distinct_ids         ACL <author id="...">
  group_authors     PubMed CollectiveName mentions
  records_without_authors
  details (with --records)  one [id, year, title, [author strings]] per record, in file order;
                    for ACL the id is the paper's <url> text (the Anthology ID), "" when absent

Text is the element's itertext() with XML white space (space, tab, LF, CR) collapsed and trimmed.
dblp.xml uses the character entities its DTD declares (&uuml; ...); expat does not read DTDs, so
they are rewritten to numeric references first, using the table in the dblp.dtd found next to the
file (or given with --dtd).
"""
import io
import itertools
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

WS = re.compile(r"[ \t\n\r]+")


def norm(s):
    return WS.sub(" ", s or "").strip(" ")


def text(e):
    return norm("".join(e.itertext())) if e is not None else ""


def dtd_entities(path):
    with open(path, encoding="latin-1") as f:
        dtd = f.read()
    return {m.group(1): int(m.group(2)) for m in re.finditer(r'<!ENTITY\s+(\w+)\s+"&#(\d+);"\s*>', dtd)}


def orcid(s):
    s = s.strip()
    if "orcid.org/" in s:
        s = s.split("orcid.org/", 1)[1]
    s = s.replace("-", "").replace(" ", "").upper()
    return "-".join(s[i:i + 4] for i in range(0, len(s), 4))


def pairs_of(names):
    return itertools.combinations(sorted(set(names)), 2)


class Counter:
    def __init__(self, fmt):
        self.fmt = fmt
        self.records = 0
        self.mentions = 0
        self.authors = set()
        self.pairs = set()
        self.orcid_mentions = 0
        self.orcids = set()
        self.id_mentions = 0
        self.ids = set()
        self.groups = 0
        self.without = 0
        self.details = []

    def record(self, rid, year, title, names):
        self.records += 1
        self.mentions += len(names)
        if not names:
            self.without += 1
        self.authors.update(names)
        self.pairs.update(pairs_of(names))
        self.details.append([rid, year, title, names])

    def result(self, with_details):
        out = {
            "format": self.fmt, "records": self.records, "mentions": self.mentions,
            "distinct_authors": len(self.authors), "pairs": len(self.pairs),
            "orcid_mentions": self.orcid_mentions, "distinct_orcids": len(self.orcids),
            "id_mentions": self.id_mentions, "distinct_ids": len(self.ids),
            "group_authors": self.groups, "records_without_authors": self.without,
        }
        if with_details:
            out["details"] = self.details
        return out


def year_of(s):
    s = norm(s)
    return int(s) if re.fullmatch(r"\d{4}", s) else None


DBLP_KINDS = {"article", "inproceedings", "proceedings", "book", "incollection", "phdthesis", "mastersthesis"}


def dblp(stream, c):
    depth = 0
    for ev, e in ET.iterparse(stream, events=("start", "end")):
        if ev == "start":
            depth += 1
            continue
        depth -= 1
        if depth != 1:
            continue
        if e.tag in DBLP_KINDS:
            names = []
            for a in e.findall("author"):
                names.append(text(a))
                if a.get("orcid"):
                    c.orcid_mentions += 1
                    c.orcids.add(orcid(a.get("orcid")))
            y = e.find("year")
            c.record(e.get("key"), year_of(y.text) if y is not None else None, text(e.find("title")), names)
        e.clear()


def pubmed_names(author_list, c):
    names = []
    if author_list is None:
        return names
    for a in author_list.findall("Author"):
        if a.get("ValidYN") == "N":
            continue
        last = a.find("LastName")
        if last is not None and text(last):
            family = text(last)
            if a.find("Suffix") is not None and text(a.find("Suffix")):
                family += " " + text(a.find("Suffix"))
            given = text(a.find("ForeName")) or text(a.find("Initials"))
            names.append(family + "|" + given)
            for i in a.findall("Identifier"):
                if (i.get("Source") or "").upper() == "ORCID":
                    c.orcid_mentions += 1
                    c.orcids.add(orcid(i.text or ""))
        elif a.find("CollectiveName") is not None:
            c.groups += 1
    return names


def pubmed_year(pub_date):
    if pub_date is None:
        return None
    y = pub_date.find("Year")
    if y is not None and year_of(y.text):
        return year_of(y.text)
    m = pub_date.find("MedlineDate")
    if m is not None:
        found = re.search(r"(?<!\d)\d{4}(?!\d)", m.text or "")
        return int(found.group(0)) if found else None
    return None


def pubmed(stream, c):
    depth = 0
    for ev, e in ET.iterparse(stream, events=("start", "end")):
        if ev == "start":
            depth += 1
            continue
        depth -= 1
        if depth != 1:
            continue
        if e.tag == "PubmedArticle":
            mc = e.find("MedlineCitation")
            art = mc.find("Article")
            names = pubmed_names(art.find("AuthorList"), c)
            title = text(art.find("ArticleTitle")) or text(art.find("VernacularTitle"))
            c.record(text(mc.find("PMID")), pubmed_year(art.find("Journal/JournalIssue/PubDate")), title, names)
        elif e.tag == "PubmedBookArticle":
            bd = e.find("BookDocument")
            lists = [l for l in bd.findall("AuthorList") if l.get("Type") != "editors"]
            names = []
            for l in lists:
                names += pubmed_names(l, c)
            if not names:
                for l in bd.findall("Book/AuthorList"):
                    if l.get("Type") != "editors":
                        names += pubmed_names(l, c)
            title = text(bd.find("ArticleTitle")) or text(bd.find("VernacularTitle")) or text(bd.find("Book/BookTitle"))
            c.record(text(bd.find("PMID")), pubmed_year(bd.find("Book/PubDate")), title, names)
        e.clear()


def acl(stream, c):
    depth = 0
    for ev, e in ET.iterparse(stream, events=("start", "end")):
        if ev == "start":
            depth += 1
            continue
        depth -= 1
        if depth != 1 or e.tag != "volume":
            continue
        y = e.find("meta/year")
        year = year_of(y.text) if y is not None else None
        for p in e.findall("paper"):
            names = []
            for a in p.findall("author"):
                names.append(text(a.find("first")) + "|" + text(a.find("last")))
                if a.get("id"):
                    c.id_mentions += 1
                    c.ids.add(a.get("id"))
            c.record(text(p.find("url")), year, text(p.find("title")), names)
        e.clear()


def main(argv):
    with_details = "--records" in argv
    args = [a for a in argv if a != "--records"]
    dtd = None
    if "--dtd" in args:
        i = args.index("--dtd")
        dtd = args[i + 1]
        del args[i:i + 2]
    path = args[0]
    with open(path, "rb") as f:
        data = f.read()
    root = re.search(rb"<([A-Za-z_][\w.-]*)", re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", data, count=8, flags=re.S))
    tag = root.group(1).decode()
    if tag == "dblp":
        table = dtd_entities(dtd or os.path.join(os.path.dirname(path), "dblp.dtd"))
        data = re.sub(rb"&(\w+);", lambda m: (b"&#%d;" % table[m.group(1).decode()]) if m.group(1).decode() in table
                      else m.group(0), data)
        c = Counter("dblp")
        dblp(io.BytesIO(data), c)
    elif tag == "PubmedArticleSet":
        c = Counter("pubmed")
        pubmed(io.BytesIO(data), c)
    elif tag == "collection":
        c = Counter("acl")
        acl(io.BytesIO(data), c)
    else:
        sys.exit(f"{path}: unknown root element <{tag}>")
    json.dump(c.result(with_details), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
