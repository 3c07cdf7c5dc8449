"""`coauthor render --level communities` (issue 20 point 6) checked against an independent
computation: the node-link JSON export with the same Leiden communities (`--communities leiden
--seed S`, the partition render colours), folded into a networkx quotient graph here, and the
papers per community counted from the CSV export's author lists.

Per community the map's tooltip says its members and papers; per tie between two communities the
coauthor ties (author pairs joining them), the joint papers (distinct papers behind those ties) and
their years. Communities are matched by number (the map's "community N" is the export's
`community`, both numbered by size) and must carry the export's `community_label`; ties by their ends.
"""
import csv
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from conftest import SHARED, run

SVG = "{http://www.w3.org/2000/svg}"
CASES = {
    "seed": ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"],
    "wos": [str(SHARED / "wos" / "brunalab_coauthors_nsf_savedrecs.txt")],
}


def tooltips(svg_path, kind):
    root = ET.parse(svg_path).getroot()
    return [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if g.get("class") == kind]


def drawn_map(path):
    """{number: (label, members, papers)} and {frozenset(numbers): (joint papers, ties, years)}
    from the SVG (nodes in the order of the drawing's tie tooltips' labels)."""
    nodes, edges, number = {}, {}, {}
    titles = tooltips(path, "node")
    for t in titles:
        lines = t.split("\n")
        m = re.match(r"community (\d+): (.*)", lines[0])
        members = int(lines[1].split()[0])
        papers = int(lines[2].split()[0])
        nodes[int(m.group(1))] = (m.group(2), members, papers)
    # A tie's tooltip names its ends by label; labels can repeat (singletons of one paper), so
    # match them to numbers through the SVG's node ids (`n3&#45;&#45;n12` in the edge's comment).
    root = ET.parse(path).getroot()
    ids = [g.get("id") for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    assert len(ids) == len(titles)
    return nodes, edges_by_ends(path, nodes)


def edges_by_ends(path, nodes):
    text = open(path, encoding="utf-8").read()
    # Graphviz writes each node group after a comment with its DOT name: <!-- n5 -->.
    name_to_number = {}
    for m in re.finditer(r"<!-- (n\d+) -->\n<g id=\"node\d+\" class=\"node\">\n<title>community (\d+):", text):
        name_to_number[m.group(1)] = int(m.group(2))
    assert len(name_to_number) == len(nodes)
    edges = {}
    for m in re.finditer(r"<!-- (n\d+)&#45;&#45;(n\d+) -->\n<g id=\"edge\d+\" class=\"edge\">\n<title>([^<]*)</title>", text):
        a, b = name_to_number[m.group(1)], name_to_number[m.group(2)]
        lines = m.group(3).split("\n")
        joint = int(lines[1].split()[0])
        years = re.search(r"\((\d{4})(?:–(\d{4}))?\)", lines[1])
        span = (int(years.group(1)), int(years.group(2) or years.group(1))) if years else None
        ties = int(lines[2].split()[0])
        edges[frozenset((a, b))] = (joint, ties, span)
    return edges


@pytest.fixture(scope="module", params=sorted(CASES))
def exported(request, tmp_path_factory):
    name = request.param
    inputs = CASES[name]
    out = tmp_path_factory.mktemp(f"community-map-{name}")
    run(["export", *inputs, "--to", "json", "--communities", "leiden", "--seed", "1", "-o", str(out / "g.json"), "-q"])
    run(["export", *inputs, "--to", "csv", "-o", str(out / "csv"), "-q"])
    data = json.loads((out / "g.json").read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="edges")
    return name, inputs, out, g


def quotient(g):
    """The communities as blocks of a networkx quotient graph, with ties and joint papers."""
    blocks = {}
    for v, d in g.nodes(data=True):
        blocks.setdefault(d["community"], set()).add(v)
    q = nx.quotient_graph(
        g, list(blocks.values()), relabel=False,
        edge_data=lambda b0, b1: {
            "ties": sum(1 for u in b0 for w in g[u] if w in b1),
            "papers": set().union(*[set(g[u][w]["paper_ids"]) for u in b0 for w in g[u] if w in b1]),
        })
    number_of = {frozenset(members): c for c, members in blocks.items()}
    return blocks, q, number_of


def test_counts_equal_the_quotient_graph(exported, tmp_path):
    name, inputs, out, g = exported
    svg = tmp_path / "map.svg"
    run(["render", *inputs, "--level", "communities", "--seed", "1", "--min-component-size", "1",
         "--labels", "0", "-q", "-o", str(svg)])
    nodes, edges = drawn_map(svg)
    blocks, q, number_of = quotient(g)
    assert set(nodes) == set(blocks)
    for c, members in blocks.items():
        assert nodes[c][1] == len(members), c
        assert nodes[c][0] == g.nodes[next(iter(members))]["community_label"], c
    # Papers per community: the distinct papers with a member among their authors (CSV export).
    names = {g.nodes[v]["label"]: g.nodes[v]["community"] for v in g}
    if len(names) == g.number_of_nodes():   # display names unique: the author lists identify members
        with open(out / "csv" / "papers.csv", encoding="utf-8", newline="") as f:
            papers = {}
            for row in csv.DictReader(f):
                for c in {names[a] for a in row["authors"].split("; ") if a in names}:
                    papers[c] = papers.get(c, 0) + 1
        for c in blocks:
            assert nodes[c][2] == papers.get(c, 0), c
    elif name == "seed":
        pytest.fail("the seed's display names are unique")
    expected = {}
    for b0, b1, d in q.edges(data=True):
        key = frozenset((number_of[frozenset(b0)], number_of[frozenset(b1)]))
        expected[key] = (len(d["papers"]), d["ties"])
    assert {k: v[:2] for k, v in edges.items()} == expected
    assert len(edges) == q.number_of_edges() > 0


def test_tie_years_span_the_joint_papers(exported, tmp_path):
    name, inputs, out, g = exported
    svg = tmp_path / "map.svg"
    run(["render", *inputs, "--level", "communities", "--seed", "1", "--min-component-size", "1", "-q", "-o", str(svg)])
    _, edges = drawn_map(svg)
    with open(out / "csv" / "papers.csv", encoding="utf-8", newline="") as f:
        year = {row["id"]: int(row["year"]) for row in csv.DictReader(f) if row["year"]}
    blocks, q, number_of = quotient(g)
    for b0, b1, d in q.edges(data=True):
        key = frozenset((number_of[frozenset(b0)], number_of[frozenset(b1)]))
        ys = [year[p] for p in d["papers"] if p in year]
        assert edges[key][2] == ((min(ys), max(ys)) if ys else None), key


def test_small_components_are_left_out(exported, tmp_path):
    name, inputs, out, g = exported
    svg = tmp_path / "map.svg"
    p = run(["render", *inputs, "--level", "communities", "--seed", "1", "-o", str(svg)])
    nodes, _ = drawn_map(svg)
    largest = max(len(c) for c in nx.connected_components(g))
    minimum = max(3, -(-largest // 100))
    kept = set()
    for c in nx.connected_components(g):
        if len(c) >= minimum:
            kept |= {g.nodes[v]["community"] for v in c}
    assert set(nodes) == kept
    small = [c for c in nx.connected_components(g) if len(c) < minimum]
    if small and len(small) < nx.number_connected_components(g):
        authors = sum(len(c) for c in small)
        assert f"left out {authors} authors in {len(small)} components of fewer than {minimum}" in p.stderr
    else:
        assert "left out" not in p.stderr
