"""What the Markdown blocks of the flows and the hiring kits need to know about the page
being converted: its name in messages, how to reach other files from it, and the file line
of its first Markdown line. Shared by hooks/flow_pages.py and hooks/hiring_kits.py (not a
hook itself: it handles no MkDocs event)."""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guide.core.blocks import PageContext


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml: file names in messages are relative to it."""
    return _folder_of(config.config_file_path or "mkdocs.yml")


@functools.lru_cache(maxsize=8)
def _folder_of(config_file: str) -> Path:
    return Path(config_file).resolve().parent


def shown(config: MkDocsConfig, path: Path) -> str:
    """A path as written in messages, e.g. docs/decide/hiring.md (a page's path under the
    docs folder is joined, not resolved: two hooks ask for it on every page)."""
    root, docs = project_root(config), _folder_of(str(Path(config.docs_dir) / "x"))
    if path.is_relative_to(config.docs_dir) and docs.is_relative_to(root):
        return str(docs.relative_to(root) / path.relative_to(config.docs_dir))
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def page_context(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> PageContext:
    """The PageContext of a page in on_page_markdown (the Markdown after its front matter)."""

    def url_for(path: str) -> str:
        target = files.get_file_from_path(path)
        if target is None:
            raise PluginError(f"{path} is not a file of the site")
        return target.url_relative_to(page.file)

    # The front matter is what precedes the Markdown in the file. Compared without trailing
    # newlines: the i18n plugin's on_page_markdown (run before this) drops the last one.
    raw, body = page.file.content_string.rstrip("\n"), markdown.rstrip("\n")
    front_matter = raw[:len(raw) - len(body)] if raw.endswith(body) else ""
    return PageContext(shown(config, Path(config.docs_dir) / page.file.src_uri), url_for,
                            first_line=front_matter.count("\n") + 1)
