"""The `hiring-kit` Markdown block: `/// hiring-kit | <kit id>` (then `///`) puts a kit on a page.

A pymdown-extensions Blocks block, like the flows' `guide-flow` (whose line helpers it
shares): inside fenced code or a comment it stays text. The host sets `site.page` before
each page and reads `site.problems` after it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markdown import Markdown
from pymdownx.blocks import BlocksExtension, BlocksProcessor

from guide.core.blocks import BlockSpec, CatchNearMisses, EmbedBlock, KeepSource, PageContext
from guide.core.problems import Problem, close_matches
from guide.core.templates import strict_env

from .load import page_of
from .model import Checklist, Kit
from .render import TEMPLATE, TextEnvs, render_kit, text_envs

BLOCK_NAME = "hiring-kit"
ASSETS = {"css": "assets/stylesheets/kit.css", "js": "assets/javascripts/kit.js"}
SOURCES_PAGE = "sources.md"
_SOURCE_ATTRIBUTE = "hiring_kit_source"
# A paragraph that was meant to be a kit block: a typo in the name ("/// hiring-kits | x").
KIT_BLOCK = BlockSpec(BLOCK_NAME, "kit", re.compile(r"^\s*/{3,}\s*hiring[-_ ]?kits?\b", re.IGNORECASE), _SOURCE_ATTRIBUTE)


@dataclass
class KitSite:
    """The kits and checklist of one build, the page being converted, and what was found."""

    kits: Mapping[str, Kit]
    checklist: Checklist | None
    env: jinja2.Environment
    sources_url: str = SOURCES_PAGE  # the sources page's absolute address, for copied text
    template: str = TEMPLATE
    language: str = "en"  # the build's language: the dates; the interface text is env's gettext
    kit_page: Callable[[str], str] = page_of  # the page (relative to docs/) that must show a kit, in this language
    page: PageContext = field(default_factory=lambda: PageContext("page", lambda path: path))
    problems: list[Problem] = field(default_factory=list)
    shown_on: dict[str, list[str]] = field(default_factory=dict)  # kit id -> pages showing it
    texts: TextEnvs = field(init=False)

    def __post_init__(self) -> None:
        self.env = strict_env(self.env, "kit-html")
        self.texts = text_envs(self.env)

    def placement_problems(self) -> list[Problem]:
        """Every kit is shown on its own page, hiring-kits/<id>.md (hiring-kits/<id>.fr.md in
        French; flow outcomes link there)."""
        return [Problem(kit.source, 1, "id", f"the page {self.kit_page(kit_id)} does not show the kit '{kit_id}'.",
                            f"make {self.kit_page(kit_id)} a page in the nav holding '/// {BLOCK_NAME} | {kit_id}' "
                            "and a closing '///'.")
                for kit_id, kit in sorted(self.kits.items())
                if self.kit_page(kit_id) not in [p.rsplit("docs/", 1)[-1] for p in self.shown_on.get(kit_id, [])]]

    def source_problems(self, anchors: set[str]) -> list[Problem]:
        """Every source the checklist cites must be an anchor on the sources page."""
        assert self.checklist is not None
        return [Problem(self.checklist.source, source.line, "sources",
                            f"the source '{source.id}' has no entry on docs/{SOURCES_PAGE}.",
                            f"add it there with the anchor {{#{source.id}}} (title, publisher, date, address).")
                for source in self.checklist.sources if source.id not in anchors]


class HiringKitBlock(EmbedBlock):
    """`/// hiring-kit | <kit id>`: the kit, rendered from its YAML, in place of the block."""

    NAME = BLOCK_NAME
    SPEC = KIT_BLOCK
    CSS_CLASS = "guide-kit-embed"

    def render(self, site: KitSite, name: str, block: etree.Element) -> str | None:
        assert site.checklist is not None
        site.shown_on.setdefault(name, []).append(site.page.name)
        return render_kit(site.env, site.texts, site.kits[name], site.checklist,
                          urls={"sources": site.page.url_for(SOURCES_PAGE)}, sources_url=site.sources_url,
                          assets=self.assets(site, ASSETS), template=site.template, language=site.language)

    def problem(self, site: KitSite, name: str, count: int, block: etree.Element) -> tuple[str, str] | None:
        known = ", ".join(sorted(site.kits)) or "(none yet)"
        if not name:
            return ("the hiring-kit block names no kit.", f"write '/// {BLOCK_NAME} | <kit id>' with one of: {known}.")
        if name not in site.kits:
            close = close_matches(name, list(site.kits), n=1)
            hint = f" (perhaps '{close[0]}')" if close else ""
            return (f"the block names the kit '{name}', which does not exist.",
                    f"name an existing kit{hint}: {known}; or add docs/kits/{name}.yml.")
        if count > 1:
            return (f"the kit '{name}' is already shown higher up on this page.", "remove this block.")
        if len(block) or (block.text or "").strip():
            return ("the hiring-kit block holds content; it should hold none.",
                    f"close the block with '///' on the line after '/// {BLOCK_NAME} | {name}'.")
        return None


class HiringKitExtension(BlocksExtension):
    """Registers the hiring-kit block with a KitSite."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.config = {"site": [{}, "The KitSite with the kits, the checklist, templates and current page."]}
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        site = self.getConfig("site")
        if not isinstance(site, KitSite):
            raise TypeError("HiringKitExtension needs site=KitSite(...)")
        block_mgr.register(HiringKitBlock, {"site": site})
        md.preprocessors.register(KeepSource(md, _SOURCE_ATTRIBUTE), _SOURCE_ATTRIBUTE, 1000)
        md.treeprocessors.register(CatchNearMisses(md, site, block_mgr, KIT_BLOCK), "hiring_kit_near_misses", 25)


def makeExtension(*args: Any, **kwargs: Any) -> HiringKitExtension:  # noqa: N802 (Markdown's name)
    """Markdown's entry point."""
    return HiringKitExtension(*args, **kwargs)
