"""The `guide-flow` Markdown block: `/// guide-flow | <flow id>` (then `///`) puts a flow on a page.

Built on pymdown-extensions' Blocks API (`guide.core.blocks`), so the Markdown parser
decides what is a block: a block inside fenced code, inline code or an HTML comment is left
alone, and one inside an admonition or a tab stays inside it. A Python-Markdown extension
configured in mkdocs.yml like any other, with no state set by a hook: it asks the host which
page it is converting (`guide.core.host_page`), reads the flows of that page's language and
reports a wrong block with its file and line. Checks across the whole site (a flow no page
shows, links to pages and ids) are the hook's (hooks/flow_checks.py).
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks import BlocksExtension, BlocksProcessor

from guide.core.blocks import BlockSpec, CatchNearMisses, EmbedBlock, KeepSource, PageSites, block_header
from guide.core.host_page import HostPage, PageContext, host_options
from guide.core.problems import Problem, ProblemError, close_matches
from guide.core.rendered import remembered, templates_digest
from guide.kits import KITS_DIR, load_kits, page_of
from guide.languages import interface_text, page_language

from .graph import FLOW_SUFFIX
from .load import load_flows
from .model import Flow, KitTarget
from .render import TEMPLATE, flow_env, render_flow

BLOCK_NAME = "guide-flow"
FLOWS_DIR = "decide/flows"  # in the docs folder
ASSETS = {"css": "assets/stylesheets/flow.css", "helper": "assets/javascripts/guide.js", "js": "assets/javascripts/flow.js"}


_HEADER = block_header(BLOCK_NAME)
# A paragraph that was meant to be a flow block: a typo in the name, or the old marker.
_LOOKS_LIKE = re.compile(r"^\s*(?:/{3,}\s*guide[-_ ]?flows?\b|\[\[\s*guide[-_ ]?flows?\b)", re.IGNORECASE)


@dataclass
class FlowSite:
    """Everything the block needs on one page, and what it found there."""

    flows: Mapping[str, Flow]
    env: jinja2.Environment
    template: str = TEMPLATE
    kits: Mapping[str, KitTarget] = field(default_factory=dict)  # hiring kits that outcomes may name
    page: PageContext = field(default_factory=lambda: PageContext("page", lambda path: path))
    problems: list[Problem] = field(default_factory=list)
    shown_on: dict[str, list[str]] = field(default_factory=dict)  # flow id -> pages showing it
    catalogue: Mapping[str, str] = field(default_factory=dict)  # the interface text of the page's language
    cache: Path | None = None  # where rendered flows are kept between builds (guide.core.rendered); None: nowhere

    def __post_init__(self) -> None:
        self.env = flow_env(self.env)  # one per environment: every flow then reuses compiled templates


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
        # defines are known only then.
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

    def __init__(self, md: Markdown, pages: PageSites, blocks: BlocksProcessor) -> None:
        super().__init__(md)
        self.pages = pages
        self.blocks = blocks

    def run(self, root: etree.Element) -> None:
        pending = self.blocks.trackers.get(BLOCK_NAME, {}).pop("pending", [])
        if not pending:
            return
        abbr = self.md.treeprocessors["abbr"] if "abbr" in self.md.treeprocessors else None
        abbreviations = getattr(abbr, "abbrs", None)
        site = self.pages.site
        for block, flow, urls, assets in pending:
            inputs = (flow, urls, assets, site.kits, sorted((abbreviations or {}).items()), sorted(site.catalogue.items()),
                      site.template)
            with interface_text.speaking(site.catalogue):
                html = remembered(site.cache, [*map(repr, inputs), templates_digest(site.env)], functools.partial(
                    render_flow, site.env, flow, urls=urls, assets=assets, template=site.template, kits=site.kits,
                    abbreviations=abbreviations))
            block.text = self.md.htmlStash.store(html)


class GuideFlowExtension(BlocksExtension):
    """The `/// guide-flow | <id>` block. Every option has a default that fits this site, so
    mkdocs.yml lists the extension without any (`guide.flows.markdown_ext`); folders are
    relative to the docs folder. A test or another host may hand it a prepared `site`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.config = {
            "flows_dir": [FLOWS_DIR, "The flows (<id>.yml; translations in <language>/)."],
            "kits_dir": [KITS_DIR, "The hiring kits an outcome may name (<id>.yml; translations in <language>/)."],
            "templates_dir": ["../overrides", "The folder of partials/guide-flow.html and the templates it includes."],
            "catalogues_dir": ["../i18n", "The interface text of each other language (<language>.yml)."],
            "cache_dir": ["", "Where rendered flows are kept between builds (empty: nowhere)."],
            **host_options(),
            "site": [{}, "A prepared FlowSite, used as it is (a test, another host)."],
        }
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        given = self.getConfig("site") or None  # (an empty dict: none given; a None default would make it a bool)
        if given is not None and not isinstance(given, FlowSite):
            raise TypeError("GuideFlowExtension: site must be a FlowSite")
        options = {key: str(self.getConfig(key))
                   for key in ("flows_dir", "kits_dir", "templates_dir", "catalogues_dir", "cache_dir")}
        pages = PageSites(md, FLOW_BLOCK, lambda page: site_for_page(page, **options),
                          {"docs_dir": self.getConfig("docs_dir"), "page": self.getConfig("page")}, given)
        block_mgr.register(GuideFlowBlock, {"pages": pages})
        md.preprocessors.register(KeepSource(md, pages), "guide_flow_source", 1000)
        md.treeprocessors.register(CatchNearMisses(md, pages, block_mgr), "guide_flow_near_misses", 25)
        md.treeprocessors.register(_RenderFlows(md, pages, block_mgr), "guide_flow_render", 21)


def site_for_page(page: HostPage, *, flows_dir: str, kits_dir: str, templates_dir: str,
                  catalogues_dir: str, cache_dir: str = "") -> FlowSite:
    """The flows, hiring kits and templates in the page's language (a translated page, such as
    hiring.fr.md, shows the flows of decide/flows/fr/). Data that cannot be read is reported
    and left out: the block then says the flow it names does not exist."""
    docs = page.docs_dir or Path(".")
    catalogues = docs / catalogues_dir
    language = page_language(page.src_uri)
    problems: list[Problem] = []
    flows: dict[str, Flow] = {}
    targets: dict[str, KitTarget] = {}
    try:
        flows = load_flows(docs / flows_dir / (language or ""), display_root=docs.parent)
        found, _checklist = load_kits(docs / kits_dir / (language or ""), display_root=docs.parent)
        targets = {kit_id: KitTarget(kit.role_in_text, page_of(kit_id)) for kit_id, kit in found.items()}
    except ProblemError as error:
        problems.extend(error.problems)
    env = flow_env(interface_text.shared_environment(docs / templates_dir))
    site = FlowSite(flows=flows, env=env, kits=targets, page=page.context(),
                    catalogue=interface_text.page_catalogue(catalogues, language, problems),
                    cache=docs / cache_dir if cache_dir else None)
    site.problems.extend(problems)
    return site


def makeExtension(*args: Any, **kwargs: Any) -> GuideFlowExtension:
    """Markdown's entry point."""
    return GuideFlowExtension(*args, **kwargs)
