"""The first use of a term of art: one rule for pages, flows and the PDF.

A term (an `<abbr title>` made from the glossary) is explained at its first use in a scope,
not at every use: the reader meets the definition once, and a page does not fill with
focus stops, tooltips or bracketed definitions. `FirstUses` keeps what a scope has met;
`first_uses` walks a tree (Python-Markdown's, or BeautifulSoup's) in reading order and
returns the first use of each term outside the elements its context leaves out.

Each context has its own scope and its own elements left out, on purpose:

| Context | The first use gets | Scope | Uses that do not count |
| --- | --- | --- | --- |
| a page (`markdown_ext.first_use_focus`) | `tabindex="0"`: a focus stop, so that the keyboard reaches the tooltip of every term once (`abbr` makes every use an `<abbr>` already) | the page | inside a control (`FOCUS`): a focus stop inside a link, button or summary is invalid |
| a flow (`guide.flows.terms`) | its `<abbr>` and the focus stop | one question or outcome: the flow is read one at a time | for the focus stop, text inside a link (`FOCUS`: an answer, a link's label, which the flow template marks `link=True`); a term first used in a link is still explained there, with no focus stop (the link is one) |
| the PDF (`guide.pdf.paper`) | class `guide-pdf-term`: its definition in brackets after it | the page | where a definition would not help (`PRINT`): titles, figures (the diagram), link text (a flow's answers) and the Glossary page's list |

Plain logic: no Markdown, no MkDocs, no BeautifulSoup import.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

E = TypeVar("E")

# The Glossary page's list of every term with its definition (`/// glossary`).
LIST_CLASS = "guide-glossary"


@dataclass(frozen=True)
class Context:
    """The elements inside which a use of a term does not count as its first use."""

    tags: frozenset[str]
    classes: frozenset[str] = frozenset()

    def leaves_out(self, tag: Any, classes: Callable[[], Iterable[str]]) -> bool:
        """Whether uses inside an element with this tag (and the classes, asked for only
        when the context names some) do not count."""
        return tag in self.tags or (bool(self.classes) and not self.classes.isdisjoint(classes()))


# No focus stop inside a control: pages and flows.
FOCUS = Context(frozenset({"a", "button", "summary", "label", "select", "textarea", "option"}))
# No definition in brackets on paper: in titles, figures, link text and the glossary itself.
PRINT = Context(frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "figure", "a"}), frozenset({LIST_CLASS}))


class FirstUses:
    """The terms met so far in each scope: every use, and the uses that count."""

    def __init__(self) -> None:
        self._met: set[tuple[Hashable, str]] = set()
        self._counted: set[tuple[Hashable, str]] = set()

    def meet(self, title: str, scope: Hashable = None, *, left_out: bool = False) -> tuple[bool, bool]:
        """Note a use of the term defined by `title` in `scope`. Return whether it is the
        first use there, and whether it is the first use that counts (`left_out`: inside an
        element the context leaves out, it never is)."""
        key = (scope, title)
        first = key not in self._met
        if first:
            self._met.add(key)
        if left_out or key in self._counted:
            return first, False
        self._counted.add(key)
        return first, True


@dataclass(frozen=True)
class Tree:
    """How to read one kind of element tree."""

    children: Callable[[Any], Iterable[Any]]
    tag: Callable[[Any], Any]
    classes: Callable[[Any], Iterable[str]]
    title: Callable[[Any], str | None]


# Python-Markdown's tree (xml.etree elements): a page being converted.
MARKDOWN_TREE = Tree(
    children=iter,
    tag=lambda element: element.tag,
    classes=lambda element: (element.get("class") or "").split(),
    title=lambda element: element.get("title"),
)
# BeautifulSoup's tree: a built page (text and comments have no name, and are skipped).
SOUP_TREE = Tree(
    children=lambda element: (child for child in element.children if child.name is not None),
    tag=lambda element: element.name,
    classes=lambda element: element.get("class") or (),
    title=lambda element: element.get("title"),
)


def first_uses(root: E, context: Context, tree: Tree) -> list[E]:
    """The `<abbr title>` elements under `root` (one scope) that are the first use of their
    term, in reading order, leaving out uses inside the elements `context` names."""
    uses = FirstUses()
    found: list[E] = []

    def walk(element: E, left_out: bool) -> None:
        for child in tree.children(element):
            tag = tree.tag(child)
            if tag == "abbr":
                title = tree.title(child)
                if title and uses.meet(str(title), left_out=left_out)[1]:
                    found.append(child)
                continue
            walk(child, left_out or context.leaves_out(tag, lambda: tree.classes(child)))  # noqa: B023 (called at once)

    walk(root, False)
    return found
