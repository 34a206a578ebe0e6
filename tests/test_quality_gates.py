"""Quality gates on the built site: valid HTML (Nu Html Checker), no broken internal
links or anchors (linkchecker), and what search engines and link previews read: a
meta description and a telling title on every page, sitemap and canonical URLs,
FAQPage JSON-LD on the FAQ page, Open Graph tags (the flow pages above all). Every page
in both languages: the French twins are built under fr/ and checked the same way."""

from __future__ import annotations

import csv
import json
import re
import shutil
import struct
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import FLOW_PAGES, ROOT, french_nav_pages, mkdocs_config, nav_pages, page_url_path, site_name, twin

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKCHECKER = ROOT / ".venv" / "bin" / "linkchecker"
FAQ_SCHEMA = Path(__file__).parent / "data" / "faq_page.schema.json"
FAQ_PAGES = ["faq.md", twin("faq.md")]
NAV = nav_pages() + french_nav_pages()
NAV_IDS = [source for _, source in NAV]
FLOW_PAGES_BOTH = [*FLOW_PAGES, *(twin(source) for source in FLOW_PAGES)]
# Search engines cut snippets at about 155-160 characters; shorter than 50 says little.
DESCRIPTION_LENGTH = range(50, 161)


def soup(site_dir: Path, source: str) -> BeautifulSoup:
    """The built page of a Markdown source, parsed."""
    return BeautifulSoup((site_dir / page_url_path(source)).read_text(encoding="utf-8"), "html.parser")


def meta(page: BeautifulSoup, key: str) -> list[str]:
    """Contents of the page's <meta name=key> or <meta property=key> tags."""
    return [tag.get("content", "") for tag in page.find_all("meta")
            if key in (tag.get("name"), tag.get("property"))]


def text(element) -> str:
    """An element's text with whitespace collapsed."""
    return re.sub(r"\s+", " ", element.get_text()).strip()


def heading(page: BeautifulSoup) -> str:
    """The page's h1 text, without the permalink sign."""
    h1 = page.find("h1")
    for link in h1.select("a.headerlink"):
        link.decompose()
    return text(h1)


# ── Nu Html Checker ──────────────────────────────────────────────────────────

def vnu_errors(*paths: Path) -> dict[Path, list[str]]:
    """Errors the Nu Html Checker reports for every HTML file under each of paths, in one run
    of the checker (Java starts once)."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only", "--format", "json",
         *map(str, paths)],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert result.returncode == (1 if messages else 0), result.stderr
    found: dict[Path, list[str]] = {path: [] for path in paths}
    for m in messages:
        where = m.get("url", "").removeprefix("file:")
        path = next((p for p in paths if where.startswith(p.resolve().as_uri().removeprefix("file://") + "/")), None)
        assert path is not None, f"an error outside the checked folders: {m}"
        prefix = path.resolve().as_uri().removeprefix("file://")
        found[path].append(f"{where.removeprefix(prefix).lstrip('/')}:{m.get('lastLine', '?')}: {m['message']}")
    return found


@pytest.fixture(scope="module")
def vnu_run(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[str]]:
    """One run of the checker over the built site and a known-bad page: (the site's errors, the
    bad page's)."""
    bad = tmp_path_factory.mktemp("vnu-bad")
    (bad / "bad.html").write_text(
        '<!doctype html><html lang="en"><title>t</title>'
        '<input type="checkbox" autocomplete="off"></html>', encoding="utf-8")
    found = vnu_errors(site_dir, bad)
    return found[site_dir], found[bad]


@pytest.mark.build
def test_vnu_finds_errors_when_there_are_some(vnu_run: tuple[list[str], list[str]]) -> None:
    """The checker runs and its JSON is read: a known-bad page is reported (in the same run as
    the site)."""
    _, errors = vnu_run
    assert len(errors) == 1 and errors[0].startswith("bad.html:1: ") and "autocomplete" in errors[0], errors


@pytest.mark.build
def test_every_built_page_is_valid_html(site_dir: Path, vnu_run: tuple[list[str], list[str]]) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= len(NAV), pages
    errors, _ = vnu_run
    assert errors == [], "\n".join(errors)


# ── linkchecker, and the anchors ─────────────────────────────────────────────

def linkchecker_problems(site: Path) -> list[str]:
    """Broken internal links (pages, stylesheets, scripts, images), from index.html outwards.

    Run as root, linkchecker always drops to `nobody` (it has no option to stay), and
    nobody cannot enter pytest's private temp folders (other pytest sessions reset them
    to 0700 at any time): it checks a world-readable copy of the site in /tmp instead.
    External links are never fetched (no --check-extern). The #fragments are
    anchor_problems' job: linkchecker's AnchorCheck reads the target page again for every
    link to one of its anchors (linkchecker issue #781), 770 parses and 100 s for this site.
    """
    with tempfile.TemporaryDirectory(prefix="guide-linkcheck-", dir="/tmp") as temp:
        return _linkchecker_problems(site, Path(temp))


def _linkchecker_problems(site: Path, readable: Path) -> list[str]:
    """linkchecker_problems, with the copy made in the folder `readable`."""
    shutil.copytree(site, readable / "site")
    for path in [readable, *readable.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    config = readable / "linkcheckerrc"
    config.write_text("[checking]\n", encoding="utf-8")
    config.chmod(0o644)
    result = subprocess.run(
        [str(LINKCHECKER), "--no-status", "--config", str(config), "--output", "csv",
         str(readable / "site" / "index.html")],
        capture_output=True, text=True, timeout=300, cwd=readable,
    )
    assert result.returncode in (0, 1), result.stderr
    rows = csv.DictReader((line for line in result.stdout.splitlines() if not line.startswith("#")),
                          delimiter=";")
    # Without --verbose the CSV lists only links with an error or a warning.
    problems = [f"{row['parentname'].rsplit('/site/', 1)[-1]}:{row['line']}: {row['urlname']}: "
                f"{row['result'] or row['warningstring']}" for row in rows]
    assert problems or result.returncode == 0, result.stdout + result.stderr
    return problems


class _PageAnchors(HTMLParser):
    """What one HTML page offers as anchors (every id, and <a name>) and the links it makes
    (href of a, area and link), with their lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        if tag in ("a", "area", "link") and values.get("href") is not None:
            self.links.append((self.getpos()[0], values["href"]))


def anchor_problems(site: Path) -> list[str]:
    """Every link, on every page of the site, to a #fragment of one of the site's pages (its
    own included) that has no element with that id: 'page:line: href: ...'. Each page is
    read once."""
    pages: dict[Path, _PageAnchors] = {}
    for path in sorted(site.rglob("*.html")):
        parser = _PageAnchors()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.resolve()] = parser
    problems = []
    for path, page in pages.items():
        for line, href in page.links:
            link = urlsplit(href)
            if link.scheme or link.netloc or not link.fragment:
                continue  # another host (never fetched), or no fragment
            target = (path.parent / unquote(link.path)).resolve() if link.path else path
            if target.is_dir():
                target = target / "index.html"
            if target not in pages:
                continue  # not a page of the site: linkchecker reports a missing file
            if unquote(link.fragment) not in pages[target].ids:
                problems.append(f"{path.relative_to(site.resolve())}:{line}: {href}: "
                                f"{target.relative_to(site.resolve())} has no element with id '{unquote(link.fragment)}'")
    return problems


@pytest.mark.build
def test_the_link_and_anchor_checks_report_what_is_broken(tmp_path: Path) -> None:
    """The gate can fail: a missing page (linkchecker), and a missing anchor on another page
    and on the same page (anchor_problems), each reported once; what exists is not."""
    site = tmp_path / "mini"
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><title>t</title><a href="other.html#nowhere">a</a> '
        '<a href="gone.html">b</a> <a href="other.html#here">c</a>\n<a href="#top">d</a> <a href="#missing">e</a> '
        '<a id="top" href="sub/#deep">f</a> <a href="https://example.org/#x">g</a> <a href="#">h</a>',
        encoding="utf-8")
    (site / "other.html").write_text('<!doctype html><title>o</title><p id="here">x</p>', encoding="utf-8")
    (site / "sub" / "index.html").write_text('<!doctype html><title>s</title><a name="deep"></a>'
                                             '<a href="../other.html#here%20not">back</a>', encoding="utf-8")
    problems = linkchecker_problems(site)
    assert len(problems) == 1 and "gone.html" in problems[0], problems
    assert anchor_problems(site) == [
        "index.html:1: other.html#nowhere: other.html has no element with id 'nowhere'",
        "index.html:2: #missing: index.html has no element with id 'missing'",
        "sub/index.html:1: ../other.html#here%20not: other.html has no element with id 'here not'",
    ]


@pytest.mark.build
def test_no_broken_internal_links_or_anchors(site_dir: Path) -> None:
    problems = linkchecker_problems(site_dir) + anchor_problems(site_dir)
    assert problems == [], "\n".join(problems)


# ── Titles and descriptions ──────────────────────────────────────────────────

@pytest.mark.build
@pytest.mark.parametrize(("title", "source"), NAV, ids=NAV_IDS)
def test_page_has_a_meta_description(site_dir: Path, title: str, source: str) -> None:
    descriptions = meta(soup(site_dir, source), "description")
    assert len(descriptions) == 1, descriptions
    description = descriptions[0]
    assert len(description) in DESCRIPTION_LENGTH, f"{len(description)} characters: {description!r}"
    assert "placeholder" not in description.lower(), description


@pytest.mark.build
def test_meta_descriptions_differ_from_page_to_page(site_dir: Path) -> None:
    seen: dict[str, str] = {}
    for _, source in NAV:
        description = meta(soup(site_dir, source), "description")[0]
        assert description not in seen, f"{source} has the description of {seen.get(description)}"
        seen[description] = source


@pytest.mark.build
@pytest.mark.parametrize(("title", "source"), NAV, ids=NAV_IDS)
def test_page_title_says_what_it_is(site_dir: Path, title: str, source: str) -> None:
    """<title> names the page (its nav title) and the site; the h1 is a real heading."""
    page = soup(site_dir, source)
    name = site_name(source)
    page_title = text(page.title)
    if source == "index.md":  # the site's home (a language's home is titled like any page)
        assert page_title == name
    else:
        # MkDocs takes a page's title from its heading with whitespace collapsed, so a French
        # no-break space before a colon arrives as a plain space: compare words, not spaces.
        assert page_title.split() == f"{title} - {name}".split()
    h1 = heading(page)
    stem = Path(source).stem
    assert h1.lower() not in {stem, stem.replace("-", " ")} and len(h1.split()) >= 2, (
        f"the h1 {h1!r} looks like a file name, not a heading")


@pytest.mark.build
def test_page_titles_differ_from_page_to_page(site_dir: Path) -> None:
    titles = [text(soup(site_dir, source).title) for _, source in NAV]
    assert len(set(titles)) == len(titles), titles


@pytest.mark.build
def test_not_found_page_says_so_in_both_languages(site_dir: Path) -> None:
    """One 404 at the root (hosts serve one for every folder): each language's passage in
    its own lang, each linking to its edition's home; the French build does not replace it."""
    page = BeautifulSoup((site_dir / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert text(page.title).startswith("Page not found / Page introuvable - ")
    assert len(meta(page, "description")) == 1
    assert page.html["lang"] == "en"
    passages = {section["lang"]: section for section in page.select("section.guide-not-found")}
    assert list(passages) == ["en", "fr"]
    assert "There is no page at this address." in text(passages["en"])
    assert "Aucune page ne se trouve à cette adresse." in text(passages["fr"])
    assert [a["href"] for a in passages["en"].find_all("a")] == ["/index.html"]
    assert [a["href"] for a in passages["fr"].find_all("a")] == ["/fr/index.html"]
    assert not (site_dir / "fr" / "404.html").exists()


# ── Sitemap and canonical URLs ───────────────────────────────────────────────

@pytest.mark.build
def test_sitemap_lists_every_page_at_its_canonical_url(site_dir: Path) -> None:
    site_url = mkdocs_config()["site_url"]
    assert site_url.startswith("https://"), "set site_url in mkdocs.yml"
    assert (site_dir / "sitemap.xml.gz").is_file()
    tree = ET.parse(site_dir / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text for loc in tree.getroot().findall("s:url/s:loc", namespace)}
    expected = {site_url + page_url_path(source) for _, source in NAV}
    assert expected <= locations, sorted(expected - locations)


@pytest.mark.build
def test_sitemap_gives_every_page_its_twin_as_hreflang_alternate(site_dir: Path) -> None:
    """hreflang alternates live in the sitemap (not in the page head, see overrides/base.html)."""
    site_url = mkdocs_config()["site_url"]
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(site_dir / "sitemap.xml").getroot().findall("s:url", namespace)
    alternates = {url.find("s:loc", namespace).text: {link.get("hreflang"): link.get("href")
                                                       for link in url.findall("x:link", namespace)}
                  for url in urls}
    for _, source in nav_pages():
        pair = {"en": site_url + page_url_path(source), "fr": site_url + page_url_path(twin(source))}
        for location in pair.values():
            assert alternates.get(location) == pair, (location, alternates.get(location))


@pytest.mark.build
@pytest.mark.parametrize("source", NAV_IDS)
def test_page_has_its_canonical_url(site_dir: Path, source: str) -> None:
    links = soup(site_dir, source).find_all("link", rel="canonical")
    assert [link["href"] for link in links] == [mkdocs_config()["site_url"] + page_url_path(source)]


# ── FAQPage JSON-LD ──────────────────────────────────────────────────────────

def json_ld(page: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in page.find_all("script", type="application/ld+json")]


@pytest.mark.build
def test_faq_page_carries_valid_faq_page_json_ld(site_dir: Path) -> None:
    """One FAQPage object, schema.org's shape, one Question per question on the page,
    in page order, with the question as its name and a non-empty answer."""
    for faq in FAQ_PAGES:
        faq_json_ld_matches_the_page(soup(site_dir, faq))


def faq_json_ld_matches_the_page(page: BeautifulSoup) -> None:
    data = json_ld(page)
    assert len(data) == 1, data
    schema = json.loads(FAQ_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(data[0], schema)
    questions = [text(details.find("summary")) for details in page.select("details.guide-faq")]
    assert len(questions) >= 5, "the FAQ page should hold its questions as details.guide-faq"
    assert [q["name"] for q in data[0]["mainEntity"]] == questions


@pytest.mark.build
@pytest.mark.parametrize("faq", FAQ_PAGES)
def test_faq_answers_hold_the_answer_text_not_page_furniture(site_dir: Path, faq: str) -> None:
    page = soup(site_dir, faq)
    first = page.select_one("details.guide-faq")
    answer = json_ld(page)[0]["mainEntity"][0]["acceptedAnswer"]["text"]
    paragraph = next(text(p) for p in first.find_all("p") if not p.select("a.guide-faq__permalink"))
    assert paragraph in answer
    assert "Link to this question" not in answer and "Lien vers cette question" not in answer


@pytest.mark.unit
def test_faq_page_schema_rejects_a_wrong_shape() -> None:
    """The JSON Schema is strict enough to fail: a Question without an answer."""
    schema = json.loads(FAQ_SCHEMA.read_text(encoding="utf-8"))
    bad = {"@context": "https://schema.org", "@type": "FAQPage",
           "mainEntity": [{"@type": "Question", "name": "Why?"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


@pytest.mark.build
@pytest.mark.parametrize("source", [s for s in NAV_IDS if s not in FAQ_PAGES])
def test_other_pages_carry_no_faq_json_ld(site_dir: Path, source: str) -> None:
    page = soup(site_dir, source)
    if not page.select("details.guide-faq"):
        assert json_ld(page) == []


# ── Open Graph ───────────────────────────────────────────────────────────────

@pytest.mark.unit
def test_flow_pages_are_in_the_nav() -> None:
    assert set(FLOW_PAGES_BOTH) <= set(NAV_IDS)


@pytest.mark.build
@pytest.mark.parametrize("source", [*FLOW_PAGES_BOTH, *(s for s in NAV_IDS if s not in FLOW_PAGES_BOTH)])
def test_page_carries_open_graph_tags(site_dir: Path, source: str) -> None:
    page = soup(site_dir, source)
    site_url = mkdocs_config()["site_url"]
    og = {key: meta(page, f"og:{key}") for key in ("title", "description", "type", "url", "site_name")}
    assert all(len(values) == 1 and values[0].strip() for values in og.values()), og
    assert og["url"] == [site_url + page_url_path(source)]
    assert og["description"] == meta(page, "description")
    assert og["site_name"] == [site_name(source)]
    assert og["type"] == ["website" if source.startswith("index.") else "article"]
    assert og["title"][0] == heading(page)
    assert meta(page, "twitter:card") == ["summary_large_image"]
    # The preview image: ours (committed, served by the site), at the size it claims.
    [image] = meta(page, "og:image")
    assert image.startswith(site_url), image
    png = (site_dir / image.removeprefix(site_url)).read_bytes()
    assert png.startswith(b"\x89PNG") and meta(page, "og:image:type") == ["image/png"]
    width, height = struct.unpack(">II", png[16:24])
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ([str(width)], [str(height)])
    assert (width, height) == (1200, 630)
    assert meta(page, "og:image:alt")[0].strip()
