"""What the tests (through conftest.py) and scripts/bench.py share: where the project is,
which pages hold a flow, Debian's Chromium and its flags, and a local HTTP server.
No pytest import, so scripts/bench.py can use it outside the test run."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Playwright's launch arguments; Lighthouse gets the same with --headless=new in front.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
GZIP_LEVEL = 6                   # what nginx and most static hosts use
COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json|xml|manifest\+json)|image/svg\+xml)")


# ── mkdocs.yml, the nav, the flow pages ─────────────────────────────────────


def _flatten_nav(items: list) -> list[tuple[str, str]]:
    pages: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, str):
            pages.append((item, item))
            continue
        for title, target in item.items():
            if isinstance(target, list):
                pages.extend(_flatten_nav(target))
            else:
                pages.append((title, target))
    return pages


class MkDocsYamlLoader(yaml.SafeLoader):
    """SafeLoader that tolerates mkdocs.yml's !!python/name and !relative tags (nav only is read)."""


MkDocsYamlLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
MkDocsYamlLoader.add_multi_constructor("!relative", lambda loader, suffix, node: None)  # MkDocs' path tag


@functools.cache
def mkdocs_config() -> dict:
    """mkdocs.yml as data (python tags read as None). Do not modify the result: it is shared."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=MkDocsYamlLoader)


@functools.cache
def nav_pages() -> list[tuple[str, str]]:
    """(title, source path) of every page in mkdocs.yml's nav, in order."""
    return _flatten_nav(mkdocs_config()["nav"])


def page_url_path(source: str) -> str:
    """The URL path MkDocs gives a Markdown source (use_directory_urls: false); a French
    twin (faq.fr.md) is built in the French folder (fr/faq.html)."""
    stem = source.removesuffix(".md")
    for code in other_languages():
        if stem.endswith(f".{code}"):
            return f"{code}/{stem.removesuffix(f'.{code}')}.html"
    return stem + ".html"


# ── The French edition (mkdocs-static-i18n) ─────────────────────────────────


def i18n_languages() -> list[dict]:
    """The i18n plugin's languages in mkdocs.yml, the default first."""
    for plugin in mkdocs_config()["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return sorted(plugin["i18n"]["languages"], key=lambda lang: not lang.get("default"))
    return []


def other_languages() -> list[str]:
    """The codes of the languages other than the default (["fr"])."""
    return [lang["locale"] for lang in i18n_languages() if not lang.get("default")]


def twin(source: str, code: str = "fr") -> str:
    """The translated twin of a Markdown source: faq.md -> faq.fr.md."""
    return f"{source.removesuffix('.md')}.{code}.md"


def language_of(source: str) -> str:
    """The language code of a Markdown source (faq.fr.md -> fr, faq.md -> the default)."""
    for code in other_languages():
        if source.endswith(f".{code}.md"):
            return code
    return i18n_languages()[0]["locale"] if i18n_languages() else "en"


def site_name(source: str = "index.md") -> str:
    """The site name printed on a page, in the page's language."""
    code = language_of(source)
    lang = next((lang for lang in i18n_languages() if lang["locale"] == code), {})
    return lang.get("site_name") or mkdocs_config()["site_name"]


@functools.cache
def french_nav_pages() -> list[tuple[str, str]]:
    """(French title, French source) of every nav page, in nav order."""
    french = next(lang for lang in i18n_languages() if lang["locale"] == "fr")
    titles = french["nav_translations"]
    return [(titles[title], twin(source)) for title, source in nav_pages()]


# The pages that show a flow: the nav's pages under docs/decide/, in nav order. (Not found
# by the marker in the Markdown, whose syntax may change; test_flow_browser.py checks this
# list against the built pages that hold a [data-flow] element.)
FLOW_PAGES: tuple[str, ...] = tuple(source for _, source in nav_pages() if source.startswith("decide/"))


# ── A local HTTP server ─────────────────────────────────────────────────────


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's own parameter name)
        pass


class _GzipHandler(_QuietHandler):
    """Static files like a production host: text types gzip-encoded when the client
    accepts it (http.server alone never compresses)."""

    cache: ClassVar[dict[tuple[str, float], bytes]] = {}  # one for every request: what it compressed
    lock = threading.Lock()

    def send_head(self):
        path = self.translate_path(self.path)
        ctype = self.guess_type(path)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if os.path.isdir(path) or not os.path.isfile(path) or not accepts or not COMPRESSIBLE.match(ctype):
            return super().send_head()
        key = (path, os.stat(path).st_mtime)
        with self.lock:
            if key not in self.cache:
                self.cache[key] = gzip.compress(Path(path).read_bytes(), compresslevel=GZIP_LEVEL)
            body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(key[1])))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_folder(folder: Path, *, compress: bool = False) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 from a thread; yield its base URL. compress: gzip text
    types for clients that accept it, as a production host does."""
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
