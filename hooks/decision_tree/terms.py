"""Terms of art in flow text: the page's abbreviations, as segments the template wraps in <abbr>.

A flow is rendered HTML stashed away from the Markdown tree, so Python-Markdown's `abbr`
never sees its text. The block therefore hands the template the same abbreviations
`abbr` uses on that page (its definitions, including the auto-appended glossary), and
`Terms.split` cuts a text into plain and term segments; the template escapes each and
writes the <abbr> element. No HTML here.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    """A piece of text; a term has its definition as title, and `focus` on its first use in a scope."""

    text: str
    title: str | None = None
    focus: bool = False


class Terms:
    """Whole-word, case-sensitive matches of the abbreviations, longest first (as `abbr` does)."""

    def __init__(self, abbreviations: Mapping[str, str] | None = None) -> None:
        self._titles = {term: title for term, title in (abbreviations or {}).items() if term and title}
        words = sorted(self._titles, key=len, reverse=True)
        self._pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b") if words else None
        self._seen: set[tuple[Hashable, str]] = set()

    def split(self, text: str, scope: Hashable | None = None) -> list[Segment]:
        """`text` as segments. With a scope (a node id), the first use of each definition in
        that scope is marked `focus`; without one (text inside a link) none is."""
        if self._pattern is None or not text:
            return [Segment(text)]
        segments: list[Segment] = []
        at = 0
        for match in self._pattern.finditer(text):
            if match.start() > at:
                segments.append(Segment(text[at:match.start()]))
            title = self._titles[match.group()]
            key = (scope, title)
            focus = scope is not None and key not in self._seen
            if focus:
                self._seen.add(key)
            segments.append(Segment(match.group(), title, focus))
            at = match.end()
        if at < len(text):
            segments.append(Segment(text[at:]))
        return segments
