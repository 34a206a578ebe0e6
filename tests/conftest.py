"""Shared fixtures: a real strict build of the site, served from 127.0.0.1, and
Debian's Chromium driven by Playwright (no downloaded browser). The pieces that
scripts/bench.py needs too live in support.py."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Shared with scripts/bench.py; imported here so tests keep importing them from conftest.
from support import (  # noqa: F401
    CHROMIUM, CHROMIUM_FLAGS, FLOW_PAGES, ROOT, french_nav_pages, language_of, mkdocs_config, nav_pages,
    page_url_path, serve_folder, site_name, twin,
)

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


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


@pytest.fixture(scope="session")
def pdf_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """A real strict export build (the command scripts/pdf.sh runs), once per session; shared
    by the PDF tests of test_pdf.py and test_glossary.py. (site, seconds the build took)"""
    site = tmp_path_factory.mktemp("pdf-site")
    started = time.perf_counter()
    result = mkdocs_build(site, env={"PDF_EXPORT": "1"})
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site, seconds


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
