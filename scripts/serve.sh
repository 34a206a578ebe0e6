#!/usr/bin/env bash
# Set up (first run only) and serve the site with live reload on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh site
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve -a 127.0.0.1:8000 "$@"
