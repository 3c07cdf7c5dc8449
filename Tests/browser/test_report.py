"""The interactive report in a real browser (headless Chromium): it loads without console errors,
finds authors, lists the papers behind a tie, filters by years and by an author list, ranks as
`coauthor rank` does, shows hostile names as text, and draws a 20,000-author graph. Each checked
state is screenshotted into .build/report-artefacts/ and checked for drawn pixels."""
import csv
import io
import json
import subprocess

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser import drawn_pixels, open_report, severe_logs
from conftest import ARTEFACTS, BIN, SEED, SYNTH, run

CLI_EXPORT = None


def seed_export(workdir):
    """The CLI's own view of the seed graph: edges with their papers, papers with years and titles."""
    global CLI_EXPORT
    if CLI_EXPORT is None:
        out = workdir / "csv"
        run(["export"] + SEED + ["--to", "csv", "-o", str(out), "-q"])
        edges = list(csv.DictReader(open(out / "edges.csv", encoding="utf-8"), ))
        nodes = {r["id"]: r["label"] for r in csv.DictReader(open(out / "nodes.csv", encoding="utf-8"))}
        papers = {r["id"]: r for r in csv.DictReader(open(out / "papers.csv", encoding="utf-8"))}
        CLI_EXPORT = (nodes, edges, papers)
    return CLI_EXPORT


def reload(browser, path):
    open_report(browser, path)
    severe_logs(browser)   # a fresh page: drop what earlier pages logged


def shot(browser, name, element="map"):
    n = drawn_pixels(browser, str(ARTEFACTS / f"{name}.png"), element)
    assert n > 500, f"{name}: the map area is (nearly) empty ({n} drawn pixels)"
    return n


def state(browser, expr):
    return browser.execute_script("return window.coauthorReport." + expr)


def test_seed_report_loads_without_console_errors(browser, seed_report):
    open_report(browser, seed_report)
    assert severe_logs(browser) == []
    stats = state(browser, "stats()")
    assert stats["nodes"] == 39 and stats["links"] == 74
    assert stats["drawnNodes"] == 39 and stats["drawnLinks"] == 74
    canvas = browser.find_element(By.ID, "map")
    assert canvas.get_attribute("data-drawn-nodes") == "39"
    shot(browser, "seed-loaded")


def test_search_finds_a_spelling(browser, seed_report):
    reload(browser, seed_report)
    box = browser.find_element(By.ID, "search")
    box.send_keys("Chihao Wu", Keys.ENTER)
    heading = browser.find_element(By.CSS_SELECTOR, "#details h2")
    assert heading.text == "Chi-Hao Wu"   # the display name of the author that spelling belongs to
    assert "Chihao Wu" in browser.find_element(By.ID, "details").text
    assert severe_logs(browser) == []
    shot(browser, "search-chihao-wu")


def click_tie(browser, a, b):
    """Clicks the tie between two authors on the canvas, at a point of it that no circle covers."""
    ia, ib = state(browser, f"nodeIndex({json.dumps(a)})"), state(browser, f"nodeIndex({json.dumps(b)})")
    assert ia >= 0 and ib >= 0
    pa, pb = state(browser, f"screenOf({ia})"), state(browser, f"screenOf({ib})")
    canvas = browser.find_element(By.ID, "map")
    rect = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", canvas)
    for t in [0.5, 0.4, 0.6, 0.3, 0.7]:
        x, y = pa["x"] + t * (pb["x"] - pa["x"]), pa["y"] + t * (pb["y"] - pa["y"])
        # Selenium offsets are from the element's centre.
        ActionChains(browser).move_to_element_with_offset(canvas, int(x - rect[0] / 2), int(y - rect[1] / 2)).click().perform()
        if browser.find_elements(By.ID, "tie-papers"):
            return
    raise AssertionError(f"no click on the tie {a} – {b} opened it")


def test_clicking_a_tie_lists_exactly_its_papers(browser, seed_report, workdir):
    reload(browser, seed_report)
    nodes, edges, papers = seed_export(workdir)
    key = {label: k for k, label in nodes.items()}
    qin, siyang = key["Qin Huang"], key["Siyang Li"]
    edge = next(e for e in edges if {e["source"], e["target"]} == {qin, siyang})
    want = sorted(p.strip() for p in edge["paper_ids"].split(";"))
    click_tie(browser, "Qin Huang", "Siyang Li")
    items = browser.find_elements(By.CSS_SELECTOR, "#tie-papers > li")
    got = sorted(li.get_attribute("data-id") for li in items)
    assert got == want
    titles = sorted(li.find_element(By.CLASS_NAME, "paper-title").text for li in items)
    assert titles == sorted(papers[p]["title"] for p in want)
    assert browser.find_element(By.ID, "tie-heading").text in ("Qin Huang – Siyang Li", "Siyang Li – Qin Huang")
    assert severe_logs(browser) == []
    shot(browser, "tie-qin-huang-siyang-li")


def set_number(browser, element_id, value):
    box = browser.find_element(By.ID, element_id)
    box.clear()
    box.send_keys(str(value), Keys.TAB)   # commits the value: a change event


def drawn_links_settle(browser, want, timeout=5.0, what="drawnLinks"):
    """The map's drawn tie (or, with what="drawnNodes", author) count once the redraw after a
    filter change has happened (polled for up to `timeout` seconds; the last count seen is
    returned, so a wrong count still fails)."""
    import time
    deadline = time.monotonic() + timeout
    drawn = state(browser, "stats()")[what]
    while drawn != want and time.monotonic() < deadline:
        time.sleep(0.05)
        drawn = state(browser, "stats()")[what]
    return drawn


def test_year_control_hides_ties_outside_the_range(browser, seed_report, workdir):
    reload(browser, seed_report)
    nodes, edges, papers = seed_export(workdir)
    set_number(browser, "year-from", 2024)
    set_number(browser, "year-to", 2025)
    shown = {frozenset(pair[:2]) for pair in state(browser, "visibleLinks()")}
    want = set()
    for e in edges:
        years = [int(papers[p]["year"]) for p in map(str.strip, e["paper_ids"].split(";")) if papers[p]["year"]]
        if any(2024 <= y <= 2025 for y in years):
            want.add(frozenset([nodes[e["source"]], nodes[e["target"]]]))
    assert 0 < len(want) < len(edges)
    assert shown == want
    # The canvas redraws on the next animation frame after a filter change: wait for that frame.
    assert drawn_links_settle(browser, len(want)) == len(want)
    assert severe_logs(browser) == []
    shot(browser, "years-2024-2025")


def test_author_list_keeps_exactly_the_listed_authors(browser, seed_report, workdir):
    reload(browser, seed_report)
    nodes, edges, _ = seed_export(workdir)
    listed = ["Qin Huang", "Siyang Li", "Chihao Wu", "Ye Wang", "Yueru Chen"]
    browser.find_element(By.CSS_SELECTOR, "#tabs button[data-tab=filter]").click()
    browser.find_element(By.ID, "author-list").send_keys("\n".join(listed))
    browser.find_element(By.ID, "apply-list").click()
    names = {"Chihao Wu": "Chi-Hao Wu"}
    want_nodes = {names.get(n, n) for n in listed}
    assert set(state(browser, "visibleNodes()")) == want_nodes
    want_links = {frozenset([nodes[e["source"]], nodes[e["target"]]]) for e in edges
                  if nodes[e["source"]] in want_nodes and nodes[e["target"]] in want_nodes}
    assert {frozenset(p[:2]) for p in state(browser, "visibleLinks()")} == want_links
    # The canvas redraws on the next animation frame after the list is applied: wait for that frame.
    assert drawn_links_settle(browser, len(want_nodes), what="drawnNodes") == len(want_nodes)
    assert severe_logs(browser) == []
    shot(browser, "author-list")


def test_ranking_table_orders_as_rank_does(browser, seed_report):
    reload(browser, seed_report)
    out = run(["rank"] + SEED + ["--by", "pagerank", "--top", "0", "--format", "csv", "-q"]).stdout
    want = [r["author"] for r in csv.DictReader(io.StringIO(out))]
    browser.find_element(By.CSS_SELECTOR, "#tabs button[data-tab=ranking]").click()
    got = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#ranking tbody button.author")]
    assert got == want
    # Sorted by another metric, it is rank --by that metric's order.
    browser.find_element(By.CSS_SELECTOR, "#ranking th[data-metric=betweenness]").click()
    out = run(["rank"] + SEED + ["--by", "betweenness", "--top", "0", "--format", "csv", "-q"]).stdout
    want = [r["author"] for r in csv.DictReader(io.StringIO(out))]
    got = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#ranking tbody button.author")]
    assert got == want
    assert severe_logs(browser) == []
    shot(browser, "ranking")


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "Ann \"O'Brien\" & <b>Co</b>",
    "javascript:alert(3)",
]


def test_hostile_names_run_no_script(browser, workdir):
    src = workdir / "hostile.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i, title in enumerate(["<script>alert(4)</script> title", "<svg onload=alert(5)>", "plain title"]):
            f.write(json.dumps({"id": f"h{i}", "title": title, "year": 2020 + i, "doi": "10.1/<x>\"y",
                                "authors": HOSTILE[i:] + ["Plain Person"]}) + "\n")
    out = workdir / "hostile.html"
    run(["report", str(src), "-o", str(out), "-q"])
    # A hook that records any alert, prompt, confirm or console.error, installed before the page runs.
    hook = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        window.__calls = [];
        for (const f of ['alert', 'prompt', 'confirm']) window[f] = (...a) => { window.__calls.push([f, ...a]); };
        const err = console.error.bind(console);
        console.error = (...a) => { window.__calls.push(['console.error', ...a.map(String)]); err(...a); };"""})
    try:
        open_report(browser, out)
        browser.find_element(By.ID, "search").send_keys(HOSTILE[0], Keys.ENTER)
        assert browser.find_element(By.CSS_SELECTOR, "#details h2").text == HOSTILE[0]
        # Every author's panel, every tie's papers: the names and titles are there as text.
        n, m = state(browser, "stats()")["nodes"], state(browser, "stats()")["links"]
        browser.execute_script("for (let v = 0; v < arguments[0]; v++) CA.app.select(v, true);"
                               "for (let e = 0; e < arguments[1]; e++) CA.app.selectLink(e);", n, m)
        details = browser.find_element(By.ID, "details").text
        assert "title" in details
        for tab in ["communities", "stats", "ranking"]:
            browser.find_element(By.CSS_SELECTOR, f"#tabs button[data-tab={tab}]").click()
        ranking = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#ranking tbody button.author")]
        assert sorted(ranking) == sorted(state(browser, "visibleNodes()"))
        assert HOSTILE[0] in ranking and HOSTILE[1] in ranking
        assert browser.execute_script("return window.__calls") == []
        assert browser.execute_script("return document.querySelectorAll('img, b, [onload], [onerror]').length") == 0
        assert browser.execute_script("return document.querySelectorAll('script').length") == 2
        assert severe_logs(browser) == []
        shot(browser, "hostile-names")
    finally:
        browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": hook["identifier"]})


@pytest.fixture(scope="session")
def synthetic_report(workdir):
    """About 20,000 authors and 100,000 ties from the seeded synthetic generator."""
    src = workdir / "synth.jsonl"
    subprocess.run([str(SYNTH), "--papers", "25000", "--authors", "34000", "--communities", "40", "--max-team", "16",
                    "-o", str(src)], check=True, capture_output=True)
    out = workdir / "synth.html"
    run(["report", str(src), "-o", str(out), "-q"], timeout=900)
    return out


def test_twenty_thousand_authors_render(browser, synthetic_report):
    open_report(browser, synthetic_report, timeout=120)
    # Above 5,000 authors the page opens one level up: a circle per community.
    assert state(browser, "level()") == "communities"
    cm = state(browser, "communityMap()")
    assert sum(cm["members"]) == 20000 and len(cm["ids"]) >= 10 and cm["ties"]
    assert cm["drawnNodes"] == len(cm["ids"])
    # Laid out by Graphviz (neato with overlap removal): no two circles overlap.
    circles = state(browser, "communityCircles()")
    for i in range(len(circles)):
        for j in range(i + 1, len(circles)):
            (xa, ya, ra), (xb, yb, rb) = circles[i], circles[j]
            assert ((xa - xb) ** 2 + (ya - yb) ** 2) ** 0.5 >= 0.99 * (ra + rb), (cm["ids"][i], cm["ids"][j])
    shot(browser, "synthetic-20k-communities", "map-communities")
    state(browser, "setLevel('authors')")
    state(browser, "fullFrame()")
    stats = state(browser, "stats()")
    assert stats["nodes"] == 20000 and stats["links"] >= 100000
    assert stats["drawnNodes"] > 10000
    assert severe_logs(browser) == []
    assert synthetic_report.stat().st_size < 15_000_000
    shot(browser, "synthetic-20k")


def test_min_weight_and_community_toggles(browser, seed_report, workdir):
    reload(browser, seed_report)
    nodes, edges, _ = seed_export(workdir)
    set_number(browser, "min-weight", 2)
    want = {frozenset([nodes[e["source"]], nodes[e["target"]]]) for e in edges if int(e["weight"]) >= 2}
    assert 0 < len(want) < len(edges)
    assert {frozenset(p[:2]) for p in state(browser, "visibleLinks()")} == want
    set_number(browser, "min-weight", 1)
    # Unticking community 1 in the legend hides its members and their ties.
    box = browser.find_element(By.CSS_SELECTOR, "#legend input[data-cluster='0']")
    members = set(browser.execute_script("return CA.app && window.coauthorReport.visibleNodes()"))
    box.click()
    hidden = members - set(state(browser, "visibleNodes()"))
    assert "Qin Huang" in hidden and len(hidden) == 14
    assert all(a not in hidden and b not in hidden for a, b, _ in state(browser, "visibleLinks()"))
    assert severe_logs(browser) == []
    shot(browser, "community-1-hidden")


def test_keyboard_zoom_and_pan(browser, seed_report):
    reload(browser, seed_report)
    canvas = browser.find_element(By.ID, "map")
    ia = state(browser, 'nodeIndex("Qin Huang")')
    before = state(browser, f"screenOf({ia})")
    canvas.click()
    canvas.send_keys("+", "+", Keys.ARROW_LEFT)
    after = state(browser, f"screenOf({ia})")
    assert after != before
    canvas.send_keys("0")
    browser.execute_script("return new Promise(r => setTimeout(r, 300))")
    assert state(browser, f"screenOf({ia})") == before
    assert severe_logs(browser) == []
    shot(browser, "keyboard-fit")


def community_map_from_render(workdir):
    """`coauthor render --level communities` of the seed (the same Leiden partition, seed 0): per
    community (1-based) its label, members and papers; per pair of communities the joint papers
    and author ties, read from the SVG's tooltips. Checked against networkx in
    Tests/exports/test_community_map.py."""
    import re
    svg = workdir / "communities.svg"
    run(["render"] + SEED + ["--level", "communities", "--min-component-size", "1", "-q", "-o", str(svg)])
    text = svg.read_text(encoding="utf-8")
    nodes, name = {}, {}
    for m in re.finditer(r"<!-- (n\d+) -->\n<g id=\"node\d+\" class=\"node\">\n<title>community (\d+): ([^\n]*)\n(\d+) authors?\n(\d+) papers?", text):
        name[m.group(1)] = int(m.group(2))
        nodes[int(m.group(2))] = (m.group(3), int(m.group(4)), int(m.group(5)))
    ties = {}
    for m in re.finditer(r"<!-- (n\d+)&#45;&#45;(n\d+) -->\n<g id=\"edge\d+\" class=\"edge\">\n<title>[^\n]*\n(\d+) joint papers?[^\n]*\n(\d+) coauthor ties?", text):
        ties[frozenset((name[m.group(1)], name[m.group(2)]))] = (int(m.group(3)), int(m.group(4)))
    return nodes, ties


def test_community_level_map(browser, seed_report, workdir):
    reload(browser, seed_report)
    assert state(browser, "level()") == "authors"          # 39 authors: the author level first
    browser.find_element(By.CSS_SELECTOR, "#level option[value='communities']").click()
    assert state(browser, "level()") == "communities"
    cm = state(browser, "communityMap()")
    nodes, ties = community_map_from_render(workdir)
    # The page's community map (computed in the browser) is render's (computed in Swift).
    assert sorted(cm["ids"]) == sorted(nodes)
    for i, c in enumerate(cm["ids"]):
        assert (cm["labels"][i], cm["members"][i], cm["papers"][i]) == nodes[c], c
    assert sum(cm["members"]) == 39
    assert {frozenset(t[:2]): (t[2], t[3]) for t in cm["ties"]} == ties and ties
    circles = state(browser, "communityCircles()")
    for i in range(len(circles)):
        for j in range(i + 1, len(circles)):
            (xa, ya, ra), (xb, yb, rb) = circles[i], circles[j]
            assert ((xa - xb) ** 2 + (ya - yb) ** 2) ** 0.5 >= 0.99 * (ra + rb), (cm["ids"][i], cm["ids"][j])
    assert browser.find_element(By.ID, "shown").text == f"{len(nodes)} communities, {len(ties)} ties between them"
    assert severe_logs(browser) == []
    shot(browser, "community-level", "map-communities")
    # A click on a community opens it into its authors: the author level with only its members.
    first = cm["ids"].index(1)
    p = state(browser, "communityScreenOf(1)")
    canvas = browser.find_element(By.ID, "map-communities")
    rect = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", canvas)
    ActionChains(browser).move_to_element_with_offset(canvas, int(p["x"] - rect[0] / 2), int(p["y"] - rect[1] / 2)).click().perform()
    assert state(browser, "level()") == "authors"
    shown = state(browser, "visibleNodes()")
    assert len(shown) == cm["members"][first] == 14 and "Qin Huang" in shown
    assert severe_logs(browser) == []
    shot(browser, "community-1-opened")


def test_ambiguity_flag_in_the_author_panel(browser, workdir):
    """A name whose papers fall into two coauthor circles that share no coauthor (graph parsing
    with Ann Archer and Bob Baker at ACL; protein folding with Dan Dyer and Eve Evans in
    Bioinformatics) is flagged in its panel as `rank` flags it; a name in one circle is not."""
    data = "Tests/browser/data/ambiguous-name.jsonl"
    ranked = list(csv.DictReader(io.StringIO(run(["rank", data, "--by", "papers", "--format", "csv", "-q"]).stdout)))
    people = {r["author"]: int(r["ambiguity"]) for r in ranked}
    assert people["Wei Wang"] == 2 and people["Ann Archer"] == 1
    out = workdir / "ambiguous.html"
    run(["report", data, "-o", str(out), "-q"])
    reload(browser, out)
    for name, n in people.items():
        v = state(browser, f"nodeIndex({json.dumps(name)})")
        browser.execute_script("CA.app.select(arguments[0], true)", v)
        flags = browser.find_elements(By.ID, "ambiguity-flag")
        if n > 1:
            assert len(flags) == 1 and flags[0].text.startswith(f"~{n} people?"), name
        else:
            assert flags == [], name
    assert severe_logs(browser) == []


def test_paper_links_to_pubmed_and_openalex(browser, workdir):
    """Each paper in a panel links to its record in the database it came from: PubMed XML papers
    to pubmed.ncbi.nlm.nih.gov by PMID, OpenAlex works to openalex.org (the ids read here with
    ElementTree and json, not by coauthor)."""
    import xml.etree.ElementTree as ET
    pmids = {a.findtext("MedlineCitation/PMID") for a in ET.parse("Examples/inputs/pubmed.xml").getroot().iter("PubmedArticle")}
    works = [json.loads(line)["id"].rsplit("/", 1)[-1] for line in open("Examples/inputs/openalex-works.jsonl", encoding="utf-8") if line.strip()]
    for data, kind, want in [("Examples/inputs/pubmed.xml", "PMID", {f"https://pubmed.ncbi.nlm.nih.gov/{p}/" for p in pmids}),
                             ("Examples/inputs/openalex-works.jsonl", "OpenAlex", {f"https://openalex.org/{w}" for w in works})]:
        out = workdir / f"links-{kind}.html"
        run(["report", data, "-o", str(out), "-q"])
        reload(browser, out)
        seen = set()
        n = len(state(browser, "visibleNodes()"))
        for v in range(n):
            browser.execute_script("CA.app.select(arguments[0], true)", v)
            for a in browser.find_elements(By.CSS_SELECTOR, ".paper-meta a"):
                if a.get_attribute("href").startswith("https://doi.org/"):
                    continue
                seen.add(a.get_attribute("href"))
        assert seen == want, kind
        assert severe_logs(browser) == []
