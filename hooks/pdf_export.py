"""Hook: the whole site as one PDF in the build output, when PDF_EXPORT=1.

Every build tells the templates where the "Download PDF" link points
(`config.extra.guide_pdf`): the PDF in an export build, the "Offline and PDF" page
otherwise, so no build links to a file it did not write. The export itself
(`on_post_build`) reads the built pages in nav order, hands them to
`guide.pdf.assemble`, renders the Jinja template `pdf/document.html` (cover,
contents, pages) with autoescaping and lays it out with WeasyPrint, which may read
only files of the built site. Problems WeasyPrint reports (a refused or missing
file) are warnings, so a strict build (scripts/pdf.sh) fails on them.

One PDF per language: the i18n plugin builds each language in turn and this hook runs in
each build, so the French build writes fr/ml-vs-mlops-guide.pdf from the French pages,
with the French nav titles, cover and contents (interface text from i18n/fr.yml), and its
pages' "Download PDF" link points at it. Hence the events after the plugin's (-100).

Laying a PDF out takes WeasyPrint most of the export's time, all of it on one core. So
each language's PDF but the last one's is laid out in a worker process while the build
goes on to the next language (the plugin builds them in turn, the default first, each
after this hook's post-build step); the last language lays its own out in this process,
then waits for the workers and reports what they found within its own build, so their
warnings still fail a strict build.
"""

from __future__ import annotations

import concurrent.futures
import functools
import importlib.util
import multiprocessing
import os
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from guide import pdf
from guide.mkdocs_build import languages

EXPORT_VARIABLE = "PDF_EXPORT"
PDF_FILE = "ml-vs-mlops-guide.pdf"  # in each language's root: ml-vs-mlops-guide.pdf, fr/ml-vs-mlops-guide.pdf
# Where "Download PDF" points when this build writes no PDF: the page that says how to get it
# (its French twin keeps the anchor with an explicit {#get-the-pdf}).
NO_PDF_TARGET = "offline.html#get-the-pdf"
TEMPLATE = "pdf/document.html"
SVG_STYLESHEET = "assets/stylesheets/pdf-svg.css"  # in the built site
EXPORT_NEEDS = ("weasyprint", "bs4")

log = get_plugin_logger(__name__)


@dataclass(frozen=True)
class _NavPage:
    src_uri: str
    url: str
    title: str
    section: str | None


# The nav of the build in progress (set by on_nav on every build, read by on_post_build).
_nav_pages: list[_NavPage] = []
# PDFs being laid out in worker processes: (the PDF's path in the site, when it started, its job).
_pending: list[tuple[str, float, list[pdf.BuiltPage], concurrent.futures.Future[pdf.RenderResult]]] = []


def export_requested() -> bool:
    """True when this build should write the PDF."""
    return os.environ.get(EXPORT_VARIABLE, "") == "1"


def pdf_path(config: MkDocsConfig) -> str:
    """The PDF of the language being built, relative to the site: ml-vs-mlops-guide.pdf, fr/..."""
    return languages.current(config).root + PDF_FILE


@event_priority(languages.AFTER_I18N)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Point the "Download PDF" link at the reader's language's PDF, or at the page that
    explains how to get it."""
    if export_requested():
        missing = [name for name in EXPORT_NEEDS if importlib.util.find_spec(name) is None]
        if missing:
            raise PluginError(
                f"{EXPORT_VARIABLE}=1 needs {', '.join(missing)} (pinned in requirements-test.txt): "
                "run scripts/pdf.sh, which installs what is missing, instead of mkdocs build."
            )
    config.extra["guide_pdf"] = {
        "href": pdf_path(config) if export_requested() else languages.current(config).root + NO_PDF_TARGET,
        "built": export_requested(),
    }
    return config


@event_priority(languages.AFTER_I18N)  # after the plugin's nav_translations
def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    """Remember the pages in nav order, with the section each one sits in."""
    _nav_pages.clear()
    for page in nav.pages:
        if isinstance(page, Page) and page.url:
            section = page.parent.title if isinstance(page.parent, Section) else None
            _nav_pages.append(_NavPage(src_uri=page.file.src_uri, url=page.url, title=page.title or page.url,
                                       section=section))
    return nav


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write the PDF of the whole site, in the language being built, into the build output."""
    if not export_requested():
        return
    started = time.perf_counter()
    built = Path(config.site_dir)
    sources = [
        pdf.SourcePage(url=p.url, title=p.title, section=p.section,
                       html=(built / p.url).read_text(encoding="utf-8"))
        for p in _nav_pages
    ]
    try:
        document = pdf.assemble(sources, svg_css=(built / SVG_STYLESHEET).read_text(encoding="utf-8"))
    except pdf.DocumentError as error:
        raise PluginError(f"PDF export: {error}") from error
    # Autoescaped: the contents print headings as text; only the page bodies are markup.
    language = languages.current(config)
    html = pdf.render_document(
        config.theme.dirs, TEMPLATE, gettext_catalogue=languages.catalogue(config),
        config=config, document=document,
        stamp=pdf.build_stamp(Path(config.config_file_path).parent, locale=language.code),
    )
    target = pdf_path(config)
    docs = Path(config.docs_dir)
    built_pages = [pdf.BuiltPage(source=f"{Path(config.docs_dir).name}/{p.src_uri}", url=p.url, html=s.html,
                                 markdown=(docs / p.src_uri).read_text(encoding="utf-8"))
                   for p, s in zip(_nav_pages, sources, strict=True)]
    job = functools.partial(pdf.write_pdf, html, base_url=built, target=built / target,
                            extra_warnings=document.problems)
    if language != languages.languages(config)[-1]:
        # A fresh interpreter, not a fork of this one, which holds the whole build.
        worker = concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        _pending.append((target, started, built_pages, worker.submit(job)))
        worker.shutdown(wait=False)
        return
    _report(target, started, built_pages, built, job())
    while _pending:
        target, started, pages, pending = _pending.pop(0)
        try:
            result = pending.result()
        except Exception as error:
            raise PluginError(f"PDF export: laying out {target} failed: {error}") from error
        _report(target, started, pages, built, result)


def _report(target: str, started: float, pages: list[pdf.BuiltPage], built: Path, result: pdf.RenderResult) -> None:
    refused = {warning: url for url, warning in result.refused}
    for warning in result.warnings:
        origin = pdf.origin_of(refused[warning], pages, built) if warning in refused else None
        log.warning("PDF export: %s%s", f"{origin.where()}: " if origin else "", warning)
    log.info("PDF export: %s, %d pages, in %.1f s", target, result.page_count, time.perf_counter() - started)
