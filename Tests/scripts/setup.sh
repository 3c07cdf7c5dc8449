#!/usr/bin/env bash
# Installs what the tests and the main job need on a fresh Debian machine that has only the Swift
# toolchain: system packages (when missing) and the project's Python venv (.venv) for the oracles.
#
#   bash Tests/scripts/setup.sh            everything the tests need (system packages and .venv)
#   bash Tests/scripts/setup.sh --browser  the same plus Chromium and Selenium (the report's browser tests)
#   bash Tests/scripts/setup.sh --main-job only what building and running the main job needs
#                                          (Graphviz, fonts, the compression libraries; no Python, no venv)
# Graphviz: libgraphviz-dev (the C library the GraphvizBridge target links, found through
# pkg-config), graphviz (its layout and cairo plugins), librsvg2-bin (rsvg-convert, used by the tests
# to render our SVG), fonts-noto-cjk (one font for Latin, accents and CJK: Graphviz measures label
# widths with the installed fonts, so the committed SVGs depend on it).
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=tests
browser=0
case "${1:-}" in
  "") ;;
  --browser) browser=1 ;;
  --main-job) mode=main-job ;;
  *) echo "usage: bash Tests/scripts/setup.sh [--browser | --main-job]" >&2; exit 64 ;;
esac

need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkgconf)
# Graphviz for coauthor render (the C library and its plugins); a CJK font so label widths of any
# script are measured right.
# Compressed input: the system's zlib, libzstd and libbz2 (the CCompression target links them).
system=(libgraphviz-dev graphviz fonts-noto-cjk zlib1g-dev libzstd-dev libbz2-dev)
if [ "$mode" = tests ]; then
  # The gzip, zstd and bzip2 tools the tests compress every example input with.
  system+=(gzip zstd bzip2)
  # Java for Spark local mode (the Distributed/spark checks; coauthor itself and the main job need no Java).
  command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
  command -v python3 >/dev/null 2>&1 || need+=(python3)
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
  command -v xz >/dev/null 2>&1 || need+=(xz-utils)
  # rsvg-convert renders charts and networks to PNG in tests (it brings fontconfig).
  system+=(librsvg2-bin)
  # --browser: Debian's chromium and chromium-driver (Selenium goes into the venv, below).
  [ "$browser" = 1 ] && system+=(chromium chromium-driver)
fi
for pkg in "${system[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "setup: installing ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ "$mode" = main-job ] && exit 0

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  python3 -m venv .venv
fi

# networkx is the oracle of the conformance tests (pinned: the version the suite was checked with).
# (networkx's pagerank runs on numpy/scipy.)
if ! .venv/bin/python -c 'import networkx, numpy, scipy, sys; sys.exit(networkx.__version__ != "3.6.1")' >/dev/null 2>&1; then
  echo "setup: installing networkx, numpy, scipy into .venv" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check "networkx==3.6.1" "numpy==2.4.6" "scipy==1.17.1"
fi

# python-igraph and leidenalg are the references of the community-detection quality tests (pinned:
# the versions the suite was checked with; leidenalg 0.12 needs igraph 1.0).
if ! .venv/bin/python -c 'import igraph, leidenalg, sys; sys.exit(igraph.__version__ != "1.0.0" or leidenalg.version != "0.12.0")' >/dev/null 2>&1; then
  echo "setup: installing python-igraph, leidenalg into .venv" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check "python-igraph==1.0.0" "leidenalg==0.12.0"
fi

# The export round-trip suite (pytest, pandas) and the example notebook (nbclient runs it on the
# venv's own ipykernel; matplotlib draws its plots); the cluster path's checks (Tests/spark): pyspark
# runs the Spark job in local mode, pyarrow reads its Parquet independently of coauthor's own reader.
# Pinned to the versions the suites were checked with.
export_pins=("pytest==9.2.0" "pandas==3.1.1" "nbclient==0.11.0" "nbformat==5.11.1" "ipykernel==7.4.0" "matplotlib==3.11.2"
             "pyspark==4.3.0" "pyarrow==26.0.1")
if ! .venv/bin/python - "${export_pins[@]}" >/dev/null 2>&1 <<'PY'
import sys
from importlib.metadata import version
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    if version(name) != want:
        sys.exit(1)
PY
then
  echo "setup: installing pytest, pandas, nbclient, nbformat, ipykernel, matplotlib, pyspark, pyarrow into .venv" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check "${export_pins[@]}"
fi

# Selenium drives the headless Chromium of the report's browser tests (pinned: the version the suite
# was checked with).
if [ "$browser" = 1 ] && ! .venv/bin/python -c 'import selenium, sys; sys.exit(selenium.__version__ != "4.50.0")' >/dev/null 2>&1; then
  echo "setup: installing selenium into .venv" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check "selenium==4.50.0"
fi
