"""Checks across the whole site that no single page can make: every kit is shown on its own
page (flow outcomes link there), and every source the posting checklist cites is an entry on
the sources page. The MkDocs hook (hooks/kit_checks.py) runs them with what the build knows."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from guide.core.problems import Problem

from .markdown_ext import BLOCK_NAME, SOURCES_PAGE
from .model import Checklist, Kit


def placement_problems(kits: Mapping[str, Kit], kit_page: Callable[[str], str],
                       shown: Callable[[str, str], bool]) -> list[Problem]:
    """Every kit is shown on its own page, `kit_page(id)` (hiring-kits/<id>.md; <id>.fr.md in
    French); `shown(page, id)` says whether the built page shows it."""
    return [Problem(kit.source, 1, "id", f"the page {kit_page(kit_id)} does not show the kit '{kit_id}'.",
                    f"make {kit_page(kit_id)} a page in the nav holding '/// {BLOCK_NAME} | {kit_id}' "
                    "and a closing '///'.")
            for kit_id, kit in sorted(kits.items()) if not shown(kit_page(kit_id), kit_id)]


def source_problems(checklist: Checklist, anchors: Collection[str]) -> list[Problem]:
    """Every source the checklist cites must be an anchor on the sources page."""
    return [Problem(checklist.source, source.line, "sources",
                    f"the source '{source.id}' has no entry on docs/{SOURCES_PAGE}.",
                    f"add it there with the anchor {{#{source.id}}} (title, publisher, date, address).")
            for source in checklist.sources if source.id not in anchors]
