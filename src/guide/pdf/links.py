"""Many pages as one document: ids prefixed with their page's anchor, links between pages
made links inside the document, image sources made relative to the site root."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from bs4 import Tag

# Attributes whose value is a space-separated list of ids.
ID_LIST_ATTRIBUTES = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns")
BARE_LINK_CLASS = "guide-pdf-bare"  # a link whose text is its address
URL_REFERENCE = re.compile(r"url\(#([^)]+)\)")


def page_anchor(url: str) -> str:
    """The document anchor of a page: "roles/ml-engineer.html" -> "roles-ml-engineer"."""
    stem = url.removesuffix(".html")
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "page"


def element_anchor(page: str, element_id: str) -> str:
    """The document anchor of an element of a page, from the page's anchor and its id."""
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


def prefix_ids(article: Tag, anchor: str) -> set[str]:
    """Prefix every id (and every reference to one) with the page anchor; return the old ids."""
    ids = {str(element["id"]) for element in article.find_all(id=True)}
    for element in article.find_all(True):
        if element.has_attr("id"):
            element["id"] = element_anchor(anchor, str(element["id"]))
        for name in ID_LIST_ATTRIBUTES:
            if element.has_attr(name):
                value = element[name]
                tokens = value if isinstance(value, list) else str(value).split()
                element[name] = " ".join(element_anchor(anchor, t) if t in ids else t for t in tokens)
        for name, value in list(element.attrs.items()):
            if isinstance(value, str) and "url(#" in value:
                element[name] = URL_REFERENCE.sub(
                    lambda m: f"url(#{element_anchor(anchor, m.group(1))})" if m.group(1) in ids else m.group(0),
                    value,
                )
    return ids


def _link_attribute(element: Tag) -> str | None:
    for name in ("href", "xlink:href"):
        if element.has_attr(name):
            return name
    return None


def rewrite_links(article: Tag, url: str, anchor: str, pages: Mapping[str, tuple[str, set[str]]]) -> list[str]:
    """Make every link between pages an in-document link; return what could not be resolved.

    `article` is the page at `url` (its anchor: `anchor`); `pages` gives every page's anchor
    and the ids it had, by URL."""
    problems: list[str] = []
    for element in article.find_all(["a", "use"]):
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
        target_url = url if not parts.path else normalise_page_url(parts.path, url)
        if target_url not in pages:
            # A file of the site that is not a page (the PDF itself, a download): no link on paper.
            if element.name == "a":
                element.unwrap()
            continue
        target_anchor, target_ids = pages[target_url]
        if not parts.fragment:
            element[name] = f"#{target_anchor}"
        elif parts.fragment in target_ids:
            element[name] = f"#{element_anchor(target_anchor, parts.fragment)}"
        else:
            problems.append(
                f"{url}: link '{href}' points to no element of {target_url}; "
                "it goes to the top of that page in the PDF."
            )
            element[name] = f"#{target_anchor}"
    return problems


def rewrite_sources(article: Tag, url: str) -> None:
    """Make image sources relative to the site root (the document's base URL)."""
    for element in article.find_all(["img", "image", "source"]):
        for name in ("src", "href", "xlink:href"):
            if not element.has_attr(name):
                continue
            value = str(element[name])
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or value.startswith("#") or not parts.path:
                continue
            element[name] = normalise_page_url(parts.path, url)
