#!/usr/bin/env bash
# Set up (first run only) everything the tests need, then run the whole suite: every layer
# (pytest.ini, tests/conftest.py). Extra arguments go to pytest, e.g. scripts/test.sh -k faq,
# or one layer alone:
#   scripts/test.sh -m unit      # no build, no browser, no PDF (under a minute; no Chromium needed)
#   scripts/test.sh -m build     # builds the real site, and copies of the project, and reads them
#   scripts/test.sh -m browser   # Playwright driving /usr/bin/chromium over the built site
#   scripts/test.sh -m pdf       # the whole-site PDF export, read back
set -euo pipefail
cd "$(dirname "$0")/.."

# The unit layer alone needs the Python packages and Pango, not Chromium, Java or the Node tools.
setup=test
args=("$@")
for i in "${!args[@]}"; do
  if { [ "${args[$i]}" = -m ] && [ "${args[$((i + 1))]:-}" = unit ]; } || [ "${args[$i]}" = -munit ]; then
    setup=pdf
  fi
done
scripts/setup.sh "$setup"

export NO_MKDOCS_2_WARNING=1
# Chromium leaves profile folders in $TMPDIR: keep them inside the project.
mkdir -p .tmp && export TMPDIR="$PWD/.tmp"

# ── Lint ─────────────────────────────────────────────────────────────────────
# ruff (pinned in requirements-test.txt, configured in pyproject.toml) over the whole tree,
# before the tests: its failure stops the script, so CI fails on it too.
.venv/bin/ruff check .

# ── Tests ────────────────────────────────────────────────────────────────────
exec .venv/bin/python -m pytest "$@"
