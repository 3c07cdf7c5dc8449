#!/usr/bin/env bash
# Installs what the report's browser tests, its benchmark and the README screenshot need, on top of
# setup.sh: Debian's chromium and chromium-driver, and Selenium in the project's .venv (pinned: the
# version the suite was checked with). The main job does not need any of it.
set -euo pipefail
cd "$(dirname "$0")/../.."
need=()
for pkg in chromium chromium-driver; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "setup-browser: installing ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! .venv/bin/python -c 'import selenium, sys; sys.exit(selenium.__version__ != "4.50.0")' >/dev/null 2>&1; then
  echo "setup-browser: installing selenium into .venv" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check "selenium==4.50.0"
fi
