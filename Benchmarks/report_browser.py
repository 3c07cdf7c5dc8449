"""Speed and size of `coauthor report` at 20,000 authors and about 100,000 ties, in headless
Chromium (a benchmark that prints numbers, not a test).

    bash Tests/scripts/setup.sh --browser && swift build -c release
    .venv/bin/python Benchmarks/report_browser.py [--bin .build/release/coauthor] [--runs 3]

Prints the file size, the time from navigation to the first complete frame (the page's own
`performance.now()` when its first frame is drawn), the time to draw one frame after a zoom and
after a pan (the median over many steps, JavaScript and canvas work as measured inside the page:
while the camera moves, the page shows its last full drawing moved and scaled), and the time of
the full redraw the page makes once the camera rests. Targets: < 15 MB, < 3 s, < 50 ms. The synthetic graph comes from `coauthor-synth`
(seeded, so the same graph each run).
"""
import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "browser"))
from browser import chromium, open_report  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(REPO / ".build" / "release" / "coauthor"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--steps", type=int, default=30)
    args = ap.parse_args()
    binary = pathlib.Path(args.bin)
    synth = binary.parent / "coauthor-synth"
    work = pathlib.Path(tempfile.mkdtemp(prefix="report-bench-"))
    src, page = work / "synth.jsonl", work / "synth.html"
    subprocess.run([str(synth), "--papers", "25000", "--authors", "34000", "--communities", "40", "--max-team", "16",
                    "-o", str(src)], check=True, capture_output=True)
    t = time.monotonic()
    subprocess.run([str(binary), "report", str(src), "-o", str(page), "-q"], check=True)
    made = time.monotonic() - t
    size = page.stat().st_size
    driver = chromium()
    try:
        first, zoom, pan = [], [], []
        for _ in range(args.runs):
            open_report(driver, page, timeout=180)
            # Above 5,000 authors the page opens at the community level; time the author level.
            driver.execute_script("window.coauthorReport.setLevel('authors')")
            s = driver.execute_script("return window.coauthorReport.stats()")
            first.append(s["firstFrameAt"] / 1000)
            w, h = driver.execute_script("const c = document.getElementById('map'); return [c.clientWidth, c.clientHeight];")
            zoom += driver.execute_script(f"""
                const r = window.coauthorReport, out = [];
                for (let i = 0; i < {args.steps}; i++) {{ r.zoomAt(i % 2 ? 1 / 1.3 : 1.3, {w / 2}, {h / 2}); out.push(r.drawNow()); }}
                return out;""")
            pan += driver.execute_script(f"""
                const r = window.coauthorReport, out = [];
                for (let i = 0; i < {args.steps}; i++) {{ r.panBy(i % 2 ? -40 : 40, 25); out.push(r.drawNow()); }}
                return out;""")
        settle = driver.execute_script(f"""
            const r = window.coauthorReport, out = [];
            for (let i = 0; i < {args.steps // 3}; i++) {{ r.zoomAt(i % 2 ? 1 / 1.3 : 1.3, {w / 2}, {h / 2}); out.push(r.fullFrame()); }}
            return out;""")
        print(f"graph: {s['nodes']} authors, {s['links']} ties; report written in {made:.1f} s")
        print(f"file size: {size / 1e6:.2f} MB (target < 15 MB)")
        print(f"load to first frame: median {statistics.median(first):.2f} s, max {max(first):.2f} s over {args.runs} loads (target < 3 s)")
        print(f"zoom frame: median {statistics.median(zoom):.1f} ms, p90 {sorted(zoom)[int(0.9 * len(zoom))]:.1f} ms (target < 50 ms)")
        print(f"pan frame: median {statistics.median(pan):.1f} ms, p90 {sorted(pan)[int(0.9 * len(pan))]:.1f} ms (target < 50 ms)")
        print(f"full redraw once the camera rests (links, circles, labels): median {statistics.median(settle):.1f} ms, max {max(settle):.1f} ms")
        print(f"chromium {driver.capabilities.get('browserVersion')}, headless, software rendering; {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
