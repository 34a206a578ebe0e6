"""The print document laid out by WeasyPrint and written as a tagged PDF, with what
WeasyPrint warned about (each refused or missing file: a warning, which fails a strict build)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .fetcher import site_fetcher


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass(frozen=True)
class RenderResult:
    """A written PDF: how many pages, and what WeasyPrint warned about; `refused` pairs each
    refused URL with its warning, so the hook can say where the URL was written."""

    page_count: int
    warnings: tuple[str, ...]
    refused: tuple[tuple[str, str], ...] = ()


def write_pdf(html: str, *, base_url: Path, target: Path,
              extra_warnings: Iterable[str] = ()) -> RenderResult:
    """Lay the document out with WeasyPrint and write the PDF to target.

    WeasyPrint reads only files inside base_url (the built site) and data: URLs
    (`site_fetcher`); each refused URL is one warning, which fails a strict build.
    """
    import weasyprint  # only an export build needs it

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
    where = tuple(zip(fetcher.refused_urls, refused, strict=True))
    # WeasyPrint's own message for a refused URL ("Failed to load image at ...: RefusedURL: ...")
    # repeats ours: keep one.
    others = [m for m in collect.messages if not any(r in m for r in fetcher.refused)]
    return RenderResult(page_count=len(document.pages), warnings=(*extra_warnings, *refused, *others), refused=where)
