"""Shared fixtures: a real strict build of the site, served from 127.0.0.1, and
Debian's Chromium driven by Playwright (no downloaded browser)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def mkdocs_build(site_dir: Path, *, env: dict[str, str] | None = None,
                 config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` into site_dir; return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
         "--site-dir", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session with --strict."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(out)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return out


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
    """SafeLoader that tolerates mkdocs.yml's !!python/name tags (nav only is read)."""


MkDocsYamlLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@functools.cache
def mkdocs_config() -> dict:
    """mkdocs.yml as data (python tags read as None). Do not modify the result: it is shared."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=MkDocsYamlLoader)


@functools.cache
def nav_pages() -> list[tuple[str, str]]:
    """(title, source path) of every page in mkdocs.yml's nav, in order."""
    return _flatten_nav(mkdocs_config()["nav"])


def page_url_path(source: str) -> str:
    """The URL path MkDocs gives a Markdown source (use_directory_urls: false)."""
    return source.removesuffix(".md") + ".html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 from a thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 for the browser tests (overrides pytest-base-url)."""
    with serve_folder(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Use Debian's Chromium; the flags keep it from calling home."""
    assert Path(CHROMIUM).exists(), "Chromium is missing: run scripts/setup.sh test"
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@dataclass
class PageWatch:
    """Everything a page asked for, and every console error it printed."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def foreign_requests(self, allowed_origin: str) -> list[str]:
        return [u for u in self.requests
                if not (u.startswith(allowed_origin) or u.startswith(("data:", "blob:", "about:")))]


@pytest.fixture
def watch(page) -> PageWatch:
    """Record requests and console errors of the test's page from the start."""
    record = PageWatch()
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and record.console_errors.append(msg.text))
    page.on("pageerror", lambda error: record.page_errors.append(str(error)))
    return record


def run_axe(page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the page; return violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values:
             ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}})"""
    )
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(n["target"]) for n in v["nodes"][:5]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)
