"""MkDocs hook: puts the hiring kits (docs/kits/<id>.yml) on the pages that ask for them.

A page asks with `/// hiring-kit | <kit id>` then `///`. The logic lives in the `hiring_kit`
package (no MkDocs there); this module only wires it into the build and turns its problems
into `PluginError`s: kits and the posting checklist are read once per build (on_files), each
page tells the block where it is (on_page_markdown), a page's problems stop the build after
that page, and at the end every kit must be on its page and every source the checklist
cites must be an anchor on the sources page (on_env).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import decision_tree as tree
import hiring_kit as kits
from page_context import page_context, project_root

KITS_DIR = "kits"


@dataclass
class _Build:
    """This build's kits and block state (made afresh in on_config: `mkdocs serve` sees edits)."""

    site: kits.KitSite | None = None


_build = _Build()


def _fail(problems: list[tree.TreeProblem]) -> None:
    if problems:
        raise PluginError(f"Bad hiring kit or kit block:\n{tree.TreeError(problems)}")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Register the hiring-kit Markdown block, with the theme's templates."""
    sources = page_url = kits.block.SOURCES_PAGE.removesuffix(".md") + ".html"
    if config.site_url:
        page_url = config.site_url.rstrip("/") + "/" + sources
    _build.site = kits.KitSite(kits={}, checklist=None, env=config.theme.get_env(), sources_url=page_url)
    config.markdown_extensions.append(kits.HiringKitExtension(site=_build.site))  # type: ignore[arg-type]
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    """Read and check every kit and the posting checklist."""
    assert _build.site is not None
    try:
        _build.site.kits, _build.site.checklist = kits.load_kits(Path(config.docs_dir) / KITS_DIR,
                                                                 display_root=project_root(config))
    except tree.TreeError as error:
        raise PluginError(f"Bad hiring kit:\n{error}") from None
    return None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Tell the block which page it is on, so links and assets resolve from there."""
    assert _build.site is not None
    _build.site.page = page_context(markdown, page, config, files)
    _build.site.problems.clear()
    return None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Stop at the first page whose kit block is wrong."""
    assert _build.site is not None
    _fail(_build.site.problems)
    return None


def on_env(env: object, *, config: MkDocsConfig, files: Files) -> None:
    """Every page is converted: each kit must be on its page, each cited source on the sources page."""
    assert _build.site is not None
    _fail(_build.site.placement_problems())
    sources = files.get_file_from_path(kits.block.SOURCES_PAGE)
    anchors = sources.page.present_anchor_ids if sources and sources.page else None
    _fail(_build.site.source_problems(set(anchors or ())))
