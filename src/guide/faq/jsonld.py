"""schema.org FAQPage data from a rendered FAQ page.

A question on the page is `<details class="guide-faq" id="slug">` with the question in
its `<summary>` and the answer in the rest of the element. This module reads those
elements from the page's HTML and returns the JSON-LD object search engines read
(https://schema.org/FAQPage). Plain Python, no MkDocs import: the hook
`faq_jsonld.py` calls it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

FAQ_CLASS = "guide-faq"
# Parts of an answer that are page furniture, not answer text: the "Link to this
# question" line and heading permalinks.
SKIPPED_CLASSES = frozenset({"guide-faq__permalink", "headerlink"})
# Elements that never have an end tag.
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                           "meta", "source", "track", "wbr"})
# Block-level elements: their edges separate words ("</p><p>" must not glue two words).
BLOCK_ELEMENTS = frozenset({
    "address", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "section", "summary",
    "table", "td", "th", "tr", "ul",
})


class FaqMarkupError(ValueError):
    """A guide-faq element the page cannot be described from (no id, question or answer);
    `number` is the question's place on the page (1 for the first)."""

    def __init__(self, message: str, number: int) -> None:
        super().__init__(message)
        self.number = number


_FAQ_OPENING = re.compile(r"<details\b[^>]*\bclass=[\"'][^\"']*\b" + re.escape(FAQ_CLASS) + r"\b", re.IGNORECASE)


def question_line(markdown_source: str, number: int) -> int | None:
    """The line of the page's Markdown source where its `number`-th guide-faq question opens
    (the built page has no lines of the source), or None when the source has fewer."""
    for count, found in enumerate(_FAQ_OPENING.finditer(markdown_source), 1):
        if count == number:
            return markdown_source.count("\n", 0, found.start()) + 1
    return None


@dataclass(frozen=True)
class FaqEntry:
    """One question of the FAQ page, as plain text."""

    anchor: str
    question: str
    answer: str


def _classes(attrs: list[tuple[str, str | None]]) -> set[str]:
    """The class names in a start tag's attributes."""
    return set((dict(attrs).get("class") or "").split())


def _clean(text: str) -> str:
    """Collapse runs of whitespace to one space and trim the ends."""
    return re.sub(r"\s+", " ", text).strip()


class _FaqParser(HTMLParser):
    """Collects every top-level guide-faq details element (nested ones are answer text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[tuple[str | None, list[str], list[str], int]] = []
        self._details_depth = 0      # open <details> inside the current entry (0 = outside)
        self._in_summary = False
        self._skip: tuple[str, int] | None = None  # (tag, nesting) of a skipped element
        self._question: list[str] = []
        self._answer: list[str] = []
        self._anchor: str | None = None
        self._summaries = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._details_depth == 0:
            if tag == "details" and FAQ_CLASS in _classes(attrs):
                self._details_depth = 1
                self._anchor = dict(attrs).get("id")
                self._question, self._answer, self._summaries = [], [], 0
            return
        if self._skip is not None:
            if tag == self._skip[0]:
                self._skip = (tag, self._skip[1] + 1)
            return
        if tag not in VOID_ELEMENTS and _classes(attrs) & SKIPPED_CLASSES:
            self._skip = (tag, 1)
            return
        if tag == "details":
            self._details_depth += 1
        elif tag == "summary" and self._details_depth == 1:
            self._in_summary = True
            self._summaries += 1
            return
        if tag in BLOCK_ELEMENTS:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._details_depth == 0:
            return
        if self._skip is not None:
            if tag == self._skip[0]:
                depth = self._skip[1] - 1
                self._skip = (tag, depth) if depth else None
            return
        if tag == "summary" and self._in_summary:
            self._in_summary = False
            return
        if tag == "details":
            self._details_depth -= 1
            if self._details_depth == 0:
                self.entries.append((self._anchor, self._question, self._answer, self._summaries))
                return
        if tag in BLOCK_ELEMENTS:
            self._text(" ")

    def handle_data(self, data: str) -> None:
        if self._details_depth and self._skip is None:
            self._text(data)

    def _text(self, data: str) -> None:
        (self._question if self._in_summary else self._answer).append(data)


def extract_faq_entries(html: str) -> list[FaqEntry]:
    """Every guide-faq question of a rendered page, in page order.

    Raises FaqMarkupError, naming the question, when one has no id, not exactly one
    summary, an empty question or an empty answer, or when two share an id.
    """
    if FAQ_CLASS not in html:  # most pages: no need to parse them
        return []
    parser = _FaqParser()
    parser.feed(html)
    parser.close()
    entries: list[FaqEntry] = []
    seen: set[str] = set()
    for number, (anchor, question_parts, answer_parts, summaries) in enumerate(parser.entries, 1):
        question, answer = _clean("".join(question_parts)), _clean("".join(answer_parts))
        where = f"FAQ question {number} ({question or 'no question text'!r})"
        if summaries != 1:
            raise FaqMarkupError(f"{where}: needs exactly one <summary> holding the question, "
                                 f"found {summaries}", number)
        if not question:
            raise FaqMarkupError(f"{where}: its <summary> is empty; write the question there", number)
        if not anchor:
            raise FaqMarkupError(f'{where}: add an id, e.g. <details class="{FAQ_CLASS}" id="slug">', number)
        if anchor in seen:
            raise FaqMarkupError(f"{where}: id {anchor!r} is used by an earlier question; "
                                 "give each question its own id", number)
        if not answer:
            raise FaqMarkupError(f"{where}: has no answer after the <summary>", number)
        seen.add(anchor)
        entries.append(FaqEntry(anchor=anchor, question=question, answer=answer))
    return entries


def faq_page_jsonld(entries: list[FaqEntry]) -> dict[str, object]:
    """The schema.org FAQPage object for these questions (ready for json.dumps)."""
    if not entries:
        raise ValueError("an FAQPage needs at least one question")
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                "acceptedAnswer": {"@type": "Answer", "text": entry.answer},
            }
            for entry in entries
        ],
    }
