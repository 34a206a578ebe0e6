#!/usr/bin/env bash
# Build the site with the whole-site PDF in it (site/ml-vs-mlops-guide.pdf, linked from
# every page as "Download PDF"). Sets itself up first. Extra arguments go to
# mkdocs build, e.g. scripts/pdf.sh --site-dir /tmp/out
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh pdf
export NO_MKDOCS_2_WARNING=1 PDF_EXPORT=1
exec .venv/bin/mkdocs build --strict "$@"
