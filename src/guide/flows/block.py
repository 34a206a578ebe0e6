"""The `guide-flow` Markdown block: `/// guide-flow | <flow id>` (then `///`) puts a flow on a page.

Built on pymdown-extensions' Blocks API, so the Markdown parser decides what is a
block: a block inside fenced code, inline code or an HTML comment is left alone, and
one inside an admonition or a tab stays inside it. Works in any Python-Markdown
(MkDocs via hooks/flow_pages.py, a unit test, Zensical); the host sets `site.page`
before each page so links resolve from that page, then reads `site.problems`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks import BlocksExtension, BlocksProcessor

from guide.core.blocks import BlockSpec, CatchNearMisses, EmbedBlock, KeepSource, PageContext, block_header, block_line
from guide.core.problems import Problem, close_matches
from .graph import FLOW_SUFFIX
from .model import Flow, KitTarget
from .render import TEMPLATE, render_flow, strict_env

BLOCK_NAME = "guide-flow"
ASSETS = {"css": "assets/stylesheets/flow.css", "js": "assets/javascripts/flow.js"}


_HEADER = block_header(BLOCK_NAME)
# A paragraph that was meant to be a flow block: a typo in the name, or the old marker.
_LOOKS_LIKE = re.compile(r"^\s*(?:/{3,}\s*guide[-_ ]?flows?\b|\[\[\s*guide[-_ ]?flows?\b)", re.IGNORECASE)


@dataclass
class FlowSite:
    """Everything the block needs, shared by every page of one build, and what it found."""

    flows: Mapping[str, Flow]
    env: jinja2.Environment
    template: str = TEMPLATE
    kits: Mapping[str, KitTarget] = field(default_factory=dict)  # hiring kits that outcomes may name
    page: PageContext = field(default_factory=lambda: PageContext("page", lambda path: path))
    problems: list[Problem] = field(default_factory=list)
    shown_on: dict[str, list[str]] = field(default_factory=dict)  # flow id -> pages showing it

    def __post_init__(self) -> None:
        self.env = strict_env(self.env)  # once per build: every flow then reuses compiled templates

    def link_problems(self, is_page: Callable[[str], bool]) -> list[Problem]:
        """Every outcome link must point at a page the site publishes (not a missing or excluded file)."""
        return [Problem(flow.source, link.line, outcome.id,
                            f"the link points at '{link.page}', which is not a published page of the site.",
                            "give the path of a page in the site, relative to docs/, such as comparison.md.")
                for flow in self.flows.values() for outcome in flow.outcomes for link in outcome.links
                if not is_page(link.page)]

    def anchor_problems(self, anchors_of: Callable[[str], set[str] | None]) -> list[Problem]:
        """Every link to a place on a page must name an id that page has (once the pages are
        built: `anchors_of(page)` gives its ids, or None when it has no built page)."""
        problems = []
        for flow in self.flows.values():
            for outcome in flow.outcomes:
                for link in outcome.links:
                    anchors = anchors_of(link.page) if link.anchor else None
                    if link.anchor and anchors is not None and link.anchor not in anchors:
                        close = close_matches(link.anchor, sorted(anchors), n=1)
                        hint = f"'{link.page}#{close[0]}'" if close else f"'{link.page}' alone"
                        problems.append(Problem(flow.source, link.line, outcome.id,
                                                    f"the link points at '#{link.anchor}' on {link.page}, and the "
                                                    "page has no element with that id.",
                                                    f"link to an id the page has: perhaps {hint}."))
        return problems

    def kit_problems(self) -> list[Problem]:
        """Every outcome's `kit` must name an existing hiring kit."""
        known = ", ".join(sorted(self.kits)) or "(none yet)"
        problems = []
        for flow in self.flows.values():
            for outcome in flow.outcomes:
                if outcome.kit and outcome.kit not in self.kits:
                    close = close_matches(outcome.kit, list(self.kits), n=1)
                    hint = f" (perhaps '{close[0]}')" if close else ""
                    problems.append(Problem(flow.source, outcome.kit_line, outcome.id,
                                                f"the outcome names the hiring kit '{outcome.kit}', which does not exist.",
                                                f"name an existing kit{hint}: {known}; or write 'kit_none:' with the reason."))
        return problems

    def unshown_problems(self) -> list[Problem]:
        """A flow that no page shows is a mistake too (a page lost its block)."""
        return [Problem(flow.source, 1, "", f"no page shows the flow '{flow_id}'.",
                            f"add '/// {BLOCK_NAME} | {flow_id}' and a closing '///' to a page, or delete the file.")
                for flow_id, flow in sorted(self.flows.items()) if flow_id not in self.shown_on]


FLOW_BLOCK = BlockSpec(BLOCK_NAME, "flow", _LOOKS_LIKE, "guide_flow_source")


class GuideFlowBlock(EmbedBlock):
    """`/// guide-flow | <flow id>`: the flow, rendered from its tree, in place of the block."""

    NAME = BLOCK_NAME
    SPEC = FLOW_BLOCK
    CSS_CLASS = "guide-flow-embed"

    def render(self, site: FlowSite, name: str, block: etree.Element) -> str | None:
        flow = site.flows[name]
        site.shown_on.setdefault(name, []).append(site.page.name)
        urls = {link.page: site.page.url_for(link.page) for outcome in flow.outcomes for link in outcome.links}
        urls.update({site.kits[o.kit].page: site.page.url_for(site.kits[o.kit].page) for o in flow.outcomes if o.kit})
        # Rendered by _RenderFlows once the whole page is parsed: the abbreviations it
        # defines (an auto-appended glossary comes last) are known only then.
        self.tracker.setdefault("pending", []).append((block, flow, urls, self.assets(site, ASSETS)))
        return None

    def problem(self, site: FlowSite, name: str, count: int, block: etree.Element) -> tuple[str, str] | None:
        if not name:
            return ("the guide-flow block names no flow.", f"write '/// {BLOCK_NAME} | <flow id>', for example "
                    f"'/// {BLOCK_NAME} | {next(iter(sorted(site.flows)), 'hiring')}'.")
        if name not in site.flows:
            close = close_matches(name, list(site.flows), n=1)
            hint = f" (perhaps '{close[0]}')" if close else ""
            return (f"the block names the flow '{name}', which does not exist.",
                    f"name an existing flow{hint}: {', '.join(sorted(site.flows)) or '(none yet)'}, "
                    f"or add a flow file {name}{FLOW_SUFFIX} next to the others.")
        if count > 1:
            return (f"the flow '{name}' is already shown higher up on this page; a page can show a flow once.",
                    "remove this block (link to the first one instead).")
        if len(block) or (block.text or "").strip():
            return ("the guide-flow block holds content; it should hold none.",
                    f"close the block with '///' on the line after '/// {BLOCK_NAME} | {name}'.")
        return None


class _RenderFlows(Treeprocessor):
    """Renders each flow block of the page, with the page's abbreviations (Python-Markdown's
    `abbr`, if loaded) so terms in the flow's text become <abbr> as they do in the page's."""

    def __init__(self, md: Markdown, site: FlowSite, blocks: BlocksProcessor) -> None:
        super().__init__(md)
        self.site = site
        self.blocks = blocks

    def run(self, root: etree.Element) -> None:
        pending = self.blocks.trackers.get(BLOCK_NAME, {}).pop("pending", [])
        if not pending:
            return
        abbr = self.md.treeprocessors["abbr"] if "abbr" in self.md.treeprocessors else None
        abbreviations = getattr(abbr, "abbrs", None)
        for block, flow, urls, assets in pending:
            html = render_flow(self.site.env, flow, urls=urls, assets=assets, template=self.site.template,
                               kits=self.site.kits, abbreviations=abbreviations)
            block.text = self.md.htmlStash.store(html)


class GuideFlowExtension(BlocksExtension):
    """Registers the guide-flow block with a FlowSite."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.config = {"site": [{}, "The FlowSite with the flows, templates and current page."]}
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        site = self.getConfig("site")
        if not isinstance(site, FlowSite):
            raise TypeError("GuideFlowExtension needs site=FlowSite(...)")
        block_mgr.register(GuideFlowBlock, {"site": site})
        md.preprocessors.register(KeepSource(md, FLOW_BLOCK.source_attribute), "guide_flow_source", 1000)
        md.treeprocessors.register(CatchNearMisses(md, site, block_mgr, FLOW_BLOCK), "guide_flow_near_misses", 25)
        md.treeprocessors.register(_RenderFlows(md, site, block_mgr), "guide_flow_render", 21)


def makeExtension(*args: Any, **kwargs: Any) -> GuideFlowExtension:  # noqa: N802 (Markdown's name)
    """Markdown's entry point."""
    return GuideFlowExtension(*args, **kwargs)
