"""Where a file the PDF refused was written: the page whose built HTML refers to it, and the
line of that page's Markdown source that holds the reference, so the warning names
`path:line` (the PDF is made from built pages, which keep no lines of the source)."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# A reference in built HTML: an attribute holding an address, or a CSS url(...).
_REFERENCE = re.compile(r"""\b(?:href|src|data|poster)\s*=\s*(["'])(.*?)\1|url\(\s*(["']?)([^"')]+)\3\s*\)""",
                        re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class BuiltPage:
    """A nav page as the PDF export reads it: its source, its URL in the site, its built
    HTML and its Markdown source."""

    source: str
    url: str
    html: str
    markdown: str


@dataclass(frozen=True)
class Origin:
    source: str
    line: int | None
    written: str

    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source


def origin_of(url: str, pages: Iterable[BuiltPage], site: Path) -> Origin | None:
    """The first page referring to `url` (as written, or resolved against the page's place in
    the built site), with the first source line holding the reference as written; None when no
    page refers to it (a template or a stylesheet does)."""
    for page in pages:
        for found in _REFERENCE.finditer(page.html):
            written = html.unescape(found.group(2) if found.group(2) is not None else found.group(4)).strip()
            if not written or written.startswith("#"):
                continue
            if written != url and (urlsplit(written).scheme or not _resolves_to(written, page.url, site, url)):
                continue
            line = next((number for number, text in enumerate(page.markdown.splitlines(), 1) if written in text), None)
            return Origin(page.source, line, written)
    return None


def _resolves_to(written: str, page_url: str, site: Path, url: str) -> bool:
    path = urlsplit(written).path
    if not path:
        return False
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path))
    try:
        return (site / joined).resolve().as_uri() == url
    except (OSError, ValueError, RuntimeError):
        return False
