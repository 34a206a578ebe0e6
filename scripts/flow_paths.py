"""Write (or, with --check, verify) the review table of every path through every flow.

    .venv/bin/python scripts/flow_paths.py           # regenerate docs/decide/flows/paths.md
    .venv/bin/python scripts/flow_paths.py --check   # exit 1 with a diff when it is stale

The table is generated from docs/decide/flows/*.yml and committed, so a reviewer sees in
the diff how a change to a tree moves outcomes. It is never written during a build.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import guide.flows as tree  # noqa: E402  (a plain module next to the hooks)

FLOWS = ROOT / "docs" / "decide" / "flows"
TABLE = FLOWS / "paths.md"
COMMAND = ".venv/bin/python scripts/flow_paths.py"


def expected() -> str:
    """The table as the current trees produce it."""
    flows = tree.load_flows(FLOWS, display_root=ROOT)
    return tree.paths_markdown(flows[k] for k in sorted(flows)) + "\n"


def stale_diff() -> str:
    """A unified diff from the committed table to the expected one ('' when up to date)."""
    current = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
    return "".join(difflib.unified_diff(current.splitlines(True), expected().splitlines(True),
                                        str(TABLE.relative_to(ROOT)), "generated from the trees"))


def main() -> int:
    """Entry point: write the table, or check it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail with a diff if the table is stale")
    args = parser.parse_args()
    try:
        if args.check:
            diff = stale_diff()
            if diff:
                sys.stdout.write(diff)
                print(f"\n{TABLE.relative_to(ROOT)} is stale. Regenerate it with: {COMMAND}", file=sys.stderr)
                return 1
            print(f"{TABLE.relative_to(ROOT)} is up to date.")
            return 0
        TABLE.write_text(expected(), encoding="utf-8")
        print(f"Wrote {TABLE.relative_to(ROOT)}.")
        return 0
    except tree.ProblemError as error:
        print(f"Bad decision tree:\n{error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
