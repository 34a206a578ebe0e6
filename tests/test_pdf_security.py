"""The PDF export treats text from the sources as text and reads only the built site.

- The print templates autoescape: a flow outcome titled `...<link rel="attachment" ...>`
  or holding `<!--` prints those characters; it never becomes an element (an embedded
  file of the build machine) or a comment (which swallowed the rest of the PDF).
- WeasyPrint's URL fetcher serves files inside the built site and data: URLs only,
  and every other URL is refused with a warning naming it (a strict build fails).

Real WeasyPrint and a real build of a copy of the project; the PDF is read back with
pypdf and pdftotext.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ROOT, Project, assert_build_failed_cleanly, nav_pages, page_url_path
from guide import pdf as pdf_document

HOSTILE_TITLE = 'Hire an ML engineer first<link rel="attachment" href="file:///etc/hostname" title="h">'
COMMENT_TITLE = "Hire an ML engineer first --> and put the platform <!-- on hold"
COMMENT_SUMMARY = "Your biggest open question --> is the model <!-- itself"
REFUSED = "only files inside the built site"


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def embedded_files(reader: PdfReader) -> list[str]:
    """Every file the PDF carries: attachments in its name tree and file-attachment annotations."""
    files = list(reader.attachments)
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            if annotation.get_object().get("/Subtype") == "/FileAttachment":
                files.append(f"annotation on page {number}")
    return files


# ── The fetcher ─────────────────────────────────────────────────────────────────

@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A built site folder with a stylesheet, next to a secret file outside it."""
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "pdf.css").write_text("p { color: black }", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("build machine secret", encoding="utf-8")
    return site


def assert_refused(fetcher, url: str) -> None:
    with pytest.raises(pdf_document.RefusedURL) as refused:
        fetcher.fetch(url)
    assert url in str(refused.value) and REFUSED in str(refused.value), refused.value


@pytest.mark.unit
def test_fetcher_refuses_files_of_the_build_machine(site: Path) -> None:
    fetcher = pdf_document.site_fetcher(site)
    assert Path("/etc/hostname").is_file()
    assert_refused(fetcher, "file:///etc/hostname")
    assert_refused(fetcher, "file://localhost/etc/hostname")
    assert_refused(fetcher, (site.parent / "secret.txt").as_uri())
    assert fetcher.refused == [
        f"refused file:///etc/hostname: {REFUSED} ({site.resolve()}) may be used in the PDF",
        f"refused file://localhost/etc/hostname: {REFUSED} ({site.resolve()}) may be used in the PDF",
        f"refused {(site.parent / 'secret.txt').as_uri()}: {REFUSED} ({site.resolve()}) may be used in the PDF",
    ]


@pytest.mark.unit
def test_fetcher_refuses_paths_that_climb_out_of_the_site(site: Path) -> None:
    fetcher = pdf_document.site_fetcher(site)
    assert_refused(fetcher, f"{(site / 'assets').as_uri()}/../../secret.txt")
    assert_refused(fetcher, f"{site.as_uri()}/%2e%2e/secret.txt")
    assert_refused(fetcher, f"{site.as_uri()}/assets/../../../../../../etc/hostname")
    # A sibling folder whose name starts like the site's is outside it too.
    (site.parent / "site2").mkdir()
    (site.parent / "site2" / "x.css").write_text("", encoding="utf-8")
    assert_refused(fetcher, (site.parent / "site2" / "x.css").as_uri())


@pytest.mark.unit
def test_fetcher_refuses_symlinks_out_of_the_site(site: Path) -> None:
    (site / "assets" / "logo.png").symlink_to(site.parent / "secret.txt")
    (site / "etc").symlink_to("/etc", target_is_directory=True)
    fetcher = pdf_document.site_fetcher(site)
    assert_refused(fetcher, (site / "assets" / "logo.png").as_uri())
    assert_refused(fetcher, f"{site.as_uri()}/etc/hostname")


@pytest.mark.unit
@pytest.mark.parametrize("url", [
    "http://example.org/",
    "https://example.org/logo.png",
    "ftp://example.org/file.txt",
    "file://example.org/etc/hostname",  # a file: URL on another host
    "javascript:alert(1)",
    "about:blank",
])
def test_fetcher_refuses_every_other_scheme(site: Path, url: str) -> None:
    assert_refused(pdf_document.site_fetcher(site), url)


@pytest.mark.unit
def test_fetcher_serves_files_of_the_site_and_data_urls(site: Path) -> None:
    (site / "assets" / "same.css").symlink_to("pdf.css")  # a symlink that stays inside
    fetcher = pdf_document.site_fetcher(site)
    for url in ((site / "assets" / "pdf.css").as_uri(),
                f"{site.as_uri()}/assets/../assets/pdf.css?v=1#x",
                (site / "assets" / "same.css").as_uri()):
        response = fetcher.fetch(url)
        try:
            assert response.read() == b"p { color: black }", url
            assert response.content_type == "text/css", url
        finally:
            response.close()
    response = fetcher.fetch("data:text/plain;base64,aGVsbG8=")
    try:
        assert response.read() == b"hello"
    finally:
        response.close()
    assert fetcher.refused == []


@pytest.mark.pdf
def test_weasyprint_embeds_nothing_from_outside_and_warns_naming_each_url(site: Path) -> None:
    """Through WeasyPrint itself: attachments, images and stylesheets from outside the
    site are left out, each with one warning naming the URL; the site's own file loads."""
    secret = (site.parent / "secret.txt").as_uri()
    html = ('<html lang="en"><head><link rel="stylesheet" href="assets/pdf.css">'
            '<link rel="attachment" href="file:///etc/hostname" title="h"></head><body><p>x</p>'
            f'<a rel="attachment" href="{secret}">secret</a>'
            '<img src="https://example.org/remote.png" alt="">'
            '<img src="../secret.txt" alt=""></body></html>')
    target = site / "t.pdf"
    result = pdf_document.write_pdf(html, base_url=site, target=target)
    assert result.page_count == 1
    assert embedded_files(PdfReader(target)) == []
    for url in ("file:///etc/hostname", secret, "https://example.org/remote.png"):
        assert [w for w in result.warnings if url in w] == [
            f"refused {url}: {REFUSED} ({site.resolve()}) may be used in the PDF; it is left out."
        ], result.warnings
    assert len(result.warnings) == 3, result.warnings  # ../secret.txt resolves to the secret's URL


# ── The templates ───────────────────────────────────────────────────────────────

@pytest.mark.unit
def test_templates_print_text_as_text_and_only_bodies_as_markup() -> None:
    page = pdf_document.SourcePage(
        url="decide/x.html", title="Nav <b>title</b>", section="Decide <!--",
        html=('<html><body><article class="md-content__inner md-typeset"><h1>Flow &lt;!--</h1>'
              '<div data-flow="f"><section id="o" data-node="o" data-kind="outcome">'
              '<h2 id="h"><span>Outcome</span> <span>Hire &lt;link rel="attachment" href="file:///etc/hostname"&gt; --&gt;'
              '</span></h2><p>Body &lt;!-- text</p></section></div></article></body></html>'),
    )
    document = pdf_document.assemble([page])
    assert document.pages[0].sections[0].title == 'Hire <link rel="attachment" href="file:///etc/hostname"> -->'
    config = SimpleNamespace(site_name="Guide <i>", site_author="A & B", site_description=" D ",
                             site_url="https://example.org/", copyright="C <!--",
                             theme=SimpleNamespace(language="en"))
    stamp = pdf_document.BuildStamp(date="1 January 2026", iso_date="2026-01-01", version=None)
    html = pdf_document.render_document([ROOT / "overrides"], "pdf/document.html",
                                        config=config, document=document, stamp=stamp)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("link", rel="attachment") is None and "<!--" not in html
    toc = soup.select_one("nav.guide-pdf-toc")
    assert toc.select_one(".guide-pdf-toc__section").get_text() == "Decide <!--"
    assert [a.get_text(" ", strip=True) for a in toc.find_all("a")] == [
        "Nav <b>title</b>", 'Outcome: Hire <link rel="attachment" href="file:///etc/hostname"> -->']
    assert soup.select_one(".guide-pdf-cover__title").get_text() == "Guide <i>"
    body = soup.select_one("section.guide-pdf-page")
    assert body["data-title"] == "Nav <b>title</b>"
    assert body.find("h2", id="decide-x--h") is not None  # the body is markup, not escaped text
    assert body.find("p").get_text() == "Body <!-- text"


@pytest.mark.unit
def test_templates_fail_on_an_undefined_value() -> None:
    with pytest.raises(jinja2.UndefinedError):
        pdf_document.render_document([ROOT / "overrides"], "pdf/cover.html", config=SimpleNamespace())


# ── A real export build with hostile flow text ──────────────────────────────────

@pytest.mark.pdf
def test_hostile_flow_text_prints_as_text_in_the_exported_pdf(project: Project) -> None:
    flow = "docs/decide/flows/hiring.yml"
    for old, new in (("    title: Hire an ML engineer first\n", f"    title: {HOSTILE_TITLE}\n"),
                     ("    title: Hire an ML engineer first and put the platform on hold\n", f"    title: {COMMENT_TITLE}\n"),
                     ("      Your biggest open question is the model itself", f"      {COMMENT_SUMMARY}")):
        assert (project / flow).read_text(encoding="utf-8").count(old) == 1, old
        project.edit(flow, old, new)
    # The English edition alone: the hostile text is in the English flow, and what is checked is
    # the English PDF (a worker's PDF reporting its warnings is the next test's).
    project.edit("mkdocs.yml", "      docs_structure: suffix\n", "      docs_structure: suffix\n      build_only_locale: en\n")

    result = project.build(env={"PDF_EXPORT": "1"})
    site = project / "site"
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "anchor" not in output, output

    pdf = site / "ml-vs-mlops-guide.pdf"
    reader = PdfReader(pdf)
    assert embedded_files(reader) == []
    pages = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout.split("\f")[:-1]
    assert len(pages) == len(reader.pages)
    text = no_space("".join(pages))
    # In the contents (an entry with dot leaders), where the text was printed as HTML before.
    for title in (HOSTILE_TITLE, COMMENT_TITLE):
        assert re.search(re.escape(no_space(f"Outcome: {title}")) + r"\.{3,}\d+", text), title
    assert no_space(COMMENT_SUMMARY) in text

    # Nothing after the contents was swallowed: every page of the site is there, in order,
    # and the last page of the PDF holds the last nav page's heading.
    destinations = reader.named_destinations
    starts = []
    for _, source in nav_pages():
        anchor = pdf_document.page_anchor(page_url_path(source))
        assert anchor in destinations, f"{source} is not in the PDF"
        starts.append(reader.get_destination_page_number(destinations[anchor]))
    assert starts == sorted(starts) and starts[0] > 1
    last = BeautifulSoup((site / page_url_path(nav_pages()[-1][1])).read_text(encoding="utf-8"), "html.parser")
    heading = last.select_one("article h1")
    assert heading is not None
    assert no_space(heading.get_text().removesuffix("¶")) in no_space("".join(pages[starts[-1]:]))


@pytest.mark.pdf
def test_a_warning_from_a_pdf_laid_out_in_a_worker_still_fails_the_strict_build(project: Project,
                                                                                tmp_path: Path) -> None:
    """Each language's PDF but the last is laid out in a worker process (src/guide/pdf):
    what WeasyPrint refuses there is reported in the build, and fails it, as in-process."""
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    # English: not the last language.
    line = project.append("docs/index.md", f'\n<img src="{outside.as_uri()}" alt="A file of the build machine">\n') + 1
    # The warning names the page and line the refused file was written on, and the file.
    assert_build_failed_cleanly(project.build(env={"PDF_EXPORT": "1"}), f"docs/index.md:{line}",
                                f"PDF export: docs/index.md:{line}: refused {outside.as_uri()}")


@pytest.mark.unit
def test_a_refused_file_is_traced_to_the_page_and_line_that_wrote_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "roles").mkdir(parents=True)
    secret = (tmp_path / "secret.png").as_uri()
    pages = [
        pdf_document.BuiltPage("docs/index.md", "index.html", '<p><img src="assets/ok.png"></p>', "# Home\n"),
        pdf_document.BuiltPage("docs/roles/a.md", "roles/a.html",
                               '<p><img src="../../secret.png" alt=""></p><div style="background: url(&quot;x&quot;)">',
                               "# A\n\nText.\n\n![](../../secret.png)\n"),
        pdf_document.BuiltPage("docs/b.md", "b.html", f'<a href="{secret}">s</a>', "# B\n"),
    ]
    origin = pdf_document.origin_of(secret, pages, site)
    assert origin == pdf_document.Origin("docs/roles/a.md", 5, "../../secret.png") and origin.where() == "docs/roles/a.md:5"
    # Written as an absolute URL the source does not hold: the page, without a line.
    assert pdf_document.origin_of(secret, pages[2:], site).where() == "docs/b.md"
    assert pdf_document.origin_of("file:///etc/hostname", pages, site) is None
