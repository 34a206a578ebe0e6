"""The built site opened straight from disk (file://, no server) in Chromium: the nav,
search (Material's offline plugin with the committed iframe-worker shim) and both flows
work, and nothing is fetched from anywhere but the folder itself. The browser tests run
on a copy of site/ that went through a zip file, as the README suggests sharing it."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import FLOW_PAGES, ROOT, mkdocs_config, nav_pages, page_url_path

NAV = nav_pages()
SHIM = ROOT / "docs" / "assets" / "javascripts" / "iframe-worker-shim.js"
NPM_SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"


@pytest.fixture(scope="session")
def unzipped_site(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """site/ zipped, and the zip unpacked somewhere else: the offline copy a reader gets."""
    work = tmp_path_factory.mktemp("offline-copy")
    archive = Path(shutil.make_archive(str(work / "site"), "zip", root_dir=site_dir))
    target = work / "unzipped"
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(target)
    return target


def file_url(site_dir: Path, source: str) -> str:
    return (site_dir / page_url_path(source)).as_uri()


def local_only(watch, site_dir: Path) -> list[str]:
    """Requests that left the site folder (none should)."""
    root = site_dir.as_uri()
    return [u for u in watch.requests if not u.startswith((root, "data:", "blob:", "about:"))]


@pytest.mark.build
def test_the_committed_shim_is_the_npm_one_and_every_page_loads_it(site_dir: Path) -> None:
    assert SHIM.read_bytes() == NPM_SHIM.read_bytes(), "re-copy node_modules/iframe-worker/shim/index.js"
    config = mkdocs_config()
    assert "offline" in config["plugins"]
    shim = config["extra"]["polyfills"]
    assert shim == ["assets/javascripts/iframe-worker-shim.js"]
    for _, source in NAV:
        html = (site_dir / page_url_path(source)).read_text(encoding="utf-8")
        assert "iframe-worker-shim.js" in html, source
        assert "unpkg.com" not in html, source
    assert (site_dir / "search" / "search_index.js").is_file()


@pytest.mark.browser
def test_every_nav_page_is_reached_by_clicking_through_the_nav(page, watch, unzipped_site: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(file_url(unzipped_site, NAV[0][1]))
    for title, source in NAV[1:]:
        page.locator("nav.md-nav--primary").get_by_role("link", name=title, exact=True).first.click()
        page.wait_for_url(file_url(unzipped_site, source))
        assert page.locator("article h1").first.is_visible(), source
    # And back home through the header's title link.
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_url(file_url(unzipped_site, NAV[0][1]))
    assert local_only(watch, unzipped_site) == []
    assert watch.console_errors == [] and watch.page_errors == []


@pytest.mark.browser
def test_search_finds_a_page_and_opens_it(page, watch, unzipped_site: Path) -> None:
    index = json.loads((unzipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    target = next(doc for doc in index["docs"] if doc["location"] == page_url_path("responsibilities.md"))
    query = re.sub(r"<[^>]+>", "", target["title"])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(file_url(unzipped_site, "faq.md"))
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query)
    hit = page.locator(f'.md-search-result__item a[href*="{page_url_path("responsibilities.md")}"]').first
    hit.wait_for(state="visible", timeout=15_000)
    hit.click()
    page.wait_for_url(re.compile(re.escape(file_url(unzipped_site, "responsibilities.md"))))
    assert page.locator("article h1").first.is_visible()
    assert local_only(watch, unzipped_site) == []
    assert watch.console_errors == [] and watch.page_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("source", FLOW_PAGES)
def test_a_flow_walks_from_its_first_question_to_an_outcome(page, watch, unzipped_site: Path, source: str) -> None:
    page.goto(file_url(unzipped_site, source))
    flow = page.locator("[data-flow]").first
    shown = flow.locator("[data-node]:visible")
    assert shown.count() == 1, "with JS the flow shows one question at a time"
    assert shown.get_attribute("data-node") == flow.get_attribute("data-start")
    steps = 0
    while shown.first.get_attribute("data-kind") != "outcome":
        option = shown.first.locator("a[data-next]").first
        target = option.get_attribute("data-next")
        option.click()
        page.locator(f'[data-node="{target}"]').wait_for(state="visible")
        assert shown.count() == 1
        steps += 1
        assert steps < 50, "the flow does not end"
    assert steps >= 1
    assert page.url.startswith(file_url(unzipped_site, source))
    assert local_only(watch, unzipped_site) == []
    assert watch.console_errors == [] and watch.page_errors == []


@pytest.mark.browser
@pytest.mark.parametrize(("source", "ad"), [("hiring/check-job-ad.md", "mlops-engineer.txt"),
                                            ("hiring/check-job-ad.fr.md", "french-mlops.txt")])
def test_the_job_ad_checker_reads_an_ad_from_disk(page, watch, unzipped_site: Path, source: str, ad: str) -> None:
    page.goto(file_url(unzipped_site, source))
    page.wait_for_selector("[data-jobad-ready]", state="attached")
    page.fill("[data-jobad-input]", (ROOT / "tests" / "data" / "job-ads" / ad).read_text(encoding="utf-8"))
    page.click('[data-jobad-action="check"]')
    result = page.locator("[data-jobad-result]")
    result.wait_for(state="visible")
    assert result.get_attribute("data-jobad-role") == "mlops-engineer"
    assert page.locator("[data-jobad-line]").count() > 0
    assert local_only(watch, unzipped_site) == []
    assert watch.console_errors == [] and watch.page_errors == []
