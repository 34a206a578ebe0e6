"""Benchmarks and budgets: build cost, flow engine, page weight, PDF export, Lighthouse, and
the test suite's time layer by layer.

    scripts/bench.sh                  # set up, then run everything and print one table
    scripts/bench.sh --write          # ... and write the figures to BENCHMARKS.md
    scripts/bench.sh --builds 3 --lighthouse-runs 1   # quicker, noisier
    scripts/bench.sh --only tests     # the test layers alone (the unit layer, then the whole suite)

Figures, not tests: the machine is shared and noisy, so the build cost is a ratio of
two builds timed in the same run (interleaved, medians), and Lighthouse runs several
times per page (median). Every row shows the figure, its budget and pass/fail; the
exit status is 1 when a budget fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import mimetypes
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# The flow pages, Chromium and its flags, and the local server: one definition, shared
# with the tests (tests/support.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from guide.core import rendered
from support import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    COMPRESSIBLE,
    FLOW_PAGES,
    GZIP_LEVEL,
    ROOT,
    page_url_path,
    serve_folder,
)

PYTHON = ROOT / ".venv" / "bin" / "python"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
BENCHMARKS_MD = ROOT / "BENCHMARKS.md"
LIGHTHOUSE_CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_FLAGS])

# Budgets (issue 5).
BUILD_RATIO_MAX = 1.20           # the project's hooks add at most 20 % to a plain build
FLOW_SIZES = (100, 1_000, 10_000)
FLOW_10K_MAX_S = 2.0             # load + validate + render 10,000 nodes
FLOW_GROWTH_MAX = 2.0            # "about linear": time per node at 10,000 <= 2x that at 1,000
FLOW_BYTES_GROWTH_MAX = 1.2      # the flow page's bytes per node at 10,000 within 20 % of those at 1,000
# Everything a page loads, in bytes sent over the wire (gzip, as the Lighthouse server
# and any static host send them): "page weight" as Lighthouse and the HTTP Archive count
# it. Raw sizes are shown too; Material's own JS, CSS and search index alone come to
# about 410 KB raw.
PAGE_MAX_BYTES = 400 * 1024
# A flow page with everything it loads (issue 10: a richer tree must not make it heavy; it was
# 121 KB before the 2026 trees). The French page gets its own, higher figure: its text runs
# about 20 % longer and it loads lunr's French stemmer (4 KB); issue 12 set no weight budget.
FLOW_PAGE_MAX_BYTES = {"en": 150 * 1024, "fr": 175 * 1024}
FLOW_ASSETS_MAX_GZ = 8 * 1024    # the flow's own JS + CSS, gzipped
PDF_MAX_S = 30.0
# The French edition too: its home and its hiring flow (fr/index.html, fr/decide/hiring.html).
LIGHTHOUSE_PAGES = ("index.md", "comparison.md", *FLOW_PAGES, "index.fr.md", "decide/hiring.fr.md")
LIGHTHOUSE_MIN = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    measure: str
    figure: str
    budget: str
    ok: bool | None  # None: informative, no budget of its own


def kib(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


def sent_size(path: Path) -> int:
    """Bytes a gzip-enabled host sends for a file: text types compressed, others as they are."""
    data = path.read_bytes()
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)) if COMPRESSIBLE.match(kind) else len(data)


# ── Builds ───────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class BuildTime:
    """How long one `mkdocs build` took: wall clock (what a person waits), CPU time of
    the process (user + system; barely moved by other work on a shared machine), and
    MkDocs' own figure for the build step (no interpreter start-up or config load)."""

    wall: float
    cpu: float
    inner: float


def mkdocs_build(site: Path, config: Path = ROOT / "mkdocs.yml", env: dict[str, str] | None = None) -> BuildTime:
    """Build the site into `site`; return how long it took. Raises on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    # Python's bytecode cache on, as in any ordinary set-up: a machine that sets
    # PYTHONDONTWRITEBYTECODE would otherwise compile the hooks' own modules on every build
    # (about 50 ms), while Material's were compiled once, when pip installed them.
    ordinary = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run(
        [str(PYTHON), "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True,
        env={**ordinary, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )
    elapsed = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build with {config.name} failed:\n{result.stderr}")
    reported = re.search(r"Documentation built in ([\d.]+) seconds", result.stderr)
    if not reported:
        raise SystemExit(f"mkdocs build with {config.name} did not say how long it took:\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return BuildTime(wall=elapsed, cpu=cpu, inner=float(reported.group(1)))


RENDER_CACHE = ROOT / rendered.FOLDER  # mkdocs.yml's cache_dir for the flows and kits
GLOSSARY = "includes/glossary.md"  # the English glossary (the French pages get it too: same cost)


def plain_config(folder: Path) -> Path:
    """A config for the same Markdown built by plain Material: the project's mkdocs.yml
    inherited, with no hooks, no theme overrides (the overrides read data the hooks
    provide, so they go together) and none of the site's own Markdown extensions;
    everything else (plugins, the standard extensions, CSS) stays. The glossary's terms
    are explained the way plain Material does it, its file appended to every page by
    `pymdownx.snippets` for `abbr`, so both sides explain the same terms.

    The i18n plugin stays too, so the plain build also builds both languages from the
    same twin pages (twice the pages of the English site alone): the ratio compares like
    with like, and measures what the hooks cost per page, not what the French edition
    adds (which both sides pay)."""
    empty = folder / "no-overrides"
    empty.mkdir()
    config = folder / "plain-material.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        "hooks: []\n"
        "watch: []\n"
        f"theme:\n  custom_dir: {empty}\n"
        + standard_extensions()
        # The glossary the plain way: its definitions appended to every page, for `abbr`.
        + f"  - pymdownx.snippets:\n      base_path: [{ROOT}]\n      auto_append: [{GLOSSARY}]\n",
        encoding="utf-8",
    )
    return config


def standard_extensions() -> str:
    """mkdocs.yml's `markdown_extensions:` section without the site's own (`guide.*`: the
    flows, kits and glossary), which are the project's code and so on the measured side.
    Copied as text: a child config's list replaces its parent's, and the section holds
    YAML tags that only MkDocs' loader reads."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("markdown_extensions:")
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "#"))), len(lines))
    kept: list[str] = []
    dropped = 0
    skip_deeper_than: int | None = None  # inside a guide.* item: its options go with it
    for line in lines[start:end]:
        indent = len(line) - len(line.lstrip())
        if skip_deeper_than is not None and (not line.strip() or indent > skip_deeper_than):
            continue
        skip_deeper_than = None
        if line.lstrip().startswith("- guide."):
            skip_deeper_than, dropped = indent, dropped + 1
        elif not line.lstrip().startswith("#"):
            kept.append(line)
    if not dropped:
        raise SystemExit("mkdocs.yml lists no guide.* extension: update standard_extensions() in scripts/bench.py")
    return "\n".join(kept) + "\n"


def bench_builds(work: Path, runs: int) -> tuple[list[Row], Path]:
    """Time the site and the plain build alternately; return the rows and a built site."""
    plain = plain_config(work)
    site, baseline = work / "site", work / "plain-site"
    if RENDER_CACHE.relative_to(ROOT).as_posix() not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8"):
        raise SystemExit(f"mkdocs.yml keeps rendered flows elsewhere than {RENDER_CACHE}: update RENDER_CACHE")
    mkdocs_build(site)  # warm the file cache and Python's bytecode cache
    mkdocs_build(baseline, plain)
    ours: list[BuildTime] = []
    theirs: list[BuildTime] = []
    cold: list[BuildTime] = []  # ours with no rendered flow or kit kept: a first build, as CI's

    def first_build() -> BuildTime:
        shutil.rmtree(RENDER_CACHE, ignore_errors=True)
        return mkdocs_build(site)

    for i in range(runs):  # ABBA order so drift in machine load hits all alike
        kinds = [(ours, lambda: mkdocs_build(site)), (theirs, lambda: mkdocs_build(baseline, plain)), (cold, first_build)]
        for times, build in (kinds if i % 2 == 0 else kinds[::-1]):
            times.append(build())
    mkdocs_build(site)  # leave the cache warm

    def medians(times: list[BuildTime]) -> BuildTime:
        return BuildTime(*(statistics.median(getattr(t, f) for t in times) for f in ("wall", "cpu", "inner")))

    mine, plain_material, first = medians(ours), medians(theirs), medians(cold)

    def ratio(field: str) -> float:
        return getattr(mine, field) / getattr(plain_material, field)

    def describe(t: BuildTime) -> str:
        return f"CPU {t.cpu:.2f} s, wall {t.wall:.2f} s, MkDocs' own figure {t.inner:.2f} s (medians of {runs})"

    def as_ratio(r: float) -> str:
        return f"{r:.2f}x ({(r - 1) * 100:+.0f} %)"

    rows = [
        Row("Build: this site, `mkdocs build` (hooks + overrides)", describe(mine), "", None),
        Row("Build: same Markdown, plain Material (no hooks, no overrides; the same i18n plugin and pages)",
            describe(plain_material), "", None),
        Row("Build: cost of the hooks, CPU time of the whole command (ratio of medians)",
            as_ratio(ratio("cpu")), f"<= {BUILD_RATIO_MAX:.2f}x", ratio("cpu") <= BUILD_RATIO_MAX),
        Row("Build: the same ratio in wall-clock time (noisier on a shared machine)", as_ratio(ratio("wall")),
            "", None),
        Row("Build: the same ratio for MkDocs' build step only (start-up and config load left out)",
            as_ratio(ratio("inner")), "", None),
        Row("Build: a first build, no rendered flow or kit kept (as on CI): CPU and ratio to plain Material",
            f"{describe(first)}; {as_ratio(first.cpu / plain_material.cpu)}", "", None),
        Row("Caching: rendered flows and kits kept between builds (.cache/guide-rendered), build CPU with / without",
            f"{mine.cpu:.2f} s / {first.cpu:.2f} s: saves {(1 - mine.cpu / first.cpu) * 100:.0f} %", "", None),
    ]
    return rows, site


# ── Caching ──────────────────────────────────────────────────────────────────

def bench_caching(repeats: int) -> list[Row]:
    """What each kept cache saves, measured by turning it off: the collector paused while a
    flow is read or rendered (the 10,000-node tree, best of `repeats`)."""
    from bench_flow_engine import best  # scripts/ is on sys.path: this file sits there
    from guide.core.memory import KEEP_COLLECTING

    paused = best(FLOW_SIZES[-1], "tree", repeats).seconds
    os.environ[KEEP_COLLECTING] = "1"
    try:
        collecting = best(FLOW_SIZES[-1], "tree", repeats).seconds
    finally:
        del os.environ[KEEP_COLLECTING]
    return [
        Row(f"Caching: collector paused while a flow is read or rendered, {FLOW_SIZES[-1]:,}-node tree with / "
            f"without (best of {repeats})",
            f"{paused * 1000:,.0f} ms / {collecting * 1000:,.0f} ms: saves {(1 - paused / collecting) * 100:.0f} %",
            "", None),
    ]


# ── Decision-tree engine ─────────────────────────────────────────────────────

def bench_flow_engine(repeats: int) -> list[Row]:
    """load + validate + render generated graphs of three shapes, via scripts/bench_flow_engine."""
    from bench_flow_engine import GENERATORS, best, measure  # scripts/ is on sys.path: this file sits there

    measure(FLOW_SIZES[0])  # warm up imports and template compilation
    rows = []
    for shape in GENERATORS:
        # Best of `repeats`: the run least disturbed by other work on the machine (as
        # bench_flow_engine.py itself reports); one process, so CPU time is no steadier.
        runs = {n: best(n, shape, repeats) for n in FLOW_SIZES}
        per_node = {n: runs[n].seconds / n for n in FLOW_SIZES}
        for n in FLOW_SIZES:
            m = runs[n]
            budget, ok = ("", None)
            if n == FLOW_SIZES[-1]:
                budget, ok = f"< {FLOW_10K_MAX_S:.0f} s", m.seconds < FLOW_10K_MAX_S
            rows.append(Row(f"Flow engine, {shape}: {n:,} nodes, {m.answers:,} answers, load + validate + render "
                            f"(best of {repeats})",
                            f"{m.seconds * 1000:,.0f} ms ({per_node[n] * 1e6:,.0f} µs per node); page "
                            f"{m.html_bytes / n:,.0f} B per node, {m.html_bytes / m.answers:,.0f} B per answer",
                            budget, ok))
        growth = per_node[FLOW_SIZES[-1]] / per_node[FLOW_SIZES[-2]]
        rows.append(Row(f"Flow engine, {shape}: time per node, {FLOW_SIZES[-1]:,} vs {FLOW_SIZES[-2]:,} nodes",
                        f"{growth:.2f}x", f"<= {FLOW_GROWTH_MAX:.1f}x (about linear)", growth <= FLOW_GROWTH_MAX))
        bytes_growth = (runs[FLOW_SIZES[-1]].html_bytes / FLOW_SIZES[-1]) / (runs[FLOW_SIZES[-2]].html_bytes / FLOW_SIZES[-2])
        rows.append(Row(f"Flow engine, {shape}: page bytes per node, {FLOW_SIZES[-1]:,} vs {FLOW_SIZES[-2]:,} nodes",
                        f"{bytes_growth:.2f}x", f"<= {FLOW_BYTES_GROWTH_MAX:.1f}x (linear)",
                        bytes_growth <= FLOW_BYTES_GROWTH_MAX))
    return rows


# ── Page weight ──────────────────────────────────────────────────────────────

class _References(HTMLParser):
    """Files an HTML page makes the browser fetch: stylesheets, scripts, icons, images, media."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.inline_css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = set(a.get("rel", "").lower().split())
        if tag == "link" and rel & {"stylesheet", "icon", "preload", "modulepreload", "manifest",
                                    "apple-touch-icon"}:
            self.urls.append(a.get("href", ""))
        elif tag in ("script", "img", "iframe", "embed", "audio", "video", "source", "track", "input"):
            self.urls.append(a.get("src", ""))
        elif tag == "object":
            self.urls.append(a.get("data", ""))
        if tag == "video":
            self.urls.append(a.get("poster", ""))
        for candidate in a.get("srcset", "").split(","):
            self.urls.append(candidate.strip().split(" ")[0])
        if "style" in a:
            self.inline_css.append(a["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.inline_css.append(data)


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def local_file(site: Path, base: str, ref: str) -> Path | None:
    """The built file a reference points to, or None for data:, other hosts and fragments."""
    ref = ref.strip()
    if not ref or ref.startswith(("data:", "#", "javascript:", "about:", "blob:")):
        return None
    url = urlsplit(urljoin(base, ref))
    if url.scheme != "file":
        return None
    path = Path(unquote(url.path))
    return path if path.is_file() and site in path.parents else None


def css_references(site: Path, css: Path, seen: set[Path]) -> None:
    """Add the files a stylesheet pulls in (url(), @import), recursively, to seen."""
    for match in CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
        target = local_file(site, css.as_uri(), match.group(1) or match.group(2))
        if target and target not in seen:
            seen.add(target)
            if target.suffix == ".css":
                css_references(site, target, seen)


def static_page_files(site: Path, page: Path) -> set[Path]:
    """The page and every file its HTML and CSS reference."""
    parser = _References()
    parser.feed(page.read_text(encoding="utf-8"))
    files = {page}
    for ref in parser.urls:
        target = local_file(site, page.as_uri(), ref)
        if target:
            files.add(target)
    for css in parser.inline_css:
        for match in CSS_URL.finditer(css):
            target = local_file(site, page.as_uri(), match.group(1) or match.group(2))
            if target:
                files.add(target)
    for css in [f for f in files if f.suffix == ".css"]:
        css_references(site, css, files)
    return files


SEARCH_INDEX = "search_index.json"  # every page's search worker loads it (its language's index)
SEARCH_INDEX_WAIT_MS = 30_000


def loaded_files(site: Path, base_url: str, pages: list[Path]) -> dict[Path, set[Path]]:
    """What Chromium actually fetches for each page (scripts load more: the search
    worker and index), mapped back to built files."""
    from playwright.sync_api import sync_playwright

    result: dict[Path, set[Path]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for page_file in pages:
            context = browser.new_context()
            tab = context.new_page()
            urls: list[str] = []
            tab.on("requestfinished", lambda request, urls=urls: urls.append(request.url))
            tab.goto(base_url + page_file.relative_to(site).as_posix(), wait_until="networkidle")
            # Material's search worker fetches the index after the page is idle; on a loaded
            # machine that can be seconds later, and a page weighed without it passed falsely.
            waited = 0
            while not any(url.endswith(SEARCH_INDEX) for url in urls):
                if waited >= SEARCH_INDEX_WAIT_MS:
                    raise SystemExit(f"{page_file}: no request for {SEARCH_INDEX} within {SEARCH_INDEX_WAIT_MS} ms: "
                                     "the page is not weighed whole")
                tab.wait_for_timeout(100)
                waited += 100
            tab.wait_for_load_state("networkidle")
            files = set()
            for url in urls:
                if url.startswith(base_url):
                    path = site / unquote(urlsplit(url).path).lstrip("/")
                    if path.is_file():
                        files.add(path)
            result[page_file] = files
            context.close()
        browser.close()
    return result


def bench_page_weight(site: Path, base_url: str) -> list[Row]:
    """Bytes per page, raw and gzipped, everything it loads counted; the flow's assets."""
    pages = sorted(site.rglob("*.html"))
    observed = loaded_files(site, base_url, pages)
    sizes = {f: (f.stat().st_size, sent_size(f)) for f in site.rglob("*") if f.is_file()}
    rows: list[Row] = []
    page_files: dict[str, set[Path]] = {}
    for page in pages:
        files = static_page_files(site, page) | observed[page]
        name = page.relative_to(site).as_posix()
        page_files[name] = files
        raw, packed = sum(sizes[f][0] for f in files), sum(sizes[f][1] for f in files)
        budget = PAGE_MAX_BYTES
        if name.removeprefix("fr/") in {page_url_path(s) for s in FLOW_PAGES if ".fr." not in s}:
            budget = FLOW_PAGE_MAX_BYTES["fr" if name.startswith("fr/") else "en"]
        rows.append(Row(f"Page weight: {name} ({len(files)} files)", f"{kib(packed)} gzipped ({kib(raw)} raw)",
                        f"<= {kib(budget)} gzipped", packed <= budget))
    # The flow's own assets: what the flow pages load and the home page does not.
    flow_only = set.union(*(page_files[page_url_path(s)] for s in FLOW_PAGES)) - page_files["index.html"]
    flow_assets = sorted(f for f in flow_only if f.suffix in (".js", ".css"))
    if not flow_assets:
        raise SystemExit("found no JS or CSS that only the flow pages load: where are the flow's assets?")
    packed = sum(sizes[f][1] for f in flow_assets)
    names = ", ".join(f.name for f in flow_assets)
    rows.append(Row(f"Flow assets gzipped ({names})", f"{kib(packed)} ({kib(sum(sizes[f][0] for f in flow_assets))} raw)",
                    f"<= {kib(FLOW_ASSETS_MAX_GZ)}", packed <= FLOW_ASSETS_MAX_GZ))
    return rows


# ── Check a job ad ───────────────────────────────────────────────────────────

JOBAD_PAGE = "hiring/check-job-ad.md"
JOBAD_SCRIPTS = ("jobad.js", "markdown-text.js")
JOBAD_MAX_GZ = 25 * 1024  # the checker's JS plus the rules its page carries, gzipped
JOBAD_MAX_MS = 50  # one check of a 2,000-word ad in Chromium
JOBAD_RULES = re.compile(r"<script type=\"application/json\" data-jobad-rules>(.*?)</script>", re.S)


def bench_job_ads(site: Path, base_url: str) -> list[Row]:
    """The job-ad checker: its code and rules gzipped, per language; the median time of 15
    checks of a 2,000-word ad in Chromium; how it reads the example ads and the rules' own
    examples (through the page's jobad.js under Node: tests/job_ad_reader.py)."""
    from playwright.sync_api import sync_playwright

    from job_ad_reader import ADS, HELD_OUT, long_ad, median_check_ms, read_examples, rules_of, run_reader

    rows: list[Row] = []
    scripts = sum(sent_size(site / "assets" / "javascripts" / name) for name in JOBAD_SCRIPTS)
    for prefix in ("", "fr/"):
        page_file = site / (prefix + page_url_path(JOBAD_PAGE))
        found = JOBAD_RULES.search(page_file.read_text(encoding="utf-8"))
        if not found:
            raise SystemExit(f"{page_file}: no <script data-jobad-rules>: update JOBAD_RULES in scripts/bench.py")
        rules = len(gzip.compress(found.group(1).encode("utf-8"), GZIP_LEVEL))
        rows.append(Row(f"Check a job ad: {' + '.join(JOBAD_SCRIPTS)} + the rules of {prefix}{page_file.name}, gzipped",
                        f"{kib(scripts + rules)} (rules {kib(rules)})", f"<= {kib(JOBAD_MAX_GZ)}",
                        scripts + rules <= JOBAD_MAX_GZ))
    body, _times = long_ad()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        tab = browser.new_page()
        tab.goto(base_url + page_url_path(JOBAD_PAGE), wait_until="load")
        tab.wait_for_selector("[data-jobad-ready]", state="attached")
        ms = median_check_ms(tab, body)
        browser.close()
    rows.append(Row(f"Check a job ad: one check of a {len(body.split()):,}-word ad in Chromium, reading and "
                    "showing the results (median of 15)", f"{ms:.1f} ms", f"< {JOBAD_MAX_MS} ms", ms < JOBAD_MAX_MS))
    for folder, which in ((ADS, "the example ads of tests/data/job-ads/"),
                          (HELD_OUT, "the held-out ads of tests/data/job-ads/held-out/ (written without the rules)")):
        expected, results = read_examples(folder)
        for measure, got in [("role", lambda r: r["verdict"]["role"]), ("title", lambda r: r["title_match"]["match"]),
                             ("unicorn", lambda r: "yes" if r["verdict"]["unicorn"] else "no")]:
            per_class: dict[str, list[bool]] = {}
            for n, r in zip(sorted(expected), results):
                per_class.setdefault(str(expected[n][measure]), []).append(got(r) == expected[n][measure])
            right = sum(sum(v) for v in per_class.values())
            classes = ", ".join(f"{c} {sum(v)}/{len(v)}" for c, v in sorted(per_class.items()))
            rows.append(Row(f"Check a job ad: {which}, {measure} as expected (per expected value)",
                            f"{right}/{len(expected)} ({classes})", "", None))
    for language in (None, "fr"):
        rules_set = rules_of(language)
        heading = "Responsibilities" if language is None else "Responsabilités"
        cases = [(role.id, example) for role in rules_set.roles for example in role.examples]
        read = run_reader([{"language": language or "en", "title": "x", "text": f"{heading}\n- {example}"}
                           for _role, example in cases])
        per_role: dict[str, list[bool]] = {}
        for (role, _example), r in zip(cases, read):
            per_role.setdefault(role, []).append(bool(r["duties"]) and r["duties"][0]["label"] == role)
        rows.append(Row(f"Check a job ad: the rules' own role examples read right ({language or 'en'})",
                        ", ".join(f"{role} {sum(v)}/{len(v)}" for role, v in per_role.items()), "", None))
    return rows


# ── PDF ──────────────────────────────────────────────────────────────────────

def bench_pdf(work: Path) -> list[Row]:
    """Time a PDF export build (PDF_EXPORT=1: the whole build plus the PDF)."""
    site = work / "pdf-site"
    seconds = mkdocs_build(site, env={"PDF_EXPORT": "1"}).wall
    pdfs = sorted(site.rglob("*.pdf"))
    if not pdfs:
        raise SystemExit("PDF_EXPORT=1 build wrote no PDF into the site folder")
    written = ", ".join(f"{pdf.relative_to(site)} {kib(pdf.stat().st_size)}" for pdf in pdfs)
    return [Row(f"PDF export: build with PDF_EXPORT=1, one PDF per language ({written})",
                f"{seconds:.1f} s", f"< {PDF_MAX_S:.0f} s", seconds < PDF_MAX_S)]


# ── Lighthouse (pages served with gzip by support.serve_folder) ─────────────────

def lighthouse(url: str, work: Path, run: int) -> dict:
    """One Lighthouse run (mobile preset, the default) of url; return its JSON report."""
    out = work / f"lighthouse-{run}.json"
    profile = Path(tempfile.mkdtemp(prefix="lh-profile-", dir=work))
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
         "--only-categories=performance,accessibility,best-practices,seo",
         f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS} --user-data-dir={profile}"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300,
    )
    if result.returncode != 0 or not out.is_file():
        raise SystemExit(f"Lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def lost_points(report: dict) -> list[str]:
    """Audits that cost points in a category, with what Lighthouse says about them."""
    findings = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                detail = audit.get("displayValue") or ""
                findings.append(f"{category['id']}: {ref['id']} (score {audit['score']:.2f}"
                                f"{', ' + detail if detail else ''})")
    return findings


def bench_lighthouse(base_url: str, work: Path, runs: int) -> tuple[list[Row], list[str]]:
    """Median Lighthouse scores per page and category over `runs` runs."""
    rows: list[Row] = []
    notes: list[str] = []
    count = 0
    for source in LIGHTHOUSE_PAGES:
        reports = []
        for _ in range(runs):
            count += 1
            reports.append(lighthouse(base_url + page_url_path(source), work, count))
        scores = {c: statistics.median(r["categories"][c]["score"] for r in reports) for c in LIGHTHOUSE_MIN}
        metrics = reports[0]["audits"]
        fcp = statistics.median(r["audits"]["first-contentful-paint"]["numericValue"] for r in reports)
        lcp = statistics.median(r["audits"]["largest-contentful-paint"]["numericValue"] for r in reports)
        tbt = statistics.median(r["audits"]["total-blocking-time"]["numericValue"] for r in reports)
        weight = metrics["total-byte-weight"]["numericValue"]
        figure = " / ".join(f"{scores[c]:.2f}" for c in LIGHTHOUSE_MIN)
        budget = " / ".join(f">= {LIGHTHOUSE_MIN[c]:.2f}" for c in LIGHTHOUSE_MIN)
        ok = all(scores[c] >= LIGHTHOUSE_MIN[c] for c in LIGHTHOUSE_MIN)
        rows.append(Row(f"Lighthouse {page_url_path(source)}: perf / a11y / best pr. / SEO "
                        f"(FCP {fcp / 1000:.1f} s, LCP {lcp / 1000:.1f} s, TBT {tbt:.0f} ms, "
                        f"{kib(weight)} transferred)", figure, budget, ok))
        # What cost points in the run with the median performance score.
        median_run = sorted(reports, key=lambda r: r["categories"]["performance"]["score"])[len(reports) // 2]
        notes += [f"{page_url_path(source)}: {f}" for f in lost_points(median_run)]
    return rows, notes


# ── Tests, by layer ──────────────────────────────────────────────────────────

TEST_LAYERS = ("unit", "build", "browser", "pdf")  # the markers in pytest.ini
UNIT_LAYER_MAX_S = 60.0          # the unit layer alone: the fast loop for a change to the engine (issue 17)
TEST_SUITE_MAX_S = 8 * 60.0      # every layer, on a quiet 2-core machine (issue 17)


def run_tests(work: Path, name: str, *args: str) -> tuple[float, float, int, str, dict[str, dict[str, float]]]:
    """Run pytest -q with args, as scripts/test.sh does. Returns its wall-clock seconds, the CPU
    seconds of pytest and all it started (builds, Chromium), its exit status, its last line
    ("880 passed in 401.2s"), and each layer's tests and seconds (tests/conftest.py adds up
    every test's setup, call and teardown)."""
    layers = work / f"layers-{name}.json"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    result = subprocess.run(
        [str(PYTHON), "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=ROOT, capture_output=True,
        text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GUIDE_LAYER_TIMES": str(layers)},
    )
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = [line.strip("= ") for line in result.stdout.splitlines() if line.strip()]
    last = lines[-1] if lines else result.stderr.strip()[-200:]
    times = json.loads(layers.read_text(encoding="utf-8")) if layers.exists() else {}
    return wall, cpu, result.returncode, last, times


def bench_tests(work: Path) -> list[Row]:
    """The test suite's time, layer by layer: the unit layer run alone (what someone changing
    the engine waits for), then the whole suite once (what scripts/test.sh and CI run), with
    each layer's share of it. A session build counts in the layer of its first test."""
    rows = []
    wall, cpu, status, last, _ = run_tests(work, "unit", "-m", "unit")
    rows.append(Row("Tests: the unit layer alone (-m unit)", f"{wall:.0f} s wall, {cpu:.0f} s CPU ({last})",
                    f"<= {UNIT_LAYER_MAX_S:.0f} s", status == 0 and wall <= UNIT_LAYER_MAX_S))
    wall, cpu, status, last, times = run_tests(work, "all")
    for layer in TEST_LAYERS:
        share = times.get(layer)
        rows.append(Row(f"Tests: the {layer} layer in the whole suite",
                        f"{share['seconds']:.0f} s ({share['tests']:.0f} tests)" if share else "did not run", "", None))
    rows.append(Row("Tests: the whole suite (the pytest run of scripts/test.sh)", f"{wall:.0f} s wall, {cpu:.0f} s CPU ({last})",
                    f"<= {TEST_SUITE_MAX_S:.0f} s", status == 0 and wall <= TEST_SUITE_MAX_S))
    return rows


# ── Machine and output ───────────────────────────────────────────────────────

def command_version(*cmd: str) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout
    except OSError:
        return "missing"
    lines = [line for line in out.splitlines() if line.strip() and not line.startswith("/usr/bin/chromium:")]
    return lines[-1].strip() if lines else "unknown"


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8") if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8") if Path("/proc/meminfo").exists() else ""
    mem = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
    return {
        "Date (UTC)": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
        "CPUs (nproc)": str(os.cpu_count()),
        "CPU model": model.group(1).strip() if model else platform.processor() or "unknown",
        "Memory": f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "unknown",
        "Load average at start (1/5/15 min)": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
        "Python": platform.python_version(),
        "Node": command_version("node", "--version"),
        "Chromium": command_version(CHROMIUM, "--version"),
        "Lighthouse": command_version(str(LIGHTHOUSE), "--version"),
    }


def table(rows: list[Row]) -> str:
    """The figures as one Markdown table."""
    lines = ["| Measure | Figure | Budget | Result |", "| --- | --- | --- | --- |"]
    for row in rows:
        result = "-" if row.ok is None else ("pass" if row.ok else "**FAIL**")
        lines.append(f"| {row.measure} | {row.figure} | {row.budget or '-'} | {result} |")
    return "\n".join(lines)


def markdown(rows: list[Row], notes: list[str], info: dict[str, str], args: argparse.Namespace) -> str:
    """BENCHMARKS.md: machine, figures, what cost Lighthouse points."""
    failed = [r for r in rows if r.ok is False]
    parts = [
        "# Benchmarks",
        "",
        "Written by `scripts/bench.sh --write` (see README, \"Benchmarks\"). Figures depend on the",
        "machine and its load: compare ratios within one run, not across machines.",
        f"Runs: {args.builds} interleaved builds of each kind (medians), {args.flow_repeats} flow-engine runs per",
        f"size (best), {args.lighthouse_runs} Lighthouse runs per page (medians). Page weight counts the page and every",
        "file it references or Chromium fetched for it (CSS, JS, images, fonts, search index), raw and",
        f"as a gzip-enabled host sends it (text types gzip level {GZIP_LEVEL}, images as they are). The",
        "400 KB budget applies to those sent bytes, what a reader downloads: Material's own JS, CSS",
        "and search index alone come to about 410 KB before compression, so every page is over",
        "400 KB raw. The build cost is CPU time (user + system) of `mkdocs build`, which other work",
        "on a shared machine moves far less than wall-clock time (shown too). Lighthouse pages are",
        "served gzip-encoded from 127.0.0.1 by the script's own small server. The tests run as",
        "`scripts/test.sh` runs them: the unit layer alone, then the whole suite once, with each",
        "layer's share of it (a session build counts in the layer of the first test that uses it).",
        "The job-ad checker's example ads and rule examples were written with its rules, so a full",
        "score says the rules do what they were written to do, not how they fare on real ads. The",
        "held-out ads (tests/data/job-ads/held-out/) were written by someone who had not seen the",
        "rules, and no rule is tuned to them: they are the honest measure, on 14 ads, so a small one.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *[f"| {k} | {v} |" for k, v in info.items()],
        "",
        "## Figures",
        "",
        table(rows),
        "",
        f"Budgets failed: {len(failed)}" + (": " + "; ".join(r.measure for r in failed) if failed else "."),
    ]
    if notes:
        parts += ["", "## Lighthouse audits that cost points (run with the median performance score)", "",
                  *[f"- {n}" for n in notes]]
    return "\n".join(parts) + "\n"


PARTS = ("builds", "caching", "flow", "weight", "jobad", "pdf", "lighthouse", "tests")


def main(argv: list[str]) -> int:
    """Run the benchmarks, print the table, optionally write BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the figures to BENCHMARKS.md")
    parser.add_argument("--builds", type=int, default=15, help="timed builds of each kind (default 15)")
    parser.add_argument("--flow-repeats", type=int, default=5, help="runs per tree size, best kept (default 5)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="runs per page (default 3)")
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts to run (default all: {','.join(PARTS)})")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    if parts - set(PARTS):
        parser.error(f"unknown part(s) {', '.join(sorted(parts - set(PARTS)))}; choose from {', '.join(PARTS)}")
    if args.write and parts != set(PARTS):
        parser.error("--write needs every part (leave out --only)")
    info = machine()
    rows: list[Row] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-", dir=os.environ.get("TMPDIR")) as temp:
        work = Path(temp)
        if "builds" in parts:
            print("Timing builds ...", file=sys.stderr)
            build_rows, site = bench_builds(work, args.builds)
            rows += build_rows
        else:
            site = work / "site"
            mkdocs_build(site)
        if "caching" in parts:
            print("Measuring what the caches save ...", file=sys.stderr)
            rows += bench_caching(args.flow_repeats)
        if "flow" in parts:
            print("Timing the flow engine ...", file=sys.stderr)
            rows += bench_flow_engine(args.flow_repeats)
        with serve_folder(site, compress=True) as base_url:
            if "weight" in parts:
                print("Weighing pages ...", file=sys.stderr)
                rows += bench_page_weight(site, base_url)
            if "jobad" in parts:
                print("Measuring the job-ad checker ...", file=sys.stderr)
                rows += bench_job_ads(site, base_url)
            if "pdf" in parts:
                print("Exporting the PDF ...", file=sys.stderr)
                rows += bench_pdf(work)
            if "lighthouse" in parts:
                print("Running Lighthouse ...", file=sys.stderr)
                lh_rows, notes = bench_lighthouse(base_url, work, args.lighthouse_runs)
                rows += lh_rows
        if "tests" in parts:
            print("Timing the tests, layer by layer ...", file=sys.stderr)
            rows += bench_tests(work)
    print(table(rows))
    failed = [r for r in rows if r.ok is False]
    print(f"\nBudgets failed: {len(failed)}" + "".join(f"\n  {r.measure}" for r in failed))
    for note in notes:
        print(f"  Lighthouse lost points: {note}")
    if args.write:
        BENCHMARKS_MD.write_text(markdown(rows, notes, info, args), encoding="utf-8")
        print(f"Wrote {BENCHMARKS_MD.relative_to(ROOT)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
