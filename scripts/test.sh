#!/usr/bin/env bash
# Set up (first run only) everything the tests need, then run the whole suite.
# Extra arguments go to pytest, e.g. scripts/test.sh -k faq
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export NO_MKDOCS_2_WARNING=1
# Chromium leaves profile folders in $TMPDIR: keep them inside the project.
mkdir -p .tmp && export TMPDIR="$PWD/.tmp"
exec .venv/bin/python -m pytest "$@"
