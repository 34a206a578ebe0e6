"""Terms of art in flow text: the page's abbreviations, as segments the template wraps in <abbr>.

A flow is rendered HTML stashed away from the Markdown tree, so Python-Markdown's `abbr`
never sees its text. The block therefore hands the template the same abbreviations
`abbr` uses on that page (its definitions, including the auto-appended glossary), and
`Terms.split` cuts a text into plain and term segments. `Terms.mark` is what the flow
template calls on each text (the `gloss` filter): a text with no term comes back as it
is (the template escapes it); in one with terms, each term is written by a small
template (partials/flow-term.html), once per page, and the text around it is escaped.
No HTML here.

Once per question or outcome, not at every use as `abbr` does in a page's prose (the rule
and its variant for flows: `guide.glossary.first_use`): the flow is read one node at a time,
so each node explains its own terms at their first use; and Material mounts a tooltip on
every <abbr title> at load, which at 440 terms in the hiring flow cost the page most of its
script time (Lighthouse: 380 ms of blocking time).

Why not a Jinja macro: the flow template marks every text of every node, and a macro
call (or a template render per text) costs a new context each time.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import jinja2
from markupsafe import Markup, escape

from guide.glossary.first_use import FirstUses


@dataclass(frozen=True)
class Segment:
    """A piece of text; a term has its definition as title, and `focus` on its first use in a scope."""

    text: str
    title: str | None = None
    focus: bool = False


class Terms:
    """Whole-word, case-sensitive matches of the abbreviations, longest first (as `abbr` does)."""

    def __init__(self, abbreviations: Mapping[str, str] | None = None,
                 template: jinja2.Template | None = None) -> None:
        """`template` writes one term (`term`, a Segment) as HTML; it must autoescape."""
        self._titles = {term: title for term, title in (abbreviations or {}).items() if term and title}
        words = sorted(self._titles, key=len, reverse=True)
        self._pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b") if words else None
        self._uses = FirstUses()  # scopes: the nodes
        self._template = template
        self._written: dict[Segment, Markup] = {}

    def mark(self, text: str, scope: Hashable | None = None, link: bool = False) -> str | Markup:
        """`text` with its terms as <abbr>, or as it is when it has none. Each term is written
        by the template once per page (a term, its definition and focus), then reused; the
        text around the terms is escaped."""
        if self._template is None:
            return text
        segments = self.split(text, scope, link)
        if len(segments) == 1 and segments[0].title is None:
            return text
        return Markup("").join(escape(part.text) if part.title is None else self._write(part) for part in segments)

    def _write(self, term: Segment) -> Markup:
        if term not in self._written:
            assert self._template is not None
            self._written[term] = Markup(self._template.render(term=term))  # noqa: S704 (the template autoescapes)
        return self._written[term]

    def split(self, text: str, scope: Hashable | None = None, link: bool = False) -> list[Segment]:
        """`text` as segments: a term is explained once in each scope (a node id), at its
        first use outside a link, as a focus stop, and at its first use in a link (`link`:
        an answer, a link's label) when nothing before it in the node used it, with no
        focus stop (a link is one already). Later uses, and text with no scope, stay plain:
        a flow is read one question at a time, and every <abbr> costs the page a tooltip."""
        if self._pattern is None or not text or scope is None:
            return [Segment(text)]
        segments: list[Segment] = []
        at = 0
        for match in self._pattern.finditer(text):
            title = self._titles[match.group()]
            # Text in a link (first_use.FOCUS: no focus stop inside a control) is left out of
            # the focus stops, not of the explanations.
            first, focus = self._uses.meet(title, scope, left_out=link)
            if not (first or focus):
                continue  # already explained here: stays in the plain text around it
            if match.start() > at:
                segments.append(Segment(text[at:match.start()]))
            segments.append(Segment(match.group(), title, focus))
            at = match.end()
        if at < len(text):
            segments.append(Segment(text[at:]))
        return segments
