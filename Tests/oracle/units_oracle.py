#!/usr/bin/env python3
"""Independent oracle for organisation and country networks and the collaboration indicators.

    python3 Tests/oracle/units_oracle.py FORMAT FILE

FORMAT is openalex (an API page of works) or wos (a plain-text export). Prints one JSON object:
  country / organization: {"nodes": {key: papers}, "fractional": {key: share sum},
                           "edges": {"a|b": [joint papers, sum of 1/(n-1)]}} (a < b)
  indicators: every field `coauthor indicators --format json` prints (countries as a list).

Written from docs/organizations.md and docs/indicators.md with the standard library and pandas, not
from the Swift sources. Addresses are placed in countries by affiliations.place (the same rule,
written again in Python); the department rule and the organisation name key are written here.
"""
import json, math, os, sys
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import affiliations as A  # noqa: E402

SUBUNIT = {"dept", "department", "departments", "departamento", "departament", "departement", "dipartimento",
           "division", "div", "section", "sect", "unit", "lab", "labs", "laboratory", "laboratories",
           "laboratorio", "group", "grp", "program", "programme", "faculty", "fac", "chair", "service"}
ABBREV = {"univ": "university", "inst": "institute", "natl": "national", "ctr": "center", "cntr": "center",
          "centre": "center", "acad": "academy", "sci": "science", "technol": "technology", "hosp": "hospital",
          "coll": "college", "lab": "laboratory", "res": "research", "dept": "department", "med": "medicine"}
STOP = {"of", "the", "at", "and", "for", "in", "de", "da", "do", "di", "du", "des", "la", "le", "del", "der"}


def is_subunit(part):
    f = A.fold(part)
    w = f.split(" ")
    if not f:
        return False
    return w[0] in SUBUNIT or (w[0] == "school" and len(w) > 1 and w[1] == "of") or "key lab" in f


def organization(address):
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if not parts:
        return address.strip()
    for p in parts:
        if not is_subunit(p):
            return p
    return parts[0]


def org_key(name):
    out = []
    for w in A.fold(name).split(" "):
        if not w:
            continue
        w = ABBREV.get(w, w)
        if w in STOP:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return " ".join(out)


# A record: {"year": int|None, "authors": [(key, [aff, ...])], "whole": [aff, ...]}
# aff: {"name": str, "code": str|None, "ids": {"ror": ..., "openalex": ...}}

def link_ids(out, links):
    """docs/identity.md, key rule 5: ids of different schemes written on one mention are one person
    (union-find in first-seen order; never two ids of one scheme; a group two of whose ids write on
    one paper is not joined), keyed by the best id (orcid first)."""
    parent, scheme = {}, {}
    def find(x):
        parent.setdefault(x, x)
        scheme.setdefault(x, {x.split(":")[0]: x})
        while parent[x] != x:
            x = parent[x]
        return x
    for a, b in links:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if any(k in scheme[rb] and scheme[rb][k] != v for k, v in scheme[ra].items()):
            continue
        parent[rb] = ra
        scheme[ra].update(scheme[rb])
    groups = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    used = {k for w in out for k, _ in w["authors"]}
    head = {}
    for r, g in groups.items():
        g = [x for x in g if x in used]
        if len(g) < 2:
            continue
        if any(len({k for k, _ in w["authors"] if k in g}) > 1 for w in out):
            continue
        best = min(g, key=lambda x: (["orcid", "dblp", "openalex", "scopus", "s2", "acl", "researcherid"].index(x.split(":")[0]), x))
        for x in g:
            head[x] = best
    for w in out:
        w["authors"] = [(head.get(k, k), a) for k, a in w["authors"]]
    return out


def read_openalex(path):
    out, links = [], []
    for w in json.load(open(path, encoding="utf-8"))["results"]:
        authors, seen = [], set()
        for a in w.get("authorships") or []:
            au = a.get("author") or {}
            name = (au.get("display_name") or a.get("raw_author_name") or "").strip()
            if not name:
                continue
            key = None
            o = (au.get("orcid") or "")
            if o:
                import scholarly_formats as S
                b = S.orcid_bare(o)
                key = "orcid:" + b if b else None
            if key is not None and au.get("id"):
                links.append((key, "openalex:" + au["id"].rsplit("/", 1)[-1]))
            if key is None and au.get("id"):
                key = "openalex:" + au["id"].rsplit("/", 1)[-1]
            if key is None:
                key = "name:" + name
            affs, codes = [], set()
            for inst in a.get("institutions") or []:
                nm = (inst.get("display_name") or "").strip()
                ids = {}
                if inst.get("id"):
                    ids["openalex"] = inst["id"].rsplit("/", 1)[-1]
                if inst.get("ror"):
                    ids["ror"] = inst["ror"].replace("https://ror.org/", "")
                if not nm and not ids:
                    continue
                cc = (inst.get("country_code") or "").strip().upper() or None
                if cc:
                    codes.add(cc)
                affs.append({"name": nm, "code": cc, "ids": ids})
            only = False
            for cc in a.get("countries") or []:
                cc = cc.strip().upper()
                if cc and cc not in codes:
                    codes.add(cc)
                    affs.append({"name": "", "code": cc, "ids": {}})
                    only = True
            if not affs and not only:
                affs = [{"name": s.strip(), "code": None, "ids": {}} for s in a.get("raw_affiliation_strings") or [] if s.strip()]
            if key in seen:
                # the same person twice on one paper: one author, affiliations joined
                for k, (kk, aa) in enumerate(authors):
                    if kk == key:
                        authors[k] = (kk, aa + [x for x in affs if x not in aa])
                continue
            seen.add(key)
            authors.append((key, affs))
        out.append({"year": w.get("publication_year"), "authors": authors, "whole": []})
    return link_ids(out, links)


def read_wos(path):
    out = []
    for fields in A.wos_field_records(path):
        af = fields.get("AF") or fields.get("AU") or []
        by = {n: [] for n in af}
        whole = []
        for names, address in A.wos_groups(fields.get("C1", [])):
            aff = {"name": address, "code": None, "ids": {}}
            if not names:
                whole.append(aff)
            for n in names:
                if n in by and aff not in by[n]:
                    by[n].append(aff)
        year = int(fields["PY"][0]) if fields.get("PY") else None
        out.append({"year": year, "authors": [("name:" + n, by[n]) for n in dict.fromkeys(af)], "whole": whole})
    return out


def unit_of(aff, unit):
    if unit == "country":
        if aff["code"] and aff["code"] in A.CODES:
            return aff["code"]
        if aff["name"]:
            return A.place(aff["name"]) or "unknown"
        return "unknown" if aff["code"] else None
    ids = aff["ids"]
    if "ror" in ids:
        return "ror:" + ids["ror"]
    if "openalex" in ids:
        return "openalex:" + ids["openalex"]
    if aff["name"]:
        k = org_key(organization(aff["name"]))
        return "org:" + k if k else None
    return None


def paper_units(rec, unit):
    """[(unit, fractional share)] in order of first appearance."""
    whole = []
    for a in rec["whole"]:
        u = unit_of(a, unit)
        if u and u not in whole:
            whole.append(u)
    per = []
    for key, affs in rec["authors"]:
        us = []
        for a in affs:
            u = unit_of(a, unit)
            if u and u not in us:
                us.append(u)
        per.append(us or whole)
    with_unit = sum(1 for us in per if us)
    shares = {}
    if not rec["authors"] and whole:
        for u in whole:
            shares[u] = 1 / len(whole)
    for us in per:
        for u in us:
            shares[u] = shares.get(u, 0) + 1 / (with_unit * len(us))
    return list(shares.items())


def network(records, unit):
    rows, edges = [], []
    for i, r in enumerate(records):
        us = paper_units(r, unit)
        for u, s in us:
            rows.append({"paper": i, "unit": u, "share": s})
        n = len(us)
        for x in range(n):
            for y in range(x + 1, n):
                a, b = sorted([us[x][0], us[y][0]])
                edges.append({"a": a, "b": b, "w": 1, "f": 1 / (n - 1)})
    df = pd.DataFrame(rows, columns=["paper", "unit", "share"])
    nodes = df.groupby("unit").agg(papers=("paper", "nunique"), share=("share", "sum"))
    ef = pd.DataFrame(edges, columns=["a", "b", "w", "f"]).groupby(["a", "b"]).sum()
    papers = {k: int(v) for k, v in nodes["papers"].items()}
    # Normalised tie weights from joint papers c_ij and the papers of both ends (bibliometrix's
    # normalizeSimilarity; association strength after van Eck & Waltman 2009).
    methods = {
        "association": lambda c, a, b: c / (a * b),
        "cosine": lambda c, a, b: c / math.sqrt(a * b),
        "jaccard": lambda c, a, b: c / (a + b - c),
        "inclusion": lambda c, a, b: c / min(a, b),
        "equivalence": lambda c, a, b: c * c / (a * b),
    }
    normalized = {m: {f"{a}|{b}": fn(float(r.w), papers[a], papers[b]) for (a, b), r in ef.iterrows()}
                  for m, fn in methods.items()}
    return {"nodes": papers,
            "fractional": {k: float(v) for k, v in nodes["share"].items()},
            "edges": {f"{a}|{b}": [int(r.w), float(r.f)] for (a, b), r in ef.iterrows()},
            "normalized": normalized}


def zeta(s, K=100):
    """zeta(s) and zeta'(s): direct sums below K and four Euler-Maclaurin terms from K."""
    v = sum(k ** -s for k in range(1, K))
    dv = -sum(math.log(k) * k ** -s for k in range(1, K))
    L = math.log(K)
    # Tail f(x)=x^-s from K: integral + f(K)/2 - f'(K)/12 + f'''(K)/720 - f^(5)(K)/30240
    terms = [(K ** (1 - s) / (s - 1), -L * K ** (1 - s) / (s - 1) - K ** (1 - s) / (s - 1) ** 2),
             (K ** -s / 2, -L * K ** -s / 2)]
    p1 = s
    terms.append((p1 * K ** (-s - 1) / 12, (1 - p1 * L) * K ** (-s - 1) / 12))
    p3 = s * (s + 1) * (s + 2)
    dp3 = 3 * s * s + 6 * s + 2
    terms.append((-p3 * K ** (-s - 3) / 720, -(dp3 - p3 * L) * K ** (-s - 3) / 720))
    p5 = s * (s + 1) * (s + 2) * (s + 3) * (s + 4)
    dp5 = (5 * s ** 4 + 40 * s ** 3 + 105 * s ** 2 + 100 * s + 24)
    terms.append((p5 * K ** (-s - 5) / 30240, (dp5 - p5 * L) * K ** (-s - 5) / 30240))
    for t, dt in terms:
        v += t
        dv += dt
    return v, dv


def lotka(counts):
    total = len(counts)
    freq = {}
    for x in counts:
        freq[x] = freq.get(x, 0) + 1
    xs = sorted(freq)
    out = {"beta_least_squares": None, "c_least_squares": None, "r_squared": None, "alpha_mle": None,
           "ks_statistic": None, "frequencies": [{"papers": x, "authors": freq[x]} for x in xs]}
    if len(xs) >= 2:
        lx = [math.log10(x) for x in xs]
        ly = [math.log10(freq[x] / total) for x in xs]
        n = len(lx)
        mx, my = sum(lx) / n, sum(ly) / n
        sxy = sum((a - mx) * (b - my) for a, b in zip(lx, ly))
        sxx = sum((a - mx) ** 2 for a in lx)
        syy = sum((b - my) ** 2 for b in ly)
        slope = sxy / sxx
        out["beta_least_squares"] = -slope
        out["c_least_squares"] = 10 ** (my - slope * mx)
        out["r_squared"] = sxy * sxy / (sxx * syy) if syy > 0 else None
    mean_log = sum(math.log(x) for x in counts) / total
    if mean_log <= 0:
        return out

    def g(a):
        z, dz = zeta(a)
        return dz / z + mean_log
    lo, hi = 1 + 1e-9, 50.0
    if not (g(lo) < 0 < g(hi)):
        return out
    while hi - lo > 1e-13:
        mid = (lo + hi) / 2
        if g(mid) < 0:
            lo = mid
        else:
            hi = mid
    alpha = (lo + hi) / 2
    z = zeta(alpha)[0]
    cdf = emp = d = 0.0
    for x in range(1, xs[-1] + 1):
        cdf += x ** -alpha / z
        emp += freq.get(x, 0) / total
        d = max(d, abs(emp - cdf))
    out["alpha_mle"], out["ks_statistic"] = alpha, d
    return out


def indicators(records):
    papers = [r for r in records if r["authors"]]
    N = len(papers)
    f = {}
    per_author = {}
    for r in papers:
        j = len(r["authors"])
        f[j] = f.get(j, 0) + 1
        for k, _ in r["authors"]:
            per_author[k] = per_author.get(k, 0) + 1
    f1 = f.get(1, 0)
    multi = N - f1
    out = {"papers": N, "authors": len(per_author), "single_authored_papers": f1, "multi_authored_papers": multi}
    if N:
        cc = 1 - sum(c / j for j, c in f.items()) / N
        out.update({
            "authors_per_paper": sum(j * c for j, c in f.items()) / N,
            "papers_per_author": N / len(per_author),
            "collaboration_index": sum(j * c for j, c in f.items() if j >= 2) / multi if multi else None,
            "degree_of_collaboration": multi / N,
            "collaboration_coefficient": cc,
            "modified_collaboration_coefficient": N / (N - 1) * cc if N > 1 else None,
            "lotka": lotka(list(per_author.values())),
        })
    # Countries.
    rows = {}
    with_known = international = with_country = 0
    for r in records:
        us = paper_units(r, "country")
        if not us:
            continue
        with_country += 1
        known = [u for u, _ in us if u != "unknown"]
        with_known += bool(known)
        international += len(known) > 1
        for u, s in us:
            row = rows.setdefault(u, {"papers": 0, "fractional": 0.0, "scp": 0, "mcp": 0})
            row["papers"] += 1
            row["fractional"] += s
            if u != "unknown":
                row["scp" if len(known) == 1 else "mcp"] += 1
    out["papers_with_country"] = with_country
    out["international_coauthorship_share"] = international / with_known if with_known else None
    out["countries"] = None if not rows else sorted(
        [{"country": u, "papers": v["papers"], "fractional": v["fractional"], "scp": v["scp"], "mcp": v["mcp"],
          "mcp_ratio": (v["mcp"] / v["papers"]) if u != "unknown" else None} for u, v in rows.items()],
        key=lambda r: (-r["papers"], r["country"]))
    return out


if __name__ == "__main__":
    fmt, path = sys.argv[1], sys.argv[2]
    records = {"openalex": read_openalex, "wos": read_wos}[fmt](path)
    print(json.dumps({"country": network(records, "country"), "organization": network(records, "organization"),
                      "indicators": indicators(records)}))
