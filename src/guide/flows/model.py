"""The data model of a flow: questions, options, outcomes, links. Frozen dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_HEADINGS = {"look_for": "What to look for", "watch_out": "Watch out for", "next_steps": "Next steps"}


def anchor_prefix(flow_id: str) -> str:
    """The one rule for a node's anchor on a page: prefix + node id (e.g. flow-hiring-deploy-pain).

    The page carries it as data-anchor-prefix, so templates, the script and the PDF read it there."""
    return f"flow-{flow_id}-"


@dataclass(frozen=True)
class Option:
    """An answer to a question and the node it leads to."""

    label: str
    next: str
    line: int        # of the label
    next_line: int   # of the next: key
    note: str | None = None     # what this answer tells us
    assumes: str | None = None  # what the flow assumes when this ("not sure") answer is picked
    number: int = 0             # its place in the question's list, from 1, as printed before it


@dataclass(frozen=True)
class KitTarget:
    """A hiring kit as a flow outcome links to it: its title and its page (relative to docs/)."""

    title: str
    page: str


@dataclass(frozen=True)
class Link:
    """A link to a page of the site (path relative to the docs folder), or to a place on it."""

    page: str
    label: str
    line: int
    anchor: str | None = None  # an id on that page (faq.md#osfi-e-23), checked once the pages are built

    @property
    def target(self) -> str:
        """The link as written in the flow: the page, and the anchor after a '#'."""
        return f"{self.page}#{self.anchor}" if self.anchor else self.page


@dataclass(frozen=True)
class Question:
    """A question node."""

    id: str
    question: str
    hint: str | None
    options: tuple[Option, ...]
    line: int
    check: tuple[str, ...] = ()  # questions to ask the team when unsure
    kind: str = "question"


@dataclass(frozen=True)
class Outcome:
    """An outcome node: a recommendation with its reasons and links."""

    id: str
    title: str
    summary: str
    reasoning: str
    look_for: tuple[str, ...]
    watch_out: tuple[str, ...]
    next_steps: tuple[str, ...]
    links: tuple[Link, ...]
    line: int
    check: tuple[str, ...] = ()  # questions to ask the team before acting
    kit: str | None = None       # id of the hiring kit this outcome recommends
    kit_note: str | None = None  # what to stress in that kit for this outcome
    kit_none: str | None = None  # why no hiring kit applies
    kit_line: int = 0            # of the kit: (or kit_none:) key
    kind: str = "outcome"


Node = Question | Outcome


@dataclass(frozen=True)
class Flow:
    """A whole, validated flow."""

    id: str
    title: str
    intro: str
    start: str
    headings: Mapping[str, str]
    nodes: Mapping[str, Node]
    source: str

    @property
    def questions(self) -> list[Question]:
        """Question nodes in file order."""
        return [n for n in self.nodes.values() if isinstance(n, Question)]

    @property
    def outcomes(self) -> list[Outcome]:
        """Outcome nodes in file order."""
        return [n for n in self.nodes.values() if isinstance(n, Outcome)]

    @property
    def anchor_prefix(self) -> str:
        """Prefix of every node's anchor on the page showing this flow."""
        return anchor_prefix(self.id)
