"""ProperDocs, the tested fallback stack: PyPI `properdocs`, a maintained fork of MkDocs 1.6.1
that reads this mkdocs.yml and runs the same hooks, plugins and Material theme. The real site
must build with it under --strict into the same files as `mkdocs build --strict`, byte for
byte, apart from the generator <meta> tag each writes:

    <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">
    <meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">

The MkDocs side is the session's strict build (conftest.py's `site_dir`); ProperDocs runs from
the same interpreter (`python -m properdocs`), pinned in requirements-test.txt."""

from __future__ import annotations

import datetime as dt
import difflib
import gzip
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import ROOT

pytestmark = pytest.mark.build

# The one difference allowed: Material's generator tag, which names the tool that built the page.
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="mkdocs-[^"<>\n]*">')
GENERATOR_PLACEHOLDER = b'<meta name="generator" content="(the build tool)">'
LASTMOD = re.compile(rb"<lastmod>(\d{4}-\d{2}-\d{2})</lastmod>")
SHOWN = 5          # differing files described in a failure message
DIFF_LINES = 12    # lines of unified diff per file
WIDTH = 160        # characters per line shown


def sitemap_date(site: Path) -> dict[str, str]:
    """SOURCE_DATE_EPOCH for the day the MkDocs build wrote into its sitemap (<lastmod>, and
    the sitemap.xml.gz header time), so that a session running past midnight UTC compares like
    with like. Empty when the sitemap has no date."""
    sitemap = site / "sitemap.xml"
    dates = LASTMOD.findall(sitemap.read_bytes()) if sitemap.is_file() else []
    if not dates:
        return {}
    day = dt.datetime.strptime(max(dates).decode(), "%Y-%m-%d").replace(tzinfo=dt.UTC)
    return {"SOURCE_DATE_EPOCH": str(int(day.timestamp()))}


class Sites(NamedTuple):
    mkdocs: Path       # the session's `mkdocs build --strict` (conftest.py's site_dir)
    properdocs: Path   # `properdocs build --strict` of the same mkdocs.yml


@pytest.fixture(scope="module")
def sites(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """The real site built by both tools."""
    if importlib.util.find_spec("properdocs") is None:
        pytest.fail(f"ProperDocs is not installed for {sys.executable}: run scripts/setup.sh test "
                    "(requirements-test.txt pins properdocs)", pytrace=False)
    out = tmp_path_factory.mktemp("properdocs-site")
    result = subprocess.run(
        # -f names the file: without it ProperDocs looks for properdocs.yml first and prints a
        # notice that mkdocs.yml should be renamed.
        [sys.executable, "-m", "properdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"),
         "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ,
             "NO_MKDOCS_2_WARNING": "1",            # Material's end-of-life notice
             "DISABLE_MKDOCS_2_WARNING": "true",    # ProperDocs' notice, should a plugin ask for it
             **sitemap_date(site_dir)},
    )
    assert result.returncode == 0, f"properdocs build --strict failed:\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr
    return Sites(site_dir, out)


def files_in(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def comparable(name: str, data: bytes) -> bytes:
    """The bytes compared: a gzip file's content (its header holds a time), and a page with its
    generator tag replaced by a placeholder."""
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    if name.endswith(".html"):
        data = GENERATOR_TAG.sub(GENERATOR_PLACEHOLDER, data)
    return data


def clip(line: str, at: int) -> str:
    """A diff line cut to WIDTH characters around column `at` of its text; its mark (+, -,
    space) kept."""
    if line.startswith(("---", "+++", "@@")):
        return line
    mark, text = line[:1], line[1:]
    start = max(0, min(at - WIDTH // 3, len(text) - WIDTH))
    return mark + ("…" if start else "") + text[start:start + WIDTH] + ("…" if start + WIDTH < len(text) else "")


def short_diff(name: str, mkdocs: bytes, properdocs: bytes) -> str:
    """Where two files (as compared) first differ, and the start of a unified diff of them."""
    first = next((i for i, (a, b) in enumerate(zip(mkdocs, properdocs)) if a != b),
                 min(len(mkdocs), len(properdocs)))
    line_start = mkdocs.rfind(b"\n", 0, first) + 1
    column = len(mkdocs[line_start:first].decode("utf-8", "replace"))
    left, right = (data.decode("utf-8", "replace").splitlines() for data in (mkdocs, properdocs))
    diff = list(difflib.unified_diff(left, right, "mkdocs/" + name, "properdocs/" + name, n=1, lineterm=""))
    more = [f"... {len(diff) - DIFF_LINES} more diff lines"] if len(diff) > DIFF_LINES else []
    what = "its content (gunzipped)" if name.endswith(".gz") else "it"
    line = mkdocs.count(b"\n", 0, first) + 1
    return "\n".join([
        f"{name}: {what} first differs at byte {first} (line {line}); "
        f"{len(mkdocs)} bytes against {len(properdocs)}",
        *("  " + clip(d, column) for d in diff[:DIFF_LINES]), *("  " + m for m in more)])


def test_properdocs_output_is_labelled_properdocs(sites: Sites) -> None:
    """The comparison is between two tools: ProperDocs' pages name it in their generator tag."""
    tag = GENERATOR_TAG.search((sites.properdocs / "index.html").read_bytes())
    assert tag is not None and b"ProperDocs" in tag.group(), (
        f"index.html from `python -m properdocs` has generator tag {tag and tag.group()!r}; "
        f"expected one naming ProperDocs (has the tag's format changed? see GENERATOR_TAG)")


def test_properdocs_writes_the_same_files(sites: Sites) -> None:
    mkdocs, properdocs = files_in(sites.mkdocs), files_in(sites.properdocs)
    if mkdocs != properdocs:
        pytest.fail(f"only from mkdocs: {sorted(mkdocs - properdocs)}\n"
                    f"only from properdocs: {sorted(properdocs - mkdocs)}", pytrace=False)


def test_properdocs_writes_the_same_bytes_but_the_generator_tag(sites: Sites) -> None:
    names = sorted(files_in(sites.mkdocs) & files_in(sites.properdocs))
    differing: list[tuple[str, bytes, bytes]] = []
    for name in names:
        mkdocs, properdocs = ((site / name).read_bytes() for site in sites)
        if mkdocs == properdocs:
            continue
        mkdocs, properdocs = comparable(name, mkdocs), comparable(name, properdocs)
        if mkdocs != properdocs:
            differing.append((name, mkdocs, properdocs))
    if differing:
        pytest.fail(
            f"{len(differing)} of {len(names)} files differ between mkdocs and properdocs beyond the "
            f"generator tag: {[name for name, *_ in differing]}\n\n"
            + "\n\n".join(short_diff(*files) for files in differing[:SHOWN]), pytrace=False)
