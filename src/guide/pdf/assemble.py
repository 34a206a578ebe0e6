"""The built pages of the site, in nav order, assembled into one print document.

Each page's `<article>` is taken from the built HTML and made fit for paper:

- every id is prefixed with the page's anchor, and every link between pages
  (`faq.html#x`, `../index.html`, `./`) becomes an in-document `#anchor`;
  links to files that are not pages lose their link and keep their text (`links`);
- every `<details>` is open, every content tab becomes a labelled section,
  screen-only controls (buttons, permalinks, the "Download PDF" link) are dropped,
  each option of a decision flow must lead to a node of the flow and name it (the page
  number is added by the print CSS with `target-counter`), and the first use of each
  glossary term in a page's running text is marked, for the print CSS to write its
  definition after it in brackets (`paper`).

The page bodies come out as `Markup`, serialised by BeautifulSoup (every text node
escaped): the one piece of markup the print templates print as is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from . import links, paper
from .model import DocumentError, PrintDocument, PrintPage, SourcePage, TocEntry

if TYPE_CHECKING:
    from bs4 import Tag

ARTICLE_SELECTOR = "article.md-content__inner"


@dataclass
class _ParsedPage:
    source: SourcePage
    anchor: str
    article: Tag
    ids: set[str] = field(default_factory=set)


def assemble(pages: Sequence[SourcePage], *, svg_css: str = "") -> PrintDocument:
    """Turn the built pages, in nav order, into one print document.

    svg_css goes into a <style> element inside every inline SVG: WeasyPrint styles
    SVG only from there (the document's stylesheets reach HTML elements only).
    """
    if not pages:
        raise DocumentError("The nav lists no pages: nothing to put in the PDF.")
    parsed = [_parse(page) for page in pages]
    for page in parsed:
        paper.drop_screen_only(page.article)
        paper.open_details(page.article)
        paper.unfold_tabs(page.article)
        if svg_css:
            paper.style_svgs(page.article, svg_css)
        page.ids = links.prefix_ids(page.article, page.anchor)
    by_url = {p.source.url: (p.anchor, p.ids) for p in parsed}
    problems: list[str] = []
    for page in parsed:
        problems.extend(links.rewrite_links(page.article, page.source.url, page.anchor, by_url))
        links.rewrite_sources(page.article, page.source.url)
    for page in parsed:
        paper.annotate_flows(page.article)
        paper.mark_first_terms(page.article)
    return PrintDocument(
        pages=tuple(
            PrintPage(
                url=p.source.url,
                title=p.source.title,
                section=p.source.section,
                anchor=p.anchor,
                heading=_heading(p),
                sections=_sections(p.article),
                # The one piece of markup the templates print as is: BeautifulSoup
                # serialises the parsed article, escaping every text node.
                body=Markup(p.article.decode_contents()),  # noqa: S704 (serialised by BeautifulSoup, text escaped)
            )
            for p in parsed
        ),
        problems=tuple(problems),
    )


def _parse(page: SourcePage) -> _ParsedPage:
    # Imported here, like WeasyPrint: a plain build of the site does not need them.
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.html, "html.parser")
    article = soup.select_one(ARTICLE_SELECTOR)
    if article is None:
        raise DocumentError(
            f"{page.url}: no <article class=\"md-content__inner\"> in the built page; "
            "a template override must keep Material's article element."
        )
    return _ParsedPage(source=page, anchor=links.page_anchor(page.url), article=article)


def _sections(article: Tag) -> tuple[TocEntry, ...]:
    """The page's h2 sections for the contents. Of a decision flow only the outcomes are
    listed (a reader may look one up directly); its questions are read from Question 1 on."""
    entries = []
    for h2 in article.find_all("h2", id=True):
        node = h2.find_parent(attrs={"data-node": True})
        if node is not None and node.get("data-kind") != "outcome":
            continue
        if h2.find_parent("figure") is not None:
            continue  # a diagram's title
        parts = h2.find_all(True, recursive=False)
        # A flow node's heading is "<span>Outcome</span> <span>Hire ...</span>": label and
        # title. Any other heading's elements are inline words (a glossary <abbr>, <code>).
        if node is not None and len(parts) >= 2:
            kicker = _inline_text(parts[0])
            title = " ".join(_inline_text(part) for part in parts[1:])
            entries.append(TocEntry(title=title, anchor=str(h2["id"]), kicker=kicker))
        else:
            entries.append(TocEntry(title=_inline_text(h2), anchor=str(h2["id"])))
    return tuple(entries)


def _inline_text(element: Tag) -> str:
    """An element's text as it reads: inline elements add no space ("ML," not "ML ,"),
    runs of white space become one space."""
    return " ".join(element.get_text().split())


def _heading(page: _ParsedPage) -> str:
    h1 = page.article.find("h1")
    return _inline_text(h1) if h1 else page.source.title
