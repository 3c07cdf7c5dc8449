"""Identity scoring: coauthor's `identities --score` against the harness's own B³/pairwise code
(Benchmarks/identity_eval), a hand computation of that code, and the Bruna export resolved by
evidence (one Emilio M. Bruna with all 102 papers)."""
import csv
import importlib.util
import io
import json
import pathlib

import pytest

from conftest import BIN, REPO, SHARED, run

spec = importlib.util.spec_from_file_location("identity_eval", REPO / "Benchmarks" / "identity_eval" / "identity_eval.py")
identity_eval = importlib.util.module_from_spec(spec)
spec.loader.exec_module(identity_eval)


def test_python_scores_match_a_hand_computation():
    s = identity_eval.scores([1, 1, 1, 2, 2], [1, 1, 2, 2, 2])
    assert s["b3_precision"] == pytest.approx(11 / 15)
    assert s["b3_recall"] == pytest.approx(11 / 15)
    assert s["pairwise_precision"] == pytest.approx(0.5)
    assert s["pairwise_recall"] == pytest.approx(0.5)


@pytest.mark.parametrize("name", ["acl-sample", "dblp-bib-sample"])
@pytest.mark.parametrize("mode", ["exact", "evidence"])
def test_coauthor_scores_equal_an_independent_implementation(tmp_path, name, mode):
    inputs, gold_path, family = identity_eval.SETS[name](tmp_path)
    out = run(["identities", *inputs, "-q", "--resolve", mode, "--mentions", "--format", "csv"]).stdout
    mentions = {(r["paper"], r["position"]): r for r in csv.DictReader(io.StringIO(out))}
    gold = {(r["paper"], r["position"]): r["person"] for r in csv.DictReader(gold_path.open(encoding="utf-8"))}
    assert len(gold) > 500
    keys = sorted(gold)
    # Every gold row points at a mention of that family name.
    for k in keys:
        assert identity_eval.fold(family[k]) in identity_eval.fold(mentions[k]["name"])
    ours = identity_eval.scores([mentions[k]["author"] for k in keys], [gold[k] for k in keys])
    swift = json.loads(run(["identities", *inputs, "-q", "--resolve", mode, "--score", str(gold_path),
                            "--format", "json"]).stdout)
    for m, v in ours.items():
        assert swift[m] == pytest.approx(v, abs=1e-4), m


def test_bad_gold_is_an_error_with_its_line(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("paper,position,person\nJ19-1001,1,a\nJ19-9999,1,b\n", encoding="utf-8")
    p = run(["identities", str(SHARED / "acl-anthology" / "xml-sample" / "J19.xml"), "-q", "--score", str(gold)],
            check=False)
    assert p.returncode == 65
    assert f"{gold}:3:" in p.stderr
    assert p.stdout == ""


def test_bruna_identities_with_wos_ids():
    # Issue 16's target: one Emilio M. Bruna with all 102 papers, by default. His records carry an
    # ORCID and a ResearcherID on one mention (96), only the ResearcherID (5) or no id (1, a
    # single-author editorial): the ids written on one mention are linked, and the name-only
    # mention joins him as the export's subject (on 101 of its 102 papers).
    wos = SHARED / "wos" / "brunalab_coauthors_nsf_savedrecs.txt"
    for mode in (None, "exact", "evidence"):
        args = ["identities", str(wos), "-q", "--format", "json"] + (["--resolve", mode] if mode else [])
        out = json.loads(run(args).stdout)
        people = [a for a in out if a["author"] == "Emilio M. Bruna"]
        assert [(a["key"], a["papers"]) for a in people] == [("orcid:0000-0003-3381-8477", 102)]
        assert {s["text"] for s in people[0]["spellings"]} == {
            "Emilio M. Bruna", "EM Bruna", "Emilio Bruna", "E. M. Bruna", "E Bruna"}
        assert {"linked ids"} <= set(people[0]["joined_by"])
        # No other Bruna is left behind.
        assert [a["author"] for a in out if "Bruna" in a["author"]] == ["Emilio M. Bruna"]