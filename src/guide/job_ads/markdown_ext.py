"""The `job-ad-check` Markdown block: `/// job-ad-check | rules` (then `///`) puts the
"Check a job ad" tool on a page, with the rules of the page's language (docs/job-ads/rules.yml;
a French page, fr/rules.yml) and the posting checklist the hiring kits show.

A pymdownx Blocks block on the shared base (`guide.core.blocks`), like `hiring-kit`: inside
fenced code or a comment it stays text, and a near miss (`/// job-ad-checks | x`) is reported
with the page and line. Checks across the site are the hook's (hooks/job_ad_checks.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markdown import Markdown
from pymdownx.blocks import BlocksExtension, BlocksProcessor

from guide.core.blocks import BlockSpec, CatchNearMisses, EmbedBlock, KeepSource, PageSites
from guide.core.host_page import HostPage, PageContext, host_options
from guide.core.problems import Problem, ProblemError
from guide.core.templates import strict_env
from guide.kits import load_checklist, page_of
from guide.kits.load import CHECKLIST_FILE, KITS_DIR
from guide.kits.model import Checklist
from guide.languages import interface_text, page_language

from .load import RULES_FILE, load_rules, rules_path
from .model import Rules
from .render import render_checker

BLOCK_NAME = "job-ad-check"
RULES_NAME = RULES_FILE.removesuffix(".yml")  # the block's argument: /// job-ad-check | rules
# The report's buttons, status and legal note are the hiring kit's: kit.css styles them.
ASSETS = {"kit_css": "assets/stylesheets/kit.css", "css": "assets/stylesheets/jobad.css", "helper": "assets/javascripts/guide.js",
          "markdown": "assets/javascripts/markdown-text.js", "js": "assets/javascripts/jobad.js"}
SOURCES_PAGE = "sources.md"
_SOURCE_ATTRIBUTE = "job_ad_check_source"
JOBAD_BLOCK = BlockSpec(BLOCK_NAME, "job-ad checker", re.compile(r"^\s*/{3,}\s*job[-_ ]?ads?[-_ ]?checks?\b",
                                                                re.IGNORECASE), _SOURCE_ATTRIBUTE)


@dataclass
class JobAdSite:
    """The rules and checklist in the page's language, the page, and what was found there."""

    rules: Rules | None
    checklist: Checklist | None
    env: jinja2.Environment
    language: str = "en"
    page: PageContext = field(default_factory=lambda: PageContext("page", lambda path: path))
    problems: list[Problem] = field(default_factory=list)
    shown_on: list[str] = field(default_factory=list)
    catalogue: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.env = strict_env(self.env)


class JobAdBlock(EmbedBlock):
    """`/// job-ad-check | rules`: the checker, with the manual checklist, in place of the block."""

    NAME = BLOCK_NAME
    SPEC = JOBAD_BLOCK
    CSS_CLASS = "guide-jobad-embed"

    def render(self, site: JobAdSite, name: str, block: etree.Element) -> str | None:
        assert site.rules is not None and site.checklist is not None
        site.shown_on.append(site.page.name)
        with interface_text.speaking(site.catalogue):
            return render_checker(site.env, site.rules, site.checklist,
                                  urls={"sources": site.page.url_for(SOURCES_PAGE)},
                                  kit_url=lambda kit: site.page.url_for(page_of(kit)),
                                  assets=self.assets(site, ASSETS), language=site.language)

    def problem(self, site: JobAdSite, name: str, count: int, block: etree.Element) -> tuple[str, str] | None:
        if name != RULES_NAME:
            return (f"the job-ad-check block names '{name}', not the rules.",
                    f"write '/// {BLOCK_NAME} | {RULES_NAME}'.")
        if site.rules is None or site.checklist is None:
            return ("the checker's rules or the posting checklist could not be read (see the messages above).",
                    "fix those files first.")
        if count > 1:
            return ("the checker is already shown higher up on this page.", "remove this block.")
        if len(block) or (block.text or "").strip():
            return ("the job-ad-check block holds content; it should hold none.",
                    f"close the block with '///' on the line after '/// {BLOCK_NAME} | {RULES_NAME}'.")
        return None


class JobAdExtension(BlocksExtension):
    """The `/// job-ad-check | rules` block; every option defaults to this site's folders."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.config = {
            "templates_dir": ["../overrides", "The folder of partials/job-ad-check.html."],
            "catalogues_dir": ["../i18n", "The interface text of each other language (<language>.yml)."],
            **host_options(),
            "site_url": ["", "The site's address, where the host does not say."],
            "site": [{}, "A prepared JobAdSite, used as it is (a test, another host)."],
        }
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        given = self.getConfig("site") or None
        if given is not None and not isinstance(given, JobAdSite):
            raise TypeError("JobAdExtension: site must be a JobAdSite")
        options = {key: str(self.getConfig(key)) for key in ("templates_dir", "catalogues_dir")}
        host = {key: self.getConfig(key) for key in ("docs_dir", "page", "site_url")}
        pages = PageSites(md, JOBAD_BLOCK, lambda page: site_for_page(page, **options), host, given)
        block_mgr.register(JobAdBlock, {"pages": pages})
        md.preprocessors.register(KeepSource(md, pages), _SOURCE_ATTRIBUTE, 1000)
        md.treeprocessors.register(CatchNearMisses(md, pages, block_mgr), "job_ad_check_near_misses", 25)


def load_edition(docs: Path, language: str | None, display_root: Path | None = None) -> tuple[Rules, Checklist]:
    """The rules and the posting checklist of one language (None: the default), as read and checked."""
    root = display_root or docs.parent

    def shown(path: Path) -> str:
        return str(path.resolve().relative_to(root.resolve())) if path.resolve().is_relative_to(root.resolve()) else str(path)

    path = rules_path(docs, language)
    checklist_path = docs / KITS_DIR / (language or "") / CHECKLIST_FILE
    return (load_rules(path, shown(path), language or "en"), load_checklist(checklist_path, shown(checklist_path)))


def site_for_page(page: HostPage, *, templates_dir: str, catalogues_dir: str) -> JobAdSite:
    """The checker's data in the page's language (check-job-ad.fr.md reads fr/rules.yml).
    Data that cannot be read is reported, and the block says so."""
    docs = page.docs_dir or Path(".")
    language = page_language(page.src_uri)
    problems: list[Problem] = []
    rules: Rules | None = None
    checklist: Checklist | None = None
    try:
        rules, checklist = load_edition(docs, language)
    except ProblemError as error:
        problems.extend(error.problems)
    env = interface_text.shared_environment(docs / templates_dir)
    site = JobAdSite(rules=rules, checklist=checklist, env=env, language=language or "en", page=page.context(),
                     catalogue=dict(interface_text.page_catalogue(docs / catalogues_dir, language, problems)))
    site.problems.extend(problems)
    return site


def makeExtension(*args: Any, **kwargs: Any) -> JobAdExtension:
    """Markdown's entry point."""
    return JobAdExtension(*args, **kwargs)
