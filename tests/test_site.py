"""The site as a whole, in both languages: strict build, every nav page present, no
foreign requests, no console errors, and zero axe-core violations in both palettes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import (
    SiteBuild,
    assert_build_failed_cleanly,
    describe_violations,
    french_nav_pages,
    mkdocs_build,
    mkdocs_config,
    nav_pages,
    page_url_path,
    run_axe,
    watching,
)

NAV = nav_pages()
# Every page in English and in French (the French twins: faq.fr.md, built as fr/faq.html).
NAV_IDS = [source for _, source in NAV] + [source for _, source in french_nav_pages()]
# Every flow and kit on the page has been set up by its script (flow.js, kit.js).
ENHANCED = """() => Array.from(document.querySelectorAll('[data-flow]')).every(el => el.hasAttribute('data-flow-ready'))
    && Array.from(document.querySelectorAll('[data-kit]')).every(el => el.hasAttribute('data-kit-ready'))"""


@pytest.mark.build
def test_strict_build_passes(site_build: SiteBuild) -> None:
    """The session's build of the real site (site_dir): strict, and not one warning."""
    assert site_build.result.returncode == 0, site_build.result.stderr
    assert "WARNING" not in site_build.result.stderr, site_build.result.stderr


@pytest.mark.build
def test_strict_build_fails_on_a_broken_link(tmp_path: Path) -> None:
    """The validation block is live: a link to a missing page stops a strict build."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n[gone](missing.md)\n", encoding="utf-8")
    real = mkdocs_config()
    config = {"site_name": "t", "docs_dir": str(docs), "strict": real["strict"],
              "validation": real["validation"]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    # MkDocs' own message names the page and the link, not a line.
    assert_build_failed_cleanly(mkdocs_build(tmp_path / "site", config=tmp_path / "mkdocs.yml"), "index.md",
                                "missing.md")


@pytest.mark.build
@pytest.mark.parametrize("source", NAV_IDS)
def test_every_nav_page_is_built(site_dir: Path, source: str) -> None:
    html = site_dir / page_url_path(source)
    assert html.is_file(), f"{source} was not built to {html}"
    assert "<h1" in html.read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("source", NAV_IDS)
def test_page_loads_only_from_its_own_host_without_errors_or_axe_violations(page, watch, base_url: str,
                                                                            source: str) -> None:
    """One load of each page: every request it made until the network was idle, what it
    printed, and what axe finds in the light palette."""
    page.emulate_media(color_scheme="light")
    page.goto(base_url + page_url_path(source), wait_until="networkidle")  # its last request too
    page.wait_for_function(ENHANCED)  # a flow or a kit as its script leaves it, for axe too
    assert page.locator("h1").first.is_visible()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    assert watch.foreign_requests(base_url) == []
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)
    assert watch.console_errors == []
    assert watch.page_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("source", NAV_IDS)
def test_page_has_no_axe_violations_in_the_dark_palette(palette_page, base_url: str, source: str) -> None:
    page = palette_page("dark")
    watch = watching(page)
    page.goto(base_url + page_url_path(source), wait_until="load")
    page.wait_for_function(ENHANCED)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)
    assert watch.console_errors == [] and watch.page_errors == []
