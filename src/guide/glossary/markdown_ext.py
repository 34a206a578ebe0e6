"""Python-Markdown side of the glossary: the `/// glossary` block and keyboard focus.

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
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

from .source import Glossary

BLOCK_NAME = "glossary"
LIST_CLASS = "guide-glossary"
# Elements whose content must not hold another focus stop.
INTERACTIVE = frozenset({"a", "button", "summary", "label", "select", "textarea", "option"})


def first_use_focus(root: etree.Element) -> int:
    """Give the first <abbr title> of each definition outside a control tabindex=0; return how many."""
    seen: set[str] = set()

    def walk(element: etree.Element, inside_control: bool) -> None:
        for child in element:
            if child.tag == "abbr":
                title = child.get("title")
                if title and not inside_control and title not in seen:
                    seen.add(title)
                    child.set("tabindex", "0")
                continue
            walk(child, inside_control or child.tag in INTERACTIVE)

    walk(root, False)
    return len(seen)


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


class GlossaryBlock(Block):
    """`/// glossary`: every term of the glossary file, with its definition, in reading order."""

    NAME = BLOCK_NAME
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        return etree.SubElement(parent, "dl", {"class": LIST_CLASS})

    def on_end(self, block: etree.Element) -> None:
        glossary: Glossary = self.config["glossary"]
        for child in list(block):
            block.remove(child)
        block.text = None
        for entry in glossary.sorted_entries():
            term = etree.SubElement(block, "dt", {"id": entry.anchor})
            term.text = AtomicString(entry.term)  # the term itself is not wrapped in its own <abbr>
            # The definitions stay out of the search index (every page's tooltips carry them;
            # the terms themselves are indexed, so a search for one still finds this page).
            etree.SubElement(block, "dd", {"data-search-exclude": ""}).text = entry.definition


class GlossaryExtension(BlocksExtension):
    """Registers the glossary block and the first-use focus with one checked Glossary."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.config = {"glossary": [{}, "The checked Glossary (glossary.parse)."]}
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        glossary = self.getConfig("glossary")
        if not isinstance(glossary, Glossary):
            raise TypeError("GlossaryExtension needs glossary=Glossary(...)")
        block_mgr.register(GlossaryBlock, {"glossary": glossary})
        # After inline Markdown (20), before `abbr` (7).
        md.treeprocessors.register(_TitlesToo(md), "glossary_titles_too", 7.5)
        # After `abbr` (7) has made the <abbr> elements, before `toc` (5) copies headings.
        md.treeprocessors.register(_FirstUseFocus(md), "glossary_first_use_focus", 6)
