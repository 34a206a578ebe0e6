"""MkDocs hook: puts the YAML decision trees ("guide flows") on the pages that ask for them.

A page asks with a marker on a line of its own, `[[guide-flow: <flow id>]]`; the flow is
`docs/decide/flows/<flow id>.yml`. All logic lives in `decision_tree.py` (no MkDocs there);
this module only reads files, reports problems as `PluginError`s and swaps markers for HTML.
The flows are read once per build, in on_files, and kept only for that build's pages:
`mkdocs serve` sees every edit.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import decision_tree as tree

FLOWS_DIR = "decide/flows"
TEMPLATE = "partials/guide-flow.html"
ASSETS = {"css": "assets/stylesheets/flow.css", "js": "assets/javascripts/flow.js"}
SLOT = '<div class="guide-flow-slot" data-guide-flow-slot="{}"></div>'
SLOT_RE = re.compile(r'<div class="guide-flow-slot" data-guide-flow-slot="([a-z0-9-]+)"></div>')

# The flows of the build in progress (replaced at the start of every build, in on_files).
_this_build: dict[str, tree.Flow] = {}
# The build's template environment, made strict once in on_files: theme.get_env() builds
# a new environment on every call, which would compile the flow templates for every flow.
# (on_env comes too late: MkDocs renders page content before it.)
_this_env: list[jinja2.Environment] = []


def _root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml: file names in messages are relative to it."""
    return Path(config.config_file_path or ".").resolve().parent


def _load(config: MkDocsConfig) -> dict[str, tree.Flow]:
    """Every flow of the site, validated."""
    folder = Path(config.docs_dir) / FLOWS_DIR
    try:
        return tree.load_flows(folder, display_root=_root(config))
    except tree.TreeError as error:
        raise PluginError(f"Bad decision tree:\n{error}") from None


def _page_name(config: MkDocsConfig, src_uri: str) -> str:
    """A page's path as written in messages, e.g. docs/decide/hiring.md."""
    path = Path(config.docs_dir).resolve() / src_uri
    try:
        return str(path.relative_to(_root(config)))
    except ValueError:
        return str(path)


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    """Validate every flow, every page marker and every page an outcome links to."""
    flows = _load(config)
    _this_build.clear()
    markers: list[tree.Marker] = []
    problems: list[tree.TreeProblem] = []
    for file in files.documentation_pages():
        try:
            markers += tree.find_markers(_page_name(config, file.src_uri), file.content_string)
        except tree.TreeError as error:
            problems += error.problems
    try:
        tree.check_markers(markers, flows)
    except tree.TreeError as error:
        problems += error.problems
    for flow in flows.values():
        for outcome in flow.outcomes:
            for link in outcome.links:
                if files.get_file_from_path(link.page) is None:
                    problems.append(tree.TreeProblem(flow.source, link.line, outcome.id,
                                                     f"the link points at '{link.page}', which is not a page of the site.",
                                                     "give a page path relative to docs/, such as comparison.md."))
    if problems:
        raise PluginError(f"Bad decision tree or flow marker:\n{tree.TreeError(problems)}")
    _this_build.update(flows)
    _this_env[:] = [tree.strict_env(config.theme.get_env())]
    return None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Swap each marker for a placeholder that survives Markdown (filled in on_page_content)."""
    if not tree.MARKER_RE.search(markdown):
        return None
    return tree.MARKER_RE.sub(lambda m: "\n" + SLOT.format(m.group("name")) + "\n", markdown)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Render each flow in place of its placeholder; the first one also loads the assets."""
    if not SLOT_RE.search(html):
        return None
    flows = _this_build
    env = _this_env[0]
    seen: list[str] = []

    def render(match: re.Match[str]) -> str:
        flow = flows[match.group(1)]
        urls = {}
        for outcome in flow.outcomes:
            for link in outcome.links:
                target = files.get_file_from_path(link.page)
                assert target is not None  # checked in on_files
                urls[link.page] = target.url_relative_to(page.file)
        assets = None if seen else {k: get_relative_url(v, page.url) for k, v in ASSETS.items()}
        seen.append(flow.id)
        return tree.render_flow(env, flow, urls=urls, assets=assets, template=TEMPLATE)

    return SLOT_RE.sub(render, html)
