"""Assemble one print document from the built pages of the site, in nav order, and
render it to PDF with WeasyPrint.

Plain logic with no MkDocs import (the hook `pdf_export.py` feeds it). Each page's
`<article>` is taken from the built HTML and made fit for paper:

- every id is prefixed with the page's anchor, and every link between pages
  (`faq.html#x`, `../index.html`, `./`) becomes an in-document `#anchor`;
  links to files that are not pages lose their link and keep their text;
- every `<details>` is open, every content tab becomes a labelled section;
- screen-only controls (buttons, permalinks, the "Download PDF" link) are dropped;
- in a decision flow, each option must lead to a node of the flow and name it
  (the page number is added by the print CSS with `target-counter`);
- the first use of each glossary term (`<abbr title>`) in a page's running text is
  marked, and the print CSS writes its definition after it in brackets (the tooltip
  of the screen); the Glossary page lists them all.

Text stays text. The templates in `overrides/pdf/` are rendered with autoescaping
(`render_document`): a heading's text taken with `get_text()` (which decodes `&lt;`
to `<`) is printed escaped, and only a page body, serialised by BeautifulSoup from
the built page, is passed as `Markup`. WeasyPrint reads files through
`site_fetcher`, which serves files inside the built site and `data:` URLs and
refuses everything else.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import posixpath
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import babel.dates
import jinja2
from markupsafe import Markup

from guide.languages import interface_text

if TYPE_CHECKING:
    from bs4 import Tag
    from weasyprint import URLFetcher

# Elements that only make sense on a screen. `.guide-screen-only` is the project-wide
# marker for any other control a feature adds.
SCREEN_ONLY_SELECTORS = (
    "a.headerlink",
    ".md-content__button",
    ".md-clipboard",
    ".md-source-file",
    "button",
    "input",
    "form",
    "script",
    "noscript",
    "template",
    ".guide-faq__permalink",
    ".guide-pdf-link",
    ".guide-screen-only",
    "[hidden]",  # hidden until a script shows it: nothing to print
    "link",  # stylesheets a feature loads for the screen
)
ARTICLE_SELECTOR = "article.md-content__inner"
FLOW_SELECTOR = "[data-flow]"
FLOW_NODE_SELECTOR = "[data-node]"
# Attributes whose value is a space-separated list of ids.
ID_LIST_ATTRIBUTES = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns")
BARE_LINK_CLASS = "guide-pdf-bare"  # a link whose text is its address
URL_REFERENCE = re.compile(r"url\(#([^)]+)\)")
FIRST_TERM_CLASS = "guide-pdf-term"  # pdf.css prints the title of these after them
# Where a term's definition in brackets would not help: titles, link text (a flow's answers:
# "2. DevOps (a way of working...) → Question 3"), and the glossary itself.
NO_TERM_EXPANSION_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "figure", "a"})
NO_TERM_EXPANSION_CLASS = "guide-glossary"


class DocumentError(ValueError):
    """A built page cannot be turned into part of the print document."""


@dataclass(frozen=True)
class SourcePage:
    """One built page, as the nav lists it."""

    url: str  # site-relative, e.g. "roles/ml-engineer.html"
    title: str  # the nav title
    section: str | None  # the nav section it sits in, if any
    html: str  # the whole built page


@dataclass(frozen=True)
class TocEntry:
    """A section of a page in the table of contents."""

    title: str
    anchor: str
    kicker: str | None = None  # a heading's label part, e.g. "Outcome"


@dataclass(frozen=True)
class PrintPage:
    """One page of the print document: its anchor, titles and paper-ready body."""

    url: str
    title: str
    section: str | None
    anchor: str
    heading: str  # the text of the page's h1 (text: the templates escape it)
    body: Markup  # inner HTML of the page's article, rewritten (serialised by BeautifulSoup)
    sections: tuple[TocEntry, ...] = ()  # its h2 sections, outside decision flows


@dataclass(frozen=True)
class TocGroup:
    """Consecutive pages under one nav section (or none) for the table of contents."""

    section: str | None
    pages: tuple[PrintPage, ...]


@dataclass(frozen=True)
class PrintDocument:
    """Every page in nav order, and what could not be kept (for warnings)."""

    pages: tuple[PrintPage, ...]
    problems: tuple[str, ...] = ()

    def toc_groups(self) -> list[TocGroup]:
        """Group consecutive pages by nav section, keeping nav order."""
        groups: list[TocGroup] = []
        for page in self.pages:
            if groups and groups[-1].section == page.section and page.section is not None:
                groups[-1] = TocGroup(page.section, groups[-1].pages + (page,))
            else:
                groups.append(TocGroup(page.section, (page,)))
        return groups


@dataclass(frozen=True)
class BuildStamp:
    """What the cover says about this build."""

    date: str  # e.g. "22 November 2026"
    iso_date: str  # e.g. "2026-11-22"
    version: str | None  # short commit id, when the sources are a git checkout


@dataclass
class _ParsedPage:
    source: SourcePage
    anchor: str
    article: Tag
    ids: set[str] = field(default_factory=set)


def page_anchor(url: str) -> str:
    """The document anchor of a page: "roles/ml-engineer.html" -> "roles-ml-engineer"."""
    stem = url.removesuffix(".html")
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "page"


def _element_anchor(page: str, element_id: str) -> str:
    return f"{page}--{element_id}"


def normalise_page_url(href_path: str, from_url: str) -> str:
    """Resolve a relative link path against the page that holds it, as a site-relative URL.

    Folder links ("./", "../", ".") resolve to their index.html.
    """
    base = posixpath.dirname(from_url)
    joined = posixpath.normpath(posixpath.join(base, href_path)) if href_path else from_url
    if href_path.endswith("/") or joined in (".", ""):
        joined = posixpath.join(joined, "index.html") if joined not in (".", "") else "index.html"
    return joined.removeprefix("./")


def assemble(pages: Sequence[SourcePage], *, svg_css: str = "") -> PrintDocument:
    """Turn the built pages, in nav order, into one print document.

    svg_css goes into a <style> element inside every inline SVG: WeasyPrint styles
    SVG only from there (the document's stylesheets reach HTML elements only).
    """
    if not pages:
        raise DocumentError("The nav lists no pages: nothing to put in the PDF.")
    parsed = [_parse(page) for page in pages]
    by_url = {p.source.url: p for p in parsed}
    problems: list[str] = []
    for page in parsed:
        _drop_screen_only(page.article)
        _open_details(page.article)
        _unfold_tabs(page.article)
        if svg_css:
            _style_svgs(page.article, svg_css)
        page.ids = _prefix_ids(page.article, page.anchor)
    for page in parsed:
        problems.extend(_rewrite_links(page, by_url))
        _rewrite_sources(page)
    for page in parsed:
        _annotate_flows(page.article)
        _mark_first_terms(page.article)
    return PrintDocument(
        pages=tuple(
            PrintPage(
                url=p.source.url,
                title=p.source.title,
                section=p.source.section,
                anchor=p.anchor,
                heading=_heading(p),
                sections=_sections(p.article),
                # The one piece of markup the templates print as is: BeautifulSoup
                # serialises the parsed article, escaping every text node.
                body=Markup(p.article.decode_contents()),
            )
            for p in parsed
        ),
        problems=tuple(problems),
    )


def _parse(page: SourcePage) -> _ParsedPage:
    # Imported here, like WeasyPrint below: a plain build of the site does not need them.
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.html, "html.parser")
    article = soup.select_one(ARTICLE_SELECTOR)
    if article is None:
        raise DocumentError(
            f"{page.url}: no <article class=\"md-content__inner\"> in the built page; "
            "a template override must keep Material's article element."
        )
    return _ParsedPage(source=page, anchor=page_anchor(page.url), article=article)


def _sections(article: Tag) -> tuple[TocEntry, ...]:
    """The page's h2 sections for the contents. Of a decision flow only the outcomes are
    listed (a reader may look one up directly); its questions are read from Question 1 on."""
    entries = []
    for h2 in article.find_all("h2", id=True):
        node = h2.find_parent(attrs={"data-node": True})
        if node is not None and node.get("data-kind") != "outcome":
            continue
        if h2.find_parent("figure") is not None:
            continue  # a diagram's title
        parts = h2.find_all(True, recursive=False)
        # A flow node's heading is "<span>Outcome</span> <span>Hire ...</span>": label and
        # title. Any other heading's elements are inline words (a glossary <abbr>, <code>).
        if node is not None and len(parts) >= 2:
            kicker = _inline_text(parts[0])
            title = " ".join(_inline_text(part) for part in parts[1:])
            entries.append(TocEntry(title=title, anchor=str(h2["id"]), kicker=kicker))
        else:
            entries.append(TocEntry(title=_inline_text(h2), anchor=str(h2["id"])))
    return tuple(entries)


def _inline_text(element: Tag) -> str:
    """An element's text as it reads: inline elements add no space ("ML," not "ML ,"),
    runs of white space become one space."""
    return " ".join(element.get_text().split())


def _heading(page: _ParsedPage) -> str:
    h1 = page.article.find("h1")
    return _inline_text(h1) if h1 else page.source.title


def _drop_screen_only(article: Tag) -> None:
    for element in article.select(", ".join(SCREEN_ONLY_SELECTORS)):
        element.decompose()


def _open_details(article: Tag) -> None:
    for details in article.find_all("details"):
        details["open"] = ""


def _unfold_tabs(article: Tag) -> None:
    """pymdownx.tabbed sets (alternate style) -> one labelled section per tab."""
    for tab_set in article.select("div.tabbed-set"):
        labels = [label.get_text(" ", strip=True) for label in tab_set.select(":scope > .tabbed-labels > label")]
        blocks = tab_set.select(":scope > .tabbed-content > .tabbed-block")
        if len(labels) != len(blocks):
            raise DocumentError(f"A content tab set has {len(labels)} labels but {len(blocks)} panels.")
        unfolded = article.new_tag("div", attrs={"class": "guide-pdf-tabs"})
        for label, block in zip(labels, blocks, strict=True):
            section = article.new_tag("div", attrs={"class": "guide-pdf-tab"})
            title = article.new_tag("p", attrs={"class": "guide-pdf-tab__label"})
            title.string = label
            section.append(title)
            for child in list(block.contents):
                section.append(child.extract())
            unfolded.append(section)
        tab_set.replace_with(unfolded)


def _style_svgs(article: Tag, css: str) -> None:
    if "<" in css:
        raise DocumentError("The PDF's SVG stylesheet holds a '<': inside an inline SVG it would start an element.")
    for svg in article.find_all("svg"):
        if svg.find_parent(class_=("twemoji", "md-icon")) is not None:
            continue  # an icon: drawn by its own attributes
        style = article.new_tag("style")
        style.string = css
        svg.insert(0, style)


def _prefix_ids(article: Tag, anchor: str) -> set[str]:
    """Prefix every id (and every reference to one) with the page anchor; return the old ids."""
    ids = {str(element["id"]) for element in article.find_all(id=True)}
    for element in article.find_all(True):
        if element.has_attr("id"):
            element["id"] = _element_anchor(anchor, str(element["id"]))
        for name in ID_LIST_ATTRIBUTES:
            if element.has_attr(name):
                value = element[name]
                tokens = value if isinstance(value, list) else str(value).split()
                element[name] = " ".join(_element_anchor(anchor, t) if t in ids else t for t in tokens)
        for name, value in list(element.attrs.items()):
            if isinstance(value, str) and "url(#" in value:
                element[name] = URL_REFERENCE.sub(
                    lambda m: f"url(#{_element_anchor(anchor, m.group(1))})" if m.group(1) in ids else m.group(0),
                    value,
                )
    return ids


def _link_attribute(element: Tag) -> str | None:
    for name in ("href", "xlink:href"):
        if element.has_attr(name):
            return name
    return None


def _rewrite_links(page: _ParsedPage, by_url: dict[str, _ParsedPage]) -> list[str]:
    """Make every link between pages an in-document link; return what could not be resolved."""
    problems: list[str] = []
    for element in page.article.find_all(["a", "use"]):
        name = _link_attribute(element)
        if name is None:
            continue
        href = str(element[name])
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            # Another site, mailto:, tel: ... stays. The print CSS spells out the address
            # after the link, unless the link's text is the address already.
            text = element.get_text(strip=True)
            if text and text.rstrip("/") in (href.rstrip("/"), href.split("://", 1)[-1].rstrip("/")):
                element["class"] = [*element.get("class", []), BARE_LINK_CLASS]
            continue
        target = page if not parts.path else by_url.get(normalise_page_url(parts.path, page.source.url))
        if target is None:
            # A file of the site that is not a page (the PDF itself, a download): no link on paper.
            if element.name == "a":
                element.unwrap()
            continue
        if not parts.fragment:
            element[name] = f"#{target.anchor}"
        elif parts.fragment in target.ids:
            element[name] = f"#{_element_anchor(target.anchor, parts.fragment)}"
        else:
            problems.append(
                f"{page.source.url}: link '{href}' points to no element of {target.source.url}; "
                "it goes to the top of that page in the PDF."
            )
            element[name] = f"#{target.anchor}"
    return problems


def _rewrite_sources(page: _ParsedPage) -> None:
    """Make image sources relative to the site root (the document's base URL)."""
    for element in page.article.find_all(["img", "image", "source"]):
        for name in ("src", "href", "xlink:href"):
            if not element.has_attr(name):
                continue
            value = str(element[name])
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or value.startswith("#") or not parts.path:
                continue
            element[name] = normalise_page_url(parts.path, page.source.url)


def _node_tag(node: Tag) -> str:
    """How a flow node is named in references: its heading's first part ("Question 3",
    "Outcome"), or the whole heading when it has no parts."""
    heading = node.find(re.compile(r"^h[1-6]$"))
    if heading is None:
        raise DocumentError(f"Flow node '{node.get('data-node')}' has no heading to refer to on paper.")
    first = heading.find(True)
    return (first or heading).get_text(" ", strip=True)


def _annotate_flows(article: Tag) -> None:
    """Check that every option of a flow leads to a node of it, and make sure the option
    names that node; the print CSS then adds the node's page number."""
    for flow in article.select(FLOW_SELECTOR):
        nodes = {f"#{node['id']}": node for node in flow.select(FLOW_NODE_SELECTOR) if node.has_attr("id")}
        for node in nodes.values():
            for option in node.select("a[data-next]"):
                target = nodes.get(str(option.get("href", "")))
                if target is None:
                    raise DocumentError(
                        f"Flow option '{option.get_text(' ', strip=True)}' in node '{node.get('data-node')}' "
                        f"links to '{option.get('href')}', which is no node of the flow."
                    )
                name = _node_tag(target)
                if not re.search(rf"\b{re.escape(name)}\b", option.get_text(" ", strip=True)):
                    reference = article.new_tag("span", attrs={"class": "guide-pdf-goto"})
                    reference.string = f"go to {name}"
                    option.append(reference)


def _mark_first_terms(article: Tag) -> None:
    """Mark the first use of each glossary definition in the page's running text."""
    seen: set[str] = set()
    for abbr in article.find_all("abbr", title=True):
        title = str(abbr["title"])
        if title in seen or any(parent.name in NO_TERM_EXPANSION_TAGS or NO_TERM_EXPANSION_CLASS in parent.get("class", ())
                                for parent in abbr.parents):
            continue
        seen.add(title)
        abbr["class"] = [*abbr.get("class", []), FIRST_TERM_CLASS]


def build_stamp(root: Path, now: dt.datetime | None = None, locale: str = "en") -> BuildStamp:
    """Date (SOURCE_DATE_EPOCH if set, for reproducible builds), written in `locale`
    ("30 November 2026", "30 novembre 2026"), and git commit of the build."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        now = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch
               else dt.datetime.now(dt.timezone.utc))
    try:
        version = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True,
        ).stdout.strip() or None
    except (OSError, subprocess.CalledProcessError):
        version = None  # not a git checkout (a zip of the sources): the date alone
    return BuildStamp(date=babel.dates.format_date(now.date(), "d MMMM y", locale=locale),
                      iso_date=f"{now:%Y-%m-%d}", version=version)


def render_document(template_dirs: Sequence[str | Path], template: str, /, *,
                    gettext_catalogue: Mapping[str, str] | None = None, **context: Any) -> str:
    """Render a print template (`pdf/document.html`) to HTML with autoescaping.

    Every value is escaped unless it is `Markup` (only `PrintPage.body` is), so text
    from the sources, e.g. a flow outcome titled `A <!-- B` or `<link ...>`, prints as
    those characters and never becomes an element or a comment of the document.
    A fresh environment, not the theme's: its compiled templates do not autoescape.
    The templates' `_()` text comes from gettext_catalogue (none: English as written).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
    )
    interface_text.install(env, gettext_catalogue or {})
    return env.get_template(template).render(**context)


class RefusedURL(ValueError):
    """WeasyPrint asked for something other than a file of the built site or a data: URL."""


def _shown(url: str, limit: int = 200) -> str:
    return url if len(url) <= limit else f"{url[:limit]}..."


def site_file_url(url: str, site: Path) -> str:
    """The URL to read for a resource of the print document, or RefusedURL.

    Allowed: `data:` URLs, and `file:` URLs of files inside the built site once every
    `..` and symlink is resolved (the returned URL is the resolved file's). Everything
    else is refused: files elsewhere on the build machine, http(s):, ftp:, any scheme.
    """
    root = site.resolve()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return url
    if scheme == "file" and parts.netloc in ("", "localhost"):
        try:
            path = Path(url2pathname(parts.path))
            resolved = path.resolve() if path.is_absolute() else None
        except (OSError, ValueError, RuntimeError):  # a NUL byte, a symlink loop
            resolved = None
        if resolved is not None and resolved.is_relative_to(root):
            return resolved.as_uri()
    raise RefusedURL(
        f"refused {_shown(url)}: only files inside the built site ({root}) may be used in the PDF"
    )


def site_fetcher(site: Path) -> URLFetcher:
    """A WeasyPrint URL fetcher that reads only what `site_file_url` allows.

    A refused URL raises RefusedURL, which WeasyPrint turns into a warning (or a
    debug message, for fonts) and leaves the resource out; the fetcher also keeps
    the refusal in `.refused`, so `write_pdf` reports every one of them.
    """
    return _site_fetcher_class()(site)


_fetcher_class: type | None = None


def _site_fetcher_class() -> type:
    global _fetcher_class
    if _fetcher_class is None:
        import weasyprint  # only an export build needs it

        class SiteFetcher(weasyprint.URLFetcher):
            def __init__(self, site: Path) -> None:
                super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
                self.site = Path(site)
                self.refused: list[str] = []

            def fetch(self, url: str, headers: Any = None) -> Any:
                try:
                    allowed = site_file_url(url, self.site)
                except RefusedURL as error:
                    if str(error) not in self.refused:
                        self.refused.append(str(error))
                    raise
                return super().fetch(allowed, headers)

        _fetcher_class = SiteFetcher
    return _fetcher_class


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass(frozen=True)
class RenderResult:
    """A written PDF: how many pages, and what WeasyPrint warned about."""

    page_count: int
    warnings: tuple[str, ...]


def write_pdf(html: str, *, base_url: Path, target: Path,
              extra_warnings: Iterable[str] = ()) -> RenderResult:
    """Lay the document out with WeasyPrint and write the PDF to target.

    WeasyPrint reads only files inside base_url (the built site) and data: URLs
    (`site_fetcher`); each refused URL is one warning, which fails a strict build.
    """
    import weasyprint

    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    fetcher = site_fetcher(base_url)
    try:
        document = weasyprint.HTML(string=html, base_url=str(base_url), url_fetcher=fetcher).render()
        document.write_pdf(target, pdf_tags=True)  # tagged PDF: structure for screen readers
    finally:
        logger.removeHandler(collect)
    refused = [f"{message}; it is left out." for message in fetcher.refused]
    # WeasyPrint's own message for a refused URL ("Failed to load image at ...: RefusedURL: ...")
    # repeats ours: keep one.
    others = [m for m in collect.messages if not any(r in m for r in fetcher.refused)]
    return RenderResult(page_count=len(document.pages), warnings=(*extra_warnings, *refused, *others))
