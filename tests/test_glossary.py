"""The site-wide glossary (includes/glossary.md): checked at build time, every use of a
term on a page and in a flow is an <abbr> with its definition, the first use of each is
reachable by keyboard and shows its tooltip on focus, the Glossary page lists them all,
and the PDF prints each definition after its first use on a page. The French pages use
the French glossary (includes/glossary.fr.md) the same way, and never the English one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from conftest import assert_build_failed_cleanly, mkdocs_build
from guide import glossary
from support import ROOT, page_url_path, twin
from test_pdf import PdfBuild, paper_text, pdf_build  # noqa: F401 (pdf_build: the PDF fixture; its build is conftest's pdf_export)

GLOSSARY_FILE = ROOT / "includes" / "glossary.md"
TERMS = glossary.parse(GLOSSARY_FILE.read_text(encoding="utf-8"), "includes/glossary.md")
TITLES = {e.term: e.definition for e in TERMS.entries} | TERMS.variants()
TERM_RE = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(TITLES, key=len, reverse=True)))})\b")
SAMPLE_PAGES = ("index.md", "comparison.md", "roles/mlops-engineer.md", "faq.md", "decide/hiring.md",
                "decide/career.md")

FR_FILE = ROOT / "includes" / "glossary.fr.md"
FR_TERMS = glossary.parse(FR_FILE.read_text(encoding="utf-8"), "includes/glossary.fr.md", "fr")
FR_TITLES = {e.term: e.definition for e in FR_TERMS.entries} | FR_TERMS.variants()
FR_TERM_RE = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(FR_TITLES, key=len, reverse=True)))})\b")
FR_SAMPLE_PAGES = tuple(twin(source) for source in SAMPLE_PAGES)
# Text a reader does not read as prose: code, the flow diagram's SVG (the text version
# next to it has the terms), the glossary's own terms.
NOT_PROSE = ("code", "pre", "svg", "script", "style", "abbr", "dt")


def article(site_dir: Path, source: str) -> Tag:
    soup = BeautifulSoup((site_dir / page_url_path(source)).read_text(encoding="utf-8"), "html.parser")
    found = soup.select_one("article")
    assert found is not None
    return found


# ── The file is checked ─────────────────────────────────────────────────────

@pytest.mark.unit
def test_a_line_that_is_not_an_abbreviation_names_its_file_and_line() -> None:
    with pytest.raises(glossary.GlossaryError, match=r"g\.md:3: '\*\[MLOps\] Machine") as caught:
        glossary.parse("*[ML]: Machine learning.\n\n*[MLOps] Machine learning operations.\n", "g.md")
    assert "*[term]: One short sentence." in str(caught.value)


@pytest.mark.unit
def test_terms_in_one_block_are_refused_as_each_page_would_pay_for_them() -> None:
    with pytest.raises(glossary.GlossaryError, match=r"g\.md:2: put a blank line before this line"):
        glossary.parse("*[ML]: Machine learning.\n*[AI]: Artificial intelligence.\n", "g.md")
    for path in (GLOSSARY_FILE, FR_FILE):  # the shipped files: one block per term
        text = path.read_text(encoding="utf-8")
        assert "\n*[" not in text.replace("\n\n*[", ""), path


@pytest.mark.unit
def test_a_repeated_term_names_both_lines() -> None:
    with pytest.raises(glossary.GlossaryError, match=r"g\.md:3: 'ML' is already defined on line 1"):
        glossary.parse("*[ML]: Machine learning.\n\n*[ML]: Again.\n", "g.md")


@pytest.mark.unit
@pytest.mark.parametrize("line, problem", [
    ("*[ML]:", "has no definition"),
    ("*[ML]: Uses <b>markup</b>.", "holds '<'"),
    ("*[ML]: " + "long " * 40, "at most 160"),
])
def test_a_bad_definition_is_refused(line: str, problem: str) -> None:
    with pytest.raises(glossary.GlossaryError, match=re.escape(problem)):
        glossary.parse(line + "\n", "g.md")


@pytest.mark.unit
def test_other_forms_cover_sentence_starts_and_plurals_but_never_redefine() -> None:
    terms = glossary.parse("*[pipeline]: A chain of steps.\n\n*[LLM]: A large language model.\n\n"
                           "*[Pipelines]: Defined on its own.\n", "g.md")
    assert terms.variants() == {"Pipeline": "A chain of steps.", "pipelines": "A chain of steps.",
                                "LLMs": "A large language model."}


@pytest.mark.build
def test_the_real_build_stops_on_a_bad_glossary_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nML here.\n", encoding="utf-8")
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "glossary.md").write_text(
        "*[ML]: Machine learning.\n\n*[AI]: Artificial intelligence.\n\n*[ML]: Twice.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\n"
        f"hooks:\n  - {ROOT / 'hooks' / 'glossary_checks.py'}\n"
        "markdown_extensions:\n  - abbr\n  - guide.glossary.markdown_ext\n",
        encoding="utf-8")
    assert_build_failed_cleanly(mkdocs_build(tmp_path / "site", config=tmp_path / "mkdocs.yml"),
                                "includes/glossary.md:5", "includes/glossary.md:5: 'ML' is already defined on line 1")


@pytest.mark.unit
def test_french_plurals_take_the_noun_and_its_adjectives_never_an_acronym() -> None:
    terms = glossary.parse("*[mise en production]: Une sortie.\n\n*[test A/B]: Deux versions.\n\n"
                           "*[jeu d'évaluation]: Des exemples.\n\n*[modèle fantôme]: Un modèle.\n\n"
                           "*[garde-fou]: Un contrôle.\n\n*[LLM]: Un grand modèle.\n", "g.fr.md", "fr")
    forms = terms.variants()
    for form in ("mises en production", "Mise en production", "Mises en production", "tests A/B", "Test A/B",
                 "jeux d'évaluation", "modèles fantômes", "garde-fous", "Garde-fous"):
        assert form in forms, form
    assert "LLMs" not in forms and "test A/Bs" not in forms


@pytest.mark.unit
def test_french_glossary_page_order_ignores_accents() -> None:
    terms = glossary.parse("*[versionnage]: V.\n\n*[évaluation]: E.\n\n*[dérive]: D.\n\n*[API]: A.\n", "g.fr.md", "fr")
    assert [e.term for e in terms.sorted_entries()] == ["API", "dérive", "évaluation", "versionnage"]
    assert [e.anchor for e in terms.sorted_entries()][1:3] == ["term-derive", "term-evaluation"]


@pytest.mark.unit
def test_the_french_glossary_is_french_and_set_in_quebec_typography() -> None:
    english = {e.definition for e in TERMS.entries}
    assert not english & {e.definition for e in FR_TERMS.entries}, "an English definition in the French glossary"
    text = FR_FILE.read_text(encoding="utf-8")
    assert "’" not in text, "one kind of apostrophe: the straight one, as the French pages use"
    for entry in FR_TERMS.entries:
        assert " :" not in entry.definition and not re.search(r"\S:", entry.definition), \
            f"{entry.term}: a no-break space (U+00A0) goes before a colon"
        assert not re.search(r"\s[?!;]", entry.definition), f"{entry.term}: no space before ? ! ;"


def _i18n_project(folder: Path, *, french_glossary: bool) -> Path:
    """A two-page, two-language project with the real glossary hook."""
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# Home\n\nA pipeline.\n", encoding="utf-8")
    (folder / "docs" / "index.fr.md").write_text("# Accueil\n\nUn pipeline, des mises en production.\n",
                                                 encoding="utf-8")
    (folder / "includes").mkdir()
    (folder / "includes" / "glossary.md").write_text("*[pipeline]: A chain of steps.\n", encoding="utf-8")
    if french_glossary:
        (folder / "includes" / "glossary.fr.md").write_text(
            "*[pipeline]: Un enchaînement d'étapes.\n\n*[mise en production]: Une sortie.\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: t\nuse_directory_urls: false\ntheme: {name: material}\n"  # the plugin sets Material's language
        "plugins:\n  - i18n:\n      docs_structure: suffix\n      languages:\n"
        "        - {locale: en, name: English, default: true, build: true}\n"
        "        - {locale: fr, name: Français, build: true}\n"
        f"hooks:\n  - {ROOT / 'hooks' / 'glossary_checks.py'}\n"
        "markdown_extensions:\n  - abbr\n  - guide.glossary.markdown_ext\n",
        encoding="utf-8")
    return folder / "mkdocs.yml"


@pytest.mark.build
def test_each_language_build_explains_terms_from_its_own_glossary(tmp_path: Path) -> None:
    result = mkdocs_build(tmp_path / "site", config=_i18n_project(tmp_path, french_glossary=True))
    assert result.returncode == 0, result.stderr

    def titles(page: str) -> dict[str, str]:
        soup = BeautifulSoup((tmp_path / "site" / page).read_text(encoding="utf-8"), "html.parser")
        return {abbr.get_text(): abbr["title"] for abbr in soup.select("abbr[title]")}

    assert titles("index.html") == {"pipeline": "A chain of steps."}
    assert titles("fr/index.html") == {"pipeline": "Un enchaînement d'étapes.", "mises en production": "Une sortie."}


@pytest.mark.build
def test_a_language_without_its_glossary_stops_the_build_naming_the_file(tmp_path: Path) -> None:
    assert_build_failed_cleanly(mkdocs_build(tmp_path / "site", config=_i18n_project(tmp_path, french_glossary=False)),
                                "includes/glossary.fr.md",  # no line: the file that is missing
                                "includes/glossary.fr.md: cannot be read (No such file or directory)")


# ── Every use on a page and in a flow is explained ──────────────────────────

@pytest.mark.build
@pytest.mark.parametrize("source", SAMPLE_PAGES)
def test_every_use_of_a_term_is_an_abbr_with_its_definition(site_dir: Path, source: str) -> None:
    body = article(site_dir, source)
    abbrs = body.find_all("abbr")
    assert abbrs, f"{source} has no glossary term at all"
    for abbr in abbrs:
        assert abbr.get("title") == TITLES[abbr.get_text()], abbr
    bare = [f"{match.group()!r} in {str(text).strip()[:70]!r}"
            for text in body.find_all(string=True)
            if isinstance(text, NavigableString) and not text.find_parent(NOT_PROSE) and not in_flow(text)
            for match in TERM_RE.finditer(str(text))]
    assert not bare, f"{source}: terms without their <abbr>:\n" + "\n".join(bare[:10])


def in_flow(text: NavigableString) -> bool:
    """A flow explains each term once per question or outcome (the next test), not at every use."""
    return text.find_parent(attrs={"data-flow": True}) is not None


@pytest.mark.build
@pytest.mark.parametrize("source", ["decide/hiring.md", "decide/career.md", "decide/hiring.fr.md", "decide/career.fr.md"])
def test_each_question_and_outcome_explains_each_of_its_terms_once(site_dir: Path, source: str) -> None:
    """Outside links, the first use of each term in a node is an <abbr> and a focus stop, and
    the only one; in links (answers, a link's label) a term is an <abbr> only when nothing
    before it in the node was, never a focus stop. Text that repeats another node's (the
    answers that lead to an outcome) stays plain, and so do an outcome's title and what the
    interactive flow hides (an answer's note and assumption)."""
    titles, term_re = (FR_TITLES, FR_TERM_RE) if source.endswith(".fr.md") else (TITLES, TERM_RE)
    flow = article(site_dir, source).select_one("[data-flow]")
    assert flow is not None
    for node in flow.select("[data-node]"):
        where = f"{source}, node {node['data-node']}"
        prose = " ".join(str(text) for text in node.find_all(string=True)
                         if not text.find_parent(("a", "svg", "script"))
                         and not text.find_parent(attrs={"data-flow-outcome": True})
                         and not text.find_parent(class_=("guide-flow__paths", "guide-flow__note", "guide-flow__assumes")))
        used = {titles[match.group()] for match in term_re.finditer(prose)}
        stops = [a["title"] for a in node.select("abbr[tabindex='0']")]
        assert len(stops) == len(set(stops)), f"{where}: a term is explained twice: {sorted(stops)}"
        assert set(stops) == used, f"{where}: terms not explained {sorted(used - set(stops))}"
        in_links = [a["title"] for a in node.select("a abbr")]
        assert len(in_links) == len(set(in_links)), f"{where}: a term is explained twice in links"
        assert not node.select("a abbr[tabindex]"), f"{where}: a focus stop inside a link"
        assert not node.select(".guide-flow__paths abbr, .guide-flow__note abbr, .guide-flow__assumes abbr, "
                               "[data-flow-outcome] abbr"), \
            f"{where}: a term explained where it is repeated or hidden"


@pytest.mark.build
@pytest.mark.parametrize("source", ["decide/hiring.md", "decide/career.md"])
def test_flow_text_carries_the_terms(site_dir: Path, source: str) -> None:
    flow = article(site_dir, source).select_one("[data-flow]")
    assert flow is not None
    assert flow.select("[data-node] abbr[title]"), f"no term in the {source} flow's questions and outcomes"
    for link in flow.select("a"):
        assert not link.select("abbr[tabindex]"), f"a focus stop inside a link: {link}"


@pytest.mark.build
@pytest.mark.parametrize("source", SAMPLE_PAGES)
def test_first_use_of_each_term_is_one_focus_stop(site_dir: Path, source: str) -> None:
    body = article(site_dir, source)
    focusable = body.select("abbr[tabindex='0']")
    assert not any(a.find_parent(("a", "button", "summary", "label")) for a in focusable)
    if source.startswith("decide/"):
        return  # a flow has one stop per term and question (one question shows at a time)
    titles = [a["title"] for a in focusable]
    assert len(titles) == len(set(titles)), "a term is a focus stop twice on the page"
    outside_controls = {a["title"] for a in body.find_all("abbr") if not a.find_parent(("a", "button", "summary", "label"))}
    assert set(titles) == outside_controls


@pytest.mark.browser
def test_focus_shows_the_definition(page, base_url: str) -> None:
    page.goto(f"{base_url}/{page_url_path('comparison.md')}")
    term = page.locator("article abbr[tabindex='0']").first
    definition = term.get_attribute("title")
    assert definition
    page.keyboard.press("Tab")  # focus enters the page, then move to the term by keyboard
    term.focus()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    assert definition in tooltip.inner_text()
    described = term.get_attribute("aria-describedby")
    assert described and page.locator(f"[id='{described}']").inner_text().strip() == definition


@pytest.mark.browser
def test_flow_summary_copies_plain_text(page, base_url: str) -> None:
    """flow.js reads the text of nodes: a term is its word, never its tooltip."""
    page.goto(f"{base_url}/{page_url_path('decide/hiring.md')}")
    question = page.locator("[data-node]:visible [data-flow-question]").first
    term = question.locator("abbr")
    if term.count():
        term.first.focus()
    text = question.evaluate("el => el.textContent")
    assert not any(entry.definition in text for entry in TERMS.entries)


@pytest.mark.build
@pytest.mark.parametrize("source", FR_SAMPLE_PAGES)
def test_french_pages_explain_their_terms_in_french(site_dir: Path, source: str) -> None:
    body = article(site_dir, source)
    abbrs = body.find_all("abbr")
    assert abbrs, f"{source} has no glossary term at all"
    english = {e.definition for e in TERMS.entries} | set(TERMS.variants().values())
    for abbr in abbrs:
        assert abbr.get("title") not in english, f"{source}: an English definition on a French page: {abbr}"
        assert abbr.get("title") == FR_TITLES.get(abbr.get_text()), abbr
    bare = [f"{match.group()!r} in {str(text).strip()[:70]!r}"
            for text in body.find_all(string=True)
            if isinstance(text, NavigableString) and not text.find_parent(NOT_PROSE) and not in_flow(text)
            for match in FR_TERM_RE.finditer(str(text))]
    assert not bare, f"{source}: terms without their <abbr>:\n" + "\n".join(bare[:10])


@pytest.mark.build
@pytest.mark.parametrize("source", ["decide/hiring.fr.md", "decide/career.fr.md"])
def test_french_flow_text_carries_the_french_terms(site_dir: Path, source: str) -> None:
    flow = article(site_dir, source).select_one("[data-flow]")
    assert flow is not None
    terms = flow.select("[data-node] abbr[title]")
    assert terms, f"no term in the {source} flow's questions and outcomes"
    for abbr in terms:
        assert abbr["title"] == FR_TITLES.get(abbr.get_text()), abbr


# ── The Glossary page and the PDF ───────────────────────────────────────────

@pytest.mark.build
def test_glossary_page_lists_every_term_once_in_order(site_dir: Path) -> None:
    listing = article(site_dir, "glossary.md").select_one("dl.guide-glossary")
    assert listing is not None
    terms = [dt.get_text() for dt in listing.find_all("dt")]
    definitions = [dd.get_text() for dd in listing.find_all("dd")]
    assert terms == [e.term for e in TERMS.sorted_entries()]
    assert definitions == [e.definition for e in TERMS.sorted_entries()]


@pytest.mark.build
def test_french_glossary_page_lists_every_french_term_once_in_order(site_dir: Path) -> None:
    listing = article(site_dir, "glossary.fr.md").select_one("dl.guide-glossary")
    assert listing is not None
    assert [dt.get_text() for dt in listing.find_all("dt")] == [e.term for e in FR_TERMS.sorted_entries()]
    assert [dd.get_text() for dd in listing.find_all("dd")] == [e.definition for e in FR_TERMS.sorted_entries()]
    assert [dt["id"] for dt in listing.find_all("dt")] == [e.anchor for e in FR_TERMS.sorted_entries()]


# Text the PDF test looks for, per language: the Glossary page's first words, the home page's title.
PDF_PAGES = {"en": ("Every term below is explained wherever it appears", "a guide for hiring teams and engineers"),
             "fr": ("Chaque terme ci-dessous est expliqué partout où il apparaît",
                    "un guide pour les équipes d'embauche et les ingénieurs")}


@pytest.mark.pdf
def test_pdf_prints_each_definition_after_its_first_use_and_lists_them_all(pdf_build: PdfBuild) -> None:  # noqa: F811 (pytest passes the fixture imported from test_pdf)
    """Each PDF in its own language: the French PDF explains its terms with the French glossary."""
    terms, titles = (TERMS, TITLES) if pdf_build.language == "en" else (FR_TERMS, FR_TITLES)
    glossary_intro, home_title = PDF_PAGES[pdf_build.language]
    text = paper_text(" ".join(pdf_build.pages_text))
    ml = titles["ML"]
    assert paper_text(f"ML ({ml})") in text, "the first ML on a page is not followed by its definition"
    glossary_page = pdf_build.page_of(glossary_intro)
    listing = paper_text(" ".join(pdf_build.pages_text[glossary_page - 1:glossary_page + 3]))
    for entry in terms.entries:
        assert paper_text(entry.definition) in listing, entry.term
    # First use only: the home page does not repeat the definition of ML.
    home = paper_text(pdf_build.pages_text[pdf_build.page_of(home_title) - 1])
    assert home.count(paper_text(ml)) == 1
