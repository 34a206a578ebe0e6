"""Python-Markdown side of the glossary: the terms on every page, the `/// glossary` block
and keyboard focus.

- Every page gets the glossary of its language: `abbr` is handed each term and its other
  forms before the page is read, so it wraps every whole-word, case-sensitive use in
  `<abbr title>` (no definitions appended to the page's Markdown).

- `/// glossary` then `///` on a page lists every term and its definition as a
  definition list (the Glossary page), built as Markdown elements from the one file.
- Python-Markdown's `abbr` wraps every use of a term in `<abbr title>`; Material's
  `content.tooltips` shows the title on hover and on focus. `first_use_focus` makes the
  first use of each term on a page focusable (tabindex=0), so a keyboard user can reach
  every term once without tabbing through each repeat; uses inside links, buttons,
  summaries and labels stay unfocusable (a focus stop inside a control is invalid).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

from guide.core.blocks import PROBLEM_LOG
from guide.core.folders import shown_path
from guide.core.host_page import HostPage, host_options, host_page
from guide.languages import page_language

from .first_use import FOCUS, LIST_CLASS, MARKDOWN_TREE, first_uses
from .source import DEFAULT_LANGUAGE, GLOSSARY_FILE, Glossary, GlossaryError, load_glossary, twin

BLOCK_NAME = "glossary"


def first_use_focus(root: etree.Element) -> int:
    """Make the first use of each term on the page a focus stop (tabindex=0), outside
    controls (the rule: `first_use`); return how many."""
    found = first_uses(root, FOCUS, MARKDOWN_TREE)
    for abbr in found:
        abbr.set("tabindex", "0")
    return len(found)


class _TitlesToo(Treeprocessor):
    """Admonition titles and the summaries of `???` blocks hold their text as AtomicString
    (no inline Markdown), which `abbr` skips. Inline processing is over by now, so plain
    text there lets `abbr` explain a term in a title (an FAQ question) as elsewhere."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if isinstance(element.text, AtomicString) and (
                    element.tag == "summary" or "admonition-title" in (element.get("class") or "").split()):
                element.text = str(element.text)


class _FirstUseFocus(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        first_use_focus(root)


class _AddTerms(Preprocessor):
    """Hands `abbr` the page's glossary: every term and its other forms (a capitalised first
    letter, the plural), in the page's language, before any Markdown is read."""

    def __init__(self, md: Markdown, glossary: Callable[[], Glossary | None]) -> None:
        super().__init__(md)
        self.glossary = glossary

    def run(self, lines: list[str]) -> list[str]:
        abbr = self.md.treeprocessors["abbr"] if "abbr" in self.md.treeprocessors else None
        glossary = self.glossary()
        if glossary is not None and abbr is not None:
            abbr.abbrs.update(glossary.variants())
            abbr.abbrs.update({entry.term: entry.definition for entry in glossary.entries})
        return lines


class GlossaryBlock(Block):
    """`/// glossary`: every term of the glossary file, with its definition, in reading order."""

    NAME = BLOCK_NAME
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        return etree.SubElement(parent, "dl", {"class": LIST_CLASS})

    def on_end(self, block: etree.Element) -> None:
        glossary: Glossary | None = self.config["glossary"]()
        for child in list(block):
            block.remove(child)
        block.text = None
        anchors = glossary.anchors() if glossary else {}
        for entry in glossary.sorted_entries() if glossary else ():
            term = etree.SubElement(block, "dt", {"id": anchors[entry.term]})
            term.text = AtomicString(entry.term)  # the term itself is not wrapped in its own <abbr>
            # The definitions stay out of the search index (every page's tooltips carry them;
            # the terms themselves are indexed, so a search for one still finds this page).
            etree.SubElement(block, "dd", {"data-search-exclude": ""}).text = entry.definition


class GlossaryExtension(BlocksExtension):
    """The site-wide glossary on every page, the `/// glossary` block and first-use focus.
    Every option has a default that fits this site, so mkdocs.yml lists the extension without
    any (`guide.glossary.markdown_ext`); files are relative to the docs folder. A translated
    page (faq.fr.md) reads the glossary's twin (glossary.fr.md). Needs Python-Markdown's `abbr`, listed before it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.config = {
            "file": [GLOSSARY_FILE, "The glossary of the default language (its twins: glossary.<language>.md)."],
            **host_options(),
            "glossary": [{}, "A checked Glossary, used as it is on every page (a test, another host)."],
        }
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        given = self.getConfig("glossary") or None  # (an empty dict: none given; a None default would make it a bool)
        if given is not None and not isinstance(given, Glossary):
            raise TypeError("GlossaryExtension: glossary must be a Glossary (glossary.parse)")
        state: dict[str, Glossary | None] = {}

        def glossary() -> Glossary | None:
            if given is not None:
                return given
            if "page" not in state:
                page = host_page(md, "", docs_dir=self.getConfig("docs_dir"), page=self.getConfig("page"))
                state["page"] = page_glossary(page, self.getConfig("file"))
            return state["page"]

        block_mgr.register(GlossaryBlock, {"glossary": glossary})
        md.preprocessors.register(_AddTerms(md, glossary), "glossary_terms", 30)
        # After inline Markdown (20), before `abbr` (7).
        md.treeprocessors.register(_TitlesToo(md), "glossary_titles_too", 7.5)
        # After `abbr` (7) has made the <abbr> elements, before `toc` (5) copies headings.
        md.treeprocessors.register(_FirstUseFocus(md), "glossary_first_use_focus", 6)


def page_glossary(page: HostPage, file: str) -> Glossary | None:
    """The glossary in the page's language; a glossary that cannot be read is reported and
    left out (the MkDocs hook stops the build on it before any page)."""
    docs = page.docs_dir or Path(".")
    language = page_language(page.src_uri)
    path = twin(docs / file, language)
    try:
        return load_glossary(path, shown_path(path, docs.parent), language or DEFAULT_LANGUAGE)
    except GlossaryError as error:
        PROBLEM_LOG.error("Bad glossary:\n%s", error)
        return None


def makeExtension(*args: Any, **kwargs: Any) -> GlossaryExtension:
    """Markdown's entry point."""
    return GlossaryExtension(*args, **kwargs)
