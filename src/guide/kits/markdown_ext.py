"""The `hiring-kit` Markdown block: `/// hiring-kit | <kit id>` (then `///`) puts a kit on a page.

A pymdownx Blocks block on the shared base (`guide.core.blocks`), like the flows'
`guide-flow`: inside fenced code or a comment it stays text. A Python-Markdown extension
configured in mkdocs.yml like any other, with no state set by a hook: it asks the host which
page it is converting (`guide.core.host_page`) and reads the kits of that page's language.
Checks across the whole site (each kit on its page, each cited source on the sources page)
are the hook's (hooks/kit_checks.py).
"""

from __future__ import annotations

import functools
import re
import weakref
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markdown import Markdown
from pymdownx.blocks import BlocksExtension, BlocksProcessor

from guide.core.blocks import BlockSpec, CatchNearMisses, EmbedBlock, KeepSource, PageSites
from guide.core.host_page import HostPage, PageContext, host_options
from guide.core.problems import Problem, ProblemError, close_matches
from guide.core.rendered import remembered, templates_digest
from guide.core.templates import strict_env
from guide.languages import interface_text, page_language

from .load import KITS_DIR, load_kits
from .model import Checklist, Kit
from .render import TEMPLATE, TextEnvs, part_ids, render_kit, text_envs

BLOCK_NAME = "hiring-kit"
ASSETS = {"css": "assets/stylesheets/kit.css", "helper": "assets/javascripts/guide.js", "js": "assets/javascripts/kit.js"}
SOURCES_PAGE = "sources.md"
DEFAULT_LANGUAGE = "en"  # a page's language when its name says none (faq.md, not faq.fr.md)
_SOURCE_ATTRIBUTE = "hiring_kit_source"
# A paragraph that was meant to be a kit block: a typo in the name ("/// hiring-kits | x").
KIT_BLOCK = BlockSpec(BLOCK_NAME, "kit", re.compile(r"^\s*/{3,}\s*hiring[-_ ]?kits?\b", re.IGNORECASE), _SOURCE_ATTRIBUTE)


@dataclass
class KitSite:
    """The kits and checklist in the page's language, the page, and what was found there."""

    kits: Mapping[str, Kit]
    checklist: Checklist | None
    env: jinja2.Environment
    sources_url: str = SOURCES_PAGE  # the sources page's absolute address, for copied text
    template: str = TEMPLATE
    language: str = "en"  # the build's language: the dates; the interface text is env's gettext
    page: PageContext = field(default_factory=lambda: PageContext("page", lambda path: path))
    problems: list[Problem] = field(default_factory=list)
    shown_on: dict[str, list[str]] = field(default_factory=dict)  # kit id -> pages showing it
    catalogue: Mapping[str, str] = field(default_factory=dict)  # the interface text of the page's language
    cache: Path | None = None  # where rendered kits are kept between builds (guide.core.rendered); None: nowhere
    texts: TextEnvs = field(init=False)

    def __post_init__(self) -> None:
        self.env, self.texts = _kit_envs(self.env)


_ENVS: weakref.WeakKeyDictionary[jinja2.Environment, tuple[jinja2.Environment, TextEnvs]] = weakref.WeakKeyDictionary()


def _kit_envs(env: jinja2.Environment) -> tuple[jinja2.Environment, TextEnvs]:
    """The strict HTML environment and the text environment over `env`, made once per
    environment (a new overlay compiles every template again)."""
    if env not in _ENVS:
        strict = strict_env(env)
        _ENVS[env] = (strict, text_envs(strict))
    return _ENVS[env]


class HiringKitBlock(EmbedBlock):
    """`/// hiring-kit | <kit id>`: the kit, rendered from its YAML, in place of the block."""

    NAME = BLOCK_NAME
    SPEC = KIT_BLOCK
    CSS_CLASS = "guide-kit-embed"

    def render(self, site: KitSite, name: str, block: etree.Element) -> str | None:
        assert site.checklist is not None
        before = sum(site.page.name in pages for pages in site.shown_on.values())  # kits higher up this page
        site.shown_on.setdefault(name, []).append(site.page.name)
        kit, urls, assets = site.kits[name], {"sources": site.page.url_for(SOURCES_PAGE)}, self.assets(site, ASSETS)
        ids = part_ids(name, before)
        inputs = (kit, site.checklist, urls, site.sources_url, assets, site.template, site.language,
                  sorted(site.catalogue.items()), ids)
        with interface_text.speaking(site.catalogue):
            return remembered(site.cache, [*map(repr, inputs), templates_digest(site.env)], functools.partial(
                render_kit, site.env, site.texts, kit, site.checklist, urls=urls, sources_url=site.sources_url,
                assets=assets, template=site.template, language=site.language, ids=ids))

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
    """The `/// hiring-kit | <id>` block. Every option has a default that fits this site, so
    mkdocs.yml lists the extension without any (`guide.kits.markdown_ext`); folders are
    relative to the docs folder. A test or another host may hand it a prepared `site`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.config = {
            "kits_dir": [KITS_DIR, "The kits and the posting checklist (translations in <language>/)."],
            "templates_dir": ["../overrides", "The folder of partials/hiring-kit.html and hiring-kit.md."],
            "catalogues_dir": ["../i18n", "The interface text of each other language (<language>.yml)."],
            "cache_dir": ["", "Where rendered kits are kept between builds (empty: nowhere)."],
            **host_options(),
            "site_url": ["", "The site's address for copied links, where the host does not say."],
            "site": [{}, "A prepared KitSite, used as it is (a test, another host)."],
        }
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        given = self.getConfig("site") or None  # (an empty dict: none given; a None default would make it a bool)
        if given is not None and not isinstance(given, KitSite):
            raise TypeError("HiringKitExtension: site must be a KitSite")
        options = {key: str(self.getConfig(key)) for key in ("kits_dir", "templates_dir", "catalogues_dir", "cache_dir")}
        host = {key: self.getConfig(key) for key in ("docs_dir", "page", "site_url")}
        pages = PageSites(md, KIT_BLOCK, lambda page: site_for_page(page, **options), host, given)
        block_mgr.register(HiringKitBlock, {"pages": pages})
        md.preprocessors.register(KeepSource(md, pages), _SOURCE_ATTRIBUTE, 1000)
        md.treeprocessors.register(CatchNearMisses(md, pages, block_mgr), "hiring_kit_near_misses", 25)


def site_for_page(page: HostPage, *, kits_dir: str, templates_dir: str, catalogues_dir: str,
                  cache_dir: str = "") -> KitSite:
    """The kits, checklist and templates in the page's language (a translated page, such as
    ml-engineer.fr.md, shows the kits of kits/fr/). Data that cannot be read is reported and
    left out: the block then says the kit it names does not exist."""
    docs = page.docs_dir or Path(".")
    catalogues = docs / catalogues_dir
    language = page_language(page.src_uri)
    problems: list[Problem] = []
    found: dict[str, Kit] = {}
    checklist: Checklist | None = None
    try:
        found, checklist = load_kits(docs / kits_dir / (language or ""), display_root=docs.parent)
    except ProblemError as error:
        problems.extend(error.problems)
    env = interface_text.shared_environment(docs / templates_dir)
    site = KitSite(kits=found if checklist else {}, checklist=checklist, env=env,
                   sources_url=page.site_url_for(SOURCES_PAGE), language=language or DEFAULT_LANGUAGE,
                   page=page.context(),
                   catalogue=interface_text.page_catalogue(catalogues, language, problems),
                   cache=docs / cache_dir if cache_dir else None)
    site.problems.extend(problems)
    return site


def makeExtension(*args: Any, **kwargs: Any) -> HiringKitExtension:
    """Markdown's entry point."""
    return HiringKitExtension(*args, **kwargs)
