"""The whole-site PDF (PDF_EXPORT=1, hooks/pdf_export.py) and printing one page.

The PDF is built once per session by a real strict build with WeasyPrint, then read
back with pdftotext, pdfimages and pypdf. Every expectation comes from the built
HTML of the same build (nav titles, headings, FAQ answers, flow nodes, table rows),
never from a list written here. One export writes a PDF per language: every test of the
document runs on both, the French PDF checked against the French pages (`pdf_build`
maps each English source to its French twin).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import babel.dates
import pytest
from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader
from pypdf.generic import Destination

from conftest import (
    FLOW_PAGES,
    ROOT,
    SiteBuild,
    assert_build_failed_cleanly,
    blocking,
    french_nav_pages,
    language_of,
    mkdocs_build,
    nav_pages,
    page_url_path,
    site_name,
    twin,
)
from guide import pdf as pdf_document
from guide.languages import interface_text

NAV = nav_pages()
TABLE_PAGES = ["comparison.md", "responsibilities.md"]
# Screen-only controls as the built pages show them (pdf_document drops them).
CONTROL_SELECTOR = "button, .guide-pdf-link, .guide-faq__permalink, a.headerlink, .guide-screen-only"


def squash(text: str) -> str:
    """Collapse whitespace, so text wrapped differently on paper still compares."""
    return re.sub(r"\s+", " ", text).strip()


def paper_text(text: str) -> str:
    """Text with no whitespace, and without what the print CSS adds after links
    (" (page 7)", " <https://...>"): wrapping on paper and the spaces that
    get_text puts between inline elements then no longer matter. (Table cells come
    out whole in `PdfBuild.drawn_text`, read with `pdftotext -raw`.)"""
    text = re.sub(r"\s*\(page\s\d+\)", "", text)
    text = re.sub(r"\s*<(?:https?|mailto):[^>]*>", "", text)
    # Also drop list bullets, and hyphens: pdftotext joins a line that ends in "-" to the next.
    # Case-insensitive: print CSS may set a label in capitals.
    return re.sub(r"[\s\u2022\u00ad-]+", "", text).casefold()


def joined(text: str) -> str:
    """Text with no whitespace and no hyphens (pdftotext joins a word broken after its hyphen,
    "spécialisez-" + "vous", and drops the hyphen), but with its case and the " (page 7)"
    the print CSS adds after a link: for comparing an answer and the page it names."""
    return re.sub(r"[\s\u00ad-]+", "", text)


@dataclass
class PdfBuild:
    site: Path
    pdf: Path
    seconds: float
    language: str = "en"

    @cached_property
    def nav(self) -> list[tuple[str, str]]:
        """(nav title, source) of every page, in this PDF's language."""
        return nav_pages() if self.language == "en" else french_nav_pages()

    def source(self, source: str) -> str:
        """The page of this PDF's language for an (English) source."""
        return source if self.language == "en" or language_of(source) != "en" else twin(source, self.language)

    def t(self, text: str) -> str:
        """An interface text as the templates print it in this PDF's language."""
        if self.language == "en":
            return text
        return interface_text.load_catalogue(ROOT / "i18n" / f"{self.language}.yml")[text]

    def page_html(self, source: str) -> BeautifulSoup:
        path = self.site / page_url_path(self.source(source))
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def article(self, source: str) -> Tag:
        article = self.page_html(source).select_one("article")
        assert article is not None, source
        return article

    @cached_property
    def pages_text(self) -> list[str]:
        """pdftotext of every page, in order (pdftotext ends each page with a form feed)."""
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(self.pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
        return out.split("\f")[:-1]

    @cached_property
    def definitions(self) -> re.Pattern[str]:
        """What the PDF adds after the first use of a glossary term on a page: " (its
        definition)", the title of an <abbr> of this language's pages. Matched through
        any line break pdftotext puts inside it."""
        titles = {squash(str(abbr["title"])) for _, source in self.nav
                  for abbr in self.article(source).select("abbr[title]")}
        assert titles, "no glossary term on any page"

        def spaced(title: str) -> str:
            return r"[\s\u00ad]*".join("-?" if c == "-" else re.escape(c) for c in re.sub(r"\s+", "", title))
        return re.compile(r"\s*\((?:" + "|".join(spaced(t) for t in sorted(titles, key=len, reverse=True)) + r")\)")

    def without_definitions(self, text: str) -> str:
        """The text as the pages' HTML has it: with no glossary definition in brackets after
        a term (intended on paper; test_glossary.py checks them)."""
        return squash(self.definitions.sub("", text))

    def _body(self, *options: str, first_page: int = 1) -> str:
        """pdftotext of the body of every page from first_page on, cropped to the area between
        the A4 page's 22 mm top and bottom margins (62 pt): no running title, page title or
        "Page 3 of 40", so a paragraph broken across pages reads whole. Without the glossary's
        definitions."""
        out = subprocess.run(["pdftotext", *options, "-f", str(first_page), "-enc", "UTF-8", "-x", "0", "-y", "56",
                              "-W", "595", "-H", "730", str(self.pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
        return self.without_definitions(" ".join(out.split("\f")[:-1]))

    @cached_property
    def text(self) -> str:
        """The body text in reading order (see _body), cover and contents included."""
        return self._body()

    @cached_property
    def pages_body_text(self) -> str:
        """The text of the site's pages only: from the first page after the contents."""
        return self._body(first_page=self.body_start)

    @cached_property
    def drawn_text(self) -> str:
        """The body text in the order it was drawn (`pdftotext -raw`): a table cell comes out
        whole, where reading order interleaves the lines of cells side by side (a long cell,
        with a definition in it). Lists' numbers and bullets come apart from their items."""
        return self._body("-raw")

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(self.pdf)

    @cached_property
    def contents_pages(self) -> list[str]:
        """The pages after the cover whose running header says "Contents"."""
        pages = []
        for text in self.pages_text[1:]:
            if self.t("Contents") not in [line.strip() for line in text.splitlines()[:4]]:
                break
            pages.append(text)
        assert pages, "no contents after the cover"
        return pages

    @cached_property
    def contents(self) -> list[tuple[str, int]]:
        """The table of contents, in order: (entry, page number). A long entry wraps: the
        lines right before its dot leaders (no blank line between) are part of it, unless
        one is the heading "Contents" (a nav section's label stands apart, a blank line under it)."""
        entries: list[tuple[str, int]] = []
        lines: list[str] = []
        for line in "\n".join(self.contents_pages).splitlines():
            numbered = re.fullmatch(r"(.*?)\s*\.{3,}\s*(\d+)", line.strip())
            if numbered:
                entries.append((squash(" ".join([*lines, numbered.group(1)])), int(numbered.group(2))))
                lines = []
            elif line.strip() and line.strip() != self.t("Contents"):
                lines.append(line.strip())
            else:
                lines = []
        return entries

    @cached_property
    def body_start(self) -> int:
        return min(page for _, page in self.contents)

    def page_of_id(self, source: str, element_id: str) -> int:
        """1-based page of an element of a page, by the PDF's named destination for it."""
        name = f"{pdf_document.page_anchor(page_url_path(self.source(source)))}--{element_id}"
        destinations = self.reader.named_destinations
        assert name in destinations, f"no destination {name!r} in the PDF"
        return self.reader.get_destination_page_number(destinations[name]) + 1

    def page_of(self, needle: str) -> int:
        """1-based number of the first page after the contents whose text holds needle."""
        first = self.body_start
        for number, text in enumerate(self.pages_text[first - 1:], start=first):
            if paper_text(needle) in paper_text(text):
                return number
        raise AssertionError(f"{needle!r} is on no page of the PDF")


@pytest.fixture(scope="session", params=["en", "fr"])
def pdf_build(request: pytest.FixtureRequest, pdf_export: tuple[Path, float]) -> PdfBuild:
    """The PDF of one language: the one its home page's Download PDF link points at.
    (pdf_export, the one export build of the session, is in conftest.py: test_glossary.py
    reads the same PDFs.)"""
    site, seconds = pdf_export
    home = site / page_url_path("index.md" if request.param == "en" else twin("index.md", request.param))
    link = BeautifulSoup(home.read_text(encoding="utf-8"), "html.parser").select_one("a.guide-pdf-link")
    assert link is not None, "the home page has no Download PDF link"
    pdf = home.parent / str(link["href"])
    assert pdf.is_file(), f"Download PDF points to {link['href']}, which the export did not write"
    return PdfBuild(site=site, pdf=pdf.resolve(), seconds=seconds, language=request.param)


def visible_text(element: Tag) -> str:
    """An element's text as the PDF shows it: no screen-only controls, nothing hidden."""
    copy = BeautifulSoup(str(element), "html.parser")
    for dropped in copy.select(f"{CONTROL_SELECTOR}, [hidden], script"):
        dropped.decompose()
    return squash(copy.get_text(" "))


def flatten_outline(items: list, reader: PdfReader) -> Iterator[tuple[str, int]]:
    for item in items:
        if isinstance(item, list):
            yield from flatten_outline(item, reader)
        else:
            yield squash(item.title), reader.get_destination_page_number(item)


# ── Whole document ─────────────────────────────────────────────────────────────

@pytest.mark.pdf
def test_cover_names_the_guide_and_the_build_date(pdf_build: PdfBuild) -> None:
    cover = squash(pdf_build.pages_text[0])
    assert squash(site_name(pdf_build.source("index.md"))) in cover
    today = dt.datetime.now(dt.UTC)
    assert babel.dates.format_date(today.date(), "d MMMM y", locale=pdf_build.language) in cover
    assert squash(pdf_build.t("A hiring guide")) in cover


@pytest.mark.pdf
def test_every_page_after_the_cover_has_its_number_in_the_footer(pdf_build: PdfBuild) -> None:
    total = len(pdf_build.pages_text)
    assert total == len(pdf_build.reader.pages)
    for number, text in enumerate(pdf_build.pages_text[1:], start=2):
        assert f"{pdf_build.t('Page')} {number} {pdf_build.t('of')} {total}" in squash(text), \
            f"page {number} has no page number"


@pytest.mark.pdf
def test_contents_list_every_nav_page_and_its_sections_with_their_pages(pdf_build: PdfBuild) -> None:
    """Each nav page, then its h2 sections (of a flow: its outcomes), each on the page it
    names; nothing else."""
    expected: list[tuple[str, int]] = []
    for title, source in pdf_build.nav:
        article = pdf_build.article(source)
        start = pdf_build.page_of_id(source, article.find("h1")["id"])
        heading = visible_text(article.find("h1"))
        assert paper_text(heading) in paper_text(pdf_build.pages_text[start - 1]), title
        expected.append((title, start))
        for h2 in article.find_all("h2"):
            node = h2.find_parent(attrs={"data-node": True})
            if h2.find_parent(attrs={"hidden": True}) or h2.find_parent("figure") \
                    or (node is not None and node["data-kind"] != "outcome"):
                continue
            expected.append((visible_text(h2), pdf_build.page_of_id(source, h2["id"])))
    # A flow outcome is listed as "Outcome: title" (its heading's label, a colon, its title).
    # Compared without white space: French sets a no-break space before the colon, and
    # get_text puts a space around a glossary term's <abbr> ("production ?", "ML ,").
    def entry(title: str) -> str:
        return re.sub(r"\s+", "", title.replace(":", ""))
    listed = [(entry(title), page) for title, page in pdf_build.contents]
    assert listed == [(entry(title), page) for title, page in expected]


@pytest.mark.pdf
def test_pages_come_in_nav_order(pdf_build: PdfBuild) -> None:
    """The contents test checks each page starts where the contents say."""
    listed = dict(pdf_build.contents[::-1])  # first entry wins: a page comes before its sections
    starts = [listed[squash(title)] for title, _ in pdf_build.nav]  # (squash: a French no-break space)
    assert starts == sorted(set(starts)), list(zip([t for t, _ in pdf_build.nav], starts))


@pytest.mark.pdf
def test_outline_has_every_page_and_its_sections(pdf_build: PdfBuild) -> None:
    outline = list(flatten_outline(pdf_build.reader.outline, pdf_build.reader))
    titles = {paper_text(title) for title, _ in outline}
    for _, source in pdf_build.nav:
        article = pdf_build.article(source)
        heading = visible_text(article.find("h1"))
        assert paper_text(heading) in titles, f"no bookmark for the page {source}"
        for section in article.find_all("h2"):
            if section.find_parent(attrs={"hidden": True}) is None:
                assert paper_text(visible_text(section)) in titles, f"no bookmark for {source} section {section.get_text()!r}"
    pages = len(pdf_build.reader.pages)
    assert all(0 <= page < pages for _, page in outline)


@pytest.mark.pdf
def test_every_link_stays_inside_the_pdf_or_goes_to_the_web(pdf_build: PdfBuild) -> None:
    reader = pdf_build.reader
    named = reader.named_destinations
    internal = 0
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            target = annot.get("/Dest")
            if action is not None and action.get("/S") == "/URI":
                uri = str(action["/URI"])
                assert uri.startswith(("https://", "http://", "mailto:")), f"link to {uri!r} leaves the PDF"
                continue
            if action is not None:
                assert action.get("/S") == "/GoTo", action
                target = action["/D"]
            assert target is not None, annot
            if isinstance(target, list):
                page_number = reader.get_page_number(target[0].get_object())
            else:
                assert str(target) in named, f"link to a missing destination {target!r}"
                destination: Destination = named[str(target)]
                page_number = reader.get_destination_page_number(destination)
            assert 0 <= page_number < len(reader.pages)
            internal += 1
    options = sum(len(pdf_build.article(s).select("[data-flow] a[data-next]")) for s in FLOW_PAGES)
    assert internal >= len(pdf_build.nav) + options, f"only {internal} internal links"


@pytest.mark.pdf
def test_no_word_is_outside_the_printable_area(pdf_build: PdfBuild) -> None:
    """Nothing clipped: every word lies within the page, clear of its edges."""
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf_build.pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    margin = 14  # points (5 mm): text there would be cut off by most printers
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", bbox, flags=re.S), start=1):
        width, height = (float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        for x_min, y_min, x_max, y_max, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page):
            assert margin <= float(x_min) and float(x_max) <= width - margin, \
                f"page {number}: {word!r} runs off the side ({x_min}-{x_max} of {width})"
            assert margin <= float(y_min) and float(y_max) <= height - margin, \
                f"page {number}: {word!r} runs off the top or bottom"


@pytest.mark.pdf
def test_text_is_real_text_and_diagrams_are_vectors(pdf_build: PdfBuild) -> None:
    images = subprocess.run(["pdfimages", "-list", str(pdf_build.pdf)],
                            capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert images == [], "the PDF holds raster images:\n" + "\n".join(images)
    for source in FLOW_PAGES:
        diagram = pdf_build.article(source).select_one(".guide-flow-diagram")
        assert diagram is not None, f"{source} has no diagram"
        page = paper_text(pdf_build.pages_text[pdf_build.page_of_id(source, diagram["id"]) - 1])
        labels = diagram.select("svg tspan")
        assert labels, f"{source}: the diagram has no text"
        for label in labels:
            assert paper_text(label.get_text()) in page, f"diagram label {label.get_text()!r} is not text in the PDF"


@pytest.mark.pdf
def test_no_screen_only_controls(pdf_build: PdfBuild) -> None:
    """Buttons, permalinks, the Download PDF link: no more often in the PDF than in the prose."""
    controls: set[str] = set()
    prose = ""
    for _, source in pdf_build.nav:
        article = pdf_build.article(source)
        controls |= {squash(c.get_text(" ")) for c in article.select(CONTROL_SELECTOR)}
        prose += " " + visible_text(article)
    controls.discard("")
    page = pdf_build.page_html("index.md")
    # The page's own controls outside the article: palette switch, search box, skip link, back to top.
    chrome = {squash(str(label["title"])) for label in page.select("form[data-md-component=palette] label[title]")}
    chrome |= {squash(str(box["placeholder"])) for box in page.select("input.md-search__input[placeholder]")}
    chrome |= {squash(c.get_text(" ")) for c in page.select("a.md-skip, button.md-top")}
    chrome.discard("")
    assert controls and len(chrome) >= 4, chrome

    def count(phrase: str, text: str) -> int:
        """Uses of phrase as words: "Search" in "research" is no search box. The contents,
        which repeat the pages' headings, are left out."""
        return len(re.findall(rf"(?<!\w){re.escape(squash(phrase).casefold())}(?!\w)", squash(text).casefold()))
    for text in controls | chrome:
        assert count(text, pdf_build.pages_body_text) <= count(text, prose), \
            f"screen-only control {text!r} is in the PDF"


# ── Pages and their hidden content ─────────────────────────────────────────────

@pytest.mark.pdf
@pytest.mark.parametrize("source", [s for _, s in NAV])
def test_every_paragraph_of_every_page_is_in_the_pdf(pdf_build: PdfBuild, source: str) -> None:
    text, cells = paper_text(pdf_build.text), paper_text(pdf_build.drawn_text)
    article = pdf_build.article(source)
    for block in article.select("p, li, dt, dd, th, td, summary, h1, h2, h3, h4"):
        if block.find_parent(attrs={"hidden": True}) or block.select_one("p, li, ul, ol, dl, table"):
            continue  # hidden until a script runs, or a container whose parts are checked one by one
        if block.find_parent(["svg", "figcaption"]) or (block.select_one(CONTROL_SELECTOR) and not visible_text(block)):
            continue
        expected = visible_text(block)
        if expected:
            assert paper_text(expected) in (cells if block.name in ("th", "td") else text), \
                f"{source}: {expected[:90]!r} is not in the PDF"


@pytest.mark.pdf
def test_every_faq_question_and_answer(pdf_build: PdfBuild) -> None:
    faq = pdf_build.article("faq.md").select("details")
    assert len(faq) >= 10
    text = paper_text(pdf_build.text)
    for details in faq:
        question = visible_text(details.summary)
        answer = details.find_all(["p", "li"])
        assert paper_text(question) in text
        assert answer, question
        for part in answer:
            if visible_text(part):
                assert paper_text(visible_text(part)) in text, f"answer to {question!r}: {part.get_text()[:80]!r}"


@pytest.mark.pdf
@pytest.mark.parametrize("source", TABLE_PAGES)
def test_every_table_row(pdf_build: PdfBuild, source: str) -> None:
    rows = pdf_build.article(source).select("table tbody tr")
    assert rows, f"{source} has no table"
    text = paper_text(pdf_build.drawn_text)
    for row in rows:
        cells = [visible_text(cell) for cell in row.find_all(["th", "td"])]
        assert paper_text(cells[0]) in text, f"{source}: row {cells[0]!r} is missing"
        for cell in cells[1:]:
            assert paper_text(cell) in text, f"{source}: row {cells[0]!r}, cell {cell!r} is missing"


@pytest.mark.pdf
def test_content_tabs_print_under_their_labels(pdf_build: PdfBuild) -> None:
    sets = [(source, tab_set) for _, source in pdf_build.nav
            for tab_set in pdf_build.article(source).select(".tabbed-set")]
    text = paper_text(pdf_build.text)
    for source, tab_set in sets:
        labels = [squash(label.get_text(" ")) for label in tab_set.select(".tabbed-labels > label")]
        blocks = tab_set.select(".tabbed-content > .tabbed-block")
        for label, block in zip(labels, blocks, strict=True):
            first = visible_text(block.find(["p", "li"]) or block)
            assert paper_text(f"{label} {first}") in text, f"{source}: tab {label!r} is not printed under its label"


# ── Decision flows on paper ────────────────────────────────────────────────────

@pytest.mark.pdf
@pytest.mark.parametrize("source", FLOW_PAGES)
def test_every_question_and_outcome_of_the_flow(pdf_build: PdfBuild, source: str) -> None:
    nodes = pdf_build.article(source).select("[data-flow] [data-node]")
    kinds = {node["data-kind"] for node in nodes}
    assert {"question", "outcome"} <= kinds
    text = paper_text(pdf_build.text)
    for node in nodes:
        assert paper_text(visible_text(node.find("h2"))) in text
        for option in node.select("a[data-next]"):
            assert paper_text(visible_text(option)) in text


@pytest.mark.pdf
@pytest.mark.parametrize("source", FLOW_PAGES)
def test_every_answer_gives_the_page_of_where_it_leads(pdf_build: PdfBuild, source: str) -> None:
    """"Answer → Question 4 (page 21)": page 21 is where Question 4 is printed."""
    article = pdf_build.article(source)
    for option in article.select("[data-flow] a[data-next]"):
        target = article.select_one(f'[data-node="{option["data-next"]}"]')
        target_page = pdf_build.page_of_id(source, target["id"])
        expected = f"{visible_text(option)} (page {target_page})"
        assert joined(expected) in joined(pdf_build.text), \
            f"{source}: {expected!r} is not in the PDF"


@pytest.mark.pdf
@pytest.mark.parametrize("source", FLOW_PAGES)
def test_following_a_flow_on_paper_reaches_an_outcome(pdf_build: PdfBuild, source: str) -> None:
    """Start at the first question; always take the first answer; turn to the page it names."""
    article = pdf_build.article(source)
    flow = article.select_one("[data-flow]")
    node = flow.select_one(f'[data-node="{flow["data-start"]}"]')
    seen = set()
    while node["data-kind"] != "outcome":
        assert node["data-node"] not in seen, "the flow loops"
        seen.add(node["data-node"])
        option = node.select_one("a[data-next]")
        match = re.search(re.escape(joined(visible_text(option))) + r"\(page(\d+)\)", joined(pdf_build.text))
        assert match, visible_text(option)
        node = flow.select_one(f'[data-node="{option["data-next"]}"]')
        assert int(match.group(1)) == pdf_build.page_of_id(source, node["id"])
        assert paper_text(visible_text(node.find("h2"))) in paper_text(pdf_build.pages_text[int(match.group(1)) - 1])
    # The outcome lists the answers that lead to it.
    for path in node.select(".guide-flow__paths li"):
        assert paper_text(visible_text(path)) in paper_text(pdf_build.text)


@pytest.mark.pdf
def test_conditional_result_parts_print_with_their_condition_in_words(pdf_build: PdfBuild) -> None:
    """Composed results on paper: every conditional part of the hiring flow is printed, opening
    with its condition in words ("If you answered “…” to Question 3, 5 or 6:"), so a reader
    can follow it by hand."""
    parts = pdf_build.article("decide/hiring.md").select("[data-flow] [data-flow-when]")
    assert len(parts) > 20
    text = paper_text(pdf_build.text)
    for part in parts:
        words = part.select_one(".guide-flow__if")
        assert words is not None and visible_text(words).startswith("If " if pdf_build.language == "en" else "Si ")
        assert paper_text(visible_text(part)) in text, visible_text(part)[:120]
    osfi = ("If you answered “Yes, we are a federally regulated bank, insurer, or trust and loan…” to Question 3, 5 or 6: "
            "By 1 May 2027, when OSFI's Guideline E-23 takes effect:")
    if pdf_build.language == "en":
        assert paper_text(osfi) in text


# ── Links between pages become links inside the document ──────────────────────

@pytest.mark.pdf  # WeasyPrint itself
def test_the_export_fetches_nothing_from_the_network(tmp_path: Path) -> None:
    """A page that points at a remote image gets a warning (which fails --strict), not a download.
    (What else the fetcher refuses: test_pdf_security.py.)"""
    html = '<html lang="en"><body><p>x</p><img src="https://example.org/remote.png" alt=""></body></html>'
    result = pdf_document.write_pdf(html, base_url=tmp_path, target=tmp_path / "t.pdf")
    assert result.page_count == 1
    assert result.warnings == (f"refused https://example.org/remote.png: only files inside the built site "
                               f"({tmp_path.resolve()}) may be used in the PDF; it is left out.",)


@pytest.mark.unit
def test_page_urls_resolve_like_a_browser() -> None:
    resolve = pdf_document.normalise_page_url
    assert resolve("../index.html", "roles/ml-engineer.html") == "index.html"
    assert resolve("./", "index.html") == "index.html"
    assert resolve("..", "decide/hiring.html") == "index.html"
    assert resolve("../", "decide/hiring.html") == "index.html"
    assert resolve("faq.html", "comparison.html") == "faq.html"
    assert resolve("../roles/", "decide/career.html") == "roles/index.html"
    assert resolve("", "faq.html") == "faq.html"


def _page(url: str, body: str, title: str = "T") -> pdf_document.SourcePage:
    return pdf_document.SourcePage(url=url, title=title, section=None,
                                   html=f'<html><body><article class="md-content__inner md-typeset">{body}'
                                        "</article></body></html>")


def soup_link(body: str, href: str) -> Tag:
    link = BeautifulSoup(body, "html.parser").find("a", href=href)
    assert link is not None, href
    return link


@pytest.mark.unit
def test_a_link_whose_text_is_its_address_is_marked_so_paper_does_not_repeat_it() -> None:
    body = '<h1>S</h1><a href="https://example.org/a/">example.org/a</a><a href="https://example.org/b">b</a>'
    page = pdf_document.assemble([_page("sources.html", body)]).pages[0]
    assert soup_link(page.body, "https://example.org/a/")["class"] == [pdf_document.BARE_LINK_CLASS]
    assert soup_link(page.body, "https://example.org/b").get("class") is None


@pytest.mark.unit
def test_links_between_pages_become_anchors_in_the_document() -> None:
    document = pdf_document.assemble([
        _page("index.html", '<h1 id="top">Home</h1><a href="roles/a.html#why">why</a>'
                            '<a href=".">self</a><a href="ml-vs-mlops-guide.pdf">pdf</a>'),
        _page("roles/a.html", '<h1>A</h1><h2 id="why">Why</h2><a href="../">home</a>'
                              '<a href="#why">here</a><a href="../index.html#top">top</a>'
                              '<a href="https://example.org/x">web</a><a href="../index.html#gone">gone</a>'),
    ])
    home, role = document.pages
    assert (home.anchor, role.anchor) == ("index", "roles-a")
    assert 'href="#roles-a--why"' in home.body and 'href="#index"' in home.body
    assert "ml-vs-mlops-guide.pdf" not in home.body and "pdf" in home.body  # link gone, text kept
    assert 'id="roles-a--why"' in role.body
    for href in ("#index", "#roles-a--why", "#index--top", "https://example.org/x"):
        assert f'href="{href}"' in role.body
    assert soup_link(role.body, "https://example.org/x").get("class") is None
    assert document.problems == ("roles/a.html: link '../index.html#gone' points to no element of "
                                 "index.html; it goes to the top of that page in the PDF.",)


@pytest.mark.unit
def test_hidden_content_opens_and_controls_go() -> None:
    body = (
        '<h1>FAQ<a class="headerlink" href="#x">¶</a></h1>'
        '<details id="q"><summary>Question?</summary><p>Answer.</p></details>'
        '<div class="tabbed-set tabbed-alternate"><input checked id="__tabbed_1_1" name="__tabbed_1" type="radio">'
        '<input id="__tabbed_1_2" name="__tabbed_1" type="radio"><div class="tabbed-labels">'
        '<label for="__tabbed_1_1">One</label><label for="__tabbed_1_2">Two</label></div>'
        '<div class="tabbed-content"><div class="tabbed-block"><p>First</p></div>'
        '<div class="tabbed-block"><p>Second</p></div></div></div>'
        '<button type="button">Copy link</button><p hidden>Later</p>'
    )
    page = pdf_document.assemble([_page("faq.html", body)]).pages[0]
    soup = BeautifulSoup(page.body, "html.parser")
    assert soup.find("details").has_attr("open")
    tabs = [squash(tab.get_text(" ")) for tab in soup.select(".guide-pdf-tab")]
    assert tabs == ["One First", "Two Second"]
    assert not soup.select("input, label, button, [hidden], .headerlink")
    assert page.heading == "FAQ"


@pytest.mark.unit
def test_diagrams_get_their_style_and_keep_their_internal_references() -> None:
    body = ('<h1>D</h1><span class="twemoji"><svg viewBox="0 0 24 24"><path d="M0 0"/></svg></span>'
            '<figure><svg viewBox="0 0 10 10"><defs><marker id="arrow"><path d="M0 0"/></marker></defs>'
            '<path class="edge" d="M0 0 L5 5" marker-end="url(#arrow)"/></svg></figure>')
    page = pdf_document.assemble([_page("decide/d.html", body)], svg_css=".edge { stroke: #555555; }").pages[0]
    soup = BeautifulSoup(page.body, "html.parser")
    icon, diagram = soup.find_all("svg")
    assert icon.find("style") is None
    assert diagram.find("style").get_text() == ".edge { stroke: #555555; }"
    assert diagram.find("marker")["id"] == "decide-d--arrow"
    assert diagram.find("path", class_="edge")["marker-end"] == "url(#decide-d--arrow)"
    with pytest.raises(pdf_document.DocumentError, match="'<'"):
        pdf_document.assemble([_page("decide/d.html", body)], svg_css="/* <svg> */")


@pytest.mark.unit
def test_a_flow_answer_that_leads_nowhere_is_an_error() -> None:
    body = ('<div data-flow="f"><section id="n1" data-node="a" data-kind="question"><h2>Question 1</h2>'
            '<a href="#missing" data-next="missing">Yes</a></section></div>')
    with pytest.raises(pdf_document.DocumentError, match=r"Yes.*no node of the flow"):
        pdf_document.assemble([_page("decide/x.html", body)])


@pytest.mark.unit
def test_a_page_without_an_article_is_an_error() -> None:
    page = pdf_document.SourcePage(url="x.html", title="X", section=None, html="<html><body></body></html>")
    with pytest.raises(pdf_document.DocumentError, match=r"x\.html: no <article"):
        pdf_document.assemble([page])


@pytest.mark.unit
def test_flow_answers_name_their_target_when_the_page_does_not() -> None:
    body = ('<div data-flow="f"><section id="n1" data-node="a" data-kind="question"><h2><span>Question 1</span> Why?</h2>'
            '<a href="#n2" data-next="b">Yes</a></section>'
            '<section id="n2" data-node="b" data-kind="outcome"><h2><span>Outcome</span> Hire</h2></section></div>')
    page = pdf_document.assemble([_page("decide/x.html", body)]).pages[0]
    option = BeautifulSoup(page.body, "html.parser").select_one("a[data-next]")
    assert option["href"] == "#decide-x--n2"
    assert squash(option.get_text(" ")) == "Yes go to Outcome"


@pytest.mark.unit
def test_a_heading_with_glossary_terms_is_one_contents_entry() -> None:
    """Only a flow node's heading has a label ("Outcome"); the <abbr> of a term in any other
    heading is a word of it, with no space added before the punctuation after it."""
    body = ('<h1>C</h1><h2 id="ai">The <abbr title="d">AI engineer</abbr> and <abbr title="e">LLM</abbr> '
            'products (<abbr title="f">LLMOps</abbr>)</h2>'
            '<div data-flow="f"><section id="o" data-node="o" data-kind="outcome"><h2 id="oh">'
            '<span>Outcome</span> <span>Hire an <abbr title="d">AI engineer</abbr>, first</span></h2></section></div>')
    page = pdf_document.assemble([_page("comparison.html", body)]).pages[0]
    assert [(entry.kicker, entry.title) for entry in page.sections] == [
        (None, "The AI engineer and LLM products (LLMOps)"), ("Outcome", "Hire an AI engineer, first")]


# ── The link on every page, and builds without the PDF ────────────────────────

@pytest.mark.pdf
def test_every_page_links_to_the_pdf_in_an_export_build(pdf_build: PdfBuild) -> None:
    for _, source in pdf_build.nav:
        link = pdf_build.page_html(source).select_one("a.guide-pdf-link")
        assert link is not None and squash(link.get_text(" ")) == pdf_build.t("Download PDF"), source
        target = (pdf_build.site / page_url_path(source)).parent / str(link["href"])
        assert target.resolve() == pdf_build.pdf.resolve(), source


@pytest.mark.pdf
def test_each_language_has_its_own_pdf_in_its_own_language(pdf_export: tuple[Path, float]) -> None:
    """Two PDFs: the English one holds no French page, the French one no English page."""
    site, _ = pdf_export
    english, french = PdfBuild(site, site / "ml-vs-mlops-guide.pdf", 0), \
        PdfBuild(site, site / "fr" / "ml-vs-mlops-guide.pdf", 0, "fr")
    assert english.pdf.is_file() and french.pdf.is_file()
    for (_, source), (_, french_source) in zip(nav_pages(), french_nav_pages()):
        heading = paper_text(visible_text(english.article(source).find("h1")))
        french_heading = paper_text(visible_text(french.article(french_source).find("h1")))
        assert heading != french_heading
        assert heading in paper_text(english.text) and heading not in paper_text(french.text), source
        assert french_heading in paper_text(french.text) and french_heading not in paper_text(english.text), source
    assert paper_text("Table des matières") in paper_text(french.text)
    assert paper_text("apprentissage automatique") not in paper_text(english.text)


@pytest.mark.build
def test_a_plain_build_writes_no_pdf_and_links_to_the_offline_page(site_dir: Path) -> None:
    assert list(site_dir.rglob("*.pdf")) == []
    offline = BeautifulSoup((site_dir / "offline.html").read_text(encoding="utf-8"), "html.parser")
    for source in [s for _, s in NAV] + [s for _, s in french_nav_pages()]:
        html = site_dir / page_url_path(source)
        link = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one("a.guide-pdf-link")
        assert link is not None, source
        path, _, fragment = str(link["href"]).partition("#")
        offline_page = site_dir / page_url_path("offline.md" if language_of(source) == "en" else twin("offline.md"))
        assert (html.parent / path).resolve() == offline_page.resolve(), source
        assert offline.find(id=fragment) is not None, f"offline.html has no #{fragment}"


@pytest.mark.pdf
def test_export_without_weasyprint_says_what_to_run(tmp_path: Path) -> None:
    """A machine set up for serving only: a clear message, not a traceback."""
    result = mkdocs_build(tmp_path / "site", env={"PDF_EXPORT": "1", **blocking(tmp_path / "blocker", ("weasyprint",))})
    assert_build_failed_cleanly(result, None,  # a package missing, in no file of the project
                                "PDF_EXPORT=1 needs weasyprint", "scripts/pdf.sh")


@pytest.mark.build
def test_a_plain_build_needs_neither_weasyprint_nor_a_browser(site_build: SiteBuild) -> None:
    """The session's build of the real site (conftest.py) ran with these modules blocked."""
    assert set(site_build.blocked) == {"weasyprint", "bs4", "playwright"}
    assert site_build.result.returncode == 0, site_build.result.stderr
    assert (site_build.site / "index.html").is_file()


# ── Printing one page from the browser (Ctrl+P) ────────────────────────────────
# page.pdf() is Chromium's own print path: it fires "beforeprint" (Material opens
# every <details> then) and lays the page out with the print CSS.

def print_page(page, url: str, target: Path) -> list[str]:
    """Print url to target as a person would (A4, browser margins); return each page's text."""
    page.goto(url, wait_until="load")
    page.pdf(path=str(target), format="A4", margin=dict.fromkeys(("top", "right", "bottom", "left"), "10mm"))
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(target), "-"],
                         capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


def words_off_the_paper(target: Path) -> list[str]:
    bbox = subprocess.run(["pdftotext", "-bbox", str(target), "-"], capture_output=True, text=True, check=True).stdout
    off = []
    for page in re.findall(r"<page (.*?)</page>", bbox, flags=re.S):
        width = float(re.search(r'width="([\d.]+)"', page).group(1))
        off += [word for x_min, x_max, word in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"'
                                                         r' yMax="[\d.]+">(.*?)</word>', page)
                if float(x_min) < 14 or float(x_max) > width - 14]
    return off


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "css-only"])
def test_printing_the_faq_opens_every_answer_and_drops_controls(browser, base_url: str, site_dir: Path,
                                                                 tmp_path: Path, javascript: bool) -> None:
    context = browser.new_context(java_script_enabled=javascript)
    try:
        printed = paper_text(" ".join(print_page(context.new_page(), base_url + page_url_path("faq.md"),
                                                 tmp_path / "faq.pdf")))
    finally:
        context.close()
    html = BeautifulSoup((site_dir / "faq.html").read_text(encoding="utf-8"), "html.parser")
    for details in html.select("article details"):
        for part in [details.summary, *details.find_all(["p", "li"])]:
            if visible_text(part):
                assert paper_text(visible_text(part)) in printed, f"printed FAQ lacks {part.get_text()[:80]!r}"
    controls = {squash(c.get_text(" ")) for c in html.select(f"article :is({CONTROL_SELECTOR})")}
    controls |= {squash(str(label["title"])) for label in html.select("form[data-md-component=palette] label[title]")}
    controls.discard("")
    assert controls
    prose = paper_text(visible_text(html.select_one("article")))
    for text in controls:
        assert printed.count(paper_text(text)) <= prose.count(paper_text(text)), \
            f"the printed page shows the control {text!r}"


@pytest.mark.browser
@pytest.mark.parametrize("source", FLOW_PAGES)
def test_printing_a_flow_shows_every_question_and_outcome(page, base_url: str, site_dir: Path, tmp_path: Path,
                                                          source: str) -> None:
    printed = paper_text(" ".join(print_page(page, base_url + page_url_path(source), tmp_path / "flow.pdf")))
    assert page.locator("[data-flow] [data-node]:visible").count() == 1  # on screen: one at a time
    html = BeautifulSoup((site_dir / page_url_path(source)).read_text(encoding="utf-8"), "html.parser")
    for node in html.select("[data-flow] [data-node]"):
        assert paper_text(visible_text(node.find("h2"))) in printed
        for option in node.select("a[data-next]"):
            assert paper_text(visible_text(option)) in printed
    prose = paper_text(visible_text(html.select_one("article")))
    buttons = {paper_text(button.get_text(" ")) for button in html.select("[data-flow] button")}
    assert buttons
    for text in buttons:  # "Back" is also in "Back to Question 1": count, do not just look
        assert printed.count(text) <= prose.count(text), f"the printed flow shows the button {text!r}"


@pytest.mark.browser
@pytest.mark.parametrize("source", TABLE_PAGES)
def test_printing_a_table_page_keeps_every_cell_on_the_paper(page, base_url: str, site_dir: Path, tmp_path: Path,
                                                             source: str) -> None:
    target = tmp_path / "table.pdf"
    printed = paper_text(" ".join(print_page(page, base_url + page_url_path(source), target)))
    html = BeautifulSoup((site_dir / page_url_path(source)).read_text(encoding="utf-8"), "html.parser")
    cells = html.select("article table td, article table th")
    assert cells
    for cell in cells:
        assert paper_text(visible_text(cell)) in printed, f"{source}: cell {cell.get_text()!r} is not printed"
    assert words_off_the_paper(target) == []
