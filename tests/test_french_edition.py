"""The French edition in a real build and real Chromium: the language switcher keeps the
page (and a flow's state), French search finds French pages and not their English twins
(served and from disk), `lang` is right on every page and passage, French pages show no
English interface text, and the parity checks stop the build naming the file and the key
when a page, a flow node or field, a nav title or an interface text is missing."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import (
    FLOW_PAGES,
    ROOT,
    Project,
    assert_build_failed_cleanly,
    french_nav_pages,
    nav_pages,
    page_url_path,
    twin,
)
from guide.languages import interface_text

NAV = nav_pages()
FR_NAV = french_nav_pages()
SWITCHER = "a.md-select__link[hreflang='{}']"


def switch_language(page, code: str) -> None:
    """Use Material's language switcher in the header, as a reader does (hover, click)."""
    page.locator(".md-header .md-select").hover()
    with page.expect_navigation():
        page.locator(".md-header " + SWITCHER.format(code)).click()


def built(site_dir: Path, source: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / page_url_path(source)).read_text(encoding="utf-8"), "html.parser")


# ── Built pages ──────────────────────────────────────────────────────────────


@pytest.mark.build
@pytest.mark.parametrize(("code", "pages"), [("en", NAV), ("fr", FR_NAV)], ids=["en", "fr"])
def test_every_page_states_its_language_and_links_to_its_twin(site_dir: Path, code: str, pages: list) -> None:
    for (_, source), (_, english) in zip(pages, NAV):
        page = built(site_dir, source)
        assert page.html["lang"] == code, source
        here = posixpath.dirname(page_url_path(source))
        # Relative links (they work from disk), each to the same page in each language.
        links = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
        assert not any(href.startswith(("/", "http")) for href in links.values()), links
        resolved = {code: posixpath.normpath(posixpath.join(here, href)) for code, href in links.items()}
        assert resolved == {"en": page_url_path(english), "fr": page_url_path(twin(english))}, (source, links)
        assert not page.select('head link[rel="alternate"][hreflang]'), "hreflang lives in the sitemap"


@pytest.mark.build
def test_english_quotations_on_french_pages_are_marked(site_dir: Path) -> None:
    spans = built(site_dir, twin("sources.md")).select('article [lang="en"]')
    assert len(spans) >= 3
    assert any("MLOps Engineer vs ML Engineer" in span.get_text() for span in spans)


@pytest.mark.build
@pytest.mark.parametrize(("title", "source"), FR_NAV, ids=[s for _, s in FR_NAV])
def test_french_pages_print_no_english_interface_text(site_dir: Path, title: str, source: str) -> None:
    """Every interface text a template prints has a French translation on French pages:
    none of the English originals (longer than a word) shows, nor the English site name."""
    html = (site_dir / page_url_path(source)).read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    shown = re.sub(r"\s+", " ", page.get_text(" "))
    catalogue = interface_text.load_catalogue(ROOT / "i18n" / "fr.yml")
    leaks = [english for english, french in catalogue.items()
             if english != french and len(english) > 12 and "%" not in english and english in shown]
    assert leaks == [], leaks
    assert "ML engineer or MLOps engineer?" not in shown
    assert page.select_one(".md-search__input")["placeholder"] == "Rechercher"
    assert page.select_one("a.guide-pdf-link").get_text(strip=True) == "Télécharger le PDF"


@pytest.mark.build
def test_french_flow_pages_show_the_french_flow_with_the_same_structure(site_dir: Path) -> None:
    for source in FLOW_PAGES:
        english, french = built(site_dir, source), built(site_dir, twin(source))
        for flow in english.select("[data-flow]"):
            twin_flow = french.select_one(f'[data-flow="{flow["data-flow"]}"]')
            assert twin_flow is not None
            assert ([(n["data-node"], n["data-kind"]) for n in flow.select("[data-node]")]
                    == [(n["data-node"], n["data-kind"]) for n in twin_flow.select("[data-node]")])
            assert ([a["data-next"] for a in flow.select("a[data-next]")]
                    == [a["data-next"] for a in twin_flow.select("a[data-next]")])
            assert flow["data-title"] != twin_flow["data-title"]
            # Outcome links go to the French pages.
            assert all(".fr" not in a["href"] and not a["href"].startswith("../../")
                       for a in twin_flow.select(".guide-flow__links a"))


@pytest.mark.build
def test_each_language_has_its_own_search_index(site_dir: Path) -> None:
    import json

    english = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    french = json.loads((site_dir / "fr" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"] and french["config"]["lang"] == ["fr"]
    english_pages = {d["location"].split("#")[0] for d in english["docs"]}
    french_pages = {d["location"].split("#")[0] for d in french["docs"]}
    assert english_pages == french_pages == {page_url_path(s) for _, s in NAV}
    assert not any(d["location"].startswith("fr/") for d in english["docs"])
    titles = {d["title"] for d in french["docs"] if "#" not in d["location"]}
    assert "Foire aux questions sur l'ingénierie ML et l'ingénierie MLOps" in titles
    assert (site_dir / "fr" / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")


# ── Chromium: the switcher, the flow's state, search ─────────────────────────


@pytest.mark.browser
@pytest.mark.parametrize("source", [s for _, s in NAV])
def test_the_switcher_keeps_the_page(page, watch, base_url: str, source: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + page_url_path(source))
    switch_language(page, "fr")
    assert page.url == base_url + page_url_path(twin(source))
    assert page.locator("html").get_attribute("lang") == "fr"
    switch_language(page, "en")
    assert page.url == base_url + page_url_path(source)
    assert watch.foreign_requests(base_url) == [] and watch.console_errors == [] and watch.page_errors == []


def walk(page, flow_id: str, answers: list[int]) -> str:
    """Give answers (0-based indexes) in the shown flow; return the node reached."""
    for index in answers:
        current = page.locator(f'[data-flow="{flow_id}"] .guide-flow__node--current')
        option = current.locator("a[data-next]").nth(index)
        target = option.get_attribute("data-next")
        option.click()
        page.wait_for_selector(f'[data-flow="{flow_id}"] [data-node="{target}"].guide-flow__node--current')
    return page.locator(f'[data-flow="{flow_id}"] .guide-flow__node--current').get_attribute("data-node")


@pytest.mark.browser
@pytest.mark.parametrize(("flow_id", "answers"), [("hiring", [0, 2, 1, 3]), ("career", [2, 2])])
def test_the_switcher_carries_the_flows_state_both_ways(page, watch, base_url: str, flow_id: str,
                                                      answers: list[int]) -> None:
    source = f"decide/{flow_id}.md"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + page_url_path(source))
    page.wait_for_selector(f'[data-flow="{flow_id}"][data-flow-ready]', state="attached")
    node = walk(page, flow_id, answers)
    state = page.evaluate("location.hash")
    assert state == f"#{flow_id}/" + ".".join(str(i + 1) for i in answers)

    switch_language(page, "fr")
    assert page.url == base_url + page_url_path(twin(source)) + state
    page.wait_for_selector(f'[data-flow="{flow_id}"] [data-node="{node}"].guide-flow__node--current')
    assert page.locator(f'[data-flow="{flow_id}"] [data-flow-answer-list] li').count() == len(answers)
    progress = page.locator(f'[data-flow="{flow_id}"] [data-flow-progress]').inner_text()
    assert progress.startswith(("Étape ", "Résultat après ")), progress
    assert page.locator(f'[data-flow="{flow_id}"] .guide-flow__change').first.inner_text() == "Modifier"

    # One more answer in French, then back to English: the longer route comes along.
    if page.locator(f'[data-flow="{flow_id}"] .guide-flow__node--current').get_attribute("data-kind") == "question":
        node = walk(page, flow_id, [0])
    state = page.evaluate("location.hash")
    switch_language(page, "en")
    assert page.url == base_url + page_url_path(source) + state
    page.wait_for_selector(f'[data-flow="{flow_id}"] [data-node="{node}"].guide-flow__node--current')
    assert watch.foreign_requests(base_url) == [] and watch.console_errors == [] and watch.page_errors == []


@pytest.mark.browser
def test_a_heading_anchor_is_not_carried(page, base_url: str) -> None:
    """Headings have other anchors in the other language: the switcher drops them."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + page_url_path("comparison.md") + "#key-differences")
    switch_language(page, "fr")
    assert page.url == base_url + page_url_path(twin("comparison.md"))


def search(page, query: str) -> list[str]:
    """Type a query into Material's search; return the result links (absolute URLs)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    page.locator(".md-search-result__item a").first.wait_for(state="visible", timeout=15_000)
    return page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")


@pytest.mark.browser
def test_french_search_finds_french_pages_only(page, watch, base_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + page_url_path(twin("faq.md")))
    hits = search(page, "réentraînement")
    assert hits and all(hit.startswith(base_url + "fr/") for hit in hits), hits
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(base_url + "fr/") and page.locator("html").get_attribute("lang") == "fr"
    # English search, from an English page, stays in English.
    page.goto(base_url + page_url_path("faq.md"))
    hits = search(page, "retraining")
    assert hits and not any("/fr/" in hit for hit in hits), hits
    assert watch.foreign_requests(base_url) == [] and watch.console_errors == [] and watch.page_errors == []


# ── From disk (file://) ──────────────────────────────────────────────────────


@pytest.mark.browser
def test_from_disk_the_french_edition_switches_searches_and_runs_its_flow(page, watch, site_dir: Path) -> None:
    root = site_dir.as_uri() + "/"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(root + page_url_path("decide/hiring.md"))
    page.wait_for_selector('[data-flow="hiring"][data-flow-ready]', state="attached")
    node = walk(page, "hiring", [1, 2])
    switch_language(page, "fr")
    assert page.url == root + page_url_path(twin("decide/hiring.md")) + "#hiring/2.3"
    page.wait_for_selector(f'[data-flow="hiring"] [data-node="{node}"].guide-flow__node--current')
    hits = search(page, "apprentissage")
    assert hits and all(hit.startswith(root + "fr/") for hit in hits), hits
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(root + "fr/")
    local = [u for u in watch.requests if not u.startswith((root, "data:", "blob:", "about:"))]
    assert local == [] and watch.console_errors == [] and watch.page_errors == []


# ── Screenshots to look at (desktop and phone) ───────────────────────────────


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("source", ["index.fr.md", "decide/hiring.fr.md"])
def test_french_pages_lay_out_without_sideways_scrolling(page, base_url: str, source: str, width: int,
                                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + page_url_path(source) + ("#hiring/2.5" if "hiring" in source else ""),
              wait_until="load")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{source} at {width} px scrolls sideways by {overflow} px"
    page.screenshot(path=str(tmp_path_factory.getbasetemp() / f"fr-{Path(source).stem}-{width}.png"), full_page=True)


# ── The parity checks stop the build ─────────────────────────────────────────


@pytest.mark.build
def test_a_page_without_its_french_twin_stops_the_build(project: Project) -> None:
    (project / "docs" / "careers.fr.md").unlink()
    assert_build_failed_cleanly(project.build(), "docs/careers.md",  # no line: the file that is missing
                                "docs/careers.md has no Français twin: add docs/careers.fr.md")


@pytest.mark.build
def test_a_flow_node_or_field_missing_in_french_stops_the_build(project: Project) -> None:
    flow = "docs/decide/flows/fr/career.yml"
    project.edit(flow, '        note: "Vous êtes attiré ou attirée par la construction de pipelines de données fiables."\n',
                 "")
    text = (project / flow).read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1)
                if "label: Construire des pipelines fiables qui déplacent et nettoient les données" in row)
    assert_build_failed_cleanly(project.build(), f"{flow}:{line}", "A translated flow differs from its original",
                                f"{flow}:{line} (node 'enjoy-analyst'): nodes[enjoy-analyst].options[3].note: is "
                                "missing in the translation but there in the original.")


@pytest.mark.build
def test_a_missing_french_flow_stops_the_build(project: Project) -> None:
    (project / "docs" / "decide" / "flows" / "fr" / "hiring.yml").unlink()
    assert_build_failed_cleanly(project.build(), "docs/decide/flows/fr/hiring.yml:1",
                                "docs/decide/flows/fr/hiring.yml:1: the flow 'hiring' (docs/decide/flows/hiring.yml) "
                                "has no translation here.")


@pytest.mark.build
def test_a_missing_interface_text_or_nav_title_stops_the_build(project: Project) -> None:
    project.edit("i18n/fr.yml", '"Download PDF": "Télécharger le PDF"\n', "")
    assert_build_failed_cleanly(project.build(), "overrides/partials/guide-pdf-link.html:8",  # where it is used
                                'i18n/fr.yml: no translation of "Download PDF" (used in '
                                "overrides/partials/guide-pdf-link.html:8)")
    project.restore("i18n/fr.yml")
    project.edit("mkdocs.yml", "            Careers: Carrières\n", "")
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()  # as edited
    block = next(i for i, line in enumerate(lines, 1) if line.strip() == "nav_translations:")
    title = next(i for i, line in enumerate(lines, 1) if line.startswith("  - Careers:"))
    assert_build_failed_cleanly(project.build(), f"mkdocs.yml:{block}",  # where the translation goes
                                f"mkdocs.yml:{block}: plugins.i18n.languages[fr].nav_translations has no 'Careers' "
                                f"(the nav title on mkdocs.yml:{title}).")
