"""Hostile and odd input in the kits, glossaries and catalogues, through a real build of a
copy of the project: a good input that looks odd builds, a bad one stops the strict build
with `path:line` and no traceback. The libraries' own cases are in test_hostile_data.py."""

from __future__ import annotations

import pytest

from conftest import ROOT, Project, assert_build_failed_cleanly

pytestmark = pytest.mark.build

HOSTILE = ROOT / "tests" / "data" / "hostile"
HIRING = "docs/decide/flows/hiring.yml"
HIRING_FR = "docs/decide/flows/fr/hiring.yml"
FIRST_LINK = "      - page: roles/ml-engineer.md\n"


def test_a_link_to_a_kit_part_and_a_percent_in_a_translation_build(project: Project) -> None:
    """A flow link to an id a hiring kit puts on its page, and a French text with a '%'."""
    for flow in (HIRING, HIRING_FR):
        project.edit(flow, FIRST_LINK, "      - page: hiring-kits/ml-engineer.md#kit-interview-loop\n")
    project.edit("i18n/fr.yml", '"Download PDF": "Télécharger le PDF"', '"Download PDF": "Télécharger le PDF (100 % hors ligne)"')
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    hiring = (project / "site" / "decide" / "hiring.html").read_text(encoding="utf-8")
    assert 'href="../hiring-kits/ml-engineer.html#kit-interview-loop"' in hiring
    french = (project / "site" / "fr" / "index.html").read_text(encoding="utf-8")
    assert "Télécharger le PDF (100 % hors ligne)" in french


def test_a_link_to_an_id_no_kit_part_has_stops_the_build(project: Project) -> None:
    line = project.edit(HIRING, FIRST_LINK, "      - page: hiring-kits/ml-engineer.md#kit-interview-loops\n")
    project.edit(HIRING_FR, FIRST_LINK, "      - page: hiring-kits/ml-engineer.md#kit-interview-loops\n")
    assert_build_failed_cleanly(project.build(), f"{HIRING}:{line}", "has no element with that id",
                                "hiring-kits/ml-engineer.md#kit-interview-loop")


@pytest.mark.parametrize(("file", "fixture", "line", "expected"), [
    ("i18n/fr.yml", "catalogue-duplicate-key.yml", 3, "the key 'Outcome' appears twice"),
    ("i18n/fr.yml", "catalogue-latin1.yml", 1, "byte 0xe9 on this line is not UTF-8 text"),
    ("includes/glossary.md", "glossary-latin1.md", 3, "byte 0xe9 on this line is not UTF-8 text"),
    ("includes/glossary.fr.md", "glossary-placeholder-chars.md", 3, "a control character (U+0002)"),
], ids=["catalogue-duplicate-key", "catalogue-latin1", "glossary-latin1", "glossary-fr-placeholder-chars"])
def test_a_bad_catalogue_or_glossary_stops_the_build_at_its_line(project: Project, file: str, fixture: str,
                                                                 line: int, expected: str) -> None:
    (project / file).write_bytes((HOSTILE / fixture).read_bytes())
    assert_build_failed_cleanly(project.build(), f"{file}:{line}", expected)
