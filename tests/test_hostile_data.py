"""Hostile input in the data formats beside the flows: the hiring kits, the posting checklist,
the glossaries and the interface-text catalogues. Each class of problem is refused with
`file:line: what is wrong Fix: what to do`, never a traceback; each good input that looks
odd (a `%` in a translation, look-alike terms) is accepted.

Fixtures: tests/data/hostile/ (README.md there lists them). The flows' own hostile files are
in tests/data/flows/hostile/ (tests/test_flow_hostile_input.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import guide.flows as tree
from conftest import ROOT
from guide import kits

pytestmark = pytest.mark.unit

HOSTILE = ROOT / "tests" / "data" / "hostile"
KITS_DIR = ROOT / "docs" / "kits"


def _line_of(path: Path, text: str) -> int:
    """The first line of a fixture that holds `text`."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# ── Kits and the posting checklist ──────────────────────────────────────────

def test_kit_with_an_escaped_bidi_control_is_refused_at_its_line() -> None:
    path = HOSTILE / "kit-escaped-bidi" / "ml-engineer.yml"
    with pytest.raises(tree.ProblemError) as caught:
        kits.load_kit(path, "ml-engineer.yml")
    line = _line_of(path, "\\u202e")
    message = str(caught.value)
    assert message.startswith(f"ml-engineer.yml:{line}: this value holds a bidirectional control character "
                              "(U+202E) written as an escape ('\\u202e')"), message
    assert " Fix: " in message


def test_checklist_source_listed_twice_is_refused_at_the_second(tmp_path: Path) -> None:
    path = HOSTILE / "checklist-duplicate-source" / kits.CHECKLIST_FILE
    with pytest.raises(tree.ProblemError) as caught:
        kits.load_checklist(path, "checklist.yml")
    lines = path.read_text(encoding="utf-8").splitlines()
    first, second = (n for n, line in enumerate(lines, 1) if line == "  - id: bc-pay-transparency-act")
    assert str(caught.value) == (f"checklist.yml:{second} (node 'sources'): the source 'bc-pay-transparency-act' is "
                                 f"listed twice (first on line {first}). Fix: keep one entry for each source.")
    # and the kits' folder reader reports it too
    folder = tmp_path / "kits"
    shutil.copytree(KITS_DIR, folder, ignore=shutil.ignore_patterns("fr"))
    shutil.copy(path, folder / kits.CHECKLIST_FILE)
    with pytest.raises(tree.ProblemError, match="listed twice"):
        kits.load_kits(folder, display_root=tmp_path)
