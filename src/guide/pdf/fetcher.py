"""What WeasyPrint may read for the PDF: files inside the built site and `data:` URLs.
Everything else is refused, with a message that names it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

if TYPE_CHECKING:
    from weasyprint import URLFetcher


class RefusedURL(ValueError):
    """WeasyPrint asked for something other than a file of the built site or a data: URL."""


def _shown(url: str, limit: int = 200) -> str:
    return url if len(url) <= limit else f"{url[:limit]}..."


def site_file_url(url: str, site: Path) -> str:
    """The URL to read for a resource of the print document, or RefusedURL.

    Allowed: `data:` URLs, and `file:` URLs of files inside the built site once every
    `..` and symlink is resolved (the returned URL is the resolved file's). Everything
    else is refused: files elsewhere on the build machine, http(s):, ftp:, any scheme.
    """
    root = site.resolve()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return url
    if scheme == "file" and parts.netloc in ("", "localhost"):
        try:
            path = Path(url2pathname(parts.path))
            resolved = path.resolve() if path.is_absolute() else None
        except (OSError, ValueError, RuntimeError):  # a NUL byte, a symlink loop
            resolved = None
        if resolved is not None and resolved.is_relative_to(root):
            return resolved.as_uri()
    raise RefusedURL(
        f"refused {_shown(url)}: only files inside the built site ({root}) may be used in the PDF"
    )


def site_fetcher(site: Path) -> URLFetcher:
    """A WeasyPrint URL fetcher that reads only what `site_file_url` allows.

    A refused URL raises RefusedURL, which WeasyPrint turns into a warning (or a
    debug message, for fonts) and leaves the resource out; the fetcher also keeps
    the refusal in `.refused`, so `write_pdf` reports every one of them.
    """
    return _site_fetcher_class()(site)


_fetcher_class: type | None = None


def _site_fetcher_class() -> type:
    global _fetcher_class
    if _fetcher_class is None:
        import weasyprint  # only an export build needs it

        class SiteFetcher(weasyprint.URLFetcher):
            def __init__(self, site: Path) -> None:
                super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
                self.site = Path(site)
                self.refused: list[str] = []
                self.refused_urls: list[str] = []

            def fetch(self, url: str, headers: Any = None) -> Any:
                try:
                    allowed = site_file_url(url, self.site)
                except RefusedURL as error:
                    if str(error) not in self.refused:
                        self.refused.append(str(error))
                        self.refused_urls.append(url)
                    raise
                return super().fetch(allowed, headers)

        _fetcher_class = SiteFetcher
    return _fetcher_class
