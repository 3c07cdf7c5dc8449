"""Round trip: every case exported in every format and read back as a user would.

The node-link JSON export is checked against `coauthor rank` and `coauthor stats` (other code
paths: node ids, names, paper counts, degrees, metrics, edge and weight totals) and is then the
reference every other format must match exactly: same node set, same edge set, same weights, same
attribute values (unknown = missing = NaN).
"""
import collections
import json
import math
import re

import networkx as nx
import pandas as pd
import pytest

from conftest import METRICS


# ---------------------------------------------------------------------------------------------
# Helpers


def norm(v):
    """A comparable value: None for missing/NaN, floats for numbers, "; "-joined lists."""
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        f = float(v)
        return None if math.isnan(f) else f
    if isinstance(v, list):
        return "; ".join(v)
    if isinstance(v, float) and math.isnan(v):
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(v, "item"):  # numpy scalars from pandas
        return norm(v.item())
    return v


def nodes_of(truth):
    return {n["id"]: n for n in truth["nodes"]}


def edges_of(truth):
    return {frozenset((e["source"], e["target"])): e for e in truth["edges"]}


def node_attrs(truth):
    return [a for a in truth["graph"]["node_attributes"] if a != "id"]


def edge_attrs(truth):
    return list(truth["graph"]["edge_attributes"])


def unique_labels(truth):
    """The labels Pajek and GML carry: a shared display name gets ` (id)` appended."""
    labels = [n["label"] for n in truth["nodes"]]
    ids = [n["id"] for n in truth["nodes"]]
    count = collections.Counter(labels)
    used = {l for l in labels if count[l] == 1}
    out = []
    for l, i in zip(labels, ids):
        if count[l] == 1:
            out.append(l)
            continue
        c, k = f"{l} ({i})", 2
        while c in used:
            c, k = f"{l} ({i}) #{k}", k + 1
        used.add(c)
        out.append(c)
    return out


def assert_same_nodes(got: dict, truth, attrs, fmt):
    want = nodes_of(truth)
    assert set(got) == set(want), f"{fmt}: node sets differ"
    for nid, w in want.items():
        g = got[nid]
        for a in attrs:
            assert norm(g.get(a)) == norm(w.get(a)), f"{fmt}: node {nid!r} attribute {a}: {g.get(a)!r} != {w.get(a)!r}"


def assert_same_edges(got: dict, truth, attrs, fmt):
    want = edges_of(truth)
    assert set(got) == set(want), f"{fmt}: edge sets differ"
    for k, w in want.items():
        g = got[k]
        for a in attrs:
            assert norm(g.get(a)) == norm(w.get(a)), f"{fmt}: edge {sorted(k)} attribute {a}: {g.get(a)!r} != {w.get(a)!r}"


def graph_nodes(G):
    return {n: d for n, d in G.nodes(data=True)}


def graph_edges(G):
    return {frozenset((a, b)): d for a, b, d in G.edges(data=True)}


# ---------------------------------------------------------------------------------------------
# The reference (node-link JSON) against other commands


def test_reference_agrees_with_rank_and_stats(case):
    truth, rank, stats = case["truth"], case["rank"], case["stats"]
    nodes = nodes_of(truth)
    by_key = {r["key"]: r for r in rank}
    assert set(nodes) == set(by_key)
    degree = collections.Counter()
    for e in truth["edges"]:
        degree[e["source"]] += 1
        degree[e["target"]] += 1
    for k, r in by_key.items():
        n = nodes[k]
        assert n["label"] == r["author"]
        assert n["papers"] == r["papers"]
        assert degree[k] == r["degree"]
        for m in METRICS:
            a, b = n[m], r[m]
            if a is None or b is None:
                assert a is None and b is None, (k, m)
            else:
                assert math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15), (k, m, a, b)
    assert len(truth["nodes"]) == stats["authors"]
    assert len(truth["edges"]) == stats["edges"]
    assert sum(e["papers"] for e in truth["edges"]) == stats["total_weight"]
    counts = truth["graph"]["counts"]
    assert counts == {"nodes": stats["authors"], "edges": stats["edges"], "papers": stats["papers"],
                      "communities": stats["components"]}
    # The papers behind each edge are listed, one per joint paper.
    for e in truth["edges"]:
        assert e["weight"] == e["papers"] == len(e["paper_ids"]) >= 1
        assert (e["first_year"] is None) == (e["last_year"] is None)
        if e["first_year"] is not None:
            assert e["first_year"] <= e["last_year"]
    # Components: one community per component, numbered by size.
    sizes = collections.Counter(n["community"] for n in truth["nodes"])
    assert len(sizes) == stats["components"]
    assert max(sizes.values()) == stats["largest_component"]
    ordered = [sizes[c] for c in sorted(sizes)]
    assert ordered == sorted(ordered, reverse=True)


def test_json_node_link(case):
    truth = case["truth"]
    data = json.loads(case["paths"]["json"].read_text(encoding="utf-8"))
    G = nx.node_link_graph(data, edges="edges")
    assert type(G) is nx.Graph
    assert_same_nodes(graph_nodes(G), truth, node_attrs(truth), "json")
    assert_same_edges(graph_edges(G), truth, edge_attrs(truth), "json")
    meta = G.graph
    assert meta["generator"] == "coauthor" and meta["version"]
    assert meta["inputs"] == case["files"]
    assert meta["options"]["metrics"] == ",".join(METRICS)
    assert meta["options"]["communities"] == "components"
    assert meta["counting"] == "full"


# ---------------------------------------------------------------------------------------------
# Every other format against the reference


def test_graphml(case):
    truth = case["truth"]
    G = nx.read_graphml(case["paths"]["graphml"])
    assert type(G) is nx.Graph
    assert_same_nodes(graph_nodes(G), truth, node_attrs(truth), "graphml")
    assert_same_edges(graph_edges(G), truth, edge_attrs(truth), "graphml")
    # Typed keys: integers stay integers.
    some = next(iter(G.nodes(data=True)))[1]
    assert isinstance(some["papers"], int) and isinstance(some["community"], int)
    import xml.etree.ElementTree as ET
    desc = ET.parse(case["paths"]["graphml"]).getroot().find(
        "{http://graphml.graphdrawing.org/xmlns}graph/{http://graphml.graphdrawing.org/xmlns}desc").text
    assert desc.startswith("coauthor ") and f"{len(truth['nodes'])} authors" in desc
    # PageRank from the read-back graph reproduces the exported one (and so `coauthor rank`'s).
    if G.number_of_edges() > 0:
        pr = nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
        for n, d in G.nodes(data=True):
            assert math.isclose(pr[n], d["pagerank"], rel_tol=1e-6, abs_tol=1e-12), n


def test_gexf(case):
    truth = case["truth"]
    G = nx.read_gexf(case["paths"]["gexf"])
    assert type(G) is nx.Graph
    assert G.graph["mode"] == "dynamic"
    got_nodes = graph_nodes(G)
    assert_same_nodes(got_nodes, truth, node_attrs(truth), "gexf")
    assert_same_edges(graph_edges(G), truth, edge_attrs(truth), "gexf")
    firsts = [n["first_year"] for n in truth["nodes"] if n["first_year"] is not None]
    lasts = [n["last_year"] for n in truth["nodes"] if n["last_year"] is not None]
    if firsts:
        assert int(G.graph["start"]) == min(firsts) and int(G.graph["end"]) == max(lasts)
    for n in truth["nodes"]:
        d = got_nodes[n["id"]]
        # A node lives from its first to its last year.
        if n["first_year"] is None:
            assert "spells" not in d
        else:
            assert d["spells"] == [(n["first_year"], n["last_year"])]
            assert all(isinstance(x, int) for x in d["spells"][0])
        viz = d["viz"]
        assert viz["size"] > 0
        assert set(viz["color"]) >= {"r", "g", "b"}
    # Communities share a colour; the seven largest differ (Okabe–Ito, as `coauthor render`; the
    # rest are grey).
    colour = {}
    for n in truth["nodes"]:
        c = got_nodes[n["id"]]["viz"]["color"]
        colour.setdefault(n["community"], (c["r"], c["g"], c["b"]))
        assert colour[n["community"]] == (c["r"], c["g"], c["b"])
    first = [colour[k] for k in sorted(colour)[:7]]
    assert len(set(first)) == len(first)
    # An edge lives in the years its authors wrote together: sorted, disjoint, merged runs.
    for k, e in edges_of(truth).items():
        d = G.edges[tuple(k)]
        if e["first_year"] is None:
            assert "spells" not in d
            continue
        spells = d["spells"]
        assert spells[0][0] == e["first_year"] and spells[-1][1] == e["last_year"]
        for (a, b), (c, _) in zip(spells, spells[1:]):
            assert a <= b and c >= b + 2
        assert sum(b - a + 1 for a, b in spells) <= e["papers"]


def test_gml(case):
    truth = case["truth"]
    path = case["paths"]["gml"]
    G = nx.read_gml(path, label="key")
    attrs = [a for a in node_attrs(truth) if a != "label"]
    assert_same_nodes(graph_nodes(G), truth, attrs, "gml")
    assert_same_edges(graph_edges(G), truth, edge_attrs(truth), "gml")
    labels = dict(zip((n["id"] for n in truth["nodes"]), unique_labels(truth)))
    assert {n: d["label"] for n, d in G.nodes(data=True)} == labels
    # The default reading (nodes keyed by label) works too: labels are unique.
    H = nx.read_gml(path)
    assert set(H.nodes) == set(labels.values())


def test_pajek(case):
    truth = case["truth"]
    net = case["paths"]["pajek"]
    G = nx.read_pajek(net)
    assert G.graph["name"] == "coauthor"
    H = nx.Graph(G)
    assert H.number_of_edges() == G.number_of_edges()  # no parallel edges
    order = [n["id"] for n in truth["nodes"]]
    labels = unique_labels(truth)
    assert set(H.nodes) == set(labels)
    # Vertex numbers follow the node order of every other format.
    to_id = {H.nodes[l]["id"]: order[int(H.nodes[l]["id"]) - 1] for l in labels}
    assert {to_id[H.nodes[l]["id"]]: l for l in labels} == dict(zip(order, labels))
    by_label = dict(zip(labels, order))
    got = {frozenset((by_label[a], by_label[b])): {"weight": d["weight"]} for a, b, d in H.edges(data=True)}
    assert_same_edges(got, truth, ["weight"], "pajek")
    # Communities (.clu) and metrics (.vec) beside the network, one value per vertex.
    stem = str(net)[:-4]
    clu = open(stem + ".clu", encoding="utf-8").read().split("\n")
    assert clu[0] == f"*Vertices {len(order)}"
    assert [int(x) for x in clu[1:] if x] == [n["community"] for n in truth["nodes"]]
    for m in METRICS:
        vec = open(f"{stem}.{m}.vec", encoding="utf-8").read().split("\n")
        assert vec[0] == f"*Vertices {len(order)}"
        values = [float(x) for x in vec[1:] if x]
        assert [norm(v) for v in values] == [norm(n[m]) for n in truth["nodes"]], m


def read_nodes_csv(path):
    return pd.read_csv(path, dtype={"id": str, "label": str, "orcid": str, "dblp": str, "acl": str,
                                    "community_label": str},
                       keep_default_na=False, na_values=[""], encoding="utf-8")


def test_csv(case):
    truth = case["truth"]
    d = case["paths"]["csv"]
    raw = (d / "nodes.csv").read_bytes()
    # UTF-8 without a byte-order mark, CRLF line ends (RFC 4180).
    assert not raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    raw.decode("utf-8")
    nodes = read_nodes_csv(d / "nodes.csv")
    assert list(nodes.columns) == ["id", *node_attrs(truth)]
    got = {r["id"]: r for r in nodes.to_dict("records")}
    assert_same_nodes(got, truth, node_attrs(truth), "csv")
    edges = pd.read_csv(d / "edges.csv", dtype={"source": str, "target": str, "paper_ids": str},
                        keep_default_na=False, na_values=[""], encoding="utf-8")
    assert list(edges.columns) == ["source", "target", *edge_attrs(truth)]
    got_e = {frozenset((r["source"], r["target"])): r for r in edges.to_dict("records")}
    assert len(got_e) == len(edges)
    assert_same_edges(got_e, truth, edge_attrs(truth), "csv")
    # papers.csv: every paper the graph counts; every paper behind an edge is among them, with
    # years that span the edge's first and last year.
    papers = pd.read_csv(d / "papers.csv", dtype={"id": str, "title": str, "venue": str, "doi": str},
                         keep_default_na=False, na_values=[""], encoding="utf-8")
    assert list(papers.columns) == ["id", "title", "year", "venue", "doi", "n_authors", "authors"]
    assert len(papers) == case["stats"]["papers"]
    year = {}
    names = {}
    for r in papers.to_dict("records"):
        year.setdefault(r["id"], set()).add(norm(r["year"]))
        # n_authors counts the names listed; the names are the graph's display names.
        listed = [] if pd.isna(r["authors"]) else r["authors"].split("; ")
        assert len(listed) == r["n_authors"]
        names[r["id"]] = set(listed)
    # Both ends of every tie are among the authors of every paper behind it.
    label = {n["id"]: n["label"] for n in truth["nodes"]}
    for e in truth["edges"]:
        for p in e["paper_ids"]:
            assert {label[e["source"]], label[e["target"]]} <= names[p], (p, e["source"], e["target"])
    for e in truth["edges"]:
        years = set().union(*(year[p] for p in e["paper_ids"])) - {None}
        assert (min(years) if years else None) == norm(e["first_year"])
        assert (max(years) if years else None) == norm(e["last_year"])


def test_vosviewer(case):
    truth = case["truth"]
    d = case["paths"]["vosviewer"]
    nodes = truth["nodes"]
    index = {n["id"]: i + 1 for i, n in enumerate(nodes)}
    strength = collections.Counter()
    degree = collections.Counter()
    for e in truth["edges"]:
        for x in (e["source"], e["target"]):
            strength[x] += e["weight"]
            degree[x] += 1
    vmap = pd.read_csv(d / "map.txt", sep="\t", dtype={"label": str}, keep_default_na=False, na_values=[""])
    assert list(vmap.columns) == ["id", "label", "cluster", "weight<Links>", "weight<Total link strength>",
                                  "weight<Documents>", "score<Avg. pub. year>", "score<ambiguity>",
                                  *(f"score<{m}>" for m in METRICS)]
    # The estimated number of people behind each author: at least 1, the same as the node-link JSON's.
    assert [int(v) for v in vmap["score<ambiguity>"]] == [n["ambiguity"] for n in nodes]
    assert all(n["ambiguity"] >= 1 for n in nodes)
    assert list(vmap["id"]) == list(range(1, len(nodes) + 1))
    assert list(vmap["label"]) == [n["label"] for n in nodes]
    assert [norm(c) for c in vmap["cluster"]] == [norm(n["community"] if n["community"] <= 1000 else None) for n in nodes]
    assert list(vmap["weight<Links>"]) == [degree[n["id"]] for n in nodes]
    assert list(vmap["weight<Documents>"]) == [n["papers"] for n in nodes]
    assert [float(x) for x in vmap["weight<Total link strength>"]] == [float(strength[n["id"]]) for n in nodes]
    for n, y in zip(nodes, vmap["score<Avg. pub. year>"]):
        if n["first_year"] is None:
            assert norm(y) is None
        else:
            assert n["first_year"] <= y <= n["last_year"]
    for m in METRICS:
        assert [norm(v) for v in vmap[f"score<{m}>"]] == [norm(n[m]) for n in nodes], m
    net = pd.read_csv(d / "network.txt", sep="\t", header=None)
    got = {frozenset((nodes[a - 1]["id"], nodes[b - 1]["id"])): {"weight": w} for a, b, w in net.itertuples(index=False)}
    assert len(got) == len(net)
    assert_same_edges(got, truth, ["weight"], "vosviewer network")
    j = json.loads((d / "vosviewer.json").read_text(encoding="utf-8"))["network"]
    assert [i["id"] for i in j["items"]] == list(range(1, len(nodes) + 1))
    assert [i["label"] for i in j["items"]] == [n["label"] for n in nodes]
    assert [i["weights"]["Documents"] for i in j["items"]] == [n["papers"] for n in nodes]
    assert [i.get("cluster") for i in j["items"]] == [n["community"] if n["community"] <= 1000 else None for n in nodes]
    got = {frozenset((nodes[l["source_id"] - 1]["id"], nodes[l["target_id"] - 1]["id"])): {"weight": l["strength"]}
           for l in j["links"]}
    assert_same_edges(got, truth, ["weight"], "vosviewer json")
    assert [c["cluster"] for c in j["clusters"]] == list(range(1, len(j["clusters"]) + 1))
    labels = {n["community"]: n["community_label"] for n in nodes}
    assert all(c["label"] == labels[c["cluster"]] for c in j["clusters"])
    assert all(1 <= i.get("cluster", 1) <= 1000 for i in j["items"])


# DOT: no networkx reader without pydot/pygraphviz, so a small reader of the subset the export
# writes (quoted ids, `key=value` lists, `--` edges), with Graphviz's escString reading of labels.
DOT_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(--)|([\[\]=,;{}])|([A-Za-z0-9_.+-]+)|(\s+)|(//[^\n]*)')


def dot_unescape(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n"}.get(m.group(1), m.group(1)), s)


def read_dot(text):
    toks = []
    pos = 0
    while pos < len(text):
        m = DOT_TOKEN.match(text, pos)
        assert m, f"cannot read DOT at {text[pos:pos + 40]!r}"
        pos = m.end()
        if m.group(1) is not None:
            toks.append(("str", dot_unescape(m.group(1))))
        elif m.group(2) or m.group(3):
            toks.append(("op", m.group(2) or m.group(3)))
        elif m.group(4):
            toks.append(("id", m.group(4)))
    assert toks[:3] == [("id", "graph"), ("id", "coauthor"), ("op", "{")] and toks[-1] == ("op", "}")
    nodes, edges = {}, {}
    stmt = []
    for t in toks[3:-1]:
        if t == ("op", ";"):
            head = []
            i = 0
            while i < len(stmt) and stmt[i] != ("op", "["):
                head.append(stmt[i])
                i += 1
            attrs = {}
            body = stmt[i + 1:-1]
            for j in range(0, len(body), 4):
                k, eq, v = body[j], body[j + 1], body[j + 2]
                assert eq == ("op", "=")
                val = v[1]
                if v[0] == "id":
                    try:
                        val = int(val)
                    except ValueError:
                        try:
                            val = float(val)
                        except ValueError:
                            pass
                attrs[k[1]] = val
            if len(head) == 1:
                nodes[head[0][1]] = attrs
            else:
                assert head[1] == ("op", "--") and len(head) == 3
                edges[frozenset((head[0][1], head[2][1]))] = attrs
            stmt = []
        else:
            stmt.append(t)
    return nodes, edges


def test_dot(case):
    truth = case["truth"]
    nodes, edges = read_dot(case["paths"]["dot"].read_text(encoding="utf-8"))
    # Numbers DOT cannot spell as numerals (NaN, exponents) are quoted.
    for d in nodes.values():
        for m in METRICS:
            if isinstance(d.get(m), str):
                d[m] = float(d[m])
    assert_same_nodes(nodes, truth, node_attrs(truth), "dot")
    assert_same_edges(edges, truth, edge_attrs(truth), "dot")


# ---------------------------------------------------------------------------------------------
# The awkward names: every one survives every format, and the hand-known ties are there.

AWKWARD_LABELS = {
    "zoezed|o hara": 'Zoë "Zed" O\'Hara',
    "tabbed|person": "Tab\tbed Person",
    "comma|smith jr": "Comma Smith, Jr.",
    "ada|love lace": "Ada <Love&lace>",
    "backslash|user": "Back\\slash User",
    "小龍|李": "小龍 李",
    "αριστοτελης|σταγειριτης": "Ἀριστοτέλης Σταγειρίτης",
    "محمد|عبد الله": "محمد عبد الله",
    "серен|кьеркегор": "Сёрен Кьеркегор",
    "semicolon|name": "Semi;colon Name",
    "rocket|emoji": "Rocket 🚀 Émoji",
    "annannie|lee": 'Ann "Annie" Lee',
    "mary|o neil sons": "Mary O'Neil & Sons",
    "山田|太郎": "山田 太郎",
    "orcid:0000-0002-1825-0097": "Wei Wang",
    "orcid:0000-0001-5109-3700": "Wei Wang",
    "solo|author": "Solo Author",
}


@pytest.mark.parametrize("case", ["awkward"], indirect=True)
def test_awkward_names_survive_every_format(case):
    p = case["paths"]
    readers = {
        "json": lambda: {n: d["label"] for n, d in nx.node_link_graph(
            json.loads(p["json"].read_text(encoding="utf-8")), edges="edges").nodes(data=True)},
        "graphml": lambda: {n: d["label"] for n, d in nx.read_graphml(p["graphml"]).nodes(data=True)},
        "gexf": lambda: {n: d["label"] for n, d in nx.read_gexf(p["gexf"]).nodes(data=True)},
        "csv": lambda: dict(zip(*[read_nodes_csv(p["csv"] / "nodes.csv")[c] for c in ("id", "label")])),
        "dot": lambda: {n: d["label"] for n, d in read_dot(p["dot"].read_text(encoding="utf-8"))[0].items()},
        "vosviewer": lambda: dict(zip((n["id"] for n in case["truth"]["nodes"]), pd.read_csv(
            p["vosviewer"] / "map.txt", sep="\t", dtype={"label": str}, keep_default_na=False)["label"])),
    }
    for fmt, read in readers.items():
        labels = read()
        for key, label in AWKWARD_LABELS.items():
            assert labels[key] == label, f"{fmt}: {key!r} reads back as {labels[key]!r}"
    # Pajek and GML key nodes by label: the two Wei Wangs are told apart by their ORCID.
    uniq = {"Wei Wang (orcid:0000-0002-1825-0097)", "Wei Wang (orcid:0000-0001-5109-3700)"}
    plain = {l for k, l in AWKWARD_LABELS.items() if not k.startswith("orcid:")}
    assert plain | uniq <= set(nx.read_pajek(p["pajek"]).nodes)
    gml = nx.read_gml(p["gml"])
    assert plain | uniq <= set(gml.nodes)
    assert nx.read_gml(p["gml"], label="key").nodes["tabbed|person"]["label"] == "Tab\tbed Person"


@pytest.mark.parametrize("case", ["awkward"], indirect=True)
def test_awkward_ties_and_provenance(case):
    edges = edges_of(case["truth"])
    e = edges[frozenset(("tabbed|person", "comma|smith jr"))]
    assert (e["weight"], e["paper_ids"], e["first_year"], e["last_year"]) == (2, ["awk-1", "awk-6"], 2019, 2023)
    e = edges[frozenset(("ada|love lace", "zoezed|o hara"))]
    assert e["paper_ids"] == ['awk-2; "second"'] and e["fractional"] == 0.5
    e = edges[frozenset(("orcid:0000-0002-1825-0097", "tabbed|person"))]
    assert e["paper_ids"] == ["awk-5"] and e["first_year"] is None
    e = edges[frozenset(("annannie|lee", "山田|太郎"))]
    assert e["paper_ids"] == ["c;2"]
    nodes = nodes_of(case["truth"])
    assert nodes["orcid:0000-0002-1825-0097"]["orcid"] == "0000-0002-1825-0097"
    assert nodes["solo|author"]["constraint"] is None  # isolated: NaN in networkx, null here
    assert not any("solo|author" in k for k in edges)
    G = nx.read_gexf(case["paths"]["gexf"])
    assert G.edges["tabbed|person", "comma|smith jr"]["spells"] == [(2019, 2019), (2023, 2023)]
    assert G.nodes["tabbed|person"]["spells"] == [(2019, 2023)]
    assert "spells" not in G.edges["orcid:0000-0002-1825-0097", "tabbed|person"]
    csv_edges = pd.read_csv(case["paths"]["csv"] / "edges.csv", dtype=str, keep_default_na=False)
    row = csv_edges[(csv_edges.source == "ada|love lace") & (csv_edges.target == "zoezed|o hara")
                    | (csv_edges.target == "ada|love lace") & (csv_edges.source == "zoezed|o hara")]
    assert list(row["paper_ids"]) == ['awk-2; "second"']


# ---------------------------------------------------------------------------------------------
# Tools beyond networkx and pandas


GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
GEXF_TYPES = {"integer", "long", "double", "float", "boolean", "string", "liststring", "anyURI"}


def test_gexf_follows_the_13_structure(case):
    """The GEXF 1.3 rules the export relies on, checked element by element (the schema itself is
    not vendored here): namespaces and version, a dynamic graph with integer time, declared and
    typed attributes, spells with integer bounds, viz values in range, nothing undeclared."""
    import xml.etree.ElementTree as ET
    root = ET.parse(case["paths"]["gexf"]).getroot()
    assert root.tag == GEXF + "gexf" and root.attrib == {"version": "1.3"}
    kids = [c.tag for c in root]
    assert kids == [GEXF + "meta", GEXF + "graph"]
    graph = root.find(GEXF + "graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "integer"
    assert graph.get("defaultedgetype") == "undirected"
    assert set(graph.attrib) <= {"mode", "timeformat", "defaultedgetype", "start", "end"}
    order = [c.tag for c in graph]
    assert order == [GEXF + "attributes", GEXF + "attributes", GEXF + "nodes", GEXF + "edges"]
    declared = {}
    for a in graph.findall(GEXF + "attributes"):
        assert set(a.attrib) == {"class"} and a.get("class") in ("node", "edge")
        declared[a.get("class")] = {x.get("id"): x.get("type") for x in a}
        for x in a:
            assert x.get("id") == x.get("title") and x.get("type") in GEXF_TYPES
            assert x.get("id") not in ("id", "label", "weight", "timeset")  # Gephi's own columns

    def check_values(el, cls):
        av = el.find(GEXF + "attvalues")
        if av is None:
            return
        for v in av:
            assert v.tag == GEXF + "attvalue" and set(v.attrib) == {"for", "value"}
            t = declared[cls][v.get("for")]
            if t == "integer":
                int(v.get("value"))
            elif t == "double":
                float(v.get("value"))

    def check_spells(el):
        sp = el.find(GEXF + "spells")
        if sp is None:
            return
        assert len(sp) >= 1
        for s in sp:
            assert s.tag == GEXF + "spell" and set(s.attrib) == {"start", "end"}
            assert int(s.get("start")) <= int(s.get("end"))

    nodes = graph.find(GEXF + "nodes")
    assert int(nodes.get("count")) == len(nodes) == len(case["truth"]["nodes"])
    for n in nodes:
        assert n.tag == GEXF + "node" and set(n.attrib) == {"id", "label"}
        assert {c.tag for c in n} <= {GEXF + "attvalues", GEXF + "spells", VIZ + "color", VIZ + "size", VIZ + "position"}
        check_values(n, "node")
        check_spells(n)
        c = n.find(VIZ + "color")
        assert all(0 <= int(c.get(k)) <= 255 for k in "rgb")
        assert float(n.find(VIZ + "size").get("value")) >= 0
    edges = graph.find(GEXF + "edges")
    assert int(edges.get("count")) == len(edges) == len(case["truth"]["edges"])
    for e in edges:
        assert e.tag == GEXF + "edge" and set(e.attrib) == {"source", "target", "weight"}
        float(e.get("weight"))
        assert {c.tag for c in e} <= {GEXF + "attvalues", GEXF + "spells"}
        check_values(e, "edge")
        check_spells(e)


def test_dot_with_graphviz(case):
    """Graphviz itself reads the DOT export (when Graphviz is installed; the Graphviz bridge's
    setup installs it): `gc` parses every case, `dot` lays out the small ones."""
    import shutil
    import subprocess
    if shutil.which("gc") is None or shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    path = str(case["paths"]["dot"])
    p = subprocess.run(["gc", "-n", "-e", path], capture_output=True, text=True)
    assert p.returncode == 0 and p.stderr == "", p.stderr
    nodes, edges = p.stdout.split()[:2]
    assert (int(nodes), int(edges)) == (len(case["truth"]["nodes"]), len(case["truth"]["edges"]))
    if len(case["truth"]["nodes"]) <= 200:
        p = subprocess.run(["dot", "-Tplain", path], capture_output=True, text=True)
        assert p.returncode == 0 and p.stderr == "", p.stderr
        assert sum(1 for l in p.stdout.splitlines() if l.startswith("node ")) == len(case["truth"]["nodes"])
