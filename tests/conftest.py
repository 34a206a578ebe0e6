"""Shared fixtures and the test layers.

Every test belongs to exactly one layer, a pytest marker registered in pytest.ini:

- ``unit``: no build, no browser, no PDF (the libraries, the data files, the scripts);
- ``build``: builds the real site with ``mkdocs build --strict``, or a copy of the project;
- ``browser``: Playwright driving Debian's Chromium over a built site;
- ``pdf``: the PDF export, or reading the real PDF.

``scripts/test.sh -m unit`` runs one layer. The check below refuses a run in which a test
has no layer or more than one, or a unit test asks for a built site, a browser or the PDF
(or builds: ``mkdocs_build`` refuses). pytest's summary ends with each layer's time.

The expensive things are session fixtures, made only when a test asks for them: the real
site (``site_dir``, built once), served on 127.0.0.1 (``base_url``), the real export
(``pdf_export``), and Chromium. Importing this file builds nothing and needs no browser.
A test that changes the project changes a copy (``project``: ``project.edit``,
``project.build``); a build that must fail is checked by ``assert_build_failed_cleanly``.
The pieces that scripts/bench.py needs too live in support.py."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Shared with scripts/bench.py; imported here so tests keep importing them from conftest.
from support import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    FLOW_PAGES,
    ROOT,
    french_nav_pages,
    language_of,
    mkdocs_config,
    nav_pages,
    page_url_path,
    serve_folder,
    site_name,
    twin,
)

__all__ = [  # what the test modules import from here
    "AXE_JS", "CHROMIUM", "CHROMIUM_FLAGS", "FLOW_PAGES", "LAYERS", "ROOT", "Project", "SiteBuild",
    "assert_build_failed_cleanly", "blocking", "copy_project", "describe_violations", "french_nav_pages", "language_of",
    "layer_problems", "mkdocs_build", "mkdocs_config", "nav_pages", "page_url_path", "run_axe", "serve_folder",
    "site_name", "twin", "watching",
]

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


# ── The layers ──────────────────────────────────────────────────────────────

LAYERS = ("unit", "build", "browser", "pdf")
# Fixtures a test may ask for only in these layers: a unit test that wants one of them is in
# the wrong layer (it would build the site, start Chromium or export the PDF).
FIXTURE_LAYERS = {
    "site_build": {"build", "browser", "pdf"},
    "site_dir": {"build", "browser", "pdf"},
    "base_url": {"browser"},
    "browser": {"browser"},
    "context": {"browser"},
    "page": {"browser"},
    "palette_page": {"browser"},
    "pdf_export": {"pdf"},
    "pdf_build": {"pdf"},
}


def layers_of(item: pytest.Item) -> list[str]:
    """The layer markers on a test (its own, its class's and its module's pytestmark)."""
    return [mark.name for mark in item.iter_markers() if mark.name in LAYERS]


def layer_problems(items: list[pytest.Item]) -> list[str]:
    """What is wrong with the layering of these tests: one line per test with no layer, more
    than one, or a fixture of a layer it is not in."""
    problems = []
    for item in items:
        layers = layers_of(item)
        if len(layers) != 1:
            problems.append(f"{item.nodeid}: {'no layer' if not layers else 'layers ' + ', '.join(layers)}; "
                            f"mark it with exactly one of {', '.join(LAYERS)} (pytestmark for a whole file)")
            continue
        for name in getattr(item, "fixturenames", ()):
            allowed = FIXTURE_LAYERS.get(name)
            if allowed and layers[0] not in allowed:
                problems.append(f"{item.nodeid}: a {layers[0]} test uses the fixture '{name}', which belongs to "
                                f"the {' or '.join(sorted(allowed))} layer")
    return problems


@pytest.hookimpl(tryfirst=True)  # before -m deselects: every collected test is checked, whatever runs
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    problems = layer_problems(items)
    if problems:
        raise pytest.UsageError("tests outside the layers (see tests/conftest.py):\n" + "\n".join(problems))


_running_layer: str | None = None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    """Remember the layer of the running test, so mkdocs_build can refuse a unit test."""
    global _running_layer
    layers = layers_of(item)
    _running_layer = layers[0] if len(layers) == 1 else None
    try:
        return (yield)
    finally:
        _running_layer = None


_layer_seconds: dict[str, float] = {}
_layer_tests: dict[str, set[str]] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Add up each layer's time (setup, call and teardown: a session build counts in the layer
    of the first test that asks for it)."""
    layer = next((name for name in LAYERS if name in report.keywords), None)
    if layer:
        _layer_seconds[layer] = _layer_seconds.get(layer, 0.0) + report.duration
        _layer_tests.setdefault(layer, set()).add(report.nodeid)


def pytest_terminal_summary(terminalreporter) -> None:
    """One line per layer that ran: its tests and seconds. With GUIDE_LAYER_TIMES=path, the same
    as JSON in that file (scripts/bench.py reads it)."""
    ran = [name for name in LAYERS if name in _layer_seconds]
    if not ran:
        return
    terminalreporter.write_line("layers: " + ", ".join(
        f"{name} {len(_layer_tests[name])} tests {_layer_seconds[name]:.0f} s" for name in ran))
    if os.environ.get("GUIDE_LAYER_TIMES"):
        Path(os.environ["GUIDE_LAYER_TIMES"]).write_text(json.dumps(
            {name: {"tests": len(_layer_tests[name]), "seconds": round(_layer_seconds[name], 2)} for name in ran}),
            encoding="utf-8")


# ── Builds ──────────────────────────────────────────────────────────────────


def mkdocs_build(site_dir: Path, *, env: dict[str, str] | None = None,
                 config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` with `config` (from the folder that holds it) into site_dir;
    return the finished process."""
    assert _running_layer != "unit", "a unit test builds the site: mark it build (or pdf), or do not build"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
         "--site-dir", str(site_dir)],
        cwd=config.parent, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


WHERE = re.compile(r"[\w./-]+:\d+")  # a file and a line, as the build's messages name them: docs/x.md:12


def assert_build_failed_cleanly(result: subprocess.CompletedProcess[str], where: str | None,
                                *expected: str) -> str:
    """The build stopped without a traceback, its message naming `where` and holding each of
    `expected`; returns the build's output. `where` is the file and line of the problem,
    'path:line' (docs/decide/flows/hiring.yml:12); a path alone only where the problem has no
    line (a file that is missing), and None only where it is in no file (a missing package)."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build did not fail:\n{output}"
    assert "Traceback" not in output, output
    if where is not None:
        assert WHERE.fullmatch(where) or ":" not in where, f"{where!r} is neither 'path:line' nor a path"
        assert where in output, f"the message does not name {where}:\n{output}"
    for text in expected:
        assert text in output, f"the message lacks {text!r}:\n{output}"
    return output


# What a copy of the project leaves out: tools, caches and built output.
COPY_SKIP = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".tmp", ".cache", "__pycache__",
                                   ".pytest_cache", "test-results", "*.egg-info", "*.pdf")


@dataclass(frozen=True)
class Project:
    """A copy of the project (config, pages, flows, kits, templates, hooks, catalogue, glossary,
    scripts, tests; not .venv, node_modules or built output) to change and build. The guide
    package is the installed one (src/ of the real project)."""

    root: Path

    def __truediv__(self, relative: str) -> Path:
        return self.root / relative

    def edit(self, relative: str, old: str, new: str) -> int:
        """Replace the first `old` in the file with `new`; return the 1-based line `old` began on."""
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{relative} does not hold {old!r}"
        index = text.index(old)
        path.write_text(text[:index] + new + text[index + len(old):], encoding="utf-8")
        return text[:index].count("\n") + 1

    def append(self, relative: str, text: str) -> int:
        """Add text at the end of the file; return the 1-based line it begins on."""
        path = self.root / relative
        before = path.read_text(encoding="utf-8")
        path.write_text(before + text, encoding="utf-8")
        return before.count("\n") + 1

    def restore(self, relative: str) -> None:
        """Put the real project's file back."""
        shutil.copy(ROOT / relative, self.root / relative)

    def build(self, *, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """mkdocs build --strict of the copy into its own site/."""
        return mkdocs_build(self.root / "site", config=self.root / "mkdocs.yml", env=env)


def copy_project(target: Path) -> Project:
    """Copy the project to target (a folder that does not exist yet)."""
    shutil.copytree(ROOT, target, ignore=COPY_SKIP)
    return Project(target)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A copy of the project for this test to change (and build, in the build and pdf layers)."""
    return copy_project(tmp_path / "project")


# A plain build (no PDF_EXPORT) needs none of these: the session's build runs with them blocked,
# so it shows that every time (test_pdf.py's test_a_plain_build_needs_neither_weasyprint_nor_a_browser).
NOT_FOR_A_PLAIN_BUILD = ("weasyprint", "bs4", "playwright")


def blocking(folder: Path, modules: tuple[str, ...]) -> dict[str, str]:
    """Environment for a Python process in which importing `modules` fails (a sitecustomize.py in
    folder, put on PYTHONPATH)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(f"import sys\nfor name in {modules!r}:\n    sys.modules[name] = None\n",
                                             encoding="utf-8")
    return {"PYTHONPATH": str(folder)}


@dataclass(frozen=True)
class SiteBuild:
    """The session's build of the real site: where it went, the finished process, its seconds,
    and the modules it could not import."""

    site: Path
    result: subprocess.CompletedProcess[str]
    seconds: float
    blocked: tuple[str, ...]


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    """The real site, built once per session with --strict (for the tests that only read it),
    without WeasyPrint, BeautifulSoup or Playwright."""
    out = tmp_path_factory.mktemp("site")
    env = blocking(tmp_path_factory.mktemp("blocker"), NOT_FOR_A_PLAIN_BUILD)
    started = time.perf_counter()
    result = mkdocs_build(out, env=env)
    seconds = time.perf_counter() - started
    assert result.returncode == 0, (f"mkdocs build --strict failed (with {', '.join(NOT_FOR_A_PLAIN_BUILD)} "
                                    f"blocked: a plain build must not need them):\n{result.stderr}")
    return SiteBuild(out, result, seconds, NOT_FOR_A_PLAIN_BUILD)


@pytest.fixture(scope="session")
def site_dir(site_build: SiteBuild) -> Path:
    """The folder of the session's strict build of the real site. Read it, do not change it."""
    return site_build.site


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


# ── Chromium ────────────────────────────────────────────────────────────────


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
                if not u.startswith((allowed_origin, "data:", "blob:", "about:"))]


def watching(page) -> PageWatch:
    """Record a page's requests and console errors from now on."""
    record = PageWatch()
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and record.console_errors.append(msg.text))
    page.on("pageerror", lambda error: record.page_errors.append(str(error)))
    return record


@pytest.fixture
def watch(page) -> PageWatch:
    """Record requests and console errors of the test's page from the start."""
    return watching(page)


@pytest.fixture(scope="module")
def palette_page(browser, browser_context_args: dict) -> Iterator:
    """palette_page("dark"): a new page in the module's browser context for that palette
    (prefers-color-scheme), the test's page before it closed. The pages of a context share
    its HTTP cache, so a test that checks what a page shows (axe, the palette) loads it
    sooner; a test of what a first visit fetches uses its own `page`."""
    contexts: dict[str, object] = {}
    opened: list = []

    def open_page(scheme: str):
        while opened:
            opened.pop().close()
        if scheme not in contexts:
            contexts[scheme] = browser.new_context(**{**browser_context_args, "color_scheme": scheme})
        opened.append(contexts[scheme].new_page())
        return opened[-1]

    yield open_page
    for context in contexts.values():
        context.close()


def run_axe(page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the page; return violations. Every
    rule runs on every element; resultTypes only spares axe listing each element that passed
    (a third of its time on a flow page)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values:
             ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}, resultTypes: ['violations']})"""
    )
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(n["target"]) for n in v["nodes"][:5]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)
