#!/usr/bin/env bash
# Set up what the benchmarks need (as for the tests), then run them: one table of
# figures against the budgets. Arguments go to scripts/bench.py, e.g. --write.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export NO_MKDOCS_2_WARNING=1
# Chromium leaves profile folders in $TMPDIR: keep them inside the project.
mkdir -p .tmp && export TMPDIR="$PWD/.tmp"
exec .venv/bin/python scripts/bench.py "$@"
