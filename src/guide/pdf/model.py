"""The print document: the built pages it is made from, and what it holds (pages, contents)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup


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
