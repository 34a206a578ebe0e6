"""The data model of the job-ad checker's rules. Frozen dataclasses; the text each holds is
in the rules file's language."""

from __future__ import annotations

from dataclasses import dataclass

LABELS = ("ml-engineer", "mlops-engineer", "ai-engineer", "data-engineer", "other")


@dataclass(frozen=True)
class Role:
    """A label a duty line can get, with examples for the checklist read by hand."""

    id: str
    title: str  # the job title that fits this work
    name: str
    examples: tuple[str, ...]
    kit: str | None = None  # the hiring kit to start from
    line: int = 0


@dataclass(frozen=True)
class Section:
    """Headings that start a part of the ad of one kind (duties, requirements, ...)."""

    kind: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Cues:
    """Words that tell a line outside any section apart from a duty."""

    requirement: tuple[str, ...]
    benefit: tuple[str, ...]
    blurb: tuple[str, ...]
    duty: tuple[str, ...]
    pay: tuple[str, ...]
    not_pay: tuple[str, ...]
    open_pay: tuple[str, ...]
    remote_anywhere: tuple[str, ...]


@dataclass(frozen=True)
class DutyRule:
    """Words that make a duty line one kind of work: phrases alone, or a verb with an object,
    unless an exception is there."""

    id: str
    label: str
    reason: str
    weight: int
    examples: tuple[str, ...]
    phrases: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class TitleRule:
    """Words in a job title that name a role."""

    id: str
    role: str
    terms: tuple[str, ...]
    examples: tuple[str, ...]
    line: int = 0
    specialisms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdicts:
    """The thresholds of the verdicts (shares of the duties that name a role)."""

    role_share: float
    mixed_share: float
    min_duties: int
    unicorn_roles: int
    unicorn_duties: int
    other_share: float


@dataclass(frozen=True)
class Question:
    """A Canadian posting question; its dates, provinces and sources are the posting
    checklist's rules it cites (one place for each fact)."""

    id: str
    check: str
    rules: tuple[str, ...]
    ask: str
    fix: str
    phrases: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    line: int = 0
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class Posting:
    """The posting questions and their introduction."""

    title: str
    intro: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Rules:
    """A whole, checked rules file."""

    language: str
    roles: tuple[Role, ...]
    sections: tuple[Section, ...]
    cues: Cues
    duty_rules: tuple[DutyRule, ...]
    titles: tuple[TitleRule, ...]
    title_rules: tuple[str, ...]
    verdicts: Verdicts
    posting: Posting
    source: str = ""  # the file, as named in messages

    def role(self, role_id: str) -> Role:
        return next(role for role in self.roles if role.id == role_id)
