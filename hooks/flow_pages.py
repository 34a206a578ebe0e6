"""MkDocs hook: puts the YAML decision trees ("guide flows") on the pages that ask for them.

A page asks with a Markdown block, `/// guide-flow | <flow id>` then `///`; the flow is
`docs/decide/flows/<flow id>.yml`. The logic lives in the `decision_tree` package (no
MkDocs there); this module only wires it into the build and turns its problems into
`PluginError`s: flows are read once per build (on_files), each page tells the block where
it is (on_page_markdown), and a page's problems stop the build right after that page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import decision_tree as tree
import hiring_kit
from page_context import page_context, project_root

FLOWS_DIR = "decide/flows"
KITS_DIR = "kits"  # hiring kits an outcome may name with `kit:` (hooks/hiring_kits.py shows them)


@dataclass
class _Build:
    """This build's flows and block state (made afresh in on_config: `mkdocs serve` sees edits)."""

    site: tree.FlowSite | None = None


_build = _Build()


def _fail(problems: list[tree.TreeProblem]) -> None:
    if problems:
        raise PluginError(f"Bad decision tree or flow block:\n{tree.TreeError(problems)}")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Register the guide-flow Markdown block, with the theme's templates."""
    _build.site = tree.FlowSite(flows={}, env=config.theme.get_env())
    config.markdown_extensions.append(tree.GuideFlowExtension(site=_build.site))  # type: ignore[arg-type]
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    """Read and validate every flow, every page an outcome links to, and every kit an outcome names."""
    assert _build.site is not None
    try:
        _build.site.flows = tree.load_flows(Path(config.docs_dir) / FLOWS_DIR, display_root=project_root(config))
    except tree.TreeError as error:
        raise PluginError(f"Bad decision tree:\n{error}") from None

    def is_page(path: str) -> bool:
        file = files.get_file_from_path(path)
        return file is not None and file.is_documentation_page() and file.inclusion.is_included()

    _fail(_build.site.link_problems(is_page))
    try:
        found, _ = hiring_kit.load_kits(Path(config.docs_dir) / KITS_DIR, display_root=project_root(config))
    except tree.TreeError as error:
        raise PluginError(f"Bad hiring kit:\n{error}") from None
    _build.site.kits = {kit_id: tree.KitTarget(kit.role, hiring_kit.page_of(kit_id)) for kit_id, kit in found.items()}
    _fail(_build.site.kit_problems())
    return None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Tell the block which page it is on, so links and assets resolve from there."""
    assert _build.site is not None
    _build.site.page = page_context(markdown, page, config, files)
    _build.site.problems.clear()
    return None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Stop at the first page whose flow block is wrong."""
    assert _build.site is not None
    _fail(_build.site.problems)
    return None


def on_env(env: object, *, config: MkDocsConfig, files: Files) -> None:
    """Every page has been converted by now: a flow no page shows is a mistake."""
    assert _build.site is not None
    _fail(_build.site.unshown_problems())
