"""The data model of a flow: questions, options, outcomes, links. Frozen dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_HEADINGS = {"look_for": "What to look for", "watch_out": "Watch out for", "next_steps": "Next steps"}


def anchor_prefix(flow_id: str) -> str:
    """The one rule for a node's anchor on a page: prefix + node id (e.g. flow-hiring-deploy-pain).

    The page carries it as data-anchor-prefix, so templates, the script and the PDF read it there."""
    return f"flow-{flow_id}-"


@dataclass(frozen=True)
class Condition:
    """When a part of an outcome is shown: plain data over facts, no expression language.

    A term (`op` "is": the fact `fact` holds one of `values`), or "all", "any" or "not" of
    `parts`. A fact no answer on the route recorded holds no value, so no term on it holds."""

    op: str                               # "is", "all", "any" or "not"
    line: int
    fact: str = ""
    values: tuple[str, ...] = ()
    parts: tuple[Condition, ...] = ()

    def holds(self, facts: Mapping[str, str]) -> bool:
        """Whether the condition holds for the facts a route recorded (fact -> value)."""
        if self.op == "is":
            return facts.get(self.fact) in self.values
        if self.op == "not":
            return not self.parts[0].holds(facts)
        if self.op == "all":
            return all(part.holds(facts) for part in self.parts)
        return any(part.holds(facts) for part in self.parts)

    def terms(self) -> list[Condition]:
        """Every term in it, in reading order."""
        if self.op == "is":
            return [self]
        return [term for part in self.parts for term in part.terms()]

    def as_data(self) -> list:
        """The compact form the page hands flow.js (data-flow-when): ["is", fact, value...],
        or [op, part...]."""
        if self.op == "is":
            return ["is", self.fact, *self.values]
        return [self.op, *(part.as_data() for part in self.parts)]


@dataclass(frozen=True)
class Part:
    """A piece of an outcome's text (a paragraph or a list item), shown when `when` holds
    (always when it is None)."""

    text: str
    line: int
    when: Condition | None = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Fact:
    """A fact the flow's answers may record (`records:`), with the values it may take."""

    name: str
    values: tuple[str, ...]
    line: int


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
    records: Mapping[str, str] = field(default_factory=dict)  # facts this answer records (fact -> value)
    records_line: int = 0


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
    when: Condition | None = None

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
    """An outcome node: a recommendation with its reasons and links. Every part but the
    title may hold pieces shown only when their condition holds (`Part.when`)."""

    id: str
    title: str
    summary: tuple[Part, ...]      # paragraphs
    reasoning: tuple[Part, ...]    # paragraphs
    look_for: tuple[Part, ...]
    watch_out: tuple[Part, ...]
    next_steps: tuple[Part, ...]
    links: tuple[Link, ...]
    line: int
    check: tuple[Part, ...] = ()   # questions to ask the team before acting
    kit: str | None = None         # id of the hiring kit this outcome recommends
    kit_note: tuple[Part, ...] = ()  # what to stress in that kit for this outcome (paragraphs)
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
    facts: Mapping[str, Fact] = field(default_factory=dict)  # declared under `facts:`, in file order

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
