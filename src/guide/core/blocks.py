"""What the Markdown blocks that embed generated content share (`/// guide-flow | x`,
`/// hiring-kit | x`): the block base, the page being converted, the line of a block's
header, and the checks for a block never closed or misspelt.

Built on pymdown-extensions' Blocks API, so the Markdown parser decides what is a block:
one inside fenced code, inline code or an HTML comment is left alone, and one inside an
admonition or a tab stays inside it.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks import BlocksProcessor
from pymdownx.blocks.block import Block

from .host_page import HostPage, host_page
from .problems import Problem, ProblemError


def block_header(block_name: str) -> re.Pattern[str]:
    """The header line of a Blocks block of this name (`/// <name> | <argument>`), argument as `name`."""
    return re.compile(rf"^[ \t>]*/{{3,}}[ \t]*{re.escape(block_name)}[ \t]*(?:\|[ \t]*(?P<name>.*?))?[ \t]*$",
                      re.MULTILINE)


def block_line(source: str, name: str | None, occurrence: int, header: re.Pattern[str]) -> int:
    """The line of the n-th block header naming this flow (or kit) in the page's Markdown (1 if not found)."""
    seen = 0
    for match in header.finditer(source):
        if (match.group("name") or "") == (name or ""):
            seen += 1
            if seen == occurrence:
                return source.count("\n", 0, match.start()) + 1
    return 1


@dataclass(frozen=True)
class BlockSpec:
    """What `CatchNearMisses` needs to know about a block: its name, what it shows, what a
    misspelt header looks like, and where KeepSource keeps the page's Markdown."""

    name: str
    thing: str  # "flow", "kit": in messages
    looks_like: re.Pattern[str]
    source_attribute: str

    @property
    def header(self) -> re.Pattern[str]:
        return block_header(self.name)


# MkDocs counts the warnings and errors of the loggers under "mkdocs", and a strict build
# (mkdocs.yml: strict: true) then stops: a problem in a block ends the build, with its file
# and line, and no traceback. Any other host sees an ordinary logged error.
PROBLEM_LOG = logging.getLogger("mkdocs.plugins.guide")


class PageSites:
    """The site data the blocks of one Markdown instance need (a FlowSite, a KitSite): the one
    given to the extension (a test, another host), or one made for the page being converted
    from what the host says of it (`make(page)`), when a block first asks, so that a page
    without a block costs nothing. KeepSource starts each page; `report` ends it."""

    def __init__(self, md: Markdown, spec: BlockSpec, make: Callable[[HostPage], Any],
                 host_options: Mapping[str, str], given: Any = None) -> None:
        self.md, self.spec, self._make, self._options, self._given = md, spec, make, host_options, given
        self.source = ""
        self._site: Any = given

    def start(self, source: str) -> None:
        """A new page: its Markdown, as the extension was given it."""
        self.source = source
        setattr(self.md, self.spec.source_attribute, source)
        self._site = self._given

    @property
    def made(self) -> bool:
        return self._site is not None

    @property
    def site(self) -> Any:
        if self._site is None:
            self._site = self._make(host_page(self.md, self.source, **self._options))
        return self._site

    def report(self) -> None:
        """Log the page's problems (once)."""
        if self._site is None or not self._site.problems:
            return
        problems = list(self._site.problems)
        PROBLEM_LOG.error("Bad %s block:\n%s", self.spec.name, ProblemError(problems))
        if self._given is None:
            self._site.problems.clear()


class EmbedBlock(Block):
    """What the guide-flow and hiring-kit blocks share: the block is empty, names one thing
    once per page, and is replaced by rendered HTML; a problem goes to `site.problems` with the
    page line of its header. The block's config holds the page's `PageSites` as "pages"; its
    site has `page` (a PageContext) and `problems`. Subclasses
    set NAME, SPEC and CSS_CLASS, and define `problem()` and `render()`."""

    ARGUMENT = None  # optional here, so that a missing id is reported instead of shown as text
    SPEC: BlockSpec
    CSS_CLASS = ""

    def on_create(self, parent: etree.Element) -> etree.Element:
        element = etree.SubElement(parent, "div", {"class": self.CSS_CLASS})
        # A block never closed with '///' gets no on_end: CatchNearMisses reports what is left here.
        self.tracker.setdefault("open", {})[id(element)] = self.argument
        return element

    def on_end(self, block: etree.Element) -> None:
        self.tracker["open"].pop(id(block), None)
        site = self.config["pages"].site
        name = (self.argument or "").strip()
        counts = self.tracker.setdefault("seen", {})
        counts[name] = counts.get(name, 0) + 1
        line = block_line(self.config["pages"].source, self.argument, counts[name], self.SPEC.header)
        problem = self.problem(site, name, counts[name], block)
        for child in list(block):
            block.remove(child)
        block.text = None
        if problem:
            site.problems.append(Problem(site.page.name, line + site.page.first_line - 1, "", *problem))
            return
        html = self.render(site, name, block)
        if html is not None:  # None: the subclass renders the block later (see _RenderFlows)
            block.text = self.md.htmlStash.store(html)

    def assets(self, site: Any, assets: Mapping[str, str]) -> dict[str, str] | None:
        """The block's stylesheet and script from this page, the first time on a page (None after)."""
        if self.tracker.get("assets"):
            return None
        self.tracker["assets"] = True
        return {kind: site.page.url_for(path) for kind, path in assets.items()}

    def problem(self, site: Any, name: str, count: int, block: etree.Element) -> tuple[str, str] | None:
        """(problem, fix) when the block is wrong, else None."""
        raise NotImplementedError

    def render(self, site: Any, name: str, block: etree.Element) -> str | None:
        """The HTML that replaces a correct block, or None when the subclass fills `block` later."""
        raise NotImplementedError


class KeepSource(Preprocessor):
    """Starts each page: keeps its Markdown (unchanged), so problems can name their line."""

    def __init__(self, md: Markdown, pages: PageSites) -> None:
        super().__init__(md)
        self.pages = pages

    def run(self, lines: list[str]) -> list[str]:
        self.pages.start("\n".join(lines))
        return lines


class CatchNearMisses(Treeprocessor):
    """A block left open, or a paragraph that reads like the block but is not one
    (a typo, the old [[guide-flow: x]]); then the page's problems are reported. The block's
    on_create records open blocks in its tracker under "open" and on_end removes them."""

    def __init__(self, md: Markdown, pages: PageSites, blocks: BlocksProcessor) -> None:
        super().__init__(md)
        self.pages = pages
        self.blocks = blocks

    def run(self, root: etree.Element) -> None:
        self._catch(root)
        self.pages.report()

    def _catch(self, root: etree.Element) -> None:
        spec = self.pages.spec
        source = self.pages.source
        for name in self.blocks.trackers.get(spec.name, {}).get("open", {}).values():
            page = self.pages.site.page
            self.pages.site.problems.append(Problem(
                page.name, block_line(source, name, 1, spec.header) + page.first_line - 1, "",
                f"the {spec.name} block is never closed, so everything after it would be swallowed.",
                f"put '///' on the line after '/// {spec.name} | {name}'."))
        for paragraph in root.iter("p"):
            text = paragraph.text or ""
            if spec.looks_like.match(text):
                first = text.strip().splitlines()[0]
                at = source.find(first)
                line = source.count("\n", 0, at) + 1 if at >= 0 else 1
                page = self.pages.site.page
                self.pages.site.problems.append(Problem(
                    page.name, line + page.first_line - 1, "", f"'{first[:60]}' looks like a {spec.thing} block but is not one.",
                    f"write '/// {spec.name} | <{spec.thing} id>' on a line of its own, then '///' on the next line."))


