#!/usr/bin/env bash
# Idempotent set-up on Debian with Python 3.11.
#   scripts/setup.sh site   -> .venv with what building and serving needs
#   scripts/setup.sh pdf    -> also WeasyPrint (requirements-test.txt) and Pango for the PDF export
#   scripts/setup.sh test   -> also Chromium, poppler, Java, Node tools for the tests
set -euo pipefail
cd "$(dirname "$0")/.."

want=${1:-site}
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
missing_debs() {  # print the Debian packages among "$@" that are not installed
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || echo "$p"; done
}

# Python environment -----------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    apt_install python3-venv
    "$PYTHON" -m venv .venv
  fi
fi
stamp=".venv/.installed-$want"
reqs=requirements.txt
[ "$want" = site ] || reqs=requirements-test.txt
if [ ! -f "$stamp" ] || [ "$reqs" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$reqs"
  # The site's own libraries (src/guide/), editable: an edit needs no reinstall.
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
  touch "$stamp"
fi

[ "$want" = site ] && exit 0

# The PDF export (scripts/pdf.sh): WeasyPrint lays text out with Pango.
pdf_debs=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation)
if [ "$want" = pdf ]; then
  todo=$(missing_debs "${pdf_debs[@]}")
  # shellcheck disable=SC2086
  [ -z "$todo" ] || apt_install $todo
  exit 0
fi

# System packages the tests use ------------------------------------------------
# chromium: browser tests and Lighthouse; poppler-utils: pdftotext/pdftoppm;
# default-jre-headless: the Nu Html Checker; libpango: WeasyPrint (PDF export).
debs=(chromium poppler-utils default-jre-headless libpango-1.0-0 libpangoft2-1.0-0
      fonts-dejavu-core fonts-liberation)
command -v npm >/dev/null || debs+=(nodejs npm)
todo=$(missing_debs "${debs[@]}")
# shellcheck disable=SC2086
[ -z "$todo" ] || apt_install $todo

# Node tools (axe-core, Nu Html Checker, Lighthouse, iframe-worker), from the lock file.
if [ ! -d node_modules/axe-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
