"""What a Markdown extension needs to know about the page it is converting, asked of the host.

Python-Markdown has no notion of a page or a site, so the blocks that embed generated content
(`/// guide-flow | x`, `/// hiring-kit | x`) learn them here, from the Markdown instance alone
and with no state set by anyone else:

- under MkDocs (or a fork such as ProperDocs), from the link resolver MkDocs registers on
  every page's Markdown (the `relpath` treeprocessor: its `file`, `files` and `config`), so
  links resolve exactly as MkDocs resolves the page's own links, a translation's included;
- under Zensical, from what it hands extensions (`rendering_context`: the page's path and
  the docs folder), links written relative to the page as `page.html` addresses;
- in any other host (a unit test, a plain `markdown.markdown()` call), from the extension's
  options: the docs folder and the page's path in it, links written relative to the page.

No MkDocs import: the MkDocs objects are only read through their documented attributes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from markdown import Markdown

MKDOCS_LINK_RESOLVER = "relpath"


def host_options() -> dict[str, list[str]]:
    """The options every block extension takes for a host that does not say which page it
    converts (Python-Markdown's config form: [default, description])."""
    return {
        "docs_dir": ["", "The docs folder, where the host does not say (MkDocs and Zensical do)."],
        "page": ["page.md", "The page's path in the docs folder, where the host does not say."],
    }  # the name MkDocs registers its link treeprocessor under


@dataclass
class PageContext:
    """The page being converted: its name in messages and how to reach files from it."""

    name: str
    url_for: Callable[[str], str]  # docs-relative path (page or asset) -> URL relative to this page
    first_line: int = 1  # the file line of the Markdown's first line (after any front matter)


@dataclass(frozen=True)
class HostPage:
    """The page being converted."""

    src_uri: str  # its path in the docs folder, e.g. decide/hiring.fr.md
    name: str  # as written in messages, e.g. docs/decide/hiring.fr.md
    docs_dir: Path | None  # the docs folder (None: the host did not say)
    url_for: Callable[[str], str]  # docs-relative path (page or asset) -> URL from this page
    site_url_for: Callable[[str], str]  # docs-relative path -> its address from the site's root (absolute with a site_url)
    front_matter_lines: int = 0  # lines of the file before the Markdown the extension sees

    def line(self, markdown_line: int) -> int:
        """The file line of a line of the Markdown (1-based)."""
        return markdown_line + self.front_matter_lines

    def context(self) -> PageContext:
        """What a block needs of the page: its name in messages, its links, its first line."""
        return PageContext(self.name, self.url_for, self.line(1))


def _front_matter_lines(file: Any, source: str) -> int:
    """Lines of the file before `source` (MkDocs hands Markdown the text after the front
    matter). Compared without trailing newlines: a plugin may drop the last one."""
    raw = str(getattr(file, "content_string", "") or "").rstrip("\n")
    body = source.rstrip("\n")
    return raw[:len(raw) - len(body)].count("\n") if body and raw.endswith(body) else 0


def _mkdocs_page(md: Markdown, source: str) -> HostPage | None:
    resolver = md.treeprocessors[MKDOCS_LINK_RESOLVER] if MKDOCS_LINK_RESOLVER in md.treeprocessors else None
    file, files = getattr(resolver, "file", None), getattr(resolver, "files", None)
    if file is None or files is None or not hasattr(files, "get_file_from_path"):
        return None
    src_uri = str(file.src_uri)
    absolute = str(getattr(file, "abs_src_path", "") or "")
    docs_dir = Path(absolute[:-len(src_uri)]) if absolute.endswith(src_uri) else None
    folder = docs_dir.name if docs_dir is not None else "docs"

    def url_for(path: str) -> str:
        target = files.get_file_from_path(path)
        return target.url_relative_to(file) if target is not None else _relative_url(path, src_uri)

    config = getattr(resolver, "config", None)
    site_url = str(getattr(config, "site_url", "") or "") if config is not None else ""

    def site_url_for(path: str) -> str:
        target = files.get_file_from_path(path)
        return _absolute(site_url, str(target.url) if target is not None else _relative_url(path, ""))

    return HostPage(src_uri, f"{folder}/{src_uri}", docs_dir, url_for, site_url_for, _front_matter_lines(file, source))


def _absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url if site_url else url


def _relative_url(path: str, from_page: str) -> str:
    """A docs-relative path as a URL from another page of a site built with page.html
    addresses (the `use_directory_urls: false` form): faq.md -> ../faq.html."""
    target = path[:-3] + ".html" if path.endswith(".md") else path
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


ZENSICAL_CONTEXT = "rendering_context"  # where Zensical 0.1 tells extensions the page and config


def _zensical_page(md: Markdown, site_url: str) -> HostPage | None:
    context = md.preprocessors[ZENSICAL_CONTEXT] if ZENSICAL_CONTEXT in md.preprocessors else None
    page, config = getattr(context, "page", None), getattr(context, "config", None)
    src_uri = str(getattr(page, "path", "") or "")
    if not src_uri or not isinstance(config, dict):
        return None
    root = Path(str(config.get("root_dir") or "."))
    docs_dir = root / str(config.get("docs_dir") or "docs")
    return HostPage(src_uri, f"{docs_dir.name}/{src_uri}", docs_dir, lambda path: _relative_url(path, src_uri),
                    lambda path: _absolute(site_url, _relative_url(path, "")))


def host_page(md: Markdown, source: str, *, docs_dir: str = "", page: str = "page.md", site_url: str = "") -> HostPage:
    """The page `md` is converting (`source`: the Markdown it was given): MkDocs' when MkDocs
    runs it, Zensical's when Zensical does, else the one the options name (`docs_dir`, `page`
    relative to it)."""
    found = _mkdocs_page(md, source) or _zensical_page(md, site_url)
    if found is not None:
        return found
    folder = Path(docs_dir) if docs_dir else None
    name = f"{folder.name}/{page}" if folder is not None else page
    return HostPage(str(PurePosixPath(page)), name, folder, lambda path: _relative_url(path, page),
                    lambda path: _absolute(site_url, _relative_url(path, "")))
