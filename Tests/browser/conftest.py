"""Fixtures of the report's browser suite: the CLI binary, reports made by it, one Chromium."""
import os
import pathlib
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("COAUTHOR_BIN", REPO / ".build" / "debug" / "coauthor"))
SYNTH = BIN.parent / "coauthor-synth"
# Screenshots of every state checked, kept after the run.
ARTEFACTS = REPO / ".build" / "report-artefacts"
SEED = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"]

sys.path.insert(0, str(pathlib.Path(__file__).parent))


def run(args, **kw):
    return subprocess.run([str(BIN)] + args, cwd=REPO, check=True, capture_output=True, text=True, **kw)


@pytest.fixture(scope="session")
def browser():
    from browser import chromium
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("report")


@pytest.fixture(scope="session")
def seed_report(workdir):
    out = workdir / "seed.html"
    # As the main job makes Output/qin-huang-report.html (its first screenshot is the README's).
    run(["report"] + SEED + ["--title", "Qin Huang: collaboration network", "-o", str(out), "-q"])
    return out
