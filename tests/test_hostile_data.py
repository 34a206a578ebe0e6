"""Hostile input in the data formats beside the flows: the hiring kits, the posting checklist,
the glossaries and the interface-text catalogues. Each class of problem is refused with
`file:line: what is wrong Fix: what to do`, never a traceback; each good input that looks
odd (a `%` in a translation, look-alike terms) is accepted.

Fixtures: tests/data/hostile/ (README.md there lists them). The flows' own hostile files are
in tests/data/flows/hostile/ (tests/test_flow_hostile_input.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import jinja2
import markdown
import pytest

import guide.flows as tree
from conftest import ROOT
from guide import kits
from guide.core.problems import Problem
from guide.glossary.source import GlossaryError, load_glossary
from guide.languages import interface_text

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


# ── Interface-text catalogues ───────────────────────────────────────────────

CATALOGUES_REFUSED = [
    # fixture, line, phrase of the problem
    ("catalogue-latin1", 1, "byte 0xe9 on this line is not UTF-8 text."),
    ("catalogue-duplicate-key", 3, "the key 'Outcome' appears twice in the same block."),
    ("catalogue-escaped-controls", 1, "a bidirectional control character (U+202E) written as an escape"),
    ("catalogue-escaped-controls", 2, "a control character (U+0007) written as an escape"),
    ("catalogue-not-text", 2, "the translation of \"Download PDF\" is not text."),
]


@pytest.mark.parametrize(("fixture", "line", "problem"), CATALOGUES_REFUSED, ids=[f"{r[0]}:{r[1]}" for r in CATALOGUES_REFUSED])
def test_bad_catalogue_is_refused_with_file_and_line(fixture: str, line: int, problem: str) -> None:
    with pytest.raises(interface_text.CatalogueError) as caught:
        interface_text.load_catalogue(HOSTILE / f"{fixture}.yml", "i18n/fr.yml")
    assert isinstance(caught.value, ValueError)  # what the callers catch
    assert any(p.line == line and problem in p.problem and p.fix for p in caught.value.problems), str(caught.value)
    assert f"i18n/fr.yml:{line}: " in str(caught.value)


def test_a_broken_catalogue_is_a_page_problem_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "i18n").mkdir()
    shutil.copy(HOSTILE / "catalogue-duplicate-key.yml", tmp_path / "i18n" / "fr.yml")
    problems: list[Problem] = []
    assert interface_text.page_catalogue(tmp_path / "i18n", "fr", problems) == {}
    assert [str(p) for p in problems] == ["i18n/fr.yml:3: the key 'Outcome' appears twice in the same block. "
                                          "Fix: keep one of them."]


def test_catalogue_problems_name_the_line_of_the_key() -> None:
    catalogue = interface_text.load_catalogue(HOSTILE / "catalogue-percent.yml", "i18n/fr.yml")
    messages = [interface_text.Message("overrides/x.html", 1, "Question %(number)s")]
    assert interface_text.catalogue_problems(messages, catalogue, "i18n/fr.yml") == [
        'i18n/fr.yml:2: "Works offline" is used by no template. Remove it (or fix its English).']


def test_a_percent_sign_in_interface_text_is_a_character() -> None:
    catalogue = interface_text.load_catalogue(HOSTILE / "catalogue-percent.yml", "i18n/fr.yml")
    source = '{{ _("Works offline") }}|{{ _("Question %(number)s", number=n) }}|{{ _("100 % <b>sure</b>") }}'
    loader = jinja2.DictLoader({"t.html": source, "t.md": source})
    for env in (jinja2.Environment(loader=loader, autoescape=True), jinja2.Environment(loader=loader)):
        interface_text.install(env, catalogue)
        html = env.get_template("t.html").render(n="<4>")
        escaped = "&lt;4&gt;" if env.autoescape else "<4>"
        assert html == (f"100 % hors ligne, 50 %s de rabais, %(x) et %o|Question {escaped} (100 % sûr)|"
                        "100 % <b>sure</b>")
    # the flow and kit templates' environment, shared by the languages
    shared = interface_text.shared_environment(HOSTILE / "templates")
    with interface_text.speaking(catalogue):
        assert shared.from_string(source).render(n=4) == ("100 % hors ligne, 50 %s de rabais, %(x) et %o|"
                                                          "Question 4 (100 % sûr)|100 % <b>sure</b>")


# ── Glossaries ──────────────────────────────────────────────────────────────

GLOSSARIES_REFUSED = [
    # fixture, line, phrase of the problem
    ("glossary-latin1", 3, "byte 0xe9 on this line is not UTF-8 text."),
    ("glossary-placeholder-chars", 3, "this line holds a control character (U+0002)"),
    ("glossary-bidi", 3, "this line holds a bidirectional control character (U+202E)"),
    ("glossary-empty-quotes", 3, "the definition of 'drift' is '\"\"', which has no words"),
    ("glossary-empty-quotes", 5, "the definition of 'canary' is \"''\", which has no words"),
]


@pytest.mark.parametrize(("fixture", "line", "problem"), GLOSSARIES_REFUSED, ids=[f"{r[0]}:{r[1]}" for r in GLOSSARIES_REFUSED])
def test_bad_glossary_is_refused_with_file_and_line(fixture: str, line: int, problem: str) -> None:
    with pytest.raises(GlossaryError) as caught:
        load_glossary(HOSTILE / f"{fixture}.md", "includes/glossary.md")
    message = str(caught.value)
    assert any(text.startswith(f"includes/glossary.md:{line}: ") and problem in text
               for text in message.splitlines()), message


def test_a_glossary_with_placeholder_characters_never_reaches_markdown() -> None:
    """STX and ETX are Python-Markdown's placeholder marks: in a tooltip they ended a page in
    a RecursionError. The page extension reports the glossary and renders without it."""
    html = markdown.markdown("drift and MLOps", extensions=["abbr", "guide.glossary.markdown_ext"],
                             extension_configs={"guide.glossary.markdown_ext": {
                                 "docs_dir": str(HOSTILE), "file": "glossary-placeholder-chars.md",
                                 "page": "index.md"}})
    assert html == "<p>drift and MLOps</p>"


def test_look_alike_terms_get_distinct_ids_on_the_glossary_page() -> None:
    glossary = load_glossary(HOSTILE / "glossary-lookalike.md", "includes/glossary.md")
    assert glossary.anchors() == {"C": "term-c", "C 2": "term-c-2", "C#": "term-c-3", "C++": "term-c-4"}
    html = markdown.markdown("/// glossary\n///\n", extensions=["abbr", "guide.glossary.markdown_ext"],
                             extension_configs={"guide.glossary.markdown_ext": {"glossary": glossary}})
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == 4 and len(set(ids)) == 4, html


# ── Ids on a page ───────────────────────────────────────────────────────────

def test_two_kits_on_one_page_share_no_id() -> None:
    found, checklist = kits.load_kits(KITS_DIR, display_root=ROOT)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))
    interface_text.install(env, {})
    kit_site = kits.KitSite(kits=found, checklist=checklist, env=env)
    html = markdown.markdown("/// hiring-kit | ml-engineer\n///\n\n/// hiring-kit | mlops-engineer\n///\n",
                             extensions=[kits.HiringKitExtension(site=kit_site)])
    assert kit_site.problems == []
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == 16 and len(set(ids)) == 16, sorted(ids)
    assert "kit-scorecard" in ids and "kit-mlops-engineer-scorecard" in ids  # the first kit's ids as on a kit page
    # every in-page link and label points at an id of its own kit
    targets = re.findall(r'href="#([^"]+)"', html) + re.findall(r'aria-labelledby="([^"]+)"', html)
    assert targets and set(targets) <= set(ids)
    assert sum(t.startswith("kit-mlops-engineer-") for t in targets) == len(targets) // 2


def test_a_doubled_percent_in_interface_text_is_refused() -> None:
    """'%' is printed as it is, so a '%%' left from %-formatting would show twice."""
    messages = [interface_text.Message("overrides/partials/x.html", 3, "%(role)s %(percent)s%%")]
    problems = interface_text.catalogue_problems(messages, {"%(role)s %(percent)s%%": "%(role)s %(percent)s %%"},
                                                 "i18n/fr.yml")
    assert any(p.startswith("overrides/partials/x.html:3: ") and "doubles a '%'" in p for p in problems)
    problems = interface_text.catalogue_problems([interface_text.Message("x.html", 1, "100%")], {"100%": "100 %%"},
                                                 "i18n/fr.yml")
    assert any(p.startswith("i18n/fr.yml") and "doubles a '%'" in p for p in problems)
